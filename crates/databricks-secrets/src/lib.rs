//! # databricks-secrets
//!
//! The Databricks [Secrets API](https://docs.databricks.com/api/workspace/secrets) for the
//! databricks-rs SDK: secret scopes, secrets and scope ACLs, through [`SecretsApi`].
//!
//! [`SecretsApi`] wraps a [`databricks_core::Client`], which provides authentication, retries
//! and typed errors. Most users reach it through the umbrella crate
//! (`databricks::Client::secrets()`); this crate is for minimal dependency trees.
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_core::Client;
//! use databricks_secrets::{AclPermission, CreateScope, PutAcl, PutSecret, SecretsApi};
//!
//! let secrets = SecretsApi::new(Client::from_env()?);
//!
//! match secrets.create_scope(CreateScope::new("etl-credentials")).await {
//!     Err(e) if e.is_already_exists() => {} // fine, it is there
//!     other => other?,
//! }
//! secrets
//!     .put_secret(PutSecret::string("etl-credentials", "warehouse-password", "s3cr3t!"))
//!     .await?;
//! secrets
//!     .put_secret(PutSecret::bytes("etl-credentials", "client-cert", vec![0x30, 0x82]))
//!     .await?;
//! secrets
//!     .put_acl(PutAcl::new("etl-credentials", "data-engineers", AclPermission::Read))
//!     .await?;
//!
//! for secret in secrets.list_secrets("etl-credentials").await? {
//!     println!("{} (updated {:?})", secret.key, secret.last_updated_timestamp);
//! }
//! for acl in secrets.list_acls("etl-credentials").await? {
//!     println!("{}: {}", acl.principal, acl.permission);
//! }
//! # Ok(()) }
//! ```
//!
//! ## Secrets stay secret
//!
//! Values are [`SecretString`](databricks_core::SecretString) (text) or [`SecretBytes`]
//! (bytes): zeroed on drop, shown as `[REDACTED]` by `Debug`, and read only through
//! [`ExposeSecret`](databricks_core::ExposeSecret). [`PutSecret`] and [`GetSecretResponse`] do
//! not implement `Serialize`.
//!
//! ## Validation
//!
//! Before anything is sent, the methods reject with
//! [`Error::InvalidInput`](databricks_core::Error::InvalidInput) (naming the JSON field):
//! empty scope, key or principal names; a new scope name outside `[A-Za-z0-9_.@-]` or longer
//! than [`MAX_SCOPE_NAME_LEN`]; a key outside `[A-Za-z0-9_.-]` or longer than
//! [`MAX_KEY_LEN`]; a value larger than [`MAX_VALUE_BYTES`] (measured on the raw bytes);
//! an `AZURE_KEYVAULT` scope without its vault. Names of existing scopes are only checked for
//! emptiness when read or deleted, so scopes named under older rules stay reachable.
//!
//! ## Conventions
//!
//! - Methods are named after the REST endpoints and are plain `async fn`s.
//! - Request types have public fields and `Default`; response types are `#[non_exhaustive]`,
//!   list results are `Vec` (empty when absent), unknown fields are ignored.
//! - Enums ([`AclPermission`], [`ScopeBackendType`]) keep values this version does not know
//!   in an `Unrecognized(String)` variant.
//! - Creating a scope and putting an ACL are never retried once they may have reached the
//!   service; reads, deletes and secret puts (an overwrite) are retried on transient failures
//!   (a delete retried after an attempt that did succeed reports not-found).
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod model;
mod validate;

pub use api::SecretsApi;
pub use model::{
    AclItem, AclPermission, AzureKeyVaultSecretScopeMetadata, CreateScope, GetSecretResponse,
    PutAcl, PutSecret, ScopeBackendType, SecretBytes, SecretMetadata, SecretScope, SecretValue,
};
pub use validate::{MAX_KEY_LEN, MAX_SCOPE_NAME_LEN, MAX_VALUE_BYTES};
