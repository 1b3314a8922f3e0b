//! # databricks-dbfs
//!
//! The Databricks [DBFS API](https://docs.databricks.com/api/workspace/dbfs) for the
//! databricks-rs SDK, through [`DbfsApi`]: the ten endpoints (`create`, `add-block`, `close`,
//! `put` as JSON and multipart, `read`, `get-status`, `list`, `mkdirs`, `move`, `delete`) and
//! the streaming helpers most programs reach for first.
//!
//! [`DbfsApi`] wraps a [`databricks_core::Client`], which provides authentication, retries and
//! typed errors. Most users reach it through the umbrella crate (`databricks::Client::dbfs()`).
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
//!   [`DbfsApi::upload_file`]: a source of at most 1 MiB goes in one multipart `put`; larger
//!   ones (or of unknown length) through `create` / 1 MiB `add-block`s / `close`, encoding the
//!   next block while the current one is sent. The bytes go to a temporary sibling that is
//!   moved into place once complete; on failure the temporary is removed and an existing
//!   target is left as it was.
//! - [`DbfsApi::download`] (a [`Download`] stream of [`Bytes`](bytes::Bytes), or an
//!   `AsyncRead` through [`Download::into_async_read`]) and [`DbfsApi::download_file`]
//!   (temporary file, renamed once complete): 1 MiB reads, at most two in flight.
//! - [`DbfsApi::upload_dir`] / [`DbfsApi::download_dir`] copy trees, file by file.
//!
//! Every transfer takes a progress callback (`.on_progress(|p: Progress| ...)`) called after
//! each block with the bytes done and the total when known.
//!
//! ## Retries
//!
//! Reads, `get-status`, `list`, `mkdirs` and `delete` are retried on transient failures;
//! `create`, `add-block`, `close` and `move` are not once they may have reached the service
//! (an `add-block` repeated would append twice); `put` only with `overwrite` set.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod dirs;
mod download;
mod model;
mod multipart;
mod path;
mod upload;

pub use api::{DbfsApi, MAX_BLOCK_BYTES, MAX_MULTIPART_PUT_BYTES, MAX_READ_BYTES};
pub use dirs::CopyDir;
pub use download::{Download, DownloadFile};
pub use model::{
    CopySummary, Create, Delete, FileInfo, Move, Progress, Put, Read, ReadResponse, StreamHandle,
};
pub use upload::{Upload, UploadFile};
