//! Request and response types of the Files API.

use databricks_core::{HeaderMap, Timestamp};
use serde::{Deserialize, Serialize};

/// One entry of a directory listing ([`FilesApi::list_directory_contents`]).
///
/// [`FilesApi::list_directory_contents`]: crate::files::FilesApi::list_directory_contents
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DirectoryEntry {
    /// The absolute path, e.g. `/Volumes/main/raw/landing/orders.csv`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub path: String,
    /// The last path component (`orders.csv`).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub name: String,
    /// Whether this is a directory.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub is_directory: bool,
    /// The size in bytes; absent for directories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_size: Option<i64>,
    /// The last modification time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<Timestamp>,
}

/// `GET /api/2.0/fs/directories{directory_path}`: which directory to list, and how.
///
/// ```
/// use databricks_dbfs::files::ListDirectoryContentsRequest;
///
/// let request = ListDirectoryContentsRequest {
///     page_size: Some(100),
///     ..ListDirectoryContentsRequest::new("/Volumes/main/raw/landing")
/// };
/// # let _ = request;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ListDirectoryContentsRequest {
    /// The absolute path of the directory (sent in the URL path, not the query).
    #[serde(skip)]
    pub directory_path: String,
    /// Entries per page: at most 1000, the service's default (larger values are lowered to
    /// it). [`Paginator::page_size`](databricks_core::Paginator::page_size) overrides it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    /// Where to start; the paginator sets it for the following pages (`next_page_token`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
}

impl ListDirectoryContentsRequest {
    /// A listing of `directory_path` with the service's page size.
    pub fn new(directory_path: impl Into<String>) -> Self {
        Self {
            directory_path: directory_path.into(),
            ..Self::default()
        }
    }
}

impl From<&str> for ListDirectoryContentsRequest {
    fn from(directory_path: &str) -> Self {
        Self::new(directory_path)
    }
}

impl From<String> for ListDirectoryContentsRequest {
    fn from(directory_path: String) -> Self {
        Self::new(directory_path)
    }
}

/// One page of a directory listing.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListDirectoryResponse {
    /// The entries of this page.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub contents: Vec<DirectoryEntry>,
    /// The token of the next page; absent on the last page (an empty page may still have
    /// one: only its absence means the end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

/// What the service says of a file in the headers of a `HEAD` or `GET`: its length, content
/// type and last modification time. From [`FilesApi::get_metadata`] and
/// [`DownloadResponse::metadata`].
///
/// [`FilesApi::get_metadata`]: crate::files::FilesApi::get_metadata
/// [`DownloadResponse::metadata`]: crate::files::DownloadResponse::metadata
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileMetadata {
    /// `Content-Length`: the file's size in bytes (for a ranged download, the length of the
    /// range sent).
    pub content_length: Option<u64>,
    /// `Content-Type`, e.g. `application/octet-stream`.
    pub content_type: Option<String>,
    /// `Last-Modified`, parsed (HTTP-dates have whole seconds). `None` when absent or not a
    /// date; the header as sent is in [`last_modified_raw`](Self::last_modified_raw).
    pub last_modified: Option<Timestamp>,
    /// `Last-Modified` as sent, e.g. `Wed, 12 Jun 2024 08:34:12 GMT`.
    pub last_modified_raw: Option<String>,
}

impl FileMetadata {
    /// Reads the metadata headers of a response.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Self {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_owned())
        };
        let last_modified_raw = text("last-modified");
        Self {
            content_length: text("content-length").and_then(|v| v.parse().ok()),
            content_type: text("content-type"),
            last_modified: last_modified_raw
                .as_deref()
                .and_then(Timestamp::from_http_date),
            last_modified_raw,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_from_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("content-length", "48213".parse().unwrap());
        headers.insert("content-type", "application/octet-stream".parse().unwrap());
        headers.insert(
            "last-modified",
            "Wed, 12 Jun 2024 08:34:12 GMT".parse().unwrap(),
        );
        let m = FileMetadata::from_headers(&headers);
        assert_eq!(m.content_length, Some(48213));
        assert_eq!(m.content_type.as_deref(), Some("application/octet-stream"));
        assert_eq!(
            m.last_modified,
            Some(Timestamp::from_millis(1_718_181_252_000))
        );
        assert_eq!(
            m.last_modified_raw.as_deref(),
            Some("Wed, 12 Jun 2024 08:34:12 GMT")
        );

        headers.insert("last-modified", "soon".parse().unwrap());
        headers.remove("content-length");
        let m = FileMetadata::from_headers(&headers);
        assert_eq!(m.content_length, None);
        assert_eq!(m.last_modified, None);
        assert_eq!(m.last_modified_raw.as_deref(), Some("soon"));
    }
}
