#!/usr/bin/env bash
# Optional, manual check (not run in CI): drives the emulator binary with the official Python
# SDK and the legacy databricks-cli, the way users do.
#
#   cargo build -p databricks-emulator
#   python3 -m venv /tmp/venv && /tmp/venv/bin/pip install databricks-sdk databricks-cli
#   VENV=/tmp/venv crates/databricks-emulator/scripts/real-clients.sh
#
# The legacy CLI (0.18) drops the port from its host, so its part runs against an emulator on
# port 80 (needs root or CAP_NET_BIND_SERVICE); set SKIP_LEGACY_CLI=1 to skip it.
set -euo pipefail

VENV=${VENV:-/tmp/venv}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
BIN=${BIN:-$ROOT/target/debug/databricks-emulator}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

start() { # start PORT OUTFILE
    "$BIN" --port "$1" >"$2" &
    PIDS+=($!)
    for _ in $(seq 50); do [ "$(wc -l <"$2")" -ge 2 ] && return; sleep 0.1; done
    echo "emulator did not start" >&2; exit 1
}

start 0 "$WORK/sdk.out"
HOST=$(sed -n 1p "$WORK/sdk.out" | sed 's/^listening on //')
TOKEN=$(sed -n 2p "$WORK/sdk.out")

echo "== Python SDK, PAT"
DATABRICKS_HOST=$HOST DATABRICKS_TOKEN=$TOKEN "$VENV/bin/python" - <<'PY'
from databricks.sdk import WorkspaceClient
from databricks.sdk.service.workspace import AclPermission
w = WorkspaceClient()
w.secrets.create_scope("s")
print(list(w.secrets.list_scopes()))
w.secrets.put_secret("s", "k", string_value="v")
print(list(w.secrets.list_secrets("s")))
print(w.secrets.get_secret("s", "k"))
w.secrets.put_acl("s", "users", AclPermission.READ)
print(list(w.secrets.list_acls("s")))
t = w.tokens.create(comment="x", lifetime_seconds=60)
print(t)
print(list(w.tokens.list()))
print(list(w.token_management.list()))
print(w.token_management.get_permissions())
w.tokens.delete(t.token_info.token_id)
try:
    w.secrets.delete_scope("missing")
except Exception as e:
    print("expected:", type(e).__name__, e)
PY

echo "== Python SDK, OAuth M2M"
DATABRICKS_HOST=$HOST DATABRICKS_CLIENT_ID=emulator-client DATABRICKS_CLIENT_SECRET=emulator-secret \
    "$VENV/bin/python" -c "
from databricks.sdk import WorkspaceClient
w = WorkspaceClient()
print(w.config.auth_type, [s.name for s in w.secrets.list_scopes()])"

echo "== requests the SDK sent"
curl -s -H "Authorization: Bearer $TOKEN" "$HOST/__emulator/requests" |
    "$VENV/bin/python" -c "import json,sys; [print(r['method'], r['path'], r['status']) for r in json.load(sys.stdin)['requests']]"

if [ "${SKIP_LEGACY_CLI:-}" != 1 ]; then
    echo "== legacy databricks-cli (port 80)"
    start 80 "$WORK/cli.out"
    export HOME=$WORK/home && mkdir -p "$HOME"
    printf '[DEFAULT]\nhost = http://127.0.0.1\ntoken = %s\n' "$(sed -n 2p "$WORK/cli.out")" >"$HOME/.databrickscfg"
    D=$VENV/bin/databricks
    $D secrets create-scope --scope x --initial-manage-principal users
    $D secrets list-scopes
    $D secrets put --scope x --key k --string-value hello
    $D secrets list --scope x
    $D secrets put-acl --scope x --principal data-eng --permission READ
    $D secrets list-acls --scope x
    $D secrets delete-scope --scope x
    $D tokens create --comment cli --lifetime-seconds 100
    $D tokens list
fi
echo "== done"
