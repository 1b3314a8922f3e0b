//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields and enum values the SDK does not know) and encodes back what they
//! said. See `databricks_testkit::serde_props` for the template language.
//!
//! The templates follow the Jobs API reference, not the Rust structs. No field carries the
//! `!` (required) mark: every struct of this crate is `#[serde(default)]`, so the model
//! requires none, even those the reference calls required (`task_key`, `notebook_path`...).
//! Mutually exclusive fields (a task's type and its compute, a library's kind, a Git
//! reference, `schedule`/`continuous`/`trigger`/`triggers`, `jar_params`/`notebook_params`,
//! ...) are generated through `@oneof` (see [`exclusive`]) so that each document is valid.
//! The cluster specification and the library of the Clusters and Libraries crates are
//! covered by their own crates' tests: here they are small valid sub-templates.
//!
//! Not covered here:
//! - `JobsApi`, `JobsApiVersion`: an API handle and its version switch, not wire types.
//! - `TaskEmailNotifications` (alias of `JobEmailNotifications`, the same shape) and the
//!   open enums: covered through the types and fields that hold them.
//! - `ClusterSpec` and `Library`: re-exports of the Clusters and Libraries crates, tested
//!   there.
//! - The private response bodies of `jobs/create`, `jobs/list`, `runs/submit`, `runs/list`,
//!   `runs/export`, `runs/repair` and the `jobs/reset` body: not public, so an integration
//!   test cannot name them.

use databricks_jobs::{
    AlertTask, CancelAllRuns, CleanRoomsNotebookTask, ClusterInstance, ConditionTask, Continuous,
    CreateJob, CronSchedule, DashboardTask, DbtCloudTask, DbtOutput, DbtPlatformTask, DbtTask,
    Environment, ExportRun, FileArrivalTriggerConfiguration, ForEachStats, ForEachTask,
    ForEachTaskErrorMessageStats, ForEachTaskTaskRunStats, GetJob, GetRun, GitSnapshot, GitSource,
    Job, JobAccessControlRequest, JobCluster, JobDeployment, JobEmailNotifications, JobEnvironment,
    JobId, JobNotificationSettings, JobParameter, JobParameterDefinition, JobRunAs, JobSettings,
    JobSource, JobsHealthRule, JobsHealthRules, ListJobs, ListRuns, ModelTriggerConfiguration,
    NotebookOutput, NotebookTask, PeriodicTriggerConfiguration, PipelineParams, PipelineTask,
    PowerBiTask, PythonWheelTask, QueueDetails, QueueSettings, RepairHistoryItem, RepairId,
    RepairRun, Run, RunClusterSpec, RunId, RunJobOutput, RunJobTask, RunNow, RunNowResponse,
    RunOutput, RunParameters, RunState, RunStatus, RunTask, SparkJarTask, SparkPythonTask,
    SparkSubmitTask, SparseCheckout, SqlAlertOutput, SqlConditionConfiguration, SqlDashboardOutput,
    SqlDashboardWidgetOutput, SqlOutput, SqlQueryOutput, SqlStatementOutput, SqlTask, SqlTaskAlert,
    SqlTaskDashboard, SqlTaskFile, SqlTaskQuery, SqlTaskSubscription, SubmitRun, SubmitTask,
    Subscription, SubscriptionSubscriber, TableUpdateTriggerConfiguration, Task, TaskDependency,
    TaskNotificationSettings, TerminationDetails, TriggerConfiguration, TriggerInfo,
    TriggerSettings, UpdateJob, ViewItem, Webhook, WebhookNotifications,
};
use databricks_testkit::serde_props::round_trip;
use serde_json::{Map, Value, json};

// Enums, with every value the reference lists.
const LIFE_CYCLE: &str = "@enum:BLOCKED|INTERNAL_ERROR|PENDING|QUEUED|RUNNING|SKIPPED|TERMINATED|TERMINATING|WAITING_FOR_RETRY";
const RESULT: &str = "@enum:CANCELED|DISABLED|EXCLUDED|FAILED|MAXIMUM_CONCURRENT_RUNS_REACHED|SUCCESS|SUCCESS_WITH_FAILURES|TIMEDOUT|UPSTREAM_CANCELED|UPSTREAM_FAILED";
const STATUS_STATE: &str = "@enum:BLOCKED|PENDING|QUEUED|RUNNING|TERMINATED|TERMINATING|WAITING";
const TERMINATION_CODE: &str = "@enum:BREAKING_CHANGE|BUDGET_POLICY_LIMIT_EXCEEDED|CANCELED|CLOUD_FAILURE|CLUSTER_ERROR|CLUSTER_REQUEST_LIMIT_EXCEEDED|DISABLED|DRIVER_ERROR|FEATURE_DISABLED|INTERNAL_ERROR|INVALID_CLUSTER_REQUEST|INVALID_RUN_CONFIGURATION|LIBRARY_INSTALLATION_ERROR|MAX_CONCURRENT_RUNS_EXCEEDED|MAX_JOB_QUEUE_SIZE_EXCEEDED|MAX_SPARK_CONTEXTS_EXCEEDED|REPOSITORY_CHECKOUT_FAILED|RESOURCE_NOT_FOUND|RUN_EXECUTION_ERROR|SKIPPED|STORAGE_ACCESS_ERROR|SUCCESS|SUCCESS_WITH_FAILURES|UNAUTHORIZED_ERROR|USER_CANCELED|WORKSPACE_RUN_LIMIT_EXCEEDED";
const TERMINATION_TYPE: &str = "@enum:CLIENT_ERROR|CLOUD_FAILURE|INTERNAL_ERROR|SUCCESS";
const QUEUE_CODE: &str = "@enum:ACTIVE_RUNS_LIMIT_REACHED|ACTIVE_RUN_JOB_TASKS_LIMIT_REACHED|MAX_CONCURRENT_RUNS_REACHED";
const RUN_TYPE: &str = "@enum:JOB_RUN|SUBMIT_RUN|WORKFLOW_RUN";
const TRIGGER_TYPE: &str =
    "@enum:CONTINUOUS|CONTINUOUS_RESTART|FILE_ARRIVAL|ONE_TIME|PERIODIC|RETRY|RUN_JOB_TASK|TABLE";
const RUN_IF: &str =
    "@enum:ALL_DONE|ALL_FAILED|ALL_SUCCESS|AT_LEAST_ONE_FAILED|AT_LEAST_ONE_SUCCESS|NONE_FAILED";
const CONDITION_OP: &str =
    "@enum:EQUAL_TO|GREATER_THAN|GREATER_THAN_OR_EQUAL|LESS_THAN|LESS_THAN_OR_EQUAL|NOT_EQUAL";
const SOURCE: &str = "@enum:GIT|WORKSPACE";
const PAUSE: &str = "@enum:PAUSED|UNPAUSED";
const FORMAT: &str = "@enum:MULTI_TASK|SINGLE_TASK";
const EDIT_MODE: &str = "@enum:EDITABLE|UI_LOCKED";
const PERFORMANCE: &str = "@enum:PERFORMANCE_OPTIMIZED|STANDARD";
const TASK_RETRY_MODE: &str = "@enum:NEVER|ON_FAILURE";
const TABLE_CONDITION: &str = "@enum:ALL_UPDATED|ANY_UPDATED";
const VIEWS_TO_EXPORT: &str = "@enum:ALL|CODE|DASHBOARDS";
const VIEW_TYPE: &str = "@enum:DASHBOARD|NOTEBOOK";
const GIT_PROVIDER: &str = "@enum:awsCodeCommit|azureDevOpsServices|bitbucketCloud|bitbucketServer|gitHub|gitHubEnterprise|gitLab|gitLabEnterpriseEdition";
const DIRTY_STATE: &str = "@enum:DISCONNECTED|NOT_SYNCED";
const PERIODIC_UNIT: &str = "@enum:DAYS|HOURS|MINUTES|WEEKS";
const MODEL_CONDITION: &str = "@enum:MODEL_ALIAS_SET|MODEL_CREATED|MODEL_VERSION_READY";
const SQL_TRIGGER_MODE: &str = "@enum:QUERY_RETURNS_ROWS|RESULT_VALUE_CHANGES";
const HEALTH_METRIC: &str = "@enum:RUN_DURATION_SECONDS|STREAMING_BACKLOG_BYTES|STREAMING_BACKLOG_FILES|STREAMING_BACKLOG_RECORDS|STREAMING_BACKLOG_SECONDS";
const HEALTH_OP: &str = "@enum:GREATER_THAN";
const DEPLOYMENT_KIND: &str = "@enum:BUNDLE|SYSTEM_MANAGED";
const REPAIR_TYPE: &str = "@enum:ORIGINAL|REPAIR";
const ALERT_STATE: &str = "@enum:OK|TRIGGERED|UNKNOWN";
const WIDGET_STATUS: &str = "@enum:CANCELLED|FAILED|PENDING|RUNNING|SUCCESS";
const PERMISSION_LEVEL: &str = "@enum:CAN_MANAGE|CAN_MANAGE_RUN|CAN_VIEW|IS_OWNER";

// Integers: realistic maxima within the Rust types.
/// Canonical int64 ids (job, run, repair), e.g. 754210933871025.
const ID: u64 = 999_999_999_999_999;
/// Epoch milliseconds (2100-01-01).
const TIME: u64 = 4_102_444_800_000;
/// int64 durations in milliseconds (a year).
const MILLIS: u64 = 31_536_000_000;
/// int32 fields.
const INT32: u64 = 2_147_483_647;
/// Counts.
const COUNT: u64 = 100_000;

/// `base` (an object template) once per option of the largest group, each alternative taking
/// the i-th option (cyclically) of every group: each option of each group appears in some
/// alternative, and no alternative sets two options of one group. An option is an object of
/// fields to add (`{}` for "none of them").
fn exclusive(base: Value, groups: &[Vec<Value>]) -> Value {
    let n = groups.iter().map(Vec::len).max().unwrap_or(1);
    let alternatives: Vec<Value> = (0..n)
        .map(|i| {
            let mut alternative = base.clone();
            for group in groups {
                merge(&mut alternative, &group[i % group.len()]);
            }
            alternative
        })
        .collect();
    json!({ "@oneof": alternatives })
}

/// Adds the fields of the object `extra` to the object `into`.
fn merge(into: &mut Value, extra: &Value) {
    let into = into.as_object_mut().expect("an object template");
    for (key, value) in extra.as_object().expect("an object of fields") {
        into.insert(key.clone(), value.clone());
    }
}

/// One field per option: `[{key: template}, ...]`.
fn options(fields: &[(&str, Value)]) -> Vec<Value> {
    fields
        .iter()
        .map(|(key, template)| {
            let mut one = Map::new();
            one.insert((*key).to_owned(), template.clone());
            Value::Object(one)
        })
        .collect()
}

fn string_map() -> Value {
    json!({ "@map": "v" })
}

// ---- Shared sub-templates -------------------------------------------------------------

/// A small valid cluster specification of the Clusters API (`new_cluster`).
fn cluster_spec() -> Value {
    json!({
        "spark_version": "15.4.x-scala2.12",
        "node_type_id": "i3.xlarge",
        "num_workers": COUNT,
        "spark_conf": string_map(),
        "custom_tags": string_map(),
    })
}

/// A library of the Libraries API: exactly one kind.
fn library() -> Value {
    json!({ "@oneof": [
        { "jar": "uri" },
        { "egg": "uri" },
        { "whl": "uri" },
        { "requirements": "path" },
        { "pypi": { "package": "p", "repo": "r" } },
        { "maven": { "coordinates": "c", "exclusions": ["e"], "repo": "r" } },
        { "cran": { "package": "p", "repo": "r" } },
    ]})
}

/// `JobAccessControlRequest`: exactly one principal plus the level.
fn access_control_request() -> Value {
    exclusive(
        json!({ "permission_level": PERMISSION_LEVEL }),
        &[options(&[
            ("user_name", json!("u")),
            ("group_name", json!("g")),
            ("service_principal_name", json!("sp")),
        ])],
    )
}

fn email_notifications() -> Value {
    json!({
        "no_alert_for_skipped_runs": true,
        "on_duration_warning_threshold_exceeded": ["e"],
        "on_failure": ["e"],
        "on_start": ["e"],
        "on_streaming_backlog_exceeded": ["e"],
        "on_success": ["e"],
    })
}

fn webhook() -> Value {
    json!({ "id": "id" })
}

fn webhook_notifications() -> Value {
    json!({
        "on_duration_warning_threshold_exceeded": [webhook()],
        "on_failure": [webhook()],
        "on_start": [webhook()],
        "on_streaming_backlog_exceeded": [webhook()],
        "on_success": [webhook()],
    })
}

fn job_notification_settings() -> Value {
    json!({ "no_alert_for_canceled_runs": true, "no_alert_for_skipped_runs": true })
}

fn task_notification_settings() -> Value {
    json!({
        "alert_on_last_attempt": true,
        "no_alert_for_canceled_runs": true,
        "no_alert_for_skipped_runs": true,
    })
}

fn health_rule() -> Value {
    json!({ "metric": HEALTH_METRIC, "op": HEALTH_OP, "value": 1_099_511_627_776_u64 })
}

fn health() -> Value {
    json!({ "rules": [health_rule()] })
}

fn environment() -> Value {
    json!({
        "base_environment": "b",
        "client": "1",
        "dependencies": ["d"],
        "environment_version": "2",
        "java_dependencies": ["j"],
    })
}

fn job_environment() -> Value {
    json!({ "environment_key": "k", "spec": environment() })
}

fn job_source() -> Value {
    json!({
        "dirty_state": DIRTY_STATE,
        "import_from_git_branch": "b",
        "job_config_path": "p",
    })
}

/// `GitSource`: exactly one of branch, tag, commit.
fn git_source() -> Value {
    exclusive(
        json!({
            "git_provider": GIT_PROVIDER,
            "git_snapshot": { "used_commit": "c" },
            "git_url": "url",
            "job_source": job_source(),
            "sparse_checkout": { "patterns": ["p"] },
        }),
        &[options(&[
            ("git_branch", json!("b")),
            ("git_tag", json!("t")),
            ("git_commit", json!("c")),
        ])],
    )
}

fn job_cluster() -> Value {
    json!({
        "job_cluster_key": "k",
        "new_cluster": cluster_spec(),
        "serverless_compute_id": "s",
    })
}

fn parameter_definition() -> Value {
    json!({ "name": "n", "default": "d" })
}

fn queue() -> Value {
    json!({ "enabled": true })
}

/// `JobRunAs`: exactly one identity.
fn run_as() -> Value {
    exclusive(
        json!({}),
        &[options(&[
            ("group_name", json!("g")),
            ("service_principal_name", json!("sp")),
            ("user_name", json!("u")),
        ])],
    )
}

fn sql_condition() -> Value {
    json!({ "sql_query_id": "q", "trigger_mode": SQL_TRIGGER_MODE, "warehouse_id": "w" })
}

fn cron_schedule() -> Value {
    json!({
        "pause_status": PAUSE,
        "quartz_cron_expression": "0 15 22 ? * *",
        "sql_condition": sql_condition(),
        "timezone_id": "UTC",
    })
}

fn continuous() -> Value {
    json!({ "pause_status": PAUSE, "task_retry_mode": TASK_RETRY_MODE })
}

fn file_arrival() -> Value {
    json!({
        "min_time_between_triggers_seconds": INT32,
        "url": "url",
        "wait_after_last_change_seconds": INT32,
    })
}

fn table_update() -> Value {
    json!({
        "condition": TABLE_CONDITION,
        "min_time_between_triggers_seconds": INT32,
        "table_names": ["c.s.t"],
        "wait_after_last_change_seconds": INT32,
    })
}

fn periodic() -> Value {
    json!({ "interval": INT32, "unit": PERIODIC_UNIT })
}

fn model_trigger() -> Value {
    json!({
        "aliases": ["a"],
        "condition": MODEL_CONDITION,
        "min_time_between_triggers_seconds": INT32,
        "securable_name": "s",
        "wait_after_last_change_seconds": INT32,
    })
}

/// `TriggerSettings`: one trigger kind, plus `pause_status`.
fn trigger_settings() -> Value {
    exclusive(
        json!({ "pause_status": PAUSE }),
        &[options(&[
            ("file_arrival", file_arrival()),
            ("model", model_trigger()),
            ("periodic", periodic()),
            ("sql_condition", sql_condition()),
            ("table_update", table_update()),
        ])],
    )
}

/// `TriggerConfiguration`: the reference lists its fields without saying they exclude each
/// other, so all are generated.
fn trigger_configuration() -> Value {
    json!({
        "continuous": continuous(),
        "file_arrival": file_arrival(),
        "model": model_trigger(),
        "pause_status": PAUSE,
        "periodic": periodic(),
        "schedule": cron_schedule(),
        "sql_condition": sql_condition(),
        "table_update": table_update(),
    })
}

fn deployment() -> Value {
    json!({
        "deployment_id": "d",
        "kind": DEPLOYMENT_KIND,
        "metadata_file_path": "p",
        "version_id": "v",
    })
}

fn pipeline_params() -> Value {
    json!({
        "full_refresh": true,
        "full_refresh_selection": ["t"],
        "refresh_flow_selection": ["f"],
        "refresh_selection": ["t"],
        "reset_checkpoint_selection": ["f"],
    })
}

/// The deprecated per-task-type parameters of `run-now`, `repair` and `run_job` tasks;
/// `jar_params` and `notebook_params` cannot be combined.
fn deprecated_params() -> (Value, Vec<Value>) {
    (
        json!({
            "dbt_commands": ["dbt run"],
            "python_named_params": string_map(),
            "python_params": ["p"],
            "spark_submit_params": ["--class"],
            "sql_params": string_map(),
        }),
        options(&[
            ("jar_params", json!(["a"])),
            ("notebook_params", string_map()),
        ]),
    )
}

// ---- Tasks ------------------------------------------------------------------------------

fn task_dependency() -> Value {
    json!({ "task_key": "k", "outcome": "@enum:true|false" })
}

fn notebook_task() -> Value {
    json!({
        "base_parameters": string_map(),
        "notebook_path": "/p",
        "source": SOURCE,
        "warehouse_id": "w",
    })
}

fn spark_jar_task() -> Value {
    json!({
        "jar_uri": "uri",
        "main_class_name": "com.example.Main",
        "parameters": ["p"],
        "run_as_repl": true,
    })
}

fn spark_python_task() -> Value {
    json!({ "parameters": ["p"], "python_file": "dbfs:/f.py", "source": SOURCE })
}

fn spark_submit_task() -> Value {
    json!({ "parameters": ["p"] })
}

/// `PythonWheelTask`: `named_parameters` and `parameters` exclude each other.
fn python_wheel_task() -> Value {
    exclusive(
        json!({ "entry_point": "main", "package_name": "pkg" }),
        &[options(&[
            ("named_parameters", string_map()),
            ("parameters", json!(["p"])),
        ])],
    )
}

fn sql_subscription() -> Value {
    exclusive(
        json!({}),
        &[options(&[
            ("destination_id", json!("d")),
            ("user_name", json!("u")),
        ])],
    )
}

fn sql_task_alert() -> Value {
    json!({
        "alert_id": "a",
        "pause_subscriptions": true,
        "subscriptions": [sql_subscription()],
    })
}

fn sql_task_dashboard() -> Value {
    json!({
        "custom_subject": "s",
        "dashboard_id": "d",
        "pause_subscriptions": true,
        "subscriptions": [sql_subscription()],
    })
}

fn sql_task_file() -> Value {
    json!({ "path": "p", "source": SOURCE })
}

fn sql_task_query() -> Value {
    json!({ "query_id": "q" })
}

/// `SqlTask`: exactly one of query, file, alert, dashboard.
fn sql_task() -> Value {
    exclusive(
        json!({ "parameters": string_map(), "warehouse_id": "w" }),
        &[options(&[
            ("alert", sql_task_alert()),
            ("dashboard", sql_task_dashboard()),
            ("file", sql_task_file()),
            ("query", sql_task_query()),
        ])],
    )
}

fn dbt_task() -> Value {
    json!({
        "catalog": "c",
        "commands": ["dbt run"],
        "profiles_directory": "p",
        "project_directory": "p",
        "schema": "s",
        "source": SOURCE,
        "warehouse_id": "w",
    })
}

fn pipeline_task() -> Value {
    json!({
        "full_refresh": true,
        "full_refresh_selection": ["t"],
        "parameters": string_map(),
        "pipeline_id": "p",
        "refresh_flow_selection": ["f"],
        "refresh_selection": ["t"],
        "reset_checkpoint_selection": ["f"],
    })
}

fn run_job_task() -> Value {
    let (mut base, exclusive_params) = deprecated_params();
    merge(
        &mut base,
        &json!({
            "job_id": ID,
            "job_parameters": string_map(),
            "pipeline_params": pipeline_params(),
        }),
    );
    exclusive(base, &[exclusive_params])
}

fn condition_task() -> Value {
    json!({ "left": "l", "op": CONDITION_OP, "right": "r" })
}

/// `RunConditionTask`: a condition task in a run, with its `outcome`.
fn run_condition_task() -> Value {
    let mut task = condition_task();
    merge(&mut task, &json!({ "outcome": "@enum:true|false" }));
    task
}

fn for_each_task() -> Value {
    json!({ "concurrency": COUNT, "inputs": "[1,2]", "task": task(TaskShape::Nested) })
}

fn for_each_stats() -> Value {
    json!({
        "error_message_stats": [{
            "count": COUNT,
            "error_message": "m",
            "termination_category": "c",
        }],
        "task_run_stats": {
            "active_iterations": COUNT,
            "completed_iterations": COUNT,
            "failed_iterations": COUNT,
            "scheduled_iterations": COUNT,
            "succeeded_iterations": COUNT,
            "total_iterations": COUNT,
        },
    })
}

/// `RunForEachTask`: a for-each task in a run, with its `stats`.
fn run_for_each_task() -> Value {
    let mut task = for_each_task();
    merge(&mut task, &json!({ "stats": for_each_stats() }));
    task
}

fn clean_rooms_notebook_task() -> Value {
    json!({
        "clean_room_name": "c",
        "etag": "e",
        "notebook_base_parameters": string_map(),
        "notebook_name": "n",
    })
}

fn subscription_subscriber() -> Value {
    json!({ "destination_id": "d", "user_name": "u" })
}

/// `DashboardTask`; the reference names `filters` without a type: the Go SDK's
/// `map[string]string`.
fn dashboard_task() -> Value {
    json!({
        "dashboard_id": "d",
        "filters": string_map(),
        "subscription": {
            "custom_subject": "s",
            "paused": true,
            "subscribers": [subscription_subscriber()],
        },
        "warehouse_id": "w",
    })
}

/// `AlertTask`; the reference names `subscribers` without a shape: the Go SDK's
/// `AlertTaskSubscriber` (`destination_id`, `user_name`).
fn alert_task() -> Value {
    json!({
        "alert_id": "a",
        "subscribers": [subscription_subscriber()],
        "warehouse_id": "w",
        "workspace_path": "/p",
    })
}

/// `PowerBiTask`; the reference names `power_bi_model` and `tables` without a shape: the Go
/// SDK's `PowerBiModel` and `PowerBiTable`.
fn power_bi_task() -> Value {
    json!({
        "connection_resource_name": "c",
        "power_bi_model": {
            "authentication_method": "@enum:OAUTH|PAT",
            "model_name": "m",
            "overwrite_existing": true,
            "storage_mode": "@enum:DIRECT_QUERY|DUAL|IMPORT",
            "workspace_name": "w",
        },
        "refresh_after_update": true,
        "tables": [{
            "catalog": "c",
            "name": "n",
            "schema": "s",
            "storage_mode": "@enum:DIRECT_QUERY|DUAL|IMPORT",
        }],
        "warehouse_id": "w",
    })
}

fn dbt_platform_task() -> Value {
    json!({ "connection_resource_name": "c", "dbt_platform_job_id": "j" })
}

/// `DbtCloudTask`; `dbt_cloud_job_id` is an int64 (Go SDK).
fn dbt_cloud_task() -> Value {
    json!({ "connection_resource_name": "c", "dbt_cloud_job_id": ID })
}

/// Where a task template is used.
#[derive(Clone, Copy, PartialEq)]
enum TaskShape {
    /// `Task` of a job.
    Job,
    /// `SubmitTask`: no `job_cluster_key`.
    Submit,
    /// The task of a for-each task: not another for-each task.
    Nested,
    /// `RunTask`: task and run fields, no `health`.
    Run,
}

/// A task: exactly one task type and at most one kind of compute.
fn task(shape: TaskShape) -> Value {
    let mut base = json!({
        "compute": "@any",
        "depends_on": [task_dependency()],
        "description": "d",
        "disable_auto_optimization": true,
        "disabled": true,
        "email_notifications": email_notifications(),
        "libraries": [library()],
        "max_retries": { "@oneof": [-1, INT32] },
        "min_retry_interval_millis": INT32,
        "notification_settings": task_notification_settings(),
        "retry_on_timeout": true,
        "run_if": RUN_IF,
        "task_key": "k",
        "timeout_seconds": INT32,
        "webhook_notifications": webhook_notifications(),
    });
    if shape == TaskShape::Run {
        merge(
            &mut base,
            &json!({
                "attempt_number": INT32,
                "cleanup_duration": MILLIS,
                "cluster_instance": cluster_instance(),
                "effective_performance_target": PERFORMANCE,
                "effective_serverless_compute_id": "s",
                "end_time": TIME,
                "execution_duration": MILLIS,
                "git_source": git_source(),
                "queue_duration": MILLIS,
                // The reference gives no shape: kept as JSON by the model.
                "resolved_values": "@any",
                "run_duration": MILLIS,
                "run_id": ID,
                "run_page_url": "url",
                "setup_duration": MILLIS,
                "start_time": TIME,
                "state": run_state(),
                "status": run_status(),
            }),
        );
    } else {
        merge(&mut base, &json!({ "health": health() }));
    }
    let (condition, for_each) = if shape == TaskShape::Run {
        (run_condition_task(), Some(run_for_each_task()))
    } else if shape == TaskShape::Nested {
        (condition_task(), None)
    } else {
        (condition_task(), Some(for_each_task()))
    };
    let mut types = vec![
        // Preview task types: opaque JSON objects per the reference.
        ("ai_runtime_task", json!("@any")),
        ("alert_task", alert_task()),
        ("clean_rooms_notebook_task", clean_rooms_notebook_task()),
        ("condition_task", condition),
        ("dashboard_task", dashboard_task()),
        ("dbt_cloud_task", dbt_cloud_task()),
        ("dbt_platform_task", dbt_platform_task()),
        ("dbt_task", dbt_task()),
        ("gen_ai_compute_task", json!("@any")),
        ("notebook_task", notebook_task()),
        ("pipeline_task", pipeline_task()),
        ("power_bi_task", power_bi_task()),
        ("python_operator_task", json!("@any")),
        ("python_wheel_task", python_wheel_task()),
        ("run_job_task", run_job_task()),
        ("spark_jar_task", spark_jar_task()),
        ("spark_python_task", spark_python_task()),
        ("spark_submit_task", spark_submit_task()),
        ("sql_task", sql_task()),
    ];
    if let Some(for_each) = for_each {
        types.push(("for_each_task", for_each));
    }
    let mut compute = vec![
        json!({}),
        json!({ "existing_cluster_id": "c" }),
        json!({ "new_cluster": cluster_spec() }),
        json!({ "environment_key": "e" }),
    ];
    if shape != TaskShape::Submit {
        compute.push(json!({ "job_cluster_key": "j" }));
    }
    exclusive(base, &[options(&types), compute])
}

// ---- Job settings and jobs --------------------------------------------------------------

/// The fields of `JobSettings`; `schedule`, `continuous`, `trigger` and `triggers` exclude
/// each other.
fn job_settings_fields() -> (Value, Vec<Value>) {
    (
        json!({
            "budget_policy_id": "b",
            "deployment": deployment(),
            "description": "d",
            "edit_mode": EDIT_MODE,
            "email_notifications": email_notifications(),
            "environments": [job_environment()],
            "format": FORMAT,
            "git_source": git_source(),
            "health": health(),
            "job_clusters": [job_cluster()],
            "max_concurrent_runs": 1000,
            "name": "n",
            "notification_settings": job_notification_settings(),
            "parameters": [parameter_definition()],
            "parent_path": "/p",
            "performance_target": PERFORMANCE,
            "queue": queue(),
            "run_as": run_as(),
            "tags": string_map(),
            "tasks": [task(TaskShape::Job)],
            "timeout_seconds": INT32,
            "usage_policy_id": "u",
            "webhook_notifications": webhook_notifications(),
        }),
        vec![
            json!({}),
            json!({ "schedule": cron_schedule() }),
            json!({ "continuous": continuous() }),
            json!({ "trigger": trigger_settings() }),
            json!({ "triggers": [trigger_configuration()] }),
        ],
    )
}

fn job_settings() -> Value {
    let (base, scheduling) = job_settings_fields();
    exclusive(base, &[scheduling])
}

#[test]
fn job_settings_round_trip() {
    round_trip::<JobSettings>(job_settings());
}

#[test]
fn create_job() {
    let (mut base, scheduling) = job_settings_fields();
    merge(
        &mut base,
        &json!({ "access_control_list": [access_control_request()] }),
    );
    round_trip::<CreateJob>(exclusive(base, &[scheduling]));
}

#[test]
fn update_job() {
    round_trip::<UpdateJob>(json!({
        "fields_to_remove": ["schedule", "tasks/k"],
        "job_id": ID,
        "new_settings": job_settings(),
    }));
}

#[test]
fn job() {
    // `Job` of `jobs/get`; `BaseJob` of `jobs/list` is the same type, without
    // `next_page_token` and `run_as_user_name`.
    round_trip::<Job>(json!({
        "created_time": TIME,
        "creator_user_name": "u",
        "effective_budget_policy_id": "b",
        "effective_usage_policy_id": "u",
        "has_more": true,
        "job_id": ID,
        "next_page_token": "t",
        "run_as_user_name": "u",
        "settings": job_settings(),
        // Opaque JSON per the reference.
        "trigger_details": ["@any"],
        "trigger_state": "@any",
    }));
}

#[test]
fn list_jobs() {
    // Not generated: `page_token`, which the `Paginator` of `JobsApi::list` sets itself, and
    // the deprecated `offset` (the SDK pages with tokens).
    round_trip::<ListJobs>(json!({ "expand_tasks": true, "limit": 100, "name": "n" }));
}

#[test]
fn get_job() {
    // Not generated: `page_token`, which `JobsApi::get` sets itself while merging the 2.2
    // pages of the job's arrays.
    round_trip::<GetJob>(json!({ "include_trigger_state": true, "job_id": ID }));
}

#[test]
fn job_access_control_request() {
    round_trip::<JobAccessControlRequest>(access_control_request());
}

#[test]
fn continuous_round_trip() {
    round_trip::<Continuous>(continuous());
}

#[test]
fn job_deployment() {
    round_trip::<JobDeployment>(deployment());
}

#[test]
fn job_email_notifications() {
    // `TaskEmailNotifications` is the same type.
    round_trip::<JobEmailNotifications>(email_notifications());
}

#[test]
fn job_environment_round_trip() {
    round_trip::<JobEnvironment>(job_environment());
}

#[test]
fn environment_round_trip() {
    round_trip::<Environment>(environment());
}

#[test]
fn git_source_round_trip() {
    round_trip::<GitSource>(git_source());
}

#[test]
fn git_snapshot() {
    round_trip::<GitSnapshot>(json!({ "used_commit": "c" }));
}

#[test]
fn job_source_round_trip() {
    round_trip::<JobSource>(job_source());
}

#[test]
fn sparse_checkout() {
    round_trip::<SparseCheckout>(json!({ "patterns": ["p"] }));
}

#[test]
fn jobs_health_rules() {
    round_trip::<JobsHealthRules>(health());
}

#[test]
fn jobs_health_rule() {
    round_trip::<JobsHealthRule>(health_rule());
}

#[test]
fn job_cluster_round_trip() {
    round_trip::<JobCluster>(job_cluster());
}

#[test]
fn job_notification_settings_round_trip() {
    round_trip::<JobNotificationSettings>(job_notification_settings());
}

#[test]
fn task_notification_settings_round_trip() {
    round_trip::<TaskNotificationSettings>(task_notification_settings());
}

#[test]
fn job_parameter_definition() {
    round_trip::<JobParameterDefinition>(parameter_definition());
}

#[test]
fn queue_settings() {
    round_trip::<QueueSettings>(queue());
}

#[test]
fn job_run_as() {
    round_trip::<JobRunAs>(run_as());
}

#[test]
fn cron_schedule_round_trip() {
    round_trip::<CronSchedule>(cron_schedule());
}

#[test]
fn trigger_settings_round_trip() {
    round_trip::<TriggerSettings>(trigger_settings());
}

#[test]
fn trigger_configuration_round_trip() {
    round_trip::<TriggerConfiguration>(trigger_configuration());
}

#[test]
fn file_arrival_trigger_configuration() {
    round_trip::<FileArrivalTriggerConfiguration>(file_arrival());
}

#[test]
fn table_update_trigger_configuration() {
    round_trip::<TableUpdateTriggerConfiguration>(table_update());
}

#[test]
fn periodic_trigger_configuration() {
    round_trip::<PeriodicTriggerConfiguration>(periodic());
}

#[test]
fn model_trigger_configuration() {
    round_trip::<ModelTriggerConfiguration>(model_trigger());
}

#[test]
fn sql_condition_configuration() {
    round_trip::<SqlConditionConfiguration>(sql_condition());
}

#[test]
fn webhook_notifications_round_trip() {
    round_trip::<WebhookNotifications>(webhook_notifications());
}

#[test]
fn webhook_round_trip() {
    round_trip::<Webhook>(webhook());
}

// ---- Tasks ------------------------------------------------------------------------------

#[test]
fn task_round_trip() {
    round_trip::<Task>(task(TaskShape::Job));
}

#[test]
fn submit_task() {
    round_trip::<SubmitTask>(task(TaskShape::Submit));
}

#[test]
fn task_dependency_round_trip() {
    round_trip::<TaskDependency>(task_dependency());
}

#[test]
fn notebook_task_round_trip() {
    round_trip::<NotebookTask>(notebook_task());
}

#[test]
fn spark_jar_task_round_trip() {
    round_trip::<SparkJarTask>(spark_jar_task());
}

#[test]
fn spark_python_task_round_trip() {
    round_trip::<SparkPythonTask>(spark_python_task());
}

#[test]
fn spark_submit_task_round_trip() {
    round_trip::<SparkSubmitTask>(spark_submit_task());
}

#[test]
fn python_wheel_task_round_trip() {
    round_trip::<PythonWheelTask>(python_wheel_task());
}

#[test]
fn sql_task_round_trip() {
    round_trip::<SqlTask>(sql_task());
}

#[test]
fn sql_task_query_round_trip() {
    round_trip::<SqlTaskQuery>(sql_task_query());
}

#[test]
fn sql_task_file_round_trip() {
    round_trip::<SqlTaskFile>(sql_task_file());
}

#[test]
fn sql_task_alert_round_trip() {
    round_trip::<SqlTaskAlert>(sql_task_alert());
}

#[test]
fn sql_task_dashboard_round_trip() {
    round_trip::<SqlTaskDashboard>(sql_task_dashboard());
}

#[test]
fn sql_task_subscription() {
    round_trip::<SqlTaskSubscription>(sql_subscription());
}

#[test]
fn dbt_task_round_trip() {
    round_trip::<DbtTask>(dbt_task());
}

#[test]
fn pipeline_task_round_trip() {
    round_trip::<PipelineTask>(pipeline_task());
}

#[test]
fn pipeline_params_round_trip() {
    round_trip::<PipelineParams>(pipeline_params());
}

#[test]
fn run_job_task_round_trip() {
    round_trip::<RunJobTask>(run_job_task());
}

#[test]
fn condition_task_round_trip() {
    // In a job the condition has no outcome; in a run (`RunConditionTask`) it does.
    round_trip::<ConditionTask>(json!({ "@oneof": [condition_task(), run_condition_task()] }));
}

#[test]
fn for_each_task_round_trip() {
    // In a job the for-each task has no stats; in a run (`RunForEachTask`) it does.
    round_trip::<ForEachTask>(json!({ "@oneof": [for_each_task(), run_for_each_task()] }));
}

#[test]
fn for_each_stats_round_trip() {
    round_trip::<ForEachStats>(for_each_stats());
}

#[test]
fn for_each_task_error_message_stats() {
    round_trip::<ForEachTaskErrorMessageStats>(for_each_stats()["error_message_stats"][0].clone());
}

#[test]
fn for_each_task_task_run_stats() {
    round_trip::<ForEachTaskTaskRunStats>(for_each_stats()["task_run_stats"].clone());
}

#[test]
fn clean_rooms_notebook_task_round_trip() {
    round_trip::<CleanRoomsNotebookTask>(clean_rooms_notebook_task());
}

#[test]
fn dashboard_task_round_trip() {
    round_trip::<DashboardTask>(dashboard_task());
}

#[test]
fn subscription() {
    round_trip::<Subscription>(dashboard_task()["subscription"].clone());
}

#[test]
fn subscription_subscriber_round_trip() {
    round_trip::<SubscriptionSubscriber>(subscription_subscriber());
}

#[test]
fn alert_task_round_trip() {
    round_trip::<AlertTask>(alert_task());
}

#[test]
fn power_bi_task_round_trip() {
    round_trip::<PowerBiTask>(power_bi_task());
}

#[test]
fn dbt_platform_task_round_trip() {
    round_trip::<DbtPlatformTask>(dbt_platform_task());
}

#[test]
fn dbt_cloud_task_round_trip() {
    round_trip::<DbtCloudTask>(dbt_cloud_task());
}

// ---- Runs -------------------------------------------------------------------------------

fn run_state() -> Value {
    json!({
        "life_cycle_state": LIFE_CYCLE,
        "queue_reason": "r",
        "result_state": RESULT,
        "state_message": "m",
        "user_cancelled_or_timedout": true,
    })
}

fn termination_details() -> Value {
    json!({ "code": TERMINATION_CODE, "type": TERMINATION_TYPE, "message": "m" })
}

fn queue_details() -> Value {
    json!({ "code": QUEUE_CODE, "message": "m" })
}

fn run_status() -> Value {
    json!({
        "state": STATUS_STATE,
        "termination_details": termination_details(),
        "queue_details": queue_details(),
    })
}

fn cluster_instance() -> Value {
    json!({ "cluster_id": "c", "spark_context_id": "8734983498349834" })
}

/// `ClusterSpec` of the Jobs API (`Run.cluster_spec`): the compute of a run.
fn run_cluster_spec() -> Value {
    exclusive(
        json!({ "libraries": [library()] }),
        &[options(&[
            ("existing_cluster_id", json!("c")),
            ("job_cluster_key", json!("k")),
            ("new_cluster", cluster_spec()),
        ])],
    )
}

fn repair_history_item() -> Value {
    json!({
        "effective_performance_target": PERFORMANCE,
        "end_time": TIME,
        "id": ID,
        "start_time": TIME,
        "state": run_state(),
        "status": run_status(),
        "task_run_ids": [ID],
        "type": REPAIR_TYPE,
    })
}

fn run_parameters() -> Value {
    let (mut base, exclusive_params) = deprecated_params();
    merge(&mut base, &json!({ "pipeline_params": pipeline_params() }));
    exclusive(base, &[exclusive_params])
}

fn job_parameter() -> Value {
    json!({ "default": "d", "name": "n", "value": "v" })
}

fn trigger_info() -> Value {
    // `sql_condition` has no shape in the reference: kept as JSON by the model.
    json!({ "run_id": ID, "sql_condition": "@any" })
}

/// `Run` of `runs/get`; `BaseRun` of `runs/list` is the same minus `iterations` and
/// `next_page_token`.
fn run() -> Value {
    json!({
        "attempt_number": INT32,
        "cleanup_duration": MILLIS,
        "cluster_instance": cluster_instance(),
        "cluster_spec": run_cluster_spec(),
        "creator_user_name": "u",
        "deployment_id": "d",
        "description": "d",
        "effective_performance_target": PERFORMANCE,
        "effective_usage_policy_id": "u",
        "end_time": TIME,
        "execution_duration": MILLIS,
        "git_source": git_source(),
        "has_more": true,
        "iterations": [task(TaskShape::Run)],
        "job_clusters": [job_cluster()],
        "job_id": ID,
        "job_parameters": [job_parameter()],
        "job_run_id": ID,
        "next_page_token": "t",
        "number_in_job": ID,
        "original_attempt_run_id": ID,
        "overriding_parameters": run_parameters(),
        "queue_duration": MILLIS,
        "repair_history": [repair_history_item()],
        "run_duration": MILLIS,
        "run_id": ID,
        "run_name": "n",
        "run_page_url": "url",
        "run_type": RUN_TYPE,
        "schedule": cron_schedule(),
        "setup_duration": MILLIS,
        "start_time": TIME,
        "state": run_state(),
        "status": run_status(),
        "tasks": [task(TaskShape::Run)],
        "trigger": TRIGGER_TYPE,
        "trigger_info": trigger_info(),
        "version_id": "v",
    })
}

#[test]
fn run_round_trip() {
    round_trip::<Run>(run());
}

#[test]
fn run_task() {
    round_trip::<RunTask>(task(TaskShape::Run));
}

#[test]
fn run_state_round_trip() {
    round_trip::<RunState>(run_state());
}

#[test]
fn run_status_round_trip() {
    round_trip::<RunStatus>(run_status());
}

#[test]
fn termination_details_round_trip() {
    round_trip::<TerminationDetails>(termination_details());
}

#[test]
fn queue_details_round_trip() {
    round_trip::<QueueDetails>(queue_details());
}

#[test]
fn cluster_instance_round_trip() {
    round_trip::<ClusterInstance>(cluster_instance());
}

#[test]
fn run_cluster_spec_round_trip() {
    round_trip::<RunClusterSpec>(run_cluster_spec());
}

#[test]
fn repair_history_item_round_trip() {
    round_trip::<RepairHistoryItem>(repair_history_item());
}

#[test]
fn run_parameters_round_trip() {
    round_trip::<RunParameters>(run_parameters());
}

#[test]
fn job_parameter_round_trip() {
    round_trip::<JobParameter>(job_parameter());
}

#[test]
fn trigger_info_round_trip() {
    round_trip::<TriggerInfo>(trigger_info());
}

// ---- Run outputs ------------------------------------------------------------------------

fn notebook_output() -> Value {
    json!({ "result": "r", "truncated": true })
}

fn dbt_output() -> Value {
    json!({ "artifacts_headers": string_map(), "artifacts_link": "url" })
}

fn sql_statement_output() -> Value {
    json!({ "lookup_key": "k" })
}

fn sql_query_output() -> Value {
    json!({
        "endpoint_id": "e",
        "output_link": "url",
        "query_text": "SELECT 1",
        "sql_statements": [sql_statement_output()],
        "warehouse_id": "w",
    })
}

fn sql_alert_output() -> Value {
    json!({
        "alert_state": ALERT_STATE,
        "output_link": "url",
        "query_text": "SELECT 1",
        "sql_statements": [sql_statement_output()],
        "warehouse_id": "w",
    })
}

fn sql_dashboard_widget_output() -> Value {
    json!({
        "end_time": TIME,
        // The reference gives no shape: kept as JSON by the model.
        "error": "@any",
        "output_link": "url",
        "start_time": TIME,
        "status": WIDGET_STATUS,
        "widget_id": "w",
        "widget_title": "t",
    })
}

fn sql_dashboard_output() -> Value {
    json!({ "warehouse_id": "w", "widgets": [sql_dashboard_widget_output()] })
}

fn sql_output() -> Value {
    json!({
        "alert_output": sql_alert_output(),
        "dashboard_output": sql_dashboard_output(),
        "query_output": sql_query_output(),
    })
}

#[test]
fn run_output() {
    round_trip::<RunOutput>(json!({
        // The reference names these output objects without their fields; the model keeps
        // them as JSON.
        "ai_runtime_task_output": "@any",
        "alert_output": "@any",
        "clean_rooms_notebook_output": "@any",
        "dashboard_output": "@any",
        "dbt_cloud_output": "@any",
        "dbt_output": dbt_output(),
        "dbt_platform_output": "@any",
        "error": "e",
        "error_trace": "t",
        "info": "i",
        "logs": "l",
        "logs_truncated": true,
        "metadata": run(),
        "notebook_output": notebook_output(),
        "run_job_output": { "run_id": ID },
        "sql_output": sql_output(),
    }));
}

#[test]
fn notebook_output_round_trip() {
    round_trip::<NotebookOutput>(notebook_output());
}

#[test]
fn dbt_output_round_trip() {
    round_trip::<DbtOutput>(dbt_output());
}

#[test]
fn run_job_output() {
    round_trip::<RunJobOutput>(json!({ "run_id": ID }));
}

#[test]
fn sql_output_round_trip() {
    round_trip::<SqlOutput>(sql_output());
}

#[test]
fn sql_query_output_round_trip() {
    round_trip::<SqlQueryOutput>(sql_query_output());
}

#[test]
fn sql_alert_output_round_trip() {
    round_trip::<SqlAlertOutput>(sql_alert_output());
}

#[test]
fn sql_dashboard_output_round_trip() {
    round_trip::<SqlDashboardOutput>(sql_dashboard_output());
}

#[test]
fn sql_dashboard_widget_output_round_trip() {
    round_trip::<SqlDashboardWidgetOutput>(sql_dashboard_widget_output());
}

#[test]
fn sql_statement_output_round_trip() {
    round_trip::<SqlStatementOutput>(sql_statement_output());
}

#[test]
fn view_item() {
    round_trip::<ViewItem>(json!({ "content": "<html/>", "name": "n", "type": VIEW_TYPE }));
}

// ---- Run requests and responses -----------------------------------------------------------

#[test]
fn run_now() {
    let (mut base, exclusive_params) = deprecated_params();
    merge(
        &mut base,
        &json!({
            "idempotency_token": "t",
            "job_id": ID,
            "job_parameters": string_map(),
            "only": ["k"],
            "performance_target": PERFORMANCE,
            "pipeline_params": pipeline_params(),
            "queue": queue(),
        }),
    );
    round_trip::<RunNow>(exclusive(base, &[exclusive_params]));
}

#[test]
fn run_now_response() {
    round_trip::<RunNowResponse>(json!({ "run_id": ID, "number_in_job": ID }));
}

#[test]
fn submit_run() {
    round_trip::<SubmitRun>(json!({
        "access_control_list": [access_control_request()],
        "budget_policy_id": "b",
        "email_notifications": email_notifications(),
        "environments": [job_environment()],
        "git_source": git_source(),
        "health": health(),
        "idempotency_token": "t",
        "notification_settings": job_notification_settings(),
        "performance_target": PERFORMANCE,
        "queue": queue(),
        "run_as": run_as(),
        "run_name": "n",
        "tasks": [task(TaskShape::Submit)],
        "timeout_seconds": INT32,
        "usage_policy_id": "u",
        "webhook_notifications": webhook_notifications(),
    }));
}

#[test]
fn repair_run() {
    let (mut base, exclusive_params) = deprecated_params();
    merge(
        &mut base,
        &json!({
            "job_parameters": string_map(),
            "latest_repair_id": ID,
            "performance_target": PERFORMANCE,
            "pipeline_params": pipeline_params(),
            "rerun_dependent_tasks": true,
            "run_id": ID,
        }),
    );
    // `rerun_all_failed_tasks` excludes `rerun_tasks`.
    let rerun = options(&[
        ("rerun_all_failed_tasks", json!(true)),
        ("rerun_tasks", json!(["k"])),
    ]);
    round_trip::<RepairRun>(exclusive(base, &[exclusive_params, rerun]));
}

#[test]
fn cancel_all_runs() {
    round_trip::<CancelAllRuns>(json!({ "all_queued_runs": true, "job_id": ID }));
}

#[test]
fn list_runs() {
    // Not generated: `page_token`, which the `Paginator` of `JobsApi::list_runs` sets
    // itself, and the deprecated `offset` (the SDK pages with tokens).
    round_trip::<ListRuns>(exclusive(
        json!({
            "expand_tasks": true,
            "job_id": ID,
            "limit": 25,
            "run_type": RUN_TYPE,
            "start_time_from": TIME,
            "start_time_to": TIME,
        }),
        // `active_only` excludes `completed_only`.
        &[options(&[
            ("active_only", json!(true)),
            ("completed_only", json!(true)),
        ])],
    ));
}

#[test]
fn get_run() {
    // Not generated: `page_token`, which `JobsApi::get_run` sets itself while merging the 2.2
    // pages of the run's arrays.
    round_trip::<GetRun>(json!({
        "include_history": true,
        "include_resolved_values": true,
        "run_id": ID,
    }));
}

#[test]
fn export_run() {
    round_trip::<ExportRun>(json!({ "run_id": ID, "views_to_export": VIEWS_TO_EXPORT }));
}

// ---- Ids --------------------------------------------------------------------------------

#[test]
fn job_id() {
    round_trip::<JobId>(json!(ID));
}

#[test]
fn run_id() {
    round_trip::<RunId>(json!(ID));
}

#[test]
fn repair_id() {
    round_trip::<RepairId>(json!(ID));
}
