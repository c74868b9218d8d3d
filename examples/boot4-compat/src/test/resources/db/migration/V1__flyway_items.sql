CREATE TABLE flyway_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO flyway_items (name) VALUES ('from flyway');
