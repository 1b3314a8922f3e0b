//! Tasks: [`Task`] and the task-type objects.

use std::collections::BTreeMap;

use databricks_core::serde_util::null_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::enums::{ConditionTaskOp, RunIf, Source};
use super::external::{ClusterSpec, Library};
use super::ids::JobId;
use super::settings::{
    JobsHealthRules, TaskEmailNotifications, TaskNotificationSettings, WebhookNotifications,
};

/// A task of a job or of a one-time run (`Task`; `runs/submit` takes the same shape without
/// `job_cluster_key`).
///
/// Set exactly one task type (`notebook_task`, `spark_python_task`, ...) and at most one kind
/// of compute (`existing_cluster_id`, `new_cluster`, `job_cluster_key`, `environment_key`, or
/// none for serverless and SQL tasks). Fields this version does not know are kept in
/// [`extra`](Self::extra).
///
/// ```
/// use databricks_jobs::{RunIf, SparkPythonTask, Task, TaskDependency};
///
/// let aggregate = Task {
///     task_key: "aggregate".into(),
///     depends_on: vec![TaskDependency::new("ingest")],
///     run_if: Some(RunIf::AllDone),
///     job_cluster_key: Some("etl_cluster".into()),
///     spark_python_task: Some(SparkPythonTask::new("dbfs:/jobs/aggregate.py")),
///     max_retries: Some(2),
///     ..Default::default()
/// };
/// assert_eq!(aggregate.task_type(), Some("spark_python_task"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Task {
    /// Preview task type, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_runtime_task: Option<Value>,
    /// Task type: evaluate an alert.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_task: Option<AlertTask>,
    /// Task type: a clean-room notebook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clean_rooms_notebook_task: Option<CleanRoomsNotebookTask>,
    /// Task-level serverless GPU compute, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compute: Option<Value>,
    /// Task type: a boolean condition that gates downstream tasks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition_task: Option<ConditionTask>,
    /// Task type: refresh an AI/BI dashboard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dashboard_task: Option<DashboardTask>,
    /// Task type (deprecated name of `dbt_platform_task`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dbt_cloud_task: Option<DbtCloudTask>,
    /// Task type: a dbt platform job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dbt_platform_task: Option<DbtPlatformTask>,
    /// Task type: dbt commands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dbt_task: Option<DbtTask>,
    /// Upstream tasks; see `run_if`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub depends_on: Vec<TaskDependency>,
    /// Free-text description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Serverless: disable auto optimization.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disable_auto_optimization: Option<bool>,
    /// The task is skipped (result `DISABLED`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// Email recipients per event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_notifications: Option<TaskEmailNotifications>,
    /// A serverless environment of the job (`environments[].environment_key`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment_key: Option<String>,
    /// Run on an existing all-purpose cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_cluster_id: Option<String>,
    /// Task type: run a nested task for each input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_each_task: Option<ForEachTask>,
    /// Preview task type, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gen_ai_compute_task: Option<Value>,
    /// Health rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<JobsHealthRules>,
    /// A job cluster of the job (`job_clusters[].job_cluster_key`); not for `runs/submit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_cluster_key: Option<String>,
    /// Libraries to install on the task's cluster.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub libraries: Vec<Library>,
    /// Retries on failure: -1 forever, 0 never.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_retries: Option<i32>,
    /// Delay between a failed attempt and its retry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_retry_interval_millis: Option<i32>,
    /// A new cluster for each run of this task (the Clusters API's cluster specification).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_cluster: Option<ClusterSpec>,
    /// Task type: run a notebook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_task: Option<NotebookTask>,
    /// Notification suppression flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_settings: Option<TaskNotificationSettings>,
    /// Task type: trigger a pipeline update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline_task: Option<PipelineTask>,
    /// Task type: refresh a Power BI model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_bi_task: Option<PowerBiTask>,
    /// Preview task type, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub python_operator_task: Option<Value>,
    /// Task type: a Python wheel entry point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub python_wheel_task: Option<PythonWheelTask>,
    /// Retry when the task times out (default false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_on_timeout: Option<bool>,
    /// When to run, given the outcome of `depends_on` (default `ALL_SUCCESS`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_if: Option<RunIf>,
    /// Task type: trigger another job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_job_task: Option<RunJobTask>,
    /// Task type: a JAR's main class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spark_jar_task: Option<SparkJarTask>,
    /// Task type: a Python file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spark_python_task: Option<SparkPythonTask>,
    /// Task type (legacy): spark-submit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spark_submit_task: Option<SparkSubmitTask>,
    /// Task type: SQL query, file, alert or legacy dashboard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql_task: Option<SqlTask>,
    /// The task's name, unique within the job (required).
    #[serde(deserialize_with = "null_default")]
    pub task_key: String,
    /// Timeout of each run of the task in seconds; 0 means none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i32>,
    /// Notification destinations per event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_notifications: Option<WebhookNotifications>,
    /// Fields this version does not model, kept as sent by the service.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A task of `runs/submit`: a [`Task`] without `job_cluster_key`.
pub type SubmitTask = Task;

impl Task {
    /// A task `key` with nothing else set.
    pub fn new(key: impl Into<String>) -> Self {
        Self {
            task_key: key.into(),
            ..Default::default()
        }
    }

    /// A notebook task `key` running the notebook at `path`.
    ///
    /// ```
    /// use databricks_jobs::Task;
    ///
    /// let task = Task {
    ///     existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
    ///     ..Task::notebook("ingest", "/Repos/etl/ingest")
    /// };
    /// assert_eq!(task.notebook_task.unwrap().notebook_path, "/Repos/etl/ingest");
    /// ```
    pub fn notebook(key: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            notebook_task: Some(NotebookTask::new(path)),
            ..Self::new(key)
        }
    }

    /// The JSON names of the task-type fields that are set (exactly one is expected).
    pub fn task_types(&self) -> Vec<&'static str> {
        let set = [
            ("ai_runtime_task", self.ai_runtime_task.is_some()),
            ("alert_task", self.alert_task.is_some()),
            (
                "clean_rooms_notebook_task",
                self.clean_rooms_notebook_task.is_some(),
            ),
            ("condition_task", self.condition_task.is_some()),
            ("dashboard_task", self.dashboard_task.is_some()),
            ("dbt_cloud_task", self.dbt_cloud_task.is_some()),
            ("dbt_platform_task", self.dbt_platform_task.is_some()),
            ("dbt_task", self.dbt_task.is_some()),
            ("for_each_task", self.for_each_task.is_some()),
            ("gen_ai_compute_task", self.gen_ai_compute_task.is_some()),
            ("notebook_task", self.notebook_task.is_some()),
            ("pipeline_task", self.pipeline_task.is_some()),
            ("power_bi_task", self.power_bi_task.is_some()),
            ("python_operator_task", self.python_operator_task.is_some()),
            ("python_wheel_task", self.python_wheel_task.is_some()),
            ("run_job_task", self.run_job_task.is_some()),
            ("spark_jar_task", self.spark_jar_task.is_some()),
            ("spark_python_task", self.spark_python_task.is_some()),
            ("spark_submit_task", self.spark_submit_task.is_some()),
            ("sql_task", self.sql_task.is_some()),
        ];
        set.into_iter()
            .filter_map(|(name, is_set)| is_set.then_some(name))
            .collect()
    }

    /// The JSON name of the task type, when exactly one known type is set.
    pub fn task_type(&self) -> Option<&'static str> {
        match self.task_types().as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

/// A dependency of a task (`TaskDependency`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskDependency {
    /// The upstream task's key (required).
    #[serde(deserialize_with = "null_default")]
    pub task_key: String,
    /// For a condition task upstream: the outcome needed (`"true"` or `"false"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TaskDependency {
    /// A dependency on the task `key`.
    pub fn new(key: impl Into<String>) -> Self {
        Self {
            task_key: key.into(),
            ..Default::default()
        }
    }

    /// A dependency on the condition task `key` having the outcome `outcome`.
    pub fn on_outcome(key: impl Into<String>, outcome: bool) -> Self {
        Self {
            task_key: key.into(),
            outcome: Some(outcome.to_string()),
            extra: Map::new(),
        }
    }
}

/// Run a notebook (`NotebookTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NotebookTask {
    /// Default widget values, merged with `notebook_params` of `run-now` (which win).
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub base_parameters: BTreeMap<String, String>,
    /// Absolute workspace path, or a path relative to the repository root for `GIT` (required).
    #[serde(deserialize_with = "null_default")]
    pub notebook_path: String,
    /// `WORKSPACE` or `GIT` (default `GIT` when the job has a `git_source`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Run the notebook's SQL cells on this SQL warehouse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NotebookTask {
    /// The notebook at `path`.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            notebook_path: path.into(),
            ..Default::default()
        }
    }
}

/// Run the main class of a JAR (`SparkJarTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SparkJarTask {
    /// Deprecated: give the JAR in `libraries`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jar_uri: Option<String>,
    /// Fully qualified main class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_class_name: Option<String>,
    /// Arguments of `main`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub parameters: Vec<String>,
    /// Deprecated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_as_repl: Option<bool>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SparkJarTask {
    /// Runs `main_class_name` with `parameters`.
    pub fn new<S: Into<String>>(
        main_class_name: impl Into<String>,
        parameters: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            main_class_name: Some(main_class_name.into()),
            parameters: parameters.into_iter().map(Into::into).collect(),
            ..Default::default()
        }
    }
}

/// Run a Python file (`SparkPythonTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SparkPythonTask {
    /// Command-line arguments.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub parameters: Vec<String>,
    /// Cloud URI, absolute workspace path or repository-relative path (required).
    #[serde(deserialize_with = "null_default")]
    pub python_file: String,
    /// `WORKSPACE` or `GIT`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SparkPythonTask {
    /// Runs the file `python_file`.
    pub fn new(python_file: impl Into<String>) -> Self {
        Self {
            python_file: python_file.into(),
            ..Default::default()
        }
    }
}

/// Run spark-submit (`SparkSubmitTask`, legacy).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SparkSubmitTask {
    /// The full spark-submit argument list.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub parameters: Vec<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Run a Python wheel entry point (`PythonWheelTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PythonWheelTask {
    /// The entry point (required).
    #[serde(deserialize_with = "null_default")]
    pub entry_point: String,
    /// Named arguments (exclusive with `parameters`).
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub named_parameters: BTreeMap<String, String>,
    /// The package name (required).
    #[serde(deserialize_with = "null_default")]
    pub package_name: String,
    /// Positional arguments (exclusive with `named_parameters`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub parameters: Vec<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Run SQL on a warehouse (`SqlTask`): set exactly one of query, file, alert, dashboard.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlTask {
    /// Evaluate an alert.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<SqlTaskAlert>,
    /// Refresh a legacy dashboard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dashboard: Option<SqlTaskDashboard>,
    /// Run a SQL file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<SqlTaskFile>,
    /// Query parameters.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub parameters: BTreeMap<String, String>,
    /// Run a saved query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<SqlTaskQuery>,
    /// The SQL warehouse (required).
    #[serde(deserialize_with = "null_default")]
    pub warehouse_id: String,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A saved query of a SQL task (`SqlTaskQuery`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlTaskQuery {
    /// The query's id (required).
    #[serde(deserialize_with = "null_default")]
    pub query_id: String,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A SQL file of a SQL task (`SqlTaskFile`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlTaskFile {
    /// The file's path (required).
    #[serde(deserialize_with = "null_default")]
    pub path: String,
    /// `WORKSPACE` or `GIT`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An alert of a SQL task (`SqlTaskAlert`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlTaskAlert {
    /// The alert's id (required).
    #[serde(deserialize_with = "null_default")]
    pub alert_id: String,
    /// Do not notify subscriptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_subscriptions: Option<bool>,
    /// Who is notified.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub subscriptions: Vec<SqlTaskSubscription>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A legacy dashboard of a SQL task (`SqlTaskDashboard`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlTaskDashboard {
    /// Subject of the notification emails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_subject: Option<String>,
    /// The dashboard's id (required).
    #[serde(deserialize_with = "null_default")]
    pub dashboard_id: String,
    /// Do not notify subscriptions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_subscriptions: Option<bool>,
    /// Who is notified.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub subscriptions: Vec<SqlTaskSubscription>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A subscriber of a SQL task's alert or dashboard (`SqlTaskSubscription`): a user or a
/// destination, not both.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlTaskSubscription {
    /// A notification destination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_id: Option<String>,
    /// A user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Run dbt commands (`DbtTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DbtTask {
    /// Catalog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// 1 to 10 commands, each starting with `dbt` (required).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub commands: Vec<String>,
    /// Directory with `profiles.yml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profiles_directory: Option<String>,
    /// Directory of the dbt project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_directory: Option<String>,
    /// Schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// `WORKSPACE` or `GIT`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// SQL warehouse; the service then generates the profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Trigger a pipeline update (`PipelineTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineTask {
    /// Full refresh.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_refresh: Option<bool>,
    /// Tables to fully refresh.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub full_refresh_selection: Vec<String>,
    /// Pipeline parameters.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub parameters: BTreeMap<String, String>,
    /// The pipeline (required; triggered pipelines only).
    #[serde(deserialize_with = "null_default")]
    pub pipeline_id: String,
    /// Flows to refresh.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub refresh_flow_selection: Vec<String>,
    /// Tables to refresh.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub refresh_selection: Vec<String>,
    /// Flows whose checkpoints are reset.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub reset_checkpoint_selection: Vec<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Pipeline options of `run-now`, `repair` and `run_job` tasks (`PipelineParams`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineParams {
    /// Full refresh.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_refresh: Option<bool>,
    /// Tables to fully refresh.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub full_refresh_selection: Vec<String>,
    /// Flows to refresh.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub refresh_flow_selection: Vec<String>,
    /// Tables to refresh.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub refresh_selection: Vec<String>,
    /// Flows whose checkpoints are reset.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub reset_checkpoint_selection: Vec<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Trigger another job (`RunJobTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunJobTask {
    /// Deprecated.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub dbt_commands: Vec<String>,
    /// Deprecated: use `job_parameters`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub jar_params: Vec<String>,
    /// The job to run (required).
    #[serde(deserialize_with = "null_default")]
    pub job_id: JobId,
    /// Job parameter overrides.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub job_parameters: BTreeMap<String, String>,
    /// Deprecated: use `job_parameters`.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub notebook_params: BTreeMap<String, String>,
    /// Pipeline options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline_params: Option<PipelineParams>,
    /// Deprecated: use `job_parameters`.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub python_named_params: BTreeMap<String, String>,
    /// Deprecated: use `job_parameters`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub python_params: Vec<String>,
    /// Deprecated: use `job_parameters`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub spark_submit_params: Vec<String>,
    /// Deprecated: use `job_parameters`.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub sql_params: BTreeMap<String, String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl RunJobTask {
    /// Runs the job `job_id`.
    pub fn new(job_id: impl Into<JobId>) -> Self {
        Self {
            job_id: job_id.into(),
            ..Default::default()
        }
    }
}

/// A boolean condition (`ConditionTask`); in run responses it also carries the `outcome`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ConditionTask {
    /// Left operand: a literal or a `{{...}}` reference (required).
    #[serde(deserialize_with = "null_default")]
    pub left: String,
    /// The comparison (required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<ConditionTaskOp>,
    /// Right operand (required).
    #[serde(deserialize_with = "null_default")]
    pub right: String,
    /// Read-only, in run responses: `"true"` or `"false"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ConditionTask {
    /// The condition `left op right`.
    pub fn new(left: impl Into<String>, op: ConditionTaskOp, right: impl Into<String>) -> Self {
        Self {
            left: left.into(),
            op: Some(op),
            right: right.into(),
            ..Default::default()
        }
    }
}

/// Run a nested task once per input (`ForEachTask`); in run responses it also carries
/// `stats`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ForEachTask {
    /// Maximum parallel iterations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<i32>,
    /// A JSON array as a string, or a reference to an array parameter (required).
    #[serde(deserialize_with = "null_default")]
    pub inputs: String,
    /// The nested task (required; not another for-each task). Not sent while it is empty
    /// (`Task::default()`, as decoded from an absent or `null` task).
    #[serde(
        skip_serializing_if = "is_empty_task",
        deserialize_with = "null_default"
    )]
    pub task: Box<Task>,
    /// Read-only, in run responses: iteration statistics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<ForEachStats>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Whether `task` is the empty default task, which [`ForEachTask`] leaves out.
fn is_empty_task(task: &Task) -> bool {
    *task == Task::default()
}

/// Iteration statistics of a for-each task run (`ForEachStats`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ForEachStats {
    /// Error messages and how often they occurred.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub error_message_stats: Vec<ForEachTaskErrorMessageStats>,
    /// Iteration counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_run_stats: Option<ForEachTaskTaskRunStats>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An error message of for-each iterations (`ForEachTaskErrorMessageStats`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ForEachTaskErrorMessageStats {
    /// How many iterations failed with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// The message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Its category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_category: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Iteration counts of a for-each task run (`ForEachTaskTaskRunStats`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ForEachTaskTaskRunStats {
    /// Running.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_iterations: Option<i32>,
    /// Done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_iterations: Option<i32>,
    /// Failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_iterations: Option<i32>,
    /// Scheduled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_iterations: Option<i32>,
    /// Succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub succeeded_iterations: Option<i32>,
    /// All.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_iterations: Option<i32>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Run a clean-room notebook (`CleanRoomsNotebookTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CleanRoomsNotebookTask {
    /// The clean room (required).
    #[serde(deserialize_with = "null_default")]
    pub clean_room_name: String,
    /// Version check of the notebook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// Notebook parameters.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub notebook_base_parameters: BTreeMap<String, String>,
    /// The notebook (required).
    #[serde(deserialize_with = "null_default")]
    pub notebook_name: String,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Refresh an AI/BI dashboard (`DashboardTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardTask {
    /// The dashboard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dashboard_id: Option<String>,
    /// Dashboard filters.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub filters: BTreeMap<String, String>,
    /// Who gets the snapshot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Subscription>,
    /// The warehouse that runs the queries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Dashboard snapshot recipients (`Subscription`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Subscription {
    /// Email subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_subject: Option<String>,
    /// Paused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paused: Option<bool>,
    /// Recipients.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub subscribers: Vec<SubscriptionSubscriber>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A recipient: a user or a destination (`SubscriptionSubscriber`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscriptionSubscriber {
    /// A notification destination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_id: Option<String>,
    /// A user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Evaluate an alert (`AlertTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertTask {
    /// The alert.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_id: Option<String>,
    /// Who is notified.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub subscribers: Vec<SubscriptionSubscriber>,
    /// The warehouse that runs the query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    /// Workspace path of the alert.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace_path: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Refresh a Power BI model (`PowerBiTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PowerBiTask {
    /// The Unity Catalog connection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_resource_name: Option<String>,
    /// The semantic model, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_bi_model: Option<Value>,
    /// Refresh after publishing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_after_update: Option<bool>,
    /// Tables, kept as JSON.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub tables: Vec<Value>,
    /// The warehouse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Run a dbt platform job (`DbtPlatformTask`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DbtPlatformTask {
    /// The Unity Catalog connection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_resource_name: Option<String>,
    /// The dbt platform job id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dbt_platform_job_id: Option<String>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Run a dbt Cloud job (`DbtCloudTask`, deprecated name of [`DbtPlatformTask`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DbtCloudTask {
    /// The Unity Catalog connection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_resource_name: Option<String>,
    /// The dbt Cloud job id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dbt_cloud_job_id: Option<i64>,
    /// Fields this version does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
