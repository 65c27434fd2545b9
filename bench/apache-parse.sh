#!/usr/bin/env bash
# Apache front-end benchmark: generates ~20 MB of realistic config and prints MB/s and peak heap.
# Usage: bench/apache-parse.sh [MB] [iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -B test-compile
cp_file=target/bench-classpath.txt
mvn -q -o -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx${BENCH_XMX:-200m} -XX:+UseSerialGC -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.proxylint.bench.ApacheParseBench "${1:-20}" "${2:-10}"
