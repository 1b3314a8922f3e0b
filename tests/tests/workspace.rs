//! Workspace end to end: the umbrella client against the emulator — every endpoint, import
//! and export in every format, the upload/download helpers, permissions and every error code.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use base64::Engine as _;
use databricks::core::permissions::AccessControlRequest;
use databricks::core::{ErrorCode, Method};
use databricks::workspace::{
    Delete, ExportFormat, ExportRequest, Import, ImportFormat, Language, ListRequest, ObjectType,
    UploadSource, WorkspaceObjectPermissionLevel as Level, WorkspaceObjectType,
};
use databricks_emulator::Emulator;
use futures::{StreamExt, TryStreamExt};
use serde_json::{Value, json};

const HOME: &str = "/Users/admin@example.com";

const PY: &str = "# Databricks notebook source\nx = 1\n\n# COMMAND ----------\n\n# MAGIC %md\n# MAGIC # Title\n\n# COMMAND ----------\n\nprint(x)";

async fn text_of(client: &databricks::Client, path: &str, format: ExportFormat) -> String {
    let export = client
        .workspace()
        .export(ExportRequest::new(path).format(format))
        .await
        .unwrap();
    String::from_utf8(export.content.to_vec()).unwrap()
}

async fn raw(
    client: &databricks::Client,
    method: Method,
    path: &str,
    body: Value,
) -> databricks::Result<Value> {
    let mut req = client.core().request(method.clone(), path);
    if method == Method::GET {
        for (k, v) in body.as_object().unwrap() {
            req = req.query(k, v.as_str().map(str::to_owned).unwrap_or(v.to_string()));
        }
    } else {
        req = req.json(&body);
    }
    req.send().await
}

#[tokio::test]
async fn every_endpoint_through_the_sdk() {
    let (_emu, client) = common::start().await;
    let ws = client.workspace();
    let dir = format!("{HOME}/etl");
    ws.mkdirs(&dir).await.unwrap();
    ws.mkdirs(&dir).await.unwrap(); // idempotent
    ws.import(
        Import::new(format!("{dir}/ingest"), PY)
            .format(ImportFormat::Source)
            .language(Language::Python),
    )
    .await
    .unwrap();
    ws.import(Import::new(format!("{dir}/config.yaml"), "a: 1\n").format(ImportFormat::Auto))
        .await
        .unwrap();
    ws.mkdirs(&format!("{dir}/lib")).await.unwrap();

    let nb = ws.get_status(&format!("{dir}/ingest")).await.unwrap();
    assert_eq!(nb.object_type, Some(ObjectType::Notebook));
    assert_eq!(nb.language, Some(Language::Python));
    let id = nb.object_id.unwrap();
    assert_eq!(nb.resource_id, Some(id.to_string()));
    let file = ws
        .get_status(&format!("/Workspace{dir}/config.yaml"))
        .await
        .unwrap();
    assert_eq!(file.object_type, Some(ObjectType::File));
    assert_eq!(file.size, Some(5));
    assert!(file.created_at.is_some() && file.modified_at.is_some());

    let mut listed: Vec<(String, Option<ObjectType>)> = ws
        .list(dir.as_str())
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.name().to_owned(), o.object_type))
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        listed,
        vec![
            ("config.yaml".into(), Some(ObjectType::File)),
            ("ingest".into(), Some(ObjectType::Notebook)),
            ("lib".into(), Some(ObjectType::Directory)),
        ]
    );
    // A non-directory lists as itself; the modified-after filter drops older notebooks.
    assert_eq!(ws.list(format!("{dir}/ingest")).await.unwrap().len(), 1);
    let future = databricks::Timestamp::now().as_millis() + 60_000;
    let recent = ws
        .list(ListRequest {
            notebooks_modified_after: Some(databricks::Timestamp::from_millis(future)),
            ..ListRequest::new(dir.as_str())
        })
        .await
        .unwrap();
    assert_eq!(recent.len(), 2);
    assert!(ws.list(format!("{dir}/lib")).await.unwrap().is_empty());

    // Export SOURCE: the header, the cells, the file type.
    let export = ws.export(format!("{dir}/ingest")).await.unwrap();
    assert_eq!(export.file_type.as_deref(), Some("py"));
    assert_eq!(String::from_utf8(export.content.to_vec()).unwrap(), PY);

    // Overwrite keeps the object id.
    ws.import(
        Import::new(format!("{dir}/ingest"), "print(2)")
            .language(Language::Python)
            .overwrite(true),
    )
    .await
    .unwrap();
    let again = ws.get_status(&format!("{dir}/ingest")).await.unwrap();
    assert_eq!(again.object_id, Some(id));
    assert!(
        text_of(&client, &format!("{dir}/ingest"), ExportFormat::Source)
            .await
            .ends_with("print(2)")
    );

    ws.delete(Delete::new(format!("{dir}/config.yaml")))
        .await
        .unwrap();
    ws.delete(Delete::new(dir.as_str()).recursive(true))
        .await
        .unwrap();
    assert!(!ws.exists(&dir).await.unwrap());
}

#[tokio::test]
async fn notebook_formats_round_trip() {
    let (_emu, client) = common::start().await;
    let ws = client.workspace();
    let d = format!("{HOME}/formats");
    ws.mkdirs(&d).await.unwrap();
    ws.import(
        Import::new(format!("{d}/py"), PY)
            .format(ImportFormat::Source)
            .language(Language::Python),
    )
    .await
    .unwrap();
    let py_source = text_of(&client, &format!("{d}/py"), ExportFormat::Source).await;

    // SOURCE in each language starts with the header in that language's comment.
    for (lang, header) in [
        (Language::Sql, "-- Databricks notebook source"),
        (Language::Scala, "// Databricks notebook source"),
        (Language::R, "# Databricks notebook source"),
    ] {
        let path = format!("{d}/{}", lang.as_str().to_lowercase());
        ws.import(Import::new(path.as_str(), "1 + 1").language(lang.clone()))
            .await
            .unwrap();
        let text = text_of(&client, &path, ExportFormat::Source).await;
        assert!(text.starts_with(header), "{text}");
        assert_eq!(
            ws.get_status(&path).await.unwrap().language,
            Some(lang.clone())
        );
    }

    // HTML: a page that imports back to the same notebook.
    let html = ws
        .export(ExportRequest::new(format!("{d}/py")).format(ExportFormat::Html))
        .await
        .unwrap();
    assert_eq!(html.file_type.as_deref(), Some("html"));
    assert!(String::from_utf8_lossy(&html.content).contains("<html>"));
    ws.import(Import::new(format!("{d}/from-html"), html.content).format(ImportFormat::Html))
        .await
        .unwrap();
    assert_eq!(
        text_of(&client, &format!("{d}/from-html"), ExportFormat::Source).await,
        py_source
    );

    // JUPYTER: valid ipynb JSON; importing it (JUPYTER, or AUTO with .ipynb) makes a notebook.
    let ipynb = ws
        .export(ExportRequest::new(format!("{d}/py")).format(ExportFormat::Jupyter))
        .await
        .unwrap();
    assert_eq!(ipynb.file_type.as_deref(), Some("ipynb"));
    let doc: Value = serde_json::from_slice(&ipynb.content).unwrap();
    assert_eq!(doc["nbformat"], 4);
    let cells = doc["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 3);
    assert_eq!(cells[0]["cell_type"], "code");
    assert_eq!(cells[1]["cell_type"], "markdown");
    ws.import(
        Import::new(format!("{d}/from-ipynb"), ipynb.content.clone()).format(ImportFormat::Jupyter),
    )
    .await
    .unwrap();
    ws.upload(&format!("{d}/auto.ipynb"), ipynb.content.clone())
        .format(ImportFormat::Auto)
        .await
        .unwrap();
    for p in ["from-ipynb", "auto"] {
        let info = ws.get_status(&format!("{d}/{p}")).await.unwrap();
        assert_eq!(info.object_type, Some(ObjectType::Notebook));
        assert_eq!(info.language, Some(Language::Python));
        assert_eq!(
            text_of(&client, &format!("{d}/{p}"), ExportFormat::Source).await,
            py_source
        );
    }
    // A plain Jupyter document from elsewhere imports too.
    let foreign = json!({"cells": [{"cell_type": "code", "source": ["a = 1\n", "b = 2"]}],
        "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4, "nbformat_minor": 5});
    ws.import(
        Import::new(format!("{d}/foreign"), foreign.to_string()).format(ImportFormat::Jupyter),
    )
    .await
    .unwrap();
    assert!(
        text_of(&client, &format!("{d}/foreign"), ExportFormat::Source)
            .await
            .ends_with("a = 1\nb = 2")
    );

    // R_MARKDOWN: for R notebooks, round trip.
    let rmd = ws
        .export(ExportRequest::new(format!("{d}/r")).format(ExportFormat::RMarkdown))
        .await
        .unwrap();
    assert_eq!(rmd.file_type.as_deref(), Some("Rmd"));
    assert!(String::from_utf8_lossy(&rmd.content).contains("```{r}"));
    ws.import(Import::new(format!("{d}/from-rmd"), rmd.content).format(ImportFormat::RMarkdown))
        .await
        .unwrap();
    let info = ws.get_status(&format!("{d}/from-rmd")).await.unwrap();
    assert_eq!(info.language, Some(Language::R));

    // DBC of a single notebook.
    let dbc = ws
        .export(ExportRequest::new(format!("{d}/py")).format(ExportFormat::Dbc))
        .await
        .unwrap();
    assert_eq!(dbc.file_type.as_deref(), Some("dbc"));
    assert!(dbc.content.starts_with(b"PK\x03\x04"));
    ws.import(Import::new(format!("{d}/from-dbc"), dbc.content).format(ImportFormat::Dbc))
        .await
        .unwrap();
    assert_eq!(
        text_of(&client, &format!("{d}/from-dbc"), ExportFormat::Source).await,
        py_source
    );

    // AUTO: notebook by header and extension (extension stripped), file otherwise, dashboard.
    ws.upload(&format!("{d}/report.py"), PY)
        .format(ImportFormat::Auto)
        .await
        .unwrap();
    ws.upload(&format!("{d}/plain.py"), "print('no header')")
        .format(ImportFormat::Auto)
        .await
        .unwrap();
    ws.upload(&format!("{d}/board.lvdash.json"), "{\"pages\":[]}")
        .format(ImportFormat::Auto)
        .await
        .unwrap();
    ws.import(Import::new(format!("{d}/raw.bin"), vec![0u8, 1, 2]).format(ImportFormat::Raw))
        .await
        .unwrap();
    let kind = |p: &str| {
        let ws = ws.clone();
        let p = format!("{d}/{p}");
        async move { ws.get_status(&p).await.unwrap().object_type }
    };
    assert_eq!(kind("report").await, Some(ObjectType::Notebook));
    assert_eq!(kind("plain.py").await, Some(ObjectType::File));
    assert_eq!(kind("board.lvdash.json").await, Some(ObjectType::Dashboard));
    assert_eq!(kind("raw.bin").await, Some(ObjectType::File));
    let raw_file = ws
        .export(ExportRequest::new(format!("{d}/raw.bin")).format(ExportFormat::Auto))
        .await
        .unwrap();
    assert_eq!(&raw_file.content[..], &[0, 1, 2]);
    assert_eq!(raw_file.file_type.as_deref(), Some("bin"));
}

/// A DBC archive whose entries are deflated, as Databricks exports them and common tools write
/// them (made by Python's `zipfile`): imported like a stored one.
#[tokio::test]
async fn a_deflated_dbc_archive_imports() {
    let (_emu, client) = common::start().await;
    let ws = client.workspace();
    let dbc = include_bytes!("../../crates/databricks-emulator/tests/fixtures/deflated.dbc");
    ws.mkdirs(HOME).await.unwrap();
    ws.import(Import::new(format!("{HOME}/imported"), dbc.to_vec()).format(ImportFormat::Dbc))
        .await
        .unwrap();
    let source = text_of(
        &client,
        &format!("{HOME}/imported/nb"),
        ExportFormat::Source,
    )
    .await;
    assert!(source.contains("print(\"deflated\")"), "{source}");
    assert!(source.contains("x = 1 + 1"), "{source}");
}

#[tokio::test]
async fn directories_round_trip_as_dbc_and_source_archives() {
    let (_emu, client) = common::start().await;
    let ws = client.workspace();
    let src = format!("{HOME}/proj");
    ws.mkdirs(&format!("{src}/sub/deeper")).await.unwrap();
    for (p, lang) in [
        ("a", Language::Python),
        ("sub/b", Language::Sql),
        ("sub/deeper/c", Language::Scala),
    ] {
        ws.import(Import::new(format!("{src}/{p}"), format!("// {p}\n1")).language(lang))
            .await
            .unwrap();
    }
    ws.upload(&format!("{src}/notes.txt"), "plain file")
        .format(ImportFormat::Auto)
        .await
        .unwrap();

    let snapshot = |root: String| {
        let ws = ws.clone();
        let client = client.clone();
        async move {
            let mut out = Vec::new();
            let all: Vec<_> = ws.list_recursive(&root).try_collect().await.unwrap();
            for o in all {
                let rel = o.path[root.len()..].to_owned();
                if o.object_type == Some(ObjectType::Notebook) {
                    out.push((rel, text_of(&client, &o.path, ExportFormat::Source).await));
                } else if o.object_type == Some(ObjectType::File) {
                    out.push((rel, "file".to_owned()));
                }
            }
            out.sort();
            out
        }
    };
    let original = snapshot(src.clone()).await;
    let notebooks_only: Vec<_> = original
        .iter()
        .filter(|(_, t)| t != "file")
        .cloned()
        .collect();
    assert_eq!(notebooks_only.len(), 3);

    // DBC: notebooks only.
    let dbc = ws
        .download(&src, Some(ExportFormat::Dbc))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    ws.upload(&format!("{HOME}/from-dbc"), dbc)
        .format(ImportFormat::Dbc)
        .await
        .unwrap();
    assert_eq!(snapshot(format!("{HOME}/from-dbc")).await, notebooks_only);

    // SOURCE: a ZIP of sources; imported back with SOURCE and no language.
    let zip = ws
        .export(ExportRequest::new(src.as_str()).format(ExportFormat::Source))
        .await
        .unwrap();
    assert_eq!(zip.file_type.as_deref(), Some("zip"));
    ws.import(Import::new(format!("{HOME}/from-zip"), zip.content).format(ImportFormat::Source))
        .await
        .unwrap();
    assert_eq!(snapshot(format!("{HOME}/from-zip")).await, notebooks_only);

    // AUTO includes the workspace files; HTML of a directory is refused.
    let auto = ws
        .export(ExportRequest::new(src.as_str()).format(ExportFormat::Auto))
        .await
        .unwrap();
    assert!(auto.content.windows(9).any(|w| w == b"notes.txt"));
    let e = ws
        .export(ExportRequest::new(src.as_str()).format(ExportFormat::Html))
        .await
        .unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::InvalidParameterValue));
}

#[tokio::test]
async fn upload_and_download_beyond_the_json_limit() {
    let (_emu, client) = common::start().await;
    let ws = client.workspace();
    ws.mkdirs(HOME).await.unwrap();
    // The language comes from the suffix (SOURCE): a notebook named as given.
    ws.upload(&format!("{HOME}/etl.py"), "print(1)")
        .await
        .unwrap();
    let nb = ws.get_status(&format!("{HOME}/etl.py")).await.unwrap();
    assert_eq!(nb.object_type, Some(ObjectType::Notebook));
    assert_eq!(nb.language, Some(Language::Python));
    let source = ws
        .download(&format!("{HOME}/etl.py"), None)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(source.starts_with(b"# Databricks notebook source"));

    // 12 MiB of file: over the 10 MB JSON limit, fine through multipart and direct download,
    // streamed both ways: from a local file (exact length), a reader of known size and one of
    // unknown size (chunked).
    let data = common::pattern(12 << 20, 0x9E37_79B9_7F4A_7C15);
    let local = std::env::temp_dir().join(format!("ws-e2e-{}.bin", std::process::id()));
    std::fs::write(&local, &data).unwrap();
    let sources = [
        ("big.bin", UploadSource::file(&local)),
        (
            "big-sized.bin",
            UploadSource::reader_with_size(
                tokio::fs::File::open(&local).await.unwrap(),
                data.len() as u64,
            ),
        ),
        (
            "big-chunked.bin",
            UploadSource::reader(tokio::fs::File::open(&local).await.unwrap()),
        ),
    ];
    for (name, source) in sources {
        let path = format!("{HOME}/{name}");
        ws.upload(&path, source)
            .format(ImportFormat::Auto)
            .await
            .unwrap();
        let info = ws.get_status(&path).await.unwrap();
        assert_eq!(info.object_type, Some(ObjectType::File));
        assert_eq!(info.size, Some(12 << 20));
        let mut download = ws.download(&path, Some(ExportFormat::Auto)).await.unwrap();
        assert_eq!(download.content_length(), Some(data.len() as u64));
        let (mut got, mut chunks) = (Vec::new(), 0);
        while let Some(chunk) = download.try_next().await.unwrap() {
            got.extend_from_slice(&chunk);
            chunks += 1;
        }
        assert!(chunks > 1, "streamed as it arrives: {chunks} chunk(s)");
        assert_eq!(
            (got.len(), common::fnv1a(&got)),
            (data.len(), common::fnv1a(&data)),
            "{name}"
        );
    }
    // A source failing mid-way: an I/O error, nothing imported, the old object intact.
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
            let n = self.0.min(buf.remaining()).min(64 * 1024);
            buf.put_slice(&vec![7u8; n]);
            self.0 -= n;
            std::task::Poll::Ready(Ok(()))
        }
    }
    for (name, overwrite) in [("big.bin", true), ("never.bin", false)] {
        let e = ws
            .upload(
                &format!("{HOME}/{name}"),
                UploadSource::reader_with_size(Failing(3 << 20), 12 << 20),
            )
            .format(ImportFormat::Auto)
            .overwrite(overwrite)
            .await
            .unwrap_err();
        assert!(matches!(e, databricks::Error::Io(_)), "{e}");
    }
    assert!(
        ws.get_status(&format!("{HOME}/never.bin"))
            .await
            .unwrap_err()
            .is_not_found()
    );
    let got = ws
        .download(&format!("{HOME}/big.bin"), Some(ExportFormat::Auto))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        (got.len(), common::fnv1a(&got)),
        (data.len(), common::fnv1a(&data))
    );
    // The JSON export refuses it.
    let e = ws
        .export(ExportRequest::new(format!("{HOME}/big.bin")).format(ExportFormat::Auto))
        .await
        .unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::MaxNotebookSizeExceeded));
    // Overwrite through upload.
    ws.upload(&format!("{HOME}/big.bin"), "small")
        .format(ImportFormat::Auto)
        .overwrite(true)
        .await
        .unwrap();
    assert_eq!(
        ws.get_status(&format!("{HOME}/big.bin"))
            .await
            .unwrap()
            .size,
        Some(5)
    );
    std::fs::remove_file(&local).ok();
}

#[tokio::test]
async fn list_recursive_walks_a_deep_tree() {
    let (_emu, client) = common::start().await;
    let ws = client.workspace();
    let mut dir = format!("{HOME}/deep");
    let mut expected = Vec::new();
    for level in 0..12 {
        dir = format!("{dir}/l{level}");
        ws.mkdirs(&dir).await.unwrap();
        expected.push(dir.clone());
        let nb = format!("{dir}/nb{level}");
        ws.import(Import::new(nb.as_str(), "1").language(Language::Sql))
            .await
            .unwrap();
        expected.push(nb);
    }
    let mut got: Vec<String> = ws
        .list_recursive(&format!("{HOME}/deep"))
        .map_ok(|o| o.path)
        .try_collect()
        .await
        .unwrap();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
}

#[tokio::test]
async fn permissions_of_workspace_objects() {
    let emu = Emulator::builder()
        .user_token("bob@example.com", "dapi-bob")
        .lifecycle_step(Duration::from_millis(20))
        .start()
        .await
        .unwrap();
    let admin = common::client_with_token(&emu, &emu.token());
    let bob = common::client_with_token(&emu, "dapi-bob");
    let dir = format!("{HOME}/team");
    admin.workspace().mkdirs(&dir).await.unwrap();
    admin
        .workspace()
        .import(Import::new(format!("{dir}/nb"), "1").language(Language::Python))
        .await
        .unwrap();
    let dir_id = admin
        .workspace()
        .get_status(&dir)
        .await
        .unwrap()
        .object_id
        .unwrap();
    let nb_id = admin
        .workspace()
        .get_status(&format!("{dir}/nb"))
        .await
        .unwrap()
        .object_id
        .unwrap();

    // Bob sees nothing there yet, but owns his home folder and /Shared.
    let e = bob
        .workspace()
        .get_status(&format!("{dir}/nb"))
        .await
        .unwrap_err();
    assert!(e.is_permission_denied(), "{e}");
    assert_eq!(e.error_code(), Some(&ErrorCode::PermissionDenied));
    bob.workspace()
        .mkdirs("/Users/bob@example.com/mine")
        .await
        .unwrap();
    bob.workspace().mkdirs("/Shared/bob").await.unwrap();

    // CAN_READ on the directory is inherited by the notebook: read, not write.
    let acl = admin
        .workspace()
        .update_permissions(
            WorkspaceObjectType::Directories,
            dir_id,
            &[AccessControlRequest::user(
                "bob@example.com",
                Level::CanRead,
            )],
        )
        .await
        .unwrap();
    assert!(
        acl.access_control_list
            .iter()
            .any(|a| a.user_name.as_deref() == Some("bob@example.com"))
    );
    bob.workspace()
        .get_status(&format!("{dir}/nb"))
        .await
        .unwrap();
    bob.workspace().export(format!("{dir}/nb")).await.unwrap();
    let e = bob
        .workspace()
        .import(Import::new(format!("{dir}/nb2"), "1").language(Language::Python))
        .await
        .unwrap_err();
    assert!(e.is_permission_denied());
    let e = bob
        .workspace()
        .set_permissions(WorkspaceObjectType::Notebooks, nb_id, &[])
        .await
        .unwrap_err();
    assert!(e.is_permission_denied());

    // CAN_EDIT on the notebook lets Bob overwrite it; PUT replaces all grants.
    admin
        .workspace()
        .set_permissions(
            WorkspaceObjectType::Notebooks,
            nb_id,
            &[AccessControlRequest::user(
                "bob@example.com",
                Level::CanEdit,
            )],
        )
        .await
        .unwrap();
    bob.workspace()
        .import(
            Import::new(format!("{dir}/nb"), "2")
                .language(Language::Python)
                .overwrite(true),
        )
        .await
        .unwrap();
    let got = admin
        .workspace()
        .get_permissions(WorkspaceObjectType::Notebooks, nb_id)
        .await
        .unwrap();
    assert_eq!(
        got.object_id.as_deref(),
        Some(format!("/notebooks/{nb_id}").as_str())
    );
    let bob_entry = got
        .access_control_list
        .iter()
        .find(|a| a.user_name.as_deref() == Some("bob@example.com"))
        .unwrap();
    assert_eq!(
        bob_entry.all_permissions[0].permission_level,
        Some(Level::CanEdit)
    );
    let levels = admin
        .workspace()
        .get_permission_levels(WorkspaceObjectType::Notebooks, nb_id)
        .await
        .unwrap();
    assert_eq!(levels.len(), 4);

    // The object type must match the id; unknown ids are not found; bad levels refused.
    let e = admin
        .workspace()
        .get_permissions(WorkspaceObjectType::Directories, nb_id)
        .await
        .unwrap_err();
    assert!(e.is_not_found());
    let e = admin
        .workspace()
        .get_permissions(
            WorkspaceObjectType::Files,
            databricks::workspace::ObjectId::new(1),
        )
        .await
        .unwrap_err();
    assert!(e.is_not_found());
    let e = raw(
        &admin,
        Method::PATCH,
        &format!("/api/2.0/permissions/notebooks/{nb_id}"),
        json!({"access_control_list": [{"user_name": "bob@example.com", "permission_level": "CAN_USE"}]}),
    )
    .await
    .unwrap_err();
    assert!(e.is_invalid_parameter());
}

#[tokio::test]
async fn error_codes_of_the_spec() {
    let (_emu, client) = common::start().await;
    let ws = client.workspace();
    let d = format!("{HOME}/errors");
    ws.mkdirs(&format!("{d}/full/child")).await.unwrap();
    ws.import(Import::new(format!("{d}/nb"), "1").language(Language::Python))
        .await
        .unwrap();

    // RESOURCE_DOES_NOT_EXIST (404) for every call on a missing path, and a missing parent.
    let missing = format!("{d}/missing");
    for e in [
        ws.get_status(&missing).await.unwrap_err(),
        ws.list(missing.as_str()).await.unwrap_err(),
        ws.export(missing.as_str()).await.unwrap_err(),
        ws.delete(Delete::new(missing.as_str())).await.unwrap_err(),
        ws.download(&missing, None).await.unwrap_err(),
        ws.import(Import::new(format!("{missing}/x"), "1").language(Language::Python))
            .await
            .unwrap_err(),
    ] {
        assert_eq!(
            e.error_code(),
            Some(&ErrorCode::ResourceDoesNotExist),
            "{e}"
        );
        assert_eq!(e.status(), Some(404));
    }

    // RESOURCE_ALREADY_EXISTS: import without overwrite, mkdirs over a notebook, a notebook
    // in the way of a parent, overwriting a directory.
    for e in [
        ws.import(Import::new(format!("{d}/nb"), "2").language(Language::Python))
            .await
            .unwrap_err(),
        ws.mkdirs(&format!("{d}/nb")).await.unwrap_err(),
        ws.mkdirs(&format!("{d}/nb/below")).await.unwrap_err(),
        ws.import(
            Import::new(format!("{d}/full"), "2")
                .language(Language::Python)
                .overwrite(true),
        )
        .await
        .unwrap_err(),
    ] {
        assert!(e.is_already_exists(), "{e}");
        assert_eq!(e.status(), Some(400));
    }

    // DIRECTORY_NOT_EMPTY; DIRECTORY_PROTECTED.
    let e = ws
        .delete(Delete::new(format!("{d}/full")))
        .await
        .unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::DirectoryNotEmpty));
    assert!(ws.exists(&format!("{d}/full/child")).await.unwrap());
    for p in ["/Shared", "/Users", "/"] {
        let e = ws.delete(Delete::new(p).recursive(true)).await.unwrap_err();
        assert_eq!(e.error_code(), Some(&ErrorCode::DirectoryProtected), "{p}");
    }

    // INVALID_PARAMETER_VALUE: SOURCE without language, bad format / language (sent raw
    // past the SDK's enums), overwrite with DBC, R_MARKDOWN of a Python notebook, a library
    // of garbage, bad JSON notebooks.
    let invalid = |e: databricks::Error| {
        assert_eq!(
            e.error_code(),
            Some(&ErrorCode::InvalidParameterValue),
            "{e}"
        );
    };
    invalid(
        ws.import(Import::new(format!("{d}/x"), "1"))
            .await
            .unwrap_err(),
    );
    invalid(
        raw(
            &client,
            Method::POST,
            "/api/2.0/workspace/import",
            json!({"path": format!("{d}/x"), "format": "source", "content": "MQ=="}),
        )
        .await
        .unwrap_err(),
    );
    invalid(
        raw(
            &client,
            Method::POST,
            "/api/2.0/workspace/import",
            json!({"path": format!("{d}/x"), "language": "COBOL", "content": "MQ=="}),
        )
        .await
        .unwrap_err(),
    );
    invalid(
        ws.import(
            Import::new(format!("{d}/x"), "PK")
                .format(ImportFormat::Dbc)
                .overwrite(true),
        )
        .await
        .unwrap_err(),
    );
    invalid(
        ws.import(Import::new(format!("{d}/x"), "not a zip").format(ImportFormat::Dbc))
            .await
            .unwrap_err(),
    );
    invalid(
        ws.import(Import::new(format!("{d}/x"), "{").format(ImportFormat::Jupyter))
            .await
            .unwrap_err(),
    );
    invalid(
        ws.export(ExportRequest::new(format!("{d}/nb")).format(ExportFormat::RMarkdown))
            .await
            .unwrap_err(),
    );
    invalid(
        raw(
            &client,
            Method::GET,
            "/api/2.0/workspace/export",
            json!({"path": format!("{d}/nb"), "format": "PDF"}),
        )
        .await
        .unwrap_err(),
    );
    // Path traversal and malformed paths: 4xx.
    for bad in [
        format!("{d}/../errors/nb"),
        format!("{d}//nb"),
        format!("{d}/./nb"),
        format!("{d}/n\u{0}b"),
        "Users/x".to_owned(),
    ] {
        let e = raw(
            &client,
            Method::GET,
            "/api/2.0/workspace/get-status",
            json!({"path": bad}),
        )
        .await
        .unwrap_err();
        assert_eq!(e.status(), Some(400), "{bad}");
        assert_eq!(e.error_code(), Some(&ErrorCode::InvalidParameterValue));
    }

    // MAX_NOTEBOOK_SIZE_EXCEEDED: JSON content over 10 MB (sent raw past the SDK's check).
    let big = base64::engine::general_purpose::STANDARD.encode(vec![b'#'; 8 << 20]);
    let e = raw(
        &client,
        Method::POST,
        "/api/2.0/workspace/import",
        json!({"path": format!("{d}/big"), "format": "AUTO", "content": big}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::MaxNotebookSizeExceeded));
    // ... and a notebook over 10 MB through multipart.
    let e = ws
        .upload(&format!("{d}/big"), vec![b'1'; (10 << 20) + 1])
        .language(Language::Python)
        .await
        .unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::MaxNotebookSizeExceeded));
}

#[tokio::test]
async fn a_directory_has_a_child_limit() {
    let (_emu, client) = common::start().await;
    let ws = client.workspace();
    futures::stream::iter(0..10_000)
        .map(|i| {
            let ws = ws.clone();
            async move { ws.mkdirs(&format!("/Shared/many/d{i:05}")).await }
        })
        .buffer_unordered(16)
        .try_collect::<Vec<_>>()
        .await
        .unwrap();
    let e = ws.mkdirs("/Shared/many/one-more").await.unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::MaxChildNodeSizeExceeded));
    let e = ws
        .import(Import::new("/Shared/many/nb", "1").language(Language::Sql))
        .await
        .unwrap_err();
    assert_eq!(e.error_code(), Some(&ErrorCode::MaxChildNodeSizeExceeded));
    assert_eq!(ws.list("/Shared/many").await.unwrap().len(), 10_000);
}

#[tokio::test]
async fn persisted_across_restarts() {
    let dir = common::temp_dir("ws");
    let path = dir.join("state.json");
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let client = common::client_with_token(&emu, &emu.token());
    client.workspace().mkdirs("/Shared/kept").await.unwrap();
    client
        .workspace()
        .import(Import::new("/Shared/kept/nb", PY).language(Language::Python))
        .await
        .unwrap();
    let id = client
        .workspace()
        .get_status("/Shared/kept/nb")
        .await
        .unwrap()
        .object_id;
    emu.shutdown().await.unwrap();

    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let client = common::client_with_token(&emu, &emu.token());
    let nb = client
        .workspace()
        .get_status("/Shared/kept/nb")
        .await
        .unwrap();
    assert_eq!(nb.object_id, id);
    assert_eq!(
        text_of(&client, "/Shared/kept/nb", ExportFormat::Source).await,
        PY
    );
    emu.shutdown().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn every_principal_has_a_home_folder() {
    let emulator = Emulator::builder()
        .user_token("bob@example.com", "dapi-bob")
        .start()
        .await
        .unwrap();
    let client = common::client_with_token(&emulator, &emulator.token());
    let ws = client.workspace();
    // Configured principals have theirs from the start...
    for home in ["/Users/admin@example.com", "/Users/bob@example.com"] {
        assert!(ws.get_status(home).await.unwrap().is_directory(), "{home}");
    }
    // ...principals created through SCIM get theirs on creation...
    let carol = client
        .users()
        .create(databricks::scim::User::new("carol@example.com"))
        .await
        .unwrap();
    let sp = client
        .service_principals()
        .create(databricks::scim::ServicePrincipal::new("deployer"))
        .await
        .unwrap();
    let sp_home = format!("/Users/{}", sp.application_id.clone().unwrap());
    for home in ["/Users/carol@example.com", sp_home.as_str()] {
        assert!(ws.get_status(home).await.unwrap().is_directory(), "{home}");
    }
    // ...and each may write there without any grant.
    let bob = common::client_with_token(&emulator, "dapi-bob");
    bob.workspace()
        .import(Import::new("/Users/bob@example.com/etl", "print(1)\n").language(Language::Python))
        .await
        .unwrap();
    // Carol's home is not Bob's to write to.
    let err = bob
        .workspace()
        .mkdirs(&format!("/Users/{}/x", carol.user_name.clone().unwrap()))
        .await
        .unwrap_err();
    assert!(err.is_permission_denied(), "{err}");
    // A deleted user's home stays.
    client
        .users()
        .delete(carol.id.as_ref().unwrap())
        .await
        .unwrap();
    assert!(ws.get_status("/Users/carol@example.com").await.is_ok());
}
