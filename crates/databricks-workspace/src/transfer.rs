//! [`WorkspaceApi::upload`] (multipart import) and [`WorkspaceApi::download`] (direct
//! download export).
//!
//! Both go beyond the 10 MB limit of the JSON endpoints, with bounded memory:
//! - an upload from a reader or a local file streams the multipart body: the form's head,
//!   the content read in [`CHUNK_BYTES`] chunks as the connection takes them, the closing
//!   boundary. With the size known ([`UploadSource::reader_with_size`],
//!   [`UploadSource::file`]) the request has an exact `Content-Length`; without it, the body
//!   is sent chunked. Content already in memory is sent as one body;
//! - a download hands out the response body as it arrives, a [`Stream`] of [`Bytes`].

use std::future::{Future, IntoFuture};
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;
use databricks_core::{Error, Method, Result};
use futures_core::Stream;
use futures_util::TryStreamExt;
use tokio::io::{AsyncRead, AsyncReadExt};

use crate::api::{EXPORT, IMPORT, WorkspaceApi, check_path, import_form};
use crate::model::{ExportFormat, Import, ImportFormat, Language};

/// The size of each read from the source of a streamed upload.
pub(crate) const CHUNK_BYTES: usize = 256 * 1024;

type BoxReader = Box<dyn AsyncRead + Send + Unpin>;

/// The content of an upload: bytes in memory, a reader, or a local file. Converts from
/// `Bytes`, `Vec<u8>`, `String`, `&'static str` and `&'static [u8]`; build the others with
/// [`UploadSource::reader`], [`UploadSource::reader_with_size`] and [`UploadSource::file`].
pub struct UploadSource(SourceInner);

enum SourceInner {
    Bytes(Bytes),
    Reader(BoxReader, Option<u64>),
    File(PathBuf),
}

impl std::fmt::Debug for UploadSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            SourceInner::Bytes(b) => write!(f, "UploadSource({} bytes)", b.len()),
            SourceInner::Reader(_, None) => f.write_str("UploadSource(reader)"),
            SourceInner::Reader(_, Some(n)) => write!(f, "UploadSource(reader of {n} bytes)"),
            SourceInner::File(p) => write!(f, "UploadSource(file {})", p.display()),
        }
    }
}

impl UploadSource {
    /// Content read from `reader` until its end, streamed as it is read. The length being
    /// unknown, the request body is sent chunked (no `Content-Length`); prefer
    /// [`reader_with_size`](Self::reader_with_size) when the size is known.
    pub fn reader(reader: impl AsyncRead + Send + Unpin + 'static) -> Self {
        Self(SourceInner::Reader(Box::new(reader), None))
    }

    /// Exactly `size` bytes read from `reader`, streamed as they are read, with an exact
    /// `Content-Length`. A reader that ends early or goes on past `size` fails the upload
    /// with an [`Error::Io`] (nothing is imported).
    pub fn reader_with_size(reader: impl AsyncRead + Send + Unpin + 'static, size: u64) -> Self {
        Self(SourceInner::Reader(Box::new(reader), Some(size)))
    }

    /// The local file at `path`, opened when the upload runs and streamed with its size as
    /// the `Content-Length`. Failing to open or read it is an [`Error::Io`].
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self(SourceInner::File(path.into()))
    }
}

impl From<Bytes> for UploadSource {
    fn from(b: Bytes) -> Self {
        Self(SourceInner::Bytes(b))
    }
}

impl From<Vec<u8>> for UploadSource {
    fn from(b: Vec<u8>) -> Self {
        Self(SourceInner::Bytes(b.into()))
    }
}

impl From<String> for UploadSource {
    fn from(s: String) -> Self {
        Self(SourceInner::Bytes(s.into()))
    }
}

impl From<&'static str> for UploadSource {
    fn from(s: &'static str) -> Self {
        Self(SourceInner::Bytes(Bytes::from_static(s.as_bytes())))
    }
}

impl From<&'static [u8]> for UploadSource {
    fn from(s: &'static [u8]) -> Self {
        Self(SourceInner::Bytes(Bytes::from_static(s)))
    }
}

/// An upload being configured; `.await` it to run it. Built by [`WorkspaceApi::upload`].
#[must_use = "an upload does nothing until it is awaited"]
#[derive(Debug)]
pub struct Upload {
    api: WorkspaceApi,
    path: String,
    source: UploadSource,
    format: Option<ImportFormat>,
    language: Option<Language>,
    overwrite: bool,
}

impl Upload {
    /// The content's format (default: the service's, `SOURCE`). `AUTO` imports a notebook
    /// or a file from the extension and header (and strips a notebook's extension).
    pub fn format(mut self, format: ImportFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// The notebook language; by default inferred from the suffix of the path for `SOURCE`
    /// uploads (see [`Language::from_path`]).
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Replace an existing object.
    pub fn overwrite(mut self, overwrite: bool) -> Self {
        self.overwrite = overwrite;
        self
    }
}

impl IntoFuture for Upload {
    type Output = Result<()>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<()>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            check_path(&self.path, "path")?;
            let source_format = matches!(self.format, None | Some(ImportFormat::Source));
            let language = match self.language {
                Some(l) => Some(l),
                None if source_format => Language::from_path(&self.path),
                None => None,
            };
            let mut request = Import {
                path: self.path,
                format: self.format,
                language,
                content: None,
                overwrite: self.overwrite.then_some(true),
            };
            let (reader, size, name) = match self.source.0 {
                SourceInner::Bytes(b) => {
                    request.content = Some(b);
                    return self.api.import_multipart(request).await;
                }
                SourceInner::Reader(reader, size) => {
                    let name = PathBuf::from(format!("<content of {}>", request.path));
                    (reader, size, name)
                }
                SourceInner::File(path) => {
                    let file = tokio::fs::File::open(&path)
                        .await
                        .map_err(|e| Error::io("opening", &path, e))?;
                    let meta = file
                        .metadata()
                        .await
                        .map_err(|e| Error::io("reading the metadata of", &path, e))?;
                    if !meta.is_file() {
                        return Err(Error::invalid_input(
                            "content",
                            format!("{} is not a file", path.display()),
                        ));
                    }
                    (Box::new(file) as BoxReader, Some(meta.len()), path)
                }
            };
            import_streamed(&self.api, &request, reader, size, name).await
        })
    }
}

/// A multipart `import` whose file part streams from `reader`. Sent once: the body cannot be
/// replayed. A local failure is reported in preference to the broken request it causes.
async fn import_streamed(
    api: &WorkspaceApi,
    request: &Import,
    reader: BoxReader,
    size: Option<u64>,
    name: PathBuf,
) -> Result<()> {
    let form = import_form(request);
    let content_type = form.content_type();
    let file_name = request.path.rsplit('/').next().unwrap_or_default();
    let (head, tail) = form.file("content", file_name);
    let length = size.map(|n| head.len() as u64 + n + tail.len() as u64);
    let failure = Arc::new(Mutex::new(None));
    let body = Body {
        reader,
        name,
        size,
        done: 0,
        head: Some(head),
        tail: Some(tail),
        failure: Arc::clone(&failure),
    };
    let body = futures_util::stream::unfold(body, |mut body| async move {
        body.next().await.map(|item| (item, body))
    });
    let sent = api
        .client()
        .request(Method::POST, IMPORT)
        .body_stream(body, &content_type, length)
        .idempotent(false)
        .send_empty()
        .await;
    match failure
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take()
    {
        Some(e) => Err(e),
        None => sent,
    }
}

/// The state of a streamed multipart body: `head`, the reader's bytes, `tail`.
struct Body {
    reader: BoxReader,
    /// Named in [`Error::Io`]s.
    name: PathBuf,
    size: Option<u64>,
    done: u64,
    head: Option<Bytes>,
    /// `None` once sent (or once the body failed): the end.
    tail: Option<Bytes>,
    failure: Arc<Mutex<Option<Error>>>,
}

impl Body {
    async fn next(&mut self) -> Option<std::io::Result<Bytes>> {
        if let Some(head) = self.head.take() {
            return Some(Ok(head));
        }
        self.tail.as_ref()?;
        let want = match self.size {
            Some(size) => usize::try_from(size - self.done)
                .unwrap_or(usize::MAX)
                .min(CHUNK_BYTES),
            None => CHUNK_BYTES,
        };
        if want == 0 {
            // Exactly `size` bytes were sent: the source must end here.
            let mut probe = [0u8; 1];
            return Some(match self.reader.read(&mut probe).await {
                Ok(0) => Ok(self.tail.take().unwrap_or_default()),
                Ok(_) => self.fail(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "the source goes on past its declared size of {} bytes",
                        self.done
                    ),
                )),
                Err(e) => self.fail(e),
            });
        }
        let mut buf = vec![0u8; want];
        let mut filled = 0;
        while filled < want {
            match self.reader.read(&mut buf[filled..]).await {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) => return Some(self.fail(e)),
            }
        }
        buf.truncate(filled);
        self.done += filled as u64;
        Some(match (filled, self.size) {
            (0, None) => Ok(self.tail.take().unwrap_or_default()),
            (0, Some(size)) => self.fail(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("the source ended after {} of its {size} bytes", self.done),
            )),
            _ => Ok(Bytes::from(buf)),
        })
    }

    /// Records a local failure and breaks the body.
    fn fail(&mut self, e: std::io::Error) -> std::io::Result<Bytes> {
        self.tail = None;
        let message = e.to_string();
        *self.failure.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(Error::io("reading", &self.name, e));
        Err(std::io::Error::other(message))
    }
}

type ChunkStream = Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>;

/// The content of a direct-download export as a stream of [`Bytes`] chunks, handed out as
/// they arrive from the connection. Built by [`WorkspaceApi::download`].
///
/// A connection lost mid-body ends the stream with an [`Error::Transport`].
#[must_use = "streams do nothing unless polled"]
pub struct Download {
    chunks: ChunkStream,
    content_length: Option<u64>,
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download")
            .field("content_length", &self.content_length)
            .finish_non_exhaustive()
    }
}

impl Download {
    /// The size of the content when the service announced it (`Content-Length`).
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }

    /// The content as an [`AsyncRead`].
    pub fn into_async_read(self) -> impl AsyncRead + Send + Unpin + 'static {
        tokio_util::io::StreamReader::new(self.map_err(std::io::Error::other))
    }

    /// Collects the whole content in memory.
    pub async fn bytes(self) -> Result<Bytes> {
        let capacity = self
            .content_length
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0);
        let mut all = bytes::BytesMut::with_capacity(capacity);
        let mut chunks = self.chunks;
        while let Some(chunk) = chunks.try_next().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all.freeze())
    }
}

impl Stream for Download {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.as_mut().poll_next(cx)
    }
}

impl WorkspaceApi {
    /// Uploads `content` to `path` with a multipart `import` (raw bytes, beyond the 10 MB
    /// JSON limit), as the official SDKs' `upload` does: for a `SOURCE` upload without a
    /// language, the language comes from the path's suffix (`.py`, `.sql`, `.scala`, `.R`).
    /// Configure with [`format`](Upload::format), [`language`](Upload::language) and
    /// [`overwrite`](Upload::overwrite), then `.await`.
    ///
    /// A reader or file source is streamed as it is read (bounded memory); such an upload is
    /// sent once and never repeated, its body not being replayable. Content in memory is
    /// retried on transient failures with `overwrite` set. A local failure (opening or
    /// reading the source) is an [`Error::Io`].
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::{ImportFormat, UploadSource};
    ///
    /// // A workspace file, byte for byte.
    /// ws.upload("/Users/me@example.com/config.yaml", "a: 1\n")
    ///     .format(ImportFormat::Auto)
    ///     .await?;
    /// // A Python notebook from a local file, streamed.
    /// ws.upload("/Users/me@example.com/etl.py", UploadSource::file("etl.py"))
    ///     .overwrite(true)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn upload(&self, path: &str, content: impl Into<UploadSource>) -> Upload {
        Upload {
            api: self.clone(),
            path: path.to_owned(),
            source: content.into(),
            format: None,
            language: None,
            overwrite: false,
        }
    }

    /// Downloads `path` with `export?direct_download=true`: the raw bytes of the export in
    /// `format` (default `SOURCE`), without base64 or the 10 MB JSON limit, streamed as they
    /// arrive. Errors are answered before the stream is returned (and retried like any
    /// `export`).
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE`.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::ExportFormat;
    /// use futures_util::TryStreamExt;
    ///
    /// let source = ws.download("/Users/me@example.com/etl/ingest", None).await?.bytes().await?;
    /// let mut archive = ws
    ///     .download("/Users/me@example.com/etl", Some(ExportFormat::Dbc))
    ///     .await?;
    /// while let Some(chunk) = archive.try_next().await? {
    ///     // write `chunk` somewhere
    /// #   let _ = chunk;
    /// }
    /// # let _ = source; Ok(()) }
    /// ```
    pub async fn download(&self, path: &str, format: Option<ExportFormat>) -> Result<Download> {
        check_path(path, "path")?;
        let body = self
            .client()
            .request(Method::GET, EXPORT)
            .query("path", path)
            .query_opt("format", format.as_ref().map(ExportFormat::as_str))
            .query("direct_download", "true")
            .header("accept", "*/*")
            .idempotent(true)
            .send_stream()
            .await?;
        Ok(Download {
            content_length: body.content_length(),
            chunks: Box::pin(body),
        })
    }
}
