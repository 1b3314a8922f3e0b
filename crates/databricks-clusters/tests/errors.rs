//! Wire tests: documented errors map to the right predicates; validation sends nothing.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_clusters::{
    AutoScale, AwsAttributes, AzureAttributes, ChangeClusterOwner, ClusterSpec, ClustersApi,
    EbsVolumeType, EditCluster, GetEvents, ResizeCluster, RestartCluster, UpdateCluster,
};
use databricks_core::Error;
use wiremock::MockServer;

const ID: &str = "0612-083412-z9a1b2c3";

async fn setup() -> (MockServer, ClustersApi) {
    let server = MockServer::start().await;
    let api = ClustersApi::new(client(&server));
    (server, api)
}

fn spec() -> ClusterSpec {
    ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 2)
}

#[tokio::test]
async fn get_of_an_unknown_cluster_is_not_found() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.1/clusters/get")
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            &format!("Cluster {ID} does not exist"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.get(ID).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn documented_errors_map_to_predicates() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/resize")
        .respond_with(api_error(
            400,
            "INVALID_STATE",
            "Cluster is in unexpected state Terminated.",
        ))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/pin")
        .respond_with(api_error(
            403,
            "PERMISSION_DENIED",
            "Only admins can pin clusters",
        ))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/create")
        .respond_with(api_error(
            429,
            "REQUEST_LIMIT_EXCEEDED",
            "Too many cluster requests",
        ))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/start")
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Cluster x does not exist",
        ))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/delete")
        .respond_with(api_error(401, "UNAUTHENTICATED", "Invalid access token."))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/permanent-delete")
        .respond_with(api_error(400, "RESOURCE_LIMIT_EXCEEDED", "limit"))
        .mount(&server)
        .await;

    let err = api.resize(ResizeCluster::workers(ID, 2)).await.unwrap_err();
    assert_eq!(err.error_code().unwrap().as_str(), "INVALID_STATE");
    assert!(err.is_invalid_parameter(), "a 400: {err}");
    assert!(api.pin(ID).await.unwrap_err().is_permission_denied());
    assert!(api.create(spec()).await.unwrap_err().is_rate_limited());
    let err = api.start(ID).await.unwrap_err();
    assert!(err.is_invalid_parameter() && !err.is_not_found(), "{err}");
    assert!(api.delete(ID).await.unwrap_err().is_unauthenticated());
    let err = api.permanent_delete(ID).await.unwrap_err();
    assert_eq!(err.status(), Some(400));
}

#[tokio::test]
async fn create_is_not_retried_but_get_is() {
    let server = MockServer::start().await;
    let client = databricks_core::Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(databricks_core::ConfigSources::empty())
        .retry_policy(databricks_core::RetryPolicy {
            min_backoff: std::time::Duration::from_millis(1),
            max_backoff: std::time::Duration::from_millis(1),
            max_jitter: std::time::Duration::ZERO,
            max_attempts: Some(3),
            ..Default::default()
        })
        .build()
        .unwrap();
    let api = ClustersApi::new(client);
    endpoint("POST", "/api/2.1/clusters/create")
        .respond_with(api_error(500, "INTERNAL_ERROR", "oops"))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.1/clusters/get")
        .respond_with(Sequence::new(vec![
            api_error(500, "INTERNAL_ERROR", "oops"),
            ok_json(serde_json::json!({ "cluster_id": ID, "state": "RUNNING" })),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/events")
        .respond_with(Sequence::new(vec![
            api_error(500, "INTERNAL_ERROR", "oops"),
            ok_json(serde_json::json!({})),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    assert!(api.create(spec()).await.is_err());
    assert!(api.get(ID).await.is_ok());
    assert!(api.events(GetEvents::new(ID)).collect_all().await.is_ok());
}

#[tokio::test]
async fn validation_rejects_before_sending() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;

    let both = ClusterSpec {
        autoscale: Some(AutoScale::new(1, 4)),
        ..spec()
    };
    assert_invalid(api.create(both.clone()).await, "num_workers");
    assert_invalid(api.edit(EditCluster::new(ID, both)).await, "num_workers");
    let no_max = ClusterSpec {
        num_workers: None,
        autoscale: Some(AutoScale {
            min_workers: Some(1),
            max_workers: None,
        }),
        ..spec()
    };
    assert_invalid(api.create(no_max).await, "autoscale.max_workers");
    let equal = ClusterSpec {
        num_workers: None,
        autoscale: Some(AutoScale::new(3, 3)),
        ..spec()
    };
    assert_invalid(api.create(equal).await, "autoscale.max_workers");
    let negative = ClusterSpec {
        num_workers: Some(-1),
        ..spec()
    };
    assert_invalid(api.create(negative).await, "num_workers");
    for minutes in [1, 9, 10_001] {
        let s = ClusterSpec {
            autotermination_minutes: Some(minutes),
            ..spec()
        };
        assert_invalid(api.create(s).await, "autotermination_minutes");
    }
    let mut tags = spec();
    for i in 0..46 {
        tags.custom_tags.insert(format!("tag{i}"), "v".into());
    }
    assert_invalid(api.create(tags).await, "custom_tags");
    let keys = ClusterSpec {
        ssh_public_keys: vec!["ssh-rsa AAA".into(); 11],
        ..spec()
    };
    assert_invalid(api.create(keys).await, "ssh_public_keys");
    let ebs = ClusterSpec {
        aws_attributes: Some(AwsAttributes {
            ebs_volume_count: Some(11),
            ..Default::default()
        }),
        ..spec()
    };
    assert_invalid(api.create(ebs).await, "aws_attributes.ebs_volume_count");
    let hdd = ClusterSpec {
        aws_attributes: Some(AwsAttributes {
            ebs_volume_type: Some(EbsVolumeType::ThroughputOptimizedHdd),
            ebs_volume_size: Some(100),
            ..Default::default()
        }),
        ..spec()
    };
    assert_invalid(api.create(hdd).await, "aws_attributes.ebs_volume_size");
    let spot = ClusterSpec {
        aws_attributes: Some(AwsAttributes {
            spot_bid_price_percent: Some(10_001),
            ..Default::default()
        }),
        ..spec()
    };
    assert_invalid(
        api.create(spot).await,
        "aws_attributes.spot_bid_price_percent",
    );
    let azure = ClusterSpec {
        azure_attributes: Some(AzureAttributes {
            spot_bid_max_price: Some(0.0),
            ..Default::default()
        }),
        ..spec()
    };
    assert_invalid(
        api.create(azure).await,
        "azure_attributes.spot_bid_max_price",
    );
    let no_version = ClusterSpec {
        spark_version: None,
        ..spec()
    };
    assert_invalid(api.create(no_version.clone()).await, "spark_version");
    assert_invalid(
        api.edit(EditCluster::new(ID, no_version)).await,
        "spark_version",
    );
    assert_invalid(api.edit(EditCluster::new("", spec())).await, "cluster_id");

    assert_invalid(
        api.update(UpdateCluster::new(ID, spec(), Vec::<String>::new()))
            .await,
        "update_mask",
    );
    assert_invalid(
        api.update(UpdateCluster::new(ID, spec(), ["num_workers, spark_conf"]))
            .await,
        "update_mask",
    );
    let with_policy_flag = ClusterSpec {
        apply_policy_default_values: Some(true),
        ..Default::default()
    };
    assert_invalid(
        api.update(UpdateCluster::new(ID, with_policy_flag, ["num_workers"]))
            .await,
        "cluster.apply_policy_default_values",
    );
    let bad_partial = ClusterSpec {
        autotermination_minutes: Some(3),
        ..Default::default()
    };
    assert_invalid(
        api.update(UpdateCluster::new(
            ID,
            bad_partial,
            ["autotermination_minutes"],
        ))
        .await,
        "cluster.autotermination_minutes",
    );

    assert_invalid(
        api.resize(ResizeCluster {
            cluster_id: ID.into(),
            num_workers: Some(1),
            autoscale: Some(AutoScale::new(1, 2)),
        })
        .await,
        "num_workers",
    );
    assert_invalid(
        api.resize(ResizeCluster {
            cluster_id: ID.into(),
            num_workers: None,
            autoscale: None,
        })
        .await,
        "num_workers",
    );
    assert_invalid(
        api.resize(ResizeCluster::autoscale(ID, AutoScale::new(5, 2)))
            .await,
        "autoscale.max_workers",
    );
    assert_invalid(api.start("").await, "cluster_id");
    assert_invalid(api.delete(" ").await, "cluster_id");
    assert_invalid(api.permanent_delete("").await, "cluster_id");
    assert_invalid(api.get("").await, "cluster_id");
    assert_invalid(api.pin("").await, "cluster_id");
    assert_invalid(api.unpin("").await, "cluster_id");
    assert_invalid(api.restart(RestartCluster::new("")).await, "cluster_id");
    assert_invalid(
        api.change_owner(ChangeClusterOwner::new(ID, "")).await,
        "owner_username",
    );
    assert_invalid(api.get_permissions("").await, "cluster_id");
    assert_invalid(
        api.events(GetEvents::new("")).collect_all().await,
        "cluster_id",
    );
    // Waiters report validation errors the same way.
    let err = fast(api.create_and_wait(ClusterSpec {
        autotermination_minutes: Some(1),
        ..spec()
    }))
    .await
    .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}
