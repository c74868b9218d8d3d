package com.example;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.Row;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A tiny application on libsql-client and libsql-jdbc, as a user would write it. */
public final class Notes {
  private final String url;

  /** Notes stored in the database at {@code url} (file:, ws:, http:, libsql:). */
  public Notes(String url) {
    this.url = url;
  }

  /** Adds a note with the client API and returns all notes, oldest first. */
  public List<String> add(String text) {
    try (Client db = Libsql.createClient(Config.builder(url).build())) {
      db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)");
      db.execute("INSERT INTO notes (text) VALUES (?)", text);
      List<String> notes = new ArrayList<>();
      for (Row row : db.execute("SELECT text FROM notes ORDER BY id")) {
        notes.add(row.getString("text"));
      }
      return notes;
    }
  }

  /** The number of notes, read through the JDBC driver. */
  public long count() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:libsql:" + url);
         ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM notes")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
