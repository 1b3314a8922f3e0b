//! Files API: `/api/2.0/fs/files{path}` and `/api/2.0/fs/directories{path}`.

use std::time::Duration;

use databricks_emulator::{Emulator, FaultRule};
use futures::StreamExt;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{Client, Resp, into_resp, start, start_with_bob};

const VOL: &str = "/Volumes/main/raw/landing";

/// Percent-encodes each segment of an absolute path, keeping `/` (as the SDKs do).
fn encode(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'/' | b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn file_url(path: &str) -> String {
    format!("/api/2.0/fs/files{}", encode(path))
}

fn dir_url(path: &str) -> String {
    format!("/api/2.0/fs/directories{}", encode(path))
}

async fn put_file(c: &Client, path: &str, data: &[u8]) -> Resp {
    c.raw(
        "PUT",
        &file_url(path),
        data.to_vec(),
        Some("application/octet-stream"),
    )
    .await
}

async fn get_file(c: &Client, path: &str) -> Resp {
    c.raw("GET", &file_url(path), Vec::new(), None).await
}

async fn send(c: &Client, method: &str, url: &str) -> Resp {
    c.raw(method, url, Vec::new(), None).await
}

/// Asserts status, `error_code` and `message`.
#[track_caller]
fn assert_error(r: &Resp, status: u16, code: &str, message: &str) {
    r.err(status, code);
    assert_eq!(r.message(), message, "{}", r.text);
}

/// The `ErrorInfo` reason of an error body.
fn reason(r: &Resp) -> &str {
    r.body["details"][0]["reason"].as_str().unwrap_or("")
}

/// Sends a raw HTTP/1.1 request (for targets an HTTP client would normalize) and returns the
/// status and body.
async fn raw_http(emu: &Emulator, head: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(emu.addr()).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out))
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text[9..12].parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn upload_download_and_metadata() {
    let (_emu, c) = start().await;
    let path = format!("{VOL}/2024/06/orders.csv");
    let data = b"id,qty\n1,2\n";
    let r = put_file(&c, &path, data).await;
    assert_eq!((r.status, r.text.as_str()), (200, ""));

    let r = get_file(&c, &path).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.bytes, data);
    assert_eq!(r.headers["content-type"], "application/octet-stream");
    assert_eq!(r.headers["content-length"], data.len().to_string());
    let modified = r.headers["last-modified"].to_str().unwrap().to_owned();
    assert!(modified.ends_with(" GMT"), "{modified}");

    let head = send(&c, "HEAD", &file_url(&path)).await;
    assert_eq!(head.status, 200);
    assert!(head.bytes.is_empty());
    assert_eq!(head.headers["content-type"], "application/octet-stream");
    assert_eq!(head.headers["content-length"], data.len().to_string());
    assert_eq!(head.headers["last-modified"], modified.as_str());

    // The upload created its parents.
    let listing = send(&c, "GET", &dir_url(&format!("{VOL}/2024"))).await.ok();
    assert_eq!(
        listing,
        json!({ "contents": [
            { "path": format!("{VOL}/2024/06"), "name": "06", "is_directory": true }
        ] })
    );
    // Any Content-Type is raw bytes, and an empty body is an empty file.
    let r = c
        .raw(
            "PUT",
            &file_url(&path),
            b"{\"not\": \"json\"}".to_vec(),
            Some("application/json"),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(get_file(&c, &path).await.text, "{\"not\": \"json\"}");
    put_file(&c, &path, b"").await;
    let r = get_file(&c, &path).await;
    assert_eq!((r.status, r.bytes.len()), (200, 0));
    assert_eq!(r.headers["content-length"], "0");
}

#[tokio::test]
async fn names_are_percent_decoded() {
    let (_emu, c) = start().await;
    let dir = format!("{VOL}/sp ace/ünïcødé #1");
    let path = format!("{dir}/what?is#this 100%.txt");
    put_file(&c, &path, b"x").await.ok();
    assert_eq!(get_file(&c, &path).await.text, "x");
    let listing = send(&c, "GET", &dir_url(&dir)).await.ok();
    assert_eq!(listing["contents"][0]["path"], path);
    assert_eq!(listing["contents"][0]["name"], "what?is#this 100%.txt");
    // The same file under another spelling of the same bytes.
    let r = send(
        &c,
        "GET",
        "/api/2.0/fs/files/Volumes/main/raw/landing/sp%20ace/%C3%BCn%C3%AFc%C3%B8d%C3%A9%20%231/what%3Fis%23this%20100%25.txt",
    )
    .await;
    assert_eq!((r.status, r.text.as_str()), (200, "x"));
}

#[tokio::test]
async fn overwrite() {
    let (_emu, c) = start().await;
    let path = format!("{VOL}/f.txt");
    put_file(&c, &path, b"one").await.ok();
    // Default: overwrite.
    put_file(&c, &path, b"two").await.ok();
    assert_eq!(get_file(&c, &path).await.text, "two");
    let url = format!("{}?overwrite=true", file_url(&path));
    c.raw("PUT", &url, b"three".to_vec(), None).await.ok();
    assert_eq!(get_file(&c, &path).await.text, "three");
    let url = format!("{}?overwrite=false", file_url(&path));
    let r = c.raw("PUT", &url, b"four".to_vec(), None).await;
    assert_error(
        &r,
        409,
        "ALREADY_EXISTS",
        "The file being created already exists.",
    );
    assert_eq!(get_file(&c, &path).await.text, "three");
    // overwrite=false onto a new path is fine.
    let url = format!("{}?overwrite=false", file_url(&format!("{VOL}/new")));
    c.raw("PUT", &url, b"new".to_vec(), None).await.ok();
    let url = format!("{}?overwrite=maybe", file_url(&path));
    let r = c.raw("PUT", &url, b"x".to_vec(), None).await;
    assert_error(
        &r,
        400,
        "MALFORMED_REQUEST",
        "Could not parse request object: expected a boolean for field 'overwrite', got a string",
    );
}

#[tokio::test]
async fn conflicts_between_files_and_directories() {
    let (_emu, c) = start().await;
    let file = format!("{VOL}/a/file");
    let dir = format!("{VOL}/a/dir");
    put_file(&c, &file, b"x").await.ok();
    send(&c, "PUT", &dir_url(&dir)).await.ok();

    let r = put_file(&c, &dir, b"x").await;
    assert_error(
        &r,
        409,
        "ABORTED",
        &format!("A directory already exists at {dir}."),
    );
    let r = put_file(&c, &format!("{file}/below/x"), b"x").await;
    assert_error(
        &r,
        409,
        "ABORTED",
        &format!("Cannot create {file}/below/x: a file already exists at {file}."),
    );
    let r = send(&c, "PUT", &dir_url(&file)).await;
    assert_error(
        &r,
        409,
        "ABORTED",
        &format!("A file already exists at {file}."),
    );
    let r = send(&c, "PUT", &dir_url(&format!("{file}/sub"))).await;
    assert_error(
        &r,
        409,
        "ABORTED",
        &format!("Cannot create {file}/sub: a file already exists at {file}."),
    );
    // Nothing was created by the refused requests.
    let listing = send(&c, "GET", &dir_url(&format!("{VOL}/a"))).await.ok();
    let names: Vec<&str> = listing["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dir", "file"]);
    // A volume root is a directory.
    let r = put_file(&c, VOL, b"x").await;
    assert_error(
        &r,
        409,
        "ABORTED",
        &format!("A directory already exists at {VOL}."),
    );
}

#[tokio::test]
async fn missing_and_wrong_kind() {
    let (_emu, c) = start().await;
    let file = format!("{VOL}/d/file");
    let dir = format!("{VOL}/d");
    let missing = format!("{VOL}/nope");
    put_file(&c, &file, b"x").await.ok();

    for (method, path) in [
        ("GET", &missing),
        ("GET", &dir),
        ("DELETE", &missing),
        ("DELETE", &dir),
    ] {
        let r = send(&c, method, &file_url(path)).await;
        assert_error(
            &r,
            404,
            "NOT_FOUND",
            &format!("The file {path} does not exist."),
        );
    }
    for path in [&missing, &dir] {
        let r = send(&c, "HEAD", &file_url(path)).await;
        assert_eq!((r.status, r.bytes.len()), (404, 0), "{path}");
    }
    for (method, path) in [
        ("GET", &missing),
        ("GET", &file),
        ("DELETE", &missing),
        ("DELETE", &file),
    ] {
        let r = send(&c, method, &dir_url(path)).await;
        assert_error(
            &r,
            404,
            "NOT_FOUND",
            &format!("The directory {path} does not exist."),
        );
        assert_eq!(reason(&r), "FILES_API_DIRECTORY_IS_NOT_FOUND");
    }
    for path in [&missing, &file] {
        let r = send(&c, "HEAD", &dir_url(path)).await;
        assert_eq!((r.status, r.bytes.len()), (404, 0), "{path}");
    }
    // Nothing was deleted.
    assert_eq!(get_file(&c, &file).await.text, "x");
}

#[tokio::test]
async fn invalid_paths() {
    let (emu, c) = start().await;
    let outside = "Invalid path {p}: the Files API takes paths in Unity Catalog volumes, \
                   /Volumes/<catalog_name>/<schema_name>/<volume_name>/<path>.";
    for p in [
        "/Workspace/Users/a@b.c/f",
        "/tmp/f",
        "/Volumes/main/raw",
        "/Volumes",
        "/volumes/main/raw/landing/f",
    ] {
        for url in [file_url(p), dir_url(p)] {
            let r = send(&c, "GET", &url).await;
            assert_error(
                &r,
                400,
                "INVALID_PARAMETER_VALUE",
                &outside.replace("{p}", p),
            );
        }
    }
    let r = send(&c, "PUT", &format!("/api/2.0/fs/files{VOL}//f")).await;
    assert_error(
        &r,
        400,
        "INVALID_PARAMETER_VALUE",
        &format!("Invalid path {VOL}//f: empty, '.' and '..' components are not allowed."),
    );
    let r = send(&c, "PUT", &format!("/api/2.0/fs/files{VOL}/a%00b")).await;
    assert_error(
        &r,
        400,
        "INVALID_PARAMETER_VALUE",
        "Path must not contain NUL characters.",
    );
    // Dot segments, sent as is (an HTTP client would resolve them).
    for target in [
        format!("/api/2.0/fs/files{VOL}/a/../b"),
        format!("/api/2.0/fs/directories{VOL}/./b"),
        format!("/api/2.0/fs/files{VOL}/%2E%2E/b"),
    ] {
        let head = format!(
            "PUT {target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n",
            emu.token()
        );
        let (status, body) = raw_http(&emu, &head).await;
        assert_eq!(status, 400, "{target}: {body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error_code"], "INVALID_PARAMETER_VALUE", "{target}");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .ends_with("empty, '.' and '..' components are not allowed."),
            "{body}"
        );
    }
    // The roots themselves are no API.
    let r = send(&c, "GET", "/api/2.0/fs/files/").await;
    r.err(404, "ENDPOINT_NOT_FOUND");
    let r = send(&c, "PATCH", &file_url(&format!("{VOL}/f"))).await;
    assert_eq!((r.status, r.code()), (405, "ENDPOINT_NOT_FOUND"));
}

#[tokio::test]
async fn range_requests() {
    let (_emu, c) = start().await;
    let path = format!("{VOL}/digits");
    put_file(&c, &path, b"0123456789").await.ok();
    let ranged = |range: &'static str, method: &'static str| {
        let req = c.request(method, &file_url(&path)).header("range", range);
        async move { into_resp(req.send().await.unwrap()).await }
    };
    for (range, body, content_range) in [
        ("bytes=2-5", "2345", "bytes 2-5/10"),
        ("bytes=7-", "789", "bytes 7-9/10"),
        ("bytes=-3", "789", "bytes 7-9/10"),
        ("bytes=8-100", "89", "bytes 8-9/10"),
        ("bytes=-50", "0123456789", "bytes 0-9/10"),
    ] {
        let r = ranged(range, "GET").await;
        assert_eq!(r.status, 206, "{range}");
        assert_eq!(r.text, body, "{range}");
        assert_eq!(r.headers["content-range"], content_range, "{range}");
        assert_eq!(r.headers["content-length"], body.len().to_string());
        assert_eq!(r.headers["content-type"], "application/octet-stream");
        let head = ranged(range, "HEAD").await;
        assert_eq!((head.status, head.bytes.len()), (206, 0));
        assert_eq!(head.headers["content-range"], content_range);
    }
    for range in ["bytes=10-", "bytes=10-20", "bytes=-0"] {
        let r = ranged(range, "GET").await;
        assert_error(
            &r,
            416,
            "REQUESTED_RANGE_NOT_SATISFIABLE",
            "The requested range is not satisfiable: the file has 10 bytes.",
        );
        assert_eq!(r.headers["content-range"], "bytes */10");
    }
    // Several ranges, other units and malformed values: the whole file.
    for range in ["bytes=0-1,4-5", "lines=1-2", "bytes=5-2", "bytes=x-"] {
        let r = ranged(range, "GET").await;
        assert_eq!((r.status, r.text.as_str()), (200, "0123456789"), "{range}");
    }
}

#[tokio::test]
async fn if_unmodified_since() {
    let (emu, c) = start().await;
    let path = format!("{VOL}/cond");
    put_file(&c, &path, b"v1").await.ok();
    let first = get_file(&c, &path).await.headers["last-modified"]
        .to_str()
        .unwrap()
        .to_owned();
    let conditional = |date: String| {
        let req = c
            .request("GET", &file_url(&path))
            .header("if-unmodified-since", date);
        async move { into_resp(req.send().await.unwrap()).await }
    };
    let r = conditional(first.clone()).await;
    assert_eq!((r.status, r.text.as_str()), (200, "v1"));
    emu.clock().advance(Duration::from_secs(60));
    put_file(&c, &path, b"v2").await.ok();
    let r = conditional(first.clone()).await;
    assert_error(
        &r,
        412,
        "FAILED_PRECONDITION",
        &format!("The file {path} was modified after the If-Unmodified-Since date."),
    );
    let second = get_file(&c, &path).await.headers["last-modified"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_ne!(first, second);
    assert_eq!(conditional(second).await.text, "v2");
    // A date that is not one is ignored.
    assert_eq!(conditional("yesterday".to_owned()).await.text, "v2");
    // The precondition is checked before the range.
    let r = into_resp(
        c.request("GET", &file_url(&path))
            .header("if-unmodified-since", first)
            .header("range", "bytes=99-")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 412);
}

#[tokio::test]
async fn directories() {
    let (_emu, c) = start().await;
    // A volume exists as soon as it is named, empty.
    assert_eq!(send(&c, "HEAD", &dir_url(VOL)).await.status, 200);
    assert_eq!(send(&c, "GET", &dir_url(VOL)).await.ok(), json!({}));
    send(&c, "PUT", &dir_url(VOL)).await.ok();

    let leaf = format!("{VOL}/x/y/z");
    let r = send(&c, "PUT", &dir_url(&leaf)).await;
    assert_eq!((r.status, r.text.as_str()), (200, ""));
    send(&c, "PUT", &dir_url(&leaf)).await.ok(); // idempotent
    for p in [format!("{VOL}/x"), format!("{VOL}/x/y"), leaf.clone()] {
        let r = send(&c, "HEAD", &dir_url(&p)).await;
        assert_eq!((r.status, r.bytes.len()), (200, 0), "{p}");
    }
    put_file(&c, &format!("{VOL}/x/b.bin"), b"12345").await.ok();
    put_file(&c, &format!("{VOL}/x/a.txt"), b"").await.ok();
    let listing = send(&c, "GET", &dir_url(&format!("{VOL}/x"))).await.ok();
    let contents = listing["contents"].as_array().unwrap();
    assert_eq!(listing.as_object().unwrap().len(), 1, "{listing}");
    assert_eq!(contents.len(), 3);
    assert_eq!(
        contents[0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>(),
        ["file_size", "is_directory", "last_modified", "name", "path"]
    );
    assert_eq!(contents[0]["path"], format!("{VOL}/x/a.txt"));
    assert_eq!(contents[0]["file_size"], 0);
    assert_eq!(contents[1]["name"], "b.bin");
    assert_eq!(contents[1]["file_size"], 5);
    assert_eq!(contents[1]["is_directory"], false);
    assert!(contents[1]["last_modified"].as_i64().unwrap() > 1_700_000_000_000);
    assert_eq!(
        contents[2],
        json!({ "path": format!("{VOL}/x/y"), "name": "y", "is_directory": true })
    );
    // Listing the volume root and an empty directory.
    let root = send(&c, "GET", &dir_url(VOL)).await.ok();
    assert_eq!(root["contents"][0]["name"], "x");
    assert_eq!(send(&c, "GET", &dir_url(&leaf)).await.ok(), json!({}));
    // Volumes are independent of each other.
    let other = "/Volumes/main/raw/other";
    assert_eq!(send(&c, "GET", &dir_url(other)).await.ok(), json!({}));
}

#[tokio::test]
async fn delete_directories() {
    let (_emu, c) = start().await;
    let dir = format!("{VOL}/del");
    put_file(&c, &format!("{dir}/sub/f"), b"x").await.ok();
    for target in [dir.clone(), format!("{dir}/sub")] {
        let r = send(&c, "DELETE", &dir_url(&target)).await;
        assert_error(
            &r,
            400,
            "INVALID_PARAMETER_VALUE",
            &format!("The directory {target} is not empty; delete its contents first."),
        );
        assert_eq!(reason(&r), "FILES_API_DIRECTORY_IS_NOT_EMPTY");
        assert_eq!(
            r.body["details"][0]["@type"],
            "type.googleapis.com/google.rpc.ErrorInfo"
        );
    }
    let r = send(&c, "DELETE", &file_url(&format!("{dir}/sub/f"))).await;
    assert_eq!((r.status, r.text.as_str()), (200, ""));
    assert_eq!(get_file(&c, &format!("{dir}/sub/f")).await.status, 404);
    // The parent directories stay.
    assert_eq!(
        send(&c, "HEAD", &dir_url(&format!("{dir}/sub")))
            .await
            .status,
        200
    );
    let r = send(&c, "DELETE", &dir_url(&format!("{dir}/sub"))).await;
    assert_eq!((r.status, r.text.as_str()), (200, ""));
    send(&c, "DELETE", &dir_url(&dir)).await.ok();
    assert_eq!(send(&c, "HEAD", &dir_url(&dir)).await.status, 404);
    let r = send(&c, "DELETE", &dir_url(VOL)).await;
    assert_error(
        &r,
        400,
        "INVALID_PARAMETER_VALUE",
        &format!(
            "Cannot delete {VOL}: it is the root of a volume (delete the volume with the Unity \
             Catalog API)."
        ),
    );
}

/// Every page of a listing with this query suffix; the page sizes and the names in order.
async fn all_pages(c: &Client, dir: &str, page_size: Option<i64>) -> (Vec<usize>, Vec<String>) {
    let mut sizes = Vec::new();
    let mut names = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut query = Vec::new();
        if let Some(n) = page_size {
            query.push(format!("page_size={n}"));
        }
        if let Some(t) = &token {
            query.push(format!("page_token={t}"));
        }
        let url = format!("{}?{}", dir_url(dir), query.join("&"));
        let page = send(c, "GET", &url).await.ok();
        let contents = page["contents"].as_array().unwrap();
        sizes.push(contents.len());
        names.extend(
            contents
                .iter()
                .map(|e| e["name"].as_str().unwrap().to_owned()),
        );
        match page.get("next_page_token") {
            Some(t) => token = Some(t.as_str().unwrap().to_owned()),
            None => return (sizes, names),
        }
    }
}

#[tokio::test]
async fn pagination_across_more_than_a_thousand_entries() {
    let (_emu, c) = start().await;
    let dir = format!("{VOL}/many");
    const FILES: usize = 2_340;
    futures::stream::iter(0..FILES)
        .for_each_concurrent(16, |i| {
            let c = c.clone();
            let dir = dir.clone();
            async move {
                put_file(&c, &format!("{dir}/f{i:05}"), b"x").await.ok();
            }
        })
        .await;
    // Entries below a child do not count as children.
    for d in ["d1", "d2", "d3", "d4", "d5"] {
        put_file(&c, &format!("{dir}/{d}/inner"), b"y").await.ok();
    }
    let mut expected: Vec<String> = (0..FILES).map(|i| format!("f{i:05}")).collect();
    expected.extend(["d1", "d2", "d3", "d4", "d5"].map(String::from));
    expected.sort();
    let total = expected.len();

    for (page_size, sizes) in [
        (None, vec![1000, 1000, total - 2000]),
        (Some(0), vec![1000, 1000, total - 2000]),
        (Some(5000), vec![1000, 1000, total - 2000]),
        (Some(1000), vec![1000, 1000, total - 2000]),
        (Some(700), vec![700, 700, 700, total - 2100]),
    ] {
        let (got_sizes, names) = all_pages(&c, &dir, page_size).await;
        assert_eq!(got_sizes, sizes, "page_size {page_size:?}");
        assert_eq!(names, expected, "page_size {page_size:?}");
    }
    // An exact multiple: the last full page has no token.
    let (sizes, names) = all_pages(&c, &dir, Some(total as i64)).await;
    assert_eq!(
        (sizes, names.len()),
        (vec![1000, 1000, total - 2000], total)
    );
    let small = format!("{VOL}/two");
    put_file(&c, &format!("{small}/a"), b"").await.ok();
    put_file(&c, &format!("{small}/b"), b"").await.ok();
    let (sizes, _) = all_pages(&c, &small, Some(2)).await;
    assert_eq!(sizes, vec![2]);
    let (sizes, names) = all_pages(&c, &small, Some(1)).await;
    assert_eq!((sizes, names), (vec![1, 1], vec!["a".into(), "b".into()]));

    let r = send(&c, "GET", &format!("{}?page_size=-1", dir_url(&dir))).await;
    assert_error(
        &r,
        400,
        "INVALID_PARAMETER_VALUE",
        "page_size must not be negative; got -1.",
    );
    let r = send(&c, "GET", &format!("{}?page_size=ten", dir_url(&dir))).await;
    assert_error(
        &r,
        400,
        "MALFORMED_REQUEST",
        "Could not parse request object: expected an integer for field 'page_size', got a string",
    );
    let r = send(&c, "GET", &format!("{}?page_token=bogus", dir_url(&dir))).await;
    assert_error(
        &r,
        400,
        "INVALID_PARAMETER_VALUE",
        "Invalid page_token \"bogus\".",
    );
    // A token of another directory.
    let first = send(&c, "GET", &format!("{}?page_size=1", dir_url(&small)))
        .await
        .ok();
    let token = first["next_page_token"].as_str().unwrap();
    let r = send(&c, "GET", &format!("{}?page_token={token}", dir_url(&dir))).await;
    assert_error(
        &r,
        400,
        "INVALID_PARAMETER_VALUE",
        &format!("Invalid page_token \"{token}\"."),
    );
}

/// A body sent chunked (no Content-Length), in 64 KiB frames.
fn chunked_body(data: &[u8]) -> reqwest::Body {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        data.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    reqwest::Body::wrap_stream(futures::stream::iter(chunks))
}

#[tokio::test]
async fn large_chunked_upload_round_trips_byte_exact() {
    let (emu, c) = start().await;
    let data: Vec<u8> = (0..20 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let path = format!("{VOL}/big/blob.bin");
    // Faults apply to the Files API like to every route: a latency rule lets it through.
    let slow = emu
        .faults()
        .add(FaultRule::new("PUT", "/api/2.0/fs/files/*").latency(Duration::from_millis(10)));
    let r = into_resp(
        c.request("PUT", &file_url(&path))
            .header("content-type", "application/octet-stream")
            .body(chunked_body(&data))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let got = get_file(&c, &path).await;
    assert_eq!(got.headers["content-length"], data.len().to_string());
    assert!(got.bytes == data, "the download differs from the upload");
    let listing = send(&c, "GET", &dir_url(&format!("{VOL}/big"))).await.ok();
    assert_eq!(listing["contents"][0]["file_size"], data.len());
    let put = emu
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap();
    assert_eq!((put.status, put.fault), (Some(200), Some(slow)));
    assert_eq!(put.path, file_url(&path));
    // Ranges of a large file.
    let r = into_resp(
        c.request("GET", &file_url(&path))
            .header("range", "bytes=10485760-10485769")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.bytes, &data[10_485_760..10_485_770]);
}

#[tokio::test]
async fn status_faults_apply_to_uploads() {
    let (emu, c) = start().await;
    let path = format!("{VOL}/faulted");
    let id = emu.faults().add(
        FaultRule::new("PUT", "/api/2.0/fs/files/*")
            .status(503)
            .times(1),
    );
    let r = put_file(&c, &path, &[7u8; 100_000]).await;
    r.err(503, "TEMPORARILY_UNAVAILABLE");
    assert_eq!(get_file(&c, &path).await.status, 404);
    // The retry goes through.
    put_file(&c, &path, &[7u8; 100_000]).await.ok();
    assert_eq!(get_file(&c, &path).await.bytes.len(), 100_000);
    let log = emu.requests();
    assert_eq!(log[0].fault, Some(id));
    assert_eq!(log[0].status, Some(503));
}

#[tokio::test]
async fn a_status_fault_takes_in_a_body_larger_than_the_json_limit_before_answering() {
    let (emu, _c) = start().await;
    emu.faults().add(
        FaultRule::new("PUT", "/api/2.0/fs/files/*")
            .status(503)
            .times(1),
    );
    // 40 MiB, well over the 16 MiB JSON body limit: the client writes all of it, then reads
    // the fault's answer on a connection that is still open.
    let len = 40 << 20;
    let mut stream = tokio::net::TcpStream::connect(emu.addr()).await.unwrap();
    let head = format!(
        "PUT {} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/octet-stream\r\nContent-Length: {len}\r\n\r\n",
        file_url(&format!("{VOL}/big-faulted")),
        emu.token()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = vec![3u8; 1 << 20];
    for _ in 0..40 {
        stream
            .write_all(&chunk)
            .await
            .expect("the body is taken in");
    }
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(text.contains("TEMPORARILY_UNAVAILABLE"), "{text}");
}

#[tokio::test]
async fn uploads_over_five_gib_are_refused() {
    let (emu, _c) = start().await;
    let head = format!(
        "PUT /api/2.0/fs/files{VOL}/huge HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/octet-stream\r\nContent-Length: 5368709121\r\n\
         Connection: close\r\n\r\n",
        emu.token()
    );
    let (status, body) = raw_http(&emu, &head).await;
    assert_eq!(status, 413, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error_code"], "REQUEST_ENTITY_TOO_LARGE");
    assert_eq!(
        body["message"],
        "The request body exceeds the limit of 5368709120 bytes."
    );
    // The size is checked before anything else, without reading the body.
    let head = format!(
        "PUT /api/2.0/fs/files{VOL}?overwrite=false HTTP/1.1\r\nHost: x\r\n\
         Authorization: Bearer {}\r\nContent-Length: 5368709121\r\nConnection: close\r\n\r\n",
        emu.token()
    );
    let (status, body) = raw_http(&emu, &head).await;
    assert_eq!(status, 413, "{body}");
}

#[tokio::test]
async fn large_transfer_helpers_send_clients_to_the_plain_api() {
    let (_emu, c) = start().await;
    for helper in [
        "create-download-url",
        "create-upload-part-urls",
        "create-resumable-upload-url",
        "create-abort-upload-url",
    ] {
        let r = c
            .post(&format!("/api/2.0/fs/{helper}"), json!({ "path": VOL }))
            .await;
        assert_error(
            &r,
            403,
            "PERMISSION_DENIED",
            "Presigned URLs are not enabled for this workspace; use the Files API directly.",
        );
        assert_eq!(reason(&r), "FILES_API_API_IS_NOT_ENABLED");
    }
    // Endpoint discovery is not served.
    send(&c, "GET", "/api/2.0/fs/endpoints")
        .await
        .err(404, "ENDPOINT_NOT_FOUND");

    let path = format!("{VOL}/mp.bin");
    let url = |query: &str| format!("{}?{query}", file_url(&path));
    let r = send(&c, "POST", &url("action=initiate-upload")).await;
    let token = r.ok()["multipart_upload"]["session_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(token.len(), 32);
    let r = send(
        &c,
        "POST",
        &url(&format!(
            "action=abort-upload&upload_type=multipart&session_token={token}"
        )),
    )
    .await;
    assert_eq!(r.ok(), json!({}));
    let r = send(&c, "POST", &url("action=complete-upload")).await;
    assert_error(
        &r,
        400,
        "INVALID_PARAMETER_VALUE",
        &format!("Cannot complete the upload of {path}: no part of it was uploaded."),
    );
    let r = send(&c, "POST", &url("action=explode")).await;
    assert_error(
        &r,
        400,
        "INVALID_PARAMETER_VALUE",
        "Unsupported action \"explode\": expected initiate-upload, complete-upload or abort-upload.",
    );
    let r = send(&c, "POST", &file_url(&path)).await;
    assert_error(
        &r,
        400,
        "INVALID_PARAMETER_VALUE",
        "Missing required field: action",
    );
    // initiate-upload makes the same checks as a PUT; nothing is created by it.
    assert_eq!(get_file(&c, &path).await.status, 404);
    put_file(&c, &path, b"x").await.ok();
    let r = send(&c, "POST", &url("action=initiate-upload&overwrite=false")).await;
    r.err(409, "ALREADY_EXISTS");
    let r = send(
        &c,
        "POST",
        &format!("{}?action=initiate-upload", file_url(VOL)),
    )
    .await;
    r.err(409, "ABORTED");
}

#[tokio::test]
async fn any_user_may_use_volumes_and_anonymous_callers_may_not() {
    let (_emu, admin, bob) = start_with_bob().await;
    let path = format!("{VOL}/shared.txt");
    put_file(&bob, &path, b"from bob").await.ok();
    assert_eq!(get_file(&admin, &path).await.text, "from bob");
    send(&bob, "PUT", &dir_url(&format!("{VOL}/bobs")))
        .await
        .ok();
    send(&bob, "DELETE", &file_url(&path)).await.ok();
    let anonymous = admin.anonymous();
    for (method, url) in [
        ("PUT", file_url(&path)),
        ("GET", file_url(&path)),
        ("GET", dir_url(VOL)),
    ] {
        send(&anonymous, method, &url)
            .await
            .err(401, "UNAUTHENTICATED");
    }
}

#[tokio::test]
async fn a_refused_upload_takes_its_body_in_before_answering() {
    let (emu, c) = start().await;
    put_file(&c, &format!("{VOL}/exists"), b"x").await.ok();
    let body = vec![b'a'; 256 * 1024];
    let head = format!(
        "PUT /api/2.0/fs/files{VOL}/exists?overwrite=false HTTP/1.1\r\nHost: x\r\n\
         Authorization: Bearer {}\r\nContent-Length: {}\r\n\r\n",
        emu.token(),
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(emu.addr()).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..1024]).await.unwrap();
    let mut buf = [0u8; 4096];
    let early = tokio::time::timeout(Duration::from_millis(300), stream.read(&mut buf)).await;
    assert!(early.is_err(), "answered before the body arrived");
    stream.write_all(&body[1024..]).await.unwrap();
    let mut got = Vec::new();
    while !String::from_utf8_lossy(&got).contains("already exists") {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
            .await
            .unwrap()
            .unwrap();
        assert!(n > 0, "closed: {}", String::from_utf8_lossy(&got));
        got.extend_from_slice(&buf[..n]);
    }
    assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 409"));
    assert_eq!(get_file(&c, &format!("{VOL}/exists")).await.text, "x");
}
