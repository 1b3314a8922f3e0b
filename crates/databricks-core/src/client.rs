//! STUB: the client (owned by the lead).
use std::sync::Arc;
use std::time::Duration;

use crate::config::{Config, ConfigBuilder, ConfigSources};
use crate::error::Result;
use crate::request::RequestBuilder;

/// STUB
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// STUB
    pub max_backoff: Duration,
}

/// STUB
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    config: ConfigBuilder,
}

/// STUB
#[derive(Clone)]
pub struct Client {
    #[allow(dead_code)]
    inner: Arc<Config>,
}

impl Client {
    /// STUB
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }
    /// STUB
    pub fn from_env() -> Result<Self> {
        Self::builder().build()
    }
    /// STUB
    pub fn request(&self, method: http::Method, path: impl Into<String>) -> RequestBuilder {
        RequestBuilder::new(self.clone(), method, path.into())
    }
}

impl ClientBuilder {
    /// STUB
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.config = self.config.host(host);
        self
    }
    /// STUB
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.config = self.config.token(token);
        self
    }
    /// STUB
    pub fn build(self) -> Result<Client> {
        let cfg = self.config.resolve(&ConfigSources::from_process())?;
        Ok(Client {
            inner: Arc::new(cfg),
        })
    }
}
