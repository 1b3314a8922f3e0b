//! Serde helpers shared by the API family crates.

use serde::{Deserialize, Deserializer};

/// Deserializes `null` like an absent field: as `T::default()`. Some services send `null` for
/// empty lists and strings. Use with `#[serde(default, deserialize_with = "...")]`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Listing {
///     #[serde(default, deserialize_with = "databricks_core::serde_util::null_default")]
///     items: Vec<String>,
/// }
/// let l: Listing = serde_json::from_str(r#"{"items": null}"#).unwrap();
/// assert!(l.items.is_empty());
/// ```
pub fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
