#!/usr/bin/env bash
# The end-to-end test: build the VSIX, install it into a fresh code-server profile, open a copy of
# e2e/workspace, drive VS Code from headless Chromium (e2e.mjs), and clean up whatever happens.
# Needs e2e/setup.sh to have run (`make e2e` does both). Exit status 0 = pass.
# Env: VSIX (test this VSIX instead of building one), KEEP=1 (keep the run directory), SHOTS (screenshot
#      directory, default e2e/shots), TIMEOUT_MS (per step), PORT (default: a free one), GOMEND_E2E_HOME
#      (as setup.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PREFIX=${GOMEND_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/gomend-e2e}
CS="$PREFIX/code-server-4.100.3/node_modules/.bin/code-server"
GOPLS=$(cat "$PREFIX/gopls.path" 2>/dev/null || true)
[ -x "$CS" ] && [ -d "$HERE/node_modules/playwright-core" ] && [ -x "$GOPLS" ] || { echo "e2e: run e2e/setup.sh first" >&2; exit 2; }
# shellcheck source=e2e/lib.sh
. "$HERE/lib.sh"
T0=$(ms)

# 1) The VSIX, carrying bin/linux-x64/gomend built from ./cmd/gomend.
if [ -z "${VSIX:-}" ]; then
  make -C "$ROOT" -f client.mk --no-print-directory vsix >/dev/null
  VSIX="$ROOT/dist/gomend-linux-x64.vsix"
fi
T_BUILD=$(ms)

# 2) A fresh profile and workspace. HOME, XDG dirs and TMPDIR point into the run directory: code-server
#    writes ~/.config/code-server and coder-logs even with --user-data-dir, and Chromium its singleton dir.
RUN=$(mktemp -d "$PREFIX/run.XXXXXX")
CS_PID=
cleanup() {
  [ -z "$CS_PID" ] || { kill -- "-$CS_PID" 2>/dev/null || true; wait "$CS_PID" 2>/dev/null || true; }
  [ -n "${KEEP:-}" ] && echo "e2e: run directory kept: $RUN" || rm -rf "$RUN"
}
trap cleanup EXIT
mkdir -p "$RUN/ud/User" "$RUN/ext" "$RUN/home" "$RUN/tmp"
# The extension host takes its environment from a login shell of this HOME, and /etc/profile's PATH has
# no Go: a profile that keeps this machine's Go on the PATH, as a developer's own profile would.
printf 'export PATH=%s:"$PATH"\n' "$(dirname "$(command -v go)")" >"$RUN/home/.profile"
cp "$HERE/settings.json" "$RUN/ud/User/settings.json"
cp -r "$HERE/workspace" "$RUN/ws"
export HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/home/.config" XDG_DATA_HOME="$RUN/home/.local/share" \
  XDG_CACHE_HOME="$RUN/home/.cache" TMPDIR="$RUN/tmp"
# The test is about the bundled server: no override may take its place.
unset GOMEND_SERVER
"$CS" --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" --install-extension "$VSIX" >"$RUN/install.log" 2>&1 ||
  { cat "$RUN/install.log"; exit 1; }
# The Go extension's language client, for "Capture a gopls trace": e2e/gopls-host, a test stand-in for
# vscode-go (golang.go), with vscode-languageclient 11.0.0. It starts gopls only where a folder's settings
# name it (goplsHost.path): e2e.mjs's capture scenario.
GOMEND_E2E_HOME="$PREFIX" "$HERE/gopls-host/install.sh" lc11.0.0 "$RUN/ext" >>"$RUN/install.log"
T_INSTALL=$(ms)

# 3) code-server on loopback only, in its own process group so cleanup stops all of it.
PORT=${PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
setsid "$CS" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" "$RUN/ws" >"$RUN/code-server.log" 2>&1 &
CS_PID=$!
wait_for_code_server "$PORT" "$RUN/code-server.log" e2e
T_SERVER=$(ms)
echo "e2e: build+vsix $((T_BUILD-T0)) ms, install $((T_INSTALL-T_BUILD)) ms, code-server up $((T_SERVER-T_INSTALL)) ms (port $PORT)"

# 4) The browser test. Screenshots go to e2e/shots only when it passes, so that folder always holds
#    the last passing run; a failing run's go to e2e/shots/failed.
SHOTS=${SHOTS:-$HERE/shots}
set +e
CS_URL="http://127.0.0.1:$PORT/" WORKSPACE="$RUN/ws" SHOTS="$RUN/shots" CHROME_TMP="$RUN/tmp" GOPLS="$GOPLS" \
  node "$HERE/e2e.mjs"
RC=$?
set -e
if [ $RC -eq 0 ]; then
  mkdir -p "$SHOTS" && rm -rf "$SHOTS"/*.png "$SHOTS/failed" && cp "$RUN"/shots/*.png "$SHOTS"/
else
  rm -rf "$SHOTS/failed" && mkdir -p "$SHOTS/failed" && cp "$RUN"/shots/*.png "$SHOTS/failed"/ 2>/dev/null || true
  echo "e2e: screenshots of the failure in $SHOTS/failed"
  echo "--- code-server.log"; tail -30 "$RUN/code-server.log"
  # The extension host log, and gomend's output channel (the client's log and the server's stderr).
  for f in "$RUN"/ud/logs/*/exthost*/remoteexthost.log "$RUN"/ud/logs/*/exthost*/gomend.gomend/*.log \
    "$RUN"/ud/logs/*/exthost*/golang.go/*.log; do
    [ -f "$f" ] && { echo "--- ${f#"$RUN"/}"; tail -150 "$f"; }
  done
fi
echo "e2e: total $(( $(ms) - T0 )) ms"
# One scenario; the plain summary line CI readers understand.
if [ $RC -eq 0 ]; then echo "e2e: 1 passed, 0 failed"; else echo "e2e: 0 passed, 1 failed"; fi
exit $RC
