#!/usr/bin/env bash
# Whole-process benchmark of the pre-commit case: `proxylint check` on one small file.
# Prints the median wall time (ms) of N runs for: bare `java -version`, the jar without an archive,
# and bin/proxylint with its class archive, for the default Java and, when one is found (JAVA24_HOME
# or under /usr/lib/jvm), for a Java 24+ whose launcher path uses an AOT cache.
# Build first: mvn -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-21}"
jar=target/proxylint.jar
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
file="$(mktemp -d)/nginx.conf"
printf 'events {}\nhttp {\n    server {\n        listen 80;\n        location / {\n            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n' > "$file"

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

bench_java() { # JAVA_HOME
  local home="$1" cache
  cache="$(mktemp -d)"
  JAVA_HOME="$home" PROXYLINT_CACHE="$cache" bin/proxylint check "$file" >/dev/null 2>&1 || true # records the archive
  echo "java: $("$home/bin/java" -version 2>&1 | head -n 1)  ($home)"
  echo "runs per case: $n (median wall time)"
  printf '%-44s %6s ms\n' "java -version" "$(timeit "$home/bin/java" -version)"
  printf '%-44s %6s ms\n' "java -jar proxylint.jar check (no archive)" "$(timeit "$home/bin/java" -jar "$jar" check "$file")"
  printf '%-44s %6s ms\n' "bin/proxylint check, PROXYLINT_CDS=0" "$(JAVA_HOME="$home" PROXYLINT_CDS=0 timeit bin/proxylint check "$file")"
  printf '%-44s %6s ms\n' "bin/proxylint check (class archive)" "$(JAVA_HOME="$home" PROXYLINT_CACHE="$cache" timeit bin/proxylint check "$file")"
  rm -rf "$cache"
}

default_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
bench_java "${JAVA_HOME:-$default_home}"
new="${JAVA24_HOME:-}"
if [ -z "$new" ]; then
  for d in /usr/lib/jvm/*/; do
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null || true)"
    if [ -n "$v" ] && [ "$v" -ge 24 ] && [ -x "$d/bin/java" ]; then new="${d%/}"; break; fi
  done
fi
if [ -n "$new" ]; then
  echo
  bench_java "$new"
fi
