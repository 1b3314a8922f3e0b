//! Shared helpers for the wire tests: the workspace test kit, and the DBFS crate's own.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use databricks_dbfs::Progress;

pub use databricks_testkit::*;

/// `len` bytes of a repeating but not periodic-by-block pattern.
pub fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

/// A progress callback and what it saw.
pub fn recorder() -> (
    Arc<Mutex<Vec<Progress>>>,
    impl Fn(Progress) + Send + Sync + 'static,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    (seen, move |p| sink.lock().unwrap().push(p))
}

/// The kind of an [`Error::Io`](databricks_core::Error::Io); panics on any other error.
pub fn io_kind(err: &databricks_core::Error) -> std::io::ErrorKind {
    match err {
        databricks_core::Error::Io(io) => io.kind(),
        other => panic!("expected Error::Io, got {other:?}"),
    }
}

/// A fresh, empty local directory for this test process and `name`.
pub fn local_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dbfs-wire-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// [`local_dir`] with one file `up.bin` holding `data`: (the directory, the file).
pub fn local_file(name: &str, data: &[u8]) -> (PathBuf, PathBuf) {
    let dir = local_dir(name);
    let local = dir.join("up.bin");
    std::fs::write(&local, data).unwrap();
    (dir, local)
}
