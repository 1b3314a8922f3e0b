//! Macros shared by the API family crates.

/// Defines an open (forward-compatible) string enum: the known variants plus
/// `Unrecognized(String)`, which keeps any value this version does not know, so that a new
/// value from the service never breaks deserialization.
///
/// Generates `as_str`, `Display`, `From<&str>`, `From<String>`, `FromStr` (infallible),
/// `Serialize`, and a `Deserialize` that never fails on an unknown string. The enum is
/// `#[non_exhaustive]` and derives `Debug, Clone, PartialEq, Eq, Hash`.
///
/// ```
/// databricks_core::open_enum! {
///     /// A scope's backend.
///     pub enum ScopeBackendType {
///         /// Stored by Databricks.
///         Databricks = "DATABRICKS",
///         /// Backed by an Azure Key Vault.
///         AzureKeyvault = "AZURE_KEYVAULT",
///     }
/// }
///
/// let b: ScopeBackendType = serde_json::from_str("\"AZURE_KEYVAULT\"").unwrap();
/// assert_eq!(b, ScopeBackendType::AzureKeyvault);
/// let new: ScopeBackendType = serde_json::from_str("\"HASHICORP\"").unwrap();
/// assert_eq!(new, ScopeBackendType::Unrecognized("HASHICORP".into()));
/// assert_eq!(serde_json::to_string(&new).unwrap(), "\"HASHICORP\"");
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $wire:literal,
            )+
        }
    ) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
            /// A value this version of the SDK does not know, kept exactly as the service sent
            /// it. Build values with `From<&str>` so that known strings map to their variant.
            Unrecognized(::std::string::String),
        }

        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unrecognized(other) => other,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    other => Self::Unrecognized(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $( $wire => Self::$variant, )+
                    _ => Self::Unrecognized(value),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value: ::std::string::String =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                Ok(Self::from(value))
            }
        }
    };
}

/// Defines a string identifier newtype (`ClusterId`, `TokenId`, ...): serde-transparent,
/// `Display`, `AsRef<str>`, `From<String>` and `From<&str>`, `as_str()`.
///
/// ```
/// databricks_core::string_id! {
///     /// A cluster's id, e.g. `0923-164208-meows279`.
///     pub struct ClusterId;
/// }
/// let id = ClusterId::from("0923-164208-meows279");
/// assert_eq!(serde_json::to_string(&id).unwrap(), "\"0923-164208-meows279\"");
/// assert_eq!(id.to_string(), "0923-164208-meows279");
/// ```
#[macro_export]
macro_rules! string_id {
    ($(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        $vis struct $name(::std::string::String);

        impl $name {
            /// Wraps an id.
            pub fn new(id: impl ::std::convert::Into<::std::string::String>) -> Self {
                Self(id.into())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as an owned string.
            pub fn into_inner(self) -> ::std::string::String {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(id: ::std::string::String) -> Self {
                Self(id)
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value: ::std::string::String =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                Ok(Self(value))
            }
        }
    };
}

/// Defines an integer identifier newtype (`JobId`, `RunId`, ...): `i64`, serde-transparent,
/// `Display`, `From<i64>`, `get()`. IDs are never parsed through floating point.
///
/// ```
/// databricks_core::int_id! {
///     /// A job's id.
///     pub struct JobId;
/// }
/// let id: JobId = serde_json::from_str("907460405112345").unwrap();
/// assert_eq!(id.get(), 907460405112345);
/// ```
#[macro_export]
macro_rules! int_id {
    ($(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        $vis struct $name(i64);

        impl $name {
            /// Wraps an id.
            pub const fn new(id: i64) -> Self {
                Self(id)
            }

            /// The raw id.
            pub const fn get(&self) -> i64 {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{}", self.0)
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(id: i64) -> Self {
                Self(id)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value: i64 = $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                Ok(Self(value))
            }
        }
    };
}
