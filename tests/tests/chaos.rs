//! Chaos: a seeded workflow of well over 1,000 mixed operations (secrets, jobs and runs,
//! clusters, DBFS and Files API uploads, workspace imports, SCIM users) against an emulator that answers
//! about 20% of requests with 503 or 429 (with and without `Retry-After`), drops 5% of GET
//! connections and adds latency. At the end the workspace must hold exactly what the
//! successful operations created: nothing lost, nothing duplicated (no second job or cluster
//! from a retried create), every file byte-identical. A second run with the same seed must
//! send the same requests and see the same faults.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use databricks::clusters::{ClusterSpec, ListClustersRequest};
use databricks::jobs::{JobId, JobSettings, ListJobs, ListRuns, RunNow, Task};
use databricks::scim::{ListRequest, User};
use databricks::secrets::{CreateScope, PutSecret};
use databricks::workspace::{Import, Language};
use databricks::{Client, Error};
use databricks_emulator::{Emulator, FaultRule};
use futures::TryStreamExt;

const OPERATIONS: usize = 1_100;

/// The volume directory the Files API uploads go to.
const VOLUME_DIR: &str = "/Volumes/main/chaos/landing";

/// A small deterministic generator (xorshift64*), so the workflow is the same for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// What the workspace must contain at the end.
#[derive(Default, Debug)]
struct Expected {
    secrets: BTreeMap<String, BTreeMap<String, String>>,
    jobs: BTreeMap<String, (JobId, usize)>,
    clusters: BTreeMap<String, databricks::clusters::ClusterId>,
    files: BTreeMap<String, Vec<u8>>,
    volume_files: BTreeMap<String, Vec<u8>>,
    notebooks: BTreeSet<String>,
    users: BTreeSet<String>,
}

/// One workflow run; returns the request log as (method, path, status) for reproducibility.
async fn run(seed: u64) -> Vec<(String, String, Option<u16>)> {
    let emu = Emulator::builder()
        .fault_seed(seed)
        // Runs and clusters advance only when the test says so: no timing in the schedule.
        .lifecycle_step(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let client = common::client_with_token(&emu, &emu.token());
    client.workspace().mkdirs("/Shared/chaos").await.unwrap();
    let faults = emu.faults();
    faults.add(
        FaultRule::any_method("/api/*")
            .status(503)
            .probability(0.10),
    );
    faults.add(
        FaultRule::any_method("/api/*")
            .status(429)
            .error_code("REQUEST_LIMIT_EXCEEDED")
            .retry_after("0")
            .probability(0.06),
    );
    faults.add(
        FaultRule::any_method("/api/*")
            .status(429)
            .error_code("TOO_MANY_REQUESTS")
            .probability(0.05),
    );
    faults.add(
        FaultRule::new("GET", "/api/*")
            .drop_connection()
            .probability(0.05),
    );
    faults.add(
        FaultRule::any_method("/api/*")
            .latency(Duration::from_millis(1))
            .probability(0.2),
    );

    let mut rng = Rng(seed | 1);
    let mut want = Expected::default();
    let mut unabsorbed: Vec<Error> = Vec::new();
    for n in 0..OPERATIONS {
        if let Err(e) = step(&client, &mut rng, &mut want, n).await {
            unabsorbed.push(e);
        }
    }

    // Every failure the SDK could not absorb must be a typed error that says why; with
    // retries on, none is expected at this fault rate.
    assert!(
        unabsorbed.is_empty(),
        "unabsorbed errors: {:?}",
        unabsorbed
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
    let log: Vec<_> = emu
        .requests()
        .into_iter()
        .map(|r| (r.method, normalise(&r.path), r.status))
        .collect();
    let faulted = emu.requests().iter().filter(|r| r.fault.is_some()).count();
    assert!(
        faulted * 100 / log.len() >= 15,
        "only {faulted} of {} requests were faulted",
        log.len()
    );
    // The workflow reached every family (a verify of nothing would prove nothing).
    assert!(
        !want.files.is_empty() && !want.volume_files.is_empty() && !want.jobs.is_empty(),
        "files {}, volume files {}, jobs {}",
        want.files.len(),
        want.volume_files.len(),
        want.jobs.len()
    );
    faults.clear();
    verify(&client, &want).await;
    log
}

/// Paths with generated names (temporary upload files) made comparable across runs.
fn normalise(path: &str) -> String {
    path.chars()
        .map(|c| if c.is_ascii_hexdigit() { '#' } else { c })
        .collect()
}

async fn step(
    client: &Client,
    rng: &mut Rng,
    want: &mut Expected,
    n: usize,
) -> databricks::Result<()> {
    match rng.below(12) {
        0 | 1 if want.secrets.len() < 40 => {
            let scope = format!("scope-{n}");
            client
                .secrets()
                .create_scope(CreateScope::new(&scope))
                .await?;
            want.secrets.insert(scope, BTreeMap::new());
        }
        0..=2 if !want.secrets.is_empty() => {
            let scope = pick(rng, want.secrets.keys()).clone();
            let key = format!("k{}", rng.below(20));
            let value = format!("v{n}");
            client
                .secrets()
                .put_secret(PutSecret::string(&scope, &key, &value))
                .await?;
            want.secrets.entry(scope).or_default().insert(key, value);
        }
        3 if !want.secrets.is_empty() => {
            let scope = pick(rng, want.secrets.keys()).clone();
            if let Some(key) = want.secrets[&scope].keys().next().cloned() {
                client.secrets().delete_secret(&scope, &key).await?;
                want.secrets.entry(scope).or_default().remove(&key);
            } else {
                client.secrets().list_secrets(&scope).await?;
            }
        }
        4 => {
            let name = format!("job-{n}");
            let id = client
                .jobs()
                .create(JobSettings {
                    name: Some(name.clone()),
                    tasks: vec![Task {
                        existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
                        ..Task::notebook("main", "/Shared/chaos/etl")
                    }],
                    ..Default::default()
                })
                .await?;
            want.jobs.insert(name, (id, 0));
        }
        5 if !want.jobs.is_empty() => {
            let name = pick(rng, want.jobs.keys()).clone();
            if rng.below(4) == 0 {
                client.jobs().delete(want.jobs[&name].0).await?;
                want.jobs.remove(&name);
            } else {
                client
                    .jobs()
                    .run_now(RunNow::new(want.jobs[&name].0))
                    .await?;
                if let Some(entry) = want.jobs.get_mut(&name) {
                    entry.1 += 1;
                }
            }
        }
        6 => {
            if want.clusters.len() < 15 || rng.below(2) == 0 {
                let name = format!("cluster-{n}");
                let created = client
                    .clusters()
                    .create(ClusterSpec {
                        cluster_name: Some(name.clone()),
                        ..ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 1)
                    })
                    .await?;
                want.clusters.insert(name, created.cluster_id);
            } else {
                let name = pick(rng, want.clusters.keys()).clone();
                client
                    .clusters()
                    .permanent_delete(want.clusters[&name].clone())
                    .await?;
                want.clusters.remove(&name);
            }
        }
        7 => {
            // Mostly small files (single put), sometimes past 1 MiB (create/add-block/close).
            let len = if rng.below(8) == 0 {
                (1 << 20) + rng.below(300_000)
            } else {
                rng.below(64 * 1024)
            };
            let data = rng.bytes(len);
            if rng.below(3) == 0 {
                // The Files API: one PUT of raw bytes from memory, replayed on faults.
                let path = format!("{VOLUME_DIR}/f{}", rng.below(30));
                client.files().upload(&path, data.clone(), true).await?;
                want.volume_files.insert(path, data);
                return Ok(());
            }
            let path = format!("/chaos/f{}", rng.below(30));
            let upload = client.dbfs().upload(&path, data.as_slice(), true);
            // A small source of known size goes in one put from memory; a large reader of
            // unknown size goes block by block. (A streamed put of a large reader cannot be
            // replayed, so it would surface a fault instead of absorbing it.)
            if len <= 1 << 20 {
                upload.size_hint(data.len() as u64).await?;
            } else {
                upload.await?;
            }
            want.files.insert(path, data);
        }
        8 => {
            let path = format!("/Shared/chaos/nb{n}");
            client
                .workspace()
                .import(Import {
                    language: Some(Language::Python),
                    ..Import::new(&path, format!("print({n})\n").into_bytes())
                })
                .await?;
            want.notebooks.insert(format!("nb{n}"));
        }
        9 => {
            let name = format!("user{n}@example.com");
            client.users().create(User::new(&name)).await?;
            want.users.insert(name);
        }
        _ => {
            // Reads: listings exercise the dropped-connection faults on GETs.
            client.secrets().list_scopes().await?;
            if let Some((id, _)) = want.jobs.values().next() {
                client.jobs().get(*id).await?;
            }
        }
    }
    Ok(())
}

fn pick<'a, T>(rng: &mut Rng, items: impl ExactSizeIterator<Item = &'a T>) -> &'a T
where
    T: 'a,
{
    let len = items.len();
    let mut items = items;
    let index = rng.below(len);
    items.nth(index).unwrap()
}

async fn verify(client: &Client, want: &Expected) {
    // Secrets: the same scopes, keys and values.
    let scopes: BTreeSet<String> = client
        .secrets()
        .list_scopes()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(
        scopes,
        want.secrets.keys().cloned().collect::<BTreeSet<_>>()
    );
    for (scope, keys) in &want.secrets {
        let listed: BTreeSet<String> = client
            .secrets()
            .list_secrets(scope)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.key)
            .collect();
        assert_eq!(
            listed,
            keys.keys().cloned().collect::<BTreeSet<_>>(),
            "{scope}"
        );
        for (key, value) in keys {
            let got = client.secrets().get_secret(scope, key).await.unwrap();
            assert_eq!(got.value.expose_secret_utf8().unwrap(), value);
        }
    }

    // Jobs: each created once, with exactly the runs started.
    let jobs: Vec<_> = client
        .jobs()
        .list(ListJobs::default())
        .collect_all()
        .await
        .unwrap();
    let names: Vec<String> = jobs
        .iter()
        .filter_map(|j| j.settings.name.clone())
        .collect();
    assert_eq!(names.len(), want.jobs.len(), "duplicate or lost jobs");
    assert_eq!(
        names.into_iter().collect::<BTreeSet<_>>(),
        want.jobs.keys().cloned().collect::<BTreeSet<_>>()
    );
    for (name, (id, runs)) in &want.jobs {
        let listed: Vec<_> = client
            .jobs()
            .list_runs(ListRuns::job(*id))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(listed.len(), *runs, "runs of {name}");
    }

    // Clusters: each created once.
    let clusters: Vec<_> = client
        .clusters()
        .list(ListClustersRequest::default())
        .collect_all()
        .await
        .unwrap();
    let names: Vec<String> = clusters
        .iter()
        .filter_map(|c| c.cluster_name.clone())
        .collect();
    assert_eq!(
        names.len(),
        want.clusters.len(),
        "duplicate or lost clusters"
    );
    assert_eq!(
        names.into_iter().collect::<BTreeSet<_>>(),
        want.clusters.keys().cloned().collect::<BTreeSet<_>>()
    );

    // DBFS: exactly the uploaded files (no temporaries left), byte-identical.
    if !want.files.is_empty() {
        let listed: BTreeSet<String> = client
            .dbfs()
            .list("/chaos")
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(listed, want.files.keys().cloned().collect::<BTreeSet<_>>());
        for (path, data) in &want.files {
            let got = client
                .dbfs()
                .download(path)
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            assert!(got.as_ref() == data.as_slice(), "{path} differs");
        }
    }

    // Files API: exactly the uploaded volume files, byte-identical.
    if !want.volume_files.is_empty() {
        let listed: BTreeSet<String> = client
            .files()
            .list_directory_contents(VOLUME_DIR)
            .map_ok(|e| e.path)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(
            listed,
            want.volume_files.keys().cloned().collect::<BTreeSet<_>>()
        );
        for (path, data) in &want.volume_files {
            let got = client
                .files()
                .download(path)
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            assert!(got.as_ref() == data.as_slice(), "{path} differs");
        }
    }

    // Workspace: exactly the imported notebooks.
    let objects: BTreeSet<String> = client
        .workspace()
        .list("/Shared/chaos")
        .await
        .unwrap()
        .into_iter()
        .filter_map(|o| o.path.rsplit('/').next().map(str::to_owned))
        .collect();
    assert_eq!(objects, want.notebooks);

    // SCIM: exactly the created users (plus the admin).
    let users: Vec<User> = client
        .users()
        .list(ListRequest {
            filter: Some("userName sw \"user\"".into()),
            ..Default::default()
        })
        .collect_all()
        .await
        .unwrap();
    let names: Vec<String> = users
        .into_iter()
        .map(|u| u.user_name.unwrap_or_default())
        .collect();
    assert_eq!(names.len(), want.users.len(), "duplicate or lost users");
    assert_eq!(names.into_iter().collect::<BTreeSet<_>>(), want.users);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chaos_workflow_keeps_the_workspace_exact_and_is_reproducible() {
    let first = run(0x5eed_cafe).await;
    assert!(first.len() > OPERATIONS, "{} requests", first.len());
    let second = run(0x5eed_cafe).await;
    assert_eq!(
        first.len(),
        second.len(),
        "same seed, same number of requests"
    );
    let diverged = first.iter().zip(&second).position(|(a, b)| a != b);
    assert_eq!(diverged, None, "same seed, same requests and faults");
}
