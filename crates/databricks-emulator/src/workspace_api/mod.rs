//! Workspace API (`/api/2.0/workspace/*`) and the permissions of workspace objects
//! (`/api/2.0/permissions/{notebooks,directories,files,dashboards}/{object_id}`), after
//! `shared/api/workspace.md`. (The module is named `workspace_api` because `workspace.rs` is
//! the emulated workspace itself.)
//!
//! - A tree of directories, notebooks (language and cells), workspace files (raw bytes) and
//!   dashboards, each with a 16-digit object id; `/`, `/Users` and `/Shared` always exist and
//!   are protected (`DIRECTORY_PROTECTED` on delete or replace). Paths may carry the
//!   `/Workspace` prefix; `.`/`..`/empty components and NUL are `INVALID_PARAMETER_VALUE`.
//! - `import` (JSON base64 `content`, at most 10 MiB of base64, else
//!   `MAX_NOTEBOOK_SIZE_EXCEEDED`; or multipart with a `content` file part, streamed, files up
//!   to [`MAX_FILE_BYTES`], notebooks up to 10 MiB) in every format: `SOURCE` (needs a
//!   language; without one, a ZIP of sources imports a directory), `HTML`, `JUPYTER`,
//!   `R_MARKDOWN`, `DBC` (a ZIP of `NotebookV1` JSON entries; no `overwrite`), `AUTO` (a
//!   notebook when the name has a source extension and the content the notebook header, or is
//!   `.ipynb` — the extension is stripped; `.lvdash.json` a dashboard; else a file) and `RAW`.
//!   The parent must exist (`RESOURCE_DOES_NOT_EXIST`); an existing path without `overwrite`
//!   is `RESOURCE_ALREADY_EXISTS`; a directory with more than [`MAX_CHILDREN`] entries is
//!   `MAX_CHILD_NODE_SIZE_EXCEEDED`.
//! - `export` in every format (`SOURCE` starts with the `Databricks notebook source` header;
//!   `JUPYTER` is nbformat 4 JSON; `HTML` embeds the notebook model and imports back; `DBC`
//!   round-trips; `R_MARKDOWN` for R notebooks; directories as `SOURCE`/`AUTO` ZIPs or `DBC`),
//!   JSON (base64 over 10 MiB is `MAX_NOTEBOOK_SIZE_EXCEEDED`) or raw with
//!   `direct_download=true`.
//! - `delete`: `DIRECTORY_NOT_EMPTY` without `recursive`; `mkdirs`: `RESOURCE_ALREADY_EXISTS`
//!   when a non-directory is in the way (nothing created).
//! - Every user and service principal has a home folder `/Users/<user name>` (created with
//!   the principal, kept when it is deleted).
//! - Permissions: admins, the creator of an object (or of an ancestor), everyone under
//!   `/Shared` and each user under `/Users/<user name>` have `CAN_MANAGE`; grants on an object
//!   apply to everything below it. Reading needs `CAN_READ`, writing `CAN_EDIT`, changing
//!   permissions `CAN_MANAGE`; else 403 `PERMISSION_DENIED`.
//! - ZIP archives are written stored (uncompressed) and read stored or deflated; an archive
//!   that would expand past 64 MiB is refused.

mod handlers;
mod notebook;
mod zip;

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use axum::Router;
use axum::routing::{get, post};
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::dbfs::{de_b64, ser_b64};
use crate::error::{ApiError, ApiResult};
use crate::fs_tree::{NUL_IN_PATH, PathProblem, normalized, prefix};
use crate::ids::Rng;
use crate::permissions::Grant;
use crate::request::Ctx;
use crate::workspace::AppState;
use notebook::Notebook;

/// Largest base64 `content` of a JSON import or export, and largest notebook: 10 MiB.
pub(crate) const MAX_NOTEBOOK_BYTES: usize = 10 * 1024 * 1024;
/// Largest workspace file (multipart import): 500 MiB.
pub(crate) const MAX_FILE_BYTES: usize = 500 * 1024 * 1024;
/// Most objects in one directory.
pub(crate) const MAX_CHILDREN: usize = 10_000;

/// Directories that always exist and cannot be deleted or replaced.
const PROTECTED: [&str; 3] = ["/", "/Users", "/Shared"];

/// What an object is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Kind {
    /// A folder.
    Directory,
    /// A notebook.
    Notebook(Notebook),
    /// A workspace file.
    File {
        /// Content (base64 in the state file).
        #[serde(serialize_with = "ser_b64", deserialize_with = "de_b64")]
        data: Bytes,
    },
    /// A Lakeview dashboard (its `.lvdash.json` content).
    Dashboard {
        /// Content (base64 in the state file).
        #[serde(serialize_with = "ser_b64", deserialize_with = "de_b64")]
        data: Bytes,
    },
}

impl Kind {
    fn object_type(&self) -> &'static str {
        match self {
            Kind::Directory => "DIRECTORY",
            Kind::Notebook(_) => "NOTEBOOK",
            Kind::File { .. } => "FILE",
            Kind::Dashboard { .. } => "DASHBOARD",
        }
    }

    /// The Permissions API type of the object (`notebooks`, ...).
    fn permission_type(&self) -> &'static str {
        match self {
            Kind::Directory => "directories",
            Kind::Notebook(_) => "notebooks",
            Kind::File { .. } => "files",
            Kind::Dashboard { .. } => "dashboards",
        }
    }
}

/// A workspace object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Object {
    /// Numeric id.
    pub(crate) object_id: i64,
    /// What it is.
    pub(crate) kind: Kind,
    /// Epoch ms.
    pub(crate) created_at: i64,
    /// Epoch ms.
    pub(crate) modified_at: i64,
    /// User name of the creator (`CAN_MANAGE` on it).
    #[serde(default)]
    pub(crate) creator: String,
}

impl Object {
    fn new(object_id: i64, kind: Kind, now: i64, creator: &str) -> Self {
        Self {
            object_id,
            kind,
            created_at: now,
            modified_at: now,
            creator: creator.to_owned(),
        }
    }

    fn is_dir(&self) -> bool {
        self.kind == Kind::Directory
    }

    /// `ObjectInfo` JSON.
    pub(crate) fn info(&self, path: &str) -> Value {
        let mut info = json!({
            "object_type": self.kind.object_type(),
            "path": path,
            "object_id": self.object_id,
            "resource_id": self.object_id.to_string(),
        });
        match &self.kind {
            Kind::Notebook(nb) => info["language"] = json!(nb.language.as_str()),
            Kind::File { data } => {
                info["size"] = json!(data.len());
                info["created_at"] = json!(self.created_at);
                info["modified_at"] = json!(self.modified_at);
            }
            Kind::Directory | Kind::Dashboard { .. } => {}
        }
        info
    }
}

/// A permission level on workspace objects, ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// Nothing.
    None,
    /// `CAN_READ`.
    Read,
    /// `CAN_RUN`.
    Run,
    /// `CAN_EDIT`.
    Edit,
    /// `CAN_MANAGE`.
    Manage,
}

impl Level {
    fn parse(value: &str) -> Self {
        match value {
            "CAN_READ" => Self::Read,
            "CAN_RUN" => Self::Run,
            "CAN_EDIT" => Self::Edit,
            "CAN_MANAGE" => Self::Manage,
            _ => Self::None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::Read => "CAN_READ",
            Self::Run => "CAN_RUN",
            Self::Edit => "CAN_EDIT",
            Self::Manage => "CAN_MANAGE",
        }
    }
}

/// The workspace tree and the grants on its objects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct WorkspaceObjectsState {
    /// Objects by absolute path (`/` included).
    pub(crate) objects: BTreeMap<String, Object>,
    /// Direct grants by object id.
    pub(crate) grants: BTreeMap<i64, Vec<Grant>>,
    /// Direct-children counts by directory (derived, rebuilt on first use after loading).
    #[serde(skip)]
    counts: Option<HashMap<String, usize>>,
}

impl Default for WorkspaceObjectsState {
    fn default() -> Self {
        let mut objects = BTreeMap::new();
        for (i, path) in PROTECTED.iter().enumerate() {
            objects.insert(
                (*path).to_owned(),
                Object::new(1_000_000_000_000_000 + i as i64, Kind::Directory, 0, ""),
            );
        }
        Self {
            objects,
            grants: BTreeMap::new(),
            counts: None,
        }
    }
}

pub(crate) use crate::fs_tree::{name, parent};

impl WorkspaceObjectsState {
    /// Creates the home folder `/Users/<user_name>` of a user or service principal when it is
    /// missing, as the service does for every principal added to the workspace. A name that
    /// cannot be one path component, or an object already at that path, leaves it as it is.
    pub(crate) fn ensure_home(&mut self, user_name: &str, now: i64, rng: &mut Rng) {
        let path = format!("/Users/{user_name}");
        if user_name.contains('/')
            || self.objects.contains_key(&path)
            || ws_path(&path).ok().as_deref() != Some(path.as_str())
        {
            return;
        }
        let object = Object::new(rng.numeric_id(), Kind::Directory, now, user_name);
        self.insert(path, object);
    }

    /// How many objects `dir` directly holds.
    pub(crate) fn child_count(&mut self, dir: &str) -> usize {
        let Self {
            objects, counts, ..
        } = self;
        let counts = counts.get_or_insert_with(|| {
            let mut counts = HashMap::new();
            for path in objects.keys().filter(|p| p.as_str() != "/") {
                *counts.entry(parent(path).to_owned()).or_insert(0) += 1;
            }
            counts
        });
        counts.get(dir).copied().unwrap_or(0)
    }

    /// Adds or replaces an object.
    pub(crate) fn insert(&mut self, path: String, object: Object) {
        if !self.objects.contains_key(&path) {
            if let Some(counts) = &mut self.counts {
                *counts.entry(parent(&path).to_owned()).or_insert(0) += 1;
            }
        }
        self.objects.insert(path, object);
    }

    /// Removes an object (not its descendants).
    pub(crate) fn remove(&mut self, path: &str) -> Option<Object> {
        let removed = self.objects.remove(path);
        if removed.is_some() {
            if let Some(counts) = &mut self.counts {
                if let Some(n) = counts.get_mut(parent(path)) {
                    *n = n.saturating_sub(1);
                }
                counts.remove(path);
            }
        }
        removed
    }

    /// Every path strictly below `dir`, in key order.
    pub(crate) fn descendants<'a>(
        &'a self,
        dir: &str,
    ) -> impl Iterator<Item = (&'a String, &'a Object)> {
        let prefix = prefix(dir);
        let own = dir.to_owned();
        self.objects
            .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
            .take_while(move |(k, _)| k.starts_with(&prefix))
            .filter(move |(k, _)| **k != own)
    }

    /// The direct children of `dir`.
    pub(crate) fn children<'a>(
        &'a self,
        dir: &str,
    ) -> impl Iterator<Item = (&'a String, &'a Object)> {
        let depth = prefix(dir).len();
        self.descendants(dir)
            .filter(move |(k, _)| !k[depth..].contains('/'))
    }

    /// The caller's level on `path` (which may not exist yet).
    pub(crate) fn level(&self, caller: &Caller, path: &str) -> Level {
        if caller.is_admin() {
            return Level::Manage;
        }
        let home = format!("/Users/{}", caller.user_name());
        let under = |root: &str| path == root || path.starts_with(&format!("{root}/"));
        if under("/Shared") || under(&home) {
            return Level::Manage;
        }
        let mut level = if path == "/" || path == "/Users" {
            Level::Read
        } else {
            Level::None
        };
        let mut at = path;
        loop {
            if let Some(object) = self.objects.get(at) {
                if !object.creator.is_empty() && object.creator == caller.user_name() {
                    return Level::Manage;
                }
                for grant in self.grants.get(&object.object_id).into_iter().flatten() {
                    if grant.grantee.applies_to(caller) {
                        level = level.max(Level::parse(&grant.level));
                    }
                }
            }
            if at == "/" {
                break;
            }
            at = parent(at);
        }
        level
    }

    /// Fails with `PERMISSION_DENIED` unless the caller has `needed` on `path`.
    pub(crate) fn require(&self, caller: &Caller, path: &str, needed: Level) -> ApiResult<()> {
        if self.level(caller, path) >= needed {
            Ok(())
        } else {
            Err(ApiError::permission_denied(format!(
                "{} does not have {} permissions on {path}.",
                caller.user_name(),
                needed.as_str()
            )))
        }
    }

    /// The object with `object_id` of the given permissions type.
    pub(crate) fn by_id(
        &self,
        permission_type: &str,
        object_id: i64,
    ) -> Option<(&String, &Object)> {
        self.objects
            .iter()
            .find(|(_, o)| o.object_id == object_id && o.kind.permission_type() == permission_type)
    }
}

/// Normalizes a workspace path: strips `/Workspace`, requires an absolute path, refuses `.`,
/// `..`, empty components and NUL; a trailing `/` is dropped.
pub(crate) fn ws_path(raw: &str) -> ApiResult<String> {
    let path = match raw.strip_prefix("/Workspace") {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        _ => raw,
    };
    match normalized(path) {
        Ok(path) => Ok(path.to_owned()),
        Err(PathProblem::Relative) => Err(ApiError::invalid_parameter_value(format!(
            "Path ({raw}) must be absolute (start with '/')."
        ))),
        Err(PathProblem::Nul) => Err(ApiError::invalid_parameter_value(NUL_IN_PATH)),
        Err(PathProblem::BadComponent) => Err(ApiError::invalid_parameter_value(format!(
            "Invalid path ({raw}): empty, '.' and '..' components are not allowed."
        ))),
    }
}

/// Routes of the Workspace API and of workspace object permissions.
pub(crate) fn routes() -> Router<AppState> {
    let mut router = Router::new()
        .route("/api/2.0/workspace/list", get(handlers::list))
        .route("/api/2.0/workspace/get-status", get(handlers::get_status))
        .route("/api/2.0/workspace/mkdirs", post(handlers::mkdirs))
        .route("/api/2.0/workspace/import", post(handlers::import))
        .route("/api/2.0/workspace/export", get(handlers::export))
        .route("/api/2.0/workspace/delete", post(handlers::delete));
    for kind in ["notebooks", "directories", "files", "dashboards"] {
        router = router
            .route(
                &format!("/api/2.0/permissions/{kind}/{{object_id}}"),
                get(move |ctx: Ctx| handlers::get_permissions(ctx, kind))
                    .put(move |ctx: Ctx| handlers::set_permissions(ctx, kind))
                    .patch(move |ctx: Ctx| handlers::update_permissions(ctx, kind)),
            )
            .route(
                &format!("/api/2.0/permissions/{kind}/{{object_id}}/permissionLevels"),
                get(move |ctx: Ctx| handlers::permission_levels(ctx, kind)),
            );
    }
    router
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(ws_path("/Workspace/Users/a").unwrap(), "/Users/a");
        assert_eq!(ws_path("/Workspace").unwrap(), "/");
        assert_eq!(ws_path("/Users/a/").unwrap(), "/Users/a");
        assert_eq!(ws_path("/WorkspaceX").unwrap(), "/WorkspaceX");
        for bad in ["Users", "/a//b", "/a/../b", "/a/.", "/a\0", ""] {
            assert!(ws_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tree_and_serde() {
        let s = WorkspaceObjectsState::default();
        let top: Vec<_> = s.children("/").map(|(k, _)| k.clone()).collect();
        assert_eq!(top, vec!["/Shared", "/Users"]);
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(
            serde_json::from_str::<WorkspaceObjectsState>(&text).unwrap(),
            s
        );
    }
}
