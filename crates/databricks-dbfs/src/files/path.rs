//! Files API paths: checked on the client, then placed in the URL one segment at a time.

use databricks_core::request::encode_path_segment;
use databricks_core::{Error, Result};

/// The root of the file endpoints.
pub(crate) const FILES: &str = "/api/2.0/fs/files";

/// The root of the directory endpoints.
pub(crate) const DIRECTORIES: &str = "/api/2.0/fs/directories";

/// The URL path of `path` under `root` (`/api/2.0/fs/files/Volumes/a%20b/c.csv`), after
/// checking it (`field` names it in the error).
///
/// The path must be absolute, without NUL and without `.` or `..` segments (a URL would
/// resolve them, sending the request elsewhere). Each segment is percent-encoded, `/` kept, as
/// the official SDKs do (Go `EncodeMultiSegmentPathParameter`); only RFC 3986 unreserved
/// characters stay as they are.
pub(crate) fn url_path(root: &str, path: &str, field: &str) -> Result<String> {
    check(path, field)?;
    let mut out = String::with_capacity(root.len() + path.len() + 16);
    out.push_str(root);
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&encode_path_segment(segment));
    }
    Ok(out)
}

fn check(path: &str, field: &str) -> Result<()> {
    if path.is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    if !path.starts_with('/') {
        return Err(Error::invalid_input(
            field,
            format!(
                "{path:?} must be an absolute path (e.g. `/Volumes/<catalog>/<schema>/<volume>/...`)"
            ),
        ));
    }
    if path.contains('\0') {
        return Err(Error::invalid_input(field, "must not contain NUL"));
    }
    if path.split('/').any(|s| s == "." || s == "..") {
        return Err(Error::invalid_input(
            field,
            format!("{path:?} must not contain `.` or `..` segments"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(path: &str) -> String {
        url_path(FILES, path, "file_path").unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn encodes_each_segment_and_keeps_slashes() {
        assert_eq!(
            files("/Volumes/main/raw/orders.csv"),
            "/api/2.0/fs/files/Volumes/main/raw/orders.csv"
        );
        assert_eq!(
            files("/Volumes/a b/c#d?e%f/é"),
            "/api/2.0/fs/files/Volumes/a%20b/c%23d%3Fe%25f/%C3%A9"
        );
        assert_eq!(files("/"), "/api/2.0/fs/files/");
        assert_eq!(files("/Volumes/dir/"), "/api/2.0/fs/files/Volumes/dir/");
        assert_eq!(files("/a/.hidden/..x"), "/api/2.0/fs/files/a/.hidden/..x");
    }

    #[test]
    fn rejects_what_cannot_be_a_path() {
        for bad in [
            "",
            "Volumes/a",
            "dbfs:/Volumes/a",
            "/a\0b",
            "/a/../b",
            "/a/./b",
            "/..",
        ] {
            assert!(url_path(FILES, bad, "file_path").is_err(), "{bad:?}");
        }
    }
}
