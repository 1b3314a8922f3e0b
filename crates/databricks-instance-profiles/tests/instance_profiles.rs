//! Wire tests for the Instance Profiles API.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_instance_profiles::{AddInstanceProfile, InstanceProfile, InstanceProfilesApi};
use serde_json::json;
use wiremock::MockServer;
use wiremock::matchers::body_json;

const ARN: &str = "arn:aws:iam::123456789012:instance-profile/databricks-s3-access";
const ROLE: &str = "arn:aws:iam::123456789012:role/databricks-s3-access-role";

async fn setup() -> (MockServer, InstanceProfilesApi) {
    let server = MockServer::start().await;
    let api = InstanceProfilesApi::new(client(&server));
    (server, api)
}

#[tokio::test]
async fn add_sends_the_documented_body() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/instance-profiles/add")
        .and(no_query)
        .and(body_json(json!({
            "instance_profile_arn": ARN,
            "iam_role_arn": ROLE,
            "is_meta_instance_profile": false,
            "skip_validation": false
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.add(AddInstanceProfile {
        iam_role_arn: Some(ROLE.into()),
        is_meta_instance_profile: Some(false),
        skip_validation: Some(false),
        ..AddInstanceProfile::new(ARN)
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn add_minimal_sends_only_the_arn() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/instance-profiles/add")
        .and(body_json(json!({ "instance_profile_arn": ARN })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.add(AddInstanceProfile::new(ARN)).await.unwrap();
}

#[tokio::test]
async fn edit_list_remove() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/instance-profiles/edit")
        .and(body_json(
            json!({ "instance_profile_arn": ARN, "iam_role_arn": ROLE }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/instance-profiles/list")
        .and(no_query)
        .and(no_body)
        .respond_with(ok_json(json!({ "instance_profiles": [
            { "instance_profile_arn": ARN, "iam_role_arn": ROLE, "is_meta_instance_profile": false, "new_field": 1 },
            { "instance_profile_arn": "arn:aws:iam::123456789012:instance-profile/meta", "is_meta_instance_profile": true }
        ] })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/instance-profiles/remove")
        .and(body_json(json!({ "instance_profile_arn": ARN })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.edit(InstanceProfile::new(ARN).with_iam_role_arn(ROLE))
        .await
        .unwrap();
    let listed = api.list().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].iam_role_arn.as_deref(), Some(ROLE));
    assert!(!listed[0].is_meta());
    assert!(listed[1].is_meta());
    api.remove(ARN).await.unwrap();
}

#[tokio::test]
async fn an_empty_list_may_omit_the_array() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/instance-profiles/list")
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    assert!(api.list().await.unwrap().is_empty());
}

#[tokio::test]
async fn errors_map_to_predicates() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/instance-profiles/add")
        .respond_with(api_error(400, "RESOURCE_ALREADY_EXISTS", "exists"))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/instance-profiles/edit")
        .respond_with(api_error(403, "PERMISSION_DENIED", "admins only"))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/instance-profiles/remove")
        .respond_with(api_error(404, "RESOURCE_DOES_NOT_EXIST", "no such profile"))
        .mount(&server)
        .await;
    assert!(
        api.add(AddInstanceProfile::new(ARN))
            .await
            .unwrap_err()
            .is_already_exists()
    );
    assert!(
        api.edit(InstanceProfile::new(ARN))
            .await
            .unwrap_err()
            .is_permission_denied()
    );
    assert!(api.remove(ARN).await.unwrap_err().is_not_found());

    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/instance-profiles/add")
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Verification of the instance profile failed",
        ))
        .mount(&server)
        .await;
    assert!(
        api.add(AddInstanceProfile::new(ARN))
            .await
            .unwrap_err()
            .is_invalid_parameter()
    );
}

#[tokio::test]
async fn malformed_arns_are_rejected_before_sending() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    for bad in [
        "",
        "databricks-s3-access",
        "arn:aws:iam::123456789012:role/databricks-s3-access",
        "arn:aws:iam::1234:instance-profile/x",
        "arn:aws:ec2::123456789012:instance-profile/x",
    ] {
        assert_invalid(
            api.add(AddInstanceProfile::new(bad)).await,
            "instance_profile_arn",
        );
        assert_invalid(
            api.edit(InstanceProfile::new(bad)).await,
            "instance_profile_arn",
        );
        assert_invalid(api.remove(bad).await, "instance_profile_arn");
    }
    assert_invalid(
        api.add(AddInstanceProfile {
            iam_role_arn: Some(ARN.into()),
            ..AddInstanceProfile::new(ARN)
        })
        .await,
        "iam_role_arn",
    );
    assert_invalid(
        api.edit(InstanceProfile::new(ARN).with_iam_role_arn("role"))
            .await,
        "iam_role_arn",
    );
}
