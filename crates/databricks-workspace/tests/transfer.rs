//! Wire tests of the streaming helpers: `upload` from a reader or a file, `download`.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_core::Error;
use databricks_workspace::{ExportFormat, ImportFormat, UploadSource, WorkspaceApi};
use futures::StreamExt;
use serde_json::json;
use wiremock::matchers::query_param;
use wiremock::{MockServer, Request, ResponseTemplate};

const KIB: usize = 1024;

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({}))
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

/// A reader handing out `data` in reads of at most `step` bytes, then failing with
/// `fail_at_end` when set.
struct Trickle {
    data: Vec<u8>,
    pos: usize,
    step: usize,
    fail_at_end: bool,
}

impl Trickle {
    fn new(data: Vec<u8>, step: usize) -> Self {
        Self {
            data,
            pos: 0,
            step,
            fail_at_end: false,
        }
    }
}

impl tokio::io::AsyncRead for Trickle {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        if self.pos == self.data.len() && self.fail_at_end {
            return std::task::Poll::Ready(Err(std::io::Error::other("disk unplugged")));
        }
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

/// The declared `Content-Length` of a request, checked against its body.
fn content_length(request: &Request) -> Option<u64> {
    let declared = request
        .headers
        .get("content-length")
        .map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
    if let Some(n) = declared {
        assert_eq!(n, request.body.len() as u64);
    }
    declared
}

fn io_kind(err: &Error) -> std::io::ErrorKind {
    match err {
        Error::Io(io) => io.kind(),
        other => panic!("expected Error::Io, got {other:?}"),
    }
}

async fn import_mock(server: &MockServer, times: u64) {
    endpoint("POST", "/api/2.0/workspace/import")
        .respond_with(ok())
        .expect(times)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_reader_of_known_size_streams_an_exact_multipart_body() {
    let server = MockServer::start().await;
    import_mock(&server, 1).await;
    // Several chunks, not a multiple of the chunk size, read in odd-sized pieces.
    let data = pattern(700 * KIB + 3);
    WorkspaceApi::new(client(&server))
        .upload(
            "/Users/a/etl.py",
            UploadSource::reader_with_size(Trickle::new(data.clone(), 5_003), data.len() as u64),
        )
        .overwrite(true)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let length = content_length(&requests[0]).expect("a Content-Length");
    assert!(length > data.len() as u64);
    assert!(requests[0].headers.get("transfer-encoding").is_none());
    let form = parse_form(&requests[0]);
    assert_eq!(form.field("path"), Some("/Users/a/etl.py"));
    assert_eq!(form.field("language"), Some("PYTHON"));
    assert_eq!(form.field("overwrite"), Some("true"));
    assert_eq!(form.file_part.as_deref(), Some("content"));
    assert_eq!(form.file_name.as_deref(), Some("etl.py"));
    assert!(form.file == data, "byte-exact");
}

#[tokio::test]
async fn a_reader_of_unknown_size_is_streamed_chunked() {
    let server = MockServer::start().await;
    import_mock(&server, 1).await;
    let data = pattern(600 * KIB);
    WorkspaceApi::new(client(&server))
        .upload(
            "/Users/a/blob.bin",
            UploadSource::reader(Trickle::new(data.clone(), 64 * KIB)),
        )
        .format(ImportFormat::Auto)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(content_length(&requests[0]), None);
    assert_eq!(
        requests[0]
            .headers
            .get("transfer-encoding")
            .map(|v| v.to_str().unwrap()),
        Some("chunked")
    );
    let form = parse_form(&requests[0]);
    assert_eq!(form.field("format"), Some("AUTO"));
    assert_eq!(form.field("language"), None);
    assert!(form.file == data, "byte-exact");
}

#[tokio::test]
async fn a_local_file_is_streamed_with_its_size() {
    let dir = std::env::temp_dir().join(format!("ws-wire-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let local = dir.join("nb.sql");
    let data = pattern(300 * KIB + 1);
    std::fs::write(&local, &data).unwrap();
    let server = MockServer::start().await;
    import_mock(&server, 1).await;
    let ws = WorkspaceApi::new(client(&server));
    ws.upload("/Users/a/nb.sql", UploadSource::file(&local))
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(content_length(&requests[0]).is_some());
    let form = parse_form(&requests[0]);
    assert_eq!(form.field("language"), Some("SQL"));
    assert!(form.file == data, "byte-exact");

    // A missing file: an I/O error naming it, nothing sent.
    let missing = dir.join("missing.sql");
    let err = ws
        .upload("/Users/a/m.sql", UploadSource::file(&missing))
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::NotFound);
    match &err {
        Error::Io(io) => assert_eq!(io.path(), missing.as_path()),
        other => panic!("{other:?}"),
    }
    // A directory is not a file.
    let err = ws
        .upload("/Users/a/d", UploadSource::file(&dir))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn local_failures_mid_stream_are_io_and_import_nothing() {
    let server = MockServer::start().await;
    // A truncated body never reaches the handler: nothing is imported.
    import_mock(&server, 0).await;
    let ws = WorkspaceApi::new(client(&server));
    let data = pattern(400 * KIB);

    let mut failing = Trickle::new(data.clone(), 64 * KIB);
    failing.fail_at_end = true;
    let err = ws
        .upload("/Users/a/x", UploadSource::reader(failing))
        .format(ImportFormat::Auto)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::Other, "{err}");
    assert!(err.to_string().contains("disk unplugged"), "{err}");

    let short = UploadSource::reader_with_size(Trickle::new(data.clone(), 64 * KIB), 500 * 1024);
    let err = ws
        .upload("/Users/a/x", short)
        .format(ImportFormat::Auto)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::UnexpectedEof, "{err}");

    let long = UploadSource::reader_with_size(Trickle::new(data, 64 * KIB), 100 * 1024);
    let err = ws
        .upload("/Users/a/x", long)
        .format(ImportFormat::Auto)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::InvalidData, "{err}");
}

#[tokio::test]
async fn a_streamed_import_is_sent_once_even_with_overwrite() {
    let server = MockServer::start().await;
    endpoint("POST", "/api/2.0/workspace/import")
        .respond_with(error(503, "TEMPORARILY_UNAVAILABLE", "busy"))
        .expect(1)
        .mount(&server)
        .await;
    let err = WorkspaceApi::new(retrying_client(&server))
        .upload(
            "/Users/a/x.py",
            UploadSource::reader_with_size(&b"print(1)"[..], 8),
        )
        .overwrite(true)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
}

#[tokio::test]
async fn download_streams_a_large_body_in_several_chunks() {
    let data = pattern(4 * 1024 * KIB + 11);
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/workspace/export")
        .and(query_param("path", "/Users/a/big.bin"))
        .and(query_param("format", "AUTO"))
        .and(query_param("direct_download", "true"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(data.clone(), "application/octet-stream"),
        )
        .expect(2)
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(client(&server));
    let mut download = ws
        .download("/Users/a/big.bin", Some(ExportFormat::Auto))
        .await
        .unwrap();
    assert_eq!(download.content_length(), Some(data.len() as u64));
    let mut chunks = 0;
    let mut got = Vec::new();
    while let Some(chunk) = download.next().await {
        let chunk = chunk.unwrap();
        chunks += 1;
        got.extend_from_slice(&chunk);
    }
    assert!(chunks > 1, "{chunks} chunk(s)");
    assert!(got == data, "byte-exact");
    // Collected whole, the same bytes.
    let all = ws
        .download("/Users/a/big.bin", Some(ExportFormat::Auto))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(all[..] == data[..]);
}

#[tokio::test]
async fn download_errors_come_before_the_stream_and_are_retried() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/workspace/export")
        .respond_with(error(503, "TEMPORARILY_UNAVAILABLE", "busy"))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/workspace/export")
        .and(query_param("path", "/Users/a/nb"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(b"print(1)".to_vec(), "text/plain"))
        .with_priority(2)
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/workspace/export")
        .and(query_param("path", "/Users/a/missing"))
        .respond_with(error(404, "RESOURCE_DOES_NOT_EXIST", "no such path"))
        .with_priority(2)
        .expect(1)
        .mount(&server)
        .await;
    let ws = WorkspaceApi::new(retrying_client(&server));
    let got = ws
        .download("/Users/a/nb", None)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&got[..], b"print(1)");
    let err = ws.download("/Users/a/missing", None).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}
