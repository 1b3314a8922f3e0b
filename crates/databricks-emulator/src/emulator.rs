//! The public handle: [`EmulatorBuilder`] configures, [`Emulator`] runs.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::LifecycleClock;
use crate::faults::Faults;
use crate::request_log::RecordedRequest;
use crate::state::State;
use crate::workspace::{BootstrapToken, Config, OAuthClient, Workspace};
use crate::{persist, router, server};

/// The token accepted when no other is configured (`dapi` + 32 hex digits). It authenticates
/// as [`DEFAULT_ADMIN_USER`]. The binary prints it on its second stdout line.
pub const DEFAULT_TOKEN: &str = "dapi0123456789abcdef0123456789abcdef";
/// The workspace admin every emulator has; bootstrap tokens authenticate as this user.
pub const DEFAULT_ADMIN_USER: &str = "admin@example.com";
/// The OAuth M2M client id accepted when no other is configured.
pub const DEFAULT_OAUTH_CLIENT_ID: &str = "emulator-client";
/// The OAuth M2M client secret of [`DEFAULT_OAUTH_CLIENT_ID`].
pub const DEFAULT_OAUTH_CLIENT_SECRET: &str = "emulator-secret";
/// Default largest request body: 16 MiB (above every per-API limit, e.g. DBFS's 1 MB blocks
/// and base64 of a 10 MB notebook, so those answer with their own error codes first).
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// Default duration of one lifecycle step.
pub const DEFAULT_LIFECYCLE_STEP: Duration = Duration::from_millis(1000);
/// Default lifetime of OAuth access tokens (the service's: one hour).
pub const DEFAULT_OAUTH_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);
/// Default most saved jobs in the workspace: the service's quota, 12,000.
pub const DEFAULT_MAX_JOBS: usize = 12_000;

/// Why an emulator could not start or stop cleanly.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Binding the listening socket failed.
    Bind {
        /// The address.
        addr: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The state file could not be read, parsed or written.
    StateFile {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The configuration is inconsistent.
    Config(String),
}

impl Error {
    pub(crate) fn state_file(path: &Path, message: String) -> Self {
        Self::StateFile {
            path: path.to_owned(),
            message,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bind { addr, source } => write!(f, "cannot listen on {addr}: {source}"),
            Self::StateFile { path, message } => {
                write!(f, "state file {}: {message}", path.display())
            }
            Self::Config(message) => write!(f, "invalid configuration: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Bind { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Configures an [`Emulator`]. Every option has a default; `Emulator::builder().start()` is a
/// fresh workspace on a free loopback port accepting [`DEFAULT_TOKEN`].
///
/// ```no_run
/// # async fn demo() -> Result<(), databricks_emulator::Error> {
/// use std::time::Duration;
/// use databricks_emulator::Emulator;
///
/// let emulator = Emulator::builder()
///     .token("dapi-my-test-token")
///     .lifecycle_step(Duration::from_millis(50))
///     .oauth_client("my-client", "my-secret")
///     .oauth_token_lifetime(Duration::from_secs(2))
///     .start()
///     .await?;
/// println!("{} {}", emulator.url(), emulator.token());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    host: String,
    port: u16,
    tokens: Vec<BootstrapToken>,
    lifecycle_step: Duration,
    state_file: Option<PathBuf>,
    max_body_bytes: usize,
    oauth_clients: Vec<OAuthClient>,
    oauth_token_lifetime: Duration,
    fault_seed: u64,
    persist_debounce: Duration,
    max_jobs: usize,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".to_owned(),
            port: 0,
            tokens: Vec::new(),
            lifecycle_step: DEFAULT_LIFECYCLE_STEP,
            state_file: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            oauth_clients: Vec::new(),
            oauth_token_lifetime: DEFAULT_OAUTH_TOKEN_LIFETIME,
            fault_seed: 0,
            persist_debounce: Duration::from_millis(50),
            max_jobs: DEFAULT_MAX_JOBS,
        }
    }
}

impl EmulatorBuilder {
    /// Host or IP address to listen on (default `127.0.0.1`).
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = host.into();
        self
    }

    /// Port to listen on (default 0: a free port, see [`Emulator::url`]).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Accepts `token` as the admin [`DEFAULT_ADMIN_USER`] (repeatable). When no token is
    /// configured, [`DEFAULT_TOKEN`] is. The first one is [`Emulator::token`].
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.tokens.push(BootstrapToken {
            value: token.into(),
            user_name: DEFAULT_ADMIN_USER.to_owned(),
            admin: true,
        });
        self
    }

    /// Accepts `token` as a non-admin user `user_name` (created if needed), for permission
    /// tests. The default admin token stays valid (and is [`Emulator::token`]) unless an admin
    /// token is configured with [`token`](Self::token).
    pub fn user_token(mut self, user_name: impl Into<String>, token: impl Into<String>) -> Self {
        self.tokens.push(BootstrapToken {
            value: token.into(),
            user_name: user_name.into(),
            admin: false,
        });
        self
    }

    /// Duration of one lifecycle step (cluster PENDING to RUNNING, ...); default 1 s.
    pub fn lifecycle_step(mut self, step: Duration) -> Self {
        self.lifecycle_step = step;
        self
    }

    /// Loads the workspace from `path` at start (if it exists) and saves it there after every
    /// change and at shutdown.
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// Largest accepted request body (default [`DEFAULT_MAX_BODY_BYTES`]); larger ones get
    /// 413 `REQUEST_ENTITY_TOO_LARGE`.
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Accepts an OAuth M2M client at `/oidc/v1/token` (repeatable). Without one,
    /// [`DEFAULT_OAUTH_CLIENT_ID`] / [`DEFAULT_OAUTH_CLIENT_SECRET`] is accepted. Each client
    /// is a service principal (application id = client id) in the `admins` group.
    pub fn oauth_client(mut self, client_id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.oauth_clients.push(OAuthClient {
            id: client_id.into(),
            secret: secret.into(),
        });
        self
    }

    /// Lifetime of issued OAuth access tokens (default one hour); short ones let tests see
    /// expiry and refresh.
    pub fn oauth_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.oauth_token_lifetime = lifetime;
        self
    }

    /// Seed for probabilistic fault rules without their own seed (default 0).
    pub fn fault_seed(mut self, seed: u64) -> Self {
        self.fault_seed = seed;
        self
    }

    /// Most saved jobs (default [`DEFAULT_MAX_JOBS`], the service's quota); creating one more
    /// answers 400 `QUOTA_EXCEEDED`. Raise it for load tests that need more jobs.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), databricks_emulator::Error> {
    /// let emulator = databricks_emulator::Emulator::builder().max_jobs(20_000).start().await?;
    /// # Ok(()) }
    /// ```
    pub fn max_jobs(mut self, jobs: usize) -> Self {
        self.max_jobs = jobs;
        self
    }

    /// Starts the emulator.
    pub async fn start(self) -> Result<Emulator, Error> {
        Emulator::start_with(self).await
    }
}

/// A running emulator. Dropping it shuts it down (and saves the state file);
/// [`shutdown`](Self::shutdown) does so and waits.
#[derive(Debug)]
pub struct Emulator {
    ws: Arc<Workspace>,
    addr: SocketAddr,
    url: String,
    token: String,
    shutdown_tx: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
    persister: Option<JoinHandle<()>>,
}

impl Emulator {
    /// A builder with every option at its default.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// Starts a fresh emulator with the defaults: loopback, a free port, [`DEFAULT_TOKEN`].
    pub async fn start() -> Result<Self, Error> {
        Self::builder().start().await
    }

    async fn start_with(b: EmulatorBuilder) -> Result<Self, Error> {
        let mut tokens = b.tokens;
        // `user_token` adds non-admin users; the default admin token stays unless an admin
        // token was configured with `token`.
        if !tokens.iter().any(|t| t.admin) {
            tokens.push(BootstrapToken {
                value: DEFAULT_TOKEN.to_owned(),
                user_name: DEFAULT_ADMIN_USER.to_owned(),
                admin: true,
            });
        }
        if tokens.iter().any(|t| t.value.trim().is_empty()) {
            return Err(Error::Config("a token must not be empty".to_owned()));
        }
        let token = tokens
            .iter()
            .find(|t| t.admin)
            .or_else(|| tokens.first())
            .map(|t| t.value.clone())
            .unwrap_or_default();
        let mut oauth_clients = b.oauth_clients;
        if oauth_clients.is_empty() {
            oauth_clients.push(OAuthClient {
                id: DEFAULT_OAUTH_CLIENT_ID.to_owned(),
                secret: DEFAULT_OAUTH_CLIENT_SECRET.to_owned(),
            });
        }
        let state = match b.state_file.as_deref() {
            Some(path) => persist::load(path)?.unwrap_or_default(),
            None => State::default(),
        };

        let bind_addr = format!("{}:{}", b.host, b.port);
        let listener = TcpListener::bind(&bind_addr)
            .await
            .map_err(|source| Error::Bind {
                addr: bind_addr.clone(),
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind {
            addr: bind_addr,
            source,
        })?;
        let url = format!("http://{}", url_authority(&b.host, addr));

        let config = Config {
            url: url.clone(),
            bootstrap_tokens: tokens,
            admin_user: DEFAULT_ADMIN_USER.to_owned(),
            oauth_clients,
            oauth_token_lifetime: b.oauth_token_lifetime,
            max_body_bytes: b.max_body_bytes,
            state_file: b.state_file,
            persist_debounce: b.persist_debounce,
            max_jobs: b.max_jobs,
        };
        let ws = Arc::new(Workspace::new(
            config,
            LifecycleClock::new(b.lifecycle_step),
            Faults::new(b.fault_seed),
            state,
        ));
        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let app = router::build(ws.clone());
        let server = tokio::spawn(server::serve(listener, app, shutdown_rx.clone()));
        let persister = tokio::spawn(persist::run(ws.clone(), shutdown_rx));
        Ok(Self {
            ws,
            addr,
            url,
            token,
            shutdown_tx,
            server: Some(server),
            persister: Some(persister),
        })
    }

    /// Base URL, like `http://127.0.0.1:PORT` (use as `DATABRICKS_HOST`).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The bound socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// An admin token (use as `DATABRICKS_TOKEN`).
    pub fn token(&self) -> String {
        self.token.clone()
    }

    /// The default admin's user name ([`DEFAULT_ADMIN_USER`]).
    pub fn admin_user(&self) -> String {
        self.ws.config.admin_user.clone()
    }

    /// The fault rules (add, list, remove, clear, seed).
    pub fn faults(&self) -> &Faults {
        &self.ws.faults
    }

    /// Requests received so far, oldest first (not counting `/__emulator/` ones).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.ws.log.entries()
    }

    /// Forgets the received requests.
    pub fn clear_requests(&self) {
        self.ws.log.clear();
    }

    /// The lifecycle clock: advance it to expire tokens and move lifecycles on at once.
    pub fn clock(&self) -> &LifecycleClock {
        &self.ws.clock
    }

    /// Resets the workspace to a fresh one (configured tokens, users and OAuth clients stay)
    /// and clears fault rules and the request log.
    pub fn reset(&self) {
        self.ws.reset();
    }

    /// Stops accepting connections, lets in-flight requests finish (up to 2 s), and saves the
    /// state file.
    pub async fn shutdown(mut self) -> Result<(), Error> {
        let _ = self.shutdown_tx.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        if let Some(persister) = self.persister.take() {
            let _ = persister.await;
        }
        self.save()
    }

    fn save(&self) -> Result<(), Error> {
        persist::save_now(&self.ws).map_err(|err| {
            let path = self.ws.config.state_file.clone().unwrap_or_default();
            Error::state_file(&path, err.to_string())
        })
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.shutdown_tx.send(true);
        if self.server.is_some() {
            if let Err(err) = self.save() {
                tracing::error!(%err, "could not save the state file on drop");
            }
        }
    }
}

/// `host:port` for the URL: the configured host name, or the bound IP (bracketed for IPv6).
fn url_authority(host: &str, addr: SocketAddr) -> String {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return addr.to_string();
    }
    if host.contains(':') {
        format!("[{host}]:{}", addr.port())
    } else {
        format!("{host}:{}", addr.port())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_send_and_sync() {
        fn check<T: Send + Sync + 'static>() {}
        check::<Emulator>();
        check::<EmulatorBuilder>();
        check::<Faults>();
        check::<Error>();
    }

    #[test]
    fn authority() {
        let addr: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(url_authority("127.0.0.1", addr), "127.0.0.1:8080");
        assert_eq!(url_authority("localhost", addr), "localhost:8080");
        assert_eq!(url_authority("::1", addr), "[::1]:8080");
        assert_eq!(url_authority("[::1]", addr), "[::1]:8080");
        assert_eq!(url_authority("", addr), "127.0.0.1:8080");
    }
}
