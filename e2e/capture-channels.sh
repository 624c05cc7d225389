#!/usr/bin/env bash
# Captures the real VS Code output channels of gopls ("gopls (server)" and "gopls") for the trace corpus:
# for each vscode-languageclient variant of the gopls host (e2e/gopls-host, a test stand-in for vscode-go)
# and each scenario of `gomend-bench capture`, a fresh code-server profile with the host installed and
#   "go.trace.server": "verbose", "go.languageServerFlags": ["-rpc.trace"], go.toolsEnvVars = the scenario's env,
# opens the scenario's folder and files in headless Chromium, hovers a word, waits for gopls to go quiet
# (capture-channels.mjs), and copies the two channel logs verbatim to
#   internal/goplstrace/testdata/captured/vscode-<variant>/<scenario>/{gopls-server.log,gopls.log}.
# Usage: e2e/capture-channels.sh [VARIANT...]   (default: lc9.0.1 lc11.0.0)
# Env: SCENARIOS (space-separated names, default: every gomend-bench capture scenario), GOPLS (the gopls
#      binary, default: the one e2e/setup.sh installs), OUT (default: the directory above), LOCALE (LC_ALL for
#      code-server and so the extension host, unset by default; Node's ICU needs no system locale for it:
#      de_DE.UTF-8 gives the 24-hour clock of the <= 9 format's timestamps), SUFFIX (appended to the variant's
#      directory name, e.g. -24h), CS_LOG (code-server's --log, default trace), KEEP=1,
#      GOMEND_E2E_HOME (as setup.sh). Needs e2e/setup.sh to have run.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PREFIX=${GOMEND_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/gomend-e2e}
CS="$PREFIX/code-server-4.100.3/node_modules/.bin/code-server"
[ -x "$CS" ] && [ -d "$HERE/node_modules/playwright-core" ] || { echo "capture: run e2e/setup.sh first" >&2; exit 2; }
GOPLS=${GOPLS:-$(cat "$PREFIX/gopls.path" 2>/dev/null || true)}
[ -x "$GOPLS" ] || { echo "capture: no gopls (set GOPLS, or run e2e/setup.sh)" >&2; exit 2; }
OUT=${OUT:-$ROOT/internal/goplstrace/testdata/captured}
LOCALE=${LOCALE:-}
CS_LOG=${CS_LOG:-trace}
VARIANTS=("$@")
[ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=(lc9.0.1 lc11.0.0)
# shellcheck source=e2e/lib.sh
. "$HERE/lib.sh"

WORK=$(mktemp -d "$PREFIX/capture.XXXXXX")
CS_PID=
stop_cs() {
  [ -z "$CS_PID" ] || { kill -- "-$CS_PID" 2>/dev/null || true; wait "$CS_PID" 2>/dev/null || true; }
  CS_PID=
}
cleanup() {
  stop_cs
  [ -n "${KEEP:-}" ] && echo "capture: work directory kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

# The fixtures and how to drive them, once for every variant.
(cd "$ROOT" && go run ./cmd/gomend-bench capture -fixtures "$WORK/fx" $(for s in ${SCENARIOS:-}; do echo -scenario "$s"; done)) >/dev/null
mapfile -t MANIFESTS < <(ls "$WORK"/fx/*.json)

# gopls sees what a user's would: no GOFLAGS/GOTOOLCHAIN/GOENV of this shell (as gomend-bench capture).
unset GOFLAGS GOTOOLCHAIN GOENV GOMEND_SERVER
GODIR=$(dirname "$(command -v go)")
# The run's HOME is empty: its module cache would be too. This machine's keeps 09a/10b's golang.org/x/mod
# v0.20.0 at hand, as for gomend-bench capture, so nothing is downloaded.
GOMODCACHE=$(go env GOMODCACHE)
failed=0
for variant in "${VARIANTS[@]}"; do
  "$HERE/gopls-host/install.sh" "$variant" >/dev/null   # fills the node_modules cache
  for manifest in "${MANIFESTS[@]}"; do
    name=$(basename "$manifest" .json)
    RUN="$WORK/run-$variant-$name"
    mkdir -p "$RUN/ud/User" "$RUN/ext" "$RUN/home" "$RUN/tmp"
    # The extension host takes its environment from a login shell of this HOME (see e2e/run.sh).
    { printf 'export PATH=%s:"$PATH"\nexport GOMODCACHE=%s\n' "$GODIR" "$GOMODCACHE"; [ -z "$LOCALE" ] || printf 'export LC_ALL=%s\n' "$LOCALE"; } >"$RUN/home/.profile"
    "$HERE/gopls-host/install.sh" "$variant" "$RUN/ext" >/dev/null
    # The user settings: the e2e's quiet workbench, plus the trace settings and the scenario's env.
    node -e '
      const fs = require("fs");
      const [base, manifest, gopls, out] = process.argv.slice(1);
      const s = JSON.parse(fs.readFileSync(base, "utf8"));
      const m = JSON.parse(fs.readFileSync(manifest, "utf8"));
      Object.assign(s, {
        "go.trace.server": "verbose",
        "go.languageServerFlags": ["-rpc.trace"],
        "goplsHost.path": gopls,
        "go.toolsEnvVars": m.env,
      });
      fs.writeFileSync(out, JSON.stringify(s, null, 2) + "\n");
    ' "$HERE/settings.json" "$manifest" "$GOPLS" "$RUN/ud/User/settings.json"
    folder=$(node -p 'require(process.argv[1]).folder' "$manifest")
    PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    t=$(ms)
    locale=(); [ -z "$LOCALE" ] || locale=("LC_ALL=$LOCALE")
    # --log trace: with vscode-languageclient >= 10 the client-side trace is logged at Trace level, which a
    # LogOutputChannel writes only when its level is Trace. code-server 4.100.3's --log takes only a global
    # level (VS Code's per-extension `--log golang.go:trace` is refused: "--log valid values: [trace, debug,
    # info, warn, error]"), so everything runs at trace; only the two channels are kept.
    env HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/home/.config" XDG_DATA_HOME="$RUN/home/.local/share" \
      XDG_CACHE_HOME="$RUN/home/.cache" TMPDIR="$RUN/tmp" GOMODCACHE="$GOMODCACHE" "${locale[@]}" \
      setsid "$CS" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
        --disable-workspace-trust --disable-getting-started-override --log "$CS_LOG" \
        --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" "$folder" >"$RUN/code-server.log" 2>&1 &
    CS_PID=$!
    wait_for_code_server "$PORT" "$RUN/code-server.log" capture
    set +e
    CS_URL="http://127.0.0.1:$PORT/" MANIFEST="$manifest" LOGS="$RUN/ud/logs" SHOTS="$WORK/shots/$variant" \
      CHROME_TMP="$RUN/tmp" node "$HERE/capture-channels.mjs" | tee "$RUN/driver.log"
    rc=${PIPESTATUS[0]}
    set -e
    stop_cs
    if [ "$rc" -ne 0 ]; then
      failed=$((failed + 1))
      tail -20 "$RUN/code-server.log"
      continue
    fi
    dest="$OUT/vscode-$variant${SUFFIX:-}/$name"
    mkdir -p "$dest"
    cp "$(sed -n 's/^CHANNEL server //p' "$RUN/driver.log")" "$dest/gopls-server.log"
    cp "$(sed -n 's/^CHANNEL trace //p' "$RUN/driver.log")" "$dest/gopls.log"
    echo "capture: $variant $name in $(( $(ms) - t )) ms: $(wc -c <"$dest/gopls-server.log") + $(wc -c <"$dest/gopls.log") bytes"
  done
done
[ "$failed" -eq 0 ] || { echo "capture: $failed failed"; exit 1; }
