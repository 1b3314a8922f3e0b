//! One measurement in a child process: build the client, warm up, note the idle RSS, run the
//! workload once under the clock, and print a [`Sample`] as one JSON line on stdout.
//!
//! Running each measurement in its own process keeps the peak RSS of the SDK and of the
//! baseline apart (and apart from the emulator's).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use databricks::dbfs::FileInfo;
use databricks::jobs::{Job, ListJobs};
use databricks::secrets::SecretScope;
use databricks::{Client, ConfigSources};
use futures::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};

mod files;

use crate::bare::{Bare, BareResult};
use crate::cli::ChildArgs;
use crate::mem;
use crate::source::GenReader;

/// The environment variable carrying the token to children (never the command line, which
/// other users of the machine can read).
pub const TOKEN_ENV: &str = "DATABRICKS_BENCH_TOKEN";

/// The concurrency of the `concurrent` scenario.
pub const TASKS: u64 = 64;
/// Page size of the `paginate` scenario (the Jobs API maximum).
pub const PAGE_SIZE: u32 = 100;
/// DBFS block and read size.
pub const BLOCK: usize = 1024 * 1024;

/// What a child measured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Sample {
    /// Wall time of the measured part.
    pub secs: f64,
    /// Requests made or items listed.
    pub ops: u64,
    /// Payload bytes moved.
    pub bytes: u64,
    /// RSS after the warm-up, before the measured part.
    pub idle_rss_kib: u64,
    /// Peak RSS of the process.
    pub peak_rss_kib: u64,
    /// CPU time (all threads) of the measured part.
    #[serde(default)]
    pub cpu_secs: f64,
}

type AnyResult<T> = Result<T, String>;

fn sdk_err(e: databricks::Error) -> String {
    e.to_string()
}

/// Builds the SDK client the way users do, isolated from env and ~/.databrickscfg.
pub fn sdk_client(host: &str, token: &str) -> AnyResult<Client> {
    Client::builder()
        .host(host)
        .token(token)
        .sources(ConfigSources::empty())
        .build()
        .map_err(sdk_err)
}

/// The Jobs API path prefix the SDK uses (`/api/2.2/jobs`).
pub fn jobs_prefix(client: &Client) -> String {
    format!("/api/{}/jobs", client.jobs().api_version().as_str())
}

/// Runs the child described by `args` and prints its sample.
pub fn main(args: ChildArgs) -> AnyResult<()> {
    let token = std::env::var(TOKEN_ENV).map_err(|_| format!("{TOKEN_ENV} is not set"))?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start tokio: {e}"))?;
    let sample = rt.block_on(run(&args, &token))?;
    let line = serde_json::to_string(&sample).map_err(|e| e.to_string())?;
    println!("{line}");
    Ok(())
}

/// Measures `work` after `warmup` resolved: idle RSS before, wall time, peak RSS after.
async fn measure<W, F>(warmup: impl Future<Output = AnyResult<()>>, work: W) -> AnyResult<Sample>
where
    W: FnOnce() -> F,
    F: Future<Output = AnyResult<(u64, u64)>>,
{
    warmup.await?;
    let idle = mem::own();
    let cpu = mem::own_cpu_secs();
    let started = Instant::now();
    let (ops, bytes) = work().await?;
    let secs = started.elapsed().as_secs_f64();
    Ok(Sample {
        secs,
        ops,
        bytes,
        idle_rss_kib: idle.rss_kib,
        peak_rss_kib: mem::own().hwm_kib,
        cpu_secs: mem::own_cpu_secs() - cpu,
    })
}

async fn run(a: &ChildArgs, token: &str) -> AnyResult<Sample> {
    let sdk = sdk_client(&a.host, token)?;
    let bare = Bare::new(&a.host, token)?;
    match (a.scenario.as_str(), a.variant.as_str()) {
        ("small-calls", "sdk") => {
            measure(sdk_list_scopes(&sdk, a.warmup), || async {
                sdk_list_scopes(&sdk, a.count).await?;
                Ok((a.count, 0))
            })
            .await
        }
        ("small-calls", "bare") => {
            measure(bare_list_scopes(&bare, a.warmup), || async {
                bare_list_scopes(&bare, a.count).await?;
                Ok((a.count, 0))
            })
            .await
        }
        ("concurrent", "sdk") => {
            let call = move |c: Client| async move {
                c.secrets().list_scopes().await.map(drop).map_err(sdk_err)
            };
            measure(concurrently(sdk.clone(), a.warmup, call), || async {
                concurrently(sdk.clone(), a.count, call).await?;
                Ok((a.count, 0))
            })
            .await
        }
        ("concurrent", "bare") => {
            let call = move |b: Bare| async move { bare_scopes_once(&b).await.map(drop) };
            measure(concurrently(bare.clone(), a.warmup, call), || async {
                concurrently(bare.clone(), a.count, call).await?;
                Ok((a.count, 0))
            })
            .await
        }
        ("paginate", "sdk") => {
            measure(sdk_list_scopes(&sdk, a.warmup), || async {
                let mut jobs = sdk.jobs().list(ListJobs::default()).page_size(PAGE_SIZE);
                if a.limit > 0 {
                    jobs = jobs.limit(usize::try_from(a.limit).unwrap_or(usize::MAX));
                }
                let mut n = 0u64;
                while let Some(job) = jobs.try_next().await.map_err(sdk_err)? {
                    std::hint::black_box(&job);
                    n += 1;
                }
                Ok((n, 0))
            })
            .await
        }
        ("paginate", "bare") => {
            let prefix = jobs_prefix(&sdk);
            measure(bare_list_scopes(&bare, a.warmup), || async {
                bare_paginate(&bare, &prefix).await.map(|n| (n, 0))
            })
            .await
        }
        ("dbfs-upload", "sdk") => {
            measure(sdk_warm_dbfs(&sdk, a.warmup), || async {
                let written = sdk
                    .dbfs()
                    .upload(&a.path, GenReader::new(a.size, 42), false)
                    .size_hint(a.size)
                    .await
                    .map_err(sdk_err)?;
                Ok((1, written))
            })
            .await
        }
        ("dbfs-upload", "sdk-unsized") => {
            // No size hint: the SDK cannot stream one `put` and goes through add-block.
            measure(sdk_warm_dbfs(&sdk, a.warmup), || async {
                let written = sdk
                    .dbfs()
                    .upload(&a.path, GenReader::new(a.size, 42), false)
                    .await
                    .map_err(sdk_err)?;
                Ok((1, written))
            })
            .await
        }
        ("dbfs-upload", "bare-stream") => {
            measure(bare_warm_dbfs(&bare, a.warmup), || async {
                let written = bare_upload_streamed(&bare, &a.path, a.size).await?;
                Ok((1, written))
            })
            .await
        }
        ("dbfs-upload", "bare-blocks") => {
            measure(bare_warm_dbfs(&bare, a.warmup), || async {
                let written = bare_upload_blocks(&bare, &a.path, a.size).await?;
                Ok((1, written))
            })
            .await
        }
        ("dbfs-upload", "sdk-multipart") => {
            measure(sdk_warm_dbfs(&sdk, a.warmup), || async {
                let mut done = 0;
                for (i, len) in file_sizes(a.size).enumerate() {
                    let path = format!("{}/part-{i:05}", a.path);
                    done += sdk
                        .dbfs()
                        .upload(&path, GenReader::new(len, i as u64), false)
                        .size_hint(len)
                        .await
                        .map_err(sdk_err)?;
                }
                Ok((file_sizes(a.size).count() as u64, done))
            })
            .await
        }
        ("dbfs-upload", "bare-multipart") => {
            measure(bare_warm_dbfs(&bare, a.warmup), || async {
                let mut done = 0;
                for (i, len) in file_sizes(a.size).enumerate() {
                    let path = format!("{}/part-{i:05}", a.path);
                    done += bare_upload_single(&bare, &path, len, i as u64).await?;
                }
                Ok((file_sizes(a.size).count() as u64, done))
            })
            .await
        }
        ("dbfs-download", "sdk") => {
            measure(sdk_warm_dbfs(&sdk, a.warmup), || async {
                let mut download = sdk.dbfs().download(&a.path).await.map_err(sdk_err)?;
                let mut n = 0u64;
                while let Some(chunk) = download.try_next().await.map_err(sdk_err)? {
                    n += chunk.len() as u64;
                }
                Ok((1, n))
            })
            .await
        }
        ("dbfs-download", "bare") => {
            measure(bare_warm_dbfs(&bare, a.warmup), || async {
                bare_download(&bare, &a.path).await.map(|n| (1, n))
            })
            .await
        }
        ("files-upload" | "files-download", _) => files::run(a, &sdk, &bare).await,
        (scenario, variant) => Err(format!("no child for {scenario}/{variant}")),
    }
}

/// The sizes of the 1 MiB files that make up `total` bytes (the last one shorter).
fn file_sizes(total: u64) -> impl Iterator<Item = u64> {
    let block = BLOCK as u64;
    (0..total.div_ceil(block)).map(move |i| block.min(total - i * block))
}

async fn sdk_list_scopes(client: &Client, n: u64) -> AnyResult<()> {
    for _ in 0..n {
        let scopes = client.secrets().list_scopes().await.map_err(sdk_err)?;
        std::hint::black_box(scopes);
    }
    Ok(())
}

/// The body of `secrets/scopes/list`, decoded into the SDK's own item type.
#[derive(Deserialize)]
struct Scopes {
    #[serde(default)]
    scopes: Vec<SecretScope>,
}

async fn bare_scopes_once(bare: &Bare) -> BareResult<Vec<SecretScope>> {
    let scopes: Scopes = bare.get("/api/2.0/secrets/scopes/list", &[]).await?;
    Ok(scopes.scopes)
}

async fn bare_list_scopes(bare: &Bare, n: u64) -> AnyResult<()> {
    for _ in 0..n {
        std::hint::black_box(bare_scopes_once(bare).await?);
    }
    Ok(())
}

/// Runs `n` calls of `call` from [`TASKS`] tasks sharing one client.
async fn concurrently<C, F, Fut>(client: C, n: u64, call: F) -> AnyResult<()>
where
    C: Clone + Send + 'static,
    F: Fn(C) -> Fut + Copy + Send + 'static,
    Fut: Future<Output = AnyResult<()>> + Send,
{
    let next = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..TASKS.min(n.max(1)))
        .map(|_| {
            let (client, next) = (client.clone(), next.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < n {
                    call(client.clone()).await?;
                }
                Ok::<_, String>(())
            })
        })
        .collect();
    for task in tasks {
        task.await.map_err(|e| e.to_string())??;
    }
    Ok(())
}

/// A page of `jobs/list`, decoded into the SDK's own `Job`.
#[derive(Deserialize)]
struct JobsPage {
    #[serde(default)]
    jobs: Vec<Job>,
    #[serde(default)]
    next_page_token: Option<String>,
}

async fn bare_paginate(bare: &Bare, prefix: &str) -> AnyResult<u64> {
    let path = format!("{prefix}/list");
    let limit = PAGE_SIZE.to_string();
    let mut token: Option<String> = None;
    let mut n = 0u64;
    loop {
        let mut query = vec![("limit", limit.as_str())];
        if let Some(t) = &token {
            query.push(("page_token", t.as_str()));
        }
        let page: JobsPage = bare.get(&path, &query).await?;
        // Each job is handed on by value and dropped, as a caller of the Paginator does.
        for job in page.jobs {
            std::hint::black_box(job);
            n += 1;
        }
        match page.next_page_token {
            Some(t) if !t.is_empty() && Some(&t) != token.as_ref() => token = Some(t),
            _ => return Ok(n),
        }
    }
}

async fn sdk_warm_dbfs(client: &Client, n: u64) -> AnyResult<()> {
    for _ in 0..n {
        client.dbfs().get_status("/").await.map_err(sdk_err)?;
    }
    Ok(())
}

async fn bare_warm_dbfs(bare: &Bare, n: u64) -> AnyResult<()> {
    for _ in 0..n {
        let _: FileInfo = bare
            .get("/api/2.0/dbfs/get-status", &[("path", "/")])
            .await?;
    }
    Ok(())
}

/// The temporary sibling the SDK writes first (`.<name>.<token>.uploading`).
fn temp_of(path: &str) -> String {
    let (parent, name) = path.rsplit_once('/').unwrap_or(("", path));
    format!("{parent}/.{name}.bench{}.uploading", std::process::id())
}

/// `get-status` of the target, expected missing (as the SDK checks before uploading).
async fn bare_expect_missing(bare: &Bare, path: &str) -> AnyResult<()> {
    match bare
        .get_status("/api/2.0/dbfs/get-status", &[("path", path)])
        .await?
    {
        404 => Ok(()),
        status => Err(format!(
            "{path}: expected 404 from get-status, got {status}"
        )),
    }
}

async fn bare_move(bare: &Bare, from: &str, to: &str) -> AnyResult<()> {
    let body = serde_json::to_vec(&serde_json::json!({
        "source_path": from, "destination_path": to,
    }))
    .map_err(|e| e.to_string())?;
    let _: serde_json::Value = bare.post_json("/api/2.0/dbfs/move", body.into()).await?;
    Ok(())
}

/// The SDK's requests for a large upload: `get-status`, `create` of the temporary,
/// `add-block`s (the next block encoded while the current one is on the wire), `close`,
/// `move` into place.
async fn bare_upload_blocks(bare: &Bare, path: &str, size: u64) -> AnyResult<u64> {
    #[derive(Deserialize)]
    struct Handle {
        handle: i64,
    }
    bare_expect_missing(bare, path).await?;
    let temp = temp_of(path);
    let create = serde_json::to_vec(&serde_json::json!({"path": temp, "overwrite": false}))
        .map_err(|e| e.to_string())?;
    let Handle { handle } = bare
        .post_json("/api/2.0/dbfs/create", create.into())
        .await?;
    let mut source = GenReader::new(size, 42);
    let encode = |raw: &[u8]| {
        let mut body = String::with_capacity(raw.len().div_ceil(3) * 4 + 48);
        body.push_str("{\"handle\":");
        body.push_str(&handle.to_string());
        body.push_str(",\"data\":\"");
        STANDARD.encode_string(raw, &mut body);
        body.push_str("\"}");
        Bytes::from(body)
    };
    let first = source.block(BLOCK);
    let mut len = first.len() as u64;
    let mut body = encode(&first);
    drop(first);
    let mut total = 0;
    loop {
        let next = async {
            let raw = source.block(BLOCK);
            (!raw.is_empty()).then(|| (encode(&raw), raw.len() as u64))
        };
        let (sent, next) = futures::future::join(
            bare.post_raw("/api/2.0/dbfs/add-block", body, "application/json"),
            next,
        )
        .await;
        sent?;
        total += len;
        match next {
            Some((b, l)) => (body, len) = (b, l),
            None => break,
        }
    }
    let close =
        serde_json::to_vec(&serde_json::json!({ "handle": handle })).map_err(|e| e.to_string())?;
    let _: serde_json::Value = bare.post_json("/api/2.0/dbfs/close", close.into()).await?;
    bare_move(bare, &temp, path).await?;
    Ok(total)
}

/// The multipart head and tail around a file's bytes (the SDK's form: `path`, `overwrite`,
/// then the file part `contents`).
fn multipart_parts(temp: &str) -> (String, String, String) {
    let name = temp.rsplit('/').next().unwrap_or("file");
    let boundary = format!("databricks-bench-{}", std::process::id());
    let mut head = String::new();
    for (field, value) in [("path", temp), ("overwrite", "false")] {
        head.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n"
        ));
    }
    head.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"contents\"; \
         filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    ));
    let tail = format!("\r\n--{boundary}--\r\n");
    (
        head,
        tail,
        format!("multipart/form-data; boundary={boundary}"),
    )
}

/// The SDK's requests for a large file of known size: `get-status`, one multipart `put` of
/// the temporary whose body streams (256 KiB chunks, exact `Content-Length`), `move`.
async fn bare_upload_streamed(bare: &Bare, path: &str, size: u64) -> AnyResult<u64> {
    const CHUNK: usize = 256 * 1024;
    bare_expect_missing(bare, path).await?;
    let temp = temp_of(path);
    let (head, tail, content_type) = multipart_parts(&temp);
    let length = head.len() as u64 + size + tail.len() as u64;
    let chunks = futures::stream::unfold(GenReader::new(size, 42), |mut source| async move {
        let chunk = source.block(CHUNK);
        (!chunk.is_empty()).then(|| (Ok::<_, std::io::Error>(Bytes::from(chunk)), source))
    });
    let body = futures::stream::iter([Ok(Bytes::from(head))])
        .chain(chunks)
        .chain(futures::stream::iter([Ok(Bytes::from(tail))]));
    bare.post_stream(
        "/api/2.0/dbfs/put",
        reqwest::Body::wrap_stream(body),
        &content_type,
        length,
    )
    .await?;
    bare_move(bare, &temp, path).await?;
    Ok(size)
}

/// The SDK's requests for a file of at most 1 MiB: `get-status`, one multipart `put` of the
/// temporary, `move` into place. The file's `len` bytes are generated straight into the
/// body (one allocation, no copy): the floor for building that body.
async fn bare_upload_single(bare: &Bare, path: &str, len: u64, seed: u64) -> AnyResult<u64> {
    bare_expect_missing(bare, path).await?;
    let temp = temp_of(path);
    let (head, tail, content_type) = multipart_parts(&temp);
    let len = usize::try_from(len).map_err(|e| e.to_string())?;
    let mut body = Vec::with_capacity(head.len() + len + tail.len());
    body.extend_from_slice(head.as_bytes());
    body.resize(head.len() + len, 0);
    let filled = GenReader::new(len as u64, seed).fill(&mut body[head.len()..]);
    body.extend_from_slice(tail.as_bytes());
    bare.post_raw("/api/2.0/dbfs/put", body.into(), &content_type)
        .await?;
    bare_move(bare, &temp, path).await?;
    Ok(filled as u64)
}

/// The SDK's requests for a download: `get-status`, then 1 MiB `read`s, two in flight.
async fn bare_download(bare: &Bare, path: &str) -> AnyResult<u64> {
    // The base64 text is borrowed from the response body, not copied into a `String`.
    #[derive(Deserialize)]
    struct ReadResponse<'a> {
        #[serde(default, borrow)]
        data: std::borrow::Cow<'a, str>,
    }
    let info: FileInfo = bare
        .get("/api/2.0/dbfs/get-status", &[("path", path)])
        .await?;
    let size = u64::try_from(info.file_size).unwrap_or(0);
    let block = BLOCK as u64;
    let length = block.to_string();
    let mut reads = futures::stream::iter(0..size.div_ceil(block))
        .map(|i| {
            let length = length.as_str();
            async move {
                let offset = (i * block).to_string();
                let body = bare
                    .get_bytes(
                        "/api/2.0/dbfs/read",
                        &[("path", path), ("offset", &offset), ("length", length)],
                    )
                    .await?;
                let resp: ReadResponse<'_> =
                    serde_json::from_slice(&body).map_err(|e| format!("bad JSON: {e}"))?;
                STANDARD
                    .decode(resp.data.as_bytes())
                    .map_err(|e| format!("bad base64: {e}"))
            }
        })
        .buffered(2);
    let mut n = 0u64;
    while let Some(chunk) = reads.next().await {
        n += chunk?.len() as u64;
    }
    Ok(n)
}

/// How long to wait for a child before giving up on it.
pub const CHILD_TIMEOUT: Duration = Duration::from_secs(900);
