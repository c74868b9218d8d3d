// The official TypeScript client (@libsql/client, pinned in bench/package.json) on one workload.
//
//   node bench/ts/bench.mjs <url> <workload W1..W5|V1..V3> <reps> [--lockstep] [--table NAME] [--warmup-ms N]
//                           [--vector-rows N]
//
// Prints one JSON object per line on stdout: {"ready":true} after connecting and warming up, then
// one {"rep":i,"units":n,"nanos":t[,"p50_us":..,"p99_us":..]} per repetition. With --lockstep it
// waits for a line on stdin before each repetition, so that the Java harness can recreate tables
// and interleave the contestants; without it the repetitions run back to back (for trying it by
// hand). Tables are created by the harness; W2 and W5 insert into --table (default t_ts), W3 reads
// table w3. Every loop is bounded in count; the harness bounds the time and kills us if needed.
// Vectors (issue 11): V1 inserts --vector-rows 768-dim vectors (default 200) into --table (an
// F32_BLOB(768) table with a libsql_vector_idx index), V3 inserts 10,000 into --table without an
// index, V2 runs 200 vector_top_k('v_idx', ..., 10) queries on table v. As this client's users
// write it: the vector is a number[] (e.g. an embedding API's answer), sent as JSON text to
// vector32(?). The number[]s are built before timing; JSON.stringify is timed, as our float[]
// encoding is.
// Embedded replicas (issue 10): with --sync-url the url is a file: replica of that primary, synced
// before the warm-up; W1 then runs --w1-rounds x 2000 calls per repetition. S1 (the url is a
// directory) times opening a fresh replica in a new sub-directory and its first sync; S2 times one
// sync of the rows the harness committed after a "prepare" line (which syncs untimed and answers
// {"prepared":true}; S2 needs --lockstep). Both count the synced rows afterwards, untimed.
import { createClient } from "@libsql/client";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const USAGE =
  "usage: node bench.mjs <url> <W1..W5|V1..V3|S1|S2> <reps> [--lockstep] [--table NAME] [--warmup-ms N] [--vector-rows N]\n" +
  "                       [--sync-url URL] [--w1-rounds N]";
const argv = process.argv.slice(2);
if (argv.length < 3) {
  console.error(USAGE);
  process.exit(2);
}
const [url, workload, repsArg] = argv;
const reps = Number.parseInt(repsArg, 10);
const lockstep = argv.includes("--lockstep");
const table = optionValue("--table", "t_ts");
const warmupMs = Number.parseInt(optionValue("--warmup-ms", "1000"), 10);
const vectorRows = Number.parseInt(optionValue("--vector-rows", "200"), 10);
const syncUrl = optionValue("--sync-url", null);
const w1Rounds = Number.parseInt(optionValue("--w1-rounds", "1"), 10);

function optionValue(name, fallback) {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
}

const W1_OPS = 2000;
const W2_BATCHES = 100;
const W2_ROWS_PER_BATCH = 100;
const W3_QUERIES = 20;
const W4_OPS = 1000;
const W5_TXS = 200;
const W5_INSERTS_PER_TX = 5;

const VECTOR_DIMS = 768;
const VECTOR_ROWS_PER_BATCH = 100;
const V2_QUERIES = 200;
const V2_K = 10;
const V3_ROWS = 10000;
const S1_ROWS = 50000;
const S1_MB = 50;
const S2_ROWS = 10000;
const STORED_SEED = 12345;
const QUERY_SEED = 777;

const insertSql = `INSERT INTO ${table}(id, a, b, c) VALUES (?, ?, ?, ?)`;
const vectorInsertSql = `INSERT INTO ${table}(e) VALUES (vector32(?))`;
const topKSql = `SELECT id FROM vector_top_k('v_idx', vector32(?), ${V2_K})`;

/**
 * `count` vectors (number[]) of `dims` values in [-1, 1) from the 32-bit LCG the Java harness uses
 * (Data.vectors): s = s * 1664525 + 1013904223, value (s >>> 8) / 2^23 - 1, the same numbers.
 */
function vectors(count, dims, seed) {
  const out = new Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    const v = new Array(dims);
    for (let k = 0; k < dims; k++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      v[k] = (s >>> 8) / 8388608 - 1;
    }
    out[i] = v;
  }
  return out;
}

const vectorData =
  workload === "V1"
    ? vectors(vectorRows, VECTOR_DIMS, STORED_SEED)
    : workload === "V3"
      ? vectors(V3_ROWS, VECTOR_DIMS, STORED_SEED)
      : workload === "V2"
        ? vectors(V2_QUERIES, VECTOR_DIMS, QUERY_SEED)
        : null;

/** The W2/W5 row with this id: the same values as the Java contestants insert. */
function rowArgs(id) {
  const blob = new Uint8Array(16);
  for (let k = 0; k < 16; k++) {
    blob[k] = (id + k) & 0xff;
  }
  return [id, "value-" + id, id * 0.5, blob];
}

function percentile(sortedNanos, p) {
  const i = Math.min(sortedNanos.length - 1, Math.max(0, Math.ceil((p / 100) * sortedNanos.length) - 1));
  return Number(sortedNanos[i]) / 1000;
}

/** Runs the workload at `scale` (1 = full size, as measured) and returns {units, nanos[, p50_us, p99_us]}. */
async function runWorkload(client, scale) {
  const t0 = process.hrtime.bigint();
  switch (workload) {
    case "W1": {
      const n = Math.max(1, Math.round(W1_OPS * scale)) * w1Rounds;
      const lat = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const s = process.hrtime.bigint();
        const rs = await client.execute("SELECT 1");
        if (rs.rows.length !== 1) throw new Error("SELECT 1 returned " + rs.rows.length + " rows");
        lat[i] = process.hrtime.bigint() - s;
      }
      const nanos = process.hrtime.bigint() - t0;
      lat.sort();
      return { units: n, nanos, p50_us: percentile(lat, 50), p99_us: percentile(lat, 99) };
    }
    case "W2": {
      const batches = Math.max(1, Math.round(W2_BATCHES * scale));
      let id = 0;
      for (let b = 0; b < batches; b++) {
        const stmts = new Array(W2_ROWS_PER_BATCH);
        for (let i = 0; i < W2_ROWS_PER_BATCH; i++) {
          stmts[i] = { sql: insertSql, args: rowArgs(++id) };
        }
        await client.batch(stmts, "write");
      }
      return { units: id, nanos: process.hrtime.bigint() - t0 };
    }
    case "W3": {
      const queries = Math.max(1, Math.round(W3_QUERIES * scale));
      let rows = 0;
      let check = 0;
      for (let q = 0; q < queries; q++) {
        const rs = await client.execute("SELECT * FROM w3");
        for (const row of rs.rows) {
          // touch every value, as the Java contestants do
          const i = row[0];
          const s = row[1];
          const r = row[2];
          const b = row[3];
          const n = row[4];
          check += Number(i) + s.length + r + b.byteLength + (n === null ? 1 : 0);
          rows++;
        }
      }
      if (rows !== queries * 10000) throw new Error("W3 read " + rows + " rows");
      if (check === 0) throw new Error("W3 read nothing");
      return { units: rows, nanos: process.hrtime.bigint() - t0 };
    }
    case "W4": {
      const n = Math.max(1, Math.round(W4_OPS * scale));
      const calls = new Array(n);
      for (let i = 0; i < n; i++) {
        calls[i] = client.execute("SELECT 1");
      }
      const results = await Promise.all(calls);
      if (results.length !== n) throw new Error("W4 lost results");
      return { units: n, nanos: process.hrtime.bigint() - t0 };
    }
    case "W5": {
      const txs = Math.max(1, Math.round(W5_TXS * scale));
      let id = 0;
      for (let t = 0; t < txs; t++) {
        const tx = await client.transaction("write");
        try {
          for (let i = 0; i < W5_INSERTS_PER_TX; i++) {
            await tx.execute({ sql: insertSql, args: rowArgs(++id) });
          }
          await tx.commit();
        } finally {
          tx.close();
        }
      }
      return { units: txs, nanos: process.hrtime.bigint() - t0 };
    }
    case "V1":
    case "V3": {
      const rows = workload === "V1" ? vectorRows : V3_ROWS;
      const batches = Math.max(1, Math.round((rows / VECTOR_ROWS_PER_BATCH) * scale));
      let row = 0;
      for (let b = 0; b < batches; b++) {
        const stmts = new Array(VECTOR_ROWS_PER_BATCH);
        for (let i = 0; i < VECTOR_ROWS_PER_BATCH; i++) {
          stmts[i] = { sql: vectorInsertSql, args: [JSON.stringify(vectorData[row++])] };
        }
        await client.batch(stmts, "write");
      }
      return { units: row, nanos: process.hrtime.bigint() - t0 };
    }
    case "V2": {
      const queries = Math.max(1, Math.round(V2_QUERIES * scale));
      let check = 0;
      for (let q = 0; q < queries; q++) {
        const rs = await client.execute({ sql: topKSql, args: [JSON.stringify(vectorData[q])] });
        if (rs.rows.length !== V2_K) throw new Error("vector_top_k returned " + rs.rows.length + " rows");
        for (const row of rs.rows) check += Number(row[0]);
      }
      if (check === 0) throw new Error("V2 read nothing");
      return { units: queries, nanos: process.hrtime.bigint() - t0 };
    }
    case "S1": {
      const dir = join(url, "round-" + ++s1Round);
      mkdirSync(dir, { recursive: true });
      try {
        const start = process.hrtime.bigint();
        const fresh = createClient({ url: "file:" + join(dir, "replica.db"), syncUrl });
        let nanos;
        try {
          const r = await fresh.sync();
          nanos = process.hrtime.bigint() - start;
          if (!r || !(r.frames_synced > 0)) throw new Error("S1 synced no frames: " + JSON.stringify(r));
          const rows = await count(fresh, "s1");
          if (rows !== S1_ROWS) throw new Error("S1: the replica holds " + rows + " rows of " + S1_ROWS);
        } finally {
          fresh.close();
        }
        return { units: S1_MB, nanos };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    case "S2": {
      const r = await client.sync();
      const nanos = process.hrtime.bigint() - t0;
      if (!r || !(r.frames_synced > 0)) throw new Error("S2 synced no frames: " + JSON.stringify(r));
      const added = (await count(client, "s2")) - s2RowsBefore;
      if (added !== S2_ROWS) throw new Error("S2: the sync brought " + added + " new rows, expected " + S2_ROWS);
      return { units: added, nanos };
    }
    default:
      throw new Error("unknown workload " + workload + "; " + USAGE);
  }
}

let s1Round = 0;
let s2RowsBefore = 0;

async function count(client, table) {
  const rs = await client.execute(`SELECT count(*) FROM ${table}`);
  return Number(rs.rows[0][0]);
}

/** The client of W1-W5 and S2 (S1 opens its own each round); a replica is synced first. */
async function open() {
  if (workload === "S1") return null;
  const client = syncUrl ? createClient({ url, syncUrl }) : createClient({ url });
  if (syncUrl) await client.sync();
  return client;
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj, (k, v) => (typeof v === "bigint" ? Number(v) : v)) + "\n");
}

async function main() {
  const client = await open();
  try {
    // Warm-up: quarter-size rounds until warmupMs has passed (at least 1, at most 200 rounds), as the
    // Java contestants do.
    // W2/W5 warm-up rows use ids the measured run will not reuse: the harness recreates the table.
    const start = Date.now();
    for (let round = 0; round < 200 && (round < 1 || Date.now() - start < warmupMs); round++) {
      if (workload === "W2" || workload === "W5") {
        await client.execute(`DELETE FROM ${table}`);
      }
      // S1, S2 run at full size: a sync has no size to scale; S2 warms up on its initial sync only
      if (workload === "S2") break;
      await runWorkload(client, workload === "S1" ? 1 : 0.25);
    }
    emit({ ready: true, version: "0.18.0" });
    if (lockstep) {
      const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
      for (let rep = 1; rep <= reps; ) {
        const next = await lines.next();
        if (next.done) break;
        if (next.value === "prepare") {
          await client.sync();
          s2RowsBefore = await count(client, "s2");
          emit({ prepared: true });
          continue;
        }
        emit({ rep, ...(await runWorkload(client, 1)) });
        rep++;
      }
    } else {
      for (let rep = 1; rep <= reps; rep++) {
        if (workload === "W2" || workload === "W5") {
          await client.execute(`DELETE FROM ${table}`);
        }
        emit({ rep, ...(await runWorkload(client, 1)) });
      }
    }
  } finally {
    if (client) client.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    emit({ error: String(e && e.stack ? e.stack : e) });
    process.exit(1);
  },
);
