//! The six Workspace endpoints and the workspace object permissions endpoints.

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use http::{HeaderValue, StatusCode, header};
use serde_json::{Value, json};

use super::notebook::{Lang, Notebook, has_source_header};
use super::zip::{self, Entry};
use super::{
    Kind, Level, MAX_CHILDREN, MAX_FILE_BYTES, MAX_NOTEBOOK_BYTES, Object, PROTECTED,
    WorkspaceObjectsState, name, parent, ws_path,
};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::ids::Rng;
use crate::multipart::{is_multipart, read_form};
use crate::permissions;
use crate::request::{Ctx, Params, read_body};
use crate::state::State as WsState;
use crate::workspace::AppState;

fn not_found(path: &str) -> ApiError {
    ApiError::resource_does_not_exist(format!("Path ({path}) doesn't exist."))
}

fn too_large(what: &str, len: usize) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "MAX_NOTEBOOK_SIZE_EXCEEDED",
        format!("The {what} is {len} bytes; the limit is {MAX_NOTEBOOK_BYTES} bytes (10 MB)."),
    )
}

fn protected(path: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "DIRECTORY_PROTECTED",
        format!("Folder ({path}) is protected and cannot be deleted or replaced."),
    )
}

fn child_limit(dir: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "MAX_CHILD_NODE_SIZE_EXCEEDED",
        format!("Folder ({dir}) cannot hold more than {MAX_CHILDREN} objects."),
    )
}

fn check_room(w: &mut WorkspaceObjectsState, dir: &str) -> ApiResult<()> {
    if w.child_count(dir) >= MAX_CHILDREN {
        Err(child_limit(dir))
    } else {
        Ok(())
    }
}

/// A fresh object id (16 random digits: collisions are negligible, as for the service's).
fn unique_id(_: &WorkspaceObjectsState, rng: &mut Rng) -> i64 {
    rng.numeric_id()
}

pub(super) async fn list(ctx: Ctx) -> ApiResult {
    let path = ws_path(&ctx.params.str_req("path")?)?;
    let after = ctx.params.i64_opt("notebooks_modified_after")?;
    let objects = ctx.ws.read(|s| {
        let w = &s.workspace_objects;
        let object = w.objects.get(&path).ok_or_else(|| not_found(&path))?;
        w.require(&ctx.caller, &path, Level::Read)?;
        if !object.is_dir() {
            return Ok(vec![object.info(&path)]);
        }
        Ok::<_, ApiError>(
            w.children(&path)
                .filter(|(_, o)| match (&o.kind, after) {
                    (Kind::Notebook(_), Some(after)) => o.modified_at > after,
                    _ => true,
                })
                .map(|(p, o)| o.info(p))
                .collect(),
        )
    })?;
    Ok(json_ok(list_body("objects", objects)))
}

pub(super) async fn get_status(ctx: Ctx) -> ApiResult {
    let path = ws_path(&ctx.params.str_req("path")?)?;
    let info = ctx.ws.read(|s| {
        let w = &s.workspace_objects;
        let object = w.objects.get(&path).ok_or_else(|| not_found(&path))?;
        w.require(&ctx.caller, &path, Level::Read)?;
        Ok::<_, ApiError>(object.info(&path))
    })?;
    Ok(json_ok(info))
}

pub(super) async fn mkdirs(ctx: Ctx) -> ApiResult {
    let path = ws_path(&ctx.params.str_req("path")?)?;
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        let WsState {
            workspace_objects: w,
            rng,
            ..
        } = s;
        // Ancestors (and the path) from the top: directories, or missing.
        let mut chain = Vec::new();
        let mut at = path.as_str();
        while at != "/" {
            chain.push(at.to_owned());
            at = parent(at);
        }
        chain.reverse();
        let mut missing = Vec::new();
        for p in &chain {
            match w.objects.get(p) {
                Some(o) if o.is_dir() => {}
                Some(o) => {
                    return Err(ApiError::resource_already_exists(format!(
                        "Cannot create directory {path}: {p} is a {} and not a directory.",
                        o.kind.object_type().to_lowercase()
                    )));
                }
                None => missing.push(p.clone()),
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        w.require(&ctx.caller, &path, Level::Edit)?;
        check_room(w, parent(&missing[0]))?;
        for p in missing {
            let id = unique_id(w, rng);
            w.insert(
                p,
                Object::new(id, Kind::Directory, now, ctx.caller.user_name()),
            );
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

/// What an import creates.
enum Plan {
    /// One object at a path.
    Single { path: String, kind: Kind },
    /// A directory at `path` with objects at relative paths below it.
    Tree {
        path: String,
        entries: Vec<(String, Kind)>,
    },
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::invalid_parameter_value(message.into())
}

fn check_notebook_size(content: &[u8]) -> ApiResult<()> {
    if content.len() > MAX_NOTEBOOK_BYTES {
        Err(too_large("notebook", content.len()))
    } else {
        Ok(())
    }
}

/// Splits `name.ext` into `(name, ext)`.
fn split_ext(file: &str) -> Option<(&str, &str)> {
    file.rsplit_once('.').filter(|(stem, _)| !stem.is_empty())
}

/// Archive files as `(relative path, data)`.
type ArchiveFiles = Vec<(String, Vec<u8>)>;

/// The entries of an archive, under a common top-level folder or not: `(relative path,
/// data)` with the top folder stripped when all entries share one; and whether the archive
/// is a single top-level file.
fn archive_files(content: &[u8]) -> ApiResult<(ArchiveFiles, bool)> {
    let entries = zip::read(content)
        .map_err(|e| invalid(format!("The content is not a valid archive: {e}")))?;
    let files: Vec<Entry> = entries.into_iter().filter(|e| !e.is_dir()).collect();
    let top = files
        .first()
        .and_then(|e| e.name.split_once('/').map(|(t, _)| t.to_owned()));
    let shared_top = top.as_ref().is_some_and(|t| {
        files
            .iter()
            .all(|e| e.name.split_once('/').is_some_and(|(x, _)| x == t))
    });
    let single_top_level = files.len() == 1 && !files[0].name.contains('/');
    let out = files
        .into_iter()
        .map(|e| {
            let rel = if shared_top {
                e.name
                    .split_once('/')
                    .map(|(_, r)| r.to_owned())
                    .unwrap_or_default()
            } else {
                e.name
            };
            (rel, e.data)
        })
        .collect();
    Ok((out, single_top_level))
}

fn valid_relative(rel: &str) -> bool {
    !rel.is_empty()
        && rel
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
}

fn plan(path: String, format: &str, language: Option<Lang>, content: Bytes) -> ApiResult<Plan> {
    match format {
        "SOURCE" => match language {
            Some(lang) => {
                check_notebook_size(&content)?;
                let nb = Notebook::from_source(&content, lang).map_err(invalid)?;
                Ok(Plan::Single {
                    path,
                    kind: Kind::Notebook(nb),
                })
            }
            None if zip::looks_like_zip(&content) => {
                let (files, _) = archive_files(&content)?;
                let mut entries = Vec::new();
                for (rel, data) in files {
                    let Some((stem, ext)) = split_ext(&rel) else {
                        continue;
                    };
                    let Some(lang) = Lang::from_extension(ext) else {
                        continue;
                    };
                    if !valid_relative(stem) {
                        return Err(invalid(format!("Invalid archive entry {rel}.")));
                    }
                    check_notebook_size(&data)?;
                    let nb = Notebook::from_source(&data, lang).map_err(invalid)?;
                    entries.push((stem.to_owned(), Kind::Notebook(nb)));
                }
                Ok(Plan::Tree { path, entries })
            }
            None => Err(invalid(
                "The language field is required to import a notebook in SOURCE format.",
            )),
        },
        "HTML" => {
            check_notebook_size(&content)?;
            let nb = Notebook::from_html(&content).map_err(invalid)?;
            Ok(Plan::Single {
                path,
                kind: Kind::Notebook(nb),
            })
        }
        "JUPYTER" => {
            check_notebook_size(&content)?;
            let nb = Notebook::from_ipynb(&content).map_err(invalid)?;
            Ok(Plan::Single {
                path,
                kind: Kind::Notebook(nb),
            })
        }
        "R_MARKDOWN" => {
            check_notebook_size(&content)?;
            let nb = Notebook::from_rmd(&content).map_err(invalid)?;
            Ok(Plan::Single {
                path,
                kind: Kind::Notebook(nb),
            })
        }
        "DBC" => {
            check_notebook_size(&content)?;
            let (files, single) = archive_files(&content)?;
            let mut entries = Vec::new();
            for (rel, data) in files {
                let Some((stem, ext)) = split_ext(&rel) else {
                    continue;
                };
                if Lang::from_dbc_extension(ext).is_none() {
                    continue;
                }
                if !valid_relative(stem) {
                    return Err(invalid(format!("Invalid archive entry {rel}.")));
                }
                let nb = Notebook::from_dbc_entry(&data).map_err(invalid)?;
                entries.push((stem.to_owned(), Kind::Notebook(nb)));
            }
            if single && entries.len() == 1 {
                let (_, kind) = entries.remove(0);
                return Ok(Plan::Single { path, kind });
            }
            Ok(Plan::Tree { path, entries })
        }
        "RAW" => Ok(Plan::Single {
            path,
            kind: Kind::File { data: content },
        }),
        "AUTO" => {
            let file = name(&path).to_owned();
            if let Some(stem) = file.strip_suffix(".lvdash.json") {
                if !stem.is_empty() {
                    return Ok(Plan::Single {
                        path,
                        kind: Kind::Dashboard { data: content },
                    });
                }
            }
            if let Some((stem, ext)) = split_ext(&file) {
                let stripped = format!("{}/{stem}", parent(&path)).replacen("//", "/", 1);
                if ext == "ipynb" {
                    check_notebook_size(&content)?;
                    let nb = Notebook::from_ipynb(&content).map_err(invalid)?;
                    return Ok(Plan::Single {
                        path: stripped,
                        kind: Kind::Notebook(nb),
                    });
                }
                if let Some(lang) = Lang::from_extension(ext) {
                    if has_source_header(&content) {
                        check_notebook_size(&content)?;
                        let nb = Notebook::from_source(&content, lang).map_err(invalid)?;
                        return Ok(Plan::Single {
                            path: stripped,
                            kind: Kind::Notebook(nb),
                        });
                    }
                }
            }
            Ok(Plan::Single {
                path,
                kind: Kind::File { data: content },
            })
        }
        other => Err(invalid(format!(
            "Invalid format {other:?}: expected one of SOURCE, HTML, JUPYTER, DBC, R_MARKDOWN, \
             AUTO, RAW."
        ))),
    }
}

/// Applies an import plan (validating first: an error changes nothing).
fn apply(s: &mut WsState, caller: &Caller, plan: Plan, overwrite: bool, now: i64) -> ApiResult<()> {
    let WsState {
        workspace_objects: w,
        rng,
        ..
    } = s;
    let target = match &plan {
        Plan::Single { path, .. } | Plan::Tree { path, .. } => path.clone(),
    };
    if PROTECTED.contains(&target.as_str()) {
        return Err(protected(&target));
    }
    let dir = parent(&target);
    match w.objects.get(dir) {
        Some(o) if o.is_dir() => {}
        _ => {
            return Err(ApiError::resource_does_not_exist(format!(
                "The parent folder ({dir}) does not exist."
            )));
        }
    }
    w.require(caller, &target, Level::Edit)?;
    let existing = w.objects.get(&target).cloned();
    if let Some(e) = &existing {
        if !overwrite || e.is_dir() || matches!(plan, Plan::Tree { .. }) {
            return Err(ApiError::resource_already_exists(format!(
                "Path ({target}) already exists."
            )));
        }
    } else {
        check_room(w, dir)?;
    }
    match plan {
        Plan::Single { path, kind } => {
            let object = match existing {
                Some(old) => Object {
                    kind,
                    modified_at: now,
                    ..old
                },
                None => Object::new(unique_id(w, rng), kind, now, caller.user_name()),
            };
            w.insert(path, object);
        }
        Plan::Tree { path, entries } => {
            let id = unique_id(w, rng);
            w.insert(
                path.clone(),
                Object::new(id, Kind::Directory, now, caller.user_name()),
            );
            for (rel, kind) in entries {
                let full = format!("{path}/{rel}");
                let mut dirs = Vec::new();
                let mut at = parent(&full);
                while at != path && at != "/" {
                    dirs.push(at.to_owned());
                    at = parent(at);
                }
                for d in dirs.into_iter().rev() {
                    if !w.objects.contains_key(&d) {
                        let id = unique_id(w, rng);
                        w.insert(d, Object::new(id, Kind::Directory, now, caller.user_name()));
                    }
                }
                let id = unique_id(w, rng);
                w.insert(full, Object::new(id, kind, now, caller.user_name()));
            }
        }
    }
    Ok(())
}

/// `import`: JSON (base64 `content`) or multipart (a raw `content` file part, streamed).
pub(super) async fn import(State(ws): State<AppState>, req: Request) -> ApiResult {
    let (parts, body) = req.into_parts();
    let caller = parts
        .extensions
        .get::<Caller>()
        .cloned()
        .ok_or_else(|| ApiError::unauthenticated("Credential was not sent."))?;
    let (path, format, language, overwrite, content) = if is_multipart(&parts.headers) {
        let form = read_form(
            &parts.headers,
            body,
            &["content"],
            MAX_FILE_BYTES,
            ApiError::body_too_large,
        )
        .await?;
        let field = |n: &str| form.field(n).map(str::to_owned);
        let overwrite = form.bool_field("overwrite")?.unwrap_or(false);
        (
            field("path").ok_or_else(|| ApiError::missing_field("path"))?,
            field("format"),
            field("language"),
            overwrite,
            form.file.map(|f| f.freeze()).unwrap_or_default(),
        )
    } else {
        let bytes = read_body(&parts.headers, body, ws.config.max_body_bytes).await?;
        let params = Params::parse(parts.uri.query(), &bytes)?;
        let content = match params.str_opt("content")? {
            Some(text) => {
                if text.len() > MAX_NOTEBOOK_BYTES {
                    return Err(too_large("content", text.len()));
                }
                Bytes::from(
                    STANDARD
                        .decode(text.trim())
                        .map_err(|e| invalid(format!("The content is not valid base64: {e}")))?,
                )
            }
            None => Bytes::new(),
        };
        (
            params.str_req("path")?,
            params.str_opt("format")?,
            params.str_opt("language")?,
            params.bool_opt("overwrite")?.unwrap_or(false),
            content,
        )
    };
    let path = ws_path(&path)?;
    let format = format.unwrap_or_else(|| "SOURCE".to_owned());
    let language = match language {
        None => None,
        Some(l) => Some(Lang::parse(&l).ok_or_else(|| {
            invalid(format!(
                "Invalid language {l:?}: expected one of PYTHON, SCALA, SQL, R."
            ))
        })?),
    };
    if overwrite && format == "DBC" {
        return Err(invalid("overwrite is not supported for the DBC format."));
    }
    let plan = plan(path, &format, language, content)?;
    let now = ws.clock.now_ms();
    ws.update(|s| apply(s, &caller, plan, overwrite, now))?;
    Ok(json_ok(json!({})))
}

/// The notebooks (and, for `AUTO`, files) below `dir` as archive entries under `top/`.
fn directory_archive(w: &WorkspaceObjectsState, dir: &str, format: &str) -> Vec<Entry> {
    let top = if dir == "/" { "root" } else { name(dir) };
    let skip = if dir == "/" { 1 } else { dir.len() + 1 };
    let mut entries = Vec::new();
    for (path, object) in w.descendants(dir) {
        let rel = &path[skip..];
        match (&object.kind, format) {
            (Kind::Notebook(nb), "DBC") => entries.push(Entry {
                name: format!("{top}/{rel}.{}", nb.language.dbc_extension()),
                data: nb.to_dbc_entry(name(path), object.object_id),
            }),
            (Kind::Notebook(nb), _) => entries.push(Entry {
                name: format!("{top}/{rel}.{}", nb.language.extension()),
                data: nb.to_source().into_bytes(),
            }),
            (Kind::File { data } | Kind::Dashboard { data }, "AUTO") => entries.push(Entry {
                name: format!("{top}/{rel}"),
                data: data.to_vec(),
            }),
            _ => {}
        }
    }
    entries
}

/// The exported bytes and `file_type`.
fn render(
    w: &WorkspaceObjectsState,
    path: &str,
    object: &Object,
    format: &str,
) -> ApiResult<(Bytes, String)> {
    let file = name(path);
    let unsupported = |what: &str| {
        Err(invalid(format!(
            "{what} ({path}) cannot be exported in the {format} format."
        )))
    };
    if ![
        "SOURCE",
        "HTML",
        "JUPYTER",
        "DBC",
        "R_MARKDOWN",
        "AUTO",
        "RAW",
    ]
    .contains(&format)
    {
        return Err(invalid(format!(
            "Invalid format {format:?}: expected one of SOURCE, HTML, JUPYTER, DBC, R_MARKDOWN, \
             AUTO, RAW."
        )));
    }
    Ok(match &object.kind {
        Kind::Notebook(nb) => match format {
            "SOURCE" | "AUTO" => (
                Bytes::from(nb.to_source()),
                nb.language.extension().to_owned(),
            ),
            "HTML" => (Bytes::from(nb.to_html(file)), "html".to_owned()),
            "JUPYTER" => (
                Bytes::from(nb.to_ipynb(file).to_string()),
                "ipynb".to_owned(),
            ),
            "DBC" => (
                Bytes::from(zip::write(&[Entry {
                    name: format!("{file}.{}", nb.language.dbc_extension()),
                    data: nb.to_dbc_entry(file, object.object_id),
                }])),
                "dbc".to_owned(),
            ),
            "R_MARKDOWN" if nb.language == Lang::R => {
                (Bytes::from(nb.to_rmd(file)), "Rmd".to_owned())
            }
            _ => return unsupported("Notebook"),
        },
        Kind::File { data } => match format {
            "SOURCE" | "AUTO" | "RAW" => (
                data.clone(),
                split_ext(file)
                    .map(|(_, e)| e.to_owned())
                    .unwrap_or_default(),
            ),
            _ => return unsupported("File"),
        },
        Kind::Dashboard { data } => match format {
            "SOURCE" | "AUTO" | "RAW" => (data.clone(), "lvdash.json".to_owned()),
            _ => return unsupported("Dashboard"),
        },
        Kind::Directory => match format {
            "DBC" => (
                Bytes::from(zip::write(&directory_archive(w, path, format))),
                "dbc".to_owned(),
            ),
            "SOURCE" | "AUTO" => (
                Bytes::from(zip::write(&directory_archive(w, path, format))),
                "zip".to_owned(),
            ),
            _ => return unsupported("Directory"),
        },
    })
}

pub(super) async fn export(ctx: Ctx) -> ApiResult {
    let path = ws_path(&ctx.params.str_req("path")?)?;
    let format = ctx
        .params
        .str_opt("format")?
        .unwrap_or_else(|| "SOURCE".to_owned());
    let direct = ctx.params.bool_opt("direct_download")?.unwrap_or(false);
    let (bytes, file_type) = ctx.ws.read(|s| {
        let w = &s.workspace_objects;
        let object = w.objects.get(&path).ok_or_else(|| not_found(&path))?;
        w.require(&ctx.caller, &path, Level::Read)?;
        render(w, &path, object, &format)
    })?;
    if direct {
        let mut response: Response = (StatusCode::OK, bytes).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/octet-stream"),
        );
        let filename = match (name(&path), file_type.as_str()) {
            (n, "") => n.to_owned(),
            (n, ext) if n.ends_with(&format!(".{ext}")) => n.to_owned(),
            (n, ext) => format!("{n}.{ext}"),
        };
        if let Ok(v) = HeaderValue::from_str(&format!(
            "attachment; filename=\"{}\"",
            filename.replace('"', "")
        )) {
            headers.insert(header::CONTENT_DISPOSITION, v);
        }
        return Ok(response);
    }
    let content = STANDARD.encode(&bytes);
    if content.len() > MAX_NOTEBOOK_BYTES {
        return Err(too_large("export", content.len()));
    }
    Ok(json_ok(
        json!({ "content": content, "file_type": file_type }),
    ))
}

pub(super) async fn delete(ctx: Ctx) -> ApiResult {
    let path = ws_path(&ctx.params.str_req("path")?)?;
    let recursive = ctx.params.bool_opt("recursive")?.unwrap_or(false);
    ctx.ws.update(|s| {
        let w = &mut s.workspace_objects;
        let object = w.objects.get(&path).ok_or_else(|| not_found(&path))?;
        if PROTECTED.contains(&path.as_str()) {
            return Err(protected(&path));
        }
        w.require(&ctx.caller, &path, Level::Edit)?;
        let below: Vec<(String, i64)> = w
            .descendants(&path)
            .map(|(p, o)| (p.clone(), o.object_id))
            .collect();
        if object.is_dir() && !below.is_empty() && !recursive {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "DIRECTORY_NOT_EMPTY",
                format!("Folder ({path}) is not empty"),
            ));
        }
        for (p, id) in below {
            w.remove(&p);
            w.grants.remove(&id);
        }
        if let Some(o) = w.remove(&path) {
            w.grants.remove(&o.object_id);
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

const LEVELS: [&str; 4] = ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"];

fn singular(kind: &str) -> &'static str {
    match kind {
        "notebooks" => "notebook",
        "directories" => "directory",
        "files" => "file",
        _ => "dashboard",
    }
}

/// The path and id of the object a permissions request names.
fn find(w: &WorkspaceObjectsState, kind: &str, raw_id: &str) -> ApiResult<(String, i64)> {
    raw_id
        .parse::<i64>()
        .ok()
        .and_then(|id| w.by_id(kind, id))
        .map(|(p, o)| (p.clone(), o.object_id))
        .ok_or_else(|| {
            ApiError::resource_does_not_exist(format!(
                "{} {raw_id} does not exist.",
                singular(kind)
            ))
        })
}

fn render_permissions(s: &WsState, kind: &str, id: i64) -> Value {
    let grants = s
        .workspace_objects
        .grants
        .get(&id)
        .cloned()
        .unwrap_or_default();
    permissions::render(
        &format!("/{kind}/{id}"),
        singular(kind),
        &grants,
        "CAN_MANAGE",
        &s.identity,
    )
}

pub(super) async fn get_permissions(ctx: Ctx, kind: &'static str) -> ApiResult {
    let raw = ctx.path_param("object_id")?;
    let body = ctx.ws.read(|s| {
        let (path, id) = find(&s.workspace_objects, kind, &raw)?;
        s.workspace_objects
            .require(&ctx.caller, &path, Level::Read)?;
        Ok::<_, ApiError>(render_permissions(s, kind, id))
    })?;
    Ok(json_ok(body))
}

async fn change_permissions(ctx: Ctx, kind: &'static str, replace: bool) -> ApiResult {
    let raw = ctx.path_param("object_id")?;
    let grants = permissions::parse_acl(&ctx.params, &LEVELS)?;
    let body = ctx.ws.update(|s| {
        let (path, id) = find(&s.workspace_objects, kind, &raw)?;
        s.workspace_objects
            .require(&ctx.caller, &path, Level::Manage)?;
        let existing = s.workspace_objects.grants.entry(id).or_default();
        if replace {
            permissions::put(existing, grants);
        } else {
            permissions::patch(existing, grants);
        }
        Ok(render_permissions(s, kind, id))
    })?;
    Ok(json_ok(body))
}

pub(super) async fn set_permissions(ctx: Ctx, kind: &'static str) -> ApiResult {
    change_permissions(ctx, kind, true).await
}

pub(super) async fn update_permissions(ctx: Ctx, kind: &'static str) -> ApiResult {
    change_permissions(ctx, kind, false).await
}

pub(super) async fn permission_levels(ctx: Ctx, kind: &'static str) -> ApiResult {
    let raw = ctx.path_param("object_id")?;
    ctx.ws.read(|s| {
        let (path, _) = find(&s.workspace_objects, kind, &raw)?;
        s.workspace_objects.require(&ctx.caller, &path, Level::Read)
    })?;
    Ok(json_ok(permissions::levels(&[
        ("CAN_READ", "Can view and comment"),
        ("CAN_RUN", "Can view, comment, attach and run"),
        ("CAN_EDIT", "Can view, comment, attach, run and edit"),
        (
            "CAN_MANAGE",
            "Can do everything, including changing permissions",
        ),
    ])))
}
