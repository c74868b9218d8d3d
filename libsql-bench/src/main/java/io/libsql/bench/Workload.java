package io.libsql.bench;

/**
 * The workloads of issue 7, with the sizes every contestant runs (the TypeScript program
 * {@code bench/ts/bench.mjs} hard-codes the same numbers).
 */
enum Workload {
  W1("2000 sequential SELECT 1", "ops/s"),
  W2("100 batches x 100 INSERTs", "rows/s"),
  W3("20 x SELECT * of 10,000 rows x 5 cols", "rows/s"),
  W4("1000 concurrent SELECT 1, one client", "ops/s"),
  W5("200 transactions of 5 INSERTs", "tx/s");

  static final int W1_OPS = 2000;
  static final int W2_BATCHES = 100;
  static final int W2_ROWS_PER_BATCH = 100;
  static final int W3_QUERIES = 20;
  static final int W3_ROWS = 10_000;
  static final int W4_OPS = 1000;
  static final int W5_TXS = 200;
  static final int W5_INSERTS_PER_TX = 5;

  final String description;
  final String unit;

  Workload(String description, String unit) {
    this.description = description;
    this.unit = unit;
  }

  /** W2 and W5 insert into a table of their own per contestant, recreated before each repetition. */
  boolean writes() {
    return this == W2 || this == W5;
  }

  /** At {@code scale} 1 the measured size; warm-up rounds run at a quarter. */
  static int scaled(int count, double scale) {
    return Math.max(1, (int) Math.round(count * scale));
  }
}
