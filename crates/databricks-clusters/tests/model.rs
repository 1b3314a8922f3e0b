//! Model tests: realistic fixtures decode, unknown fields and enum values survive.
#![allow(clippy::unwrap_used)]

use databricks_clusters::{
    AutoScale, AwsAvailability, ClusterDetails, ClusterSource, ClusterSpec, CreateCluster,
    DataSecurityMode, EditCluster, EventDetailsCause, EventType, GetEventsResponse,
    InitScriptExecutionStatus, Kind, NodeType, RuntimeEngine, State, TerminationReasonCode,
    TerminationReasonType,
};
use serde_json::{Value, json};

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn cluster_details_decode_every_field() {
    let c: ClusterDetails =
        serde_json::from_str(include_str!("fixtures/cluster_get.json")).unwrap();
    assert_eq!(c.cluster_id.as_str(), "0612-083412-z9a1b2c3");
    assert_eq!(c.state(), State::Running);
    assert!(c.is_running());
    assert_eq!(c.autoscale, Some(AutoScale::new(2, 8)));
    assert_eq!(c.cluster_source, Some(ClusterSource::Api));
    assert_eq!(c.cluster_cores, Some(16.0));
    assert_eq!(c.cluster_memory_mb, Some(124_928));
    assert_eq!(
        c.spark_context_id,
        Some(4_020_997_813_441_462_123),
        "no f64 rounding"
    );
    assert_eq!(
        c.driver.as_ref().unwrap().private_ip.as_deref(),
        Some("10.0.1.12")
    );
    assert!(c.executors[0].node_aws_attributes.unwrap().is_spot);
    assert_eq!(c.default_tags["Vendor"], "Databricks");
    assert_eq!(c.data_security_mode, Some(DataSecurityMode::SingleUser));
    assert_eq!(c.runtime_engine, Some(RuntimeEngine::Photon));
    assert_eq!(
        c.kind,
        Some(Kind::Unrecognized("CLASSIC_PREVIEW_V2".into()))
    );
    let aws = c.aws_attributes.as_ref().unwrap();
    assert_eq!(aws.availability, Some(AwsAvailability::SpotWithFallback));
    assert_eq!(aws.extra["future_aws_knob"], true);
    assert_eq!(c.init_scripts.len(), 2);
    assert!(c.init_scripts[1].volumes.is_some());
    assert_eq!(c.workload_type.unwrap().clients.notebooks, Some(false));
    assert_eq!(
        c.cluster_log_status
            .as_ref()
            .unwrap()
            .last_attempted
            .unwrap()
            .as_millis(),
        1_718_181_600_000
    );
    assert_eq!(c.extra["disk_spec"], json!({ "disk_count": 1 }));
    let spec = c.spec.as_ref().unwrap();
    assert_eq!(spec.extra["gpu_sharing"], json!({ "mode": "MIG" }));
    assert_eq!(c.state_explanation(), "");
}

#[test]
fn details_round_trip_without_losing_anything() {
    let original = fixture(include_str!("fixtures/cluster_get.json"));
    let c: ClusterDetails = serde_json::from_value(original.clone()).unwrap();
    let back = serde_json::to_value(&c).unwrap();
    assert_eq!(back, original);
}

#[test]
fn terminated_cluster_explains_itself() {
    let c: ClusterDetails =
        serde_json::from_str(include_str!("fixtures/cluster_terminated.json")).unwrap();
    assert_eq!(c.state(), State::Terminated);
    let r = c.termination_reason.as_ref().unwrap();
    assert_eq!(r.code, Some(TerminationReasonCode::Inactivity));
    assert_eq!(r.r#type, Some(TerminationReasonType::Success));
    assert_eq!(
        c.state_explanation(),
        "Inactive cluster terminated (inactive for 60 minutes). (termination reason: INACTIVITY, type SUCCESS, inactivity_duration_min=60)"
    );
    assert_eq!(c.to_spec().num_workers, Some(2));
}

#[test]
fn unknown_state_and_codes_are_kept() {
    let c: ClusterDetails = serde_json::from_value(json!({
        "cluster_id": "c", "state": "HIBERNATING",
        "termination_reason": { "code": "MOON_PHASE", "type": "COSMIC" }
    }))
    .unwrap();
    assert_eq!(c.state(), State::Unrecognized("HIBERNATING".into()));
    assert_eq!(c.state().as_str(), "HIBERNATING");
    let r = c.termination_reason.unwrap();
    assert_eq!(
        r.code,
        Some(TerminationReasonCode::Unrecognized("MOON_PHASE".into()))
    );
    assert_eq!(serde_json::to_value(&r).unwrap()["type"], "COSMIC");
    // UNKNOWN is a real state, not the catch-all.
    let u: ClusterDetails = serde_json::from_value(json!({ "state": "UNKNOWN" })).unwrap();
    assert_eq!(u.state(), State::Unknown);
    // A missing state reads as UNKNOWN.
    assert_eq!(ClusterDetails::default().state(), State::Unknown);
}

#[test]
fn every_termination_code_round_trips() {
    for code in [
        "ABUSE_DETECTED",
        "INIT_SCRIPT_FAILURE",
        "K8S_DBR_CLUSTER_LAUNCH_TIMEOUT",
        "NETWORK_CHECK_NIC_FAILURE_DUE_TO_MISCONFIG",
        "WORKSPACE_UPDATE",
        "UNKNOWN",
    ] {
        let parsed: TerminationReasonCode = serde_json::from_value(json!(code)).unwrap();
        assert!(
            !matches!(parsed, TerminationReasonCode::Unrecognized(_)),
            "{code}"
        );
        assert_eq!(parsed.as_str(), code);
    }
}

#[test]
fn events_decode_with_details_and_unknown_types() {
    let r: GetEventsResponse = serde_json::from_str(include_str!("fixtures/events.json")).unwrap();
    assert_eq!(r.events.len(), 6);
    assert_eq!(r.next_page_token.as_deref(), Some("CAEQ"));
    let resizing = r.events[1].details.as_ref().unwrap();
    assert_eq!(resizing.target_num_workers, Some(4));
    assert_eq!(resizing.previous_cluster_size.unwrap().num_workers, Some(2));
    let init = r.events[3]
        .details
        .as_ref()
        .unwrap()
        .init_scripts
        .as_ref()
        .unwrap();
    assert_eq!(
        init.cluster[0].status,
        Some(InitScriptExecutionStatus::Succeeded)
    );
    assert!(init.cluster[0].script.workspace.is_some());
    let edited = r.events[4].details.as_ref().unwrap();
    assert_eq!(
        edited
            .previous_attributes
            .as_ref()
            .unwrap()
            .spark_version
            .as_deref(),
        Some("14.3.x-scala2.12")
    );
    assert_eq!(
        r.events[5].r#type,
        Some(EventType::Unrecognized("NODES_TELEPORTED".into()))
    );
    assert_eq!(
        r.events[5].details.as_ref().unwrap().cause,
        Some(EventDetailsCause::Unrecognized("QUANTUM".into()))
    );
}

#[test]
fn node_types_decode() {
    let v = fixture(include_str!("fixtures/node_types.json"));
    let types: Vec<NodeType> = serde_json::from_value(v["node_types"].clone()).unwrap();
    assert_eq!(types.len(), 7);
    assert!(types[0].is_io_cache_enabled);
    assert_eq!(types[3].num_gpus, 1);
}

#[test]
fn specs_serialize_only_what_is_set() {
    assert_eq!(
        serde_json::to_value(ClusterSpec::default()).unwrap(),
        json!({})
    );
    let s = ClusterSpec::single_node("15.4.x-scala2.12", "m5d.large");
    assert_eq!(
        serde_json::to_value(&s).unwrap(),
        json!({
            "spark_version": "15.4.x-scala2.12",
            "node_type_id": "m5d.large",
            "num_workers": 0,
            "spark_conf": { "spark.databricks.cluster.profile": "singleNode", "spark.master": "local[*]" },
            "custom_tags": { "ResourceClass": "SingleNode" }
        })
    );
    // Jobs' new_cluster and the create body are the same shape.
    let create = CreateCluster::from(s.clone());
    assert_eq!(
        serde_json::to_value(&create).unwrap(),
        serde_json::to_value(&s).unwrap()
    );
    let back: ClusterSpec = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
    assert_eq!(back, s);
    let edit = EditCluster::new("c1", s);
    assert_eq!(serde_json::to_value(&edit).unwrap()["cluster_id"], "c1");
}

#[test]
fn specs_keep_unknown_fields_on_round_trip() {
    let v = json!({
        "spark_version": "15.4.x-scala2.12",
        "num_workers": 1,
        "new_thing": [1, 2, 3],
        "aws_attributes": { "zone_id": "auto", "new_aws_thing": "x" },
        "init_scripts": [ { "new_destination": { "destination": "x://y" } } ]
    });
    let spec: ClusterSpec = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&spec).unwrap(), v);
    let edit: EditCluster =
        serde_json::from_value(json!({ "cluster_id": "c", "spark_version": "v", "x": 1 })).unwrap();
    assert_eq!(edit.cluster_id.as_str(), "c");
    assert_eq!(edit.spec.extra["x"], 1);
    assert!(!edit.spec.extra.contains_key("cluster_id"));
}
