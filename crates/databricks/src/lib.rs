//! # databricks
//!
//! A typed, async Rust SDK for the Databricks REST API.
//!
//! Enable the API families you use as Cargo features (`tokens`, `secrets`, ...; `full` for all)
//! and reach each through an accessor on [`Client`]:
//!
//! ```no_run
//! # #[cfg(feature = "secrets")]
//! # async fn demo() -> databricks::Result<()> {
//! use databricks::secrets::{CreateScope, PutSecret};
//!
//! // DATABRICKS_HOST + DATABRICKS_TOKEN, or a profile in ~/.databrickscfg.
//! let client = databricks::Client::from_env()?;
//! client.secrets().create_scope(CreateScope::new("deploy")).await?;
//! client.secrets().put_secret(PutSecret::string("deploy", "db-password", "hunter2")).await?;
//! for scope in client.secrets().list_scopes().await? {
//!     println!("{}", scope.name);
//! }
//! # Ok(()) }
//! ```
//!
//! Every call returns [`Result`]; errors carry the service's `error_code` and message and have
//! predicates such as [`Error::is_not_found`]. Anything not wrapped yet is one
//! [`request`](databricks_core::Client::request) call away, with the same authentication,
//! retries and error parsing.
//!
//! ## Features
//!
//! | feature | API |
//! |---|---|
//! | `tokens` | Token API and Token Management API |
//! | `secrets` | Secrets API |
//! | `clusters` | Clusters API (with waiters and selection helpers) |
//! | `libraries` | Libraries API |
//! | `instance-profiles` | Instance Profiles API |
//! | `jobs` | Jobs API (with run waiters) |
//! | `dbfs` | DBFS API (with streaming upload and download) and Files API (`Client::files()`: Unity Catalog volumes, raw bytes) |
//! | `workspace` | Workspace API (notebooks, files, directories) |
//! | `groups` | Groups API (legacy 2.0) |
//! | `scim` | SCIM Users, Groups, Service Principals and Me |
//! | `full` | all of the above |
//! | `rustls` (default), `native-tls` | TLS implementation |
#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;

pub use client::{Client, ClientBuilder};
pub use databricks_core::{
    ApiError, AuthError, AuthType, Config, ConfigBuilder, ConfigError, ConfigSources, Credentials,
    DecodeError, Error, ErrorCode, ErrorDetail, InvalidInputError, IoError, Method, Page,
    Paginator, Poll, RequestBuilder, Result, RetryPolicy, SecretString, TimeoutError, TimeoutKind,
    Timestamp, TransportError, TransportErrorKind, WaitError, Waiter,
};

/// The core crate, for everything not re-exported here.
pub use databricks_core as core;

/// Token API and Token Management API (feature `tokens`).
#[cfg(feature = "tokens")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokens")))]
pub use databricks_tokens as tokens;

/// Secrets API (feature `secrets`).
#[cfg(feature = "secrets")]
#[cfg_attr(docsrs, doc(cfg(feature = "secrets")))]
pub use databricks_secrets as secrets;

/// Clusters API (feature `clusters`).
#[cfg(feature = "clusters")]
#[cfg_attr(docsrs, doc(cfg(feature = "clusters")))]
pub use databricks_clusters as clusters;

/// Libraries API (feature `libraries`).
#[cfg(feature = "libraries")]
#[cfg_attr(docsrs, doc(cfg(feature = "libraries")))]
pub use databricks_libraries as libraries;

/// Instance Profiles API (feature `instance-profiles`).
#[cfg(feature = "instance-profiles")]
#[cfg_attr(docsrs, doc(cfg(feature = "instance-profiles")))]
pub use databricks_instance_profiles as instance_profiles;

/// Jobs API (feature `jobs`).
#[cfg(feature = "jobs")]
#[cfg_attr(docsrs, doc(cfg(feature = "jobs")))]
pub use databricks_jobs as jobs;

/// DBFS API (feature `dbfs`).
#[cfg(feature = "dbfs")]
#[cfg_attr(docsrs, doc(cfg(feature = "dbfs")))]
pub use databricks_dbfs as dbfs;

/// Files API: Unity Catalog volumes as raw bytes (feature `dbfs`).
#[cfg(feature = "dbfs")]
#[cfg_attr(docsrs, doc(cfg(feature = "dbfs")))]
pub use databricks_dbfs::files;

/// Workspace API (feature `workspace`).
#[cfg(feature = "workspace")]
#[cfg_attr(docsrs, doc(cfg(feature = "workspace")))]
pub use databricks_workspace as workspace;

/// Groups API (legacy 2.0) (feature `groups`).
#[cfg(feature = "groups")]
#[cfg_attr(docsrs, doc(cfg(feature = "groups")))]
pub use databricks_groups as groups;

/// SCIM API (feature `scim`).
#[cfg(feature = "scim")]
#[cfg_attr(docsrs, doc(cfg(feature = "scim")))]
pub use databricks_scim as scim;
