//! The Permissions API shape shared by clusters, jobs, workspace objects, tokens and others.
//!
//! Every object type has the same four endpoints under `/api/2.0/permissions/{type}/{id}`:
//! get, set (PUT: replace all direct grants), update (PATCH: add or change grants) and
//! `permissionLevels`. Only the permission level enum differs; the types here are generic over
//! it, and each family crate names its own (`ClusterPermissionLevel`, `JobPermissionLevel`...).
//!
//! ```no_run
//! # async fn demo(client: databricks_core::Client) -> databricks_core::Result<()> {
//! use databricks_core::permissions::{AccessControlRequest, PermissionsApi};
//!
//! databricks_core::open_enum! {
//!     /// Levels on a cluster.
//!     pub enum ClusterPermissionLevel {
//!         /// Attach notebooks.
//!         CanAttachTo = "CAN_ATTACH_TO",
//!         /// Restart.
//!         CanRestart = "CAN_RESTART",
//!         /// Everything.
//!         CanManage = "CAN_MANAGE",
//!     }
//! }
//!
//! let api = PermissionsApi::<ClusterPermissionLevel>::new(client, "clusters");
//! let acl = vec![AccessControlRequest::group("data-eng", ClusterPermissionLevel::CanRestart)];
//! let now = api.update("0923-164208-meows279", &acl).await?;
//! for entry in now.access_control_list {
//!     println!("{:?}: {:?}", entry.group_name, entry.all_permissions);
//! }
//! # Ok(()) }
//! ```

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::Result;
use crate::request::encode_path_segment;

/// One grant in a set or update request: exactly one principal and a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "L: Deserialize<'de>"))]
pub struct AccessControlRequest<L> {
    /// A group's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// The level granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_level: Option<L>,
    /// A service principal's application id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_principal_name: Option<String>,
    /// A user's name (email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
}

impl<L> Default for AccessControlRequest<L> {
    fn default() -> Self {
        Self {
            group_name: None,
            permission_level: None,
            service_principal_name: None,
            user_name: None,
        }
    }
}

impl<L> AccessControlRequest<L> {
    /// A grant to a user.
    pub fn user(user_name: impl Into<String>, level: L) -> Self {
        Self {
            group_name: None,
            permission_level: Some(level),
            service_principal_name: None,
            user_name: Some(user_name.into()),
        }
    }

    /// A grant to a group.
    pub fn group(group_name: impl Into<String>, level: L) -> Self {
        Self {
            group_name: Some(group_name.into()),
            permission_level: Some(level),
            service_principal_name: None,
            user_name: None,
        }
    }

    /// A grant to a service principal (by application id).
    pub fn service_principal(application_id: impl Into<String>, level: L) -> Self {
        Self {
            group_name: None,
            permission_level: Some(level),
            service_principal_name: Some(application_id.into()),
            user_name: None,
        }
    }
}

/// The permissions of one object.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "L: Deserialize<'de>"))]
pub struct ObjectPermissions<L> {
    /// One entry per principal.
    #[serde(
        default = "Vec::new",
        deserialize_with = "crate::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub access_control_list: Vec<AccessControlResponse<L>>,
    /// The object's id, e.g. `/clusters/0923-164208-meows279`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    /// The object's type, e.g. `cluster`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<String>,
}

impl<L> Default for ObjectPermissions<L> {
    fn default() -> Self {
        Self {
            access_control_list: Vec::new(),
            object_id: None,
            object_type: None,
        }
    }
}

/// A principal's permissions on an object.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "L: Deserialize<'de>"))]
pub struct AccessControlResponse<L> {
    /// Direct and inherited permissions.
    #[serde(
        default = "Vec::new",
        deserialize_with = "crate::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub all_permissions: Vec<Permission<L>>,
    /// The principal's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Set when the principal is a group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Set when the principal is a service principal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_principal_name: Option<String>,
    /// Set when the principal is a user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
}

impl<L> Default for AccessControlResponse<L> {
    fn default() -> Self {
        Self {
            all_permissions: Vec::new(),
            display_name: None,
            group_name: None,
            service_principal_name: None,
            user_name: None,
        }
    }
}

/// One permission, direct or inherited.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "L: Deserialize<'de>"))]
pub struct Permission<L> {
    /// Whether it comes from a parent object.
    #[serde(default, deserialize_with = "crate::serde_util::null_default")]
    pub inherited: bool,
    /// The objects it is inherited from.
    #[serde(
        default = "Vec::new",
        deserialize_with = "crate::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub inherited_from_object: Vec<String>,
    /// The level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_level: Option<L>,
}

impl<L> Default for Permission<L> {
    fn default() -> Self {
        Self {
            inherited: false,
            inherited_from_object: Vec::new(),
            permission_level: None,
        }
    }
}

/// A level an object type supports, with its description.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "L: Deserialize<'de>"))]
pub struct PermissionsDescription<L> {
    /// What the level allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_level: Option<L>,
}

impl<L> Default for PermissionsDescription<L> {
    fn default() -> Self {
        Self {
            description: None,
            permission_level: None,
        }
    }
}

/// The body of a set (PUT) or update (PATCH): the grants. The list is always sent, so an
/// empty list with set removes every direct grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "L: Deserialize<'de>"))]
pub struct AccessControlList<L> {
    /// The grants.
    #[serde(
        default = "Vec::new",
        deserialize_with = "crate::serde_util::null_default"
    )]
    pub access_control_list: Vec<AccessControlRequest<L>>,
}

impl<L> AccessControlList<L> {
    /// A list with these grants.
    pub fn new(grants: impl IntoIterator<Item = AccessControlRequest<L>>) -> Self {
        Self {
            access_control_list: grants.into_iter().collect(),
        }
    }
}

impl<L> Default for AccessControlList<L> {
    fn default() -> Self {
        Self {
            access_control_list: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "L: Deserialize<'de>"))]
struct Levels<L> {
    #[serde(default = "Vec::new")]
    permission_levels: Vec<PermissionsDescription<L>>,
}

#[derive(Serialize)]
struct AclBody<'a, L: Serialize> {
    access_control_list: &'a [AccessControlRequest<L>],
}

/// The four permissions endpoints for one object type (`clusters`, `jobs`, `notebooks`,
/// `directories`, `authorization` (for `tokens`), ...), typed by its level enum `L`.
#[derive(Debug, Clone)]
pub struct PermissionsApi<L> {
    client: Client,
    object_type: &'static str,
    _level: PhantomData<fn() -> L>,
}

impl<L: Serialize + DeserializeOwned> PermissionsApi<L> {
    /// Permissions of objects of `object_type`, as named in the URL (`clusters`, `jobs`, ...).
    pub fn new(client: Client, object_type: &'static str) -> Self {
        Self {
            client,
            object_type,
            _level: PhantomData,
        }
    }

    fn path(&self, object_id: &str) -> String {
        format!(
            "/api/2.0/permissions/{}/{}",
            self.object_type,
            encode_path_segment(object_id)
        )
    }

    /// `GET /api/2.0/permissions/{type}/{id}`: the object's permissions.
    pub async fn get(&self, object_id: &str) -> Result<ObjectPermissions<L>> {
        self.client
            .request(http::Method::GET, self.path(object_id))
            .send()
            .await
    }

    /// `PUT`: replaces all direct grants with `acl` (an empty list removes them all).
    pub async fn set(
        &self,
        object_id: &str,
        acl: &[AccessControlRequest<L>],
    ) -> Result<ObjectPermissions<L>> {
        self.client
            .request(http::Method::PUT, self.path(object_id))
            .json(&AclBody {
                access_control_list: acl,
            })
            .idempotent(true)
            .send()
            .await
    }

    /// `PATCH`: adds or changes the grants in `acl`, keeping the others.
    pub async fn update(
        &self,
        object_id: &str,
        acl: &[AccessControlRequest<L>],
    ) -> Result<ObjectPermissions<L>> {
        self.client
            .request(http::Method::PATCH, self.path(object_id))
            .json(&AclBody {
                access_control_list: acl,
            })
            .idempotent(true)
            .send()
            .await
    }

    /// `GET .../permissionLevels`: the levels this object type supports.
    pub async fn permission_levels(
        &self,
        object_id: &str,
    ) -> Result<Vec<PermissionsDescription<L>>> {
        let levels: Levels<L> = self
            .client
            .request(
                http::Method::GET,
                format!("{}/permissionLevels", self.path(object_id)),
            )
            .send()
            .await?;
        Ok(levels.permission_levels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::open_enum! {
        /// Test levels.
        pub enum Level {
            /// Manage.
            CanManage = "CAN_MANAGE",
        }
    }

    #[test]
    fn request_serializes_only_the_set_principal() {
        let r = AccessControlRequest::user("a@b.com", Level::CanManage);
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"user_name": "a@b.com", "permission_level": "CAN_MANAGE"})
        );
    }

    #[test]
    fn response_tolerates_unknown_levels_and_fields() {
        let p: ObjectPermissions<Level> = serde_json::from_value(serde_json::json!({
            "object_id": "/clusters/c1", "object_type": "cluster", "future": 1,
            "access_control_list": [{"group_name": "admins", "all_permissions": [
                {"permission_level": "CAN_TELEPORT", "inherited": true,
                 "inherited_from_object": ["/clusters/"]}]}]
        }))
        .unwrap();
        let perm = &p.access_control_list[0].all_permissions[0];
        assert_eq!(
            perm.permission_level,
            Some(Level::Unrecognized("CAN_TELEPORT".into()))
        );
        assert!(perm.inherited);
    }
}
