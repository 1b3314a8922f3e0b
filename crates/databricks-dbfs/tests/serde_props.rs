//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields and enum values the SDK does not know) and encodes back what they
//! said. See `databricks_testkit::serde_props` for the template language.
//!
//! Not covered:
//! - `Create`, `Put`, `Read`, `Move`, `Delete`: request types that only derive `Serialize`
//!   (the SDK sends them, never reads them), so there is nothing to decode;
//! - `Progress`, `CopySummary`: callback and summary values of the transfer helpers, not wire
//!   types (no serde);
//! - `DbfsApi`, `Upload`, `UploadFile`, `Download`, `DownloadFile`, `CopyDir`: API handles
//!   and builders (no serde).
//!
//! Files API (`databricks_dbfs::files`): `DirectoryEntry` and `ListDirectoryResponse` are
//! checked; `ListDirectoryContentsRequest` only derives `Serialize` (sent as query
//! parameters); `FileMetadata` and `DownloadResponse` are read from response headers, not
//! JSON (no serde); `FilesApi`, `Upload`, `UploadSource`, `Download`, `DownloadFile` are
//! handles and builders.
//!
//! The `{ "files": [FileInfo] }` list response and the `{ "handle": int64 }` create response
//! are private (the API returns `Vec<FileInfo>` and `StreamHandle`); their content is covered
//! by `file_info` and `stream_handle`.

use databricks_dbfs::files::{DirectoryEntry, ListDirectoryResponse};
use databricks_dbfs::{FileInfo, ReadResponse, StreamHandle};
use databricks_testkit::serde_props::{decode_only, round_trip};
use serde_json::json;

/// Epoch milliseconds up to 2100-01-01.
const EPOCH_MS: u64 = 4_102_444_800_000;
/// Bytes: a file of up to 1 TiB.
const FILE_SIZE: u64 = 1 << 40;
/// The most a `read` returns (1 MiB).
const MAX_READ: u64 = 1_048_576;

#[test]
fn file_info() {
    round_trip::<FileInfo>(json!({
        "file_size": FILE_SIZE,
        "is_dir": true,
        "modification_time": EPOCH_MS,
        "path": "/tmp/reports/summary.csv",
    }));
}

#[test]
fn stream_handle() {
    // `{ "handle": int64 }`: the whole int64 range is a valid handle.
    round_trip::<StreamHandle>(json!(i64::MAX));
}

#[test]
fn read_response() {
    // No `Serialize`: the response is only ever received (its bytes are decoded on the way
    // in), so only decoding is checked.
    decode_only::<ReadResponse>(json!({ "bytes_read": MAX_READ, "data": "@b64" }));
}

/// A Files API directory entry, as `GET /api/2.0/fs/directories{path}` lists it.
fn directory_entry() -> serde_json::Value {
    json!({
        "file_size": FILE_SIZE,
        "is_directory": true,
        "last_modified": EPOCH_MS,
        "name": "orders-summary.json",
        "path": "/Volumes/main/raw/landing/2024/06/orders-summary.json",
    })
}

#[test]
fn files_directory_entry() {
    round_trip::<DirectoryEntry>(directory_entry());
}

#[test]
fn files_list_directory_response() {
    round_trip::<ListDirectoryResponse>(json!({
        "contents": [directory_entry()],
        "next_page_token": "ZXhhbXBsZS10b2tlbg==",
    }));
}
