//! The persisted jobs state: jobs, runs (with their task runs), idempotency tokens and the id
//! counters.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::triggers::TriggerState;
use crate::ids::Rng;
use crate::permissions::Grant;

/// Jobs, runs and the id counters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct JobsState {
    /// The last job id handed out (0: none yet).
    pub(crate) last_job_id: i64,
    /// The last run id handed out (job runs, task runs and repairs share it).
    pub(crate) last_run_id: i64,
    /// Jobs by id.
    pub(crate) jobs: BTreeMap<i64, Job>,
    /// Job runs and one-time runs by id; task runs live inside them.
    pub(crate) runs: BTreeMap<i64, Run>,
    /// Idempotency token -> the run it started (kept after the run is deleted).
    pub(crate) tokens: BTreeMap<String, i64>,
    /// Task runs that began on an existing cluster since the clusters last looked, for
    /// [`crate::clusters::start_for_jobs`] (never persisted).
    #[serde(skip)]
    pub(crate) cluster_uses: Vec<ClusterUse>,
}

/// A task run beginning on an existing all-purpose cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClusterUse {
    /// The task's `existing_cluster_id`.
    pub(crate) cluster_id: String,
    /// When the task began (epoch ms).
    pub(crate) at: i64,
    /// The job run it belongs to.
    pub(crate) run_id: i64,
}

impl JobsState {
    /// A new job id: larger than every earlier one, 15 digits like the service's.
    pub(crate) fn new_job_id(&mut self, rng: &mut Rng) -> i64 {
        self.last_job_id = grow(self.last_job_id, rng, 100_000_000_000_000);
        self.last_job_id
    }

    /// The times job task runs used the cluster `cluster_id`: `(start, end)`, with no end while
    /// the run is still active. Every attempt counts, for-each iterations included.
    pub(crate) fn cluster_usage(&self, cluster_id: &str) -> Vec<(i64, Option<i64>)> {
        let mut usage = Vec::new();
        for run in self.runs.values() {
            let active = run.is_active();
            let mut pending: Vec<_> = run.tasks.iter().chain(run.previous.iter()).collect();
            while let Some(task) = pending.pop() {
                pending.extend(task.iterations.iter());
                let on_cluster = task.cluster_id.as_deref() == Some(cluster_id)
                    || task
                        .settings
                        .get("existing_cluster_id")
                        .and_then(|v| v.as_str())
                        == Some(cluster_id);
                if !on_cluster {
                    continue;
                }
                match (task.start_time, task.end_time) {
                    (Some(start), Some(end)) => usage.push((start, Some(end))),
                    // Skipped before it started: it never used the cluster.
                    (None, Some(_)) => {}
                    // Not over: the run holds the cluster from when the task (or the run) began.
                    (start, None) if active => usage.push((start.unwrap_or(run.created), None)),
                    (_, None) => {}
                }
            }
        }
        usage.sort_by_key(|(start, _)| *start);
        usage
    }
}

/// The next id after `last`: a random step of 1..=997, from a random 15-digit start.
pub(crate) fn grow(last: i64, rng: &mut Rng, base: i64) -> i64 {
    if last == 0 {
        return base + (rng.next_u64() % 100_000_000_000_000) as i64;
    }
    last + 1 + (rng.next_u64() % 997) as i64
}

/// A saved job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Job {
    /// The id.
    pub(crate) job_id: i64,
    /// Who created it.
    pub(crate) creator: String,
    /// Epoch ms.
    pub(crate) created_time: i64,
    /// The settings in the multi-task shape, unknown fields included.
    pub(crate) settings: Map<String, Value>,
    /// Created in the API 2.0 single-task shape (presented in it by 2.0).
    #[serde(default)]
    pub(crate) single_task: bool,
    /// Direct grants; exactly one is `IS_OWNER`.
    #[serde(default)]
    pub(crate) grants: Vec<Grant>,
    /// What its trigger (schedule, continuous, periodic) did last.
    #[serde(default)]
    pub(crate) trigger_state: TriggerState,
}

/// The state of a job run or one-time run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Phase {
    /// Waiting for a concurrency slot.
    Queued,
    /// One step of setup.
    Pending,
    /// Tasks executing.
    Running,
    /// One step of cleanup; `outcome` is decided.
    Terminating,
    /// Over; `outcome` is final.
    Done,
}

/// The state of a task run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum TaskPhase {
    /// Waiting for its dependencies.
    Blocked,
    /// One step of setup.
    Pending,
    /// Executing.
    Running,
    /// One step of cleanup; `outcome` is decided.
    Terminating,
    /// Waiting before the next attempt.
    WaitingForRetry,
    /// Over; `outcome` is final.
    Done,
}

/// How a run or task run ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Outcome {
    /// Terminal life-cycle state: `TERMINATED`, `SKIPPED` or `INTERNAL_ERROR`.
    pub(crate) life: String,
    /// `result_state`, if any.
    pub(crate) result: Option<String>,
    /// `state_message`.
    pub(crate) message: String,
}

impl Outcome {
    /// A `TERMINATED` outcome with `result`.
    pub(crate) fn terminated(result: &str, message: impl Into<String>) -> Self {
        Self {
            life: "TERMINATED".into(),
            result: Some(result.into()),
            message: message.into(),
        }
    }

    /// A `SKIPPED` outcome with `result`.
    pub(crate) fn skipped(result: &str, message: impl Into<String>) -> Self {
        Self {
            life: "SKIPPED".into(),
            result: Some(result.into()),
            message: message.into(),
        }
    }

    /// An `INTERNAL_ERROR` outcome.
    pub(crate) fn internal_error(message: impl Into<String>) -> Self {
        Self {
            life: "INTERNAL_ERROR".into(),
            result: None,
            message: message.into(),
        }
    }

    /// The result, or `""`.
    pub(crate) fn result_str(&self) -> &str {
        self.result.as_deref().unwrap_or("")
    }
}

/// Test hooks read from task parameters (`emulator:*`), fixed when the task run is created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Directives {
    /// `emulator:fail`: the failure message.
    pub(crate) fail: Option<String>,
    /// `emulator:fail-times`: only the first N executions fail.
    pub(crate) fail_times: Option<u32>,
    /// `emulator:hang`: RUNNING until cancelled or timed out.
    pub(crate) hang: bool,
    /// `emulator:steps`: lifecycle steps spent RUNNING (default 1).
    pub(crate) steps: Option<u32>,
    /// `emulator:internal-error`: ends `INTERNAL_ERROR` with this message.
    pub(crate) internal_error: Option<String>,
    /// `emulator:result`: the notebook exit value.
    pub(crate) result: Option<String>,
    /// `emulator:logs`: the logs of Python, JAR and wheel tasks.
    pub(crate) logs: Option<String>,
    /// `emulator:fail-input`: for-each iterations with this input fail.
    pub(crate) fail_input: Option<String>,
}

/// A task run (one attempt of one task; also a for-each iteration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct TaskRun {
    /// This attempt's run id.
    pub(crate) run_id: i64,
    /// The task's key.
    pub(crate) task_key: String,
    /// The task's settings as configured.
    pub(crate) settings: Map<String, Value>,
    /// 0 for the first attempt.
    pub(crate) attempt_number: i64,
    /// Run id of the first attempt.
    pub(crate) original_attempt_run_id: i64,
    /// How many times this task ran before in this job run (retries and repairs).
    pub(crate) execution: u32,
    /// Current state.
    pub(crate) phase: TaskPhase,
    /// When `phase` was entered.
    pub(crate) since: i64,
    /// When it left `BLOCKED` (setup began).
    pub(crate) start_time: Option<i64>,
    /// When setup ended.
    pub(crate) running_start: Option<i64>,
    /// When execution ended.
    pub(crate) running_end: Option<i64>,
    /// When it ended.
    pub(crate) end_time: Option<i64>,
    /// Decided outcome (set on entering TERMINATING or DONE).
    pub(crate) outcome: Option<Outcome>,
    /// A condition task's outcome, `"true"` or `"false"`.
    pub(crate) condition_outcome: Option<String>,
    /// The run started by a `run_job` task.
    pub(crate) child_run: Option<i64>,
    /// The iterations of a for-each task.
    #[serde(default)]
    pub(crate) iterations: Vec<TaskRun>,
    /// The for-each input of an iteration.
    pub(crate) input: Option<String>,
    /// The cluster it runs on, once running.
    pub(crate) cluster_id: Option<String>,
    /// Test hooks.
    #[serde(default)]
    pub(crate) directives: Directives,
    /// The repair that started this attempt, if any.
    pub(crate) repair_id: Option<i64>,
}

/// An entry of the repair history: the original run or one repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct HistoryItem {
    /// The repair id (`None` for the original run).
    pub(crate) id: Option<i64>,
    /// When it started.
    pub(crate) start_time: i64,
    /// When it ended.
    pub(crate) end_time: Option<i64>,
    /// How it ended.
    pub(crate) outcome: Option<Outcome>,
    /// The task runs it started.
    pub(crate) task_run_ids: Vec<i64>,
}

/// A job run or a one-time run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Run {
    /// The run id.
    pub(crate) run_id: i64,
    /// The job (absent for one-time runs).
    pub(crate) job_id: Option<i64>,
    /// `JOB_RUN` or `SUBMIT_RUN`.
    pub(crate) run_type: String,
    /// Run name (the job's name, or the submitted `run_name`).
    pub(crate) run_name: String,
    /// Who started it.
    pub(crate) creator: String,
    /// `ONE_TIME`, `RUN_JOB_TASK`, `PERIODIC` or `CONTINUOUS`.
    pub(crate) trigger: String,
    /// For runs started by the job's schedule: that schedule.
    #[serde(default)]
    pub(crate) schedule: Option<Value>,
    /// For runs started by a `run_job` task: that task run's id.
    pub(crate) parent_task_run: Option<i64>,
    /// Started in (or for a job in) the API 2.0 single-task shape.
    pub(crate) single_task: bool,
    /// Snapshot of the job clusters.
    #[serde(default)]
    pub(crate) job_clusters: Vec<Value>,
    /// Snapshot of the Git source.
    pub(crate) git_source: Option<Value>,
    /// Run timeout in seconds (0: none).
    pub(crate) timeout_seconds: i64,
    /// `[{name, default, value}]`.
    #[serde(default)]
    pub(crate) job_parameters: Vec<Value>,
    /// The legacy parameters given (`notebook_params`, `python_params`...).
    #[serde(default)]
    pub(crate) overriding: Map<String, Value>,
    /// The idempotency token it was started with.
    pub(crate) idempotency_token: Option<String>,
    /// Creation time: `start_time`.
    pub(crate) created: i64,
    /// Current state.
    pub(crate) phase: Phase,
    /// When `phase` was entered.
    pub(crate) since: i64,
    /// When it left the queue (or was created, when not queued).
    pub(crate) admitted: Option<i64>,
    /// When the current execution (original or repair) began: the timeout counts from here.
    pub(crate) active_since: i64,
    /// When it ended.
    pub(crate) end_time: Option<i64>,
    /// Decided outcome (set on entering TERMINATING or DONE).
    pub(crate) outcome: Option<Outcome>,
    /// Cancelled by a user.
    pub(crate) cancelled: bool,
    /// Stopped by its timeout.
    pub(crate) timed_out: bool,
    /// Why it is queued.
    pub(crate) queue_reason: Option<String>,
    /// Current task runs (latest attempt per task).
    #[serde(default)]
    pub(crate) tasks: Vec<TaskRun>,
    /// Superseded attempts (retries and repaired tasks).
    #[serde(default)]
    pub(crate) previous: Vec<TaskRun>,
    /// The original run and its repairs.
    #[serde(default)]
    pub(crate) history: Vec<HistoryItem>,
}

impl Run {
    /// Whether it still changes (queued or executing).
    pub(crate) fn is_active(&self) -> bool {
        self.phase != Phase::Done
    }

    /// Whether it holds a concurrency slot of its job.
    pub(crate) fn holds_slot(&self) -> bool {
        matches!(
            self.phase,
            Phase::Pending | Phase::Running | Phase::Terminating
        )
    }

    /// A task run of this run (current attempts, earlier attempts, iterations) by id.
    pub(crate) fn find_task(&self, run_id: i64) -> Option<&TaskRun> {
        self.tasks.iter().chain(self.previous.iter()).find_map(|t| {
            if t.run_id == run_id {
                Some(t)
            } else {
                t.iterations.iter().find(|i| i.run_id == run_id)
            }
        })
    }
}
