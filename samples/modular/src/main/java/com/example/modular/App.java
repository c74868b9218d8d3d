package com.example.modular;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryProvider;
import io.r2dbc.spi.Result;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import reactor.core.publisher.Flux;

/** What a modular application sees of libsql-java; {@link #main} prints it, one fact a line. */
public final class App {
  private App() {}

  /** The JDBC drivers ServiceLoader finds from this module, as "class in module". */
  public static List<String> drivers() {
    List<String> found = new ArrayList<>();
    for (Driver d : ServiceLoader.load(Driver.class)) {
      found.add(d.getClass().getName() + " in " + d.getClass().getModule().getName());
    }
    return found;
  }

  /** The R2DBC drivers ServiceLoader finds from this module, as "class in module". */
  public static List<String> r2dbcDrivers() {
    List<String> found = new ArrayList<>();
    for (ConnectionFactoryProvider p : ServiceLoader.load(ConnectionFactoryProvider.class)) {
      found.add(p.getClass().getName() + " in " + p.getClass().getModule().getName());
    }
    return found;
  }

  /** Creates a table in the file database at {@code path}, inserts a row and reads it back. */
  public static String roundTrip(String path) {
    try (Client db = Libsql.createClient(Config.builder("file:" + path).build())) {
      db.execute("CREATE TABLE IF NOT EXISTS t (v TEXT)");
      db.execute("INSERT INTO t VALUES (?)", "from a module");
      return db.execute("SELECT v FROM t").rows().get(0).getString(0);
    }
  }

  /** The same through R2DBC, with a {@code $1} bind marker (the driver reads SQL with the client's lexer). */
  public static String r2dbcRoundTrip(String path) {
    return Flux.usingWhen(ConnectionFactories.get("r2dbc:libsql:file://" + path).create(),
        c -> Flux.from(c.createStatement("CREATE TABLE IF NOT EXISTS r (v TEXT)").execute())
            .flatMap(Result::getRowsUpdated)
            .thenMany(c.createStatement("INSERT INTO r VALUES ($1)").bind(0, "from r2dbc").execute())
            .flatMap(Result::getRowsUpdated)
            .thenMany(c.createStatement("SELECT v FROM r").execute())
            .flatMap(r -> r.map(row -> row.get(0, String.class))),
        c -> c.close()).blockLast();
  }

  /** Tries to call into {@code io.libsql.client.internal}: the class exists but is not accessible. */
  public static String internalAccess() {
    try {
      Class<?> engines = Class.forName("io.libsql.client.internal.engine.Engines");
      engines.getMethod("open", Config.class).invoke(null, Config.builder("file::memory:").build());
      return "accessible";
    } catch (IllegalAccessException e) {
      return "not accessible";
    } catch (ReflectiveOperationException e) {
      return "failed: " + e;
    }
  }

  /**
   * Prints the JDBC and R2DBC drivers, a round trip through a file database, whether the internals are accessible, and
   * an R2DBC round trip.
   *
   * @param args the database file's path
   */
  public static void main(String[] args) {
    System.out.println("module " + App.class.getModule().getName());
    System.out.println("drivers " + drivers());
    System.out.println("r2dbc " + r2dbcDrivers());
    System.out.println("file " + roundTrip(args[0]));
    System.out.println("internal " + internalAccess());
    System.out.println("r2dbc-file " + r2dbcRoundTrip(args[0] + "-r2dbc"));
  }
}
