//! Wire tests of the Workspace API endpoints, permissions and helpers.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_core::ErrorCode;
use databricks_core::permissions::AccessControlRequest;
use databricks_workspace::{
    Delete, ExportFormat, ExportRequest, Import, ImportFormat, Language, ListRequest, ObjectId,
    ObjectType, UploadSource, WorkspaceApi, WorkspaceObjectPermissionLevel as Level,
    WorkspaceObjectType,
};
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, header_regex, query_param, query_param_is_missing};
use wiremock::{MockServer, ResponseTemplate};

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({}))
}

#[tokio::test]
async fn list_decodes_every_object_type() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/workspace/list")
        .and(query_param("path", "/Users/alice@example.com/etl"))
        .and(query_param_is_missing("notebooks_modified_after"))
        .and(no_body)
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture(include_str!("fixtures/list.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let objects = WorkspaceApi::new(client(&server))
        .list("/Users/alice@example.com/etl")
        .await
        .unwrap();
    assert_eq!(objects.len(), 7);
    assert_eq!(objects[0].object_type, Some(ObjectType::Directory));
    assert!(objects[0].is_directory());
    assert_eq!(
        objects[0].directory_info.as_ref().unwrap().is_git_folder,
        Some(false)
    );
    assert_eq!(objects[1].language, Some(Language::Python));
    assert_eq!(objects[1].object_id, Some(ObjectId::new(2106587442156733)));
    assert_eq!(objects[2].size, Some(812));
    assert_eq!(objects[2].modified_at.unwrap().as_millis(), 1718181234000);
    assert_eq!(objects[3].object_type, Some(ObjectType::Repo));
    assert_eq!(objects[4].object_type, Some(ObjectType::Library));
    assert_eq!(objects[5].object_type, Some(ObjectType::Dashboard));
    assert_eq!(
        objects[6].object_type,
        Some(ObjectType::Unrecognized("MLFLOW_EXPERIMENT".into()))
    );
    assert_eq!(
        objects[6].language,
        Some(Language::Unrecognized("JULIA".into()))
    );
}

#[tokio::test]
async fn list_sends_the_modified_after_filter_and_handles_empty() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/workspace/list")
        .and(query_param("path", "/Shared"))
        .and(query_param("notebooks_modified_after", "1718000000000"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let objects = WorkspaceApi::new(client(&server))
        .list(ListRequest {
            notebooks_modified_after: Some(databricks_core::Timestamp::from_millis(1718000000000)),
            ..ListRequest::new("/Shared")
        })
        .await
        .unwrap();
    assert!(objects.is_empty());
}

#[tokio::test]
async fn get_status_and_not_found() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/workspace/get-status")
        .and(query_param("path", "/Users/alice@example.com/etl/ingest"))
        .and(no_body)
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture(include_str!("fixtures/get_status.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/workspace/get-status")
        .and(query_param("path", "/missing"))
        .respond_with(error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Path (/missing) doesn't exist.",
        ))
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(client(&server));
    let nb = ws
        .get_status("/Users/alice@example.com/etl/ingest")
        .await
        .unwrap();
    assert_eq!(nb.object_type, Some(ObjectType::Notebook));
    assert_eq!(nb.resource_id.as_deref(), Some("2106587442156733"));
    assert_eq!(nb.name(), "ingest");
    assert!(ws.get_status("/missing").await.unwrap_err().is_not_found());
    assert!(!ws.exists("/missing").await.unwrap());
}

#[tokio::test]
async fn mkdirs_sends_the_path_and_maps_errors() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/workspace/mkdirs")
        .and(body_json(json!({"path": "/Users/a/b"})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/workspace/mkdirs")
        .and(body_json(json!({"path": "/Users/nb/x"})))
        .respond_with(error(
            400,
            "RESOURCE_ALREADY_EXISTS",
            "a notebook is in the way",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(client(&server));
    ws.mkdirs("/Users/a/b").await.unwrap();
    assert!(
        ws.mkdirs("/Users/nb/x")
            .await
            .unwrap_err()
            .is_already_exists()
    );
}

#[tokio::test]
async fn mkdirs_is_retried() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/workspace/mkdirs")
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(3)
        .mount(&server)
        .await;
    WorkspaceApi::new(retrying_client(&server))
        .mkdirs("/a")
        .await
        .unwrap_err();
}

#[tokio::test]
async fn import_json_sends_base64_content() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/workspace/import")
        .and(body_json(json!({
            "path": "/Users/alice@example.com/etl/hello",
            "format": "SOURCE",
            "language": "PYTHON",
            "content": "IyBEYXRhYnJpY2tzIG5vdGVib29rIHNvdXJjZQpwcmludCgiaGVsbG8iKQ==",
            "overwrite": true
        })))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    WorkspaceApi::new(client(&server))
        .import(
            Import::new(
                "/Users/alice@example.com/etl/hello",
                "# Databricks notebook source\nprint(\"hello\")",
            )
            .format(ImportFormat::Source)
            .language(Language::Python)
            .overwrite(true),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn import_sends_every_format() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/workspace/import")
        .respond_with(ok())
        .expect(7)
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(client(&server));
    let formats = [
        ImportFormat::Auto,
        ImportFormat::Dbc,
        ImportFormat::Html,
        ImportFormat::Jupyter,
        ImportFormat::Raw,
        ImportFormat::RMarkdown,
        ImportFormat::Source,
    ];
    for f in formats.clone() {
        ws.import(Import::new("/a", "x").format(f)).await.unwrap();
    }
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| json_of(r)["format"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        sent,
        vec![
            "AUTO",
            "DBC",
            "HTML",
            "JUPYTER",
            "RAW",
            "R_MARKDOWN",
            "SOURCE"
        ]
    );
}

#[tokio::test]
async fn import_errors_map() {
    let server = MockServer::start().await;
    for (path, status, code) in [
        ("/exists", 400, "RESOURCE_ALREADY_EXISTS"),
        ("/noparent/x", 404, "RESOURCE_DOES_NOT_EXIST"),
        ("/bad", 400, "INVALID_PARAMETER_VALUE"),
        ("/huge", 400, "MAX_NOTEBOOK_SIZE_EXCEEDED"),
        ("/protected", 403, "DIRECTORY_PROTECTED"),
        ("/denied", 403, "PERMISSION_DENIED"),
    ] {
        endpoint("POST", "/api/2.0/workspace/import")
            .and(body_json(json!({"path": path, "content": "eA=="})))
            .respond_with(error(status, code, "no"))
            .expect(1)
            .mount(&server)
            .await;
    }
    let ws = WorkspaceApi::new(client(&server));
    let e = |p: &'static str| {
        let ws = ws.clone();
        async move { ws.import(Import::new(p, "x")).await.unwrap_err() }
    };
    assert!(e("/exists").await.is_already_exists());
    assert!(e("/noparent/x").await.is_not_found());
    assert!(e("/bad").await.is_invalid_parameter());
    assert_eq!(
        e("/huge").await.error_code(),
        Some(&ErrorCode::MaxNotebookSizeExceeded)
    );
    assert_eq!(
        e("/protected").await.error_code(),
        Some(&ErrorCode::DirectoryProtected)
    );
    assert!(e("/denied").await.is_permission_denied());
}

#[tokio::test]
async fn import_over_the_json_limit_is_refused_before_sending() {
    let server = MockServer::start().await;
    nothing_sent(&server).await;
    let err = WorkspaceApi::new(client(&server))
        .import(Import::new("/a", vec![0u8; 8 * 1024 * 1024]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, databricks_core::Error::InvalidInput(_)),
        "{err}"
    );
}

#[tokio::test]
async fn import_is_retried_only_with_overwrite() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/workspace/import")
        .and(body_json(json!({"path": "/a", "content": "eA=="})))
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/workspace/import")
        .and(body_json(
            json!({"path": "/b", "content": "eA==", "overwrite": true}),
        ))
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(3)
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(retrying_client(&server));
    ws.import(Import::new("/a", "x")).await.unwrap_err();
    ws.import(Import::new("/b", "x").overwrite(true))
        .await
        .unwrap_err();
}

#[tokio::test]
async fn import_multipart_sends_raw_content() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/workspace/import")
        .and(header_regex(
            "content-type",
            "^multipart/form-data; boundary=",
        ))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let data: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    WorkspaceApi::new(client(&server))
        .import_multipart(
            Import::new("/Users/a/arch", data.clone())
                .format(ImportFormat::Dbc)
                .overwrite(false),
        )
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let form = parse_form(&requests[0]);
    assert_eq!(form.field("path"), Some("/Users/a/arch"));
    assert_eq!(form.field("format"), Some("DBC"));
    assert_eq!(form.field("language"), None);
    assert_eq!(form.field("overwrite"), Some("false"));
    assert_eq!(form.file_part.as_deref(), Some("content"));
    assert_eq!(form.file, data);
}

#[tokio::test]
async fn upload_infers_the_language_from_the_suffix() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/workspace/import")
        .respond_with(ok())
        .expect(6)
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(client(&server));
    ws.upload("/a/etl.py", "print(1)")
        .overwrite(true)
        .await
        .unwrap();
    ws.upload("/a/q.sql", "select 1").await.unwrap();
    ws.upload("/a/m.scala", "1")
        .format(ImportFormat::Source)
        .await
        .unwrap();
    ws.upload("/a/r.R", b"1".as_slice()).await.unwrap();
    // AUTO: no language; explicit language wins.
    ws.upload("/a/auto.py", "print(1)")
        .format(ImportFormat::Auto)
        .await
        .unwrap();
    ws.upload("/a/x.py", UploadSource::reader(&b"print(2)"[..]))
        .language(Language::Sql)
        .await
        .unwrap();
    let forms: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(parse_form)
        .collect();
    let lang = |i: usize| forms[i].field("language").map(str::to_owned);
    assert_eq!(lang(0).as_deref(), Some("PYTHON"));
    assert_eq!(forms[0].field("overwrite"), Some("true"));
    assert_eq!(forms[0].field("format"), None);
    assert_eq!(lang(1).as_deref(), Some("SQL"));
    assert_eq!(forms[1].field("overwrite"), None);
    assert_eq!(lang(2).as_deref(), Some("SCALA"));
    assert_eq!(forms[2].field("format"), Some("SOURCE"));
    assert_eq!(lang(3).as_deref(), Some("R"));
    assert_eq!(lang(4), None);
    assert_eq!(forms[4].field("format"), Some("AUTO"));
    assert_eq!(lang(5).as_deref(), Some("SQL"));
    assert_eq!(forms[5].file, b"print(2)");
}

#[tokio::test]
async fn export_json_decodes_base64() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/workspace/export")
        .and(query_param("path", "/Users/alice@example.com/etl/hello"))
        .and(query_param("format", "SOURCE"))
        .and(query_param_is_missing("direct_download"))
        .and(no_body)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "content": "IyBEYXRhYnJpY2tzIG5vdGVib29rIHNvdXJjZQpwcmludCgiaGVsbG8iKQ==",
            "file_type": "py"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let export = WorkspaceApi::new(client(&server))
        .export(
            ExportRequest::new("/Users/alice@example.com/etl/hello").format(ExportFormat::Source),
        )
        .await
        .unwrap();
    assert_eq!(
        &export.content[..],
        b"# Databricks notebook source\nprint(\"hello\")"
    );
    assert_eq!(export.file_type.as_deref(), Some("py"));
}

#[tokio::test]
async fn export_sends_every_format_and_maps_errors() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/workspace/export")
        .and(query_param("path", "/nb"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"content": ""})))
        .expect(7)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/workspace/export")
        .and(query_param("path", "/big"))
        .respond_with(error(400, "MAX_NOTEBOOK_SIZE_EXCEEDED", "too big"))
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/workspace/export")
        .and(query_param("path", "/gone"))
        .respond_with(error(404, "RESOURCE_DOES_NOT_EXIST", "gone"))
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(client(&server));
    for f in [
        ExportFormat::Auto,
        ExportFormat::Dbc,
        ExportFormat::Html,
        ExportFormat::Jupyter,
        ExportFormat::Raw,
        ExportFormat::RMarkdown,
        ExportFormat::Source,
    ] {
        ws.export(ExportRequest::new("/nb").format(f))
            .await
            .unwrap();
    }
    let formats: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "format")
                .unwrap()
                .1
                .to_string()
        })
        .collect();
    assert_eq!(
        formats,
        vec![
            "AUTO",
            "DBC",
            "HTML",
            "JUPYTER",
            "RAW",
            "R_MARKDOWN",
            "SOURCE"
        ]
    );
    assert_eq!(
        ws.export("/big").await.unwrap_err().error_code(),
        Some(&ErrorCode::MaxNotebookSizeExceeded)
    );
    assert!(ws.export("/gone").await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn download_uses_direct_download_and_returns_raw_bytes() {
    let server = MockServer::start().await;
    let raw: Vec<u8> = (0..=255u8).collect();
    endpoint("GET", "/api/2.0/workspace/export")
        .and(query_param("path", "/Users/a/arch"))
        .and(query_param("format", "DBC"))
        .and(query_param("direct_download", "true"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(raw.clone(), "application/octet-stream"),
        )
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/workspace/export")
        .and(query_param("path", "/Users/a/nb"))
        .and(query_param_is_missing("format"))
        .and(query_param("direct_download", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(b"print(1)".to_vec(), "text/plain"))
        .expect(1)
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(client(&server));
    let got = ws
        .download("/Users/a/arch", Some(ExportFormat::Dbc))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&got[..], &raw[..]);
    let mut reader = ws
        .download("/Users/a/nb", None)
        .await
        .unwrap()
        .into_async_read();
    let mut text = String::new();
    tokio::io::AsyncReadExt::read_to_string(&mut reader, &mut text)
        .await
        .unwrap();
    assert_eq!(text, "print(1)");
}

#[tokio::test]
async fn delete_sends_path_and_recursive_and_maps_errors() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/workspace/delete")
        .and(body_json(json!({"path": "/a/nb"})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/workspace/delete")
        .and(body_json(json!({"path": "/a", "recursive": true})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/workspace/delete")
        .and(body_json(json!({"path": "/full"})))
        .respond_with(error(
            400,
            "DIRECTORY_NOT_EMPTY",
            "Folder (/full) is not empty",
        ))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/workspace/delete")
        .and(body_json(json!({"path": "/gone"})))
        .respond_with(error(404, "RESOURCE_DOES_NOT_EXIST", "gone"))
        .expect(1)
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(client(&server));
    ws.delete(Delete::new("/a/nb")).await.unwrap();
    ws.delete(Delete::new("/a").recursive(true)).await.unwrap();
    let e = ws.delete(Delete::new("/full")).await.unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::DirectoryNotEmpty));
    assert!(e.is_invalid_parameter());
    assert!(
        ws.delete(Delete::new("/gone"))
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn relative_paths_are_refused_everywhere() {
    let server = MockServer::start().await;
    nothing_sent(&server).await;
    let ws = WorkspaceApi::new(client(&server));
    assert!(ws.list("Users").await.is_err());
    assert!(ws.get_status("").await.is_err());
    assert!(ws.mkdirs("a/b").await.is_err());
    assert!(ws.import(Import::new("x", "y")).await.is_err());
    assert!(ws.import_multipart(Import::new("x", "y")).await.is_err());
    assert!(ws.export("x").await.is_err());
    assert!(ws.download("x", None).await.is_err());
    assert!(ws.delete(Delete::new("x")).await.is_err());
    assert!(ws.upload("x.py", "1").await.is_err());
    assert!(
        ws.list_recursive("x")
            .try_collect::<Vec<_>>()
            .await
            .is_err()
    );
}

#[tokio::test]
async fn list_recursive_enters_directories_only() {
    let server = MockServer::start().await;
    let listing = |objects: serde_json::Value| {
        ResponseTemplate::new(200).set_body_json(json!({ "objects": objects }))
    };
    endpoint("GET", "/api/2.0/workspace/list")
        .and(query_param("path", "/r"))
        .respond_with(listing(json!([
            {"path": "/r/d", "object_type": "DIRECTORY"},
            {"path": "/r/nb", "object_type": "NOTEBOOK", "language": "SQL"},
            {"path": "/r/repo", "object_type": "REPO"}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/workspace/list")
        .and(query_param("path", "/r/d"))
        .respond_with(listing(json!([
            {"path": "/r/d/e", "object_type": "DIRECTORY"},
            {"path": "/r/d/f.txt", "object_type": "FILE", "size": 1}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/workspace/list")
        .and(query_param("path", "/r/d/e"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = WorkspaceApi::new(client(&server))
        .list_recursive("/r")
        .try_collect()
        .await
        .unwrap();
    let paths: Vec<_> = all.iter().map(|o| o.path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["/r/d", "/r/nb", "/r/repo", "/r/d/e", "/r/d/f.txt"]
    );
}

#[tokio::test]
async fn permissions_use_the_workspace_object_types() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/permissions/notebooks/2106587442156733")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture(include_str!("fixtures/permissions.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    endpoint("PUT", "/api/2.0/permissions/directories/42")
        .and(body_json(json!({"access_control_list": [
            {"user_name": "bob@example.com", "permission_level": "CAN_READ"}
        ]})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"object_id": "/directories/42"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    endpoint("PATCH", "/api/2.0/permissions/files/7")
        .and(body_json(json!({"access_control_list": [
            {"group_name": "analysts", "permission_level": "CAN_RUN"}
        ]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/permissions/repos/9/permissionLevels")
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"permission_levels": [
                {"permission_level": "CAN_READ", "description": "Can view"},
                {"permission_level": "CAN_RUN"},
                {"permission_level": "CAN_EDIT"},
                {"permission_level": "CAN_MANAGE"}
            ]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(client(&server));
    let acl = ws
        .get_permissions(
            WorkspaceObjectType::Notebooks,
            ObjectId::new(2106587442156733),
        )
        .await
        .unwrap();
    assert_eq!(acl.access_control_list.len(), 2);
    assert_eq!(
        acl.access_control_list[0].all_permissions[0].permission_level,
        Some(Level::CanManage)
    );
    ws.set_permissions(
        WorkspaceObjectType::Directories,
        ObjectId::new(42),
        &[AccessControlRequest::user(
            "bob@example.com",
            Level::CanRead,
        )],
    )
    .await
    .unwrap();
    ws.update_permissions(
        WorkspaceObjectType::Files,
        ObjectId::new(7),
        &[AccessControlRequest::group("analysts", Level::CanRun)],
    )
    .await
    .unwrap();
    let levels = ws
        .get_permission_levels(WorkspaceObjectType::Repos, ObjectId::new(9))
        .await
        .unwrap();
    assert_eq!(levels.len(), 4);
    assert_eq!(levels[0].description.as_deref(), Some("Can view"));
}

#[test]
fn object_types_name_the_url_segment() {
    let all = [
        (WorkspaceObjectType::Alerts, "alerts"),
        (WorkspaceObjectType::AlertsV2, "alertsv2"),
        (WorkspaceObjectType::Dashboards, "dashboards"),
        (WorkspaceObjectType::DbsqlDashboards, "dbsql-dashboards"),
        (WorkspaceObjectType::Directories, "directories"),
        (WorkspaceObjectType::Experiments, "experiments"),
        (WorkspaceObjectType::Files, "files"),
        (WorkspaceObjectType::Genie, "genie"),
        (WorkspaceObjectType::Notebooks, "notebooks"),
        (WorkspaceObjectType::Queries, "queries"),
        (WorkspaceObjectType::Repos, "repos"),
    ];
    for (t, s) in all {
        assert_eq!(t.as_str(), s);
    }
    assert_eq!(
        WorkspaceObjectType::for_object(&ObjectType::Directory),
        Some(WorkspaceObjectType::Directories)
    );
    assert_eq!(WorkspaceObjectType::for_object(&ObjectType::Library), None);
}

#[test]
fn enums_round_trip_every_value() {
    for v in [
        "AUTO",
        "DBC",
        "HTML",
        "JUPYTER",
        "RAW",
        "R_MARKDOWN",
        "SOURCE",
    ] {
        assert_eq!(ExportFormat::from(v).as_str(), v);
        assert!(!matches!(
            ExportFormat::from(v),
            ExportFormat::Unrecognized(_)
        ));
        assert!(!matches!(
            ImportFormat::from(v),
            ImportFormat::Unrecognized(_)
        ));
    }
    for v in ["PYTHON", "R", "SCALA", "SQL"] {
        assert!(!matches!(Language::from(v), Language::Unrecognized(_)));
    }
    for v in [
        "DASHBOARD",
        "DIRECTORY",
        "FILE",
        "LIBRARY",
        "NOTEBOOK",
        "REPO",
    ] {
        assert!(!matches!(ObjectType::from(v), ObjectType::Unrecognized(_)));
    }
    for v in ["CAN_EDIT", "CAN_MANAGE", "CAN_READ", "CAN_RUN"] {
        assert!(!matches!(Level::from(v), Level::Unrecognized(_)));
    }
}
