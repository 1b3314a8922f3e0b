//! The library specification: [`Library`] (also used by Jobs tasks).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A library to install on a cluster (or to attach to a Jobs task): exactly one of `jar`,
/// `egg`, `whl`, `pypi`, `maven`, `cran`, `requirements`.
///
/// Build one with the constructors; library kinds this version of the SDK does not know are
/// kept in [`extra`](Self::extra), so a spec read from the service and sent back keeps them.
///
/// ```
/// use databricks_libraries::{Library, MavenLibrary, PythonPyPiLibrary};
///
/// let libs = vec![
///     Library::jar("/Volumes/main/default/libs/etl-utils-1.4.jar"),
///     Library::whl("/Workspace/Shared/wheels/etl_lib-0.3.0-py3-none-any.whl"),
///     Library::pypi("simplejson==3.19.2"),
///     Library::from(PythonPyPiLibrary::new("requests").with_repo("https://pypi.example.com/simple")),
///     Library::from(MavenLibrary::new("org.jsoup:jsoup:1.17.2").with_exclusions(["slf4j:slf4j"])),
///     Library::cran("forecast"),
///     Library::requirements("/Workspace/Shared/requirements.txt"),
/// ];
/// assert_eq!(
///     serde_json::to_value(&libs[2]).unwrap(),
///     serde_json::json!({"pypi": {"package": "simplejson==3.19.2"}})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Library {
    /// A CRAN package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cran: Option<RCranLibrary>,
    /// An egg URI (deprecated; not supported on DBR 14.0 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egg: Option<String>,
    /// A JAR URI: workspace path, `/Volumes/...`, `s3://...` (or `dbfs:/...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jar: Option<String>,
    /// Maven coordinates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maven: Option<MavenLibrary>,
    /// A PyPI package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pypi: Option<PythonPyPiLibrary>,
    /// A `requirements.txt` path (workspace or `/Volumes/...` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<String>,
    /// A wheel URI: workspace path, `/Volumes/...`, `s3://...` (or `dbfs:/...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whl: Option<String>,
    /// Library kinds this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Library {
    /// A JAR.
    pub fn jar(uri: impl Into<String>) -> Self {
        Self {
            jar: Some(uri.into()),
            ..Default::default()
        }
    }

    /// An egg (deprecated; not supported on DBR 14.0 and later).
    pub fn egg(uri: impl Into<String>) -> Self {
        Self {
            egg: Some(uri.into()),
            ..Default::default()
        }
    }

    /// A Python wheel.
    pub fn whl(uri: impl Into<String>) -> Self {
        Self {
            whl: Some(uri.into()),
            ..Default::default()
        }
    }

    /// A `requirements.txt` file.
    pub fn requirements(path: impl Into<String>) -> Self {
        Self {
            requirements: Some(path.into()),
            ..Default::default()
        }
    }

    /// A PyPI package from the default index, e.g. `simplejson==3.8.0`. For a custom index use
    /// `Library::from(PythonPyPiLibrary::new(..).with_repo(..))`.
    pub fn pypi(package: impl Into<String>) -> Self {
        Self::from(PythonPyPiLibrary::new(package))
    }

    /// A Maven artifact, `group:artifact:version`. For exclusions or a custom repository use
    /// `Library::from(MavenLibrary::new(..))`.
    pub fn maven(coordinates: impl Into<String>) -> Self {
        Self::from(MavenLibrary::new(coordinates))
    }

    /// A CRAN package. For a custom mirror use `Library::from(RCranLibrary::new(..))`.
    pub fn cran(package: impl Into<String>) -> Self {
        Self::from(RCranLibrary::new(package))
    }

    /// The names of the library kinds set in this spec (`jar`, `pypi`, ... and unknown ones);
    /// a valid spec has exactly one.
    ///
    /// ```
    /// use databricks_libraries::Library;
    ///
    /// assert_eq!(Library::jar("/Volumes/a.jar").kinds(), vec!["jar"]);
    /// assert!(Library::default().kinds().is_empty());
    /// ```
    pub fn kinds(&self) -> Vec<&str> {
        let mut kinds = Vec::new();
        if self.cran.is_some() {
            kinds.push("cran");
        }
        if self.egg.is_some() {
            kinds.push("egg");
        }
        if self.jar.is_some() {
            kinds.push("jar");
        }
        if self.maven.is_some() {
            kinds.push("maven");
        }
        if self.pypi.is_some() {
            kinds.push("pypi");
        }
        if self.requirements.is_some() {
            kinds.push("requirements");
        }
        if self.whl.is_some() {
            kinds.push("whl");
        }
        kinds.extend(self.extra.keys().map(String::as_str));
        kinds
    }
}

impl std::fmt::Display for Library {
    /// A short description, e.g. `pypi simplejson==3.19.2` or `jar /Volumes/a.jar`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(c) = &self.cran {
            parts.push(format!("cran {}", c.package));
        }
        if let Some(e) = &self.egg {
            parts.push(format!("egg {e}"));
        }
        if let Some(j) = &self.jar {
            parts.push(format!("jar {j}"));
        }
        if let Some(m) = &self.maven {
            parts.push(format!("maven {}", m.coordinates));
        }
        if let Some(p) = &self.pypi {
            parts.push(format!("pypi {}", p.package));
        }
        if let Some(r) = &self.requirements {
            parts.push(format!("requirements {r}"));
        }
        if let Some(w) = &self.whl {
            parts.push(format!("whl {w}"));
        }
        for (k, v) in &self.extra {
            parts.push(format!("{k} {v}"));
        }
        if parts.is_empty() {
            f.write_str("(empty library)")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

impl From<PythonPyPiLibrary> for Library {
    fn from(pypi: PythonPyPiLibrary) -> Self {
        Self {
            pypi: Some(pypi),
            ..Default::default()
        }
    }
}

impl From<MavenLibrary> for Library {
    fn from(maven: MavenLibrary) -> Self {
        Self {
            maven: Some(maven),
            ..Default::default()
        }
    }
}

impl From<RCranLibrary> for Library {
    fn from(cran: RCranLibrary) -> Self {
        Self {
            cran: Some(cran),
            ..Default::default()
        }
    }
}

/// A PyPI package (`pypi`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct PythonPyPiLibrary {
    /// Name with an optional version pin, e.g. `simplejson==3.8.0`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub package: String,
    /// Custom index URL (default: the pip index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<String>,
}

impl PythonPyPiLibrary {
    /// A package from the default index.
    pub fn new(package: impl Into<String>) -> Self {
        Self {
            package: package.into(),
            repo: None,
        }
    }

    /// From a custom index.
    pub fn with_repo(mut self, repo: impl Into<String>) -> Self {
        self.repo = Some(repo.into());
        self
    }
}

/// Maven coordinates (`maven`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct MavenLibrary {
    /// `group:artifact:version`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub coordinates: String,
    /// Dependencies to exclude, e.g. `slf4j:slf4j`, `*:hadoop-client`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub exclusions: Vec<String>,
    /// Custom repository (default: Maven Central and Spark Packages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<String>,
}

impl MavenLibrary {
    /// An artifact from the default repositories.
    pub fn new(coordinates: impl Into<String>) -> Self {
        Self {
            coordinates: coordinates.into(),
            exclusions: Vec::new(),
            repo: None,
        }
    }

    /// With dependencies excluded.
    pub fn with_exclusions<I, S>(mut self, exclusions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.exclusions = exclusions.into_iter().map(Into::into).collect();
        self
    }

    /// From a custom repository.
    pub fn with_repo(mut self, repo: impl Into<String>) -> Self {
        self.repo = Some(repo.into());
        self
    }
}

/// A CRAN package (`cran`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct RCranLibrary {
    /// Package name.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub package: String,
    /// Custom CRAN mirror.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<String>,
}

impl RCranLibrary {
    /// A package from the default mirror.
    pub fn new(package: impl Into<String>) -> Self {
        Self {
            package: package.into(),
            repo: None,
        }
    }

    /// From a custom mirror.
    pub fn with_repo(mut self, repo: impl Into<String>) -> Self {
        self.repo = Some(repo.into());
        self
    }
}
