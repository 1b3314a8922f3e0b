//! The state file: loaded at start, written atomically (temporary file, fsync, rename) shortly
//! after every change and on shutdown, so a restart loses nothing.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::sync::watch;

use crate::Error;
use crate::server::stopped;
use crate::state::State;
use crate::workspace::Workspace;

/// Loads a state file; a missing file is `Ok(None)` (a fresh workspace).
pub(crate) fn load(path: &Path) -> Result<Option<State>, Error> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(Error::state_file(path, err.to_string())),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|err| Error::state_file(path, format!("not a valid state file: {err}")))
}

/// Writes `bytes` to `path` atomically: a reader sees the old file or the new one, never half.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

/// Saves the workspace if it changed since the last save. Blocking; safe to call from any
/// thread (writes are serialised).
pub(crate) fn save_now(ws: &Workspace) -> io::Result<()> {
    let Some(path) = ws.config.state_file.as_deref() else {
        return Ok(());
    };
    let _guard = ws.save_lock.lock().unwrap_or_else(|e| e.into_inner());
    if ws.saved_generation.load(Ordering::SeqCst) == ws.generation() {
        return Ok(());
    }
    let (generation, bytes) = ws.snapshot().map_err(io::Error::other)?;
    write_atomic(path, &bytes)?;
    ws.saved_generation.store(generation, Ordering::SeqCst);
    Ok(())
}

async fn save_in_background(ws: &Arc<Workspace>) {
    let ws = ws.clone();
    let result = tokio::task::spawn_blocking(move || save_now(&ws)).await;
    match result {
        Ok(Ok(())) => {}
        Ok(Err(err)) => tracing::error!(%err, "could not save the state file"),
        Err(err) => tracing::error!(%err, "state file writer failed"),
    }
}

/// Saves after every change (coalescing changes within the debounce delay) until shutdown,
/// then saves one last time.
pub(crate) async fn run(ws: Arc<Workspace>, mut shutdown: watch::Receiver<bool>) {
    if ws.config.state_file.is_none() {
        return;
    }
    // Write the loaded or fresh state at once, so the file exists from the start.
    save_in_background(&ws).await;
    let mut during_debounce = shutdown.clone();
    loop {
        tokio::select! {
            _ = ws.changed.notified() => {
                tokio::select! {
                    _ = tokio::time::sleep(ws.config.persist_debounce) => {}
                    _ = stopped(&mut during_debounce) => {}
                }
                save_in_background(&ws).await;
            }
            _ = stopped(&mut shutdown) => break,
        }
    }
    save_in_background(&ws).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_and_load() {
        let dir = std::env::temp_dir().join(format!("dbx-emu-persist-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        assert!(load(&path).unwrap().is_none());
        let state = State::default();
        write_atomic(&path, &serde_json::to_vec(&state).unwrap()).unwrap();
        let loaded = load(&path).unwrap().unwrap();
        assert_eq!(loaded.workspace_id, state.workspace_id);
        assert!(!temp_path(&path).exists());
        fs::write(&path, b"{not json").unwrap();
        assert!(load(&path).is_err());
        fs::write(&path, b"{}").unwrap();
        assert!(
            load(&path).unwrap().is_some(),
            "missing fields take defaults"
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
