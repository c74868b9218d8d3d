package io.libsql.client;

import io.libsql.client.internal.call.Call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.libsql.testing.SqldServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The differential test: generated calls (execute, batch, executeMultiple, stream, transaction,
 * session) with generated SQL and arguments, valid and broken, run on a local file and, against one
 * real sqld, over ws (hrana3-protobuf, hrana3 JSON, hrana2, hrana1), http (Protobuf, JSON) and through an
 * embedded replica. Every outcome (rows with value types, rowsAffected, lastInsertRowid, error code,
 * statementIndex) and the table's contents afterwards must be what the local file gives. After each
 * case every client must still take a write in a batch (no transaction left open) and the replica
 * must still sync; at the end each client is reopened and every follow-up write must be there.
 *
 * <p>Deterministic: case {@code i} is generated from seed {@code SEED + i}; a failure names the case
 * and its seed. The differences sqld makes unavoidable (README, "Differences") are not generated.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DifferentialTest {
  static final long SEED = 17_000L;
  static final int CASES = 240;

  static SqldServer sqld;
  static Path dir;
  static final List<Target> targets = new ArrayList<>();
  static final List<String> unhealthy = new ArrayList<>();

  /** One way to reach a database, its client, and the table its cases run on. */
  static final class Target {
    final String name;
    final Config config;
    final String table;
    Client client;
    long nanos;

    Target(String name, Config config) {
      this.name = name;
      this.config = config;
      this.table = "d_" + name.replace('-', '_');
    }

    String sql(String template) {
      return template.replace("{T}", table);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    // On tmpfs where there is one: the outcomes do not depend on fsync, and a busy shared disk
    // would make the run several times slower.
    Path shm = Path.of("/dev/shm");
    dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "differential")
        : Files.createTempDirectory("differential");
    sqld = SqldServer.builder().dataDir(dir.resolve("sqld")).start();
    targets.add(new Target("file", Config.builder("file:" + dir.resolve("local.db")).build()));
    targets.add(new Target("ws-hrana3-protobuf", Config.builder(sqld.wsUrl()).hranaVersion(3).encoding(Encoding.PROTOBUF).build()));
    targets.add(new Target("ws-hrana3-json", Config.builder(sqld.wsUrl()).hranaVersion(3).encoding(Encoding.JSON).build()));
    targets.add(new Target("ws-hrana2", Config.builder(sqld.wsUrl()).hranaVersion(2).build()));
    targets.add(new Target("ws-hrana1", Config.builder(sqld.wsUrl()).hranaVersion(1).build()));
    targets.add(new Target("http-protobuf", Config.builder(sqld.httpUrl()).encoding(Encoding.PROTOBUF).build()));
    targets.add(new Target("http-json", Config.builder(sqld.httpUrl()).encoding(Encoding.JSON).build()));
    targets.add(new Target("replica", Config.builder("file:" + dir.resolve("replica.db")).syncUrl(sqld.httpUrl()).build()));
    for (Target t : targets) {
      t.client = Libsql.createClient(t.config);
      t.client.execute(t.sql("CREATE TABLE {T} (id INTEGER PRIMARY KEY, a, b TEXT UNIQUE,"
          + " c INTEGER NOT NULL DEFAULT 0, n INTEGER CHECK (n >= 0))"));
      t.client.execute(t.sql("CREATE TABLE {T}_h (k INTEGER)"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Target t : targets) {
      if (t.client != null) {
        t.client.close();
      }
    }
    if (sqld != null) {
      sqld.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void everyTransportGivesTheLocalOutcome() {
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      Case c = Case.generate(new Random(SEED + i));
      Map<String, String> outcomes = new LinkedHashMap<>();
      for (Target t : targets) {
        long start = System.nanoTime();
        outcomes.put(t.name, runCase(t, c, i));
        t.nanos += System.nanoTime() - start;
      }
      String expected = outcomes.get("file");
      for (Map.Entry<String, String> e : outcomes.entrySet()) {
        if (!e.getValue().equals(expected)) {
          mismatches.add("case " + i + " (seed " + (SEED + i) + ") " + c + "\n  file: " + expected
              + "\n  " + e.getKey() + ": " + e.getValue());
        }
      }
    }
    assertEquals(List.of(), unhealthy.subList(0, Math.min(20, unhealthy.size())), "clients left unhealthy");
    for (Target t : targets) {
      t.client.close();
      t.client = Libsql.createClient(t.config);
      long kept = t.client.execute(t.sql("SELECT count(*) FROM {T}_h")).rows().get(0).getLong(0);
      assertEquals(CASES, kept, t.name + ": follow-up writes lost after close and reopen");
    }
    for (Target t : targets) {
      System.out.printf("%s: %d ms for %d cases%n", t.name, t.nanos / 1_000_000, CASES);
    }
    System.out.println("DIFF-MISMATCHES " + mismatches.size() + "\n" + String.join("\n", mismatches));
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " outcomes differ from file:\n" + String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))));
    }
  }

  /** Runs the case on a cleared table, then checks the client is healthy. */
  static String runCase(Target t, Case c, int caseNo) {
    t.client.execute(t.sql("DELETE FROM {T}"));
    String outcome = c.run(t.client, t::sql);
    String state = outcome(() -> t.client.execute(t.sql("SELECT * FROM {T} ORDER BY id")));
    try {
      t.client.batch(List.of(Statement.of(t.sql("INSERT INTO {T}_h VALUES (?)"), caseNo)));
      if (t.name.equals("replica")) {
        t.client.sync();
      }
    } catch (LibsqlException e) {
      unhealthy.add(t.name + " after case " + caseNo + " " + c + ": " + e);
    }
    return outcome + " | state " + state;
  }

  interface Call {
    Object run() throws Exception;
  }

  static String outcome(Call call) {
    try {
      return describe(call.run());
    } catch (LibsqlException e) {
      return "ERR " + e.code() + (e.statementIndex() >= 0 ? "@" + e.statementIndex() : "");
    } catch (Exception e) {
      return "THROWN " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  static String describe(Object o) {
    if (o == null) {
      return "ok";
    }
    if (o instanceof ResultSet) {
      ResultSet rs = (ResultSet) o;
      return "rs" + rs.columns() + rows(rs.rows()) + " affected=" + rs.rowsAffected() + " rowid=" + rs.lastInsertRowid();
    }
    if (o instanceof List) {
      return ((List<?>) o).stream().map(DifferentialTest::describe).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(o);
  }

  static String rows(List<Row> rows) {
    return rows.stream().map(r -> r.values().stream().map(DifferentialTest::value).collect(Collectors.joining(",", "(", ")")))
        .collect(Collectors.joining("", "{", "}"));
  }

  static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof byte[]) {
      return "x'" + HexFormat.of().formatHex((byte[]) v) + "'";
    }
    if (v instanceof String) {
      return "'" + v + "'";
    }
    return v + ":" + v.getClass().getSimpleName().charAt(0);
  }

  /** A statement as generated: SQL with {T} for the table, positional or named arguments. */
  static final class Stmt {
    final String sql;
    final List<Object> args;
    final Map<String, Object> named;

    Stmt(String sql, List<Object> args, Map<String, Object> named) {
      this.sql = sql;
      this.args = args;
      this.named = named;
    }

    Statement bind(java.util.function.UnaryOperator<String> table) {
      String s = table.apply(sql);
      return named != null ? Statement.named(s, named) : Statement.of(s, args.toArray());
    }

    @Override
    public String toString() {
      return "\"" + sql + "\"" + (named != null ? named : args.isEmpty() ? "" : args.stream().map(DifferentialTest::value)
          .collect(Collectors.toList()));
    }
  }

  enum Op {
    EXECUTE, BATCH, BATCH_WRITE, BATCH_READ, SCRIPT, STREAM, TRANSACTION, TRANSACTION_ROLLBACK, TRANSACTION_BATCH,
    SESSION, SESSION_BATCH, SESSION_SCRIPT
  }

  /** One generated call. */
  static final class Case {
    final Op op;
    final List<Stmt> stmts;

    Case(Op op, List<Stmt> stmts) {
      this.op = op;
      this.stmts = stmts;
    }

    @Override
    public String toString() {
      return op + " " + stmts;
    }

    static Case generate(Random r) {
      Op op = Op.values()[r.nextInt(Op.values().length)];
      int n = op == Op.EXECUTE || op == Op.STREAM ? 1 : r.nextInt(4) + (op == Op.SCRIPT ? 1 : 0);
      if (op != Op.BATCH && op != Op.BATCH_WRITE && n == 0) {
        n = 1;
      }
      List<Stmt> stmts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        stmts.add(op == Op.SCRIPT || op == Op.SESSION_SCRIPT ? Gen.literal(r) : op == Op.BATCH_READ ? Gen.read(r) : Gen.any(r));
      }
      return new Case(op, stmts);
    }

    String run(Client client, java.util.function.UnaryOperator<String> table) {
      List<Statement> bound = new ArrayList<>();
      for (Stmt s : stmts) {
        bound.add(s.bind(table));
      }
      switch (op) {
        case EXECUTE:
          return outcome(() -> client.execute(bound.get(0)));
        case BATCH:
          return outcome(() -> client.batch(bound));
        case BATCH_WRITE:
          return outcome(() -> client.batch(TransactionMode.WRITE, bound));
        case BATCH_READ:
          return outcome(() -> client.batch(TransactionMode.READ, bound));
        case SCRIPT:
          return outcome(() -> {
            client.executeMultiple(bound.stream().map(Statement::sql).collect(Collectors.joining(";\n")));
            return null;
          });
        case STREAM:
          return outcome(() -> {
            try (Stream<Row> rows = client.stream(bound.get(0))) {
              return rows(rows.collect(Collectors.toList()));
            }
          });
        case TRANSACTION:
        case TRANSACTION_ROLLBACK: {
          List<String> out = new ArrayList<>();
          try (Transaction tx = client.transaction()) {
            for (Statement s : bound) {
              out.add(outcome(() -> tx.execute(s)));
            }
            out.add(outcome(() -> {
              if (op == Op.TRANSACTION) {
                tx.commit();
              } else {
                tx.rollback();
              }
              return null;
            }));
            out.add(outcome(() -> tx.execute("SELECT 1"))); // ended: TRANSACTION_CLOSED
          } catch (LibsqlException e) {
            out.add("ERR " + e.code());
          }
          return out.toString();
        }
        case TRANSACTION_BATCH: {
          List<String> out = new ArrayList<>();
          try (Transaction tx = client.transaction()) {
            out.add(outcome(() -> tx.batch(bound)));
            out.add(outcome(() -> tx.batch(bound.subList(0, bound.size() / 2))));
            out.add(outcome(() -> {
              tx.commit();
              return null;
            }));
          } catch (LibsqlException e) {
            out.add("ERR " + e.code());
          }
          return out.toString();
        }
        case SESSION_BATCH: {
          List<String> out = new ArrayList<>();
          try (Session session = client.session()) {
            out.add(outcome(() -> session.batch(bound)));
            out.add(outcome(() -> session.execute("SELECT count(*) FROM " + table.apply("{T}"))));
          } catch (LibsqlException e) {
            out.add("ERR " + e.code());
          }
          return out.toString();
        }
        case SESSION_SCRIPT: {
          List<String> out = new ArrayList<>();
          try (Session session = client.session()) {
            out.add(outcome(() -> {
              session.executeMultiple(bound.stream().map(Statement::sql).collect(Collectors.joining(";\n")));
              return null;
            }));
            out.add(outcome(() -> session.execute("SELECT count(*) FROM " + table.apply("{T}"))));
          } catch (LibsqlException e) {
            out.add("ERR " + e.code());
          }
          return out.toString();
        }
        case SESSION: {
          List<String> out = new ArrayList<>();
          try (Session session = client.session()) {
            for (Statement s : bound) {
              out.add(outcome(() -> session.execute(s)));
            }
          } catch (LibsqlException e) {
            out.add("ERR " + e.code());
          }
          return out.toString();
        }
        default:
          throw new AssertionError(op);
      }
    }
  }

  /** Statement generators. */
  static final class Gen {
    private Gen() {}

    static Object value(Random r) {
      switch (r.nextInt(5)) {
        case 0:
          return new long[] {0, 1, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE}[r.nextInt(6)];
        case 1:
          return new double[] {1.5, -2.25, 2.0, 1e300, 0.1}[r.nextInt(5)];
        case 2:
          return new String[] {"", "x", "héllo", "a'b", "12"}[r.nextInt(5)];
        case 3:
          return new byte[][] {{}, {0, (byte) 255}, {1}}[r.nextInt(3)];
        default:
          return null;
      }
    }

    static Object scalar(Random r) {
      Object v = value(r);
      return v instanceof byte[] ? "b" : v;
    }

    static Object key(Random r) {
      return (long) (1 + r.nextInt(3));
    }

    static Object text(Random r) {
      return r.nextInt(4) == 0 ? null : new String[] {"p", "q", "r"}[r.nextInt(3)];
    }

    /** Positional arguments, sometimes one too many or one too few. */
    static Stmt positional(Random r, String sql, Object... args) {
      List<Object> list = new ArrayList<>(java.util.Arrays.asList(args));
      int k = r.nextInt(12);
      if (k == 0) {
        list.add(value(r));
      } else if (k == 1 && !list.isEmpty()) {
        list.remove(list.size() - 1);
      }
      return new Stmt(sql, list, null);
    }

    static Stmt any(Random r) {
      int k = r.nextInt(10);
      return k < 4 ? write(r) : k < 7 ? read(r) : broken(r);
    }

    static Stmt write(Random r) {
      switch (r.nextInt(10)) {
        case 0:
          return positional(r, "INSERT INTO {T}(a, b) VALUES (?, ?)", value(r), text(r));
        case 1:
          return positional(r, "INSERT INTO {T}(id, a) VALUES (?, ?)", key(r), value(r));
        case 2: {
          Map<String, Object> named = new LinkedHashMap<>();
          named.put("a", value(r));
          int k = r.nextInt(8);
          if (k != 0) {
            named.put(k == 1 ? ":b" : "b", text(r)); // k == 0: a missing named argument
          }
          if (k == 2) {
            named.put("zz", 1L); // names no parameter
          }
          return new Stmt("INSERT INTO {T}(a, b) VALUES (:a, :b)", null, named);
        }
        case 3:
          return positional(r, "UPDATE {T} SET a = ? WHERE id = ?", value(r), key(r));
        case 4:
          return positional(r, "DELETE FROM {T} WHERE id = ?", key(r));
        case 5:
          return positional(r, "REPLACE INTO {T}(id, b) VALUES (?, ?)", key(r), text(r));
        case 6:
          return new Stmt("INSERT INTO {T}(c) VALUES (NULL)", List.of(), null);
        case 7:
          return positional(r, "INSERT INTO {T}(a, n) VALUES (1, ?)", (long) (r.nextInt(3) - 1));
        case 8:
          return new Stmt("INSERT INTO {T}(a) SELECT a FROM {T}", List.of(), null);
        default:
          return positional(r, "INSERT INTO {T}(a) VALUES (?) RETURNING id, a", value(r));
      }
    }

    static Stmt read(Random r) {
      switch (r.nextInt(8)) {
        case 0:
          return new Stmt("SELECT id, a, b, typeof(a) FROM {T} ORDER BY id", List.of(), null);
        case 1:
          return positional(r, "SELECT ?", value(r));
        case 2:
          // no blob in ||: text that is not UTF-8 cannot come back from sqld (README, differences)
          return positional(r, "SELECT ? + ?, ? || ?", value(r), value(r), scalar(r), scalar(r));
        case 3:
          return positional(r, "SELECT ?2, ?1", value(r), value(r));
        case 4:
          return new Stmt("SELECT count(*), sum(c) FROM {T}", List.of(), null);
        case 5: {
          Map<String, Object> named = new LinkedHashMap<>();
          named.put("x", value(r));
          if (r.nextInt(6) != 0) {
            named.put("@y", value(r));
          }
          return new Stmt("SELECT :x, @y, length(:x)", null, named);
        }
        case 6:
          return positional(r, "SELECT abs(?), typeof(?)", value(r), value(r));
        default:
          return new Stmt("SELECT 1 WHERE 0", List.of(), null);
      }
    }

    static final String[] BROKEN = {
      "SELEC 1",
      "SELECT * FROM {T}_missing",
      "SELECT nope FROM {T}",
      "CREATE TABLE {T} (x)",
      "",
      "   ",
      "-- only a comment",
      "/* only a comment */",
      "SELECT 1; SELECT 2",
      "INSERT INTO {T}(a) VALUES (10); INSERT INTO {T}(a) VALUES (11)",
      "SELECT 1;",
      "SELECT abs(-9223372036854775808)",
      "INSERT INTO {T}(a) VALUES (1",
      "SELECT 1 +",
    };

    static Stmt broken(Random r) {
      return new Stmt(BROKEN[r.nextInt(BROKEN.length)], List.of(), null);
    }

    /** A statement without arguments, for scripts. */
    static Stmt literal(Random r) {
      String[] sql = {
        "INSERT INTO {T}(a, b) VALUES (1, 'p')",
        "INSERT INTO {T}(id, a) VALUES (1, 'x')",
        "UPDATE {T} SET a = a + 1",
        "DELETE FROM {T} WHERE id = 2",
        "SELECT * FROM {T}",
        "INSERT INTO {T}(c) VALUES (NULL)",
        "SELEC 1",
        "SELECT nope FROM {T}",
        "SELECT abs(-9223372036854775808)",
        "-- a comment",
        "",
        "BEGIN",
        "COMMIT",
        "SELECT count(*) FROM {T}_missing",
      };
      return new Stmt(sql[r.nextInt(sql.length)], List.of(), null);
    }
  }

  @Test
  void generationIsDeterministic() {
    assertEquals(Case.generate(new Random(SEED)).toString(), Case.generate(new Random(SEED)).toString());
    assertTrue(targets.size() >= 8);
  }
}
