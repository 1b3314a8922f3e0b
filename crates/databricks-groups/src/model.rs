//! The types of the legacy Groups API.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A member or a child of a group, referenced by name: a user (by user name, an email) or a
/// group (by group name).
///
/// On the wire it is `{"user_name": ...}` or `{"group_name": ...}`; an element the service
/// sends in another shape is kept as [`Principal::Unrecognized`].
///
/// ```
/// use databricks_groups::Principal;
///
/// let alice = Principal::user("alice@example.com");
/// assert_eq!(
///     serde_json::to_value(&alice).unwrap(),
///     serde_json::json!({ "user_name": "alice@example.com" })
/// );
/// let nested: Principal = serde_json::from_str(r#"{"group_name": "contractors"}"#).unwrap();
/// assert_eq!(nested, Principal::group("contractors"));
/// assert_eq!(nested.name(), Some("contractors"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Principal {
    /// A user, by user name (`user_name`).
    User(String),
    /// A group, by group name (`group_name`).
    Group(String),
    /// An element with neither `user_name` nor `group_name`, kept as sent.
    Unrecognized(Map<String, Value>),
}

impl Principal {
    /// A user, by user name.
    pub fn user(user_name: impl Into<String>) -> Self {
        Self::User(user_name.into())
    }

    /// A group, by group name.
    pub fn group(group_name: impl Into<String>) -> Self {
        Self::Group(group_name.into())
    }

    /// The user or group name.
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::User(name) | Self::Group(name) => Some(name),
            Self::Unrecognized(_) => None,
        }
    }

    /// The user name, if this is a user.
    pub fn as_user(&self) -> Option<&str> {
        match self {
            Self::User(name) => Some(name),
            _ => None,
        }
    }

    /// The group name, if this is a group.
    pub fn as_group(&self) -> Option<&str> {
        match self {
            Self::Group(name) => Some(name),
            _ => None,
        }
    }

    /// The wire field and the name, for requests.
    pub(crate) fn field(&self) -> Option<(&'static str, &str)> {
        match self {
            Self::User(name) => Some(("user_name", name)),
            Self::Group(name) => Some(("group_name", name)),
            Self::Unrecognized(_) => None,
        }
    }
}

impl fmt::Display for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::User(name) => write!(f, "user {name}"),
            Self::Group(name) => write!(f, "group {name}"),
            Self::Unrecognized(map) => write!(f, "principal {}", Value::Object(map.clone())),
        }
    }
}

impl Serialize for Principal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Unrecognized(map) => map.serialize(serializer),
            Self::User(name) | Self::Group(name) => {
                let mut map = Map::new();
                if let Some((field, _)) = self.field() {
                    map.insert(field.to_owned(), Value::String(name.clone()));
                }
                map.serialize(serializer)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Principal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Map::<String, Value>::deserialize(deserializer)?;
        let text = |key: &str| -> Result<Option<String>, D::Error> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err(D::Error::custom(format!(
                    "{key} must be a string, got {other}"
                ))),
            }
        };
        if let Some(user) = text("user_name")? {
            return Ok(Self::User(user));
        }
        if let Some(group) = text("group_name")? {
            return Ok(Self::Group(group));
        }
        Ok(Self::Unrecognized(map))
    }
}
