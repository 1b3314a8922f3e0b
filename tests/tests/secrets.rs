//! Secrets end to end: the umbrella client against the emulator.
#![allow(clippy::unwrap_used)]

mod common;

use databricks::core::ExposeSecret;
use databricks::secrets::{AclPermission, CreateScope, PutAcl, PutSecret, ScopeBackendType};
use databricks::{Error, ErrorCode, Method};
use databricks_emulator::Emulator;
use serde_json::json;

#[tokio::test]
async fn full_secrets_workflow() {
    let (_emu, client) = common::start().await;
    let secrets = client.secrets();

    secrets
        .create_scope(CreateScope::new("prod"))
        .await
        .unwrap();
    let scopes = secrets.list_scopes().await.unwrap();
    assert_eq!(scopes.len(), 1);
    assert_eq!(scopes[0].name, "prod");
    assert_eq!(scopes[0].backend_type, Some(ScopeBackendType::Databricks));

    secrets
        .put_secret(PutSecret::string("prod", "db-password", "hunter2"))
        .await
        .unwrap();
    let raw: Vec<u8> = (0..=255u8).collect();
    secrets
        .put_secret(PutSecret::bytes("prod", "tls.key", raw.clone()))
        .await
        .unwrap();

    let mut listed = secrets.list_secrets("prod").await.unwrap();
    listed.sort_by(|a, b| a.key.cmp(&b.key));
    let keys: Vec<&str> = listed.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["db-password", "tls.key"]);
    let first_write = listed[0].last_updated_timestamp.unwrap();
    assert!(first_write.as_millis() > 0);

    let got = secrets.get_secret("prod", "db-password").await.unwrap();
    assert_eq!(got.value.expose_secret_utf8().unwrap(), "hunter2");
    let got = secrets.get_secret("prod", "tls.key").await.unwrap();
    assert_eq!(got.value.expose_secret(), raw.as_slice());

    // Overwrite keeps one key and moves its timestamp forward (or equal within a millisecond).
    secrets
        .put_secret(PutSecret::string("prod", "db-password", "correct horse"))
        .await
        .unwrap();
    let listed = secrets.list_secrets("prod").await.unwrap();
    assert_eq!(listed.len(), 2);
    let updated = listed.iter().find(|s| s.key == "db-password").unwrap();
    assert!(updated.last_updated_timestamp.unwrap() >= first_write);
    let got = secrets.get_secret("prod", "db-password").await.unwrap();
    assert_eq!(got.value.expose_secret_utf8().unwrap(), "correct horse");

    secrets.delete_secret("prod", "tls.key").await.unwrap();
    assert_eq!(secrets.list_secrets("prod").await.unwrap().len(), 1);

    // ACLs: the creator holds MANAGE; grants can be added, read, listed and removed.
    let acls = secrets.list_acls("prod").await.unwrap();
    assert!(
        acls.iter()
            .any(|a| a.principal == "admin@example.com" && a.permission == AclPermission::Manage),
        "{acls:?}"
    );
    // Grants name existing principals only.
    let unknown = secrets
        .put_acl(PutAcl::new("prod", "data-eng", AclPermission::Read))
        .await
        .unwrap_err();
    assert!(unknown.is_not_found(), "{unknown:?}");
    assert_eq!(
        unknown.error_code().map(ErrorCode::as_str),
        Some("RESOURCE_DOES_NOT_EXIST")
    );
    assert!(
        unknown
            .to_string()
            .contains("Principal: data-eng does not exist"),
        "{unknown}"
    );
    client.groups().create("data-eng").await.unwrap();
    secrets
        .put_acl(PutAcl::new("prod", "data-eng", AclPermission::Read))
        .await
        .unwrap();
    let acl = secrets.get_acl("prod", "data-eng").await.unwrap();
    assert_eq!(acl.permission, AclPermission::Read);
    secrets
        .put_acl(PutAcl::new("prod", "data-eng", AclPermission::Write))
        .await
        .unwrap();
    assert_eq!(
        secrets
            .get_acl("prod", "data-eng")
            .await
            .unwrap()
            .permission,
        AclPermission::Write
    );
    assert_eq!(secrets.list_acls("prod").await.unwrap().len(), 2);
    secrets.delete_acl("prod", "data-eng").await.unwrap();
    assert!(
        secrets
            .get_acl("prod", "data-eng")
            .await
            .unwrap_err()
            .is_not_found()
    );

    // Deleting the scope takes its secrets and ACLs with it.
    secrets.delete_scope("prod").await.unwrap();
    assert!(secrets.list_scopes().await.unwrap().is_empty());
    assert!(
        secrets
            .list_secrets("prod")
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn initial_manage_principal_users_grants_manage_to_everyone() {
    let (_emu, client) = common::start().await;
    client
        .secrets()
        .create_scope(CreateScope {
            initial_manage_principal: Some("users".into()),
            ..CreateScope::new("shared")
        })
        .await
        .unwrap();
    let acls = client.secrets().list_acls("shared").await.unwrap();
    assert!(
        acls.iter()
            .any(|a| a.principal == "users" && a.permission == AclPermission::Manage),
        "{acls:?}"
    );
}

#[tokio::test]
async fn documented_errors_surface_as_typed_errors() {
    let (_emu, client) = common::start().await;
    let secrets = client.secrets();
    secrets.create_scope(CreateScope::new("s")).await.unwrap();

    let dup = secrets
        .create_scope(CreateScope::new("s"))
        .await
        .unwrap_err();
    assert!(dup.is_already_exists(), "{dup:?}");
    assert_eq!(dup.error_code(), Some(&ErrorCode::ResourceAlreadyExists));
    // Scope names are case-insensitive for uniqueness.
    let dup = secrets
        .create_scope(CreateScope::new("S"))
        .await
        .unwrap_err();
    assert!(dup.is_already_exists(), "{dup:?}");

    for err in [
        secrets.delete_scope("missing").await.unwrap_err(),
        secrets
            .put_secret(PutSecret::string("missing", "k", "v"))
            .await
            .unwrap_err(),
        secrets.get_secret("s", "missing").await.unwrap_err(),
        secrets.delete_secret("s", "missing").await.unwrap_err(),
        secrets.list_acls("missing").await.unwrap_err(),
    ] {
        assert!(err.is_not_found(), "{err:?}");
        assert_eq!(err.error_code(), Some(&ErrorCode::ResourceDoesNotExist));
    }

    let keyvault = secrets
        .create_scope(CreateScope {
            scope_backend_type: Some(ScopeBackendType::AzureKeyvault),
            backend_azure_keyvault: Some(
                databricks::secrets::AzureKeyVaultSecretScopeMetadata::new(
                    "/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/z",
                    "https://z.vault.azure.net/",
                ),
            ),
            ..CreateScope::new("kv")
        })
        .await
        .unwrap_err();
    assert!(keyvault.is_invalid_parameter(), "{keyvault:?}");
}

#[tokio::test]
async fn client_side_validation_sends_nothing() {
    let (emu, client) = common::start().await;
    let secrets = client.secrets();
    let bad_name = secrets
        .create_scope(CreateScope::new("no spaces allowed"))
        .await
        .unwrap_err();
    assert!(matches!(bad_name, Error::InvalidInput(_)), "{bad_name:?}");
    let too_long = secrets
        .create_scope(CreateScope::new("x".repeat(129)))
        .await
        .unwrap_err();
    assert!(matches!(too_long, Error::InvalidInput(_)), "{too_long:?}");
    let too_big = secrets
        .put_secret(PutSecret::bytes("s", "k", vec![0u8; 128 * 1024 + 1]))
        .await
        .unwrap_err();
    assert!(matches!(too_big, Error::InvalidInput(_)), "{too_big:?}");
    assert!(emu.requests().is_empty(), "{:?}", emu.requests());

    // Exactly at the limit is fine.
    secrets.create_scope(CreateScope::new("s")).await.unwrap();
    secrets
        .put_secret(PutSecret::bytes("s", "k", vec![7u8; 128 * 1024]))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_service_enforces_its_own_limits_too() {
    // Clients that skip validation (raw requests, other SDKs) get the service's errors.
    let (_emu, client) = common::start().await;
    let err = client
        .request(Method::POST, "/api/2.0/secrets/scopes/create")
        .json(&json!({ "scope": "bad name!" }))
        .send_empty()
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err:?}");
    client
        .secrets()
        .create_scope(CreateScope::new("s"))
        .await
        .unwrap();
    let err = client
        .request(Method::POST, "/api/2.0/secrets/put")
        .json(&json!({ "scope": "s", "key": "k", "string_value": "x".repeat(128 * 1024 + 1) }))
        .send_empty()
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err:?}");
    let err = client
        .request(Method::POST, "/api/2.0/secrets/put")
        .json(&json!({ "scope": "s", "key": "k", "string_value": "a", "bytes_value": "YQ==" }))
        .send_empty()
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err:?}");
}

#[tokio::test]
async fn scope_and_secret_count_limits() {
    let (_emu, client) = common::start().await;
    let secrets = client.secrets();
    secrets
        .create_scope(CreateScope::new("full"))
        .await
        .unwrap();
    for i in 0..1000 {
        secrets
            .put_secret(PutSecret::string("full", format!("k{i}"), "v"))
            .await
            .unwrap();
    }
    let err = secrets
        .put_secret(PutSecret::string("full", "one-too-many", "v"))
        .await
        .unwrap_err();
    assert_eq!(
        err.error_code(),
        Some(&ErrorCode::ResourceLimitExceeded),
        "{err:?}"
    );
    // Overwriting an existing key is still fine at the limit.
    secrets
        .put_secret(PutSecret::string("full", "k0", "new"))
        .await
        .unwrap();
    assert_eq!(secrets.list_secrets("full").await.unwrap().len(), 1000);

    for i in 1..1000 {
        secrets
            .create_scope(CreateScope::new(format!("scope-{i}")))
            .await
            .unwrap();
    }
    let err = secrets
        .create_scope(CreateScope::new("scope-1000"))
        .await
        .unwrap_err();
    assert_eq!(
        err.error_code(),
        Some(&ErrorCode::ResourceLimitExceeded),
        "{err:?}"
    );
    assert_eq!(secrets.list_scopes().await.unwrap().len(), 1000);
}

#[tokio::test]
async fn acls_govern_non_admin_users() {
    let emu = Emulator::builder()
        .user_token("alice@example.com", "dapi-alice-0000000000000000000000000")
        .start()
        .await
        .unwrap();
    let admin = common::client_with_token(&emu, &emu.token());
    let alice = common::client_with_token(&emu, "dapi-alice-0000000000000000000000000");
    admin
        .secrets()
        .create_scope(CreateScope::new("team"))
        .await
        .unwrap();
    admin
        .secrets()
        .put_secret(PutSecret::string("team", "k", "v"))
        .await
        .unwrap();

    let denied = alice.secrets().list_secrets("team").await.unwrap_err();
    assert!(denied.is_permission_denied(), "{denied:?}");

    admin
        .secrets()
        .put_acl(PutAcl::new(
            "team",
            "alice@example.com",
            AclPermission::Read,
        ))
        .await
        .unwrap();
    assert_eq!(alice.secrets().list_secrets("team").await.unwrap().len(), 1);
    let denied = alice
        .secrets()
        .put_secret(PutSecret::string("team", "k2", "v"))
        .await
        .unwrap_err();
    assert!(denied.is_permission_denied(), "{denied:?}");
    let denied = alice.secrets().list_acls("team").await.unwrap_err();
    assert!(denied.is_permission_denied(), "{denied:?}");

    admin
        .secrets()
        .put_acl(PutAcl::new(
            "team",
            "alice@example.com",
            AclPermission::Write,
        ))
        .await
        .unwrap();
    alice
        .secrets()
        .put_secret(PutSecret::string("team", "k2", "v"))
        .await
        .unwrap();
    assert_eq!(admin.secrets().list_secrets("team").await.unwrap().len(), 2);
}

#[tokio::test]
async fn acls_granted_to_a_group_apply_to_members_of_nested_groups() {
    let emu = Emulator::builder()
        .user_token("carol@example.com", "dapi-carol-0000000000000000000000000")
        .start()
        .await
        .unwrap();
    let admin = common::client_with_token(&emu, &emu.token());
    let carol = common::client_with_token(&emu, "dapi-carol-0000000000000000000000000");
    admin
        .secrets()
        .create_scope(CreateScope::new("etl"))
        .await
        .unwrap();
    admin
        .secrets()
        .put_secret(PutSecret::string("etl", "k", "v"))
        .await
        .unwrap();
    // carol ∈ inner ∈ outer; the ACL names only `outer`.
    let groups = admin.groups();
    groups.create("outer").await.unwrap();
    groups.create("inner").await.unwrap();
    groups
        .add_member("outer", databricks::groups::Principal::group("inner"))
        .await
        .unwrap();
    groups
        .add_member(
            "inner",
            databricks::groups::Principal::user("carol@example.com"),
        )
        .await
        .unwrap();
    assert!(
        carol
            .secrets()
            .list_secrets("etl")
            .await
            .unwrap_err()
            .is_permission_denied()
    );
    admin
        .secrets()
        .put_acl(PutAcl::new("etl", "outer", AclPermission::Read))
        .await
        .unwrap();
    assert_eq!(carol.secrets().list_secrets("etl").await.unwrap().len(), 1);
    // Leaving the inner group takes the access away again.
    groups
        .remove_member(
            "inner",
            databricks::groups::Principal::user("carol@example.com"),
        )
        .await
        .unwrap();
    assert!(
        carol
            .secrets()
            .list_secrets("etl")
            .await
            .unwrap_err()
            .is_permission_denied()
    );
}
