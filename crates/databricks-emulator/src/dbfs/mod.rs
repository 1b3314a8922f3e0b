//! DBFS API (`/api/2.0/dbfs/*`): an in-memory file tree, after `shared/api/dbfs.md`.
//!
//! - Files hold their raw bytes once ([`Bytes`], shared by reads without copying); base64 is
//!   only the wire format (and the state file's).
//! - Paths are absolute, with or without `dbfs:`; `.`/`..` components, empty components
//!   (`//`) and NUL are 400 `INVALID_PARAMETER_VALUE`. Answers never carry the prefix.
//! - `create` / `add-block` / `close`: the file appears at `close`. Handles expire after 10
//!   minutes without a call (on the lifecycle clock, so tests can advance it) and then are
//!   `RESOURCE_DOES_NOT_EXIST`. Blocks over 1 MiB decoded are `MAX_BLOCK_SIZE_EXCEEDED`.
//! - `put`: JSON with base64 `contents` (at most 1 MiB decoded, else
//!   `MAX_BLOCK_SIZE_EXCEEDED`), or `multipart/form-data` (fields `path`, `overwrite`, a file
//!   part named `contents` or `file`, or any part with a filename) read as a stream straight
//!   into the stored file, up to [`MAX_MULTIPART_BYTES`] (2 GiB; over it 413).
//! - `read`: default length 0.5 MiB, over 1 MiB `MAX_READ_SIZE_EXCEEDED`, negative offset or
//!   length and directories `INVALID_PARAMETER_VALUE`, past the end `bytes_read` 0.
//! - `list`: a directory's entries, a file itself; more than [`MAX_LIST_ENTRIES`] entries is
//!   `MAX_LIST_SIZE_EXCEEDED`.
//! - `create`, `put`, `close`, `move` create missing parent directories; a file in the way is
//!   `RESOURCE_ALREADY_EXISTS`, as is an existing target without `overwrite` (or a directory).
//! - `mkdirs` is idempotent; a file at a prefix is `RESOURCE_ALREADY_EXISTS` (nothing created).
//! - `move`: missing source `RESOURCE_DOES_NOT_EXIST`, existing destination
//!   `RESOURCE_ALREADY_EXISTS`, a directory into itself `INVALID_PARAMETER_VALUE`.
//! - `delete`: a missing path succeeds; a non-empty directory without `recursive` is 400
//!   `IO_ERROR`; a recursive delete removes at most [`DELETE_BATCH`] entries per call and
//!   answers 503 `PARTIAL_DELETE` while more remain (the service works by time, ~45 s, the
//!   emulator by count); the root cannot be deleted.

mod handlers;

use std::collections::BTreeMap;

use axum::Router;
use axum::routing::{get, post};
use bytes::Bytes;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fs_tree::{FileTree, normalize};
pub(crate) use crate::fs_tree::{Node, de_b64, de_b64_vec, ser_b64};
use crate::workspace::AppState;

/// Largest decoded `add-block` block and inline `put` content: 1 MiB.
pub(crate) const MAX_BLOCK_BYTES: usize = 1024 * 1024;
/// Largest `read` length: 1 MiB.
pub(crate) const MAX_READ_BYTES: i64 = 1024 * 1024;
/// Default `read` length: 0.5 MiB.
pub(crate) const DEFAULT_READ_BYTES: i64 = 512 * 1024;
/// Largest file of one multipart `put`: 2 GiB.
pub(crate) const MAX_MULTIPART_BYTES: usize = 2 * 1024 * 1024 * 1024;
/// Idle time after which a stream handle expires: 10 minutes.
pub(crate) const HANDLE_IDLE_MS: i64 = 10 * 60 * 1000;
/// Most entries one `list` returns.
pub(crate) const MAX_LIST_ENTRIES: usize = 10_000;
/// Most entries one recursive `delete` removes before answering `PARTIAL_DELETE`.
pub(crate) const DELETE_BATCH: usize = 1_000;

impl Node {
    /// `FileInfo` JSON.
    fn info(&self, path: &str) -> Value {
        match self {
            Node::Dir { modification_time } => json!({
                "path": path, "is_dir": true, "file_size": 0,
                "modification_time": modification_time,
            }),
            Node::File {
                data,
                modification_time,
            } => json!({
                "path": path, "is_dir": false, "file_size": data.len(),
                "modification_time": modification_time,
            }),
        }
    }
}

/// An open write stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct OpenStream {
    /// Target path.
    pub(crate) path: String,
    /// Replace an existing file at close.
    pub(crate) overwrite: bool,
    /// Bytes written so far.
    #[serde(serialize_with = "ser_b64", deserialize_with = "de_b64_vec")]
    pub(crate) data: Vec<u8>,
    /// Last call on the handle (epoch ms).
    pub(crate) last_used_ms: i64,
}

/// The DBFS tree and the open streams.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct DbfsState {
    /// Nodes by absolute path (the root `/` is implicit).
    pub(crate) nodes: FileTree,
    /// Open write streams by handle.
    pub(crate) handles: BTreeMap<i64, OpenStream>,
}

impl DbfsState {
    /// The node at a normalized path.
    pub(crate) fn get(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    /// Every path strictly below `dir`, in key order.
    fn descendants<'a>(&'a self, dir: &str) -> impl Iterator<Item = (&'a String, &'a Node)> {
        self.nodes.descendants(dir)
    }

    /// The direct children of `dir`.
    fn children<'a>(&'a self, dir: &str) -> impl Iterator<Item = (&'a String, &'a Node)> {
        self.nodes.children(dir)
    }

    /// Fails when a file is in the way of `path`'s ancestors.
    fn check_parents(&self, path: &str) -> ApiResult<()> {
        match self.nodes.file_ancestor(path) {
            Some(dir) => Err(ApiError::resource_already_exists(format!(
                "Cannot create {path}: a file exists at the parent path {dir}."
            ))),
            None => Ok(()),
        }
    }

    /// Creates the missing ancestors of `path` (after [`check_parents`](Self::check_parents)).
    fn create_parents(&mut self, path: &str, now: i64) {
        self.nodes.create_parents(path, "/", now);
    }

    /// Checks that a file may be written at `path`.
    fn check_writable(&self, path: &str, overwrite: bool) -> ApiResult<()> {
        if path == "/" {
            return Err(ApiError::invalid_parameter_value(
                "Cannot write a file at the root.",
            ));
        }
        match self.get(path) {
            Some(Node::Dir { .. }) => Err(ApiError::resource_already_exists(format!(
                "A directory already exists at the input path {path}."
            ))),
            Some(Node::File { .. }) if !overwrite => Err(ApiError::resource_already_exists(
                format!("A file or directory already exists at the input path {path}."),
            )),
            _ => self.check_parents(path),
        }
    }

    /// Writes a file (after [`check_writable`](Self::check_writable)).
    fn store(&mut self, path: &str, data: Bytes, now: i64) {
        self.nodes.store(path, "/", data, now);
    }

    /// Drops handles idle for longer than [`HANDLE_IDLE_MS`].
    fn prune_handles(&mut self, now: i64) {
        self.handles
            .retain(|_, h| now.saturating_sub(h.last_used_ms) <= HANDLE_IDLE_MS);
    }

    /// The open stream of `handle`, unless unknown or expired.
    fn handle_mut(&mut self, handle: i64, now: i64) -> ApiResult<&mut OpenStream> {
        self.prune_handles(now);
        self.handles.get_mut(&handle).ok_or_else(|| {
            ApiError::resource_does_not_exist(format!(
                "No open stream with handle {handle} (unknown, closed, or expired after 10 \
                 minutes of inactivity)."
            ))
        })
    }
}

/// Normalizes a DBFS path: strips `dbfs:`, requires an absolute path, refuses `.`, `..`,
/// empty components and NUL; a trailing `/` is dropped.
pub(crate) fn dbfs_path(raw: &str) -> ApiResult<String> {
    normalize(raw.strip_prefix("dbfs:").unwrap_or(raw), raw)
}

/// 400 `MAX_BLOCK_SIZE_EXCEEDED`.
fn block_too_large(len: usize) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "MAX_BLOCK_SIZE_EXCEEDED",
        format!("The maximum block size allowed is {MAX_BLOCK_BYTES} bytes; got {len} bytes."),
    )
}

/// Routes of the DBFS API.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/2.0/dbfs/create", post(handlers::create))
        .route("/api/2.0/dbfs/add-block", post(handlers::add_block))
        .route("/api/2.0/dbfs/close", post(handlers::close))
        .route("/api/2.0/dbfs/put", post(handlers::put))
        .route("/api/2.0/dbfs/read", get(handlers::read))
        .route("/api/2.0/dbfs/get-status", get(handlers::get_status))
        .route("/api/2.0/dbfs/list", get(handlers::list))
        .route("/api/2.0/dbfs/mkdirs", post(handlers::mkdirs))
        .route("/api/2.0/dbfs/move", post(handlers::move_))
        .route("/api/2.0/dbfs/delete", post(handlers::delete))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(dbfs_path("dbfs:/a/b").unwrap(), "/a/b");
        assert_eq!(dbfs_path("/a/b/").unwrap(), "/a/b");
        assert_eq!(dbfs_path("dbfs:/").unwrap(), "/");
        for bad in ["a", "dbfs:a", "/a//b", "/a/../b", "/./a", "/a\0", "//", ""] {
            assert_eq!(
                dbfs_path(bad).unwrap_err().code,
                "INVALID_PARAMETER_VALUE",
                "{bad}"
            );
        }
    }

    #[test]
    fn tree_queries() {
        let mut s = DbfsState::default();
        s.store("/a/b/c.txt", Bytes::from_static(b"x"), 1);
        s.store("/a-b", Bytes::from_static(b"y"), 1);
        let kids: Vec<_> = s.children("/a").map(|(k, _)| k.clone()).collect();
        assert_eq!(kids, vec!["/a/b"]);
        let top: Vec<_> = s.children("/").map(|(k, _)| k.clone()).collect();
        assert_eq!(top, vec!["/a", "/a-b"]);
        assert_eq!(s.descendants("/a").count(), 2);
        assert!(s.check_parents("/a/b/c.txt/d").is_err());
        let text = serde_json::to_string(&s).unwrap();
        assert!(text.contains("\"eA==\""), "{text}");
        assert_eq!(serde_json::from_str::<DbfsState>(&text).unwrap(), s);
    }
}
