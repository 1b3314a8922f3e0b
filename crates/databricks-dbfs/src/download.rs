//! Downloads: [`DbfsApi::download`] and [`DbfsApi::download_file`].

use std::future::IntoFuture;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use databricks_core::{DecodeError, Error, Result};
use futures_core::Stream;
use futures_util::{StreamExt, TryStreamExt};
use tokio::io::{AsyncRead, AsyncWriteExt};

use crate::api::{DbfsApi, MAX_READ_BYTES, READ};
use crate::model::{FileInfo, Progress, Read};
use crate::path::normalize;
use crate::upload::ProgressFnDebug;
use databricks_core::multipart::unique_token;

/// How many 1 MiB reads are in flight at once (and so at most held in memory).
const READ_AHEAD: usize = 2;

type ChunkStream = Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>;

/// The content of a DBFS file as a stream of [`Bytes`] chunks (1 MiB each, the last one
/// shorter), fetched with `read` calls as the stream is consumed, at most two ahead. Built
/// by [`DbfsApi::download`].
///
/// The stream delivers exactly [`size`](Self::size) bytes: the size `get-status` reported
/// when the download started. A file that shrinks meanwhile ends the stream with an error.
#[must_use = "streams do nothing unless polled"]
pub struct Download {
    info: FileInfo,
    chunks: ChunkStream,
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl Download {
    /// The file's metadata when the download started.
    pub fn file_info(&self) -> &FileInfo {
        &self.info
    }

    /// The number of bytes the stream delivers.
    pub fn size(&self) -> u64 {
        u64::try_from(self.info.file_size).unwrap_or(0)
    }

    /// The content as an [`AsyncRead`] (errors become `std::io::Error`s wrapping the SDK
    /// error).
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// use tokio::io::AsyncBufReadExt;
    ///
    /// let reader = dbfs.download("/tmp/log.txt").await?.into_async_read();
    /// let mut lines = tokio::io::BufReader::new(reader).lines();
    /// while let Ok(Some(line)) = lines.next_line().await {
    ///     println!("{line}");
    /// }
    /// # Ok(()) }
    /// ```
    pub fn into_async_read(self) -> impl AsyncRead + Send + Unpin + 'static {
        tokio_util::io::StreamReader::new(self.map_err(std::io::Error::other))
    }

    /// Collects the whole content in memory (for small files).
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// let text = dbfs.download("/tmp/hello.txt").await?.bytes().await?;
    /// # let _ = text; Ok(()) }
    /// ```
    pub async fn bytes(mut self) -> Result<Bytes> {
        let mut all = Vec::with_capacity(usize::try_from(self.size()).unwrap_or(0));
        while let Some(chunk) = self.chunks.next().await {
            all.extend_from_slice(&chunk?);
        }
        Ok(Bytes::from(all))
    }
}

impl Stream for Download {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.as_mut().poll_next(cx)
    }
}

/// A download to a local file; `.await` it to run it. Built by [`DbfsApi::download_file`].
///
/// Resolves to the number of bytes written.
#[must_use = "a download does nothing until it is awaited"]
#[derive(Debug)]
pub struct DownloadFile {
    api: DbfsApi,
    path: String,
    local_path: PathBuf,
    progress: Option<ProgressFnDebug>,
}

impl DownloadFile {
    /// Calls `callback` after every block with the bytes downloaded so far and the file size.
    pub fn on_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(ProgressFnDebug(Arc::new(callback)));
        self
    }
}

impl IntoFuture for DownloadFile {
    type Output = Result<u64>;
    type IntoFuture = Pin<Box<dyn std::future::Future<Output = Result<u64>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let progress = self.progress.map(|p| p.0);
            download_to(&self.api, &self.path, &self.local_path, progress.as_ref()).await
        })
    }
}

/// Removes the local temporary unless disarmed.
struct LocalTemp {
    path: PathBuf,
    armed: bool,
}

impl Drop for LocalTemp {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

pub(crate) async fn download_to(
    api: &DbfsApi,
    path: &str,
    local_path: &Path,
    progress: Option<&crate::model::ProgressFn>,
) -> Result<u64> {
    check_local_target(local_path)?;
    let download = api.download(path).await?;
    let total = download.size();
    save_stream(download, Some(total), local_path, progress).await
}

/// Checks that `local_path` names a file (it has a file name), before anything is sent.
pub(crate) fn check_local_target(local_path: &Path) -> Result<&str> {
    local_path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| {
            let shown = local_path.display().to_string();
            Error::invalid_input("local_path", format!("{shown} has no file name"))
        })
}

/// Writes everything `chunks` yields to `local_path` (replacing it; missing parent
/// directories are created) through a temporary sibling renamed once complete, so
/// `local_path` never holds a partial download; on any failure the temporary is removed.
/// Reports progress against `total` after each chunk and returns the bytes written.
/// Shared by the DBFS and Files API downloads.
pub(crate) async fn save_stream<S>(
    mut chunks: S,
    total: Option<u64>,
    local_path: &Path,
    progress: Option<&crate::model::ProgressFn>,
) -> Result<u64>
where
    S: Stream<Item = Result<Bytes>> + Unpin,
{
    let name = check_local_target(local_path)?;
    if let Some(parent) = local_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        tokio::fs::create_dir_all(parent)
            .await
            .map_err(|e| Error::io("creating the directory", parent, e))?;
    }
    let temp = LocalTemp {
        path: local_path.with_file_name(format!(".{name}.{}.part", unique_token())),
        armed: true,
    };
    let mut file = tokio::fs::File::create(&temp.path)
        .await
        .map_err(|e| Error::io("creating", &temp.path, e))?;
    if let Some(p) = progress {
        p(Progress::new(0, total));
    }
    let mut done = 0u64;
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk?;
        file.write_all(&chunk)
            .await
            .map_err(|e| Error::io("writing", &temp.path, e))?;
        done += chunk.len() as u64;
        if let Some(p) = progress {
            p(Progress::new(done, total));
        }
    }
    file.flush()
        .await
        .map_err(|e| Error::io("writing", &temp.path, e))?;
    file.sync_all()
        .await
        .map_err(|e| Error::io("syncing", &temp.path, e))?;
    drop(file);
    tokio::fs::rename(&temp.path, local_path)
        .await
        .map_err(|e| Error::io("renaming the download to", local_path, e))?;
    let mut temp = temp;
    temp.armed = false;
    Ok(done)
}

impl DbfsApi {
    /// Opens `path` for reading: a `get-status` (refusing directories), then a [`Download`]
    /// stream of its content, read 1 MiB at a time as the stream is consumed (at most two
    /// reads ahead: memory stays bounded whatever the size). An empty file makes no `read`.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let mut download = dbfs.download("dbfs:/tmp/big.bin").await?;
    /// println!("{} bytes", download.size());
    /// while let Some(chunk) = download.try_next().await? {
    ///     // process `chunk` (a `bytes::Bytes`)
    /// #   let _ = chunk;
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn download(&self, path: &str) -> Result<Download> {
        let path = normalize(path, "path")?;
        let info = self.get_status(&path).await?;
        if info.is_dir {
            return Err(Error::invalid_input(
                "path",
                format!("{path} is a directory"),
            ));
        }
        let size = u64::try_from(info.file_size).unwrap_or(0);
        let block = MAX_READ_BYTES.unsigned_abs();
        let api = self.clone();
        let chunks = futures_util::stream::iter(0..size.div_ceil(block))
            .map(move |i| {
                let (api, path) = (api.clone(), path.clone());
                async move {
                    let offset = i * block;
                    let want = usize::try_from(block.min(size - offset)).unwrap_or(0);
                    let chunk = api
                        .read(
                            Read::new(path.as_str())
                                .offset(i64::try_from(offset).unwrap_or(i64::MAX))
                                .length(MAX_READ_BYTES),
                        )
                        .await?;
                    if chunk.data.len() < want {
                        return Err(Error::Decode(DecodeError::new(
                            "GET",
                            READ,
                            "bytes_read",
                            format!(
                                "{path} shrank during the download: {} bytes at offset {offset}, \
                                 expected {want}",
                                chunk.data.len()
                            ),
                            b"",
                        )));
                    }
                    Ok(chunk.data.slice(..want))
                }
            })
            .buffered(READ_AHEAD);
        Ok(Download {
            info,
            chunks: Box::pin(chunks),
        })
    }

    /// Downloads `path` to the local file `local_path` (replacing it; missing parent
    /// directories are created) and returns the number of bytes written. The content is
    /// written to a temporary file next to `local_path` and renamed once complete, so
    /// `local_path` never holds a partial download.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// dbfs.download_file("/models/model.bin", "./model.bin")
    ///     .on_progress(|p| eprintln!("{} / {:?}", p.bytes_done, p.total_bytes))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn download_file(&self, path: &str, local_path: impl AsRef<Path>) -> DownloadFile {
        DownloadFile {
            api: self.clone(),
            path: path.to_owned(),
            local_path: local_path.as_ref().to_path_buf(),
            progress: None,
        }
    }
}
