//! The ten DBFS endpoints.

use axum::extract::{Request, State};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use http::StatusCode;
use serde_json::{Value, json};

use super::{
    DEFAULT_READ_BYTES, DELETE_BATCH, MAX_BLOCK_BYTES, MAX_LIST_ENTRIES, MAX_MULTIPART_BYTES,
    MAX_READ_BYTES, Node, OpenStream, block_too_large, dbfs_path,
};
use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::multipart::{is_multipart, read_form};
use crate::request::{Ctx, Params, read_body};
use crate::workspace::AppState;

fn decode(field: &str, text: &str) -> ApiResult<Vec<u8>> {
    STANDARD.decode(text.trim()).map_err(|e| {
        ApiError::invalid_parameter_value(format!("Field {field} is not valid base64: {e}"))
    })
}

pub(super) async fn create(ctx: Ctx) -> ApiResult {
    let path = dbfs_path(&ctx.params.str_req("path")?)?;
    let overwrite = ctx.params.bool_opt("overwrite")?.unwrap_or(false);
    let now = ctx.ws.clock.now_ms();
    let handle = ctx.ws.update(|s| {
        s.dbfs.prune_handles(now);
        s.dbfs.check_writable(&path, overwrite)?;
        let mut handle = s.rng.numeric_id();
        while s.dbfs.handles.contains_key(&handle) {
            handle = s.rng.numeric_id();
        }
        s.dbfs.handles.insert(
            handle,
            OpenStream {
                path: path.clone(),
                overwrite,
                data: Vec::new(),
                last_used_ms: now,
            },
        );
        Ok(handle)
    })?;
    Ok(json_ok(json!({ "handle": handle })))
}

pub(super) async fn add_block(ctx: Ctx) -> ApiResult {
    let handle = ctx
        .params
        .i64_opt("handle")?
        .ok_or_else(|| ApiError::missing_field("handle"))?;
    let data = decode("data", &ctx.params.str_req("data")?)?;
    if data.len() > MAX_BLOCK_BYTES {
        return Err(block_too_large(data.len()));
    }
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        let stream = s.dbfs.handle_mut(handle, now)?;
        stream.data.extend_from_slice(&data);
        stream.last_used_ms = now;
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn close(ctx: Ctx) -> ApiResult {
    let handle = ctx
        .params
        .i64_opt("handle")?
        .ok_or_else(|| ApiError::missing_field("handle"))?;
    let now = ctx.ws.clock.now_ms();
    ctx.ws.write(|s| {
        let stream = s.dbfs.handle_mut(handle, now)?;
        let (path, overwrite) = (stream.path.clone(), stream.overwrite);
        // The handle is spent either way: a close that fails does not leave it open.
        let stream = s.dbfs.handles.remove(&handle);
        s.dbfs.check_writable(&path, overwrite)?;
        let data = stream.map(|st| st.data).unwrap_or_default();
        s.dbfs.store(&path, Bytes::from(data), now);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

/// `put`: JSON (base64 `contents`, at most 1 MiB) or multipart (raw file part, streamed).
pub(super) async fn put(State(ws): State<AppState>, req: Request) -> ApiResult {
    let (parts, body) = req.into_parts();
    let (path, overwrite, data) = if is_multipart(&parts.headers) {
        let form = read_form(
            &parts.headers,
            body,
            &["contents", "file"],
            MAX_MULTIPART_BYTES,
            ApiError::body_too_large,
        )
        .await?;
        let path = form
            .field("path")
            .map(str::to_owned)
            .ok_or_else(|| ApiError::missing_field("path"))?;
        let overwrite = form.bool_field("overwrite")?.unwrap_or(false);
        let data = form.file.map(|f| f.freeze()).unwrap_or_default();
        (path, overwrite, data)
    } else {
        let bytes = read_body(&parts.headers, body, ws.config.max_body_bytes).await?;
        let params = Params::parse(parts.uri.query(), &bytes)?;
        let path = params.str_req("path")?;
        let overwrite = params.bool_opt("overwrite")?.unwrap_or(false);
        let data = match params.str_opt("contents")? {
            Some(text) => decode("contents", &text)?,
            None => Vec::new(),
        };
        if data.len() > MAX_BLOCK_BYTES {
            return Err(block_too_large(data.len()));
        }
        (path, overwrite, Bytes::from(data))
    };
    let path = dbfs_path(&path)?;
    let now = ws.clock.now_ms();
    ws.update(|s| {
        s.dbfs.check_writable(&path, overwrite)?;
        s.dbfs.store(&path, data, now);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn read(ctx: Ctx) -> ApiResult {
    let path = dbfs_path(&ctx.params.str_req("path")?)?;
    let offset = ctx.params.i64_opt("offset")?.unwrap_or(0);
    let length = ctx.params.i64_opt("length")?.unwrap_or(DEFAULT_READ_BYTES);
    if offset < 0 || length < 0 {
        return Err(ApiError::invalid_parameter_value(
            "offset and length must not be negative.",
        ));
    }
    if length > MAX_READ_BYTES {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "MAX_READ_SIZE_EXCEEDED",
            format!("Cannot read more than {MAX_READ_BYTES} bytes at once; asked for {length}."),
        ));
    }
    let chunk = ctx.ws.read(|s| match s.dbfs.get(&path) {
        None => Err(no_such_path(&path)),
        Some(Node::Dir { .. }) => Err(ApiError::invalid_parameter_value(format!(
            "Cannot read {path}: it is a directory."
        ))),
        Some(Node::File { data, .. }) => {
            let start = usize::try_from(offset)
                .unwrap_or(usize::MAX)
                .min(data.len());
            let end = start
                .saturating_add(usize::try_from(length).unwrap_or(0))
                .min(data.len());
            Ok(data.slice(start..end))
        }
    })?;
    Ok(json_ok(json!({
        "bytes_read": chunk.len(),
        "data": STANDARD.encode(&chunk),
    })))
}

fn no_such_path(path: &str) -> ApiError {
    ApiError::resource_does_not_exist(format!("No file or directory exists on path {path}."))
}

pub(super) async fn get_status(ctx: Ctx) -> ApiResult {
    let path = dbfs_path(&ctx.params.str_req("path")?)?;
    let info = ctx.ws.read(|s| {
        s.dbfs
            .get(&path)
            .map(|n| n.info(&path))
            .ok_or_else(|| no_such_path(&path))
    })?;
    Ok(json_ok(info))
}

pub(super) async fn list(ctx: Ctx) -> ApiResult {
    let path = dbfs_path(&ctx.params.str_req("path")?)?;
    let files = ctx.ws.read(|s| {
        let node = s.dbfs.get(&path).ok_or_else(|| no_such_path(&path))?;
        if !node.is_dir() {
            return Ok(vec![node.info(&path)]);
        }
        let mut files = Vec::new();
        for (child, node) in s.dbfs.children(&path) {
            if files.len() == MAX_LIST_ENTRIES {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "MAX_LIST_SIZE_EXCEEDED",
                    format!(
                        "{path} has more than {MAX_LIST_ENTRIES} entries; list it with \
                         dbutils.fs or the Files API instead."
                    ),
                ));
            }
            files.push(node.info(child));
        }
        Ok::<Vec<Value>, ApiError>(files)
    })?;
    Ok(json_ok(list_body("files", files)))
}

pub(super) async fn mkdirs(ctx: Ctx) -> ApiResult {
    let path = dbfs_path(&ctx.params.str_req("path")?)?;
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        if path == "/" {
            return Ok(());
        }
        match s.dbfs.get(&path) {
            Some(Node::Dir { .. }) => return Ok(()),
            Some(Node::File { .. }) => {
                return Err(ApiError::resource_already_exists(format!(
                    "Cannot create directory {path}: a file exists at that path."
                )));
            }
            None => {}
        }
        s.dbfs.check_parents(&path)?;
        s.dbfs.create_parents(&path, now);
        s.dbfs.nodes.insert(
            path.clone(),
            Node::Dir {
                modification_time: now,
            },
        );
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn move_(ctx: Ctx) -> ApiResult {
    let source = dbfs_path(&ctx.params.str_req("source_path")?)?;
    let destination = dbfs_path(&ctx.params.str_req("destination_path")?)?;
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        if source == "/" || destination == "/" {
            return Err(ApiError::invalid_parameter_value(
                "The root cannot be moved or replaced.",
            ));
        }
        let node = s.dbfs.get(&source).ok_or_else(|| no_such_path(&source))?;
        if s.dbfs.get(&destination).is_some() {
            return Err(ApiError::resource_already_exists(format!(
                "Destination {destination} already exists."
            )));
        }
        if node.is_dir() && destination.starts_with(&format!("{source}/")) {
            return Err(ApiError::invalid_parameter_value(format!(
                "Cannot move {source} into itself ({destination})."
            )));
        }
        s.dbfs.check_parents(&destination)?;
        s.dbfs.create_parents(&destination, now);
        let moved: Vec<String> = s
            .dbfs
            .descendants(&source)
            .map(|(k, _)| k.clone())
            .collect();
        if let Some(node) = s.dbfs.nodes.remove(&source) {
            s.dbfs.nodes.insert(destination.clone(), node);
        }
        for old in moved {
            if let Some(node) = s.dbfs.nodes.remove(&old) {
                let new = format!("{destination}{}", &old[source.len()..]);
                s.dbfs.nodes.insert(new, node);
            }
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn delete(ctx: Ctx) -> ApiResult {
    let path = dbfs_path(&ctx.params.str_req("path")?)?;
    let recursive = ctx.params.bool_opt("recursive")?.unwrap_or(false);
    if path == "/" {
        return Err(ApiError::invalid_parameter_value(
            "The root directory cannot be deleted.",
        ));
    }
    // Validate without changing anything first.
    let count = ctx.ws.read(|s| match s.dbfs.get(&path) {
        None => Ok(None),
        Some(Node::File { .. }) => Ok(Some(0)),
        Some(Node::Dir { .. }) => {
            let count = s.dbfs.descendants(&path).count();
            if count > 0 && !recursive {
                Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "IO_ERROR",
                    format!("Directory {path} is not empty; delete it with recursive=true."),
                ))
            } else {
                Ok(Some(count))
            }
        }
    })?;
    let Some(count) = count else {
        // Deleting what is not there succeeds, as on the service.
        return Ok(json_ok(json!({})));
    };
    ctx.ws.write(|s| {
        if count > DELETE_BATCH {
            // Deepest entries first, so the tree stays consistent between calls.
            let mut victims: Vec<String> =
                s.dbfs.descendants(&path).map(|(k, _)| k.clone()).collect();
            victims.sort_by_key(|k| std::cmp::Reverse(k.matches('/').count()));
            victims.truncate(DELETE_BATCH);
            for v in &victims {
                s.dbfs.nodes.remove(v);
            }
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "PARTIAL_DELETE",
                format!(
                    "The requested operation has deleted {DELETE_BATCH} files. There are more \
                     files remaining. You must make another request to delete more."
                ),
            ));
        }
        let victims: Vec<String> = s.dbfs.descendants(&path).map(|(k, _)| k.clone()).collect();
        for v in &victims {
            s.dbfs.nodes.remove(v);
        }
        s.dbfs.nodes.remove(&path);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}
