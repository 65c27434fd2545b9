#!/usr/bin/env bash
# Fetch Debian bullseye's OpenSSL 1.1.1 (binary + libssl1.1) into DEST, without installing it:
#
#   .ci/fetch-openssl111.sh DEST
#
# Afterwards DEST/usr/bin/openssl runs with LD_LIBRARY_PATH=DEST/usr/lib/x86_64-linux-gnu (the
# differential tests and gen-openssl-table.sh set that themselves). Downloads with bounded retries
# and timeouts, checks the SHA-256 of both packages (from dists/bullseye-security's Packages file),
# extracts them with dpkg-deb -x. Prints nothing on success; does nothing when DEST already holds a
# working 1.1.1 binary. Exit 1 on any failure (message on stderr), 2 on usage errors.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 DEST" >&2
  exit 2
fi
dest=$1
want="OpenSSL 1.1.1w"
base=http://deb.debian.org/debian-security/pool/updates/main/o/openssl
debs=(
  "openssl_1.1.1w-0+deb11u8_amd64.deb 76ad8beb3463ab1938588ed800d6d4ed3aec34696921c988d4f7329a5d9ca1f6"
  "libssl1.1_1.1.1w-0+deb11u8_amd64.deb dcc68a543de6cb955a57077b66dcdb15f61d1e31e072f2c6cc4082c37da1b00d"
)

works() {
  local out
  out=$(OPENSSL_CONF=/dev/null LD_LIBRARY_PATH="$1/usr/lib/x86_64-linux-gnu" \
    "$1/usr/bin/openssl" version 2>/dev/null) || return 1
  case "$out" in "$want "*) return 0 ;; *) return 1 ;; esac
}

if [ -x "$dest/usr/bin/openssl" ] && works "$dest"; then
  exit 0
fi
# Never replace a directory this script did not fill (a broken earlier extraction is replaced).
if [ -e "$dest" ] && [ -n "$(ls -A "$dest" 2>/dev/null)" ] && [ ! -e "$dest/usr/bin/openssl" ]; then
  echo "fetch-openssl111: $dest exists and is not an earlier extraction; choose an empty or new DEST" >&2
  exit 1
fi

for tool in curl sha256sum dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || { echo "fetch-openssl111: $tool is required" >&2; exit 1; }
done

mkdir -p "$(dirname "$dest")"
tmp=$(mktemp -d "$(dirname "$dest")/.openssl111.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for entry in "${debs[@]}"; do
  file=${entry% *}
  sum=${entry#* }
  if ! curl --fail --silent --show-error --location --retry 4 --retry-delay 3 --retry-connrefused \
      --connect-timeout 20 --max-time 300 -o "$tmp/$file" "$base/$file"; then
    echo "fetch-openssl111: download of $base/$file failed" >&2
    exit 1
  fi
  if ! echo "$sum  $tmp/$file" | sha256sum --check --status; then
    echo "fetch-openssl111: SHA-256 mismatch for $file (expected $sum, got $(sha256sum "$tmp/$file" | cut -d' ' -f1))" >&2
    exit 1
  fi
  dpkg-deb -x "$tmp/$file" "$tmp/root"
done

if ! works "$tmp/root"; then
  echo "fetch-openssl111: the extracted binary does not run or is not $want" >&2
  exit 1
fi
# Replace DEST only once the new tree is known to work.
rm -rf "$dest"
mv "$tmp/root" "$dest"
