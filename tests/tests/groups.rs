//! Legacy Groups API end to end: the umbrella client against the emulator.
#![allow(clippy::unwrap_used)]

mod common;

use databricks::groups::Principal;
use databricks::scim::{ServicePrincipal, User};
use databricks_emulator::Emulator;

const BOB_TOKEN: &str = "dapi-bob-groups-00000000000000000000";

#[tokio::test]
async fn legacy_groups_workflow() {
    let (emu, client) = common::start().await;
    let groups = client.groups();
    client
        .users()
        .create(User::new("alice@example.com"))
        .await
        .unwrap();

    let mut names = groups.list().await.unwrap();
    names.sort();
    assert_eq!(names, ["admins", "users"], "built-in groups");

    assert_eq!(
        groups.create("reporting-team").await.unwrap(),
        "reporting-team"
    );
    groups.create("analytics-readers").await.unwrap();
    groups
        .add_member("reporting-team", Principal::user("alice@example.com"))
        .await
        .unwrap();
    // Adding twice is harmless.
    groups
        .add_member("reporting-team", Principal::user("alice@example.com"))
        .await
        .unwrap();
    groups
        .add_member("analytics-readers", Principal::group("reporting-team"))
        .await
        .unwrap();

    assert_eq!(
        groups.list_members("reporting-team").await.unwrap(),
        vec![Principal::user("alice@example.com")]
    );
    assert_eq!(
        groups.list_members("analytics-readers").await.unwrap(),
        vec![Principal::group("reporting-team")]
    );
    let mut parents = groups
        .list_parents(Principal::user("alice@example.com"))
        .await
        .unwrap();
    parents.sort();
    assert_eq!(parents, ["reporting-team", "users"]);
    assert_eq!(
        groups
            .list_parents(Principal::group("reporting-team"))
            .await
            .unwrap(),
        ["analytics-readers"]
    );
    // Not recursive.
    assert!(
        !groups
            .list_members("analytics-readers")
            .await
            .unwrap()
            .contains(&Principal::user("alice@example.com"))
    );
    // The admin is in admins; everyone is in users.
    assert!(
        groups
            .list_members("admins")
            .await
            .unwrap()
            .contains(&Principal::user(emu.admin_user()))
    );
    let everyone = groups.list_members("users").await.unwrap();
    assert!(everyone.contains(&Principal::user("alice@example.com")));

    groups
        .remove_member("reporting-team", Principal::user("alice@example.com"))
        .await
        .unwrap();
    assert!(
        groups
            .list_members("reporting-team")
            .await
            .unwrap()
            .is_empty()
    );
    groups.delete("reporting-team").await.unwrap();
    assert!(
        groups
            .list_members("analytics-readers")
            .await
            .unwrap()
            .is_empty()
    );
    let mut names = groups.list().await.unwrap();
    names.sort();
    assert_eq!(names, ["admins", "analytics-readers", "users"]);
}

#[tokio::test]
async fn legacy_groups_errors() {
    let (_emu, client) = common::start().await;
    let groups = client.groups();
    groups.create("g").await.unwrap();

    let err = groups.create("g").await.unwrap_err();
    assert!(err.is_already_exists(), "{err}");
    assert_eq!(err.status(), Some(400));

    let err = groups
        .add_member("g", Principal::user("ghost@example.com"))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = groups
        .add_member("nope", Principal::group("g"))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = groups
        .remove_member("g", Principal::group("admins"))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "not a member: {err}");
    assert!(
        groups
            .list_members("nope")
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        groups
            .list_parents(Principal::user("ghost@example.com"))
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(groups.delete("nope").await.unwrap_err().is_not_found());

    let err = groups.delete("admins").await.unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    let err = groups
        .add_member("g", Principal::group("g"))
        .await
        .unwrap_err();
    assert!(
        err.is_invalid_parameter(),
        "a group cannot contain itself: {err}"
    );
    let admin = client.current_user().me().await.unwrap().user_name.unwrap();
    let err = groups
        .remove_member("users", Principal::user(admin))
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
}

#[tokio::test]
async fn service_principals_are_members_by_application_id() {
    let (_emu, client) = common::start().await;
    let sp = client
        .service_principals()
        .create(ServicePrincipal::new("ci-bot"))
        .await
        .unwrap();
    let app_id = sp.application_id.unwrap();
    client.groups().create("bots").await.unwrap();
    client
        .groups()
        .add_member("bots", Principal::user(app_id.clone()))
        .await
        .unwrap();
    assert_eq!(
        client.groups().list_members("bots").await.unwrap(),
        vec![Principal::user(app_id)]
    );
    let bots = client
        .scim_groups()
        .find_by_name("bots")
        .await
        .unwrap()
        .unwrap();
    assert!(bots.has_member(sp.id.unwrap().as_str()));
}

#[tokio::test]
async fn non_admins_are_refused() {
    let emulator = Emulator::builder()
        .user_token("bob@example.com", BOB_TOKEN)
        .start()
        .await
        .unwrap();
    let bob = common::client_with_token(&emulator, BOB_TOKEN);
    for err in [
        bob.groups().create("x").await.unwrap_err(),
        bob.groups().list().await.map(|_| ()).unwrap_err(),
        bob.groups()
            .add_member("admins", Principal::user("bob@example.com"))
            .await
            .unwrap_err(),
    ] {
        assert!(err.is_permission_denied(), "{err}");
    }
}

#[tokio::test]
async fn get_parameters_may_come_in_a_json_body() {
    let (_emu, client) = common::start().await;
    client.groups().create("body-group").await.unwrap();
    let members: serde_json::Value = client
        .core()
        .request(databricks::Method::GET, "/api/2.0/groups/list-members")
        .json(&serde_json::json!({ "group_name": "body-group" }))
        .send()
        .await
        .unwrap();
    assert_eq!(members, serde_json::json!({}));
}

/// No group name length limit is documented; the legacy API takes long names as SCIM does.
#[tokio::test]
async fn group_names_have_no_documented_length_limit() {
    let (_emu, client) = common::start().await;
    let groups = client.groups();
    let long = "g".repeat(70_000);
    assert_eq!(groups.create(long.as_str()).await.unwrap(), long);
    client
        .users()
        .create(User::new("dana@example.com"))
        .await
        .unwrap();
    groups
        .add_member(long.as_str(), Principal::user("dana@example.com"))
        .await
        .unwrap();
    assert!(groups.list().await.unwrap().contains(&long));
    groups.delete(long.as_str()).await.unwrap();
}
