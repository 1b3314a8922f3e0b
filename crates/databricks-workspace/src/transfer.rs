//! [`WorkspaceApi::upload`] (multipart import) and [`WorkspaceApi::download`] (direct
//! download export).
//!
//! Both go beyond the 10 MB limit of the JSON endpoints. `databricks-core` sends and receives
//! whole bodies today, so an upload from a reader is read into memory first, and a download
//! arrives as one chunk; both types are shaped for streaming (a reader in, a [`Stream`] of
//! [`Bytes`] out), so that streaming bodies in core change no signature here.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use databricks_core::{Error, Method, Result};
use futures_core::Stream;
use futures_util::TryStreamExt;
use tokio::io::{AsyncRead, AsyncReadExt};

use crate::api::{EXPORT, WorkspaceApi, check_path};
use crate::model::{ExportFormat, Import, ImportFormat, Language};

/// The content of an upload: bytes in memory, or a reader. Converts from `Bytes`,
/// `Vec<u8>`, `String`, `&'static str` and `&'static [u8]`; build a reader source with
/// [`UploadSource::reader`].
pub struct UploadSource(SourceInner);

enum SourceInner {
    Bytes(Bytes),
    Reader(Box<dyn AsyncRead + Send + Unpin>),
}

impl std::fmt::Debug for UploadSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            SourceInner::Bytes(b) => write!(f, "UploadSource({} bytes)", b.len()),
            SourceInner::Reader(_) => f.write_str("UploadSource(reader)"),
        }
    }
}

impl UploadSource {
    /// Content read from `reader` (until its end).
    pub fn reader(reader: impl AsyncRead + Send + Unpin + 'static) -> Self {
        Self(SourceInner::Reader(Box::new(reader)))
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
            let content = match self.source.0 {
                SourceInner::Bytes(b) => b,
                SourceInner::Reader(mut r) => {
                    let mut buf = Vec::new();
                    r.read_to_end(&mut buf).await.map_err(|e| {
                        Error::invalid_input("content", format!("reading the source: {e}"))
                    })?;
                    Bytes::from(buf)
                }
            };
            let source_format = matches!(self.format, None | Some(ImportFormat::Source));
            let language = match self.language {
                Some(l) => Some(l),
                None if source_format => Language::from_path(&self.path),
                None => None,
            };
            let request = Import {
                path: self.path,
                format: self.format,
                language,
                content: Some(content),
                overwrite: self.overwrite.then_some(true),
            };
            self.api.import_multipart(request).await
        })
    }
}

type ChunkStream = Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>;

/// The content of a direct-download export as a stream of [`Bytes`] chunks. Built by
/// [`WorkspaceApi::download`].
#[must_use = "streams do nothing unless polled"]
pub struct Download {
    chunks: ChunkStream,
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download").finish_non_exhaustive()
    }
}

impl Download {
    /// The content as an [`AsyncRead`].
    pub fn into_async_read(self) -> impl AsyncRead + Send + Unpin + 'static {
        tokio_util::io::StreamReader::new(self.map_err(std::io::Error::other))
    }

    /// Collects the whole content.
    pub async fn bytes(self) -> Result<Bytes> {
        let chunks: Vec<Bytes> = self.try_collect().await?;
        Ok(match chunks.len() {
            1 => chunks.into_iter().next().unwrap_or_default(),
            _ => Bytes::from(chunks.concat()),
        })
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
    /// A reader source is read into memory before sending (see the crate docs).
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::{ImportFormat, UploadSource};
    ///
    /// // A workspace file, byte for byte.
    /// ws.upload("/Users/me@example.com/config.yaml", "a: 1\n")
    ///     .format(ImportFormat::Auto)
    ///     .await?;
    /// // A Python notebook from a local file.
    /// let file = tokio::fs::File::open("etl.py").await.expect("local file");
    /// ws.upload("/Users/me@example.com/etl.py", UploadSource::reader(file))
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
    /// `format` (default `SOURCE`), without base64 or the 10 MB JSON limit.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE`.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::ExportFormat;
    ///
    /// let source = ws.download("/Users/me@example.com/etl/ingest", None).await?.bytes().await?;
    /// let archive = ws
    ///     .download("/Users/me@example.com/etl", Some(ExportFormat::Dbc))
    ///     .await?
    ///     .bytes()
    ///     .await?;
    /// # let _ = (source, archive); Ok(()) }
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
            .send_bytes()
            .await?;
        Ok(Download {
            chunks: Box::pin(futures_util::stream::iter([Ok(body)])),
        })
    }
}
