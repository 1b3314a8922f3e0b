//! The [`WorkspaceApi`] handle: the six REST endpoints, permissions and recursive listing.

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use databricks_core::paginate::Page;
use databricks_core::permissions::{
    AccessControlRequest, ObjectPermissions, PermissionsApi, PermissionsDescription,
};
use databricks_core::{Client, Error, Method, Paginator, Result};
use serde::{Deserialize, Serialize};

use crate::model::{
    Delete, ExportRequest, ExportResponse, Import, ListRequest, ObjectId, ObjectInfo,
    WorkspaceObjectPermissionLevel, WorkspaceObjectType,
};
use databricks_core::multipart::Multipart;

pub(crate) const LIST: &str = "/api/2.0/workspace/list";
pub(crate) const GET_STATUS: &str = "/api/2.0/workspace/get-status";
pub(crate) const MKDIRS: &str = "/api/2.0/workspace/mkdirs";
pub(crate) const IMPORT: &str = "/api/2.0/workspace/import";
pub(crate) const EXPORT: &str = "/api/2.0/workspace/export";
pub(crate) const DELETE: &str = "/api/2.0/workspace/delete";

/// The largest base64 `content` of a JSON import (and of a JSON export): 10 MiB. Larger
/// content goes through [`WorkspaceApi::import_multipart`] / [`WorkspaceApi::upload`] and
/// [`WorkspaceApi::download`].
pub const MAX_JSON_CONTENT_BYTES: usize = 10 * 1024 * 1024;

/// The Workspace API (`/api/2.0/workspace/`): notebooks, files, directories and repos in the
/// workspace tree, and the permissions of those objects.
///
/// Cheap to clone; holds a clone of the [`Client`]. Paths are absolute (`/Users/...`); a
/// relative or empty path is [`Error::InvalidInput`] without anything sent.
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_workspace::{ExportFormat, ImportFormat, WorkspaceApi};
///
/// let ws = WorkspaceApi::new(Client::from_env()?);
/// ws.mkdirs("/Users/me@example.com/etl").await?;
/// // The language comes from the suffix; the notebook is created as `.../ingest`.
/// ws.upload("/Users/me@example.com/etl/ingest.py", "print('hello')")
///     .format(ImportFormat::Auto)
///     .overwrite(true)
///     .await?;
/// let ipynb = ws
///     .download("/Users/me@example.com/etl/ingest", Some(ExportFormat::Jupyter))
///     .await?
///     .bytes()
///     .await?;
/// # let _ = ipynb; Ok(()) }
/// ```
#[derive(Clone)]
pub struct WorkspaceApi {
    client: Client,
}

impl fmt::Debug for WorkspaceApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkspaceApi").finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct PathBody<'a> {
    path: &'a str,
}

#[derive(Deserialize)]
struct ListResponse {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    objects: Vec<ObjectInfo>,
}

/// The text fields of a multipart `import` (`path`, and `format`, `language`, `overwrite`
/// when set); the file part named `content` follows. `request.content` is not read.
pub(crate) fn import_form(request: &Import) -> Multipart {
    let mut form = Multipart::new().text("path", &request.path);
    if let Some(format) = &request.format {
        form = form.text("format", format.as_str());
    }
    if let Some(language) = &request.language {
        form = form.text("language", language.as_str());
    }
    if let Some(o) = request.overwrite {
        form = form.text("overwrite", if o { "true" } else { "false" });
    }
    form
}

/// Checks that `path` is an absolute workspace path.
pub(crate) fn check_path(path: &str, field: &str) -> Result<()> {
    if path.is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    if !path.starts_with('/') {
        return Err(Error::invalid_input(
            field,
            format!("{path:?} must be an absolute workspace path (start with '/')"),
        ));
    }
    if path.contains('\0') {
        return Err(Error::invalid_input(field, "must not contain NUL"));
    }
    Ok(())
}

impl WorkspaceApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `GET /api/2.0/workspace/list`: the objects in a directory (not recursive; see
    /// [`list_recursive`](Self::list_recursive)), or the object itself for a non-directory.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST`.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::ListRequest;
    ///
    /// for object in ws.list("/Users/me@example.com").await? {
    ///     println!("{:?} {}", object.object_type, object.path);
    /// }
    /// let recent = ws
    ///     .list(ListRequest {
    ///         notebooks_modified_after: Some(databricks_core::Timestamp::from_millis(1_718_000_000_000)),
    ///         ..ListRequest::new("/Shared")
    ///     })
    ///     .await?;
    /// # let _ = recent; Ok(()) }
    /// ```
    pub async fn list(&self, request: impl Into<ListRequest>) -> Result<Vec<ObjectInfo>> {
        let request = request.into();
        check_path(&request.path, "path")?;
        let list: ListResponse = self
            .client
            .request(Method::GET, LIST)
            .query_struct(&request)
            .idempotent(true)
            .send()
            .await?;
        Ok(list.objects)
    }

    /// `GET /api/2.0/workspace/get-status`: the metadata of one object.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST`.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// let nb = ws.get_status("/Users/me@example.com/etl/ingest").await?;
    /// println!("{:?} {:?} id {:?}", nb.object_type, nb.language, nb.object_id);
    /// # Ok(()) }
    /// ```
    pub async fn get_status(&self, path: &str) -> Result<ObjectInfo> {
        check_path(path, "path")?;
        self.client
            .request(Method::GET, GET_STATUS)
            .query("path", path)
            .idempotent(true)
            .send()
            .await
    }

    /// Whether an object exists at `path` (a not-found `get-status` is `false`).
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// if !ws.exists("/Shared/etl").await? {
    ///     ws.mkdirs("/Shared/etl").await?;
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn exists(&self, path: &str) -> Result<bool> {
        match self.get_status(path).await {
            Ok(_) => Ok(true),
            Err(e) if e.is_not_found() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// `POST /api/2.0/workspace/mkdirs`: creates a directory and its missing parents;
    /// succeeds when it exists.
    ///
    /// Retried on transient failures. Errors: `RESOURCE_ALREADY_EXISTS` when a non-directory
    /// object is in the way.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// ws.mkdirs("/Users/me@example.com/projects/etl").await?;
    /// # Ok(()) }
    /// ```
    pub async fn mkdirs(&self, path: &str) -> Result<()> {
        check_path(path, "path")?;
        self.client
            .request(Method::POST, MKDIRS)
            .json(&PathBody { path })
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/workspace/import` as JSON: imports a notebook, a file or a directory
    /// archive, the content sent base64-encoded (at most [`MAX_JSON_CONTENT_BYTES`] of
    /// base64; larger content: [`import_multipart`](Self::import_multipart)).
    ///
    /// Retried on transient failures only with `overwrite` set. Errors:
    /// `RESOURCE_ALREADY_EXISTS`, `RESOURCE_DOES_NOT_EXIST` (no parent directory),
    /// `INVALID_PARAMETER_VALUE` (format and content do not match; a `SOURCE` notebook
    /// without language), `MAX_NOTEBOOK_SIZE_EXCEEDED`.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::{Import, ImportFormat, Language};
    ///
    /// ws.import(
    ///     Import::new("/Users/me@example.com/hello", "print('hello')")
    ///         .format(ImportFormat::Source)
    ///         .language(Language::Python)
    ///         .overwrite(true),
    /// )
    /// .await?;
    /// # Ok(()) }
    /// ```
    pub async fn import(&self, request: Import) -> Result<()> {
        check_path(&request.path, "path")?;
        if let Some(content) = &request.content {
            let encoded = content.len().div_ceil(3) * 4;
            if encoded > MAX_JSON_CONTENT_BYTES {
                return Err(Error::invalid_input(
                    "content",
                    format!(
                        "{encoded} bytes of base64 is over the limit of {MAX_JSON_CONTENT_BYTES} \
                         bytes; use import_multipart or upload"
                    ),
                ));
            }
        }
        let overwrite = request.overwrite.unwrap_or(false);
        self.client
            .request(Method::POST, IMPORT)
            .json(&request)
            .idempotent(overwrite)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/workspace/import` as `multipart/form-data`: the same import with the
    /// content as raw bytes (no base64, no JSON size limit). The form has the fields `path`,
    /// `format`, `language` and `overwrite` (each when set) and a file part named `content`.
    ///
    /// Retried on transient failures only with `overwrite` set.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::{Import, ImportFormat};
    ///
    /// let archive = std::fs::read("etl.dbc").expect("archive");
    /// ws.import_multipart(Import::new("/Users/me@example.com/etl", archive).format(ImportFormat::Dbc))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn import_multipart(&self, request: Import) -> Result<()> {
        check_path(&request.path, "path")?;
        let form = import_form(&request);
        let overwrite = request.overwrite.unwrap_or(false);
        let name = request.path.rsplit('/').next().unwrap_or_default();
        let content = request.content.unwrap_or_default();
        let (body, content_type) = form.into_body("content", name, &content);
        drop(content);
        self.client
            .request(Method::POST, IMPORT)
            .body(body, &content_type)
            .idempotent(overwrite)
            .send_empty()
            .await
    }

    /// `GET /api/2.0/workspace/export`: exports an object or a directory, the content
    /// returned base64-encoded in JSON (at most 10 MB; larger: [`download`](Self::download)).
    /// Directories export only as `SOURCE`, `DBC` or `AUTO`.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE`,
    /// `MAX_NOTEBOOK_SIZE_EXCEEDED`.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::{ExportFormat, ExportRequest};
    ///
    /// let source = ws.export("/Users/me@example.com/etl/ingest").await?;
    /// println!("{:?}: {}", source.file_type, String::from_utf8_lossy(&source.content));
    /// let html = ws
    ///     .export(ExportRequest::new("/Users/me@example.com/etl/ingest").format(ExportFormat::Html))
    ///     .await?;
    /// # let _ = html; Ok(()) }
    /// ```
    pub async fn export(&self, request: impl Into<ExportRequest>) -> Result<ExportResponse> {
        let request = request.into();
        check_path(&request.path, "path")?;
        self.client
            .request(Method::GET, EXPORT)
            .query_struct(&request)
            .idempotent(true)
            .send()
            .await
    }

    /// `POST /api/2.0/workspace/delete`: deletes an object, or a directory (a non-empty one
    /// only with `recursive`; not atomic).
    ///
    /// Retried on transient failures (a repeat after a delete that did succeed reports
    /// not-found). Errors: `RESOURCE_DOES_NOT_EXIST`, `DIRECTORY_NOT_EMPTY`,
    /// `DIRECTORY_PROTECTED`.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::Delete;
    ///
    /// ws.delete(Delete::new("/Users/me@example.com/scratch").recursive(true)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, request: Delete) -> Result<()> {
        check_path(&request.path, "path")?;
        self.client
            .request(Method::POST, DELETE)
            .json(&request)
            .idempotent(true)
            .send_empty()
            .await
    }

    /// Everything below `path`, depth after depth (breadth first): one `list` call per
    /// directory, made as the stream is consumed. Directories are yielded too (filter on
    /// [`ObjectInfo::is_directory`]); `path` itself is not; repos are not entered.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::ObjectType;
    /// use futures_util::TryStreamExt;
    ///
    /// let notebooks: Vec<_> = ws
    ///     .list_recursive("/Users/me@example.com")
    ///     .try_filter(|o| std::future::ready(o.object_type == Some(ObjectType::Notebook)))
    ///     .try_collect()
    ///     .await?;
    /// # let _ = notebooks; Ok(()) }
    /// ```
    pub fn list_recursive(&self, path: &str) -> Paginator<ObjectInfo> {
        if let Err(e) = check_path(path, "path") {
            let mut error = Some(e);
            return Paginator::new(move |_| {
                let error = error.take();
                async move {
                    match error {
                        Some(e) => Err(e),
                        None => Ok(Page::last(Vec::new())),
                    }
                }
            });
        }
        let queue = Arc::new(Mutex::new(VecDeque::from([path.to_owned()])));
        let api = self.clone();
        let mut page = 0u64;
        Paginator::new(move |_| {
            let (api, queue) = (api.clone(), Arc::clone(&queue));
            page += 1;
            let token = page.to_string();
            async move {
                let next = queue
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .pop_front();
                let Some(dir) = next else {
                    return Ok(Page::last(Vec::new()));
                };
                let objects = api.list(dir.as_str()).await?;
                let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
                for object in &objects {
                    if object.is_directory() && object.path != dir {
                        queue.push_back(object.path.clone());
                    }
                }
                let more = !queue.is_empty();
                Ok(Page::token(objects, more.then_some(token)))
            }
        })
    }

    /// The Permissions API for workspace objects of `object_type`
    /// (`/api/2.0/permissions/{type}/{object_id}`), typed by the workspace levels.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_core::permissions::AccessControlRequest;
    /// use databricks_workspace::{WorkspaceObjectPermissionLevel as Level, WorkspaceObjectType};
    ///
    /// let nb = ws.get_status("/Users/me@example.com/etl/ingest").await?;
    /// let id = nb.object_id.expect("object id").to_string();
    /// ws.permissions(WorkspaceObjectType::Notebooks)
    ///     .update(&id, &[AccessControlRequest::group("analysts", Level::CanRun)])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn permissions(
        &self,
        object_type: WorkspaceObjectType,
    ) -> PermissionsApi<WorkspaceObjectPermissionLevel> {
        PermissionsApi::new(self.client.clone(), object_type.as_str())
    }

    /// `GET /api/2.0/permissions/{type}/{id}`: the permissions of a workspace object.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::{ObjectId, WorkspaceObjectType};
    ///
    /// let acl = ws.get_permissions(WorkspaceObjectType::Directories, ObjectId::new(42)).await?;
    /// # let _ = acl; Ok(()) }
    /// ```
    pub async fn get_permissions(
        &self,
        object_type: WorkspaceObjectType,
        object_id: ObjectId,
    ) -> Result<ObjectPermissions<WorkspaceObjectPermissionLevel>> {
        self.permissions(object_type)
            .get(&object_id.to_string())
            .await
    }

    /// `PUT /api/2.0/permissions/{type}/{id}`: replaces all direct grants with `acl`.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_core::permissions::AccessControlRequest;
    /// use databricks_workspace::{ObjectId, WorkspaceObjectPermissionLevel as Level, WorkspaceObjectType};
    ///
    /// ws.set_permissions(
    ///     WorkspaceObjectType::Notebooks,
    ///     ObjectId::new(42),
    ///     &[AccessControlRequest::user("bob@example.com", Level::CanRead)],
    /// )
    /// .await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_permissions(
        &self,
        object_type: WorkspaceObjectType,
        object_id: ObjectId,
        acl: &[AccessControlRequest<WorkspaceObjectPermissionLevel>],
    ) -> Result<ObjectPermissions<WorkspaceObjectPermissionLevel>> {
        self.permissions(object_type)
            .set(&object_id.to_string(), acl)
            .await
    }

    /// `PATCH /api/2.0/permissions/{type}/{id}`: adds or changes the grants in `acl`.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_core::permissions::AccessControlRequest;
    /// use databricks_workspace::{ObjectId, WorkspaceObjectPermissionLevel as Level, WorkspaceObjectType};
    ///
    /// ws.update_permissions(
    ///     WorkspaceObjectType::Directories,
    ///     ObjectId::new(42),
    ///     &[AccessControlRequest::group("data-eng", Level::CanManage)],
    /// )
    /// .await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_permissions(
        &self,
        object_type: WorkspaceObjectType,
        object_id: ObjectId,
        acl: &[AccessControlRequest<WorkspaceObjectPermissionLevel>],
    ) -> Result<ObjectPermissions<WorkspaceObjectPermissionLevel>> {
        self.permissions(object_type)
            .update(&object_id.to_string(), acl)
            .await
    }

    /// `GET /api/2.0/permissions/{type}/{id}/permissionLevels`: the levels an object supports.
    ///
    /// ```no_run
    /// # async fn demo(ws: databricks_workspace::WorkspaceApi) -> databricks_core::Result<()> {
    /// use databricks_workspace::{ObjectId, WorkspaceObjectType};
    ///
    /// for level in ws.get_permission_levels(WorkspaceObjectType::Notebooks, ObjectId::new(42)).await? {
    ///     println!("{:?}: {:?}", level.permission_level, level.description);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_permission_levels(
        &self,
        object_type: WorkspaceObjectType,
        object_id: ObjectId,
    ) -> Result<Vec<PermissionsDescription<WorkspaceObjectPermissionLevel>>> {
        self.permissions(object_type)
            .permission_levels(&object_id.to_string())
            .await
    }
}
