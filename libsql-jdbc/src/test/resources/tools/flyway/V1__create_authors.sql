-- ${prefix} keeps the tables of one run apart from other suites on the shared sqld.
CREATE TABLE ${prefix}_author (
  id INTEGER PRIMARY KEY,
  name VARCHAR(100) NOT NULL UNIQUE
);
CREATE TABLE ${prefix}_book (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES ${prefix}_author (id),
  title TEXT NOT NULL
);
CREATE INDEX ${prefix}_book_author ON ${prefix}_book (author_id);
