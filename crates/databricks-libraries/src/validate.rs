//! Client-side validation of library specs.

use databricks_clusters::ClusterId;
use databricks_core::{Error, Result};

use crate::model::Library;

pub(crate) fn cluster_id(id: &ClusterId) -> Result<()> {
    if id.as_str().trim().is_empty() {
        return Err(Error::invalid_input("cluster_id", "must not be empty"));
    }
    Ok(())
}

/// Checks a list of libraries: not empty, each with exactly one kind and a usable value.
pub(crate) fn libraries(libraries: &[Library]) -> Result<()> {
    if libraries.is_empty() {
        return Err(Error::invalid_input(
            "libraries",
            "must contain at least one library",
        ));
    }
    for (i, lib) in libraries.iter().enumerate() {
        library(&format!("libraries[{i}]"), lib)?;
    }
    Ok(())
}

/// Checks one library spec.
pub(crate) fn library(field: &str, lib: &Library) -> Result<()> {
    let kinds = lib.kinds();
    match kinds.len() {
        0 => {
            return Err(Error::invalid_input(
                field,
                "must set exactly one of jar, egg, whl, pypi, maven, cran, requirements (none set)",
            ));
        }
        1 => {}
        _ => {
            return Err(Error::invalid_input(
                field,
                format!(
                    "must set exactly one of jar, egg, whl, pypi, maven, cran, requirements (got {})",
                    kinds.join(", ")
                ),
            ));
        }
    }
    let empty = |kind: &str| Error::invalid_input(format!("{field}.{kind}"), "must not be empty");
    for (kind, value) in [("jar", &lib.jar), ("egg", &lib.egg), ("whl", &lib.whl)] {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return Err(empty(kind));
        }
    }
    if let Some(path) = &lib.requirements {
        if path.trim().is_empty() {
            return Err(empty("requirements"));
        }
        if !path.starts_with('/') {
            return Err(Error::invalid_input(
                format!("{field}.requirements"),
                format!("must be a workspace or /Volumes/ path (got {path:?})"),
            ));
        }
    }
    if let Some(p) = &lib.pypi {
        if p.package.trim().is_empty() {
            return Err(empty("pypi.package"));
        }
    }
    if let Some(c) = &lib.cran {
        if c.package.trim().is_empty() {
            return Err(empty("cran.package"));
        }
    }
    if let Some(m) = &lib.maven {
        let parts: Vec<&str> = m.coordinates.split(':').collect();
        if parts.len() < 3 || parts.iter().any(|p| p.trim().is_empty()) {
            return Err(Error::invalid_input(
                format!("{field}.maven.coordinates"),
                format!("must be group:artifact:version (got {:?})", m.coordinates),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{MavenLibrary, PythonPyPiLibrary};

    fn field(r: Result<()>) -> String {
        match r.unwrap_err() {
            Error::InvalidInput(e) => e.field().to_owned(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rules() {
        assert!(libraries(&[Library::jar("/Volumes/a.jar"), Library::pypi("x==1")]).is_ok());
        assert_eq!(field(libraries(&[])), "libraries");
        assert_eq!(field(libraries(&[Library::default()])), "libraries[0]");
        let two = Library {
            whl: Some("/a.whl".into()),
            ..Library::jar("/a.jar")
        };
        assert_eq!(field(libraries(&[Library::jar("/a"), two])), "libraries[1]");
        assert_eq!(
            field(libraries(&[Library::maven("org.jsoup:jsoup")])),
            "libraries[0].maven.coordinates"
        );
        assert!(libraries(&[Library::from(MavenLibrary::new("a:b:c:d"))]).is_ok());
        assert_eq!(
            field(libraries(&[Library::from(PythonPyPiLibrary::new(" "))])),
            "libraries[0].pypi.package"
        );
        assert_eq!(
            field(libraries(&[Library::requirements("s3://b/req.txt")])),
            "libraries[0].requirements"
        );
        assert_eq!(field(libraries(&[Library::jar("")])), "libraries[0].jar");
    }
}
