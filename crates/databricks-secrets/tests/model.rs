//! Model serde tests: fixtures decode and round-trip, enums stay open, secrets stay hidden.

use databricks_core::{ExposeSecret, SecretString};
use databricks_secrets::{
    AclItem, AclPermission, AzureKeyVaultSecretScopeMetadata, CreateScope, GetSecretResponse,
    PutAcl, PutSecret, ScopeBackendType, SecretBytes, SecretMetadata, SecretScope, SecretValue,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn decode<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).expect("decodes")
}

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &Value) -> T {
    let first: T = decode(value);
    let encoded = serde_json::to_value(&first).expect("encodes");
    let second: T = decode(&encoded);
    assert_eq!(first, second);
    first
}

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

#[test]
fn fixtures_round_trip() {
    let scopes = fixture(include_str!("fixtures/scopes_list.json"));
    for item in scopes["scopes"].as_array().expect("array") {
        round_trip::<SecretScope>(item);
    }
    let secrets = fixture(include_str!("fixtures/secrets_list.json"));
    for item in secrets["secrets"].as_array().expect("array") {
        round_trip::<SecretMetadata>(item);
    }
    let acls = fixture(include_str!("fixtures/acls_list.json"));
    for item in acls["items"].as_array().expect("array") {
        round_trip::<AclItem>(item);
    }
    round_trip::<AclItem>(&fixture(include_str!("fixtures/acl_get.json")));
}

#[test]
fn known_fields_encode_back_to_the_same_json() {
    let scope = json!({
        "name": "kv-prod",
        "backend_type": "AZURE_KEYVAULT",
        "keyvault_metadata": { "resource_id": "/subscriptions/x", "dns_name": "https://kv.vault.azure.net/" }
    });
    let decoded: SecretScope = decode(&scope);
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), scope);
    let acl = json!({ "principal": "users", "permission": "MANAGE" });
    let decoded: AclItem = decode(&acl);
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), acl);
}

#[test]
fn unknown_enum_values_survive_a_round_trip() {
    let scope: SecretScope = decode(&json!({ "name": "x", "backend_type": "HASHICORP_VAULT" }));
    assert_eq!(
        scope.backend_type,
        Some(ScopeBackendType::Unrecognized("HASHICORP_VAULT".into()))
    );
    assert_eq!(
        serde_json::to_value(&scope).expect("encodes")["backend_type"],
        "HASHICORP_VAULT"
    );
    let acl: AclItem = decode(&json!({ "principal": "p", "permission": "OWNER" }));
    assert_eq!(acl.permission.as_str(), "OWNER");
    assert_eq!(
        serde_json::to_value(&acl).expect("encodes")["permission"],
        "OWNER"
    );
}

#[test]
fn enums_map_every_documented_value() {
    for (wire, known) in [
        ("READ", AclPermission::Read),
        ("WRITE", AclPermission::Write),
        ("MANAGE", AclPermission::Manage),
    ] {
        assert_eq!(decode::<AclPermission>(&json!(wire)), known);
        assert_eq!(known.as_str(), wire);
        assert_eq!(known.to_string(), wire);
        assert_eq!(wire.parse::<AclPermission>(), Ok(known.clone()));
        assert_eq!(AclPermission::from(wire.to_owned()), known);
    }
    for (wire, known) in [
        ("DATABRICKS", ScopeBackendType::Databricks),
        ("AZURE_KEYVAULT", ScopeBackendType::AzureKeyvault),
    ] {
        assert_eq!(decode::<ScopeBackendType>(&json!(wire)), known);
        assert_eq!(serde_json::to_value(&known).expect("encodes"), json!(wire));
    }
    // Values are case-sensitive on the wire: lower case is not READ.
    assert_eq!(
        decode::<AclPermission>(&json!("read")),
        AclPermission::Unrecognized("read".into())
    );
}

#[test]
fn missing_and_null_fields_decode_to_defaults() {
    assert_eq!(decode::<SecretScope>(&json!({})), SecretScope::default());
    assert_eq!(
        decode::<SecretScope>(&json!({ "name": null })),
        SecretScope::default()
    );
    let acl: AclItem = decode(&json!({}));
    assert_eq!(acl.principal, "");
    assert_eq!(acl.permission, AclPermission::Unrecognized(String::new()));
    let secret: SecretMetadata = decode(&json!({ "key": "k" }));
    assert_eq!(secret.last_updated_timestamp, None);
    let got: GetSecretResponse = decode(&json!({ "key": "k", "value": null }));
    assert!(got.value.is_empty());
    let got: GetSecretResponse = decode(&json!({}));
    assert!(got.value.is_empty() && got.key.is_empty());
}

#[test]
fn get_secret_value_accepts_padded_unpadded_and_url_safe_base64() {
    for encoded in ["/w==", "/w", "_w"] {
        let got: GetSecretResponse = decode(&json!({ "key": "k", "value": encoded }));
        assert_eq!(got.value.expose_secret(), [0xff], "{encoded}");
    }
    let got: GetSecretResponse = decode(&json!({ "key": "k", "value": "" }));
    assert!(got.value.is_empty());
}

#[test]
fn invalid_base64_error_does_not_quote_the_value() {
    let err = serde_json::from_value::<GetSecretResponse>(json!({ "value": "c2Vj*cmV0" }))
        .expect_err("invalid");
    let text = err.to_string();
    assert!(text.contains("base64"), "{text}");
    assert!(!text.contains("c2Vj") && !text.contains('*'), "{text}");
}

#[test]
fn secret_values_never_appear_in_debug() {
    let text = PutSecret::string("s", "k", "hunter2");
    let bytes = PutSecret::bytes("s", "k", b"hunter3".to_vec());
    let owned = PutSecret::new("s", "k", SecretString::from("hunter4"));
    let got: GetSecretResponse = decode(&json!({ "key": "k", "value": "aHVudGVyNQ==" }));
    assert_eq!(got.value.expose_secret_utf8().expect("utf-8"), "hunter5");
    let debug = format!("{text:?} {bytes:?} {owned:?} {got:?} {text:#?} {got:#?}");
    for secret in ["hunter", "aHVudGVy", "104, 117"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(debug.contains("REDACTED"), "{debug}");
    assert_eq!(
        format!("{:?}", SecretValue::bytes([1, 2])),
        "SecretValue::Bytes([REDACTED])"
    );
    assert_eq!(
        format!("{:?}", SecretBytes::from(&b"x"[..])),
        "SecretBytes([REDACTED])"
    );
}

#[test]
fn secret_value_reports_raw_size_and_wire_field() {
    let text = SecretValue::from("héllo");
    assert_eq!(text.len(), 6);
    assert_eq!(text.wire_field(), "string_value");
    let bytes = SecretValue::from(vec![0u8; 10]);
    assert_eq!(bytes.len(), 10);
    assert_eq!(bytes.wire_field(), "bytes_value");
    assert!(SecretValue::default().is_empty());
    match PutSecret::bytes("s", "k", [1u8, 2, 3]).value {
        SecretValue::Bytes(b) => assert_eq!(b.expose_secret(), [1, 2, 3]),
        SecretValue::String(_) => panic!("expected bytes"),
    }
}

#[test]
fn request_bodies_omit_unset_fields() {
    assert_eq!(
        serde_json::to_value(CreateScope::new("s")).expect("encodes"),
        json!({ "scope": "s" })
    );
    assert_eq!(
        serde_json::to_value(CreateScope {
            scope_backend_type: Some(ScopeBackendType::Databricks),
            ..CreateScope::new("s")
        })
        .expect("encodes"),
        json!({ "scope": "s", "scope_backend_type": "DATABRICKS" })
    );
    assert_eq!(
        serde_json::to_value(PutAcl::new("s", "users", AclPermission::Manage)).expect("encodes"),
        json!({ "scope": "s", "principal": "users", "permission": "MANAGE" })
    );
    let request: CreateScope = decode(&json!({
        "scope": "kv", "scope_backend_type": "AZURE_KEYVAULT",
        "backend_azure_keyvault": { "resource_id": "r", "dns_name": "d" }
    }));
    assert_eq!(
        request,
        CreateScope::azure_keyvault("kv", AzureKeyVaultSecretScopeMetadata::new("r", "d"))
    );
}
