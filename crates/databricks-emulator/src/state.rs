//! The persisted workspace state: one serde-serializable struct, one field per API family.
//!
//! Adding a family: give it a `XxxState` (`Default + Serialize + Deserialize`, every field
//! `#[serde(default)]`) in its own module and add a field here. Old state files keep loading
//! because missing fields take their defaults.

use serde::{Deserialize, Serialize};

use crate::clusters::ClustersState;
use crate::dbfs::DbfsState;
use crate::files::FilesState;
use crate::identity::Identity;
use crate::ids::Rng;
use crate::instance_profiles::InstanceProfilesState;
use crate::oauth::OAuthState;
use crate::secrets::SecretsState;
use crate::tokens::TokensState;
use crate::workspace_api::WorkspaceObjectsState;

/// Version of the state file layout.
pub(crate) const STATE_VERSION: u32 = 1;
/// The workspace id of a fresh workspace (`workspace_id` in token infos, `X-Databricks-Org-Id`).
pub(crate) const DEFAULT_WORKSPACE_ID: i64 = 1_234_567_890_123_456;

/// Everything the workspace holds. Guarded by one mutex in [`crate::workspace::Workspace`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct State {
    /// Layout version.
    pub(crate) version: u32,
    /// Numeric workspace id.
    pub(crate) workspace_id: i64,
    /// Id generator (persisted so ids never repeat across restarts).
    pub(crate) rng: Rng,
    /// Users and service principals.
    pub(crate) identity: Identity,
    /// Personal access tokens and token permissions.
    pub(crate) tokens: TokensState,
    /// Secret scopes, secrets and ACLs.
    pub(crate) secrets: SecretsState,
    /// The DBFS file tree and open write streams.
    pub(crate) dbfs: DbfsState,
    /// Files and directories in Unity Catalog volumes (Files API).
    pub(crate) files: FilesState,
    /// The workspace tree (notebooks, files, directories) and object permissions.
    pub(crate) workspace_objects: WorkspaceObjectsState,
    /// OAuth access tokens issued by the workspace OIDC endpoint.
    pub(crate) oauth: OAuthState,
    /// Clusters, with their events, permissions and libraries.
    pub(crate) clusters: ClustersState,
    /// Registered AWS instance profiles.
    pub(crate) instance_profiles: InstanceProfilesState,
    /// Jobs, runs and idempotency tokens.
    pub(crate) jobs: crate::jobs::JobsState,
}

impl Default for State {
    fn default() -> Self {
        Self {
            version: STATE_VERSION,
            workspace_id: DEFAULT_WORKSPACE_ID,
            rng: Rng::from_entropy(),
            identity: Identity::default(),
            tokens: TokensState::default(),
            secrets: SecretsState::default(),
            dbfs: DbfsState::default(),
            files: FilesState::default(),
            workspace_objects: WorkspaceObjectsState::default(),
            oauth: OAuthState::default(),
            clusters: ClustersState::default(),
            instance_profiles: InstanceProfilesState::default(),
            jobs: crate::jobs::JobsState::default(),
        }
    }
}
