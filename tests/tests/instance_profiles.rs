//! Instance Profiles end to end: CRUD, errors, and their use by clusters.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use databricks::clusters::{AwsAttributes, ClusterSpec};
use databricks::instance_profiles::{AddInstanceProfile, InstanceProfile};
use databricks::{Error, ErrorCode};
use databricks_emulator::Emulator;

const ARN: &str = "arn:aws:iam::123456789012:instance-profile/databricks-s3-access";
const ROLE: &str = "arn:aws:iam::123456789012:role/databricks-s3-access-role";

#[tokio::test]
async fn add_list_edit_remove() {
    let (_emu, client) = common::start().await;
    let profiles = client.instance_profiles();
    assert!(profiles.list().await.unwrap().is_empty());

    profiles
        .add(AddInstanceProfile {
            iam_role_arn: Some(ROLE.into()),
            ..AddInstanceProfile::new(ARN)
        })
        .await
        .unwrap();
    let meta = "arn:aws:iam::123456789012:instance-profile/passthrough";
    profiles
        .add(AddInstanceProfile {
            is_meta_instance_profile: Some(true),
            ..AddInstanceProfile::new(meta)
        })
        .await
        .unwrap();
    let listed = profiles.list().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].instance_profile_arn, ARN);
    assert_eq!(listed[0].iam_role_arn.as_deref(), Some(ROLE));
    assert!(!listed[0].is_meta());
    assert!(listed[1].is_meta());

    let new_role = "arn:aws:iam::123456789012:role/new-role";
    profiles
        .edit(InstanceProfile::new(ARN).with_iam_role_arn(new_role))
        .await
        .unwrap();
    let listed = profiles.list().await.unwrap();
    assert_eq!(listed[0].iam_role_arn.as_deref(), Some(new_role));

    profiles.remove(ARN).await.unwrap();
    profiles.remove(meta).await.unwrap();
    assert!(profiles.list().await.unwrap().is_empty());
}

#[tokio::test]
async fn errors() {
    let emu = Emulator::builder()
        .user_token("bob@example.com", "dapi-bob")
        .start()
        .await
        .unwrap();
    let admin = common::client_with_token(&emu, &emu.token()).instance_profiles();
    let bob = common::client_with_token(&emu, "dapi-bob").instance_profiles();

    admin.add(AddInstanceProfile::new(ARN)).await.unwrap();
    let err = admin.add(AddInstanceProfile::new(ARN)).await.unwrap_err();
    assert!(err.is_already_exists(), "{err}");

    let unknown = "arn:aws:iam::123456789012:instance-profile/unknown";
    let err = admin.remove(unknown).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = admin.edit(InstanceProfile::new(unknown)).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");

    // Admins only, except list.
    let err = bob.add(AddInstanceProfile::new(unknown)).await.unwrap_err();
    assert!(err.is_permission_denied(), "{err}");
    let err = bob.remove(ARN).await.unwrap_err();
    assert!(err.is_permission_denied(), "{err}");
    assert_eq!(bob.list().await.unwrap().len(), 1);

    // The AWS dry run fails; skip_validation adds it anyway.
    let flaky = "arn:aws:iam::123456789012:instance-profile/emulator-dry-run-fails";
    let err = admin.add(AddInstanceProfile::new(flaky)).await.unwrap_err();
    assert_eq!(
        err.error_code().map(ErrorCode::as_str),
        Some("INVALID_PARAMETER_VALUE")
    );
    admin
        .add(AddInstanceProfile {
            skip_validation: Some(true),
            ..AddInstanceProfile::new(flaky)
        })
        .await
        .unwrap();

    // Malformed ARNs never leave the client.
    emu.clear_requests();
    for bad in [
        "databricks-s3-access",
        "arn:aws:iam::123:instance-profile/x",
        "arn:aws:iam::123456789012:role/x",
    ] {
        let err = admin.add(AddInstanceProfile::new(bad)).await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    let err = admin
        .add(AddInstanceProfile {
            iam_role_arn: Some("not-a-role".into()),
            ..AddInstanceProfile::new(unknown)
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(matches!(
        admin.remove("").await,
        Err(Error::InvalidInput(_))
    ));
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn clusters_use_registered_profiles_only() {
    let (_emu, client) = common::start().await;
    let (profiles, clusters) = (client.instance_profiles(), client.clusters());
    let spec = ClusterSpec {
        aws_attributes: Some(AwsAttributes {
            instance_profile_arn: Some(ARN.into()),
            ..Default::default()
        }),
        ..ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 1)
    };
    let err = clusters.create(spec.clone()).await.unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    assert!(err.to_string().contains("not been registered"), "{err}");

    profiles.add(AddInstanceProfile::new(ARN)).await.unwrap();
    let c = clusters
        .create_and_wait(spec)
        .poll_interval(Duration::from_millis(5), Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(
        c.aws_attributes.unwrap().instance_profile_arn.as_deref(),
        Some(ARN)
    );
}
