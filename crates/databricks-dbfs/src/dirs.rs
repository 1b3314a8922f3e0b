//! Copies of whole directory trees: [`DbfsApi::upload_dir`] and [`DbfsApi::download_dir`].

use std::future::{Future, IntoFuture};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use databricks_core::{Error, Result};
use futures_util::TryStreamExt;

use crate::api::DbfsApi;
use crate::download::download_to;
use crate::model::{CopySummary, Progress, ProgressFn};
use crate::path::{join, normalize, relative};
use crate::upload::ProgressFnDebug;

/// Which way a [`CopyDir`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

/// A copy of a directory tree between the local disk and DBFS; `.await` it to run it. Built
/// by [`DbfsApi::upload_dir`] and [`DbfsApi::download_dir`].
///
/// Files are copied one after the other, each as [`DbfsApi::upload_file`] or
/// [`DbfsApi::download_file`] would (temporary then rename), so memory stays bounded.
/// Resolves to a [`CopySummary`].
#[must_use = "a copy does nothing until it is awaited"]
#[derive(Debug)]
pub struct CopyDir {
    api: DbfsApi,
    local: PathBuf,
    remote: String,
    overwrite: bool,
    direction: Direction,
    progress: Option<ProgressFnDebug>,
}

impl CopyDir {
    /// Calls `callback` after every block with the bytes copied so far over all files, and the
    /// total size of the tree.
    pub fn on_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(ProgressFnDebug(Arc::new(callback)));
        self
    }
}

impl IntoFuture for CopyDir {
    type Output = Result<CopySummary>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<CopySummary>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let progress = self.progress.map(|p| p.0);
            match self.direction {
                Direction::Up => {
                    upload_tree(
                        &self.api,
                        &self.local,
                        &self.remote,
                        self.overwrite,
                        progress,
                    )
                    .await
                }
                Direction::Down => {
                    download_tree(
                        &self.api,
                        &self.remote,
                        &self.local,
                        self.overwrite,
                        progress,
                    )
                    .await
                }
            }
        })
    }
}

impl DbfsApi {
    /// Copies the local directory `local_dir` and everything in it to the DBFS directory
    /// `path` (created with its parents), uploading each file as
    /// [`upload_file`](Self::upload_file) does. Without `overwrite`, an existing DBFS file
    /// stops the copy with `RESOURCE_ALREADY_EXISTS`. Symbolic links are followed.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// let summary = dbfs.upload_dir("./site", "/FileStore/site", true).await?;
    /// println!("{} files, {} bytes", summary.files, summary.bytes);
    /// # Ok(()) }
    /// ```
    pub fn upload_dir(&self, local_dir: impl AsRef<Path>, path: &str, overwrite: bool) -> CopyDir {
        CopyDir {
            api: self.clone(),
            local: local_dir.as_ref().to_path_buf(),
            remote: path.to_owned(),
            overwrite,
            direction: Direction::Up,
            progress: None,
        }
    }

    /// Copies the DBFS directory `path` and everything in it to the local directory
    /// `local_dir` (created with its parents), downloading each file as
    /// [`download_file`](Self::download_file) does. Without `overwrite`, an existing local
    /// file stops the copy with [`Error::InvalidInput`] naming it.
    ///
    /// ```no_run
    /// # async fn demo(dbfs: databricks_dbfs::DbfsApi) -> databricks_core::Result<()> {
    /// dbfs.download_dir("/FileStore/site", "./site-copy", false).await?;
    /// # Ok(()) }
    /// ```
    pub fn download_dir(
        &self,
        path: &str,
        local_dir: impl AsRef<Path>,
        overwrite: bool,
    ) -> CopyDir {
        CopyDir {
            api: self.clone(),
            local: local_dir.as_ref().to_path_buf(),
            remote: path.to_owned(),
            overwrite,
            direction: Direction::Down,
            progress: None,
        }
    }
}

/// A progress callback for one file of a tree: adds the bytes of the files before it.
fn offset_progress(outer: &Option<ProgressFn>, base: u64, total: u64) -> Option<ProgressFn> {
    outer.as_ref().map(|outer| {
        let outer = Arc::clone(outer);
        let f: ProgressFn =
            Arc::new(move |p: Progress| outer(Progress::new(base + p.bytes_done, Some(total))));
        f
    })
}

async fn upload_tree(
    api: &DbfsApi,
    local: &Path,
    remote: &str,
    overwrite: bool,
    progress: Option<ProgressFn>,
) -> Result<CopySummary> {
    let remote = normalize(remote, "path")?;
    // Walk the whole tree first: directories to create, files with their sizes.
    let mut dirs = vec![remote.clone()];
    let mut files: Vec<(PathBuf, String, u64)> = Vec::new();
    let mut stack = vec![(local.to_path_buf(), remote.clone())];
    while let Some((dir, remote_dir)) = stack.pop() {
        let mut entries = tokio::fs::read_dir(&dir)
            .await
            .map_err(|e| Error::io("listing", &dir, e))?;
        let mut batch = Vec::new();
        while let Some(entry) = entries
            .next_entry()
            .await
            .map_err(|e| Error::io("listing", &dir, e))?
        {
            batch.push(entry.path());
        }
        batch.sort();
        for path in batch {
            let shown = path.display().to_string();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| {
                    Error::invalid_input("local_path", format!("{shown}: name is not UTF-8"))
                })?
                .to_owned();
            let meta = tokio::fs::metadata(&path)
                .await
                .map_err(|e| Error::io("reading the metadata of", &path, e))?;
            let target = join(&remote_dir, &name);
            if meta.is_dir() {
                dirs.push(target.clone());
                stack.push((path, target));
            } else if meta.is_file() {
                files.push((path, target, meta.len()));
            }
        }
    }
    let total: u64 = files.iter().map(|f| f.2).sum();
    let mut summary = CopySummary::default();
    for dir in &dirs {
        api.mkdirs(dir).await?;
        summary.directories += 1;
    }
    for (local_file, target, _) in files {
        let mut upload = api.upload_file(&local_file, &target, overwrite);
        if let Some(p) = offset_progress(&progress, summary.bytes, total) {
            upload = upload.on_progress(move |x| p(x));
        }
        let written = upload.await?;
        summary.files += 1;
        summary.bytes += written;
    }
    Ok(summary)
}

/// The local path of `relative` (a `/`-separated DBFS path below the root) under `root`,
/// refusing components that would leave it.
fn local_of(root: &Path, relative: &str) -> Result<PathBuf> {
    let mut out = root.to_path_buf();
    for part in relative.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains('\\') {
            return Err(Error::invalid_input(
                "path",
                format!("cannot map the DBFS path component {part:?} to a local path"),
            ));
        }
        out.push(part);
    }
    Ok(out)
}

async fn download_tree(
    api: &DbfsApi,
    remote: &str,
    local: &Path,
    overwrite: bool,
    progress: Option<ProgressFn>,
) -> Result<CopySummary> {
    let remote = normalize(remote, "path")?;
    let root = api.get_status(&remote).await?;
    if !root.is_dir {
        return Err(Error::invalid_input(
            "path",
            format!("{remote} is not a directory"),
        ));
    }
    let entries: Vec<_> = api.list_recursive(&remote).try_collect().await?;
    let total: u64 = entries
        .iter()
        .filter(|e| !e.is_dir)
        .map(|e| u64::try_from(e.file_size).unwrap_or(0))
        .sum();
    let mut summary = CopySummary::default();
    tokio::fs::create_dir_all(local)
        .await
        .map_err(|e| Error::io("creating the directory", local, e))?;
    summary.directories += 1;
    for entry in entries.iter().filter(|e| e.is_dir) {
        let rel = relative(&remote, &entry.path).unwrap_or(entry.name());
        let dir = local_of(local, rel)?;
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(|e| Error::io("creating the directory", &dir, e))?;
        summary.directories += 1;
    }
    for entry in entries.iter().filter(|e| !e.is_dir) {
        let rel = relative(&remote, &entry.path).unwrap_or(entry.name());
        let file = local_of(local, rel)?;
        if !overwrite && tokio::fs::try_exists(&file).await.unwrap_or(true) {
            return Err(Error::invalid_input(
                "local_path",
                format!("{} exists (set overwrite to replace it)", file.display()),
            ));
        }
        let p = offset_progress(&progress, summary.bytes, total);
        let written = download_to(api, &entry.path, &file, p.as_ref()).await?;
        summary.files += 1;
        summary.bytes += written;
    }
    Ok(summary)
}
