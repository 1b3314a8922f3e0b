//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields and enum values the SDK does not know) and encodes back what they
//! said. See `databricks_testkit::serde_props` for the template language.

use databricks_secrets::{
    AclItem, AzureKeyVaultSecretScopeMetadata, CreateScope, GetSecretResponse, PutAcl,
    SecretMetadata, SecretScope,
};
use databricks_testkit::serde_props::{decode_only, round_trip};
use serde_json::{Value, json};

const PERMISSION: &str = "@enum:READ|WRITE|MANAGE";
const BACKEND: &str = "@enum:DATABRICKS|AZURE_KEYVAULT";

fn keyvault() -> Value {
    json!({ "resource_id": "id", "dns_name": "uri" })
}

#[test]
fn azure_keyvault_metadata() {
    round_trip::<AzureKeyVaultSecretScopeMetadata>(keyvault());
}

#[test]
fn create_scope() {
    round_trip::<CreateScope>(json!({
        "scope!": "name",
        "initial_manage_principal": "users",
        "scope_backend_type": BACKEND,
        "backend_azure_keyvault": keyvault(),
    }));
}

#[test]
fn secret_scope() {
    round_trip::<SecretScope>(json!({
        "name": "name",
        "backend_type": BACKEND,
        "keyvault_metadata": keyvault(),
    }));
}

#[test]
fn secret_metadata() {
    round_trip::<SecretMetadata>(json!({
        "key": "key",
        "last_updated_timestamp": 4_102_444_800_000_u64,
    }));
}

#[test]
fn put_acl() {
    round_trip::<PutAcl>(json!({
        "scope!": "scope",
        "principal!": "principal",
        "permission!": PERMISSION,
    }));
}

#[test]
fn acl_item() {
    round_trip::<AclItem>(json!({ "principal": "principal", "permission": PERMISSION }));
}

#[test]
fn get_secret_response() {
    decode_only::<GetSecretResponse>(json!({ "key": "key", "value": "@b64" }));
}
