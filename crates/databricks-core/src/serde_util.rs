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

/// Serializes optional bytes as standard base64 (the JSON `bytes` encoding of the REST API),
/// for `#[serde(serialize_with = "...", skip_serializing_if = "Option::is_none")]`.
pub fn serialize_base64_opt<S: serde::Serializer>(
    value: &Option<bytes::Bytes>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use base64::Engine;
    match value {
        Some(b) => serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(b)),
        None => serializer.serialize_none(),
    }
}

/// Deserializes standard base64 text (or `null`, as empty) into bytes.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Read {
///     #[serde(default, deserialize_with = "databricks_core::serde_util::deserialize_base64")]
///     data: bytes::Bytes,
/// }
/// let r: Read = serde_json::from_str(r#"{"data": "aGk="}"#).unwrap();
/// assert_eq!(&r.data[..], b"hi");
/// ```
pub fn deserialize_base64<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<bytes::Bytes, D::Error> {
    use base64::Engine;
    let text: Option<String> = Option::deserialize(deserializer)?;
    match text {
        None => Ok(bytes::Bytes::new()),
        Some(t) => base64::engine::general_purpose::STANDARD
            .decode(t.as_bytes())
            .map(bytes::Bytes::from)
            .map_err(|e| serde::de::Error::custom(format!("invalid base64: {e}"))),
    }
}
