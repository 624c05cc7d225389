#!/usr/bin/env bash
# Installs the gopls host (the test stand-in for vscode-go, see README.md) into a VS Code extensions
# directory as golang.go-0.0.1: extension.js, the variant's package.json, and its node_modules, which
# `npm ci` installs once per package-lock.json into a cache and which are copied from there.
#   install.sh VARIANT [EXTDIR]   VARIANT: lc9.0.1 | lc11.0.0. Without EXTDIR: only fill the cache.
# Env: GOMEND_E2E_HOME (the cache's parent, as e2e/setup.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
VARIANT=${1:?usage: install.sh lc9.0.1|lc11.0.0 [EXTDIR]}
EXTDIR=${2:-}
[ -f "$HERE/$VARIANT/package-lock.json" ] || { echo "gopls-host: no variant $VARIANT" >&2; exit 2; }
PREFIX=${GOMEND_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/gomend-e2e}
key=$(cat "$HERE/$VARIANT/package.json" "$HERE/$VARIANT/package-lock.json" | sha256sum | cut -c1-16)
CACHE="$PREFIX/gopls-host/$VARIANT-$key"
if [ ! -f "$CACHE/node_modules/.package-lock.json" ]; then
  rm -rf "$CACHE" && mkdir -p "$CACHE"
  cp "$HERE/$VARIANT/package.json" "$HERE/$VARIANT/package-lock.json" "$CACHE/"
  (cd "$CACHE" && npm ci --omit=dev --no-audit --no-fund >"$CACHE/npm.log" 2>&1) ||
    { cat "$CACHE/npm.log" >&2; rm -rf "$CACHE"; echo "gopls-host: npm ci failed" >&2; exit 1; }
fi
[ -n "$EXTDIR" ] || exit 0
DEST="$EXTDIR/golang.go-0.0.1"
rm -rf "$DEST" && mkdir -p "$DEST"
cp "$HERE/extension.js" "$HERE/$VARIANT/package.json" "$DEST/"
cp -r "$CACHE/node_modules" "$DEST/"
# VS Code picks up a folder of the extensions directory by itself only while that directory has no
# extensions.json; once one exists (`--install-extension` writes it), only what it lists is loaded.
if [ -f "$EXTDIR/extensions.json" ]; then
  node -e '
    const fs = require("fs");
    const [file, dest] = process.argv.slice(1);
    const list = JSON.parse(fs.readFileSync(file, "utf8")).filter((e) => e.identifier.id !== "golang.go");
    const uri = "file://" + dest.split("/").map(encodeURIComponent).join("/");
    list.push({
      identifier: { id: "golang.go" }, version: "0.0.1",
      location: { $mid: 1, fsPath: dest, external: uri, path: dest, scheme: "file" },
      relativeLocation: require("path").basename(dest),
      metadata: { installedTimestamp: Date.now(), pinned: true, source: "vsix" },
    });
    fs.writeFileSync(file, JSON.stringify(list));
  ' "$EXTDIR/extensions.json" "$DEST"
fi
echo "$DEST"
