//! Workspace identities: users and service principals, and their group memberships.
//!
//! Small on purpose; SCIM (`/api/2.0/preview/scim/v2/*`, `Me`) and the legacy Groups API extend
//! this module when they land. Every principal is implicitly a member of the `users` group;
//! members of `admins` are workspace admins and pass every permission check.

use serde::{Deserialize, Serialize};

use crate::ids::Rng;

/// The built-in group every principal belongs to.
pub(crate) const USERS_GROUP: &str = "users";
/// The built-in group of workspace admins.
pub(crate) const ADMINS_GROUP: &str = "admins";
/// The numeric id of the default admin user ([`crate::DEFAULT_ADMIN_USER`]).
pub(crate) const DEFAULT_ADMIN_ID: i64 = 4_213_901_385_204_710;

/// What kind of principal an identity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PrincipalKind {
    /// A human user, named by e-mail.
    User,
    /// A service principal, named by its application id.
    ServicePrincipal,
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
}

impl Principal {
    /// Whether the principal is a workspace admin.
    pub(crate) fn is_admin(&self) -> bool {
        self.groups.iter().any(|g| g == ADMINS_GROUP)
    }
}

/// All principals of the workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Identity {
    /// Users and service principals.
    #[serde(default)]
    pub(crate) principals: Vec<Principal>,
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
        let mut id = fixed_id.unwrap_or_else(|| rng.numeric_id());
        while self.by_id(id).is_some() {
            id = rng.numeric_id();
        }
        let display_name = match kind {
            PrincipalKind::User => user_name.split('@').next().unwrap_or(user_name).to_owned(),
            PrincipalKind::ServicePrincipal => format!("sp-{user_name}"),
        };
        self.principals.push(Principal {
            id,
            user_name: user_name.to_owned(),
            display_name,
            kind,
            groups: if admin {
                vec![ADMINS_GROUP.to_owned()]
            } else {
                Vec::new()
            },
        });
        id
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
        assert_eq!(ids.by_name("a@x.com").unwrap().display_name, "a");
        let fixed = ids.ensure("f@x.com", PrincipalKind::User, false, Some(a), &mut rng);
        assert_ne!(fixed, a, "a taken id is never reused");
    }
}
