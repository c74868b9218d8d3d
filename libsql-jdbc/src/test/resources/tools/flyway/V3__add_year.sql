ALTER TABLE ${prefix}_book ADD COLUMN published INTEGER;
UPDATE ${prefix}_book SET published = CASE title
  WHEN 'The Dispossessed' THEN 1974
  WHEN 'The Left Hand of Darkness' THEN 1969
  ELSE 1961 END;
-- a trigger: its body holds semicolons, which Flyway's SQLite parser must keep together
CREATE TRIGGER ${prefix}_book_title_trim AFTER INSERT ON ${prefix}_book
BEGIN
  UPDATE ${prefix}_book SET title = trim(title) WHERE id = NEW.id;
END;
