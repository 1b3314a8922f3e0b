//! Request and response types of the Workspace API.

use std::fmt;

use bytes::Bytes;
use databricks_core::Timestamp;
use serde::{Deserialize, Serialize};

databricks_core::int_id! {
    /// A workspace object's numeric id (`object_id`), used by the Permissions API.
    pub struct ObjectId;
}

databricks_core::open_enum! {
    /// The kind of a workspace object.
    pub enum ObjectType {
        /// A Lakeview or legacy dashboard.
        Dashboard = "DASHBOARD",
        /// A folder.
        Directory = "DIRECTORY",
        /// A workspace file (any content that is not a notebook).
        File = "FILE",
        /// A library.
        Library = "LIBRARY",
        /// A notebook.
        Notebook = "NOTEBOOK",
        /// A Git folder (repo).
        Repo = "REPO",
    }
}

databricks_core::open_enum! {
    /// The language of a notebook.
    pub enum Language {
        /// Python (also what Jupyter notebooks report).
        Python = "PYTHON",
        /// R.
        R = "R",
        /// Scala.
        Scala = "SCALA",
        /// SQL.
        Sql = "SQL",
    }
}

impl Language {
    /// The language of a source file named `path`, from its suffix, as the official SDKs
    /// infer it: `.py` Python, `.sql` SQL, `.scala` Scala, `.R` (or `.r`) R.
    ///
    /// ```
    /// use databricks_workspace::Language;
    /// assert_eq!(Language::from_path("/Users/me/etl.py"), Some(Language::Python));
    /// assert_eq!(Language::from_path("/Users/me/report.R"), Some(Language::R));
    /// assert_eq!(Language::from_path("/Users/me/notes.txt"), None);
    /// ```
    pub fn from_path(path: &str) -> Option<Self> {
        let (_, suffix) = path.rsplit_once('.')?;
        if suffix.contains('/') {
            return None;
        }
        Some(match suffix {
            "py" => Self::Python,
            "sql" => Self::Sql,
            "scala" => Self::Scala,
            "R" | "r" => Self::R,
            _ => return None,
        })
    }

    /// The file suffix of a source export in this language (`py`, `sql`, `scala`, `r`).
    pub fn extension(&self) -> &str {
        match self {
            Self::Python => "py",
            Self::R => "r",
            Self::Scala => "scala",
            Self::Sql => "sql",
            Self::Unrecognized(_) => "txt",
        }
    }
}

databricks_core::open_enum! {
    /// The format of an export.
    pub enum ExportFormat {
        /// A notebook or a workspace file, chosen by the object (directories include files).
        Auto = "AUTO",
        /// A Databricks archive (notebooks only).
        Dbc = "DBC",
        /// Rendered HTML.
        Html = "HTML",
        /// A Jupyter notebook (`.ipynb`).
        Jupyter = "JUPYTER",
        /// The raw bytes of a workspace file.
        Raw = "RAW",
        /// R Markdown (`.Rmd`).
        RMarkdown = "R_MARKDOWN",
        /// Source code (`.py`, `.scala`, `.sql`, `.r`); the default.
        Source = "SOURCE",
    }
}

databricks_core::open_enum! {
    /// The format of an import.
    pub enum ImportFormat {
        /// Notebook or workspace file, detected from the extension and header (a notebook's
        /// extension is removed).
        Auto = "AUTO",
        /// A Databricks archive (a directory of notebooks).
        Dbc = "DBC",
        /// An HTML export.
        Html = "HTML",
        /// A Jupyter notebook (`.ipynb`).
        Jupyter = "JUPYTER",
        /// The raw bytes of a workspace file.
        Raw = "RAW",
        /// R Markdown (`.Rmd`).
        RMarkdown = "R_MARKDOWN",
        /// Source code; the default. Needs a [`Language`] for a single notebook.
        Source = "SOURCE",
    }
}

databricks_core::open_enum! {
    /// A permission level on a workspace object (notebook, directory, file, repo...).
    pub enum WorkspaceObjectPermissionLevel {
        /// Read, run, edit.
        CanEdit = "CAN_EDIT",
        /// Everything, including permissions.
        CanManage = "CAN_MANAGE",
        /// Read and comment.
        CanRead = "CAN_READ",
        /// Read and run.
        CanRun = "CAN_RUN",
    }
}

/// The object types of the Permissions API for workspace objects, as named in the URL
/// (`/api/2.0/permissions/{type}/{object_id}`).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkspaceObjectType {
    /// SQL alerts (`alerts`).
    Alerts,
    /// SQL alerts v2 (`alertsv2`).
    AlertsV2,
    /// Lakeview dashboards (`dashboards`).
    Dashboards,
    /// Legacy SQL dashboards (`dbsql-dashboards`).
    DbsqlDashboards,
    /// Folders (`directories`).
    Directories,
    /// MLflow experiments (`experiments`).
    Experiments,
    /// Workspace files (`files`).
    Files,
    /// Genie spaces (`genie`).
    Genie,
    /// Notebooks (`notebooks`).
    Notebooks,
    /// SQL queries (`queries`).
    Queries,
    /// Git folders (`repos`).
    Repos,
}

impl WorkspaceObjectType {
    /// The type as written in the URL.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Alerts => "alerts",
            Self::AlertsV2 => "alertsv2",
            Self::Dashboards => "dashboards",
            Self::DbsqlDashboards => "dbsql-dashboards",
            Self::Directories => "directories",
            Self::Experiments => "experiments",
            Self::Files => "files",
            Self::Genie => "genie",
            Self::Notebooks => "notebooks",
            Self::Queries => "queries",
            Self::Repos => "repos",
        }
    }

    /// The permissions type of a workspace object of kind `object_type` (`None` for
    /// libraries and kinds this version does not know).
    ///
    /// ```
    /// use databricks_workspace::{ObjectType, WorkspaceObjectType};
    /// assert_eq!(
    ///     WorkspaceObjectType::for_object(&ObjectType::Notebook),
    ///     Some(WorkspaceObjectType::Notebooks)
    /// );
    /// ```
    pub fn for_object(object_type: &ObjectType) -> Option<Self> {
        Some(match object_type {
            ObjectType::Notebook => Self::Notebooks,
            ObjectType::Directory => Self::Directories,
            ObjectType::File => Self::Files,
            ObjectType::Repo => Self::Repos,
            ObjectType::Dashboard => Self::Dashboards,
            _ => return None,
        })
    }
}

impl fmt::Display for WorkspaceObjectType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Extra metadata of a directory.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DirectoryInfo {
    /// Whether the directory is a Git folder with Git CLI access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_git_folder: Option<bool>,
}

/// A workspace object: notebook, file, directory, repo, library or dashboard.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ObjectInfo {
    /// Absolute path, e.g. `/Users/alice@example.com/etl/ingest`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub path: String,
    /// The kind of object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<ObjectType>,
    /// The numeric id (for the Permissions API).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_id: Option<ObjectId>,
    /// A stable string id used across APIs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// The language (notebooks only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Size in bytes (files only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Creation time (files only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// Last modification time (files only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<Timestamp>,
    /// Directory metadata (directories only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory_info: Option<DirectoryInfo>,
}

impl ObjectInfo {
    /// Whether this is a directory.
    pub fn is_directory(&self) -> bool {
        self.object_type == Some(ObjectType::Directory)
    }

    /// The last path component.
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or_default()
    }
}

/// `GET /api/2.0/workspace/list`. Built from a path: `"/Users/me".into()`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ListRequest {
    /// The directory (or object) to list.
    pub path: String,
    /// Only notebooks modified after this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notebooks_modified_after: Option<Timestamp>,
}

impl ListRequest {
    /// A listing of `path`.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            notebooks_modified_after: None,
        }
    }
}

impl From<&str> for ListRequest {
    fn from(path: &str) -> Self {
        Self::new(path)
    }
}

impl From<String> for ListRequest {
    fn from(path: String) -> Self {
        Self::new(path)
    }
}

/// `POST /api/2.0/workspace/import`: a notebook, file or directory archive.
#[derive(Clone, PartialEq, Eq, Default, Serialize)]
pub struct Import {
    /// Absolute target path.
    pub path: String,
    /// The content's format (the service's default is `SOURCE`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<ImportFormat>,
    /// The notebook language: required for a single `SOURCE` notebook, ignored otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The content (sent base64-encoded by [`WorkspaceApi::import`](crate::WorkspaceApi::import),
    /// raw by [`WorkspaceApi::import_multipart`](crate::WorkspaceApi::import_multipart)).
    #[serde(
        serialize_with = "databricks_core::serde_util::serialize_base64_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub content: Option<Bytes>,
    /// Replace an existing object (not supported with `DBC`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
}

impl fmt::Debug for Import {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Import")
            .field("path", &self.path)
            .field("format", &self.format)
            .field("language", &self.language)
            .field("content_len", &self.content.as_ref().map(Bytes::len))
            .field("overwrite", &self.overwrite)
            .finish()
    }
}

impl Import {
    /// An import of `content` to `path` (format `SOURCE` unless set).
    pub fn new(path: impl Into<String>, content: impl Into<Bytes>) -> Self {
        Self {
            path: path.into(),
            content: Some(content.into()),
            ..Self::default()
        }
    }

    /// Sets the format.
    pub fn format(mut self, format: ImportFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// Sets the language.
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Sets `overwrite`.
    pub fn overwrite(mut self, overwrite: bool) -> Self {
        self.overwrite = Some(overwrite);
        self
    }
}

/// `GET /api/2.0/workspace/export`. Built from a path: `"/Users/me/nb".into()`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ExportRequest {
    /// The object or directory to export.
    pub path: String,
    /// The format (the service's default is `SOURCE`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<ExportFormat>,
}

impl ExportRequest {
    /// An export of `path` in the default format.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            format: None,
        }
    }

    /// Sets the format.
    pub fn format(mut self, format: ExportFormat) -> Self {
        self.format = Some(format);
        self
    }
}

impl From<&str> for ExportRequest {
    fn from(path: &str) -> Self {
        Self::new(path)
    }
}

impl From<String> for ExportRequest {
    fn from(path: String) -> Self {
        Self::new(path)
    }
}

/// The answer of `export`.
#[non_exhaustive]
#[derive(Clone, PartialEq, Eq, Default, Deserialize)]
pub struct ExportResponse {
    /// The exported bytes, decoded from the base64 the service sends.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::deserialize_base64"
    )]
    pub content: Bytes,
    /// The type (extension) of the exported file, e.g. `py`, `ipynb`, `html`, `dbc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
}

impl fmt::Debug for ExportResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExportResponse")
            .field("content_len", &self.content.len())
            .field("file_type", &self.file_type)
            .finish()
    }
}

/// `POST /api/2.0/workspace/delete`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Delete {
    /// The object or directory to delete.
    pub path: String,
    /// Delete a non-empty directory with its contents (default false:
    /// `DIRECTORY_NOT_EMPTY`). Not atomic.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_suffix() {
        assert_eq!(Language::from_path("/a/b.sql"), Some(Language::Sql));
        assert_eq!(Language::from_path("/a/b.scala"), Some(Language::Scala));
        assert_eq!(Language::from_path("/a.py/b"), None);
        assert_eq!(Language::from_path("/a/b"), None);
    }

    #[test]
    fn import_serializes_base64() {
        let v = serde_json::to_value(
            Import::new("/a", "print(1)")
                .language(Language::Python)
                .overwrite(false),
        )
        .unwrap_or_default();
        assert_eq!(
            v,
            serde_json::json!({"path": "/a", "language": "PYTHON", "content": "cHJpbnQoMSk=", "overwrite": false})
        );
    }
}
