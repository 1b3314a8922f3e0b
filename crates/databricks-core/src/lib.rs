//! # databricks-core
//!
//! The foundation of the databricks-rs SDK: configuration and authentication, the HTTP
//! transport (retries, timeouts, rate limiting, redacted tracing), the [`Error`] type,
//! [`Paginator`] for list endpoints and [`Waiter`] for long-running operations.
//!
//! Most users depend on the umbrella crate `databricks` instead; the API family crates
//! (`databricks-secrets`, `databricks-jobs`, ...) are built on this crate's [`Client::request`].
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_core::{Client, Method};
//!
//! let client = Client::from_env()?;
//! let scopes: serde_json::Value = client
//!     .request(Method::GET, "/api/2.0/secrets/scopes/list")
//!     .send()
//!     .await?;
//! println!("{scopes}");
//! # Ok(()) }
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

#[macro_use]
mod macros;

pub mod config;
pub mod error;
pub mod multipart;
pub mod paginate;
pub mod permissions;
pub mod serde_util;
pub mod wait;

mod auth;
mod client;
pub mod request;
mod transport;
mod types;

pub use client::{Client, ClientBuilder, RetryPolicy};
pub use config::{AuthType, Config, ConfigBuilder, ConfigSources, Credentials};
pub use error::{
    ApiError, AuthError, ConfigError, DecodeError, Error, ErrorCode, ErrorDetail,
    InvalidInputError, IoError, Result, TimeoutError, TimeoutKind, TransportError,
    TransportErrorKind, WaitError,
};
pub use http::{HeaderMap, Method};
pub use paginate::{Cursor, Page, PageRequest, Pages, Paginator};
pub use request::{ByteStream, RequestBuilder, Response};
pub use secrecy::{ExposeSecret, SecretString};
pub use types::Timestamp;
pub use wait::{Poll, WaitFuture, Waiter};

#[doc(hidden)]
pub mod __private {
    //! Re-exports used by this crate's macros; not a public API.
    pub use serde;
}

/// The version of this crate, as sent in the `User-Agent` header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
