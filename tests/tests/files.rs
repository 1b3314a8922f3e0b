//! Files API end to end: the umbrella client's `files()` against the emulator — byte-exact
//! round trips from memory, files and readers, ranges, preconditions, directories page by page,
//! retries under faults, and every error a caller can meet.
#![allow(clippy::unwrap_used)]

mod common;

use common::{assert_same, pattern, temp_dir};

use std::sync::{Arc, Mutex};

use databricks::Error;
use databricks::core::ErrorCode;
use databricks::files::{ListDirectoryContentsRequest, UploadSource};
use databricks_emulator::FaultRule;
use futures::TryStreamExt;
use tokio::io::AsyncReadExt;

const MIB: usize = 1 << 20;
const VOL: &str = "/Volumes/main/e2e/landing";

/// The requests the emulator saw, as `METHOD path`, in order.
fn log(emu: &databricks_emulator::Emulator) -> Vec<String> {
    emu.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

#[tokio::test]
async fn bytes_round_trip_with_metadata() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let path = format!("{VOL}/orders/2026/orders.json");
    let data = br#"{"order": 1}"#.to_vec();

    let sent = files.upload(&path, data.clone(), false).await.unwrap();
    assert_eq!(sent, data.len() as u64);

    let meta = files.get_metadata(&path).await.unwrap();
    assert_eq!(meta.content_length, Some(data.len() as u64));
    assert_eq!(
        meta.content_type.as_deref(),
        Some("application/octet-stream")
    );
    let modified = meta.last_modified.expect("a Last-Modified date");
    let now = databricks::Timestamp::now().as_millis();
    assert!((now - modified.as_millis()).abs() < 10_000, "{modified:?}");

    let download = files.download(&path).await.unwrap();
    assert!(!download.is_partial());
    assert_eq!(download.content_length(), Some(data.len() as u64));
    assert_eq!(download.metadata(), &meta);
    assert_same(&download.bytes().await.unwrap(), &data);

    // The missing parents were created on the way.
    files
        .get_directory_metadata(&format!("{VOL}/orders/2026"))
        .await
        .unwrap();
}

#[tokio::test]
async fn names_with_spaces_reserved_characters_and_unicode_round_trip() {
    let (emu, client) = common::start().await;
    let files = client.files();
    let dir = format!("{VOL}/odd names");
    let path = format!("{dir}/a b#c?d%e+é.csv");
    files.upload(&path, b"x,y\n".to_vec(), false).await.unwrap();

    assert_eq!(
        log(&emu).last().unwrap(),
        "PUT /api/2.0/fs/files/Volumes/main/e2e/landing/odd%20names/a%20b%23c%3Fd%25e%2B%C3%A9.csv"
    );
    let entries: Vec<_> = files
        .list_directory_contents(dir.as_str())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].name, "a b#c?d%e+é.csv");
    assert_eq!(entries[0].path, path);
    assert!(!entries[0].is_directory);
    assert_eq!(entries[0].file_size, Some(4));
    assert!(entries[0].last_modified.is_some());
    assert_eq!(
        &files.download(&path).await.unwrap().bytes().await.unwrap()[..],
        b"x,y\n"
    );
}

#[tokio::test]
async fn a_large_local_file_streams_up_and_down_byte_exact() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let dir = temp_dir("large");
    let data = pattern(24 * MIB + 17, 3);
    let local = dir.join("big.bin");
    std::fs::write(&local, &data).unwrap();
    let path = format!("{VOL}/big.bin");

    let progress = Arc::new(Mutex::new(Vec::new()));
    let seen = progress.clone();
    let sent = files
        .upload(&path, UploadSource::file(&local), false)
        .on_progress(move |p| seen.lock().unwrap().push((p.bytes_done, p.total_bytes)))
        .await
        .unwrap();
    assert_eq!(sent, data.len() as u64);
    let progress = progress.lock().unwrap().clone();
    assert!(progress.len() > 1, "streamed in chunks: {progress:?}");
    assert_eq!(
        progress.last().unwrap(),
        &(data.len() as u64, Some(data.len() as u64))
    );
    assert!(progress.windows(2).all(|w| w[0].0 <= w[1].0));

    let out = dir.join("nested/copy.bin");
    let written = files.download_file(&path, &out).await.unwrap();
    assert_eq!(written, data.len() as u64);
    assert_same(&std::fs::read(&out).unwrap(), &data);
    // Only the finished file is left: no temporary next to it.
    let names: Vec<_> = std::fs::read_dir(dir.join("nested"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec!["copy.bin"]);

    // The stream comes in several chunks, and together they are the file.
    let mut stream = files.download(&path).await.unwrap();
    let (mut chunks, mut got) = (0, Vec::with_capacity(data.len()));
    while let Some(chunk) = stream.try_next().await.unwrap() {
        chunks += 1;
        got.extend_from_slice(&chunk);
    }
    assert!(chunks > 1);
    assert_same(&got, &data);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn readers_with_and_without_a_size() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let data = pattern(3 * MIB + 1, 11);

    let sized = format!("{VOL}/readers/sized.bin");
    let sent = files
        .upload(
            &sized,
            UploadSource::reader_with_size(&data[..], data.len() as u64),
            false,
        )
        .await
        .unwrap();
    assert_eq!(sent, data.len() as u64);

    // No size: sent chunked, and still whole at the other end.
    let unsized_path = format!("{VOL}/readers/unsized.bin");
    let reader = tokio::io::repeat(0x5a).take(2 * MIB as u64 + 3);
    let sent = files
        .upload(&unsized_path, UploadSource::reader(reader), false)
        .await
        .unwrap();
    assert_eq!(sent, 2 * MIB as u64 + 3);

    let got = files.download(&sized).await.unwrap().bytes().await.unwrap();
    assert_same(&got, &data);
    let got = files
        .download(&unsized_path)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(got.len(), 2 * MIB + 3);
    assert!(got.iter().all(|b| *b == 0x5a));
}

#[tokio::test]
async fn a_reader_shorter_than_its_declared_size_leaves_nothing_behind() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let path = format!("{VOL}/short.bin");
    let data = pattern(1000, 5);
    let err = files
        .upload(
            &path,
            UploadSource::reader_with_size(&data[..], 2000),
            false,
        )
        .await
        .unwrap_err();
    assert!(!matches!(err, Error::Api(_)), "{err:?}");
    assert!(files.get_metadata(&path).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn overwrite_false_keeps_the_old_content_and_true_replaces_it() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let path = format!("{VOL}/config.yaml");
    files
        .upload(&path, b"v: 1\n".to_vec(), false)
        .await
        .unwrap();

    let err = files
        .upload(&path, b"v: 2\n".to_vec(), false)
        .await
        .unwrap_err();
    assert!(err.is_already_exists(), "{err:?}");
    assert_eq!(err.status(), Some(409));
    assert_eq!(err.error_code(), Some(&ErrorCode::AlreadyExists));
    let got = files.download(&path).await.unwrap().bytes().await.unwrap();
    assert_eq!(&got[..], b"v: 1\n");

    files.upload(&path, b"v: 3\n".to_vec(), true).await.unwrap();
    let got = files.download(&path).await.unwrap().bytes().await.unwrap();
    assert_eq!(&got[..], b"v: 3\n");
}

#[tokio::test]
async fn files_and_directories_in_each_others_way_conflict() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    files
        .upload(&format!("{VOL}/plain"), b"1".to_vec(), false)
        .await
        .unwrap();
    files.create_directory(&format!("{VOL}/dir")).await.unwrap();

    // A file where a parent directory should be.
    let err = files
        .upload(&format!("{VOL}/plain/child"), b"2".to_vec(), true)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409), "{err:?}");
    assert!(!err.is_already_exists());
    // A directory at the file's path.
    let err = files
        .upload(&format!("{VOL}/dir"), b"3".to_vec(), true)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409), "{err:?}");
    // A file at the directory's path.
    let err = files
        .create_directory(&format!("{VOL}/plain"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(409), "{err:?}");
    // Each is reported missing as the other kind.
    assert!(
        files
            .get_metadata(&format!("{VOL}/dir"))
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        files
            .get_directory_metadata(&format!("{VOL}/plain"))
            .await
            .unwrap_err()
            .is_not_found()
    );
    // Nothing changed.
    let got = files
        .download(&format!("{VOL}/plain"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&got[..], b"1");
}

#[tokio::test]
async fn byte_ranges() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let path = format!("{VOL}/ranged.bin");
    let data = pattern(10_000, 9);
    files.upload(&path, data.clone(), false).await.unwrap();

    let part = files.download(&path).range(100..200).await.unwrap();
    assert!(part.is_partial());
    assert_eq!(part.content_range(), Some("bytes 100-199/10000"));
    assert_eq!(part.content_length(), Some(100));
    assert_same(&part.bytes().await.unwrap(), &data[100..200]);

    let tail = files.download(&path).range(9_990..).await.unwrap();
    assert_same(&tail.bytes().await.unwrap(), &data[9_990..]);
    let head = files.download(&path).range(..=9).await.unwrap();
    assert_same(&head.bytes().await.unwrap(), &data[..10]);
    let footer = files.download(&path).last_bytes(8).await.unwrap();
    assert_same(&footer.bytes().await.unwrap(), &data[9_992..]);
    // A range running past the end is cut at the end.
    let over = files.download(&path).range(9_000..20_000).await.unwrap();
    assert_same(&over.bytes().await.unwrap(), &data[9_000..]);

    // Starting past the end: 416.
    let err = files.download(&path).range(10_000..).await.unwrap_err();
    assert_eq!(err.status(), Some(416), "{err:?}");
}

#[tokio::test]
async fn empty_ranges_are_refused_before_anything_is_sent() {
    let (emu, client) = common::start().await;
    let files = client.files();
    let path = format!("{VOL}/never.bin");
    let before = emu.requests().len();
    let err = files.download(&path).range(5..5).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    let err = files.download(&path).last_bytes(0).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert_eq!(emu.requests().len(), before);
}

#[tokio::test]
async fn if_unmodified_since_guards_a_download_against_a_newer_version() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let path = format!("{VOL}/versioned.bin");
    files.upload(&path, pattern(4096, 1), false).await.unwrap();
    let version = files
        .get_metadata(&path)
        .await
        .unwrap()
        .last_modified
        .unwrap();

    // The same version: served.
    let got = files
        .download(&path)
        .range(1024..)
        .if_unmodified_since(version)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(got.len(), 3072);

    // A version from before: 412.
    let earlier = databricks::Timestamp::from_millis(version.as_millis() - 60_000);
    let err = files
        .download(&path)
        .if_unmodified_since(earlier)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(412), "{err:?}");
}

#[tokio::test]
async fn directories_list_page_by_page_in_name_order() {
    let (emu, client) = common::start().await;
    let files = client.files();
    let dir = format!("{VOL}/listing");
    files.create_directory(&dir).await.unwrap();
    // Idempotent.
    files.create_directory(&dir).await.unwrap();
    assert_eq!(
        files
            .list_directory_contents(dir.as_str())
            .try_collect::<Vec<_>>()
            .await
            .unwrap(),
        vec![]
    );

    let mut want = Vec::new();
    for i in 0..23 {
        let name = format!("f{i:02}.txt");
        files
            .upload(&format!("{dir}/{name}"), vec![b'x'; i], false)
            .await
            .unwrap();
        want.push(name);
    }
    files
        .create_directory(&format!("{dir}/sub/deeper"))
        .await
        .unwrap();
    files
        .upload(
            &format!("{dir}/sub/deeper/not-listed"),
            b"n".to_vec(),
            false,
        )
        .await
        .unwrap();
    want.push("sub".to_owned());

    let before = emu.requests().len();
    let entries: Vec<_> = files
        .list_directory_contents(dir.as_str())
        .page_size(5)
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = entries.iter().map(|e| e.name.clone()).collect();
    assert_eq!(names, want, "one level, sorted by name, each once");
    let pages: Vec<_> = emu.requests()[before..]
        .iter()
        .map(|r| r.query.clone().unwrap_or_default())
        .collect();
    assert_eq!(pages.len(), 5, "{pages:?}");
    assert_eq!(pages[0], "page_size=5");
    assert!(
        pages[1..]
            .iter()
            .all(|q| q.starts_with("page_size=5&page_token="))
    );
    let sub = entries.last().unwrap();
    assert!(sub.is_directory);
    assert_eq!(sub.path, format!("{dir}/sub"));
    assert_eq!(sub.file_size, None);
    assert_eq!(entries[7].file_size, Some(7));

    // The request's page size works as well as the paginator's.
    let request = ListDirectoryContentsRequest {
        page_size: Some(10),
        ..ListDirectoryContentsRequest::new(dir.clone())
    };
    let again: Vec<_> = files
        .list_directory_contents(request)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(again, entries);
}

#[tokio::test]
async fn only_empty_directories_can_be_deleted() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let dir = format!("{VOL}/to-delete");
    let file = format!("{dir}/only.txt");
    files.upload(&file, b"1".to_vec(), false).await.unwrap();

    let err = files.delete_directory(&dir).await.unwrap_err();
    assert_eq!(err.status(), Some(400), "{err:?}");
    assert!(err.is_invalid_parameter());
    files.get_directory_metadata(&dir).await.unwrap();

    files.delete(&file).await.unwrap();
    assert!(files.delete(&file).await.unwrap_err().is_not_found());
    files.delete_directory(&dir).await.unwrap();
    let err = files.get_directory_metadata(&dir).await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert!(
        files
            .delete_directory(&dir)
            .await
            .unwrap_err()
            .is_not_found()
    );
    let err = files
        .list_directory_contents(dir.as_str())
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
}

#[tokio::test]
async fn missing_files_are_not_found() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let path = format!("{VOL}/missing.bin");
    for err in [
        files.get_metadata(&path).await.unwrap_err(),
        files.download(&path).await.unwrap_err(),
        files.delete(&path).await.unwrap_err(),
    ] {
        assert!(err.is_not_found(), "{err:?}");
        assert_eq!(err.error_code(), Some(&ErrorCode::NotFound));
    }
    // A failed download to a local file leaves no file.
    let dir = temp_dir("missing");
    let out = dir.join("out.bin");
    assert!(
        files
            .download_file(&path, &out)
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn paths_the_client_refuses_never_reach_the_server() {
    let (emu, client) = common::start().await;
    let files = client.files();
    let before = emu.requests().len();
    for bad in [
        "",
        "Volumes/main/e2e/landing/a",
        "/Volumes/main/../x",
        "/Volumes/./a",
        "/a\0b",
    ] {
        let err = files.upload(bad, b"1".to_vec(), true).await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{bad:?}: {err:?}");
        let err = files.get_metadata(bad).await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{bad:?}: {err:?}");
        let err = files
            .list_directory_contents(bad)
            .try_collect::<Vec<_>>()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{bad:?}: {err:?}");
    }
    assert_eq!(emu.requests().len(), before);
}

#[tokio::test]
async fn paths_outside_a_volume_are_refused_by_the_service() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    for path in [
        "/tmp/a.txt",
        "/Volumes/main/only-schema",
        "/Workspace/Users/a/b.txt",
    ] {
        let err = files.upload(path, b"1".to_vec(), true).await.unwrap_err();
        assert!(err.is_invalid_parameter(), "{path}: {err:?}");
        assert_eq!(err.error_code(), Some(&ErrorCode::InvalidParameterValue));
    }
}

#[tokio::test]
async fn transient_failures_are_retried_and_create_one_file() {
    let (emu, client) = common::start().await;
    let files = client.files();
    let path = format!("{VOL}/retried.bin");
    let data = pattern(300_000, 4);

    // 503 and 429: the service did not act, so even a create-only upload is sent again.
    emu.faults().add(
        FaultRule::new("PUT", "/api/2.0/fs/files/*")
            .status(503)
            .times(1),
    );
    emu.faults().add(
        FaultRule::new("PUT", "/api/2.0/fs/files/*")
            .status(429)
            .retry_after_secs(0)
            .times(1),
    );
    files.upload(&path, data.clone(), false).await.unwrap();
    let puts: Vec<_> = emu
        .requests()
        .iter()
        .filter(|r| r.method == "PUT")
        .map(|r| r.status)
        .collect();
    assert_eq!(puts, vec![Some(503), Some(429), Some(200)]);

    // Downloads and listings are retried too.
    emu.faults().add(
        FaultRule::new("GET", "/api/2.0/fs/files/*")
            .status(503)
            .times(2),
    );
    let got = files.download(&path).await.unwrap().bytes().await.unwrap();
    assert_same(&got, &data);
    emu.faults().add(
        FaultRule::new("GET", "/api/2.0/fs/directories/*")
            .status(500)
            .error_code("INTERNAL_ERROR")
            .times(1),
    );
    let entries: Vec<_> = files
        .list_directory_contents(VOL)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
}

#[tokio::test]
async fn a_create_only_upload_is_not_repeated_after_a_server_error() {
    let (emu, client) = common::start().await;
    let files = client.files();
    let path = format!("{VOL}/once.bin");
    emu.faults().add(
        FaultRule::new("PUT", "/api/2.0/fs/files/*")
            .status(500)
            .error_code("INTERNAL_ERROR")
            .times(1),
    );
    let err = files.upload(&path, b"1".to_vec(), false).await.unwrap_err();
    assert_eq!(err.status(), Some(500), "{err:?}");
    assert_eq!(
        emu.requests().iter().filter(|r| r.method == "PUT").count(),
        1
    );
    // With overwrite a repeat is harmless, so it is retried.
    emu.faults().add(
        FaultRule::new("PUT", "/api/2.0/fs/files/*")
            .status(500)
            .error_code("INTERNAL_ERROR")
            .times(1),
    );
    files.upload(&path, b"2".to_vec(), true).await.unwrap();
    let got = files.download(&path).await.unwrap().bytes().await.unwrap();
    assert_eq!(&got[..], b"2");
}

/// Writes a small tree under `root`: nested directories, an empty file, a name with a space.
fn local_tree(root: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let files = vec![
        ("a.csv".to_owned(), pattern(10_000, 1)),
        ("empty.txt".to_owned(), Vec::new()),
        ("sub/b c.json".to_owned(), br#"{"b": 1}"#.to_vec()),
        ("sub/deeper/big.bin".to_owned(), pattern(3 * MIB + 5, 2)),
    ];
    for (rel, data) in &files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
    std::fs::create_dir_all(root.join("sub/nothing-here")).unwrap();
    files
}

#[tokio::test]
async fn directory_trees_go_up_and_come_back_byte_exact() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let dir = temp_dir("trees");
    let src = dir.join("src");
    let want = local_tree(&src);
    let total: u64 = want.iter().map(|(_, d)| d.len() as u64).sum();
    let remote = format!("{VOL}/tree/");

    let seen = Arc::new(Mutex::new(Vec::new()));
    let progress = seen.clone();
    let summary = files
        .upload_dir(&src, &remote, false)
        .on_progress(move |p| progress.lock().unwrap().push((p.bytes_done, p.total_bytes)))
        .await
        .unwrap();
    assert_eq!((summary.files, summary.bytes), (4, total));
    assert_eq!(
        summary.directories, 4,
        "the root, sub, sub/deeper, sub/nothing-here"
    );
    assert_eq!(seen.lock().unwrap().last(), Some(&(total, Some(total))));
    files
        .get_directory_metadata(&format!("{VOL}/tree/sub/nothing-here"))
        .await
        .unwrap();
    let got = files
        .download(&format!("{VOL}/tree/sub/b c.json"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&got[..], br#"{"b": 1}"#);

    // Again without overwrite: the first existing file stops it.
    let err = files.upload_dir(&src, &remote, false).await.unwrap_err();
    assert!(err.is_already_exists(), "{err:?}");
    files.upload_dir(&src, &remote, true).await.unwrap();

    let dst = dir.join("dst");
    let summary = files.download_dir(&remote, &dst, false).await.unwrap();
    assert_eq!(
        (summary.files, summary.bytes, summary.directories),
        (4, total, 4)
    );
    for (rel, data) in &want {
        assert_same(&std::fs::read(dst.join(rel)).unwrap(), data);
    }
    assert!(dst.join("sub/nothing-here").is_dir());

    // Into the same place without overwrite: the local file is in the way.
    let err = files.download_dir(&remote, &dst, false).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    files.download_dir(&remote, &dst, true).await.unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn directory_copies_report_what_is_missing() {
    let (_emu, client) = common::start().await;
    let files = client.files();
    let dir = temp_dir("tree-errors");
    let err = files
        .download_dir(&format!("{VOL}/no-such-dir"), dir.join("x"), false)
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    files
        .upload(&format!("{VOL}/a-file"), b"1".to_vec(), false)
        .await
        .unwrap();
    let err = files
        .download_dir(&format!("{VOL}/a-file"), dir.join("x"), false)
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "a file is not a directory: {err:?}");
    let err = files
        .upload_dir(dir.join("missing"), &format!("{VOL}/up"), false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Io(_)), "{err:?}");
    let err = files
        .upload_dir(&dir, "relative/path", false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    std::fs::remove_dir_all(dir).unwrap();
}
