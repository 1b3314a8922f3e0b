//! The parent process: starts (or reaches) the server, seeds it, runs every measurement in a
//! child process, and builds the table.

use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use databricks::secrets::CreateScope;
use databricks::{Client, ErrorCode};
use databricks_emulator::Emulator;
use futures::StreamExt;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::bare::Bare;
use crate::child::{self, CHILD_TIMEOUT, Sample, TOKEN_ENV};
use crate::cli::{BenchArgs, SCENARIOS};
use crate::mem;
use crate::report::{Check, Row, Unit};
use crate::source::GenReader;

mod files;

const MIB: u64 = 1024 * 1024;

/// Sizes of a run: full, or `--quick`.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    quick: bool,
    runs: usize,
    dbfs_runs: usize,
    small_calls: u64,
    concurrent: u64,
    jobs: u64,
    dbfs: u64,
    dbfs_memory: [u64; 2],
    emulator_requests: u64,
    emulator_dbfs: u64,
    warmup: u64,
}

impl Sizes {
    fn new(args: &BenchArgs) -> Self {
        if args.quick {
            Self {
                quick: true,
                runs: args.runs.unwrap_or(1),
                dbfs_runs: args.runs.unwrap_or(1),
                small_calls: 50,
                concurrent: 200,
                jobs: 150,
                dbfs: 2 * MIB + 17,
                dbfs_memory: [0, 0],
                emulator_requests: 300,
                emulator_dbfs: 2 * MIB,
                warmup: 5,
            }
        } else {
            Self {
                quick: false,
                runs: args.runs.unwrap_or(9),
                dbfs_runs: args.runs.unwrap_or(3),
                small_calls: 5_000,
                concurrent: 20_000,
                jobs: 20_000,
                dbfs: 256 * MIB,
                dbfs_memory: [64 * MIB, 512 * MIB],
                emulator_requests: 20_000,
                emulator_dbfs: 128 * MIB,
                warmup: 200,
            }
        }
    }
}

/// The server being measured.
struct Server {
    host: String,
    token: String,
    /// Whether it is our own emulator (so it may be seeded freely).
    own: bool,
    client: Client,
}

/// One measured row: what the children run.
#[derive(Debug, Clone)]
struct Spec {
    scenario: &'static str,
    label: String,
    variant: &'static str,
    count: u64,
    size: u64,
    limit: u64,
    warmup: u64,
    /// DBFS path; `{round}` is replaced by the round number.
    path: String,
    rounds: usize,
    unit: Unit,
    /// `(offset of the reference row from this group's first row, check)`.
    checks: Vec<(usize, Check)>,
}

impl Spec {
    fn new(scenario: &'static str, variant: &'static str, unit: Unit, sizes: &Sizes) -> Self {
        Self {
            scenario,
            label: variant.to_owned(),
            variant,
            count: 0,
            size: 0,
            limit: 0,
            warmup: sizes.warmup,
            path: String::new(),
            rounds: sizes.runs,
            unit,
            checks: Vec::new(),
        }
    }
}

/// Runs the benchmark and prints the table.
pub fn main(args: BenchArgs) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start tokio: {e}"))?;
    rt.block_on(run(args))
}

async fn run(args: BenchArgs) -> Result<(), String> {
    let sizes = Sizes::new(&args);
    let scenarios: Vec<String> = if args.scenarios.is_empty() {
        SCENARIOS.iter().map(|s| (*s).to_owned()).collect()
    } else {
        args.scenarios.clone()
    };
    let (server, emulator) = match &args.host {
        Some(host) => {
            let token = args
                .token
                .clone()
                .or_else(|| std::env::var("DATABRICKS_TOKEN").ok())
                .filter(|t| !t.is_empty())
                .ok_or("--host needs --token (or DATABRICKS_TOKEN)")?;
            let client = child::sdk_client(host, &token)?;
            let server = Server {
                host: host.clone(),
                token,
                own: false,
                client,
            };
            (server, None)
        }
        None => {
            // The service's quota of saved jobs (12,000) is below the `paginate` scenario's
            // 20,000: raise it for this emulator.
            let max_jobs = usize::try_from(sizes.jobs)
                .unwrap_or(usize::MAX)
                .max(databricks_emulator::DEFAULT_MAX_JOBS);
            let emulator = Emulator::builder()
                .max_jobs(max_jobs)
                .start()
                .await
                .map_err(|e| format!("cannot start the emulator: {e}"))?;
            let client = child::sdk_client(&emulator.url(), &emulator.token())?;
            let server = Server {
                host: emulator.url(),
                token: emulator.token(),
                own: true,
                client,
            };
            (server, Some(emulator))
        }
    };
    eprintln!(
        "databricks-bench: {} build, {} ({}), {} round(s) per row{}",
        if cfg!(debug_assertions) {
            "DEBUG"
        } else {
            "release"
        },
        server.host,
        if server.own {
            "in-process emulator"
        } else {
            "--host"
        },
        sizes.runs,
        if sizes.quick {
            ", --quick sizes"
        } else {
            " after a warm-up round"
        },
    );
    let mut rows: Vec<Row> = Vec::new();
    for scenario in &scenarios {
        eprintln!("== {scenario}");
        let started = Instant::now();
        let result = match scenario.as_str() {
            "small-calls" => small_calls(&server, &sizes, &mut rows).await,
            "concurrent" => concurrent(&server, &sizes, &mut rows).await,
            "paginate" => paginate(&server, &sizes, &mut rows).await,
            "dbfs-upload" => dbfs_upload(&server, &sizes, &mut rows).await,
            "dbfs-download" => dbfs_download(&server, &sizes, &mut rows).await,
            "files-upload" => files::upload(&server, &sizes, &mut rows, &args).await,
            "files-download" => files::download(&server, &sizes, &mut rows, &args).await,
            "emulator" => emulator_scenario(&server, &sizes, &mut rows).await,
            other => Err(format!("unknown scenario {other}")),
        };
        if let Err(e) = result {
            eprintln!("   {scenario} failed: {e}");
            rows.push(Row::unavailable(scenario, "-", format!("FAILED: {e}")));
        }
        eprintln!(
            "   {scenario} took {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    println!("{}", crate::report::render(&rows));
    if let Some(emulator) = emulator {
        let _ = emulator.shutdown().await;
    }
    if rows.iter().any(|r| r.note.starts_with("FAILED")) {
        return Err("some scenarios failed (see the table)".into());
    }
    Ok(())
}

/// Runs `specs` (one group of rows compared with each other) round after round, alternating
/// the order, and appends their rows. A warm-up round (not recorded) runs first unless quick.
async fn measure_group(
    server: &Server,
    sizes: &Sizes,
    specs: Vec<Spec>,
    rows: &mut Vec<Row>,
    between_rounds: Option<&(dyn Fn() -> futures::future::BoxFuture<'static, ()> + Sync)>,
) -> Result<(), String> {
    let base = rows.len();
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); specs.len()];
    let max_rounds = specs.iter().map(|s| s.rounds).max().unwrap_or(0);
    let warmup_round = usize::from(!sizes.quick);
    for round in 0..warmup_round + max_rounds {
        let recorded = round >= warmup_round;
        let mut order: Vec<usize> = (0..specs.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for i in order {
            let spec = &specs[i];
            if recorded && round - warmup_round >= spec.rounds {
                continue;
            }
            if !recorded && spec.rounds == 1 && spec.size >= 64 * MIB {
                // Memory-only rows of big transfers: no warm-up round.
                continue;
            }
            let sample = spawn_child(server, spec, round).await?;
            eprintln!(
                "   {:<28} round {round}{}: {:.3} s, {} ops, {} bytes, peak {} KiB",
                spec.label,
                if recorded { "" } else { " (warm-up)" },
                sample.secs,
                sample.ops,
                sample.bytes,
                sample.peak_rss_kib
            );
            if recorded {
                samples[i].push(sample);
            }
            if let Some(between) = between_rounds {
                between().await;
            }
        }
    }
    for (spec, samples) in specs.into_iter().zip(samples) {
        rows.push(Row {
            scenario: spec.scenario.to_owned(),
            variant: spec.label,
            samples,
            unit: Some(spec.unit),
            checks: spec
                .checks
                .iter()
                .map(|(offset, check)| (base + offset, *check))
                .collect(),
            ..Row::default()
        });
    }
    Ok(())
}

/// Runs one child and parses its sample.
async fn spawn_child(server: &Server, spec: &Spec, round: usize) -> Result<Sample, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find own binary: {e}"))?;
    let mut cmd = tokio::process::Command::new(exe);
    cmd.args(["--child", spec.scenario, "--variant", spec.variant])
        .args(["--host", &server.host])
        .args(["--count", &spec.count.to_string()])
        .args(["--size", &spec.size.to_string()])
        .args(["--limit", &spec.limit.to_string()])
        .args(["--warmup", &spec.warmup.to_string()])
        .args(["--path", &spec.path.replace("{round}", &round.to_string())])
        .env(TOKEN_ENV, &server.token)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let output = tokio::time::timeout(CHILD_TIMEOUT, cmd.output())
        .await
        .map_err(|_| format!("{} timed out", spec.label))?
        .map_err(|e| format!("cannot run child: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "{} exited with {}: {}",
            spec.label,
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line).map_err(|e| format!("bad child output {line:?}: {e}"))
}

/// Five small scopes, so `scopes/list` answers a small, non-empty body.
async fn seed_scopes(client: &Client) -> Result<(), String> {
    for i in 0..5 {
        match client
            .secrets()
            .create_scope(CreateScope::new(format!("bench-scope-{i}")))
            .await
        {
            Ok(()) => {}
            Err(e) if e.is_already_exists() => {}
            Err(e) => return Err(format!("seeding scopes: {e}")),
        }
    }
    Ok(())
}

async fn small_calls(server: &Server, sizes: &Sizes, rows: &mut Vec<Row>) -> Result<(), String> {
    if server.own {
        seed_scopes(&server.client).await?;
    }
    let mut bare = Spec::new("small-calls", "bare", Unit::Requests, sizes);
    bare.count = sizes.small_calls;
    let sdk = Spec {
        label: "sdk".into(),
        variant: "sdk",
        checks: vec![(0, Check::TimeRatioAtMost(1.10))],
        ..bare.clone()
    };
    measure_group(server, sizes, vec![bare, sdk], rows, None).await
}

async fn concurrent(server: &Server, sizes: &Sizes, rows: &mut Vec<Row>) -> Result<(), String> {
    if server.own {
        seed_scopes(&server.client).await?;
    }
    let mut bare = Spec::new("concurrent", "bare", Unit::Requests, sizes);
    bare.count = sizes.concurrent;
    bare.warmup = child::TASKS * 4;
    bare.label = format!("bare ({} tasks)", child::TASKS);
    let sdk = Spec {
        label: format!("sdk ({} tasks)", child::TASKS),
        variant: "sdk",
        checks: vec![(0, Check::ThroughputRatioAtLeast(0.90))],
        ..bare.clone()
    };
    measure_group(server, sizes, vec![bare, sdk], rows, None).await
}

/// Whether the server implements `path` (the emulator answers unknown endpoints with
/// `ENDPOINT_NOT_FOUND`).
async fn endpoint_exists(server: &Server, path: &str, query: &[(&str, &str)]) -> bool {
    let mut req = server.client.request(databricks::Method::GET, path);
    for (k, v) in query {
        req = req.query(k, v);
    }
    match req.send::<serde_json::Value>().await {
        Ok(_) => true,
        Err(e) => e.error_code() != Some(&ErrorCode::EndpointNotFound) && e.status() != Some(405),
    }
}

async fn paginate(server: &Server, sizes: &Sizes, rows: &mut Vec<Row>) -> Result<(), String> {
    let prefix = child::jobs_prefix(&server.client);
    if !endpoint_exists(server, &format!("{prefix}/list"), &[("limit", "1")]).await {
        rows.push(Row::unavailable(
            "paginate",
            "sdk / bare",
            format!(
                "not available: the server has no {prefix}/list (Jobs not in the emulator yet)"
            ),
        ));
        return Ok(());
    }
    let count: u64;
    let mut note = String::new();
    if !server.own {
        count = count_jobs(&server.client).await?;
        if count == 0 {
            rows.push(Row::unavailable(
                "paginate",
                "sdk / bare",
                "not available: the workspace has no jobs to list (nothing is seeded with --host)",
            ));
            return Ok(());
        }
        note = format!("{count} jobs (the workspace's own)");
    } else {
        count = seed_jobs(&server.client, sizes.jobs).await?;
        if count < sizes.jobs {
            note = format!(
                "{count} jobs, not {}: the emulator enforces the service's quota of saved jobs",
                sizes.jobs
            );
        }
    }
    let mut bare = Spec::new("paginate", "bare", Unit::Items, sizes);
    bare.label = format!("bare page loop ({} per page)", child::PAGE_SIZE);
    bare.count = count;
    bare.warmup = 10;
    let sdk = Spec {
        label: "sdk Paginator (streamed)".into(),
        variant: "sdk",
        checks: vec![(0, Check::TimeRatioAtMost(1.10))],
        ..bare.clone()
    };
    let tenth = Spec {
        label: "sdk Paginator, first 10% (memory)".into(),
        variant: "sdk",
        limit: (count / 10).max(1),
        rounds: 1,
        checks: vec![(1, Check::PeakWithinOf(8.0))],
        ..bare.clone()
    };
    measure_group(server, sizes, vec![bare, sdk, tenth], rows, None).await?;
    let last = rows.len();
    if let Some(row) = rows.get_mut(last - 2) {
        row.note = note;
    }
    Ok(())
}

/// How many jobs the workspace has.
async fn count_jobs(client: &Client) -> Result<u64, String> {
    use databricks::jobs::ListJobs;
    use futures::TryStreamExt;
    client
        .jobs()
        .list(ListJobs::default())
        .page_size(100)
        .try_fold(0u64, |n, _| async move { Ok(n + 1) })
        .await
        .map_err(|e| format!("counting jobs: {e}"))
}

/// Creates jobs until `target` exist; returns how many exist.
async fn seed_jobs(client: &Client, target: u64) -> Result<u64, String> {
    use databricks::jobs::JobSettings;
    let existing = count_jobs(client).await?;
    let missing = target.saturating_sub(existing);
    eprintln!("   seeding {missing} jobs ({existing} exist)");
    let results: Vec<Result<(), String>> = futures::stream::iter(0..missing)
        .map(|i| {
            let client = client.clone();
            async move {
                client
                    .jobs()
                    .create(JobSettings {
                        name: Some(format!("bench-job-{:06}", existing + i)),
                        ..Default::default()
                    })
                    .await
                    .map(drop)
                    .map_err(|e| format!("seeding jobs: {e}"))
            }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    let mut created = 0u64;
    let mut quota = None;
    for result in results {
        match result {
            Ok(()) => created += 1,
            Err(e) if e.contains("QUOTA_EXCEEDED") => quota = Some(e),
            Err(e) => return Err(e),
        }
    }
    if let Some(e) = quota {
        eprintln!("   stopped at the workspace's job quota: {e}");
    }
    Ok(existing + created)
}

/// The DBFS directory of this run.
fn dbfs_dir() -> String {
    format!("/tmp/databricks-bench-{}", std::process::id())
}

async fn dbfs_available(server: &Server) -> bool {
    endpoint_exists(server, "/api/2.0/dbfs/get-status", &[("path", "/")]).await
}

fn cleanup_dbfs(client: &Client) -> impl Fn() -> futures::future::BoxFuture<'static, ()> + Sync {
    let client = client.clone();
    move || {
        let client = client.clone();
        Box::pin(async move {
            let _ = client.dbfs().delete_recursive(&dbfs_dir()).await;
        })
    }
}

async fn dbfs_upload(server: &Server, sizes: &Sizes, rows: &mut Vec<Row>) -> Result<(), String> {
    if !dbfs_available(server).await {
        rows.push(Row::unavailable(
            "dbfs-upload",
            "sdk / bare",
            "not available: the server has no DBFS API (not in the emulator yet)",
        ));
        return Ok(());
    }
    let dir = dbfs_dir();
    // 1. Size known (a local file, or a reader with a size hint): the SDK streams one
    //    multipart `put`.
    let bare_stream = transfer_row(
        ("dbfs-upload", "bare-stream", "bare streamed multipart put"),
        format!("{dir}/bare-stream-{{round}}.bin"),
        sizes,
    );
    let sdk_stream = sdk_transfer_row(
        &bare_stream,
        0,
        ("sdk", "sdk upload, size known (streamed put)"),
        format!("{dir}/sdk-stream-{{round}}.bin"),
    );
    // 2. Size unknown: create / add-block / close.
    let bare_blocks = transfer_row(
        ("dbfs-upload", "bare-blocks", "bare add-block"),
        format!("{dir}/bare-blocks-{{round}}.bin"),
        sizes,
    );
    let sdk_blocks = sdk_transfer_row(
        &bare_blocks,
        2,
        ("sdk-unsized", "sdk upload, size unknown (add-block)"),
        format!("{dir}/sdk-blocks-{{round}}.bin"),
    );
    // 3. Files of at most 1 MiB: one in-memory multipart `put` each.
    let multipart_bytes = if sizes.quick { 2 * MIB } else { sizes.dbfs };
    let bare_mp = Spec {
        label: format!(
            "bare multipart put, {} x 1 MiB files",
            multipart_bytes / MIB
        ),
        variant: "bare-multipart",
        size: multipart_bytes,
        path: format!("{dir}/bare-mp-{{round}}"),
        ..bare_stream.clone()
    };
    let sdk_mp = Spec {
        label: format!("sdk upload, {} x 1 MiB files", multipart_bytes / MIB),
        variant: "sdk-multipart",
        path: format!("{dir}/sdk-mp-{{round}}"),
        checks: vec![(4, Check::ThroughputRatioAtLeast(0.90))],
        ..bare_mp.clone()
    };
    let specs = vec![
        bare_stream,
        sdk_stream.clone(),
        bare_blocks,
        sdk_blocks.clone(),
        bare_mp,
        sdk_mp,
    ];
    let cleanup = cleanup_dbfs(&server.client);
    let base = rows.len();
    measure_group(server, sizes, specs, rows, Some(&cleanup)).await?;
    // Memory at other sizes: within 8 MiB of the main size's peak above idle, per path.
    for (reference, main) in [(base + 1, &sdk_stream), (base + 3, &sdk_blocks)] {
        let prepare = |size| {
            let path = format!("{dir}/{}-mem-{size}-{{round}}.bin", main.variant);
            async move { Ok(path) }
        };
        memory_rows(
            server,
            sizes,
            rows,
            main,
            reference,
            prepare,
            Some(&cleanup),
        )
        .await?;
    }
    cleanup().await;
    Ok(())
}

/// A megabyte count for labels (`256 MiB`).
fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / MIB as f64)
}

/// A baseline row moving `sizes.dbfs` bytes (`scenario`, `variant`, a label without the size)
/// to or from `path`: 3 warm-up calls, `sizes.dbfs_runs` rounds.
fn transfer_row(
    (scenario, variant, label): (&'static str, &'static str, &str),
    path: String,
    sizes: &Sizes,
) -> Spec {
    let mut spec = Spec::new(scenario, variant, Unit::Bytes, sizes);
    spec.label = format!("{label}, {}", mib(sizes.dbfs));
    spec.size = sizes.dbfs;
    spec.warmup = 3;
    spec.rounds = sizes.dbfs_runs;
    spec.path = path;
    spec
}

/// The SDK's row (`variant`, a label without the size) against `baseline`, which is row
/// `bare` of their group and this row the next: throughput at least 0.90 of the baseline's,
/// peak RSS at most 32 MiB above idle.
fn sdk_transfer_row(
    baseline: &Spec,
    bare: usize,
    (variant, label): (&'static str, &str),
    path: String,
) -> Spec {
    Spec {
        label: format!("{label}, {}", mib(baseline.size)),
        variant,
        path,
        checks: vec![
            (bare, Check::ThroughputRatioAtLeast(0.90)),
            (bare + 1, Check::PeakAboveIdleAtMost(32.0)),
        ],
        ..baseline.clone()
    }
}

/// Rows of `main`'s memory at the other transfer sizes (`sizes.dbfs_memory`): one round each,
/// peak RSS above idle at most 32 MiB and within 8 MiB of row `reference` (the main size).
/// `prepare(size)` readies the server and returns the path for that size.
async fn memory_rows<P, F>(
    server: &Server,
    sizes: &Sizes,
    rows: &mut Vec<Row>,
    main: &Spec,
    reference: usize,
    mut prepare: P,
    between_rounds: Option<&(dyn Fn() -> futures::future::BoxFuture<'static, ()> + Sync)>,
) -> Result<(), String>
where
    P: FnMut(u64) -> F,
    F: std::future::Future<Output = Result<String, String>>,
{
    for size in sizes.dbfs_memory.into_iter().filter(|s| *s > 0) {
        let spec = Spec {
            label: main
                .label
                .replace(&mib(sizes.dbfs), &format!("{} (memory)", mib(size))),
            size,
            rounds: 1,
            path: prepare(size).await?,
            checks: vec![
                (0, Check::PeakAboveIdleAtMost(32.0)),
                (0, Check::PeakWithinOf(8.0)),
            ],
            ..main.clone()
        };
        measure_group(server, sizes, vec![spec], rows, between_rounds).await?;
        let last = rows.len() - 1;
        rows[last].checks[1].0 = reference;
    }
    Ok(())
}

/// Uploads `size` generated bytes to `path` (setup, not measured).
async fn put_file(client: &Client, path: &str, size: u64) -> Result<(), String> {
    client
        .dbfs()
        .upload(path, GenReader::new(size, 7), true)
        .size_hint(size)
        .await
        .map(drop)
        .map_err(|e| format!("uploading {path}: {e}"))
}

/// Writes a file of a size at a path, as setup (not measured).
type PutFile = fn(Client, String, u64) -> futures::future::BoxFuture<'static, Result<(), String>>;

/// The rows of a download scenario: the bare download (`bare_label`) against the SDK's
/// download stream of a `sizes.dbfs` file in `dir` (throughput >= 0.90 of bare, peak RSS
/// <= 32 MiB above idle), then the SDK's memory at the other sizes. `put` writes the files,
/// `cleanup` empties `dir`.
async fn download_rows(
    server: &Server,
    sizes: &Sizes,
    rows: &mut Vec<Row>,
    (scenario, bare_label): (&'static str, &str),
    dir: &str,
    put: PutFile,
    cleanup: &(dyn Fn() -> futures::future::BoxFuture<'static, ()> + Sync),
) -> Result<(), String> {
    let file = format!("{dir}/download-{}.bin", sizes.dbfs);
    put(server.client.clone(), file.clone(), sizes.dbfs).await?;
    let bare = transfer_row((scenario, "bare", bare_label), file.clone(), sizes);
    let sdk = sdk_transfer_row(&bare, 0, ("sdk", "sdk download stream"), file);
    measure_group(server, sizes, vec![bare, sdk.clone()], rows, None).await?;
    let reference = rows.len() - 1;
    let prepare = |size| {
        let (client, file) = (server.client.clone(), format!("{dir}/download-{size}.bin"));
        async move {
            cleanup().await;
            put(client, file.clone(), size).await?;
            Ok(file)
        }
    };
    memory_rows(server, sizes, rows, &sdk, reference, prepare, None).await?;
    cleanup().await;
    Ok(())
}

async fn dbfs_download(server: &Server, sizes: &Sizes, rows: &mut Vec<Row>) -> Result<(), String> {
    if !dbfs_available(server).await {
        rows.push(Row::unavailable(
            "dbfs-download",
            "sdk / bare",
            "not available: the server has no DBFS API (not in the emulator yet)",
        ));
        return Ok(());
    }
    let put: PutFile =
        |client, path, size| Box::pin(async move { put_file(&client, &path, size).await });
    let cleanup = cleanup_dbfs(&server.client);
    let scenario = ("dbfs-download", "bare 1 MiB reads");
    download_rows(server, sizes, rows, scenario, &dbfs_dir(), put, &cleanup).await
}

/// A dedicated emulator process (this binary with `--serve-emulator`), so its own memory can
/// be read from `/proc`.
struct EmulatorProcess {
    child: tokio::process::Child,
    pid: u32,
    url: String,
    token: String,
}

async fn start_emulator_process() -> Result<EmulatorProcess, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find own binary: {e}"))?;
    let mut child = tokio::process::Command::new(exe)
        .arg("--serve-emulator")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot start the emulator process: {e}"))?;
    let pid = child.id().ok_or("emulator process has no pid")?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let mut next = async || {
        tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .ok()
            .and_then(Result::ok)
            .flatten()
            .ok_or_else(|| "the emulator process did not start".to_owned())
    };
    let first = next().await?;
    let url = first
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("unexpected emulator output {first:?}"))?
        .to_owned();
    let token = next().await?;
    Ok(EmulatorProcess {
        child,
        pid,
        url,
        token,
    })
}

async fn emulator_scenario(
    server: &Server,
    sizes: &Sizes,
    rows: &mut Vec<Row>,
) -> Result<(), String> {
    if !server.own {
        rows.push(Row::unavailable(
            "emulator",
            "-",
            "skipped: --host given (this scenario measures the emulator itself)",
        ));
        return Ok(());
    }
    let mut emu = start_emulator_process().await?;
    let client = child::sdk_client(&emu.url, &emu.token)?;
    seed_scopes(&client).await?;
    let bare = Arc::new(Bare::new(&emu.url, &emu.token)?);
    let load = |n: u64| {
        let bare = bare.clone();
        async move {
            let next = Arc::new(std::sync::atomic::AtomicU64::new(0));
            let tasks: Vec<_> = (0..child::TASKS)
                .map(|_| {
                    let (bare, next) = (bare.clone(), next.clone());
                    tokio::spawn(async move {
                        while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < n {
                            let _: serde_json::Value =
                                bare.get("/api/2.0/secrets/scopes/list", &[]).await?;
                        }
                        Ok::<_, String>(())
                    })
                })
                .collect();
            for t in tasks {
                t.await.map_err(|e| e.to_string())??;
            }
            Ok::<_, String>(())
        }
    };
    load(child::TASKS * 10).await?;
    let idle = mem::of_pid(emu.pid);
    let mut samples = Vec::new();
    for _ in 0..sizes.runs {
        let started = Instant::now();
        load(sizes.emulator_requests).await?;
        let after = mem::of_pid(emu.pid);
        samples.push(Sample {
            secs: started.elapsed().as_secs_f64(),
            ops: sizes.emulator_requests,
            bytes: 0,
            idle_rss_kib: idle.rss_kib,
            peak_rss_kib: after.hwm_kib,
            cpu_secs: 0.0,
        });
    }
    rows.push(Row {
        scenario: "emulator".into(),
        variant: format!("small GET, {} connections (emulator process)", child::TASKS),
        samples,
        unit: Some(Unit::Requests),
        note: "client: bare reqwest in the parent process; same 2 cores".into(),
        ..Row::default()
    });
    if endpoint_exists_on(&client, "/api/2.0/dbfs/get-status").await {
        let before = mem::of_pid(emu.pid);
        let stored = sizes.emulator_dbfs;
        client
            .dbfs()
            .upload("/bench/stored.bin", GenReader::new(stored, 3), false)
            .size_hint(stored)
            .await
            .map_err(|e| format!("uploading to the emulator: {e}"))?;
        // Let freed request buffers settle before reading RSS.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let after = mem::of_pid(emu.pid);
        let grown = after.rss_kib.saturating_sub(before.rss_kib) * 1024;
        let per_byte = grown as f64 / stored as f64;
        rows.push(Row {
            scenario: "emulator".into(),
            variant: format!("memory per stored DBFS byte ({} MiB file)", stored / MIB),
            value: Some(("RSS growth / bytes".into(), per_byte)),
            checks: vec![(0, Check::ValueAtMost(1.1))],
            note: if sizes.quick {
                "quick size: dominated by noise".into()
            } else {
                String::new()
            },
            ..Row::default()
        });
    } else {
        rows.push(Row::unavailable(
            "emulator",
            "memory per stored DBFS byte",
            "not available: the emulator has no DBFS API yet",
        ));
    }
    drop(emu.child.stdin.take());
    let _ = tokio::time::timeout(Duration::from_secs(10), emu.child.wait()).await;
    let _ = emu.child.kill().await;
    Ok(())
}

async fn endpoint_exists_on(client: &Client, path: &str) -> bool {
    match client
        .request(databricks::Method::GET, path)
        .query("path", "/")
        .send::<serde_json::Value>()
        .await
    {
        Ok(_) => true,
        Err(e) => e.error_code() != Some(&ErrorCode::EndpointNotFound) && e.status() != Some(405),
    }
}

/// `--serve-emulator`: an emulator in this process until stdin closes. Prints
/// `listening on URL` and the token.
pub fn serve_emulator() -> Result<(), String> {
    use std::io::{Read, Write};
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start tokio: {e}"))?;
    let emulator = rt
        .block_on(Emulator::start())
        .map_err(|e| format!("cannot start the emulator: {e}"))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "listening on {}", emulator.url()).map_err(|e| e.to_string())?;
    writeln!(out, "{}", emulator.token()).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    drop(out);
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    rt.block_on(emulator.shutdown())
        .map_err(|e| format!("emulator shutdown: {e}"))
}
