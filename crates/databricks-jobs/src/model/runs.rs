//! Runs and their outputs: [`Run`], [`RunTask`], [`RunState`], [`RunStatus`], [`RunOutput`].

use std::collections::BTreeMap;

use databricks_core::Timestamp;
use databricks_core::serde_util::null_default;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::enums::{
    PerformanceTarget, QueueDetailsCode, RepairHistoryItemType, RunLifeCycleState, RunResultState,
    RunStatusState, RunType, SqlAlertState, SqlDashboardWidgetStatus, TerminationCode,
    TerminationType, TriggerType, ViewType,
};
use super::external::{ClusterSpec, Library};
use super::ids::{JobId, RepairId, RunId};
use super::settings::{CronSchedule, GitSource, JobCluster};
use super::tasks::{PipelineParams, Task};

/// A run: of a job, of `runs/submit`, or of one task (`Run` of `runs/get`; `runs/list` returns
/// the same shape without `iterations`).
///
/// The convenience methods read the state the way the waiters do.
///
/// ```
/// use databricks_jobs::{Run, RunLifeCycleState, RunResultState};
///
/// let run: Run = serde_json::from_value(serde_json::json!({
///     "run_id": 455644833,
///     "state": { "life_cycle_state": "TERMINATED", "result_state": "SUCCESS" },
///     "tasks": [ { "task_key": "ingest", "run_id": 455644840 } ]
/// })).unwrap();
/// assert!(run.is_terminal());
/// assert_eq!(run.result_state(), Some(&RunResultState::Success));
/// assert_eq!(run.task("ingest").unwrap().run_id.get(), 455644840);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Run {
    /// 0 for the first attempt; grows with retries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt_number: Option<i32>,
    /// Milliseconds spent cleaning up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cleanup_duration: Option<i64>,
    /// The cluster and Spark context, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_instance: Option<ClusterInstance>,
    /// Snapshot of the cluster configuration at run creation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_spec: Option<RunClusterSpec>,
    /// Who started the run (absent if that user was deleted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator_user_name: Option<String>,
    /// Deployment id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_id: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The performance target used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_performance_target: Option<PerformanceTarget>,
    /// The usage policy applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_usage_policy_id: Option<String>,
    /// When the run ended (0 while running).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    /// Milliseconds spent executing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_duration: Option<i64>,
    /// The Git source used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_source: Option<GitSource>,
    /// In a `runs/list` with `expand_tasks` (2.2): the arrays were truncated. The SDK's
    /// [`list_runs`](crate::JobsApi::list_runs) completes such runs, so this is `false` there.
    #[serde(deserialize_with = "null_default")]
    pub has_more: bool,
    /// The iterations of a for-each task run.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub iterations: Vec<RunTask>,
    /// The job clusters of the run.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub job_clusters: Vec<JobCluster>,
    /// The job (absent for some one-time runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_id: Option<JobId>,
    /// The job parameters used.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub job_parameters: Vec<JobParameter>,
    /// For a task run: the job run it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_run_id: Option<RunId>,
    /// 2.2: token of the next page of the array properties. The SDK's
    /// [`get_run`](crate::JobsApi::get_run) reads every page, so this is `None` there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// The same value as `run_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_in_job: Option<i64>,
    /// For a retry: the run id of the first attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_attempt_run_id: Option<RunId>,
    /// The parameters the run was started with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overriding_parameters: Option<RunParameters>,
    /// Milliseconds spent queued.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_duration: Option<i64>,
    /// The original run and its repairs (with `include_history`).
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub repair_history: Vec<RepairHistoryItem>,
    /// Milliseconds for the whole run, repairs included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_duration: Option<i64>,
    /// The run's id.
    #[serde(deserialize_with = "null_default")]
    pub run_id: RunId,
    /// The run's name (the job's name; `Untitled` for unnamed one-time runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_name: Option<String>,
    /// URL of the run in the UI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_page_url: Option<String>,
    /// Job run, one-time run or workflow run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_type: Option<RunType>,
    /// The schedule that started the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<CronSchedule>,
    /// Milliseconds spent setting up the cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setup_duration: Option<i64>,
    /// When the run started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// The (deprecated but still authoritative) state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<RunState>,
    /// The newer status, with termination and queue details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<RunStatus>,
    /// The task runs, each with its own `run_id`.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub tasks: Vec<RunTask>,
    /// What triggered the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<TriggerType>,
    /// More about the trigger (e.g. the parent run of a `run_job` task).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_info: Option<TriggerInfo>,
    /// Version id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
}

impl Run {
    /// `state.life_cycle_state`, or the equivalent of `status.state` when `state` is absent.
    pub fn life_cycle_state(&self) -> Option<RunLifeCycleState> {
        life_cycle_of(self.state.as_ref(), self.status.as_ref())
    }

    /// `state.result_state` (only set once the run is terminal).
    pub fn result_state(&self) -> Option<&RunResultState> {
        self.state.as_ref().and_then(|s| s.result_state.as_ref())
    }

    /// `state.state_message`, or else `status.termination_details.message` (empty if neither).
    pub fn state_message(&self) -> &str {
        message_of(self.state.as_ref(), self.status.as_ref())
    }

    /// Whether the run will not change any more (`TERMINATED`, `SKIPPED`, `INTERNAL_ERROR`).
    pub fn is_terminal(&self) -> bool {
        self.life_cycle_state().is_some_and(|s| s.is_terminal())
    }

    /// Whether the run ended with `SUCCESS` or `SUCCESS_WITH_FAILURES` (or, with only the
    /// newer `status`, termination code `SUCCESS`/`SUCCESS_WITH_FAILURES`).
    pub fn is_success(&self) -> bool {
        if let Some(result) = self.result_state() {
            return result.is_success();
        }
        self.status
            .as_ref()
            .and_then(|s| s.termination_details.as_ref())
            .and_then(|d| d.code.as_ref())
            .is_some_and(|c| {
                matches!(
                    c,
                    TerminationCode::Success | TerminationCode::SuccessWithFailures
                )
            })
    }

    /// The task run with key `task_key`.
    pub fn task(&self, task_key: &str) -> Option<&RunTask> {
        self.tasks.iter().find(|t| t.task.task_key == task_key)
    }
}

pub(crate) fn life_cycle_of(
    state: Option<&RunState>,
    status: Option<&RunStatus>,
) -> Option<RunLifeCycleState> {
    if let Some(lc) = state.and_then(|s| s.life_cycle_state.clone()) {
        return Some(lc);
    }
    let status = status?;
    Some(match status.state.as_ref()? {
        RunStatusState::Blocked => RunLifeCycleState::Blocked,
        RunStatusState::Pending => RunLifeCycleState::Pending,
        RunStatusState::Queued => RunLifeCycleState::Queued,
        RunStatusState::Running => RunLifeCycleState::Running,
        RunStatusState::Terminating => RunLifeCycleState::Terminating,
        RunStatusState::Waiting => RunLifeCycleState::WaitingForRetry,
        RunStatusState::Terminated => match status
            .termination_details
            .as_ref()
            .and_then(|d| d.code.as_ref())
        {
            Some(TerminationCode::InternalError) => RunLifeCycleState::InternalError,
            Some(TerminationCode::Skipped) => RunLifeCycleState::Skipped,
            _ => RunLifeCycleState::Terminated,
        },
        other => RunLifeCycleState::Unrecognized(other.as_str().to_owned()),
    })
}

fn message_of<'a>(state: Option<&'a RunState>, status: Option<&'a RunStatus>) -> &'a str {
    state
        .and_then(|s| s.state_message.as_deref())
        .filter(|m| !m.is_empty())
        .or_else(|| {
            status
                .and_then(|s| s.termination_details.as_ref())
                .and_then(|d| d.message.as_deref())
        })
        .unwrap_or("")
}

/// A task run: the task's settings plus its run fields (`RunTask`). Also the iterations of a
/// for-each task run.
///
/// The task fields (`task_key`, `notebook_task`, `depends_on`...) are in [`task`](Self::task).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunTask {
    /// The task as configured (task key, type, compute, dependencies...). In run responses,
    /// `condition_task.outcome` and `for_each_task.stats` are set too.
    #[serde(flatten)]
    pub task: Task,
    /// 0 for the first attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt_number: Option<i32>,
    /// Milliseconds spent cleaning up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cleanup_duration: Option<i64>,
    /// The cluster and Spark context, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_instance: Option<ClusterInstance>,
    /// The performance target used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_performance_target: Option<PerformanceTarget>,
    /// The serverless compute used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_serverless_compute_id: Option<String>,
    /// When the task run ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    /// Milliseconds spent executing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_duration: Option<i64>,
    /// The Git source used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git_source: Option<GitSource>,
    /// Milliseconds spent queued.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_duration: Option<i64>,
    /// Resolved parameter values (with `include_resolved_values`), kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_values: Option<Value>,
    /// Milliseconds for the task run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_duration: Option<i64>,
    /// The task run's own id (use it for `runs/get-output`).
    #[serde(deserialize_with = "null_default")]
    pub run_id: RunId,
    /// URL of the task run in the UI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_page_url: Option<String>,
    /// Milliseconds spent setting up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setup_duration: Option<i64>,
    /// When the task run started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// The (deprecated but still authoritative) state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<RunState>,
    /// The newer status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<RunStatus>,
}

impl RunTask {
    /// The task's key.
    pub fn task_key(&self) -> &str {
        &self.task.task_key
    }

    /// `state.life_cycle_state` (or the equivalent of `status.state`).
    pub fn life_cycle_state(&self) -> Option<RunLifeCycleState> {
        life_cycle_of(self.state.as_ref(), self.status.as_ref())
    }

    /// `state.result_state`.
    pub fn result_state(&self) -> Option<&RunResultState> {
        self.state.as_ref().and_then(|s| s.result_state.as_ref())
    }

    /// `state.state_message`, or else `status.termination_details.message`.
    pub fn state_message(&self) -> &str {
        message_of(self.state.as_ref(), self.status.as_ref())
    }
}

/// The state of a run (`RunState`): deprecated in favour of [`RunStatus`] but still what the
/// official SDKs' waiters read.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunState {
    /// The life-cycle state (always present).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub life_cycle_state: Option<RunLifeCycleState>,
    /// Why the run is queued.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_reason: Option<String>,
    /// The result (only once the life cycle is terminal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_state: Option<RunResultState>,
    /// Explanation, free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_message: Option<String>,
    /// Whether a user or the timeout stopped the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_cancelled_or_timedout: Option<bool>,
}

/// The newer status of a run (`RunStatus`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunStatus {
    /// Why the run is queued.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_details: Option<QueueDetails>,
    /// The state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<RunStatusState>,
    /// Why the run ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_details: Option<TerminationDetails>,
}

/// Why a run ended (`TerminationDetails`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TerminationDetails {
    /// The code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<TerminationCode>,
    /// Explanation, free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Who is to blame.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub termination_type: Option<TerminationType>,
}

/// Why a run is queued (`QueueDetails`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueDetails {
    /// The code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<QueueDetailsCode>,
    /// Explanation, free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The cluster of a run (`ClusterInstance`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ClusterInstance {
    /// The cluster's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// The Spark context's id (may exceed 2^53: kept as a string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spark_context_id: Option<String>,
}

/// The compute of a run (`ClusterSpec` of the Jobs API, named `RunClusterSpec` here to tell it
/// from the Clusters API's cluster specification it contains).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunClusterSpec {
    /// An existing cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_cluster_id: Option<String>,
    /// A job cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_cluster_key: Option<String>,
    /// Libraries installed.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub libraries: Vec<Library>,
    /// A new cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_cluster: Option<ClusterSpec>,
}

/// An entry of a run's repair history (`RepairHistoryItem`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RepairHistoryItem {
    /// The performance target used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_performance_target: Option<PerformanceTarget>,
    /// When it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    /// The repair's id (absent for the original run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<RepairId>,
    /// When it started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// Its state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<RunState>,
    /// Its status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<RunStatus>,
    /// The task runs it started.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub task_run_ids: Vec<RunId>,
    /// Original run or repair.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub item_type: Option<RepairHistoryItemType>,
}

/// The parameters a run was started with (`RunParameters`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunParameters {
    /// dbt commands.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub dbt_commands: Vec<String>,
    /// JAR arguments.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub jar_params: Vec<String>,
    /// Notebook widget values.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub notebook_params: BTreeMap<String, String>,
    /// Pipeline options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline_params: Option<PipelineParams>,
    /// Named Python wheel arguments.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub python_named_params: BTreeMap<String, String>,
    /// Python arguments.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub python_params: Vec<String>,
    /// spark-submit arguments.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub spark_submit_params: Vec<String>,
    /// SQL parameters.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub sql_params: BTreeMap<String, String>,
}

/// A job parameter as used by a run (`JobParameter`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct JobParameter {
    /// The job's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// The name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The value used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// More about what triggered a run (`TriggerInfo`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TriggerInfo {
    /// The run that triggered this one (for `run_job` tasks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<RunId>,
    /// SQL condition details, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql_condition: Option<Value>,
}

/// The output of a task run (`runs/get-output`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunOutput {
    /// Output of a preview AI runtime task, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_runtime_task_output: Option<Value>,
    /// Output of an alert task, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_output: Option<Value>,
    /// Output of a clean-room notebook task, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clean_rooms_notebook_output: Option<Value>,
    /// Output of a dashboard task, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dashboard_output: Option<Value>,
    /// Output of a dbt Cloud task, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dbt_cloud_output: Option<Value>,
    /// Output of a dbt task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dbt_output: Option<DbtOutput>,
    /// Output of a dbt platform task, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dbt_platform_output: Option<Value>,
    /// Why the run failed, free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The stack trace, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_trace: Option<String>,
    /// Extra information.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info: Option<String>,
    /// stdout/stderr of JAR, Python and wheel tasks (the last 5 MB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logs: Option<String>,
    /// Whether `logs` was truncated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logs_truncated: Option<bool>,
    /// The task run itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Run>,
    /// The notebook's `dbutils.notebook.exit()` value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebook_output: Option<NotebookOutput>,
    /// Output of a `run_job` task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_job_output: Option<RunJobOutput>,
    /// Output of a SQL task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sql_output: Option<SqlOutput>,
}

/// A notebook's exit value (`NotebookOutput`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NotebookOutput {
    /// The value given to `dbutils.notebook.exit()` (first 5 MB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// Whether `result` was truncated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
}

/// Output of a dbt task (`DbtOutput`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DbtOutput {
    /// Headers to send when downloading the artifacts.
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_default"
    )]
    pub artifacts_headers: BTreeMap<String, String>,
    /// Link to the artifacts (valid 30 minutes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub artifacts_link: Option<String>,
}

/// Output of a `run_job` task (`RunJobOutput`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RunJobOutput {
    /// The run of the triggered job.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<RunId>,
}

/// Output of a SQL task (`SqlOutput`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlOutput {
    /// Output of an alert.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_output: Option<SqlAlertOutput>,
    /// Output of a legacy dashboard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dashboard_output: Option<SqlDashboardOutput>,
    /// Output of a query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_output: Option<SqlQueryOutput>,
}

/// Output of a SQL query task (`SqlQueryOutput`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlQueryOutput {
    /// The endpoint (older name of the warehouse).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint_id: Option<String>,
    /// Link to the result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_link: Option<String>,
    /// The query text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_text: Option<String>,
    /// The statements run.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub sql_statements: Vec<SqlStatementOutput>,
    /// The warehouse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
}

/// Output of a SQL alert task (`SqlAlertOutput`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlAlertOutput {
    /// The alert's state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_state: Option<SqlAlertState>,
    /// Link to the result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_link: Option<String>,
    /// The query text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_text: Option<String>,
    /// The statements run.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub sql_statements: Vec<SqlStatementOutput>,
    /// The warehouse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
}

/// Output of a legacy dashboard task (`SqlDashboardOutput`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlDashboardOutput {
    /// The warehouse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse_id: Option<String>,
    /// The widgets refreshed.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_default"
    )]
    pub widgets: Vec<SqlDashboardWidgetOutput>,
}

/// A refreshed dashboard widget (`SqlDashboardWidgetOutput`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlDashboardWidgetOutput {
    /// When the refresh ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    /// The error, if any, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Value>,
    /// Link to the result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_link: Option<String>,
    /// When the refresh started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// The refresh status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<SqlDashboardWidgetStatus>,
    /// The widget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub widget_id: Option<String>,
    /// The widget's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub widget_title: Option<String>,
}

/// A statement run by a SQL task (`SqlStatementOutput`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlStatementOutput {
    /// Key to look the statement up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lookup_key: Option<String>,
}

/// An exported view of a notebook task run (`ViewItem`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewItem {
    /// The view's HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The notebook or dashboard name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Notebook or dashboard.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub view_type: Option<ViewType>,
}
