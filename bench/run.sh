#!/usr/bin/env bash
# Benchmarks of issue 7: our Client/AsyncClient vs the official TS client vs the raw-protocol floor,
# on one fresh sqld, plus local file: vs plain sqlite-jdbc, plus (issue 10) our embedded replica vs
# the TS client's on a second fresh sqld. Appends the table to BENCHMARKS.md.
#
#   bench/run.sh                       full run (3 repetitions; about 3-3.5 minutes on 2 cores)
#   bench/run.sh --transports replica  the replica workloads only (W1, W3 local reads; S1, S2 syncs)
#   bench/run.sh --quick               1 repetition, short warm-up; not appended
#   bench/run.sh --workloads W1,W3 --transports ws,file --contestants client,ts
#   bench/run.sh --workloads V1,V2,V3 --transports ws   vectors (issue 11; not in the full run, ~3 min)
#   bench/run.sh --jfr [...]           also record JFR (bench/.cache/harness.jfr), print hot methods; not appended
#   bench/run.sh --jmh [JMH args]      the codec microbenchmarks instead (CodecBenchmark)
#   bench/run.sh --no-build ...        skip mvn and npm (reuse libsql-bench/target/benchmarks.jar)
#   bench/run.sh --no-append ...       print the table only
# Other options go to io.libsql.bench.Harness (see --help). Needs Java 17+, Maven, Node.js 18+ and
# npm; sqld is fetched by libsql-testing (or set SQLD_BIN).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JAR=libsql-bench/target/benchmarks.jar
CACHE=bench/.cache
ORIGINAL_ARGS="$*"

build=1
append=1
jfr=0
jmh=0
harness_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --no-append) append=0 ;;
    --quick) append=0; harness_args+=("$1") ;;
    --jfr) jfr=1; append=0 ;;
    --jmh) jmh=1; shift; break ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; harness_args+=("--help"); build=0; append=0 ;;
    *) harness_args+=("$1") ;;
  esac
  shift
done

if [ "$build" = 1 ]; then
  echo "[run.sh] building libsql-bench" >&2
  if grep -q '<module>libsql-bench</module>' pom.xml; then
    mvn -q -Dmaven.test.skip=true -pl libsql-bench -am package
  else
    # libsql-bench is not in the reactor yet: install what it depends on, then build it alone
    mvn -q -N install
    mvn -q -Dmaven.test.skip=true -pl libsql-testing,libsql-client install
    mvn -q -Dmaven.test.skip=true -f libsql-bench/pom.xml package
  fi
fi

if [ "$jmh" = 1 ]; then
  exec java -jar "$JAR" CodecBenchmark "$@"
fi

if [ "$build" = 1 ]; then
  command -v node >/dev/null || { echo "[run.sh] node not found: install Node.js 18+ (or pass --contestants client,async,floor)" >&2; exit 1; }
  echo "[run.sh] installing @libsql/client 0.18.0 into bench/node_modules" >&2
  npm install --prefix bench --no-audit --no-fund --loglevel=error >/dev/null
fi

# Heap committed and touched up front: first-touch page faults in a growing young generation
# otherwise penalise whichever contestant allocates more (seen as +-20% on local W3).
java_opts=(-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseG1GC)
if [ "$jfr" = 1 ]; then
  mkdir -p "$CACHE"
  # JDK's "profile" settings with Java samples every 1 ms instead of 10 ms: the runs are short
  java_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
  settings=profile
  if [ -f "$java_home/lib/jfr/profile.jfc" ]; then
    settings="$CACHE/profile-1ms.jfc"
    sed 's#\(control="method-sampling-java-interval">\)[^<]*<#\11 ms<#' "$java_home/lib/jfr/profile.jfc" > "$settings"
  fi
  java_opts+=("-XX:StartFlightRecording=filename=$CACHE/harness.jfr,settings=$settings,dumponexit=true")
  echo "[run.sh] JFR recording to $CACHE/harness.jfr" >&2
fi
out_args=()
if [ "$append" = 1 ]; then
  out_args=(--out BENCHMARKS.md)
fi

start=$(date +%s)
java "${java_opts[@]}" ${JAVA_OPTS:-} -cp "$JAR" io.libsql.bench.Harness \
  --command "bench/run.sh${ORIGINAL_ARGS:+ $ORIGINAL_ARGS}" ${out_args[@]+"${out_args[@]}"} ${harness_args[@]+"${harness_args[@]}"}
echo "[run.sh] done in $(( $(date +%s) - start )) s" >&2
if [ "$jfr" = 1 ]; then
  java -cp "$JAR" io.libsql.bench.JfrTop "$CACHE/harness.jfr" 25
fi
