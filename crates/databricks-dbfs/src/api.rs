//! The [`DbfsApi`] handle: the ten REST endpoints and the small helpers over them.

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::{Bytes, BytesMut};
use databricks_core::paginate::Page;
use databricks_core::{Client, Error, ErrorCode, Method, Paginator, Result};
use serde::{Deserialize, Serialize};

use crate::model::{Create, Delete, FileInfo, Move, Put, Read, ReadResponse, StreamHandle};
use crate::path::{normalize, split};
use databricks_core::multipart::Multipart;

pub(crate) const CREATE: &str = "/api/2.0/dbfs/create";
pub(crate) const ADD_BLOCK: &str = "/api/2.0/dbfs/add-block";
pub(crate) const CLOSE: &str = "/api/2.0/dbfs/close";
pub(crate) const PUT: &str = "/api/2.0/dbfs/put";
pub(crate) const READ: &str = "/api/2.0/dbfs/read";
pub(crate) const GET_STATUS: &str = "/api/2.0/dbfs/get-status";
pub(crate) const LIST: &str = "/api/2.0/dbfs/list";
pub(crate) const MKDIRS: &str = "/api/2.0/dbfs/mkdirs";
pub(crate) const MOVE: &str = "/api/2.0/dbfs/move";
pub(crate) const DELETE: &str = "/api/2.0/dbfs/delete";

/// The largest block `add-block` and inline `put` accept, decoded: 1 MiB.
pub const MAX_BLOCK_BYTES: usize = 1024 * 1024;

/// The largest `length` of a `read`: 1 MiB.
pub const MAX_READ_BYTES: i64 = 1024 * 1024;

/// The largest file one multipart `put` may carry (the legacy CLI's bound): 2 GiB.
pub const MAX_MULTIPART_PUT_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The DBFS API (`/api/2.0/dbfs/`): files and directories of the Databricks File System.
///
/// Cheap to clone; holds a clone of the [`Client`]. Paths are absolute, with or without the
/// `dbfs:` prefix (`/tmp/a.csv` and `dbfs:/tmp/a.csv` are the same file); the prefix is
/// stripped before sending, and paths in answers never have it. Obvious mistakes (a relative
/// path, a block over 1 MiB, a read over 1 MiB, a negative offset) are
/// [`Error::InvalidInput`] without anything sent.
///
/// Besides the endpoints, the handle has the helpers most programs want:
/// [`upload`](Self::upload) / [`upload_file`](Self::upload_file) and
/// [`download`](Self::download) / [`download_file`](Self::download_file) (bounded memory,
/// progress callbacks, never a truncated file at the target),
/// [`list_recursive`](Self::list_recursive), [`upload_dir`](Self::upload_dir) /
/// [`download_dir`](Self::download_dir), [`exists`](Self::exists) and
/// [`delete_recursive`](Self::delete_recursive).
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_dbfs::DbfsApi;
///
/// let dbfs = DbfsApi::new(Client::from_env()?);
/// dbfs.mkdirs("/tmp/reports").await?;
/// dbfs.upload("dbfs:/tmp/reports/hello.txt", &b"hello"[..], true).await?;
/// for file in dbfs.list("/tmp/reports").await? {
///     println!("{} {} bytes", file.path, file.file_size);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct DbfsApi {
    client: Client,
}

impl fmt::Debug for DbfsApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DbfsApi").finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct PathBody<'a> {
    path: &'a str,
}

#[derive(Serialize)]
struct HandleBody {
    handle: StreamHandle,
}

#[derive(Deserialize)]
struct CreateResponse {
    handle: StreamHandle,
}

#[derive(Deserialize)]
struct ListResponse {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    files: Vec<FileInfo>,
}

/// The JSON body of `add-block`, with the base64 written straight into it (one allocation).
/// The multipart form of a `put` of `path`: the fields `path` and `overwrite`, then a file
/// part `contents` whose raw bytes go between `head` and `tail`.
pub(crate) struct PutForm {
    pub head: Bytes,
    pub tail: Bytes,
    pub content_type: String,
}

impl PutForm {
    pub(crate) fn new(path: &str, overwrite: bool) -> Self {
        let (_, name) = split(path);
        let form = Multipart::new()
            .text("path", path)
            .text("overwrite", if overwrite { "true" } else { "false" });
        let content_type = form.content_type();
        let (head, tail) = form.file("contents", name);
        Self {
            head,
            tail,
            content_type,
        }
    }

    /// The length of the whole body around `data_len` bytes of file.
    pub(crate) fn len(&self, data_len: usize) -> usize {
        self.head.len() + data_len + self.tail.len()
    }
}

pub(crate) fn add_block_body(handle: StreamHandle, data: &[u8]) -> Bytes {
    let mut body = String::with_capacity(data.len().div_ceil(3) * 4 + 48);
    body.push_str("{\"handle\":");
    body.push_str(&handle.get().to_string());
    body.push_str(",\"data\":\"");
    STANDARD.encode_string(data, &mut body);
    body.push_str("\"}");
    Bytes::from(body)
}

fn check_block(len: usize, field: &str) -> Result<()> {
    if len > MAX_BLOCK_BYTES {
        return Err(Error::invalid_input(
            field,
            format!("{len} bytes is over the limit of {MAX_BLOCK_BYTES} bytes"),
        ));
    }
    Ok(())
}

impl DbfsApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `POST /api/2.0/dbfs/create`: opens a stream writing `path` and returns its handle.
    /// Follow with [`add_block`](Self::add_block) calls and [`close`](Self::close).
    ///
    /// The handle expires after 10 minutes without a call. Not retried once it may have
    /// reached the service. Errors: `RESOURCE_ALREADY_EXISTS` when the file exists and
    /// `overwrite` is not set.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// use databricks_dbfs::Create;
    ///
    /// let handle = dbfs.create(Create::new("/tmp/big.bin").overwrite(true)).await?;
    /// dbfs.add_block(handle, b"first block").await?;
    /// dbfs.add_block(handle, b"second block").await?;
    /// dbfs.close(handle).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, request: Create) -> Result<StreamHandle> {
        let request = Create {
            path: normalize(&request.path, "path")?,
            ..request
        };
        let created: CreateResponse = self
            .client
            .request(Method::POST, CREATE)
            .json(&request)
            .idempotent(false)
            .send()
            .await?;
        Ok(created.handle)
    }

    /// `POST /api/2.0/dbfs/add-block`: appends `data` (at most [`MAX_BLOCK_BYTES`], sent
    /// base64-encoded) to an open stream.
    ///
    /// Never retried once it may have reached the service (a repeat would append twice).
    /// Errors: `RESOURCE_DOES_NOT_EXIST` for an unknown or expired handle,
    /// `MAX_BLOCK_SIZE_EXCEEDED`.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi, handle: databricks_dbfs::StreamHandle) -> databricks_core::Result<()> {
    /// dbfs.add_block(handle, &[0u8; 1024]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn add_block(&self, handle: StreamHandle, data: &[u8]) -> Result<()> {
        check_block(data.len(), "data")?;
        self.send_block(add_block_body(handle, data)).await
    }

    /// Sends an already encoded `add-block` body.
    pub(crate) async fn send_block(&self, body: Bytes) -> Result<()> {
        self.client
            .request(Method::POST, ADD_BLOCK)
            .body(body, "application/json")
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/dbfs/close`: closes a stream; the file is visible from then on.
    ///
    /// Not retried once it may have reached the service. Errors: `RESOURCE_DOES_NOT_EXIST`
    /// for an unknown or expired handle.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi, handle: databricks_dbfs::StreamHandle) -> databricks_core::Result<()> {
    /// dbfs.close(handle).await?;
    /// # Ok(()) }
    /// ```
    pub async fn close(&self, handle: StreamHandle) -> Result<()> {
        self.client
            .request(Method::POST, CLOSE)
            .json(&HandleBody { handle })
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/dbfs/put` as JSON: writes a whole file of at most [`MAX_BLOCK_BYTES`]
    /// (sent base64-encoded) in one call. For larger files use [`upload`](Self::upload) or
    /// [`put_multipart`](Self::put_multipart).
    ///
    /// Retried on transient failures only with `overwrite` set (then a repeat is harmless).
    /// Errors: `RESOURCE_ALREADY_EXISTS`, `MAX_BLOCK_SIZE_EXCEEDED`.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// use databricks_dbfs::Put;
    ///
    /// dbfs.put(Put::new("/tmp/hello.txt", "Hello world\n").overwrite(true)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn put(&self, request: Put) -> Result<()> {
        if let Some(contents) = &request.contents {
            check_block(contents.len(), "contents")?;
        }
        let overwrite = request.overwrite.unwrap_or(false);
        let request = Put {
            path: normalize(&request.path, "path")?,
            ..request
        };
        self.client
            .request(Method::POST, PUT)
            .json(&request)
            .idempotent(overwrite)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/dbfs/put` as `multipart/form-data`: writes a whole file in one call,
    /// raw bytes without base64, up to [`MAX_MULTIPART_PUT_BYTES`]. The form has the fields
    /// `path` and `overwrite` and a file part named `contents`.
    ///
    /// The body is sent from memory; [`upload`](Self::upload) with a size and
    /// [`upload_file`](Self::upload_file) send the same request with the body streamed from
    /// the source. Retried on transient failures only with `overwrite` set.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// dbfs.put_multipart("/tmp/data.bin", vec![0u8; 4096], true).await?;
    /// # Ok(()) }
    /// ```
    pub async fn put_multipart(
        &self,
        path: &str,
        contents: impl Into<Bytes>,
        overwrite: bool,
    ) -> Result<()> {
        let path = normalize(path, "path")?;
        let contents: Bytes = contents.into();
        if contents.len() as u64 > MAX_MULTIPART_PUT_BYTES {
            return Err(Error::invalid_input(
                "contents",
                format!(
                    "{} bytes is over the multipart put limit of {MAX_MULTIPART_PUT_BYTES} bytes",
                    contents.len()
                ),
            ));
        }
        let form = PutForm::new(&path, overwrite);
        let mut body = BytesMut::with_capacity(form.len(contents.len()));
        body.extend_from_slice(&form.head);
        body.extend_from_slice(&contents);
        drop(contents);
        body.extend_from_slice(&form.tail);
        self.send_put_form(body.freeze(), &form.content_type, overwrite)
            .await
    }

    /// Sends a whole multipart `put` body built around a [`PutForm`].
    pub(crate) async fn send_put_form(
        &self,
        body: Bytes,
        content_type: &str,
        overwrite: bool,
    ) -> Result<()> {
        self.client
            .request(Method::POST, PUT)
            .body(body, content_type)
            .idempotent(overwrite)
            .send_empty()
            .await
    }

    /// `GET /api/2.0/dbfs/read`: reads up to `length` bytes (at most [`MAX_READ_BYTES`];
    /// the service's default is 0.5 MiB) from `offset`. At the end of the file `bytes_read`
    /// is smaller than asked, and 0 past it.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE` (a directory),
    /// `MAX_READ_SIZE_EXCEEDED`.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// use databricks_dbfs::Read;
    ///
    /// let chunk = dbfs.read(Read::new("/tmp/hello.txt").offset(0).length(1 << 20)).await?;
    /// println!("{} bytes: {:?}", chunk.bytes_read, chunk.data);
    /// # Ok(()) }
    /// ```
    pub async fn read(&self, request: Read) -> Result<ReadResponse> {
        let path = normalize(&request.path, "path")?;
        if let Some(offset) = request.offset {
            if offset < 0 {
                return Err(Error::invalid_input("offset", "must not be negative"));
            }
        }
        if let Some(length) = request.length {
            if length < 0 {
                return Err(Error::invalid_input("length", "must not be negative"));
            }
            if length > MAX_READ_BYTES {
                return Err(Error::invalid_input(
                    "length",
                    format!("{length} is over the limit of {MAX_READ_BYTES} bytes"),
                ));
            }
        }
        self.client
            .request(Method::GET, READ)
            .query("path", &path)
            .query_opt("offset", request.offset)
            .query_opt("length", request.length)
            .idempotent(true)
            .send()
            .await
    }

    /// `GET /api/2.0/dbfs/get-status`: metadata of a file or directory.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST`.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// let info = dbfs.get_status("dbfs:/tmp/hello.txt").await?;
    /// println!("{} is {} bytes", info.path, info.file_size);
    /// # Ok(()) }
    /// ```
    pub async fn get_status(&self, path: &str) -> Result<FileInfo> {
        let path = normalize(path, "path")?;
        self.client
            .request(Method::GET, GET_STATUS)
            .query("path", &path)
            .idempotent(true)
            .send()
            .await
    }

    /// `GET /api/2.0/dbfs/list`: the entries of a directory (not recursive; see
    /// [`list_recursive`](Self::list_recursive)), or the file itself when `path` is a file.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST`, `MAX_LIST_SIZE_EXCEEDED`.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// for entry in dbfs.list("/tmp").await? {
    ///     println!("{}{}", entry.path, if entry.is_dir { "/" } else { "" });
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list(&self, path: &str) -> Result<Vec<FileInfo>> {
        let path = normalize(path, "path")?;
        let list: ListResponse = self
            .client
            .request(Method::GET, LIST)
            .query("path", &path)
            .idempotent(true)
            .send()
            .await?;
        Ok(list.files)
    }

    /// `POST /api/2.0/dbfs/mkdirs`: creates a directory and its missing parents (`mkdir -p`);
    /// succeeds when it exists.
    ///
    /// Retried on transient failures. Errors: `RESOURCE_ALREADY_EXISTS` when a file is in the
    /// way (some parents may have been created).
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// dbfs.mkdirs("/tmp/a/b/c").await?;
    /// # Ok(()) }
    /// ```
    pub async fn mkdirs(&self, path: &str) -> Result<()> {
        let path = normalize(path, "path")?;
        self.client
            .request(Method::POST, MKDIRS)
            .json(&PathBody { path: &path })
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/dbfs/move`: moves a file, or a directory with everything in it. (Named
    /// `move_` because `move` is a Rust keyword.)
    ///
    /// Not retried once it may have reached the service. Errors: `RESOURCE_DOES_NOT_EXIST`
    /// (no source), `RESOURCE_ALREADY_EXISTS` (the destination exists).
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// use databricks_dbfs::Move;
    ///
    /// dbfs.move_(Move::new("/tmp/hello.txt", "/tmp/archive/hello.txt")).await?;
    /// # Ok(()) }
    /// ```
    #[doc(alias = "move")]
    #[doc(alias = "rename")]
    pub async fn move_(&self, request: Move) -> Result<()> {
        let request = Move {
            source_path: normalize(&request.source_path, "source_path")?,
            destination_path: normalize(&request.destination_path, "destination_path")?,
        };
        self.client
            .request(Method::POST, MOVE)
            .json(&request)
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/dbfs/delete`: deletes a file, or a directory (a non-empty one only with
    /// `recursive`). Deleting what does not exist succeeds, as on the service.
    ///
    /// Retried on transient failures, including the 503 `PARTIAL_DELETE` of a large recursive
    /// delete (the service made progress and asks for the same call again), within the
    /// client's retry budget; [`delete_recursive`](Self::delete_recursive) goes on until the
    /// tree is gone. Errors: `IO_ERROR` (a non-empty directory without `recursive`),
    /// `PARTIAL_DELETE` (when retries are disabled or exhausted).
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// use databricks_dbfs::Delete;
    ///
    /// dbfs.delete(Delete::new("/tmp/hello.txt")).await?;
    /// dbfs.delete(Delete::new("/tmp/reports").recursive(true)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, request: Delete) -> Result<()> {
        let request = Delete {
            path: normalize(&request.path, "path")?,
            ..request
        };
        self.client
            .request(Method::POST, DELETE)
            .json(&request)
            .idempotent(true)
            .send_empty()
            .await
    }

    /// Deletes `path` recursively, issuing the delete again for as long as the service
    /// answers `PARTIAL_DELETE` (a large tree is deleted in several calls).
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// dbfs.delete_recursive("/tmp/old-exports").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_recursive(&self, path: &str) -> Result<()> {
        let path = normalize(path, "path")?;
        loop {
            match self
                .delete(Delete::new(path.as_str()).recursive(true))
                .await
            {
                Err(e) if e.error_code() == Some(&ErrorCode::PartialDelete) => continue,
                other => return other,
            }
        }
    }

    /// Whether a file or directory exists at `path` (a `get-status` that is not-found is
    /// `false`; other errors are errors).
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// if !dbfs.exists("/tmp/reports").await? {
    ///     dbfs.mkdirs("/tmp/reports").await?;
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn exists(&self, path: &str) -> Result<bool> {
        match self.get_status(path).await {
            Ok(_) => Ok(true),
            Err(e) if e.is_not_found() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Everything below `path`, depth after depth (breadth first): one `list` call per
    /// directory, made only as the stream is consumed. Directories are yielded too (filter
    /// on [`FileInfo::is_dir`] for files only); `path` itself is not. When `path` is a file,
    /// the stream yields that file.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let mut entries = dbfs.list_recursive("/tmp/reports");
    /// let mut total = 0;
    /// while let Some(entry) = entries.try_next().await? {
    ///     if !entry.is_dir {
    ///         total += entry.file_size;
    ///     }
    /// }
    /// println!("{total} bytes");
    /// # Ok(()) }
    /// ```
    pub fn list_recursive(&self, path: &str) -> Paginator<FileInfo> {
        let root = match normalize(path, "path") {
            Ok(root) => root,
            Err(e) => return failed_paginator(e),
        };
        let queue = Arc::new(Mutex::new(VecDeque::from([root])));
        let api = self.clone();
        let mut page = 0u64;
        Paginator::new(move |_| {
            let (api, queue) = (api.clone(), Arc::clone(&queue));
            page += 1;
            let token = page.to_string();
            async move {
                let next = queue
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .pop_front();
                let Some(dir) = next else {
                    return Ok(Page::last(Vec::new()));
                };
                let entries = api.list(&dir).await?;
                let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
                for entry in &entries {
                    if entry.is_dir && entry.path != dir {
                        queue.push_back(entry.path.clone());
                    }
                }
                let more = !queue.is_empty();
                Ok(Page::token(entries, more.then_some(token)))
            }
        })
    }
}

/// A paginator that yields `error` (a request that failed validation) and ends, having sent
/// nothing.
pub(crate) fn failed_paginator<T: Send + 'static>(error: Error) -> Paginator<T> {
    let mut error = Some(error);
    Paginator::new(move |_| {
        let error = error.take();
        async move {
            match error {
                Some(e) => Err(e),
                None => Ok(Page::last(Vec::new())),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_block_body_is_json() {
        let body = add_block_body(StreamHandle::new(7), b"hello");
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(v, serde_json::json!({"handle": 7, "data": "aGVsbG8="}));
    }
}
