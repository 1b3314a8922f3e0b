//! Waiters for runs.

use std::sync::{Arc, Mutex};

use databricks_core::{Poll, Result, Waiter};

use super::JobsApi;
use crate::model::{
    RepairRun, Run, RunId, RunLifeCycleState, RunNow, RunResultState, SubmitRun, TerminationCode,
};

/// What a waiter accepts as the end of the wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Accept {
    /// Only a successful end; FAILED, TIMEDOUT, CANCELED... are [`Poll::Failed`].
    Success,
    /// Any terminal state.
    Any,
}

/// Classifies a polled run.
fn classify(run: Run, accept: Accept) -> Poll<Run> {
    let Some(state) = run.life_cycle_state() else {
        return Poll::pending("UNKNOWN", run);
    };
    if !state.is_terminal() {
        return Poll::pending(state.as_str().to_owned(), run);
    }
    if accept == Accept::Any {
        return Poll::Done(run);
    }
    if state == RunLifeCycleState::InternalError {
        let message = failure_message(&run, "the run ended with an internal error");
        return Poll::failed(state.as_str().to_owned(), message, run);
    }
    match failed_result(&run) {
        Some(result) => {
            let message = failure_message(&run, &format!("the run ended {result}"));
            Poll::failed(result, message, run)
        }
        None => Poll::Done(run),
    }
}

/// The failed result of a terminal run, if it failed: `state.result_state` among FAILED,
/// TIMEDOUT, CANCELED, MAXIMUM_CONCURRENT_RUNS_REACHED, UPSTREAM_FAILED, UPSTREAM_CANCELED; or,
/// without a result state, a failure code in `status.termination_details`.
fn failed_result(run: &Run) -> Option<String> {
    if let Some(result) = run.result_state() {
        return matches!(
            result,
            RunResultState::Failed
                | RunResultState::Timedout
                | RunResultState::Canceled
                | RunResultState::MaximumConcurrentRunsReached
                | RunResultState::UpstreamFailed
                | RunResultState::UpstreamCanceled
        )
        .then(|| result.as_str().to_owned());
    }
    let code = run
        .status
        .as_ref()
        .and_then(|s| s.termination_details.as_ref())
        .and_then(|d| d.code.as_ref())?;
    match code {
        TerminationCode::Success
        | TerminationCode::SuccessWithFailures
        | TerminationCode::Skipped
        | TerminationCode::Disabled
        | TerminationCode::Unrecognized(_) => None,
        other => Some(other.as_str().to_owned()),
    }
}

/// The run's state message; if empty, the first failed task's (`task <key>: <message>`);
/// if none, `fallback`.
fn failure_message(run: &Run, fallback: &str) -> String {
    let message = run.state_message();
    if !message.is_empty() {
        return message.to_owned();
    }
    run.tasks
        .iter()
        .filter(|t| !t.state_message().is_empty())
        .find(|t| t.result_state().is_some_and(|r| !r.is_success()))
        .map(|t| format!("task {}: {}", t.task_key(), t.state_message()))
        .unwrap_or_else(|| fallback.to_owned())
}

/// Reads a once-set run id shared by the polls of a waiter.
fn started(cell: &Mutex<Option<RunId>>) -> Option<RunId> {
    match cell.lock() {
        Ok(guard) => *guard,
        Err(poisoned) => *poisoned.into_inner(),
    }
}

fn set_started(cell: &Mutex<Option<RunId>>, run_id: RunId) {
    match cell.lock() {
        Ok(mut guard) => *guard = Some(run_id),
        Err(poisoned) => *poisoned.into_inner() = Some(run_id),
    }
}

impl JobsApi {
    async fn poll_run(&self, run_id: RunId, accept: Accept) -> Result<Poll<Run>> {
        let run = self.get_run(run_id).await?;
        Ok(classify(run, accept))
    }

    fn run_waiter(&self, run_id: RunId, accept: Accept) -> Waiter<Run> {
        let api = self.clone();
        Waiter::new(format!("run {run_id}"), move || {
            let api = api.clone();
            async move { api.poll_run(run_id, accept).await }
        })
    }

    /// Waits until a run reaches a terminal life-cycle state (`TERMINATED`, `SKIPPED`,
    /// `INTERNAL_ERROR`) and returns it.
    ///
    /// A run that ends `FAILED`, `TIMEDOUT`, `CANCELED`, `MAXIMUM_CONCURRENT_RUNS_REACHED`,
    /// `UPSTREAM_FAILED`, `UPSTREAM_CANCELED` or `INTERNAL_ERROR` is an
    /// [`Error::Wait`](databricks_core::Error::Wait) whose state is that result, whose message
    /// is the run's state message (or the first failed task's), and which carries the [`Run`]
    /// ([`WaitError::last`](databricks_core::WaitError::last)). To get the finished run
    /// whatever its result, use [`wait_for_run_finished`](Self::wait_for_run_finished).
    ///
    /// Polls `runs/get` (1 s growing to 10 s by default), for at most 20 minutes by default:
    /// configure with `.timeout()` and `.poll_interval()`.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use std::time::Duration;
    /// use databricks_core::Error;
    /// use databricks_jobs::Run;
    ///
    /// match jobs.wait_for_run(455644833).timeout(Duration::from_secs(3600)).await {
    ///     Ok(run) => println!("done: {:?}", run.result_state()),
    ///     Err(Error::Wait(failed)) => {
    ///         let run = failed.last::<Run>().expect("the run");
    ///         println!("run {} ended {}: {}", run.run_id, failed.state(), failed.message());
    ///     }
    ///     Err(other) => return Err(other),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn wait_for_run(&self, run_id: impl Into<RunId>) -> Waiter<Run> {
        self.run_waiter(run_id.into(), Accept::Success)
    }

    /// Waits until a run reaches a terminal life-cycle state and returns it whatever its
    /// result (success, failure, timeout, cancellation, internal error), for callers that
    /// inspect failures themselves.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// let run = jobs.wait_for_run_finished(455644833).await?;
    /// if !run.is_success() {
    ///     for task in run.tasks.iter().filter(|t| t.result_state().is_some()) {
    ///         println!("{}: {:?} {}", task.task_key(), task.result_state(), task.state_message());
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn wait_for_run_finished(&self, run_id: impl Into<RunId>) -> Waiter<Run> {
        self.run_waiter(run_id.into(), Accept::Any)
    }

    /// Starts a run of a job ([`run_now`](Self::run_now)) and waits for it like
    /// [`wait_for_run`](Self::wait_for_run).
    ///
    /// The request is sent on the first poll, when the waiter is awaited (once, even over
    /// many polls); its errors (validation included) end the wait. The timeout covers the
    /// whole operation.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use std::time::Duration;
    /// use databricks_jobs::RunNow;
    ///
    /// let run = jobs
    ///     .run_now_and_wait(RunNow::new(754210933871025))
    ///     .timeout(Duration::from_secs(2 * 3600))
    ///     .on_progress(|run, state| println!("run {}: {state}", run.run_id))
    ///     .await?;
    /// # let _ = run; Ok(()) }
    /// ```
    pub fn run_now_and_wait(&self, request: RunNow) -> Waiter<Run> {
        let what = format!("run of job {}", request.job_id);
        let api = self.clone();
        let cell: Arc<Mutex<Option<RunId>>> = Arc::default();
        Waiter::new(what, move || {
            let (api, request, cell) = (api.clone(), request.clone(), cell.clone());
            async move {
                let run_id = match started(&cell) {
                    Some(run_id) => run_id,
                    None => {
                        let run_id = api.run_now(request).await?.run_id;
                        set_started(&cell, run_id);
                        run_id
                    }
                };
                api.poll_run(run_id, Accept::Success).await
            }
        })
    }

    /// Submits a one-time run ([`submit`](Self::submit)) and waits for it like
    /// [`wait_for_run`](Self::wait_for_run). The request is sent on the first poll.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::{SubmitRun, Task};
    ///
    /// let run = jobs
    ///     .submit_and_wait(SubmitRun {
    ///         tasks: vec![Task {
    ///             existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
    ///             ..Task::notebook("adhoc", "/Users/me/adhoc")
    ///         }],
    ///         ..Default::default()
    ///     })
    ///     .await?;
    /// # let _ = run; Ok(()) }
    /// ```
    pub fn submit_and_wait(&self, request: SubmitRun) -> Waiter<Run> {
        let what = match &request.run_name {
            Some(name) => format!("one-time run {name:?}"),
            None => "one-time run".to_owned(),
        };
        let api = self.clone();
        let cell: Arc<Mutex<Option<RunId>>> = Arc::default();
        Waiter::new(what, move || {
            let (api, request, cell) = (api.clone(), request.clone(), cell.clone());
            async move {
                let run_id = match started(&cell) {
                    Some(run_id) => run_id,
                    None => {
                        let run_id = api.submit(request).await?;
                        set_started(&cell, run_id);
                        run_id
                    }
                };
                api.poll_run(run_id, Accept::Success).await
            }
        })
    }

    /// Cancels a run ([`cancel_run`](Self::cancel_run)) and waits until it is terminal;
    /// returns the run whatever its result (normally `CANCELED`; a run that finished before
    /// the cancellation keeps its result). The cancellation is sent on the first poll.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// let run = jobs.cancel_run_and_wait(455644833).await?;
    /// println!("{:?}", run.result_state());
    /// # Ok(()) }
    /// ```
    pub fn cancel_run_and_wait(&self, run_id: impl Into<RunId>) -> Waiter<Run> {
        let run_id = run_id.into();
        let api = self.clone();
        let sent = Arc::new(Mutex::new(None::<RunId>));
        Waiter::new(format!("run {run_id}"), move || {
            let (api, sent) = (api.clone(), sent.clone());
            async move {
                if started(&sent).is_none() {
                    api.cancel_run(run_id).await?;
                    set_started(&sent, run_id);
                }
                api.poll_run(run_id, Accept::Any).await
            }
        })
    }

    /// Repairs a run ([`repair_run`](Self::repair_run)) and waits for it like
    /// [`wait_for_run`](Self::wait_for_run). The repair is sent on the first poll.
    ///
    /// ```no_run
    /// # async fn demo(jobs: databricks_jobs::JobsApi) -> databricks_core::Result<()> {
    /// use databricks_jobs::RepairRun;
    ///
    /// let run = jobs
    ///     .repair_run_and_wait(RepairRun {
    ///         rerun_all_failed_tasks: Some(true),
    ///         ..RepairRun::new(455644833)
    ///     })
    ///     .await?;
    /// # let _ = run; Ok(()) }
    /// ```
    pub fn repair_run_and_wait(&self, request: RepairRun) -> Waiter<Run> {
        let run_id = request.run_id;
        let api = self.clone();
        let sent = Arc::new(Mutex::new(None::<RunId>));
        Waiter::new(format!("run {run_id}"), move || {
            let (api, request, sent) = (api.clone(), request.clone(), sent.clone());
            async move {
                if started(&sent).is_none() {
                    api.repair_run(request).await?;
                    set_started(&sent, run_id);
                }
                api.poll_run(run_id, Accept::Success).await
            }
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn run(value: serde_json::Value) -> Run {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn classification() {
        let pending = run(serde_json::json!({"state": {"life_cycle_state": "RUNNING"}}));
        assert_eq!(classify(pending, Accept::Success).state(), Some("RUNNING"));

        let ok = run(
            serde_json::json!({"state": {"life_cycle_state": "TERMINATED", "result_state": "SUCCESS"}}),
        );
        assert!(matches!(classify(ok, Accept::Success), Poll::Done(_)));

        let failed = run(serde_json::json!({
            "state": {"life_cycle_state": "TERMINATED", "result_state": "FAILED", "state_message": ""},
            "tasks": [
                {"task_key": "a", "run_id": 1, "state": {"result_state": "SUCCESS", "state_message": "fine"}},
                {"task_key": "b", "run_id": 2, "state": {"result_state": "FAILED", "state_message": "boom"}}
            ]
        }));
        match classify(failed.clone(), Accept::Success) {
            Poll::Failed { state, message, .. } => {
                assert_eq!(state, "FAILED");
                assert_eq!(message, "task b: boom");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(classify(failed, Accept::Any), Poll::Done(_)));

        let internal = run(
            serde_json::json!({"state": {"life_cycle_state": "INTERNAL_ERROR", "state_message": "oops"}}),
        );
        assert_eq!(
            classify(internal, Accept::Success).state(),
            Some("INTERNAL_ERROR")
        );

        let status_only = run(serde_json::json!({"status": {"state": "TERMINATED",
            "termination_details": {"code": "RUN_EXECUTION_ERROR", "message": "exit 1", "type": "CLIENT_ERROR"}}}));
        match classify(status_only, Accept::Success) {
            Poll::Failed { state, message, .. } => {
                assert_eq!(state, "RUN_EXECUTION_ERROR");
                assert_eq!(message, "exit 1");
            }
            other => panic!("{other:?}"),
        }

        let skipped = run(serde_json::json!({"state": {"life_cycle_state": "SKIPPED"}}));
        assert!(matches!(classify(skipped, Accept::Success), Poll::Done(_)));
        let unknown = run(serde_json::json!({}));
        assert_eq!(classify(unknown, Accept::Success).state(), Some("UNKNOWN"));
    }
}
