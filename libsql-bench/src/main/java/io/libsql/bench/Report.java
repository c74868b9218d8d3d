package io.libsql.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one harness run and their Markdown table. Each cell is the median over the
 * repetitions; each ratio is the median of the per-repetition ratios (repetition r of ours over
 * repetition r of the peer, measured back to back).
 */
final class Report {
  /** One contestant on one workload and transport: a measurement per repetition, or why not. */
  static final class Cell {
    final Measurement[] reps;
    String error;

    Cell(int reps) {
      this.reps = new Measurement[reps];
    }

    boolean ok() {
      return error == null;
    }
  }

  /** One row of the table. */
  static final class Line {
    final Workload workload;
    final String transport;
    final Map<Kind, Cell> cells = new EnumMap<>(Kind.class);
    /** The workload's description in the table; the harness adds sizes chosen at run time (V1, V2). */
    String description;

    Line(Workload workload, String transport) {
      this.workload = workload;
      this.transport = transport;
      this.description = workload.description;
    }

    double median(Kind kind) {
      Cell cell = cells.get(kind);
      if (cell == null || !cell.ok()) {
        return Double.NaN;
      }
      return Report.median(Arrays.stream(cell.reps).mapToDouble(Measurement::perSecond).toArray());
    }

    double medianLatency(Kind kind, boolean p99) {
      Cell cell = cells.get(kind);
      if (cell == null || !cell.ok()) {
        return Double.NaN;
      }
      return Report.median(Arrays.stream(cell.reps).mapToDouble(m -> p99 ? m.p99Micros() : m.p50Micros()).toArray());
    }

    /** Median over repetitions of us_r / peer_r; NaN if either side failed. */
    double ratio(Kind us, Kind peer) {
      Cell a = cells.get(us);
      Cell b = cells.get(peer);
      if (a == null || b == null || !a.ok() || !b.ok()) {
        return Double.NaN;
      }
      double[] ratios = new double[a.reps.length];
      for (int r = 0; r < ratios.length; r++) {
        ratios[r] = a.reps[r].perSecond() / b.reps[r].perSecond();
      }
      return Report.median(ratios);
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final int reps;

  Report(int reps) {
    this.reps = reps;
  }

  Line line(Workload workload, String transport) {
    Line line = new Line(workload, transport);
    lines.add(line);
    return line;
  }

  Cell cell(Line line, Kind kind) {
    return line.cells.computeIfAbsent(kind, k -> new Cell(reps));
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static String ratio(double r) {
    if (Double.isNaN(r)) {
      return "-";
    }
    return String.format(Locale.ROOT, r >= 10 ? "%.1fx" : "%.2fx", r);
  }

  static String count(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  /** The Markdown table (ws, http, then file, each in workload order), its legend and the failures. */
  String markdown() {
    lines.sort(java.util.Comparator.comparingInt((Line l) -> List.of("ws", "http", "file", "replica").indexOf(l.transport))
        .thenComparing(l -> l.workload));
    StringBuilder md = new StringBuilder();
    md.append("| workload | transport | Client | AsyncClient | TS 0.18.0 | floor | Client/TS | Async/TS | us/floor "
        + "| target | met? |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
    List<String> failures = new ArrayList<>();
    for (Line line : lines) {
      Target target = Target.of(line.workload, line.transport);
      md.append("| ").append(line.workload.name()).append(' ').append(line.description)
          .append(!line.transport.equals("ws") && !line.transport.equals("http") && line.workload == Workload.W1
              ? " (x" + Harness.LOCAL_W1_ROUNDS_NOTE + ")" : "")
          .append(" | ").append(line.transport);
      for (Kind kind : Kind.values()) {
        md.append(" | ").append(figure(line, kind, failures));
      }
      md.append(" | ").append(ratio(line.ratio(Kind.CLIENT, Kind.TS)));
      md.append(" | ").append(ratio(line.ratio(Kind.ASYNC, Kind.TS)));
      md.append(" | ").append(floorRatios(line));
      md.append(" | ").append(target.describe(line.transport));
      md.append(" | ").append(verdict(line, target));
      md.append(" |\n");
    }
    md.append("\nCells: median of ").append(reps).append(" repetitions (").append(unitsLegend(lines))
        .append(")");
    if (lines.stream().anyMatch(l -> !l.workload.vector())) {
      md.append("; W1 adds the median p50/p99 latency of one call. Ratios: median of the per-repetition ratios. "
          + "\"met?\" judges both of our clients, except W4 (AsyncClient; the Client column runs W4 from "
          + ClientContestant.W4_THREADS + " threads), local and replica (Client). floor: raw hrana2 WebSocket loop "
          + "on ws, plain sqlite-jdbc on file.\n");
    } else {
      md.append(". Ratios: median of the per-repetition ratios. \"met?\" judges both of our clients.\n");
    }
    md.append("\n<details><summary>Per-repetition throughput</summary>\n\n");
    for (Line line : lines) {
      md.append("- ").append(line.workload.name()).append(' ').append(line.transport).append(':');
      for (Map.Entry<Kind, Cell> e : line.cells.entrySet()) {
        Cell cell = e.getValue();
        md.append(' ').append(e.getKey().title).append(" [");
        if (cell.ok()) {
          for (int r = 0; r < cell.reps.length; r++) {
            md.append(r == 0 ? "" : ", ").append(count(cell.reps[r].perSecond()));
          }
        } else {
          md.append("failed");
        }
        md.append("]");
      }
      md.append('\n');
    }
    md.append("\n</details>\n");
    if (!failures.isEmpty()) {
      md.append("\nFailures:\n");
      for (String f : failures) {
        md.append("- ").append(f).append('\n');
      }
    }
    return md.toString();
  }

  private static String unitsLegend(List<Line> lines) {
    List<String> legends = new ArrayList<>();
    if (lines.stream().anyMatch(l -> !l.workload.vector() && !l.workload.sync())) {
      legends.add("W1, W4 ops/s; W2, W3 rows/s; W5 tx/s");
    }
    if (lines.stream().anyMatch(l -> l.workload.vector())) {
      legends.add("V1, V3 rows/s; V2 queries/s");
    }
    if (lines.stream().anyMatch(l -> l.workload.sync())) {
      legends.add("S1 MB/s; S2 rows/s");
    }
    return String.join("; ", legends);
  }

  private String figure(Line line, Kind kind, List<String> failures) {
    Cell cell = line.cells.get(kind);
    if (cell == null) {
      return "-";
    }
    if (!cell.ok()) {
      String first = cell.error.lines().findFirst().orElse("failed");
      failures.add(line.workload.name() + " " + line.transport + " " + kind.title + ": " + cell.error.replace('\n', ' '));
      return first.contains("URL_SCHEME_NOT_SUPPORTED") ? "not supported" : "failed [" + failures.size() + "]";
    }
    String text = count(line.median(kind));
    if (line.workload == Workload.W1) {
      text += String.format(Locale.ROOT, " (p50 %.0f us, p99 %.0f us)",
          line.medianLatency(kind, false), line.medianLatency(kind, true));
    }
    return text;
  }

  private static String floorRatios(Line line) {
    double c = line.ratio(Kind.CLIENT, Kind.FLOOR);
    double a = line.ratio(Kind.ASYNC, Kind.FLOOR);
    if (Double.isNaN(c) && Double.isNaN(a)) {
      return "-";
    }
    return "C " + ratio(c) + ", A " + ratio(a);
  }

  private static String verdict(Line line, Target target) {
    if (!target.any()) {
      return "-";
    }
    List<String> misses = new ArrayList<>();
    for (Kind kind : target.judged()) {
      String who = kind == Kind.CLIENT ? "Client" : "Async";
      if (target.vsTs() > 0) {
        double r = line.ratio(kind, Kind.TS);
        if (Double.isNaN(r)) {
          return "n/a";
        }
        if (r < target.vsTs()) {
          misses.add(String.format(Locale.ROOT, "%s/TS %s < %s (%.0f%% short)", who, ratio(r), ratio(target.vsTs()),
              100 * (1 - r / target.vsTs())));
        }
      }
      if (target.vsFloor() > 0) {
        double r = line.ratio(kind, Kind.FLOOR);
        if (Double.isNaN(r)) {
          return "n/a";
        }
        if (r < target.vsFloor()) {
          misses.add(String.format(Locale.ROOT, "%s/floor %s < %s (%.0f%% short)", who, ratio(r),
              ratio(target.vsFloor()), 100 * (1 - r / target.vsFloor())));
        }
      }
    }
    return misses.isEmpty() ? "yes" : "**no**: " + String.join("; ", misses);
  }
}
