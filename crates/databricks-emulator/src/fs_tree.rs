//! An in-memory file tree shared by the file APIs (DBFS, the Files API): nodes keyed by
//! normalized absolute path in one ordered map, raw bytes held once as [`Bytes`] (base64 only in
//! the state file), and the path rules they share.
//!
//! Directories are explicit nodes (an empty directory stays); the root `/` is implicit. Each
//! API words its own errors: the tree answers questions ("which ancestor is a file?") and leaves
//! the status and `error_code` to the caller.

use std::collections::BTreeMap;
use std::ops::Bound;

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{ApiError, ApiResult};

/// A file or directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Node {
    /// A directory.
    Dir {
        /// Epoch ms.
        modification_time: i64,
    },
    /// A file.
    File {
        /// The content (base64 in the state file).
        #[serde(serialize_with = "ser_b64", deserialize_with = "de_b64")]
        data: Bytes,
        /// Epoch ms.
        modification_time: i64,
    },
}

impl Node {
    /// Whether the node is a directory.
    pub(crate) fn is_dir(&self) -> bool {
        matches!(self, Node::Dir { .. })
    }
}

static ROOT: Node = Node::Dir {
    modification_time: 0,
};

/// The parent of a normalized path (`/` for top-level entries).
pub(crate) fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// The last component of a normalized path.
pub(crate) fn name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or_default()
}

/// `dir/` for prefix scans (`/` for the root).
pub(crate) fn prefix(dir: &str) -> String {
    if dir == "/" {
        "/".to_owned()
    } else {
        format!("{dir}/")
    }
}

/// Why a path is not a valid absolute path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathProblem {
    /// It does not start with `/`.
    Relative,
    /// It contains NUL.
    Nul,
    /// It has a `.`, `..` or empty component.
    BadComponent,
}

/// An absolute path without `.`, `..` or empty components and without NUL, its trailing `/`
/// dropped; each API words the [`PathProblem`] its own way.
pub(crate) fn normalized(path: &str) -> Result<&str, PathProblem> {
    if !path.starts_with('/') {
        return Err(PathProblem::Relative);
    }
    if path.contains('\0') {
        return Err(PathProblem::Nul);
    }
    if path == "/" {
        return Ok(path);
    }
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    if trimmed[1..]
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err(PathProblem::BadComponent);
    }
    Ok(trimmed)
}

/// The message for NUL in a path, the same in every API.
pub(crate) const NUL_IN_PATH: &str = "Path must not contain NUL characters.";

/// Normalizes an absolute path ([`normalized`]); a problem is 400 `INVALID_PARAMETER_VALUE`
/// naming `raw`, the path as the caller sent it.
pub(crate) fn normalize(path: &str, raw: &str) -> ApiResult<String> {
    match normalized(path) {
        Ok(path) => Ok(path.to_owned()),
        Err(PathProblem::Relative) => Err(ApiError::invalid_parameter_value(format!(
            "Path must be absolute: {raw}"
        ))),
        Err(PathProblem::Nul) => Err(ApiError::invalid_parameter_value(NUL_IN_PATH)),
        Err(PathProblem::BadComponent) => Err(ApiError::invalid_parameter_value(format!(
            "Invalid path {raw}: empty, '.' and '..' components are not allowed."
        ))),
    }
}

/// Nodes by normalized absolute path. Serialized as the bare map.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct FileTree {
    nodes: BTreeMap<String, Node>,
}

impl FileTree {
    /// The node at a normalized path (the root is an implicit directory).
    pub(crate) fn get(&self, path: &str) -> Option<&Node> {
        if path == "/" {
            Some(&ROOT)
        } else {
            self.nodes.get(path)
        }
    }

    /// Adds or replaces a node (its ancestors are the caller's business).
    pub(crate) fn insert(&mut self, path: String, node: Node) {
        self.nodes.insert(path, node);
    }

    /// Removes one node (not its descendants).
    pub(crate) fn remove(&mut self, path: &str) -> Option<Node> {
        self.nodes.remove(path)
    }

    /// Every path strictly below `dir`, in key order.
    pub(crate) fn descendants<'a>(
        &'a self,
        dir: &str,
    ) -> impl Iterator<Item = (&'a String, &'a Node)> + 'a {
        let prefix = prefix(dir);
        self.nodes
            .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
            .take_while(move |(k, _)| k.starts_with(&prefix))
    }

    /// The direct children of `dir`, in name order.
    pub(crate) fn children<'a>(
        &'a self,
        dir: &str,
    ) -> impl Iterator<Item = (&'a String, &'a Node)> + 'a {
        self.children_after(dir, None)
    }

    /// The direct children of `dir` whose name sorts after `after` (all of them without it),
    /// in name order. Starts the scan at `after`, so paging through a large directory does not
    /// rescan the pages before.
    pub(crate) fn children_after<'a>(
        &'a self,
        dir: &str,
        after: Option<&str>,
    ) -> impl Iterator<Item = (&'a String, &'a Node)> + 'a {
        let prefix = prefix(dir);
        let depth = prefix.len();
        let start = match after {
            Some(name) => Bound::Excluded(format!("{prefix}{name}")),
            None => Bound::Included(prefix.clone()),
        };
        self.nodes
            .range::<String, _>((start, Bound::Unbounded))
            .take_while(move |(k, _)| k.starts_with(&prefix))
            .filter(move |(k, _)| !k[depth..].contains('/'))
    }

    /// The nearest ancestor of `path` that is a file, if any (a file in the way of creating
    /// `path`).
    pub(crate) fn file_ancestor<'a>(&self, path: &'a str) -> Option<&'a str> {
        let mut dir = parent(path);
        while dir != "/" {
            if let Some(Node::File { .. }) = self.nodes.get(dir) {
                return Some(dir);
            }
            dir = parent(dir);
        }
        None
    }

    /// Creates the missing ancestors of `path` strictly below `root` (`/` for all of them),
    /// after the caller checked [`file_ancestor`](Self::file_ancestor).
    pub(crate) fn create_parents(&mut self, path: &str, root: &str, now: i64) {
        let mut dir = parent(path);
        while dir != "/" && dir != root {
            self.nodes.entry(dir.to_owned()).or_insert(Node::Dir {
                modification_time: now,
            });
            dir = parent(dir);
        }
    }

    /// Writes a file and its missing ancestors below `root` (after the caller's checks).
    pub(crate) fn store(&mut self, path: &str, root: &str, data: Bytes, now: i64) {
        self.create_parents(path, root, now);
        self.nodes.insert(
            path.to_owned(),
            Node::File {
                data,
                modification_time: now,
            },
        );
    }
}

/// Serializes bytes as standard base64 (state files, DBFS and workspace wire formats).
pub(crate) fn ser_b64<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    use base64::Engine;
    serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Deserializes standard base64 into a vector.
pub(crate) fn de_b64_vec<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    use base64::Engine;
    let text = String::deserialize(deserializer)?;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(serde::de::Error::custom)
}

/// Deserializes standard base64 into [`Bytes`].
pub(crate) fn de_b64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Bytes, D::Error> {
    de_b64_vec(deserializer).map(Bytes::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        assert_eq!(normalize("/a/b/", "/a/b/").unwrap(), "/a/b");
        assert_eq!(normalize("/", "/").unwrap(), "/");
        for bad in ["a", "/a//b", "/a/../b", "/./a", "/a\0", "//", ""] {
            assert_eq!(
                normalize(bad, bad).unwrap_err().code,
                "INVALID_PARAMETER_VALUE",
                "{bad}"
            );
        }
    }

    #[test]
    fn queries() {
        let mut t = FileTree::default();
        t.store("/a/b/c.txt", "/", Bytes::from_static(b"x"), 1);
        t.store("/a-b", "/", Bytes::from_static(b"y"), 1);
        t.store("/a/b/d", "/", Bytes::from_static(b"z"), 1);
        t.store("/a/c", "/", Bytes::from_static(b"z"), 1);
        let kids: Vec<_> = t.children("/a").map(|(k, _)| k.clone()).collect();
        assert_eq!(kids, vec!["/a/b", "/a/c"]);
        let after: Vec<_> = t
            .children_after("/a", Some("b"))
            .map(|(k, _)| k.clone())
            .collect();
        assert_eq!(after, vec!["/a/c"]);
        let top: Vec<_> = t.children("/").map(|(k, _)| k.clone()).collect();
        assert_eq!(top, vec!["/a", "/a-b"]);
        assert_eq!(t.descendants("/a").count(), 4);
        assert_eq!(t.file_ancestor("/a/b/c.txt/d"), Some("/a/b/c.txt"));
        assert_eq!(t.file_ancestor("/a/b/new"), None);
        assert!(t.get("/").is_some_and(Node::is_dir));
        assert_eq!(name("/a/b/c.txt"), "c.txt");
        assert_eq!(parent("/a"), "/");
    }

    #[test]
    fn parents_stop_at_the_root_given() {
        let mut t = FileTree::default();
        t.store("/V/c/s/v/x/y", "/V/c/s/v", Bytes::new(), 1);
        let all: Vec<_> = t.descendants("/").map(|(k, _)| k.clone()).collect();
        assert_eq!(all, vec!["/V/c/s/v/x", "/V/c/s/v/x/y"]);
    }

    #[test]
    fn serializes_as_a_map_with_base64() {
        let mut t = FileTree::default();
        t.store("/f", "/", Bytes::from_static(b"x"), 1);
        let text = serde_json::to_string(&t).unwrap();
        assert!(text.starts_with("{\"/f\":"), "{text}");
        assert!(text.contains("\"eA==\""), "{text}");
        assert_eq!(serde_json::from_str::<FileTree>(&text).unwrap(), t);
    }
}
