//! Where configuration is read from: environment variables, the home directory and files.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::ConfigError;

/// The environment a [`ConfigBuilder`](super::ConfigBuilder) resolves against: environment
/// variables, the home directory, and config file contents.
///
/// [`ConfigSources::from_process`] captures the real process environment and home directory
/// when it is called, and reads config files from disk when
/// [`resolve`](super::ConfigBuilder::resolve) runs. [`ConfigSources::empty`] starts from
/// nothing and never touches the process environment or the disk, so that tests can describe
/// every input explicitly:
///
/// ```
/// use databricks_core::{ConfigBuilder, ConfigSources};
///
/// let sources = ConfigSources::empty()
///     .with_home("/home/me")
///     .with_env("DATABRICKS_CONFIG_PROFILE", "dev")
///     .with_file(
///         "/home/me/.databrickscfg",
///         "[dev]\nhost = https://dev.cloud.databricks.com\ntoken = dapi123\n",
///     );
/// let config = ConfigBuilder::new().resolve(&sources)?;
/// assert_eq!(config.host().as_str(), "https://dev.cloud.databricks.com/");
/// assert_eq!(config.profile(), Some("dev"));
/// # Ok::<(), databricks_core::ConfigError>(())
/// ```
///
/// The `Debug` output lists variable names and file paths only, never their values.
#[derive(Clone, Default)]
pub struct ConfigSources {
    env: HashMap<String, String>,
    files: HashMap<PathBuf, String>,
    home: Option<PathBuf>,
    read_disk: bool,
}

impl ConfigSources {
    /// Captures the process environment variables and the home directory (`HOME`, or
    /// `USERPROFILE` on Windows) now; config files are read from disk later, at resolve time.
    /// Files added with [`with_file`](Self::with_file) take precedence over the disk.
    ///
    /// Variables whose name or value is not valid Unicode are skipped.
    ///
    /// ```no_run
    /// use databricks_core::{ConfigBuilder, ConfigSources};
    ///
    /// let config = ConfigBuilder::new().resolve(&ConfigSources::from_process())?;
    /// # Ok::<(), databricks_core::ConfigError>(())
    /// ```
    pub fn from_process() -> Self {
        let env: HashMap<String, String> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        let home = ["HOME", "USERPROFILE"]
            .iter()
            .filter_map(std::env::var_os)
            .find(|v| !v.is_empty())
            .map(PathBuf::from);
        Self {
            env,
            files: HashMap::new(),
            home,
            read_disk: true,
        }
    }

    /// No environment variables, no home directory, no files. A config file that was not added
    /// with [`with_file`](Self::with_file) counts as missing: the disk is never read.
    ///
    /// ```
    /// use databricks_core::ConfigSources;
    ///
    /// let sources = ConfigSources::empty();
    /// assert_eq!(sources.env("DATABRICKS_HOST"), None);
    /// assert_eq!(sources.home(), None);
    /// ```
    pub fn empty() -> Self {
        Self::default()
    }

    /// Sets an environment variable (replacing any earlier value for `key`).
    ///
    /// ```
    /// use databricks_core::ConfigSources;
    ///
    /// let sources = ConfigSources::empty().with_env("DATABRICKS_HOST", "adb-1.azuredatabricks.net");
    /// assert_eq!(sources.env("DATABRICKS_HOST"), Some("adb-1.azuredatabricks.net"));
    /// ```
    pub fn with_env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.insert(key.into(), value.into());
        self
    }

    /// Provides the contents of the file at `path`, used instead of reading it from disk.
    ///
    /// ```
    /// use databricks_core::{ConfigBuilder, ConfigSources};
    ///
    /// let sources = ConfigSources::empty()
    ///     .with_env("DATABRICKS_CONFIG_FILE", "/etc/databricks.cfg")
    ///     .with_file("/etc/databricks.cfg", "[DEFAULT]\nhost = example.com\ntoken = t\n");
    /// let config = ConfigBuilder::new().resolve(&sources)?;
    /// assert_eq!(config.host().as_str(), "https://example.com/");
    /// # Ok::<(), databricks_core::ConfigError>(())
    /// ```
    pub fn with_file(mut self, path: impl Into<PathBuf>, contents: impl Into<String>) -> Self {
        self.files.insert(path.into(), contents.into());
        self
    }

    /// Sets the home directory, where the default config file `.databrickscfg` lives and which
    /// a leading `~` in a config file path refers to.
    ///
    /// ```
    /// use databricks_core::ConfigSources;
    ///
    /// let sources = ConfigSources::empty().with_home("/home/me");
    /// assert_eq!(sources.home(), Some(std::path::Path::new("/home/me")));
    /// ```
    pub fn with_home(mut self, path: impl Into<PathBuf>) -> Self {
        self.home = Some(path.into());
        self
    }

    /// The value of environment variable `key`, if set.
    ///
    /// ```
    /// use databricks_core::ConfigSources;
    ///
    /// let sources = ConfigSources::empty().with_env("DATABRICKS_TOKEN", "dapi123");
    /// assert_eq!(sources.env("DATABRICKS_TOKEN"), Some("dapi123"));
    /// assert_eq!(sources.env("DATABRICKS_HOST"), None);
    /// ```
    pub fn env(&self, key: &str) -> Option<&str> {
        self.env.get(key).map(String::as_str)
    }

    /// The home directory, if known.
    pub fn home(&self) -> Option<&Path> {
        self.home.as_deref()
    }

    /// The contents of the file at `path`: `Ok(None)` when it does not exist (or, for
    /// [`empty`](Self::empty) sources, was not added with [`with_file`](Self::with_file)).
    pub(crate) fn read_file(&self, path: &Path) -> Result<Option<String>, ConfigError> {
        if let Some(contents) = self.files.get(path) {
            return Ok(Some(contents.clone()));
        }
        if !self.read_disk {
            return Ok(None);
        }
        match std::fs::read_to_string(path) {
            Ok(contents) => Ok(Some(contents)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ConfigError::new(format!(
                "could not read config file {}: {e}",
                path.display()
            ))),
        }
    }
}

impl fmt::Debug for ConfigSources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut env: Vec<&str> = self.env.keys().map(String::as_str).collect();
        env.sort_unstable();
        let mut files: Vec<&Path> = self.files.keys().map(PathBuf::as_path).collect();
        files.sort_unstable();
        f.debug_struct("ConfigSources")
            .field("env_keys", &env)
            .field("files", &files)
            .field("home", &self.home)
            .field("read_disk", &self.read_disk)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_never_reads_disk() {
        // /etc/hostname (or any path) exists on most systems; empty() must not see it.
        let sources = ConfigSources::empty();
        assert_eq!(sources.read_file(Path::new("/etc/hostname")).unwrap(), None);
        assert_eq!(sources.read_file(Path::new("/etc/passwd")).unwrap(), None);
    }

    #[test]
    fn injected_file_is_returned() {
        let sources = ConfigSources::empty().with_file("/x/cfg", "[DEFAULT]\n");
        assert_eq!(
            sources.read_file(Path::new("/x/cfg")).unwrap().as_deref(),
            Some("[DEFAULT]\n")
        );
    }

    #[test]
    fn injected_file_wins_over_disk_and_missing_disk_file_is_none() {
        // A from_process-like value without touching the process env: build it by hand.
        let sources = ConfigSources {
            read_disk: true,
            ..ConfigSources::default()
        }
        .with_file("/definitely/not/on/disk/cfg", "injected");
        assert_eq!(
            sources
                .read_file(Path::new("/definitely/not/on/disk/cfg"))
                .unwrap()
                .as_deref(),
            Some("injected")
        );
        assert_eq!(
            sources
                .read_file(Path::new("/definitely/not/on/disk/other"))
                .unwrap(),
            None
        );
    }

    #[test]
    fn debug_shows_keys_not_values() {
        let sources = ConfigSources::empty()
            .with_env("DATABRICKS_TOKEN", "dapi-super-secret")
            .with_file("/x/cfg", "token = file-secret");
        let debug = format!("{sources:?}");
        assert!(debug.contains("DATABRICKS_TOKEN"), "{debug}");
        assert!(!debug.contains("dapi-super-secret"), "{debug}");
        assert!(!debug.contains("file-secret"), "{debug}");
    }
}
