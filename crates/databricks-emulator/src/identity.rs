//! Workspace identities: users, service principals and groups (nested), with their
//! entitlements. The one store behind authentication, SCIM (`/api/2.0/preview/scim/v2/*`,
//! `Me`), the legacy Groups API and ACL principals.
//!
//! Membership is kept on the member's side: a principal's or group's `groups` lists the names
//! of the groups it directly belongs to. Every principal (user or service principal) is
//! implicitly a member of the built-in `users` group; members of `admins` are workspace admins
//! and pass every permission check. The built-in groups always exist and cannot be deleted or
//! renamed.

use serde::{Deserialize, Serialize};

use crate::ids::Rng;

/// The built-in group every principal belongs to.
pub(crate) const USERS_GROUP: &str = "users";
/// The built-in group of workspace admins.
pub(crate) const ADMINS_GROUP: &str = "admins";
/// The numeric id of the default admin user ([`crate::DEFAULT_ADMIN_USER`]).
pub(crate) const DEFAULT_ADMIN_ID: i64 = 4_213_901_385_204_710;
/// The numeric id of the built-in `admins` group.
pub(crate) const ADMINS_GROUP_ID: i64 = 8_115_743_902_750_121;
/// The numeric id of the built-in `users` group.
pub(crate) const USERS_GROUP_ID: i64 = 8_115_743_902_750_134;
/// Entitlement names the workspace knows.
pub(crate) const ENTITLEMENTS: [&str; 5] = [
    "workspace-access",
    "databricks-sql-access",
    "allow-cluster-create",
    "allow-instance-pool-create",
    "consumer-access",
];

/// What kind of principal an identity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PrincipalKind {
    /// A human user, named by e-mail.
    User,
    /// A service principal, named by its application id.
    ServicePrincipal,
}

/// An e-mail address of a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Email {
    /// The address.
    pub(crate) value: String,
    /// `work`, `home`, ...
    #[serde(default)]
    pub(crate) kind: Option<String>,
    /// Whether it is the primary address.
    #[serde(default)]
    pub(crate) primary: bool,
}

fn yes() -> bool {
    true
}

/// A user or service principal of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Principal {
    /// Numeric id (SCIM `id`, token `owner_id`).
    pub(crate) id: i64,
    /// User name (e-mail) or, for a service principal, its application id.
    pub(crate) user_name: String,
    /// Display name.
    pub(crate) display_name: String,
    /// User or service principal.
    pub(crate) kind: PrincipalKind,
    /// Groups the principal is a direct member of, besides the implicit `users`.
    #[serde(default)]
    pub(crate) groups: Vec<String>,
    /// Whether the principal is enabled.
    #[serde(default = "yes")]
    pub(crate) active: bool,
    /// E-mail addresses (users).
    #[serde(default)]
    pub(crate) emails: Vec<Email>,
    /// Given name (users).
    #[serde(default)]
    pub(crate) given_name: Option<String>,
    /// Family name (users).
    #[serde(default)]
    pub(crate) family_name: Option<String>,
    /// Entitlements granted directly.
    #[serde(default)]
    pub(crate) entitlements: Vec<String>,
    /// Roles (instance profile ARNs) granted directly.
    #[serde(default)]
    pub(crate) roles: Vec<String>,
    /// The identity provider's id.
    #[serde(default)]
    pub(crate) external_id: Option<String>,
}

impl Principal {
    /// A new, active principal with no groups; users get their user name as primary e-mail.
    pub(crate) fn new(id: i64, user_name: &str, display_name: &str, kind: PrincipalKind) -> Self {
        let emails = match kind {
            PrincipalKind::User => vec![Email {
                value: user_name.to_owned(),
                kind: Some("work".to_owned()),
                primary: true,
            }],
            PrincipalKind::ServicePrincipal => Vec::new(),
        };
        Self {
            id,
            user_name: user_name.to_owned(),
            display_name: display_name.to_owned(),
            kind,
            groups: Vec::new(),
            active: true,
            emails,
            given_name: None,
            family_name: None,
            entitlements: Vec::new(),
            roles: Vec::new(),
            external_id: None,
        }
    }

    /// Whether the principal is a workspace admin.
    pub(crate) fn is_admin(&self) -> bool {
        self.groups.iter().any(|g| g == ADMINS_GROUP)
    }
}

/// A workspace group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Group {
    /// Numeric id (SCIM `id`).
    pub(crate) id: i64,
    /// The group name.
    pub(crate) display_name: String,
    /// Groups this group is a direct member of.
    #[serde(default)]
    pub(crate) groups: Vec<String>,
    /// Entitlements granted to the group.
    #[serde(default)]
    pub(crate) entitlements: Vec<String>,
    /// Roles granted to the group.
    #[serde(default)]
    pub(crate) roles: Vec<String>,
    /// The identity provider's id.
    #[serde(default)]
    pub(crate) external_id: Option<String>,
}

impl Group {
    /// A new top-level group.
    pub(crate) fn new(id: i64, display_name: &str) -> Self {
        Self {
            id,
            display_name: display_name.to_owned(),
            groups: Vec::new(),
            entitlements: Vec::new(),
            roles: Vec::new(),
            external_id: None,
        }
    }
}

/// Whether `name` is a built-in group (`admins`, `users`).
pub(crate) fn is_builtin_group(name: &str) -> bool {
    name == ADMINS_GROUP || name == USERS_GROUP
}

/// The built-in groups of a fresh workspace, with their default entitlements.
fn builtin_groups() -> Vec<Group> {
    let strings = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    vec![
        Group {
            entitlements: strings(&[
                "workspace-access",
                "databricks-sql-access",
                "allow-cluster-create",
                "allow-instance-pool-create",
            ]),
            ..Group::new(ADMINS_GROUP_ID, ADMINS_GROUP)
        },
        Group {
            entitlements: strings(&["workspace-access", "databricks-sql-access"]),
            ..Group::new(USERS_GROUP_ID, USERS_GROUP)
        },
    ]
}

/// A direct member of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MemberRef {
    /// A user or service principal, by id.
    Principal(i64),
    /// A group, by id.
    Group(i64),
}

/// All principals and groups of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Identity {
    /// Users and service principals, in creation order.
    #[serde(default)]
    pub(crate) principals: Vec<Principal>,
    /// Groups, in creation order (the built-in ones first).
    #[serde(default = "builtin_groups")]
    pub(crate) groups: Vec<Group>,
}

impl Default for Identity {
    fn default() -> Self {
        Self {
            principals: Vec::new(),
            groups: builtin_groups(),
        }
    }
}

impl Identity {
    /// The principal with this user name (or application id).
    pub(crate) fn by_name(&self, user_name: &str) -> Option<&Principal> {
        self.principals.iter().find(|p| p.user_name == user_name)
    }

    /// The principal with this numeric id.
    pub(crate) fn by_id(&self, id: i64) -> Option<&Principal> {
        self.principals.iter().find(|p| p.id == id)
    }

    /// The principal with this numeric id, mutable.
    pub(crate) fn by_id_mut(&mut self, id: i64) -> Option<&mut Principal> {
        self.principals.iter_mut().find(|p| p.id == id)
    }

    /// Whether `name` is a principal an ACL can name: a user (by user name), a service
    /// principal (by application id) or a group (by name), the built-in `users` and `admins`
    /// included.
    pub(crate) fn has_principal_named(&self, name: &str) -> bool {
        is_builtin_group(name) || self.by_name(name).is_some() || self.group_by_name(name).is_some()
    }

    /// The group with this name.
    pub(crate) fn group_by_name(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.display_name == name)
    }

    /// The group with this numeric id.
    pub(crate) fn group_by_id(&self, id: i64) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The group with this numeric id, mutable.
    pub(crate) fn group_by_id_mut(&mut self, id: i64) -> Option<&mut Group> {
        self.groups.iter_mut().find(|g| g.id == id)
    }

    /// Adds the built-in groups if a loaded state lacks them.
    pub(crate) fn ensure_builtin_groups(&mut self) {
        for builtin in builtin_groups() {
            if self.group_by_name(&builtin.display_name).is_none() {
                self.groups.push(builtin);
            }
        }
    }

    /// A fresh numeric id, unused by any principal or group.
    pub(crate) fn fresh_id(&self, rng: &mut Rng) -> i64 {
        loop {
            let id = rng.numeric_id();
            if self.by_id(id).is_none() && self.group_by_id(id).is_none() {
                return id;
            }
        }
    }

    /// Makes sure a principal exists (creating it with a fresh id), and that it is an admin
    /// when `admin` is set. Returns its id.
    pub(crate) fn ensure(
        &mut self,
        user_name: &str,
        kind: PrincipalKind,
        admin: bool,
        fixed_id: Option<i64>,
        rng: &mut Rng,
    ) -> i64 {
        self.ensure_builtin_groups();
        if let Some(existing) = self
            .principals
            .iter_mut()
            .find(|p| p.user_name == user_name)
        {
            if admin && !existing.is_admin() {
                existing.groups.push(ADMINS_GROUP.to_owned());
            }
            return existing.id;
        }
        let id = match fixed_id {
            Some(id) if self.by_id(id).is_none() && self.group_by_id(id).is_none() => id,
            _ => self.fresh_id(rng),
        };
        let display_name = match kind {
            PrincipalKind::User => user_name.split('@').next().unwrap_or(user_name).to_owned(),
            PrincipalKind::ServicePrincipal => format!("sp-{user_name}"),
        };
        let mut principal = Principal::new(id, user_name, &display_name, kind);
        if admin {
            principal.groups.push(ADMINS_GROUP.to_owned());
        }
        self.principals.push(principal);
        id
    }

    /// The direct members of the group named `name`: principals and groups, in creation
    /// order. Every principal is a member of `users`.
    pub(crate) fn members_of(&self, name: &str) -> Vec<MemberRef> {
        let everyone = name == USERS_GROUP;
        let principals = self
            .principals
            .iter()
            .filter(|p| everyone || p.groups.iter().any(|g| g == name))
            .map(|p| MemberRef::Principal(p.id));
        let groups = self
            .groups
            .iter()
            .filter(|g| g.groups.iter().any(|parent| parent == name))
            .map(|g| MemberRef::Group(g.id));
        principals.chain(groups).collect()
    }

    /// The names of the groups a principal directly belongs to, `users` included.
    pub(crate) fn parents_of_principal(&self, principal: &Principal) -> Vec<String> {
        let mut names = vec![USERS_GROUP.to_owned()];
        names.extend(
            principal
                .groups
                .iter()
                .filter(|g| g.as_str() != USERS_GROUP)
                .cloned(),
        );
        names
    }

    /// Every group `principal` belongs to, directly or through nested groups, `users`
    /// included; each name once.
    pub(crate) fn effective_groups(&self, principal: &Principal) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut pending = self.parents_of_principal(principal);
        while let Some(name) = pending.pop() {
            if out.contains(&name) {
                continue;
            }
            if let Some(g) = self.group_by_name(&name) {
                pending.extend(g.groups.iter().cloned());
            }
            out.push(name);
        }
        out
    }

    /// Whether the group `ancestor` contains the group `group`, directly or through nesting
    /// (or is it).
    pub(crate) fn group_within(&self, group: &str, ancestor: &str) -> bool {
        let mut pending = vec![group.to_owned()];
        let mut seen: Vec<String> = Vec::new();
        while let Some(name) = pending.pop() {
            if name == ancestor {
                return true;
            }
            if seen.contains(&name) {
                continue;
            }
            if let Some(g) = self.group_by_name(&name) {
                pending.extend(g.groups.iter().cloned());
            }
            seen.push(name);
        }
        false
    }

    /// Whether making group `child` a member of group `parent` would create a cycle.
    pub(crate) fn would_cycle(&self, child: &str, parent: &str) -> bool {
        self.group_within(parent, child)
    }

    /// Adds a direct membership (no-op when it exists or for `users`). The caller has checked
    /// that both sides exist and that no cycle results.
    pub(crate) fn add_membership(&mut self, member: MemberRef, parent: &str) {
        let groups = match member {
            MemberRef::Principal(id) if parent != USERS_GROUP => {
                self.by_id_mut(id).map(|p| &mut p.groups)
            }
            MemberRef::Principal(_) => None,
            MemberRef::Group(id) => self.group_by_id_mut(id).map(|g| &mut g.groups),
        };
        if let Some(groups) = groups {
            if !groups.iter().any(|g| g == parent) {
                groups.push(parent.to_owned());
            }
        }
    }

    /// Removes a direct membership; returns whether there was one.
    pub(crate) fn remove_membership(&mut self, member: MemberRef, parent: &str) -> bool {
        let groups = match member {
            MemberRef::Principal(id) => self.by_id_mut(id).map(|p| &mut p.groups),
            MemberRef::Group(id) => self.group_by_id_mut(id).map(|g| &mut g.groups),
        };
        match groups {
            Some(groups) => {
                let before = groups.len();
                groups.retain(|g| g != parent);
                groups.len() != before
            }
            None => false,
        }
    }

    /// Renames a group everywhere it is referenced.
    pub(crate) fn rename_group(&mut self, id: i64, new_name: &str) {
        let Some(old) = self.group_by_id(id).map(|g| g.display_name.clone()) else {
            return;
        };
        if old == new_name {
            return;
        }
        let rename = |groups: &mut Vec<String>| {
            for g in groups.iter_mut() {
                if *g == old {
                    *g = new_name.to_owned();
                }
            }
        };
        for p in &mut self.principals {
            rename(&mut p.groups);
        }
        for g in &mut self.groups {
            rename(&mut g.groups);
            if g.id == id {
                g.display_name = new_name.to_owned();
            }
        }
    }

    /// Deletes a group and every membership in it.
    pub(crate) fn delete_group(&mut self, id: i64) {
        let Some(name) = self.group_by_id(id).map(|g| g.display_name.clone()) else {
            return;
        };
        self.groups.retain(|g| g.id != id);
        for p in &mut self.principals {
            p.groups.retain(|g| *g != name);
        }
        for g in &mut self.groups {
            g.groups.retain(|n| *n != name);
        }
    }

    /// Deletes a principal.
    pub(crate) fn delete_principal(&mut self, id: i64) {
        self.principals.retain(|p| p.id != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ensure_is_idempotent_and_promotes() {
        let mut rng = Rng::new(1);
        let mut ids = Identity::default();
        let a = ids.ensure("a@x.com", PrincipalKind::User, false, None, &mut rng);
        let b = ids.ensure("a@x.com", PrincipalKind::User, true, None, &mut rng);
        assert_eq!(a, b);
        assert!(ids.by_id(a).unwrap().is_admin());
        assert!(ids.has_principal_named("a@x.com"));
        assert!(ids.has_principal_named(USERS_GROUP));
        assert!(ids.has_principal_named(ADMINS_GROUP));
        assert!(!ids.has_principal_named("nobody@x.com"));
        assert_eq!(ids.by_name("a@x.com").unwrap().display_name, "a");
        let fixed = ids.ensure("f@x.com", PrincipalKind::User, false, Some(a), &mut rng);
        assert_ne!(fixed, a, "a taken id is never reused");
    }

    #[test]
    fn builtin_groups_exist_and_membership_nests() {
        let mut rng = Rng::new(2);
        let mut ids = Identity::default();
        assert!(ids.group_by_name(ADMINS_GROUP).is_some());
        assert!(ids.group_by_name(USERS_GROUP).is_some());
        let alice = ids.ensure("alice@x.com", PrincipalKind::User, false, None, &mut rng);
        let outer = ids.fresh_id(&mut rng);
        ids.groups.push(Group::new(outer, "outer"));
        assert!(ids.has_principal_named("outer"));
        let inner = ids.fresh_id(&mut rng);
        ids.groups.push(Group::new(inner, "inner"));
        ids.add_membership(MemberRef::Group(inner), "outer");
        ids.add_membership(MemberRef::Principal(alice), "inner");
        assert!(ids.group_within("inner", "outer"));
        assert!(!ids.group_within("outer", "inner"));
        assert!(ids.would_cycle("outer", "inner"));
        assert!(ids.would_cycle("inner", "inner"));
        assert!(!ids.would_cycle("inner", "outer"));
        assert_eq!(ids.members_of("outer"), vec![MemberRef::Group(inner)]);
        assert!(
            ids.members_of(USERS_GROUP)
                .contains(&MemberRef::Principal(alice))
        );

        ids.rename_group(inner, "renamed");
        assert!(ids.group_within("renamed", "outer"));
        assert_eq!(ids.by_id(alice).unwrap().groups, vec!["renamed".to_owned()]);
        ids.delete_group(outer);
        assert!(ids.group_by_id(inner).unwrap().groups.is_empty());
        assert!(ids.remove_membership(MemberRef::Principal(alice), "renamed"));
        assert!(!ids.remove_membership(MemberRef::Principal(alice), "renamed"));
    }

    #[test]
    fn old_state_without_groups_gets_the_builtins() {
        let ids: Identity = serde_json::from_str(r#"{"principals": []}"#).unwrap();
        assert!(ids.group_by_name(ADMINS_GROUP).is_some());
        let p: Principal = serde_json::from_str(
            r#"{"id": 1, "user_name": "a", "display_name": "a", "kind": "user"}"#,
        )
        .unwrap();
        assert!(p.active);
    }
}
