//! DBFS path handling: the `dbfs:` prefix, absolute paths, joining.

use databricks_core::{Error, Result};

/// Strips an optional `dbfs:` prefix and checks that the path is absolute.
///
/// `field` names the request field in the error.
pub(crate) fn normalize(path: &str, field: &str) -> Result<String> {
    let stripped = path.strip_prefix("dbfs:").unwrap_or(path);
    if stripped.is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    if !stripped.starts_with('/') {
        return Err(Error::invalid_input(
            field,
            format!("{path:?} must be an absolute DBFS path (`/...` or `dbfs:/...`)"),
        ));
    }
    if stripped.contains('\0') {
        return Err(Error::invalid_input(field, "must not contain NUL"));
    }
    // A trailing slash names the same object; the service answers without it.
    let trimmed = stripped.trim_end_matches('/');
    Ok(if trimmed.is_empty() {
        "/".to_owned()
    } else {
        trimmed.to_owned()
    })
}

/// `parent/child` for a normalized `parent`.
pub(crate) fn join(parent: &str, child: &str) -> String {
    if parent.ends_with('/') {
        format!("{parent}{child}")
    } else {
        format!("{parent}/{child}")
    }
}

/// The parent directory and the file name of a normalized path (`/` has no name).
pub(crate) fn split(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(0) => ("/", &path[1..]),
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("/", path),
    }
}

/// The part of `path` below `root` (both normalized), without a leading slash.
pub(crate) fn relative<'a>(root: &str, path: &'a str) -> Option<&'a str> {
    if root == "/" {
        return path.strip_prefix('/');
    }
    path.strip_prefix(root)?.strip_prefix('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        assert_eq!(
            normalize("dbfs:/tmp/a", "path").ok().as_deref(),
            Some("/tmp/a")
        );
        assert_eq!(normalize("/tmp/a/", "path").ok().as_deref(), Some("/tmp/a"));
        assert_eq!(normalize("dbfs:/", "path").ok().as_deref(), Some("/"));
        assert!(normalize("tmp/a", "path").is_err());
        assert!(normalize("dbfs:", "path").is_err());
        assert!(normalize("", "path").is_err());
        assert!(normalize("/a\0b", "path").is_err());
    }

    #[test]
    fn splits_and_joins() {
        assert_eq!(split("/a/b"), ("/a", "b"));
        assert_eq!(split("/b"), ("/", "b"));
        assert_eq!(join("/", "b"), "/b");
        assert_eq!(join("/a", "b"), "/a/b");
        assert_eq!(relative("/a", "/a/b/c"), Some("b/c"));
        assert_eq!(relative("/", "/a/b"), Some("a/b"));
        assert_eq!(relative("/a", "/ab/c"), None);
    }
}
