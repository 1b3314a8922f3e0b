//! A cluster and its lifecycle.
//!
//! Lifecycles are lazy, like every lifecycle of the emulator: an operation schedules the
//! states the cluster will go through, each at an absolute time one lifecycle step apart
//! ([`Scheduled`]). [`Cluster::settle`] applies the stages whose time has come (state, state
//! message, effects such as `terminated_time`, and the event of the stage); idle
//! auto-termination comes on top ([`super::settle`]). Mutating handlers settle the stored
//! cluster first; reads settle a copy. Nothing runs in the background.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::clock::LifecycleClock;
use crate::ids::Rng;
use crate::permissions::Grant;

pub(crate) const PENDING: &str = "PENDING";
pub(crate) const RUNNING: &str = "RUNNING";
pub(crate) const RESTARTING: &str = "RESTARTING";
pub(crate) const RESIZING: &str = "RESIZING";
pub(crate) const TERMINATING: &str = "TERMINATING";
pub(crate) const TERMINATED: &str = "TERMINATED";
pub(crate) const ERROR: &str = "ERROR";

/// The custom tag that makes a cluster fail to start: its value is the termination reason
/// code (e.g. `SPARK_STARTUP_FAILURE`), or `ERROR` for the `ERROR` state.
pub(crate) const FAIL_START_TAG: &str = "emulator:fail-start";
/// The custom tag giving the message of an injected start failure.
pub(crate) const FAIL_MESSAGE_TAG: &str = "emulator:fail-message";

/// What a stage changes besides the state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Effect {
    /// Nothing else.
    None,
    /// The driver goes down (start, restart): libraries will install again.
    Down,
    /// The cluster is up: `last_restarted_time`, a new `spark_context_id`, no termination.
    Up {
        /// Workers once up.
        workers: i64,
    },
    /// Resize done.
    Resized {
        /// Workers once resized.
        workers: i64,
    },
    /// Terminating for `reason`.
    Terminating {
        /// `TerminationReason`.
        reason: Value,
    },
    /// Terminated.
    Terminated,
    /// Broken.
    Error {
        /// `TerminationReason`.
        reason: Value,
    },
}

/// A stage of a lifecycle in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Scheduled {
    /// When it is reached (epoch ms).
    pub(crate) at_ms: i64,
    /// The state from then on.
    pub(crate) state: String,
    /// The state message from then on.
    pub(crate) message: String,
    /// The event recorded then: type and details.
    pub(crate) event: Option<(String, Value)>,
    /// What else changes.
    pub(crate) effect: Effect,
}

/// A recorded cluster event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Event {
    /// Order of recording (stable paging).
    pub(crate) seq: u64,
    /// Epoch ms.
    pub(crate) timestamp: i64,
    /// `EventType`.
    pub(crate) r#type: String,
    /// `EventDetails`.
    pub(crate) details: Value,
}

/// A library on a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LibraryEntry {
    /// The spec as sent.
    pub(crate) library: Value,
    /// When it was added (epoch ms).
    pub(crate) added_ms: i64,
    /// Marked for removal at the next restart.
    #[serde(default)]
    pub(crate) uninstall_on_restart: bool,
}

/// A cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Cluster {
    /// `MMDD-HHMMSS-xxxxxxxx`.
    pub(crate) cluster_id: String,
    /// The settings as the user last sent them, unknown fields included.
    pub(crate) spec: Map<String, Value>,
    /// Owner (creator, or the new owner after change-owner).
    pub(crate) creator: String,
    /// `ClusterSource`.
    pub(crate) source: String,
    /// When the create request was received.
    pub(crate) start_time: i64,
    /// Current (settled) state.
    pub(crate) state: String,
    /// Current state message.
    #[serde(default)]
    pub(crate) state_message: String,
    /// Pinned.
    #[serde(default)]
    pub(crate) pinned: bool,
    /// Workers up now.
    #[serde(default)]
    pub(crate) current_workers: i64,
    /// Since when the cluster has been up (libraries install from then on).
    #[serde(default)]
    pub(crate) running_since: Option<i64>,
    /// Last start or restart.
    #[serde(default)]
    pub(crate) last_restarted_time: Option<i64>,
    /// The cluster's last activity of its own: when it last came up (start, restart, edit)
    /// or finished a resize. Job runs on it push its idle timer further ([`super::idle`]).
    #[serde(default)]
    pub(crate) last_activity_ms: Option<i64>,
    /// Termination time.
    #[serde(default)]
    pub(crate) terminated_time: Option<i64>,
    /// `TerminationReason` while terminating or terminated.
    #[serde(default)]
    pub(crate) termination_reason: Option<Value>,
    /// Changes on every driver start.
    #[serde(default)]
    pub(crate) spark_context_id: Option<i64>,
    /// Stages not reached yet.
    #[serde(default)]
    pub(crate) scheduled: Vec<Scheduled>,
    /// Recorded events, oldest first.
    #[serde(default)]
    pub(crate) events: Vec<Event>,
    /// Next event sequence number.
    #[serde(default)]
    pub(crate) next_event_seq: u64,
    /// Direct permission grants.
    #[serde(default)]
    pub(crate) grants: Vec<Grant>,
    /// Libraries, in the order they were added.
    #[serde(default)]
    pub(crate) libraries: Vec<LibraryEntry>,
}

impl Cluster {
    /// Applies every stage reached by `now`.
    pub(crate) fn settle(&mut self, now: i64) {
        while self.scheduled.first().is_some_and(|s| s.at_ms <= now) {
            let stage = self.scheduled.remove(0);
            self.apply(stage);
        }
    }

    fn apply(&mut self, stage: Scheduled) {
        self.state = stage.state;
        self.state_message = stage.message;
        match stage.effect {
            Effect::None => {}
            Effect::Down => {
                self.running_since = None;
                self.termination_reason = None;
                self.terminated_time = None;
            }
            Effect::Up { workers } => {
                self.running_since = Some(stage.at_ms);
                self.last_restarted_time = Some(stage.at_ms);
                self.last_activity_ms = Some(stage.at_ms);
                self.termination_reason = None;
                self.terminated_time = None;
                self.current_workers = workers;
                let mut rng = Rng::new(stage.at_ms as u64 ^ self.next_event_seq.rotate_left(32));
                self.spark_context_id = Some((rng.next_u64() >> 1) as i64);
            }
            Effect::Resized { workers } => {
                self.current_workers = workers;
                self.last_activity_ms = Some(stage.at_ms);
            }
            Effect::Terminating { reason } => {
                self.running_since = None;
                self.termination_reason = Some(reason);
            }
            Effect::Terminated => {
                self.running_since = None;
                self.terminated_time = Some(stage.at_ms);
                self.current_workers = 0;
            }
            Effect::Error { reason } => {
                self.running_since = None;
                self.termination_reason = Some(reason);
                self.current_workers = 0;
            }
        }
        if let Some((kind, details)) = stage.event {
            self.record(stage.at_ms, &kind, details);
        }
    }

    /// Records an event now.
    pub(crate) fn record(&mut self, at_ms: i64, kind: &str, details: Value) {
        self.events.push(Event {
            seq: self.next_event_seq,
            timestamp: at_ms,
            r#type: kind.to_owned(),
            details,
        });
        self.next_event_seq += 1;
    }

    /// Replaces whatever lifecycle is in progress with `stages` (the first applied at once).
    pub(crate) fn schedule(&mut self, now: i64, stages: Vec<Scheduled>) {
        self.settle(now);
        self.scheduled = stages;
        self.settle(now);
    }

    /// A string field of the spec.
    pub(crate) fn spec_str(&self, name: &str) -> Option<&str> {
        self.spec.get(name).and_then(Value::as_str)
    }

    /// The custom tag `name`.
    pub(crate) fn tag(&self, name: &str) -> Option<&str> {
        self.spec
            .get("custom_tags")
            .and_then(|t| t.get(name))
            .and_then(Value::as_str)
    }

    /// The number of workers the spec asks for (autoscale: its minimum).
    pub(crate) fn target_workers(&self) -> i64 {
        if let Some(n) = self.spec.get("num_workers").and_then(Value::as_i64) {
            return n;
        }
        self.spec
            .get("autoscale")
            .and_then(|a| a.get("min_workers"))
            .and_then(Value::as_i64)
            .unwrap_or(0)
    }

    /// Whether the cluster is up (running or resizing).
    pub(crate) fn is_up(&self) -> bool {
        self.running_since.is_some() && matches!(self.state.as_str(), RUNNING | RESIZING)
    }

    /// The stages of a start (create, start, restart, edit of a running cluster): the first
    /// state, then `RUNNING`, or the injected failure of [`FAIL_START_TAG`].
    pub(crate) fn start_stages(
        &self,
        clock: &LifecycleClock,
        now: i64,
        first: &str,
        event: &str,
        user: &str,
    ) -> Vec<Scheduled> {
        let workers = self.target_workers();
        let message = match first {
            RESTARTING => "Restarting Spark",
            _ => "Finding instances for new nodes, acquiring more instances if necessary",
        };
        let mut stages = vec![Scheduled {
            at_ms: now,
            state: first.to_owned(),
            message: message.to_owned(),
            event: Some((
                event.to_owned(),
                json!({ "user": user, "target_num_workers": workers }),
            )),
            effect: Effect::Down,
        }];
        let step1 = clock.stage_reached_at(now, 1);
        match self.tag(FAIL_START_TAG) {
            Some(code) => {
                let text = self
                    .tag(FAIL_MESSAGE_TAG)
                    .unwrap_or("Injected start failure (custom tag emulator:fail-start)")
                    .to_owned();
                let reason = json!({
                    "code": if code == ERROR { "INTERNAL_ERROR" } else { code },
                    "type": reason_type(code),
                    "parameters": { "databricks_error_message": text },
                });
                if code == ERROR {
                    stages.push(Scheduled {
                        at_ms: step1,
                        state: ERROR.to_owned(),
                        message: text,
                        event: None,
                        effect: Effect::Error { reason },
                    });
                } else {
                    stages.push(Scheduled {
                        at_ms: step1,
                        state: TERMINATING.to_owned(),
                        message: text.clone(),
                        event: Some((TERMINATING.to_owned(), json!({ "reason": reason }))),
                        effect: Effect::Terminating { reason },
                    });
                    stages.push(Scheduled {
                        at_ms: clock.stage_reached_at(now, 2),
                        state: TERMINATED.to_owned(),
                        message: text,
                        event: None,
                        effect: Effect::Terminated,
                    });
                }
            }
            None => stages.push(Scheduled {
                at_ms: step1,
                state: RUNNING.to_owned(),
                message: String::new(),
                event: Some((
                    RUNNING.to_owned(),
                    json!({ "current_num_workers": workers, "target_num_workers": workers }),
                )),
                effect: Effect::Up { workers },
            }),
        }
        stages
    }

    /// The stages of a termination for `reason`.
    pub(crate) fn terminate_stages(
        clock: &LifecycleClock,
        now: i64,
        reason: Value,
        user: Option<&str>,
        message: &str,
    ) -> Vec<Scheduled> {
        let mut details = json!({ "reason": reason });
        if let Some(user) = user {
            details["user"] = json!(user);
        }
        vec![
            Scheduled {
                at_ms: now,
                state: TERMINATING.to_owned(),
                message: message.to_owned(),
                event: Some((TERMINATING.to_owned(), details)),
                effect: Effect::Terminating { reason },
            },
            Scheduled {
                at_ms: clock.stage_reached_at(now, 1),
                state: TERMINATED.to_owned(),
                message: message.to_owned(),
                event: None,
                effect: Effect::Terminated,
            },
        ]
    }
}

/// The `TerminationReasonType` of an injected failure code.
fn reason_type(code: &str) -> &'static str {
    if code.starts_with("AWS_")
        || code.starts_with("AZURE_")
        || code.starts_with("GCP_")
        || code.starts_with("CLOUD_")
    {
        "CLOUD_FAILURE"
    } else if matches!(code, "INTERNAL_ERROR" | "UNEXPECTED_LAUNCH_FAILURE" | ERROR) {
        "SERVICE_FAULT"
    } else {
        "CLIENT_ERROR"
    }
}

/// A cluster id for a cluster created at `now_ms`: `MMDD-HHMMSS-` and 8 random lower-case
/// letters and digits, e.g. `0923-164208-meows279`.
pub(crate) fn cluster_id(now_ms: i64, rng: &mut Rng) -> String {
    let secs = now_ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let of_day = secs.rem_euclid(86_400);
    let (_, month, day) = civil_from_days(days);
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let suffix: String = (0..8)
        .map(|_| ALPHABET[(rng.next_u64() % ALPHABET.len() as u64) as usize] as char)
        .collect();
    format!(
        "{month:02}{day:02}-{:02}{:02}{:02}-{suffix}",
        of_day / 3600,
        (of_day % 3600) / 60,
        of_day % 60
    )
}

/// `(year, month, day)` of a day count since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A copy settled to `now`.
    fn at(c: &Cluster, now: i64) -> Cluster {
        let mut copy = c.clone();
        copy.settle(now);
        copy
    }

    #[test]
    fn ids_have_the_service_format() {
        let mut rng = Rng::new(1);
        // 2024-06-12 08:34:12 UTC
        let id = cluster_id(1_718_181_252_000, &mut rng);
        assert!(id.starts_with("0612-083412-"), "{id}");
        assert_eq!(id.len(), 20);
        assert!(
            id[12..]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        );
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    fn cluster(tags: Value) -> Cluster {
        Cluster {
            cluster_id: "c".into(),
            spec: json!({ "num_workers": 2, "custom_tags": tags })
                .as_object()
                .cloned()
                .unwrap_or_default(),
            creator: "a".into(),
            source: "API".into(),
            start_time: 0,
            state: PENDING.into(),
            state_message: String::new(),
            pinned: false,
            current_workers: 0,
            running_since: None,
            last_restarted_time: None,
            last_activity_ms: None,
            terminated_time: None,
            termination_reason: None,
            spark_context_id: None,
            scheduled: Vec::new(),
            events: Vec::new(),
            next_event_seq: 0,
            grants: Vec::new(),
            libraries: Vec::new(),
        }
    }

    #[test]
    fn start_then_terminate() {
        let clock = LifecycleClock::new(Duration::from_millis(100));
        let mut c = cluster(json!({}));
        let stages = c.start_stages(&clock, 1000, PENDING, "CREATING", "u");
        c.schedule(1000, stages);
        assert_eq!(c.state, PENDING);
        assert_eq!(at(&c, 1099).state, PENDING);
        let up = at(&c, 1100);
        assert_eq!(up.state, RUNNING);
        assert_eq!(up.running_since, Some(1100));
        assert_eq!(up.current_workers, 2);
        let stages = Cluster::terminate_stages(
            &clock,
            2000,
            json!({"code": "USER_REQUEST"}),
            Some("u"),
            "bye",
        );
        c.schedule(2000, stages);
        assert_eq!(c.state, TERMINATING);
        let types: Vec<&str> = c.events.iter().map(|e| e.r#type.as_str()).collect();
        assert_eq!(types, ["CREATING", "RUNNING", "TERMINATING"]);
        let done = at(&c, 2100);
        assert_eq!(done.state, TERMINATED);
        assert_eq!(done.terminated_time, Some(2100));
    }

    #[test]
    fn injected_failures() {
        let clock = LifecycleClock::new(Duration::from_millis(100));
        let mut c = cluster(json!({ FAIL_START_TAG: "SPARK_STARTUP_FAILURE" }));
        let stages = c.start_stages(&clock, 0, PENDING, "CREATING", "u");
        c.schedule(0, stages);
        let t = at(&c, 200);
        assert_eq!(t.state, TERMINATED);
        assert_eq!(
            t.termination_reason.unwrap()["code"],
            "SPARK_STARTUP_FAILURE"
        );
        let mut e = cluster(json!({ FAIL_START_TAG: "ERROR" }));
        let stages = e.start_stages(&clock, 0, PENDING, "CREATING", "u");
        e.schedule(0, stages);
        assert_eq!(at(&e, 100).state, ERROR);
    }
}
