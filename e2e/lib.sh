# Shell helpers shared by run.sh and capture-channels.sh (sourced, not run).

# ms prints the time in milliseconds.
ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wait_for_code_server PORT LOG NAME: waits (30 s at most) until the code-server on PORT answers its
# health check; if it does not, prints its LOG and exits, naming NAME.
wait_for_code_server() {
  local deadline=$(( $(ms) + 30000 ))
  until curl -fsS -o /dev/null "http://127.0.0.1:$1/healthz" 2>/dev/null; do
    [ "$(ms)" -lt "$deadline" ] || { echo "$3: code-server did not come up"; cat "$2"; exit 1; }
    sleep 0.1
  done
}
