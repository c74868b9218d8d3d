package io.libsql.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The official TypeScript client: {@code node bench/ts/bench.mjs URL WORKLOAD REPS --lockstep ...}
 * as a child process. It connects and warms up by itself and prints {@code {"ready":true}}; then
 * each line we write on its stdin runs one repetition, answered by one JSON line on stdout. The
 * node process waits on stdin while the other contestants run.
 */
final class TsContestant implements Contestant {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String EOF = "\u0000eof";
  /** Every node process we started: none outlives the harness, even one abandoned at a deadline. */
  private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly), "bench-ts-cleanup"));
  }

  private final Process process;
  private final Path stderr;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final OutputStream stdin;
  private final String label;
  private final boolean preparing;

  /** {@code extraArgs}: more bench.mjs options, e.g. {@code --sync-url} for the replica workloads. */
  TsContestant(String node, Path script, String url, Workload workload, int reps, String table, long warmupMillis,
      int vectorRows, List<String> extraArgs) {
    List<String> command = new ArrayList<>(List.of(node, script.toString(), url, workload.name(),
        Integer.toString(reps), "--lockstep", "--table", table, "--warmup-ms", Long.toString(warmupMillis),
        "--vector-rows", Integer.toString(vectorRows)));
    command.addAll(extraArgs);
    this.label = "node bench.mjs " + url + " " + workload;
    this.preparing = workload == Workload.S2;
    try {
      stderr = Files.createTempFile("bench-ts-", ".log");
      process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      STARTED.add(process);
    } catch (IOException e) {
      throw new BenchException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    stdin = process.getOutputStream();
    Thread reader = new Thread(this::readStdout, "bench-ts-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  private void readStdout() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process went away; EOF below tells the waiting side
    }
    lines.add(EOF);
  }

  /** Waits for node's connect and warm-up. */
  @Override
  public void warmUp(Deadline deadline) {
    String line = nextLine(deadline);
    if (!line.contains("\"ready\"")) {
      throw failure("expected {\"ready\":true}, got " + line);
    }
  }

  /** S2: a {@code prepare} line; node brings its replica up to date and answers {@code {"prepared":true}}. */
  @Override
  public void prepare(Deadline deadline) {
    if (!preparing) {
      return;
    }
    send("prepare\n");
    String line = nextLine(deadline);
    if (!line.contains("\"prepared\"")) {
      throw failure("expected {\"prepared\":true}, got " + line);
    }
  }

  @Override
  public Measurement measure(Deadline deadline) {
    send("\n");
    return parse(nextLine(deadline));
  }

  private void send(String line) {
    try {
      stdin.write(line.getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw failure("cannot write to node: " + e.getMessage());
    }
  }

  private String nextLine(Deadline deadline) {
    String line;
    try {
      line = lines.poll(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
    if (line == null) {
      throw failure("no answer before the deadline");
    }
    if (line.equals(EOF)) {
      throw failure("node exited");
    }
    if (line.startsWith("{\"error\"")) {
      throw failure(line);
    }
    return line;
  }

  private Measurement parse(String line) {
    long units = -1;
    long nanos = -1;
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw failure("expected a JSON object, got " + line);
      }
      String name;
      while ((name = p.nextFieldName()) != null) {
        p.nextToken();
        switch (name) {
          case "units":
            units = p.getLongValue();
            break;
          case "nanos":
            nanos = p.getLongValue();
            break;
          case "p50_us":
            p50 = p.getDoubleValue();
            break;
          case "p99_us":
            p99 = p.getDoubleValue();
            break;
          default:
            p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw failure("cannot parse " + line + ": " + e.getMessage());
    }
    if (units <= 0 || nanos <= 0) {
      throw failure("incomplete result " + line);
    }
    return new Measurement(units, nanos, p50, p99);
  }

  private BenchException failure(String what) {
    String log = "";
    try {
      log = Files.readString(stderr, StandardCharsets.UTF_8).strip();
    } catch (IOException ignored) {
      // no log to add
    }
    return new BenchException(label + ": " + what + (log.isEmpty() ? "" : "\n" + log));
  }

  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // the process may be gone already
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    STARTED.remove(process);
    try {
      Files.deleteIfExists(stderr);
    } catch (IOException ignored) {
      // a temp file left behind
    }
  }
}
