//! Jobs as returned by `jobs/get` and `jobs/list`, and the request types of the job endpoints.

use databricks_core::Timestamp;
use databricks_core::permissions::AccessControlRequest;
use databricks_core::serde_util::null_default;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::enums::JobPermissionLevel;
use super::ids::JobId;
use super::settings::JobSettings;

/// A grant of a permission on a job, to a user, group or service principal
/// (`JobAccessControlRequest`).
///
/// ```
/// use databricks_jobs::{JobAccessControlRequest, JobPermissionLevel};
///
/// let grant = JobAccessControlRequest::group("data-eng", JobPermissionLevel::CanManageRun);
/// assert_eq!(grant.group_name.as_deref(), Some("data-eng"));
/// ```
pub type JobAccessControlRequest = AccessControlRequest<JobPermissionLevel>;

/// A job (`Job` of `jobs/get`; `jobs/list` returns the same shape, `BaseJob`, with tasks and
/// job clusters only when `expand_tasks` is set).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Job {
    /// When the job was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_time: Option<Timestamp>,
    /// Who created it (absent if that user was deleted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator_user_name: Option<String>,
    /// The budget policy applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_budget_policy_id: Option<String>,
    /// The usage policy applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_usage_policy_id: Option<String>,
    /// In a `jobs/list` with `expand_tasks` (2.2): the arrays were truncated. The SDK's
    /// [`list`](crate::JobsApi::list) completes such jobs, so this is `false` there.
    #[serde(deserialize_with = "null_default")]
    pub has_more: bool,
    /// The job's id.
    #[serde(deserialize_with = "null_default")]
    pub job_id: JobId,
    /// 2.2: token of the next page of the array properties. The SDK's
    /// [`get`](crate::JobsApi::get) reads every page, so this is `None` there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// The identity runs use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_as_user_name: Option<String>,
    /// The settings. Boxed: they are large (about 2 KiB inline), and a listing moves each job
    /// several times on its way to the caller. [`JobsApi::reset`](crate::JobsApi::reset) and
    /// [`JobsApi::create`](crate::JobsApi::create) take them as they are.
    #[serde(deserialize_with = "null_default")]
    pub settings: Box<JobSettings>,
    /// Preview multi-trigger runtime information, kept as JSON.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub trigger_details: Vec<Value>,
    /// Trigger runtime state (with `include_trigger_state`), kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_state: Option<Value>,
}

/// The body of `jobs/create`: [`JobSettings`] plus initial permissions.
///
/// Any `JobSettings` converts into it, so `jobs.create(settings)` works.
///
/// ```
/// use databricks_jobs::{CreateJob, JobAccessControlRequest, JobPermissionLevel, JobSettings};
///
/// let request = CreateJob {
///     access_control_list: vec![JobAccessControlRequest::user(
///         "ops@example.com",
///         JobPermissionLevel::CanManage,
///     )],
///     ..CreateJob::from(JobSettings { name: Some("etl".into()), ..Default::default() })
/// };
/// assert_eq!(request.settings.name.as_deref(), Some("etl"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateJob {
    /// The job's settings.
    #[serde(flatten)]
    pub settings: JobSettings,
    /// Initial permissions.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub access_control_list: Vec<JobAccessControlRequest>,
}

impl From<Box<JobSettings>> for CreateJob {
    /// The settings of a [`Job`] read back (`job.settings`), to create a copy.
    fn from(settings: Box<JobSettings>) -> Self {
        Self::from(*settings)
    }
}

impl From<JobSettings> for CreateJob {
    fn from(settings: JobSettings) -> Self {
        Self {
            settings,
            access_control_list: Vec::new(),
        }
    }
}

/// The body of `jobs/update`: top-level fields of `new_settings` replace the job's (tasks and
/// job clusters are merged by key), and `fields_to_remove` are removed.
///
/// ```
/// use databricks_jobs::{JobSettings, UpdateJob};
///
/// let update = UpdateJob {
///     new_settings: Some(JobSettings { max_concurrent_runs: Some(3), ..Default::default() }),
///     fields_to_remove: vec!["schedule".into(), "tasks/old_step".into()],
///     ..UpdateJob::new(754210933871025)
/// };
/// # let _ = update;
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateJob {
    /// Top-level fields to remove; also `tasks/<task_key>` and `job_clusters/<key>`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub fields_to_remove: Vec<String>,
    /// The job (required).
    #[serde(deserialize_with = "null_default")]
    pub job_id: JobId,
    /// The fields to replace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_settings: Option<JobSettings>,
}

impl UpdateJob {
    /// An update of `job_id` that changes nothing yet.
    pub fn new(job_id: impl Into<JobId>) -> Self {
        Self {
            job_id: job_id.into(),
            ..Default::default()
        }
    }
}

/// The query of `jobs/list`.
///
/// The page size is set with [`Paginator::page_size`](databricks_core::Paginator::page_size)
/// (at most 100; default 20), or with `limit` here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ListJobs {
    /// Include tasks and job clusters. Jobs whose arrays the service truncated are completed
    /// with `jobs/get`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expand_tasks: Option<bool>,
    /// Page size (1..=100), unless the paginator's `page_size` is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only jobs with exactly this name (case-insensitive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The query of `jobs/get`. A [`JobId`] (or an `i64`) converts into it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GetJob {
    /// Include `trigger_state`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_trigger_state: Option<bool>,
    /// The job (required).
    #[serde(deserialize_with = "null_default")]
    pub job_id: JobId,
}

impl GetJob {
    /// Gets `job_id`.
    pub fn new(job_id: impl Into<JobId>) -> Self {
        Self {
            job_id: job_id.into(),
            include_trigger_state: None,
        }
    }
}

impl From<JobId> for GetJob {
    fn from(job_id: JobId) -> Self {
        Self::new(job_id)
    }
}

impl From<i64> for GetJob {
    fn from(job_id: i64) -> Self {
        Self::new(job_id)
    }
}
