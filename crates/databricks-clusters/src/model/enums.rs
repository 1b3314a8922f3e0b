//! Every enum of the Clusters API, open: unknown values are kept in `Unrecognized`.

databricks_core::open_enum! {
    /// The lifecycle state of a cluster. `UNKNOWN` is a real state the service reports;
    /// values this SDK does not know are [`State::Unrecognized`].
    pub enum State {
        /// Abnormal: the cluster failed and cannot be used.
        Error = "ERROR",
        /// Being created or started.
        Pending = "PENDING",
        /// Running, with workers being added or removed.
        Resizing = "RESIZING",
        /// Being restarted.
        Restarting = "RESTARTING",
        /// Started and ready.
        Running = "RUNNING",
        /// Stopped; can be started again.
        Terminated = "TERMINATED",
        /// Being stopped.
        Terminating = "TERMINATING",
        /// Abnormal: the service does not know the state.
        Unknown = "UNKNOWN",
    }
}

databricks_core::open_enum! {
    /// Who created a cluster.
    pub enum ClusterSource {
        /// The REST API.
        Api = "API",
        /// The job scheduler.
        Job = "JOB",
        /// Model serving.
        Models = "MODELS",
        /// Delta Live Tables.
        Pipeline = "PIPELINE",
        /// Delta Live Tables maintenance.
        PipelineMaintenance = "PIPELINE_MAINTENANCE",
        /// Databricks SQL.
        Sql = "SQL",
        /// The web UI.
        Ui = "UI",
    }
}

databricks_core::open_enum! {
    /// The access mode of a cluster. `SINGLE_USER` is the legacy alias of
    /// `DATA_SECURITY_MODE_DEDICATED`, `USER_ISOLATION` of `DATA_SECURITY_MODE_STANDARD`.
    pub enum DataSecurityMode {
        /// The service chooses.
        DataSecurityModeAuto = "DATA_SECURITY_MODE_AUTO",
        /// Dedicated to one user or group.
        DataSecurityModeDedicated = "DATA_SECURITY_MODE_DEDICATED",
        /// Shared by several users, isolated.
        DataSecurityModeStandard = "DATA_SECURITY_MODE_STANDARD",
        /// Legacy credential passthrough.
        LegacyPassthrough = "LEGACY_PASSTHROUGH",
        /// Legacy single user.
        LegacySingleUser = "LEGACY_SINGLE_USER",
        /// Legacy single user, standard.
        LegacySingleUserStandard = "LEGACY_SINGLE_USER_STANDARD",
        /// Legacy table access control.
        LegacyTableAcl = "LEGACY_TABLE_ACL",
        /// No isolation.
        None = "NONE",
        /// Legacy name of dedicated mode.
        SingleUser = "SINGLE_USER",
        /// Legacy name of standard mode.
        UserIsolation = "USER_ISOLATION",
    }
}

databricks_core::open_enum! {
    /// The runtime engine of a cluster.
    pub enum RuntimeEngine {
        /// Unset.
        Null = "NULL",
        /// Photon.
        Photon = "PHOTON",
        /// The standard engine.
        Standard = "STANDARD",
    }
}

databricks_core::open_enum! {
    /// The kind of compute a spec describes.
    pub enum Kind {
        /// Classic compute with `is_single_node` / `use_ml_runtime` semantics.
        ClassicPreview = "CLASSIC_PREVIEW",
    }
}

databricks_core::open_enum! {
    /// How a cluster's dependencies are configured.
    pub enum DependencyMode {
        /// The service chooses.
        DependencyModeAuto = "DEPENDENCY_MODE_AUTO",
        /// Cluster libraries.
        DependencyModeClusterLibraries = "DEPENDENCY_MODE_CLUSTER_LIBRARIES",
        /// Environments.
        DependencyModeEnvironments = "DEPENDENCY_MODE_ENVIRONMENTS",
    }
}

databricks_core::open_enum! {
    /// The coarse category of a termination reason.
    pub enum TerminationReasonType {
        /// A problem with the request or the user's configuration.
        ClientError = "CLIENT_ERROR",
        /// A cloud provider failure.
        CloudFailure = "CLOUD_FAILURE",
        /// A Databricks service failure.
        ServiceFault = "SERVICE_FAULT",
        /// A normal termination.
        Success = "SUCCESS",
    }
}

databricks_core::open_enum! {
    /// The order of cluster events.
    pub enum GetEventsOrder {
        /// Oldest first.
        Asc = "ASC",
        /// Newest first (the default).
        Desc = "DESC",
    }
}

databricks_core::open_enum! {
    /// The type of a cluster event.
    pub enum EventType {
        /// `ADD_NODES_FAILED`.
        AddNodesFailed = "ADD_NODES_FAILED",
        /// `AUTOMATIC_CLUSTER_UPDATE`.
        AutomaticClusterUpdate = "AUTOMATIC_CLUSTER_UPDATE",
        /// `AUTOSCALING_BACKOFF`.
        AutoscalingBackoff = "AUTOSCALING_BACKOFF",
        /// `AUTOSCALING_FAILED`.
        AutoscalingFailed = "AUTOSCALING_FAILED",
        /// `AUTOSCALING_STATS_REPORT`.
        AutoscalingStatsReport = "AUTOSCALING_STATS_REPORT",
        /// `CLUSTER_MIGRATED`.
        ClusterMigrated = "CLUSTER_MIGRATED",
        /// `CREATING`.
        Creating = "CREATING",
        /// `DBFS_DOWN`.
        DbfsDown = "DBFS_DOWN",
        /// `DECOMMISSION_ENDED`.
        DecommissionEnded = "DECOMMISSION_ENDED",
        /// `DECOMMISSION_STARTED`.
        DecommissionStarted = "DECOMMISSION_STARTED",
        /// `DEFERRED_POLICY_ENFORCEMENT_FAILED`.
        DeferredPolicyEnforcementFailed = "DEFERRED_POLICY_ENFORCEMENT_FAILED",
        /// `DEFERRED_POLICY_ENFORCEMENT_SCHEDULED`.
        DeferredPolicyEnforcementScheduled = "DEFERRED_POLICY_ENFORCEMENT_SCHEDULED",
        /// `DID_NOT_EXPAND_DISK`.
        DidNotExpandDisk = "DID_NOT_EXPAND_DISK",
        /// `DRIVER_HEALTHY`.
        DriverHealthy = "DRIVER_HEALTHY",
        /// `DRIVER_NOT_RESPONDING`.
        DriverNotResponding = "DRIVER_NOT_RESPONDING",
        /// `DRIVER_UNAVAILABLE`.
        DriverUnavailable = "DRIVER_UNAVAILABLE",
        /// `EDITED`.
        Edited = "EDITED",
        /// `EXPANDED_DISK`.
        ExpandedDisk = "EXPANDED_DISK",
        /// `FAILED_TO_EXPAND_DISK`.
        FailedToExpandDisk = "FAILED_TO_EXPAND_DISK",
        /// `INIT_SCRIPTS_FINISHED`.
        InitScriptsFinished = "INIT_SCRIPTS_FINISHED",
        /// `INIT_SCRIPTS_STARTED`.
        InitScriptsStarted = "INIT_SCRIPTS_STARTED",
        /// `METASTORE_DOWN`.
        MetastoreDown = "METASTORE_DOWN",
        /// `NODES_LOST`.
        NodesLost = "NODES_LOST",
        /// `NODE_BLACKLISTED`.
        NodeBlacklisted = "NODE_BLACKLISTED",
        /// `NODE_EXCLUDED_DECOMMISSIONED`.
        NodeExcludedDecommissioned = "NODE_EXCLUDED_DECOMMISSIONED",
        /// `PINNED`.
        Pinned = "PINNED",
        /// `RESIZING`.
        Resizing = "RESIZING",
        /// `RESTARTING`.
        Restarting = "RESTARTING",
        /// `RUNNING`.
        Running = "RUNNING",
        /// `SPARK_EXCEPTION`.
        SparkException = "SPARK_EXCEPTION",
        /// `STARTING`.
        Starting = "STARTING",
        /// `TERMINATING`.
        Terminating = "TERMINATING",
        /// `UC_VOLUME_MISCONFIGURED`.
        UcVolumeMisconfigured = "UC_VOLUME_MISCONFIGURED",
        /// `UNPINNED`.
        Unpinned = "UNPINNED",
        /// `UPSIZE_COMPLETED`.
        UpsizeCompleted = "UPSIZE_COMPLETED",
    }
}

databricks_core::open_enum! {
    /// What caused a cluster event.
    pub enum EventDetailsCause {
        /// `AUTORECOVERY`.
        Autorecovery = "AUTORECOVERY",
        /// `AUTOSCALE`.
        Autoscale = "AUTOSCALE",
        /// `AUTOSCALE_V2`.
        AutoscaleV2 = "AUTOSCALE_V2",
        /// `DBR_AUTOSCALE`.
        DbrAutoscale = "DBR_AUTOSCALE",
        /// `REPLACE_BAD_NODES`.
        ReplaceBadNodes = "REPLACE_BAD_NODES",
        /// `USER_REQUEST`.
        UserRequest = "USER_REQUEST",
    }
}

databricks_core::open_enum! {
    /// The type of a data-plane event.
    pub enum DataPlaneEventDetailsEventType {
        /// `NODE_BLACKLISTED`.
        NodeBlacklisted = "NODE_BLACKLISTED",
        /// `NODE_EXCLUDED_DECOMMISSIONED`.
        NodeExcludedDecommissioned = "NODE_EXCLUDED_DECOMMISSIONED",
    }
}

databricks_core::open_enum! {
    /// The outcome of one init script (`InitScriptExecutionDetailsInitScriptExecutionStatus`).
    pub enum InitScriptExecutionStatus {
        /// `FAILED_EXECUTION`.
        FailedExecution = "FAILED_EXECUTION",
        /// `FAILED_FETCH`.
        FailedFetch = "FAILED_FETCH",
        /// `FUSE_MOUNT_FAILED`.
        FuseMountFailed = "FUSE_MOUNT_FAILED",
        /// `NOT_EXECUTED`.
        NotExecuted = "NOT_EXECUTED",
        /// `SKIPPED`.
        Skipped = "SKIPPED",
        /// `SUCCEEDED`.
        Succeeded = "SUCCEEDED",
        /// `UNKNOWN`.
        Unknown = "UNKNOWN",
    }
}

databricks_core::open_enum! {
    /// Availability of a node type with the cloud provider.
    pub enum CloudProviderNodeStatus {
        /// Not available in this region.
        NotAvailableInRegion = "NotAvailableInRegion",
        /// Not enabled on this subscription.
        NotEnabledOnSubscription = "NotEnabledOnSubscription",
    }
}

databricks_core::open_enum! {
    /// Hardware accelerators of Jobs compute.
    pub enum HardwareAcceleratorType {
        /// One A10 GPU.
        Gpu1xA10 = "GPU_1xA10",
        /// Eight H100 GPUs.
        Gpu8xH100 = "GPU_8xH100",
    }
}

databricks_core::open_enum! {
    /// AWS availability of nodes.
    pub enum AwsAvailability {
        /// On-demand instances.
        OnDemand = "ON_DEMAND",
        /// Spot instances.
        Spot = "SPOT",
        /// Spot, falling back to on-demand.
        SpotWithFallback = "SPOT_WITH_FALLBACK",
    }
}

databricks_core::open_enum! {
    /// AWS EBS volume type.
    pub enum EbsVolumeType {
        /// General purpose SSD.
        GeneralPurposeSsd = "GENERAL_PURPOSE_SSD",
        /// Throughput-optimized HDD.
        ThroughputOptimizedHdd = "THROUGHPUT_OPTIMIZED_HDD",
    }
}

databricks_core::open_enum! {
    /// Azure availability of nodes.
    pub enum AzureAvailability {
        /// On-demand VMs.
        OnDemandAzure = "ON_DEMAND_AZURE",
        /// Spot VMs.
        SpotAzure = "SPOT_AZURE",
        /// Spot, falling back to on-demand.
        SpotWithFallbackAzure = "SPOT_WITH_FALLBACK_AZURE",
    }
}

databricks_core::open_enum! {
    /// GCP availability of nodes.
    pub enum GcpAvailability {
        /// On-demand VMs.
        OnDemandGcp = "ON_DEMAND_GCP",
        /// Preemptible VMs.
        PreemptibleGcp = "PREEMPTIBLE_GCP",
        /// Preemptible, falling back to on-demand.
        PreemptibleWithFallbackGcp = "PREEMPTIBLE_WITH_FALLBACK_GCP",
    }
}

databricks_core::open_enum! {
    /// GCP confidential computing.
    pub enum ConfidentialComputeType {
        /// None.
        ConfidentialComputeTypeNone = "CONFIDENTIAL_COMPUTE_TYPE_NONE",
        /// AMD SEV-SNP (N2D types only).
        SevSnp = "SEV_SNP",
    }
}

databricks_core::open_enum! {
    /// Sort direction of a cluster listing.
    pub enum ListClustersSortByDirection {
        /// Ascending.
        Asc = "ASC",
        /// Descending.
        Desc = "DESC",
    }
}

databricks_core::open_enum! {
    /// Sort field of a cluster listing.
    pub enum ListClustersSortByField {
        /// By name.
        ClusterName = "CLUSTER_NAME",
        /// State, then pinned, then name.
        Default = "DEFAULT",
    }
}

databricks_core::open_enum! {
    /// A permission level on a cluster.
    pub enum ClusterPermissionLevel {
        /// Attach notebooks and view.
        CanAttachTo = "CAN_ATTACH_TO",
        /// Everything, including permissions.
        CanManage = "CAN_MANAGE",
        /// Start, restart and terminate.
        CanRestart = "CAN_RESTART",
    }
}

databricks_core::open_enum! {
    /// Why a cluster terminated (`termination_reason.code`). New codes appear regularly;
    /// they arrive as [`TerminationReasonCode::Unrecognized`].
    pub enum TerminationReasonCode {
        /// `ABUSE_DETECTED`.
        AbuseDetected = "ABUSE_DETECTED",
        /// `ACCESS_TOKEN_FAILURE`.
        AccessTokenFailure = "ACCESS_TOKEN_FAILURE",
        /// `ALLOCATION_TIMEOUT`.
        AllocationTimeout = "ALLOCATION_TIMEOUT",
        /// `ALLOCATION_TIMEOUT_NODE_DAEMON_NOT_READY`.
        AllocationTimeoutNodeDaemonNotReady = "ALLOCATION_TIMEOUT_NODE_DAEMON_NOT_READY",
        /// `ALLOCATION_TIMEOUT_NO_HEALTHY_AND_WARMED_UP_CLUSTERS`.
        AllocationTimeoutNoHealthyAndWarmedUpClusters = "ALLOCATION_TIMEOUT_NO_HEALTHY_AND_WARMED_UP_CLUSTERS",
        /// `ALLOCATION_TIMEOUT_NO_HEALTHY_CLUSTERS`.
        AllocationTimeoutNoHealthyClusters = "ALLOCATION_TIMEOUT_NO_HEALTHY_CLUSTERS",
        /// `ALLOCATION_TIMEOUT_NO_MATCHED_CLUSTERS`.
        AllocationTimeoutNoMatchedClusters = "ALLOCATION_TIMEOUT_NO_MATCHED_CLUSTERS",
        /// `ALLOCATION_TIMEOUT_NO_READY_CLUSTERS`.
        AllocationTimeoutNoReadyClusters = "ALLOCATION_TIMEOUT_NO_READY_CLUSTERS",
        /// `ALLOCATION_TIMEOUT_NO_UNALLOCATED_CLUSTERS`.
        AllocationTimeoutNoUnallocatedClusters = "ALLOCATION_TIMEOUT_NO_UNALLOCATED_CLUSTERS",
        /// `ALLOCATION_TIMEOUT_NO_WARMED_UP_CLUSTERS`.
        AllocationTimeoutNoWarmedUpClusters = "ALLOCATION_TIMEOUT_NO_WARMED_UP_CLUSTERS",
        /// `ATTACH_PROJECT_FAILURE`.
        AttachProjectFailure = "ATTACH_PROJECT_FAILURE",
        /// `AWS_AUTHORIZATION_FAILURE`.
        AwsAuthorizationFailure = "AWS_AUTHORIZATION_FAILURE",
        /// `AWS_INACCESSIBLE_KMS_KEY_FAILURE`.
        AwsInaccessibleKmsKeyFailure = "AWS_INACCESSIBLE_KMS_KEY_FAILURE",
        /// `AWS_INSTANCE_PROFILE_UPDATE_FAILURE`.
        AwsInstanceProfileUpdateFailure = "AWS_INSTANCE_PROFILE_UPDATE_FAILURE",
        /// `AWS_INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET_FAILURE`.
        AwsInsufficientFreeAddressesInSubnetFailure = "AWS_INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET_FAILURE",
        /// `AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE`.
        AwsInsufficientInstanceCapacityFailure = "AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE",
        /// `AWS_INVALID_KEY_PAIR`.
        AwsInvalidKeyPair = "AWS_INVALID_KEY_PAIR",
        /// `AWS_INVALID_KMS_KEY_STATE`.
        AwsInvalidKmsKeyState = "AWS_INVALID_KMS_KEY_STATE",
        /// `AWS_MAX_SPOT_INSTANCE_COUNT_EXCEEDED_FAILURE`.
        AwsMaxSpotInstanceCountExceededFailure = "AWS_MAX_SPOT_INSTANCE_COUNT_EXCEEDED_FAILURE",
        /// `AWS_REQUEST_LIMIT_EXCEEDED`.
        AwsRequestLimitExceeded = "AWS_REQUEST_LIMIT_EXCEEDED",
        /// `AWS_RESOURCE_QUOTA_EXCEEDED`.
        AwsResourceQuotaExceeded = "AWS_RESOURCE_QUOTA_EXCEEDED",
        /// `AWS_UNSUPPORTED_FAILURE`.
        AwsUnsupportedFailure = "AWS_UNSUPPORTED_FAILURE",
        /// `AZURE_BYOK_KEY_PERMISSION_FAILURE`.
        AzureByokKeyPermissionFailure = "AZURE_BYOK_KEY_PERMISSION_FAILURE",
        /// `AZURE_EPHEMERAL_DISK_FAILURE`.
        AzureEphemeralDiskFailure = "AZURE_EPHEMERAL_DISK_FAILURE",
        /// `AZURE_INVALID_DEPLOYMENT_TEMPLATE`.
        AzureInvalidDeploymentTemplate = "AZURE_INVALID_DEPLOYMENT_TEMPLATE",
        /// `AZURE_OPERATION_NOT_ALLOWED_EXCEPTION`.
        AzureOperationNotAllowedException = "AZURE_OPERATION_NOT_ALLOWED_EXCEPTION",
        /// `AZURE_PACKED_DEPLOYMENT_PARTIAL_FAILURE`.
        AzurePackedDeploymentPartialFailure = "AZURE_PACKED_DEPLOYMENT_PARTIAL_FAILURE",
        /// `AZURE_QUOTA_EXCEEDED_EXCEPTION`.
        AzureQuotaExceededException = "AZURE_QUOTA_EXCEEDED_EXCEPTION",
        /// `AZURE_RESOURCE_MANAGER_THROTTLING`.
        AzureResourceManagerThrottling = "AZURE_RESOURCE_MANAGER_THROTTLING",
        /// `AZURE_RESOURCE_PROVIDER_THROTTLING`.
        AzureResourceProviderThrottling = "AZURE_RESOURCE_PROVIDER_THROTTLING",
        /// `AZURE_UNEXPECTED_DEPLOYMENT_TEMPLATE_FAILURE`.
        AzureUnexpectedDeploymentTemplateFailure = "AZURE_UNEXPECTED_DEPLOYMENT_TEMPLATE_FAILURE",
        /// `AZURE_VM_EXTENSION_FAILURE`.
        AzureVmExtensionFailure = "AZURE_VM_EXTENSION_FAILURE",
        /// `AZURE_VNET_CONFIGURATION_FAILURE`.
        AzureVnetConfigurationFailure = "AZURE_VNET_CONFIGURATION_FAILURE",
        /// `BOOTSTRAP_TIMEOUT`.
        BootstrapTimeout = "BOOTSTRAP_TIMEOUT",
        /// `BOOTSTRAP_TIMEOUT_CLOUD_PROVIDER_EXCEPTION`.
        BootstrapTimeoutCloudProviderException = "BOOTSTRAP_TIMEOUT_CLOUD_PROVIDER_EXCEPTION",
        /// `BOOTSTRAP_TIMEOUT_DUE_TO_MISCONFIG`.
        BootstrapTimeoutDueToMisconfig = "BOOTSTRAP_TIMEOUT_DUE_TO_MISCONFIG",
        /// `BUDGET_POLICY_LIMIT_ENFORCEMENT_ACTIVATED`.
        BudgetPolicyLimitEnforcementActivated = "BUDGET_POLICY_LIMIT_ENFORCEMENT_ACTIVATED",
        /// `BUDGET_POLICY_RESOLUTION_FAILURE`.
        BudgetPolicyResolutionFailure = "BUDGET_POLICY_RESOLUTION_FAILURE",
        /// `CLOUD_ACCOUNT_POD_QUOTA_EXCEEDED`.
        CloudAccountPodQuotaExceeded = "CLOUD_ACCOUNT_POD_QUOTA_EXCEEDED",
        /// `CLOUD_ACCOUNT_SETUP_FAILURE`.
        CloudAccountSetupFailure = "CLOUD_ACCOUNT_SETUP_FAILURE",
        /// `CLOUD_OPERATION_CANCELLED`.
        CloudOperationCancelled = "CLOUD_OPERATION_CANCELLED",
        /// `CLOUD_PROVIDER_DISK_SETUP_FAILURE`.
        CloudProviderDiskSetupFailure = "CLOUD_PROVIDER_DISK_SETUP_FAILURE",
        /// `CLOUD_PROVIDER_INSTANCE_NOT_LAUNCHED`.
        CloudProviderInstanceNotLaunched = "CLOUD_PROVIDER_INSTANCE_NOT_LAUNCHED",
        /// `CLOUD_PROVIDER_LAUNCH_FAILURE`.
        CloudProviderLaunchFailure = "CLOUD_PROVIDER_LAUNCH_FAILURE",
        /// `CLOUD_PROVIDER_LAUNCH_FAILURE_DUE_TO_MISCONFIG`.
        CloudProviderLaunchFailureDueToMisconfig = "CLOUD_PROVIDER_LAUNCH_FAILURE_DUE_TO_MISCONFIG",
        /// `CLOUD_PROVIDER_RESOURCE_STOCKOUT`.
        CloudProviderResourceStockout = "CLOUD_PROVIDER_RESOURCE_STOCKOUT",
        /// `CLOUD_PROVIDER_RESOURCE_STOCKOUT_DUE_TO_MISCONFIG`.
        CloudProviderResourceStockoutDueToMisconfig = "CLOUD_PROVIDER_RESOURCE_STOCKOUT_DUE_TO_MISCONFIG",
        /// `CLOUD_PROVIDER_SHUTDOWN`.
        CloudProviderShutdown = "CLOUD_PROVIDER_SHUTDOWN",
        /// `CLUSTER_OPERATION_THROTTLED`.
        ClusterOperationThrottled = "CLUSTER_OPERATION_THROTTLED",
        /// `CLUSTER_OPERATION_TIMEOUT`.
        ClusterOperationTimeout = "CLUSTER_OPERATION_TIMEOUT",
        /// `COMMUNICATION_LOST`.
        CommunicationLost = "COMMUNICATION_LOST",
        /// `CONTAINER_LAUNCH_FAILURE`.
        ContainerLaunchFailure = "CONTAINER_LAUNCH_FAILURE",
        /// `CONTROL_PLANE_CONNECTION_FAILURE`.
        ControlPlaneConnectionFailure = "CONTROL_PLANE_CONNECTION_FAILURE",
        /// `CONTROL_PLANE_CONNECTION_FAILURE_DUE_TO_MISCONFIG`.
        ControlPlaneConnectionFailureDueToMisconfig = "CONTROL_PLANE_CONNECTION_FAILURE_DUE_TO_MISCONFIG",
        /// `CONTROL_PLANE_REQUEST_FAILURE`.
        ControlPlaneRequestFailure = "CONTROL_PLANE_REQUEST_FAILURE",
        /// `CONTROL_PLANE_REQUEST_FAILURE_DUE_TO_MISCONFIG`.
        ControlPlaneRequestFailureDueToMisconfig = "CONTROL_PLANE_REQUEST_FAILURE_DUE_TO_MISCONFIG",
        /// `DATABASE_CONNECTION_FAILURE`.
        DatabaseConnectionFailure = "DATABASE_CONNECTION_FAILURE",
        /// `DATA_ACCESS_CONFIG_CHANGED`.
        DataAccessConfigChanged = "DATA_ACCESS_CONFIG_CHANGED",
        /// `DBFS_COMPONENT_UNHEALTHY`.
        DbfsComponentUnhealthy = "DBFS_COMPONENT_UNHEALTHY",
        /// `DBR_IMAGE_RESOLUTION_FAILURE`.
        DbrImageResolutionFailure = "DBR_IMAGE_RESOLUTION_FAILURE",
        /// `DISASTER_RECOVERY_REPLICATION`.
        DisasterRecoveryReplication = "DISASTER_RECOVERY_REPLICATION",
        /// `DNS_RESOLUTION_ERROR`.
        DnsResolutionError = "DNS_RESOLUTION_ERROR",
        /// `DOCKER_CONTAINER_CREATION_EXCEPTION`.
        DockerContainerCreationException = "DOCKER_CONTAINER_CREATION_EXCEPTION",
        /// `DOCKER_IMAGE_PULL_FAILURE`.
        DockerImagePullFailure = "DOCKER_IMAGE_PULL_FAILURE",
        /// `DOCKER_IMAGE_TOO_LARGE_FOR_INSTANCE_EXCEPTION`.
        DockerImageTooLargeForInstanceException = "DOCKER_IMAGE_TOO_LARGE_FOR_INSTANCE_EXCEPTION",
        /// `DOCKER_INVALID_OS_EXCEPTION`.
        DockerInvalidOsException = "DOCKER_INVALID_OS_EXCEPTION",
        /// `DRIVER_EVICTION`.
        DriverEviction = "DRIVER_EVICTION",
        /// `DRIVER_LAUNCH_TIMEOUT`.
        DriverLaunchTimeout = "DRIVER_LAUNCH_TIMEOUT",
        /// `DRIVER_NODE_UNREACHABLE`.
        DriverNodeUnreachable = "DRIVER_NODE_UNREACHABLE",
        /// `DRIVER_OUT_OF_DISK`.
        DriverOutOfDisk = "DRIVER_OUT_OF_DISK",
        /// `DRIVER_OUT_OF_MEMORY`.
        DriverOutOfMemory = "DRIVER_OUT_OF_MEMORY",
        /// `DRIVER_POD_CREATION_FAILURE`.
        DriverPodCreationFailure = "DRIVER_POD_CREATION_FAILURE",
        /// `DRIVER_UNEXPECTED_FAILURE`.
        DriverUnexpectedFailure = "DRIVER_UNEXPECTED_FAILURE",
        /// `DRIVER_UNHEALTHY`.
        DriverUnhealthy = "DRIVER_UNHEALTHY",
        /// `DRIVER_UNREACHABLE`.
        DriverUnreachable = "DRIVER_UNREACHABLE",
        /// `DRIVER_UNRESPONSIVE`.
        DriverUnresponsive = "DRIVER_UNRESPONSIVE",
        /// `DYNAMIC_SPARK_CONF_SIZE_EXCEEDED`.
        DynamicSparkConfSizeExceeded = "DYNAMIC_SPARK_CONF_SIZE_EXCEEDED",
        /// `EOS_SPARK_IMAGE`.
        EosSparkImage = "EOS_SPARK_IMAGE",
        /// `EXECUTION_COMPONENT_UNHEALTHY`.
        ExecutionComponentUnhealthy = "EXECUTION_COMPONENT_UNHEALTHY",
        /// `EXECUTOR_POD_UNSCHEDULED`.
        ExecutorPodUnscheduled = "EXECUTOR_POD_UNSCHEDULED",
        /// `GCP_API_RATE_QUOTA_EXCEEDED`.
        GcpApiRateQuotaExceeded = "GCP_API_RATE_QUOTA_EXCEEDED",
        /// `GCP_DENIED_BY_ORG_POLICY`.
        GcpDeniedByOrgPolicy = "GCP_DENIED_BY_ORG_POLICY",
        /// `GCP_FORBIDDEN`.
        GcpForbidden = "GCP_FORBIDDEN",
        /// `GCP_IAM_TIMEOUT`.
        GcpIamTimeout = "GCP_IAM_TIMEOUT",
        /// `GCP_INACCESSIBLE_KMS_KEY_FAILURE`.
        GcpInaccessibleKmsKeyFailure = "GCP_INACCESSIBLE_KMS_KEY_FAILURE",
        /// `GCP_INSUFFICIENT_CAPACITY`.
        GcpInsufficientCapacity = "GCP_INSUFFICIENT_CAPACITY",
        /// `GCP_IP_SPACE_EXHAUSTED`.
        GcpIpSpaceExhausted = "GCP_IP_SPACE_EXHAUSTED",
        /// `GCP_KMS_KEY_PERMISSION_DENIED`.
        GcpKmsKeyPermissionDenied = "GCP_KMS_KEY_PERMISSION_DENIED",
        /// `GCP_NOT_FOUND`.
        GcpNotFound = "GCP_NOT_FOUND",
        /// `GCP_QUOTA_EXCEEDED`.
        GcpQuotaExceeded = "GCP_QUOTA_EXCEEDED",
        /// `GCP_RESOURCE_QUOTA_EXCEEDED`.
        GcpResourceQuotaExceeded = "GCP_RESOURCE_QUOTA_EXCEEDED",
        /// `GCP_SERVICE_ACCOUNT_ACCESS_DENIED`.
        GcpServiceAccountAccessDenied = "GCP_SERVICE_ACCOUNT_ACCESS_DENIED",
        /// `GCP_SERVICE_ACCOUNT_DELETED`.
        GcpServiceAccountDeleted = "GCP_SERVICE_ACCOUNT_DELETED",
        /// `GCP_SERVICE_ACCOUNT_NOT_FOUND`.
        GcpServiceAccountNotFound = "GCP_SERVICE_ACCOUNT_NOT_FOUND",
        /// `GCP_SUBNET_NOT_READY`.
        GcpSubnetNotReady = "GCP_SUBNET_NOT_READY",
        /// `GCP_TRUSTED_IMAGE_PROJECTS_VIOLATED`.
        GcpTrustedImageProjectsViolated = "GCP_TRUSTED_IMAGE_PROJECTS_VIOLATED",
        /// `GKE_BASED_CLUSTER_TERMINATION`.
        GkeBasedClusterTermination = "GKE_BASED_CLUSTER_TERMINATION",
        /// `GLOBAL_INIT_SCRIPT_FAILURE`.
        GlobalInitScriptFailure = "GLOBAL_INIT_SCRIPT_FAILURE",
        /// `HIVEMETASTORE_CONNECTIVITY_FAILURE`.
        HivemetastoreConnectivityFailure = "HIVEMETASTORE_CONNECTIVITY_FAILURE",
        /// `HIVE_METASTORE_PROVISIONING_FAILURE`.
        HiveMetastoreProvisioningFailure = "HIVE_METASTORE_PROVISIONING_FAILURE",
        /// `IMAGE_PULL_PERMISSION_DENIED`.
        ImagePullPermissionDenied = "IMAGE_PULL_PERMISSION_DENIED",
        /// `INACTIVITY`.
        Inactivity = "INACTIVITY",
        /// `INIT_CONTAINER_NOT_FINISHED`.
        InitContainerNotFinished = "INIT_CONTAINER_NOT_FINISHED",
        /// `INIT_SCRIPT_FAILURE`.
        InitScriptFailure = "INIT_SCRIPT_FAILURE",
        /// `INSTANCE_POOL_CLUSTER_FAILURE`.
        InstancePoolClusterFailure = "INSTANCE_POOL_CLUSTER_FAILURE",
        /// `INSTANCE_POOL_MAX_CAPACITY_REACHED`.
        InstancePoolMaxCapacityReached = "INSTANCE_POOL_MAX_CAPACITY_REACHED",
        /// `INSTANCE_POOL_NOT_FOUND`.
        InstancePoolNotFound = "INSTANCE_POOL_NOT_FOUND",
        /// `INSTANCE_UNREACHABLE`.
        InstanceUnreachable = "INSTANCE_UNREACHABLE",
        /// `INSTANCE_UNREACHABLE_DUE_TO_MISCONFIG`.
        InstanceUnreachableDueToMisconfig = "INSTANCE_UNREACHABLE_DUE_TO_MISCONFIG",
        /// `INTERNAL_CAPACITY_FAILURE`.
        InternalCapacityFailure = "INTERNAL_CAPACITY_FAILURE",
        /// `INTERNAL_ERROR`.
        InternalError = "INTERNAL_ERROR",
        /// `INVALID_ARGUMENT`.
        InvalidArgument = "INVALID_ARGUMENT",
        /// `INVALID_AWS_PARAMETER`.
        InvalidAwsParameter = "INVALID_AWS_PARAMETER",
        /// `INVALID_INSTANCE_PLACEMENT_PROTOCOL`.
        InvalidInstancePlacementProtocol = "INVALID_INSTANCE_PLACEMENT_PROTOCOL",
        /// `INVALID_SPARK_IMAGE`.
        InvalidSparkImage = "INVALID_SPARK_IMAGE",
        /// `INVALID_WORKER_IMAGE_FAILURE`.
        InvalidWorkerImageFailure = "INVALID_WORKER_IMAGE_FAILURE",
        /// `IN_PENALTY_BOX`.
        InPenaltyBox = "IN_PENALTY_BOX",
        /// `IP_EXHAUSTION_FAILURE`.
        IpExhaustionFailure = "IP_EXHAUSTION_FAILURE",
        /// `JOB_FINISHED`.
        JobFinished = "JOB_FINISHED",
        /// `K8S_ACTIVE_POD_QUOTA_EXCEEDED`.
        K8sActivePodQuotaExceeded = "K8S_ACTIVE_POD_QUOTA_EXCEEDED",
        /// `K8S_AUTOSCALING_FAILURE`.
        K8sAutoscalingFailure = "K8S_AUTOSCALING_FAILURE",
        /// `K8S_DBR_CLUSTER_LAUNCH_TIMEOUT`.
        K8sDbrClusterLaunchTimeout = "K8S_DBR_CLUSTER_LAUNCH_TIMEOUT",
        /// `LAZY_ALLOCATION_TIMEOUT`.
        LazyAllocationTimeout = "LAZY_ALLOCATION_TIMEOUT",
        /// `MAINTENANCE_MODE`.
        MaintenanceMode = "MAINTENANCE_MODE",
        /// `METASTORE_COMPONENT_UNHEALTHY`.
        MetastoreComponentUnhealthy = "METASTORE_COMPONENT_UNHEALTHY",
        /// `MTLS_PORT_CONNECTIVITY_FAILURE`.
        MtlsPortConnectivityFailure = "MTLS_PORT_CONNECTIVITY_FAILURE",
        /// `NEPHOS_RESOURCE_MANAGEMENT`.
        NephosResourceManagement = "NEPHOS_RESOURCE_MANAGEMENT",
        /// `NETVISOR_SETUP_TIMEOUT`.
        NetvisorSetupTimeout = "NETVISOR_SETUP_TIMEOUT",
        /// `NETWORK_CHECK_CONTROL_PLANE_FAILURE`.
        NetworkCheckControlPlaneFailure = "NETWORK_CHECK_CONTROL_PLANE_FAILURE",
        /// `NETWORK_CHECK_CONTROL_PLANE_FAILURE_DUE_TO_MISCONFIG`.
        NetworkCheckControlPlaneFailureDueToMisconfig = "NETWORK_CHECK_CONTROL_PLANE_FAILURE_DUE_TO_MISCONFIG",
        /// `NETWORK_CHECK_DNS_SERVER_FAILURE`.
        NetworkCheckDnsServerFailure = "NETWORK_CHECK_DNS_SERVER_FAILURE",
        /// `NETWORK_CHECK_DNS_SERVER_FAILURE_DUE_TO_MISCONFIG`.
        NetworkCheckDnsServerFailureDueToMisconfig = "NETWORK_CHECK_DNS_SERVER_FAILURE_DUE_TO_MISCONFIG",
        /// `NETWORK_CHECK_METADATA_ENDPOINT_FAILURE`.
        NetworkCheckMetadataEndpointFailure = "NETWORK_CHECK_METADATA_ENDPOINT_FAILURE",
        /// `NETWORK_CHECK_METADATA_ENDPOINT_FAILURE_DUE_TO_MISCONFIG`.
        NetworkCheckMetadataEndpointFailureDueToMisconfig = "NETWORK_CHECK_METADATA_ENDPOINT_FAILURE_DUE_TO_MISCONFIG",
        /// `NETWORK_CHECK_MULTIPLE_COMPONENTS_FAILURE`.
        NetworkCheckMultipleComponentsFailure = "NETWORK_CHECK_MULTIPLE_COMPONENTS_FAILURE",
        /// `NETWORK_CHECK_MULTIPLE_COMPONENTS_FAILURE_DUE_TO_MISCONFIG`.
        NetworkCheckMultipleComponentsFailureDueToMisconfig = "NETWORK_CHECK_MULTIPLE_COMPONENTS_FAILURE_DUE_TO_MISCONFIG",
        /// `NETWORK_CHECK_NIC_FAILURE`.
        NetworkCheckNicFailure = "NETWORK_CHECK_NIC_FAILURE",
        /// `NETWORK_CHECK_NIC_FAILURE_DUE_TO_MISCONFIG`.
        NetworkCheckNicFailureDueToMisconfig = "NETWORK_CHECK_NIC_FAILURE_DUE_TO_MISCONFIG",
        /// `NETWORK_CHECK_STORAGE_FAILURE`.
        NetworkCheckStorageFailure = "NETWORK_CHECK_STORAGE_FAILURE",
        /// `NETWORK_CHECK_STORAGE_FAILURE_DUE_TO_MISCONFIG`.
        NetworkCheckStorageFailureDueToMisconfig = "NETWORK_CHECK_STORAGE_FAILURE_DUE_TO_MISCONFIG",
        /// `NETWORK_CONFIGURATION_FAILURE`.
        NetworkConfigurationFailure = "NETWORK_CONFIGURATION_FAILURE",
        /// `NFS_MOUNT_FAILURE`.
        NfsMountFailure = "NFS_MOUNT_FAILURE",
        /// `NO_MATCHED_K8S`.
        NoMatchedK8s = "NO_MATCHED_K8S",
        /// `NO_MATCHED_K8S_TESTING_TAG`.
        NoMatchedK8sTestingTag = "NO_MATCHED_K8S_TESTING_TAG",
        /// `NPIP_TUNNEL_SETUP_FAILURE`.
        NpipTunnelSetupFailure = "NPIP_TUNNEL_SETUP_FAILURE",
        /// `NPIP_TUNNEL_TOKEN_FAILURE`.
        NpipTunnelTokenFailure = "NPIP_TUNNEL_TOKEN_FAILURE",
        /// `POD_ASSIGNMENT_FAILURE`.
        PodAssignmentFailure = "POD_ASSIGNMENT_FAILURE",
        /// `POD_SCHEDULING_FAILURE`.
        PodSchedulingFailure = "POD_SCHEDULING_FAILURE",
        /// `RATE_LIMITED`.
        RateLimited = "RATE_LIMITED",
        /// `REQUEST_REJECTED`.
        RequestRejected = "REQUEST_REJECTED",
        /// `REQUEST_THROTTLED`.
        RequestThrottled = "REQUEST_THROTTLED",
        /// `RESOURCE_USAGE_BLOCKED`.
        ResourceUsageBlocked = "RESOURCE_USAGE_BLOCKED",
        /// `SECRET_CREATION_FAILURE`.
        SecretCreationFailure = "SECRET_CREATION_FAILURE",
        /// `SECRET_PERMISSION_DENIED`.
        SecretPermissionDenied = "SECRET_PERMISSION_DENIED",
        /// `SECRET_RESOLUTION_ERROR`.
        SecretResolutionError = "SECRET_RESOLUTION_ERROR",
        /// `SECURITY_DAEMON_REGISTRATION_EXCEPTION`.
        SecurityDaemonRegistrationException = "SECURITY_DAEMON_REGISTRATION_EXCEPTION",
        /// `SELF_BOOTSTRAP_FAILURE`.
        SelfBootstrapFailure = "SELF_BOOTSTRAP_FAILURE",
        /// `SERVERLESS_LONG_RUNNING_TERMINATED`.
        ServerlessLongRunningTerminated = "SERVERLESS_LONG_RUNNING_TERMINATED",
        /// `SKIPPED_SLOW_NODES`.
        SkippedSlowNodes = "SKIPPED_SLOW_NODES",
        /// `SLOW_IMAGE_DOWNLOAD`.
        SlowImageDownload = "SLOW_IMAGE_DOWNLOAD",
        /// `SPARK_ERROR`.
        SparkError = "SPARK_ERROR",
        /// `SPARK_IMAGE_DOWNLOAD_FAILURE`.
        SparkImageDownloadFailure = "SPARK_IMAGE_DOWNLOAD_FAILURE",
        /// `SPARK_IMAGE_DOWNLOAD_THROTTLED`.
        SparkImageDownloadThrottled = "SPARK_IMAGE_DOWNLOAD_THROTTLED",
        /// `SPARK_IMAGE_NOT_FOUND`.
        SparkImageNotFound = "SPARK_IMAGE_NOT_FOUND",
        /// `SPARK_STARTUP_FAILURE`.
        SparkStartupFailure = "SPARK_STARTUP_FAILURE",
        /// `SPOT_INSTANCE_TERMINATION`.
        SpotInstanceTermination = "SPOT_INSTANCE_TERMINATION",
        /// `SSH_BOOTSTRAP_FAILURE`.
        SshBootstrapFailure = "SSH_BOOTSTRAP_FAILURE",
        /// `STORAGE_DOWNLOAD_FAILURE`.
        StorageDownloadFailure = "STORAGE_DOWNLOAD_FAILURE",
        /// `STORAGE_DOWNLOAD_FAILURE_DUE_TO_MISCONFIG`.
        StorageDownloadFailureDueToMisconfig = "STORAGE_DOWNLOAD_FAILURE_DUE_TO_MISCONFIG",
        /// `STORAGE_DOWNLOAD_FAILURE_SLOW`.
        StorageDownloadFailureSlow = "STORAGE_DOWNLOAD_FAILURE_SLOW",
        /// `STORAGE_DOWNLOAD_FAILURE_THROTTLED`.
        StorageDownloadFailureThrottled = "STORAGE_DOWNLOAD_FAILURE_THROTTLED",
        /// `STS_CLIENT_SETUP_FAILURE`.
        StsClientSetupFailure = "STS_CLIENT_SETUP_FAILURE",
        /// `SUBNET_EXHAUSTED_FAILURE`.
        SubnetExhaustedFailure = "SUBNET_EXHAUSTED_FAILURE",
        /// `TEMPORARILY_UNAVAILABLE`.
        TemporarilyUnavailable = "TEMPORARILY_UNAVAILABLE",
        /// `TRIAL_EXPIRED`.
        TrialExpired = "TRIAL_EXPIRED",
        /// `UNEXPECTED_LAUNCH_FAILURE`.
        UnexpectedLaunchFailure = "UNEXPECTED_LAUNCH_FAILURE",
        /// `UNEXPECTED_POD_RECREATION`.
        UnexpectedPodRecreation = "UNEXPECTED_POD_RECREATION",
        /// `UNKNOWN`.
        Unknown = "UNKNOWN",
        /// `UNSUPPORTED_INSTANCE_TYPE`.
        UnsupportedInstanceType = "UNSUPPORTED_INSTANCE_TYPE",
        /// `UPDATE_INSTANCE_PROFILE_FAILURE`.
        UpdateInstanceProfileFailure = "UPDATE_INSTANCE_PROFILE_FAILURE",
        /// `USAGE_POLICY_ENTITLEMENT_DENIED`.
        UsagePolicyEntitlementDenied = "USAGE_POLICY_ENTITLEMENT_DENIED",
        /// `USER_INITIATED_VM_TERMINATION`.
        UserInitiatedVmTermination = "USER_INITIATED_VM_TERMINATION",
        /// `USER_REQUEST`.
        UserRequest = "USER_REQUEST",
        /// `WORKER_SETUP_FAILURE`.
        WorkerSetupFailure = "WORKER_SETUP_FAILURE",
        /// `WORKSPACE_CANCELLED_ERROR`.
        WorkspaceCancelledError = "WORKSPACE_CANCELLED_ERROR",
        /// `WORKSPACE_CONFIGURATION_ERROR`.
        WorkspaceConfigurationError = "WORKSPACE_CONFIGURATION_ERROR",
        /// `WORKSPACE_UPDATE`.
        WorkspaceUpdate = "WORKSPACE_UPDATE",
    }
}
