//! Uploads: [`DbfsApi::upload`] and [`DbfsApi::upload_file`].
//!
//! Every upload writes a temporary sibling of the target (`.<name>.<token>.uploading`) and
//! moves it into place once complete, so the target only ever holds the old or the new
//! content. When overwriting, the old file is first moved aside (`.<name>.<token>.replaced`),
//! moved back if the final move fails, and deleted once the new file is in place.
//!
//! How the temporary is written depends on what is known of the source:
//! - a source of at most one block ([`MAX_BLOCK_BYTES`], whether its size is known or not)
//!   goes in one multipart `put` from memory, which the transport retries like any request;
//! - a larger source of known size up to [`MAX_MULTIPART_PUT_BYTES`] (a local file, or a
//!   reader with [`Upload::size_hint`]) goes in one streamed multipart `put`: the form's head, the raw
//!   bytes read in [`CHUNK_BYTES`] chunks as the connection takes them, the closing boundary,
//!   with an exact `Content-Length` (no base64, one request);
//! - a source of unknown size that ends within one block (at most [`MAX_BLOCK_BYTES`]) goes
//!   in one multipart `put` from memory;
//! - anything else (unknown size beyond one block, or a known size over the `put` limit) goes
//!   through `create`, 1 MiB `add-block`s and `close`, the base64 encoding of the next block
//!   overlapping the sending of the current one.
//!
//! Memory stays bounded whatever the size: [`QUEUE_CHUNKS`] chunks queued for the connection
//! plus the one being read on the streamed path; about two raw blocks and two encoded ones on
//! the block path.
//!
//! ## Transient failures of the streamed `put`
//!
//! The transport never retries a request whose body is a stream (it cannot be replayed). The
//! helper decides instead, by source:
//! - a local file ([`DbfsApi::upload_file`]) is rewound and the whole `put` sent again (with
//!   `overwrite`, the temporary being private), up to [`MAX_PUT_ATTEMPTS`] attempts in all,
//!   after a 429, a 5xx other than 501 or a broken connection, waiting as long as the
//!   service's `Retry-After` asks (else 0.5 s, then 1 s). The client's per-attempt timeout
//!   bounds how long the `put` may stall, not how long it takes (a large file on a slow link
//!   is not cut off while it moves); when it does stall that long, the file is rewound and
//!   sent through `create` / `add-block` / `close` instead, each block being a short request;
//! - an arbitrary reader cannot be rewound: the error is reported, the temporary removed.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::{BufMut, Bytes, BytesMut};
use databricks_core::{ApiError, Error, ErrorCode, Method, RequestBuilder, Result, TimeoutKind};
use futures_util::future::{Either, join, select};
use futures_util::{StreamExt, pin_mut};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncSeekExt};
use tokio::sync::mpsc;

use crate::api::{
    CREATE, DbfsApi, MAX_BLOCK_BYTES, MAX_MULTIPART_PUT_BYTES, PUT, PutForm, add_block_body,
};
use crate::model::{Create, Delete, Move, Progress, ProgressFn};
use crate::path::{join as join_path, normalize, split};
use databricks_core::multipart::unique_token;

/// The size of each read from the source of a streamed `put`.
pub(crate) const CHUNK_BYTES: usize = 256 * 1024;

/// How many chunks may wait between the source and the connection.
pub(crate) const QUEUE_CHUNKS: usize = 2;

/// How many times a streamed `put` of a local file is sent at most (see the module docs).
pub(crate) const MAX_PUT_ATTEMPTS: u32 = 3;

/// The longest wait between two attempts that a `Retry-After` may ask for.
const MAX_PUT_BACKOFF: Duration = Duration::from_secs(30);

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The source of an upload, as the helpers see it.
pub(crate) type Reader<'a> = dyn AsyncRead + Unpin + Send + 'a;

/// Reports the bytes done so far (the total is bound in).
pub(crate) type Report = Arc<dyn Fn(u64) + Send + Sync>;

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
    /// Calls `callback` with the bytes uploaded so far (and the total when known), e.g. to
    /// draw a progress bar: as each chunk is handed to the connection on a streamed `put`,
    /// after each block otherwise.
    pub fn on_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(callback));
        self
    }

    /// The exact length of the source, when known. It is the progress total, and a length up
    /// to [`MAX_MULTIPART_PUT_BYTES`] makes the upload one streamed multipart `put` (see
    /// [`DbfsApi::upload`]). The reader must then yield exactly `total_bytes` bytes: a source
    /// that ends early or goes on is an [`Error::Io`] and nothing is written.
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
        Box::pin(async move {
            let name = PathBuf::from(format!(
                "<source of dbfs:{}>",
                self.path.strip_prefix("dbfs:").unwrap_or(&self.path)
            ));
            let mut reader = self.reader;
            let source = Source {
                input: Input::Reader(&mut reader),
                name,
                size: self.total,
            };
            run_upload(self.api, self.path, source, self.overwrite, self.progress).await
        })
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
    /// Calls `callback` with the bytes uploaded so far and the file size (as each chunk is
    /// handed to the connection). A `put` sent again after a transient failure counts from 0
    /// again.
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
            let local = self.local_path;
            let (mut file, size) = open_local_file(&local, "local_path").await?;
            let source = Source {
                input: Input::File(&mut file),
                name: local.clone(),
                size: Some(size),
            };
            run_upload(
                self.api,
                self.path,
                source,
                self.overwrite,
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
    /// With the exact size given ([`size_hint`](Upload::size_hint)) and at most
    /// [`MAX_MULTIPART_PUT_BYTES`], the upload is one multipart `put` whose body streams from
    /// `reader` (raw bytes, no base64). Without a size, a source of at most 1 MiB goes in one
    /// multipart `put`; a larger one through `create`, 1 MiB `add-block`s (the next block
    /// base64-encoded while the current one is sent) and `close`. Either way the bytes go to
    /// a temporary sibling of `path`, moved into place once complete: a failed upload never
    /// leaves a truncated file at `path`, keeps an existing file intact, and removes the
    /// temporary.
    ///
    /// A reader cannot be rewound, so a streamed `put` that fails is not sent again (use
    /// [`upload_file`](Self::upload_file) for that). Without `overwrite`, an existing file is
    /// `RESOURCE_ALREADY_EXISTS` before anything is uploaded; a directory at `path` is always
    /// refused. A failure to read `reader` is an [`Error::Io`].
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// let file = tokio::fs::File::open("data.parquet").await.expect("local file");
    /// let size = file.metadata().await.expect("metadata").len();
    /// let written = dbfs
    ///     .upload("dbfs:/tmp/data.parquet", file, true)
    ///     .size_hint(size)
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

    /// Uploads the local file `local_path` to `path`, as [`upload`](Self::upload) does with
    /// the file's size: one streamed multipart `put` up to [`MAX_MULTIPART_PUT_BYTES`],
    /// `create` / `add-block` / `close` beyond.
    ///
    /// The file can be read again, so a `put` that fails transiently (429, 5xx, a broken
    /// connection) is sent again from the start, up to 3 attempts in all; one that stalls
    /// for the client's per-attempt timeout is redone block by block. A file that changes size during
    /// the upload fails it. Local failures (opening, reading) are [`Error::Io`].
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

/// What an upload reads from.
pub(crate) struct Source<'r, 'a> {
    pub input: Input<'r, 'a>,
    /// The local path (or a description of the reader) named in [`Error::Io`]s.
    pub name: PathBuf,
    /// The exact size, when known.
    pub size: Option<u64>,
}

/// The reader of a [`Source`]: a local file can be rewound, an arbitrary reader cannot.
pub(crate) enum Input<'r, 'a> {
    Reader(&'r mut Reader<'a>),
    File(&'r mut tokio::fs::File),
}

impl Source<'_, '_> {
    pub(crate) fn reader(&mut self) -> &mut Reader<'_> {
        match &mut self.input {
            Input::Reader(r) => &mut **r,
            Input::File(f) => &mut **f,
        }
    }

    pub(crate) fn read_error(&self, e: std::io::Error) -> Error {
        Error::io("reading", &self.name, e)
    }

    pub(crate) fn rewindable(&self) -> bool {
        matches!(self.input, Input::File(_))
    }

    /// Goes back to the start of a local file.
    pub(crate) async fn rewind(&mut self) -> Result<()> {
        if let Input::File(f) = &mut self.input {
            f.rewind()
                .await
                .map_err(|e| Error::io("rewinding", &self.name, e))?;
        }
        Ok(())
    }
}

/// Opens the local file to upload and returns it with its size; a directory or other
/// non-file is [`Error::InvalidInput`] on `field`, other failures [`Error::Io`].
pub(crate) async fn open_local_file(local: &Path, field: &str) -> Result<(tokio::fs::File, u64)> {
    let file = tokio::fs::File::open(local)
        .await
        .map_err(|e| Error::io("opening", local, e))?;
    let meta = file
        .metadata()
        .await
        .map_err(|e| Error::io("reading the metadata of", local, e))?;
    if !meta.is_file() {
        return Err(Error::invalid_input(
            field,
            format!("{} is not a file", local.display()),
        ));
    }
    Ok((file, meta.len()))
}

/// Reads up to `cap` bytes, fewer only at the end of the source.
pub(crate) async fn read_block(reader: &mut Reader<'_>, cap: usize) -> std::io::Result<BytesMut> {
    let mut buf = BytesMut::with_capacity(cap);
    read_into(reader, &mut buf, cap).await?;
    Ok(buf)
}

/// Appends up to `cap` bytes of the source to `buf` (fewer only at the end of the source),
/// straight into its spare capacity: no zeroing, no copy. Returns how many were read.
pub(crate) async fn read_into(
    reader: &mut Reader<'_>,
    buf: &mut BytesMut,
    cap: usize,
) -> std::io::Result<usize> {
    buf.reserve(cap);
    let mut filled = 0;
    while filled < cap {
        let mut limited = (&mut *buf).limit(cap - filled);
        let n = reader.read_buf(&mut limited).await?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
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

async fn run_upload(
    api: DbfsApi,
    path: String,
    source: Source<'_, '_>,
    overwrite: bool,
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
    let total = source.size;
    let report: Report = Arc::new(move |done: u64| {
        if let Some(p) = &progress {
            p(Progress::new(done, total));
        }
    });
    let written = match write_temp(&api, &temp, source, &report).await {
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

/// Writes everything the source yields to the (new) file `temp`.
async fn write_temp(
    api: &DbfsApi,
    temp: &str,
    mut source: Source<'_, '_>,
    report: &Report,
) -> Result<u64> {
    match source.size {
        // Small enough to hold: one `put` from memory, which the transport can retry.
        Some(size) if size <= MAX_BLOCK_BYTES as u64 => {
            // `size` is at most one block, so it fits in usize. One byte more is asked for,
            // to catch a source that goes on past its size.
            let size = size as usize;
            let mut body = SingleBody::new(temp, false, size + 1);
            let got = read_into(source.reader(), &mut body.buf, size + 1)
                .await
                .map_err(|e| source.read_error(e))?;
            if got != size {
                return Err(size_mismatch(&source.name, size as u64, got as u64));
            }
            write_single(api, body, report).await
        }
        Some(size) if size <= MAX_MULTIPART_PUT_BYTES => {
            write_streamed(api, temp, &mut source, size, report).await
        }
        _ => write_unsized(api, temp, &mut source, false, report).await,
    }
}

/// The path for a source of unknown size (or too large for one `put`): one `put` from memory
/// when it ends within a block, else blocks. `overwrite` replaces a temporary that an earlier
/// attempt may have left.
async fn write_unsized(
    api: &DbfsApi,
    temp: &str,
    source: &mut Source<'_, '_>,
    overwrite: bool,
    report: &Report,
) -> Result<u64> {
    // The first block is read straight into the body of a single `put`, which it becomes
    // when the source ends within it.
    let mut body = SingleBody::new(temp, overwrite, MAX_BLOCK_BYTES);
    let got = read_into(source.reader(), &mut body.buf, MAX_BLOCK_BYTES)
        .await
        .map_err(|e| source.read_error(e))?;
    if got < MAX_BLOCK_BYTES {
        return write_single(api, body, report).await;
    }
    let second = read_block(source.reader(), MAX_BLOCK_BYTES)
        .await
        .map_err(|e| source.read_error(e))?;
    if second.is_empty() {
        return write_single(api, body, report).await;
    }
    // The first block is the body's tail end: split it off (no copy) and let the head go.
    let first = body.buf.split_off(body.form.head.len());
    drop(body);
    write_blocks(api, temp, first, second, source, overwrite, report).await
}

/// The body of a single multipart `put` being filled from the source: allocated once for
/// the form and the data, the data read straight into it.
struct SingleBody {
    form: PutForm,
    overwrite: bool,
    /// The form's head, then the data read so far.
    buf: BytesMut,
}

impl SingleBody {
    /// Room for the form around `capacity` bytes of data.
    fn new(temp: &str, overwrite: bool, capacity: usize) -> Self {
        let form = PutForm::new(temp, overwrite);
        let mut buf = BytesMut::with_capacity(form.len(capacity));
        buf.extend_from_slice(&form.head);
        Self {
            form,
            overwrite,
            buf,
        }
    }
}

/// One multipart `put` of a source that is already in memory.
async fn write_single(api: &DbfsApi, body: SingleBody, report: &Report) -> Result<u64> {
    let SingleBody {
        form,
        overwrite,
        mut buf,
    } = body;
    let len = (buf.len() - form.head.len()) as u64;
    buf.extend_from_slice(&form.tail);
    api.send_put_form(buf.freeze(), &form.content_type, overwrite)
        .await?;
    report(len);
    Ok(len)
}

/// `create`, `add-block`s and `close`, encoding block n+1 while block n is on the wire.
async fn write_blocks(
    api: &DbfsApi,
    temp: &str,
    first: BytesMut,
    second: BytesMut,
    source: &mut Source<'_, '_>,
    overwrite: bool,
    report: &Report,
) -> Result<u64> {
    let create = Create::new(temp);
    let create = if overwrite {
        create.overwrite(true)
    } else {
        create
    };
    let handle = api.create(create).await?;
    let mut body = add_block_body(handle, &first);
    let mut len = first.len() as u64;
    drop(first);
    let mut lookahead = Some(second);
    let mut done = 0u64;
    loop {
        let next = async {
            let raw = match lookahead.take() {
                Some(raw) => raw,
                None => read_block(source.reader(), MAX_BLOCK_BYTES)
                    .await
                    .map_err(|e| source.read_error(e))?,
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
    if let Some(size) = source.size {
        if done != size {
            return Err(size_mismatch(&source.name, size, done));
        }
    }
    api.close(handle).await?;
    Ok(done)
}

/// A source that did not yield its declared size.
pub(crate) fn size_mismatch(name: &Path, size: u64, got: u64) -> Error {
    let (kind, message) = if got < size {
        (
            std::io::ErrorKind::UnexpectedEof,
            format!("the source ended after {got} of its {size} bytes"),
        )
    } else {
        (
            std::io::ErrorKind::InvalidData,
            format!("the source goes on past its declared size of {size} bytes"),
        )
    };
    Error::io("reading", name, std::io::Error::new(kind, message))
}

/// The streamed `put` of a source of known size, sent again per the module docs when the
/// source is a local file.
async fn write_streamed(
    api: &DbfsApi,
    temp: &str,
    source: &mut Source<'_, '_>,
    size: u64,
    report: &Report,
) -> Result<u64> {
    let mut attempt = 1;
    loop {
        let error = match put_streamed(api, temp, source, size, attempt > 1, report).await {
            Ok(n) => return Ok(n),
            Err(e) => e,
        };
        if !source.rewindable() {
            return Err(error);
        }
        if matches!(&error, Error::Timeout(t) if t.kind() == TimeoutKind::Attempt) {
            // Too slow for one request: redo it block by block, each block a short request.
            source.rewind().await?;
            return write_unsized(api, temp, source, true, report).await;
        }
        if attempt >= MAX_PUT_ATTEMPTS || !worth_another_put(&error, true) {
            return Err(error);
        }
        tokio::time::sleep(put_backoff(attempt, &error)).await;
        source.rewind().await?;
        attempt += 1;
    }
}

/// Whether a failed streamed upload of a local file is worth sending again.
///
/// Always when the service did not act (429, 503 and the other throttling answers, or a
/// failure to connect). When a repeat is harmless (`idempotent`: here, the temporary is
/// private and the repeat has `overwrite` set), also after any 5xx other than 501 or a
/// connection that broke.
pub(crate) fn worth_another_put(error: &Error, idempotent: bool) -> bool {
    match error {
        Error::Api(api) => {
            api.is_retryable() || (idempotent && api.status() >= 500 && api.status() != 501)
        }
        Error::Transport(t) => {
            t.is_connect() || (idempotent && t.kind() != databricks_core::TransportErrorKind::Build)
        }
        _ => false,
    }
}

/// The wait before attempt `attempt + 1`: the service's `Retry-After` (capped), else 0.5 s
/// per attempt made.
pub(crate) fn put_backoff(attempt: u32, error: &Error) -> Duration {
    match error.as_api().and_then(ApiError::retry_after) {
        Some(hint) => hint.min(MAX_PUT_BACKOFF),
        None => Duration::from_millis(500) * attempt,
    }
}

/// One item of a streamed body: bytes, and the source bytes sent once they are (`None` for
/// the bytes that are not the source's, like a form's head and tail).
type BodyItem = (std::io::Result<Bytes>, Option<u64>);

/// What a streamed request body is made of: `head`, the rest of the source, `tail`.
pub(crate) struct BodyParts {
    /// Sent first: a form's head, or the first bytes of the source already read.
    pub head: Bytes,
    /// How many bytes of `head` are the source's (counted as progress when it is sent).
    pub head_source: u64,
    /// Sent last: a form's closing boundary, or nothing.
    pub tail: Bytes,
    /// The size of the whole source (`head_source` included), when known: the body then has
    /// an exact `Content-Length` and the source must yield exactly that much. Unknown, the
    /// source is read to its end and the body sent chunked.
    pub size: Option<u64>,
}

impl BodyParts {
    /// The body's length, when the source's size is known.
    fn content_length(&self) -> Option<u64> {
        let size = self.size?;
        let rest = size.saturating_sub(self.head_source);
        Some(self.head.len() as u64 + rest + self.tail.len() as u64)
    }
}

/// One multipart `put` of `size` bytes from the source to `temp`, the body streamed: the
/// form's head, the source in [`CHUNK_BYTES`] reads, the closing boundary, with an exact
/// `Content-Length`.
async fn put_streamed(
    api: &DbfsApi,
    temp: &str,
    source: &mut Source<'_, '_>,
    size: u64,
    overwrite: bool,
    report: &Report,
) -> Result<u64> {
    let form = PutForm::new(temp, overwrite);
    let request = api.client().request(Method::POST, PUT).idempotent(false);
    let parts = BodyParts {
        head: form.head,
        head_source: 0,
        tail: form.tail,
        size: Some(size),
    };
    send_streamed(request, &form.content_type, source, parts, report).await
}

/// Sends `request` with a body streamed from the source (see [`BodyParts`]) and returns the
/// number of source bytes sent. Shared by the DBFS `put` and the Files API upload.
///
/// The source is read by a pump running alongside the request, feeding a channel of
/// [`QUEUE_CHUNKS`] chunks that the connection drains (the request body must be `'static`;
/// the reader may be borrowed). A local failure (reading, a size that does not match) is
/// recorded by the pump and reported in preference to the broken request it causes.
pub(crate) async fn send_streamed(
    request: RequestBuilder,
    content_type: &str,
    source: &mut Source<'_, '_>,
    parts: BodyParts,
    report: &Report,
) -> Result<u64> {
    let length = parts.content_length();
    let (tx, rx) = mpsc::channel::<BodyItem>(QUEUE_CHUNKS);
    let sent = Arc::new(AtomicU64::new(0));
    let (on_sent, counted) = (Arc::clone(report), Arc::clone(&sent));
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
    .map(move |(chunk, done)| {
        if let Some(done) = done {
            counted.store(done, Ordering::Relaxed);
            on_sent(done);
        }
        chunk
    });
    let failure = Mutex::new(None);
    let send = request.body_stream(body, content_type, length).send_empty();
    let pump = pump(tx, source, parts, &failure);
    pin_mut!(send, pump);
    let outcome = match select(send, pump).await {
        Either::Left((outcome, _pump)) => outcome,
        Either::Right(((), send)) => send.await,
    };
    let local = failure
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    match (local, outcome) {
        (Some(e), _) => Err(e),
        (None, Err(e)) => Err(e),
        (None, Ok(())) => Ok(sent.load(Ordering::Relaxed)),
    }
}

/// Feeds a streamed body: `head`, the rest of the source (exactly up to its size when known,
/// else to its end), `tail`. Stops quietly when the request is gone (its error says why); on
/// a local failure, records it in `failure` and breaks the body.
async fn pump(
    tx: mpsc::Sender<BodyItem>,
    source: &mut Source<'_, '_>,
    parts: BodyParts,
    failure: &Mutex<Option<Error>>,
) {
    let fail = |e: Error| {
        let message = e.to_string();
        *failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(e);
        (Err(std::io::Error::other(message)), None)
    };
    let BodyParts {
        head,
        head_source,
        tail,
        size,
    } = parts;
    let mut done = head_source;
    if !head.is_empty() {
        let counted = (head_source > 0).then_some(done);
        if tx.send((Ok(head), counted)).await.is_err() {
            return;
        }
    }
    loop {
        let want = match size {
            Some(size) if done >= size => break,
            Some(size) => usize::try_from(size - done)
                .unwrap_or(usize::MAX)
                .min(CHUNK_BYTES),
            None => CHUNK_BYTES,
        };
        let item = match read_block(source.reader(), want).await {
            Ok(chunk) if chunk.is_empty() => match size {
                Some(size) => fail(size_mismatch(&source.name, size, done)),
                None => break,
            },
            Ok(chunk) => {
                done += chunk.len() as u64;
                (Ok(chunk.freeze()), Some(done))
            }
            Err(e) => fail(source.read_error(e)),
        };
        let broken = item.0.is_err();
        if tx.send(item).await.is_err() || broken {
            return;
        }
    }
    let item = match size {
        // Exactly `size` bytes were sent: the source must end here.
        Some(size) => {
            let mut probe = [0u8; 1];
            match source.reader().read(&mut probe).await {
                // An empty source reports its (zero) progress with the closing boundary.
                Ok(0) => (Ok(tail), (size == 0).then_some(0)),
                Ok(_) => fail(size_mismatch(&source.name, size, size + 1)),
                Err(e) => fail(source.read_error(e)),
            }
        }
        None => (Ok(tail), None),
    };
    if matches!(&item, (Ok(tail), None) if tail.is_empty()) {
        return;
    }
    let _ = tx.send(item).await;
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
