//! Wire tests of the Files API (`databricks_dbfs::files`): every method's exact request
//! (method, encoded path, query, headers, body) and its error paths.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_core::{Client, ConfigSources, Error, ErrorCode, Paginator, RetryPolicy, Timestamp};
use databricks_dbfs::files::{
    DirectoryEntry, FilesApi, ListDirectoryContentsRequest, Progress, UploadSource,
};
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::header;
use wiremock::{MockServer, Request, ResponseTemplate};

const MIB: usize = 1 << 20;

/// A path with a space, `#`, `?`, `%` and non-ASCII characters...
const ODD: &str = "/Volumes/main/raw/my dir/a#b?c%d/été.csv";
/// ...and how it must appear in the URL.
const ODD_FILE_URL: &str =
    "/api/2.0/fs/files/Volumes/main/raw/my%20dir/a%23b%3Fc%25d/%C3%A9t%C3%A9.csv";
const ODD_DIR_URL: &str =
    "/api/2.0/fs/directories/Volumes/main/raw/my%20dir/a%23b%3Fc%25d/%C3%A9t%C3%A9.csv";

const FILE: &str = "/Volumes/main/raw/landing/orders.csv";
const FILE_URL: &str = "/api/2.0/fs/files/Volumes/main/raw/landing/orders.csv";
const DIR: &str = "/Volumes/main/raw/landing";
const DIR_URL: &str = "/api/2.0/fs/directories/Volumes/main/raw/landing";
const FILE_URL_DIR: &str = "/api/2.0/fs/files/Volumes/main/raw/landing";

const LAST_MODIFIED: &str = "Wed, 12 Jun 2024 08:34:12 GMT";
const LAST_MODIFIED_MS: i64 = 1_718_181_252_000;

fn files(server: &MockServer) -> FilesApi {
    FilesApi::new(client(server))
}

fn header_of<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).map(|v| v.to_str().unwrap())
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn octet_stream(request: &Request) -> bool {
    header_of(request, "content-type") == Some("application/octet-stream")
}

fn content_length_is(len: usize) -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    move |request: &Request| header_of(request, "content-length") == Some(&*len.to_string())
}

// ---------------------------------------------------------------------------------------------
// upload

#[tokio::test]
async fn upload_from_memory_puts_the_raw_bytes_with_exact_headers() {
    let server = MockServer::start().await;
    endpoint("PUT", ODD_FILE_URL)
        .and(exact_query(&[("overwrite", "true")]))
        .and(octet_stream)
        .and(content_length_is(11))
        .and(wiremock::matchers::body_bytes(b"hello files".to_vec()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let (seen, sink) = recorder();
    let sent = files(&server)
        .upload(ODD, b"hello files".to_vec(), true)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(sent, 11);
    assert_eq!(*seen.lock().unwrap(), vec![Progress::new(11, Some(11))]);
    // The path is exactly the encoded one: nothing decoded, nothing encoded twice.
    assert_eq!(received(&server).await[0].url.path(), ODD_FILE_URL);
}

#[tokio::test]
async fn upload_without_overwrite_sends_false_and_a_409_is_already_exists() {
    let server = MockServer::start().await;
    endpoint("PUT", FILE_URL)
        .and(exact_query(&[("overwrite", "false")]))
        .respond_with(error(
            409,
            "ALREADY_EXISTS",
            "The file being created already exists.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = FilesApi::new(retrying_client(&server))
        .upload(FILE, bytes::Bytes::from_static(b"x"), false)
        .await
        .unwrap_err();
    assert!(err.is_already_exists(), "{err}");
    assert_eq!(err.status(), Some(409));
    assert_eq!(
        err.to_string(),
        format!("PUT {FILE_URL}: 409 ALREADY_EXISTS: The file being created already exists.")
    );
}

#[tokio::test]
async fn an_upload_from_memory_is_retried_on_503() {
    let server = MockServer::start().await;
    endpoint("PUT", FILE_URL)
        .and(exact_query(&[("overwrite", "false")]))
        .respond_with(Sequence::new(vec![
            error(503, "TEMPORARILY_UNAVAILABLE", "busy"),
            ResponseTemplate::new(200),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    let data = pattern(1000);
    FilesApi::new(retrying_client(&server))
        .upload(FILE, data.clone(), false)
        .await
        .unwrap();
    for request in received(&server).await {
        assert_eq!(request.body, data);
        assert!(octet_stream(&request));
    }
}

#[tokio::test]
async fn an_upload_from_memory_with_overwrite_is_retried_on_500_but_not_without() {
    let server = MockServer::start().await;
    endpoint("PUT", FILE_URL)
        .and(exact_query(&[("overwrite", "true")]))
        .respond_with(Sequence::new(vec![
            error(500, "INTERNAL_ERROR", "boom"),
            ResponseTemplate::new(200),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    endpoint("PUT", FILE_URL)
        .and(exact_query(&[("overwrite", "false")]))
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    let api = FilesApi::new(retrying_client(&server));
    api.upload(FILE, b"abc".to_vec(), true).await.unwrap();
    let err = api.upload(FILE, b"abc".to_vec(), false).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
}

#[tokio::test]
async fn a_local_file_is_streamed_with_its_exact_length() {
    let data = pattern(MIB + 300 * 1024);
    let (dir, local) = local_file("stream", &data);
    let server = MockServer::start().await;
    endpoint("PUT", FILE_URL)
        .and(exact_query(&[("overwrite", "true")]))
        .and(octet_stream)
        .and(content_length_is(data.len()))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let (seen, sink) = recorder();
    let sent = files(&server)
        .upload(FILE, UploadSource::file(&local), true)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(sent, data.len() as u64);
    let request = &received(&server).await[0];
    assert_eq!(request.body, data);
    assert_eq!(header_of(request, "transfer-encoding"), None);
    let seen = seen.lock().unwrap();
    // Progress as the chunks go, ending at the total.
    assert!(seen.len() >= 2, "{seen:?}");
    assert_eq!(
        seen.last(),
        Some(&Progress::new(data.len() as u64, Some(data.len() as u64)))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_streamed_local_file_is_sent_again_after_a_503_and_with_overwrite_after_a_500() {
    let data = pattern(MIB + 77);
    let (dir, local) = local_file("again", &data);
    let server = MockServer::start().await;
    endpoint("PUT", FILE_URL)
        .and(exact_query(&[("overwrite", "false")]))
        .respond_with(Sequence::new(vec![
            error(503, "TEMPORARILY_UNAVAILABLE", "busy").insert_header("retry-after", "0"),
            ResponseTemplate::new(200),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    // The client itself does not retry: the file is sent again by the upload.
    files(&server)
        .upload(FILE, local.clone(), false)
        .await
        .unwrap();
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.body, data, "each attempt sends the whole file");
        assert!(content_length_is(data.len())(request));
    }

    // Without overwrite, a 500 may have written the file: not sent again.
    server.verify().await;
    server.reset().await;
    endpoint("PUT", FILE_URL)
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    let err = files(&server)
        .upload(FILE, local.clone(), false)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    server.verify().await;

    // With overwrite a repeat is harmless: at most 3 attempts in all.
    server.verify().await;
    server.reset().await;
    endpoint("PUT", FILE_URL)
        .and(exact_query(&[("overwrite", "true")]))
        .respond_with(error(500, "INTERNAL_ERROR", "boom").insert_header("retry-after", "0"))
        .expect(3)
        .mount(&server)
        .await;
    let err = files(&server)
        .upload(FILE, local.clone(), true)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_small_local_file_is_sent_from_memory_and_retried_by_the_transport() {
    let data = pattern(4096);
    let (dir, local) = local_file("small", &data);
    let server = MockServer::start().await;
    endpoint("PUT", FILE_URL)
        .and(content_length_is(data.len()))
        .respond_with(Sequence::new(vec![
            error(503, "TEMPORARILY_UNAVAILABLE", "busy"),
            ResponseTemplate::new(200),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    FilesApi::new(retrying_client(&server))
        .upload(FILE, local.as_path(), true)
        .await
        .unwrap();
    assert_eq!(received(&server).await[1].body, data);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_reader_of_known_size_is_streamed_with_that_length_and_not_sent_again() {
    let data = pattern(2 * MIB + 5);
    let server = MockServer::start().await;
    endpoint("PUT", FILE_URL)
        .and(content_length_is(data.len()))
        .and(octet_stream)
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let sent = files(&server)
        .upload(
            FILE,
            UploadSource::reader_with_size(&data[..], data.len() as u64),
            true,
        )
        .await
        .unwrap();
    assert_eq!(sent, data.len() as u64);
    assert_eq!(received(&server).await[0].body, data);

    server.verify().await;
    server.reset().await;
    endpoint("PUT", FILE_URL)
        .respond_with(error(503, "TEMPORARILY_UNAVAILABLE", "busy"))
        .expect(1)
        .mount(&server)
        .await;
    let err = FilesApi::new(retrying_client(&server))
        .upload(
            FILE,
            UploadSource::reader_with_size(&data[..], data.len() as u64),
            true,
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
}

#[tokio::test]
async fn a_large_reader_of_unknown_size_is_sent_chunked() {
    let data = pattern(MIB + MIB / 2);
    let server = MockServer::start().await;
    endpoint("PUT", FILE_URL)
        .and(|r: &Request| header_of(r, "transfer-encoding") == Some("chunked"))
        .and(|r: &Request| header_of(r, "content-length").is_none())
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let (seen, sink) = recorder();
    let sent = files(&server)
        .upload(FILE, UploadSource::reader(&data[..]), true)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(sent, data.len() as u64);
    assert_eq!(received(&server).await[0].body, data);
    assert_eq!(
        seen.lock().unwrap().last(),
        Some(&Progress::new(data.len() as u64, None))
    );
}

#[tokio::test]
async fn a_small_reader_of_unknown_size_is_sent_from_memory_with_its_length() {
    let server = MockServer::start().await;
    endpoint("PUT", FILE_URL)
        .and(content_length_is(5))
        .and(wiremock::matchers::body_bytes(b"small".to_vec()))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    files(&server)
        .upload(FILE, UploadSource::reader(&b"small"[..]), true)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_reader_that_does_not_match_its_size_is_io() {
    let server = MockServer::start().await;
    // Small: found out while reading into memory, before anything is sent.
    forbid_any_request(&server).await;
    let err = files(&server)
        .upload(FILE, UploadSource::reader_with_size(&b"abc"[..], 4), true)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::UnexpectedEof, "{err}");
    let err = files(&server)
        .upload(FILE, UploadSource::reader_with_size(&b"abcde"[..], 4), true)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::InvalidData, "{err}");

    // Large: found out while streaming; the broken request is reported as the local failure.
    server.verify().await;
    server.reset().await;
    endpoint("PUT", FILE_URL)
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let data = pattern(2 * MIB);
    let err = files(&server)
        .upload(
            FILE,
            UploadSource::reader_with_size(&data[..], 3 * MIB as u64),
            true,
        )
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::UnexpectedEof, "{err}");
}

#[tokio::test]
async fn local_source_problems_fail_before_sending() {
    let server = MockServer::start().await;
    forbid_any_request(&server).await;
    let dir = local_dir("local-problems");
    let err = files(&server)
        .upload(FILE, UploadSource::file(dir.join("missing.bin")), true)
        .await
        .unwrap_err();
    assert_eq!(io_kind(&err), std::io::ErrorKind::NotFound, "{err}");
    assert_invalid(
        files(&server)
            .upload(FILE, UploadSource::file(&dir), true)
            .await,
        "source",
    );
    // Over the 5 GiB limit of one upload.
    assert_invalid(
        files(&server)
            .upload(
                FILE,
                UploadSource::reader_with_size(tokio::io::empty(), (5 << 30) + 1),
                true,
            )
            .await,
        "source",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------------
// download

#[tokio::test]
async fn download_streams_the_body_and_reads_the_metadata_headers() {
    let data = pattern(300_000);
    let server = MockServer::start().await;
    endpoint("GET", ODD_FILE_URL)
        .and(header("accept", "application/octet-stream"))
        .and(no_query)
        .and(no_body)
        .and(|r: &Request| header_of(r, "range").is_none())
        .and(|r: &Request| header_of(r, "if-unmodified-since").is_none())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/csv")
                .insert_header("last-modified", LAST_MODIFIED)
                .set_body_bytes(data.clone()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let download = files(&server).download(ODD).await.unwrap();
    assert_eq!(download.content_length(), Some(data.len() as u64));
    assert_eq!(download.content_type(), Some("text/csv"));
    assert_eq!(
        download.last_modified(),
        Some(Timestamp::from_millis(LAST_MODIFIED_MS))
    );
    assert_eq!(
        download.metadata().last_modified_raw.as_deref(),
        Some(LAST_MODIFIED)
    );
    assert!(!download.is_partial());
    let chunks: Vec<bytes::Bytes> = download.try_collect().await.unwrap();
    assert_eq!(chunks.concat(), data);
}

#[tokio::test]
async fn download_of_a_range_if_unmodified_since_sends_both_headers() {
    let server = MockServer::start().await;
    endpoint("GET", FILE_URL)
        .and(header("range", "bytes=100-199"))
        // (wiremock's `header` matcher splits values on commas, which HTTP-dates have)
        .and(|r: &Request| header_of(r, "if-unmodified-since") == Some(LAST_MODIFIED))
        .respond_with(
            ResponseTemplate::new(206)
                .insert_header("content-range", "bytes 100-199/48213")
                .set_body_bytes(pattern(100)),
        )
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", FILE_URL)
        .and(header("range", "bytes=-8"))
        .respond_with(ResponseTemplate::new(206).set_body_bytes(b"PAR1tail".to_vec()))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", FILE_URL)
        .and(header("range", "bytes=1024-"))
        .respond_with(ResponseTemplate::new(206).set_body_bytes(b"rest".to_vec()))
        .expect(1)
        .mount(&server)
        .await;
    let api = files(&server);
    let download = api
        .download(FILE)
        .range(100..200)
        // Milliseconds are dropped: HTTP-dates have whole seconds.
        .if_unmodified_since(Timestamp::from_millis(LAST_MODIFIED_MS + 999))
        .await
        .unwrap();
    assert!(download.is_partial());
    assert_eq!(download.content_range(), Some("bytes 100-199/48213"));
    assert_eq!(download.content_length(), Some(100));
    assert_eq!(download.bytes().await.unwrap(), pattern(100));
    let footer = api.download(FILE).last_bytes(8).await.unwrap();
    assert_eq!(footer.bytes().await.unwrap().as_ref(), b"PAR1tail");
    let rest = api.download(FILE).range(1024..).await.unwrap();
    assert_eq!(rest.bytes().await.unwrap().as_ref(), b"rest");
}

#[tokio::test]
async fn download_errors_are_typed() {
    let server = MockServer::start().await;
    endpoint("GET", "/api/2.0/fs/files/Volumes/missing.csv")
        .respond_with(error(
            404,
            "NOT_FOUND",
            "The file /Volumes/missing.csv does not exist.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", FILE_URL)
        .and(header("range", "bytes=999999-"))
        .respond_with(ResponseTemplate::new(416))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", FILE_URL)
        // (wiremock's `header` matcher splits values on commas, which HTTP-dates have)
        .and(|r: &Request| header_of(r, "if-unmodified-since") == Some(LAST_MODIFIED))
        .respond_with(error(412, "FAILED_PRECONDITION", "modified since"))
        .expect(1)
        .mount(&server)
        .await;
    let api = files(&server);
    let err = api.download("/Volumes/missing.csv").await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert_eq!(err.as_api().unwrap().error_code(), &ErrorCode::NotFound);
    assert_eq!(
        err.as_api().unwrap().message(),
        "The file /Volumes/missing.csv does not exist."
    );
    let err = api.download(FILE).range(999_999..).await.unwrap_err();
    assert_eq!(err.status(), Some(416), "{err}");
    let err = api
        .download(FILE)
        .if_unmodified_since(Timestamp::from_millis(LAST_MODIFIED_MS))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(412), "{err}");
}

#[tokio::test]
async fn download_file_writes_through_a_temporary_and_reports_progress() {
    let data = pattern(MIB + 12_345);
    let server = MockServer::start().await;
    endpoint("GET", FILE_URL)
        .and(header("accept", "application/octet-stream"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(data.clone()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = local_dir("download-file");
    let local = dir.join("nested").join("orders.csv");
    let (seen, sink) = recorder();
    let written = files(&server)
        .download_file(FILE, &local)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(written, data.len() as u64);
    assert_eq!(std::fs::read(&local).unwrap(), data);
    assert_eq!(
        std::fs::read_dir(local.parent().unwrap()).unwrap().count(),
        1
    );
    let seen = seen.lock().unwrap();
    let total = Some(data.len() as u64);
    assert_eq!(seen.first(), Some(&Progress::new(0, total)));
    assert_eq!(seen.last(), Some(&Progress::new(data.len() as u64, total)));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A server that answers every request with a `Content-Length` of `announced` bytes, sends
/// only `sent` of them and closes the connection: a download that breaks mid-body.
async fn truncating_server(announced: usize, sent: Vec<u8>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let sent = sent.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\n\
                     content-length: {announced}\r\n\r\n"
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&sent).await;
                let _ = socket.flush().await;
                // Dropping the socket closes the connection mid-body.
            });
        }
    });
    format!("http://{address}")
}

#[tokio::test]
async fn download_file_leaves_no_partial_file_when_the_body_breaks() {
    let host = truncating_server(100_000, pattern(40_000)).await;
    let client = Client::builder()
        .host(host)
        .token(TOKEN)
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy::disabled())
        .no_proxy()
        .build()
        .unwrap();
    let dir = local_dir("broken-body");
    let local = dir.join("keep.csv");
    std::fs::write(&local, b"old").unwrap();
    let err = FilesApi::new(client.clone())
        .download_file(FILE, &local)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    // The old content is intact and the temporary is gone.
    assert_eq!(std::fs::read(&local).unwrap(), b"old");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("keep.csv")]);
    // A new file is not created either.
    let fresh = dir.join("fresh.csv");
    FilesApi::new(client.clone())
        .download_file(FILE, &fresh)
        .await
        .unwrap_err();
    assert!(!fresh.exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // The stream itself ends with the error, never short.
    let download = FilesApi::new(client).download(FILE).await.unwrap();
    assert_eq!(download.content_length(), Some(100_000));
    assert!(download.bytes().await.is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------------
// metadata, delete, directories

#[tokio::test]
async fn get_metadata_is_a_head_read_from_the_headers() {
    let server = MockServer::start().await;
    endpoint("HEAD", ODD_FILE_URL)
        .and(no_query)
        .and(no_body)
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/octet-stream")
                .insert_header("last-modified", LAST_MODIFIED)
                .set_body_bytes(vec![0u8; 48213]),
        )
        .expect(1)
        .mount(&server)
        .await;
    let meta = files(&server).get_metadata(ODD).await.unwrap();
    assert_eq!(meta.content_length, Some(48213));
    assert_eq!(
        meta.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(
        meta.last_modified,
        Some(Timestamp::from_millis(LAST_MODIFIED_MS))
    );
    assert_eq!(meta.last_modified_raw.as_deref(), Some(LAST_MODIFIED));
}

#[tokio::test]
async fn a_head_404_without_a_body_is_a_typed_not_found() {
    let server = MockServer::start().await;
    endpoint("HEAD", FILE_URL)
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("HEAD", DIR_URL)
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    let api = files(&server);
    for err in [
        api.get_metadata(FILE).await.unwrap_err(),
        api.get_directory_metadata(DIR).await.unwrap_err(),
    ] {
        assert!(err.is_not_found(), "{err}");
        let api_error = err.as_api().unwrap();
        assert_eq!(api_error.status(), 404);
        assert_eq!(api_error.error_code(), &ErrorCode::NotFound);
        assert_eq!(api_error.method(), "HEAD");
    }
}

#[tokio::test]
async fn delete_sends_a_bare_delete_and_404_is_not_found() {
    let server = MockServer::start().await;
    endpoint("DELETE", ODD_FILE_URL)
        .and(no_query)
        .and(no_body)
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("DELETE", FILE_URL)
        .respond_with(error(404, "NOT_FOUND", "no such file"))
        .expect(1)
        .mount(&server)
        .await;
    let api = files(&server);
    api.delete(ODD).await.unwrap();
    let err = api.delete(FILE).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[tokio::test]
async fn delete_is_retried_only_when_the_service_did_not_act() {
    let server = MockServer::start().await;
    endpoint("DELETE", FILE_URL)
        .respond_with(error(500, "INTERNAL_ERROR", "boom"))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("DELETE", DIR_URL)
        .respond_with(Sequence::new(vec![
            error(503, "TEMPORARILY_UNAVAILABLE", "busy"),
            ResponseTemplate::new(200),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    let api = FilesApi::new(retrying_client(&server));
    assert_eq!(api.delete(FILE).await.unwrap_err().status(), Some(500));
    api.delete_directory(DIR).await.unwrap();
}

#[tokio::test]
async fn create_directory_is_a_bare_put_retried_on_500() {
    let server = MockServer::start().await;
    endpoint("PUT", ODD_DIR_URL)
        .and(no_query)
        .and(no_body)
        .respond_with(Sequence::new(vec![
            error(500, "INTERNAL_ERROR", "boom"),
            ResponseTemplate::new(204),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    FilesApi::new(retrying_client(&server))
        .create_directory(ODD)
        .await
        .unwrap();
}

#[tokio::test]
async fn get_directory_metadata_is_a_head() {
    let server = MockServer::start().await;
    endpoint("HEAD", ODD_DIR_URL)
        .and(no_query)
        .and(no_body)
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("HEAD", DIR_URL)
        .respond_with(ResponseTemplate::new(403))
        .expect(1)
        .mount(&server)
        .await;
    let api = files(&server);
    api.get_directory_metadata(ODD).await.unwrap();
    let err = api.get_directory_metadata(DIR).await.unwrap_err();
    assert!(err.is_permission_denied(), "{err}");
}

#[tokio::test]
async fn delete_directory_of_a_non_empty_directory_fails_with_the_service_code() {
    let server = MockServer::start().await;
    endpoint("DELETE", ODD_DIR_URL)
        .and(no_query)
        .and(no_body)
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("DELETE", DIR_URL)
        .respond_with(error(
            400,
            "DIRECTORY_NOT_EMPTY",
            "The directory is not empty.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let api = files(&server);
    api.delete_directory(ODD).await.unwrap();
    let err = api.delete_directory(DIR).await.unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        err.as_api().unwrap().error_code().as_str(),
        "DIRECTORY_NOT_EMPTY"
    );
}

fn entry(name: &str, is_directory: bool) -> serde_json::Value {
    if is_directory {
        json!({"path": format!("{DIR}/{name}"), "name": name, "is_directory": true})
    } else {
        json!({
            "path": format!("{DIR}/{name}"), "name": name, "is_directory": false,
            "file_size": 912, "last_modified": 1_718_181_234_000i64,
        })
    }
}

#[tokio::test]
async fn list_directory_contents_follows_page_tokens_across_three_pages() {
    let server = MockServer::start().await;
    endpoint("GET", DIR_URL)
        .and(exact_query(&[("page_size", "2")]))
        .respond_with(ok_json(json!({
            "contents": [entry("11", true), entry("orders.csv", false)],
            "next_page_token": "t1",
        })))
        .expect(1)
        .mount(&server)
        .await;
    // An empty page with a token is not the end: only a missing token is.
    endpoint("GET", DIR_URL)
        .and(exact_query(&[("page_size", "2"), ("page_token", "t1")]))
        .respond_with(ok_json(json!({"contents": [], "next_page_token": "t2"})))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", DIR_URL)
        .and(exact_query(&[("page_size", "2"), ("page_token", "t2")]))
        .respond_with(ok_json(json!({"contents": [entry("z.json", false)]})))
        .expect(1)
        .mount(&server)
        .await;
    let entries: Vec<DirectoryEntry> = files(&server)
        .list_directory_contents(ListDirectoryContentsRequest {
            page_size: Some(2),
            ..ListDirectoryContentsRequest::new(DIR)
        })
        .try_collect()
        .await
        .unwrap();
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["11", "orders.csv", "z.json"]);
    assert!(entries[0].is_directory);
    assert_eq!(entries[0].file_size, None);
    assert_eq!(entries[1].file_size, Some(912));
    assert_eq!(
        entries[1].last_modified,
        Some(Timestamp::from_millis(1_718_181_234_000))
    );
    assert_eq!(entries[1].path, format!("{DIR}/orders.csv"));
}

#[tokio::test]
async fn list_directory_contents_takes_a_path_and_the_paginator_page_size() {
    let server = MockServer::start().await;
    endpoint("GET", ODD_DIR_URL)
        .and(no_query)
        .respond_with(ok_json(json!({"contents": [entry("a", false)]})))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", DIR_URL)
        .and(exact_query(&[("page_size", "500")]))
        .respond_with(ok_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/fs/directories/Volumes/missing")
        .respond_with(error(404, "NOT_FOUND", "no such directory"))
        .expect(1)
        .mount(&server)
        .await;
    let api = files(&server);
    let odd: Vec<DirectoryEntry> = api
        .list_directory_contents(ODD)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(odd.len(), 1);
    let paged: Paginator<DirectoryEntry> = api.list_directory_contents(DIR.to_owned());
    assert!(paged.page_size(500).collect_all().await.unwrap().is_empty());
    let err = api
        .list_directory_contents("/Volumes/missing")
        .collect_all()
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

// ---------------------------------------------------------------------------------------------
// client-side validation

#[tokio::test]
async fn invalid_paths_are_rejected_before_anything_is_sent() {
    let server = MockServer::start().await;
    forbid_any_request(&server).await;
    let api = files(&server);
    let dir = local_dir("invalid");
    for bad in [
        "",
        "Volumes/main/a.csv",
        "dbfs:/Volumes/a",
        "/Volumes/a\0b",
        "/Volumes/../etc",
        "/Volumes/./a",
    ] {
        assert_invalid(api.upload(bad, b"x".to_vec(), true).await, "file_path");
        assert_invalid(
            api.upload(bad, UploadSource::file(dir.join("x")), true)
                .await,
            "file_path",
        );
        assert_invalid(api.download(bad).await, "file_path");
        assert_invalid(api.download_file(bad, dir.join("x")).await, "file_path");
        assert_invalid(api.get_metadata(bad).await, "file_path");
        assert_invalid(api.delete(bad).await, "file_path");
        assert_invalid(api.create_directory(bad).await, "directory_path");
        assert_invalid(api.get_directory_metadata(bad).await, "directory_path");
        assert_invalid(api.delete_directory(bad).await, "directory_path");
        assert_invalid(
            api.list_directory_contents(bad).collect_all().await,
            "directory_path",
        );
    }
    // Empty ranges, and a local target that is not a file name.
    assert_invalid(api.download(FILE).range(5..5).await, "range");
    let reversed = (std::ops::Bound::Included(9), std::ops::Bound::Included(3));
    assert_invalid(api.download(FILE).range(reversed).await, "range");
    assert_invalid(api.download(FILE).last_bytes(0).await, "range");
    assert_invalid(api.download_file(FILE, "/").await, "local_path");
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------------
// directory trees

#[tokio::test]
async fn upload_dir_creates_each_directory_then_puts_each_file() {
    let server = MockServer::start().await;
    for dir in [DIR, &format!("{DIR}/sub")] {
        endpoint("PUT", &format!("/api/2.0/fs/directories{dir}"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
    }
    for (file, body) in [("a.txt", &b"a"[..]), ("sub/b.txt", &b"bb"[..])] {
        endpoint("PUT", &format!("{FILE_URL_DIR}/{file}"))
            .and(exact_query(&[("overwrite", "false")]))
            .and(octet_stream)
            .and(wiremock::matchers::body_bytes(body.to_vec()))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
    }
    let root = local_dir("tree-up");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join("a.txt"), b"a").unwrap();
    std::fs::write(root.join("sub/b.txt"), b"bb").unwrap();

    let summary = files(&server)
        .upload_dir(&root, &format!("{DIR}/"), false)
        .await
        .unwrap();
    assert_eq!(
        (summary.files, summary.directories, summary.bytes),
        (2, 2, 3)
    );
    let order: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(
        order,
        vec![
            DIR_URL.to_owned(),
            format!("{DIR_URL}/sub"),
            format!("{FILE_URL_DIR}/a.txt"),
            format!("{FILE_URL_DIR}/sub/b.txt"),
        ]
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[tokio::test]
async fn download_dir_lists_level_by_level_then_gets_each_file() {
    let server = MockServer::start().await;
    endpoint("HEAD", DIR_URL)
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", DIR_URL)
        .respond_with(ok_json(json!({ "contents": [
            { "path": format!("{DIR}/a.txt"), "name": "a.txt", "is_directory": false, "file_size": 1 },
            { "path": format!("{DIR}/sub"), "name": "sub", "is_directory": true },
        ] })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", &format!("{DIR_URL}/sub"))
        .respond_with(ok_json(json!({ "contents": [
            { "path": format!("{DIR}/sub/b.txt"), "name": "b.txt", "is_directory": false, "file_size": 2 },
        ] })))
        .expect(1)
        .mount(&server)
        .await;
    for (file, body) in [("a.txt", &b"a"[..]), ("sub/b.txt", &b"bb"[..])] {
        endpoint("GET", &format!("{FILE_URL_DIR}/{file}"))
            .and(header("accept", "application/octet-stream"))
            .respond_with(ResponseTemplate::new(200).set_body_bytes(body.to_vec()))
            .expect(1)
            .mount(&server)
            .await;
    }
    let root = local_dir("tree-down");
    let (seen, sink) = recorder();
    let summary = files(&server)
        .download_dir(DIR, root.join("copy"), false)
        .on_progress(sink)
        .await
        .unwrap();
    assert_eq!(
        (summary.files, summary.directories, summary.bytes),
        (2, 2, 3)
    );
    assert_eq!(std::fs::read(root.join("copy/a.txt")).unwrap(), b"a");
    assert_eq!(std::fs::read(root.join("copy/sub/b.txt")).unwrap(), b"bb");
    assert_eq!(
        seen.lock().unwrap().last(),
        Some(&Progress::new(3, Some(3)))
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[tokio::test]
async fn download_dir_refuses_entries_that_would_leave_the_target() {
    let server = MockServer::start().await;
    endpoint("HEAD", DIR_URL)
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    endpoint("GET", DIR_URL)
        .respond_with(ok_json(json!({ "contents": [
            { "path": "/Volumes/elsewhere/../x", "name": "..", "is_directory": false, "file_size": 1 },
        ] })))
        .mount(&server)
        .await;
    let root = local_dir("tree-escape");
    let err = files(&server)
        .download_dir(DIR, root.join("copy"), false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(!root.join("x").exists());
    std::fs::remove_dir_all(root).unwrap();
}
