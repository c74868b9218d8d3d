package io.libsql.bench;

import io.libsql.testing.SqldServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end-to-end benchmark of issue 7: W1 and W3 on a local {@code file:} database with our Client
 * against plain sqlite-jdbc (first, on a fresh JVM); then one fresh sqld on 127.0.0.1 and the
 * workloads W1-W5 on {@code ws://} and {@code http://} with our {@code Client} and
 * {@code AsyncClient}, the official TypeScript client ({@code bench/ts/bench.mjs}) and the
 * raw-protocol floor (W1, W4 on ws). Prints one Markdown table and appends it, with the machine, to
 * BENCHMARKS.md. The vector workloads of issue 11 (V1 indexed inserts, V2 {@code vector_top_k}
 * queries, V3 inserts without an index) run only when named with {@code --workloads}: sqld's vector
 * index makes V1 and V2 take minutes.
 *
 * <p>For each workload and transport: fresh tables, then each contestant connects and warms up in
 * turn, then {@code reps} repetitions in which every contestant runs once (rotating who goes
 * first), so that repetition r of ours and of a peer are measured seconds apart. Every run has a
 * deadline ({@code --run-timeout-s}); a failure or overrun is recorded in the table and the run
 * goes on. Run {@code bench/run.sh --help} for the options.
 */
public final class Harness {
  static final int LOCAL_W1_ROUNDS = 10;
  static final String LOCAL_W1_ROUNDS_NOTE = LOCAL_W1_ROUNDS + " rounds per repetition";
  private static final List<String> ALL_TRANSPORTS = List.of("ws", "http", "file", "replica");

  private final Options options;
  private final Report report;
  /**
   * Runs every contestant call (connect, warm-up, repetition, close) so that the main thread can
   * give up on it at its deadline, whatever the client does; daemon threads, abandoned on timeout.
   */
  private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "bench-contestant");
    t.setDaemon(true);
    return t;
  });

  private Harness(Options options) {
    this.options = options;
    this.report = new Report(options.reps);
  }

  /** Command-line options; see {@link #USAGE}. */
  static final class Options {
    Set<Workload> workloads = EnumSet.copyOf(Workload.DEFAULTS);
    int vectorRows = Workload.DEFAULT_VECTOR_ROWS;
    Set<String> transports = new LinkedHashSet<>(ALL_TRANSPORTS);
    Set<Kind> kinds = EnumSet.allOf(Kind.class);
    int reps = 3;
    long warmupMillis = 1000;
    long runTimeoutSeconds = 30;
    Path out;
    String command;
    String node = "node";
    Path tsScript = Path.of("bench", "ts", "bench.mjs");
  }

  static final String USAGE = String.join("\n",
      "usage: Harness [options]",
      "  --workloads W1,W3     workloads to run (default W1-W5, S1, S2 (replica only); vectors: V1,V2,V3, only when named)",
      "  --vector-rows N       V1 rows per repetition and V2 index size, a multiple of 100 (default "
          + Workload.DEFAULT_VECTOR_ROWS + ")",
      "  --transports ws,file  transports: ws, http, file, replica (default all)",
      "  --contestants LIST    client, async, ts, floor (default all)",
      "  --reps N              repetitions (default 3)",
      "  --warmup-ms N         warm-up time per contestant (default 1000; quarter-size rounds, 1 to 200)",
      "  --quick               --reps 1 --warmup-ms 500",
      "  --run-timeout-s N     deadline of one connect + warm-up, or one repetition (default 30)",
      "  --out FILE            append the report to FILE (e.g. BENCHMARKS.md); default: print only",
      "  --command TEXT        the command line to record in the report",
      "  --node PATH           node executable (default node)",
      "  --ts-script PATH      bench/ts/bench.mjs (default relative to the working directory)");

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(USAGE);
      return;
    }
    new Harness(options).run();
    System.exit(0); // threads abandoned at a deadline must not keep the JVM alive
  }

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help":
        case "-h":
          return null;
        case "--quick":
          o.reps = 1;
          o.warmupMillis = 500;
          break;
        case "--workloads":
          o.workloads = EnumSet.noneOf(Workload.class);
          for (String w : value(args, ++i, a).split(",")) {
            o.workloads.add(Workload.valueOf(w.trim().toUpperCase(Locale.ROOT)));
          }
          break;
        case "--transports":
          o.transports = new LinkedHashSet<>();
          for (String t : value(args, ++i, a).split(",")) {
            String transport = t.trim().toLowerCase(Locale.ROOT);
            if (!ALL_TRANSPORTS.contains(transport)) {
              throw new IllegalArgumentException("unknown transport '" + t + "'; expected ws, http, file or replica");
            }
            o.transports.add(transport);
          }
          break;
        case "--contestants":
          o.kinds = EnumSet.noneOf(Kind.class);
          for (String k : value(args, ++i, a).split(",")) {
            o.kinds.add(Kind.parse(k));
          }
          break;
        case "--vector-rows":
          o.vectorRows = positive(value(args, ++i, a), a);
          if (o.vectorRows % Workload.VECTOR_ROWS_PER_BATCH != 0) {
            throw new IllegalArgumentException(a + " must be a multiple of " + Workload.VECTOR_ROWS_PER_BATCH);
          }
          break;
        case "--reps":
          o.reps = positive(value(args, ++i, a), a);
          break;
        case "--warmup-ms":
          o.warmupMillis = Long.parseLong(value(args, ++i, a));
          break;
        case "--run-timeout-s":
          o.runTimeoutSeconds = positive(value(args, ++i, a), a);
          break;
        case "--out":
          o.out = Path.of(value(args, ++i, a));
          break;
        case "--command":
          o.command = value(args, ++i, a);
          break;
        case "--node":
          o.node = value(args, ++i, a);
          break;
        case "--ts-script":
          o.tsScript = Path.of(value(args, ++i, a));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (o.command == null) {
      o.command = "java io.libsql.bench.Harness " + String.join(" ", args);
    }
    return o;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String s, String option) {
    int n = Integer.parseInt(s);
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be at least 1");
    }
    return n;
  }

  private void run() throws IOException {
    long started = System.nanoTime();
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    String loadBefore = Machine.loadAverage();
    String sqldVersion = "-";
    // Local first, in a JVM that has not run the remote workloads yet: afterwards the local
    // figures shift by up to 25% (JIT and heap state), and not by the same amount for each side.
    if (options.transports.contains("file")
        && (options.workloads.contains(Workload.W1) || options.workloads.contains(Workload.W3))) {
      runLocal();
    }
    boolean remote = options.transports.contains("ws") || options.transports.contains("http");
    if (remote) {
      log("starting sqld");
      try (SqldServer sqld = SqldServer.builder().start()) {
        SqldAdmin admin = new SqldAdmin(sqld.httpUrl());
        sqldVersion = admin.version();
        log(sqldVersion + " at " + sqld.httpUrl());
        for (String transport : options.transports) {
          if (!transport.equals("ws") && !transport.equals("http")) {
            continue;
          }
          String url = transport.equals("ws") ? sqld.wsUrl() : sqld.httpUrl();
          for (Workload workload : options.workloads) {
            if (!workload.sync()) {
              runRemote(workload, transport, url, sqld.wsUrl(), admin);
            }
          }
        }
      }
    }
    if (options.transports.contains("replica")) {
      String version = runReplica();
      sqldVersion = remote ? sqldVersion : version;
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String table = report.markdown();
    StringBuilder md = new StringBuilder();
    md.append("\n## Run of ").append(date).append("\n\n");
    md.append("- Command: `").append(options.command).append("` (harness time ").append(seconds).append(" s)\n");
    md.append("- Machine: ").append(Machine.nproc()).append(" CPUs (nproc), ").append(Machine.cpuModel())
        .append("; load average before ").append(loadBefore).append(", after ").append(Machine.loadAverage()).append('\n');
    md.append("- Java: ").append(Machine.javaVersion()).append('\n');
    md.append("- Peers: ").append(sqldVersion).append("; node ").append(Machine.nodeVersion(options.node))
        .append(", @libsql/client 0.18.0\n");
    md.append("- Repetitions: ").append(options.reps).append(", warm-up ").append(options.warmupMillis)
        .append(" ms per contestant. Shared machine: only the ratios matter.\n");
    if (options.workloads.stream().anyMatch(Workload::vector)) {
      md.append("- Vectors: V1 inserts ").append(options.vectorRows).append(" rows per repetition into a fresh "
          + "`F32_BLOB(768)` table with `libsql_vector_idx`; V2 queries an index of ").append(options.vectorRows)
          .append(" rows (one table for all). Ours bind `float[]`; the TS client binds JSON text to `vector32(?)`.\n");
    }
    if (options.transports.contains("replica")) {
      md.append("- Replica: a second fresh sqld; each contestant's replica file syncs from its `http://` URL "
          + "(ours: `file:...?syncUrl=`, the TS client: `createClient({url: \"file:...\", syncUrl})`, native libsql). "
          + "W1/W3 read the local file. S1 times opening a fresh replica and its first sync; S2 times one sync "
          + "of the rows committed since the replica was brought up to date (untimed).\n");
    }
    md.append('\n');
    md.append(table);
    System.out.println(md);
    if (options.out != null) {
      Files.writeString(options.out, md.toString(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      log("appended to " + options.out);
    }
  }

  private List<Kind> kindsFor(Workload workload, String transport) {
    List<Kind> kinds = new ArrayList<>();
    for (Kind kind : options.kinds) {
      boolean runs;
      switch (kind) {
        case TS:
          runs = !transport.equals("file");
          break;
        case ASYNC:
          // S1, S2 time sync(): the same engine call under both of our clients
          runs = transport.equals("replica") ? !workload.sync()
              : !transport.equals("file") || workload == Workload.W1 || workload == Workload.W3;
          break;
        case FLOOR:
          runs = transport.equals("ws") ? workload == Workload.W1 || workload == Workload.W4 || workload == Workload.W5
              : transport.equals("file");
          break;
        default:
          runs = !transport.equals("file") || workload == Workload.W1 || workload == Workload.W3;
      }
      if (runs) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  private void runRemote(Workload workload, String transport, String url, String wsUrl, SqldAdmin admin) {
    if (workload == Workload.W3) {
      admin.execute(Data.CREATE_W3);
    }
    if (workload == Workload.V2 && !v2Filled) {
      fillV2(admin);
      v2Filled = true;
    }
    List<Kind> kinds = kindsFor(workload, transport);
    for (Kind kind : kinds) {
      if (workload.writes()) {
        admin.execute(Data.recreate(workload, kind));
      }
    }
    long timeout = timeoutSeconds(workload);
    measureAll(workload, transport, kinds, timeout, kind -> {
      Runnable reset = () -> admin.execute(Data.recreate(workload, kind));
      Deadline deadline = Deadline.in(timeout, TimeUnit.SECONDS);
      String table = kind.table(workload);
      switch (kind) {
        case CLIENT:
          return new ClientContestant(url, workload, table, reset, options.warmupMillis).vectorRows(options.vectorRows);
        case ASYNC:
          return new AsyncClientContestant(url, workload, table, reset, options.warmupMillis)
              .vectorRows(options.vectorRows);
        case TS:
          return new TsContestant(options.node, options.tsScript, url, workload, options.reps, table,
              options.warmupMillis, options.vectorRows, List.of());
        case FLOOR:
          return new RawFloorContestant(wsUrl, workload, table, reset, options.warmupMillis, deadline);
        default:
          throw new IllegalArgumentException(kind.name());
      }
    }, kind -> {
      if (workload.writes()) {
        admin.execute(Data.recreate(workload, kind));
      }
    });
  }

  /** Whether V2's table has been filled (once per run, shared by the transports). */
  private boolean v2Filled;

  /**
   * V2's table {@code v} with its index {@code v_idx}: {@code --vector-rows} vectors, inserted by the
   * harness as {@code vector32('[...]')} literals in pipelines of 100, untimed.
   */
  private void fillV2(SqldAdmin admin) {
    long start = System.nanoTime();
    log("V2: filling " + Data.V2_TABLE + " with " + options.vectorRows + " indexed vectors (untimed)");
    List<String> create = new ArrayList<>(Data.recreateVectorTable(Data.V2_TABLE, false));
    create.add("CREATE INDEX " + Data.V2_INDEX + " ON " + Data.V2_TABLE + "(libsql_vector_idx(e))");
    admin.execute(create);
    float[][] rows = Data.vectors(options.vectorRows, Workload.VECTOR_DIMS, Data.STORED_SEED);
    for (int from = 0; from < rows.length; from += Workload.VECTOR_ROWS_PER_BATCH) {
      List<String> inserts = new ArrayList<>(Workload.VECTOR_ROWS_PER_BATCH);
      for (int i = from; i < Math.min(rows.length, from + Workload.VECTOR_ROWS_PER_BATCH); i++) {
        inserts.add("INSERT INTO " + Data.V2_TABLE + "(e) VALUES (" + Data.vector32Literal(rows[i]) + ")");
      }
      admin.execute(inserts);
    }
    log(String.format(Locale.ROOT, "V2: filled in %.1f s", (System.nanoTime() - start) / 1e9));
  }

  /**
   * The deadline of one connect + warm-up or one repetition: {@code --run-timeout-s}, raised for V1
   * and V2, whose time grows with {@code --vector-rows} (sqld indexes 15-20 rows/s here).
   */
  private long timeoutSeconds(Workload workload) {
    if (workload == Workload.V1 || workload == Workload.V2) {
      return Math.max(options.runTimeoutSeconds, 30 + options.vectorRows / 4);
    }
    return options.runTimeoutSeconds;
  }

  /** The replica workloads (issue 10) that run: W1, W3, S2, S1 in this order (S1's 50 MB last). */
  private static final List<Workload> REPLICA_ORDER = List.of(Workload.W1, Workload.W3, Workload.S2, Workload.S1);

  /**
   * W1, W3, S1, S2 with each contestant's embedded replica of a second fresh sqld, so that the
   * replicas sync only what these workloads wrote. Returns sqld's version.
   */
  private String runReplica() throws IOException {
    List<Workload> workloads = new ArrayList<>(REPLICA_ORDER);
    workloads.retainAll(options.workloads);
    if (workloads.isEmpty()) {
      return "-";
    }
    Path dir = Files.createTempDirectory("libsql-bench-replica-");
    log("starting sqld for the replica workloads");
    try (SqldServer sqld = SqldServer.builder().start()) {
      SqldAdmin admin = new SqldAdmin(sqld.httpUrl());
      String version = admin.version();
      String syncUrl = sqld.httpUrl();
      for (Workload workload : workloads) {
        switch (workload) {
          case W1:
          case W3:
            admin.execute(Data.CREATE_W3);
            break;
          case S2:
            admin.execute(Data.CREATE_S2);
            break;
          case S1:
            fillS1(admin);
            break;
          default:
            throw new IllegalStateException(workload.name());
        }
        Runnable writeS2 = () -> admin.execute(Data.insertS2());
        measureAll(workload, "replica", kindsFor(workload, "replica"), options.runTimeoutSeconds, kind -> {
          Path own = dir.resolve(workload.name().toLowerCase(Locale.ROOT) + "-" + kind.name().toLowerCase(Locale.ROOT));
          try {
            Files.createDirectories(own);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          Path file = own.resolve("replica.db");
          String url = ReplicaSyncContestant.replicaUrl(file, syncUrl);
          switch (kind) {
            case CLIENT:
              return workload.sync() ? new ReplicaSyncContestant(workload, own, syncUrl, writeS2)
                  : new ClientContestant(url, workload, kind.table(), () -> { }, options.warmupMillis)
                      .w1Rounds(LOCAL_W1_ROUNDS);
            case ASYNC:
              return new AsyncClientContestant(url, workload, kind.table(), () -> { }, options.warmupMillis)
                  .w1Rounds(LOCAL_W1_ROUNDS);
            case TS:
              // S1: node opens a fresh replica under the directory each round
              return new TsContestant(options.node, options.tsScript,
                  workload == Workload.S1 ? own.toString() : "file:" + file, workload, options.reps, kind.table(),
                  options.warmupMillis, options.vectorRows,
                  List.of("--sync-url", syncUrl, "--w1-rounds", Integer.toString(LOCAL_W1_ROUNDS)));
            default:
              throw new IllegalArgumentException(kind.name());
          }
        }, kind -> {
          if (workload == Workload.S2) {
            writeS2.run();
          }
        });
      }
      return version;
    } finally {
      ReplicaSyncContestant.deleteTree(dir);
    }
  }

  /** S1's {@value Workload#S1_MB} MB on the primary, written once, untimed. */
  private void fillS1(SqldAdmin admin) {
    long start = System.nanoTime();
    log("S1: writing " + Workload.S1_MB + " MB on the primary (untimed)");
    for (List<String> request : Data.fillS1(10)) {
      admin.execute(request);
    }
    log(String.format(Locale.ROOT, "S1: written in %.1f s", (System.nanoTime() - start) / 1e9));
  }

  private void runLocal() throws IOException {
    Path dir = Files.createTempDirectory("libsql-bench-");
    Path db = dir.resolve("bench.db");
    try {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
           java.sql.Statement s = c.createStatement()) {
        for (String sql : Data.CREATE_W3) {
          s.execute(sql);
        }
      } catch (SQLException e) {
        throw new IOException("cannot create the local database: " + e.getMessage(), e);
      }
      String url = "file:" + db;
      for (Workload workload : options.workloads) {
        if (workload != Workload.W1 && workload != Workload.W3) {
          continue;
        }
        measureAll(workload, "file", kindsFor(workload, "file"), options.runTimeoutSeconds, kind -> {
          JavaContestant contestant;
          switch (kind) {
            case CLIENT:
              contestant = new ClientContestant(url, workload, kind.table(), () -> { }, options.warmupMillis);
              break;
            case ASYNC:
              contestant = new AsyncClientContestant(url, workload, kind.table(), () -> { }, options.warmupMillis);
              break;
            case FLOOR:
              contestant = new JdbcContestant(db.toString(), workload, options.warmupMillis);
              break;
            default:
              throw new IllegalArgumentException(kind.name());
          }
          return contestant.w1Rounds(LOCAL_W1_ROUNDS);
        }, kind -> { });
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private interface Factory {
    Contestant open(Kind kind);
  }

  private interface Reset {
    void before(Kind kind);
  }

  private void measureAll(Workload workload, String transport, List<Kind> kinds, long timeoutSeconds, Factory factory,
      Reset reset) {
    Report.Line line = report.line(workload, transport);
    if (workload == Workload.V1) {
      line.description = String.format(Locale.ROOT, "%,d %s", options.vectorRows, workload.description);
    } else if (workload == Workload.V2) {
      line.description = String.format(Locale.ROOT, "%s, index of %,d rows", workload.description, options.vectorRows);
    }
    List<Kind> ready = new ArrayList<>();
    List<Contestant> open = new ArrayList<>();
    try {
      for (Kind kind : kinds) {
        Report.Cell cell = report.cell(line, kind);
        Contestant contestant = null;
        Deadline deadline = Deadline.in(timeoutSeconds, TimeUnit.SECONDS);
        try {
          contestant = bounded(() -> factory.open(kind), deadline, "connecting");
          Contestant c = contestant;
          bounded(() -> {
            c.warmUp(deadline);
            return null;
          }, deadline, "warming up");
          ready.add(kind);
          open.add(contestant);
        } catch (RuntimeException e) {
          cell.error = describe(e);
          log(workload + " " + transport + " " + kind.title + ": " + firstLine(cell.error));
          closeQuietly(contestant);
        }
      }
      for (int rep = 0; rep < options.reps; rep++) {
        for (int j = 0; j < ready.size(); j++) {
          int index = (rep + j) % ready.size();
          Kind kind = ready.get(index);
          Report.Cell cell = report.cell(line, kind);
          if (!cell.ok()) {
            continue;
          }
          try {
            Contestant contestant = open.get(index);
            Deadline deadline = Deadline.in(timeoutSeconds, TimeUnit.SECONDS);
            bounded(() -> {
              contestant.prepare(deadline);
              return null;
            }, deadline, "preparing repetition " + (rep + 1));
            reset.before(kind);
            Measurement m = bounded(() -> contestant.measure(deadline), deadline, "repetition " + (rep + 1));
            cell.reps[rep] = m;
            log(String.format(Locale.ROOT, "%s %s %-11s rep %d: %s %s", workload, transport, kind.title, rep + 1,
                Report.count(m.perSecond()), workload.unit));
          } catch (RuntimeException e) {
            cell.error = describe(e);
            log(workload + " " + transport + " " + kind.title + ": " + firstLine(cell.error));
          }
        }
      }
    } finally {
      open.forEach(this::closeQuietly);
    }
  }

  /** Runs {@code call} on a worker thread and waits for it until {@code deadline} (plus a second of grace). */
  private <T> T bounded(Callable<T> call, Deadline deadline, String what) {
    Future<T> future = worker.submit(call);
    try {
      return future.get(deadline.remainingNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new BenchException(what + " failed: " + cause, cause);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new BenchException(what + " did not finish within " + deadline.budgetSeconds() + " s");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while " + what, e);
    }
  }

  private static String describe(Throwable e) {
    return e instanceof BenchException && e.getMessage() != null ? e.getMessage() : e.toString();
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse(s);
  }

  private void closeQuietly(Contestant contestant) {
    if (contestant == null) {
      return;
    }
    try {
      bounded(() -> {
        contestant.close();
        return null;
      }, Deadline.in(10, TimeUnit.SECONDS), "closing");
    } catch (RuntimeException e) {
      log("closing " + contestant.getClass().getSimpleName() + " failed: " + e.getMessage());
    }
  }

  private static final long START = System.nanoTime();

  static void log(String message) {
    System.err.printf(Locale.ROOT, "[bench %5.1fs] %s%n", (System.nanoTime() - START) / 1e9, message);
  }
}
