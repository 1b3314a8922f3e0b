//! The run endpoints of [`JobsApi`].

use databricks_core::{Error, Method, Page, Paginator, Result};
use serde::{Deserialize, Serialize};

use super::JobsApi;
use crate::model::{
    CancelAllRuns, ExportRun, GetRun, ListRuns, RepairId, RepairRun, Run, RunId, RunNow,
    RunNowResponse, RunOutput, SubmitRun, ViewItem,
};
use crate::validate;

#[derive(Serialize)]
struct RunIdBody {
    run_id: RunId,
}

#[derive(Deserialize)]
struct SubmitRunResponse {
    run_id: RunId,
}

#[derive(Deserialize)]
struct RepairRunResponse {
    repair_id: RepairId,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ListRunsResponse {
    runs: Vec<Run>,
    next_page_token: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ExportRunResponse {
    views: Vec<ViewItem>,
}

impl JobsApi {
    /// `POST /jobs/run-now`: starts a run of a job.
    ///
    /// With an `idempotency_token`, a repeated request returns the run the first one started,
    /// so the call is then retried on transient failures; without one it is not retried once
    /// it may have reached the service. Validated: token length, `notebook_params` not with
    /// `jar_params`, parameter sizes and ASCII-only Python/spark-submit arguments.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::RunNow;
    ///
    /// let started = jobs
    ///     .run_now(RunNow {
    ///         job_parameters: [("env".to_string(), "staging".to_string())].into(),
    ///         idempotency_token: Some("deploy-2024-06-12".into()),
    ///         ..RunNow::new(754210933871025)
    ///     })
    ///     .await?;
    /// let run = jobs.wait_for_run(started.run_id).await?;
    /// # let _ = run; Ok(()) }
    /// ```
    pub async fn run_now(&self, request: RunNow) -> Result<RunNowResponse> {
        validate::run_now(&request)?;
        self.client
            .request(Method::POST, self.path("run-now"))
            .json(&request)
            .idempotent(request.idempotency_token.is_some())
            .send()
            .await
    }

    /// `POST /jobs/runs/submit`: starts a one-time run without a saved job; returns its id.
    ///
    /// Retried on transient failures only with an `idempotency_token`. Validated like
    /// [`create`](Self::create) (unique task keys, dependencies, cycles), and tasks must not
    /// use `job_cluster_key`.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::{SparkPythonTask, SubmitRun, Task};
    ///
    /// let run_id = jobs
    ///     .submit(SubmitRun {
    ///         run_name: Some("adhoc".into()),
    ///         tasks: vec![Task {
    ///             existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
    ///             spark_python_task: Some(SparkPythonTask::new("dbfs:/jobs/adhoc.py")),
    ///             ..Task::new("adhoc")
    ///         }],
    ///         ..Default::default()
    ///     })
    ///     .await?;
    /// # let _ = run_id; Ok(()) }
    /// ```
    pub async fn submit(&self, request: SubmitRun) -> Result<RunId> {
        validate::submit(&request)?;
        let response: SubmitRunResponse = self
            .client
            .request(Method::POST, self.path("runs/submit"))
            .json(&request)
            .idempotent(request.idempotency_token.is_some())
            .send()
            .await?;
        Ok(response.run_id)
    }

    /// `GET /jobs/runs/list`: runs, most recent first, lazily, page after page (page tokens).
    ///
    /// The page size is [`Paginator::page_size`] (clamped to 1..=25) or `request.limit`. With
    /// `expand_tasks`, runs whose arrays the service truncated are completed with
    /// [`get_run`](Self::get_run). Validation errors (`active_only` with `completed_only`...)
    /// are yielded as the first item, before anything is sent.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::ListRuns;
    ///
    /// let active = jobs
    ///     .list_runs(ListRuns { active_only: Some(true), ..ListRuns::job(754210933871025) })
    ///     .collect_all()
    ///     .await?;
    /// for run in active {
    ///     println!("{} {:?}", run.run_id, run.life_cycle_state());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_runs(&self, request: ListRuns) -> Paginator<Run> {
        let api = self.clone();
        Paginator::new(move |page| {
            let api = api.clone();
            let request = request.clone();
            async move {
                validate::list_runs(&request)?;
                let limit = page
                    .page_size
                    .map(|n| n.clamp(1, validate::MAX_LIST_RUNS_LIMIT))
                    .or(request.limit);
                let response: ListRunsResponse = api
                    .client
                    .request(Method::GET, api.path("runs/list"))
                    .query_opt("job_id", request.job_id)
                    .query_opt("active_only", request.active_only)
                    .query_opt("completed_only", request.completed_only)
                    .query_opt("expand_tasks", request.expand_tasks)
                    .query_opt("limit", limit)
                    .query_opt("run_type", request.run_type.as_ref().map(|t| t.as_str()))
                    .query_opt("start_time_from", request.start_time_from)
                    .query_opt("start_time_to", request.start_time_to)
                    .query_opt("page_token", page.token())
                    .idempotent(true)
                    .send()
                    .await?;
                let mut runs = response.runs;
                if request.expand_tasks == Some(true) {
                    for run in runs.iter_mut().filter(|r| r.has_more) {
                        api.complete_run(run).await?;
                    }
                }
                Ok(Page::token(runs, response.next_page_token))
            }
        })
    }

    /// `GET /jobs/runs/get`: one run (job run, one-time run or task run), with all its tasks,
    /// iterations, job clusters, job parameters and repair history (API 2.2 pages them by
    /// 100; every page is read and merged).
    ///
    /// Takes a [`RunId`], an `i64` or a [`GetRun`]. A missing run is
    /// [`Error::is_not_found`](databricks_core::Error::is_not_found).
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// let run = jobs.get_run(455644833).await?;
    /// for task in &run.tasks {
    ///     println!("{}: {:?} {}", task.task_key(), task.result_state(), task.state_message());
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_run(&self, request: impl Into<GetRun>) -> Result<Run> {
        self.get_run_merged(&request.into()).await
    }

    /// `GET /jobs/runs/get-output`: the output of a **task** run (notebook exit value, logs,
    /// error) with its metadata.
    ///
    /// For a multi-task job run the service answers `INVALID_PARAMETER_VALUE`: call it with
    /// the `run_id` of each task in [`Run::tasks`].
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// let run = jobs.get_run(455644833).await?;
    /// for task in &run.tasks {
    ///     let output = jobs.get_run_output(task.run_id).await?;
    ///     println!("{}: {:?}", task.task_key(), output.notebook_output.and_then(|o| o.result));
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_run_output(&self, run_id: impl Into<RunId>) -> Result<RunOutput> {
        self.client
            .request(Method::GET, self.path("runs/get-output"))
            .query("run_id", run_id.into())
            .idempotent(true)
            .send()
            .await
    }

    /// `POST /jobs/runs/cancel`: asks for a run (or task run) to be cancelled. Asynchronous:
    /// the run may still be running when this returns; see
    /// [`cancel_run_and_wait`](Self::cancel_run_and_wait).
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// jobs.cancel_run(455644833).await?;
    /// # Ok(()) }
    /// ```
    pub async fn cancel_run(&self, run_id: impl Into<RunId>) -> Result<()> {
        self.client
            .request(Method::POST, self.path("runs/cancel"))
            .json(&RunIdBody {
                run_id: run_id.into(),
            })
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `POST /jobs/runs/cancel-all`: cancels every active run of a job, or with
    /// `all_queued_runs` the queued runs (of every job when `job_id` is not set).
    /// Asynchronous.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::CancelAllRuns;
    ///
    /// jobs.cancel_all_runs(CancelAllRuns::job(754210933871025)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn cancel_all_runs(&self, request: CancelAllRuns) -> Result<()> {
        if request.job_id.is_none() && request.all_queued_runs != Some(true) {
            return Err(Error::invalid_input(
                "job_id",
                "set `job_id`, or `all_queued_runs` to cancel the queued runs of every job",
            ));
        }
        self.client
            .request(Method::POST, self.path("runs/cancel-all"))
            .json(&request)
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `POST /jobs/runs/delete`: deletes a run that is not active.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// jobs.delete_run(455644833).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_run(&self, run_id: impl Into<RunId>) -> Result<()> {
        self.client
            .request(Method::POST, self.path("runs/delete"))
            .json(&RunIdBody {
                run_id: run_id.into(),
            })
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `GET /jobs/runs/export`: the views of a notebook task run as HTML.
    ///
    /// Takes a [`RunId`] (code views) or an [`ExportRun`].
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::{ExportRun, RunId, ViewsToExport};
    ///
    /// let views = jobs
    ///     .export_run(ExportRun {
    ///         views_to_export: Some(ViewsToExport::All),
    ///         ..ExportRun::from(RunId::new(455644840))
    ///     })
    ///     .await?;
    /// for view in views {
    ///     println!("{:?}: {} bytes", view.name, view.content.map_or(0, |c| c.len()));
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn export_run(&self, request: impl Into<ExportRun>) -> Result<Vec<ViewItem>> {
        let request = request.into();
        let response: ExportRunResponse = self
            .client
            .request(Method::GET, self.path("runs/export"))
            .query("run_id", request.run_id)
            .query_opt(
                "views_to_export",
                request.views_to_export.as_ref().map(|v| v.as_str()),
            )
            .idempotent(true)
            .send()
            .await?;
        Ok(response.views)
    }

    /// `POST /jobs/runs/repair`: re-runs tasks of a finished job run; returns the repair's id
    /// (pass it as `latest_repair_id` to the next repair of the same run).
    ///
    /// Not retried once it may have reached the service. Validated: `rerun_tasks` not with
    /// `rerun_all_failed_tasks`, and the parameter checks of [`run_now`](Self::run_now).
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::RepairRun;
    ///
    /// let repair_id = jobs
    ///     .repair_run(RepairRun {
    ///         rerun_all_failed_tasks: Some(true),
    ///         ..RepairRun::new(455644833)
    ///     })
    ///     .await?;
    /// # let _ = repair_id; Ok(()) }
    /// ```
    pub async fn repair_run(&self, request: RepairRun) -> Result<RepairId> {
        validate::repair(&request)?;
        let response: RepairRunResponse = self
            .client
            .request(Method::POST, self.path("runs/repair"))
            .json(&request)
            .idempotent(false)
            .send()
            .await?;
        Ok(response.repair_id)
    }
}
