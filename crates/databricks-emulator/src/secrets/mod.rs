//! Secrets API (`/api/2.0/secrets/*`): scopes, secrets and scope ACLs.
//!
//! Rules follow `shared/api/secrets.md`: scope names `[A-Za-z0-9_.@-]{1,128}`, unique ignoring
//! case; keys `[A-Za-z0-9_.-]{1,128}`; values up to 128 KiB; at most 1000 scopes per workspace
//! and 1000 secrets per scope (`RESOURCE_LIMIT_EXCEEDED`); `RESOURCE_ALREADY_EXISTS` is a 400
//! on this legacy API. Permissions: READ lists and gets, WRITE puts and deletes secrets,
//! MANAGE changes ACLs and deletes the scope; admins have MANAGE everywhere. ACL principals
//! must be users, service principals or groups of the workspace (see `acls`).
//!
//! `secrets/get` is served to any caller with READ (the real service refuses it outside a
//! notebook for non-admins; the emulator has no notebooks and lets SDKs test the call).

mod acls;
mod scopes;
mod values;

use std::collections::BTreeMap;

use axum::Router;
use axum::routing::{get, post};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::workspace::AppState;

/// Most scopes per workspace.
pub(crate) const MAX_SCOPES: usize = 1000;
/// Most secrets per scope.
pub(crate) const MAX_SECRETS_PER_SCOPE: usize = 1000;
/// Largest secret value in bytes (128 KiB).
pub(crate) const MAX_VALUE_BYTES: usize = 128 * 1024;
/// Longest scope name or key.
pub(crate) const MAX_NAME_LEN: usize = 128;
/// The Databricks-backed scope type.
pub(crate) const BACKEND_DATABRICKS: &str = "DATABRICKS";
/// The Azure Key Vault-backed scope type.
pub(crate) const BACKEND_AZURE_KEYVAULT: &str = "AZURE_KEYVAULT";

/// ACL permission, ordered READ < WRITE < MANAGE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub(crate) enum AclPermission {
    /// Read secrets and list keys.
    Read,
    /// READ + put and delete secrets.
    Write,
    /// WRITE + change ACLs and delete the scope.
    Manage,
}

impl AclPermission {
    /// Parses the wire value.
    pub(crate) fn parse(value: &str) -> Option<Self> {
        match value {
            "READ" => Some(Self::Read),
            "WRITE" => Some(Self::Write),
            "MANAGE" => Some(Self::Manage),
            _ => None,
        }
    }

    /// The wire value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Read => "READ",
            Self::Write => "WRITE",
            Self::Manage => "MANAGE",
        }
    }
}

/// A secret value and when it was last written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Secret {
    /// The bytes (base64 in the state file).
    #[serde(serialize_with = "to_base64", deserialize_with = "from_base64")]
    pub(crate) value: Vec<u8>,
    /// Epoch ms.
    pub(crate) last_updated_timestamp: i64,
}

/// A secret scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Scope {
    /// The name as created (lookups ignore case).
    pub(crate) name: String,
    /// `DATABRICKS` or `AZURE_KEYVAULT`.
    pub(crate) backend_type: String,
    /// Key Vault metadata, for Key Vault scopes.
    #[serde(default)]
    pub(crate) keyvault_metadata: Option<Value>,
    /// Secrets by key.
    #[serde(default)]
    pub(crate) secrets: BTreeMap<String, Secret>,
    /// ACLs by principal.
    #[serde(default)]
    pub(crate) acls: BTreeMap<String, AclPermission>,
}

impl Scope {
    /// The caller's effective permission: the highest applicable ACL; MANAGE for admins.
    pub(crate) fn permission_of(&self, caller: &Caller) -> Option<AclPermission> {
        if caller.is_admin() {
            return Some(AclPermission::Manage);
        }
        self.acls
            .iter()
            .filter(|(principal, _)| caller.is(principal))
            .map(|(_, p)| *p)
            .max()
    }

    /// Fails with `PERMISSION_DENIED` unless the caller has at least `needed`.
    pub(crate) fn require(&self, caller: &Caller, needed: AclPermission) -> ApiResult<()> {
        if self.permission_of(caller).is_some_and(|p| p >= needed) {
            Ok(())
        } else {
            Err(ApiError::permission_denied(format!(
                "User {} does not have {} permission on scope {}",
                caller.user_name(),
                needed.as_str(),
                self.name
            )))
        }
    }
}

/// All scopes, keyed by lower-cased name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct SecretsState {
    /// Scopes by lower-cased name.
    pub(crate) scopes: BTreeMap<String, Scope>,
}

impl SecretsState {
    /// The scope with this name (ignoring case), or `RESOURCE_DOES_NOT_EXIST`.
    pub(crate) fn scope(&self, name: &str) -> ApiResult<&Scope> {
        self.scopes
            .get(&name.to_lowercase())
            .ok_or_else(|| no_such_scope(name))
    }

    /// The scope with this name, mutable.
    pub(crate) fn scope_mut(&mut self, name: &str) -> ApiResult<&mut Scope> {
        self.scopes
            .get_mut(&name.to_lowercase())
            .ok_or_else(|| no_such_scope(name))
    }
}

fn no_such_scope(name: &str) -> ApiError {
    ApiError::resource_does_not_exist(format!("Scope {name} does not exist!"))
}

/// Routes of the Secrets API.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/2.0/secrets/scopes/create", post(scopes::create))
        .route("/api/2.0/secrets/scopes/delete", post(scopes::delete))
        .route("/api/2.0/secrets/scopes/list", get(scopes::list))
        .route("/api/2.0/secrets/put", post(values::put))
        .route("/api/2.0/secrets/delete", post(values::delete))
        .route("/api/2.0/secrets/list", get(values::list))
        .route("/api/2.0/secrets/get", get(values::get))
        .route("/api/2.0/secrets/acls/put", post(acls::put))
        .route("/api/2.0/secrets/acls/delete", post(acls::delete))
        .route("/api/2.0/secrets/acls/get", get(acls::get))
        .route("/api/2.0/secrets/acls/list", get(acls::list))
}

fn to_base64<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    use base64::Engine;
    serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn from_base64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    use base64::Engine;
    let text = String::deserialize(deserializer)?;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_order_and_wire_values() {
        assert!(AclPermission::Read < AclPermission::Write);
        assert!(AclPermission::Write < AclPermission::Manage);
        for p in [
            AclPermission::Read,
            AclPermission::Write,
            AclPermission::Manage,
        ] {
            assert_eq!(AclPermission::parse(p.as_str()), Some(p));
        }
        assert_eq!(AclPermission::parse("read"), None);
    }

    #[test]
    fn secret_serde_is_base64() {
        let s = Secret {
            value: vec![0, 1, 255],
            last_updated_timestamp: 5,
        };
        let text = serde_json::to_string(&s).unwrap();
        assert!(text.contains("\"AAH/\""), "{text}");
        assert_eq!(serde_json::from_str::<Secret>(&text).unwrap(), s);
    }
}
