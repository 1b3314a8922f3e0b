//! Wire tests: every Clusters endpoint sends the documented method, path, query and body.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_clusters::{
    AutoScale, AwsAttributes, AwsAvailability, ChangeClusterOwner, CloneCluster, ClusterLogConf,
    ClusterPermissionLevel, ClusterSpec, ClustersApi, CreateCluster, DataSecurityMode,
    EbsVolumeType, EditCluster, InitScriptInfo, ResizeCluster, RestartCluster, RuntimeEngine,
    State, UpdateCluster,
};
use databricks_core::permissions::AccessControlRequest;
use serde_json::json;
use wiremock::MockServer;
use wiremock::matchers::{body_json, query_param};

const ID: &str = "0612-083412-z9a1b2c3";
const GET: &str = include_str!("fixtures/cluster_get.json");

async fn setup() -> (MockServer, ClustersApi) {
    let server = MockServer::start().await;
    let api = ClustersApi::new(client(&server));
    (server, api)
}

fn full_spec() -> ClusterSpec {
    let mut spec = ClusterSpec {
        cluster_name: Some("etl-nightly".into()),
        spark_version: Some("15.4.x-scala2.12".into()),
        node_type_id: Some("i3.xlarge".into()),
        autoscale: Some(AutoScale::new(2, 8)),
        autotermination_minutes: Some(60),
        aws_attributes: Some(AwsAttributes {
            availability: Some(AwsAvailability::SpotWithFallback),
            first_on_demand: Some(1),
            zone_id: Some("us-west-2a".into()),
            spot_bid_price_percent: Some(100),
            ebs_volume_type: Some(EbsVolumeType::GeneralPurposeSsd),
            ebs_volume_count: Some(1),
            ebs_volume_size: Some(100),
            ..Default::default()
        }),
        cluster_log_conf: Some(ClusterLogConf::dbfs("dbfs:/cluster-logs")),
        init_scripts: vec![InitScriptInfo::workspace(
            "/Users/ops@example.com/init/setup.sh",
        )],
        data_security_mode: Some(DataSecurityMode::SingleUser),
        single_user_name: Some("ops@example.com".into()),
        runtime_engine: Some(RuntimeEngine::Photon),
        ..Default::default()
    };
    spec.spark_conf
        .insert("spark.sql.shuffle.partitions".into(), "200".into());
    spec.custom_tags.insert("team".into(), "data-eng".into());
    spec
}

#[tokio::test]
async fn create_sends_the_whole_spec() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/create")
        .and(no_query)
        .and(body_json(json!({
            "cluster_name": "etl-nightly",
            "spark_version": "15.4.x-scala2.12",
            "node_type_id": "i3.xlarge",
            "autoscale": { "min_workers": 2, "max_workers": 8 },
            "autotermination_minutes": 60,
            "spark_conf": { "spark.sql.shuffle.partitions": "200" },
            "aws_attributes": {
                "availability": "SPOT_WITH_FALLBACK",
                "first_on_demand": 1,
                "zone_id": "us-west-2a",
                "spot_bid_price_percent": 100,
                "ebs_volume_type": "GENERAL_PURPOSE_SSD",
                "ebs_volume_count": 1,
                "ebs_volume_size": 100
            },
            "custom_tags": { "team": "data-eng" },
            "cluster_log_conf": { "dbfs": { "destination": "dbfs:/cluster-logs" } },
            "init_scripts": [ { "workspace": { "destination": "/Users/ops@example.com/init/setup.sh" } } ],
            "data_security_mode": "SINGLE_USER",
            "single_user_name": "ops@example.com",
            "runtime_engine": "PHOTON"
        })))
        .respond_with(ok_json(json!({ "cluster_id": ID })))
        .expect(1)
        .mount(&server)
        .await;
    let created = api.create(full_spec()).await.unwrap();
    assert_eq!(created.cluster_id.as_str(), ID);
}

#[tokio::test]
async fn create_sends_meaningful_zeros_clone_from_and_extra_fields() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/create")
        .and(body_json(json!({
            "spark_version": "15.4.x-scala2.12",
            "node_type_id": "i3.xlarge",
            "num_workers": 0,
            "autotermination_minutes": 0,
            "enable_elastic_disk": false,
            "clone_from": { "source_cluster_id": "0101-000000-source00" },
            "gpu_sharing": { "mode": "MIG" }
        })))
        .respond_with(ok_json(json!({ "cluster_id": ID })))
        .expect(1)
        .mount(&server)
        .await;
    let mut spec = ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 0);
    spec.autotermination_minutes = Some(0);
    spec.enable_elastic_disk = Some(false);
    spec.extra
        .insert("gpu_sharing".into(), json!({ "mode": "MIG" }));
    api.create(CreateCluster {
        clone_from: Some(CloneCluster::new("0101-000000-source00")),
        ..CreateCluster::from(spec)
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn edit_sends_the_id_and_the_full_spec() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/edit")
        .and(body_json(json!({
            "cluster_id": ID,
            "spark_version": "15.4.x-scala2.12",
            "node_type_id": "i3.xlarge",
            "num_workers": 4,
            "custom_tags": { "team": "data-eng" }
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    let mut spec = ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 4);
    spec.custom_tags.insert("team".into(), "data-eng".into());
    api.edit(EditCluster::new(ID, spec)).await.unwrap();
}

#[tokio::test]
async fn read_modify_write_keeps_every_unknown_field() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.1/clusters/get")
        .respond_with(ok_json(fixture(GET)))
        .mount(&server)
        .await;
    // The spec snapshot is sent back with the change, unknown field included.
    endpoint("POST", "/api/2.1/clusters/edit")
        .and(body_json(json!({
            "cluster_id": ID,
            "cluster_name": "etl-nightly",
            "spark_version": "15.4.x-scala2.12",
            "node_type_id": "i3.xlarge",
            "autoscale": { "min_workers": 2, "max_workers": 8 },
            "autotermination_minutes": 120,
            "custom_tags": { "team": "data-eng" },
            "spark_conf": { "spark.sql.shuffle.partitions": "200" },
            "runtime_engine": "PHOTON",
            "data_security_mode": "SINGLE_USER",
            "single_user_name": "ops@example.com",
            "gpu_sharing": { "mode": "MIG" }
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    let mut edit = api.get(ID).await.unwrap().to_edit();
    edit.spec.autotermination_minutes = Some(120);
    api.edit(edit).await.unwrap();
}

#[tokio::test]
async fn read_modify_write_without_a_snapshot_keeps_unknown_fields() {
    let (server, api) = setup().await;
    let mut details = fixture(GET);
    details.as_object_mut().unwrap().remove("spec");
    endpoint("GET", "/api/2.1/clusters/get")
        .respond_with(ok_json(details))
        .mount(&server)
        .await;
    let got = api.get(ID).await.unwrap();
    let edit = got.to_edit();
    let body = serde_json::to_value(&edit).unwrap();
    assert_eq!(body["disk_spec"], json!({ "disk_count": 1 }));
    assert_eq!(body["release_channel"], "CURRENT");
    assert_eq!(body["aws_attributes"]["future_aws_knob"], true);
    assert_eq!(body["kind"], "CLASSIC_PREVIEW_V2");
    assert!(
        body.get("state").is_none(),
        "runtime fields are not settings"
    );
    assert!(body.get("num_workers").is_none(), "autoscale only");
}

#[tokio::test]
async fn update_sends_mask_and_partial_cluster() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/update")
        .and(body_json(json!({
            "cluster_id": ID,
            "update_mask": "num_workers,spark_conf",
            "cluster": { "num_workers": 8, "spark_conf": { "spark.speculation": "true" } }
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    let mut cluster = ClusterSpec {
        num_workers: Some(8),
        ..Default::default()
    };
    cluster
        .spark_conf
        .insert("spark.speculation".into(), "true".into());
    api.update(UpdateCluster::new(
        ID,
        cluster,
        ["num_workers", "spark_conf"],
    ))
    .await
    .unwrap();
}

#[tokio::test]
async fn single_id_actions() {
    let (server, api) = setup().await;
    for name in ["start", "delete", "permanent-delete", "pin", "unpin"] {
        endpoint("POST", &format!("/api/2.1/clusters/{name}"))
            .and(no_query)
            .and(body_json(json!({ "cluster_id": ID })))
            .respond_with(ok_empty())
            .expect(1)
            .mount(&server)
            .await;
    }
    api.start(ID).await.unwrap();
    api.delete(ID).await.unwrap();
    api.permanent_delete(ID).await.unwrap();
    api.pin(ID).await.unwrap();
    api.unpin(ID).await.unwrap();
}

#[tokio::test]
async fn restart_resize_change_owner() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/restart")
        .and(body_json(
            json!({ "cluster_id": ID, "restart_user": "ops@example.com" }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/resize")
        .and(body_json(json!({ "cluster_id": ID, "num_workers": 10 })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/resize")
        .and(body_json(
            json!({ "cluster_id": ID, "autoscale": { "min_workers": 0, "max_workers": 6 } }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/change-owner")
        .and(body_json(
            json!({ "cluster_id": ID, "owner_username": "bob@example.com" }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.restart(RestartCluster {
        restart_user: Some("ops@example.com".into()),
        ..RestartCluster::new(ID)
    })
    .await
    .unwrap();
    api.resize(ResizeCluster::workers(ID, 10)).await.unwrap();
    api.resize(ResizeCluster::autoscale(ID, AutoScale::new(0, 6)))
        .await
        .unwrap();
    api.change_owner(ChangeClusterOwner::new(ID, "bob@example.com"))
        .await
        .unwrap();
}

#[tokio::test]
async fn get_uses_the_query_string() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.1/clusters/get")
        .and(query_param("cluster_id", ID))
        .and(no_body)
        .respond_with(ok_json(fixture(GET)))
        .expect(1)
        .mount(&server)
        .await;
    let c = api.get(ID).await.unwrap();
    assert_eq!(c.state, Some(State::Running));
    assert_eq!(c.cluster_id.as_str(), ID);
}

#[tokio::test]
async fn catalogues() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.1/clusters/list-node-types")
        .and(no_query)
        .and(no_body)
        .respond_with(ok_json(fixture(include_str!("fixtures/node_types.json"))))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.1/clusters/spark-versions")
        .and(no_query)
        .respond_with(ok_json(fixture(include_str!(
            "fixtures/spark_versions.json"
        ))))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.1/clusters/list-zones")
        .and(no_query)
        .respond_with(ok_json(json!({
            "zones": ["us-west-2a", "us-west-2b", "us-west-2c"], "default_zone": "us-west-2a"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let types = api.list_node_types().await.unwrap();
    assert_eq!(types.len(), 7);
    assert_eq!(types[0].local_disks(), 1);
    assert_eq!(types[0].local_disk_size_gb(), 950);
    assert_eq!(types[2].local_disks(), 1, "NVMe disks count");
    assert!(types[5].is_unavailable());
    assert!(
        !types[6].is_unavailable(),
        "unknown statuses are not unavailability"
    );
    let versions = api.spark_versions().await.unwrap();
    assert_eq!(versions[0].key, "16.4.x-scala2.12");
    let zones = api.list_zones().await.unwrap();
    assert_eq!(zones.default_zone.as_deref(), Some("us-west-2a"));
    assert_eq!(zones.zones.len(), 3);
}

#[tokio::test]
async fn empty_catalogues_decode() {
    let (server, api) = setup().await;
    for p in [
        "/api/2.1/clusters/list-node-types",
        "/api/2.1/clusters/spark-versions",
        "/api/2.1/clusters/list-zones",
    ] {
        endpoint("GET", p)
            .respond_with(ok_empty())
            .mount(&server)
            .await;
    }
    assert!(api.list_node_types().await.unwrap().is_empty());
    assert!(api.spark_versions().await.unwrap().is_empty());
    assert!(api.list_zones().await.unwrap().zones.is_empty());
}

#[tokio::test]
async fn permissions_endpoints() {
    let (server, api) = setup().await;
    let path = format!("/api/2.0/permissions/clusters/{ID}");
    let response = json!({
        "object_id": format!("/clusters/{ID}"),
        "object_type": "cluster",
        "access_control_list": [
            { "group_name": "admins", "all_permissions": [ { "permission_level": "CAN_MANAGE", "inherited": true, "inherited_from_object": ["/clusters/"] } ] },
            { "user_name": "ann@example.com", "display_name": "Ann", "all_permissions": [ { "permission_level": "CAN_RESTART", "inherited": false } ] }
        ]
    });
    endpoint("GET", &path)
        .and(no_body)
        .respond_with(ok_json(response.clone()))
        .expect(1)
        .mount(&server)
        .await;
    let acl = json!({ "access_control_list": [ { "user_name": "ann@example.com", "permission_level": "CAN_RESTART" } ] });
    endpoint("PUT", &path)
        .and(body_json(acl.clone()))
        .respond_with(ok_json(response.clone()))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("PATCH", &path)
        .and(body_json(json!({ "access_control_list": [ { "group_name": "analysts", "permission_level": "CAN_ATTACH_TO" } ] })))
        .respond_with(ok_json(response.clone()))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", &format!("{path}/permissionLevels"))
        .respond_with(ok_json(json!({ "permission_levels": [
            { "permission_level": "CAN_ATTACH_TO", "description": "Can attach" },
            { "permission_level": "CAN_RESTART", "description": "Can restart" },
            { "permission_level": "CAN_MANAGE", "description": "Can manage" }
        ] })))
        .expect(1)
        .mount(&server)
        .await;

    let got = api.get_permissions(ID).await.unwrap();
    assert_eq!(got.access_control_list.len(), 2);
    assert_eq!(
        got.access_control_list[1].all_permissions[0].permission_level,
        Some(ClusterPermissionLevel::CanRestart)
    );
    api.set_permissions(
        ID,
        &[AccessControlRequest::user(
            "ann@example.com",
            ClusterPermissionLevel::CanRestart,
        )],
    )
    .await
    .unwrap();
    api.update_permissions(
        ID,
        &[AccessControlRequest::group(
            "analysts",
            ClusterPermissionLevel::CanAttachTo,
        )],
    )
    .await
    .unwrap();
    let levels = api.get_permission_levels(ID).await.unwrap();
    assert_eq!(levels.len(), 3);
    assert_eq!(
        levels[2].permission_level,
        Some(ClusterPermissionLevel::CanManage)
    );
}

#[tokio::test]
async fn ids_are_escaped_in_permission_paths() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/permissions/clusters/a%2Fb")
        .respond_with(ok_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    api.get_permissions("a/b").await.unwrap();
}
