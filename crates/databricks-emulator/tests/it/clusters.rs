//! Clusters: idle auto-termination on the lifecycle clock.

use std::time::Duration;

use databricks_emulator::Emulator;
use serde_json::{Value, json};

use crate::common::Client;

const MINUTE: Duration = Duration::from_secs(60);

/// An emulator whose lifecycle steps take a minute (moved by hand), and an admin client.
async fn start() -> (Emulator, Client) {
    let emulator = Emulator::builder()
        .lifecycle_step(MINUTE)
        .start()
        .await
        .unwrap();
    let client = Client::new(&emulator);
    (emulator, client)
}

/// Creates a cluster with `autotermination_minutes` (if any) and lets it come up.
async fn running(emu: &Emulator, client: &Client, autotermination: Option<i64>) -> String {
    let mut body = json!({
        "cluster_name": "idle",
        "spark_version": "15.4.x-scala2.12",
        "node_type_id": "i3.xlarge",
        "num_workers": 1,
    });
    if let Some(m) = autotermination {
        body["autotermination_minutes"] = json!(m);
    }
    let id = client.post("/api/2.1/clusters/create", body).await.ok()["cluster_id"]
        .as_str()
        .unwrap()
        .to_owned();
    emu.clock().advance(MINUTE);
    assert_eq!(get(client, &id).await["state"], "RUNNING");
    id
}

async fn get(client: &Client, id: &str) -> Value {
    client
        .get(&format!("/api/2.1/clusters/get?cluster_id={id}"))
        .await
        .ok()
}

async fn events(client: &Client, id: &str) -> Vec<Value> {
    client
        .post("/api/2.1/clusters/events", json!({ "cluster_id": id }))
        .await
        .ok()["events"]
        .as_array()
        .unwrap()
        .clone()
}

fn ms(v: &Value) -> i64 {
    v.as_i64().unwrap()
}

#[tokio::test]
async fn idle_clusters_terminate_for_inactivity() {
    let (emu, client) = start().await;
    let id = running(&emu, &client, Some(10)).await;
    let up = get(&client, &id).await;
    let since = ms(&up["last_restarted_time"]);
    assert_eq!(ms(&up["last_activity_time"]), since);

    client
        .post(
            "/api/2.0/libraries/install",
            json!({ "cluster_id": id, "libraries": [{ "pypi": { "package": "simplejson" } }] }),
        )
        .await
        .ok();
    let library = || async {
        client
            .get(&format!(
                "/api/2.0/libraries/cluster-status?cluster_id={id}"
            ))
            .await
            .ok()["library_statuses"][0]["status"]
            .clone()
    };

    emu.clock().advance(9 * MINUTE);
    assert_eq!(get(&client, &id).await["state"], "RUNNING");
    assert_eq!(library().await, "INSTALLED");
    emu.clock().advance(3 * MINUTE);
    let done = get(&client, &id).await;
    assert_eq!(done["state"], "TERMINATED", "{done}");
    // Libraries see the cluster down: they install again at the next start.
    assert_eq!(library().await, "PENDING");
    assert_eq!(
        done["termination_reason"],
        json!({ "code": "INACTIVITY", "type": "SUCCESS",
                "parameters": { "inactivity_duration_min": "10" } })
    );
    assert_eq!(
        done["state_message"],
        "Inactive cluster terminated (inactive for 10 minutes)."
    );
    let deadline = since + 10 * 60_000;
    assert_eq!(ms(&done["terminated_time"]), deadline + 60_000);
    assert_eq!(ms(&done["last_activity_time"]), since);
    assert!(done.get("driver").is_none());

    // The TERMINATING event carries the reason and no user; list agrees with get.
    let all = events(&client, &id).await;
    assert_eq!(all[0]["type"], "TERMINATING");
    assert_eq!(ms(&all[0]["timestamp"]), deadline);
    assert_eq!(
        all[0]["details"],
        json!({ "reason": done["termination_reason"] })
    );
    let listed = client.get("/api/2.1/clusters/list").await.ok();
    assert_eq!(listed["clusters"][0]["state"], "TERMINATED");
    assert_eq!(
        listed["clusters"][0]["termination_reason"]["code"],
        "INACTIVITY"
    );
    // Operations on a running cluster now see it terminated.
    client
        .post(
            "/api/2.1/clusters/resize",
            json!({ "cluster_id": id, "num_workers": 3 }),
        )
        .await
        .err(400, "INVALID_STATE");

    // It starts again, and its timer starts over.
    client
        .post("/api/2.1/clusters/start", json!({ "cluster_id": id }))
        .await
        .ok();
    emu.clock().advance(MINUTE);
    let again = get(&client, &id).await;
    assert_eq!(again["state"], "RUNNING");
    assert!(again.get("termination_reason").is_none());
    assert!(ms(&again["last_activity_time"]) > deadline);
}

#[tokio::test]
async fn runs_started_after_the_deadline_do_not_revive_a_cluster() {
    let (emu, client) = start().await;
    let id = running(&emu, &client, Some(10)).await;
    let since = ms(&get(&client, &id).await["last_restarted_time"]);
    emu.clock().advance(15 * MINUTE);
    // Nobody looked at the cluster before this run was submitted to it.
    client
        .post(
            "/api/2.1/jobs/runs/submit",
            json!({
                "run_name": "late",
                "tasks": [{
                    "task_key": "t",
                    "existing_cluster_id": id,
                    "notebook_task": {
                        "notebook_path": "/Shared/nb",
                        "base_parameters": { "emulator:hang": "true" },
                    },
                }],
            }),
        )
        .await
        .ok();
    emu.clock().advance(MINUTE);
    let done = get(&client, &id).await;
    assert_eq!(done["state"], "TERMINATED");
    assert_eq!(
        ms(&events(&client, &id).await[0]["timestamp"]),
        since + 10 * 60_000
    );
}

#[tokio::test]
async fn clusters_without_auto_termination_stay_up() {
    let (emu, client) = start().await;
    let unset = running(&emu, &client, None).await;
    let zero = running(&emu, &client, Some(0)).await;
    emu.clock().advance(Duration::from_secs(30 * 24 * 3600));
    for id in [unset, zero] {
        assert_eq!(get(&client, &id).await["state"], "RUNNING");
    }
}

#[tokio::test]
async fn activity_restarts_the_idle_timer() {
    let (emu, client) = start().await;
    let id = running(&emu, &client, Some(10)).await;
    emu.clock().advance(8 * MINUTE);
    client
        .post(
            "/api/2.1/clusters/resize",
            json!({ "cluster_id": id, "num_workers": 2 }),
        )
        .await
        .ok();
    emu.clock().advance(MINUTE);
    let resized = get(&client, &id).await;
    assert_eq!(resized["state"], "RUNNING");
    let resized_at = ms(&resized["last_activity_time"]);
    assert!(resized_at > ms(&resized["last_restarted_time"]));

    // Eleven minutes after it came up, but nine after the resize: still up.
    emu.clock().advance(9 * MINUTE);
    assert_eq!(get(&client, &id).await["state"], "RUNNING");
    client
        .post("/api/2.1/clusters/restart", json!({ "cluster_id": id }))
        .await
        .ok();
    emu.clock().advance(MINUTE);
    let restarted = get(&client, &id).await;
    assert_eq!(restarted["state"], "RUNNING");
    let restarted_at = ms(&restarted["last_activity_time"]);
    assert_eq!(restarted_at, ms(&restarted["last_restarted_time"]));
    assert!(restarted_at > resized_at);

    emu.clock().advance(11 * MINUTE);
    let done = get(&client, &id).await;
    assert_eq!(done["state"], "TERMINATED");
    assert_eq!(
        ms(&events(&client, &id).await[0]["timestamp"]),
        restarted_at + 10 * 60_000
    );
}

#[tokio::test]
async fn job_runs_on_a_cluster_hold_off_idle_termination() {
    let (emu, client) = start().await;
    let id = running(&emu, &client, Some(10)).await;
    let other = running(&emu, &client, Some(10)).await;
    let run_id = client
        .post(
            "/api/2.1/jobs/runs/submit",
            json!({
                "run_name": "long",
                "tasks": [{
                    "task_key": "t",
                    "existing_cluster_id": id,
                    "notebook_task": {
                        "notebook_path": "/Shared/nb",
                        "base_parameters": { "emulator:hang": "true" },
                    },
                }],
            }),
        )
        .await
        .ok()["run_id"]
        .as_i64()
        .unwrap();

    // Half an hour later the busy cluster is up, the other one has gone.
    emu.clock().advance(30 * MINUTE);
    let busy = get(&client, &id).await;
    assert_eq!(busy["state"], "RUNNING", "{busy}");
    assert!(ms(&busy["last_activity_time"]) >= ms(&busy["last_restarted_time"]) + 30 * 60_000);
    assert_eq!(get(&client, &other).await["state"], "TERMINATED");

    // Once the run is over, the cluster idles from its end.
    client
        .post("/api/2.1/jobs/runs/cancel", json!({ "run_id": run_id }))
        .await
        .ok();
    emu.clock().advance(2 * MINUTE);
    let run = client
        .get(&format!("/api/2.1/jobs/runs/get?run_id={run_id}"))
        .await
        .ok();
    assert_eq!(run["state"]["life_cycle_state"], "TERMINATED", "{run}");
    let task_end = ms(&run["tasks"][0]["end_time"]);
    assert_eq!(ms(&get(&client, &id).await["last_activity_time"]), task_end);
    emu.clock().advance(7 * MINUTE);
    assert_eq!(get(&client, &id).await["state"], "RUNNING");
    emu.clock().advance(3 * MINUTE);
    let done = get(&client, &id).await;
    assert_eq!(done["state"], "TERMINATED");
    assert_eq!(ms(&done["last_activity_time"]), task_end);
    assert_eq!(
        ms(&events(&client, &id).await[0]["timestamp"]),
        task_end + 10 * 60_000
    );
}

/// Creates a job with one notebook task on `cluster_id` and starts a run; returns its id.
async fn run_on(client: &Client, cluster_id: &str) -> i64 {
    let job = client
        .post(
            "/api/2.1/jobs/create",
            json!({ "name": "on-cluster", "tasks": [{ "task_key": "t",
                "existing_cluster_id": cluster_id,
                "notebook_task": { "notebook_path": "/n" } }] }),
        )
        .await
        .ok()["job_id"]
        .as_i64()
        .unwrap();
    client
        .post("/api/2.1/jobs/run-now", json!({ "job_id": job }))
        .await
        .ok()["run_id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_job_run_starts_its_terminated_cluster() {
    let (emu, client) = start().await;
    let id = running(&emu, &client, None).await;
    client
        .post("/api/2.1/clusters/delete", json!({ "cluster_id": id }))
        .await
        .ok();
    emu.clock().advance(MINUTE);
    assert_eq!(get(&client, &id).await["state"], "TERMINATED");

    let run = run_on(&client, &id).await;
    // The run starts after a step, its task one more later; the cluster starts then, by the
    // run's creator.
    emu.clock().advance(MINUTE);
    assert_eq!(get(&client, &id).await["state"], "TERMINATED");
    emu.clock().advance(MINUTE);
    let cluster = get(&client, &id).await;
    assert_eq!(cluster["state"], "PENDING", "{cluster}");
    emu.clock().advance(MINUTE);
    assert_eq!(get(&client, &id).await["state"], "RUNNING");
    let all = events(&client, &id).await;
    let starting: Vec<_> = all.iter().filter(|e| e["type"] == "STARTING").collect();
    assert_eq!(starting.len(), 1, "{all:?}");
    assert_eq!(starting[0]["details"]["user"], "admin@example.com");

    // The run went on and succeeded; a second run on the running cluster starts nothing.
    emu.clock().advance(MINUTE * 5);
    let got = client
        .get(&format!("/api/2.1/jobs/runs/get?run_id={run}"))
        .await
        .ok();
    assert_eq!(got["state"]["result_state"], "SUCCESS", "{got}");
    run_on(&client, &id).await;
    emu.clock().advance(MINUTE * 5);
    let all = events(&client, &id).await;
    assert_eq!(all.iter().filter(|e| e["type"] == "STARTING").count(), 1);
}

#[tokio::test]
async fn runs_on_unknown_clusters_start_nothing() {
    let (emu, client) = start().await;
    let run = run_on(&client, "0000-000000-unknown0").await;
    emu.clock().advance(MINUTE * 5);
    let got = client
        .get(&format!("/api/2.1/jobs/runs/get?run_id={run}"))
        .await
        .ok();
    assert_eq!(got["state"]["life_cycle_state"], "TERMINATED", "{got}");
    let listed = client.get("/api/2.1/clusters/list").await.ok();
    assert_eq!(listed, json!({}));
}
