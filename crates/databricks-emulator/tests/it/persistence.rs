use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use databricks_emulator::{DEFAULT_TOKEN, Emulator};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::common::Client;

/// A state file path in a fresh directory, unique to this process and `name`.
pub(crate) fn temp_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "databricks-emulator-tests-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("state.json")
}

async fn populate(client: &Client) -> String {
    client.create_scope("kept").await;
    client
        .post(
            "/api/2.0/secrets/put",
            json!({ "scope": "kept", "key": "k", "string_value": "v" }),
        )
        .await
        .ok();
    let created = client
        .post("/api/2.0/token/create", json!({ "comment": "kept" }))
        .await
        .ok();
    created["token_value"].as_str().unwrap().to_owned()
}

async fn check(client: &Client, token: &str) {
    let got = client
        .get("/api/2.0/secrets/get?scope=kept&key=k")
        .await
        .ok();
    assert_eq!(got["value"], "dg==");
    let listed = client
        .with_token(token)
        .get("/api/2.0/token/list")
        .await
        .ok();
    assert_eq!(listed["token_infos"][0]["comment"], "kept");
}

#[tokio::test]
async fn library_restart_keeps_state() {
    let path = temp_file("lib");
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let token = populate(&Client::new(&emu)).await;
    emu.shutdown().await.unwrap();

    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    check(&Client::new(&emu), &token).await;
    // Dropping (without shutdown) saves too.
    Client::new(&emu).create_scope("after-drop").await;
    drop(emu);
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let scopes = Client::new(&emu)
        .get("/api/2.0/secrets/scopes/list")
        .await
        .ok();
    assert_eq!(scopes["scopes"].as_array().unwrap().len(), 2);
    // Reset persists as a fresh workspace.
    emu.reset();
    emu.shutdown().await.unwrap();
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    assert_eq!(
        Client::new(&emu)
            .get("/api/2.0/secrets/scopes/list")
            .await
            .ok(),
        json!({})
    );
}

#[tokio::test]
async fn state_is_written_soon_after_a_change() {
    let path = temp_file("soon");
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    Client::new(&emu).create_scope("early").await;
    wait_for(&path, "early").await;
}

#[tokio::test]
async fn corrupt_state_file_is_an_error() {
    let path = temp_file("corrupt");
    std::fs::write(&path, "{ not json").unwrap();
    let err = Emulator::builder()
        .state_file(&path)
        .start()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("state file"), "{err}");
}

const BIN: &str = env!("CARGO_BIN_EXE_databricks-emulator");

async fn spawn(state: &Path) -> (Child, String, String) {
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--lifecycle-ms", "10", "--state-file"])
        .arg(state)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let second = lines.next_line().await.unwrap().unwrap();
    let url = first
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    (child, url, second)
}

async fn terminate(mut child: Child) {
    let pid = child.id().unwrap().to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    assert!(status.success());
    let exit = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(exit.success(), "{exit:?}");
}

#[cfg(unix)]
#[tokio::test]
async fn binary_restart_keeps_state() {
    let path = temp_file("bin");
    let (child, url, token) = spawn(&path).await;
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(token, DEFAULT_TOKEN);
    let client = Client {
        base: url,
        token: Some(token.clone()),
        http: reqwest::Client::new(),
    };
    let created = populate(&client).await;
    terminate(child).await;

    let (child, url, token) = spawn(&path).await;
    let client = Client {
        base: url,
        token: Some(token),
        http: reqwest::Client::new(),
    };
    check(&client, &created).await;
    terminate(child).await;
}

#[tokio::test]
async fn binary_help_and_bad_flags() {
    let out = Command::new(BIN).arg("--help").output().await.unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--state-file"));
    let out = Command::new(BIN).arg("--bogus").output().await.unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown argument '--bogus'"));
    let out = Command::new(BIN)
        .args(["--port", "nope"])
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Waits until `path` exists and contains `needle`.
async fn wait_for(path: &Path, needle: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    while !std::fs::read_to_string(path)
        .unwrap_or_default()
        .contains(needle)
    {
        assert!(std::time::Instant::now() < deadline, "{needle} not written");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn reads_do_not_rewrite_the_state_file() {
    let path = temp_file("reads");
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let client = Client::new(&emu);
    let job = client
        .post(
            "/api/2.2/jobs/create",
            json!({ "name": "persisted", "tasks": [{ "task_key": "t",
                "notebook_task": { "notebook_path": "/Shared/x" } }] }),
        )
        .await
        .ok();
    let id = job["job_id"].as_i64().unwrap();
    wait_for(&path, "persisted").await;
    // Remove the file: any rewrite from now on would bring it back.
    std::fs::remove_file(&path).unwrap();
    for target in [
        "/api/2.2/jobs/list".to_owned(),
        format!("/api/2.2/jobs/get?job_id={id}"),
        "/api/2.2/jobs/runs/list".to_owned(),
        format!("/api/2.0/permissions/jobs/{id}"),
        "/api/2.0/secrets/scopes/list".to_owned(),
        "/api/2.0/fs/directories/Volumes/c/s/v".to_owned(),
    ] {
        client.get(&target).await.ok();
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!path.exists(), "a read rewrote the state file");
    // A change still does.
    client.create_scope("after-reads").await;
    wait_for(&path, "after-reads").await;
}

#[tokio::test]
async fn files_api_volumes_survive_a_restart() {
    let path = temp_file("files");
    let data: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    let file = "/api/2.0/fs/files/Volumes/c/s/v/dir%20one/bin%C3%A4ry.dat";
    let empty_dir = "/api/2.0/fs/directories/Volumes/c/s/v/empty";
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let client = Client::new(&emu);
    client
        .raw("PUT", file, data.clone(), Some("application/octet-stream"))
        .await
        .ok();
    client.raw("PUT", empty_dir, Vec::new(), None).await.ok();
    let before = client.raw("GET", file, Vec::new(), None).await;
    emu.shutdown().await.unwrap();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("/Volumes/c/s/v/dir one/binäry.dat"),
        "the state file holds the Files API tree"
    );

    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let client = Client::new(&emu);
    let after = client.raw("GET", file, Vec::new(), None).await;
    assert_eq!(after.status, 200);
    assert!(
        after.bytes == data,
        "the content changed across the restart"
    );
    assert_eq!(
        after.headers["last-modified"],
        before.headers["last-modified"]
    );
    assert_eq!(
        client.raw("HEAD", empty_dir, Vec::new(), None).await.status,
        200
    );
    let listing = client
        .get("/api/2.0/fs/directories/Volumes/c/s/v")
        .await
        .ok();
    assert_eq!(
        listing,
        json!({ "contents": [
            { "path": "/Volumes/c/s/v/dir one", "name": "dir one", "is_directory": true },
            { "path": "/Volumes/c/s/v/empty", "name": "empty", "is_directory": true },
        ] })
    );
}
