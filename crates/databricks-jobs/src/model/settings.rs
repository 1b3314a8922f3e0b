//! Job settings: [`JobSettings`] and everything in it except tasks.
//!
//! Every struct here keeps fields this version does not model in `extra`, so that reading a
//! job, changing it and sending it back with [`JobsApi::reset`](crate::JobsApi::reset) never
//! drops a setting.

use std::collections::BTreeMap;

use databricks_core::serde_util::null_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::enums::{
    Format, GitProvider, JobDeploymentKind, JobEditMode, JobSourceDirtyState, JobsHealthMetric,
    JobsHealthOperator, ModelTriggerCondition, PauseStatus, PerformanceTarget, PeriodicTriggerUnit,
    SqlConditionTriggerMode, TableUpdateCondition, TaskRetryMode,
};
use super::external::ClusterSpec;
use super::tasks::Task;

/// The settings of a job: the body of `jobs/create` (through [`CreateJob`](crate::CreateJob)),
/// the `new_settings` of `jobs/reset` and `jobs/update`, and the `settings` of a
/// [`Job`](crate::Job).
///
/// Build it as a struct literal with `..Default::default()`; fields left `None` or empty are
/// not sent. Fields this version does not know are kept in [`extra`](Self::extra) and sent back.
///
/// ```
/// use databricks_jobs::{JobSettings, NotebookTask, Task, TaskDependency};
///
/// let settings = JobSettings {
///     name: Some("nightly-etl".into()),
///     max_concurrent_runs: Some(1),
///     tasks: vec![
///         Task::notebook("ingest", "/Repos/etl/ingest"),
///         Task {
///             depends_on: vec![TaskDependency::new("ingest")],
///             ..Task::notebook("report", "/Repos/etl/report")
///         },
///     ],
///     ..Default::default()
/// };
/// assert_eq!(settings.tasks.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobSettings {
    /// Budget policy for cost attribution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_policy_id: Option<String>,
    /// Keep exactly one run active; exclusive with `schedule`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continuous: Option<Continuous>,
    /// Set when the job is managed externally (for example by a bundle).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment: Option<JobDeployment>,
    /// Free-text description (at most 27,700 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the job may be edited in the UI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edit_mode: Option<JobEditMode>,
    /// Email recipients per run event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_notifications: Option<JobEmailNotifications>,
    /// Serverless environments, referenced by tasks' `environment_key`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub environments: Vec<JobEnvironment>,
    /// `SINGLE_TASK` or `MULTI_TASK`; ignored on writes, always `MULTI_TASK` in 2.1 and later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Remote repository for notebook, dbt, Python script and SQL file tasks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_source: Option<GitSource>,
    /// Health rules (run duration, streaming backlog).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<JobsHealthRules>,
    /// Shared job cluster specifications, referenced by tasks' `job_cluster_key`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub job_clusters: Vec<JobCluster>,
    /// Maximum concurrent runs (at most 1000; 0 skips every new run). Default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_concurrent_runs: Option<i32>,
    /// The job's name (at most 4096 bytes; not unique).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Notification suppression flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_settings: Option<JobNotificationSettings>,
    /// Job-level parameter definitions.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub parameters: Vec<JobParameterDefinition>,
    /// Workspace folder of the job object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_path: Option<String>,
    /// Serverless performance mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_target: Option<PerformanceTarget>,
    /// Queueing of runs when concurrency limits are reached (on by default for jobs created
    /// through API 2.2, off for 2.0 and 2.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<QueueSettings>,
    /// The identity the job runs as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_as: Option<JobRunAs>,
    /// Cron schedule; exclusive with `continuous`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<CronSchedule>,
    /// Tags, forwarded to job clusters (at most 25).
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub tags: BTreeMap<String, String>,
    /// The tasks (up to 1000 on writes; reads return 100 per page).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub tasks: Vec<Task>,
    /// Timeout of each run in seconds; 0 means none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i32>,
    /// The trigger that starts runs (file arrival, table update, periodic...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<TriggerSettings>,
    /// Preview: several triggers; cannot be combined with `schedule`, `trigger` or `continuous`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub triggers: Vec<TriggerConfiguration>,
    /// Usage policy for cost attribution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_policy_id: Option<String>,
    /// Notification destinations (by id) per run event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_notifications: Option<WebhookNotifications>,
    /// Settings this version does not model, kept as sent by the service.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A continuous job: exactly one run is kept active (`Continuous`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Continuous {
    /// Paused or not (default `UNPAUSED`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_status: Option<PauseStatus>,
    /// Whether failed tasks are retried.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_retry_mode: Option<TaskRetryMode>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// How an externally managed job was deployed (`JobDeployment`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobDeployment {
    /// The deployment's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_id: Option<String>,
    /// Who manages the job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<JobDeploymentKind>,
    /// Path of the file with the deployment metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata_file_path: Option<String>,
    /// The deployed version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Email recipients per run event (`JobEmailNotifications`; tasks use the same shape).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobEmailNotifications {
    /// Deprecated: use `notification_settings`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_alert_for_skipped_runs: Option<bool>,
    /// When a run-duration health rule is exceeded.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_duration_warning_threshold_exceeded: Vec<String>,
    /// When a run fails (`INTERNAL_ERROR`, `FAILED`, `TIMEDOUT`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_failure: Vec<String>,
    /// When a run starts.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_start: Vec<String>,
    /// When a streaming-backlog health rule is exceeded.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_streaming_backlog_exceeded: Vec<String>,
    /// When a run succeeds.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_success: Vec<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Email recipients of a task: the same shape as the job's.
pub type TaskEmailNotifications = JobEmailNotifications;

/// A serverless environment of the job (`JobEnvironment`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobEnvironment {
    /// The key tasks reference (required, unique within the job).
    #[serde(deserialize_with = "null_default")]
    pub environment_key: String,
    /// The environment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<Environment>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A serverless environment specification (`Environment`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Environment {
    /// Base environment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_environment: Option<String>,
    /// Client version (older name of `environment_version`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    /// pip dependencies.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub dependencies: Vec<String>,
    /// Environment version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment_version: Option<String>,
    /// Java dependencies.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub java_dependencies: Vec<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A remote Git repository used by the job's tasks (`GitSource`): set exactly one of
/// branch, tag or commit.
///
/// ```
/// use databricks_jobs::{GitProvider, GitSource};
///
/// let git = GitSource::branch("https://github.com/acme/etl", GitProvider::GitHub, "main");
/// assert_eq!(git.git_branch.as_deref(), Some("main"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GitSource {
    /// Branch to check out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_branch: Option<String>,
    /// Commit to check out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_commit: Option<String>,
    /// The hosting service (required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_provider: Option<GitProvider>,
    /// Read-only: the commit used by a run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_snapshot: Option<GitSnapshot>,
    /// Tag to check out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_tag: Option<String>,
    /// Repository URL (required).
    #[serde(deserialize_with = "null_default")]
    pub git_url: String,
    /// Where the job definition itself comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_source: Option<JobSource>,
    /// Sparse checkout patterns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sparse_checkout: Option<SparseCheckout>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl GitSource {
    /// A repository checked out at `branch`.
    pub fn branch(
        url: impl Into<String>,
        provider: GitProvider,
        branch: impl Into<String>,
    ) -> Self {
        Self {
            git_url: url.into(),
            git_provider: Some(provider),
            git_branch: Some(branch.into()),
            ..Default::default()
        }
    }
}

/// The commit a run used (`GitSnapshot`, read-only).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GitSnapshot {
    /// The commit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub used_commit: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where a job's definition comes from in Git (`JobSource`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobSource {
    /// Sync state with the remote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dirty_state: Option<JobSourceDirtyState>,
    /// Branch the definition is imported from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import_from_git_branch: Option<String>,
    /// Path of the job configuration file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_config_path: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Sparse checkout of a Git source (`SparseCheckout`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SparseCheckout {
    /// Patterns to check out.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub patterns: Vec<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Health rules of a job or task (`JobsHealthRules`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobsHealthRules {
    /// The rules.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub rules: Vec<JobsHealthRule>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One health rule: `metric op value` (`JobsHealthRule`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobsHealthRule {
    /// The metric.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<JobsHealthMetric>,
    /// The comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<JobsHealthOperator>,
    /// The threshold.
    #[serde(deserialize_with = "null_default")]
    pub value: i64,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A cluster specification shared by the job's tasks (`JobCluster`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobCluster {
    /// The key tasks reference (required, unique within the job).
    #[serde(deserialize_with = "null_default")]
    pub job_cluster_key: String,
    /// The cluster to create for each run (the Clusters API's cluster specification).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_cluster: Option<ClusterSpec>,
    /// Serverless compute id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serverless_compute_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl JobCluster {
    /// A job cluster `key` created from `spec`.
    pub fn new(key: impl Into<String>, spec: ClusterSpec) -> Self {
        Self {
            job_cluster_key: key.into(),
            new_cluster: Some(spec),
            ..Default::default()
        }
    }
}

/// Notification suppression flags of a job (`JobNotificationSettings`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobNotificationSettings {
    /// No notifications for cancelled runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_alert_for_canceled_runs: Option<bool>,
    /// No notifications for skipped runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_alert_for_skipped_runs: Option<bool>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Notification suppression flags of a task (`TaskNotificationSettings`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskNotificationSettings {
    /// Notify only on the last retry attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_on_last_attempt: Option<bool>,
    /// No notifications for cancelled runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_alert_for_canceled_runs: Option<bool>,
    /// No notifications for skipped runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_alert_for_skipped_runs: Option<bool>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A job-level parameter with its default (`JobParameterDefinition`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobParameterDefinition {
    /// The name (required).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The default value (required).
    #[serde(deserialize_with = "null_default")]
    pub default: String,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl JobParameterDefinition {
    /// A parameter `name` with `default`.
    pub fn new(name: impl Into<String>, default: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            default: default.into(),
            extra: Map::new(),
        }
    }
}

/// Queueing of runs when concurrency limits are reached (`QueueSettings`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueSettings {
    /// Whether runs are queued instead of skipped.
    #[serde(deserialize_with = "null_default")]
    pub enabled: bool,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl QueueSettings {
    /// Queueing on (`true`) or off.
    pub fn enabled(enabled: bool) -> Self {
        Self {
            enabled,
            extra: Map::new(),
        }
    }
}

/// The identity a job runs as (`JobRunAs`): set exactly one field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobRunAs {
    /// A group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// A service principal (application id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_principal_name: Option<String>,
    /// A user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A Quartz cron schedule (`CronSchedule`).
///
/// ```
/// use databricks_jobs::CronSchedule;
///
/// let nightly = CronSchedule::new("0 30 2 * * ?", "UTC");
/// assert_eq!(nightly.timezone_id, "UTC");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CronSchedule {
    /// Paused or not (default `UNPAUSED`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_status: Option<PauseStatus>,
    /// Quartz cron expression, e.g. `0 15 22 ? * *` (required).
    #[serde(deserialize_with = "null_default")]
    pub quartz_cron_expression: String,
    /// Run only when a SQL condition holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql_condition: Option<SqlConditionConfiguration>,
    /// Java time-zone id, e.g. `Europe/Amsterdam` (required).
    #[serde(deserialize_with = "null_default")]
    pub timezone_id: String,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CronSchedule {
    /// A schedule from a Quartz expression and a time zone.
    pub fn new(quartz_cron_expression: impl Into<String>, timezone_id: impl Into<String>) -> Self {
        Self {
            quartz_cron_expression: quartz_cron_expression.into(),
            timezone_id: timezone_id.into(),
            ..Default::default()
        }
    }
}

/// The trigger of a job (`TriggerSettings`): set one kind.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TriggerSettings {
    /// Run when files arrive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_arrival: Option<FileArrivalTriggerConfiguration>,
    /// Run when a model changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelTriggerConfiguration>,
    /// Paused or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_status: Option<PauseStatus>,
    /// Run periodically.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub periodic: Option<PeriodicTriggerConfiguration>,
    /// Run when a SQL condition holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql_condition: Option<SqlConditionConfiguration>,
    /// Run when tables are updated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_update: Option<TableUpdateTriggerConfiguration>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One trigger of the preview multi-trigger list (`TriggerConfiguration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TriggerConfiguration {
    /// Continuous.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continuous: Option<Continuous>,
    /// File arrival.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_arrival: Option<FileArrivalTriggerConfiguration>,
    /// Model change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelTriggerConfiguration>,
    /// Paused or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_status: Option<PauseStatus>,
    /// Periodic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub periodic: Option<PeriodicTriggerConfiguration>,
    /// Cron schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<CronSchedule>,
    /// SQL condition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql_condition: Option<SqlConditionConfiguration>,
    /// Table update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_update: Option<TableUpdateTriggerConfiguration>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A file-arrival trigger (`FileArrivalTriggerConfiguration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FileArrivalTriggerConfiguration {
    /// Minimum seconds between runs (at least 60).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_time_between_triggers_seconds: Option<i32>,
    /// External location URL to watch (required).
    #[serde(deserialize_with = "null_default")]
    pub url: String,
    /// Seconds of quiet after the last change before a run (at least 60).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_after_last_change_seconds: Option<i32>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A table-update trigger (`TableUpdateTriggerConfiguration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TableUpdateTriggerConfiguration {
    /// All or any of the tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<TableUpdateCondition>,
    /// Minimum seconds between runs (at least 60).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_time_between_triggers_seconds: Option<i32>,
    /// `catalog.schema.table` names (required).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub table_names: Vec<String>,
    /// Seconds of quiet after the last change before a run (at least 60).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_after_last_change_seconds: Option<i32>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A periodic trigger (`PeriodicTriggerConfiguration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PeriodicTriggerConfiguration {
    /// The interval (required).
    #[serde(deserialize_with = "null_default")]
    pub interval: i32,
    /// The interval's unit (required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<PeriodicTriggerUnit>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A model trigger (`ModelTriggerConfiguration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ModelTriggerConfiguration {
    /// Aliases to watch.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub aliases: Vec<String>,
    /// What fires the trigger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<ModelTriggerCondition>,
    /// Minimum seconds between runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_time_between_triggers_seconds: Option<i32>,
    /// The model's full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub securable_name: Option<String>,
    /// Seconds of quiet after the last change before a run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_after_last_change_seconds: Option<i32>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A SQL condition (`SqlConditionConfiguration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlConditionConfiguration {
    /// The query evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql_query_id: Option<String>,
    /// What counts as the condition holding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_mode: Option<SqlConditionTriggerMode>,
    /// Warehouse that runs the query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Notification destinations per run event (`WebhookNotifications`; at most 3 per event).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhookNotifications {
    /// When a run-duration health rule is exceeded.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_duration_warning_threshold_exceeded: Vec<Webhook>,
    /// When a run fails.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_failure: Vec<Webhook>,
    /// When a run starts.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_start: Vec<Webhook>,
    /// When a streaming-backlog health rule is exceeded.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_streaming_backlog_exceeded: Vec<Webhook>,
    /// When a run succeeds.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub on_success: Vec<Webhook>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A notification destination (`Webhook`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Webhook {
    /// The destination's id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Webhook {
    /// The destination `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            extra: Map::new(),
        }
    }
}
