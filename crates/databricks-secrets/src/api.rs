//! The [`SecretsApi`] handle.

use std::fmt;

use databricks_core::{Client, ExposeSecret, Method, Result};
use serde::{Deserialize, Serialize};

use crate::model::{
    AclItem, CreateScope, GetSecretResponse, PutAcl, PutSecret, SecretMetadata, SecretScope,
    SecretValue, encode_base64,
};
use crate::validate;

const SCOPES_CREATE: &str = "/api/2.0/secrets/scopes/create";
const SCOPES_DELETE: &str = "/api/2.0/secrets/scopes/delete";
const SCOPES_LIST: &str = "/api/2.0/secrets/scopes/list";
const SECRETS_PUT: &str = "/api/2.0/secrets/put";
const SECRETS_DELETE: &str = "/api/2.0/secrets/delete";
const SECRETS_LIST: &str = "/api/2.0/secrets/list";
const SECRETS_GET: &str = "/api/2.0/secrets/get";
const ACLS_PUT: &str = "/api/2.0/secrets/acls/put";
const ACLS_DELETE: &str = "/api/2.0/secrets/acls/delete";
const ACLS_GET: &str = "/api/2.0/secrets/acls/get";
const ACLS_LIST: &str = "/api/2.0/secrets/acls/list";

/// The Secrets API (`/api/2.0/secrets/`): secret scopes, secrets and scope ACLs.
///
/// Cheap to clone; holds a clone of the [`Client`]. Every method validates its input first
/// and returns [`Error::InvalidInput`](databricks_core::Error::InvalidInput) without sending
/// anything when it is obviously wrong (empty names, bad characters, oversized values).
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_secrets::{AclPermission, CreateScope, PutAcl, PutSecret, SecretsApi};
///
/// let secrets = SecretsApi::new(Client::from_env()?);
/// secrets.create_scope(CreateScope::new("etl-credentials")).await?;
/// secrets
///     .put_secret(PutSecret::string("etl-credentials", "warehouse-password", "s3cr3t!"))
///     .await?;
/// secrets
///     .put_acl(PutAcl::new("etl-credentials", "data-engineers", AclPermission::Read))
///     .await?;
/// for secret in secrets.list_secrets("etl-credentials").await? {
///     println!("{} updated at {:?}", secret.key, secret.last_updated_timestamp);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct SecretsApi {
    client: Client,
}

impl fmt::Debug for SecretsApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretsApi").finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct ScopeBody<'a> {
    scope: &'a str,
}

#[derive(Serialize)]
struct SecretBody<'a> {
    scope: &'a str,
    key: &'a str,
}

#[derive(Serialize)]
struct AclBody<'a> {
    scope: &'a str,
    principal: &'a str,
}

/// The wire form of [`PutSecret`]: exactly one of `string_value` / `bytes_value`.
#[derive(Serialize)]
struct PutSecretBody<'a> {
    scope: &'a str,
    key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    string_value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes_value: Option<String>,
}

#[derive(Deserialize)]
struct ListScopesResponse {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    scopes: Vec<SecretScope>,
}

#[derive(Deserialize)]
struct ListSecretsResponse {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    secrets: Vec<SecretMetadata>,
}

#[derive(Deserialize)]
struct ListAclsResponse {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    items: Vec<AclItem>,
}

impl SecretsApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `POST /api/2.0/secrets/scopes/create`: creates a scope.
    ///
    /// Not retried once it may have reached the service. Errors: `RESOURCE_ALREADY_EXISTS`
    /// ([`Error::is_already_exists`](databricks_core::Error::is_already_exists)),
    /// `RESOURCE_LIMIT_EXCEEDED`, `INVALID_PARAMETER_VALUE`, `CUSTOMER_UNAUTHORIZED` (reserved
    /// name).
    ///
    /// ```no_run
    /// # async fn demo(secrets: databricks_secrets::SecretsApi) -> databricks_core::Result<()> {
    /// use databricks_secrets::CreateScope;
    ///
    /// match secrets.create_scope(CreateScope::new("etl-credentials")).await {
    ///     Ok(()) => println!("created"),
    ///     Err(e) if e.is_already_exists() => println!("already there"),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn create_scope(&self, request: CreateScope) -> Result<()> {
        validate::create_scope(&request)?;
        self.client
            .request(Method::POST, SCOPES_CREATE)
            .json(&request)
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/secrets/scopes/delete`: deletes a scope with its secrets and ACLs.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST`
    /// ([`Error::is_not_found`](databricks_core::Error::is_not_found)), `PERMISSION_DENIED`.
    pub async fn delete_scope(&self, scope: &str) -> Result<()> {
        validate::non_empty("scope", scope)?;
        self.client
            .request(Method::POST, SCOPES_DELETE)
            .json(&ScopeBody { scope })
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `GET /api/2.0/secrets/scopes/list`: every scope of the workspace (not paged).
    ///
    /// ```no_run
    /// # async fn demo(secrets: databricks_secrets::SecretsApi) -> databricks_core::Result<()> {
    /// for scope in secrets.list_scopes().await? {
    ///     println!("{} ({:?})", scope.name, scope.backend_type);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_scopes(&self) -> Result<Vec<SecretScope>> {
        let response: ListScopesResponse = self
            .client
            .request(Method::GET, SCOPES_LIST)
            .idempotent(true)
            .send()
            .await?;
        Ok(response.scopes)
    }

    /// `POST /api/2.0/secrets/put`: creates or overwrites a secret (needs `WRITE`).
    ///
    /// Text goes out as `string_value`, bytes as base64 `bytes_value`. Retried on transient
    /// failures (writing the same value twice has the same effect). Errors:
    /// `RESOURCE_DOES_NOT_EXIST` (scope), `RESOURCE_LIMIT_EXCEEDED` (secrets per scope),
    /// `BAD_REQUEST` (Key Vault-backed scope), `PERMISSION_DENIED`.
    ///
    /// ```no_run
    /// # async fn demo(secrets: databricks_secrets::SecretsApi) -> databricks_core::Result<()> {
    /// use databricks_secrets::PutSecret;
    ///
    /// secrets
    ///     .put_secret(PutSecret::string("etl-credentials", "warehouse-password", "s3cr3t!"))
    ///     .await?;
    /// let der: Vec<u8> = std::fs::read("client-cert.der").expect("certificate");
    /// secrets.put_secret(PutSecret::bytes("etl-credentials", "client-cert", der)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn put_secret(&self, request: PutSecret) -> Result<()> {
        validate::put_secret(&request)?;
        let body = match &request.value {
            SecretValue::String(text) => PutSecretBody {
                scope: &request.scope,
                key: &request.key,
                string_value: Some(text.expose_secret()),
                bytes_value: None,
            },
            SecretValue::Bytes(bytes) => PutSecretBody {
                scope: &request.scope,
                key: &request.key,
                string_value: None,
                bytes_value: Some(encode_base64(bytes.expose_secret())),
            },
        };
        self.client
            .request(Method::POST, SECRETS_PUT)
            .json(&body)
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/secrets/delete`: deletes a secret (needs `WRITE`).
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST` (scope or key), `BAD_REQUEST` (Key Vault-backed
    /// scope), `PERMISSION_DENIED`.
    pub async fn delete_secret(&self, scope: &str, key: &str) -> Result<()> {
        validate::non_empty("scope", scope)?;
        validate::non_empty("key", key)?;
        self.client
            .request(Method::POST, SECRETS_DELETE)
            .json(&SecretBody { scope, key })
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `GET /api/2.0/secrets/list?scope=`: the keys of a scope with their update times (never
    /// values; needs `READ`). Not paged.
    ///
    /// ```no_run
    /// # async fn demo(secrets: databricks_secrets::SecretsApi) -> databricks_core::Result<()> {
    /// let keys: Vec<String> = secrets
    ///     .list_secrets("etl-credentials")
    ///     .await?
    ///     .into_iter()
    ///     .map(|s| s.key)
    ///     .collect();
    /// # let _ = keys;
    /// # Ok(()) }
    /// ```
    pub async fn list_secrets(&self, scope: &str) -> Result<Vec<SecretMetadata>> {
        validate::non_empty("scope", scope)?;
        let response: ListSecretsResponse = self
            .client
            .request(Method::GET, SECRETS_LIST)
            .query("scope", scope)
            .idempotent(true)
            .send()
            .await?;
        Ok(response.secrets)
    }

    /// `GET /api/2.0/secrets/get?scope=&key=`: a secret's value, decoded from base64 (needs
    /// `READ`).
    ///
    /// Databricks restricts this endpoint: outside a notebook, ordinary users get
    /// `BAD_REQUEST`. Errors: `RESOURCE_DOES_NOT_EXIST`, `PERMISSION_DENIED`.
    ///
    /// ```no_run
    /// # async fn demo(secrets: databricks_secrets::SecretsApi) -> databricks_core::Result<()> {
    /// let secret = secrets.get_secret("etl-credentials", "warehouse-password").await?;
    /// let password: &str = secret.value.expose_secret_utf8().expect("a text secret");
    /// # let _ = password;
    /// # Ok(()) }
    /// ```
    pub async fn get_secret(&self, scope: &str, key: &str) -> Result<GetSecretResponse> {
        validate::non_empty("scope", scope)?;
        validate::non_empty("key", key)?;
        self.client
            .request(Method::GET, SECRETS_GET)
            .query("scope", scope)
            .query("key", key)
            .idempotent(true)
            .send()
            .await
    }

    /// `POST /api/2.0/secrets/acls/put`: grants or changes a principal's permission on a scope
    /// (needs `MANAGE`).
    ///
    /// Not retried once it may have reached the service. Errors: `RESOURCE_DOES_NOT_EXIST`
    /// (scope), `RESOURCE_ALREADY_EXISTS`, `INVALID_PARAMETER_VALUE` (bad principal),
    /// `PERMISSION_DENIED`.
    ///
    /// ```no_run
    /// # async fn demo(secrets: databricks_secrets::SecretsApi) -> databricks_core::Result<()> {
    /// use databricks_secrets::{AclPermission, PutAcl};
    ///
    /// secrets
    ///     .put_acl(PutAcl::new("etl-credentials", "data-engineers", AclPermission::Read))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn put_acl(&self, request: PutAcl) -> Result<()> {
        validate::put_acl(&request)?;
        self.client
            .request(Method::POST, ACLS_PUT)
            .json(&request)
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/secrets/acls/delete`: removes a principal's ACL from a scope (needs
    /// `MANAGE`).
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST` (scope, principal or ACL), `PERMISSION_DENIED`.
    pub async fn delete_acl(&self, scope: &str, principal: &str) -> Result<()> {
        validate::non_empty("scope", scope)?;
        validate::non_empty("principal", principal)?;
        self.client
            .request(Method::POST, ACLS_DELETE)
            .json(&AclBody { scope, principal })
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `GET /api/2.0/secrets/acls/get?scope=&principal=`: one principal's permission on a
    /// scope (needs `MANAGE`).
    ///
    /// ```no_run
    /// # async fn demo(secrets: databricks_secrets::SecretsApi) -> databricks_core::Result<()> {
    /// use databricks_secrets::AclPermission;
    ///
    /// let acl = secrets.get_acl("etl-credentials", "data-engineers").await?;
    /// assert_eq!(acl.permission, AclPermission::Read);
    /// # Ok(()) }
    /// ```
    pub async fn get_acl(&self, scope: &str, principal: &str) -> Result<AclItem> {
        validate::non_empty("scope", scope)?;
        validate::non_empty("principal", principal)?;
        self.client
            .request(Method::GET, ACLS_GET)
            .query("scope", scope)
            .query("principal", principal)
            .idempotent(true)
            .send()
            .await
    }

    /// `GET /api/2.0/secrets/acls/list?scope=`: every ACL of a scope (needs `MANAGE`). Not
    /// paged.
    pub async fn list_acls(&self, scope: &str) -> Result<Vec<AclItem>> {
        validate::non_empty("scope", scope)?;
        let response: ListAclsResponse = self
            .client
            .request(Method::GET, ACLS_LIST)
            .query("scope", scope)
            .idempotent(true)
            .send()
            .await?;
        Ok(response.items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handle_is_send_sync_clone() {
        fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
        assert_send_sync::<SecretsApi>();
    }
}
