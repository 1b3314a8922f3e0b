//! Copies of whole directory trees: [`DbfsApi::upload_dir`] and [`DbfsApi::download_dir`],
//! and the same for the Files API ([`FilesApi::upload_dir`], [`FilesApi::download_dir`]).

use std::collections::VecDeque;
use std::future::{Future, IntoFuture};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use databricks_core::{Error, Result};
use futures_util::TryStreamExt;

use crate::api::DbfsApi;
use crate::download::download_to;
use crate::files::{DirectoryEntry, FilesApi, UploadSource};
use crate::model::{CopySummary, Progress, ProgressFn};
use crate::path::{join, normalize, relative};
use crate::upload::ProgressFnDebug;

/// Which way a [`CopyDir`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

/// The API a [`CopyDir`] goes through.
#[derive(Debug, Clone)]
enum Remote {
    Dbfs(DbfsApi),
    Files(FilesApi),
}

/// A copy of a directory tree between the local disk and DBFS or a volume; `.await` it to run
/// it. Built by [`DbfsApi::upload_dir`], [`DbfsApi::download_dir`], [`FilesApi::upload_dir`]
/// and [`FilesApi::download_dir`].
///
/// Files are copied one after the other, each as a single-file upload or download would
/// (through DBFS, a temporary then a rename; a download always lands in a temporary first),
/// so memory stays bounded. Resolves to a [`CopySummary`].
#[must_use = "a copy does nothing until it is awaited"]
#[derive(Debug)]
pub struct CopyDir {
    api: Remote,
    local: PathBuf,
    remote: String,
    overwrite: bool,
    direction: Direction,
    progress: Option<ProgressFnDebug>,
}

impl CopyDir {
    fn new(api: Remote, local: &Path, remote: &str, overwrite: bool, direction: Direction) -> Self {
        Self {
            api,
            local: local.to_path_buf(),
            remote: remote.to_owned(),
            overwrite,
            direction,
            progress: None,
        }
    }

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
            let (local, remote, overwrite) = (&self.local, &self.remote, self.overwrite);
            match (&self.api, self.direction) {
                (Remote::Dbfs(api), Direction::Up) => {
                    upload_tree(api, local, remote, overwrite, progress).await
                }
                (Remote::Dbfs(api), Direction::Down) => {
                    download_tree(api, remote, local, overwrite, progress).await
                }
                (Remote::Files(api), Direction::Up) => {
                    files_upload_tree(api, local, remote, overwrite, progress).await
                }
                (Remote::Files(api), Direction::Down) => {
                    files_download_tree(api, remote, local, overwrite, progress).await
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
        CopyDir::new(
            Remote::Dbfs(self.clone()),
            local_dir.as_ref(),
            path,
            overwrite,
            Direction::Up,
        )
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
        CopyDir::new(
            Remote::Dbfs(self.clone()),
            local_dir.as_ref(),
            path,
            overwrite,
            Direction::Down,
        )
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
    let (dirs, files) = walk_local(local, &remote).await?;
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

/// The local files to upload under `local`: the remote directories to create (`remote` first)
/// and each file with its remote path and size, in name order. Symbolic links are followed.
async fn walk_local(local: &Path, remote: &str) -> Result<LocalTree> {
    let mut dirs = vec![remote.to_owned()];
    let mut files: Vec<(PathBuf, String, u64)> = Vec::new();
    let mut stack = vec![(local.to_path_buf(), remote.to_owned())];
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
    Ok((dirs, files))
}

/// What [`walk_local`] finds: remote directories, and (local file, remote path, size).
type LocalTree = (Vec<String>, Vec<(PathBuf, String, u64)>);

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
    let dirs = entries
        .iter()
        .filter(|e| e.is_dir)
        .map(|e| relative(&remote, &e.path).unwrap_or(e.name()));
    let mut summary = CopySummary {
        directories: create_local_dirs(local, dirs).await?,
        ..CopySummary::default()
    };
    for entry in entries.iter().filter(|e| !e.is_dir) {
        let rel = relative(&remote, &entry.path).unwrap_or(entry.name());
        let file = local_target(local, rel, overwrite).await?;
        let p = offset_progress(&progress, summary.bytes, total);
        let written = download_to(api, &entry.path, &file, p.as_ref()).await?;
        summary.files += 1;
        summary.bytes += written;
    }
    Ok(summary)
}

/// Creates `local` and the directories `relative` (`/`-separated paths below the remote root)
/// under it; returns how many (the root included).
async fn create_local_dirs<'a>(
    local: &Path,
    relative: impl Iterator<Item = &'a str>,
) -> Result<u64> {
    tokio::fs::create_dir_all(local)
        .await
        .map_err(|e| Error::io("creating the directory", local, e))?;
    let mut created = 1;
    for rel in relative {
        let dir = local_of(local, rel)?;
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(|e| Error::io("creating the directory", &dir, e))?;
        created += 1;
    }
    Ok(created)
}

/// The local path of the remote file `relative` under `local`; without `overwrite`, an
/// existing file there is [`Error::InvalidInput`].
async fn local_target(local: &Path, relative: &str, overwrite: bool) -> Result<PathBuf> {
    let file = local_of(local, relative)?;
    if !overwrite && tokio::fs::try_exists(&file).await.unwrap_or(true) {
        return Err(Error::invalid_input(
            "local_path",
            format!("{} exists (set overwrite to replace it)", file.display()),
        ));
    }
    Ok(file)
}

impl FilesApi {
    /// Copies the local directory `local_dir` and everything in it into the volume directory
    /// `directory_path` (created with its parents), uploading each file as
    /// [`upload`](Self::upload) does from a local file. Without `overwrite`, an existing file
    /// stops the copy with an error for which
    /// [`is_already_exists`](databricks_core::Error::is_already_exists) holds. Symbolic links
    /// are followed.
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// let summary = files
    ///     .upload_dir("./exports", "/Volumes/main/raw/landing/2026-12-04", true)
    ///     .on_progress(|p| eprintln!("{} / {:?} bytes", p.bytes_done, p.total_bytes))
    ///     .await?;
    /// println!("{} files, {} bytes", summary.files, summary.bytes);
    /// # Ok(()) }
    /// ```
    pub fn upload_dir(
        &self,
        local_dir: impl AsRef<Path>,
        directory_path: &str,
        overwrite: bool,
    ) -> CopyDir {
        CopyDir::new(
            Remote::Files(self.clone()),
            local_dir.as_ref(),
            directory_path,
            overwrite,
            Direction::Up,
        )
    }

    /// Copies the volume directory `directory_path` and everything in it to the local
    /// directory `local_dir` (created with its parents), downloading each file as
    /// [`download_file`](Self::download_file) does. Without `overwrite`, an existing local
    /// file stops the copy with [`Error::InvalidInput`] naming it. A missing directory (or a
    /// file at that path) is [`is_not_found`](databricks_core::Error::is_not_found).
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// files
    ///     .download_dir("/Volumes/main/raw/landing/2026-12-04", "./copy", false)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn download_dir(
        &self,
        directory_path: &str,
        local_dir: impl AsRef<Path>,
        overwrite: bool,
    ) -> CopyDir {
        CopyDir::new(
            Remote::Files(self.clone()),
            local_dir.as_ref(),
            directory_path,
            overwrite,
            Direction::Down,
        )
    }
}

/// A Files API directory path without its trailing `/` (each call checks the rest).
fn volume_dir(path: &str) -> Result<String> {
    if !path.starts_with('/') {
        return Err(Error::invalid_input(
            "directory_path",
            format!(
                "{path:?} must be an absolute path (e.g. `/Volumes/<catalog>/<schema>/<volume>/...`)"
            ),
        ));
    }
    let trimmed = path.trim_end_matches('/');
    Ok(if trimmed.is_empty() { "/" } else { trimmed }.to_owned())
}

async fn files_upload_tree(
    api: &FilesApi,
    local: &Path,
    remote: &str,
    overwrite: bool,
    progress: Option<ProgressFn>,
) -> Result<CopySummary> {
    let remote = volume_dir(remote)?;
    let (dirs, files) = walk_local(local, &remote).await?;
    let total: u64 = files.iter().map(|f| f.2).sum();
    let mut summary = CopySummary::default();
    for dir in &dirs {
        api.create_directory(dir).await?;
        summary.directories += 1;
    }
    for (local_file, target, _) in files {
        let mut upload = api.upload(&target, UploadSource::file(&local_file), overwrite);
        if let Some(p) = offset_progress(&progress, summary.bytes, total) {
            upload = upload.on_progress(move |x| p(x));
        }
        summary.bytes += upload.await?;
        summary.files += 1;
    }
    Ok(summary)
}

/// Every entry below `root`, directory by directory (the Files API lists one level at a time).
async fn list_tree(api: &FilesApi, root: &str) -> Result<Vec<DirectoryEntry>> {
    let mut out = Vec::new();
    let mut queue = VecDeque::from([root.to_owned()]);
    while let Some(dir) = queue.pop_front() {
        let entries: Vec<DirectoryEntry> = api
            .list_directory_contents(dir.as_str())
            .try_collect()
            .await?;
        for entry in entries {
            if entry.is_directory {
                queue.push_back(entry.path.clone());
            }
            out.push(entry);
        }
    }
    Ok(out)
}

async fn files_download_tree(
    api: &FilesApi,
    remote: &str,
    local: &Path,
    overwrite: bool,
    progress: Option<ProgressFn>,
) -> Result<CopySummary> {
    let remote = volume_dir(remote)?;
    api.get_directory_metadata(&remote).await?;
    let entries = list_tree(api, &remote).await?;
    let total: u64 = entries
        .iter()
        .filter(|e| !e.is_directory)
        .map(|e| e.file_size.and_then(|s| u64::try_from(s).ok()).unwrap_or(0))
        .sum();
    let rel = |e: &'_ DirectoryEntry| -> String {
        relative(&remote, &e.path).unwrap_or(&e.name).to_owned()
    };
    let dirs: Vec<String> = entries.iter().filter(|e| e.is_directory).map(rel).collect();
    let mut summary = CopySummary {
        directories: create_local_dirs(local, dirs.iter().map(String::as_str)).await?,
        ..CopySummary::default()
    };
    for entry in entries.iter().filter(|e| !e.is_directory) {
        let file = local_target(local, &rel(entry), overwrite).await?;
        let mut download = api.download_file(&entry.path, &file);
        if let Some(p) = offset_progress(&progress, summary.bytes, total) {
            download = download.on_progress(move |x| p(x));
        }
        summary.bytes += download.await?;
        summary.files += 1;
    }
    Ok(summary)
}
