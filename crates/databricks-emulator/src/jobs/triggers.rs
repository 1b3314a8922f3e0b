//! Job triggers: `schedule` (Quartz cron), `continuous` and `trigger` (`periodic`,
//! `file_arrival`, `table_update`, ...): validation of the settings, and the runs they start.
//!
//! Firing is lazy, like the rest of the run simulation: [`Plan`] is built at the start of each
//! [`super::sim::tick`] and adds the triggers' starts to the events the tick replays, in time
//! order with the runs' own transitions (a run that ends at `t` frees its slot for a schedule
//! firing at `t`). Only fire times after the job's trigger settings were last set count
//! ([`TriggerState::since`]), and each trigger starts at most one run per catch-up: when
//! several fire times passed since the state was last looked at, the runs of the earlier ones
//! are skipped and the run starts at the latest, as the service does after an outage
//! ("scheduled jobs run immediately upon service availability"; it does not replay every
//! missed tick). File arrival triggers are the exception: each look at the files (every
//! minute) that finds new ones starts a run, so files written at different times start
//! different runs however late the catch-up.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::cron::{self, Cron};
use super::model::{Job, JobsState};
use super::runs::{self, Trigger};
use super::settings::{as_array, as_object, invalid, opt_i64, opt_str, required_str};
use crate::error::{ApiError, ApiResult};
use crate::files::FilesState;
use crate::ids::Rng;

/// `PauseStatus`.
const PAUSE_STATUSES: [&str; 2] = ["PAUSED", "UNPAUSED"];
/// The kinds of `trigger`, one of which is set (`table` is the older name of `table_update`).
const TRIGGER_KINDS: [&str; 6] = [
    "file_arrival",
    "periodic",
    "table_update",
    "table",
    "model",
    "sql_condition",
];
/// `PeriodicTriggerConfiguration.unit` and its length in ms.
const PERIOD_UNITS: [(&str, i64); 4] = [
    ("MINUTES", 60_000),
    ("HOURS", 3_600_000),
    ("DAYS", 86_400_000),
    ("WEEKS", 604_800_000),
];
/// `TableUpdateTriggerConfiguration.condition`.
const TABLE_CONDITIONS: [&str; 2] = ["ANY_UPDATED", "ALL_UPDATED"];
/// `Continuous.task_retry_mode`.
const TASK_RETRY_MODES: [&str; 2] = ["NEVER", "ON_FAILURE"];
/// Least `min_time_between_triggers_seconds` and `wait_after_last_change_seconds`.
const MIN_TRIGGER_SECONDS: i64 = 60;
/// How often a file arrival trigger looks for new files (from when it was set).
const FILE_POLL_MS: i64 = 60_000;
/// The service keeps at least 10 s between the runs a schedule starts, whatever the seconds
/// field says.
const MIN_SCHEDULE_GAP_MS: i64 = 10_000;
/// Runs a continuous job may start in one catch-up: the restart due when its run ended, and
/// one at the catch-up's time if that one ended too (the restarts in between are skipped).
const MAX_CONTINUOUS_STARTS: u8 = 2;
/// The settings that make up a job's triggers; changing any restarts its schedule.
const TRIGGER_FIELDS: [&str; 4] = ["schedule", "continuous", "trigger", "triggers"];

/// What the emulator tracks of a job's trigger (persisted with the job).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct TriggerState {
    /// When the trigger settings were last set (created, changed, paused or resumed): only
    /// later fire times count, and periodic triggers count their intervals from here. `None`
    /// for jobs saved before this was tracked: their creation time.
    pub(crate) since: Option<i64>,
    /// When the trigger last started a run.
    pub(crate) last_fire: Option<i64>,
    /// File arrival: the latest modification time of the files a fire has seen; only files
    /// modified after it (and after `since`) are new.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) file_watermark: Option<i64>,
}

fn present<'a>(s: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    s.get(key).filter(|v| !v.is_null())
}

fn pause_status(s: &Map<String, Value>, field: &str) -> ApiResult<()> {
    let path = format!("{field}.pause_status");
    match opt_str(s, "pause_status", &path)? {
        Some(p) if !PAUSE_STATUSES.contains(&p) => Err(invalid(format!(
            "Invalid {path} '{p}': expected PAUSED or UNPAUSED."
        ))),
        _ => Ok(()),
    }
}

fn one_of(s: &Map<String, Value>, key: &str, field: &str, allowed: &[&str]) -> ApiResult<()> {
    let path = format!("{field}.{key}");
    match opt_str(s, key, &path)? {
        Some(v) if !allowed.contains(&v) => Err(invalid(format!(
            "Invalid {path} '{v}': expected one of {}.",
            allowed.join(", ")
        ))),
        _ => Ok(()),
    }
}

fn min_seconds(s: &Map<String, Value>, field: &str) -> ApiResult<()> {
    for key in [
        "min_time_between_triggers_seconds",
        "wait_after_last_change_seconds",
    ] {
        let path = format!("{field}.{key}");
        if let Some(n) = opt_i64(s, key, &path)? {
            if n < MIN_TRIGGER_SECONDS {
                return Err(invalid(format!(
                    "{path} must be at least {MIN_TRIGGER_SECONDS} seconds, got {n}."
                )));
            }
        }
    }
    Ok(())
}

/// Validates `schedule`, `continuous`, `trigger` and their exclusions.
pub(crate) fn validate(s: &Map<String, Value>) -> ApiResult<()> {
    let set: Vec<&str> = ["schedule", "continuous", "trigger"]
        .into_iter()
        .filter(|k| present(s, k).is_some())
        .collect();
    if set.len() > 1 {
        return Err(invalid(format!(
            "A job can have only one of schedule, continuous and trigger; got {}.",
            set.join(" and ")
        )));
    }
    if present(s, "triggers").is_some() && !set.is_empty() {
        return Err(invalid(format!(
            "triggers cannot be combined with {}.",
            set.join(", ")
        )));
    }
    if let Some(schedule) = present(s, "schedule") {
        validate_schedule(as_object(schedule, "schedule")?)?;
    }
    if let Some(continuous) = present(s, "continuous") {
        let continuous = as_object(continuous, "continuous")?;
        pause_status(continuous, "continuous")?;
        one_of(
            continuous,
            "task_retry_mode",
            "continuous",
            &TASK_RETRY_MODES,
        )?;
    }
    if let Some(trigger) = present(s, "trigger") {
        validate_trigger(as_object(trigger, "trigger")?)?;
    }
    Ok(())
}

fn validate_schedule(s: &Map<String, Value>) -> ApiResult<()> {
    let expr = required_str(
        s,
        "quartz_cron_expression",
        "schedule.quartz_cron_expression",
    )?;
    if let Err(why) = cron::parse(&expr) {
        return Err(invalid(format!(
            "Invalid quartz_cron_expression: {expr}. {why}. Databricks uses Quartz cron syntax, \
             which is different from the standard cron syntax. See \
             http://www.quartz-scheduler.org/documentation/quartz-2.3.0/tutorials/crontrigger.html \
             for more details."
        )));
    }
    let zone = required_str(s, "timezone_id", "schedule.timezone_id")?;
    if cron::zone(&zone).is_none() {
        return Err(invalid(format!(
            "Invalid timezone_id: {zone}. Use a Java time zone ID such as UTC, \
             America/Los_Angeles or GMT+05:30."
        )));
    }
    pause_status(s, "schedule")
}

fn validate_trigger(t: &Map<String, Value>) -> ApiResult<()> {
    pause_status(t, "trigger")?;
    let kinds: Vec<&str> = TRIGGER_KINDS
        .into_iter()
        .filter(|k| present(t, k).is_some())
        .collect();
    match kinds.as_slice() {
        [] => {
            return Err(invalid(
                "trigger needs one of file_arrival, periodic, table_update, model and \
                 sql_condition.",
            ));
        }
        [_] => {}
        many => {
            return Err(invalid(format!(
                "trigger can have only one of file_arrival, periodic, table_update, model and \
                 sql_condition; got {}.",
                many.join(" and ")
            )));
        }
    }
    if let Some(p) = present(t, "periodic") {
        let p = as_object(p, "trigger.periodic")?;
        match opt_i64(p, "interval", "trigger.periodic.interval")? {
            None => return Err(ApiError::missing_field("trigger.periodic.interval")),
            Some(n) if n < 1 => {
                return Err(invalid(format!(
                    "trigger.periodic.interval must be at least 1, got {n}."
                )));
            }
            Some(_) => {}
        }
        let unit = required_str(p, "unit", "trigger.periodic.unit")?;
        if !PERIOD_UNITS.iter().any(|(u, _)| *u == unit) {
            return Err(invalid(format!(
                "Invalid trigger.periodic.unit '{unit}': expected one of MINUTES, HOURS, DAYS, \
                 WEEKS."
            )));
        }
    }
    if let Some(f) = present(t, "file_arrival") {
        let f = as_object(f, "trigger.file_arrival")?;
        required_str(f, "url", "trigger.file_arrival.url")?;
        min_seconds(f, "trigger.file_arrival")?;
    }
    for kind in ["table_update", "table"] {
        let Some(table) = present(t, kind) else {
            continue;
        };
        let field = format!("trigger.{kind}");
        let table = as_object(table, &field)?;
        let names_field = format!("{field}.table_names");
        let names = match present(table, "table_names") {
            Some(v) => as_array(v, &names_field)?,
            None => return Err(ApiError::missing_field(&names_field)),
        };
        if names.is_empty() {
            return Err(ApiError::missing_field(&names_field));
        }
        if names.iter().any(|n| n.as_str().is_none_or(str::is_empty)) {
            return Err(invalid(format!(
                "{names_field} must be a list of table names (catalog.schema.table)."
            )));
        }
        one_of(table, "condition", &field, &TABLE_CONDITIONS)?;
        min_seconds(table, &field)?;
    }
    Ok(())
}

/// Fills in what the service fills in: `pause_status` of a schedule, continuous setting or
/// trigger defaults to `UNPAUSED`. Call after [`validate`].
pub(crate) fn normalize(s: &mut Map<String, Value>) {
    for field in ["schedule", "continuous", "trigger"] {
        if let Some(Value::Object(t)) = s.get_mut(field) {
            t.entry("pause_status").or_insert_with(|| json!("UNPAUSED"));
        }
    }
}

/// Records a change of settings at `now`: a changed trigger (set, removed, paused, resumed)
/// starts counting fire times afresh.
pub(crate) fn settings_changed(
    state: &mut TriggerState,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    now: i64,
) {
    if TRIGGER_FIELDS
        .iter()
        .any(|f| present(before, f) != present(after, f))
    {
        state.since = Some(now);
    }
}

/// `trigger_state` of `jobs/get` with `include_trigger_state`, for jobs with a trigger.
pub(crate) fn render_state(job: &Job) -> Option<Value> {
    let trigger = ["schedule", "continuous", "trigger"]
        .into_iter()
        .find_map(|f| present(&job.settings, f))?;
    let pause = trigger
        .get("pause_status")
        .and_then(Value::as_str)
        .unwrap_or("UNPAUSED");
    let mut state = json!({ "pause_status": pause });
    if trigger.get("file_arrival").is_some_and(Value::is_object) {
        // The emulator looks at the files; it has no file events.
        state["file_arrival"] = json!({ "using_file_events": false });
    }
    Some(state)
}

/// What starts runs of a job that is not paused.
enum Firing {
    /// `schedule`: the cron in its zone, and the schedule as the runs show it.
    Cron(Cron, TimeZone, Value),
    /// `trigger.periodic`: every this many ms.
    Every(i64),
    /// `continuous`.
    Continuous,
    /// `trigger.file_arrival`: the watched `url`, `min_time_between_triggers_seconds` and
    /// `wait_after_last_change_seconds` in ms (0 when unset).
    Files {
        url: String,
        min_between: i64,
        wait: i64,
    },
}

fn unpaused(s: &Map<String, Value>) -> bool {
    s.get("pause_status").and_then(Value::as_str) != Some("PAUSED")
}

fn firing(job: &Job) -> Option<Firing> {
    let s = &job.settings;
    if let Some(schedule) = s.get("schedule").and_then(Value::as_object) {
        let cron = schedule
            .get("quartz_cron_expression")
            .and_then(Value::as_str)
            .and_then(|e| cron::parse(e).ok())?;
        let zone = schedule
            .get("timezone_id")
            .and_then(Value::as_str)
            .and_then(cron::zone)?;
        return unpaused(schedule)
            .then(|| Firing::Cron(cron, zone, Value::Object(schedule.clone())));
    }
    if let Some(continuous) = s.get("continuous").and_then(Value::as_object) {
        // With max_concurrent_runs 0 every run would be skipped at once, over and over.
        let max = s.get("max_concurrent_runs").and_then(Value::as_i64);
        return (unpaused(continuous) && max != Some(0)).then_some(Firing::Continuous);
    }
    let trigger = s.get("trigger").and_then(Value::as_object)?;
    if let Some(files) = trigger.get("file_arrival").and_then(Value::as_object) {
        let ms = |key: &str| {
            files
                .get(key)
                .and_then(Value::as_i64)
                .map_or(0, |n| n.saturating_mul(1000))
        };
        let url = files.get("url").and_then(Value::as_str)?.to_owned();
        return unpaused(trigger).then(|| Firing::Files {
            url,
            min_between: ms("min_time_between_triggers_seconds"),
            wait: ms("wait_after_last_change_seconds"),
        });
    }
    let periodic = trigger.get("periodic").and_then(Value::as_object)?;
    let interval = periodic.get("interval").and_then(Value::as_i64)?;
    let unit = periodic.get("unit").and_then(Value::as_str)?;
    let unit_ms = PERIOD_UNITS.iter().find(|(u, _)| *u == unit)?.1;
    let every = interval.checked_mul(unit_ms).filter(|e| *e > 0)?;
    unpaused(trigger).then_some(Firing::Every(every))
}

fn since(job: &Job) -> i64 {
    job.trigger_state.since.unwrap_or(job.created_time)
}

/// The fire of a schedule due by `now`: the latest fire time after the schedule was set and
/// at least 10 s after the last, if any is not after `now`.
fn due_cron(job: &Job, cron: &Cron, zone: &TimeZone, now: i64) -> Option<i64> {
    let floor = match job.trigger_state.last_fire {
        Some(last) => since(job).max(last.saturating_add(MIN_SCHEDULE_GAP_MS - 1)),
        None => since(job),
    };
    let first = cron.next_after(zone, floor).filter(|f| *f <= now)?;
    Some(
        cron.last_at_or_before(zone, now)
            .unwrap_or(first)
            .max(first),
    )
}

/// The fire of a periodic trigger due by `now`: the latest `since + k * every` (k >= 1) not
/// after `now`, unless it already fired.
fn due_every(job: &Job, every: i64, now: i64) -> Option<i64> {
    let since = since(job);
    let periods = now.checked_sub(since)? / every;
    if periods < 1 {
        return None;
    }
    let at = since.checked_add(periods.checked_mul(every)?)?;
    (job.trigger_state.last_fire.is_none_or(|l| l < at)).then_some(at)
}

/// The first poll (every [`FILE_POLL_MS`] from `since`) at or after `t`.
fn poll_at_or_after(since: i64, t: i64) -> i64 {
    let after = u64::try_from(t.saturating_sub(since)).unwrap_or(0);
    let polls = i64::try_from(after.div_ceil(FILE_POLL_MS.unsigned_abs())).unwrap_or(i64::MAX);
    since.saturating_add(polls.saturating_mul(FILE_POLL_MS))
}

/// What a file arrival trigger watches in one catch-up.
struct Watch {
    /// Modification times of the files under the trigger's URL, ascending.
    times: Vec<i64>,
    /// `min_time_between_triggers_seconds`, in ms.
    min_between: i64,
    /// `wait_after_last_change_seconds`, in ms.
    wait: i64,
    /// The next fire due by `now`, if any.
    at: Option<i64>,
}

impl Watch {
    /// The poll at which the trigger fires for the files modified after its watermark, if
    /// that is not after `now`: the first poll that sees a new file, no sooner than
    /// `min_between` after the last fire, and, with `wait`, only once no file changed for
    /// that long.
    fn due(&self, job: &Job, now: i64) -> Option<i64> {
        let since = since(job);
        let seen = job.trigger_state.file_watermark.unwrap_or(since).max(since);
        let first = self.times.iter().copied().find(|t| *t > seen)?;
        let mut at = poll_at_or_after(since, first);
        if let Some(last) = job.trigger_state.last_fire {
            at = poll_at_or_after(since, at.max(last.saturating_add(self.min_between)));
        }
        while at <= now && self.wait > 0 {
            // The latest change the poll at `at` sees.
            let latest = self.times.iter().copied().filter(|t| *t <= at).max()?;
            if latest.saturating_add(self.wait) <= at {
                break;
            }
            at = poll_at_or_after(since, latest.saturating_add(self.wait));
        }
        (at <= now).then_some(at)
    }
}

/// The trigger starts of one catch-up (one [`super::sim::tick`] up to `now`).
pub(crate) struct Plan {
    now: i64,
    /// Scheduled and periodic jobs with a fire due by `now`: job -> (when, the schedule).
    timed: BTreeMap<i64, (i64, Option<Value>)>,
    /// Unpaused continuous jobs -> the runs they started in this catch-up.
    continuous: BTreeMap<i64, u8>,
    /// Unpaused file arrival triggers: job -> what it watches.
    files: BTreeMap<i64, Watch>,
}

impl Plan {
    /// The fires due by `now`, from the jobs' settings and trigger state (and, for file
    /// arrival triggers, the files in `files`).
    pub(crate) fn new(jobs: &JobsState, now: i64, files: &FilesState) -> Self {
        let mut plan = Self {
            now,
            timed: BTreeMap::new(),
            continuous: BTreeMap::new(),
            files: BTreeMap::new(),
        };
        for (id, job) in &jobs.jobs {
            match firing(job) {
                Some(Firing::Cron(cron, zone, schedule)) => {
                    if let Some(at) = due_cron(job, &cron, &zone, now) {
                        plan.timed.insert(*id, (at, Some(schedule)));
                    }
                }
                Some(Firing::Every(every)) => {
                    if let Some(at) = due_every(job, every, now) {
                        plan.timed.insert(*id, (at, None));
                    }
                }
                Some(Firing::Continuous) => {
                    plan.continuous.insert(*id, 0);
                }
                Some(Firing::Files {
                    url,
                    min_between,
                    wait,
                }) => {
                    let mut watch = Watch {
                        times: files.modification_times(&url),
                        min_between,
                        wait,
                        at: None,
                    };
                    watch.at = watch.due(job, now);
                    if watch.at.is_some() {
                        plan.files.insert(*id, watch);
                    }
                }
                None => {}
            }
        }
        plan
    }

    /// When a continuous job next starts a run: once it has no active run, at the latest of
    /// the trigger's start, its last start and its runs' ends.
    fn continuous_due(&self, jobs: &JobsState, id: i64, starts: u8) -> Option<i64> {
        if starts >= MAX_CONTINUOUS_STARTS {
            return None;
        }
        let job = jobs.jobs.get(&id)?;
        let mut due = since(job).max(job.trigger_state.last_fire.unwrap_or(i64::MIN));
        for run in jobs.runs.values().filter(|r| r.job_id == Some(id)) {
            if run.is_active() {
                return None;
            }
            due = due.max(run.end_time.unwrap_or(run.created));
        }
        // A restart already happened in this catch-up: the chain collapses to one run now.
        Some(if starts > 0 { self.now.max(due) } else { due })
    }

    /// When the next trigger start is due (maybe after `now`: the caller stops there).
    pub(crate) fn next_due(&self, jobs: &JobsState) -> Option<i64> {
        let timed = self.timed.values().map(|(at, _)| *at).min();
        let continuous = self
            .continuous
            .iter()
            .filter_map(|(id, starts)| self.continuous_due(jobs, *id, *starts))
            .min();
        let files = self.files.values().filter_map(|w| w.at).min();
        timed.into_iter().chain(continuous).chain(files).min()
    }

    /// Starts the runs due at or before `t`, at `t`; whether any started.
    pub(crate) fn fire(&mut self, jobs: &mut JobsState, rng: &mut Rng, t: i64) -> bool {
        let mut started = false;
        let due: Vec<i64> = self
            .timed
            .iter()
            .filter(|(_, (at, _))| *at <= t)
            .map(|(id, _)| *id)
            .collect();
        for id in due {
            if let Some((_, schedule)) = self.timed.remove(&id) {
                started |= start(jobs, rng, id, "PERIODIC", schedule, t);
            }
        }
        let due: Vec<i64> = self
            .continuous
            .iter()
            .filter(|(id, starts)| {
                self.continuous_due(jobs, **id, **starts)
                    .is_some_and(|d| d <= t)
            })
            .map(|(id, _)| *id)
            .collect();
        for id in due {
            if let Some(starts) = self.continuous.get_mut(&id) {
                *starts += 1;
            }
            started |= start(jobs, rng, id, "CONTINUOUS", None, t);
        }
        let due: Vec<i64> = self
            .files
            .iter()
            .filter(|(_, w)| w.at.is_some_and(|at| at <= t))
            .map(|(id, _)| *id)
            .collect();
        for id in due {
            started |= start(jobs, rng, id, "FILE_ARRIVAL", None, t);
            let (Some(watch), Some(job)) = (self.files.get_mut(&id), jobs.jobs.get_mut(&id)) else {
                continue;
            };
            // The files this poll saw are consumed, whether or not the run could start
            // (`max_concurrent_runs`); later ones may fire again in this catch-up.
            let seen = watch.times.iter().copied().filter(|m| *m <= t).max();
            job.trigger_state.file_watermark = seen.max(job.trigger_state.file_watermark);
            job.trigger_state.last_fire = Some(t);
            watch.at = watch.due(job, self.now);
        }
        started
    }
}

fn start(
    jobs: &mut JobsState,
    rng: &mut Rng,
    id: i64,
    trigger: &'static str,
    schedule: Option<Value>,
    t: i64,
) -> bool {
    let started = runs::start_job_run(jobs, rng, id, Trigger::Scheduled { trigger, schedule }, t);
    if started.is_err() {
        return false;
    }
    if let Some(job) = jobs.jobs.get_mut(&id) {
        job.trigger_state.last_fire = Some(t);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::sim;

    /// 2090-01-01T00:00:00Z.
    const T0: i64 = 3_786_912_000_000;
    const HOUR: i64 = 3_600_000;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    fn jobs_with(settings: Value) -> JobsState {
        let mut settings = map(settings);
        settings.insert(
            "tasks".into(),
            json!([{ "task_key": "t", "notebook_task": { "notebook_path": "/n" } }]),
        );
        validate(&settings).unwrap();
        normalize(&mut settings);
        let mut jobs = JobsState::default();
        jobs.jobs.insert(
            1,
            Job {
                job_id: 1,
                creator: "me".into(),
                created_time: T0,
                settings,
                single_task: false,
                grants: Vec::new(),
                trigger_state: TriggerState::default(),
            },
        );
        jobs
    }

    #[test]
    fn ticks_change_nothing_until_a_trigger_fires() {
        let mut rng = Rng::new(7);
        let mut jobs = jobs_with(json!({ "schedule": {
            "quartz_cron_expression": "0 0 12 * * ?", "timezone_id": "UTC" } }));
        let before = jobs.clone();
        // Before the fire time a tick (what every read does) changes nothing.
        assert!(!sim::tick(
            &mut jobs,
            &mut rng,
            T0 + 11 * HOUR,
            1000,
            &FilesState::default()
        ));
        assert_eq!(jobs, before);
        assert!(sim::tick(
            &mut jobs,
            &mut rng,
            T0 + 12 * HOUR + 1,
            1000,
            &FilesState::default()
        ));
        let run = jobs.runs.values().next().unwrap();
        assert_eq!(run.trigger, "PERIODIC");
        assert_eq!(run.created, T0 + 12 * HOUR);
        assert_eq!(
            run.schedule.as_ref().unwrap()["quartz_cron_expression"],
            "0 0 12 * * ?"
        );
        assert_eq!(jobs.jobs[&1].trigger_state.last_fire, Some(T0 + 12 * HOUR));
        // What was tracked survives the state file.
        let text = serde_json::to_string(&jobs).unwrap();
        let back: JobsState = serde_json::from_str(&text).unwrap();
        assert_eq!(back, jobs);
        // Jobs saved before trigger state existed count from their creation.
        let old: Job = serde_json::from_value(json!({ "job_id": 2, "creator": "me",
            "created_time": T0, "settings": {} }))
        .unwrap();
        assert_eq!(old.trigger_state, TriggerState::default());
        assert_eq!(since(&old), T0);
    }

    #[test]
    fn paused_triggers_and_unstartable_continuous_jobs_fire_nothing() {
        let mut rng = Rng::new(7);
        for settings in [
            json!({ "schedule": { "quartz_cron_expression": "0 0 * * * ?",
                "timezone_id": "UTC", "pause_status": "PAUSED" } }),
            json!({ "trigger": { "periodic": { "interval": 1, "unit": "HOURS" },
                "pause_status": "PAUSED" } }),
            json!({ "continuous": { "pause_status": "PAUSED" } }),
            json!({ "continuous": {}, "max_concurrent_runs": 0 }),
            json!({ "trigger": { "file_arrival": { "url": "s3://b/" } } }),
        ] {
            let mut jobs = jobs_with(settings.clone());
            assert!(
                !sim::tick(
                    &mut jobs,
                    &mut rng,
                    T0 + 100 * HOUR,
                    1000,
                    &FilesState::default()
                ),
                "{settings}"
            );
            assert!(jobs.runs.is_empty(), "{settings}");
        }
    }

    #[test]
    fn only_trigger_changes_restart_the_count() {
        let before = map(
            json!({ "name": "a", "schedule": { "quartz_cron_expression": "0 0 * * * ?",
            "timezone_id": "UTC", "pause_status": "UNPAUSED" } }),
        );
        let mut state = TriggerState::default();
        let mut renamed = before.clone();
        renamed.insert("name".into(), json!("b"));
        settings_changed(&mut state, &before, &renamed, 5);
        assert_eq!(state.since, None);
        let mut paused = before.clone();
        paused["schedule"]["pause_status"] = json!("PAUSED");
        settings_changed(&mut state, &before, &paused, 6);
        assert_eq!(state.since, Some(6));
        let mut removed = before.clone();
        removed.remove("schedule");
        settings_changed(&mut state, &before, &removed, 7);
        assert_eq!(state.since, Some(7));
    }

    #[test]
    fn pause_status_defaults_to_unpaused() {
        let mut s = map(
            json!({ "schedule": { "quartz_cron_expression": "0 0 * * * ?",
            "timezone_id": "UTC" }, "continuous": {}, "trigger": { "pause_status": "PAUSED" } }),
        );
        normalize(&mut s);
        assert_eq!(s["schedule"]["pause_status"], "UNPAUSED");
        assert_eq!(s["continuous"]["pause_status"], "UNPAUSED");
        assert_eq!(s["trigger"]["pause_status"], "PAUSED");
    }
}
