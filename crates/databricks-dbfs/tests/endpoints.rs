//! Wire tests of the ten DBFS endpoints and the small helpers.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_core::ErrorCode;
use databricks_dbfs::{Create, DbfsApi, Delete, Move, Put, Read, StreamHandle};
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, header_regex, query_param};
use wiremock::{MockServer, ResponseTemplate};

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({}))
}

#[tokio::test]
async fn create_sends_path_and_overwrite_and_returns_the_handle() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/create")
        .and(body_json(
            json!({"path": "/tmp/big.bin", "overwrite": true}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"handle": 7904256i64})))
        .expect(1)
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(client(&server));
    let handle = dbfs
        .create(Create::new("dbfs:/tmp/big.bin").overwrite(true))
        .await
        .unwrap();
    assert_eq!(handle, StreamHandle::new(7904256));
}

#[tokio::test]
async fn create_without_overwrite_omits_it_and_maps_already_exists() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/create")
        .and(body_json(json!({"path": "/tmp/a"})))
        .respond_with(error(400, "RESOURCE_ALREADY_EXISTS", "exists"))
        .expect(1)
        .mount(&server)
        .await;
    let err = DbfsApi::new(client(&server))
        .create(Create::new("/tmp/a"))
        .await
        .unwrap_err();
    assert!(err.is_already_exists(), "{err}");
}

#[tokio::test]
async fn create_is_not_retried() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/create")
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    let err = DbfsApi::new(retrying_client(&server))
        .create(Create::new("/tmp/a"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
}

#[tokio::test]
async fn add_block_sends_base64() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .and(header_regex("content-type", "^application/json"))
        .and(body_json(json!({"handle": 7, "data": "SGVsbG8sIERCRlMh"})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    DbfsApi::new(client(&server))
        .add_block(StreamHandle::new(7), b"Hello, DBFS!")
        .await
        .unwrap();
}

#[tokio::test]
async fn add_block_of_exactly_one_mib_is_sent() {
    let server = MockServer::start().await;
    let block = vec![7u8; 1 << 20];
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .and(body_json(json!({"handle": 1, "data": b64(&block)})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    DbfsApi::new(client(&server))
        .add_block(StreamHandle::new(1), &block)
        .await
        .unwrap();
}

#[tokio::test]
async fn add_block_over_one_mib_is_refused_before_sending() {
    let server = MockServer::start().await;
    nothing_sent(&server).await;
    let err = DbfsApi::new(client(&server))
        .add_block(StreamHandle::new(1), &vec![0u8; (1 << 20) + 1])
        .await
        .unwrap_err();
    assert!(
        matches!(err, databricks_core::Error::InvalidInput(_)),
        "{err}"
    );
}

#[tokio::test]
async fn add_block_errors_map() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .and(body_json(json!({"handle": 1, "data": "AA=="})))
        .respond_with(error(400, "MAX_BLOCK_SIZE_EXCEEDED", "too big"))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .and(body_json(json!({"handle": 2, "data": "AA=="})))
        .respond_with(error(404, "RESOURCE_DOES_NOT_EXIST", "no handle"))
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(client(&server));
    let err = dbfs
        .add_block(StreamHandle::new(1), &[0])
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some(&ErrorCode::MaxBlockSizeExceeded));
    assert!(err.is_invalid_parameter());
    let err = dbfs
        .add_block(StreamHandle::new(2), &[0])
        .await
        .unwrap_err();
    assert!(err.is_not_found());
}

#[tokio::test]
async fn add_block_is_never_retried() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    DbfsApi::new(retrying_client(&server))
        .add_block(StreamHandle::new(1), b"x")
        .await
        .unwrap_err();
}

#[tokio::test]
async fn close_sends_the_handle() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/close")
        .and(body_json(json!({"handle": 7904256i64})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    DbfsApi::new(client(&server))
        .close(StreamHandle::new(7904256))
        .await
        .unwrap();
}

#[tokio::test]
async fn close_of_unknown_handle_is_not_found() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/close")
        .respond_with(error(404, "RESOURCE_DOES_NOT_EXIST", "no such handle"))
        .expect(1)
        .mount(&server)
        .await;
    let err = DbfsApi::new(client(&server))
        .close(StreamHandle::new(1))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
}

#[tokio::test]
async fn put_json_sends_base64_contents() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .and(body_json(json!({
            "path": "/tmp/hello.txt", "contents": "SGVsbG8gd29ybGQK", "overwrite": true
        })))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    DbfsApi::new(client(&server))
        .put(Put::new("dbfs:/tmp/hello.txt", "Hello world\n").overwrite(true))
        .await
        .unwrap();
}

#[tokio::test]
async fn put_json_over_one_mib_is_refused_before_sending() {
    let server = MockServer::start().await;
    nothing_sent(&server).await;
    let err = DbfsApi::new(client(&server))
        .put(Put::new("/tmp/a", vec![0u8; (1 << 20) + 1]))
        .await
        .unwrap_err();
    assert!(matches!(err, databricks_core::Error::InvalidInput(_)));
}

#[tokio::test]
async fn put_json_is_retried_only_with_overwrite() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .and(body_json(json!({"path": "/tmp/a", "contents": "eA=="})))
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .and(body_json(
            json!({"path": "/tmp/b", "contents": "eA==", "overwrite": true}),
        ))
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(3)
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(retrying_client(&server));
    dbfs.put(Put::new("/tmp/a", "x")).await.unwrap_err();
    dbfs.put(Put::new("/tmp/b", "x").overwrite(true))
        .await
        .unwrap_err();
}

#[tokio::test]
async fn put_multipart_sends_a_form_with_raw_bytes() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .and(header_regex(
            "content-type",
            "^multipart/form-data; boundary=",
        ))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let data: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    DbfsApi::new(client(&server))
        .put_multipart("dbfs:/tmp/data.bin", data.clone(), false)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let form = parse_form(&requests[0]);
    assert_eq!(form.field("path"), Some("/tmp/data.bin"));
    assert_eq!(form.field("overwrite"), Some("false"));
    assert_eq!(form.field("contents"), None);
    assert_eq!(form.file_part.as_deref(), Some("contents"));
    assert_eq!(form.file_name.as_deref(), Some("data.bin"));
    assert_eq!(form.file, data);
}

#[tokio::test]
async fn read_sends_query_and_decodes_base64() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .and(query_param("path", "/tmp/hello.txt"))
        .and(query_param("offset", "0"))
        .and(query_param("length", "1048576"))
        .and(no_body)
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture(include_str!("fixtures/read.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let read = DbfsApi::new(client(&server))
        .read(Read::new("dbfs:/tmp/hello.txt").offset(0).length(1 << 20))
        .await
        .unwrap();
    assert_eq!(read.bytes_read, 12);
    assert_eq!(&read.data[..], b"Hello world\n");
}

#[tokio::test]
async fn read_past_the_end_decodes_empty() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"bytes_read": 0})))
        .mount(&server)
        .await;
    let read = DbfsApi::new(client(&server))
        .read(Read::new("/tmp/a").offset(100))
        .await
        .unwrap();
    assert_eq!(read.bytes_read, 0);
    assert!(read.data.is_empty());
}

#[tokio::test]
async fn read_limits_are_checked_before_sending() {
    let server = MockServer::start().await;
    nothing_sent(&server).await;
    let dbfs = DbfsApi::new(client(&server));
    for read in [
        Read::new("/tmp/a").length((1 << 20) + 1),
        Read::new("/tmp/a").length(-1),
        Read::new("/tmp/a").offset(-1),
        Read::new("tmp/a"),
    ] {
        let err = dbfs.read(read).await.unwrap_err();
        assert!(
            matches!(err, databricks_core::Error::InvalidInput(_)),
            "{err}"
        );
    }
}

#[tokio::test]
async fn read_errors_map() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .and(query_param("path", "/big"))
        .respond_with(error(400, "MAX_READ_SIZE_EXCEEDED", "too much"))
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .and(query_param("path", "/dir"))
        .respond_with(error(400, "INVALID_PARAMETER_VALUE", "is a directory"))
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .and(query_param("path", "/missing"))
        .respond_with(error(404, "RESOURCE_DOES_NOT_EXIST", "missing"))
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(client(&server));
    let e = dbfs.read(Read::new("/big")).await.unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::MaxReadSizeExceeded));
    assert!(e.is_invalid_parameter());
    let e = dbfs.read(Read::new("/dir")).await.unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::InvalidParameterValue));
    let e = dbfs.read(Read::new("/missing")).await.unwrap_err();
    assert!(e.is_not_found());
}

#[tokio::test]
async fn read_is_retried() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(3)
        .mount(&server)
        .await;
    DbfsApi::new(retrying_client(&server))
        .read(Read::new("/a"))
        .await
        .unwrap_err();
}

#[tokio::test]
async fn get_status_decodes_file_info() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .and(query_param("path", "/tmp/reports/summary.csv"))
        .and(no_body)
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture(include_str!("fixtures/get_status.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let info = DbfsApi::new(client(&server))
        .get_status("dbfs:/tmp/reports/summary.csv")
        .await
        .unwrap();
    assert_eq!(info.path, "/tmp/reports/summary.csv");
    assert!(!info.is_dir);
    assert_eq!(info.file_size, 48213);
    assert_eq!(
        info.modification_time.map(|t| t.as_millis()),
        Some(1718181234000)
    );
    assert_eq!(info.name(), "summary.csv");
}

#[tokio::test]
async fn get_status_not_found_and_exists() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .and(query_param("path", "/missing"))
        .respond_with(error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "No file or directory exists",
        ))
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .and(query_param("path", "/there"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"path": "/there"})))
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .and(query_param("path", "/forbidden"))
        .respond_with(error(403, "PERMISSION_DENIED", "no"))
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(client(&server));
    assert!(
        dbfs.get_status("/missing")
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(!dbfs.exists("/missing").await.unwrap());
    assert!(dbfs.exists("dbfs:/there").await.unwrap());
    assert!(
        dbfs.exists("/forbidden")
            .await
            .unwrap_err()
            .is_permission_denied()
    );
}

#[tokio::test]
async fn list_decodes_entries_and_empty_directories() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/list")
        .and(query_param("path", "/tmp/reports"))
        .and(no_body)
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture(include_str!("fixtures/list.json"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/list")
        .and(query_param("path", "/empty"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(client(&server));
    let files = dbfs.list("/tmp/reports/").await.unwrap();
    assert_eq!(files.len(), 2);
    assert!(files[0].is_dir);
    assert_eq!(files[1].file_size, 48213);
    assert!(dbfs.list("/empty").await.unwrap().is_empty());
}

#[tokio::test]
async fn list_errors_map() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/list")
        .and(query_param("path", "/huge"))
        .respond_with(error(400, "MAX_LIST_SIZE_EXCEEDED", "too many"))
        .mount(&server)
        .await;
    let e = DbfsApi::new(client(&server))
        .list("/huge")
        .await
        .unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::MaxListSizeExceeded));
}

#[tokio::test]
async fn mkdirs_sends_the_path_and_is_retried() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/mkdirs")
        .and(body_json(json!({"path": "/tmp/a/b"})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/mkdirs")
        .and(body_json(json!({"path": "/flaky"})))
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(3)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/mkdirs")
        .and(body_json(json!({"path": "/file/x"})))
        .respond_with(error(
            400,
            "RESOURCE_ALREADY_EXISTS",
            "a file is in the way",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(retrying_client(&server));
    dbfs.mkdirs("dbfs:/tmp/a/b").await.unwrap();
    dbfs.mkdirs("/flaky").await.unwrap_err();
    assert!(
        dbfs.mkdirs("/file/x")
            .await
            .unwrap_err()
            .is_already_exists()
    );
}

#[tokio::test]
async fn move_sends_source_and_destination() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .and(body_json(json!({
            "source_path": "/tmp/hello.txt", "destination_path": "/tmp/archive/hello.txt"
        })))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    DbfsApi::new(client(&server))
        .move_(Move::new("dbfs:/tmp/hello.txt", "/tmp/archive/hello.txt"))
        .await
        .unwrap();
}

#[tokio::test]
async fn move_errors_map_and_are_not_retried() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .and(body_json(
            json!({"source_path": "/missing", "destination_path": "/x"}),
        ))
        .respond_with(error(404, "RESOURCE_DOES_NOT_EXIST", "no source"))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .and(body_json(
            json!({"source_path": "/a", "destination_path": "/b"}),
        ))
        .respond_with(error(400, "RESOURCE_ALREADY_EXISTS", "destination exists"))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .and(body_json(
            json!({"source_path": "/c", "destination_path": "/d"}),
        ))
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(retrying_client(&server));
    assert!(
        dbfs.move_(Move::new("/missing", "/x"))
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        dbfs.move_(Move::new("/a", "/b"))
            .await
            .unwrap_err()
            .is_already_exists()
    );
    dbfs.move_(Move::new("/c", "/d")).await.unwrap_err();
}

#[tokio::test]
async fn move_with_relative_destination_is_refused() {
    let server = MockServer::start().await;
    nothing_sent(&server).await;
    let err = DbfsApi::new(client(&server))
        .move_(Move::new("/a", "b"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("destination_path"), "{err}");
}

#[tokio::test]
async fn delete_sends_path_and_recursive() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .and(body_json(json!({"path": "/tmp/a"})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .and(body_json(json!({"path": "/tmp/dir", "recursive": true})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(client(&server));
    dbfs.delete(Delete::new("dbfs:/tmp/a")).await.unwrap();
    dbfs.delete(Delete::new("/tmp/dir").recursive(true))
        .await
        .unwrap();
}

#[tokio::test]
async fn delete_of_non_empty_directory_is_io_error() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .respond_with(error(400, "IO_ERROR", "Directory is not empty"))
        .expect(1)
        .mount(&server)
        .await;
    let e = DbfsApi::new(client(&server))
        .delete(Delete::new("/tmp/dir"))
        .await
        .unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::IoError));
}

#[tokio::test]
async fn delete_recursive_repeats_on_partial_delete() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .and(body_json(json!({"path": "/big", "recursive": true})))
        .respond_with(error(
            503,
            "PARTIAL_DELETE",
            "The requested operation has deleted 8712 files. There are more files remaining.",
        ))
        .up_to_n_times(2)
        .expect(2)
        .with_priority(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .and(body_json(json!({"path": "/big", "recursive": true})))
        .respond_with(ok())
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    // No transport retries: the loop is the helper's own.
    DbfsApi::new(client(&server))
        .delete_recursive("/big")
        .await
        .unwrap();
}

#[tokio::test]
async fn plain_delete_reports_partial_delete() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .respond_with(error(503, "PARTIAL_DELETE", "more files remaining"))
        .expect(1)
        .mount(&server)
        .await;
    let e = DbfsApi::new(client(&server))
        .delete(Delete::new("/big").recursive(true))
        .await
        .unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::PartialDelete));
}

#[tokio::test]
async fn relative_paths_are_refused_everywhere() {
    let server = MockServer::start().await;
    nothing_sent(&server).await;
    let dbfs = DbfsApi::new(client(&server));
    assert!(dbfs.get_status("tmp").await.is_err());
    assert!(dbfs.list("tmp").await.is_err());
    assert!(dbfs.mkdirs("dbfs:tmp").await.is_err());
    assert!(dbfs.create(Create::new("")).await.is_err());
    assert!(dbfs.put(Put::new("x", "y")).await.is_err());
    assert!(dbfs.put_multipart("x", "y", true).await.is_err());
    assert!(dbfs.delete(Delete::new("x")).await.is_err());
    assert!(
        dbfs.list_recursive("x")
            .try_collect::<Vec<_>>()
            .await
            .is_err()
    );
    assert!(dbfs.download("x").await.is_err());
    assert!(dbfs.upload("x", &b""[..], true).await.is_err());
}

#[tokio::test]
async fn list_recursive_walks_breadth_first() {
    let server = MockServer::start().await;
    let listing = |entries: serde_json::Value| {
        ResponseTemplate::new(200).set_body_json(json!({ "files": entries }))
    };
    endpoint("GET", "/api/2.0/dbfs/list")
        .and(query_param("path", "/r"))
        .respond_with(listing(json!([
            {"path": "/r/a", "is_dir": true},
            {"path": "/r/x.txt", "is_dir": false, "file_size": 1},
            {"path": "/r/e", "is_dir": true}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/list")
        .and(query_param("path", "/r/a"))
        .respond_with(listing(json!([
            {"path": "/r/a/b", "is_dir": true},
            {"path": "/r/a/y.txt", "is_dir": false, "file_size": 2}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/list")
        .and(query_param("path", "/r/e"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/list")
        .and(query_param("path", "/r/a/b"))
        .respond_with(listing(json!([{"path": "/r/a/b/z.txt", "file_size": 3}])))
        .expect(1)
        .mount(&server)
        .await;
    let all: Vec<_> = DbfsApi::new(client(&server))
        .list_recursive("dbfs:/r")
        .try_collect()
        .await
        .unwrap();
    let paths: Vec<_> = all.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "/r/a",
            "/r/x.txt",
            "/r/e",
            "/r/a/b",
            "/r/a/y.txt",
            "/r/a/b/z.txt"
        ]
    );
}

#[tokio::test]
async fn list_recursive_stops_at_the_first_error() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/list")
        .respond_with(error(404, "RESOURCE_DOES_NOT_EXIST", "gone"))
        .expect(1)
        .mount(&server)
        .await;
    let err = DbfsApi::new(client(&server))
        .list_recursive("/gone")
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(err.is_not_found());
}
