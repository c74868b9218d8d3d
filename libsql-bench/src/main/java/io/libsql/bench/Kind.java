package io.libsql.bench;

/** Who runs a workload: the columns of the table. */
enum Kind {
  CLIENT("Client"),
  ASYNC("AsyncClient"),
  TS("TS 0.18.0"),
  FLOOR("floor");

  final String title;

  Kind(String title) {
    this.title = title;
  }

  /** The W2/W5 table of this contestant. */
  String table() {
    return "t_" + name().toLowerCase(java.util.Locale.ROOT);
  }

  /** This contestant's table for {@code workload}: {@code t_<kind>} (W2, W5), {@code v1_<kind>}, {@code v3_<kind>}. */
  String table(Workload workload) {
    switch (workload) {
      case V1:
      case V3:
        return workload.name().toLowerCase(java.util.Locale.ROOT) + "_" + name().toLowerCase(java.util.Locale.ROOT);
      default:
        return table();
    }
  }

  static Kind parse(String s) {
    switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "client":
        return CLIENT;
      case "async":
      case "asyncclient":
        return ASYNC;
      case "ts":
        return TS;
      case "floor":
        return FLOOR;
      default:
        throw new IllegalArgumentException("unknown contestant '" + s + "'; expected client, async, ts or floor");
    }
  }
}
