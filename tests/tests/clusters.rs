//! Clusters end to end: the umbrella client against the emulator, through every waiter.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use databricks::clusters::{
    AutoScale, ClusterDetails, ClusterPermissionLevel, ClusterSpec, ClustersApi, EventType,
    GetEvents, GetEventsOrder, ListClustersFilterBy, ListClustersRequest, NodeTypeRequest,
    ResizeCluster, RestartCluster, SparkVersionRequest, State, TerminationReasonCode,
    UpdateCluster,
};
use databricks::core::permissions::AccessControlRequest;
use databricks::{Error, ErrorCode, Method, Waiter};
use databricks_emulator::Emulator;
use serde_json::{Value, json};

/// Polls every few milliseconds (the emulator's lifecycle step is 20 ms).
fn fast<T: Send + Sync + 'static>(w: Waiter<T>) -> Waiter<T> {
    w.poll_interval(Duration::from_millis(5), Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
}

fn spec(name: &str) -> ClusterSpec {
    ClusterSpec {
        cluster_name: Some(name.into()),
        autotermination_minutes: Some(60),
        ..ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 2)
    }
}

fn failing_spec(name: &str, code: &str) -> ClusterSpec {
    let mut s = spec(name);
    s.custom_tags
        .insert("emulator:fail-start".into(), code.into());
    s.custom_tags.insert(
        "emulator:fail-message".into(),
        "Init script exited with 1".into(),
    );
    s
}

fn starts(emu: &Emulator) -> usize {
    common::count_requests(emu, "POST", "/api/2.1/clusters/start")
}

async fn running(clusters: &ClustersApi, name: &str) -> ClusterDetails {
    fast(clusters.create_and_wait(spec(name))).await.unwrap()
}

fn code(e: &Error) -> &str {
    e.error_code().map(ErrorCode::as_str).unwrap_or("")
}

#[tokio::test]
async fn full_lifecycle_through_every_waiter() {
    let (emu, client) = common::start().await;
    let clusters = client.clusters();

    let created = running(&clusters, "etl").await;
    assert_eq!(created.state, Some(State::Running));
    assert_eq!(created.num_workers, Some(2));
    assert_eq!(created.executors.len(), 2);
    assert!(created.driver.is_some());
    assert!(created.spark_context_id.is_some());
    let id = created.cluster_id.clone();
    assert_eq!(id.as_str().len(), 20, "{id}");
    assert_eq!(
        created.creator_user_name.as_deref(),
        Some("admin@example.com")
    );
    assert_eq!(created.default_tags["ClusterId"], id.as_str());
    assert_eq!(
        created.spec.as_ref().unwrap().cluster_name.as_deref(),
        Some("etl")
    );

    let resized = fast(clusters.resize_and_wait(ResizeCluster::workers(&id, 4)))
        .await
        .unwrap();
    assert_eq!(resized.state, Some(State::Running));
    assert_eq!(resized.num_workers, Some(4));
    assert_eq!(resized.executors.len(), 4);

    let context = resized.spark_context_id;
    let restarted = fast(clusters.restart_and_wait(RestartCluster::new(&id)))
        .await
        .unwrap();
    assert_eq!(restarted.state, Some(State::Running));
    assert_ne!(restarted.spark_context_id, context);

    let mut edit = restarted.to_edit();
    edit.spec.num_workers = None;
    edit.spec.autoscale = Some(AutoScale::new(1, 3));
    let edited = fast(clusters.edit_and_wait(edit)).await.unwrap();
    assert_eq!(edited.state, Some(State::Running));
    assert_eq!(edited.autoscale, Some(AutoScale::new(1, 3)));
    assert_eq!(edited.num_workers, None);

    let update = UpdateCluster::new(
        &id,
        ClusterSpec {
            autotermination_minutes: Some(30),
            ..Default::default()
        },
        ["autotermination_minutes"],
    );
    let updated = fast(clusters.update_and_wait(update)).await.unwrap();
    assert_eq!(updated.autotermination_minutes, Some(30));
    assert_eq!(
        updated.autoscale,
        Some(AutoScale::new(1, 3)),
        "untouched by the mask"
    );

    let terminated = fast(clusters.delete_and_wait(&id)).await.unwrap();
    assert_eq!(terminated.state, Some(State::Terminated));
    let reason = terminated.termination_reason.clone().unwrap();
    assert_eq!(reason.code, Some(TerminationReasonCode::UserRequest));
    assert!(terminated.terminated_time.is_some());
    assert!(terminated.executors.is_empty());

    // An edit of a terminated cluster leaves it terminated and the waiter ends at once.
    let mut edit = terminated.to_edit();
    edit.spec.cluster_name = Some("etl-renamed".into());
    let still = fast(clusters.edit_and_wait(edit)).await.unwrap();
    assert_eq!(still.state, Some(State::Terminated));
    assert_eq!(still.cluster_name.as_deref(), Some("etl-renamed"));

    let started = fast(clusters.start_and_wait(&id)).await.unwrap();
    assert_eq!(started.state, Some(State::Running));
    assert_eq!(started.termination_reason, None);

    fast(clusters.delete_and_wait(&id)).await.unwrap();
    let again = fast(clusters.wait_until_terminated(&id)).await.unwrap();
    assert_eq!(again.state, Some(State::Terminated));

    clusters.permanent_delete(&id).await.unwrap();
    let gone = clusters.get(&id).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
    assert_eq!(starts(&emu), 1);
}

#[tokio::test]
async fn ensure_running_from_every_state() {
    let (emu, client) = common::start().await;
    let clusters = client.clusters();

    // RUNNING: done at once, nothing started.
    let c = running(&clusters, "running").await;
    let ok = fast(clusters.ensure_running(&c.cluster_id)).await.unwrap();
    assert!(ok.is_running());
    assert_eq!(starts(&emu), 0);

    // PENDING, RESIZING, RESTARTING: waited for, nothing started.
    let pending = clusters.create(spec("pending")).await.unwrap().cluster_id;
    assert!(
        fast(clusters.ensure_running(&pending))
            .await
            .unwrap()
            .is_running()
    );
    clusters
        .resize(ResizeCluster::workers(&pending, 3))
        .await
        .unwrap();
    assert!(
        fast(clusters.ensure_running(&pending))
            .await
            .unwrap()
            .is_running()
    );
    clusters
        .restart(RestartCluster::new(&pending))
        .await
        .unwrap();
    assert!(
        fast(clusters.ensure_running(&pending))
            .await
            .unwrap()
            .is_running()
    );
    assert_eq!(starts(&emu), 0);

    // TERMINATED: started.
    fast(clusters.delete_and_wait(&c.cluster_id)).await.unwrap();
    assert!(
        fast(clusters.ensure_running(&c.cluster_id))
            .await
            .unwrap()
            .is_running()
    );
    assert_eq!(starts(&emu), 1);

    // TERMINATING: waited until TERMINATED, then started.
    clusters.delete(&c.cluster_id).await.unwrap();
    assert_eq!(
        clusters.get(&c.cluster_id).await.unwrap().state,
        Some(State::Terminating)
    );
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let progress = seen.clone();
    let c2 = fast(clusters.ensure_running(&c.cluster_id))
        .on_progress(move |_: &ClusterDetails, s: &str| progress.lock().unwrap().push(s.to_owned()))
        .await
        .unwrap();
    assert!(c2.is_running());
    assert!(!seen.lock().unwrap().is_empty());
    assert_eq!(starts(&emu), 2);

    // A start that loses the race to another starter is fine.
    fast(clusters.delete_and_wait(&c.cluster_id)).await.unwrap();
    let (a, b) = tokio::join!(
        fast(clusters.ensure_running(&c.cluster_id)).into_future(),
        fast(clusters.ensure_running(&c.cluster_id)).into_future()
    );
    assert!(a.unwrap().is_running());
    assert!(b.unwrap().is_running());

    // ERROR: fails.
    let broken = clusters
        .create(failing_spec("broken", "ERROR"))
        .await
        .unwrap()
        .cluster_id;
    tokio::time::sleep(Duration::from_millis(60)).await;
    let err = fast(clusters.ensure_running(&broken)).await.unwrap_err();
    let Error::Wait(w) = err else {
        panic!("{err:?}")
    };
    assert_eq!(w.state(), "ERROR");
    assert!(
        w.message().contains("Init script exited with 1"),
        "{}",
        w.message()
    );
}

#[tokio::test]
async fn a_failed_start_surfaces_the_termination_reason() {
    let (emu, client) = common::start().await;
    let clusters = client.clusters();

    let err = fast(clusters.create_and_wait(failing_spec("doomed", "SPARK_STARTUP_FAILURE")))
        .await
        .unwrap_err();
    let Error::Wait(w) = err else {
        panic!("{err:?}")
    };
    assert_eq!(w.state(), "TERMINATED");
    assert!(
        w.message().contains("SPARK_STARTUP_FAILURE"),
        "{}",
        w.message()
    );
    assert!(
        w.message().contains("Init script exited with 1"),
        "{}",
        w.message()
    );
    let last = w.last::<ClusterDetails>().unwrap();
    let reason = last.termination_reason.clone().unwrap();
    assert_eq!(
        reason.code,
        Some(TerminationReasonCode::SparkStartupFailure)
    );
    assert_eq!(
        reason.parameters["databricks_error_message"],
        "Init script exited with 1"
    );
    let id = last.cluster_id.clone();

    // ensure_running starts it once, then reports the failure instead of looping.
    let err = fast(clusters.ensure_running(&id)).await.unwrap_err();
    assert!(matches!(err, Error::Wait(_)), "{err:?}");
    assert_eq!(starts(&emu), 1);
    let err = fast(clusters.start_and_wait(&id)).await.unwrap_err();
    assert!(err.to_string().contains("SPARK_STARTUP_FAILURE"), "{err}");

    // Removing the tag with an edit makes it start.
    let mut edit = clusters.get(&id).await.unwrap().to_edit();
    edit.spec.custom_tags.clear();
    clusters.edit(edit).await.unwrap();
    assert!(
        fast(clusters.start_and_wait(&id))
            .await
            .unwrap()
            .is_running()
    );

    // A cloud failure code is typed as such.
    let err = fast(clusters.create_and_wait(failing_spec(
        "cloud",
        "AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE",
    )))
    .await
    .unwrap_err();
    let Error::Wait(w) = err else {
        panic!("{err:?}")
    };
    let reason = w
        .last::<ClusterDetails>()
        .unwrap()
        .termination_reason
        .clone()
        .unwrap();
    assert_eq!(reason.r#type.unwrap().as_str(), "CLOUD_FAILURE");
}

#[tokio::test]
async fn wait_timeouts_are_per_call() {
    let emu = Emulator::builder()
        .lifecycle_step(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let client = common::client_with_token(&emu, &emu.token());
    let clusters = client.clusters();
    let id = clusters.create(spec("slow")).await.unwrap().cluster_id;
    let err = clusters
        .wait_until_running(&id)
        .poll_interval(Duration::from_millis(5), Duration::from_millis(5))
        .timeout(Duration::from_millis(50))
        .await
        .unwrap_err();
    let Error::Timeout(t) = err else {
        panic!("{err:?}")
    };
    assert_eq!(t.last_state(), Some("PENDING"));
    // Moving the emulator's clock finishes the lifecycle.
    emu.clock().advance(Duration::from_secs(3600));
    assert!(
        fast(clusters.wait_until_running(&id))
            .await
            .unwrap()
            .is_running()
    );
}

#[tokio::test]
async fn events_are_recorded_and_paged() {
    let (_emu, client) = common::start().await;
    let clusters = client.clusters();
    let c = running(&clusters, "events").await;
    let id = c.cluster_id.clone();
    fast(clusters.resize_and_wait(ResizeCluster::workers(&id, 5)))
        .await
        .unwrap();
    clusters.pin(&id).await.unwrap();
    clusters.unpin(&id).await.unwrap();
    fast(clusters.delete_and_wait(&id)).await.unwrap();

    let types = |events: &[databricks::clusters::ClusterEvent]| -> Vec<String> {
        events
            .iter()
            .map(|e| e.r#type.as_ref().unwrap().as_str().to_owned())
            .collect()
    };
    let all = clusters
        .events(GetEvents::new(&id))
        .page_size(2)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(
        types(&all),
        [
            "TERMINATING",
            "UNPINNED",
            "PINNED",
            "UPSIZE_COMPLETED",
            "RESIZING",
            "RUNNING",
            "CREATING"
        ]
    );
    assert!(all.windows(2).all(|w| w[0].timestamp >= w[1].timestamp));
    let terminating = all[0].details.as_ref().unwrap();
    assert_eq!(
        terminating.reason.as_ref().unwrap().code,
        Some(TerminationReasonCode::UserRequest)
    );
    let resizing = &all[4].details.as_ref().unwrap();
    assert_eq!(resizing.target_num_workers, Some(5));
    assert_eq!(resizing.current_num_workers, Some(2));

    let pages: Vec<Vec<_>> = {
        use futures::TryStreamExt;
        clusters
            .events(GetEvents::new(&id))
            .page_size(3)
            .pages()
            .try_collect()
            .await
            .unwrap()
    };
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 1]);

    let asc = clusters
        .events(GetEvents {
            order: Some(GetEventsOrder::Asc),
            event_types: vec![EventType::Running, EventType::Terminating],
            ..GetEvents::new(&id)
        })
        .page_size(1)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(types(&asc), ["RUNNING", "TERMINATING"]);

    // Deprecated offset paging, following next_page.
    let by_offset = clusters
        .events(GetEvents {
            offset: Some(0),
            limit: Some(2),
            ..GetEvents::new(&id)
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(types(&by_offset), types(&all));

    // The 2.0 path pages by offset only.
    let raw: Value = client
        .core()
        .request(Method::POST, "/api/2.0/clusters/events")
        .json(&json!({ "cluster_id": id, "limit": 3 }))
        .send()
        .await
        .unwrap();
    assert_eq!(raw["events"].as_array().unwrap().len(), 3);
    assert_eq!(raw["total_count"], 7);
    assert_eq!(raw["next_page"]["offset"], 3);
}

#[tokio::test]
async fn list_filters_sorts_and_pages() {
    let (_emu, client) = common::start().await;
    let clusters = client.clusters();
    let a = running(&clusters, "alpha").await.cluster_id;
    let b = running(&clusters, "bravo").await.cluster_id;
    let c = running(&clusters, "charlie").await.cluster_id;
    fast(clusters.delete_and_wait(&b)).await.unwrap();
    clusters.pin(&c).await.unwrap();

    let all = clusters
        .list(ListClustersRequest::default())
        .page_size(1)
        .collect_all()
        .await
        .unwrap();
    let names: Vec<&str> = all
        .iter()
        .map(|c| c.cluster_name.as_deref().unwrap())
        .collect();
    // Default order: state (running first), then pinned, then name.
    assert_eq!(names, ["charlie", "alpha", "bravo"]);
    assert!(all.iter().all(|c| c.spec.is_none()), "list has no spec");

    let running_only = clusters
        .list(ListClustersRequest {
            filter_by: Some(ListClustersFilterBy {
                cluster_states: vec![State::Running, State::Pending],
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect_all()
        .await
        .unwrap();
    let mut ids: Vec<_> = running_only.iter().map(|c| c.cluster_id.clone()).collect();
    ids.sort();
    let mut expected = vec![a.clone(), c.clone()];
    expected.sort();
    assert_eq!(ids, expected);

    let pinned = clusters
        .list(ListClustersRequest {
            filter_by: Some(ListClustersFilterBy {
                is_pinned: Some(true),
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(pinned.len(), 1);
    assert_eq!(pinned[0].cluster_id, c);

    // 2.0 list: everything in one response.
    let raw: Value = client
        .core()
        .request(Method::GET, "/api/2.0/clusters/list")
        .send()
        .await
        .unwrap();
    assert_eq!(raw["clusters"].as_array().unwrap().len(), 3);
    assert!(raw.get("next_page_token").is_none());

    // Every endpoint answers on 2.0 too, with GET parameters in the query or a JSON body.
    let by_query: Value = client
        .core()
        .request(Method::GET, "/api/2.0/clusters/get")
        .query("cluster_id", &a)
        .send()
        .await
        .unwrap();
    let by_body: Value = client
        .core()
        .request(Method::GET, "/api/2.0/clusters/get")
        .json(&json!({ "cluster_id": a }))
        .send()
        .await
        .unwrap();
    assert_eq!(by_query["cluster_name"], "alpha");
    assert_eq!(by_body["cluster_id"], by_query["cluster_id"]);
    let err = client
        .core()
        .request(Method::GET, "/api/2.0/clusters/create")
        .send_empty()
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "wrong method: {err}");
}

#[tokio::test]
async fn edit_and_update_keep_unknown_fields() {
    let (_emu, client) = common::start().await;
    let clusters = client.clusters();
    let mut s = spec("future");
    s.extra
        .insert("future_setting".into(), json!({ "mode": "turbo" }));
    let c = fast(clusters.create_and_wait(s)).await.unwrap();
    let id = c.cluster_id.clone();
    assert_eq!(c.extra["future_setting"], json!({ "mode": "turbo" }));

    // Read, modify, write back: the unknown setting survives.
    let mut edit = c.to_edit();
    edit.spec.num_workers = Some(1);
    fast(clusters.edit_and_wait(edit)).await.unwrap();
    let after = clusters.get(&id).await.unwrap();
    assert_eq!(after.num_workers, Some(1));
    assert_eq!(after.extra["future_setting"], json!({ "mode": "turbo" }));
    assert_eq!(
        after.spec.as_ref().unwrap().extra["future_setting"],
        json!({ "mode": "turbo" })
    );

    // From a list item (no spec snapshot) too.
    let listed = clusters
        .list(ListClustersRequest::default())
        .collect_all()
        .await
        .unwrap();
    let mut edit = listed[0].to_edit();
    edit.spec.cluster_name = Some("renamed".into());
    fast(clusters.edit_and_wait(edit)).await.unwrap();
    let after = clusters.get(&id).await.unwrap();
    assert_eq!(after.cluster_name.as_deref(), Some("renamed"));
    assert_eq!(after.extra["future_setting"], json!({ "mode": "turbo" }));

    // An update only touches the masked fields.
    clusters
        .update(UpdateCluster::new(
            &id,
            ClusterSpec {
                num_workers: Some(3),
                ..Default::default()
            },
            ["num_workers"],
        ))
        .await
        .unwrap();
    let after = fast(clusters.wait_until_running(&id)).await.unwrap();
    assert_eq!(after.num_workers, Some(3));
    assert_eq!(after.extra["future_setting"], json!({ "mode": "turbo" }));
    let edited_events = clusters
        .events(GetEvents {
            event_types: vec![EventType::Edited],
            ..GetEvents::new(&id)
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(edited_events.len(), 3);
    let details = edited_events[0].details.as_ref().unwrap();
    assert_eq!(details.attributes.as_ref().unwrap().num_workers, Some(3));
    assert_eq!(
        details.previous_attributes.as_ref().unwrap().num_workers,
        Some(1)
    );
}

#[tokio::test]
async fn illegal_transitions_and_unknown_ids() {
    let (emu, client) = common::start().await;
    let clusters = client.clusters();
    let pending = clusters.create(spec("p")).await.unwrap().cluster_id;

    let err = clusters
        .edit(clusters.get(&pending).await.unwrap().to_edit())
        .await
        .unwrap_err();
    assert_eq!(code(&err), "INVALID_STATE", "{err}");
    let err = clusters.start(&pending).await.unwrap_err();
    assert_eq!(code(&err), "INVALID_STATE", "{err}");
    let err = clusters
        .resize(ResizeCluster::workers(&pending, 1))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "INVALID_STATE", "{err}");
    let err = clusters
        .change_owner(databricks::clusters::ChangeClusterOwner::new(
            &pending,
            "bob@example.com",
        ))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "INVALID_STATE", "{err}");

    fast(clusters.delete_and_wait(&pending)).await.unwrap();
    let err = clusters
        .resize(ResizeCluster::workers(&pending, 1))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "INVALID_STATE", "{err}");
    // Terminating a terminated cluster is fine; restarting it does nothing.
    clusters.delete(&pending).await.unwrap();
    clusters
        .restart(RestartCluster::new(&pending))
        .await
        .unwrap();
    assert_eq!(
        clusters.get(&pending).await.unwrap().state,
        Some(State::Terminated)
    );
    clusters
        .change_owner(databricks::clusters::ChangeClusterOwner::new(
            &pending,
            "bob@example.com",
        ))
        .await
        .unwrap();
    assert_eq!(
        clusters
            .get(&pending)
            .await
            .unwrap()
            .creator_user_name
            .as_deref(),
        Some("bob@example.com")
    );

    let nope = "0101-000000-nope0000";
    let err = clusters.get(nope).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    for err in [
        clusters.start(nope).await.unwrap_err(),
        clusters.delete(nope).await.unwrap_err(),
        clusters.permanent_delete(nope).await.unwrap_err(),
        clusters.pin(nope).await.unwrap_err(),
    ] {
        assert_eq!(code(&err), "INVALID_PARAMETER_VALUE", "{err}");
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
    let err = clusters
        .events(GetEvents::new(nope))
        .collect_all()
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");

    // The server validates what the client does not know.
    let err = clusters
        .create(ClusterSpec::new("1.0.x-scala2.10", "i3.xlarge", 1))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "INVALID_PARAMETER_VALUE", "{err}");
    let err = clusters
        .create(ClusterSpec::new("15.4.x-scala2.12", "x9.galactic", 1))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "INVALID_PARAMETER_VALUE", "{err}");

    // Client-side validation sends nothing.
    emu.clear_requests();
    let both = ClusterSpec {
        autoscale: Some(AutoScale::new(1, 2)),
        ..spec("x")
    };
    assert!(matches!(
        clusters.create(both).await,
        Err(Error::InvalidInput(_))
    ));
    let bad_range = ClusterSpec {
        num_workers: None,
        autoscale: Some(AutoScale::new(4, 2)),
        ..spec("x")
    };
    assert!(matches!(
        clusters.create(bad_range).await,
        Err(Error::InvalidInput(_))
    ));
    let err = fast(clusters.create_and_wait(ClusterSpec {
        autotermination_minutes: Some(5),
        ..spec("x")
    }))
    .await
    .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn selection_helpers_and_catalogues() {
    let (_emu, client) = common::start().await;
    let clusters = client.clusters();

    let pick = |r: SparkVersionRequest| {
        let clusters = clusters.clone();
        async move { clusters.select_spark_version(r).await }
    };
    assert_eq!(
        pick(SparkVersionRequest::latest_lts()).await.unwrap(),
        "16.4.x-scala2.12"
    );
    assert_eq!(
        pick(SparkVersionRequest::default()).await.unwrap(),
        "17.0.x-scala2.13"
    );
    let ml_gpu = SparkVersionRequest {
        ml: true,
        gpu: true,
        long_term_support: true,
        ..Default::default()
    };
    assert_eq!(pick(ml_gpu).await.unwrap(), "16.4.x-gpu-ml-scala2.12");
    let photon = SparkVersionRequest {
        photon: true,
        ..Default::default()
    };
    assert_eq!(pick(photon).await.unwrap(), "15.4.x-photon-scala2.12");
    let scala_212_non_lts = SparkVersionRequest {
        scala: "2.12".into(),
        ..Default::default()
    };
    assert_eq!(pick(scala_212_non_lts).await.unwrap(), "16.4.x-scala2.12");
    let spark_34 = SparkVersionRequest {
        spark_version: Some("3.4".into()),
        ..Default::default()
    };
    assert_eq!(pick(spark_34).await.unwrap(), "13.3.x-scala2.12");
    let beta = SparkVersionRequest {
        beta: true,
        ..Default::default()
    };
    assert_eq!(pick(beta).await.unwrap(), "17.1.x-scala2.13");
    let none = SparkVersionRequest {
        genomics: true,
        ..Default::default()
    };
    let err = pick(none).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    let ambiguous = SparkVersionRequest {
        latest: false,
        ..SparkVersionRequest::latest_lts()
    };
    assert!(pick(ambiguous).await.is_err());

    let node = |r: NodeTypeRequest| {
        let clusters = clusters.clone();
        async move { clusters.select_node_type(r).await.unwrap() }
    };
    assert_eq!(node(NodeTypeRequest::default()).await, "m5.large");
    let disk = NodeTypeRequest {
        local_disk: true,
        ..Default::default()
    };
    assert_eq!(node(disk).await, "m5d.large");
    let gpu = NodeTypeRequest {
        min_gpus: 1,
        ..Default::default()
    };
    assert_eq!(node(gpu).await, "g4dn.xlarge");
    let big = NodeTypeRequest {
        min_memory_gb: 64,
        ..Default::default()
    };
    assert_eq!(node(big).await, "r5d.4xlarge");
    let storage = NodeTypeRequest {
        category: Some("storage optimized".into()),
        ..Default::default()
    };
    assert_eq!(node(storage).await, "i3.xlarge");
    let arm = NodeTypeRequest {
        graviton: true,
        min_cores: 4,
        ..Default::default()
    };
    assert_eq!(node(arm).await, "r6gd.xlarge");
    let impossible = NodeTypeRequest {
        min_cores: 1000,
        ..Default::default()
    };
    assert!(matches!(
        clusters.select_node_type(impossible).await,
        Err(Error::InvalidInput(_))
    ));

    let zones = clusters.list_zones().await.unwrap();
    assert_eq!(zones.default_zone.as_deref(), Some("us-west-2a"));
    assert_eq!(zones.zones.len(), 3);
    let types = clusters.list_node_types().await.unwrap();
    assert!(types.iter().any(|t| t.num_gpus > 0));
    assert!(types.iter().any(|t| t.is_deprecated));
    let versions = clusters.spark_versions().await.unwrap();
    assert!(versions.iter().any(|v| v.name.contains("LTS")));

    // The selected values make a cluster that starts.
    let version = pick(SparkVersionRequest::latest_lts()).await.unwrap();
    let node_type = node(NodeTypeRequest::default()).await;
    let c = fast(clusters.create_and_wait(ClusterSpec::single_node(version, node_type)))
        .await
        .unwrap();
    assert!(c.is_running());
    assert_eq!(c.num_workers, Some(0));
    assert_eq!(c.cluster_cores, Some(2.0));
}

#[tokio::test]
async fn cluster_permissions() {
    let emu = Emulator::builder()
        .lifecycle_step(Duration::from_millis(20))
        .user_token("bob@example.com", "dapi-bob")
        .start()
        .await
        .unwrap();
    let admin = common::client_with_token(&emu, &emu.token()).clusters();
    let bob = common::client_with_token(&emu, "dapi-bob").clusters();
    let id = fast(admin.create_and_wait(spec("shared")))
        .await
        .unwrap()
        .cluster_id;

    let err = bob.get(&id).await.unwrap_err();
    assert!(err.is_permission_denied(), "{err}");
    assert!(
        bob.list(ListClustersRequest::default())
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );

    let acl = [AccessControlRequest::user(
        "bob@example.com",
        ClusterPermissionLevel::CanAttachTo,
    )];
    let now = admin.set_permissions(&id, &acl).await.unwrap();
    assert!(now.access_control_list.iter().any(|e| {
        e.user_name.as_deref() == Some("bob@example.com")
            && e.all_permissions[0].permission_level == Some(ClusterPermissionLevel::CanAttachTo)
    }));
    assert_eq!(bob.get(&id).await.unwrap().cluster_id, id);
    let err = bob.restart(RestartCluster::new(&id)).await.unwrap_err();
    assert!(err.is_permission_denied(), "{err}");

    let acl = [AccessControlRequest::user(
        "bob@example.com",
        ClusterPermissionLevel::CanRestart,
    )];
    admin.update_permissions(&id, &acl).await.unwrap();
    fast(bob.restart_and_wait(RestartCluster::new(&id)))
        .await
        .unwrap();
    let err = bob
        .resize(ResizeCluster::workers(&id, 1))
        .await
        .unwrap_err();
    assert!(err.is_permission_denied(), "{err}");
    let err = bob.pin(&id).await.unwrap_err();
    assert!(err.is_permission_denied(), "{err}");

    let got = admin.get_permissions(&id).await.unwrap();
    assert_eq!(
        got.object_id.as_deref(),
        Some(format!("/clusters/{id}").as_str())
    );
    let levels = admin.get_permission_levels(&id).await.unwrap();
    let levels: Vec<_> = levels
        .into_iter()
        .filter_map(|l| l.permission_level)
        .collect();
    assert_eq!(
        levels,
        [
            ClusterPermissionLevel::CanAttachTo,
            ClusterPermissionLevel::CanRestart,
            ClusterPermissionLevel::CanManage
        ]
    );
}

#[tokio::test]
async fn numbers_outside_int32_or_their_bounds_are_refused() {
    let (_emu, client) = common::start().await;
    let clusters = client.clusters();
    let id = running(&clusters, "bounds").await.cluster_id;
    let send = |path: &'static str, body: Value| {
        let client = client.clone();
        async move {
            client
                .core()
                .request(Method::POST, path)
                .json(&body)
                .send::<Value>()
                .await
                .unwrap_err()
        }
    };
    let base = json!({ "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge" });
    let with = |extra: Value| {
        let mut body = base.clone();
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    let cases = [
        (
            "/api/2.1/clusters/create",
            with(json!({ "num_workers": 2_147_483_648_i64 })),
            "num_workers must be between 0 and 2147483647, got 2147483648.",
        ),
        (
            "/api/2.1/clusters/create",
            with(json!({ "autoscale": { "min_workers": 4, "max_workers": 2 } })),
            "autoscale.max_workers (2) must be greater than autoscale.min_workers (4).",
        ),
        (
            "/api/2.1/clusters/create",
            with(json!({ "num_workers": 1, "autotermination_minutes": 10_001 })),
            "autotermination_minutes must be 0 or between 10 and 10000, got 10001.",
        ),
        (
            "/api/2.1/clusters/edit",
            with(json!({ "cluster_id": id, "num_workers": -3 })),
            "num_workers must be between 0 and 2147483647, got -3.",
        ),
        (
            "/api/2.1/clusters/update",
            json!({ "cluster_id": id, "update_mask": "autotermination_minutes",
                    "cluster": { "autotermination_minutes": 5 } }),
            "autotermination_minutes must be 0 or between 10 and 10000, got 5.",
        ),
        (
            "/api/2.1/clusters/resize",
            json!({ "cluster_id": id, "num_workers": 2_147_483_648_i64 }),
            "num_workers must be between 0 and 2147483647, got 2147483648.",
        ),
        (
            "/api/2.1/clusters/resize",
            json!({ "cluster_id": id, "autoscale": { "min_workers": -1, "max_workers": 3 } }),
            "autoscale.min_workers must be between 0 and 2147483647, got -1.",
        ),
    ];
    for (path, body, message) in cases {
        let err = send(path, body.clone()).await;
        assert_eq!(
            code(&err),
            "INVALID_PARAMETER_VALUE",
            "{path} {body}: {err}"
        );
        assert!(err.to_string().contains(message), "{path} {body}: {err}");
    }
    // Nothing changed.
    let c = clusters.get(&id).await.unwrap();
    assert_eq!(c.state, Some(State::Running));
    assert_eq!(c.num_workers, Some(2));
}

#[tokio::test]
async fn idle_clusters_terminate_for_inactivity() {
    // One-minute lifecycle steps, moved by hand.
    let emu = Emulator::builder()
        .lifecycle_step(Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let client = common::client_with_token(&emu, &emu.token());
    let clusters = client.clusters();
    let id = clusters
        .create(ClusterSpec {
            autotermination_minutes: Some(10),
            ..spec("idle")
        })
        .await
        .unwrap()
        .cluster_id;
    emu.clock().advance(Duration::from_secs(60));
    let up = clusters.get(&id).await.unwrap();
    assert!(up.is_running());
    let since = up.extra["last_activity_time"].as_i64().unwrap();

    emu.clock().advance(Duration::from_secs(12 * 60));
    let idle = clusters.get(&id).await.unwrap();
    assert_eq!(idle.state, Some(State::Terminated));
    let reason = idle.termination_reason.clone().unwrap();
    assert_eq!(reason.code, Some(TerminationReasonCode::Inactivity));
    assert_eq!(reason.r#type.unwrap().as_str(), "SUCCESS");
    assert_eq!(reason.parameters["inactivity_duration_min"], "10");
    assert_eq!(idle.extra["last_activity_time"].as_i64(), Some(since));

    let newest = clusters
        .events(GetEvents::new(&id))
        .collect_all()
        .await
        .unwrap()
        .remove(0);
    assert_eq!(newest.r#type, Some(EventType::Terminating));
    assert_eq!(
        newest.details.unwrap().reason.unwrap().code,
        Some(TerminationReasonCode::Inactivity)
    );
}

#[tokio::test]
async fn a_job_run_starts_a_terminated_cluster() {
    use databricks::jobs::{JobSettings, RunNow, Task};
    let (_emu, client) = common::start().await;
    let clusters = client.clusters();
    let id = running(&clusters, "shared").await.cluster_id;
    fast(clusters.delete_and_wait(&id)).await.unwrap();

    let jobs = client.jobs();
    let job = jobs
        .create(JobSettings {
            name: Some("nightly".into()),
            tasks: vec![Task {
                existing_cluster_id: Some(id.to_string()),
                ..Task::notebook("etl", "/Shared/etl")
            }],
            ..Default::default()
        })
        .await
        .unwrap();
    let run = jobs
        .run_now_and_wait(RunNow::new(job))
        .poll_interval(Duration::from_millis(5), Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
        .await
        .unwrap();
    assert!(run.is_success());

    let up = fast(clusters.wait_until_running(&id)).await.unwrap();
    assert!(up.is_running());
    let starting: Vec<_> = clusters
        .events(GetEvents {
            event_types: vec![EventType::Starting],
            ..GetEvents::new(&id)
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(starting.len(), 1);
    assert_eq!(
        starting[0].details.as_ref().unwrap().user.as_deref(),
        Some(databricks_emulator::DEFAULT_ADMIN_USER)
    );
}
