//! The [`Client`]: configuration, credentials and the shared transport, cheap to clone.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderValue;
use url::Url;

use crate::auth::AuthProvider;
use crate::config::{AuthType, Config, ConfigBuilder, ConfigSources};
use crate::error::{ConfigError, Error, Result};
use crate::request::RequestBuilder;
use crate::transport::Transport;
use crate::transport::ratelimit::RateLimiter;
use crate::transport::user_agent::user_agent;

pub use crate::transport::retry::RetryPolicy;

/// A Databricks workspace client: host, credentials, connection pool, retry policy.
///
/// `Client` is `Clone + Send + Sync + 'static`; clones share one connection pool, one OAuth
/// token cache and one rate limiter. The API handles (`SecretsApi`, `JobsApi`, ...) each own a
/// clone.
///
/// ```no_run
/// # fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
///
/// // From DATABRICKS_HOST / DATABRICKS_TOKEN / ~/.databrickscfg:
/// let client = Client::from_env()?;
///
/// // Or explicitly:
/// let client = Client::builder()
///     .host("https://adb-1234567890123456.7.azuredatabricks.net")
///     .token("dapi0123456789abcdef0123456789abcdef")
///     .user_agent_suffix("deploy-bot/2.1")
///     .build()?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) transport: Arc<Transport>,
    pub(crate) auth: AuthProvider,
    pub(crate) user_agent: String,
    /// `user_agent` as a header value, validated once at build (cloning it is a reference
    /// count).
    pub(crate) user_agent_header: HeaderValue,
    pub(crate) operation_timeout: Option<Duration>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("host", &self.inner.config.host().as_str())
            .field("auth_type", &self.inner.config.auth_type().as_str())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Builds a client from the environment and `~/.databrickscfg`, with default settings.
    ///
    /// Reads `DATABRICKS_HOST`, `DATABRICKS_TOKEN`, `DATABRICKS_CLIENT_ID`,
    /// `DATABRICKS_CLIENT_SECRET`, `DATABRICKS_AUTH_TYPE`, `DATABRICKS_CONFIG_PROFILE` and
    /// `DATABRICKS_CONFIG_FILE`, then the profile in the config file. Synchronous: no request is
    /// made until the first call.
    pub fn from_env() -> Result<Self> {
        Self::builder().build()
    }

    /// Starts a raw request to `path` (absolute, e.g. `/api/2.0/secrets/scopes/list`), with
    /// this client's authentication, retries and error parsing.
    ///
    /// This is the escape hatch for endpoints that no API crate wraps yet, and what the API
    /// crates themselves are built on.
    ///
    /// ```no_run
    /// # async fn demo(client: databricks_core::Client) -> databricks_core::Result<()> {
    /// use databricks_core::Method;
    ///
    /// let scopes: serde_json::Value = client
    ///     .request(Method::GET, "/api/2.0/secrets/list")
    ///     .query("scope", "my-scope")
    ///     .send()
    ///     .await?;
    /// client
    ///     .request(Method::POST, "/api/2.0/secrets/scopes/delete")
    ///     .json(&serde_json::json!({ "scope": "my-scope" }))
    ///     .send_empty()
    ///     .await?;
    /// # let _ = scopes; Ok(()) }
    /// ```
    pub fn request(&self, method: http::Method, path: impl Into<String>) -> RequestBuilder {
        RequestBuilder::new(self.clone(), method, path.into())
    }

    /// The resolved configuration (host, auth type, profile; never shows secrets).
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The workspace URL, e.g. `https://adb-123.7.azuredatabricks.net`.
    pub fn host(&self) -> &Url {
        self.inner.config.host()
    }

    /// The `User-Agent` header this client sends.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// The retry policy this client applies to every request.
    ///
    /// ```
    /// use databricks_core::{Client, ConfigSources, RetryPolicy};
    ///
    /// let client = Client::builder()
    ///     .host("https://example.cloud.databricks.com")
    ///     .token("dapi-example")
    ///     .sources(ConfigSources::empty())
    ///     .retry_policy(RetryPolicy::disabled())
    ///     .build()?;
    /// assert!(!client.retry_policy().enabled);
    /// assert_eq!(client.attempt_timeout(), std::time::Duration::from_secs(60));
    /// # Ok::<(), databricks_core::Error>(())
    /// ```
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.transport.retry
    }

    /// How long one attempt may take (for a streamed request body: may stall); see
    /// [`ClientBuilder::timeout`].
    pub fn attempt_timeout(&self) -> Duration {
        self.inner.transport.attempt_timeout
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }
}

/// Builds a [`Client`]. Values set here win over the environment and the config file.
///
/// ```no_run
/// # fn demo() -> databricks_core::Result<()> {
/// use std::time::Duration;
/// use databricks_core::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .profile("staging")
///     .connect_timeout(Duration::from_secs(5))
///     .operation_timeout(Duration::from_secs(120))
///     .retry_policy(RetryPolicy { budget: Duration::from_secs(60), ..Default::default() })
///     .rate_limit(15.0, 30)
///     .build()?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    config: ConfigBuilder,
    resolved: Option<Config>,
    sources: Option<ConfigSources>,
    retry: RetryPolicy,
    connect_timeout: Duration,
    attempt_timeout: Duration,
    operation_timeout: Option<Duration>,
    rate_limit: Option<(f64, u32)>,
    user_agent_suffix: Option<String>,
    proxy: Option<String>,
    no_proxy: bool,
    root_certificates: Vec<RootCertificate>,
    accept_invalid_certs: bool,
    allow_insecure_http: bool,
}

#[derive(Debug, Clone)]
#[cfg_attr(not(any(feature = "rustls", feature = "native-tls")), allow(dead_code))]
enum RootCertificate {
    Pem(Vec<u8>),
    File(PathBuf),
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            config: ConfigBuilder::new(),
            resolved: None,
            sources: None,
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(30),
            attempt_timeout: Duration::from_secs(60),
            operation_timeout: None,
            rate_limit: None,
            user_agent_suffix: None,
            proxy: None,
            no_proxy: false,
            root_certificates: Vec::new(),
            accept_invalid_certs: false,
            allow_insecure_http: false,
        }
    }
}

impl ClientBuilder {
    /// The workspace URL (`https://` is added when no scheme is given).
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.config = self.config.host(host);
        self
    }

    /// A personal access token.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.config = self.config.token(token);
        self
    }

    /// The OAuth client id (machine-to-machine auth with a service principal).
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.config = self.config.client_id(client_id);
        self
    }

    /// The OAuth client secret.
    pub fn client_secret(mut self, client_secret: impl Into<String>) -> Self {
        self.config = self.config.client_secret(client_secret);
        self
    }

    /// Forces an auth type instead of inferring it from the credentials present.
    pub fn auth_type(mut self, auth_type: AuthType) -> Self {
        self.config = self.config.auth_type(auth_type);
        self
    }

    /// The `~/.databrickscfg` profile to read (default `DEFAULT`).
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.config = self.config.profile(profile);
        self
    }

    /// Reads profiles from this file instead of `~/.databrickscfg`.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config = self.config.config_file(path);
        self
    }

    /// Uses an already resolved [`Config`]; builder credentials, env and files are ignored.
    pub fn config(mut self, config: Config) -> Self {
        self.resolved = Some(config);
        self
    }

    /// Where to read env vars and config files from (default: the process). Tests inject
    /// [`ConfigSources::empty`] with their own values.
    pub fn sources(mut self, sources: ConfigSources) -> Self {
        self.sources = Some(sources);
        self
    }

    /// The retry policy ([`RetryPolicy::disabled`] turns retries off).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How long establishing a connection may take (default 30 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt (send and read the whole response) may take (default 60 s). For a
    /// streamed request body ([`RequestBuilder::body_stream`]) it is how long the attempt may
    /// go without progress: no chunk taken by the connection, or no answer after the last.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// A deadline for whole operations, retries included (default none; the retry budget
    /// still applies). Each request can override it.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// Client-side rate limit: `per_second` requests per second on average, `burst` at once.
    pub fn rate_limit(mut self, per_second: f64, burst: u32) -> Self {
        self.rate_limit = Some((per_second, burst));
        self
    }

    /// Appended to the `User-Agent` header, e.g. `my-deployer/1.4`. A suffix that cannot be
    /// a header value (a line break, a control character) makes [`build`](Self::build) fail
    /// with [`Error::InvalidInput`].
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Sends every request through this proxy (`http://proxy:3128`), whatever
    /// `HTTPS_PROXY`/`NO_PROXY` say. Without it those variables apply.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Ignores proxy environment variables and connects directly.
    pub fn no_proxy(mut self) -> Self {
        self.no_proxy = true;
        self
    }

    /// Trusts these extra PEM root certificates (one or more), besides the built-in roots.
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates
            .push(RootCertificate::Pem(pem.into()));
        self
    }

    /// Trusts the PEM root certificates in this file. `SSL_CERT_FILE` is honoured the same way.
    pub fn add_root_certificate_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.root_certificates
            .push(RootCertificate::File(path.into()));
        self
    }

    /// **Dangerous**: skips TLS certificate verification. Logged as a warning at build time.
    /// Only for test workspaces behind interception proxies you control.
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> Self {
        self.accept_invalid_certs = accept;
        self
    }

    /// Allows plain `http://` to hosts other than loopback (by default only `localhost`,
    /// `127.0.0.0/8` and `::1` may use `http://`).
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Resolves the configuration and builds the client. Makes no request.
    pub fn build(self) -> Result<Client> {
        let sources = self
            .sources
            .clone()
            .unwrap_or_else(ConfigSources::from_process);
        let config = match self.resolved.clone() {
            Some(c) => c,
            None => self.config.resolve(&sources)?,
        };
        check_scheme(config.host(), self.allow_insecure_http)?;
        let http = self.http_client(&sources)?;
        let limiter = self
            .rate_limit
            .map(|(rps, burst)| RateLimiter::new(rps, burst));
        let transport = Arc::new(Transport {
            http,
            attempt_timeout: self.attempt_timeout,
            retry: self.retry.clone(),
            limiter,
        });
        let auth = AuthProvider::new(config.credentials(), config.host(), transport.clone())?;
        let user_agent = user_agent(
            config.auth_type().as_str(),
            self.user_agent_suffix.as_deref(),
        );
        let user_agent_header = HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::invalid_input(
                "user_agent_suffix",
                "must be visible ASCII (no control characters or line breaks)",
            )
        })?;
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                transport,
                auth,
                user_agent,
                user_agent_header,
                operation_timeout: self.operation_timeout,
            }),
        })
    }

    fn http_client(&self, sources: &ConfigSources) -> Result<reqwest::Client> {
        let mut b = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .tcp_nodelay(true);
        if self.no_proxy {
            b = b.no_proxy();
        }
        if let Some(p) = &self.proxy {
            let proxy = reqwest::Proxy::all(p.as_str())
                .map_err(|e| ConfigError::new(format!("invalid proxy URL {p:?}: {e}")))?;
            b = b.proxy(proxy);
        }
        let mut certs = self.root_certificates.clone();
        if let Some(file) = sources.env("SSL_CERT_FILE").filter(|f| !f.is_empty()) {
            certs.push(RootCertificate::File(PathBuf::from(file)));
        }
        b = add_tls_settings(b, &certs, self.accept_invalid_certs)?;
        b.build().map_err(|e| {
            Error::from(ConfigError::new(format!(
                "cannot build the HTTP client: {e}"
            )))
        })
    }
}

#[cfg(any(feature = "rustls", feature = "native-tls"))]
fn add_tls_settings(
    mut b: reqwest::ClientBuilder,
    certs: &[RootCertificate],
    accept_invalid_certs: bool,
) -> Result<reqwest::ClientBuilder> {
    for cert in certs {
        let (pem, origin) = match cert {
            RootCertificate::Pem(pem) => (pem.clone(), "PEM given to the builder".to_owned()),
            RootCertificate::File(path) => (
                std::fs::read(path).map_err(|e| {
                    ConfigError::new(format!(
                        "cannot read root certificates {}: {e}",
                        path.display()
                    ))
                })?,
                path.display().to_string(),
            ),
        };
        let parsed = reqwest::Certificate::from_pem_bundle(&pem)
            .map_err(|e| ConfigError::new(format!("invalid PEM certificates in {origin}: {e}")))?;
        if parsed.is_empty() {
            return Err(ConfigError::new(format!("no PEM certificate found in {origin}")).into());
        }
        for c in parsed {
            b = b.add_root_certificate(c);
        }
    }
    if accept_invalid_certs {
        tracing::warn!(target: crate::transport::TRACE_TARGET,
            "TLS CERTIFICATE VERIFICATION IS DISABLED for this client: \
             any server can impersonate the workspace");
        b = b.danger_accept_invalid_certs(true);
    }
    Ok(b)
}

#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
fn add_tls_settings(
    b: reqwest::ClientBuilder,
    certs: &[RootCertificate],
    accept_invalid_certs: bool,
) -> Result<reqwest::ClientBuilder> {
    if !certs.is_empty() || accept_invalid_certs {
        return Err(ConfigError::new(
            "TLS settings need a TLS feature of databricks-core (`rustls` or `native-tls`)",
        )
        .into());
    }
    Ok(b)
}

/// Plain `http://` is only for loopback hosts unless explicitly allowed.
fn check_scheme(host: &Url, allow_insecure_http: bool) -> Result<()> {
    if host.scheme() != "http" || allow_insecure_http {
        return Ok(());
    }
    let loopback = match host.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if loopback {
        Ok(())
    } else {
        Err(ConfigError::new(format!(
            "refusing plain http:// to {host}: credentials would travel unencrypted; use https:// \
             or call ClientBuilder::allow_insecure_http(true)"
        ))
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + 'static>() {}

    #[test]
    fn client_is_send_sync_static() {
        assert_send_sync::<Client>();
        assert_send_sync::<ClientBuilder>();
    }

    #[test]
    fn http_only_for_loopback() {
        let ok = [
            "http://localhost:8080",
            "http://127.0.0.1:1",
            "http://[::1]:9",
            "https://x.com",
        ];
        for h in ok {
            assert!(check_scheme(&Url::parse(h).unwrap(), false).is_ok(), "{h}");
        }
        let err = check_scheme(&Url::parse("http://example.com").unwrap(), false).unwrap_err();
        assert!(err.to_string().contains("allow_insecure_http"), "{err}");
        assert!(check_scheme(&Url::parse("http://example.com").unwrap(), true).is_ok());
    }
}
