//! The Databricks [Files API](https://docs.databricks.com/api/workspace/files) (`/api/2.0/fs/`):
//! files and directories of Unity Catalog volumes as raw bytes, through [`FilesApi`].
//!
//! Unlike DBFS, the content travels as raw bytes (no base64, no 1 MiB blocks): one `PUT` per
//! upload (up to [`MAX_UPLOAD_BYTES`], 5 GiB) and one `GET` per download, both streamed with
//! bounded memory. Metadata comes back in response headers (`HEAD`).
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_core::Client;
//! use databricks_dbfs::files::{FilesApi, UploadSource};
//! use futures_util::TryStreamExt;
//!
//! let files = FilesApi::new(Client::from_env()?);
//! let dir = "/Volumes/main/raw/landing/2024/06/12";
//! files.create_directory(dir).await?;
//!
//! // From memory, a local file (streamed, exact Content-Length) or any AsyncRead.
//! files.upload(&format!("{dir}/orders.csv"), UploadSource::file("./orders.csv"), true).await?;
//!
//! let meta = files.get_metadata(&format!("{dir}/orders.csv")).await?;
//! println!("{:?} bytes, modified {:?}", meta.content_length, meta.last_modified);
//!
//! // A stream of chunks, a range of the file, or straight to a local file.
//! let head = files.download(&format!("{dir}/orders.csv")).range(..1024).await?.bytes().await?;
//! files.download_file(&format!("{dir}/orders.csv"), "./copy.csv").await?;
//!
//! let entries: Vec<_> = files.list_directory_contents(dir).try_collect().await?;
//! for entry in &entries {
//!     files.delete(&entry.path).await?;
//! }
//! files.delete_directory(dir).await?;
//! # let _ = head; Ok(()) }
//! ```
//!
//! ## Paths
//!
//! Paths are absolute (`/Volumes/<catalog>/<schema>/<volume>/...`). Each segment is
//! percent-encoded into the URL with `/` kept, as the official SDKs do, so names with spaces,
//! `#`, `?`, `%` or non-ASCII characters work. An empty or relative path, NUL, or a `.` / `..`
//! segment is [`Error::InvalidInput`](databricks_core::Error::InvalidInput) before anything is
//! sent.
//!
//! ## Errors
//!
//! A missing file or directory is an error for which
//! [`is_not_found`](databricks_core::Error::is_not_found) holds, also from `HEAD`, whose
//! answers have no body (the code then comes from the status: `NOT_FOUND`). An upload without
//! `overwrite` onto an existing file is
//! [`is_already_exists`](databricks_core::Error::is_already_exists) (409); a range the file
//! cannot satisfy has status 416; a failed `If-Unmodified-Since`, 412. Local failures
//! (opening, reading, writing a local file) are [`Error::Io`](databricks_core::Error::Io).

mod api;
mod download;
mod model;
mod path;
mod upload;

pub use crate::model::Progress;
pub use api::FilesApi;
pub use download::{Download, DownloadFile, DownloadResponse};
pub use model::{
    DirectoryEntry, FileMetadata, ListDirectoryContentsRequest, ListDirectoryResponse,
};
pub use upload::{MAX_UPLOAD_BYTES, Upload, UploadSource};
