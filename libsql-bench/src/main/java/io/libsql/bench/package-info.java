/**
 * Benchmarks for libsql-java; not published. {@link io.libsql.bench.Harness} runs the end-to-end
 * workloads W1-W5 against a fresh sqld (our clients, the official TypeScript client, a raw-protocol
 * floor) and local W1/W3 against plain sqlite-jdbc; {@link io.libsql.bench.CodecBenchmark} is the
 * JMH microbenchmark of the Hrana codecs. See {@code bench/run.sh} and {@code BENCHMARKS.md}.
 */
package io.libsql.bench;
