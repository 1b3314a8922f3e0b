//! API 2.2 array paging inside objects: `jobs/get` and `runs/get` return at most 100 elements
//! of each array property plus a `next_page_token`; these helpers read every page and merge
//! them, as the official SDKs do.

use std::collections::HashSet;

use databricks_core::{Method, Result};

use super::JobsApi;
use crate::model::{GetJob, GetRun, Job, Run};

impl JobsApi {
    async fn get_job_page(&self, request: &GetJob, page_token: Option<&str>) -> Result<Job> {
        self.client
            .request(Method::GET, self.path("get"))
            .query("job_id", request.job_id)
            .query_opt("include_trigger_state", request.include_trigger_state)
            .query_opt("page_token", page_token)
            .idempotent(true)
            .send()
            .await
    }

    /// `jobs/get`, every page merged: tasks, job clusters, parameters and environments.
    pub(super) async fn get_merged(&self, request: &GetJob) -> Result<Job> {
        let mut job = self.get_job_page(request, None).await?;
        let mut seen = HashSet::new();
        while let Some(token) = job.next_page_token.take().filter(|t| !t.is_empty()) {
            if !seen.insert(token.clone()) {
                tracing_warn_repeated("jobs/get", &token);
                break;
            }
            let next = self.get_job_page(request, Some(&token)).await?;
            let (settings, more) = (&mut job.settings, next.settings);
            settings.tasks.extend(more.tasks);
            settings.job_clusters.extend(more.job_clusters);
            settings.parameters.extend(more.parameters);
            settings.environments.extend(more.environments);
            job.next_page_token = next.next_page_token;
        }
        Ok(job)
    }

    /// Completes a job of `jobs/list?expand_tasks=true` marked `has_more`.
    pub(super) async fn complete_job(&self, job: &mut Job) -> Result<()> {
        let full = self.get_merged(&GetJob::new(job.job_id)).await?;
        job.settings.tasks = full.settings.tasks;
        job.settings.job_clusters = full.settings.job_clusters;
        job.settings.parameters = full.settings.parameters;
        job.settings.environments = full.settings.environments;
        job.has_more = false;
        Ok(())
    }

    async fn get_run_page(&self, request: &GetRun, page_token: Option<&str>) -> Result<Run> {
        self.client
            .request(Method::GET, self.path("runs/get"))
            .query("run_id", request.run_id)
            .query_opt("include_history", request.include_history)
            .query_opt("include_resolved_values", request.include_resolved_values)
            .query_opt("page_token", page_token)
            .idempotent(true)
            .send()
            .await
    }

    /// `runs/get`, every page merged. A job run pages its tasks; a for-each task run pages its
    /// iterations (its single task is not repeated). Job clusters, job parameters and repair
    /// history are paged alongside.
    pub(super) async fn get_run_merged(&self, request: &GetRun) -> Result<Run> {
        let mut run = self.get_run_page(request, None).await?;
        let iterations = !run.iterations.is_empty();
        let mut seen = HashSet::new();
        while let Some(token) = run.next_page_token.take().filter(|t| !t.is_empty()) {
            if !seen.insert(token.clone()) {
                tracing_warn_repeated("jobs/runs/get", &token);
                break;
            }
            let next = self.get_run_page(request, Some(&token)).await?;
            if iterations {
                run.iterations.extend(next.iterations);
            } else {
                run.tasks.extend(next.tasks);
            }
            run.job_clusters.extend(next.job_clusters);
            run.job_parameters.extend(next.job_parameters);
            run.repair_history.extend(next.repair_history);
            run.next_page_token = next.next_page_token;
        }
        Ok(run)
    }

    /// Completes a run of `runs/list?expand_tasks=true` marked `has_more`.
    pub(super) async fn complete_run(&self, run: &mut Run) -> Result<()> {
        let full = self.get_run_merged(&GetRun::new(run.run_id)).await?;
        run.tasks = full.tasks;
        run.job_clusters = full.job_clusters;
        run.job_parameters = full.job_parameters;
        run.repair_history = full.repair_history;
        run.has_more = false;
        Ok(())
    }
}

fn tracing_warn_repeated(endpoint: &str, token: &str) {
    tracing::warn!(
        endpoint,
        token,
        "the service repeated a page token; stopping"
    );
}
