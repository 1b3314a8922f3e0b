//! Deploying a notebook job from CI: the notebook goes into your home folder, the job is
//! created or updated in place (found by name, so running this again changes nothing but the
//! settings), then it runs on a job cluster and the deployment waits for the outcome.
//!
//! Without `DATABRICKS_HOST` it runs against the built-in emulator. With `DATABRICKS_HOST` it
//! deploys to that workspace, and runs the job only with `DEPLOY_DEMO_RUN=1` (a run starts a
//! job cluster, which costs money); the job and the notebook stay for you to look at.
//!
//! ```sh
//! cargo run -p databricks --example deploy_job --features full
//! ```

mod common;

use std::time::Duration;

use databricks::clusters::{ClusterSpec, NodeTypeRequest, SparkVersionRequest};
use databricks::jobs::{JobCluster, JobSettings, ListJobs, RunNow, Task};
use databricks::workspace::{Import, Language};

const JOB_NAME: &str = "deploy-demo";

const NOTEBOOK: &str = "# Databricks notebook source\nprint(\"hello from deploy-demo\")\n";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, emulator) = common::client().await?;

    // 1. The notebook, in the caller's home folder.
    let me = client.current_user().me().await?;
    let home = format!("/Users/{}", me.user_name.unwrap_or_default());
    let dir = format!("{home}/{JOB_NAME}");
    let notebook = format!("{dir}/etl");
    client.workspace().mkdirs(&dir).await?;
    client
        .workspace()
        .import(Import {
            language: Some(Language::Python),
            overwrite: Some(true),
            ..Import::new(&notebook, NOTEBOOK)
        })
        .await?;
    println!("uploaded {notebook}");

    // 2. The job: a notebook task on a small job cluster of the latest LTS runtime.
    let clusters = client.clusters();
    let spark_version = clusters
        .select_spark_version(SparkVersionRequest::latest_lts())
        .await?;
    let node_type = clusters
        .select_node_type(NodeTypeRequest {
            local_disk: true,
            ..Default::default()
        })
        .await?;
    let settings = JobSettings {
        name: Some(JOB_NAME.into()),
        job_clusters: vec![JobCluster::new(
            "main",
            ClusterSpec::new(spark_version, node_type, 1),
        )],
        tasks: vec![Task {
            job_cluster_key: Some("main".into()),
            ..Task::notebook("etl", &notebook)
        }],
        max_concurrent_runs: Some(1),
        ..Default::default()
    };

    // 3. Create it, or update the one of that name in place.
    let jobs = client.jobs();
    let existing = jobs
        .list(ListJobs {
            name: Some(JOB_NAME.into()),
            ..Default::default()
        })
        .collect_all()
        .await?;
    let job_id = match existing.as_slice() {
        [] => {
            let id = jobs.create(settings).await?;
            println!("created job {id}");
            id
        }
        [job] => {
            jobs.reset(job.job_id, settings).await?;
            println!("updated job {}", job.job_id);
            job.job_id
        }
        more => {
            return Err(format!(
                "{} jobs are named {JOB_NAME:?}: rename or delete all but one",
                more.len()
            )
            .into());
        }
    };

    // 4. Run it and wait (on the emulator, or when asked to).
    let run_it = emulator.is_some() || std::env::var("DEPLOY_DEMO_RUN").as_deref() == Ok("1");
    if !run_it {
        println!("not running it: set DEPLOY_DEMO_RUN=1 to start a run");
        return Ok(());
    }
    let run = jobs
        .run_now_and_wait(RunNow::new(job_id))
        .timeout(Duration::from_secs(2 * 3600))
        .on_progress(|run, state| println!("  run {}: {state}", run.run_id))
        .await?;
    println!(
        "run {} succeeded: {}",
        run.run_id,
        run.run_page_url.as_deref().unwrap_or("(no run page)")
    );
    Ok(())
}
