//! Idle auto-termination, computed lazily like every lifecycle.
//!
//! A `RUNNING` cluster with `autotermination_minutes` > 0 and no lifecycle in progress
//! terminates once it has been idle that long: `TERMINATING` at that moment (event
//! `TERMINATING` with the reason, no user), `TERMINATED` one step later, with
//! `termination_reason` `{code: INACTIVITY, type: SUCCESS, parameters:
//! {inactivity_duration_min: "N"}}` and the state message "Inactive cluster terminated
//! (inactive for N minutes).".
//!
//! The idle timer starts at the cluster's last activity of its own (it came up, was
//! restarted, edited or resized: [`Cluster::last_activity_ms`]) and is pushed back by the job
//! task runs on the cluster (`existing_cluster_id`) that started before it ran out: to their
//! end, or for ever while one of them (or the run it belongs to) is still active. Runs that
//! start after the deadline do not revive a cluster that had already gone.

use serde_json::json;

use super::model::{Cluster, RUNNING};
use crate::clock::LifecycleClock;
use crate::jobs::JobsState;

/// Milliseconds in a minute.
const MINUTE_MS: i64 = 60_000;

/// Applies the idle auto-termination due by `now` to a settled cluster. Returns the cluster's
/// last activity (epoch ms) for `last_activity_time`: `now` while a run uses it, `None` if it
/// never came up.
pub(crate) fn settle(
    cluster: &mut Cluster,
    jobs: &JobsState,
    clock: &LifecycleClock,
    now: i64,
) -> Option<i64> {
    let since = cluster.last_activity_ms.or(cluster.running_since)?;
    if cluster.state != RUNNING || !cluster.scheduled.is_empty() || !cluster.is_up() {
        return Some(since);
    }
    let minutes = cluster
        .spec
        .get("autotermination_minutes")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(0);
    let limit = minutes.saturating_mul(MINUTE_MS);
    let mut last = since;
    for (start, end) in jobs.cluster_usage(&cluster.cluster_id) {
        if limit > 0 && start >= last.saturating_add(limit) {
            // The cluster had been idle long enough before this run began.
            break;
        }
        match end {
            None => return Some(now.max(last)),
            Some(end) => last = last.max(end.min(now)),
        }
    }
    if limit <= 0 || last.saturating_add(limit) > now {
        return Some(last);
    }
    let at = last.saturating_add(limit);
    let reason = json!({
        "code": "INACTIVITY",
        "type": "SUCCESS",
        "parameters": { "inactivity_duration_min": minutes.to_string() },
    });
    let message = format!("Inactive cluster terminated (inactive for {minutes} minutes).");
    cluster.last_activity_ms = Some(last);
    cluster.scheduled = Cluster::terminate_stages(clock, at, reason, None, &message);
    cluster.settle(now);
    Some(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clusters::model::{PENDING, TERMINATED, TERMINATING};
    use std::time::Duration;

    fn cluster(minutes: i64) -> Cluster {
        let mut c: Cluster = serde_json::from_value(json!({
            "cluster_id": "c1",
            "spec": { "num_workers": 1, "autotermination_minutes": minutes },
            "creator": "a",
            "source": "API",
            "start_time": 0,
            "state": PENDING,
        }))
        .unwrap();
        let clock = LifecycleClock::new(Duration::from_millis(100));
        let stages = c.start_stages(&clock, 0, PENDING, "CREATING", "a");
        c.schedule(0, stages);
        c.settle(100);
        assert_eq!(c.state, RUNNING);
        c
    }

    #[test]
    fn idle_clusters_terminate_for_inactivity() {
        let clock = LifecycleClock::new(Duration::from_millis(100));
        let none = JobsState::default();
        let mut c = cluster(10);
        let deadline = 100 + 10 * MINUTE_MS;
        assert_eq!(settle(&mut c, &none, &clock, deadline - 1), Some(100));
        assert_eq!(c.state, RUNNING);
        assert_eq!(settle(&mut c, &none, &clock, deadline), Some(100));
        assert_eq!(c.state, TERMINATING);
        assert_eq!(
            c.termination_reason,
            Some(json!({ "code": "INACTIVITY", "type": "SUCCESS",
                         "parameters": { "inactivity_duration_min": "10" } }))
        );
        assert_eq!(
            c.state_message,
            "Inactive cluster terminated (inactive for 10 minutes)."
        );
        let event = c.events.last().unwrap();
        assert_eq!(
            (event.r#type.as_str(), event.timestamp),
            (TERMINATING, deadline)
        );
        assert!(event.details.get("user").is_none());
        c.settle(deadline + 100);
        assert_eq!(c.state, TERMINATED);
        assert_eq!(c.terminated_time, Some(deadline + 100));

        // 0 (or unset) never terminates.
        let mut forever = cluster(0);
        settle(&mut forever, &none, &clock, i64::MAX / 2);
        assert_eq!(forever.state, RUNNING);
    }
}
