//! The selection helpers over realistic catalogues.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_clusters::{
    ClustersApi, NodeType, NodeTypeRequest, SparkVersion, SparkVersionRequest,
};
use wiremock::MockServer;

fn versions() -> Vec<SparkVersion> {
    let v = fixture(include_str!("fixtures/spark_versions.json"));
    serde_json::from_value(v["versions"].clone()).unwrap()
}

fn node_types() -> Vec<NodeType> {
    let v = fixture(include_str!("fixtures/node_types.json"));
    serde_json::from_value(v["node_types"].clone()).unwrap()
}

fn pick(r: SparkVersionRequest) -> String {
    r.select(&versions()).unwrap()
}

#[test]
fn spark_version_selection() {
    assert_eq!(pick(SparkVersionRequest::latest_lts()), "16.4.x-scala2.12");
    assert_eq!(
        pick(SparkVersionRequest::default()),
        "17.0.x-scala2.13",
        "17 beats 9 numerically"
    );
    assert_eq!(
        pick(SparkVersionRequest {
            ml: true,
            ..Default::default()
        }),
        "16.4.x-cpu-ml-scala2.12"
    );
    assert_eq!(
        pick(SparkVersionRequest {
            ml: true,
            gpu: true,
            ..Default::default()
        }),
        "16.4.x-gpu-ml-scala2.12"
    );
    assert_eq!(
        pick(SparkVersionRequest {
            photon: true,
            ..Default::default()
        }),
        "15.4.x-photon-scala2.12"
    );
    assert_eq!(
        pick(SparkVersionRequest {
            scala: "2.12".into(),
            ..Default::default()
        }),
        "16.4.x-scala2.12"
    );
    assert_eq!(
        pick(SparkVersionRequest {
            spark_version: Some("3.5.0".into()),
            ..Default::default()
        }),
        "15.4.x-scala2.12"
    );
    assert_eq!(
        pick(SparkVersionRequest {
            spark_version: Some("3.1".into()),
            latest: false,
            ..Default::default()
        }),
        "9.1.x-scala2.12",
        "a single match needs no `latest`"
    );
    let several = SparkVersionRequest {
        latest: false,
        ..SparkVersionRequest::latest_lts()
    };
    assert_invalid(several.select(&versions()), "spark_version");
    let nothing = SparkVersionRequest {
        genomics: true,
        ..Default::default()
    };
    let err = nothing.select(&versions()).unwrap_err();
    assert!(
        err.to_string().contains("no runtime version matches"),
        "{err}"
    );
    assert_invalid(SparkVersionRequest::default().select(&[]), "spark_version");
}

#[test]
fn node_type_selection() {
    let types = node_types();
    let pick = |r: NodeTypeRequest| r.select(&types).unwrap();
    assert_eq!(
        pick(NodeTypeRequest::default()),
        "m5.large",
        "deprecated m4.large and unavailable c5.large skipped"
    );
    assert_eq!(
        pick(NodeTypeRequest {
            local_disk: true,
            ..Default::default()
        }),
        "m5d.large"
    );
    assert_eq!(
        pick(NodeTypeRequest {
            local_disk_min_size: 500,
            ..Default::default()
        }),
        "i3.xlarge"
    );
    assert_eq!(
        pick(NodeTypeRequest {
            min_gpus: 1,
            ..Default::default()
        }),
        "g4dn.xlarge"
    );
    assert_eq!(
        pick(NodeTypeRequest {
            min_memory_gb: 16,
            ..Default::default()
        }),
        "i3.xlarge"
    );
    assert_eq!(
        pick(NodeTypeRequest {
            min_cores: 4,
            ..Default::default()
        }),
        "i3.xlarge"
    );
    assert_eq!(
        pick(NodeTypeRequest {
            gb_per_core: 7,
            ..Default::default()
        }),
        "i3.xlarge"
    );
    assert_eq!(
        pick(NodeTypeRequest {
            is_io_cache_enabled: true,
            ..Default::default()
        }),
        "i3.xlarge"
    );
    assert_eq!(
        pick(NodeTypeRequest {
            category: Some("GENERAL purpose".into()),
            local_disk: true,
            ..Default::default()
        }),
        "m5d.large"
    );
    assert_invalid(
        NodeTypeRequest {
            min_cores: 64,
            ..Default::default()
        }
        .select(&types),
        "node_type_id",
    );
    assert_invalid(
        NodeTypeRequest {
            graviton: true,
            ..Default::default()
        }
        .select(&types),
        "node_type_id",
    );
    assert_invalid(NodeTypeRequest::default().select(&[]), "node_type_id");
}

#[tokio::test]
async fn helpers_fetch_the_catalogues() {
    let server = MockServer::start().await;
    let api = ClustersApi::new(client(&server));
    endpoint("GET", "/api/2.1/clusters/spark-versions")
        .respond_with(ok_json(fixture(include_str!(
            "fixtures/spark_versions.json"
        ))))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.1/clusters/list-node-types")
        .respond_with(ok_json(fixture(include_str!("fixtures/node_types.json"))))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        api.select_spark_version(SparkVersionRequest::latest_lts())
            .await
            .unwrap(),
        "16.4.x-scala2.12"
    );
    assert_eq!(
        api.select_node_type(NodeTypeRequest {
            min_gpus: 1,
            ..Default::default()
        })
        .await
        .unwrap(),
        "g4dn.xlarge"
    );
}
