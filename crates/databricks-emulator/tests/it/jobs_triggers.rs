//! Job triggers: schedules, periodic triggers and continuous jobs start runs on the emulator's
//! clock; their settings are validated like the service does.
//!
//! Schedules use fire times in 2090 (year field or dates there), so the clock is moved to
//! known instants and nothing depends on when the test runs.

use std::time::Duration;

use databricks_emulator::Emulator;
use jiff::civil::date;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use crate::common::{Client, Resp, start};

/// Epoch ms of a civil time in a zone.
fn at(zone: &str, y: i16, mo: i8, d: i8, h: i8, mi: i8) -> i64 {
    TimeZone::get(zone)
        .unwrap()
        .to_timestamp(date(y, mo, d).at(h, mi, 0, 0))
        .unwrap()
        .as_millisecond()
}

fn utc(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> i64 {
    at("UTC", y, mo, d, h, mi)
}

/// Moves the emulator's clock forward to `target` (epoch ms).
fn advance_to(emu: &Emulator, target: i64) {
    let now = emu.clock().now_ms();
    assert!(target > now, "the clock is already past {target}");
    emu.clock()
        .advance(Duration::from_millis((target - now) as u64));
}

fn advance(emu: &Emulator, by: Duration) {
    emu.clock().advance(by);
}

/// Job settings with one notebook task (which hangs when `hang`), plus `extra`.
fn settings(hang: bool, extra: Value) -> Value {
    let params = if hang {
        json!({ "emulator:hang": "true" })
    } else {
        json!({})
    };
    let mut s = json!({ "name": "triggered", "tasks": [{ "task_key": "t",
        "notebook_task": { "notebook_path": "/n", "base_parameters": params } }] });
    if let (Some(s), Value::Object(extra)) = (s.as_object_mut(), extra) {
        s.extend(extra);
    }
    s
}

async fn create(client: &Client, body: Value) -> i64 {
    client.post("/api/2.1/jobs/create", body).await.ok()["job_id"]
        .as_i64()
        .unwrap()
}

/// The job's runs, oldest first.
async fn runs(client: &Client, job: i64) -> Vec<Value> {
    let body = client
        .get(&format!("/api/2.1/jobs/runs/list?job_id={job}"))
        .await
        .ok();
    let mut runs = body["runs"].as_array().cloned().unwrap_or_default();
    runs.reverse();
    runs
}

fn life(run: &Value) -> &str {
    run["state"]["life_cycle_state"].as_str().unwrap_or("")
}

fn is_active(run: &Value) -> bool {
    !matches!(life(run), "TERMINATED" | "SKIPPED" | "INTERNAL_ERROR")
}

async fn update(client: &Client, job: i64, new_settings: Value) {
    client
        .post(
            "/api/2.1/jobs/update",
            json!({ "job_id": job, "new_settings": new_settings }),
        )
        .await
        .ok();
}

const DAILY_NOON_2090: &str = "0 0 12 * * ? 2090";

#[tokio::test]
async fn a_schedule_starts_a_periodic_run_at_each_fire_time() {
    let (emu, client) = start().await;
    let schedule = json!({ "quartz_cron_expression": DAILY_NOON_2090, "timezone_id": "UTC" });
    let job = create(&client, settings(false, json!({ "schedule": schedule }))).await;
    // The service fills in the pause status.
    let got = client
        .get(&format!("/api/2.1/jobs/get?job_id={job}"))
        .await
        .ok();
    let mut shown = schedule.clone();
    shown["pause_status"] = json!("UNPAUSED");
    assert_eq!(got["settings"]["schedule"], shown);

    advance_to(&emu, utc(2090, 1, 1, 11, 59));
    assert!(runs(&client, job).await.is_empty());
    advance_to(&emu, utc(2090, 1, 1, 12, 1));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1);
    let run = &listed[0];
    assert_eq!(run["trigger"], "PERIODIC");
    assert_eq!(run["schedule"], shown);
    assert_eq!(run["start_time"], utc(2090, 1, 1, 12, 0));
    assert_eq!(run["run_type"], "JOB_RUN");
    assert_eq!(life(run), "TERMINATED");
    assert_eq!(run["state"]["result_state"], "SUCCESS");
    // runs/get shows the same.
    let id = run["run_id"].as_i64().unwrap();
    let got = client
        .get(&format!("/api/2.1/jobs/runs/get?run_id={id}"))
        .await
        .ok();
    assert_eq!(got["trigger"], "PERIODIC");
    assert_eq!(got["schedule"], shown);

    advance_to(&emu, utc(2090, 1, 2, 12, 0) + 1);
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["start_time"], utc(2090, 1, 2, 12, 0));
    // Manual runs stay ONE_TIME, without a schedule.
    client
        .post("/api/2.1/jobs/run-now", json!({ "job_id": job }))
        .await
        .ok();
    let listed = runs(&client, job).await;
    assert_eq!(listed[2]["trigger"], "ONE_TIME");
    assert!(listed[2].get("schedule").is_none());
}

#[tokio::test]
async fn missed_fire_times_start_one_run_at_the_latest() {
    let (emu, client) = start().await;
    let schedule = json!({ "quartz_cron_expression": "0 0 * * * ? 2090", "timezone_id": "UTC" });
    let job = create(&client, settings(false, json!({ "schedule": schedule }))).await;
    // 54 hourly fire times pass unobserved: one run, at the last of them.
    advance_to(&emu, utc(2090, 1, 3, 5, 30));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["start_time"], utc(2090, 1, 3, 5, 0));
    // Looking again changes nothing; the next fire time starts the next run.
    assert_eq!(runs(&client, job).await.len(), 1);
    advance(&emu, Duration::from_secs(3600));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["start_time"], utc(2090, 1, 3, 6, 0));
}

#[tokio::test]
async fn fire_times_before_the_job_existed_do_not_count() {
    let (emu, client) = start().await;
    // Every second, in any year: the fire times before creation (and the creation's own
    // second) start nothing; the service keeps at least 10 s between scheduled runs.
    let schedule = json!({ "quartz_cron_expression": "* * * * * ?", "timezone_id": "UTC" });
    let before = emu.clock().now_ms();
    let job = create(&client, settings(false, json!({ "schedule": schedule }))).await;
    advance(&emu, Duration::from_secs(5));
    let first = runs(&client, job).await;
    assert_eq!(first.len(), 1);
    let start = first[0]["start_time"].as_i64().unwrap();
    assert!(start > before && start % 1000 == 0, "{start}");
    advance(&emu, Duration::from_secs(3));
    // The next fire time is at least 10 s after the last.
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    advance_to(&emu, start + 10_000);
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["start_time"], start + 10_000);
}

#[tokio::test]
async fn paused_schedules_start_nothing_and_resume_from_the_change() {
    let (emu, client) = start().await;
    let paused = json!({ "quartz_cron_expression": DAILY_NOON_2090, "timezone_id": "UTC",
        "pause_status": "PAUSED" });
    let job = create(&client, settings(false, json!({ "schedule": paused }))).await;
    advance_to(&emu, utc(2090, 1, 5, 13, 0));
    assert!(runs(&client, job).await.is_empty());
    // Resuming: the fire times while paused (12:00 today included) are not made up for.
    let mut resumed = paused.clone();
    resumed["pause_status"] = json!("UNPAUSED");
    update(&client, job, json!({ "schedule": resumed })).await;
    assert!(runs(&client, job).await.is_empty());
    advance_to(&emu, utc(2090, 1, 6, 12, 0) + 1);
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["start_time"], utc(2090, 1, 6, 12, 0));
    // An update that pauses stops it again.
    update(&client, job, json!({ "schedule": paused })).await;
    advance_to(&emu, utc(2090, 1, 9, 13, 0));
    assert_eq!(runs(&client, job).await.len(), 1);
    // Other changes keep the schedule going; removing it stops it.
    update(&client, job, json!({ "schedule": resumed })).await;
    update(&client, job, json!({ "name": "renamed" })).await;
    advance_to(&emu, utc(2090, 1, 10, 12, 0) + 1);
    assert_eq!(runs(&client, job).await.len(), 2);
    client
        .post(
            "/api/2.1/jobs/update",
            json!({ "job_id": job, "fields_to_remove": ["schedule"] }),
        )
        .await
        .ok();
    advance_to(&emu, utc(2090, 1, 12, 13, 0));
    assert_eq!(runs(&client, job).await.len(), 2);
}

#[tokio::test]
async fn schedules_respect_max_concurrent_runs_and_queueing() {
    let (emu, client) = start().await;
    let schedule = json!({ "quartz_cron_expression": "0 0 * * * ? 2090", "timezone_id": "UTC" });
    let skipping = create(&client, settings(true, json!({ "schedule": schedule }))).await;
    let queueing = create(
        &client,
        settings(
            true,
            json!({ "schedule": schedule, "queue": { "enabled": true } }),
        ),
    )
    .await;
    advance_to(&emu, utc(2090, 1, 1, 0, 30));
    assert_eq!(runs(&client, skipping).await.len(), 1);
    advance_to(&emu, utc(2090, 1, 1, 1, 30));
    // Without queueing the second scheduled run is skipped.
    let listed = runs(&client, skipping).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(life(&listed[0]), "RUNNING");
    assert_eq!(life(&listed[1]), "SKIPPED");
    assert_eq!(listed[1]["trigger"], "PERIODIC");
    assert_eq!(
        listed[1]["state"]["result_state"],
        "MAXIMUM_CONCURRENT_RUNS_REACHED"
    );
    assert_eq!(
        listed[1]["state"]["state_message"],
        "Skipping this run because the limit of 1 maximum concurrent runs has been reached."
    );
    // With queueing it waits for the slot.
    let listed = runs(&client, queueing).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(life(&listed[1]), "QUEUED");
    let first = listed[0]["run_id"].as_i64().unwrap();
    client
        .post("/api/2.1/jobs/runs/cancel", json!({ "run_id": first }))
        .await
        .ok();
    advance(&emu, Duration::from_secs(10));
    let listed = runs(&client, queueing).await;
    assert_eq!(life(&listed[0]), "TERMINATED");
    assert_eq!(life(&listed[1]), "RUNNING");
}

#[tokio::test]
async fn schedules_follow_daylight_saving_time_in_region_zones() {
    let (emu, client) = start().await;
    let ny = "America/New_York";
    let schedule = json!({ "quartz_cron_expression": "0 30 2 * * ? 2090", "timezone_id": ny });
    let job = create(&client, settings(false, json!({ "schedule": schedule }))).await;
    advance_to(&emu, utc(2090, 3, 11, 12, 0));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["start_time"], at(ny, 2090, 3, 11, 2, 30));
    // 2090-03-12 02:30 does not exist in New York (clocks go from 02:00 to 03:00): the run
    // starts at 03:30 EDT; the next day at 02:30 EDT again.
    advance_to(&emu, utc(2090, 3, 12, 7, 31));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["start_time"], utc(2090, 3, 12, 7, 30));
    assert_eq!(listed[1]["start_time"], at(ny, 2090, 3, 12, 3, 30));
    advance_to(&emu, utc(2090, 3, 13, 6, 31));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[2]["start_time"], at(ny, 2090, 3, 13, 2, 30));
}

#[tokio::test]
async fn periodic_triggers_fire_every_interval() {
    let (emu, client) = start().await;
    let trigger = json!({ "periodic": { "interval": 2, "unit": "HOURS" } });
    let before = emu.clock().now_ms();
    let job = create(&client, settings(false, json!({ "trigger": trigger }))).await;
    let after = emu.clock().now_ms();
    const HOUR: i64 = 3_600_000;
    advance_to(&emu, before + 2 * HOUR - 60_000);
    assert!(runs(&client, job).await.is_empty());
    advance_to(&emu, after + 2 * HOUR + 1);
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["trigger"], "PERIODIC");
    assert!(listed[0].get("schedule").is_none());
    let first = listed[0]["start_time"].as_i64().unwrap();
    assert!((before + 2 * HOUR..=after + 2 * HOUR).contains(&first));
    advance_to(&emu, first + 2 * HOUR);
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["start_time"], first + 2 * HOUR);
    // Many intervals later: one run, at the last interval.
    advance_to(&emu, first + 20 * HOUR + 60_000);
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[2]["start_time"], first + 20 * HOUR);
    // Paused: nothing.
    let mut paused = trigger.clone();
    paused["pause_status"] = json!("PAUSED");
    update(&client, job, json!({ "trigger": paused })).await;
    advance(&emu, Duration::from_secs(10 * 3600));
    assert_eq!(runs(&client, job).await.len(), 3);
}

#[tokio::test]
async fn continuous_jobs_keep_one_run_active() {
    let (emu, client) = start().await;
    let job = create(
        &client,
        settings(
            true,
            json!({ "continuous": { "pause_status": "UNPAUSED" } }),
        ),
    )
    .await;
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["trigger"], "CONTINUOUS");
    assert!(is_active(&listed[0]));
    assert!(listed[0].get("schedule").is_none());
    // Cancelling the run starts the next one when it has ended.
    let first = listed[0]["run_id"].as_i64().unwrap();
    client
        .post("/api/2.1/jobs/runs/cancel", json!({ "run_id": first }))
        .await
        .ok();
    advance(&emu, Duration::from_secs(10));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["state"]["result_state"], "CANCELED");
    assert_eq!(listed[1]["trigger"], "CONTINUOUS");
    assert!(is_active(&listed[1]));
    assert_eq!(listed[1]["start_time"], listed[0]["end_time"]);
    // Paused: the active run goes on, and nothing follows it.
    update(
        &client,
        job,
        json!({ "continuous": { "pause_status": "PAUSED" } }),
    )
    .await;
    advance(&emu, Duration::from_secs(60));
    let listed = runs(&client, job).await;
    assert!(is_active(&listed[1]));
    let second = listed[1]["run_id"].as_i64().unwrap();
    client
        .post("/api/2.1/jobs/runs/cancel", json!({ "run_id": second }))
        .await
        .ok();
    advance(&emu, Duration::from_secs(60));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|r| !is_active(r)));
    // Resumed: a run starts at once.
    update(
        &client,
        job,
        json!({ "continuous": { "pause_status": "UNPAUSED" } }),
    )
    .await;
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 3);
    assert!(is_active(&listed[2]));
}

#[tokio::test]
async fn continuous_restarts_missed_while_unobserved_collapse_to_one() {
    let (emu, client) = start().await;
    // Runs end after a few lifecycle steps; the default pause status is UNPAUSED.
    let job = create(&client, settings(false, json!({ "continuous": {} }))).await;
    let since = emu.clock().now_ms();
    assert_eq!(runs(&client, job).await.len(), 1);
    advance(&emu, Duration::from_secs(3600));
    let listed = runs(&client, job).await;
    // The restart after the first run, then one run now for all the restarts in between.
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[0]["state"]["result_state"], "SUCCESS");
    assert_eq!(listed[1]["start_time"], listed[0]["end_time"]);
    assert!(!is_active(&listed[1]));
    assert!(listed[2]["start_time"].as_i64().unwrap() >= since + 3_600_000);
    assert!(is_active(&listed[2]));
}

#[tokio::test]
async fn get_shows_the_trigger_state_on_request() {
    let (_emu, client) = start().await;
    let paused = create(
        &client,
        settings(
            false,
            json!({ "trigger": { "pause_status": "PAUSED",
                "file_arrival": { "url": "s3://bucket/in/" } } }),
        ),
    )
    .await;
    let scheduled = create(
        &client,
        settings(
            false,
            json!({ "schedule": { "quartz_cron_expression": DAILY_NOON_2090,
                "timezone_id": "UTC" } }),
        ),
    )
    .await;
    let plain = create(&client, settings(false, json!({}))).await;
    let get = |id: i64, flag: bool| {
        let client = client.clone();
        async move {
            client
                .get(&format!(
                    "/api/2.1/jobs/get?job_id={id}&include_trigger_state={flag}"
                ))
                .await
                .ok()
        }
    };
    assert_eq!(
        get(paused, true).await["trigger_state"],
        json!({ "pause_status": "PAUSED", "file_arrival": { "using_file_events": false } })
    );
    assert_eq!(
        get(scheduled, true).await["trigger_state"],
        json!({ "pause_status": "UNPAUSED" })
    );
    assert!(get(scheduled, false).await.get("trigger_state").is_none());
    assert!(get(plain, true).await.get("trigger_state").is_none());
}

#[tokio::test]
async fn scheduled_state_survives_a_restart() {
    let path = crate::persistence::temp_file("triggers");
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let client = Client::new(&emu);
    let schedule = json!({ "quartz_cron_expression": "0 0 * * * ? 2090", "timezone_id": "UTC" });
    let job = create(&client, settings(false, json!({ "schedule": schedule }))).await;
    advance_to(&emu, utc(2090, 1, 1, 12, 30));
    assert_eq!(runs(&client, job).await.len(), 1);
    emu.shutdown().await.unwrap();

    // The clock offset is not saved; the last fire time is, so 12:00 does not fire again.
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let client = Client::new(&emu);
    advance_to(&emu, utc(2090, 1, 1, 12, 45));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["trigger"], "PERIODIC");
    assert_eq!(
        listed[0]["schedule"]["quartz_cron_expression"],
        "0 0 * * * ? 2090"
    );
    advance_to(&emu, utc(2090, 1, 1, 13, 0) + 1);
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["start_time"], utc(2090, 1, 1, 13, 0));
    emu.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

/// The message of an invalid cron expression.
fn bad_cron(expr: &str, why: &str) -> String {
    format!(
        "Invalid quartz_cron_expression: {expr}. {why}. Databricks uses Quartz cron syntax, \
         which is different from the standard cron syntax. See \
         http://www.quartz-scheduler.org/documentation/quartz-2.3.0/tutorials/crontrigger.html \
         for more details."
    )
}

fn cron(expr: &str) -> Value {
    json!({ "schedule": { "quartz_cron_expression": expr, "timezone_id": "UTC" } })
}

fn trigger(t: Value) -> Value {
    json!({ "trigger": t })
}

#[track_caller]
fn assert_error(resp: &Resp, code: &str, message: &str, what: &Value) {
    assert_eq!(
        (resp.status, resp.code(), resp.message()),
        (400, code, message),
        "{what}"
    );
}

#[tokio::test]
async fn invalid_trigger_settings_are_refused_on_create_reset_and_update() {
    let (_emu, client) = start().await;
    let ipv = "INVALID_PARAMETER_VALUE";
    let malformed = "MALFORMED_REQUEST";
    let cases: Vec<(Value, &str, String)> = vec![
        (
            cron("0 30 2,7,11,15 * * *"),
            ipv,
            bad_cron(
                "0 30 2,7,11,15 * * *",
                "Specifying both a day-of-month and a day-of-week is not supported: use '?' \
                 in one of them",
            ),
        ),
        (
            cron("0 0 12 * *"),
            ipv,
            bad_cron(
                "0 0 12 * *",
                "Expected 6 or 7 fields (seconds, minutes, hours, day-of-month, month, \
                 day-of-week and an optional year), got 5",
            ),
        ),
        (
            cron("0 0 25 ? * *"),
            ipv,
            bad_cron(
                "0 0 25 ? * *",
                "Hours values must be between 0 and 23, got 25",
            ),
        ),
        (
            cron("0 0 12 ? * 2#6"),
            ipv,
            bad_cron(
                "0 0 12 ? * 2#6",
                "The value after '#' must be between 1 and 5, got '6'",
            ),
        ),
        (
            cron("0 0 12 ? * ?"),
            ipv,
            bad_cron(
                "0 0 12 ? * ?",
                "'?' can only be specified for day-of-month -OR- day-of-week, not both",
            ),
        ),
        (
            cron("0 0 12 LW,1 * ?"),
            ipv,
            bad_cron(
                "0 0 12 LW,1 * ?",
                "'L' and 'W' cannot be combined with other values, ranges or steps in the \
                 day-of-month field",
            ),
        ),
        (
            cron("0 0 12 ? FOO *"),
            ipv,
            bad_cron("0 0 12 ? FOO *", "Invalid value 'FOO' in the month field"),
        ),
        (
            json!({ "schedule": { "timezone_id": "UTC" } }),
            ipv,
            "Missing required field: schedule.quartz_cron_expression".into(),
        ),
        (
            json!({ "schedule": { "quartz_cron_expression": "0 0 12 * * ?" } }),
            ipv,
            "Missing required field: schedule.timezone_id".into(),
        ),
        (
            json!({ "schedule": { "quartz_cron_expression": "0 0 12 * * ?",
                "timezone_id": "Mars/Olympus_Mons" } }),
            ipv,
            "Invalid timezone_id: Mars/Olympus_Mons. Use a Java time zone ID such as UTC, \
             America/Los_Angeles or GMT+05:30."
                .into(),
        ),
        (
            json!({ "schedule": { "quartz_cron_expression": "0 0 12 * * ?",
                "timezone_id": "UTC", "pause_status": "SOMETIMES" } }),
            ipv,
            "Invalid schedule.pause_status 'SOMETIMES': expected PAUSED or UNPAUSED.".into(),
        ),
        (
            json!({ "schedule": "0 0 12 * * ?" }),
            malformed,
            "Could not parse request object: expected an object for field 'schedule'".into(),
        ),
        (
            json!({ "schedule": { "quartz_cron_expression": "0 0 12 * * ?",
                "timezone_id": "UTC", "pause_status": 1 } }),
            malformed,
            "Could not parse request object: expected a string for field \
             'schedule.pause_status'"
                .into(),
        ),
        (
            json!({ "schedule": { "quartz_cron_expression": "0 0 12 * * ?",
                "timezone_id": "UTC" }, "continuous": {} }),
            ipv,
            "A job can have only one of schedule, continuous and trigger; got schedule and \
             continuous."
                .into(),
        ),
        (
            json!({ "continuous": {}, "trigger": { "periodic": { "interval": 1,
                "unit": "DAYS" } } }),
            ipv,
            "A job can have only one of schedule, continuous and trigger; got continuous and \
             trigger."
                .into(),
        ),
        (
            json!({ "continuous": {}, "triggers": [{ "periodic": { "interval": 1,
                "unit": "DAYS" } }] }),
            ipv,
            "triggers cannot be combined with continuous.".into(),
        ),
        (
            json!({ "continuous": { "pause_status": "OFF" } }),
            ipv,
            "Invalid continuous.pause_status 'OFF': expected PAUSED or UNPAUSED.".into(),
        ),
        (
            json!({ "continuous": { "task_retry_mode": "ALWAYS" } }),
            ipv,
            "Invalid continuous.task_retry_mode 'ALWAYS': expected one of NEVER, ON_FAILURE."
                .into(),
        ),
        (
            trigger(json!({ "pause_status": "UNPAUSED" })),
            ipv,
            "trigger needs one of file_arrival, periodic, table_update, model and \
             sql_condition."
                .into(),
        ),
        (
            trigger(json!({ "periodic": { "interval": 1, "unit": "DAYS" },
                "file_arrival": { "url": "s3://b/" } })),
            ipv,
            "trigger can have only one of file_arrival, periodic, table_update, model and \
             sql_condition; got file_arrival and periodic."
                .into(),
        ),
        (
            trigger(json!({ "periodic": { "interval": 1, "unit": "DAYS" },
                "pause_status": "paused" })),
            ipv,
            "Invalid trigger.pause_status 'paused': expected PAUSED or UNPAUSED.".into(),
        ),
        (
            trigger(json!({ "periodic": { "interval": 0, "unit": "DAYS" } })),
            ipv,
            "trigger.periodic.interval must be at least 1, got 0.".into(),
        ),
        (
            trigger(json!({ "periodic": { "unit": "DAYS" } })),
            ipv,
            "Missing required field: trigger.periodic.interval".into(),
        ),
        (
            trigger(json!({ "periodic": { "interval": "2", "unit": "DAYS" } })),
            malformed,
            "Could not parse request object: expected an integer for field \
             'trigger.periodic.interval'"
                .into(),
        ),
        (
            trigger(json!({ "periodic": { "interval": 2 } })),
            ipv,
            "Missing required field: trigger.periodic.unit".into(),
        ),
        (
            trigger(json!({ "periodic": { "interval": 2, "unit": "SECONDS" } })),
            ipv,
            "Invalid trigger.periodic.unit 'SECONDS': expected one of MINUTES, HOURS, DAYS, \
             WEEKS."
                .into(),
        ),
        (
            trigger(json!({ "file_arrival": {} })),
            ipv,
            "Missing required field: trigger.file_arrival.url".into(),
        ),
        (
            trigger(json!({ "file_arrival": { "url": "s3://b/",
                "min_time_between_triggers_seconds": 30 } })),
            ipv,
            "trigger.file_arrival.min_time_between_triggers_seconds must be at least 60 \
             seconds, got 30."
                .into(),
        ),
        (
            trigger(json!({ "file_arrival": { "url": "s3://b/",
                "wait_after_last_change_seconds": 59 } })),
            ipv,
            "trigger.file_arrival.wait_after_last_change_seconds must be at least 60 \
             seconds, got 59."
                .into(),
        ),
        (
            trigger(json!({ "table_update": { "condition": "ANY_UPDATED" } })),
            ipv,
            "Missing required field: trigger.table_update.table_names".into(),
        ),
        (
            trigger(json!({ "table_update": { "table_names": [] } })),
            ipv,
            "Missing required field: trigger.table_update.table_names".into(),
        ),
        (
            trigger(json!({ "table_update": { "table_names": [""] } })),
            ipv,
            "trigger.table_update.table_names must be a list of table names \
             (catalog.schema.table)."
                .into(),
        ),
        (
            trigger(
                json!({ "table_update": { "table_names": ["main.sales.orders"],
                "condition": "SOME_UPDATED" } }),
            ),
            ipv,
            "Invalid trigger.table_update.condition 'SOME_UPDATED': expected one of \
             ANY_UPDATED, ALL_UPDATED."
                .into(),
        ),
        (
            trigger(
                json!({ "table_update": { "table_names": ["main.sales.orders"],
                "min_time_between_triggers_seconds": 10 } }),
            ),
            ipv,
            "trigger.table_update.min_time_between_triggers_seconds must be at least 60 \
             seconds, got 10."
                .into(),
        ),
    ];
    let job = create(&client, settings(false, json!({}))).await;
    for (extra, code, message) in &cases {
        let body = settings(false, extra.clone());
        let created = client.post("/api/2.1/jobs/create", body.clone()).await;
        assert_error(&created, code, message, extra);
        let reset = client
            .post(
                "/api/2.1/jobs/reset",
                json!({ "job_id": job, "new_settings": body }),
            )
            .await;
        assert_error(&reset, code, message, extra);
        let updated = client
            .post(
                "/api/2.1/jobs/update",
                json!({ "job_id": job, "new_settings": extra }),
            )
            .await;
        assert_error(&updated, code, message, extra);
    }
    // Nothing was created or changed.
    let listed = client.get("/api/2.1/jobs/list").await.ok();
    assert_eq!(listed["jobs"].as_array().unwrap().len(), 1);
    let got = client
        .get(&format!("/api/2.1/jobs/get?job_id={job}"))
        .await
        .ok();
    for field in ["schedule", "continuous", "trigger", "triggers"] {
        assert!(got["settings"].get(field).is_none(), "{field}");
    }
    // An update that adds a second trigger kind to a scheduled job is refused too.
    update(&client, job, cron("0 0 12 ? * MON-FRI")).await;
    let both = client
        .post(
            "/api/2.1/jobs/update",
            json!({ "job_id": job, "new_settings": { "continuous": {} } }),
        )
        .await;
    assert_error(
        &both,
        ipv,
        "A job can have only one of schedule, continuous and trigger; got schedule and \
         continuous.",
        &json!("update"),
    );
    // Valid forms are accepted: Java zone ids, names, L, W and #.
    for (expr, zone) in [
        ("0 15 10 ? * 6L", "Europe/Berlin"),
        ("0 0 9 LW * ?", "GMT+05:30"),
        ("0 0 9 15W * ?", "PST"),
        ("0 0/30 8-18 ? JAN-MAR MON#2", "America/Los_Angeles"),
    ] {
        let body = settings(
            false,
            json!({ "schedule": { "quartz_cron_expression": expr, "timezone_id": zone } }),
        );
        client.post("/api/2.1/jobs/create", body).await.ok();
    }
}

/// Writes a file into a volume through the Files API; returns the clock's time just after
/// (its modification time is at or before it).
async fn put_volume_file(emu: &Emulator, client: &Client, path: &str) -> i64 {
    client
        .raw(
            "PUT",
            &format!("/api/2.0/fs/files{path}"),
            b"a,b\n".to_vec(),
            Some("application/octet-stream"),
        )
        .await
        .ok();
    emu.clock().now_ms()
}

async fn created_time(client: &Client, job: i64) -> i64 {
    client
        .get(&format!("/api/2.1/jobs/get?job_id={job}"))
        .await
        .ok()["created_time"]
        .as_i64()
        .unwrap()
}

/// The first minute poll (from `since`) at or after `t`.
fn poll_after(since: i64, t: i64) -> i64 {
    since + (t - since + 59_999) / 60_000 * 60_000
}

#[tokio::test]
async fn a_file_arrival_trigger_fires_at_the_first_poll_after_new_files() {
    let (emu, client) = start().await;
    let landing = "/Volumes/main/raw/landing";
    put_volume_file(&emu, &client, &format!("{landing}/before.csv")).await;
    advance(&emu, Duration::from_millis(5));
    let trigger = json!({ "file_arrival": { "url": format!("{landing}/") } });
    let job = create(&client, settings(false, json!({ "trigger": trigger }))).await;
    let since = created_time(&client, job).await;
    let got = client
        .get(&format!(
            "/api/2.1/jobs/get?job_id={job}&include_trigger_state=true"
        ))
        .await
        .ok();
    assert_eq!(
        got["trigger_state"],
        json!({ "pause_status": "UNPAUSED", "file_arrival": { "using_file_events": false } })
    );

    // Files from before the trigger was set, and files elsewhere, start nothing.
    put_volume_file(&emu, &client, "/Volumes/main/raw/elsewhere/x.csv").await;
    put_volume_file(&emu, &client, "/Volumes/main/raw/landing2/x.csv").await;
    // Half a second past a poll, so the next file cannot land exactly on one.
    advance(&emu, Duration::from_millis(300_500));
    assert!(runs(&client, job).await.is_empty());

    let arrived = put_volume_file(&emu, &client, &format!("{landing}/day=1/a.csv")).await;
    advance(&emu, Duration::from_secs(61));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["trigger"], "FILE_ARRIVAL");
    assert_eq!(listed[0]["start_time"], poll_after(since, arrived));

    // Nothing new: no second run.
    advance(&emu, Duration::from_secs(600));
    assert_eq!(runs(&client, job).await.len(), 1);

    // A rewritten file is new again; two files before one poll make one run.
    put_volume_file(&emu, &client, &format!("{landing}/day=1/a.csv")).await;
    put_volume_file(&emu, &client, &format!("{landing}/b.csv")).await;
    advance(&emu, Duration::from_secs(61));
    assert_eq!(runs(&client, job).await.len(), 2);

    // Paused: files arrive, nothing runs.
    let mut paused = settings(false, json!({}));
    paused["trigger"] = json!({ "file_arrival": { "url": landing }, "pause_status": "PAUSED" });
    update(&client, job, paused).await;
    put_volume_file(&emu, &client, &format!("{landing}/c.csv")).await;
    advance(&emu, Duration::from_secs(600));
    assert_eq!(runs(&client, job).await.len(), 2);
}

#[tokio::test]
async fn file_arrival_waits_for_quiet_and_keeps_runs_apart() {
    let (emu, client) = start().await;
    let landing = "/Volumes/main/raw/quiet";
    let trigger = json!({ "file_arrival": {
        "url": landing,
        "wait_after_last_change_seconds": 120,
        "min_time_between_triggers_seconds": 600,
    } });
    let job = create(&client, settings(false, json!({ "trigger": trigger }))).await;
    let since = created_time(&client, job).await;

    put_volume_file(&emu, &client, &format!("{landing}/1.csv")).await;
    advance(&emu, Duration::from_millis(60_500));
    let last = put_volume_file(&emu, &client, &format!("{landing}/2.csv")).await;
    advance(&emu, Duration::from_secs(90));
    // The last change was 90 s ago: still waiting for 120 s of quiet.
    assert!(runs(&client, job).await.is_empty());
    advance(&emu, Duration::from_secs(120));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    let first = listed[0]["start_time"].as_i64().unwrap();
    assert_eq!(first, poll_after(since, last + 120_000));

    // A new file at once: quiet after 120 s, but the next run waits for 600 s after the first.
    put_volume_file(&emu, &client, &format!("{landing}/3.csv")).await;
    advance(&emu, Duration::from_secs(300));
    assert_eq!(runs(&client, job).await.len(), 1);
    advance(&emu, Duration::from_secs(400));
    let listed = runs(&client, job).await;
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(
        listed[1]["start_time"].as_i64().unwrap(),
        poll_after(since, first + 600_000)
    );
}

#[tokio::test]
async fn file_arrival_on_cloud_urls_never_fires() {
    let (emu, client) = start().await;
    let trigger = json!({ "file_arrival": { "url": "s3://bucket/landing/" } });
    let job = create(&client, settings(false, json!({ "trigger": trigger }))).await;
    put_volume_file(&emu, &client, "/Volumes/main/raw/landing/a.csv").await;
    advance(&emu, Duration::from_secs(3600));
    assert!(runs(&client, job).await.is_empty());
}
