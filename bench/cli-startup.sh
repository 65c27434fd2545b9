#!/usr/bin/env bash
# Whole-process benchmark of the pre-commit case: `proxylint check` on one small file.
# Prints the median wall time (ms) of N runs for: bare `java -version`, the jar without a CDS
# archive, and bin/proxylint with its CDS archive. Build first: mvn -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-21}"
jar=target/proxylint.jar
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
file="$(mktemp -d)/nginx.conf"
printf 'events {}\nhttp {\n    server {\n        listen 80;\n        location / {\n            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n' > "$file"
cache="$(mktemp -d)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() { # command... -> median ms over n runs
  local i s e
  for ((i = 0; i < n; i++)); do
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    echo $(((e - s) / 1000000))
  done | median
}

PROXYLINT_CACHE="$cache" bin/proxylint check "$file" >/dev/null 2>&1 || true   # records the archive
echo "java: $(java -version 2>&1 | head -n 1)"
echo "runs per case: $n (median wall time)"
printf '%-40s %6s ms\n' "java -version" "$(timeit java -version)"
printf '%-40s %6s ms\n' "java -jar proxylint.jar check (no CDS)" "$(timeit java -jar "$jar" check "$file")"
printf '%-40s %6s ms\n' "bin/proxylint check, PROXYLINT_CDS=0" "$(PROXYLINT_CDS=0 timeit bin/proxylint check "$file")"
printf '%-40s %6s ms\n' "bin/proxylint check (CDS archive)" "$(PROXYLINT_CACHE="$cache" timeit bin/proxylint check "$file")"
