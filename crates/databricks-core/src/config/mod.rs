//! Configuration: which workspace to talk to, and how to authenticate.
//!
//! A [`ConfigBuilder`] is resolved against [`ConfigSources`] into a [`Config`]. Each attribute
//! is taken from the first source that sets it, in this order:
//!
//! 1. values set on the [`ConfigBuilder`];
//! 2. environment variables: `DATABRICKS_HOST`, `DATABRICKS_TOKEN`, `DATABRICKS_CLIENT_ID`,
//!    `DATABRICKS_CLIENT_SECRET`, `DATABRICKS_AUTH_TYPE` (and `DATABRICKS_CONFIG_PROFILE`,
//!    `DATABRICKS_CONFIG_FILE`, which choose the profile and the file);
//! 3. a profile in the config file: `~/.databrickscfg` unless
//!    [`ConfigBuilder::config_file`] or `DATABRICKS_CONFIG_FILE` names another file; the
//!    `[DEFAULT]` profile unless [`ConfigBuilder::profile`] or `DATABRICKS_CONFIG_PROFILE`
//!    names another. Keys: `host`, `token`, `client_id`, `client_secret`, `auth_type`.
//!
//! Empty (or all-blank) values count as unset, at every level.
//!
//! Authentication is chosen by [`AuthType`] when it is set; otherwise from the credentials
//! found, level by level: a token means [`AuthType::Pat`], a client id and secret mean
//! [`AuthType::OAuthM2m`], and both at the same level is an error (set the auth type to
//! choose).
//!
//! ```
//! use databricks_core::{AuthType, ConfigBuilder, ConfigSources};
//!
//! let sources = ConfigSources::empty()
//!     .with_env("DATABRICKS_HOST", "adb-123.azuredatabricks.net/")
//!     .with_env("DATABRICKS_TOKEN", "dapi123");
//! let config = ConfigBuilder::new().resolve(&sources)?;
//! assert_eq!(config.host().as_str(), "https://adb-123.azuredatabricks.net/");
//! assert_eq!(config.auth_type(), AuthType::Pat);
//! assert!(config.describe().contains("env DATABRICKS_TOKEN"));
//! # Ok::<(), databricks_core::ConfigError>(())
//! ```

mod profile;
mod sources;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::error::ConfigError;
use profile::{DEFAULT_PROFILE, IniFile};

pub use sources::ConfigSources;

const ENV_HOST: &str = "DATABRICKS_HOST";
const ENV_TOKEN: &str = "DATABRICKS_TOKEN";
const ENV_CLIENT_ID: &str = "DATABRICKS_CLIENT_ID";
const ENV_CLIENT_SECRET: &str = "DATABRICKS_CLIENT_SECRET";
const ENV_AUTH_TYPE: &str = "DATABRICKS_AUTH_TYPE";
const ENV_CONFIG_PROFILE: &str = "DATABRICKS_CONFIG_PROFILE";
const ENV_CONFIG_FILE: &str = "DATABRICKS_CONFIG_FILE";
const DEFAULT_CONFIG_FILE_NAME: &str = ".databrickscfg";
const BUILDER: &str = "builder";
const INFERRED: &str = "inferred from credentials";

/// How the client authenticates.
///
/// Parses (case-insensitively) from `"pat"` and `"oauth-m2m"`, the values accepted in
/// `DATABRICKS_AUTH_TYPE` and in the `auth_type` key of a profile:
///
/// ```
/// use databricks_core::AuthType;
///
/// assert_eq!("OAuth-M2M".parse::<AuthType>()?, AuthType::OAuthM2m);
/// assert_eq!(AuthType::Pat.as_str(), "pat");
/// assert!("basic".parse::<AuthType>().is_err());
/// # Ok::<(), databricks_core::ConfigError>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthType {
    /// A personal access token sent as `Authorization: Bearer <token>`.
    Pat,
    /// OAuth machine-to-machine: a service principal's client id and secret exchanged for an
    /// access token at the workspace's OIDC token endpoint.
    OAuthM2m,
}

impl AuthType {
    const ACCEPTED: &'static str = "\"pat\", \"oauth-m2m\"";

    /// The name used in `DATABRICKS_AUTH_TYPE` and in config files: `"pat"` or `"oauth-m2m"`.
    ///
    /// ```
    /// assert_eq!(databricks_core::AuthType::OAuthM2m.as_str(), "oauth-m2m");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            AuthType::Pat => "pat",
            AuthType::OAuthM2m => "oauth-m2m",
        }
    }
}

impl fmt::Display for AuthType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AuthType {
    type Err = ConfigError;

    /// Accepts exactly `pat` and `oauth-m2m`, ignoring ASCII case and surrounding whitespace.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("pat") {
            Ok(AuthType::Pat)
        } else if s.eq_ignore_ascii_case("oauth-m2m") {
            Ok(AuthType::OAuthM2m)
        } else {
            Err(ConfigError::new(format!(
                "unknown auth_type {s:?}: expected one of {}",
                AuthType::ACCEPTED
            )))
        }
    }
}

/// The resolved credentials. `Debug` never shows the token or the client secret.
///
/// ```
/// use databricks_core::{ConfigBuilder, ConfigSources, Credentials, ExposeSecret};
///
/// let config = ConfigBuilder::new()
///     .host("example.com")
///     .token("dapi123")
///     .resolve(&ConfigSources::empty())?;
/// match config.credentials() {
///     Credentials::Pat { token } => assert_eq!(token.expose_secret(), "dapi123"),
///     other => panic!("unexpected {other:?}"),
/// }
/// assert!(!format!("{:?}", config.credentials()).contains("dapi123"));
/// # Ok::<(), databricks_core::ConfigError>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone)]
pub enum Credentials {
    /// A personal access token.
    Pat {
        /// The token (redacted in `Debug`).
        token: SecretString,
    },
    /// A service principal's OAuth client credentials.
    OAuthM2m {
        /// The client (application) id.
        client_id: String,
        /// The client secret (redacted in `Debug`).
        client_secret: SecretString,
    },
}

impl Credentials {
    /// The auth type these credentials are for.
    pub fn auth_type(&self) -> AuthType {
        match self {
            Credentials::Pat { .. } => AuthType::Pat,
            Credentials::OAuthM2m { .. } => AuthType::OAuthM2m,
        }
    }
}

/// A resolved configuration: the workspace host and the credentials, plus where each came from.
///
/// Built by [`ConfigBuilder::resolve`]. `Debug` and [`describe`](Config::describe) never show
/// the token or the client secret.
///
/// ```
/// use databricks_core::{ConfigBuilder, ConfigSources};
///
/// let sources = ConfigSources::empty()
///     .with_home("/home/me")
///     .with_file("/home/me/.databrickscfg", "[DEFAULT]\nhost = example.com\ntoken = dapi123\n");
/// let config = ConfigBuilder::new().resolve(&sources)?;
/// assert_eq!(config.host_origin(), "profile [DEFAULT] in /home/me/.databrickscfg");
/// assert_eq!(config.config_file(), Some(std::path::Path::new("/home/me/.databrickscfg")));
/// assert!(!config.describe().contains("dapi123"));
/// # Ok::<(), databricks_core::ConfigError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    host: Url,
    host_origin: String,
    credentials: Credentials,
    auth_type_origin: String,
    /// `(attribute, origin)` for each credential attribute used.
    credential_origins: Vec<(&'static str, String)>,
    profile: Option<String>,
    config_file: Option<PathBuf>,
}

impl Config {
    /// The workspace URL: scheme, host and port only, e.g. `https://adb-1.azuredatabricks.net/`
    /// (the `url` crate always serialises an empty path as `/`).
    pub fn host(&self) -> &Url {
        &self.host
    }

    /// Where the host came from, e.g. `"builder"`, `"env DATABRICKS_HOST"` or
    /// `"profile [dev] in /home/me/.databrickscfg"`.
    pub fn host_origin(&self) -> &str {
        &self.host_origin
    }

    /// The credentials to authenticate with.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The auth type in use (matches [`credentials`](Config::credentials)).
    pub fn auth_type(&self) -> AuthType {
        self.credentials.auth_type()
    }

    /// Where the auth type came from: `"builder"`, `"env DATABRICKS_AUTH_TYPE"`, a profile, or
    /// `"inferred from credentials"` when it was not set.
    pub fn auth_type_origin(&self) -> &str {
        &self.auth_type_origin
    }

    /// The config file profile that was read, if one was: the named profile, or `DEFAULT` when
    /// no profile was named and the file has a `[DEFAULT]` section.
    pub fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }

    /// The config file that was read, if one was found.
    pub fn config_file(&self) -> Option<&Path> {
        self.config_file.as_deref()
    }

    /// A one-line, human-readable summary of the configuration and where each value came from,
    /// for logs and error reports. It never contains the token or the client secret.
    ///
    /// ```
    /// use databricks_core::{ConfigBuilder, ConfigSources};
    ///
    /// let sources = ConfigSources::empty()
    ///     .with_env("DATABRICKS_HOST", "example.com")
    ///     .with_env("DATABRICKS_CLIENT_ID", "sp-1")
    ///     .with_env("DATABRICKS_CLIENT_SECRET", "hunter2");
    /// let config = ConfigBuilder::new().resolve(&sources)?;
    /// assert_eq!(
    ///     config.describe(),
    ///     "host https://example.com/ (from env DATABRICKS_HOST); \
    ///      auth_type oauth-m2m (inferred from credentials); \
    ///      client_id \"sp-1\" (from env DATABRICKS_CLIENT_ID); \
    ///      client_secret (from env DATABRICKS_CLIENT_SECRET); \
    ///      config file: none"
    /// );
    /// # Ok::<(), databricks_core::ConfigError>(())
    /// ```
    pub fn describe(&self) -> String {
        let mut parts = vec![
            format!("host {} (from {})", self.host, self.host_origin),
            format!(
                "auth_type {} ({})",
                self.auth_type(),
                if self.auth_type_origin == INFERRED {
                    INFERRED.to_owned()
                } else {
                    format!("from {}", self.auth_type_origin)
                }
            ),
        ];
        for (attribute, origin) in &self.credential_origins {
            match (*attribute, &self.credentials) {
                ("client_id", Credentials::OAuthM2m { client_id, .. }) => {
                    parts.push(format!("client_id {client_id:?} (from {origin})"));
                }
                _ => parts.push(format!("{attribute} (from {origin})")),
            }
        }
        match (&self.config_file, &self.profile) {
            (Some(path), Some(profile)) => parts.push(format!(
                "config file: {} (profile [{profile}])",
                path.display()
            )),
            (Some(path), None) => parts.push(format!(
                "config file: {} (no [{DEFAULT_PROFILE}] profile)",
                path.display()
            )),
            (None, _) => parts.push("config file: none".to_owned()),
        }
        parts.join("; ")
    }
}

/// Collects configuration values; [`resolve`](ConfigBuilder::resolve) merges them with the
/// environment and the config file into a [`Config`].
///
/// Values set here take precedence over environment variables and the config file. `Debug`
/// never shows the token or the client secret.
///
/// ```
/// use databricks_core::{AuthType, ConfigBuilder, ConfigSources};
///
/// let config = ConfigBuilder::new()
///     .host("https://example.cloud.databricks.com")
///     .client_id("sp-1")
///     .client_secret("secret")
///     .auth_type(AuthType::OAuthM2m)
///     .resolve(&ConfigSources::empty())?;
/// assert_eq!(config.auth_type(), AuthType::OAuthM2m);
/// # Ok::<(), databricks_core::ConfigError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder {
    host: Option<String>,
    token: Option<SecretString>,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    profile: Option<String>,
    config_file: Option<PathBuf>,
    auth_type: Option<AuthType>,
}

impl ConfigBuilder {
    /// An empty builder: everything comes from the environment and the config file.
    pub fn new() -> Self {
        Self::default()
    }

    /// The workspace host. `https://` is added when there is no scheme; any path is dropped.
    ///
    /// ```
    /// use databricks_core::{ConfigBuilder, ConfigSources};
    ///
    /// let config = ConfigBuilder::new()
    ///     .host("adb-1.azuredatabricks.net/some/path")
    ///     .token("t")
    ///     .resolve(&ConfigSources::empty())?;
    /// assert_eq!(config.host().as_str(), "https://adb-1.azuredatabricks.net/");
    /// # Ok::<(), databricks_core::ConfigError>(())
    /// ```
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// A personal access token.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(SecretString::from(token.into()));
        self
    }

    /// An OAuth client id (service principal application id), for [`AuthType::OAuthM2m`].
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.client_id = Some(id.into());
        self
    }

    /// An OAuth client secret, for [`AuthType::OAuthM2m`].
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(SecretString::from(secret.into()));
        self
    }

    /// The config file profile to read (instead of `DATABRICKS_CONFIG_PROFILE` or `DEFAULT`).
    /// It must exist in the config file.
    ///
    /// ```
    /// use databricks_core::{ConfigBuilder, ConfigSources};
    ///
    /// let sources = ConfigSources::empty()
    ///     .with_home("/home/me")
    ///     .with_file("/home/me/.databrickscfg", "[DEFAULT]\nhost = a.com\ntoken = t\n");
    /// let err = ConfigBuilder::new().profile("prod").resolve(&sources).unwrap_err();
    /// assert!(err.message().contains("profile [prod] (from builder) not found"));
    /// # Ok::<(), databricks_core::ConfigError>(())
    /// ```
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = Some(profile.into());
        self
    }

    /// The config file to read (instead of `DATABRICKS_CONFIG_FILE` or `~/.databrickscfg`).
    /// A leading `~` means the home directory. Unlike the default file, a file named here
    /// must exist.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config_file = Some(path.into());
        self
    }

    /// The auth type to use, instead of inferring it from the credentials found. Its
    /// credentials are then required.
    pub fn auth_type(mut self, auth_type: AuthType) -> Self {
        self.auth_type = Some(auth_type);
        self
    }

    /// Merges the builder values, the environment and the config file from `sources`.
    ///
    /// Errors say what was missing, ambiguous or invalid, and which sources were checked.
    ///
    /// ```
    /// use databricks_core::{ConfigBuilder, ConfigSources};
    ///
    /// let sources = ConfigSources::empty().with_home("/home/me");
    /// let err = ConfigBuilder::new().token("t").resolve(&sources).unwrap_err();
    /// assert_eq!(
    ///     err.message(),
    ///     "no host configured: checked the builder, env DATABRICKS_HOST, \
    ///      and profile [DEFAULT] in /home/me/.databrickscfg (file not found)"
    /// );
    /// ```
    pub fn resolve(&self, sources: &ConfigSources) -> Result<Config, ConfigError> {
        let file = FileProfile::load(self, sources)?;

        // Host.
        let host = pick(
            non_empty(self.host.as_deref()),
            sources,
            ENV_HOST,
            &file,
            "host",
        )
        .ok_or_else(|| {
            ConfigError::new(format!(
                "no host configured: checked the builder, env {ENV_HOST}, and {}",
                file.describe()
            ))
        })?;
        let host_url = normalize_host(&host.value, &host.origin)?;

        // Auth type.
        let auth_type = match self.auth_type {
            Some(t) => Some(Sourced::new(t, BUILDER)),
            None => match pick(None, sources, ENV_AUTH_TYPE, &file, "auth_type") {
                Some(raw) => Some(Sourced {
                    value: parse_auth_type(&raw)?,
                    origin: raw.origin,
                }),
                None => None,
            },
        };

        // Credentials, per level (highest first).
        let levels = [
            Level {
                name: "the builder".to_owned(),
                token: non_empty_secret(self.token.as_ref()).map(|t| Sourced::new(t, BUILDER)),
                client_id: non_empty(self.client_id.as_deref()).map(|v| Sourced::new(v, BUILDER)),
                client_secret: non_empty_secret(self.client_secret.as_ref())
                    .map(|v| Sourced::new(v, BUILDER)),
            },
            Level {
                name: "the environment".to_owned(),
                token: env_value(sources, ENV_TOKEN).map(Sourced::into_secret),
                client_id: env_value(sources, ENV_CLIENT_ID),
                client_secret: env_value(sources, ENV_CLIENT_SECRET).map(Sourced::into_secret),
            },
            Level {
                name: file.origin(),
                token: file.get("token").map(Sourced::into_secret),
                client_id: file.get("client_id"),
                client_secret: file.get("client_secret").map(Sourced::into_secret),
            },
        ];
        let selection = select_credentials(&levels, auth_type.as_ref(), &file)?;

        Ok(Config {
            host: host_url,
            host_origin: host.origin,
            credentials: selection.credentials,
            auth_type_origin: auth_type.map_or_else(|| INFERRED.to_owned(), |t| t.origin),
            credential_origins: selection.origins,
            profile: file.loaded_profile(),
            config_file: file.loaded_path(),
        })
    }
}

/// A value and where it came from.
#[derive(Clone)]
struct Sourced<T> {
    value: T,
    origin: String,
}

impl<T> Sourced<T> {
    fn new(value: T, origin: impl Into<String>) -> Self {
        Self {
            value,
            origin: origin.into(),
        }
    }
}

impl Sourced<String> {
    fn into_secret(self) -> Sourced<SecretString> {
        Sourced {
            value: SecretString::from(self.value),
            origin: self.origin,
        }
    }
}

/// The credential values of one precedence level.
struct Level {
    /// For error messages: "the builder", "the environment", "profile [x] in /path".
    name: String,
    token: Option<Sourced<SecretString>>,
    client_id: Option<Sourced<String>>,
    client_secret: Option<Sourced<SecretString>>,
}

struct Selection {
    credentials: Credentials,
    origins: Vec<(&'static str, String)>,
}

fn first<T: Clone>(
    levels: &[Level],
    field: impl Fn(&Level) -> &Option<Sourced<T>>,
) -> Option<Sourced<T>> {
    levels.iter().find_map(|l| field(l).clone())
}

fn select_credentials(
    levels: &[Level],
    auth_type: Option<&Sourced<AuthType>>,
    file: &FileProfile,
) -> Result<Selection, ConfigError> {
    let token = first(levels, |l| &l.token);
    let client_id = first(levels, |l| &l.client_id);
    let client_secret = first(levels, |l| &l.client_secret);

    let pat = |token: Sourced<SecretString>| Selection {
        credentials: Credentials::Pat { token: token.value },
        origins: vec![("token", token.origin)],
    };
    let oauth = |id: Sourced<String>, secret: Sourced<SecretString>| Selection {
        credentials: Credentials::OAuthM2m {
            client_id: id.value,
            client_secret: secret.value,
        },
        origins: vec![("client_id", id.origin), ("client_secret", secret.origin)],
    };

    if let Some(explicit) = auth_type {
        let prefix = format!(
            "auth_type \"{}\" (from {}) requires",
            explicit.value, explicit.origin
        );
        return match explicit.value {
            AuthType::Pat => token.map(pat).ok_or_else(|| {
                ConfigError::new(format!(
                    "{prefix} a token, but none was found: checked the builder, env {ENV_TOKEN}, \
                     and {}",
                    file.describe()
                ))
            }),
            AuthType::OAuthM2m => match (client_id, client_secret) {
                (Some(id), Some(secret)) => Ok(oauth(id, secret)),
                (id, secret) => {
                    let (missing, env) = match (id, secret) {
                        (None, None) => (
                            "client_id and client_secret were",
                            format!("{ENV_CLIENT_ID} and {ENV_CLIENT_SECRET}"),
                        ),
                        (None, Some(_)) => ("client_id was", ENV_CLIENT_ID.to_owned()),
                        _ => ("client_secret was", ENV_CLIENT_SECRET.to_owned()),
                    };
                    Err(ConfigError::new(format!(
                        "{prefix} client_id and client_secret, but {missing} not found: checked \
                         the builder, env {env}, and {}",
                        file.describe()
                    )))
                }
            },
        };
    }

    for level in levels {
        let has_client = level.client_id.is_some() || level.client_secret.is_some();
        match (&level.token, has_client) {
            (Some(_), true) => {
                return Err(ConfigError::new(format!(
                    "ambiguous credentials: {} sets both a token and OAuth client credentials \
                     (client_id/client_secret); set auth_type to \"pat\" or \"oauth-m2m\" \
                     (ConfigBuilder::auth_type, env {ENV_AUTH_TYPE} or the profile's auth_type) \
                     to choose one",
                    level.name
                )));
            }
            (Some(level_token), false) => return Ok(pat(level_token.clone())),
            (None, true) => {
                return match (client_id, client_secret) {
                    (Some(id), Some(secret)) => Ok(oauth(id, secret)),
                    (Some(id), None) => Err(ConfigError::new(format!(
                        "client_id is set (from {}) but client_secret is missing: checked the \
                         builder, env {ENV_CLIENT_SECRET}, and {}",
                        id.origin,
                        file.describe()
                    ))),
                    (None, _) => Err(ConfigError::new(format!(
                        "client_secret is set (from {}) but client_id is missing: checked the \
                         builder, env {ENV_CLIENT_ID}, and {}",
                        level
                            .client_secret
                            .as_ref()
                            .map_or(level.name.as_str(), |s| s.origin.as_str()),
                        file.describe()
                    ))),
                };
            }
            (None, false) => {}
        }
    }

    Err(ConfigError::new(format!(
        "no credentials found: checked the builder (token, client_id, client_secret), env \
         {ENV_TOKEN}, {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET}, and {} (keys token, client_id, \
         client_secret)",
        file.describe()
    )))
}

fn parse_auth_type(raw: &Sourced<String>) -> Result<AuthType, ConfigError> {
    raw.value.parse().map_err(|_: ConfigError| {
        ConfigError::new(format!(
            "auth_type {:?} from {} is not supported: expected one of {}",
            raw.value,
            raw.origin,
            AuthType::ACCEPTED
        ))
    })
}

/// `Some(trimmed)` when `value` is set and not blank.
fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn non_empty_secret(value: Option<&SecretString>) -> Option<SecretString> {
    non_empty(value.map(ExposeSecret::expose_secret)).map(SecretString::from)
}

fn env_value(sources: &ConfigSources, key: &str) -> Option<Sourced<String>> {
    non_empty(sources.env(key)).map(|v| Sourced::new(v, format!("env {key}")))
}

/// The first of: the builder value, env `env_key`, the profile's `file_key`.
fn pick(
    builder: Option<String>,
    sources: &ConfigSources,
    env_key: &str,
    file: &FileProfile,
    file_key: &str,
) -> Option<Sourced<String>> {
    builder
        .map(|v| Sourced::new(v, BUILDER))
        .or_else(|| env_value(sources, env_key))
        .or_else(|| file.get(file_key))
}

/// Normalises a host to `scheme://host[:port]`: adds `https://` when there is no scheme, and
/// drops any path, query, fragment and user info. Only `http` and `https` are accepted.
fn normalize_host(raw: &str, origin: &str) -> Result<Url, ConfigError> {
    let invalid = |reason: &dyn fmt::Display| {
        ConfigError::new(format!(
            "host {raw:?} from {origin} is not a valid URL: {reason}"
        ))
    };
    let trimmed = raw.trim();
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    };
    let url = Url::parse(&with_scheme).map_err(|e| invalid(&e))?;
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(ConfigError::new(format!(
                "host {raw:?} from {origin} has unsupported scheme {other:?}: expected http or \
                 https"
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(&"empty host"));
    }
    Url::parse(&url.origin().ascii_serialization()).map_err(|e| invalid(&e))
}

/// Expands a leading `~` to the home directory (when known).
fn expand_tilde(path: &Path, home: Option<&Path>) -> PathBuf {
    if let Some(home) = home {
        if let Ok(rest) = path.strip_prefix("~") {
            return home.join(rest);
        }
    }
    path.to_path_buf()
}

/// The config file profile consulted during resolution.
struct FileProfile {
    /// The file path, when one is known (named, or the default under the home directory).
    path: Option<PathBuf>,
    /// The profile name (`DEFAULT` when none was named).
    profile: String,
    state: FileState,
}

enum FileState {
    /// No path: no home directory and no file named.
    NoPath,
    /// The (default) file does not exist.
    NotFound,
    /// The file exists but has no such (default) profile.
    NoProfile,
    /// The profile's keys.
    Loaded(HashMap<String, String>),
}

impl FileProfile {
    fn load(builder: &ConfigBuilder, sources: &ConfigSources) -> Result<Self, ConfigError> {
        let home = sources.home();

        let named_file = match builder
            .config_file
            .as_deref()
            .filter(|p| !p.as_os_str().is_empty())
        {
            Some(p) => Some((expand_tilde(p, home), BUILDER.to_owned())),
            None => non_empty(sources.env(ENV_CONFIG_FILE)).map(|p| {
                (
                    expand_tilde(Path::new(&p), home),
                    format!("env {ENV_CONFIG_FILE}"),
                )
            }),
        };

        let named_profile = non_empty(builder.profile.as_deref())
            .map(|p| Sourced::new(p, BUILDER))
            .or_else(|| {
                non_empty(sources.env(ENV_CONFIG_PROFILE))
                    .map(|p| Sourced::new(p, format!("env {ENV_CONFIG_PROFILE}")))
            });
        let profile = named_profile
            .as_ref()
            .map_or_else(|| DEFAULT_PROFILE.to_owned(), |p| p.value.clone());

        let path = match &named_file {
            Some((path, _)) => Some(path.clone()),
            None => home.map(|h| h.join(DEFAULT_CONFIG_FILE_NAME)),
        };
        let Some(path) = path else {
            if let Some(p) = &named_profile {
                return Err(ConfigError::new(format!(
                    "profile [{}] (from {}) was requested, but there is no config file to read \
                     it from: the home directory is unknown and neither the builder's \
                     config_file nor env {ENV_CONFIG_FILE} is set",
                    p.value, p.origin
                )));
            }
            return Ok(Self {
                path: None,
                profile,
                state: FileState::NoPath,
            });
        };

        let Some(text) = sources.read_file(&path)? else {
            if let Some((_, origin)) = &named_file {
                return Err(ConfigError::new(format!(
                    "config file {} (from {origin}) does not exist",
                    path.display()
                )));
            }
            if let Some(p) = &named_profile {
                return Err(ConfigError::new(format!(
                    "profile [{}] (from {}) was requested, but config file {} does not exist",
                    p.value,
                    p.origin,
                    path.display()
                )));
            }
            return Ok(Self {
                path: Some(path),
                profile,
                state: FileState::NotFound,
            });
        };

        let ini = IniFile::parse(&text, &path)?;
        let state = match ini.profile(&profile) {
            Some(keys) => FileState::Loaded(keys.clone()),
            None => {
                if let Some(p) = &named_profile {
                    let present: Vec<String> =
                        ini.profile_names().map(|n| format!("[{n}]")).collect();
                    let present = if present.is_empty() {
                        "the file has no profiles".to_owned()
                    } else {
                        format!("profiles present: {}", present.join(", "))
                    };
                    return Err(ConfigError::new(format!(
                        "profile [{}] (from {}) not found in config file {}; {present}",
                        p.value,
                        p.origin,
                        path.display()
                    )));
                }
                FileState::NoProfile
            }
        };
        Ok(Self {
            path: Some(path),
            profile,
            state,
        })
    }

    /// e.g. `profile [dev] in /home/me/.databrickscfg`.
    fn origin(&self) -> String {
        match &self.path {
            Some(path) => format!("profile [{}] in {}", self.profile, path.display()),
            None => format!("profile [{}] (no config file)", self.profile),
        }
    }

    /// The origin plus, when nothing could be read, why.
    fn describe(&self) -> String {
        match self.state {
            FileState::NoPath => format!(
                "the config file (none: the home directory is unknown and env {ENV_CONFIG_FILE} \
                 is not set)"
            ),
            FileState::NotFound => format!("{} (file not found)", self.origin()),
            FileState::NoProfile => format!("{} (no such profile in the file)", self.origin()),
            FileState::Loaded(_) => self.origin(),
        }
    }

    /// The value of `key` in the profile, when set and not blank.
    fn get(&self, key: &str) -> Option<Sourced<String>> {
        match &self.state {
            FileState::Loaded(keys) => {
                non_empty(keys.get(key).map(String::as_str)).map(|v| Sourced::new(v, self.origin()))
            }
            _ => None,
        }
    }

    fn loaded_profile(&self) -> Option<String> {
        match self.state {
            FileState::Loaded(_) => Some(self.profile.clone()),
            _ => None,
        }
    }

    fn loaded_path(&self) -> Option<PathBuf> {
        match self.state {
            FileState::Loaded(_) | FileState::NoProfile => self.path.clone(),
            FileState::NoPath | FileState::NotFound => None,
        }
    }
}

#[cfg(test)]
mod tests;
