INSERT INTO author (id, name) VALUES (1, 'Ursula K. Le Guin'), (2, 'Stanisław Lem');
INSERT INTO book (author_id, title) VALUES (1, 'The Dispossessed'), (2, 'Solaris');
CREATE TRIGGER book_title_trim AFTER INSERT ON book
BEGIN
  UPDATE book SET title = trim(title) WHERE id = NEW.id;
END;
