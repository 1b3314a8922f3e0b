//! The Jobs API's types.

pub(crate) mod enums;
pub(crate) mod external;
pub(crate) mod ids;
pub(crate) mod jobs;
pub(crate) mod requests;
pub(crate) mod runs;
pub(crate) mod settings;
pub(crate) mod tasks;

pub use enums::*;
pub use external::{ClusterSpec, Library};
pub use ids::{JobId, RepairId, RunId};
pub use jobs::{CreateJob, GetJob, Job, JobAccessControlRequest, ListJobs, UpdateJob};
pub use requests::{
    CancelAllRuns, ExportRun, GetRun, ListRuns, RepairRun, RunNow, RunNowResponse, SubmitRun,
};
pub use runs::{
    ClusterInstance, DbtOutput, JobParameter, NotebookOutput, QueueDetails, RepairHistoryItem, Run,
    RunClusterSpec, RunJobOutput, RunOutput, RunParameters, RunState, RunStatus, RunTask,
    SqlAlertOutput, SqlDashboardOutput, SqlDashboardWidgetOutput, SqlOutput, SqlQueryOutput,
    SqlStatementOutput, TerminationDetails, TriggerInfo, ViewItem,
};
pub use settings::*;
pub use tasks::*;
