//! # databricks-workspace
//!
//! The Databricks [Workspace API](https://docs.databricks.com/api/workspace/workspace) for the
//! databricks-rs SDK, through [`WorkspaceApi`]: notebooks, workspace files, directories and
//! repos in the workspace tree — the six endpoints (`list`, `get-status`, `mkdirs`, `import`
//! as JSON and multipart, `export` as JSON and direct download, `delete`), the permissions of
//! workspace objects, and the helpers [`WorkspaceApi::upload`], [`WorkspaceApi::download`]
//! and [`WorkspaceApi::list_recursive`].
//!
//! [`WorkspaceApi`] wraps a [`databricks_core::Client`], which provides authentication,
//! retries and typed errors. Most users reach it through the umbrella crate
//! (`databricks::Client::workspace()`).
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_core::Client;
//! use databricks_workspace::{Delete, ExportFormat, ImportFormat, ObjectType, WorkspaceApi};
//! use futures_util::TryStreamExt;
//!
//! let ws = WorkspaceApi::new(Client::from_env()?);
//! let home = "/Users/me@example.com";
//!
//! ws.mkdirs(&format!("{home}/etl")).await?;
//! // `SOURCE` with the language from the suffix: a Python notebook named `ingest.py`.
//! ws.upload(&format!("{home}/etl/ingest.py"), "# Databricks notebook source\nprint(1)\n")
//!     .overwrite(true)
//!     .await?;
//! // `AUTO`: a notebook named `report` (extension stripped, header detected).
//! ws.upload(&format!("{home}/etl/report.py"), "# Databricks notebook source\nprint(2)\n")
//!     .format(ImportFormat::Auto)
//!     .await?;
//!
//! let ipynb = ws
//!     .download(&format!("{home}/etl/report"), Some(ExportFormat::Jupyter))
//!     .await?
//!     .bytes()
//!     .await?;
//!
//! let notebooks: Vec<_> = ws
//!     .list_recursive(home)
//!     .try_filter(|o| std::future::ready(o.object_type == Some(ObjectType::Notebook)))
//!     .try_collect()
//!     .await?;
//! ws.delete(Delete::new(format!("{home}/etl")).recursive(true)).await?;
//! # let _ = (ipynb, notebooks); Ok(()) }
//! ```
//!
//! ## Formats
//!
//! [`ImportFormat`] / [`ExportFormat`]: `SOURCE` (the default: `.py`, `.scala`, `.sql`, `.r`
//! source, starting with the `Databricks notebook source` header), `HTML`, `JUPYTER`
//! (`.ipynb`), `DBC` (a Databricks archive, notebooks only, for directories too),
//! `R_MARKDOWN` (`.Rmd`), `AUTO` (notebook or file, detected) and `RAW` (a workspace file's
//! bytes). A single `SOURCE` notebook import needs a [`Language`]; [`WorkspaceApi::upload`]
//! infers it from the path's suffix as the official SDKs do.
//!
//! ## Limits
//!
//! The JSON `import` and `export` carry base64 content of at most 10 MB
//! ([`MAX_JSON_CONTENT_BYTES`], checked before sending on import); the multipart import
//! ([`WorkspaceApi::import_multipart`], [`WorkspaceApi::upload`]) and the direct-download
//! export ([`WorkspaceApi::download`]) carry raw bytes beyond it. [`WorkspaceApi::upload`]
//! streams a reader or a local file ([`UploadSource::reader_with_size`] and
//! [`UploadSource::file`] with an exact `Content-Length`, [`UploadSource::reader`] chunked),
//! and [`WorkspaceApi::download`] hands out the body as it arrives: memory stays bounded
//! whatever the size. Local failures (opening or reading a source) are
//! [`Error::Io`](databricks_core::Error::Io).
//!
//! ## Permissions
//!
//! [`WorkspaceApi::permissions`] gives the generic Permissions API for one
//! [`WorkspaceObjectType`] (`notebooks`, `directories`, `files`, `repos`, ...), typed by
//! [`WorkspaceObjectPermissionLevel`]; `get_permissions`, `set_permissions`,
//! `update_permissions` and `get_permission_levels` are shortcuts taking an [`ObjectId`].
//!
//! ## Retries
//!
//! `list`, `get-status`, `export`, `mkdirs` and `delete` are retried on transient failures;
//! `import` only with `overwrite` set (otherwise a repeat after a success would report
//! `RESOURCE_ALREADY_EXISTS`), and never when its content is streamed from a reader or a file
//! (the body cannot be replayed).
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod model;
mod transfer;

pub use api::{MAX_JSON_CONTENT_BYTES, WorkspaceApi};
pub use model::{
    Delete, DirectoryInfo, ExportFormat, ExportRequest, ExportResponse, Import, ImportFormat,
    Language, ListRequest, ObjectId, ObjectInfo, ObjectType, WorkspaceObjectPermissionLevel,
    WorkspaceObjectType,
};
pub use transfer::{Download, Upload, UploadSource};
