//! STUB (owned by the config helper): configuration loading.
use std::collections::HashMap;
use std::path::PathBuf;

use secrecy::SecretString;
use url::Url;

use crate::error::ConfigError;

/// STUB
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthType {
    /// STUB
    Pat,
    /// STUB
    OAuthM2m,
}

impl AuthType {
    /// STUB
    pub fn as_str(&self) -> &'static str {
        match self {
            AuthType::Pat => "pat",
            AuthType::OAuthM2m => "oauth-m2m",
        }
    }
}

/// STUB
#[non_exhaustive]
#[derive(Debug, Clone)]
pub enum Credentials {
    /// STUB
    Pat {
        /// STUB
        token: SecretString,
    },
    /// STUB
    OAuthM2m {
        /// STUB
        client_id: String,
        /// STUB
        client_secret: SecretString,
    },
}

/// STUB
#[derive(Debug, Clone, Default)]
pub struct ConfigSources {
    env: HashMap<String, String>,
    files: HashMap<PathBuf, String>,
    home: Option<PathBuf>,
}

impl ConfigSources {
    /// STUB
    pub fn from_process() -> Self {
        Self {
            env: std::env::vars().collect(),
            files: HashMap::new(),
            home: std::env::var_os("HOME").map(PathBuf::from),
        }
    }
    /// STUB
    pub fn empty() -> Self {
        Self::default()
    }
    /// STUB
    pub fn with_env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.insert(key.into(), value.into());
        self
    }
    /// STUB
    pub fn with_file(mut self, path: impl Into<PathBuf>, contents: impl Into<String>) -> Self {
        self.files.insert(path.into(), contents.into());
        self
    }
    /// STUB
    pub fn with_home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }
    /// STUB
    pub fn env(&self, key: &str) -> Option<&str> {
        self.env.get(key).map(String::as_str)
    }
}

/// STUB
#[derive(Debug, Clone)]
pub struct Config {
    host: Url,
    credentials: Credentials,
    profile: Option<String>,
}

impl Config {
    /// STUB
    pub fn host(&self) -> &Url {
        &self.host
    }
    /// STUB
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }
    /// STUB
    pub fn auth_type(&self) -> AuthType {
        match self.credentials {
            Credentials::Pat { .. } => AuthType::Pat,
            Credentials::OAuthM2m { .. } => AuthType::OAuthM2m,
        }
    }
    /// STUB
    pub fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }
}

/// STUB
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder {
    host: Option<String>,
    token: Option<SecretString>,
}

impl ConfigBuilder {
    /// STUB
    pub fn new() -> Self {
        Self::default()
    }
    /// STUB
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }
    /// STUB
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(SecretString::from(token.into()));
        self
    }
    /// STUB
    pub fn client_id(self, _id: impl Into<String>) -> Self {
        self
    }
    /// STUB
    pub fn client_secret(self, _secret: impl Into<String>) -> Self {
        self
    }
    /// STUB
    pub fn profile(self, _profile: impl Into<String>) -> Self {
        self
    }
    /// STUB
    pub fn config_file(self, _path: impl Into<PathBuf>) -> Self {
        self
    }
    /// STUB
    pub fn auth_type(self, _auth_type: AuthType) -> Self {
        self
    }
    /// STUB
    pub fn resolve(&self, sources: &ConfigSources) -> Result<Config, ConfigError> {
        let host = self
            .host
            .clone()
            .or_else(|| sources.env("DATABRICKS_HOST").map(str::to_owned))
            .ok_or_else(|| ConfigError::new("no host"))?;
        let host = Url::parse(&host).map_err(|e| ConfigError::new(e.to_string()))?;
        let token = self
            .token
            .clone()
            .or_else(|| sources.env("DATABRICKS_TOKEN").map(|t| SecretString::from(t.to_owned())))
            .ok_or_else(|| ConfigError::new("no token"))?;
        Ok(Config {
            host,
            credentials: Credentials::Pat { token },
            profile: None,
        })
    }
}
