INSERT INTO ${prefix}_author (id, name) VALUES (1, 'Ursula K. Le Guin'), (2, 'Stanisław Lem');
INSERT INTO ${prefix}_book (author_id, title) VALUES
  (1, 'The Dispossessed'),
  (1, 'The Left Hand of Darkness'),
  (2, 'Solaris');
