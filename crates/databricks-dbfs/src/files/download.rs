//! Downloads: [`FilesApi::download`] and [`FilesApi::download_file`].

use std::future::IntoFuture;
use std::ops::{Bound, RangeBounds};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use databricks_core::{ByteStream, Error, Method, Result, Timestamp};
use futures_core::Stream;
use futures_util::TryStreamExt;
use tokio::io::AsyncRead;

use super::api::FilesApi;
use super::model::FileMetadata;
use super::path::{FILES, url_path};
use crate::download::{check_local_target, save_stream};
use crate::model::Progress;
use crate::upload::ProgressFnDebug;

type BoxFuture<T> = Pin<Box<dyn std::future::Future<Output = T> + Send>>;

/// A download being configured; `.await` it to send the request and get the
/// [`DownloadResponse`]. Built by [`FilesApi::download`].
#[must_use = "a download does nothing until it is awaited"]
#[derive(Debug)]
pub struct Download {
    api: FilesApi,
    file_path: String,
    range: Option<Result<String>>,
    if_unmodified_since: Option<Timestamp>,
}

impl Download {
    /// Asks for part of the file only (`Range: bytes=first-last`), e.g. `100..200`,
    /// `1024..` or `..=99`. The service answers `206` with those bytes
    /// ([`DownloadResponse::is_partial`]); a range starting past the end is an error with
    /// status 416. An empty range (`5..5`) is [`Error::InvalidInput`] before anything is sent.
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// let header = files
    ///     .download("/Volumes/main/raw/landing/big.bin")
    ///     .range(0..16)
    ///     .await?
    ///     .bytes()
    ///     .await?;
    /// # let _ = header; Ok(()) }
    /// ```
    pub fn range(mut self, range: impl RangeBounds<u64>) -> Self {
        self.range = Some(range_header(range.start_bound(), range.end_bound()));
        self
    }

    /// Asks for the last `len` bytes only (`Range: bytes=-len`), e.g. a Parquet footer. Zero
    /// is [`Error::InvalidInput`] before anything is sent.
    pub fn last_bytes(mut self, len: u64) -> Self {
        self.range = Some(if len == 0 {
            Err(Error::invalid_input(
                "range",
                "the last 0 bytes is an empty range",
            ))
        } else {
            Ok(format!("bytes=-{len}"))
        });
        self
    }

    /// Downloads only if the file was not modified after `time` (`If-Unmodified-Since`, with
    /// whole seconds); otherwise the service answers `412 Precondition Failed`. With the
    /// [`last_modified`](FileMetadata::last_modified) of an earlier answer, this makes sure
    /// that the pieces of a file read in several ranges are of the same version.
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// let path = "/Volumes/main/raw/landing/big.bin";
    /// let first = files.download(path).range(..1024).await?;
    /// let version = first.metadata().last_modified;
    /// let mut rest = files.download(path).range(1024..);
    /// if let Some(t) = version {
    ///     rest = rest.if_unmodified_since(t);
    /// }
    /// let rest = rest.await?;
    /// # let _ = (first, rest); Ok(()) }
    /// ```
    pub fn if_unmodified_since(mut self, time: Timestamp) -> Self {
        self.if_unmodified_since = Some(time);
        self
    }
}

/// The `Range` header value of a range of byte offsets.
fn range_header(start: Bound<&u64>, end: Bound<&u64>) -> Result<String> {
    let empty = || Error::invalid_input("range", "the range is empty");
    let first = match start {
        Bound::Included(&s) => s,
        Bound::Excluded(&s) => s.checked_add(1).ok_or_else(empty)?,
        Bound::Unbounded => 0,
    };
    let last = match end {
        Bound::Included(&e) => Some(e),
        Bound::Excluded(&e) => Some(e.checked_sub(1).ok_or_else(empty)?),
        Bound::Unbounded => None,
    };
    match last {
        Some(last) if last < first => Err(empty()),
        Some(last) => Ok(format!("bytes={first}-{last}")),
        None => Ok(format!("bytes={first}-")),
    }
}

impl IntoFuture for Download {
    type Output = Result<DownloadResponse>;
    type IntoFuture = BoxFuture<Result<DownloadResponse>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let url = url_path(FILES, &self.file_path, "file_path")?;
            let mut request = self
                .api
                .client()
                .request(Method::GET, url)
                .header("Accept", "application/octet-stream");
            if let Some(range) = self.range {
                request = request.header("Range", &range?);
            }
            if let Some(time) = self.if_unmodified_since {
                request = request.header("If-Unmodified-Since", &time.to_http_date());
            }
            let body = request.send_stream().await?;
            Ok(DownloadResponse {
                metadata: FileMetadata::from_headers(body.headers()),
                body,
            })
        })
    }
}

/// The content of a file as a stream of [`Bytes`] chunks, as they arrive, with what the
/// response headers say of it ([`metadata`](Self::metadata)). From [`FilesApi::download`].
///
/// A connection that breaks mid-body ends the stream with an
/// [`Error::Transport`](databricks_core::Error::Transport); a body shorter than its
/// `Content-Length` is such a failure too, never a silently short file.
#[must_use = "streams do nothing unless polled"]
pub struct DownloadResponse {
    metadata: FileMetadata,
    body: ByteStream,
}

impl std::fmt::Debug for DownloadResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DownloadResponse")
            .field("status", &self.body.status())
            .field("metadata", &self.metadata)
            .finish_non_exhaustive()
    }
}

impl DownloadResponse {
    /// `Content-Length`, `Content-Type` and `Last-Modified` of the response.
    pub fn metadata(&self) -> &FileMetadata {
        &self.metadata
    }

    /// The number of bytes the stream delivers (`Content-Length`), when the service said.
    pub fn content_length(&self) -> Option<u64> {
        self.metadata.content_length
    }

    /// The content type, e.g. `application/octet-stream`.
    pub fn content_type(&self) -> Option<&str> {
        self.metadata.content_type.as_deref()
    }

    /// When the file was last modified.
    pub fn last_modified(&self) -> Option<Timestamp> {
        self.metadata.last_modified
    }

    /// Whether the answer is part of the file (`206 Partial Content`, to a
    /// [`range`](Download::range)); `false` when the service sent the whole file.
    pub fn is_partial(&self) -> bool {
        self.body.status() == 206
    }

    /// `Content-Range` of a partial answer, e.g. `bytes 0-15/48213`.
    pub fn content_range(&self) -> Option<&str> {
        self.body.header("content-range")
    }

    /// Collects the whole content in memory (for small files).
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// let text = files.download("/Volumes/main/raw/landing/a.json").await?.bytes().await?;
    /// # let _ = text; Ok(()) }
    /// ```
    pub async fn bytes(self) -> Result<Bytes> {
        self.body.collect_bytes().await
    }

    /// The content as an [`AsyncRead`] (errors become `std::io::Error`s wrapping the SDK
    /// error).
    pub fn into_async_read(self) -> impl AsyncRead + Send + Unpin + 'static {
        tokio_util::io::StreamReader::new(self.body.map_err(std::io::Error::other))
    }
}

impl Stream for DownloadResponse {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.body).poll_next(cx)
    }
}

/// A download to a local file; `.await` it to run it. Built by [`FilesApi::download_file`].
///
/// Resolves to the number of bytes written.
#[must_use = "a download does nothing until it is awaited"]
#[derive(Debug)]
pub struct DownloadFile {
    api: FilesApi,
    file_path: String,
    local_path: PathBuf,
    progress: Option<ProgressFnDebug>,
}

impl DownloadFile {
    /// Calls `callback` after every chunk written with the bytes so far and the file size
    /// (when the service sent `Content-Length`).
    pub fn on_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(ProgressFnDebug(Arc::new(callback)));
        self
    }
}

impl IntoFuture for DownloadFile {
    type Output = Result<u64>;
    type IntoFuture = BoxFuture<Result<u64>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            check_local_target(&self.local_path)?;
            let response = self.api.download(&self.file_path).await?;
            let total = response.content_length();
            let progress = self.progress.map(|p| p.0);
            save_stream(response, total, &self.local_path, progress.as_ref()).await
        })
    }
}

impl FilesApi {
    /// `GET /api/2.0/fs/files{file_path}`: the content of a file as a [`DownloadResponse`]
    /// stream (chunks as they arrive, bounded memory) with its length, content type and last
    /// modification time. `.await` it, after choosing a [`range`](Download::range) or an
    /// [`if_unmodified_since`](Download::if_unmodified_since) condition if wanted.
    ///
    /// Sent with `Accept: application/octet-stream`; retried on transient failures until the
    /// body starts to flow. A missing file is
    /// [`is_not_found`](databricks_core::Error::is_not_found).
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let mut download = files.download("/Volumes/main/raw/landing/orders.csv").await?;
    /// println!("{:?} bytes of {:?}", download.content_length(), download.content_type());
    /// while let Some(chunk) = download.try_next().await? {
    ///     // process `chunk` (a `bytes::Bytes`)
    /// #   let _ = chunk;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn download(&self, file_path: &str) -> Download {
        Download {
            api: self.clone(),
            file_path: file_path.to_owned(),
            range: None,
            if_unmodified_since: None,
        }
    }

    /// Downloads `file_path` to the local file `local_path` (replacing it; missing parent
    /// directories are created) and returns the number of bytes written. The content goes to
    /// a temporary file next to `local_path`, renamed once complete: `local_path` never holds
    /// a partial download, and a failure removes the temporary. Local failures are
    /// [`Error::Io`].
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// files
    ///     .download_file("/Volumes/main/raw/landing/orders.csv", "./orders.csv")
    ///     .on_progress(|p| eprintln!("{} / {:?}", p.bytes_done, p.total_bytes))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn download_file(&self, file_path: &str, local_path: impl AsRef<Path>) -> DownloadFile {
        DownloadFile {
            api: self.clone(),
            file_path: file_path.to_owned(),
            local_path: local_path.as_ref().to_path_buf(),
            progress: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(range: impl RangeBounds<u64>) -> String {
        range_header(range.start_bound(), range.end_bound())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn ranges_become_inclusive_byte_ranges() {
        assert_eq!(header(100..200), "bytes=100-199");
        assert_eq!(header(100..=200), "bytes=100-200");
        assert_eq!(header(1024..), "bytes=1024-");
        assert_eq!(header(..=99), "bytes=0-99");
        assert_eq!(header(..), "bytes=0-");
        assert_eq!(header(7..8), "bytes=7-7");
        assert!(header(5..5).starts_with("error"));
        assert!(header(..0).starts_with("error"));
        assert!(header((Bound::Included(9), Bound::Included(3))).starts_with("error"));
        assert_eq!(header((Bound::Excluded(4), Bound::Unbounded)), "bytes=5-");
        assert!(header((Bound::Excluded(u64::MAX), Bound::Unbounded)).starts_with("error"));
    }
}
