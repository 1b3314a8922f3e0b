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

echo "== Python SDK, every family the way its docs show"
DATABRICKS_HOST=$HOST DATABRICKS_TOKEN=$TOKEN "$VENV/bin/python" - <<'PY'
import io
from databricks.sdk import WorkspaceClient
from databricks.sdk.service import compute, jobs, workspace
w = WorkspaceClient()
me = w.current_user.me()
home = f"/Users/{me.user_name}"
w.workspace.upload(f"{home}/hello.py", io.BytesIO(b"print('hi')"),
                   format=workspace.ImportFormat.SOURCE, language=workspace.Language.PYTHON)
print([o.path for o in w.workspace.list(home)])
assert b"print('hi')" in w.workspace.download(f"{home}/hello.py").read()
w.dbfs.upload("/tmp/sdk/data.bin", io.BytesIO(b"x" * 3_000_000), overwrite=True)
assert w.dbfs.download("/tmp/sdk/data.bin").read() == b"x" * 3_000_000
print([f.path for f in w.dbfs.list("/tmp/sdk")])
node = w.clusters.select_node_type(local_disk=True)
version = w.clusters.select_spark_version(long_term_support=True)
cluster = w.clusters.create_and_wait(cluster_name="sdk", spark_version=version,
                                     node_type_id=node, num_workers=1, autotermination_minutes=15)
print(cluster.cluster_id, cluster.state)
w.libraries.install(cluster.cluster_id, [compute.Library(pypi=compute.PythonPyPiLibrary(package="requests"))])
print([s.status for s in w.libraries.cluster_status(cluster.cluster_id)])
job = w.jobs.create(name="sdk-job", tasks=[jobs.Task(task_key="t", existing_cluster_id=cluster.cluster_id,
                    notebook_task=jobs.NotebookTask(notebook_path=f"{home}/hello.py"))])
run = w.jobs.run_now_and_wait(job.job_id)
print(run.state.result_state)
w.jobs.delete(job.job_id)
w.clusters.permanent_delete(cluster.cluster_id)
group = w.groups.create(display_name="sdk-group")
print([g.display_name for g in w.groups.list()])
w.groups.delete(group.id)
print(len(list(w.users.list())), "users")
PY

echo "== Python SDK, Files API (w.files over a volume)"
"$VENV/bin/python" "$ROOT/crates/databricks-emulator/tests/fixtures/files_python_sdk.py" "$HOST" "$TOKEN" | tail -3

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
    $D groups create --group-name data-eng
    $D secrets put-acl --scope x --principal data-eng --permission READ
    $D secrets list-acls --scope x
    $D secrets delete-scope --scope x
    $D tokens create --comment cli --lifetime-seconds 100
    $D tokens list

    echo "-- dbfs (multipart put with overwrite=False, reads, recursive copies)"
    echo hello >"$WORK/h.txt"
    head -c 3000000 /dev/urandom >"$WORK/big.bin"
    mkdir -p "$WORK/tree/a/b" && echo 1 >"$WORK/tree/a/x" && echo 2 >"$WORK/tree/a/b/y"
    $D fs mkdirs dbfs:/tmp/cli
    $D fs cp "$WORK/h.txt" dbfs:/tmp/cli/h.txt
    $D fs cp "$WORK/big.bin" dbfs:/tmp/cli/big.bin
    $D fs cp --overwrite "$WORK/h.txt" dbfs:/tmp/cli/h.txt
    if $D fs cp "$WORK/h.txt" dbfs:/tmp/cli/h.txt 2>/dev/null; then
        echo "copying onto an existing file without --overwrite must fail" >&2; exit 1
    fi
    $D fs ls -l dbfs:/tmp/cli
    $D fs cp dbfs:/tmp/cli/big.bin "$WORK/big2.bin" && cmp "$WORK/big.bin" "$WORK/big2.bin"
    $D fs mv dbfs:/tmp/cli/h.txt dbfs:/tmp/cli/h2.txt
    $D fs cp -r "$WORK/tree" dbfs:/tmp/tree && $D fs cp -r dbfs:/tmp/tree "$WORK/tree2"
    diff -r "$WORK/tree" "$WORK/tree2"
    $D fs rm -r dbfs:/tmp/cli

    echo "-- workspace (into the user's home folder)"
    printf '# Databricks notebook source\nprint(1)\n' >"$WORK/nb.py"
    mkdir -p "$WORK/wsdir/sub" && cp "$WORK/nb.py" "$WORK/wsdir/a.py" && echo 'select 1' >"$WORK/wsdir/sub/q.sql"
    $D workspace import -l PYTHON "$WORK/nb.py" /Users/admin@example.com/nb
    $D workspace import -o -l PYTHON "$WORK/nb.py" /Users/admin@example.com/nb
    $D workspace export -f JUPYTER /Users/admin@example.com/nb "$WORK/nb.ipynb"
    $D workspace import_dir "$WORK/wsdir" /Shared/wsdir
    $D workspace export_dir /Shared/wsdir "$WORK/wsout" && grep -q "select 1" "$WORK/wsout/sub/q.sql"
    $D workspace rm -r /Shared/wsdir

    echo "-- clusters, libraries, jobs (API 2.0 and 2.1), runs"
    CID=$($D clusters create --json '{"cluster_name":"cli","spark_version":"15.4.x-scala2.12","node_type_id":"i3.xlarge","num_workers":1}' |
        "$VENV/bin/python" -c "import json,sys; print(json.load(sys.stdin)['cluster_id'])")
    $D clusters list
    until $D clusters get --cluster-id "$CID" | grep -q '"state": "RUNNING"'; do sleep 0.5; done
    $D clusters resize --cluster-id "$CID" --num-workers 2
    $D clusters events --cluster-id "$CID"
    $D libraries install --cluster-id "$CID" --pypi-package requests
    $D libraries cluster-status --cluster-id "$CID"
    JID=$($D jobs create --json '{"name":"cli-job","existing_cluster_id":"'"$CID"'","notebook_task":{"notebook_path":"/Users/admin@example.com/nb"}}' |
        "$VENV/bin/python" -c "import json,sys; print(json.load(sys.stdin)['job_id'])")
    $D jobs run-now --job-id "$JID" --notebook-params '{"a":"1"}'
    $D runs list --job-id "$JID"
    $D jobs create --version=2.1 --json '{"name":"multi","tasks":[{"task_key":"a","existing_cluster_id":"'"$CID"'","notebook_task":{"notebook_path":"/x"}}]}'
    $D jobs list --version=2.1
    $D jobs delete --job-id "$JID"
    $D clusters permanent-delete --cluster-id "$CID"
fi
echo "== done"
