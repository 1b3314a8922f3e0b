//! The umbrella [`Client`]: the core client plus one accessor per enabled API family.

use std::ops::Deref;
use std::path::PathBuf;
use std::time::Duration;

use databricks_core::{AuthType, Config, ConfigSources, Result, RetryPolicy};

/// A Databricks workspace client with one accessor per enabled API family.
///
/// Cheap to clone (clones share the connection pool and credentials). It dereferences to
/// [`databricks_core::Client`], so [`request`](databricks_core::Client::request),
/// [`host`](databricks_core::Client::host) and the rest are available directly.
///
/// ```no_run
/// # fn demo() -> databricks::Result<()> {
/// let client = databricks::Client::builder()
///     .host("https://adb-1234567890123456.7.azuredatabricks.net")
///     .token("dapi0123456789abcdef0123456789abcdef")
///     .build()?;
/// println!("talking to {}", client.host());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    core: databricks_core::Client,
}

impl Client {
    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Builds a client from `DATABRICKS_*` env vars and `~/.databrickscfg`.
    ///
    /// See [`databricks_core::Client::from_env`] for the variables and their order.
    pub fn from_env() -> Result<Self> {
        databricks_core::Client::from_env().map(Self::from)
    }

    /// The underlying core client (for the family crates' `XxxApi::new`).
    pub fn core(&self) -> &databricks_core::Client {
        &self.core
    }

    /// Token API: create, list and revoke your own personal access tokens.
    #[cfg(feature = "tokens")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tokens")))]
    pub fn tokens(&self) -> databricks_tokens::TokensApi {
        databricks_tokens::TokensApi::new(self.core.clone())
    }

    /// Token Management API: admins list, inspect and revoke every user's tokens.
    #[cfg(feature = "tokens")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tokens")))]
    pub fn token_management(&self) -> databricks_tokens::TokenManagementApi {
        databricks_tokens::TokenManagementApi::new(self.core.clone())
    }

    /// Secrets API: secret scopes, secrets and scope ACLs.
    #[cfg(feature = "secrets")]
    #[cfg_attr(docsrs, doc(cfg(feature = "secrets")))]
    pub fn secrets(&self) -> databricks_secrets::SecretsApi {
        databricks_secrets::SecretsApi::new(self.core.clone())
    }

    /// Clusters API: create, start, resize, terminate clusters, with waiters.
    #[cfg(feature = "clusters")]
    #[cfg_attr(docsrs, doc(cfg(feature = "clusters")))]
    pub fn clusters(&self) -> databricks_clusters::ClustersApi {
        databricks_clusters::ClustersApi::new(self.core.clone())
    }

    /// Libraries API: install and uninstall cluster libraries.
    #[cfg(feature = "libraries")]
    #[cfg_attr(docsrs, doc(cfg(feature = "libraries")))]
    pub fn libraries(&self) -> databricks_libraries::LibrariesApi {
        databricks_libraries::LibrariesApi::new(self.core.clone())
    }

    /// Instance Profiles API: register AWS instance profiles.
    #[cfg(feature = "instance-profiles")]
    #[cfg_attr(docsrs, doc(cfg(feature = "instance-profiles")))]
    pub fn instance_profiles(&self) -> databricks_instance_profiles::InstanceProfilesApi {
        databricks_instance_profiles::InstanceProfilesApi::new(self.core.clone())
    }

    /// Jobs API: jobs, runs, with waiters.
    #[cfg(feature = "jobs")]
    #[cfg_attr(docsrs, doc(cfg(feature = "jobs")))]
    pub fn jobs(&self) -> databricks_jobs::JobsApi {
        databricks_jobs::JobsApi::new(self.core.clone())
    }

    /// DBFS API: files, with streaming upload and download.
    #[cfg(feature = "dbfs")]
    #[cfg_attr(docsrs, doc(cfg(feature = "dbfs")))]
    pub fn dbfs(&self) -> databricks_dbfs::DbfsApi {
        databricks_dbfs::DbfsApi::new(self.core.clone())
    }

    /// Files API: files and directories of Unity Catalog volumes as raw bytes (upload,
    /// download with ranges, metadata, directory listing). In the `dbfs` feature.
    ///
    /// ```no_run
    /// # async fn demo(client: databricks::Client) -> databricks::Result<()> {
    /// client
    ///     .files()
    ///     .upload("/Volumes/main/raw/landing/hello.txt", b"hello".to_vec(), true)
    ///     .await?;
    /// let meta = client.files().get_metadata("/Volumes/main/raw/landing/hello.txt").await?;
    /// # let _ = meta; Ok(()) }
    /// ```
    #[cfg(feature = "dbfs")]
    #[cfg_attr(docsrs, doc(cfg(feature = "dbfs")))]
    pub fn files(&self) -> databricks_dbfs::files::FilesApi {
        databricks_dbfs::files::FilesApi::new(self.core.clone())
    }

    /// Workspace API: notebooks, files and directories.
    #[cfg(feature = "workspace")]
    #[cfg_attr(docsrs, doc(cfg(feature = "workspace")))]
    pub fn workspace(&self) -> databricks_workspace::WorkspaceApi {
        databricks_workspace::WorkspaceApi::new(self.core.clone())
    }

    /// Groups API (legacy 2.0): groups and members by name.
    #[cfg(feature = "groups")]
    #[cfg_attr(docsrs, doc(cfg(feature = "groups")))]
    pub fn groups(&self) -> databricks_groups::GroupsApi {
        databricks_groups::GroupsApi::new(self.core.clone())
    }

    /// SCIM Users.
    #[cfg(feature = "scim")]
    #[cfg_attr(docsrs, doc(cfg(feature = "scim")))]
    pub fn users(&self) -> databricks_scim::UsersApi {
        databricks_scim::UsersApi::new(self.core.clone())
    }

    /// SCIM Groups.
    #[cfg(feature = "scim")]
    #[cfg_attr(docsrs, doc(cfg(feature = "scim")))]
    pub fn scim_groups(&self) -> databricks_scim::GroupsApi {
        databricks_scim::GroupsApi::new(self.core.clone())
    }

    /// SCIM Service Principals.
    #[cfg(feature = "scim")]
    #[cfg_attr(docsrs, doc(cfg(feature = "scim")))]
    pub fn service_principals(&self) -> databricks_scim::ServicePrincipalsApi {
        databricks_scim::ServicePrincipalsApi::new(self.core.clone())
    }

    /// SCIM Me: the identity of the caller.
    #[cfg(feature = "scim")]
    #[cfg_attr(docsrs, doc(cfg(feature = "scim")))]
    pub fn current_user(&self) -> databricks_scim::CurrentUserApi {
        databricks_scim::CurrentUserApi::new(self.core.clone())
    }
}

impl From<databricks_core::Client> for Client {
    fn from(core: databricks_core::Client) -> Self {
        Self { core }
    }
}

impl Deref for Client {
    type Target = databricks_core::Client;

    fn deref(&self) -> &Self::Target {
        &self.core
    }
}

/// Builds a [`Client`]; every method mirrors [`databricks_core::ClientBuilder`].
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    inner: databricks_core::ClientBuilder,
}

macro_rules! forward {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) ; )*) => {
        impl ClientBuilder {
            $(
                $(#[$doc])*
                pub fn $name(self, $($arg: $ty),*) -> Self {
                    Self { inner: self.inner.$name($($arg),*) }
                }
            )*
        }
    };
}

forward! {
    /// The workspace URL. See [`databricks_core::ClientBuilder::host`].
    host(host: impl Into<String>);
    /// A personal access token. See [`databricks_core::ClientBuilder::token`].
    token(token: impl Into<String>);
    /// The OAuth client id. See [`databricks_core::ClientBuilder::client_id`].
    client_id(client_id: impl Into<String>);
    /// The OAuth client secret. See [`databricks_core::ClientBuilder::client_secret`].
    client_secret(client_secret: impl Into<String>);
    /// Forces an auth type. See [`databricks_core::ClientBuilder::auth_type`].
    auth_type(auth_type: AuthType);
    /// The config-file profile. See [`databricks_core::ClientBuilder::profile`].
    profile(profile: impl Into<String>);
    /// The config file. See [`databricks_core::ClientBuilder::config_file`].
    config_file(path: impl Into<PathBuf>);
    /// A resolved configuration. See [`databricks_core::ClientBuilder::config`].
    config(config: Config);
    /// Env and file sources. See [`databricks_core::ClientBuilder::sources`].
    sources(sources: ConfigSources);
    /// The retry policy. See [`databricks_core::ClientBuilder::retry_policy`].
    retry_policy(retry: RetryPolicy);
    /// Connect timeout. See [`databricks_core::ClientBuilder::connect_timeout`].
    connect_timeout(timeout: Duration);
    /// Per-attempt timeout. See [`databricks_core::ClientBuilder::timeout`].
    timeout(timeout: Duration);
    /// Whole-operation deadline. See [`databricks_core::ClientBuilder::operation_timeout`].
    operation_timeout(timeout: Duration);
    /// Client-side rate limit. See [`databricks_core::ClientBuilder::rate_limit`].
    rate_limit(per_second: f64, burst: u32);
    /// User-Agent suffix. See [`databricks_core::ClientBuilder::user_agent_suffix`].
    user_agent_suffix(suffix: impl Into<String>);
    /// An explicit proxy. See [`databricks_core::ClientBuilder::proxy`].
    proxy(url: impl Into<String>);
    /// Ignore proxy env vars. See [`databricks_core::ClientBuilder::no_proxy`].
    no_proxy();
    /// Extra PEM roots. See [`databricks_core::ClientBuilder::add_root_certificate_pem`].
    add_root_certificate_pem(pem: impl Into<Vec<u8>>);
    /// Extra PEM roots from a file. See [`databricks_core::ClientBuilder::add_root_certificate_file`].
    add_root_certificate_file(path: impl Into<PathBuf>);
    /// **Dangerous.** See [`databricks_core::ClientBuilder::danger_accept_invalid_certs`].
    danger_accept_invalid_certs(accept: bool);
    /// Plain http to remote hosts. See [`databricks_core::ClientBuilder::allow_insecure_http`].
    allow_insecure_http(allow: bool);
}

impl ClientBuilder {
    /// Resolves the configuration and builds the client. Makes no request.
    pub fn build(self) -> Result<Client> {
        self.inner.build().map(Client::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_send_sync_static() {
        fn check<T: Send + Sync + 'static + Clone>() {}
        check::<Client>();
    }

    #[test]
    fn builder_forwards_to_core() {
        let client = Client::builder()
            .host("example.cloud.databricks.com/")
            .token("dapi-x")
            .sources(ConfigSources::empty())
            .user_agent_suffix("suite/1")
            .build()
            .unwrap();
        assert_eq!(
            client.host().as_str(),
            "https://example.cloud.databricks.com/"
        );
        assert!(client.user_agent().ends_with(" suite/1"));
    }
}
