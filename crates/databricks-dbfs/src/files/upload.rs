//! Uploads: [`FilesApi::upload`] and its sources.
//!
//! One `PUT /api/2.0/fs/files{path}?overwrite=` whose body is the raw bytes
//! (`Content-Type: application/octet-stream`). How the body is sent depends on the source:
//! - up to [`IN_MEMORY_BYTES`] (bytes in memory, a small local file, a reader that ends
//!   within that): from memory, with its exact `Content-Length`; the transport retries it like
//!   any request;
//! - a larger local file, or a reader of known size: streamed in 256 KiB chunks with an exact
//!   `Content-Length` (bounded memory, through the DBFS upload's pump);
//! - a larger reader of unknown size: the bytes already read, then the rest, chunked.
//!
//! A streamed body is never repeated by the transport. A local file is: after a transient
//! failure it is rewound and sent again (at most 3 attempts), as the DBFS upload does.

use std::future::IntoFuture;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use databricks_core::{Error, Method, Result};
use tokio::io::AsyncRead;

use super::api::FilesApi;
use super::path::{FILES, url_path};
use crate::model::{Progress, ProgressFn};
use crate::upload::{
    BodyParts, Input, MAX_PUT_ATTEMPTS, Report, Source, open_local_file, put_backoff, read_into,
    send_streamed, size_mismatch, worth_another_put,
};

/// The largest file one upload may carry: 5 GiB. A source known to be larger is
/// [`Error::InvalidInput`] before anything is sent.
pub const MAX_UPLOAD_BYTES: u64 = 5 * 1024 * 1024 * 1024;

/// Sources up to this size are sent from memory (and so retried by the transport): 1 MiB.
const IN_MEMORY_BYTES: usize = 1024 * 1024;

const OCTET_STREAM: &str = "application/octet-stream";

type BoxFuture<'a, T> = Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Where the bytes of an upload come from: bytes in memory, a local file, or any
/// [`AsyncRead`], with its size when known.
///
/// `Bytes`, `Vec<u8>` and `&'static [u8]` convert into in-memory sources, `PathBuf` and
/// `&Path` into local files (a `&str` is neither: say which with [`bytes`](Self::bytes) or
/// [`file`](Self::file)).
///
/// ```
/// use databricks_dbfs::files::UploadSource;
///
/// let in_memory = UploadSource::from(b"hello".to_vec());
/// let local = UploadSource::file("./orders.csv");
/// let reader = UploadSource::reader_with_size(&b"streamed"[..], 8);
/// # let _ = (in_memory, local, reader);
/// ```
pub struct UploadSource<'a>(Kind<'a>);

enum Kind<'a> {
    Bytes(Bytes),
    File(PathBuf),
    Reader(Pin<Box<dyn AsyncRead + Send + 'a>>, Option<u64>),
}

impl std::fmt::Debug for UploadSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Kind::Bytes(b) => f.debug_tuple("Bytes").field(&b.len()).finish(),
            Kind::File(p) => f.debug_tuple("File").field(p).finish(),
            Kind::Reader(_, size) => f.debug_struct("Reader").field("size", size).finish(),
        }
    }
}

impl<'a> UploadSource<'a> {
    /// Bytes in memory: sent with their exact length, retried by the transport.
    pub fn bytes(bytes: impl Into<Bytes>) -> Self {
        Self(Kind::Bytes(bytes.into()))
    }

    /// A local file, opened when the upload runs: streamed with its exact length (read into
    /// memory when it is at most 1 MiB), and sent again from the start after a transient
    /// failure. Opening or reading it fails as [`Error::Io`]; a directory is
    /// [`Error::InvalidInput`].
    pub fn file(path: impl AsRef<Path>) -> Self {
        Self(Kind::File(path.as_ref().to_path_buf()))
    }

    /// Any reader, read to its end: a reader that ends within 1 MiB is sent from memory with
    /// its exact length; a longer one is streamed chunked. A reader cannot be rewound, so a
    /// streamed upload that fails is not sent again. Reading it fails as [`Error::Io`].
    pub fn reader(reader: impl AsyncRead + Send + 'a) -> Self {
        Self(Kind::Reader(Box::pin(reader), None))
    }

    /// A reader yielding exactly `size` bytes: streamed with that exact `Content-Length` (sent
    /// from memory when at most 1 MiB). A reader that ends early or goes on fails the upload
    /// as [`Error::Io`].
    pub fn reader_with_size(reader: impl AsyncRead + Send + 'a, size: u64) -> Self {
        Self(Kind::Reader(Box::pin(reader), Some(size)))
    }

    /// The size, when known before reading (bytes in memory, a reader given its size).
    fn known_size(&self) -> Option<u64> {
        match &self.0 {
            Kind::Bytes(b) => Some(b.len() as u64),
            Kind::Reader(_, size) => *size,
            Kind::File(_) => None,
        }
    }
}

impl From<Bytes> for UploadSource<'_> {
    fn from(bytes: Bytes) -> Self {
        Self::bytes(bytes)
    }
}

impl From<Vec<u8>> for UploadSource<'_> {
    fn from(bytes: Vec<u8>) -> Self {
        Self::bytes(bytes)
    }
}

impl From<&'static [u8]> for UploadSource<'_> {
    fn from(bytes: &'static [u8]) -> Self {
        Self::bytes(bytes)
    }
}

impl From<PathBuf> for UploadSource<'_> {
    fn from(path: PathBuf) -> Self {
        Self(Kind::File(path))
    }
}

impl From<&Path> for UploadSource<'_> {
    fn from(path: &Path) -> Self {
        Self::file(path)
    }
}

/// An upload being configured; `.await` it to run it. Built by [`FilesApi::upload`].
///
/// Resolves to the number of bytes uploaded.
#[must_use = "an upload does nothing until it is awaited"]
pub struct Upload<'a> {
    api: FilesApi,
    file_path: String,
    source: UploadSource<'a>,
    overwrite: bool,
    progress: Option<ProgressFn>,
}

impl std::fmt::Debug for Upload<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("file_path", &self.file_path)
            .field("source", &self.source)
            .field("overwrite", &self.overwrite)
            .finish_non_exhaustive()
    }
}

impl Upload<'_> {
    /// Calls `callback` with the bytes uploaded so far (and the total when known): as each
    /// chunk is handed to the connection when streamed, once done when sent from memory. A
    /// local file sent again after a transient failure counts from 0 again.
    pub fn on_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(callback));
        self
    }
}

impl<'a> IntoFuture for Upload<'a> {
    type Output = Result<u64>;
    type IntoFuture = BoxFuture<'a, Result<u64>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(run(self))
    }
}

impl FilesApi {
    /// `PUT /api/2.0/fs/files{file_path}?overwrite=`: uploads a file (at most
    /// [`MAX_UPLOAD_BYTES`]) from bytes in memory, a local file or any reader (see
    /// [`UploadSource`]) and returns the number of bytes sent.
    ///
    /// The body is the raw bytes (`Content-Type: application/octet-stream`), from memory up
    /// to 1 MiB, else streamed with bounded memory (exact `Content-Length` when the size is
    /// known). Missing parent directories are created by the service. Without `overwrite`,
    /// an existing file is an error for which
    /// [`is_already_exists`](databricks_core::Error::is_already_exists) holds (the service
    /// answers 409).
    ///
    /// Retries: always when the service did not act (429, 503, a failure to connect); after
    /// other transient failures (5xx, a broken connection) only with `overwrite`, where a
    /// repeat is harmless. A body sent from memory is retried by the transport, a local file
    /// is sent again from the start (at most 3 attempts), a streamed reader is not.
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// use databricks_dbfs::files::UploadSource;
    ///
    /// // Bytes in memory.
    /// files.upload("/Volumes/main/raw/landing/a.json", br#"{"a":1}"#.to_vec(), true).await?;
    /// // A local file of any size, streamed.
    /// files
    ///     .upload("/Volumes/main/raw/landing/big.parquet", UploadSource::file("./big.parquet"), true)
    ///     .on_progress(|p| eprintln!("{} / {:?} bytes", p.bytes_done, p.total_bytes))
    ///     .await?;
    /// // Any reader.
    /// let reader = tokio::io::repeat(b'x');
    /// use tokio::io::AsyncReadExt;
    /// files
    ///     .upload("/Volumes/main/raw/landing/x.bin", UploadSource::reader(reader.take(10)), false)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn upload<'a>(
        &self,
        file_path: &str,
        source: impl Into<UploadSource<'a>>,
        overwrite: bool,
    ) -> Upload<'a> {
        Upload {
            api: self.clone(),
            file_path: file_path.to_owned(),
            source: source.into(),
            overwrite,
            progress: None,
        }
    }
}

fn check_size(size: u64) -> Result<()> {
    if size > MAX_UPLOAD_BYTES {
        return Err(Error::invalid_input(
            "source",
            format!("{size} bytes is over the limit of {MAX_UPLOAD_BYTES} bytes for one upload"),
        ));
    }
    Ok(())
}

async fn run(upload: Upload<'_>) -> Result<u64> {
    let Upload {
        api,
        file_path,
        source,
        overwrite,
        progress,
    } = upload;
    let url = url_path(FILES, &file_path, "file_path")?;
    if let Some(size) = source.known_size() {
        check_size(size)?;
    }
    let put = Put {
        api: &api,
        url: &url,
        overwrite,
    };
    match source.0 {
        Kind::Bytes(bytes) => {
            let report = reporter(progress, Some(bytes.len() as u64));
            put.send_memory(bytes, &report).await
        }
        Kind::File(local) => {
            let (mut file, size) = open_local_file(&local, "source").await?;
            check_size(size)?;
            let report = reporter(progress, Some(size));
            let source = Source {
                input: Input::File(&mut file),
                name: local,
                size: Some(size),
            };
            put.send_source(source, &report).await
        }
        Kind::Reader(mut reader, size) => {
            let report = reporter(progress, size);
            let source = Source {
                input: Input::Reader(&mut reader),
                name: PathBuf::from(format!("<source of {file_path}>")),
                size,
            };
            put.send_source(source, &report).await
        }
    }
}

fn reporter(progress: Option<ProgressFn>, total: Option<u64>) -> Report {
    Arc::new(move |done: u64| {
        if let Some(p) = &progress {
            p(Progress::new(done, total));
        }
    })
}

/// The `PUT` of one upload.
struct Put<'u> {
    api: &'u FilesApi,
    url: &'u str,
    overwrite: bool,
}

impl Put<'_> {
    fn request(&self) -> databricks_core::RequestBuilder {
        self.api
            .client()
            .request(Method::PUT, self.url)
            .query("overwrite", self.overwrite)
            .idempotent(self.overwrite)
    }

    /// One `PUT` of bytes in memory; the transport retries it per the client's policy.
    async fn send_memory(&self, body: Bytes, report: &Report) -> Result<u64> {
        let len = body.len() as u64;
        self.request().body(body, OCTET_STREAM).send_empty().await?;
        report(len);
        Ok(len)
    }

    /// The `PUT` of a source: from memory when it is small (see the module docs), else
    /// streamed, and sent again from the start when it is a local file and the failure is
    /// worth it.
    async fn send_source(&self, mut source: Source<'_, '_>, report: &Report) -> Result<u64> {
        // Read what fits in memory, one byte more to know whether the source goes on.
        let cap = match source.size {
            Some(size) if size <= IN_MEMORY_BYTES as u64 => Some(size as usize + 1),
            Some(_) => None,
            None => Some(IN_MEMORY_BYTES + 1),
        };
        let mut head = BytesMut::new();
        if let Some(cap) = cap {
            let got = read_into(source.reader(), &mut head, cap)
                .await
                .map_err(|e| source.read_error(e))?;
            match source.size {
                Some(size) if got as u64 != size => {
                    return Err(size_mismatch(&source.name, size, got as u64));
                }
                Some(_) => return self.send_memory(head.freeze(), report).await,
                None if got <= IN_MEMORY_BYTES => {
                    return self.send_memory(head.freeze(), report).await;
                }
                None => {}
            }
        }
        let head = head.freeze();
        let mut attempt = 1;
        loop {
            let parts = BodyParts {
                head: head.clone(),
                head_source: head.len() as u64,
                tail: Bytes::new(),
                size: source.size,
            };
            let error =
                match send_streamed(self.request(), OCTET_STREAM, &mut source, parts, report).await
                {
                    Ok(sent) => return Ok(sent),
                    Err(e) => e,
                };
            if !source.rewindable()
                || attempt >= MAX_PUT_ATTEMPTS
                || !worth_another_put(&error, self.overwrite)
            {
                return Err(error);
            }
            tokio::time::sleep(put_backoff(attempt, &error)).await;
            source.rewind().await?;
            attempt += 1;
        }
    }
}
