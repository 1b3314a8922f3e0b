//! Uploads: [`DbfsApi::upload`] and [`DbfsApi::upload_file`].
//!
//! Every upload writes a temporary sibling of the target (`.<name>.<token>.uploading`) and
//! moves it into place once complete, so the target only ever holds the old or the new
//! content. When overwriting, the old file is first moved aside (`.<name>.<token>.replaced`),
//! moved back if the final move fails, and deleted once the new file is in place.
//!
//! How the temporary is written depends on the size:
//! - a source that fits in one block (at most [`MAX_BLOCK_BYTES`]) goes in one multipart `put`
//!   (raw bytes, no base64, one request);
//! - anything larger, or of unknown length, goes through `create`, 1 MiB `add-block`s and
//!   `close`, the base64 encoding of the next block overlapping the sending of the current one.
//!
//! Memory stays bounded (about two raw blocks and two encoded ones) whatever the size.
//!
//! The single-request path is limited to one block only because the multipart body is built
//! in memory today. With a streaming request body in `databricks-core`, [`write_single`]
//! would stream sources of known size up to [`MAX_MULTIPART_PUT_BYTES`] (the head and tail from
//! [`Multipart::file`](crate::multipart::Multipart::file) around the reader), and
//! [`SINGLE_PUT_MAX`] would become that limit.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use databricks_core::{ApiError, Error, ErrorCode, Result};
use futures_util::future::join;
use tokio::io::{AsyncRead, AsyncReadExt};

#[allow(unused_imports)] // named in the module docs
use crate::api::MAX_MULTIPART_PUT_BYTES;
use crate::api::{CREATE, DbfsApi, MAX_BLOCK_BYTES, add_block_body};
use crate::model::{Create, Delete, Move, Progress, ProgressFn};
use crate::multipart::unique_token;
use crate::path::{join as join_path, normalize, split};

/// The largest source sent in one `put` request (see the module docs).
pub(crate) const SINGLE_PUT_MAX: usize = MAX_BLOCK_BYTES;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A local I/O failure, as an SDK error.
///
/// `databricks-core` has no I/O variant yet: local failures are reported as
/// [`Error::InvalidInput`] naming the local side (`source`, `local_path`).
pub(crate) fn io_error(what: &str, target: &str, e: &std::io::Error) -> Error {
    Error::invalid_input(what, format!("{target}: {e}"))
}

/// An upload being configured; `.await` it to run it. Built by [`DbfsApi::upload`].
///
/// Resolves to the number of bytes uploaded.
#[must_use = "an upload does nothing until it is awaited"]
pub struct Upload<'a, R> {
    api: DbfsApi,
    path: String,
    reader: R,
    overwrite: bool,
    total: Option<u64>,
    progress: Option<ProgressFn>,
    _borrow: PhantomData<&'a ()>,
}

impl<R> std::fmt::Debug for Upload<'_, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("path", &self.path)
            .field("overwrite", &self.overwrite)
            .field("total", &self.total)
            .finish_non_exhaustive()
    }
}

impl<R> Upload<'_, R> {
    /// Calls `callback` after every block with the bytes uploaded so far (and the total when
    /// known), e.g. to draw a progress bar.
    pub fn on_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(callback));
        self
    }

    /// The source's length, when known: reported as the total to the progress callback.
    pub fn size_hint(mut self, total_bytes: u64) -> Self {
        self.total = Some(total_bytes);
        self
    }
}

impl<'a, R> IntoFuture for Upload<'a, R>
where
    R: AsyncRead + Unpin + Send + 'a,
{
    type Output = Result<u64>;
    type IntoFuture = BoxFuture<'a, Result<u64>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(run_upload(
            self.api,
            self.path,
            self.reader,
            self.overwrite,
            self.total,
            self.progress,
        ))
    }
}

/// An upload of a local file; `.await` it to run it. Built by [`DbfsApi::upload_file`].
///
/// Resolves to the number of bytes uploaded.
#[must_use = "an upload does nothing until it is awaited"]
#[derive(Debug)]
pub struct UploadFile {
    api: DbfsApi,
    local_path: PathBuf,
    path: String,
    overwrite: bool,
    progress: Option<ProgressFnDebug>,
}

/// A progress callback that can sit in a `#[derive(Debug)]` struct.
#[derive(Clone)]
pub(crate) struct ProgressFnDebug(pub(crate) ProgressFn);

impl std::fmt::Debug for ProgressFnDebug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<progress callback>")
    }
}

impl UploadFile {
    /// Calls `callback` after every block with the bytes uploaded so far and the file size.
    pub fn on_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(ProgressFnDebug(Arc::new(callback)));
        self
    }
}

impl IntoFuture for UploadFile {
    type Output = Result<u64>;
    type IntoFuture = BoxFuture<'static, Result<u64>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let shown = self.local_path.display().to_string();
            let file = tokio::fs::File::open(&self.local_path)
                .await
                .map_err(|e| io_error("local_path", &shown, &e))?;
            let meta = file
                .metadata()
                .await
                .map_err(|e| io_error("local_path", &shown, &e))?;
            if !meta.is_file() {
                return Err(Error::invalid_input(
                    "local_path",
                    format!("{shown} is not a file"),
                ));
            }
            run_upload(
                self.api,
                self.path,
                file,
                self.overwrite,
                Some(meta.len()),
                self.progress.map(|p| p.0),
            )
            .await
        })
    }
}

impl DbfsApi {
    /// Uploads everything `reader` yields to `path`, with bounded memory whatever the size,
    /// and returns the number of bytes written.
    ///
    /// A source of at most 1 MiB goes in one multipart `put`; a larger one (or one of unknown
    /// length) through `create`, 1 MiB `add-block`s (the next block base64-encoded while the
    /// current one is sent) and `close`. Either way the bytes go to a temporary sibling of
    /// `path`, moved into place once complete: a failed upload never leaves a truncated file
    /// at `path`, keeps an existing file intact, and removes the temporary.
    ///
    /// Without `overwrite`, an existing file is `RESOURCE_ALREADY_EXISTS` before anything is
    /// uploaded; a directory at `path` is always refused.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// let file = tokio::fs::File::open("data.parquet").await.expect("local file");
    /// let written = dbfs
    ///     .upload("dbfs:/tmp/data.parquet", file, true)
    ///     .on_progress(|p| eprintln!("{} / {:?} bytes", p.bytes_done, p.total_bytes))
    ///     .await?;
    /// # let _ = written; Ok(()) }
    /// ```
    pub fn upload<'a, R>(&self, path: &str, reader: R, overwrite: bool) -> Upload<'a, R>
    where
        R: AsyncRead + Unpin + Send + 'a,
    {
        Upload {
            api: self.clone(),
            path: path.to_owned(),
            reader,
            overwrite,
            total: None,
            progress: None,
            _borrow: PhantomData,
        }
    }

    /// Uploads the local file `local_path` to `path`, as [`upload`](Self::upload) does, with
    /// the file size as the progress total.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// dbfs.upload_file("./model.bin", "/models/model.bin", true)
    ///     .on_progress(|p| eprintln!("{:.0}%", p.fraction().unwrap_or(0.0) * 100.0))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn upload_file(
        &self,
        local_path: impl AsRef<Path>,
        path: &str,
        overwrite: bool,
    ) -> UploadFile {
        UploadFile {
            api: self.clone(),
            local_path: local_path.as_ref().to_path_buf(),
            path: path.to_owned(),
            overwrite,
            progress: None,
        }
    }
}

/// Reads up to `cap` bytes, fewer only at the end of the source.
async fn read_block<R: AsyncRead + Unpin>(reader: &mut R, cap: usize) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; cap];
    let mut filled = 0;
    while filled < cap {
        let n = reader
            .read(&mut buf[filled..])
            .await
            .map_err(|e| io_error("source", "reading the upload source", &e))?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    buf.truncate(filled);
    Ok(buf)
}

/// Deletes the temporary file unless disarmed; when dropped armed (the upload future was
/// cancelled), spawns the delete on the current Tokio runtime.
struct TempGuard {
    api: DbfsApi,
    path: String,
    armed: bool,
}

impl TempGuard {
    async fn cleanup(mut self) {
        self.armed = false;
        let _ = self.api.delete(Delete::new(self.path.as_str())).await;
    }

    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for TempGuard {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let api = self.api.clone();
            let path = std::mem::take(&mut self.path);
            runtime.spawn(async move {
                let _ = api.delete(Delete::new(path)).await;
            });
        }
    }
}

async fn run_upload<R: AsyncRead + Unpin + Send>(
    api: DbfsApi,
    path: String,
    reader: R,
    overwrite: bool,
    total: Option<u64>,
    progress: Option<ProgressFn>,
) -> Result<u64> {
    let target = normalize(&path, "path")?;
    if target == "/" {
        return Err(Error::invalid_input("path", "cannot upload to the root"));
    }
    let existing = match api.get_status(&target).await {
        Ok(info) => Some(info),
        Err(e) if e.is_not_found() => None,
        Err(e) => return Err(e),
    };
    if let Some(info) = &existing {
        if info.is_dir {
            return Err(Error::invalid_input(
                "path",
                format!("{target} is a directory"),
            ));
        }
        if !overwrite {
            return Err(ApiError::new(
                "POST",
                CREATE,
                400,
                ErrorCode::ResourceAlreadyExists,
                format!("A file or directory already exists at the input path {target}."),
            )
            .into());
        }
    }
    let (parent, name) = split(&target);
    let token = unique_token();
    let temp = join_path(parent, &format!(".{name}.{token}.uploading"));
    let guard = TempGuard {
        api: api.clone(),
        path: temp.clone(),
        armed: true,
    };
    let report = |done: u64| {
        if let Some(p) = &progress {
            p(Progress::new(done, total));
        }
    };
    let written = match write_temp(&api, &temp, reader, &report).await {
        Ok(n) => n,
        Err(e) => {
            guard.cleanup().await;
            return Err(e);
        }
    };
    let backup = join_path(parent, &format!(".{name}.{token}.replaced"));
    match commit(&api, &temp, &target, existing.is_some().then_some(backup)).await {
        Ok(()) => {
            guard.disarm();
            Ok(written)
        }
        Err(e) => {
            guard.cleanup().await;
            Err(e)
        }
    }
}

/// Writes everything `reader` yields to the (new) file `temp`.
async fn write_temp<R: AsyncRead + Unpin + Send>(
    api: &DbfsApi,
    temp: &str,
    mut reader: R,
    report: &(dyn Fn(u64) + Send + Sync),
) -> Result<u64> {
    let first = read_block(&mut reader, SINGLE_PUT_MAX).await?;
    if first.len() < SINGLE_PUT_MAX {
        return write_single(api, temp, first, report).await;
    }
    let second = read_block(&mut reader, MAX_BLOCK_BYTES).await?;
    if second.is_empty() {
        return write_single(api, temp, first, report).await;
    }
    write_blocks(api, temp, first, second, reader, report).await
}

/// One multipart `put` of a source that is already in memory.
async fn write_single(
    api: &DbfsApi,
    temp: &str,
    data: Vec<u8>,
    report: &(dyn Fn(u64) + Send + Sync),
) -> Result<u64> {
    let len = data.len() as u64;
    api.put_multipart(temp, data, false).await?;
    report(len);
    Ok(len)
}

/// `create`, `add-block`s and `close`, encoding block n+1 while block n is on the wire.
async fn write_blocks<R: AsyncRead + Unpin + Send>(
    api: &DbfsApi,
    temp: &str,
    first: Vec<u8>,
    second: Vec<u8>,
    mut reader: R,
    report: &(dyn Fn(u64) + Send + Sync),
) -> Result<u64> {
    let handle = api.create(Create::new(temp)).await?;
    let mut body = add_block_body(handle, &first);
    let mut len = first.len() as u64;
    drop(first);
    let mut lookahead = Some(second);
    let mut done = 0u64;
    loop {
        let next = async {
            let raw = match lookahead.take() {
                Some(raw) => raw,
                None => read_block(&mut reader, MAX_BLOCK_BYTES).await?,
            };
            Ok::<_, Error>(if raw.is_empty() {
                None
            } else {
                Some((add_block_body(handle, &raw), raw.len() as u64))
            })
        };
        let (sent, next) = join(api.send_block(body), next).await;
        sent?;
        done += len;
        report(done);
        match next? {
            Some((b, l)) => (body, len) = (b, l),
            None => break,
        }
    }
    api.close(handle).await?;
    Ok(done)
}

/// Moves the complete temporary into place, moving an existing target aside first (and back
/// when the final move fails).
async fn commit(api: &DbfsApi, temp: &str, target: &str, backup: Option<String>) -> Result<()> {
    let Some(backup) = backup else {
        return api.move_(Move::new(temp, target)).await;
    };
    api.move_(Move::new(target, backup.as_str())).await?;
    if let Err(e) = api.move_(Move::new(temp, target)).await {
        let _ = api.move_(Move::new(backup.as_str(), target)).await;
        return Err(e);
    }
    // Best effort: the new content is in place; a leftover backup is only clutter.
    let _ = api.delete(Delete::new(backup)).await;
    Ok(())
}
