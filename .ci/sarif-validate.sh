#!/usr/bin/env bash
# Validate SARIF files with Microsoft's SARIF multitool, with the SARIF spec rules and the rules of
# GitHub Advanced Security (code scanning) enabled:
#
#   .ci/sarif-validate.sh FILE.sarif [FILE.sarif ...]
#
# The multitool exits 0 even when it reports errors, so this script parses its output and fails
# (exit 1) on any "error" or "warning" line; "note" lines are printed but accepted. The tool is
# installed from npm (@microsoft/sarif-multitool) into $SARIF_MULTITOOL_PREFIX (default: a cache
# directory under ${XDG_CACHE_HOME:-~/.cache}) when it is not there yet. Exit 2: usage or setup error.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 FILE.sarif..." >&2
  exit 2
fi
for f in "$@"; do
  [ -r "$f" ] || { echo "sarif-validate: cannot read $f" >&2; exit 2; }
done

prefix="${SARIF_MULTITOOL_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/proxylint/sarif-multitool}"
version="${SARIF_MULTITOOL_VERSION:-5.7.0}"
pkgdir="$prefix/node_modules/@microsoft/sarif-multitool"
if [ ! -d "$pkgdir" ]; then
  command -v npm >/dev/null 2>&1 || { echo "sarif-validate: npm is required to install the multitool" >&2; exit 2; }
  mkdir -p "$prefix"
  echo "sarif-validate: installing @microsoft/sarif-multitool@$version into $prefix" >&2
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version" >&2
fi

# The npm wrapper runs the native tool through a shell without quoting, which splits "Sarif;Ghas"
# at the ';'. Call the platform binary directly when it is there; else quote for that shell.
case "$(uname -s)" in
  Linux) plat=linux ;;
  Darwin) plat=darwin ;;
  *) plat=win32 ;;
esac
native="$prefix/node_modules/@microsoft/sarif-multitool-$plat/Sarif.Multitool"
if [ -x "$native" ]; then
  run=("$native" validate)
  kind="Sarif;Ghas"
  levels="Error;Warning;Note"
else
  run=(npx --no-install --prefix "$prefix" @microsoft/sarif-multitool validate)
  kind='"Sarif;Ghas"'
  levels='"Error;Warning;Note"'
fi

status=0
for f in "$@"; do
  out="$("${run[@]}" "$f" --rule-kind "$kind" --level "$levels" 2>&1)" || {
    echo "$out"
    echo "sarif-validate: the multitool failed on $f" >&2
    exit 2
  }
  echo "$out"
  if ! grep -q 'Analysis completed successfully' <<<"$out"; then
    echo "sarif-validate: $f: the multitool did not complete" >&2
    status=1
  fi
  if grep -Eq '\): (error|warning) [A-Z]+[0-9]+:' <<<"$out"; then
    n=$(grep -Ec '\): (error|warning) [A-Z]+[0-9]+:' <<<"$out")
    echo "sarif-validate: $f: $n error(s)/warning(s)" >&2
    status=1
  fi
done
exit $status
