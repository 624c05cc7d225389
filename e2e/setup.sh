#!/usr/bin/env bash
# Installs what the end-to-end test needs, once per machine: Debian Chromium, fonts, ripgrep and build
# tools (apt, only what is missing), code-server from npm, playwright-core (e2e/package-lock.json), the
# gopls host's node_modules (e2e/gopls-host, the test stand-in for vscode-go, from its package-lock.json)
# and the gopls it runs (`go install`, from the module proxy the go command is configured with).
# Everything but the apt packages lives under $GOMEND_E2E_HOME. Reruns take seconds (a stamp file).
# Env: GOMEND_E2E_HOME (default ${XDG_CACHE_HOME:-$HOME/.cache}/gomend-e2e).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${GOMEND_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/gomend-e2e}
CS_VERSION=4.100.3   # VS Code 1.100.3; its postinstall insists on Node 20
CS_NODE_MAJOR=20
CSDIR="$PREFIX/code-server-$CS_VERSION"
CS="$CSDIR/node_modules/.bin/code-server"
STAMP="$PREFIX/setup.stamp"
T0=$(date +%s)

# The stamp names what was installed; any change to this script reinstalls.
want="code-server $CS_VERSION, setup.sh $(sha256sum "$0" | cut -c1-16)"
e2e_deps_current() {
  [ -f "$HERE/node_modules/.package-lock.json" ] && [ "$HERE/node_modules/.package-lock.json" -nt "$HERE/package-lock.json" ]
}
# gopls for the gopls host, the pinned version of `make bench`. v0.24.0 needs Go 1.27: the go command
# fetches that toolchain as a module for the build only (GOTOOLCHAIN), as the Makefile does.
GOPLS_VERSION=v0.24.0
GOPLS_TOOLCHAIN=go1.27.3
GOPLS="$PREFIX/gopls-$GOPLS_VERSION/gopls"
go_side() {
  if [ ! -x "$GOPLS" ]; then
    local t; t=$(date +%s)
    GOBIN="$(dirname "$GOPLS")" GOTOOLCHAIN=$GOPLS_TOOLCHAIN GOFLAGS= go install "golang.org/x/tools/gopls@$GOPLS_VERSION"
    echo "e2e setup: gopls $GOPLS_VERSION installed in $(( $(date +%s) - t )) s"
  fi
  echo "$GOPLS" > "$PREFIX/gopls.path"
  GOMEND_E2E_HOME="$PREFIX" "$HERE/gopls-host/install.sh" lc11.0.0
}

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$CS" ] && command -v chromium >/dev/null; then
  e2e_deps_current || (cd "$HERE" && npm ci --no-audit --no-fund)
  go_side
  echo "e2e setup: up to date ($want) in $PREFIX"
  exit 0
fi

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" != "$CS_NODE_MAJOR" ]; then
  echo "e2e setup: code-server $CS_VERSION needs Node $CS_NODE_MAJOR (found $(node --version))" >&2
  exit 1
fi

# 1) Debian packages, only those missing. libkrb5-dev: code-server's `kerberos` module needs gssapi.h.
need=()
command -v chromium >/dev/null || need+=(chromium fonts-liberation fonts-dejavu-core)
command -v rg >/dev/null || need+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
{ command -v g++ && command -v make && command -v python3; } >/dev/null || need+=(build-essential python3)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "e2e setup: apt-get install ${need[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 2) code-server from npm. Its install needs, offline from anything but the npm registry:
#    - @vscode/ripgrep downloads rg from GitHub unless its cache (in os.tmpdir()) has the archive:
#      seed it with Debian's rg;
#    - node-gyp must find Node's headers locally (Debian: /usr/include/node), not download them;
#    - node-pty's postinstall runs `npx node-gyp`, which an npmrc with yes=false would refuse;
#    - postinstall.sh refuses to run as root without --unsafe-perm.
mkdir -p "$CSDIR" "$PREFIX/tmp/rgseed" "$PREFIX/tmp/home"
export TMPDIR="$PREFIX/tmp"
mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11"
cp "$(command -v rg)" "$TMPDIR/rgseed/rg"
tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rgseed" rg
[ -n "${npm_config_nodedir:-}" ] || [ ! -d /usr/include/node ] || export npm_config_nodedir=/usr
export npm_config_yes=true
cd "$CSDIR"
[ -f package.json ] || echo '{"name":"gomend-e2e-code-server","private":true}' > package.json
t=$(date +%s)
npm install --unsafe-perm --foreground-scripts --no-audit --no-fund "code-server@$CS_VERSION" \
  > "$CSDIR/install.log" 2>&1 || { tail -40 "$CSDIR/install.log"; echo "e2e setup: code-server install failed (log: $CSDIR/install.log)" >&2; exit 1; }
echo "e2e setup: code-server $CS_VERSION installed in $(( $(date +%s) - t )) s ($(du -sh "$CSDIR/node_modules" | cut -f1))"
# code-server writes ~/.config/code-server even for --version: keep it out of the real HOME.
HOME="$PREFIX/tmp/home" "$CS" --version 2>/dev/null | tail -1

# 3) playwright-core, from e2e/package-lock.json.
(cd "$HERE" && npm ci --no-audit --no-fund)

# 4) gopls and the gopls host's node_modules.
go_side

echo "$want" > "$STAMP"
echo "e2e setup: done in $(( $(date +%s) - T0 )) s; installed under $PREFIX"
