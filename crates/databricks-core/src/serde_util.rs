//! Serde helpers shared by the API family crates.

use serde::de::Visitor;
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
    // A visitor, not `String::deserialize`: the text is decoded where the parser holds it
    // (borrowed from the input when it has no escapes), never copied into a `String` first.
    deserializer.deserialize_option(Base64Visitor)
}

struct Base64Visitor;

impl<'de> Visitor<'de> for Base64Visitor {
    type Value = bytes::Bytes;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("base64 text or null")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(bytes::Bytes::from)
            .map_err(|e| E::custom(format!("invalid base64: {e}")))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(bytes::Bytes::new())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(bytes::Bytes::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Read {
        #[serde(default, deserialize_with = "deserialize_base64")]
        data: bytes::Bytes,
    }

    #[test]
    fn base64_text_null_absent_and_escaped() {
        let r: Read = serde_json::from_str(r#"{"data": "aGk="}"#).unwrap();
        assert_eq!(&r.data[..], b"hi");
        let r: Read = serde_json::from_str(r#"{"data": null}"#).unwrap();
        assert!(r.data.is_empty());
        let r: Read = serde_json::from_str("{}").unwrap();
        assert!(r.data.is_empty());
        // An escaped slash is not borrowable text: still decoded.
        let r: Read = serde_json::from_str(r#"{"data": "\/w=="}"#).unwrap();
        assert_eq!(&r.data[..], &[0xff]);
        // From a reader (no borrowing at all).
        let r: Read = serde_json::from_reader(&br#"{"data": "aGk="}"#[..]).unwrap();
        assert_eq!(&r.data[..], b"hi");
    }

    #[test]
    fn base64_errors_are_decode_errors() {
        let err = serde_json::from_str::<Read>(r#"{"data": "***"}"#).unwrap_err();
        assert!(err.to_string().contains("invalid base64"), "{err}");
        let err = serde_json::from_str::<Read>(r#"{"data": 12}"#).unwrap_err();
        assert!(err.to_string().contains("base64 text or null"), "{err}");
    }
}
