//! Request and response types of the run endpoints.

use std::collections::BTreeMap;

use databricks_core::Timestamp;
use databricks_core::serde_util::null_default;
use serde::{Deserialize, Serialize};

use super::enums::{PerformanceTarget, RunType, ViewsToExport};
use super::ids::{JobId, RepairId, RunId};
use super::jobs::JobAccessControlRequest;
use super::settings::{
    GitSource, JobEmailNotifications, JobEnvironment, JobNotificationSettings, JobRunAs,
    JobsHealthRules, QueueSettings, WebhookNotifications,
};
use super::tasks::{PipelineParams, SubmitTask};

/// The body of `jobs/run-now`.
///
/// ```
/// use databricks_jobs::RunNow;
///
/// let request = RunNow {
///     job_parameters: [("env".to_string(), "staging".to_string())].into(),
///     idempotency_token: Some("deploy-2024-06-12".into()),
///     ..RunNow::new(754210933871025)
/// };
/// # let _ = request;
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunNow {
    /// Deprecated.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub dbt_commands: Vec<String>,
    /// At most 64 characters: a retried request with the same token returns the existing run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotency_token: Option<String>,
    /// Deprecated: JAR arguments (not with `notebook_params`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub jar_params: Vec<String>,
    /// The job (required).
    #[serde(deserialize_with = "null_default")]
    pub job_id: JobId,
    /// Job parameter overrides.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub job_parameters: BTreeMap<String, String>,
    /// Deprecated: notebook widget values (not with `jar_params`).
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub notebook_params: BTreeMap<String, String>,
    /// Run only these task keys (`+key` adds upstream tasks, `key+` downstream ones).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub only: Vec<String>,
    /// Serverless performance mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_target: Option<PerformanceTarget>,
    /// Pipeline options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline_params: Option<PipelineParams>,
    /// Deprecated: named Python wheel arguments.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub python_named_params: BTreeMap<String, String>,
    /// Deprecated: Python arguments (ASCII only).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub python_params: Vec<String>,
    /// Override the job's queue setting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<QueueSettings>,
    /// Deprecated: spark-submit arguments (ASCII only).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub spark_submit_params: Vec<String>,
    /// Deprecated: SQL parameters.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub sql_params: BTreeMap<String, String>,
}

impl RunNow {
    /// Runs `job_id` with its default parameters.
    pub fn new(job_id: impl Into<JobId>) -> Self {
        Self {
            job_id: job_id.into(),
            ..Default::default()
        }
    }
}

/// The response of `jobs/run-now`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunNowResponse {
    /// The new run (or the existing one, for a repeated idempotency token).
    #[serde(deserialize_with = "null_default")]
    pub run_id: RunId,
    /// The same value as `run_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_in_job: Option<i64>,
}

/// The body of `jobs/runs/submit`: a one-time run without a saved job (not shown in the jobs
/// UI, not retried).
///
/// ```
/// use databricks_jobs::{SparkJarTask, SubmitRun, Task};
///
/// let request = SubmitRun {
///     run_name: Some("adhoc-backfill".into()),
///     timeout_seconds: Some(3600),
///     tasks: vec![Task {
///         existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
///         spark_jar_task: Some(SparkJarTask::new("com.example.Backfill", ["2024-06-01"])),
///         ..Task::new("backfill")
///     }],
///     ..Default::default()
/// };
/// # let _ = request;
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SubmitRun {
    /// Initial permissions on the run.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub access_control_list: Vec<JobAccessControlRequest>,
    /// Budget policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_policy_id: Option<String>,
    /// Email recipients per event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_notifications: Option<JobEmailNotifications>,
    /// Serverless environments.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub environments: Vec<JobEnvironment>,
    /// Remote repository.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_source: Option<GitSource>,
    /// Health rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<JobsHealthRules>,
    /// At most 64 characters: a retried request with the same token returns the existing run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotency_token: Option<String>,
    /// Notification suppression flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_settings: Option<JobNotificationSettings>,
    /// Serverless performance mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_target: Option<PerformanceTarget>,
    /// Queueing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<QueueSettings>,
    /// Identity of the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_as: Option<JobRunAs>,
    /// The run's name (default `Untitled`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_name: Option<String>,
    /// The tasks (no `job_cluster_key`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub tasks: Vec<SubmitTask>,
    /// Timeout in seconds; 0 means none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i32>,
    /// Usage policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_policy_id: Option<String>,
    /// Notification destinations per event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_notifications: Option<WebhookNotifications>,
}

/// The body of `jobs/runs/repair`: re-runs tasks of a finished job run.
///
/// ```
/// use databricks_jobs::RepairRun;
///
/// let request = RepairRun {
///     rerun_tasks: vec!["aggregate".into()],
///     rerun_dependent_tasks: Some(true),
///     ..RepairRun::new(455644833)
/// };
/// # let _ = request;
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RepairRun {
    /// Deprecated.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub dbt_commands: Vec<String>,
    /// Deprecated: JAR arguments.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub jar_params: Vec<String>,
    /// Job parameter overrides.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub job_parameters: BTreeMap<String, String>,
    /// Required from the second repair of a run on: the id of the latest repair.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_repair_id: Option<RepairId>,
    /// Deprecated: notebook widget values.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub notebook_params: BTreeMap<String, String>,
    /// Serverless performance mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_target: Option<PerformanceTarget>,
    /// Pipeline options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline_params: Option<PipelineParams>,
    /// Deprecated: named Python wheel arguments.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub python_named_params: BTreeMap<String, String>,
    /// Deprecated: Python arguments.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub python_params: Vec<String>,
    /// Re-run every failed task (exclusive with `rerun_tasks`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rerun_all_failed_tasks: Option<bool>,
    /// Also re-run the tasks downstream of those re-run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rerun_dependent_tasks: Option<bool>,
    /// Task keys to re-run.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub rerun_tasks: Vec<String>,
    /// The job run (not a task run) to repair (required; must not be in progress).
    #[serde(deserialize_with = "null_default")]
    pub run_id: RunId,
    /// Deprecated: spark-submit arguments.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub spark_submit_params: Vec<String>,
    /// Deprecated: SQL parameters.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub sql_params: BTreeMap<String, String>,
}

impl RepairRun {
    /// A repair of `run_id` that re-runs nothing yet.
    pub fn new(run_id: impl Into<RunId>) -> Self {
        Self {
            run_id: run_id.into(),
            ..Default::default()
        }
    }
}

/// The body of `jobs/runs/cancel-all`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CancelAllRuns {
    /// Cancel queued runs too (of every job if `job_id` is not set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all_queued_runs: Option<bool>,
    /// The job whose active runs are cancelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_id: Option<JobId>,
}

impl CancelAllRuns {
    /// Cancels every active run of `job_id`.
    pub fn job(job_id: impl Into<JobId>) -> Self {
        Self {
            job_id: Some(job_id.into()),
            all_queued_runs: None,
        }
    }
}

/// The query of `jobs/runs/list`.
///
/// The page size is set with [`Paginator::page_size`](databricks_core::Paginator::page_size)
/// (at most 25; default 20), or with `limit` here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ListRuns {
    /// Only queued, pending, running or terminating runs (not with `completed_only`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_only: Option<bool>,
    /// Only finished runs (not with `active_only`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_only: Option<bool>,
    /// Include tasks and job clusters; truncated runs are completed with `runs/get`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expand_tasks: Option<bool>,
    /// Only runs of this job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_id: Option<JobId>,
    /// Page size (1..=25), unless the paginator's `page_size` is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only runs of this type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_type: Option<RunType>,
    /// Only runs started at or after this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time_from: Option<Timestamp>,
    /// Only runs started at or before this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time_to: Option<Timestamp>,
}

impl ListRuns {
    /// The runs of `job_id`.
    pub fn job(job_id: impl Into<JobId>) -> Self {
        Self {
            job_id: Some(job_id.into()),
            ..Default::default()
        }
    }
}

/// The query of `jobs/runs/get`. A [`RunId`] (or an `i64`) converts into it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GetRun {
    /// Include the repair history.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_history: Option<bool>,
    /// Include resolved parameter values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_resolved_values: Option<bool>,
    /// The run (required).
    #[serde(deserialize_with = "null_default")]
    pub run_id: RunId,
}

impl GetRun {
    /// Gets `run_id`.
    pub fn new(run_id: impl Into<RunId>) -> Self {
        Self {
            run_id: run_id.into(),
            ..Default::default()
        }
    }
}

impl From<RunId> for GetRun {
    fn from(run_id: RunId) -> Self {
        Self::new(run_id)
    }
}

impl From<i64> for GetRun {
    fn from(run_id: i64) -> Self {
        Self::new(run_id)
    }
}

/// The query of `jobs/runs/export`. A [`RunId`] converts into it (exporting the code views).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportRun {
    /// The task run (required).
    #[serde(deserialize_with = "null_default")]
    pub run_id: RunId,
    /// Which views (default `CODE`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub views_to_export: Option<ViewsToExport>,
}

impl From<RunId> for ExportRun {
    fn from(run_id: RunId) -> Self {
        Self {
            run_id,
            views_to_export: None,
        }
    }
}
