//! Creating, replacing, patching and deleting SCIM resources in the identity store.
//!
//! Every function works on a draft copy of the store (the caller commits it only on success),
//! so an error part-way through a PATCH leaves nothing changed.

use serde_json::{Map, Value, json};

use super::filter::{self, get_ci};
use super::render::{self, PATCH_SCHEMA};
use super::{Kind, ScimError, ScimResult};
use crate::identity::{
    ENTITLEMENTS, Email, Group, Identity, MemberRef, Principal, PrincipalKind, USERS_GROUP,
    is_builtin_group,
};
use crate::ids::Rng;

fn invalid(detail: impl Into<String>) -> ScimError {
    ScimError::bad_request("invalidValue", detail)
}

fn mutability(detail: impl Into<String>) -> ScimError {
    ScimError::bad_request("mutability", detail)
}

/// A field of the body (attribute names ignore case; `null` is absent).
fn field<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    get_ci(body, name).filter(|v| !v.is_null())
}

fn as_string(name: &str, value: &Value) -> ScimResult<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        _ => Err(invalid(format!("{name} must be a string"))),
    }
}

fn as_bool(name: &str, value: &Value) -> ScimResult<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(invalid(format!("{name} must be a boolean"))),
    }
}

fn str_field(body: &Map<String, Value>, name: &str) -> ScimResult<Option<String>> {
    field(body, name).map(|v| as_string(name, v)).transpose()
}

fn bool_field(body: &Map<String, Value>, name: &str) -> ScimResult<Option<bool>> {
    field(body, name).map(|v| as_bool(name, v)).transpose()
}

/// The `value`s of a multi-valued attribute: an array of `{value}` objects (or bare strings),
/// or a single one.
fn values_of(name: &str, value: &Value) -> ScimResult<Vec<String>> {
    let one = |v: &Value| -> ScimResult<String> {
        let inner = match v {
            Value::Object(map) => get_ci(map, "value").unwrap_or(&Value::Null),
            other => other,
        };
        match inner {
            Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err(invalid(format!(
                "every {name} value needs a non-empty 'value'"
            ))),
        }
    };
    match value {
        Value::Array(items) => items.iter().map(one).collect(),
        other => Ok(vec![one(other)?]),
    }
}

fn list_field(body: &Map<String, Value>, name: &str) -> ScimResult<Option<Vec<String>>> {
    field(body, name).map(|v| values_of(name, v)).transpose()
}

fn check_entitlements(values: &[String]) -> ScimResult<()> {
    match values.iter().find(|v| !ENTITLEMENTS.contains(&v.as_str())) {
        Some(bad) => Err(invalid(format!(
            "Invalid entitlement '{bad}'; known entitlements: {}",
            ENTITLEMENTS.join(", ")
        ))),
        None => Ok(()),
    }
}

fn dedup(values: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The member (principal or group) with this id.
fn resolve_member(identity: &Identity, id: &str) -> ScimResult<MemberRef> {
    let not_found = || ScimError::not_found(format!("Member with id {id} not found."));
    let numeric: i64 = id.trim().parse().map_err(|_| not_found())?;
    if identity.by_id(numeric).is_some() {
        Ok(MemberRef::Principal(numeric))
    } else if identity.group_by_id(numeric).is_some() {
        Ok(MemberRef::Group(numeric))
    } else {
        Err(not_found())
    }
}

/// The name of the group with this id.
fn resolve_group(identity: &Identity, id: &str) -> ScimResult<String> {
    let not_found = || ScimError::not_found(format!("Group with id {id} not found."));
    let numeric: i64 = id.trim().parse().map_err(|_| not_found())?;
    identity
        .group_by_id(numeric)
        .map(|g| g.display_name.clone())
        .ok_or_else(not_found)
}

fn group_name_of(identity: &Identity, id: i64) -> String {
    identity
        .group_by_id(id)
        .map(|g| g.display_name.clone())
        .unwrap_or_default()
}

/// Adds `member` to the group `parent`, refusing cycles.
fn join(identity: &mut Identity, member: MemberRef, parent: &str) -> ScimResult<()> {
    if let MemberRef::Group(id) = member {
        let child = group_name_of(identity, id);
        if identity.would_cycle(&child, parent) {
            return Err(invalid(format!(
                "Adding group {child} to group {parent} would create a cycle."
            )));
        }
    }
    identity.add_membership(member, parent);
    Ok(())
}

/// Removes `member` from the group `parent` (no-op when it is not a member).
fn leave(identity: &mut Identity, member: MemberRef, parent: &str) -> ScimResult<()> {
    if parent == USERS_GROUP && matches!(member, MemberRef::Principal(_)) {
        return Err(mutability(
            "Every user and service principal is a member of the users group.",
        ));
    }
    identity.remove_membership(member, parent);
    Ok(())
}

fn user_name_taken(identity: &Identity, name: &str, except: Option<i64>) -> bool {
    identity
        .principals
        .iter()
        .any(|p| Some(p.id) != except && p.user_name.eq_ignore_ascii_case(name))
}

fn group_name_taken(identity: &Identity, name: &str, except: Option<i64>) -> bool {
    identity
        .groups
        .iter()
        .any(|g| Some(g.id) != except && g.display_name.eq_ignore_ascii_case(name))
}

/// A random version-4 UUID.
fn uuid(rng: &mut Rng) -> String {
    let hex = rng.hex(32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

fn check_schemas(body: &Map<String, Value>, expected: &str) -> ScimResult<()> {
    let Some(schemas) = field(body, "schemas") else {
        return Ok(());
    };
    let listed = match schemas {
        Value::Array(items) => items.iter().any(|s| s.as_str() == Some(expected)),
        _ => false,
    };
    if listed {
        Ok(())
    } else {
        Err(ScimError::bad_request(
            "invalidSyntax",
            format!("schemas must include {expected}"),
        ))
    }
}

fn principal_kind(kind: Kind) -> PrincipalKind {
    match kind {
        Kind::ServicePrincipal => PrincipalKind::ServicePrincipal,
        Kind::User | Kind::Group => PrincipalKind::User,
    }
}

fn numeric(id: &str) -> i64 {
    id.parse().unwrap_or_default()
}

/// `POST`: creates the resource and returns its id.
pub(super) fn create(
    identity: &mut Identity,
    rng: &mut Rng,
    kind: Kind,
    body: &Map<String, Value>,
) -> ScimResult<i64> {
    match kind {
        Kind::Group => create_group(identity, rng, body),
        Kind::User | Kind::ServicePrincipal => create_principal(identity, rng, kind, body),
    }
}

fn create_principal(
    identity: &mut Identity,
    rng: &mut Rng,
    kind: Kind,
    body: &Map<String, Value>,
) -> ScimResult<i64> {
    let pk = principal_kind(kind);
    let name = match pk {
        PrincipalKind::User => {
            check_schemas(body, render::USER_SCHEMA)?;
            let name = str_field(body, "userName")?.unwrap_or_default();
            if name.trim().is_empty() {
                return Err(invalid("Request is missing required attribute userName."));
            }
            if user_name_taken(identity, &name, None) {
                return Err(ScimError::conflict(format!(
                    "User with username {name} already exists."
                )));
            }
            name
        }
        PrincipalKind::ServicePrincipal => {
            check_schemas(body, render::SP_SCHEMA)?;
            let app_id = match str_field(body, "applicationId")? {
                Some(a) if !a.trim().is_empty() => a,
                _ => uuid(rng),
            };
            if user_name_taken(identity, &app_id, None) {
                return Err(ScimError::conflict(format!(
                    "Service principal with application id {app_id} already exists."
                )));
            }
            app_id
        }
    };
    let display_name = str_field(body, "displayName")?.unwrap_or_else(|| name.clone());
    let id = identity.fresh_id(rng);
    let mut principal = Principal::new(id, &name, &display_name, pk);
    principal.active = bool_field(body, "active")?.unwrap_or(true);
    principal.external_id = str_field(body, "externalId")?;
    if pk == PrincipalKind::User {
        set_name(&mut principal, field(body, "name"), false)?;
        if let Some(emails) = field(body, "emails") {
            principal.emails = parse_emails(emails)?;
        }
    }
    apply_lists(&mut principal.entitlements, &mut principal.roles, body)?;
    let groups = list_field(body, "groups")?.unwrap_or_default();
    let names = groups
        .iter()
        .map(|g| resolve_group(identity, g))
        .collect::<ScimResult<Vec<_>>>()?;
    identity.principals.push(principal);
    for name in names {
        join(identity, MemberRef::Principal(id), &name)?;
    }
    Ok(id)
}

fn parse_emails(value: &Value) -> ScimResult<Vec<Email>> {
    let items = match value {
        Value::Array(items) => items.as_slice(),
        _ => return Err(invalid("emails must be an array")),
    };
    items
        .iter()
        .map(|item| {
            let map = item
                .as_object()
                .ok_or_else(|| invalid("every email must be an object"))?;
            Ok(Email {
                value: str_field(map, "value")?
                    .filter(|v| !v.trim().is_empty())
                    .ok_or_else(|| invalid("every email needs a value"))?,
                kind: str_field(map, "type")?,
                primary: bool_field(map, "primary")?.unwrap_or(false),
            })
        })
        .collect()
}

/// Sets `name` from an object `{givenName, familyName}`; `merge` keeps absent parts.
fn set_name(principal: &mut Principal, value: Option<&Value>, merge: bool) -> ScimResult<()> {
    match value {
        None => {
            if !merge {
                principal.given_name = None;
                principal.family_name = None;
            }
            Ok(())
        }
        Some(Value::Object(map)) => {
            let given = str_field(map, "givenName")?;
            let family = str_field(map, "familyName")?;
            if !merge || given.is_some() {
                principal.given_name = given;
            }
            if !merge || family.is_some() {
                principal.family_name = family;
            }
            Ok(())
        }
        Some(_) => Err(invalid("name must be an object")),
    }
}

/// Sets entitlements and roles from a create or PUT body (absent: none).
fn apply_lists(
    entitlements: &mut Vec<String>,
    roles: &mut Vec<String>,
    body: &Map<String, Value>,
) -> ScimResult<()> {
    let new_entitlements = dedup(list_field(body, "entitlements")?.unwrap_or_default());
    check_entitlements(&new_entitlements)?;
    *entitlements = new_entitlements;
    *roles = dedup(list_field(body, "roles")?.unwrap_or_default());
    Ok(())
}

fn create_group(
    identity: &mut Identity,
    rng: &mut Rng,
    body: &Map<String, Value>,
) -> ScimResult<i64> {
    check_schemas(body, render::GROUP_SCHEMA)?;
    let name = str_field(body, "displayName")?.unwrap_or_default();
    if name.trim().is_empty() {
        return Err(invalid(
            "Request is missing required attribute displayName.",
        ));
    }
    if group_name_taken(identity, &name, None) {
        return Err(ScimError::conflict(format!(
            "Group with name {name} already exists."
        )));
    }
    let id = identity.fresh_id(rng);
    let mut group = Group::new(id, &name);
    group.external_id = str_field(body, "externalId")?;
    apply_lists(&mut group.entitlements, &mut group.roles, body)?;
    let members = list_field(body, "members")?
        .unwrap_or_default()
        .iter()
        .map(|m| resolve_member(identity, m))
        .collect::<ScimResult<Vec<_>>>()?;
    let parents = list_field(body, "groups")?
        .unwrap_or_default()
        .iter()
        .map(|g| resolve_group(identity, g))
        .collect::<ScimResult<Vec<_>>>()?;
    identity.groups.push(group);
    for member in members {
        join(identity, member, &name)?;
    }
    for parent in parents {
        join(identity, MemberRef::Group(id), &parent)?;
    }
    Ok(id)
}

/// `PUT`: replaces the mutable attributes. `userName`, `emails` and `applicationId` are
/// kept; `groups` of users and service principals change only when sent.
pub(super) fn replace(
    identity: &mut Identity,
    kind: Kind,
    id: &str,
    body: &Map<String, Value>,
) -> ScimResult<()> {
    let id = numeric(id);
    match kind {
        Kind::Group => replace_group(identity, id, body),
        Kind::User | Kind::ServicePrincipal => {
            let schema = if kind == Kind::User {
                render::USER_SCHEMA
            } else {
                render::SP_SCHEMA
            };
            check_schemas(body, schema)?;
            let display_name = str_field(body, "displayName")?;
            let active = bool_field(body, "active")?.unwrap_or(true);
            let external_id = str_field(body, "externalId")?;
            let groups = list_field(body, "groups")?
                .map(|ids| {
                    ids.iter()
                        .map(|g| resolve_group(identity, g))
                        .collect::<ScimResult<Vec<_>>>()
                })
                .transpose()?;
            let Some(p) = identity.by_id_mut(id) else {
                return Err(ScimError::not_found(format!(
                    "{} {id} not found.",
                    kind.noun()
                )));
            };
            if let Some(name) = display_name {
                p.display_name = name;
            }
            p.active = active;
            p.external_id = external_id;
            if kind == Kind::User {
                set_name(p, field(body, "name"), false)?;
            }
            apply_lists(&mut p.entitlements, &mut p.roles, body)?;
            if let Some(names) = groups {
                p.groups.clear();
                for name in names {
                    join(identity, MemberRef::Principal(id), &name)?;
                }
            }
            Ok(())
        }
    }
}

fn rename_group(identity: &mut Identity, id: i64, name: &str) -> ScimResult<()> {
    let current = group_name_of(identity, id);
    if current == name {
        return Ok(());
    }
    if name.trim().is_empty() {
        return Err(invalid("displayName must not be empty."));
    }
    if is_builtin_group(&current) {
        return Err(mutability(format!(
            "The built-in group {current} cannot be renamed."
        )));
    }
    if group_name_taken(identity, name, Some(id)) {
        return Err(ScimError::conflict(format!(
            "Group with name {name} already exists."
        )));
    }
    identity.rename_group(id, name);
    Ok(())
}

fn replace_group(identity: &mut Identity, id: i64, body: &Map<String, Value>) -> ScimResult<()> {
    check_schemas(body, render::GROUP_SCHEMA)?;
    let name = str_field(body, "displayName")?
        .ok_or_else(|| invalid("Request is missing required attribute displayName."))?;
    rename_group(identity, id, &name)?;
    let members = list_field(body, "members")?
        .unwrap_or_default()
        .iter()
        .map(|m| resolve_member(identity, m))
        .collect::<ScimResult<Vec<_>>>()?;
    let parents = list_field(body, "groups")?
        .map(|ids| {
            ids.iter()
                .map(|g| resolve_group(identity, g))
                .collect::<ScimResult<Vec<_>>>()
        })
        .transpose()?;
    let external_id = str_field(body, "externalId")?;
    let Some(group) = identity.group_by_id_mut(id) else {
        return Err(ScimError::not_found(format!("Group {id} not found.")));
    };
    group.external_id = external_id;
    apply_lists(&mut group.entitlements, &mut group.roles, body)?;
    if name != USERS_GROUP {
        for old in identity.members_of(&name) {
            if !members.contains(&old) {
                leave(identity, old, &name)?;
            }
        }
        for member in members {
            join(identity, member, &name)?;
        }
    }
    if let Some(parents) = parents {
        if let Some(g) = identity.group_by_id_mut(id) {
            g.groups.clear();
        }
        for parent in parents {
            join(identity, MemberRef::Group(id), &parent)?;
        }
    }
    Ok(())
}

/// `DELETE`.
pub(super) fn delete(identity: &mut Identity, kind: Kind, id: &str) -> ScimResult<()> {
    let id = numeric(id);
    match kind {
        Kind::Group => {
            let name = group_name_of(identity, id);
            if is_builtin_group(&name) {
                return Err(mutability(format!(
                    "The built-in group {name} cannot be deleted."
                )));
            }
            identity.delete_group(id);
        }
        Kind::User | Kind::ServicePrincipal => identity.delete_principal(id),
    }
    Ok(())
}

/// A PATCH operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Remove,
    Replace,
}

/// A parsed PATCH path: `attr`, `attr.sub`, `attr[filter]` or `attr[filter].sub`.
struct PatchPath {
    attr: String,
    sub: Option<String>,
    filter: Option<filter::Filter>,
}

fn parse_path(text: &str) -> ScimResult<PatchPath> {
    let bad = |e: String| ScimError::bad_request("invalidPath", e);
    let text = text.trim();
    let (head, filter, tail) = match (text.find('['), text.rfind(']')) {
        (Some(open), Some(close)) if close > open => {
            let inner = &text[open + 1..close];
            let parsed = filter::parse(inner).map_err(|e| {
                ScimError::bad_request("invalidFilter", format!("Invalid path filter: {e}"))
            })?;
            (&text[..open], Some(parsed), &text[close + 1..])
        }
        (None, None) => (text, None, ""),
        _ => return Err(bad(format!("Invalid path '{text}'"))),
    };
    let mut segments = filter::parse_attr_path(head).map_err(bad)?;
    let mut sub = None;
    if let Some(rest) = tail.strip_prefix('.') {
        sub = Some(rest.to_ascii_lowercase());
    } else if !tail.is_empty() {
        return Err(bad(format!("Invalid path '{text}'")));
    }
    if segments.len() > 2 || (segments.len() == 2 && sub.is_some()) {
        return Err(bad(format!("Invalid path '{text}'")));
    }
    if segments.len() == 2 {
        sub = segments.pop().map(|s| s.to_ascii_lowercase());
    }
    let attr = segments
        .pop()
        .map(|s| s.to_ascii_lowercase())
        .unwrap_or_default();
    Ok(PatchPath { attr, sub, filter })
}

/// `PATCH`: applies a PatchOp request.
pub(super) fn patch(
    identity: &mut Identity,
    kind: Kind,
    id: &str,
    body: &Map<String, Value>,
) -> ScimResult<()> {
    if let Some(schemas) = field(body, "schemas") {
        let ok = schemas
            .as_array()
            .is_some_and(|s| s.iter().any(|v| v.as_str() == Some(PATCH_SCHEMA)));
        if !ok {
            return Err(ScimError::bad_request(
                "invalidSyntax",
                format!("schemas must include {PATCH_SCHEMA}"),
            ));
        }
    }
    let operations = match field(body, "Operations") {
        Some(Value::Array(ops)) if !ops.is_empty() => ops,
        _ => {
            return Err(ScimError::bad_request(
                "invalidSyntax",
                "The request needs a non-empty Operations array.",
            ));
        }
    };
    let target = Target {
        kind,
        id: numeric(id),
    };
    for (i, operation) in operations.iter().enumerate() {
        let map = operation.as_object().ok_or_else(|| {
            ScimError::bad_request(
                "invalidSyntax",
                format!("Operations[{i}] must be an object"),
            )
        })?;
        let op = match str_field(map, "op")?
            .map(|s| s.to_ascii_lowercase())
            .as_deref()
        {
            Some("add") => Op::Add,
            Some("remove") => Op::Remove,
            Some("replace") => Op::Replace,
            other => {
                return Err(ScimError::bad_request(
                    "invalidSyntax",
                    format!("Operations[{i}].op must be add, remove or replace, not {other:?}"),
                ));
            }
        };
        let value = field(map, "value");
        match str_field(map, "path")?.filter(|p| !p.trim().is_empty()) {
            Some(path) => target.apply(identity, op, &parse_path(&path)?, value)?,
            None => {
                if op == Op::Remove {
                    return Err(ScimError::bad_request(
                        "noTarget",
                        "A remove operation needs a path.",
                    ));
                }
                let Some(Value::Object(attrs)) = value else {
                    return Err(invalid(
                        "Without a path, the value must be an object of attributes.",
                    ));
                };
                for (name, v) in attrs {
                    if name.eq_ignore_ascii_case("schemas") || name.eq_ignore_ascii_case("id") {
                        continue;
                    }
                    target.apply(identity, op, &parse_path(name)?, Some(v))?;
                }
            }
        }
    }
    Ok(())
}

/// The resource a PATCH changes.
struct Target {
    kind: Kind,
    id: i64,
}

/// A multi-valued attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Entitlements,
    Roles,
    Members,
    Groups,
    Emails,
}

impl Target {
    fn principal<'a>(&self, identity: &'a mut Identity) -> ScimResult<&'a mut Principal> {
        identity.by_id_mut(self.id).ok_or_else(|| {
            ScimError::not_found(format!("{} {} not found.", self.kind.noun(), self.id))
        })
    }

    fn group<'a>(&self, identity: &'a mut Identity) -> ScimResult<&'a mut Group> {
        identity
            .group_by_id_mut(self.id)
            .ok_or_else(|| ScimError::not_found(format!("Group {} not found.", self.id)))
    }

    fn name(&self, identity: &Identity) -> String {
        group_name_of(identity, self.id)
    }

    fn me(&self) -> MemberRef {
        match self.kind {
            Kind::Group => MemberRef::Group(self.id),
            Kind::User | Kind::ServicePrincipal => MemberRef::Principal(self.id),
        }
    }

    fn list(&self, attr: &str) -> Option<List> {
        Some(match (attr, self.kind) {
            ("entitlements", _) => List::Entitlements,
            ("roles", _) => List::Roles,
            ("groups", _) => List::Groups,
            ("members", Kind::Group) => List::Members,
            ("emails", Kind::User) => List::Emails,
            _ => return None,
        })
    }

    fn apply(
        &self,
        identity: &mut Identity,
        op: Op,
        path: &PatchPath,
        value: Option<&Value>,
    ) -> ScimResult<()> {
        if let Some(list) = self.list(&path.attr) {
            if path.sub.is_some() {
                return Err(ScimError::bad_request(
                    "invalidPath",
                    format!("Sub-attributes of {} cannot be changed.", path.attr),
                ));
            }
            return self.apply_list(identity, list, op, path.filter.as_ref(), value);
        }
        if path.filter.is_some() {
            return Err(ScimError::bad_request(
                "invalidPath",
                format!("{} is not a multi-valued attribute.", path.attr),
            ));
        }
        self.apply_single(identity, op, &path.attr, path.sub.as_deref(), value)
    }

    fn need_value<'a>(op: Op, attr: &str, value: Option<&'a Value>) -> ScimResult<&'a Value> {
        value.ok_or_else(|| {
            invalid(format!(
                "The {} operation on {attr} needs a value.",
                if op == Op::Add { "add" } else { "replace" }
            ))
        })
    }

    fn apply_single(
        &self,
        identity: &mut Identity,
        op: Op,
        attr: &str,
        sub: Option<&str>,
        value: Option<&Value>,
    ) -> ScimResult<()> {
        let unknown = || {
            ScimError::bad_request(
                "invalidPath",
                format!("Unknown or read-only attribute {attr}."),
            )
        };
        match (attr, self.kind) {
            ("displayname", Kind::Group) => match op {
                Op::Remove => Err(mutability("displayName of a group is required.")),
                _ => {
                    let name = as_string("displayName", Self::need_value(op, attr, value)?)?;
                    rename_group(identity, self.id, &name)
                }
            },
            ("displayname", _) => {
                let p = self.principal(identity)?;
                p.display_name = match op {
                    Op::Remove => p.user_name.clone(),
                    _ => as_string("displayName", Self::need_value(op, attr, value)?)?,
                };
                Ok(())
            }
            ("externalid", Kind::Group) => {
                let external = match op {
                    Op::Remove => None,
                    _ => Some(as_string("externalId", Self::need_value(op, attr, value)?)?),
                };
                self.group(identity)?.external_id = external;
                Ok(())
            }
            ("externalid", _) => {
                let external = match op {
                    Op::Remove => None,
                    _ => Some(as_string("externalId", Self::need_value(op, attr, value)?)?),
                };
                self.principal(identity)?.external_id = external;
                Ok(())
            }
            ("active", Kind::User | Kind::ServicePrincipal) => match op {
                Op::Remove => Err(mutability("active cannot be removed.")),
                _ => {
                    let active = as_bool("active", Self::need_value(op, attr, value)?)?;
                    self.principal(identity)?.active = active;
                    Ok(())
                }
            },
            ("name", Kind::User) => {
                let p = self.principal(identity)?;
                match (op, sub) {
                    (Op::Remove, None) => set_name(p, None, false),
                    (Op::Remove, Some("givenname")) => {
                        p.given_name = None;
                        Ok(())
                    }
                    (Op::Remove, Some("familyname")) => {
                        p.family_name = None;
                        Ok(())
                    }
                    (_, None) => {
                        set_name(p, Some(Self::need_value(op, attr, value)?), op == Op::Add)
                    }
                    (_, Some("givenname")) => {
                        p.given_name = Some(as_string(
                            "name.givenName",
                            Self::need_value(op, attr, value)?,
                        )?);
                        Ok(())
                    }
                    (_, Some("familyname")) => {
                        p.family_name = Some(as_string(
                            "name.familyName",
                            Self::need_value(op, attr, value)?,
                        )?);
                        Ok(())
                    }
                    _ => Err(unknown()),
                }
            }
            // Immutable through PATCH: accepted and ignored, as the service does.
            ("username", Kind::User) | ("applicationid", Kind::ServicePrincipal) => Ok(()),
            _ => Err(unknown()),
        }
    }

    /// The current elements of a list, as `(value, rendered element)`.
    fn elements(&self, identity: &Identity, list: List) -> Vec<(String, Value)> {
        let plain = |items: &[String]| {
            items
                .iter()
                .map(|v| (v.clone(), json!({ "value": v })))
                .collect::<Vec<_>>()
        };
        match list {
            List::Entitlements | List::Roles => {
                let items = match self.kind {
                    Kind::Group => identity.group_by_id(self.id).map(|g| {
                        if list == List::Roles {
                            g.roles.clone()
                        } else {
                            g.entitlements.clone()
                        }
                    }),
                    _ => identity.by_id(self.id).map(|p| {
                        if list == List::Roles {
                            p.roles.clone()
                        } else {
                            p.entitlements.clone()
                        }
                    }),
                };
                plain(&items.unwrap_or_default())
            }
            List::Emails => identity
                .by_id(self.id)
                .map(|p| {
                    p.emails
                        .iter()
                        .map(|e| {
                            (
                                e.value.clone(),
                                json!({ "value": e.value, "type": e.kind, "primary": e.primary }),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            List::Members => render_refs(identity, &identity.members_of(&self.name(identity))),
            List::Groups => {
                let names = match self.kind {
                    Kind::Group => identity
                        .group_by_id(self.id)
                        .map(|g| g.groups.clone())
                        .unwrap_or_default(),
                    _ => identity
                        .by_id(self.id)
                        .map(|p| identity.parents_of_principal(p))
                        .unwrap_or_default(),
                };
                let refs: Vec<MemberRef> = names
                    .iter()
                    .filter_map(|n| identity.group_by_name(n))
                    .map(|g| MemberRef::Group(g.id))
                    .collect();
                render_refs(identity, &refs)
            }
        }
    }

    fn apply_list(
        &self,
        identity: &mut Identity,
        list: List,
        op: Op,
        path_filter: Option<&filter::Filter>,
        value: Option<&Value>,
    ) -> ScimResult<()> {
        if list == List::Emails {
            // Not changeable once created: accepted and ignored, as the service does.
            return Ok(());
        }
        let name = match list {
            List::Entitlements => "entitlements",
            List::Roles => "roles",
            List::Members => "members",
            List::Groups => "groups",
            List::Emails => "emails",
        };
        let new_values =
            || -> ScimResult<Vec<String>> { values_of(name, Self::need_value(op, name, value)?) };
        match (op, path_filter) {
            (Op::Add, None) => self.add_values(identity, list, new_values()?),
            (Op::Add, Some(_)) => Err(ScimError::bad_request(
                "invalidPath",
                "An add operation cannot have a filtered path.",
            )),
            (Op::Replace, None) => {
                let values = new_values()?;
                self.clear(identity, list)?;
                self.add_values(identity, list, values)
            }
            (Op::Remove, None) => match value {
                Some(v) => self.remove_values(identity, list, values_of(name, v)?),
                None => self.clear(identity, list),
            },
            (_, Some(f)) => {
                let mut matching = Vec::new();
                for (key, element) in self.elements(identity, list) {
                    if f.matches(&element)
                        .map_err(|e| ScimError::bad_request("invalidFilter", e))?
                    {
                        matching.push(key);
                    }
                }
                if matching.is_empty() {
                    return Err(ScimError::bad_request(
                        "noTarget",
                        format!("No {name} value matches the path filter."),
                    ));
                }
                if op == Op::Replace {
                    let values = new_values()?;
                    self.remove_values(identity, list, matching)?;
                    self.add_values(identity, list, values)
                } else {
                    self.remove_values(identity, list, matching)
                }
            }
        }
    }

    fn plain_list<'a>(
        &self,
        identity: &'a mut Identity,
        list: List,
    ) -> ScimResult<&'a mut Vec<String>> {
        Ok(match (self.kind, list) {
            (Kind::Group, List::Roles) => &mut self.group(identity)?.roles,
            (Kind::Group, _) => &mut self.group(identity)?.entitlements,
            (_, List::Roles) => &mut self.principal(identity)?.roles,
            (_, _) => &mut self.principal(identity)?.entitlements,
        })
    }

    fn add_values(
        &self,
        identity: &mut Identity,
        list: List,
        values: Vec<String>,
    ) -> ScimResult<()> {
        match list {
            List::Entitlements | List::Roles => {
                if list == List::Entitlements {
                    check_entitlements(&values)?;
                }
                let items = self.plain_list(identity, list)?;
                for v in values {
                    if !items.contains(&v) {
                        items.push(v);
                    }
                }
                Ok(())
            }
            List::Members => {
                let parent = self.name(identity);
                let members = values
                    .iter()
                    .map(|v| resolve_member(identity, v))
                    .collect::<ScimResult<Vec<_>>>()?;
                for member in members {
                    join(identity, member, &parent)?;
                }
                Ok(())
            }
            List::Groups => {
                let parents = values
                    .iter()
                    .map(|v| resolve_group(identity, v))
                    .collect::<ScimResult<Vec<_>>>()?;
                for parent in parents {
                    join(identity, self.me(), &parent)?;
                }
                Ok(())
            }
            List::Emails => Ok(()),
        }
    }

    fn remove_values(
        &self,
        identity: &mut Identity,
        list: List,
        values: Vec<String>,
    ) -> ScimResult<()> {
        match list {
            List::Entitlements | List::Roles => {
                self.plain_list(identity, list)?
                    .retain(|v| !values.contains(v));
                Ok(())
            }
            List::Members => {
                let parent = self.name(identity);
                for v in values {
                    if let Ok(member) = resolve_member(identity, &v) {
                        leave(identity, member, &parent)?;
                    }
                }
                Ok(())
            }
            List::Groups => {
                for v in values {
                    if let Ok(parent) = resolve_group(identity, &v) {
                        leave(identity, self.me(), &parent)?;
                    }
                }
                Ok(())
            }
            List::Emails => Ok(()),
        }
    }

    fn clear(&self, identity: &mut Identity, list: List) -> ScimResult<()> {
        match list {
            List::Entitlements | List::Roles => {
                self.plain_list(identity, list)?.clear();
                Ok(())
            }
            List::Members => {
                let parent = self.name(identity);
                if parent == USERS_GROUP {
                    return Err(mutability(
                        "Every user and service principal is a member of the users group.",
                    ));
                }
                for member in identity.members_of(&parent) {
                    leave(identity, member, &parent)?;
                }
                Ok(())
            }
            List::Groups => {
                match self.kind {
                    Kind::Group => self.group(identity)?.groups.clear(),
                    _ => self.principal(identity)?.groups.clear(),
                }
                Ok(())
            }
            List::Emails => Ok(()),
        }
    }
}

fn render_refs(identity: &Identity, refs: &[MemberRef]) -> Vec<(String, Value)> {
    refs.iter()
        .map(|m| {
            let id = match m {
                MemberRef::Principal(id) | MemberRef::Group(id) => id.to_string(),
            };
            let (reference, display) = render::reference(identity, *m);
            (
                id.clone(),
                json!({ "value": id, "display": display, "$ref": reference, "type": "direct" }),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let p = parse_path(r#"members[value eq "1"]"#).unwrap();
        assert_eq!(p.attr, "members");
        assert!(p.filter.is_some() && p.sub.is_none());
        let p = parse_path("name.givenName").unwrap();
        assert_eq!(
            (p.attr.as_str(), p.sub.as_deref()),
            ("name", Some("givenname"))
        );
        let p = parse_path("urn:ietf:params:scim:schemas:core:2.0:User:active").unwrap();
        assert_eq!(p.attr, "active");
        let p = parse_path(r#"emails[type eq "work"].value"#).unwrap();
        assert_eq!(p.sub.as_deref(), Some("value"));
        assert!(parse_path("members[").is_err());
        assert!(parse_path(r#"members[value zz "1"]"#).is_err());
        assert!(parse_path("a.b.c").is_err());
    }

    #[test]
    fn uuids_look_like_v4() {
        let u = uuid(&mut Rng::new(3));
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
    }
}
