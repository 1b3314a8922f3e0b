//! Wire tests of the streaming helpers: upload, upload_file, download, download_file.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use common::*;
use databricks_dbfs::{DbfsApi, Progress};
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, query_param};
use wiremock::{MockServer, Request, ResponseTemplate};

const MIB: usize = 1 << 20;

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({}))
}

fn not_found() -> ResponseTemplate {
    error(
        404,
        "RESOURCE_DOES_NOT_EXIST",
        "No file or directory exists",
    )
}

/// `(method path)` of every request received, in order.
async fn calls(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

fn is_temp_of(temp: &str, dir: &str, name: &str) -> bool {
    temp.starts_with(&format!("{dir}/.{name}.")) && temp.ends_with(".uploading")
}

#[tokio::test]
async fn small_upload_is_one_multipart_put_then_a_move() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .and(query_param("path", "/tmp/hello.txt"))
        .respond_with(not_found())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let (seen, sink) = recorder();
    let written = DbfsApi::new(client(&server))
        .upload("dbfs:/tmp/hello.txt", &b"hello"[..], false)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(written, 5);
    let requests = server.received_requests().await.unwrap();
    let form = parse_form(&requests[1]);
    let temp = form.field("path").unwrap().to_owned();
    assert!(is_temp_of(&temp, "/tmp", "hello.txt"), "{temp}");
    assert_eq!(form.file, b"hello");
    assert_eq!(
        json_of(&requests[2]),
        json!({"source_path": temp, "destination_path": "/tmp/hello.txt"})
    );
    assert_eq!(*seen.lock().unwrap(), vec![Progress::new(5, None)]);
}

#[tokio::test]
async fn exactly_one_mib_is_still_one_put() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let data = pattern(MIB);
    DbfsApi::new(client(&server))
        .upload("/a.bin", &data[..], false)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(parse_form(&requests[1]).file, data);
}

#[tokio::test]
async fn unknown_size_upload_streams_one_mib_blocks() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .expect(0)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/create")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"handle": 42})))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .respond_with(ok())
        .expect(3)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/close")
        .and(body_json(json!({"handle": 42})))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let data = pattern(2 * MIB + MIB / 2);
    let (seen, sink) = recorder();
    // No size given: the length is unknown until the reader ends.
    let written = DbfsApi::new(client(&server))
        .upload("/data/big.bin", &data[..], false)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(written, data.len() as u64);
    let requests = server.received_requests().await.unwrap();
    let create = json_of(&requests[1]);
    let temp = create["path"].as_str().unwrap().to_owned();
    assert!(is_temp_of(&temp, "/data", "big.bin"), "{temp}");
    assert_eq!(create.get("overwrite"), None);
    let mut uploaded = Vec::new();
    for r in &requests[2..5] {
        let block = json_of(r);
        assert_eq!(block["handle"], 42);
        let raw = unb64(block["data"].as_str().unwrap());
        assert!(raw.len() <= MIB);
        uploaded.extend(raw);
    }
    assert_eq!(uploaded, data);
    assert_eq!(
        json_of(&requests[6]),
        json!({"source_path": temp, "destination_path": "/data/big.bin"})
    );
    assert_eq!(
        *seen.lock().unwrap(),
        vec![
            Progress::new(MIB as u64, None),
            Progress::new(2 * MIB as u64, None),
            Progress::new(data.len() as u64, None)
        ]
    );
}

/// A reader handing out `data` in reads of at most `step` bytes (irregular chunking).
struct Trickle {
    data: Vec<u8>,
    pos: usize,
    step: usize,
}

impl tokio::io::AsyncRead for Trickle {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let n = buf
            .remaining()
            .min(self.step)
            .min(self.data.len() - self.pos);
        let start = self.pos;
        buf.put_slice(&self.data[start..start + n]);
        self.pos += n;
        std::task::Poll::Ready(Ok(()))
    }
}

/// The `Content-Length` header of a request, which must be the length of its body.
fn content_length(request: &Request) -> u64 {
    assert!(
        request.headers.get("transfer-encoding").is_none(),
        "not chunked"
    );
    let declared: u64 = request
        .headers
        .get("content-length")
        .expect("a Content-Length")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(declared, request.body.len() as u64);
    declared
}

#[tokio::test]
async fn known_size_upload_is_one_streamed_put_with_an_exact_length() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    for p in ["create", "add-block", "close"] {
        endpoint("POST", &format!("/api/2.0/dbfs/{p}"))
            .respond_with(ok())
            .expect(0)
            .mount(&server)
            .await;
    }
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    // Over 1 MiB, not a multiple of the chunk size, read in odd-sized pieces.
    let data = pattern(2 * MIB + 12_345);
    let (seen, sink) = recorder();
    let written = DbfsApi::new(client(&server))
        .upload(
            "/data/big.bin",
            Trickle {
                data: data.clone(),
                pos: 0,
                step: 7_001,
            },
            false,
        )
        .size_hint(data.len() as u64)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(written, data.len() as u64);
    let requests = server.received_requests().await.unwrap();
    let put = &requests[1];
    assert!(
        put.headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("multipart/form-data; boundary=")
    );
    let length = content_length(put);
    let form = parse_form(put);
    let temp = form.field("path").unwrap().to_owned();
    assert!(is_temp_of(&temp, "/data", "big.bin"), "{temp}");
    assert_eq!(form.field("overwrite"), Some("false"));
    assert_eq!(form.file_part.as_deref(), Some("contents"));
    assert_eq!(form.file.len(), data.len());
    assert!(form.file == data, "byte-exact");
    assert!(length > data.len() as u64);
    assert_eq!(
        json_of(&requests[2]),
        json!({"source_path": temp, "destination_path": "/data/big.bin"})
    );
    // Progress as the chunks go out: increasing, several steps, ending at the size.
    let seen = seen.lock().unwrap();
    let total = Some(data.len() as u64);
    assert!(seen.len() > 2, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].bytes_done < w[1].bytes_done));
    assert!(seen.iter().all(|p| p.total_bytes == total));
    assert_eq!(seen.last(), Some(&Progress::new(data.len() as u64, total)));
}

#[tokio::test]
async fn known_size_of_zero_and_of_a_small_source_are_streamed_too() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .expect(2)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(2)
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(client(&server));
    let (seen, sink) = recorder();
    dbfs.upload("/empty", &b""[..], false)
        .size_hint(0)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(*seen.lock().unwrap(), vec![Progress::new(0, Some(0))]);
    dbfs.upload("/small", &b"hello"[..], false)
        .size_hint(5)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    content_length(&requests[1]);
    assert_eq!(parse_form(&requests[1]).file, b"");
    content_length(&requests[4]);
    assert_eq!(parse_form(&requests[4]).file, b"hello");
}

/// Mounts the endpoints of an upload whose streamed `put` fails, expecting the temporary to
/// be deleted and nothing moved.
async fn failing_put(server: &MockServer, put: ResponseTemplate, puts: u64) {
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(put)
        .expect(puts)
        .mount(server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .respond_with(ok())
        .expect(1)
        .mount(server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(0)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_source_shorter_than_its_size_fails_as_io_and_removes_the_temporary() {
    let server = MockServer::start().await;
    // The body is cut short: the put never completes on the server.
    failing_put(&server, ok(), 0).await;
    let data = pattern(MIB);
    let err = DbfsApi::new(client(&server))
        .upload("/short.bin", &data[..], false)
        .size_hint(MIB as u64 + 10)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::UnexpectedEof, "{err}");
    assert!(
        err.to_string().contains("1048576 of its 1048586 bytes"),
        "{err}"
    );
}

#[tokio::test]
async fn a_source_longer_than_its_size_fails_as_io_and_removes_the_temporary() {
    let server = MockServer::start().await;
    failing_put(&server, ok(), 0).await;
    let data = pattern(300 * 1024);
    let err = DbfsApi::new(client(&server))
        .upload("/long.bin", &data[..], false)
        .size_hint(200 * 1024)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::InvalidData, "{err}");
}

#[tokio::test]
async fn a_small_source_shorter_than_its_size_fails_before_any_put() {
    let server = MockServer::start().await;
    failing_put(&server, ok(), 0).await;
    let err = DbfsApi::new(client(&server))
        .upload("/short-small.bin", &b"0123456789"[..], false)
        .size_hint(1000)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::UnexpectedEof, "{err}");
    assert!(err.to_string().contains("10 of its 1000 bytes"), "{err}");
}

#[tokio::test]
async fn a_streamed_put_from_a_reader_is_not_sent_again() {
    let server = MockServer::start().await;
    failing_put(
        &server,
        error(503, "TEMPORARILY_UNAVAILABLE", "busy").insert_header("retry-after", "0"),
        1,
    )
    .await;
    let data = pattern(MIB + 1);
    let err = DbfsApi::new(retrying_client(&server))
        .upload("/r.bin", &data[..], false)
        .size_hint(data.len() as u64)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503), "{err}");
}

#[tokio::test]
async fn a_transient_failure_sends_the_put_of_a_local_file_again() {
    let data = pattern(MIB + 77);
    let (dir, local) = local_file("again", &data);
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(
            error(503, "TEMPORARILY_UNAVAILABLE", "busy").insert_header("retry-after", "0"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(error(500, "INTERNAL_ERROR", "hiccup").insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .with_priority(2)
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .with_priority(3)
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let (seen, sink) = recorder();
    let written = DbfsApi::new(client(&server))
        .upload_file(&local, "/up.bin", false)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(written, data.len() as u64);
    let requests = server.received_requests().await.unwrap();
    let puts: Vec<_> = requests
        .iter()
        .filter(|r| r.url.path().ends_with("/put"))
        .collect();
    assert_eq!(puts.len(), 3);
    let forms: Vec<_> = puts.iter().map(|r| parse_form(r)).collect();
    // The same temporary each time, the repeats with overwrite, the whole file each time.
    assert_eq!(forms[0].field("overwrite"), Some("false"));
    for (put, form) in puts.iter().zip(&forms).skip(1) {
        assert_eq!(form.field("path"), forms[0].field("path"));
        assert_eq!(form.field("overwrite"), Some("true"));
        assert!(form.file == data);
        content_length(put);
    }
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen.last(),
        Some(&Progress::new(data.len() as u64, Some(data.len() as u64)))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_local_file_put_gives_up_after_three_attempts_and_not_on_client_errors() {
    // Past one block, so the put is streamed (small files go from memory, retried by the
    // transport like any request).
    let data = pattern(MIB + 1000);
    let (dir, local) = local_file("giveup", &data);
    let server = MockServer::start().await;
    failing_put(
        &server,
        error(500, "INTERNAL_ERROR", "down").insert_header("retry-after", "0"),
        3,
    )
    .await;
    let err = DbfsApi::new(client(&server))
        .upload_file(&local, "/up.bin", false)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));

    let server = MockServer::start().await;
    failing_put(&server, error(400, "INVALID_PARAMETER_VALUE", "no"), 1).await;
    let err = DbfsApi::new(client(&server))
        .upload_file(&local, "/up.bin", false)
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_put_too_slow_for_the_attempt_timeout_is_redone_block_by_block() {
    let data = pattern(MIB + 5);
    let (dir, local) = local_file("slow", &data);
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok().set_delay(std::time::Duration::from_secs(2)))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/create")
        .and(wiremock::matchers::body_partial_json(
            json!({"overwrite": true}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"handle": 3})))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .respond_with(ok())
        .expect(2)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/close")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let client = databricks_core::Client::builder()
        .host(server.uri())
        .token(TOKEN)
        .sources(databricks_core::ConfigSources::empty())
        .retry_policy(databricks_core::RetryPolicy::disabled())
        .timeout(std::time::Duration::from_millis(300))
        .build()
        .unwrap();
    DbfsApi::new(client)
        .upload_file(&local, "/slow.bin", false)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let uploaded: Vec<u8> = requests
        .iter()
        .filter(|r| r.url.path().ends_with("/add-block"))
        .flat_map(|r| unb64(json_of(r)["data"].as_str().unwrap()))
        .collect();
    assert!(uploaded == data);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn one_mib_plus_one_byte_uses_two_blocks() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/create")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"handle": 1})))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .respond_with(ok())
        .expect(2)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/close")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let data = pattern(MIB + 1);
    DbfsApi::new(client(&server))
        .upload("/a", &data[..], false)
        .await
        .unwrap();
}

#[tokio::test]
async fn overwrite_moves_the_old_file_aside_then_deletes_it() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"path": "/tmp/a.txt", "is_dir": false, "file_size": 3})),
        )
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(2)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    DbfsApi::new(client(&server))
        .upload("/tmp/a.txt", &b"new"[..], true)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let temp = parse_form(&requests[1]).field("path").unwrap().to_owned();
    let aside = json_of(&requests[2]);
    assert_eq!(aside["source_path"], "/tmp/a.txt");
    let backup = aside["destination_path"].as_str().unwrap().to_owned();
    assert!(backup.starts_with("/tmp/.a.txt.") && backup.ends_with(".replaced"));
    assert_eq!(
        json_of(&requests[3]),
        json!({"source_path": temp, "destination_path": "/tmp/a.txt"})
    );
    assert_eq!(json_of(&requests[4]), json!({"path": backup}));
}

#[tokio::test]
async fn failed_final_move_puts_the_old_file_back() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"path": "/a"})))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .mount(&server)
        .await;
    // Moving the old file aside works; moving the new one into place fails.
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(move |r: &Request| {
            let body = json_of(r);
            if body["destination_path"] == "/a" && body["source_path"] != "/a" {
                let src = body["source_path"].as_str().unwrap_or_default();
                if src.ends_with(".uploading") {
                    return error(500, "INTERNAL_ERROR", "boom");
                }
            }
            ok()
        })
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .respond_with(ok())
        .mount(&server)
        .await;
    let err = DbfsApi::new(client(&server))
        .upload("/a", &b"x"[..], true)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    let requests = server.received_requests().await.unwrap();
    let moves: Vec<_> = requests
        .iter()
        .filter(|r| r.url.path().ends_with("/move"))
        .map(json_of)
        .collect();
    assert_eq!(moves.len(), 3);
    // Rolled back: the backup is moved to the target again.
    assert_eq!(moves[2]["source_path"], moves[0]["destination_path"]);
    assert_eq!(moves[2]["destination_path"], "/a");
    // And the temporary is removed.
    let last = requests.last().unwrap();
    assert_eq!(last.url.path(), "/api/2.0/dbfs/delete");
    assert!(
        json_of(last)["path"]
            .as_str()
            .unwrap()
            .ends_with(".uploading")
    );
}

#[tokio::test]
async fn existing_file_without_overwrite_fails_before_uploading() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"path": "/a"})))
        .expect(1)
        .mount(&server)
        .await;
    let err = DbfsApi::new(client(&server))
        .upload("/a", &b"x"[..], false)
        .await
        .unwrap_err();
    assert!(err.is_already_exists(), "{err}");
    assert_eq!(calls(&server).await.len(), 1);
}

#[tokio::test]
async fn upload_onto_a_directory_is_refused() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"path": "/d", "is_dir": true})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = DbfsApi::new(client(&server))
        .upload("/d", &b"x"[..], true)
        .await
        .unwrap_err();
    assert!(
        matches!(err, databricks_core::Error::InvalidInput(_)),
        "{err}"
    );
    assert_eq!(calls(&server).await.len(), 1);
}

#[tokio::test]
async fn failure_mid_upload_removes_the_temporary_and_never_moves() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/create")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"handle": 9})))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .respond_with(ok())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .respond_with(error(500, "INTERNAL_ERROR", "disk on fire"))
        .with_priority(2)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(0)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/close")
        .respond_with(ok())
        .expect(0)
        .mount(&server)
        .await;
    let data = pattern(3 * MIB);
    let err = DbfsApi::new(client(&server))
        .upload("/x/y.bin", &data[..], false)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    let requests = server.received_requests().await.unwrap();
    let temp = json_of(&requests[1])["path"].as_str().unwrap().to_owned();
    let last = requests.last().unwrap();
    assert_eq!(last.url.path(), "/api/2.0/dbfs/delete");
    assert_eq!(json_of(last), json!({"path": temp}));
}

#[tokio::test]
async fn reader_failure_removes_the_temporary() {
    struct Failing(usize);
    impl tokio::io::AsyncRead for Failing {
        fn poll_read(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
            buf: &mut tokio::io::ReadBuf<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            if self.0 == 0 {
                return std::task::Poll::Ready(Err(std::io::Error::other("disk unplugged")));
            }
            let n = self.0.min(buf.remaining());
            buf.put_slice(&vec![1u8; n]);
            self.0 -= n;
            std::task::Poll::Ready(Ok(()))
        }
    }
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/create")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"handle": 9})))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/add-block")
        .respond_with(ok())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/delete")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(0)
        .mount(&server)
        .await;
    let err = DbfsApi::new(client(&server))
        .upload("/x", Failing(3 * MIB), false)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("disk unplugged"), "{err}");
    assert_eq!(io_kind(&err), std::io::ErrorKind::Other);
}

#[tokio::test]
async fn reader_failure_mid_streamed_put_is_io_and_removes_the_temporary() {
    struct FailAt(usize);
    impl tokio::io::AsyncRead for FailAt {
        fn poll_read(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
            buf: &mut tokio::io::ReadBuf<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            if self.0 == 0 {
                return std::task::Poll::Ready(Err(std::io::Error::other("disk unplugged")));
            }
            let n = self.0.min(buf.remaining());
            buf.put_slice(&vec![1u8; n]);
            self.0 -= n;
            std::task::Poll::Ready(Ok(()))
        }
    }
    let server = MockServer::start().await;
    failing_put(&server, ok(), 0).await;
    let err = DbfsApi::new(client(&server))
        .upload("/x", FailAt(MIB), false)
        .size_hint(2 * MIB as u64)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::Other, "{err}");
    assert!(err.to_string().contains("disk unplugged"), "{err}");
}

#[tokio::test]
async fn upload_file_reads_the_local_file_with_its_size_as_total() {
    let dir = std::env::temp_dir().join(format!("dbfs-wire-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let local = dir.join("up.bin");
    std::fs::write(&local, pattern(1000)).unwrap();
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let (seen, sink) = recorder();
    DbfsApi::new(client(&server))
        .upload_file(&local, "/up.bin", false)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(*seen.lock().unwrap(), vec![Progress::new(1000, Some(1000))]);
    let requests = server.received_requests().await.unwrap();
    content_length(&requests[1]);
    assert_eq!(parse_form(&requests[1]).file, pattern(1000));
    let missing = DbfsApi::new(client(&server))
        .upload_file(dir.join("missing"), "/x", false)
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("missing"), "{missing}");
    assert_eq!(io_kind(&missing), std::io::ErrorKind::NotFound);
    match &missing {
        databricks_core::Error::Io(io) => assert_eq!(io.path(), dir.join("missing")),
        other => panic!("{other:?}"),
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Serves `read` from `data`, as the service does.
fn serve_reads(data: Arc<Vec<u8>>) -> impl Fn(&Request) -> ResponseTemplate + Send + Sync {
    move |r: &Request| {
        let q = |k: &str| {
            r.url
                .query_pairs()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.parse::<usize>().unwrap())
        };
        let offset = q("offset").unwrap_or(0).min(data.len());
        let length = q("length").unwrap_or(512 * 1024);
        let end = (offset + length).min(data.len());
        let chunk = &data[offset..end];
        ResponseTemplate::new(200)
            .set_body_json(json!({"bytes_read": chunk.len(), "data": b64(chunk)}))
    }
}

#[tokio::test]
async fn download_reads_one_mib_at_a_time() {
    let data = Arc::new(pattern(MIB + MIB / 2));
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .and(query_param("path", "/big.bin"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"path": "/big.bin", "file_size": data.len()})),
        )
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .and(query_param("path", "/big.bin"))
        .and(query_param("length", "1048576"))
        .respond_with(serve_reads(Arc::clone(&data)))
        .expect(2)
        .mount(&server)
        .await;
    let download = DbfsApi::new(client(&server))
        .download("dbfs:/big.bin")
        .await
        .unwrap();
    assert_eq!(download.size(), data.len() as u64);
    let chunks: Vec<_> = download.try_collect().await.unwrap();
    assert_eq!(chunks.len(), 2);
    assert_eq!(chunks.concat(), *data);
    let offsets: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("/read"))
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "offset")
                .unwrap()
                .1
                .to_string()
        })
        .collect();
    assert_eq!(offsets, vec!["0", "1048576"]);
}

#[tokio::test]
async fn download_of_an_empty_file_reads_nothing() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"path": "/e", "file_size": 0})),
        )
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .respond_with(ok())
        .expect(0)
        .mount(&server)
        .await;
    let bytes = DbfsApi::new(client(&server))
        .download("/e")
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(bytes.is_empty());
}

#[tokio::test]
async fn download_of_a_directory_is_refused_and_shrinking_files_fail() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .and(query_param("path", "/d"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"path": "/d", "is_dir": true})),
        )
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .and(query_param("path", "/s"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"path": "/s", "file_size": 10})),
        )
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .and(query_param("path", "/s"))
        .respond_with(serve_reads(Arc::new(vec![1, 2, 3])))
        .mount(&server)
        .await;
    let dbfs = DbfsApi::new(client(&server));
    assert!(matches!(
        dbfs.download("/d").await.unwrap_err(),
        databricks_core::Error::InvalidInput(_)
    ));
    let err = dbfs
        .download("/s")
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("shrank"), "{err}");
}

#[tokio::test]
async fn download_file_writes_via_a_temporary_and_reports_progress() {
    let data = Arc::new(pattern(2 * MIB + 7));
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"path": "/f", "file_size": data.len()})),
        )
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .respond_with(serve_reads(Arc::clone(&data)))
        .expect(3)
        .mount(&server)
        .await;
    let dir = std::env::temp_dir().join(format!("dbfs-wire-dl-{}", std::process::id()));
    let local = dir.join("nested").join("f.bin");
    let (seen, sink) = recorder();
    let written = DbfsApi::new(client(&server))
        .download_file("/f", &local)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(written, data.len() as u64);
    assert_eq!(std::fs::read(&local).unwrap(), *data);
    let names: Vec<_> = std::fs::read_dir(dir.join("nested"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary left: {names:?}");
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen.first(),
        Some(&Progress::new(0, Some(data.len() as u64)))
    );
    assert_eq!(
        seen.last(),
        Some(&Progress::new(data.len() as u64, Some(data.len() as u64)))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn failed_download_file_leaves_the_local_file_alone() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"path": "/f", "file_size": 3 * MIB})),
        )
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .mount(&server)
        .await;
    let dir = std::env::temp_dir().join(format!("dbfs-wire-dlf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let local = dir.join("keep.txt");
    std::fs::write(&local, b"old").unwrap();
    DbfsApi::new(client(&server))
        .download_file("/f", &local)
        .await
        .unwrap_err();
    assert_eq!(std::fs::read(&local).unwrap(), b"old");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn into_async_read_yields_the_content() {
    use tokio::io::AsyncReadExt;
    let data = Arc::new(pattern(MIB + 3));
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"path": "/f", "file_size": data.len()})),
        )
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/dbfs/read")
        .respond_with(serve_reads(Arc::clone(&data)))
        .mount(&server)
        .await;
    let mut reader = DbfsApi::new(client(&server))
        .download("/f")
        .await
        .unwrap()
        .into_async_read();
    let mut out = Vec::new();
    reader.read_to_end(&mut out).await.unwrap();
    assert_eq!(out, *data);
}

#[tokio::test]
async fn local_failures_of_downloads_and_directory_copies_are_io() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"path": "/f", "file_size": 0})),
        )
        .mount(&server)
        .await;
    let (dir, blocker) = local_file("iofail", b"a file, not a directory");
    let dbfs = DbfsApi::new(client(&server));
    // The parent of the download target is a file.
    let err = dbfs
        .download_file("/f", blocker.join("under-a-file.bin"))
        .await
        .unwrap_err();
    match &err {
        databricks_core::Error::Io(io) => assert_eq!(io.path(), blocker.as_path()),
        other => panic!("expected Error::Io, got {other:?}"),
    }
    // A local tree that does not exist.
    let err = dbfs
        .upload_dir(dir.join("no-such-dir"), "/t", false)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::NotFound, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_small_source_of_known_size_is_put_from_memory_and_retried_by_the_transport() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/dbfs/get-status")
        .respond_with(not_found())
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(error(503, "TEMPORARILY_UNAVAILABLE", "later"))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/put")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/dbfs/move")
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let data = pattern(4096);
    let done = DbfsApi::new(retrying_client(&server))
        .upload("/small.bin", data.as_slice(), false)
        .size_hint(data.len() as u64)
        .await
        .unwrap();
    assert_eq!(done, 4096);
}
