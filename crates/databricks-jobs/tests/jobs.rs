//! Wire tests for the job endpoints (`/api/2.2/jobs/{create,list,get,reset,update,delete}`) and
//! job permissions.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_jobs::{
    CreateJob, CronSchedule, GetJob, JobAccessControlRequest, JobCluster, JobPermissionLevel,
    JobSettings, JobsApi, JobsApiVersion, ListJobs, QueueSettings, RunIf, Task, TaskDependency,
    UpdateJob,
};
use serde_json::json;
use wiremock::matchers::{body_json, query_param};

const JOB_GET: &str = include_str!("fixtures/job_get.json");

fn two_tasks() -> JobSettings {
    JobSettings {
        name: Some("nightly".into()),
        tasks: vec![
            Task {
                existing_cluster_id: Some("c1".into()),
                ..Task::notebook("a", "/n/a")
            },
            Task {
                depends_on: vec![TaskDependency::new("a")],
                existing_cluster_id: Some("c1".into()),
                run_if: Some(RunIf::AllDone),
                ..Task::notebook("b", "/n/b")
            },
        ],
        ..Default::default()
    }
}

#[tokio::test]
async fn create_sends_settings_and_returns_the_id() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/create")
        .and(no_query)
        .and(body_json(json!({
            "name": "nightly",
            "max_concurrent_runs": 0,
            "schedule": { "quartz_cron_expression": "0 0 1 * * ?", "timezone_id": "UTC" },
            "queue": { "enabled": false },
            "tasks": [
                { "task_key": "a", "existing_cluster_id": "c1", "notebook_task": { "notebook_path": "/n/a" } },
                { "task_key": "b", "existing_cluster_id": "c1", "notebook_task": { "notebook_path": "/n/b" },
                  "depends_on": [ { "task_key": "a" } ], "run_if": "ALL_DONE" }
            ],
            "access_control_list": [ { "user_name": "ops@example.com", "permission_level": "IS_OWNER" } ]
        })))
        .respond_with(ok_json(json!({ "job_id": 754210933871025_i64 })))
        .expect(1)
        .mount(&server)
        .await;
    let id = api
        .create(CreateJob {
            settings: JobSettings {
                max_concurrent_runs: Some(0),
                schedule: Some(CronSchedule::new("0 0 1 * * ?", "UTC")),
                queue: Some(QueueSettings::enabled(false)),
                ..two_tasks()
            },
            access_control_list: vec![JobAccessControlRequest::user(
                "ops@example.com",
                JobPermissionLevel::IsOwner,
            )],
        })
        .await
        .unwrap();
    assert_eq!(id.get(), 754210933871025);
}

#[tokio::test]
async fn create_is_not_retried_on_a_5xx() {
    let server = wiremock::MockServer::start().await;
    let api = JobsApi::new(retrying_client(&server));
    endpoint("POST", "/api/2.2/jobs/create")
        .respond_with(api_error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.create(two_tasks()).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
}

#[tokio::test]
async fn create_rejects_bad_task_graphs_before_sending() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    let mut dup = two_tasks();
    dup.tasks[1].task_key = "a".into();
    assert_invalid(api.create(dup).await, "tasks[1].task_key");

    let mut unknown = two_tasks();
    unknown.tasks[1].depends_on = vec![TaskDependency::new("nope")];
    assert_invalid(api.create(unknown).await, "tasks[1].depends_on[0].task_key");

    let mut cycle = two_tasks();
    cycle.tasks[0].depends_on = vec![TaskDependency::new("b")];
    let err = api.create(cycle).await.unwrap_err();
    assert!(err.to_string().contains("cycle"), "{err}");
    assert_invalid(Err::<(), _>(err), "tasks");

    let mut cluster = two_tasks();
    cluster.tasks[0].job_cluster_key = Some("missing".into());
    cluster.job_clusters = vec![JobCluster {
        job_cluster_key: "other".into(),
        ..Default::default()
    }];
    assert_invalid(api.create(cluster).await, "tasks[0].job_cluster_key");

    let mut two_types = two_tasks();
    two_types.tasks[0].spark_python_task =
        Some(databricks_jobs::SparkPythonTask::new("dbfs:/x.py"));
    assert_invalid(api.create(two_types).await, "tasks[0]");

    let too_many_runs = JobSettings {
        max_concurrent_runs: Some(1001),
        ..two_tasks()
    };
    assert_invalid(api.create(too_many_runs).await, "max_concurrent_runs");

    let both = JobSettings {
        schedule: Some(CronSchedule::new("0 0 1 * * ?", "UTC")),
        continuous: Some(Default::default()),
        ..two_tasks()
    };
    assert_invalid(api.create(both).await, "continuous");

    let tags = JobSettings {
        tags: (0..26)
            .map(|i| (format!("k{i}"), "v".to_string()))
            .collect(),
        ..two_tasks()
    };
    assert_invalid(api.create(tags).await, "tags");

    let long_name = JobSettings {
        name: Some("é".repeat(2049)),
        ..two_tasks()
    };
    assert_invalid(api.create(long_name).await, "name");

    let bad_key = JobSettings {
        tasks: vec![Task::notebook("has space", "/n")],
        ..Default::default()
    };
    assert_invalid(api.create(bad_key).await, "tasks[0].task_key");
}

#[tokio::test]
async fn get_decodes_a_full_job_and_sends_the_query() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/get")
        .and(exact_query(&[
            ("job_id", "754210933871025"),
            ("include_trigger_state", "true"),
        ]))
        .and(no_body)
        .respond_with(ok_json(fixture(JOB_GET)))
        .expect(1)
        .mount(&server)
        .await;
    let job = api
        .get(GetJob {
            include_trigger_state: Some(true),
            ..GetJob::new(754210933871025)
        })
        .await
        .unwrap();
    assert_eq!(job.job_id.get(), 754210933871025);
    assert_eq!(job.settings.name.as_deref(), Some("daily-sales-etl"));
    assert_eq!(job.settings.tasks.len(), 11);
    assert_eq!(
        job.settings.tasks[1].run_if,
        Some(RunIf::from("SOME_FUTURE_RUN_IF"))
    );
    assert_eq!(job.settings.tasks[0].extra["future_task_field"], "kept");
    assert_eq!(
        job.settings.extra["future_setting"],
        json!({ "nested": true })
    );
}

#[tokio::test]
async fn get_merges_the_2_2_array_pages() {
    let (server, api) = setup().await;
    let page1 = json!({
        "job_id": 1, "next_page_token": "p2",
        "settings": { "name": "big",
            "tasks": (0..100).map(|i| json!({ "task_key": format!("t{i}") })).collect::<Vec<_>>(),
            "job_clusters": [ { "job_cluster_key": "c0" } ],
            "parameters": [ { "name": "a", "default": "1" } ],
            "environments": [ { "environment_key": "e0" } ] }
    });
    let page2 = json!({
        "job_id": 1, "next_page_token": "p3",
        "settings": { "name": "big",
            "tasks": (100..200).map(|i| json!({ "task_key": format!("t{i}") })).collect::<Vec<_>>(),
            "job_clusters": [ { "job_cluster_key": "c1" } ] }
    });
    let page3 = json!({
        "job_id": 1,
        "settings": { "name": "big", "tasks": [ { "task_key": "t200" } ],
                      "parameters": [ { "name": "b", "default": "2" } ],
                      "environments": [ { "environment_key": "e1" } ] }
    });
    endpoint("GET", "/api/2.2/jobs/get")
        .and(exact_query(&[("job_id", "1")]))
        .respond_with(ok_json(page1))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.2/jobs/get")
        .and(exact_query(&[("job_id", "1"), ("page_token", "p2")]))
        .respond_with(ok_json(page2))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.2/jobs/get")
        .and(exact_query(&[("job_id", "1"), ("page_token", "p3")]))
        .respond_with(ok_json(page3))
        .expect(1)
        .mount(&server)
        .await;
    let job = api.get(1).await.unwrap();
    assert_eq!(job.settings.tasks.len(), 201);
    assert_eq!(job.settings.tasks[200].task_key, "t200");
    let clusters: Vec<_> = job
        .settings
        .job_clusters
        .iter()
        .map(|c| c.job_cluster_key.as_str())
        .collect();
    assert_eq!(clusters, ["c0", "c1"]);
    assert_eq!(job.settings.parameters.len(), 2);
    assert_eq!(job.settings.environments.len(), 2);
    assert_eq!(job.next_page_token, None);
}

#[tokio::test]
async fn get_stops_on_a_repeated_page_token() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/get")
        .respond_with(ok_json(json!({
            "job_id": 1, "next_page_token": "same", "settings": { "tasks": [ { "task_key": "x" } ] }
        })))
        .expect(2)
        .mount(&server)
        .await;
    let job = api.get(1).await.unwrap();
    assert_eq!(job.settings.tasks.len(), 2);
}

#[tokio::test]
async fn get_of_a_missing_job_is_not_found() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/get")
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Job 42 does not exist.",
        ))
        .mount(&server)
        .await;
    let err = api.get(42).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn api_2_1_uses_the_2_1_paths() {
    let server = wiremock::MockServer::start().await;
    let api = JobsApi::new(client(&server)).with_api_version(JobsApiVersion::V2_1);
    assert_eq!(api.api_version(), JobsApiVersion::V2_1);
    endpoint("GET", "/api/2.1/jobs/get")
        .and(query_param("job_id", "5"))
        .respond_with(ok_json(json!({ "job_id": 5, "settings": { "name": "x" } })))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(api.get(5).await.unwrap().job_id.get(), 5);
}

#[tokio::test]
async fn reset_sends_back_everything_read_including_unknown_fields() {
    let (server, api) = setup().await;
    let original = fixture(JOB_GET);
    let mut expected_settings = original["settings"].clone();
    expected_settings["max_concurrent_runs"] = json!(5);
    endpoint("GET", "/api/2.2/jobs/get")
        .respond_with(ok_json(original.clone()))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.2/jobs/reset")
        .and(no_query)
        .and(body_json(json!({
            "job_id": 754210933871025_i64,
            "new_settings": expected_settings,
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    let job = api.get(754210933871025).await.unwrap();
    let mut settings = job.settings;
    settings.max_concurrent_runs = Some(5);
    api.reset(job.job_id, settings).await.unwrap();
}

#[tokio::test]
async fn reset_validates_the_new_settings() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    let mut settings = two_tasks();
    settings.tasks[0].depends_on = vec![TaskDependency::new("b")];
    assert_invalid(api.reset(1, settings).await, "new_settings.tasks");
}

#[tokio::test]
async fn update_sends_new_settings_and_fields_to_remove() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/update")
        .and(body_json(json!({
            "job_id": 7,
            "new_settings": {
                "max_concurrent_runs": 3,
                "tasks": [ { "task_key": "c", "depends_on": [ { "task_key": "existing" } ],
                             "notebook_task": { "notebook_path": "/n/c" } } ]
            },
            "fields_to_remove": ["schedule", "tasks/old"]
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.update(UpdateJob {
        new_settings: Some(JobSettings {
            max_concurrent_runs: Some(3),
            tasks: vec![Task {
                depends_on: vec![TaskDependency::new("existing")],
                ..Task::notebook("c", "/n/c")
            }],
            ..Default::default()
        }),
        fields_to_remove: vec!["schedule".into(), "tasks/old".into()],
        ..UpdateJob::new(7)
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn update_rejects_duplicates_and_cycles_in_sent_tasks() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    let dup = UpdateJob {
        new_settings: Some(JobSettings {
            tasks: vec![Task::notebook("a", "/a"), Task::notebook("a", "/b")],
            ..Default::default()
        }),
        ..UpdateJob::new(7)
    };
    assert_invalid(api.update(dup).await, "new_settings.tasks[1].task_key");
    let cycle = UpdateJob {
        new_settings: Some(JobSettings {
            tasks: vec![
                Task {
                    depends_on: vec![TaskDependency::new("b")],
                    ..Task::notebook("a", "/a")
                },
                Task {
                    depends_on: vec![TaskDependency::new("a")],
                    ..Task::notebook("b", "/b")
                },
            ],
            ..Default::default()
        }),
        ..UpdateJob::new(7)
    };
    assert_invalid(api.update(cycle).await, "new_settings.tasks");
}

#[tokio::test]
async fn delete_sends_the_job_id() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/delete")
        .and(body_json(json!({ "job_id": 912345678901234_i64 })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.delete(912345678901234).await.unwrap();
}

#[tokio::test]
async fn delete_without_permission_is_permission_denied() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/delete")
        .respond_with(api_error(
            403,
            "PERMISSION_DENIED",
            "User does not have Manage permissions on Job 1",
        ))
        .expect(1)
        .mount(&server)
        .await;
    assert!(api.delete(1).await.unwrap_err().is_permission_denied());
}

#[tokio::test]
async fn list_follows_page_tokens_with_filters() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/list")
        .and(exact_query(&[("limit", "100"), ("name", "Nightly")]))
        .and(no_body)
        .respond_with(ok_json(json!({
            "jobs": [ { "job_id": 1, "settings": { "name": "nightly", "format": "MULTI_TASK" } },
                      { "job_id": 2, "settings": { "name": "NIGHTLY" } } ],
            "has_more": true, "next_page_token": "CAEomPuciYcxMKbM9JvMlwU="
        })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.2/jobs/list")
        .and(exact_query(&[
            ("limit", "100"),
            ("name", "Nightly"),
            ("page_token", "CAEomPuciYcxMKbM9JvMlwU="),
        ]))
        .respond_with(ok_json(json!({
            "jobs": [ { "job_id": 3, "settings": { "name": "nightly" } } ],
            "has_more": false, "prev_page_token": "back"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let jobs = api
        .list(ListJobs {
            name: Some("Nightly".into()),
            ..Default::default()
        })
        .page_size(500) // clamped to the service maximum
        .collect_all()
        .await
        .unwrap();
    let ids: Vec<i64> = jobs.iter().map(|j| j.job_id.get()).collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[tokio::test]
async fn list_without_jobs_is_empty() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/list")
        .and(exact_query(&[("limit", "7")]))
        .respond_with(ok_json(json!({ "has_more": false })))
        .expect(1)
        .mount(&server)
        .await;
    let jobs = api
        .list(ListJobs {
            limit: Some(7),
            ..Default::default()
        })
        .collect_all()
        .await
        .unwrap();
    assert!(jobs.is_empty());
}

#[tokio::test]
async fn list_with_expand_tasks_completes_truncated_jobs() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/list")
        .and(exact_query(&[("expand_tasks", "true")]))
        .respond_with(ok_json(json!({
            "jobs": [
                { "job_id": 1, "has_more": true, "settings": { "name": "big",
                  "tasks": (0..100).map(|i| json!({ "task_key": format!("t{i}") })).collect::<Vec<_>>() } },
                { "job_id": 2, "settings": { "name": "small", "tasks": [ { "task_key": "only" } ] } }
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.2/jobs/get")
        .and(no_page_token)
        .and(query_param("job_id", "1"))
        .respond_with(ok_json(json!({ "job_id": 1, "next_page_token": "n",
            "settings": { "name": "big",
              "tasks": (0..100).map(|i| json!({ "task_key": format!("t{i}") })).collect::<Vec<_>>(),
              "job_clusters": [ { "job_cluster_key": "c" } ] } })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.2/jobs/get")
        .and(query_param("page_token", "n"))
        .respond_with(ok_json(json!({ "job_id": 1,
            "settings": { "tasks": (100..150).map(|i| json!({ "task_key": format!("t{i}") })).collect::<Vec<_>>() } })))
        .expect(1)
        .mount(&server)
        .await;
    let jobs = api
        .list(ListJobs {
            expand_tasks: Some(true),
            ..Default::default()
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[0].settings.tasks.len(), 150);
    assert_eq!(jobs[0].settings.job_clusters.len(), 1);
    assert!(!jobs[0].has_more);
    assert_eq!(jobs[1].settings.tasks.len(), 1);
}

#[tokio::test]
async fn list_validates_the_limit_before_sending() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    let result = api
        .list(ListJobs {
            limit: Some(101),
            ..Default::default()
        })
        .collect_all()
        .await;
    assert_invalid(result, "limit");
}

#[tokio::test]
async fn permissions_use_the_jobs_object_type() {
    let (server, api) = setup().await;
    let acl = json!({
        "object_id": "/jobs/42", "object_type": "job",
        "access_control_list": [
            { "user_name": "ops@example.com", "display_name": "Ops",
              "all_permissions": [ { "permission_level": "IS_OWNER", "inherited": false } ] },
            { "group_name": "admins",
              "all_permissions": [ { "permission_level": "CAN_MANAGE", "inherited": true,
                                     "inherited_from_object": ["/jobs/"] } ] },
            { "group_name": "future",
              "all_permissions": [ { "permission_level": "CAN_DO_NEW_THINGS" } ] }
        ]
    });
    endpoint("GET", "/api/2.0/permissions/jobs/42")
        .respond_with(ok_json(acl.clone()))
        .expect(1)
        .mount(&server)
        .await;
    let request = json!({ "access_control_list": [
        { "group_name": "analysts", "permission_level": "CAN_VIEW" } ] });
    endpoint("PUT", "/api/2.0/permissions/jobs/42")
        .and(body_json(request.clone()))
        .respond_with(ok_json(acl.clone()))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("PATCH", "/api/2.0/permissions/jobs/42")
        .and(body_json(request))
        .respond_with(ok_json(acl))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/permissions/jobs/42/permissionLevels")
        .respond_with(ok_json(json!({ "permission_levels": [
            { "permission_level": "CAN_VIEW", "description": "Can view" },
            { "permission_level": "CAN_MANAGE_RUN", "description": "Can manage runs" },
            { "permission_level": "CAN_MANAGE", "description": "Can manage" },
            { "permission_level": "IS_OWNER", "description": "Is owner" } ] })))
        .expect(1)
        .mount(&server)
        .await;

    let got = api.get_permissions(42).await.unwrap();
    assert_eq!(got.access_control_list.len(), 3);
    assert_eq!(
        got.access_control_list[0].all_permissions[0].permission_level,
        Some(JobPermissionLevel::IsOwner)
    );
    assert_eq!(
        got.access_control_list[2].all_permissions[0].permission_level,
        Some(JobPermissionLevel::Unrecognized("CAN_DO_NEW_THINGS".into()))
    );
    let grant = [JobAccessControlRequest::group(
        "analysts",
        JobPermissionLevel::CanView,
    )];
    api.set_permissions(42, &grant).await.unwrap();
    api.update_permissions(42, &grant).await.unwrap();
    let levels = api.get_permission_levels(42).await.unwrap();
    assert_eq!(levels.len(), 4);
    assert_eq!(
        levels[1].permission_level,
        Some(JobPermissionLevel::CanManageRun)
    );
}
