//! # databricks-dbfs
//!
//! The Databricks [DBFS API](https://docs.databricks.com/api/workspace/dbfs) for the
//! databricks-rs SDK, through [`DbfsApi`]: the ten endpoints (`create`, `add-block`, `close`,
//! `put` as JSON and multipart, `read`, `get-status`, `list`, `mkdirs`, `move`, `delete`) and
//! the streaming helpers most programs reach for first.
//!
//! The crate also holds the [Files API](https://docs.databricks.com/api/workspace/files)
//! (`/api/2.0/fs/`, raw bytes over Unity Catalog volume paths) in the [`files`] module:
//! [`files::FilesApi`] with `upload`, `download`, `download_file`, `get_metadata`, `delete`,
//! `create_directory`, `list_directory_contents`, `get_directory_metadata` and
//! `delete_directory`.
//!
//! [`DbfsApi`] and [`files::FilesApi`] wrap a [`databricks_core::Client`], which provides
//! authentication, retries and typed errors. Most users reach them through the umbrella crate
//! (`databricks::Client::dbfs()` and `databricks::Client::files()`, feature `dbfs`).
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_core::Client;
//! use databricks_dbfs::DbfsApi;
//! use futures_util::TryStreamExt;
//!
//! let dbfs = DbfsApi::new(Client::from_env()?);
//!
//! // Any size, bounded memory, never a truncated file at the target.
//! dbfs.upload_file("./events.jsonl", "dbfs:/tmp/events.jsonl", true)
//!     .on_progress(|p| eprintln!("{} / {:?} bytes", p.bytes_done, p.total_bytes))
//!     .await?;
//!
//! // 1 MiB reads as the stream is consumed.
//! let mut download = dbfs.download("/tmp/events.jsonl").await?;
//! while let Some(chunk) = download.try_next().await? {
//!     // ...
//! #   let _ = chunk;
//! }
//! dbfs.download_file("/tmp/events.jsonl", "./copy.jsonl").await?;
//!
//! // Everything below a directory.
//! let files: Vec<_> = dbfs.list_recursive("/tmp").try_filter(|f| std::future::ready(!f.is_dir)).try_collect().await?;
//! # let _ = files; Ok(()) }
//! ```
//!
//! ## Paths
//!
//! Paths are absolute; `dbfs:/tmp/a` and `/tmp/a` name the same file (the prefix is stripped
//! before sending, and answers never carry it). A relative path is
//! [`Error::InvalidInput`](databricks_core::Error::InvalidInput), before anything is sent, as
//! are blocks and inline puts over [`MAX_BLOCK_BYTES`], reads over [`MAX_READ_BYTES`] and
//! negative offsets or lengths.
//!
//! ## Uploads and downloads
//!
//! - [`DbfsApi::upload`] (any [`AsyncRead`](tokio::io::AsyncRead)) and
//!   [`DbfsApi::upload_file`]: a source of known size (a local file, or a reader given
//!   [`Upload::size_hint`]) up to [`MAX_MULTIPART_PUT_BYTES`] goes in one multipart `put`
//!   whose body streams from the source (raw bytes, exact `Content-Length`, a few 256 KiB
//!   chunks in memory); a source of unknown size goes in one `put` when it ends within 1 MiB,
//!   else (like a known size over the limit) through `create` / 1 MiB `add-block`s / `close`,
//!   encoding the next block while the current one is sent. The bytes go to a temporary
//!   sibling that is moved into place once complete; on failure the temporary is removed and
//!   an existing target is left as it was.
//! - [`DbfsApi::download`] (a [`Download`] stream of [`Bytes`](bytes::Bytes), or an
//!   `AsyncRead` through [`Download::into_async_read`]) and [`DbfsApi::download_file`]
//!   (temporary file, renamed once complete): 1 MiB reads, at most two in flight.
//! - [`DbfsApi::upload_dir`] / [`DbfsApi::download_dir`] copy trees, file by file.
//!
//! Every transfer takes a progress callback (`.on_progress(|p: Progress| ...)`) called as
//! the bytes go (each chunk or block) with the bytes done and the total when known. Local
//! failures (opening, reading or writing a local file) are
//! [`Error::Io`](databricks_core::Error::Io).
//!
//! ## Files API
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_core::Client;
//! use databricks_dbfs::files::{FilesApi, UploadSource};
//!
//! let files = FilesApi::new(Client::from_env()?);
//! files
//!     .upload("/Volumes/main/raw/landing/events.jsonl", UploadSource::file("./events.jsonl"), true)
//!     .await?;
//! let meta = files.get_metadata("/Volumes/main/raw/landing/events.jsonl").await?;
//! files.download_file("/Volumes/main/raw/landing/events.jsonl", "./copy.jsonl").await?;
//! # let _ = meta; Ok(()) }
//! ```
//!
//! See the [`files`] module for paths, sources, ranges and errors.
//!
//! ## Retries
//!
//! Reads, `get-status`, `list`, `mkdirs` and `delete` are retried on transient failures;
//! `create`, `add-block`, `close` and `move` are not once they may have reached the service
//! (an `add-block` repeated would append twice); `put` only with `overwrite` set. A streamed
//! `put` is never repeated by the transport (its body cannot be replayed): the upload helpers
//! send the `put` of a local file again from the start after a transient failure (at most 3
//! attempts, and block by block after a per-attempt timeout), and report the failure of one
//! from an arbitrary reader.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod dirs;
mod download;
pub mod files;
mod model;
mod path;
mod upload;

pub use api::{DbfsApi, MAX_BLOCK_BYTES, MAX_MULTIPART_PUT_BYTES, MAX_READ_BYTES};
pub use dirs::CopyDir;
pub use download::{Download, DownloadFile};
pub use model::{
    CopySummary, Create, Delete, FileInfo, Move, Progress, Put, Read, ReadResponse, StreamHandle,
};
pub use upload::{Upload, UploadFile};
