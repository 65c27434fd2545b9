#!/usr/bin/env bash
# Parse throughput and heap of the nginx front end on a generated ~20 MB configuration.
# Usage: bench/nginx-parse.sh [sizeMB] [iterations]   (heap: -Xmx200m = 10x the 20 MB input; BENCH_XMX overrides)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -B test-compile
cp_file=target/bench-classpath.txt
mvn -q -o -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx${BENCH_XMX:-200m} -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
    dev.proxylint.bench.NginxParseBench "${1:-20}" "${2:-5}"
