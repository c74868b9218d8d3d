package io.libsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell against a real sqld; subclasses choose WebSocket or HTTP. */
abstract class SqldShellContract extends ShellContract {
  @Override
  void reset() {
    dropAll(url(), null);
  }

  /** Drops every table and view, and empties sqlite_sequence. */
  static void dropAll(String url, String token) {
    try (Client c = Libsql.createClient(Config.builder(url).authToken(token).build())) {
      List<String> drops = new ArrayList<>();
      for (Row r : c.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')"
          + " AND substr(name, 1, 7) <> 'sqlite_'")) {
        drops.add("DROP " + r.getString(0) + " IF EXISTS " + Render.ident(r.getString(1)));
      }
      for (String d : drops) {
        c.execute(d);
      }
      if (c.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").size() > 0) {
        c.execute("DELETE FROM sqlite_sequence");
      }
    }
  }

  /** Fails the tests at once if the server cannot be reached over {@code url}. */
  static void requireServer(String url) {
    try (Client c = Libsql.createClient(url)) {
      c.execute("SELECT 1");
    }
  }

  /** The same URL with nothing listening: a port that was free a moment ago. */
  abstract String unreachableUrl();

  @Test
  void unreachableServerFailsWithTheCode() {
    Cli.Result r = cli.run(unreachableUrl(), "SELECT 1");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().startsWith("Error (CONNECTION_FAILED): "), r.err());
  }
}
