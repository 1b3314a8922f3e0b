//! Request and response types of the DBFS API.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use databricks_core::Timestamp;
use serde::{Deserialize, Serialize};

databricks_core::int_id! {
    /// The handle of an open DBFS write stream, returned by
    /// [`DbfsApi::create`](crate::DbfsApi::create). It expires after 10 minutes without a call.
    pub struct StreamHandle;
}

/// Metadata of a DBFS file or directory, as returned by `get-status` and `list`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FileInfo {
    /// Absolute path, without the `dbfs:` prefix, e.g. `/tmp/reports/summary.csv`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub path: String,
    /// Whether this is a directory.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub is_dir: bool,
    /// Size in bytes (0 for directories).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub file_size: i64,
    /// Last modification time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modification_time: Option<Timestamp>,
}

impl FileInfo {
    /// The last path component (`summary.csv` for `/tmp/reports/summary.csv`; empty for `/`).
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or_default()
    }
}

/// `POST /api/2.0/dbfs/create`: opens a write stream.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Create {
    /// Absolute DBFS path (`/mnt/raw/a.csv` or `dbfs:/mnt/raw/a.csv`).
    pub path: String,
    /// Replace an existing file (default false: an existing file is `RESOURCE_ALREADY_EXISTS`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
}

impl Create {
    /// A stream creating `path` (failing when it exists).
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            overwrite: None,
        }
    }

    /// Sets `overwrite`.
    pub fn overwrite(mut self, overwrite: bool) -> Self {
        self.overwrite = Some(overwrite);
        self
    }
}

/// `POST /api/2.0/dbfs/put` as JSON: a whole file (at most 1 MiB) in one call.
#[derive(Clone, PartialEq, Eq, Default, Serialize)]
pub struct Put {
    /// Absolute DBFS path.
    pub path: String,
    /// The file's bytes (sent base64-encoded); at most [`MAX_BLOCK_BYTES`](crate::MAX_BLOCK_BYTES).
    #[serde(
        serialize_with = "databricks_core::serde_util::serialize_base64_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub contents: Option<Bytes>,
    /// Replace an existing file (default false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
}

impl fmt::Debug for Put {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Put")
            .field("path", &self.path)
            .field("contents_len", &self.contents.as_ref().map(Bytes::len))
            .field("overwrite", &self.overwrite)
            .finish()
    }
}

impl Put {
    /// A put of `contents` at `path`.
    pub fn new(path: impl Into<String>, contents: impl Into<Bytes>) -> Self {
        Self {
            path: path.into(),
            contents: Some(contents.into()),
            overwrite: None,
        }
    }

    /// Sets `overwrite`.
    pub fn overwrite(mut self, overwrite: bool) -> Self {
        self.overwrite = Some(overwrite);
        self
    }
}

/// `GET /api/2.0/dbfs/read`: reads a range of a file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Read {
    /// Absolute DBFS path.
    pub path: String,
    /// Byte offset (default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    /// Bytes to read: default 0.5 MiB, at most [`MAX_READ_BYTES`](crate::MAX_READ_BYTES).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<i64>,
}

impl Read {
    /// A read of `path` from the start, with the server's default length.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            offset: None,
            length: None,
        }
    }

    /// Sets the offset.
    pub fn offset(mut self, offset: i64) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Sets the length.
    pub fn length(mut self, length: i64) -> Self {
        self.length = Some(length);
        self
    }
}

/// The answer of `read`.
#[non_exhaustive]
#[derive(Clone, PartialEq, Eq, Default, Deserialize)]
pub struct ReadResponse {
    /// Number of bytes read (smaller than asked at the end of the file, 0 past it).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub bytes_read: i64,
    /// The bytes, decoded from the base64 the service sends.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::deserialize_base64"
    )]
    pub data: Bytes,
}

impl fmt::Debug for ReadResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadResponse")
            .field("bytes_read", &self.bytes_read)
            .field("data_len", &self.data.len())
            .finish()
    }
}

/// `POST /api/2.0/dbfs/move`: moves a file or a directory (recursively).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Move {
    /// The existing file or directory.
    pub source_path: String,
    /// Where to move it; must not exist.
    pub destination_path: String,
}

impl Move {
    /// A move of `source_path` to `destination_path`.
    pub fn new(source_path: impl Into<String>, destination_path: impl Into<String>) -> Self {
        Self {
            source_path: source_path.into(),
            destination_path: destination_path.into(),
        }
    }
}

/// `POST /api/2.0/dbfs/delete`: deletes a file or a directory.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Delete {
    /// Absolute DBFS path.
    pub path: String,
    /// Delete a non-empty directory with its contents (default false: `IO_ERROR`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recursive: Option<bool>,
}

impl Delete {
    /// A non-recursive delete of `path`.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            recursive: None,
        }
    }

    /// Sets `recursive`.
    pub fn recursive(mut self, recursive: bool) -> Self {
        self.recursive = Some(recursive);
        self
    }
}

/// How far a transfer got, given to progress callbacks after every block.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes transferred so far.
    pub bytes_done: u64,
    /// Total bytes to transfer, when known (a reader of unknown length has none).
    pub total_bytes: Option<u64>,
}

impl Progress {
    /// Progress of `bytes_done` out of `total_bytes`.
    pub fn new(bytes_done: u64, total_bytes: Option<u64>) -> Self {
        Self {
            bytes_done,
            total_bytes,
        }
    }

    /// The fraction done in `0.0..=1.0`, when the total is known (1.0 for an empty file).
    pub fn fraction(&self) -> Option<f64> {
        self.total_bytes.map(|total| {
            if total == 0 {
                1.0
            } else {
                (self.bytes_done as f64 / total as f64).min(1.0)
            }
        })
    }
}

/// A progress callback: called with the bytes done so far after every block.
pub(crate) type ProgressFn = Arc<dyn Fn(Progress) + Send + Sync>;

/// What a copy of a directory tree did.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CopySummary {
    /// Files copied.
    pub files: u64,
    /// Directories created (the root included).
    pub directories: u64,
    /// Bytes copied.
    pub bytes: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_info_tolerates_unknown_fields() {
        let f: FileInfo = serde_json::from_str(
            r#"{"path":"/a/b.csv","is_dir":false,"file_size":3,"modification_time":1,"new":true}"#,
        )
        .unwrap_or_default();
        assert_eq!(f.name(), "b.csv");
        assert_eq!(f.file_size, 3);
    }

    #[test]
    fn progress_fraction() {
        assert_eq!(Progress::new(0, Some(0)).fraction(), Some(1.0));
        assert_eq!(Progress::new(1, Some(2)).fraction(), Some(0.5));
        assert_eq!(Progress::new(1, None).fraction(), None);
    }
}
