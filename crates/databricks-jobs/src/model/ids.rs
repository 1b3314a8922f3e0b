//! Identifier newtypes.

databricks_core::int_id! {
    /// A job's canonical id (`job_id`, int64).
    ///
    /// ```
    /// use databricks_jobs::JobId;
    ///
    /// let id: JobId = serde_json::from_str("754210933871025").unwrap();
    /// assert_eq!(id.get(), 754210933871025);
    /// ```
    pub struct JobId;
}

databricks_core::int_id! {
    /// A run's canonical id (`run_id`, int64): a job run, a one-time run or a task run (each
    /// task of a multi-task run has its own).
    pub struct RunId;
}

databricks_core::int_id! {
    /// The id of a repair of a run (`repair_id`, int64).
    pub struct RepairId;
}
