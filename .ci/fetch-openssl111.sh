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
# Each package: candidates tried in order, "URL SHA-256". The security pool's build comes first; the
# bullseye point release's build (same 1.1.1w cipher code) is the fallback for the day the security
# archive replaces deb11u8 with a newer revision.
sec=http://deb.debian.org/debian-security/pool/updates/main/o/openssl
main=http://deb.debian.org/debian/pool/main/o/openssl
openssl_candidates=(
  "$sec/openssl_1.1.1w-0+deb11u8_amd64.deb 76ad8beb3463ab1938588ed800d6d4ed3aec34696921c988d4f7329a5d9ca1f6"
  "$main/openssl_1.1.1w-0+deb11u1_amd64.deb 04873d74cbe86bad3a9901f6e57f1150040eba9891b443c5c975a72a97238e35"
)
libssl_candidates=(
  "$sec/libssl1.1_1.1.1w-0+deb11u8_amd64.deb dcc68a543de6cb955a57077b66dcdb15f61d1e31e072f2c6cc4082c37da1b00d"
  "$main/libssl1.1_1.1.1w-0+deb11u1_amd64.deb aadf8b4b197335645b230c2839b4517aa444fd2e8f434e5438c48a18857988f7"
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

fetch() { # candidates... -> extracts the first one that downloads and matches its SHA-256
  local entry url sum file
  for entry in "$@"; do
    url=${entry% *}
    sum=${entry#* }
    file=$tmp/${url##*/}
    if ! curl --fail --silent --show-error --location --retry 4 --retry-delay 3 --retry-connrefused \
        --connect-timeout 20 --max-time 300 -o "$file" "$url"; then
      echo "fetch-openssl111: download of $url failed; trying the next source" >&2
      continue
    fi
    if ! echo "$sum  $file" | sha256sum --check --status; then
      echo "fetch-openssl111: SHA-256 mismatch for $url (expected $sum, got $(sha256sum "$file" | cut -d' ' -f1))" >&2
      exit 1
    fi
    dpkg-deb -x "$file" "$tmp/root"
    return 0
  done
  echo "fetch-openssl111: no source could be downloaded" >&2
  exit 1
}
fetch "${openssl_candidates[@]}"
fetch "${libssl_candidates[@]}"

if ! works "$tmp/root"; then
  echo "fetch-openssl111: the extracted binary does not run or is not $want" >&2
  exit 1
fi
# Replace DEST only once the new tree is known to work.
rm -rf "$dest"
mv "$tmp/root" "$dest"
