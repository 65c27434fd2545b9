#!/usr/bin/env bash
# Whole-process scaling benchmark of a FULL `proxylint check` (all rules) next to `nginx -t` and
# `apache2 -t` on the same generated inputs (bench/gen-fleet.py: many servers with TLS, proxying,
# WebSocket routes, HSTS and timeouts; one nginx file, one Apache file, an nginx include tree).
# Prints per input: median wall time of proxylint and of the server's own check, their ratio, peak
# RSS of proxylint, and the growth exponent of proxylint's time from the 5 MB to the 20 MB input
# (1.0 = linear; the target is <= 1.1).
# Usage: bench/scale.sh [runs (default 3)] [sizes in MB (default "1 2 5 20")]
# Needs: a built jar (mvn -q package -DskipTests), python3, openssl; nginx and apache2 for the anchors.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
sizes="${2:-1 2 5 20}"
jar=target/proxylint.jar
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
launcher=(bin/proxylint)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
  -subj /CN=bench.test >/dev/null 2>&1

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# wall seconds of one run of a command (output discarded; exit status ignored)
wall() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo "scale=3; ($e - $s) / 1000000000" | bc; }
timed() { local i; for ((i = 0; i < runs; i++)); do wall "$@"; done | median; }
rss_mb() { # peak RSS (MiB) of one run, or "-" without GNU time
  if [ -x /usr/bin/time ]; then
    { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -n 1 | awk '{printf "%.0f", $1 / 1024}'
  else echo "-"; fi
}

# first run of the launcher builds its class archive; not part of any measurement
"${launcher[@]}" check --format concise /dev/null >/dev/null 2>&1 || true

printf '%-26s %8s %10s %8s %10s %8s %8s\n' input servers proxylint RSS_MiB anchor anchor_s ratio
declare -A t=()
for kind in nginx apache nginx-tree; do
  for mb in $sizes; do
    [ "$kind" = nginx-tree ] && [ "$mb" != "$(echo "$sizes" | awk '{print $NF}')" ] && continue
    d="$work/$kind-$mb"
    n=$(python3 bench/gen-fleet.py "$kind" "$mb" "$d")
    cp "$work/cert.pem" "$work/key.pem" "$d/"
    case "$kind" in
      apache) f="$d/apache2.conf" ;;
      *) f="$d/nginx.conf" ;;
    esac
    p=$(timed "${launcher[@]}" check --format concise "$f")
    r=$(rss_mb "${launcher[@]}" check --format concise "$f")
    t[$kind-$mb]=$p
    anchor="-"; a="-"
    if [ "$kind" = apache ] && command -v apache2 >/dev/null 2>&1; then
      anchor="apache2 -t"; a=$(timed apache2 -t -f "$f")
    elif [ "$kind" != apache ] && command -v nginx >/dev/null 2>&1; then
      # the anchor without TLS set-up: the same servers without certificates (one load per server)
      python3 bench/gen-fleet.py "$kind" "$mb" "$d-notls" --no-tls >/dev/null
      anchor="nginx -t (no TLS)"; a=$(timed nginx -t -q -p "$d-notls" -c "$d-notls/nginx.conf")
    fi
    ratio="-"
    [ "$a" != "-" ] && ratio=$(echo "scale=2; $p / $a" | bc)
    printf '%-26s %8s %10s %8s %18s %8s %8s\n' "$kind ${mb}MB" "$n" "$p" "$r" "$anchor" "$a" "$ratio"
  done
done
for kind in nginx apache; do
  lo=$(echo "$sizes" | awk '{for (i = 1; i <= NF; i++) if ($i == 5) print $i}')
  hi=$(echo "$sizes" | awk '{print $NF}')
  if [ -n "$lo" ] && [ "$hi" != "$lo" ]; then
    exp=$(python3 -c "import math; print(round(math.log(${t[$kind-$hi]} / ${t[$kind-$lo]}) / math.log($hi / $lo), 2))")
    echo "$kind: time ${lo}MB -> ${hi}MB x$(echo "scale=2; ${t[$kind-$hi]} / ${t[$kind-$lo]}" | bc), growth exponent $exp"
  fi
done
