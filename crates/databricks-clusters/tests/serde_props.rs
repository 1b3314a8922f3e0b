//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields and enum values the SDK does not know) and encodes back what they
//! said. See `databricks_testkit::serde_props` for the template language.
//!
//! The open enums (`State`, `TerminationReasonCode`, `EventType`, ...) are covered through
//! the fields that hold them; `ClusterPermissionLevel` through the permissions bodies
//! (`ObjectPermissions`, `AccessControlList`, `PermissionsDescription` of `databricks-core`,
//! instantiated with it). The type aliases `UpdateClusterResource` and `ClusterAttributes`
//! (both `ClusterSpec`) are covered with their own reference shapes through
//! `UpdateCluster.cluster` and `EventDetails.attributes`; `Autoscale` is `AutoScale`.
//!
//! Not covered: `ClustersApi` (an API handle, no serde); `SparkVersionRequest` and
//! `NodeTypeRequest` (client-side selection criteria, no serde); `HardwareAcceleratorType`
//! (a Jobs compute enum no cluster type holds); the crate-private bodies
//! `ClusterIdBody` (`Serialize` only), `NodeTypesResponse` and `SparkVersionsResponse`
//! (`list_node_types` and `spark_versions` return `Vec<NodeType>` / `Vec<SparkVersion>`,
//! whose items are covered).

use databricks_clusters::{
    Adlsgen2Info, AutoScale, AwsAttributes, AzureAttributes, ChangeClusterOwner, ClientsTypes,
    CloneCluster, CloudProviderNodeInfo, ClusterDetails, ClusterEvent, ClusterId, ClusterLogConf,
    ClusterPermissionLevel, ClusterSize, ClusterSpec, CreateCluster, CreateClusterResponse,
    DataPlaneEventDetails, DbfsStorageInfo, DockerBasicAuth, DockerImage, EditCluster,
    EventDetails, GcpAttributes, GcsStorageInfo, GetEvents, GetEventsResponse,
    InitScriptEventDetails, InitScriptInfo, InitScriptInfoAndExecutionDetails,
    ListAvailableZonesResponse, ListClustersFilterBy, ListClustersRequest, ListClustersResponse,
    ListClustersSortBy, LocalFileInfo, LogAnalyticsInfo, LogSyncStatus, NodeInstanceType, NodeType,
    NodeTypeFlexibility, ResizeCluster, RestartCluster, S3StorageInfo, SparkNode,
    SparkNodeAwsAttributes, SparkVersion, TerminationReason, UpdateCluster, VolumesStorageInfo,
    WorkloadType, WorkspaceStorageInfo,
};
use databricks_core::permissions::{AccessControlList, ObjectPermissions, PermissionsDescription};
use databricks_testkit::serde_props::round_trip;
use serde_json::{Value, json};

const STATE: &str =
    "@enum:ERROR|PENDING|RESIZING|RESTARTING|RUNNING|TERMINATED|TERMINATING|UNKNOWN";
const CLUSTER_SOURCE: &str = "@enum:API|JOB|MODELS|PIPELINE|PIPELINE_MAINTENANCE|SQL|UI";
const DATA_SECURITY_MODE: &str = concat!(
    "@enum:DATA_SECURITY_MODE_AUTO|DATA_SECURITY_MODE_DEDICATED|DATA_SECURITY_MODE_STANDARD|",
    "LEGACY_PASSTHROUGH|LEGACY_SINGLE_USER|LEGACY_SINGLE_USER_STANDARD|LEGACY_TABLE_ACL|NONE|",
    "SINGLE_USER|USER_ISOLATION",
);
const RUNTIME_ENGINE: &str = "@enum:NULL|PHOTON|STANDARD";
const KIND: &str = "@enum:CLASSIC_PREVIEW";
const DEPENDENCY_MODE: &str = concat!(
    "@enum:DEPENDENCY_MODE_AUTO|DEPENDENCY_MODE_CLUSTER_LIBRARIES|",
    "DEPENDENCY_MODE_ENVIRONMENTS",
);
const TERMINATION_TYPE: &str = "@enum:CLIENT_ERROR|CLOUD_FAILURE|SERVICE_FAULT|SUCCESS";
const ORDER: &str = "@enum:ASC|DESC";
const EVENT_TYPE: &str = concat!(
    "@enum:ADD_NODES_FAILED|AUTOMATIC_CLUSTER_UPDATE|AUTOSCALING_BACKOFF|AUTOSCALING_FAILED|",
    "AUTOSCALING_STATS_REPORT|CLUSTER_MIGRATED|CREATING|DBFS_DOWN|DECOMMISSION_ENDED|",
    "DECOMMISSION_STARTED|DEFERRED_POLICY_ENFORCEMENT_FAILED|",
    "DEFERRED_POLICY_ENFORCEMENT_SCHEDULED|DID_NOT_EXPAND_DISK|DRIVER_HEALTHY|",
    "DRIVER_NOT_RESPONDING|DRIVER_UNAVAILABLE|EDITED|EXPANDED_DISK|FAILED_TO_EXPAND_DISK|",
    "INIT_SCRIPTS_FINISHED|INIT_SCRIPTS_STARTED|METASTORE_DOWN|NODES_LOST|NODE_BLACKLISTED|",
    "NODE_EXCLUDED_DECOMMISSIONED|PINNED|RESIZING|RESTARTING|RUNNING|SPARK_EXCEPTION|STARTING|",
    "TERMINATING|UC_VOLUME_MISCONFIGURED|UNPINNED|UPSIZE_COMPLETED",
);
const EVENT_CAUSE: &str =
    "@enum:AUTORECOVERY|AUTOSCALE|AUTOSCALE_V2|DBR_AUTOSCALE|REPLACE_BAD_NODES|USER_REQUEST";
const DATA_PLANE_EVENT_TYPE: &str = "@enum:NODE_BLACKLISTED|NODE_EXCLUDED_DECOMMISSIONED";
const INIT_SCRIPT_STATUS: &str = concat!(
    "@enum:FAILED_EXECUTION|FAILED_FETCH|FUSE_MOUNT_FAILED|NOT_EXECUTED|SKIPPED|SUCCEEDED|",
    "UNKNOWN",
);
const NODE_STATUS: &str = "@enum:NotAvailableInRegion|NotEnabledOnSubscription";
const AWS_AVAILABILITY: &str = "@enum:ON_DEMAND|SPOT|SPOT_WITH_FALLBACK";
const EBS_VOLUME_TYPE: &str = "@enum:GENERAL_PURPOSE_SSD|THROUGHPUT_OPTIMIZED_HDD";
const AZURE_AVAILABILITY: &str = "@enum:ON_DEMAND_AZURE|SPOT_AZURE|SPOT_WITH_FALLBACK_AZURE";
const GCP_AVAILABILITY: &str = "@enum:ON_DEMAND_GCP|PREEMPTIBLE_GCP|PREEMPTIBLE_WITH_FALLBACK_GCP";
const CONFIDENTIAL_COMPUTE: &str = "@enum:CONFIDENTIAL_COMPUTE_TYPE_NONE|SEV_SNP";
const SORT_DIRECTION: &str = "@enum:ASC|DESC";
const SORT_FIELD: &str = "@enum:CLUSTER_NAME|DEFAULT";
const PERMISSION_LEVEL: &str = "@enum:CAN_ATTACH_TO|CAN_MANAGE|CAN_RESTART";

/// `TerminationReasonCode`: the 187 values of the reference.
const TERMINATION_CODES: &[&str] = &[
    "ABUSE_DETECTED",
    "ACCESS_TOKEN_FAILURE",
    "ALLOCATION_TIMEOUT",
    "ALLOCATION_TIMEOUT_NODE_DAEMON_NOT_READY",
    "ALLOCATION_TIMEOUT_NO_HEALTHY_AND_WARMED_UP_CLUSTERS",
    "ALLOCATION_TIMEOUT_NO_HEALTHY_CLUSTERS",
    "ALLOCATION_TIMEOUT_NO_MATCHED_CLUSTERS",
    "ALLOCATION_TIMEOUT_NO_READY_CLUSTERS",
    "ALLOCATION_TIMEOUT_NO_UNALLOCATED_CLUSTERS",
    "ALLOCATION_TIMEOUT_NO_WARMED_UP_CLUSTERS",
    "ATTACH_PROJECT_FAILURE",
    "AWS_AUTHORIZATION_FAILURE",
    "AWS_INACCESSIBLE_KMS_KEY_FAILURE",
    "AWS_INSTANCE_PROFILE_UPDATE_FAILURE",
    "AWS_INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET_FAILURE",
    "AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE",
    "AWS_INVALID_KEY_PAIR",
    "AWS_INVALID_KMS_KEY_STATE",
    "AWS_MAX_SPOT_INSTANCE_COUNT_EXCEEDED_FAILURE",
    "AWS_REQUEST_LIMIT_EXCEEDED",
    "AWS_RESOURCE_QUOTA_EXCEEDED",
    "AWS_UNSUPPORTED_FAILURE",
    "AZURE_BYOK_KEY_PERMISSION_FAILURE",
    "AZURE_EPHEMERAL_DISK_FAILURE",
    "AZURE_INVALID_DEPLOYMENT_TEMPLATE",
    "AZURE_OPERATION_NOT_ALLOWED_EXCEPTION",
    "AZURE_PACKED_DEPLOYMENT_PARTIAL_FAILURE",
    "AZURE_QUOTA_EXCEEDED_EXCEPTION",
    "AZURE_RESOURCE_MANAGER_THROTTLING",
    "AZURE_RESOURCE_PROVIDER_THROTTLING",
    "AZURE_UNEXPECTED_DEPLOYMENT_TEMPLATE_FAILURE",
    "AZURE_VM_EXTENSION_FAILURE",
    "AZURE_VNET_CONFIGURATION_FAILURE",
    "BOOTSTRAP_TIMEOUT",
    "BOOTSTRAP_TIMEOUT_CLOUD_PROVIDER_EXCEPTION",
    "BOOTSTRAP_TIMEOUT_DUE_TO_MISCONFIG",
    "BUDGET_POLICY_LIMIT_ENFORCEMENT_ACTIVATED",
    "BUDGET_POLICY_RESOLUTION_FAILURE",
    "CLOUD_ACCOUNT_POD_QUOTA_EXCEEDED",
    "CLOUD_ACCOUNT_SETUP_FAILURE",
    "CLOUD_OPERATION_CANCELLED",
    "CLOUD_PROVIDER_DISK_SETUP_FAILURE",
    "CLOUD_PROVIDER_INSTANCE_NOT_LAUNCHED",
    "CLOUD_PROVIDER_LAUNCH_FAILURE",
    "CLOUD_PROVIDER_LAUNCH_FAILURE_DUE_TO_MISCONFIG",
    "CLOUD_PROVIDER_RESOURCE_STOCKOUT",
    "CLOUD_PROVIDER_RESOURCE_STOCKOUT_DUE_TO_MISCONFIG",
    "CLOUD_PROVIDER_SHUTDOWN",
    "CLUSTER_OPERATION_THROTTLED",
    "CLUSTER_OPERATION_TIMEOUT",
    "COMMUNICATION_LOST",
    "CONTAINER_LAUNCH_FAILURE",
    "CONTROL_PLANE_CONNECTION_FAILURE",
    "CONTROL_PLANE_CONNECTION_FAILURE_DUE_TO_MISCONFIG",
    "CONTROL_PLANE_REQUEST_FAILURE",
    "CONTROL_PLANE_REQUEST_FAILURE_DUE_TO_MISCONFIG",
    "DATABASE_CONNECTION_FAILURE",
    "DATA_ACCESS_CONFIG_CHANGED",
    "DBFS_COMPONENT_UNHEALTHY",
    "DBR_IMAGE_RESOLUTION_FAILURE",
    "DISASTER_RECOVERY_REPLICATION",
    "DNS_RESOLUTION_ERROR",
    "DOCKER_CONTAINER_CREATION_EXCEPTION",
    "DOCKER_IMAGE_PULL_FAILURE",
    "DOCKER_IMAGE_TOO_LARGE_FOR_INSTANCE_EXCEPTION",
    "DOCKER_INVALID_OS_EXCEPTION",
    "DRIVER_EVICTION",
    "DRIVER_LAUNCH_TIMEOUT",
    "DRIVER_NODE_UNREACHABLE",
    "DRIVER_OUT_OF_DISK",
    "DRIVER_OUT_OF_MEMORY",
    "DRIVER_POD_CREATION_FAILURE",
    "DRIVER_UNEXPECTED_FAILURE",
    "DRIVER_UNHEALTHY",
    "DRIVER_UNREACHABLE",
    "DRIVER_UNRESPONSIVE",
    "DYNAMIC_SPARK_CONF_SIZE_EXCEEDED",
    "EOS_SPARK_IMAGE",
    "EXECUTION_COMPONENT_UNHEALTHY",
    "EXECUTOR_POD_UNSCHEDULED",
    "GCP_API_RATE_QUOTA_EXCEEDED",
    "GCP_DENIED_BY_ORG_POLICY",
    "GCP_FORBIDDEN",
    "GCP_IAM_TIMEOUT",
    "GCP_INACCESSIBLE_KMS_KEY_FAILURE",
    "GCP_INSUFFICIENT_CAPACITY",
    "GCP_IP_SPACE_EXHAUSTED",
    "GCP_KMS_KEY_PERMISSION_DENIED",
    "GCP_NOT_FOUND",
    "GCP_QUOTA_EXCEEDED",
    "GCP_RESOURCE_QUOTA_EXCEEDED",
    "GCP_SERVICE_ACCOUNT_ACCESS_DENIED",
    "GCP_SERVICE_ACCOUNT_DELETED",
    "GCP_SERVICE_ACCOUNT_NOT_FOUND",
    "GCP_SUBNET_NOT_READY",
    "GCP_TRUSTED_IMAGE_PROJECTS_VIOLATED",
    "GKE_BASED_CLUSTER_TERMINATION",
    "GLOBAL_INIT_SCRIPT_FAILURE",
    "HIVEMETASTORE_CONNECTIVITY_FAILURE",
    "HIVE_METASTORE_PROVISIONING_FAILURE",
    "IMAGE_PULL_PERMISSION_DENIED",
    "INACTIVITY",
    "INIT_CONTAINER_NOT_FINISHED",
    "INIT_SCRIPT_FAILURE",
    "INSTANCE_POOL_CLUSTER_FAILURE",
    "INSTANCE_POOL_MAX_CAPACITY_REACHED",
    "INSTANCE_POOL_NOT_FOUND",
    "INSTANCE_UNREACHABLE",
    "INSTANCE_UNREACHABLE_DUE_TO_MISCONFIG",
    "INTERNAL_CAPACITY_FAILURE",
    "INTERNAL_ERROR",
    "INVALID_ARGUMENT",
    "INVALID_AWS_PARAMETER",
    "INVALID_INSTANCE_PLACEMENT_PROTOCOL",
    "INVALID_SPARK_IMAGE",
    "INVALID_WORKER_IMAGE_FAILURE",
    "IN_PENALTY_BOX",
    "IP_EXHAUSTION_FAILURE",
    "JOB_FINISHED",
    "K8S_ACTIVE_POD_QUOTA_EXCEEDED",
    "K8S_AUTOSCALING_FAILURE",
    "K8S_DBR_CLUSTER_LAUNCH_TIMEOUT",
    "LAZY_ALLOCATION_TIMEOUT",
    "MAINTENANCE_MODE",
    "METASTORE_COMPONENT_UNHEALTHY",
    "MTLS_PORT_CONNECTIVITY_FAILURE",
    "NEPHOS_RESOURCE_MANAGEMENT",
    "NETVISOR_SETUP_TIMEOUT",
    "NETWORK_CHECK_CONTROL_PLANE_FAILURE",
    "NETWORK_CHECK_CONTROL_PLANE_FAILURE_DUE_TO_MISCONFIG",
    "NETWORK_CHECK_DNS_SERVER_FAILURE",
    "NETWORK_CHECK_DNS_SERVER_FAILURE_DUE_TO_MISCONFIG",
    "NETWORK_CHECK_METADATA_ENDPOINT_FAILURE",
    "NETWORK_CHECK_METADATA_ENDPOINT_FAILURE_DUE_TO_MISCONFIG",
    "NETWORK_CHECK_MULTIPLE_COMPONENTS_FAILURE",
    "NETWORK_CHECK_MULTIPLE_COMPONENTS_FAILURE_DUE_TO_MISCONFIG",
    "NETWORK_CHECK_NIC_FAILURE",
    "NETWORK_CHECK_NIC_FAILURE_DUE_TO_MISCONFIG",
    "NETWORK_CHECK_STORAGE_FAILURE",
    "NETWORK_CHECK_STORAGE_FAILURE_DUE_TO_MISCONFIG",
    "NETWORK_CONFIGURATION_FAILURE",
    "NFS_MOUNT_FAILURE",
    "NO_MATCHED_K8S",
    "NO_MATCHED_K8S_TESTING_TAG",
    "NPIP_TUNNEL_SETUP_FAILURE",
    "NPIP_TUNNEL_TOKEN_FAILURE",
    "POD_ASSIGNMENT_FAILURE",
    "POD_SCHEDULING_FAILURE",
    "RATE_LIMITED",
    "REQUEST_REJECTED",
    "REQUEST_THROTTLED",
    "RESOURCE_USAGE_BLOCKED",
    "SECRET_CREATION_FAILURE",
    "SECRET_PERMISSION_DENIED",
    "SECRET_RESOLUTION_ERROR",
    "SECURITY_DAEMON_REGISTRATION_EXCEPTION",
    "SELF_BOOTSTRAP_FAILURE",
    "SERVERLESS_LONG_RUNNING_TERMINATED",
    "SKIPPED_SLOW_NODES",
    "SLOW_IMAGE_DOWNLOAD",
    "SPARK_ERROR",
    "SPARK_IMAGE_DOWNLOAD_FAILURE",
    "SPARK_IMAGE_DOWNLOAD_THROTTLED",
    "SPARK_IMAGE_NOT_FOUND",
    "SPARK_STARTUP_FAILURE",
    "SPOT_INSTANCE_TERMINATION",
    "SSH_BOOTSTRAP_FAILURE",
    "STORAGE_DOWNLOAD_FAILURE",
    "STORAGE_DOWNLOAD_FAILURE_DUE_TO_MISCONFIG",
    "STORAGE_DOWNLOAD_FAILURE_SLOW",
    "STORAGE_DOWNLOAD_FAILURE_THROTTLED",
    "STS_CLIENT_SETUP_FAILURE",
    "SUBNET_EXHAUSTED_FAILURE",
    "TEMPORARILY_UNAVAILABLE",
    "TRIAL_EXPIRED",
    "UNEXPECTED_LAUNCH_FAILURE",
    "UNEXPECTED_POD_RECREATION",
    "UNKNOWN",
    "UNSUPPORTED_INSTANCE_TYPE",
    "UPDATE_INSTANCE_PROFILE_FAILURE",
    "USAGE_POLICY_ENTITLEMENT_DENIED",
    "USER_INITIATED_VM_TERMINATION",
    "USER_REQUEST",
    "WORKER_SETUP_FAILURE",
    "WORKSPACE_CANCELLED_ERROR",
    "WORKSPACE_CONFIGURATION_ERROR",
    "WORKSPACE_UPDATE",
];

const CLUSTER_ID: &str = "0923-164208-meows279";
/// Epoch milliseconds (2100-01-01).
const TIME: u64 = 4_102_444_800_000;
const INT32: u64 = 2_147_483_647;
/// Worker counts.
const WORKERS: u64 = 100_000;
/// Disk sizes in bytes (256 TiB).
const BYTES: u64 = 281_474_976_710_656;

/// The templates, from the API reference.
mod template {
    use super::*;

    pub fn termination_code() -> String {
        format!("@enum:{}", TERMINATION_CODES.join("|"))
    }

    /// `base` with the fields of `more` added (both object templates).
    pub fn with(base: &Value, more: Value) -> Value {
        let mut out = base.clone();
        if let (Some(out), Value::Object(more)) = (out.as_object_mut(), more) {
            out.extend(more);
        }
        out
    }

    pub fn autoscale() -> Value {
        json!({ "max_workers": WORKERS, "min_workers": WORKERS })
    }

    pub fn aws_attributes() -> Value {
        json!({
            "availability": AWS_AVAILABILITY,
            "ebs_volume_count": 10,
            "ebs_volume_iops": 64_000,
            "ebs_volume_size": 4096,
            "ebs_volume_throughput": 4000,
            "ebs_volume_type": EBS_VOLUME_TYPE,
            "first_on_demand": WORKERS,
            "instance_profile_arn": "arn:aws:iam::123456789012:instance-profile/name",
            "spot_bid_price_percent": 10_000,
            "zone_id": "us-west-2a",
        })
    }

    pub fn log_analytics_info() -> Value {
        json!({ "log_analytics_primary_key": "key", "log_analytics_workspace_id": "id" })
    }

    pub fn azure_attributes() -> Value {
        json!({
            "availability": AZURE_AVAILABILITY,
            "capacity_reservation_group": "/subscriptions/s/resourceGroups/g",
            "first_on_demand": WORKERS,
            "log_analytics_info": log_analytics_info(),
            // -1 (evict on capacity only) or a positive price.
            "spot_bid_max_price": { "@oneof": [-1, 10_000.0] },
        })
    }

    pub fn gcp_attributes() -> Value {
        json!({
            "availability": GCP_AVAILABILITY,
            "boot_disk_size": 65_536,
            "confidential_compute_type": CONFIDENTIAL_COMPUTE,
            "first_on_demand": WORKERS,
            "google_service_account": "sa@project.iam.gserviceaccount.com",
            "local_ssd_count": 24,
            "use_preemptible_executors": false,
            "zone_id": "HA",
        })
    }

    pub fn destination() -> Value {
        json!({ "destination": "path" })
    }

    pub fn s3_storage_info() -> Value {
        json!({
            "canned_acl": "bucket-owner-full-control",
            "destination": "s3://bucket/prefix",
            "enable_encryption": false,
            "encryption_type": "sse-kms",
            "endpoint": "https://s3-us-west-2.amazonaws.com",
            "kms_key": "arn:aws:kms:us-west-2:123456789012:key/k",
            "region": "us-west-2",
        })
    }

    /// A `ClusterLogConf`: exactly one of `dbfs`, `s3`, `volumes`.
    pub fn cluster_log_conf() -> Value {
        json!({ "@oneof": [
            { "dbfs!": destination() },
            { "s3!": s3_storage_info() },
            { "volumes!": destination() },
        ]})
    }

    /// The destinations of an `InitScriptInfo`, one object per kind.
    pub fn init_script_destinations() -> Vec<Value> {
        vec![
            json!({ "abfss!": destination() }),
            json!({ "dbfs!": destination() }),
            json!({ "file!": destination() }),
            json!({ "gcs!": destination() }),
            json!({ "s3!": s3_storage_info() }),
            json!({ "volumes!": destination() }),
            json!({ "workspace!": destination() }),
        ]
    }

    /// An `InitScriptInfo`: exactly one destination.
    pub fn init_script_info() -> Value {
        json!({ "@oneof": init_script_destinations() })
    }

    pub fn docker_basic_auth() -> Value {
        json!({ "password": "password", "username": "username" })
    }

    pub fn docker_image() -> Value {
        json!({ "basic_auth": docker_basic_auth(), "url": "databricksruntime/standard:latest" })
    }

    pub fn clients_types() -> Value {
        json!({ "jobs": false, "notebooks": false })
    }

    pub fn workload_type() -> Value {
        json!({ "clients": clients_types() })
    }

    pub fn node_type_flexibility() -> Value {
        json!({ "alternate_node_type_ids": ["i3.xlarge"] })
    }

    /// The `ClusterSpec` fields shared by every cluster shape: all but
    /// `apply_policy_default_values`, `autoscale` and `num_workers` (this is `ClusterAttributes`).
    pub fn cluster_attributes() -> Value {
        json!({
            "autotermination_minutes": 10_000,
            "aws_attributes": aws_attributes(),
            "azure_attributes": azure_attributes(),
            "cluster_log_conf": cluster_log_conf(),
            "cluster_name": "name",
            "custom_tags": { "@map": "v" },
            "data_security_mode": DATA_SECURITY_MODE,
            "dependency_mode": DEPENDENCY_MODE,
            "docker_image": docker_image(),
            "driver_instance_pool_id": "pool",
            "driver_node_type_flexibility": node_type_flexibility(),
            "driver_node_type_id": "i3.xlarge",
            "enable_elastic_disk": false,
            "enable_local_disk_encryption": false,
            "gcp_attributes": gcp_attributes(),
            "init_scripts": [init_script_info()],
            "instance_pool_id": "pool",
            "is_single_node": false,
            "kind": KIND,
            "node_type_id": "i3.xlarge",
            "policy_id": "policy",
            "remote_disk_throughput": INT32,
            "runtime_engine": RUNTIME_ENGINE,
            "single_user_name": "user@example.com",
            "spark_conf": { "@map": "v" },
            "spark_env_vars": { "@map": "v" },
            "spark_version": "15.4.x-scala2.12",
            "ssh_public_keys": ["ssh-ed25519 AAAA"],
            "total_initial_remote_disk_size": INT32,
            "use_ml_runtime": false,
            "worker_node_type_flexibility": node_type_flexibility(),
            "workload_type": workload_type(),
        })
    }

    /// `fields` with a size: `num_workers` or `autoscale`, which are mutually exclusive.
    pub fn sized(fields: &Value) -> Value {
        json!({ "@oneof": [
            with(fields, json!({ "num_workers": WORKERS })),
            with(fields, json!({ "autoscale": autoscale() })),
        ]})
    }

    /// `ClusterSpec`, the fields of `create` and `edit` (and Jobs' `new_cluster`).
    pub fn spec_fields() -> Value {
        with(
            &cluster_attributes(),
            json!({ "apply_policy_default_values": false }),
        )
    }

    pub fn cluster_spec() -> Value {
        sized(&spec_fields())
    }

    /// `UpdateClusterResource`: `ClusterSpec` without `apply_policy_default_values`.
    pub fn update_cluster_resource() -> Value {
        sized(&cluster_attributes())
    }

    pub fn spark_node() -> Value {
        json!({
            "host_private_ip": "10.0.0.1",
            "instance_id": "i-0a1b2c3d4e5f",
            "node_aws_attributes": { "is_spot": false },
            "node_id": "node",
            "private_ip": "10.0.0.2",
            "public_dns": "ec2.example.com",
            "start_timestamp": TIME,
        })
    }

    pub fn log_sync_status() -> Value {
        json!({ "last_attempted": TIME, "last_exception": "exception" })
    }

    pub fn termination_reason() -> Value {
        json!({
            "code": termination_code(),
            "parameters": { "@map": "v" },
            "type": TERMINATION_TYPE,
        })
    }

    pub fn cluster_details() -> Value {
        // A description carries both `num_workers` (the target size) and `autoscale`.
        with(
            &cluster_attributes(),
            json!({
                "autoscale": autoscale(),
                "cluster_cores": 100_000.0,
                "cluster_id": CLUSTER_ID,
                "cluster_log_status": log_sync_status(),
                "cluster_memory_mb": 100_000_000,
                "cluster_source": CLUSTER_SOURCE,
                "creator_user_name": "user@example.com",
                "default_tags": { "@map": "v" },
                "driver": spark_node(),
                "executors": [spark_node()],
                "jdbc_port": 65_535,
                "last_restarted_time": TIME,
                "last_state_loss_time": TIME,
                "num_workers": WORKERS,
                "spark_context_id": i64::MAX,
                "spec": cluster_spec(),
                "start_time": TIME,
                "state": STATE,
                "state_message": "message",
                "terminated_time": TIME,
                "termination_reason": termination_reason(),
            }),
        )
    }

    pub fn get_events() -> Value {
        json!({
            "cluster_id": CLUSTER_ID,
            "end_time": TIME,
            "event_types": [EVENT_TYPE],
            "limit": 500,
            "offset": WORKERS,
            "order": ORDER,
            "page_size": 500,
            "page_token": "token",
            "start_time": TIME,
        })
    }

    pub fn cluster_size() -> Value {
        json!({ "autoscale": autoscale(), "num_workers": WORKERS })
    }

    pub fn data_plane_event_details() -> Value {
        json!({
            "event_type": DATA_PLANE_EVENT_TYPE,
            "executor_failures": INT32,
            "host_id": "host",
            "timestamp": TIME,
        })
    }

    /// An `InitScriptInfo` (one destination) plus how it ran.
    pub fn init_script_execution() -> Value {
        let run = json!({
            "error_message": "error",
            "execution_duration_seconds": INT32,
            "status": INIT_SCRIPT_STATUS,
            "stderr": "stderr",
        });
        let each: Vec<Value> = init_script_destinations()
            .iter()
            .map(|d| with(d, run.clone()))
            .collect();
        json!({ "@oneof": each })
    }

    pub fn init_script_event_details() -> Value {
        json!({
            "cluster": [init_script_execution()],
            "global": [init_script_execution()],
            "reported_for_node": "node",
        })
    }

    pub fn event_details() -> Value {
        json!({
            "attributes": cluster_attributes(),
            "cause": EVENT_CAUSE,
            "cluster_size": cluster_size(),
            "current_num_vcpus": INT32,
            "current_num_workers": WORKERS,
            "did_not_expand_reason": "reason",
            "disk_size": BYTES,
            "driver_state_message": "message",
            "enable_termination_for_node_blocklisted": false,
            "free_space": BYTES,
            "init_scripts": init_script_event_details(),
            "instance_id": "i-0a1b2c3d4e5f",
            "job_run_name": "run",
            "previous_attributes": cluster_attributes(),
            "previous_cluster_size": cluster_size(),
            "previous_disk_size": BYTES,
            "reason": termination_reason(),
            "target_num_vcpus": INT32,
            "target_num_workers": WORKERS,
            "user": "user@example.com",
        })
    }

    pub fn cluster_event() -> Value {
        json!({
            "cluster_id": CLUSTER_ID,
            "data_plane_event_details": data_plane_event_details(),
            "details": event_details(),
            "timestamp": TIME,
            "type": EVENT_TYPE,
        })
    }

    pub fn list_filter_by() -> Value {
        json!({
            "cluster_sources": [CLUSTER_SOURCE],
            "cluster_states": [STATE],
            "is_pinned": false,
            "policy_id": "policy",
        })
    }

    pub fn list_sort_by() -> Value {
        json!({ "direction": SORT_DIRECTION, "field": SORT_FIELD })
    }

    pub fn node_instance_type() -> Value {
        json!({
            "instance_type_id": "i3.xlarge",
            "local_disk_size_gb": 65_536,
            "local_disks": 24,
            "local_nvme_disk_size_gb": 65_536,
            "local_nvme_disks": 24,
        })
    }

    pub fn cloud_provider_node_info() -> Value {
        json!({ "status": [NODE_STATUS] })
    }
}

// The specs.

#[test]
fn cluster_spec() {
    round_trip::<ClusterSpec>(template::cluster_spec());
}

#[test]
fn create_cluster() {
    round_trip::<CreateCluster>(template::sized(&template::with(
        &template::spec_fields(),
        json!({ "clone_from": { "source_cluster_id!": CLUSTER_ID } }),
    )));
}

#[test]
fn clone_cluster() {
    round_trip::<CloneCluster>(json!({ "source_cluster_id!": CLUSTER_ID }));
}

#[test]
fn edit_cluster() {
    round_trip::<EditCluster>(template::sized(&template::with(
        &template::spec_fields(),
        json!({ "cluster_id!": CLUSTER_ID }),
    )));
}

#[test]
fn update_cluster() {
    round_trip::<UpdateCluster>(json!({
        "cluster": template::update_cluster_resource(),
        "cluster_id!": CLUSTER_ID,
        "update_mask!": "num_workers,spark_conf",
    }));
}

#[test]
fn auto_scale() {
    round_trip::<AutoScale>(template::autoscale());
}

#[test]
fn aws_attributes() {
    round_trip::<AwsAttributes>(template::aws_attributes());
}

#[test]
fn azure_attributes() {
    round_trip::<AzureAttributes>(template::azure_attributes());
}

#[test]
fn log_analytics_info() {
    round_trip::<LogAnalyticsInfo>(template::log_analytics_info());
}

#[test]
fn gcp_attributes() {
    round_trip::<GcpAttributes>(template::gcp_attributes());
}

#[test]
fn cluster_log_conf() {
    round_trip::<ClusterLogConf>(template::cluster_log_conf());
}

#[test]
fn init_script_info() {
    round_trip::<InitScriptInfo>(template::init_script_info());
}

#[test]
fn destinations() {
    round_trip::<DbfsStorageInfo>(template::destination());
    round_trip::<WorkspaceStorageInfo>(template::destination());
    round_trip::<VolumesStorageInfo>(template::destination());
    round_trip::<LocalFileInfo>(template::destination());
    round_trip::<GcsStorageInfo>(template::destination());
    round_trip::<Adlsgen2Info>(template::destination());
}

#[test]
fn s3_storage_info() {
    round_trip::<S3StorageInfo>(template::s3_storage_info());
}

#[test]
fn docker_image() {
    round_trip::<DockerImage>(template::docker_image());
}

#[test]
fn docker_basic_auth() {
    round_trip::<DockerBasicAuth>(template::docker_basic_auth());
}

#[test]
fn workload_type() {
    round_trip::<WorkloadType>(template::workload_type());
}

#[test]
fn clients_types() {
    round_trip::<ClientsTypes>(template::clients_types());
}

#[test]
fn node_type_flexibility() {
    round_trip::<NodeTypeFlexibility>(template::node_type_flexibility());
}

// Small requests and responses.

#[test]
fn create_cluster_response() {
    round_trip::<CreateClusterResponse>(json!({ "cluster_id": CLUSTER_ID }));
}

#[test]
fn cluster_id() {
    round_trip::<ClusterId>(json!(CLUSTER_ID));
}

#[test]
fn restart_cluster() {
    round_trip::<RestartCluster>(json!({
        "cluster_id!": CLUSTER_ID,
        "restart_user": "user@example.com",
    }));
}

#[test]
fn resize_cluster() {
    // One of `num_workers` and `autoscale`.
    round_trip::<ResizeCluster>(template::sized(&json!({ "cluster_id!": CLUSTER_ID })));
}

#[test]
fn change_cluster_owner() {
    round_trip::<ChangeClusterOwner>(json!({
        "cluster_id!": CLUSTER_ID,
        "owner_username!": "user@example.com",
    }));
}

// Descriptions and listings.

#[test]
fn cluster_details() {
    round_trip::<ClusterDetails>(template::cluster_details());
}

#[test]
fn spark_node() {
    round_trip::<SparkNode>(template::spark_node());
}

#[test]
fn spark_node_aws_attributes() {
    round_trip::<SparkNodeAwsAttributes>(json!({ "is_spot": false }));
}

#[test]
fn log_sync_status() {
    round_trip::<LogSyncStatus>(template::log_sync_status());
}

#[test]
fn termination_reason() {
    round_trip::<TerminationReason>(template::termination_reason());
}

#[test]
fn list_clusters_request() {
    round_trip::<ListClustersRequest>(json!({
        "filter_by": template::list_filter_by(),
        "page_size": INT32,
        "page_token": "token",
        "sort_by": template::list_sort_by(),
    }));
}

#[test]
fn list_clusters_filter_by() {
    round_trip::<ListClustersFilterBy>(template::list_filter_by());
}

#[test]
fn list_clusters_sort_by() {
    round_trip::<ListClustersSortBy>(template::list_sort_by());
}

#[test]
fn list_clusters_response() {
    round_trip::<ListClustersResponse>(json!({
        "clusters": [template::cluster_details()],
        "next_page_token": "token",
        "prev_page_token": "token",
    }));
}

// Events.

#[test]
fn get_events() {
    round_trip::<GetEvents>(template::get_events());
}

#[test]
fn get_events_response() {
    round_trip::<GetEventsResponse>(json!({
        "events": [template::cluster_event()],
        "next_page": template::get_events(),
        "next_page_token": "token",
        "prev_page_token": "token",
        "total_count": WORKERS,
    }));
}

#[test]
fn cluster_event() {
    round_trip::<ClusterEvent>(template::cluster_event());
}

#[test]
fn event_details() {
    round_trip::<EventDetails>(template::event_details());
}

#[test]
fn cluster_size() {
    round_trip::<ClusterSize>(template::cluster_size());
}

#[test]
fn data_plane_event_details() {
    round_trip::<DataPlaneEventDetails>(template::data_plane_event_details());
}

#[test]
fn init_script_event_details() {
    round_trip::<InitScriptEventDetails>(template::init_script_event_details());
}

#[test]
fn init_script_info_and_execution_details() {
    round_trip::<InitScriptInfoAndExecutionDetails>(template::init_script_execution());
}

// Catalogues.

#[test]
fn node_type() {
    round_trip::<NodeType>(json!({
        "category": "General Purpose",
        "description": "description",
        "display_order": INT32,
        "instance_type_id": "i3.xlarge",
        "is_deprecated": false,
        "is_encrypted_in_transit": false,
        "is_graviton": false,
        "is_hidden": false,
        "is_io_cache_enabled": false,
        "memory_mb": 4_194_304,
        "node_info": template::cloud_provider_node_info(),
        "node_instance_type": template::node_instance_type(),
        "node_type_id": "i3.xlarge",
        "num_cores": 512.0,
        "num_gpus": 16,
        "photon_driver_capable": false,
        "photon_worker_capable": false,
        "support_cluster_tags": false,
        "support_ebs_volumes": false,
        "support_port_forwarding": false,
    }));
}

#[test]
fn node_instance_type() {
    round_trip::<NodeInstanceType>(template::node_instance_type());
}

#[test]
fn cloud_provider_node_info() {
    round_trip::<CloudProviderNodeInfo>(template::cloud_provider_node_info());
}

#[test]
fn spark_version() {
    round_trip::<SparkVersion>(json!({ "key": "15.4.x-scala2.12", "name": "15.4 LTS" }));
}

#[test]
fn list_available_zones_response() {
    round_trip::<ListAvailableZonesResponse>(json!({
        "default_zone": "us-west-2a",
        "zones": ["us-west-2a"],
    }));
}

// Cluster permissions (the shared Permissions API shapes with the cluster levels).

#[test]
fn object_permissions() {
    round_trip::<ObjectPermissions<ClusterPermissionLevel>>(json!({
        "access_control_list": [{
            "all_permissions": [{
                "inherited": false,
                "inherited_from_object": ["/clusters/"],
                "permission_level": PERMISSION_LEVEL,
            }],
            "display_name": "name",
            "group_name": "group",
            "service_principal_name": "application-id",
            "user_name": "user@example.com",
        }],
        "object_id": "/clusters/0923-164208-meows279",
        "object_type": "cluster",
    }));
}

#[test]
fn access_control_list() {
    // Each grant names exactly one principal.
    round_trip::<AccessControlList<ClusterPermissionLevel>>(json!({
        "access_control_list": [{ "@oneof": [
            { "group_name!": "group", "permission_level": PERMISSION_LEVEL },
            { "service_principal_name!": "application-id", "permission_level": PERMISSION_LEVEL },
            { "user_name!": "user@example.com", "permission_level": PERMISSION_LEVEL },
        ]}],
    }));
}

#[test]
fn permissions_description() {
    round_trip::<PermissionsDescription<ClusterPermissionLevel>>(json!({
        "description": "description",
        "permission_level": PERMISSION_LEVEL,
    }));
}
