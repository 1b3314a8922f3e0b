use databricks_emulator::Emulator;
use serde_json::{Value, json};

use crate::common::{Client, start};

#[tokio::test]
async fn unknown_endpoints_are_endpoint_not_found() {
    let (_emu, client) = start().await;
    let r = client.get("/api/2.0/nope/nothing").await;
    r.err(404, "ENDPOINT_NOT_FOUND");
    assert_eq!(r.message(), "No API found for 'GET /nope/nothing'");
    // Tokens and secrets are 2.0 only.
    client
        .get("/api/2.1/secrets/scopes/list")
        .await
        .err(404, "ENDPOINT_NOT_FOUND");
    client
        .post("/api/2.2/token/create", json!({}))
        .await
        .err(404, "ENDPOINT_NOT_FOUND");
    client
        .anonymous()
        .get("/")
        .await
        .err(404, "ENDPOINT_NOT_FOUND");
}

#[tokio::test]
async fn wrong_method_on_known_path() {
    let (_emu, client) = start().await;
    // 405, with the service's "no API found" body (it routes on method + path).
    let r = client.get("/api/2.0/secrets/put").await;
    r.err(405, "ENDPOINT_NOT_FOUND");
    assert_eq!(r.message(), "No API found for 'GET /secrets/put'");
    client
        .post("/api/2.0/secrets/scopes/list", json!({}))
        .await
        .err(405, "ENDPOINT_NOT_FOUND");
    client
        .call("DELETE", "/api/2.0/token/list", Value::Null)
        .await
        .err(405, "ENDPOINT_NOT_FOUND");
}

#[tokio::test]
async fn malformed_bodies() {
    let (_emu, client) = start().await;
    let path = "/api/2.0/secrets/scopes/create";
    for body in [
        &b"{not json"[..],
        b"[1, 2]",
        b"\"scope\"",
        b"{\"scope\": \"a\"",
    ] {
        let r = client.raw("POST", path, body.to_vec(), None).await;
        r.err(400, "MALFORMED_REQUEST");
    }
    // Invalid UTF-8.
    let r = client
        .raw("POST", path, b"{\"scope\": \"\xff\xfe\"}".to_vec(), None)
        .await;
    r.err(400, "MALFORMED_REQUEST");
    assert!(r.message().contains("UTF-8"));
}

#[tokio::test]
async fn field_errors_name_the_field() {
    let (_emu, client) = start().await;
    let r = client
        .post("/api/2.0/secrets/scopes/create", json!({ "scope": 42 }))
        .await;
    r.err(400, "MALFORMED_REQUEST");
    assert!(r.message().contains("'scope'"), "{}", r.message());
    let r = client
        .post(
            "/api/2.0/secrets/put",
            json!({ "scope": "s", "key": ["k"] }),
        )
        .await;
    r.err(400, "MALFORMED_REQUEST");
    assert!(r.message().contains("'key'"));
    let r = client
        .post("/api/2.0/secrets/acls/put", json!({ "scope": "s" }))
        .await;
    r.err(400, "INVALID_PARAMETER_VALUE");
    assert_eq!(r.message(), "Missing required field: principal");
    // An empty body is `{}`, whatever the content type.
    let r = client
        .raw("POST", "/api/2.0/secrets/scopes/create", Vec::new(), None)
        .await;
    r.err(400, "INVALID_PARAMETER_VALUE");
    assert!(r.message().contains("scope"));
}

#[tokio::test]
async fn any_content_type_is_json() {
    let (_emu, client) = start().await;
    let body = br#"{"scope": "plain"}"#.to_vec();
    client
        .raw(
            "POST",
            "/api/2.0/secrets/scopes/create",
            body,
            Some("text/plain"),
        )
        .await
        .ok();
    let body = br#"{"scope": "none"}"#.to_vec();
    client
        .raw("POST", "/api/2.0/secrets/scopes/create", body, None)
        .await
        .ok();
}

#[tokio::test]
async fn query_wins_over_json_body_on_get() {
    let (_emu, client) = start().await;
    client.create_scope("q").await;
    client
        .call(
            "GET",
            "/api/2.0/secrets/list?scope=q",
            json!({ "scope": "b" }),
        )
        .await
        .ok();
    client
        .call(
            "GET",
            "/api/2.0/secrets/list?scope=b",
            json!({ "scope": "q" }),
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let emu = Emulator::builder()
        .max_body_bytes(1024)
        .start()
        .await
        .unwrap();
    let client = Client::new(&emu);
    let big = json!({ "scope": "s", "key": "k", "string_value": "x".repeat(2000) });
    let r = client.post("/api/2.0/secrets/put", big).await;
    r.err(413, "REQUEST_ENTITY_TOO_LARGE");
    assert!(r.message().contains("1024"));
    // Without a Content-Length (chunked) too.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..3).map(|_| Ok(vec![b' '; 800])).collect();
    let r = client
        .http
        .post(format!("{}/api/2.0/secrets/put", client.base))
        .bearer_auth(client.token.as_deref().unwrap())
        .body(reqwest::Body::wrap_stream(futures::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    crate::common::into_resp(r)
        .await
        .err(413, "REQUEST_ENTITY_TOO_LARGE");
    // The server is fine afterwards.
    client.get("/api/2.0/secrets/scopes/list").await.ok();
}

#[tokio::test]
async fn responses_name_the_workspace() {
    let (_emu, client) = start().await;
    let r = client.get("/api/2.0/secrets/scopes/list").await;
    assert_eq!(r.headers["x-databricks-org-id"], "1234567890123456");
    assert_eq!(r.headers["content-type"], "application/json");
}

#[tokio::test]
async fn junk_never_causes_a_server_error() {
    let (_emu, client) = start().await;
    let routes = [
        ("POST", "/api/2.0/token/create"),
        ("GET", "/api/2.0/token/list"),
        ("POST", "/api/2.0/token/delete"),
        ("PATCH", "/api/2.0/token/abc"),
        ("GET", "/api/2.0/token-management/tokens"),
        ("GET", "/api/2.0/token-management/tokens/abc"),
        ("DELETE", "/api/2.0/token-management/tokens/abc"),
        ("PATCH", "/api/2.0/token-management/tokens/abc"),
        ("POST", "/api/2.0/token-management/on-behalf-of/tokens"),
        ("GET", "/api/2.0/permissions/authorization/tokens"),
        ("PUT", "/api/2.0/permissions/authorization/tokens"),
        ("PATCH", "/api/2.0/permissions/authorization/tokens"),
        (
            "GET",
            "/api/2.0/permissions/authorization/tokens/permissionLevels",
        ),
        ("POST", "/api/2.0/secrets/scopes/create"),
        ("POST", "/api/2.0/secrets/scopes/delete"),
        ("GET", "/api/2.0/secrets/scopes/list"),
        ("POST", "/api/2.0/secrets/put"),
        ("POST", "/api/2.0/secrets/delete"),
        ("GET", "/api/2.0/secrets/list"),
        ("GET", "/api/2.0/secrets/get"),
        ("POST", "/api/2.0/secrets/acls/put"),
        ("POST", "/api/2.0/secrets/acls/delete"),
        ("GET", "/api/2.0/secrets/acls/get"),
        ("GET", "/api/2.0/secrets/acls/list"),
        ("POST", "/__emulator/faults"),
        ("POST", "/__emulator/clock"),
        ("POST", "/__emulator/faults/seed"),
        ("DELETE", "/__emulator/faults/xyz"),
        ("POST", "/oidc/v1/token"),
    ];
    let bodies: [&[u8]; 9] = [
        b"",
        b"{}",
        b"null",
        b"[]",
        b"{\"scope\": {}, \"key\": null, \"token_id\": 1e400}",
        b"{\"scope\": \"s\", \"key\": \"k\", \"principal\": 7, \"permission\": []}",
        b"{\"access_control_list\": [1, \"x\", {}], \"token\": [], \"update_mask\": 5}",
        b"{\"lifetime_seconds\": 1e30, \"application_id\": {}, \"created_by_id\": \"x\"}",
        b"\x00\x01\x02\xff",
    ];
    for (method, path) in routes {
        for body in bodies {
            let r = client.raw(method, path, body.to_vec(), None).await;
            assert!(
                r.status < 500,
                "{method} {path} {:?} -> {} {}",
                String::from_utf8_lossy(body),
                r.status,
                r.text
            );
            if path.starts_with("/api/") && r.status >= 400 {
                assert!(!r.code().is_empty(), "{method} {path}: {}", r.text);
            }
        }
    }
}

/// A `multipart/form-data` body as Python's `requests` builds it (what the legacy
/// databricks-cli sends): text fields, then one file part.
fn python_form(fields: &[(&str, &str)], file_field: &str, data: &[u8]) -> (Vec<u8>, String) {
    let boundary = "0b1d7f0c5e2a4f8d9c3b6a1e2d4f5a6b";
    let mut out = Vec::new();
    for (name, value) in fields {
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; \
             filename=\"{file_field}\"\r\n\r\n"
        )
        .as_bytes(),
    );
    out.extend_from_slice(data);
    out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (out, format!("multipart/form-data; boundary={boundary}"))
}

#[tokio::test]
async fn multipart_booleans_as_python_spells_them() {
    let (_emu, client) = start().await;
    // dbfs/put: `False` creates, `False` again refuses, `True` overwrites.
    let put = |overwrite: &'static str, data: &'static [u8]| {
        let client = &client;
        async move {
            let (body, ct) = python_form(
                &[("path", "/tmp/cli/h.txt"), ("overwrite", overwrite)],
                "contents",
                data,
            );
            client
                .raw("POST", "/api/2.0/dbfs/put", body, Some(&ct))
                .await
        }
    };
    put("False", b"one").await.ok();
    put("False", b"two")
        .await
        .err(400, "RESOURCE_ALREADY_EXISTS");
    put("True", b"three").await.ok();
    let read = client
        .get("/api/2.0/dbfs/read?path=/tmp/cli/h.txt")
        .await
        .ok();
    assert_eq!(read["data"], "dGhyZWU="); // "three"
    let r = put("maybe", b"four").await;
    r.err(400, "MALFORMED_REQUEST");
    assert_eq!(
        r.message(),
        "Could not parse request object: expected a boolean for field 'overwrite', got \"maybe\""
    );

    // workspace/import takes the same spelling.
    let import = |overwrite: &'static str| {
        let client = &client;
        async move {
            let (body, ct) = python_form(
                &[
                    ("path", "/Users/admin@example.com/cli.py"),
                    ("format", "SOURCE"),
                    ("language", "PYTHON"),
                    ("overwrite", overwrite),
                ],
                "content",
                b"print(1)\n",
            );
            client
                .raw("POST", "/api/2.0/workspace/import", body, Some(&ct))
                .await
        }
    };
    import("False").await.ok();
    import("False").await.err(400, "RESOURCE_ALREADY_EXISTS");
    import("TRUE").await.ok();
}
