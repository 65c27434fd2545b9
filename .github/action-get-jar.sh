#!/usr/bin/env bash
# The action's "Get proxylint" step: puts target/proxylint.jar into the action's own directory.
# 1. already there (a checkout that was built): nothing to do;
# 2. the action is used at a release tag (uses: proxylint/proxylint@v1.2.3): download that release's
#    jar and check it against the release's SHA-256 file (PROXYLINT_RELEASE_BASE replaces
#    https://github.com/OWNER/NAME/releases/download: a mirror, or a file:// URL in tests);
# 3. otherwise (a branch or commit): build it with Maven from the action's own pom.xml, never the
#    caller's repository (which needs no pom.xml).
set -euo pipefail
here="${ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
jar="$here/target/proxylint.jar"
if [ -s "$jar" ]; then
  echo "proxylint: using $jar"
  exit 0
fi
mkdir -p "$here/target"
ref="${ACTION_REF:-}"
repo="${ACTION_REPOSITORY:-proxylint/proxylint}"
if [[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  base="${PROXYLINT_RELEASE_BASE:-https://github.com/$repo/releases/download}/$ref"
  if curl -fsSL --retry 3 -o "$jar.part" "$base/proxylint.jar" \
      && curl -fsSL --retry 3 -o "$jar.sha256" "$base/proxylint.jar.sha256"; then
    want="$(cut -d' ' -f1 < "$jar.sha256")"
    got="$(sha256sum "$jar.part" | cut -d' ' -f1)"
    if [ "$want" = "$got" ]; then
      mv "$jar.part" "$jar"
      echo "proxylint: downloaded release $ref"
      exit 0
    fi
    echo "proxylint: checksum of the $ref release jar does not match; building instead" >&2
  fi
  rm -f "$jar.part" "$jar.sha256"
fi
command -v mvn >/dev/null 2>&1 || { echo "proxylint: no release jar for '$ref' and no Maven to build one" >&2; exit 2; }
mvn -q -B -f "$here/pom.xml" package -DskipTests
test -s "$jar"
