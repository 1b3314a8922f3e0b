//! The [`JobsApi`] handle: job endpoints here, runs in `runs.rs`, waiters in `wait.rs`.

mod merge;
mod runs;
mod wait;

use std::fmt;

use databricks_core::permissions::{ObjectPermissions, PermissionsApi, PermissionsDescription};
use databricks_core::{Client, Method, Page, Paginator, Result};
use serde::{Deserialize, Serialize};

use crate::model::{
    CreateJob, GetJob, Job, JobAccessControlRequest, JobId, JobPermissionLevel, JobSettings,
    ListJobs, UpdateJob,
};
use crate::validate::{self, Scope};

/// The version of the Jobs API a [`JobsApi`] calls.
///
/// 2.2 (the default, as in the official SDKs) and 2.1 take and return the same shapes; 2.2
/// pages the large arrays of `jobs/get` and `runs/get` (merged back by the SDK), enables
/// queueing by default for new jobs, and is the only version that can read jobs with more than
/// 100 tasks.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum JobsApiVersion {
    /// `/api/2.1/jobs/...`.
    V2_1,
    /// `/api/2.2/jobs/...` (default).
    #[default]
    V2_2,
}

impl JobsApiVersion {
    /// The version as it appears in paths (`"2.1"`, `"2.2"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::V2_1 => "2.1",
            Self::V2_2 => "2.2",
        }
    }
}

/// The Jobs API (`/api/2.2/jobs/...`): jobs, runs, their outputs, waiters for runs, and job
/// permissions.
///
/// Cheap to clone; holds a clone of the [`Client`]. Methods validate their input first and
/// return [`Error::InvalidInput`](databricks_core::Error::InvalidInput) without sending
/// anything when it is wrong (duplicate task keys, unknown or cyclic dependencies, limits).
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use std::time::Duration;
/// use databricks_core::Client;
/// use databricks_jobs::{JobSettings, JobsApi, RunNow, Task, TaskDependency};
///
/// let jobs = JobsApi::new(Client::from_env()?);
/// let job_id = jobs
///     .create(JobSettings {
///         name: Some("nightly-etl".into()),
///         tasks: vec![
///             Task::notebook("ingest", "/Repos/etl/ingest"),
///             Task {
///                 depends_on: vec![TaskDependency::new("ingest")],
///                 ..Task::notebook("report", "/Repos/etl/report")
///             },
///         ],
///         ..Default::default()
///     })
///     .await?;
/// let run = jobs
///     .run_now_and_wait(RunNow::new(job_id))
///     .timeout(Duration::from_secs(3600))
///     .await?;
/// println!("run {} ended: {:?}", run.run_id, run.result_state());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct JobsApi {
    client: Client,
    version: JobsApiVersion,
}

impl fmt::Debug for JobsApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JobsApi")
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct CreateJobResponse {
    job_id: JobId,
}

#[derive(Serialize)]
struct ResetBody<'a> {
    job_id: JobId,
    new_settings: &'a JobSettings,
}

#[derive(Serialize)]
struct JobIdBody {
    job_id: JobId,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ListJobsResponse {
    jobs: Vec<Job>,
    next_page_token: Option<String>,
}

impl JobsApi {
    /// A handle using `client` for transport, authentication and retries, calling API 2.2.
    pub fn new(client: Client) -> Self {
        Self {
            client,
            version: JobsApiVersion::default(),
        }
    }

    /// The same handle calling another API version.
    ///
    /// ```no_run
    /// # fn demo(client: databricks_core::Client) {
    /// use databricks_jobs::{JobsApi, JobsApiVersion};
    ///
    /// let jobs_21 = JobsApi::new(client).with_api_version(JobsApiVersion::V2_1);
    /// # let _ = jobs_21; }
    /// ```
    pub fn with_api_version(mut self, version: JobsApiVersion) -> Self {
        self.version = version;
        self
    }

    /// The API version called.
    pub fn api_version(&self) -> JobsApiVersion {
        self.version
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    fn path(&self, endpoint: &str) -> String {
        format!("/api/{}/jobs/{endpoint}", self.version.as_str())
    }

    /// `POST /jobs/create`: creates a job and returns its id.
    ///
    /// Takes [`JobSettings`] or a [`CreateJob`] (settings plus initial permissions). Not
    /// retried once it may have reached the service. Validated first: task keys unique and
    /// well-formed, `depends_on` naming tasks of the job, no dependency cycles, one task type
    /// per task, `job_cluster_key`/`environment_key` defined, and the documented limits.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::{CronSchedule, JobSettings, Task};
    ///
    /// let job_id = jobs
    ///     .create(JobSettings {
    ///         name: Some("daily-sales-etl".into()),
    ///         schedule: Some(CronSchedule::new("0 30 2 * * ?", "UTC")),
    ///         tasks: vec![Task {
    ///             existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
    ///             ..Task::notebook("ingest", "/Repos/etl/ingest")
    ///         }],
    ///         ..Default::default()
    ///     })
    ///     .await?;
    /// println!("created job {job_id}");
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, request: impl Into<CreateJob>) -> Result<JobId> {
        let request = request.into();
        validate::settings(&request.settings, "", Scope::Whole)?;
        let response: CreateJobResponse = self
            .client
            .request(Method::POST, self.path("create"))
            .json(&request)
            .idempotent(false)
            .send()
            .await?;
        Ok(response.job_id)
    }

    /// `GET /jobs/list`: every job, lazily, page after page (page tokens).
    ///
    /// The page size is [`Paginator::page_size`] (clamped to 1..=100) or `request.limit`.
    /// With `expand_tasks`, jobs whose arrays the service truncated (`has_more`) are completed
    /// with [`get`](Self::get), so every job comes with all its tasks and job clusters.
    /// Validation errors are yielded as the first item, before anything is sent.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::ListJobs;
    /// use futures_util::TryStreamExt;
    ///
    /// let mut all = jobs.list(ListJobs { expand_tasks: Some(true), ..Default::default() })
    ///     .page_size(100);
    /// while let Some(job) = all.try_next().await? {
    ///     println!("{} {:?}: {} tasks", job.job_id, job.settings.name, job.settings.tasks.len());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self, request: ListJobs) -> Paginator<Job> {
        let api = self.clone();
        Paginator::new(move |page| {
            let api = api.clone();
            let request = request.clone();
            async move {
                validate::list_jobs(&request)?;
                let limit = page
                    .page_size
                    .map(|n| n.clamp(1, validate::MAX_LIST_JOBS_LIMIT))
                    .or(request.limit);
                let response: ListJobsResponse = api
                    .client
                    .request(Method::GET, api.path("list"))
                    .query_opt("limit", limit)
                    .query_opt("expand_tasks", request.expand_tasks)
                    .query_opt("name", request.name.as_deref())
                    .query_opt("page_token", page.token())
                    .idempotent(true)
                    .send()
                    .await?;
                let mut jobs = response.jobs;
                if request.expand_tasks == Some(true) {
                    for job in jobs.iter_mut().filter(|j| j.has_more) {
                        api.complete_job(job).await?;
                    }
                }
                Ok(Page::token(jobs, response.next_page_token))
            }
        })
    }

    /// `GET /jobs/get`: one job, with all its tasks, job clusters, parameters and
    /// environments (API 2.2 pages them by 100; every page is read and merged).
    ///
    /// Takes a [`JobId`], an `i64` or a [`GetJob`]. A missing job is
    /// [`Error::is_not_found`](databricks_core::Error::is_not_found).
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// let job = jobs.get(754210933871025).await?;
    /// for task in &job.settings.tasks {
    ///     println!("{} ({:?})", task.task_key, task.task_type());
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, request: impl Into<GetJob>) -> Result<Job> {
        self.get_merged(&request.into()).await
    }

    /// `POST /jobs/reset`: replaces all settings of a job.
    ///
    /// Validated like [`create`](Self::create). Settings the models do not know (in the
    /// `extra` maps) are sent back, so `get`, change, `reset` keeps everything.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// let job = jobs.get(754210933871025).await?;
    /// let mut settings = job.settings;
    /// settings.max_concurrent_runs = Some(5);
    /// jobs.reset(job.job_id, settings).await?;
    /// # Ok(()) }
    /// ```
    pub async fn reset(
        &self,
        job_id: impl Into<JobId>,
        new_settings: impl Into<Box<JobSettings>>,
    ) -> Result<()> {
        let new_settings: Box<JobSettings> = new_settings.into();
        validate::settings(&new_settings, "new_settings.", Scope::Whole)?;
        self.client
            .request(Method::POST, self.path("reset"))
            .json(&ResetBody {
                job_id: job_id.into(),
                new_settings: &new_settings,
            })
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `POST /jobs/update`: changes some settings (tasks and job clusters merged by key) and
    /// removes `fields_to_remove`.
    ///
    /// Validated: sent task keys unique, no cycles among the sent tasks (dependencies on tasks
    /// not sent are left to the service).
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::{JobSettings, UpdateJob};
    ///
    /// jobs.update(UpdateJob {
    ///     new_settings: Some(JobSettings { max_concurrent_runs: Some(3), ..Default::default() }),
    ///     fields_to_remove: vec!["schedule".into()],
    ///     ..UpdateJob::new(754210933871025)
    /// })
    /// .await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(&self, request: UpdateJob) -> Result<()> {
        if let Some(settings) = &request.new_settings {
            validate::settings(settings, "new_settings.", Scope::Partial)?;
        }
        self.client
            .request(Method::POST, self.path("update"))
            .json(&request)
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `POST /jobs/delete`: deletes a job (its runs are cancelled).
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// jobs.delete(754210933871025).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, job_id: impl Into<JobId>) -> Result<()> {
        self.client
            .request(Method::POST, self.path("delete"))
            .json(&JobIdBody {
                job_id: job_id.into(),
            })
            .idempotent(true)
            .send_empty()
            .await
    }

    /// The Permissions API for jobs (`/api/2.0/permissions/jobs/{job_id}`), for all four
    /// operations; the `*_permissions` methods are shorthands.
    pub fn permissions(&self) -> PermissionsApi<JobPermissionLevel> {
        PermissionsApi::new(self.client.clone(), "jobs")
    }

    /// `GET /api/2.0/permissions/jobs/{job_id}`: the job's permissions.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// let acl = jobs.get_permissions(754210933871025).await?;
    /// for entry in acl.access_control_list {
    ///     println!("{:?} {:?}", entry.user_name, entry.all_permissions);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_permissions(
        &self,
        job_id: impl Into<JobId>,
    ) -> Result<ObjectPermissions<JobPermissionLevel>> {
        self.permissions().get(&job_id.into().to_string()).await
    }

    /// `PUT /api/2.0/permissions/jobs/{job_id}`: replaces all direct grants.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::{JobAccessControlRequest, JobPermissionLevel};
    ///
    /// jobs.set_permissions(
    ///     754210933871025,
    ///     &[JobAccessControlRequest::user("ops@example.com", JobPermissionLevel::IsOwner)],
    /// )
    /// .await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_permissions(
        &self,
        job_id: impl Into<JobId>,
        acl: &[JobAccessControlRequest],
    ) -> Result<ObjectPermissions<JobPermissionLevel>> {
        self.permissions()
            .set(&job_id.into().to_string(), acl)
            .await
    }

    /// `PATCH /api/2.0/permissions/jobs/{job_id}`: adds or changes grants.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::{JobAccessControlRequest, JobPermissionLevel};
    ///
    /// jobs.update_permissions(
    ///     754210933871025,
    ///     &[JobAccessControlRequest::group("analysts", JobPermissionLevel::CanView)],
    /// )
    /// .await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_permissions(
        &self,
        job_id: impl Into<JobId>,
        acl: &[JobAccessControlRequest],
    ) -> Result<ObjectPermissions<JobPermissionLevel>> {
        self.permissions()
            .update(&job_id.into().to_string(), acl)
            .await
    }

    /// `GET /api/2.0/permissions/jobs/{job_id}/permissionLevels`: the levels that can be
    /// granted.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// for level in jobs.get_permission_levels(754210933871025).await? {
    ///     println!("{:?}: {:?}", level.permission_level, level.description);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_permission_levels(
        &self,
        job_id: impl Into<JobId>,
    ) -> Result<Vec<PermissionsDescription<JobPermissionLevel>>> {
        self.permissions()
            .permission_levels(&job_id.into().to_string())
            .await
    }
}
