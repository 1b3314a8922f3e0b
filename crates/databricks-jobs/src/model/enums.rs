//! Every enum of the Jobs API, open: values this version does not know are kept in
//! `Unrecognized(String)`.

use databricks_core::open_enum;

open_enum! {
    /// `state.life_cycle_state` of a run or task run (`RunLifeCycleState`).
    pub enum RunLifeCycleState {
        /// Waiting for an upstream dependency.
        Blocked = "BLOCKED",
        /// The run failed because of a service error; terminal.
        InternalError = "INTERNAL_ERROR",
        /// The cluster or execution context is being prepared.
        Pending = "PENDING",
        /// Waiting in the queue (concurrency limits reached).
        Queued = "QUEUED",
        /// Executing.
        Running = "RUNNING",
        /// Skipped because a previous run of the job was still active; terminal.
        Skipped = "SKIPPED",
        /// Done and cleaned up; terminal. Check the result state.
        Terminated = "TERMINATED",
        /// Done, cleaning up.
        Terminating = "TERMINATING",
        /// Waiting before a retry.
        WaitingForRetry = "WAITING_FOR_RETRY",
    }
}

impl RunLifeCycleState {
    /// Whether the run will not change any more (`TERMINATED`, `SKIPPED`, `INTERNAL_ERROR`).
    ///
    /// ```
    /// use databricks_jobs::RunLifeCycleState;
    ///
    /// assert!(RunLifeCycleState::Terminated.is_terminal());
    /// assert!(!RunLifeCycleState::Terminating.is_terminal());
    /// ```
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Terminated | Self::Skipped | Self::InternalError)
    }
}

open_enum! {
    /// `state.result_state` of a finished run or task run (`RunResultState`).
    pub enum RunResultState {
        /// Cancelled by a user or by `cancel-all`.
        Canceled = "CANCELED",
        /// The task was disabled.
        Disabled = "DISABLED",
        /// Excluded: its `run_if` condition was not met.
        Excluded = "EXCLUDED",
        /// Failed.
        Failed = "FAILED",
        /// Not started: the job already had `max_concurrent_runs` active runs.
        MaximumConcurrentRunsReached = "MAXIMUM_CONCURRENT_RUNS_REACHED",
        /// Succeeded.
        Success = "SUCCESS",
        /// Some tasks failed but all leaf tasks succeeded.
        SuccessWithFailures = "SUCCESS_WITH_FAILURES",
        /// Stopped after `timeout_seconds`.
        Timedout = "TIMEDOUT",
        /// Not run: an upstream task was cancelled.
        UpstreamCanceled = "UPSTREAM_CANCELED",
        /// Not run: an upstream task failed.
        UpstreamFailed = "UPSTREAM_FAILED",
    }
}

impl RunResultState {
    /// Whether this result means the work was done (`SUCCESS`, `SUCCESS_WITH_FAILURES`).
    ///
    /// ```
    /// use databricks_jobs::RunResultState;
    ///
    /// assert!(RunResultState::Success.is_success());
    /// assert!(!RunResultState::Timedout.is_success());
    /// ```
    pub fn is_success(&self) -> bool {
        matches!(self, Self::Success | Self::SuccessWithFailures)
    }
}

open_enum! {
    /// `status.state`, the newer life-cycle state of a run (`RunLifecycleStateV2State`).
    pub enum RunStatusState {
        /// Waiting for an upstream dependency.
        Blocked = "BLOCKED",
        /// Being prepared.
        Pending = "PENDING",
        /// Waiting in the queue.
        Queued = "QUEUED",
        /// Executing.
        Running = "RUNNING",
        /// Done; see `termination_details`.
        Terminated = "TERMINATED",
        /// Cleaning up.
        Terminating = "TERMINATING",
        /// Waiting (for example for a retry).
        Waiting = "WAITING",
    }
}

open_enum! {
    /// `status.termination_details.code`: why a run ended (`TerminationCodeCode`).
    pub enum TerminationCode {
        /// A breaking change in the run's configuration.
        BreakingChange = "BREAKING_CHANGE",
        /// The budget policy limit was exceeded.
        BudgetPolicyLimitExceeded = "BUDGET_POLICY_LIMIT_EXCEEDED",
        /// Cancelled.
        Canceled = "CANCELED",
        /// A cloud provider failure.
        CloudFailure = "CLOUD_FAILURE",
        /// The cluster failed.
        ClusterError = "CLUSTER_ERROR",
        /// Too many cluster requests.
        ClusterRequestLimitExceeded = "CLUSTER_REQUEST_LIMIT_EXCEEDED",
        /// The run or task was disabled.
        Disabled = "DISABLED",
        /// The Spark driver failed.
        DriverError = "DRIVER_ERROR",
        /// A feature the run needs is disabled.
        FeatureDisabled = "FEATURE_DISABLED",
        /// A service error.
        InternalError = "INTERNAL_ERROR",
        /// The cluster request was invalid.
        InvalidClusterRequest = "INVALID_CLUSTER_REQUEST",
        /// The run configuration was invalid.
        InvalidRunConfiguration = "INVALID_RUN_CONFIGURATION",
        /// A library failed to install.
        LibraryInstallationError = "LIBRARY_INSTALLATION_ERROR",
        /// The job's `max_concurrent_runs` was reached.
        MaxConcurrentRunsExceeded = "MAX_CONCURRENT_RUNS_EXCEEDED",
        /// The job's queue is full.
        MaxJobQueueSizeExceeded = "MAX_JOB_QUEUE_SIZE_EXCEEDED",
        /// The cluster has too many execution contexts.
        MaxSparkContextsExceeded = "MAX_SPARK_CONTEXTS_EXCEEDED",
        /// The Git checkout failed.
        RepositoryCheckoutFailed = "REPOSITORY_CHECKOUT_FAILED",
        /// A resource the run needs does not exist.
        ResourceNotFound = "RESOURCE_NOT_FOUND",
        /// The run's code failed.
        RunExecutionError = "RUN_EXECUTION_ERROR",
        /// Skipped.
        Skipped = "SKIPPED",
        /// Storage could not be accessed.
        StorageAccessError = "STORAGE_ACCESS_ERROR",
        /// Succeeded.
        Success = "SUCCESS",
        /// Succeeded, with failed non-leaf tasks.
        SuccessWithFailures = "SUCCESS_WITH_FAILURES",
        /// Not authorized.
        UnauthorizedError = "UNAUTHORIZED_ERROR",
        /// Cancelled by a user.
        UserCanceled = "USER_CANCELED",
        /// The workspace's run limit was reached.
        WorkspaceRunLimitExceeded = "WORKSPACE_RUN_LIMIT_EXCEEDED",
    }
}

open_enum! {
    /// `status.termination_details.type`: who is to blame (`TerminationTypeType`).
    pub enum TerminationType {
        /// The user's configuration or code.
        ClientError = "CLIENT_ERROR",
        /// The cloud provider.
        CloudFailure = "CLOUD_FAILURE",
        /// The service.
        InternalError = "INTERNAL_ERROR",
        /// Nobody: the run succeeded.
        Success = "SUCCESS",
    }
}

open_enum! {
    /// `status.queue_details.code`: why a run is queued (`QueueDetailsCodeCode`).
    pub enum QueueDetailsCode {
        /// The workspace's active-run limit.
        ActiveRunsLimitReached = "ACTIVE_RUNS_LIMIT_REACHED",
        /// The workspace's limit of active `run_job` tasks.
        ActiveRunJobTasksLimitReached = "ACTIVE_RUN_JOB_TASKS_LIMIT_REACHED",
        /// The job's `max_concurrent_runs`.
        MaxConcurrentRunsReached = "MAX_CONCURRENT_RUNS_REACHED",
    }
}

open_enum! {
    /// The kind of a run (`RunType`).
    pub enum RunType {
        /// A run of a saved job.
        JobRun = "JOB_RUN",
        /// A one-time run from `runs/submit`.
        SubmitRun = "SUBMIT_RUN",
        /// A run started by a notebook workflow (`dbutils.notebook.run`).
        WorkflowRun = "WORKFLOW_RUN",
    }
}

open_enum! {
    /// What triggered a run (`TriggerType`).
    pub enum TriggerType {
        /// A continuous job.
        Continuous = "CONTINUOUS",
        /// A continuous job restarted.
        ContinuousRestart = "CONTINUOUS_RESTART",
        /// A file-arrival trigger.
        FileArrival = "FILE_ARRIVAL",
        /// `run-now` or `runs/submit`.
        OneTime = "ONE_TIME",
        /// The cron schedule.
        Periodic = "PERIODIC",
        /// A retry of a failed run.
        Retry = "RETRY",
        /// A `run_job` task of another job.
        RunJobTask = "RUN_JOB_TASK",
        /// A table-update trigger.
        Table = "TABLE",
    }
}

open_enum! {
    /// When a task runs, given the outcome of its dependencies (`RunIf`; default `ALL_SUCCESS`).
    pub enum RunIf {
        /// All dependencies ran, whatever their outcome.
        AllDone = "ALL_DONE",
        /// All dependencies failed.
        AllFailed = "ALL_FAILED",
        /// All dependencies succeeded (the default).
        AllSuccess = "ALL_SUCCESS",
        /// At least one dependency failed.
        AtLeastOneFailed = "AT_LEAST_ONE_FAILED",
        /// At least one dependency succeeded.
        AtLeastOneSuccess = "AT_LEAST_ONE_SUCCESS",
        /// No dependency failed (some may be excluded or skipped).
        NoneFailed = "NONE_FAILED",
    }
}

open_enum! {
    /// The comparison of a condition task (`ConditionTaskOp`).
    pub enum ConditionTaskOp {
        /// `left == right` (string comparison).
        EqualTo = "EQUAL_TO",
        /// `left > right` (numeric).
        GreaterThan = "GREATER_THAN",
        /// `left >= right` (numeric).
        GreaterThanOrEqual = "GREATER_THAN_OR_EQUAL",
        /// `left < right` (numeric).
        LessThan = "LESS_THAN",
        /// `left <= right` (numeric).
        LessThanOrEqual = "LESS_THAN_OR_EQUAL",
        /// `left != right` (string comparison).
        NotEqual = "NOT_EQUAL",
    }
}

open_enum! {
    /// Where a notebook, Python file, SQL file or dbt project comes from (`Source`).
    pub enum Source {
        /// The job's `git_source`.
        Git = "GIT",
        /// The workspace.
        Workspace = "WORKSPACE",
    }
}

open_enum! {
    /// Whether a schedule or trigger is paused (`PauseStatus`).
    pub enum PauseStatus {
        /// Paused.
        Paused = "PAUSED",
        /// Active (the default).
        Unpaused = "UNPAUSED",
    }
}

open_enum! {
    /// The job format (`Format`): always `MULTI_TASK` in API 2.1 and later.
    pub enum Format {
        /// Several tasks.
        MultiTask = "MULTI_TASK",
        /// The API 2.0 single-task shape.
        SingleTask = "SINGLE_TASK",
    }
}

open_enum! {
    /// Whether the job may be edited in the UI (`JobEditMode`).
    pub enum JobEditMode {
        /// Editable.
        Editable = "EDITABLE",
        /// Locked in the UI (managed elsewhere, for example by a bundle).
        UiLocked = "UI_LOCKED",
    }
}

open_enum! {
    /// Serverless performance mode (`PerformanceTarget`).
    pub enum PerformanceTarget {
        /// Start and run as fast as possible.
        PerformanceOptimized = "PERFORMANCE_OPTIMIZED",
        /// Cost-optimized.
        Standard = "STANDARD",
    }
}

open_enum! {
    /// Task retries of a continuous job (`TaskRetryMode`).
    pub enum TaskRetryMode {
        /// Never retry tasks.
        Never = "NEVER",
        /// Retry failed tasks.
        OnFailure = "ON_FAILURE",
    }
}

open_enum! {
    /// When a table-update trigger fires (`Condition`).
    pub enum TableUpdateCondition {
        /// All tables were updated.
        AllUpdated = "ALL_UPDATED",
        /// Any table was updated.
        AnyUpdated = "ANY_UPDATED",
    }
}

open_enum! {
    /// Which views `runs/export` returns (`ViewsToExport`; default `CODE`).
    pub enum ViewsToExport {
        /// Code and dashboards.
        All = "ALL",
        /// The notebook code.
        Code = "CODE",
        /// The dashboards.
        Dashboards = "DASHBOARDS",
    }
}

open_enum! {
    /// The kind of an exported view (`ViewType`).
    pub enum ViewType {
        /// A dashboard.
        Dashboard = "DASHBOARD",
        /// A notebook.
        Notebook = "NOTEBOOK",
    }
}

open_enum! {
    /// The Git hosting service of a `git_source` (`GitProvider`).
    pub enum GitProvider {
        /// AWS CodeCommit.
        AwsCodeCommit = "awsCodeCommit",
        /// Azure DevOps Services.
        AzureDevOpsServices = "azureDevOpsServices",
        /// Bitbucket Cloud.
        BitbucketCloud = "bitbucketCloud",
        /// Bitbucket Server.
        BitbucketServer = "bitbucketServer",
        /// GitHub.
        GitHub = "gitHub",
        /// GitHub Enterprise.
        GitHubEnterprise = "gitHubEnterprise",
        /// GitLab.
        GitLab = "gitLab",
        /// GitLab Enterprise Edition.
        GitLabEnterpriseEdition = "gitLabEnterpriseEdition",
    }
}

open_enum! {
    /// State of a job whose definition comes from Git (`JobSourceDirtyState`).
    pub enum JobSourceDirtyState {
        /// Edited in the workspace: disconnected from Git.
        Disconnected = "DISCONNECTED",
        /// Not yet synced with the remote.
        NotSynced = "NOT_SYNCED",
    }
}

open_enum! {
    /// Unit of a periodic trigger's interval (`PeriodicTriggerConfigurationTimeUnit`).
    pub enum PeriodicTriggerUnit {
        /// Days.
        Days = "DAYS",
        /// Hours.
        Hours = "HOURS",
        /// Minutes.
        Minutes = "MINUTES",
        /// Weeks.
        Weeks = "WEEKS",
    }
}

open_enum! {
    /// When a model trigger fires (`ModelTriggerConfigurationCondition`).
    pub enum ModelTriggerCondition {
        /// An alias was set.
        ModelAliasSet = "MODEL_ALIAS_SET",
        /// A model was created.
        ModelCreated = "MODEL_CREATED",
        /// A model version is ready.
        ModelVersionReady = "MODEL_VERSION_READY",
    }
}

open_enum! {
    /// When a SQL-condition trigger fires (`SqlConditionTriggerMode`).
    pub enum SqlConditionTriggerMode {
        /// The query returns rows.
        QueryReturnsRows = "QUERY_RETURNS_ROWS",
        /// The query's result changes.
        ResultValueChanges = "RESULT_VALUE_CHANGES",
    }
}

open_enum! {
    /// The metric of a health rule (`JobsHealthMetric`).
    pub enum JobsHealthMetric {
        /// Run duration in seconds.
        RunDurationSeconds = "RUN_DURATION_SECONDS",
        /// Streaming backlog in bytes.
        StreamingBacklogBytes = "STREAMING_BACKLOG_BYTES",
        /// Streaming backlog in files.
        StreamingBacklogFiles = "STREAMING_BACKLOG_FILES",
        /// Streaming backlog in records.
        StreamingBacklogRecords = "STREAMING_BACKLOG_RECORDS",
        /// Streaming backlog in seconds.
        StreamingBacklogSeconds = "STREAMING_BACKLOG_SECONDS",
    }
}

open_enum! {
    /// The comparison of a health rule (`JobsHealthOperator`).
    pub enum JobsHealthOperator {
        /// The metric is above the value.
        GreaterThan = "GREATER_THAN",
    }
}

open_enum! {
    /// Who manages a deployed job (`JobDeploymentKind`).
    pub enum JobDeploymentKind {
        /// A Databricks Asset Bundle.
        Bundle = "BUNDLE",
        /// The system.
        SystemManaged = "SYSTEM_MANAGED",
    }
}

open_enum! {
    /// An entry of a run's repair history (`RepairHistoryItemType`).
    pub enum RepairHistoryItemType {
        /// The original run.
        Original = "ORIGINAL",
        /// A repair.
        Repair = "REPAIR",
    }
}

open_enum! {
    /// State of a SQL alert evaluated by a SQL task (`SqlAlertState`).
    pub enum SqlAlertState {
        /// Not triggered.
        Ok = "OK",
        /// Triggered.
        Triggered = "TRIGGERED",
        /// Not evaluated yet.
        Unknown = "UNKNOWN",
    }
}

open_enum! {
    /// Status of a dashboard widget refreshed by a SQL task (`SqlDashboardWidgetOutputStatus`).
    pub enum SqlDashboardWidgetStatus {
        /// Cancelled.
        Cancelled = "CANCELLED",
        /// Failed.
        Failed = "FAILED",
        /// Waiting.
        Pending = "PENDING",
        /// Running.
        Running = "RUNNING",
        /// Done.
        Success = "SUCCESS",
    }
}

open_enum! {
    /// Life-cycle state of a clean-room notebook task run (`CleanRoomTaskRunLifeCycleState`).
    pub enum CleanRoomTaskRunLifeCycleState {
        /// Blocked.
        Blocked = "BLOCKED",
        /// Service error.
        InternalError = "INTERNAL_ERROR",
        /// Pending.
        Pending = "PENDING",
        /// Queued.
        Queued = "QUEUED",
        /// Running.
        Running = "RUNNING",
        /// Not specified.
        RunLifeCycleStateUnspecified = "RUN_LIFE_CYCLE_STATE_UNSPECIFIED",
        /// Skipped.
        Skipped = "SKIPPED",
        /// Terminated.
        Terminated = "TERMINATED",
        /// Terminating.
        Terminating = "TERMINATING",
        /// Waiting for a retry.
        WaitingForRetry = "WAITING_FOR_RETRY",
    }
}

open_enum! {
    /// Result state of a clean-room notebook task run (`CleanRoomTaskRunResultState`).
    pub enum CleanRoomTaskRunResultState {
        /// Cancelled.
        Canceled = "CANCELED",
        /// Disabled.
        Disabled = "DISABLED",
        /// Evicted.
        Evicted = "EVICTED",
        /// Excluded.
        Excluded = "EXCLUDED",
        /// Failed.
        Failed = "FAILED",
        /// Too many concurrent runs.
        MaximumConcurrentRunsReached = "MAXIMUM_CONCURRENT_RUNS_REACHED",
        /// Not specified.
        RunResultStateUnspecified = "RUN_RESULT_STATE_UNSPECIFIED",
        /// Succeeded.
        Success = "SUCCESS",
        /// Succeeded with failures.
        SuccessWithFailures = "SUCCESS_WITH_FAILURES",
        /// Timed out.
        Timedout = "TIMEDOUT",
        /// An upstream task was cancelled.
        UpstreamCanceled = "UPSTREAM_CANCELED",
        /// An upstream task was evicted.
        UpstreamEvicted = "UPSTREAM_EVICTED",
        /// An upstream task failed.
        UpstreamFailed = "UPSTREAM_FAILED",
    }
}

open_enum! {
    /// A permission level on a job (`JobPermissionLevel`).
    pub enum JobPermissionLevel {
        /// Full control.
        CanManage = "CAN_MANAGE",
        /// Run and cancel runs.
        CanManageRun = "CAN_MANAGE_RUN",
        /// Read-only.
        CanView = "CAN_VIEW",
        /// The owner.
        IsOwner = "IS_OWNER",
    }
}
