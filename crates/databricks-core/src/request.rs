//! STUB: the raw request API (owned by the lead).
use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{Error, Result};

/// STUB
pub struct RequestBuilder {
    #[allow(dead_code)]
    client: Client,
    #[allow(dead_code)]
    method: http::Method,
    #[allow(dead_code)]
    path: String,
}

impl RequestBuilder {
    pub(crate) fn new(client: Client, method: http::Method, path: String) -> Self {
        Self {
            client,
            method,
            path,
        }
    }
    /// STUB
    pub fn query(self, _key: &str, _value: impl ToString) -> Self {
        self
    }
    /// STUB
    pub fn query_opt(self, _key: &str, _value: Option<impl ToString>) -> Self {
        self
    }
    /// STUB
    pub fn json<T: Serialize + ?Sized>(self, _body: &T) -> Self {
        self
    }
    /// STUB
    pub fn body(self, _bytes: impl Into<Bytes>, _content_type: &str) -> Self {
        self
    }
    /// STUB
    pub fn idempotent(self, _yes: bool) -> Self {
        self
    }
    /// STUB
    pub async fn send<T: DeserializeOwned>(self) -> Result<T> {
        Err(Error::invalid_input("stub", "stub"))
    }
    /// STUB
    pub async fn send_empty(self) -> Result<()> {
        Err(Error::invalid_input("stub", "stub"))
    }
    /// STUB
    pub async fn send_bytes(self) -> Result<Bytes> {
        Err(Error::invalid_input("stub", "stub"))
    }
}
