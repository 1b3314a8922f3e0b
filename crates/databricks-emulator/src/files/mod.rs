//! Files API (`/api/2.0/fs/files{path}` and `/api/2.0/fs/directories{path}`): raw bytes in
//! Unity Catalog volumes, after `shared/api/extras.md` section 2.
//!
//! - Paths are absolute and percent-decoded from the URL (names with spaces, `#`, `?` or any
//!   Unicode work). They must lie in a volume, `/Volumes/<catalog>/<schema>/<volume>/...`;
//!   volumes exist implicitly (any names are accepted; the volume root is an empty directory
//!   until something is written into it). Other roots (`/Workspace/...`, `/tmp`, `/Volumes/c`)
//!   are 400 `INVALID_PARAMETER_VALUE`: the service documents volumes only, so the emulator
//!   does not map workspace paths onto the workspace tree. `.`, `..`, empty components and NUL
//!   are 400 `INVALID_PARAMETER_VALUE`; a trailing `/` is dropped.
//! - Permissions: there are no Unity Catalog grants in the emulator, so the admin and every
//!   authenticated user may read and write every volume.
//! - `PUT` file: the body is raw bytes whatever the `Content-Type` (fixed length or chunked),
//!   streamed into the stored file (read once, held once), up to [`MAX_UPLOAD_BYTES`] (5 GiB;
//!   over it 413 `REQUEST_ENTITY_TOO_LARGE`, at once for a declared `Content-Length`, else as
//!   the body streams). Query `overwrite` (default `true`); `false` onto a file is 409
//!   `ALREADY_EXISTS`. Missing parent directories are created. A directory at the path, or a
//!   file in the way of a parent, is 409 `ABORTED` (the conflict status the service answers,
//!   which SDKs do not treat as "already exists"). A refused upload still reads the body first,
//!   so the client sees the error rather than a broken pipe.
//! - `GET` file: the bytes with `content-type: application/octet-stream`, `content-length` and
//!   `last-modified` (HTTP-date). One `Range: bytes=a-b`, `a-` or `-n` gives 206 with
//!   `content-range`; an unsatisfiable range is 416 with `content-range: bytes */<size>`;
//!   several ranges, other units and malformed values are ignored (the whole file, as RFC 9110
//!   allows). `If-Unmodified-Since` earlier than the file's last modification is 412
//!   `FAILED_PRECONDITION` (checked before the range). `HEAD` answers the same status and
//!   headers without a body. A missing file, or a directory at the path, is 404 `NOT_FOUND`.
//! - `DELETE` file: 404 `NOT_FOUND` when there is no file at the path (a directory included).
//! - `PUT` directory: creates it with its parents; idempotent; a file at the path or in the
//!   way is 409 `ABORTED`.
//! - `GET` directory: `{"contents": [DirectoryEntry], "next_page_token"}` sorted by name,
//!   [`MAX_PAGE_SIZE`] entries per page by default and at most (larger `page_size` values are
//!   coerced; `0` means the default, as an unset proto3 field; negative is 400
//!   `INVALID_PARAMETER_VALUE`). `next_page_token` is opaque and absent on the last page; a
//!   token that is not one of ours, or is for another directory, is 400
//!   `INVALID_PARAMETER_VALUE`. An empty directory answers `{}`. A missing directory, or a file
//!   at the path, is 404 `NOT_FOUND`. `HEAD` directory: 200, or 404 without a body.
//! - `DELETE` directory: only an empty one; a non-empty one is 400 `INVALID_PARAMETER_VALUE`
//!   with the `ErrorInfo` reason `FILES_API_DIRECTORY_IS_NOT_EMPTY` (the Databricks CLI keys
//!   on it); a missing one is 404 `NOT_FOUND` with reason `FILES_API_DIRECTORY_IS_NOT_FOUND`.
//!   A volume root cannot be deleted (400 `INVALID_PARAMETER_VALUE`).
//! - Large transfers: this workspace has no presigned URLs. `POST
//!   /api/2.0/fs/create-download-url`, `create-upload-part-urls`, `create-resumable-upload-url`
//!   and `create-abort-upload-url` answer 403 `PERMISSION_DENIED` with reason
//!   `FILES_API_API_IS_NOT_ENABLED`, which the Python SDK takes as "use the Files API
//!   directly". `POST {file}?action=initiate-upload` opens a multipart session (same checks as
//!   a `PUT`), so SDKs that initiate first reach that refusal and fall back to a single `PUT`;
//!   `action=abort-upload` succeeds; `action=complete-upload` is 400 (no part can have been
//!   uploaded). `GET /api/2.0/fs/endpoints` is not served (404), as on workspaces without it.

mod body;
mod handlers;
mod range;

use axum::Router;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::routing::{get, post};
use http::StatusCode;
use http::request::Parts;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::fs_tree::{FileTree, Node, name, normalize};
use crate::workspace::AppState;

/// Largest file of one `PUT`: 5 GiB.
pub(crate) const MAX_UPLOAD_BYTES: u64 = 5 * 1024 * 1024 * 1024;
/// Default and largest `page_size` of a directory listing.
pub(crate) const MAX_PAGE_SIZE: usize = 1000;

/// The volume root as a node: it exists as soon as it is named.
static VOLUME_ROOT: Node = Node::Dir {
    modification_time: 0,
};

/// The files and directories of every volume.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct FilesState {
    /// Nodes by absolute path (`/Volumes/c/s/v/...`); volume roots are implicit.
    pub(crate) nodes: FileTree,
}

impl FilesState {
    /// The modification times (epoch ms, ascending) of the files at or below `url`: a volume
    /// path (`/Volumes/<catalog>/<schema>/<volume>/...`, also as `dbfs:/Volumes/...`, with or
    /// without a trailing `/`). Empty for anything else (cloud URLs: the emulator has no
    /// external locations). What a job's file arrival trigger watches.
    pub(crate) fn modification_times(&self, url: &str) -> Vec<i64> {
        let path = url.strip_prefix("dbfs:").unwrap_or(url);
        let Ok(path) = crate::fs_tree::normalized(path) else {
            return Vec::new();
        };
        if !path.starts_with("/Volumes/") {
            return Vec::new();
        }
        let own = self.nodes.get(path).into_iter();
        let below = self.nodes.descendants(path).map(|(_, node)| node);
        let mut times: Vec<i64> = own
            .chain(below)
            .filter_map(|node| match node {
                Node::File {
                    modification_time, ..
                } => Some(*modification_time),
                Node::Dir { .. } => None,
            })
            .collect();
        times.sort_unstable();
        times
    }

    /// The node at a volume path (a volume root is always a directory).
    fn get(&self, path: &VolumePath) -> Option<&Node> {
        if path.is_root() {
            Some(&VOLUME_ROOT)
        } else {
            self.nodes.get(&path.path)
        }
    }

    /// Fails with 409 `ABORTED` when a file is in the way of `path`'s parents.
    fn check_parents(&self, path: &VolumePath) -> ApiResult<()> {
        match self.nodes.file_ancestor(&path.path) {
            Some(file) => Err(aborted(format!(
                "Cannot create {}: a file already exists at {file}.",
                path.path
            ))),
            None => Ok(()),
        }
    }
}

/// A validated path inside a volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VolumePath {
    /// Normalized absolute path.
    pub(crate) path: String,
    /// Length of the `/Volumes/<catalog>/<schema>/<volume>` prefix.
    root_len: usize,
}

impl VolumePath {
    /// Validates a decoded absolute path.
    pub(crate) fn parse(raw: &str) -> ApiResult<Self> {
        let path = normalize(raw, raw)?;
        let parts: Vec<&str> = path.split('/').skip(1).collect();
        if parts.len() < 4 || parts[0] != "Volumes" {
            return Err(ApiError::invalid_parameter_value(format!(
                "Invalid path {raw}: the Files API takes paths in Unity Catalog volumes, \
                 /Volumes/<catalog_name>/<schema_name>/<volume_name>/<path>."
            )));
        }
        let root_len = parts[..4].iter().map(|p| p.len() + 1).sum();
        Ok(Self { path, root_len })
    }

    /// `/Volumes/<catalog>/<schema>/<volume>`.
    pub(crate) fn root(&self) -> &str {
        &self.path[..self.root_len]
    }

    /// Whether this is the volume root itself.
    pub(crate) fn is_root(&self) -> bool {
        self.path.len() == self.root_len
    }
}

/// The path of a Files API request (the `{*path}` capture, percent-decoded), validated.
pub(crate) struct FilesPath(pub(crate) VolumePath);

impl FromRequestParts<AppState> for FilesPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::invalid_parameter_value(format!("Invalid path: {e}")))?;
        let captured = params
            .iter()
            .find(|(k, _)| *k == "path")
            .map(|(_, v)| v)
            .unwrap_or_default();
        VolumePath::parse(&format!("/{captured}")).map(FilesPath)
    }
}

/// 409 `ABORTED`: a node of the other kind is in the way.
fn aborted(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, "ABORTED", message)
}

/// 409 `ALREADY_EXISTS`: `overwrite=false` onto an existing file.
fn already_exists() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "ALREADY_EXISTS",
        "The file being created already exists.",
    )
}

/// 404 `NOT_FOUND` for a file.
fn no_such_file(path: &str) -> ApiError {
    ApiError::not_found(format!("The file {path} does not exist."))
}

/// 404 `NOT_FOUND` for a directory, with its `ErrorInfo` reason.
fn no_such_directory(path: &str) -> ApiError {
    ApiError::not_found(format!("The directory {path} does not exist."))
        .with_reason("FILES_API_DIRECTORY_IS_NOT_FOUND")
}

/// A `DirectoryEntry`.
fn entry(path: &str, node: &Node) -> Value {
    match node {
        Node::Dir { .. } => json!({ "path": path, "name": name(path), "is_directory": true }),
        Node::File {
            data,
            modification_time,
        } => json!({
            "path": path, "name": name(path), "is_directory": false,
            "file_size": data.len(), "last_modified": modification_time,
        }),
    }
}

/// 403 `PERMISSION_DENIED` (`FILES_API_API_IS_NOT_ENABLED`): no presigned URLs here.
async fn presigned_urls_disabled() -> ApiError {
    ApiError::permission_denied(
        "Presigned URLs are not enabled for this workspace; use the Files API directly.",
    )
    .with_reason("FILES_API_API_IS_NOT_ENABLED")
}

/// Routes of the Files API.
pub(crate) fn routes() -> Router<AppState> {
    let mut router = Router::new()
        .route(
            "/api/2.0/fs/files/{*path}",
            // HEAD is the GET handler with the body stripped (same status and headers).
            get(handlers::download)
                .put(handlers::upload)
                .delete(handlers::delete_file)
                .post(handlers::file_action),
        )
        .route(
            "/api/2.0/fs/directories/{*path}",
            get(handlers::list_directory)
                .head(handlers::directory_metadata)
                .put(handlers::create_directory)
                .delete(handlers::delete_directory),
        );
    for helper in [
        "create-download-url",
        "create-upload-part-urls",
        "create-resumable-upload-url",
        "create-abort-upload-url",
    ] {
        router = router.route(
            &format!("/api/2.0/fs/{helper}"),
            post(presigned_urls_disabled),
        );
    }
    router
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    #[test]
    fn modification_times_under_a_url() {
        let mut files = FilesState::default();
        let root = "/Volumes/c/s/v";
        for (path, t) in [("/Volumes/c/s/v/in/b", 30), ("/Volumes/c/s/v/in/a", 20)] {
            files.nodes.store(path, root, Bytes::from_static(b"x"), t);
        }
        files
            .nodes
            .store("/Volumes/c/s/v/inside", root, Bytes::new(), 10);
        for url in [
            "/Volumes/c/s/v/in",
            "/Volumes/c/s/v/in/",
            "dbfs:/Volumes/c/s/v/in/",
        ] {
            assert_eq!(files.modification_times(url), vec![20, 30], "{url}");
        }
        assert_eq!(files.modification_times("/Volumes/c/s/v"), vec![10, 20, 30]);
        assert_eq!(files.modification_times("/Volumes/c/s/v/in/a"), vec![20]);
        for url in [
            "s3://b/Volumes/c/s/v/in",
            "/tmp",
            "Volumes/c/s/v",
            "/Volumes/c/../v",
        ] {
            assert!(files.modification_times(url).is_empty(), "{url}");
        }
    }

    #[test]
    fn volume_paths() {
        let p = VolumePath::parse("/Volumes/c/s/v/a b/ü#?.txt").unwrap();
        assert_eq!(p.root(), "/Volumes/c/s/v");
        assert!(!p.is_root());
        let root = VolumePath::parse("/Volumes/c/s/v/").unwrap();
        assert!(root.is_root());
        assert_eq!(root.path, "/Volumes/c/s/v");
        for bad in [
            "/Volumes/c/s",
            "/Volumes",
            "/Workspace/Users/a/b",
            "/tmp/x",
            "/volumes/c/s/v/x",
            "/Volumes/c/s/v/../x",
            "/Volumes/c//s/v",
            "/Volumes/c/s/v/./x",
            "/Volumes/c/s/v/x\0",
        ] {
            assert_eq!(
                VolumePath::parse(bad).unwrap_err().code,
                "INVALID_PARAMETER_VALUE",
                "{bad}"
            );
        }
    }

    #[test]
    fn entries() {
        let file = Node::File {
            data: bytes::Bytes::from_static(b"abc"),
            modification_time: 7,
        };
        assert_eq!(
            entry("/Volumes/c/s/v/f", &file),
            json!({ "path": "/Volumes/c/s/v/f", "name": "f", "is_directory": false,
                    "file_size": 3, "last_modified": 7 })
        );
        let dir = Node::Dir {
            modification_time: 7,
        };
        assert_eq!(
            entry("/Volumes/c/s/v/d", &dir),
            json!({ "path": "/Volumes/c/s/v/d", "name": "d", "is_directory": true })
        );
    }
}
