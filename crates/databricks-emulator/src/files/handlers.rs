//! The Files API endpoints: files (`PUT`, `GET`/`HEAD`, `DELETE`, `POST` actions) and
//! directories (`PUT`, `GET`, `HEAD`, `DELETE`).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use serde_json::{Value, json};

use super::body::{declared_length, read_raw};
use super::range::{Wanted, http_date, modified_since, wanted};
use super::{
    FilesPath, FilesState, MAX_PAGE_SIZE, MAX_UPLOAD_BYTES, VolumePath, aborted, already_exists,
    entry, no_such_directory, no_such_file,
};
use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::fs_tree::{Node, name};
use crate::request::{Params, discard_body};
use crate::token;
use crate::workspace::AppState;

/// The query parameters of a request (Files API requests carry no JSON body).
fn query(uri: &Uri) -> ApiResult<Params> {
    Params::parse(uri.query(), b"")
}

/// An empty 200 (the service answers successful writes without a body).
fn empty_ok() -> Response {
    StatusCode::OK.into_response()
}

/// Checks that a file may be written at `path` (after the body, again at commit).
fn check_writable(files: &FilesState, path: &VolumePath, overwrite: bool) -> ApiResult<()> {
    match files.get(path) {
        Some(Node::Dir { .. }) => Err(aborted(format!(
            "A directory already exists at {}.",
            path.path
        ))),
        Some(Node::File { .. }) if !overwrite => Err(already_exists()),
        _ => files.check_parents(path),
    }
}

/// `PUT /fs/files{path}[?overwrite=]`: the raw body becomes the file.
pub(super) async fn upload(
    State(ws): State<AppState>,
    FilesPath(path): FilesPath,
    req: Request,
) -> ApiResult {
    let (parts, body) = req.into_parts();
    declared_length(&parts.headers, MAX_UPLOAD_BYTES)?;
    let overwrite = match query(&parts.uri).and_then(|q| q.bool_opt("overwrite")) {
        Ok(overwrite) => overwrite.unwrap_or(true),
        Err(err) => {
            discard_body(body, MAX_UPLOAD_BYTES).await;
            return Err(err);
        }
    };
    // Refuse early what will be refused anyway, but take the body in first.
    if let Err(err) = ws.read(|s| check_writable(&s.files, &path, overwrite)) {
        discard_body(body, MAX_UPLOAD_BYTES).await;
        return Err(err);
    }
    let data = read_raw(&parts.headers, body, MAX_UPLOAD_BYTES).await?;
    let now = ws.clock.now_ms();
    ws.update(|s| {
        check_writable(&s.files, &path, overwrite)?;
        s.files.nodes.store(&path.path, path.root(), data, now);
        Ok(())
    })?;
    Ok(empty_ok())
}

/// The stored file at `path`: its bytes and last modification (404 otherwise).
fn stored_file(ws: &AppState, path: &VolumePath) -> ApiResult<(Bytes, i64)> {
    ws.read(|s| match s.files.get(path) {
        Some(Node::File {
            data,
            modification_time,
        }) => Ok((data.clone(), *modification_time)),
        _ => Err(no_such_file(&path.path)),
    })
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn set(response: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

/// `GET /fs/files{path}` (and `HEAD`, the same without the body): the bytes, or one range.
pub(super) async fn download(
    State(ws): State<AppState>,
    FilesPath(path): FilesPath,
    headers: HeaderMap,
) -> ApiResult {
    let (data, modified) = stored_file(&ws, &path)?;
    if modified_since(header_str(&headers, header::IF_UNMODIFIED_SINCE), modified) {
        return Err(ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            "FAILED_PRECONDITION",
            format!(
                "The file {} was modified after the If-Unmodified-Since date.",
                path.path
            ),
        ));
    }
    let len = data.len() as u64;
    let (status, body, content_range) = match wanted(header_str(&headers, header::RANGE), len) {
        Wanted::Whole => (StatusCode::OK, data, None),
        Wanted::Part { start, end } => {
            // Both ends are below `len`, which is a `usize`.
            let (from, to) = (start as usize, end as usize + 1);
            (
                StatusCode::PARTIAL_CONTENT,
                data.slice(from..to),
                Some(format!("bytes {start}-{end}/{len}")),
            )
        }
        Wanted::Unsatisfiable => {
            let mut response = ApiError::new(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "REQUESTED_RANGE_NOT_SATISFIABLE",
                format!("The requested range is not satisfiable: the file has {len} bytes."),
            )
            .into_response();
            set(
                &mut response,
                header::CONTENT_RANGE,
                &format!("bytes */{len}"),
            );
            return Ok(response);
        }
    };
    let length = body.len().to_string();
    let mut response = (status, Body::from(body)).into_response();
    set(
        &mut response,
        header::CONTENT_TYPE,
        "application/octet-stream",
    );
    set(&mut response, header::CONTENT_LENGTH, &length);
    set(&mut response, header::LAST_MODIFIED, &http_date(modified));
    if let Some(range) = content_range {
        set(&mut response, header::CONTENT_RANGE, &range);
    }
    Ok(response)
}

/// `DELETE /fs/files{path}`.
pub(super) async fn delete_file(
    State(ws): State<AppState>,
    FilesPath(path): FilesPath,
) -> ApiResult {
    ws.update(|s| match s.files.get(&path) {
        Some(Node::File { .. }) => {
            s.files.nodes.remove(&path.path);
            Ok(())
        }
        _ => Err(no_such_file(&path.path)),
    })?;
    Ok(empty_ok())
}

/// `POST /fs/files{path}?action=...`: the multipart-upload handshake of SDKs that try large
/// transfers first. Sessions open, but part URLs are refused (no presigned URLs here), so the
/// client falls back to a single `PUT`.
pub(super) async fn file_action(
    State(ws): State<AppState>,
    FilesPath(path): FilesPath,
    uri: Uri,
) -> ApiResult {
    let params = query(&uri)?;
    match params.str_opt("action")?.as_deref() {
        Some("initiate-upload") => {
            let overwrite = params.bool_opt("overwrite")?.unwrap_or(true);
            ws.read(|s| check_writable(&s.files, &path, overwrite))?;
            let token = ws.write(|s| s.rng.hex(32));
            Ok(json_ok(
                json!({ "multipart_upload": { "session_token": token } }),
            ))
        }
        Some("abort-upload") => Ok(json_ok(json!({}))),
        Some("complete-upload") => Err(ApiError::invalid_parameter_value(format!(
            "Cannot complete the upload of {}: no part of it was uploaded.",
            path.path
        ))),
        Some(other) => Err(ApiError::invalid_parameter_value(format!(
            "Unsupported action {other:?}: expected initiate-upload, complete-upload or \
             abort-upload."
        ))),
        None => Err(ApiError::missing_field("action")),
    }
}

/// `PUT /fs/directories{path}`: creates it and its parents; idempotent.
pub(super) async fn create_directory(
    State(ws): State<AppState>,
    FilesPath(path): FilesPath,
) -> ApiResult {
    let now = ws.clock.now_ms();
    ws.update_tracked(|s| {
        let result = match s.files.get(&path) {
            Some(Node::Dir { .. }) => Ok(false),
            Some(Node::File { .. }) => {
                Err(aborted(format!("A file already exists at {}.", path.path)))
            }
            None => s.files.check_parents(&path).map(|()| {
                s.files.nodes.create_parents(&path.path, path.root(), now);
                s.files.nodes.insert(
                    path.path.clone(),
                    Node::Dir {
                        modification_time: now,
                    },
                );
                true
            }),
        };
        let changed = matches!(result, Ok(true));
        (result, changed)
    })?;
    Ok(empty_ok())
}

/// The directory at `path` must exist (404 otherwise, a file included).
fn require_directory(files: &FilesState, path: &VolumePath) -> ApiResult<()> {
    match files.get(path) {
        Some(Node::Dir { .. }) => Ok(()),
        _ => Err(no_such_directory(&path.path)),
    }
}

/// `HEAD /fs/directories{path}`: 200, or 404 without a body.
pub(super) async fn directory_metadata(
    State(ws): State<AppState>,
    FilesPath(path): FilesPath,
) -> Response {
    match ws.read(|s| require_directory(&s.files, &path)) {
        Ok(()) => empty_ok(),
        Err(err) => err.status.into_response(),
    }
}

/// A page token: the directory and the last name sent, opaque to clients.
fn page_token(dir: &str, last: &str) -> String {
    token::encode(&format!("{dir}\0{last}"))
}

/// The last name sent before, from a page token of this directory.
fn resume_after(token: &str, dir: &str) -> ApiResult<String> {
    let invalid = || ApiError::invalid_parameter_value(format!("Invalid page_token {token:?}."));
    let text = token::decode(token).ok_or_else(invalid)?;
    match text.split_once('\0') {
        Some((for_dir, last)) if for_dir == dir && !last.is_empty() => Ok(last.to_owned()),
        _ => Err(invalid()),
    }
}

/// `GET /fs/directories{path}[?page_size=&page_token=]`: one page of entries, by name.
pub(super) async fn list_directory(
    State(ws): State<AppState>,
    FilesPath(path): FilesPath,
    uri: Uri,
) -> ApiResult {
    let params = query(&uri)?;
    let page_size = match params.i64_opt("page_size")? {
        None | Some(0) => MAX_PAGE_SIZE,
        Some(n) if n < 0 => {
            return Err(ApiError::invalid_parameter_value(format!(
                "page_size must not be negative; got {n}."
            )));
        }
        Some(n) => usize::try_from(n)
            .unwrap_or(MAX_PAGE_SIZE)
            .min(MAX_PAGE_SIZE),
    };
    let after = match params.str_opt("page_token")? {
        Some(token) if !token.is_empty() => Some(resume_after(&token, &path.path)?),
        _ => None,
    };
    let (entries, last, more) = ws.read(|s| {
        require_directory(&s.files, &path)?;
        let mut children = s.files.nodes.children_after(&path.path, after.as_deref());
        let mut entries: Vec<Value> = Vec::new();
        let mut last = None;
        for (child, node) in children.by_ref().take(page_size) {
            entries.push(entry(child, node));
            last = Some(child.clone());
        }
        Ok::<_, ApiError>((entries, last, children.next().is_some()))
    })?;
    let mut body = list_body("contents", entries);
    if let (true, Some(last)) = (more, last) {
        body["next_page_token"] = json!(page_token(&path.path, name(&last)));
    }
    Ok(json_ok(body))
}

/// `DELETE /fs/directories{path}`: only an empty directory.
pub(super) async fn delete_directory(
    State(ws): State<AppState>,
    FilesPath(path): FilesPath,
) -> ApiResult {
    if path.is_root() {
        return Err(ApiError::invalid_parameter_value(format!(
            "Cannot delete {}: it is the root of a volume (delete the volume with the Unity \
             Catalog API).",
            path.path
        )));
    }
    ws.update(|s| {
        require_directory(&s.files, &path)?;
        if s.files.nodes.children(&path.path).next().is_some() {
            return Err(ApiError::invalid_parameter_value(format!(
                "The directory {} is not empty; delete its contents first.",
                path.path
            ))
            .with_reason("FILES_API_DIRECTORY_IS_NOT_EMPTY"));
        }
        s.files.nodes.remove(&path.path);
        Ok(())
    })?;
    Ok(empty_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_tokens_are_bound_to_their_directory() {
        let token = page_token("/Volumes/c/s/v/d", "f 1");
        assert_eq!(resume_after(&token, "/Volumes/c/s/v/d").unwrap(), "f 1");
        for bad in [
            resume_after(&token, "/Volumes/c/s/v/other"),
            resume_after("!!", "/Volumes/c/s/v/d"),
            resume_after(&token::encode("no-separator"), "/x"),
            resume_after(&token::encode("/x\0"), "/x"),
        ] {
            assert_eq!(bad.unwrap_err().code, "INVALID_PARAMETER_VALUE");
        }
    }
}
