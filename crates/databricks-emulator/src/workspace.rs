//! The running workspace: configuration, the state behind one mutex, the clock, fault rules and
//! the request log. Handlers reach it through [`AppState`].

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;

use crate::clock::LifecycleClock;
use crate::error::ApiResult;
use crate::faults::Faults;
use crate::identity::{DEFAULT_ADMIN_ID, PrincipalKind};
use crate::request_log::RequestLog;
use crate::state::State;

/// Shared handle given to every handler and middleware.
pub(crate) type AppState = Arc<Workspace>;

/// A token configured at start-up (builder or `--token`), not created through the Token API:
/// it is not listed by `token/list` and cannot be revoked.
#[derive(Debug, Clone)]
pub(crate) struct BootstrapToken {
    /// The bearer value.
    pub(crate) value: String,
    /// The user it authenticates as.
    pub(crate) user_name: String,
    /// Whether that user is an admin.
    pub(crate) admin: bool,
}

/// An OAuth M2M client (a service principal with a secret).
#[derive(Debug, Clone)]
pub(crate) struct OAuthClient {
    /// `client_id` (the service principal's application id).
    pub(crate) id: String,
    /// `client_secret`.
    pub(crate) secret: String,
}

/// Start-up configuration; not persisted.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// Base URL, `http://HOST:PORT`.
    pub(crate) url: String,
    /// Tokens that authenticate without being in the token table.
    pub(crate) bootstrap_tokens: Vec<BootstrapToken>,
    /// The default admin's user name.
    pub(crate) admin_user: String,
    /// OAuth clients accepted by `/oidc/v1/token`.
    pub(crate) oauth_clients: Vec<OAuthClient>,
    /// Lifetime of issued OAuth access tokens.
    pub(crate) oauth_token_lifetime: Duration,
    /// Largest accepted request body.
    pub(crate) max_body_bytes: usize,
    /// Where the state is saved, if anywhere.
    pub(crate) state_file: Option<PathBuf>,
    /// Most saved jobs (`QUOTA_EXCEEDED` beyond).
    pub(crate) max_jobs: usize,
    /// Delay that coalesces a burst of changes into one state-file write.
    pub(crate) persist_debounce: Duration,
}

/// The workspace shared by all connections.
#[derive(Debug)]
pub(crate) struct Workspace {
    /// Start-up configuration.
    pub(crate) config: Config,
    /// Wall clock and lifecycle step.
    pub(crate) clock: LifecycleClock,
    /// Fault injection rules.
    pub(crate) faults: Faults,
    /// Received requests.
    pub(crate) log: RequestLog,
    state: Mutex<State>,
    /// Bumped on every change; the persister saves when it moves.
    generation: AtomicU64,
    /// Generation last written to the state file.
    pub(crate) saved_generation: AtomicU64,
    /// Serialises state-file writes.
    pub(crate) save_lock: Mutex<()>,
    /// Woken on every change.
    pub(crate) changed: Notify,
}

impl Workspace {
    /// A workspace over `state` (fresh or loaded), with the configured identities ensured.
    pub(crate) fn new(config: Config, clock: LifecycleClock, faults: Faults, state: State) -> Self {
        let mut state = state;
        ensure_configured_identities(&config, &mut state, clock.now_ms());
        Self {
            config,
            clock,
            faults,
            log: RequestLog::default(),
            state: Mutex::new(state),
            generation: AtomicU64::new(1),
            saved_generation: AtomicU64::new(0),
            save_lock: Mutex::new(()),
            changed: Notify::new(),
        }
    }

    /// Base URL, `http://HOST:PORT`.
    pub(crate) fn url(&self) -> String {
        self.config.url.clone()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-written in a way that
        // matters more than refusing to serve; keep going with what is there.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the state.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&self.lock())
    }

    /// Changes the state; every call counts as a change for persistence.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        let out = f(&mut self.lock());
        self.mark_changed();
        out
    }

    /// Changes the state if `f` succeeds. `f` must validate before it mutates: an error
    /// leaves no partial change behind and is not persisted.
    pub(crate) fn update<T>(&self, f: impl FnOnce(&mut State) -> ApiResult<T>) -> ApiResult<T> {
        let out = f(&mut self.lock());
        if out.is_ok() {
            self.mark_changed();
        }
        out
    }

    /// Runs `f`, which says whether it changed anything (a read that may also advance a
    /// simulation): only a change counts for persistence, whatever the result.
    pub(crate) fn update_tracked<T>(
        &self,
        f: impl FnOnce(&mut State) -> (ApiResult<T>, bool),
    ) -> ApiResult<T> {
        let (out, changed) = f(&mut self.lock());
        if changed {
            self.mark_changed();
        }
        out
    }

    fn mark_changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_one();
    }

    /// The current change generation.
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// A serialized copy of the state and the generation it corresponds to.
    pub(crate) fn snapshot(&self) -> Result<(u64, Vec<u8>), serde_json::Error> {
        let state = self.lock();
        let generation = self.generation();
        serde_json::to_vec_pretty(&*state).map(|bytes| (generation, bytes))
    }

    /// Resets the workspace to a fresh one (keeping the configured tokens, users and OAuth
    /// clients), and clears fault rules and the request log.
    pub(crate) fn reset(&self) {
        self.write(|state| {
            let mut fresh = State::default();
            ensure_configured_identities(&self.config, &mut fresh, self.clock.now_ms());
            *state = fresh;
        });
        self.faults.clear();
        self.log.clear();
    }
}

/// Makes sure the default admin, the users of configured tokens and the OAuth clients' service
/// principals exist, and that every principal has its home folder.
fn ensure_configured_identities(config: &Config, state: &mut State, now: i64) {
    let State {
        identity,
        rng,
        workspace_objects,
        ..
    } = state;
    identity.ensure(
        &config.admin_user,
        PrincipalKind::User,
        true,
        Some(DEFAULT_ADMIN_ID),
        rng,
    );
    for token in &config.bootstrap_tokens {
        identity.ensure(
            &token.user_name,
            PrincipalKind::User,
            token.admin,
            None,
            rng,
        );
    }
    for client in &config.oauth_clients {
        identity.ensure(&client.id, PrincipalKind::ServicePrincipal, true, None, rng);
    }
    for principal in &identity.principals {
        workspace_objects.ensure_home(&principal.user_name, now, rng);
    }
}
