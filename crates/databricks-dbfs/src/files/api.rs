//! The [`FilesApi`] handle: the metadata, delete and directory endpoints (uploads and
//! downloads are in their own modules).

use std::fmt;

use databricks_core::paginate::Page;
use databricks_core::{Client, Method, Paginator, Result};

use super::model::{
    DirectoryEntry, FileMetadata, ListDirectoryContentsRequest, ListDirectoryResponse,
};
use super::path::{DIRECTORIES, FILES, url_path};
use crate::api::failed_paginator;

/// The Files API (`/api/2.0/fs/`): files and directories of Unity Catalog volumes
/// (`/Volumes/<catalog>/<schema>/<volume>/...`) as raw bytes, without the base64 and the
/// 1 MiB blocks of DBFS.
///
/// Cheap to clone; holds a clone of the [`Client`]. Paths are absolute; each segment is
/// percent-encoded into the URL (spaces, `#`, `?`, `%` and non-ASCII names are fine). An
/// empty or relative path, NUL, or a `.` / `..` segment is
/// [`Error::InvalidInput`](databricks_core::Error::InvalidInput) without anything sent.
///
/// | method | endpoint |
/// |---|---|
/// | [`upload`](Self::upload) | `PUT /api/2.0/fs/files{path}?overwrite=` |
/// | [`download`](Self::download), [`download_file`](Self::download_file) | `GET /api/2.0/fs/files{path}` |
/// | [`get_metadata`](Self::get_metadata) | `HEAD /api/2.0/fs/files{path}` |
/// | [`delete`](Self::delete) | `DELETE /api/2.0/fs/files{path}` |
/// | [`create_directory`](Self::create_directory) | `PUT /api/2.0/fs/directories{path}` |
/// | [`list_directory_contents`](Self::list_directory_contents) | `GET /api/2.0/fs/directories{path}` |
/// | [`get_directory_metadata`](Self::get_directory_metadata) | `HEAD /api/2.0/fs/directories{path}` |
/// | [`delete_directory`](Self::delete_directory) | `DELETE /api/2.0/fs/directories{path}` |
/// | [`upload_dir`](Self::upload_dir), [`download_dir`](Self::download_dir) | whole trees, file by file through the calls above |
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_dbfs::files::FilesApi;
///
/// let files = FilesApi::new(Client::from_env()?);
/// files.create_directory("/Volumes/main/raw/landing").await?;
/// files
///     .upload("/Volumes/main/raw/landing/hello.txt", b"hello".to_vec(), true)
///     .await?;
/// let meta = files.get_metadata("/Volumes/main/raw/landing/hello.txt").await?;
/// println!("{:?} bytes", meta.content_length);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct FilesApi {
    client: Client,
}

impl fmt::Debug for FilesApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilesApi").finish_non_exhaustive()
    }
}

impl FilesApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `HEAD /api/2.0/fs/files{file_path}`: a file's length, content type and last
    /// modification time, from the response headers.
    ///
    /// Retried on transient failures. A missing file is an error for which
    /// [`is_not_found`](databricks_core::Error::is_not_found) holds (a `HEAD` answer has no
    /// body: its code is `NOT_FOUND`, from the status).
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// let meta = files.get_metadata("/Volumes/main/raw/landing/orders.csv").await?;
    /// println!("{:?} bytes, modified {:?}", meta.content_length, meta.last_modified);
    /// # Ok(()) }
    /// ```
    pub async fn get_metadata(&self, file_path: &str) -> Result<FileMetadata> {
        let url = url_path(FILES, file_path, "file_path")?;
        let response = self
            .client
            .request(Method::HEAD, url)
            .send_response()
            .await?;
        Ok(FileMetadata::from_headers(response.headers()))
    }

    /// `DELETE /api/2.0/fs/files{file_path}`: deletes a file.
    ///
    /// Retried only when the service did not act (429, 503, a failure to connect): a repeat
    /// of a delete that went through would answer 404. A missing file is
    /// [`is_not_found`](databricks_core::Error::is_not_found).
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// files.delete("/Volumes/main/raw/landing/orders.csv").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, file_path: &str) -> Result<()> {
        let url = url_path(FILES, file_path, "file_path")?;
        self.client
            .request(Method::DELETE, url)
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `PUT /api/2.0/fs/directories{directory_path}`: creates a directory and any missing
    /// parents. Succeeds when it already exists, so it is retried on transient failures.
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// files.create_directory("/Volumes/main/raw/landing/2024/06/12").await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_directory(&self, directory_path: &str) -> Result<()> {
        let url = url_path(DIRECTORIES, directory_path, "directory_path")?;
        self.client
            .request(Method::PUT, url)
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `HEAD /api/2.0/fs/directories{directory_path}`: succeeds when the directory exists
    /// and the caller may read it. A missing directory is
    /// [`is_not_found`](databricks_core::Error::is_not_found); no access is
    /// [`is_permission_denied`](databricks_core::Error::is_permission_denied).
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// match files.get_directory_metadata("/Volumes/main/raw/landing").await {
    ///     Ok(()) => println!("exists"),
    ///     Err(e) if e.is_not_found() => println!("missing"),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_directory_metadata(&self, directory_path: &str) -> Result<()> {
        let url = url_path(DIRECTORIES, directory_path, "directory_path")?;
        self.client.request(Method::HEAD, url).send_empty().await
    }

    /// `DELETE /api/2.0/fs/directories{directory_path}`: deletes an **empty** directory (a
    /// directory with content is an error; delete its files first).
    ///
    /// Retried only when the service did not act (429, 503, a failure to connect).
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// files.delete_directory("/Volumes/main/raw/landing/2024/06/12").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_directory(&self, directory_path: &str) -> Result<()> {
        let url = url_path(DIRECTORIES, directory_path, "directory_path")?;
        self.client
            .request(Method::DELETE, url)
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `GET /api/2.0/fs/directories{directory_path}`: the entries of a directory (not
    /// recursive), page by page (`page_token` / `next_page_token`), as a lazy stream.
    ///
    /// Takes a path or a [`ListDirectoryContentsRequest`]; the page size is
    /// [`Paginator::page_size`] or `request.page_size` (at most 1000, the default). The
    /// listing ends when a page has no `next_page_token`, however many entries it has. A
    /// missing directory is [`is_not_found`](databricks_core::Error::is_not_found); an
    /// invalid path is the stream's first (and only) item.
    ///
    /// ```no_run
    /// # async fn demo(files: databricks_dbfs::files::FilesApi) -> databricks_core::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let mut entries = files.list_directory_contents("/Volumes/main/raw/landing");
    /// while let Some(entry) = entries.try_next().await? {
    ///     println!("{} {}", if entry.is_directory { "d" } else { "-" }, entry.path);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_directory_contents(
        &self,
        request: impl Into<ListDirectoryContentsRequest>,
    ) -> Paginator<DirectoryEntry> {
        let request = request.into();
        let url = match url_path(DIRECTORIES, &request.directory_path, "directory_path") {
            Ok(url) => url,
            Err(e) => return failed_paginator(e),
        };
        let client = self.client.clone();
        Paginator::new(move |page| {
            let (client, url) = (client.clone(), url.clone());
            let mut request = request.clone();
            if let Some(size) = page.page_size {
                request.page_size = Some(i64::from(size));
            }
            if let Some(token) = page.token() {
                request.page_token = Some(token.to_owned());
            }
            async move {
                let response: ListDirectoryResponse = client
                    .request(Method::GET, url)
                    .query_struct(&request)
                    .send()
                    .await?;
                Ok(Page::token(response.contents, response.next_page_token))
            }
        })
    }
}
