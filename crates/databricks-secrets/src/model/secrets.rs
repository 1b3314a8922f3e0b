//! Secrets: values, metadata, put and get.

use std::fmt;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use databricks_core::{ExposeSecret, SecretString, Timestamp};
use secrecy::SecretSlice;
use serde::{Deserialize, Deserializer, Serialize};

/// Secret bytes: zeroed on drop, redacted in `Debug`, no `Display` or `Serialize`.
///
/// Read them with [`ExposeSecret::expose_secret`] (re-exported by `databricks_core`), or as
/// text with [`expose_secret_utf8`](Self::expose_secret_utf8).
///
/// ```
/// use databricks_core::ExposeSecret;
/// use databricks_secrets::SecretBytes;
///
/// let secret = SecretBytes::from(b"s3cr3t!".to_vec());
/// assert_eq!(secret.expose_secret(), b"s3cr3t!");
/// assert_eq!(secret.expose_secret_utf8().unwrap(), "s3cr3t!");
/// assert_eq!(format!("{secret:?}"), "SecretBytes([REDACTED])");
/// ```
#[derive(Clone, Default)]
pub struct SecretBytes(SecretSlice<u8>);

impl SecretBytes {
    /// Wraps `bytes`.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(SecretSlice::from(bytes.into()))
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.0.expose_secret().len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes as UTF-8 text, if they are valid UTF-8.
    pub fn expose_secret_utf8(&self) -> Result<&str, std::str::Utf8Error> {
        std::str::from_utf8(self.0.expose_secret())
    }
}

impl ExposeSecret<[u8]> for SecretBytes {
    fn expose_secret(&self) -> &[u8] {
        self.0.expose_secret()
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBytes([REDACTED])")
    }
}

impl From<Vec<u8>> for SecretBytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<&[u8]> for SecretBytes {
    fn from(bytes: &[u8]) -> Self {
        Self::new(bytes)
    }
}

/// The value of a secret to store: UTF-8 text (`string_value` on the wire) or arbitrary bytes
/// (`bytes_value`, base64-encoded by this crate). `Debug` never shows it.
///
/// ```
/// use databricks_secrets::SecretValue;
///
/// let text = SecretValue::string("s3cr3t!");
/// let cert = SecretValue::bytes(vec![0x30, 0x82, 0x02, 0xda]);
/// assert_eq!(text.len(), 7);
/// assert_eq!(cert.len(), 4);
/// assert!(!format!("{text:?}").contains("s3cr3t"));
/// ```
#[derive(Clone)]
pub enum SecretValue {
    /// UTF-8 text, sent as `string_value`.
    String(SecretString),
    /// Bytes, sent base64-encoded as `bytes_value`.
    Bytes(SecretBytes),
}

impl SecretValue {
    /// A text value.
    pub fn string(value: impl Into<String>) -> Self {
        Self::String(SecretString::from(value.into()))
    }

    /// A bytes value.
    pub fn bytes(value: impl Into<Vec<u8>>) -> Self {
        Self::Bytes(SecretBytes::new(value))
    }

    /// The size of the raw value in bytes (UTF-8 length for text, before base64 for bytes);
    /// the service allows at most [`MAX_VALUE_BYTES`](crate::MAX_VALUE_BYTES).
    pub fn len(&self) -> usize {
        match self {
            Self::String(s) => s.expose_secret().len(),
            Self::Bytes(b) => b.len(),
        }
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The JSON field this value is sent in: `string_value` or `bytes_value`.
    pub fn wire_field(&self) -> &'static str {
        match self {
            Self::String(_) => "string_value",
            Self::Bytes(_) => "bytes_value",
        }
    }
}

impl Default for SecretValue {
    /// An empty text value.
    fn default() -> Self {
        Self::String(SecretString::default())
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::String(_) => f.write_str("SecretValue::String([REDACTED])"),
            Self::Bytes(_) => f.write_str("SecretValue::Bytes([REDACTED])"),
        }
    }
}

impl From<SecretString> for SecretValue {
    fn from(value: SecretString) -> Self {
        Self::String(value)
    }
}

impl From<SecretBytes> for SecretValue {
    fn from(value: SecretBytes) -> Self {
        Self::Bytes(value)
    }
}

impl From<String> for SecretValue {
    fn from(value: String) -> Self {
        Self::string(value)
    }
}

impl From<&str> for SecretValue {
    fn from(value: &str) -> Self {
        Self::string(value)
    }
}

impl From<Vec<u8>> for SecretValue {
    fn from(value: Vec<u8>) -> Self {
        Self::bytes(value)
    }
}

/// Request of `POST /api/2.0/secrets/put`: create or overwrite the secret `key` in `scope`.
///
/// Checked before sending: `scope` not empty; `key` 1 to 128 characters from letters, digits,
/// `_`, `-` and `.`; the value at most [`MAX_VALUE_BYTES`](crate::MAX_VALUE_BYTES).
/// `Debug` never shows the value, and this type does not implement `Serialize`.
///
/// ```
/// use databricks_secrets::PutSecret;
///
/// let password = PutSecret::string("etl-credentials", "warehouse-password", "s3cr3t!");
/// let cert = PutSecret::bytes("etl-credentials", "client-cert", vec![0x30, 0x82, 0x02, 0xda]);
/// assert!(!format!("{password:?}").contains("s3cr3t"));
/// # let _ = cert;
/// ```
#[derive(Debug, Clone, Default)]
pub struct PutSecret {
    /// The (existing) scope.
    pub scope: String,
    /// The key; an existing secret with this key is overwritten.
    pub key: String,
    /// The value.
    pub value: SecretValue,
}

impl PutSecret {
    /// A request storing `value` under `key` in `scope`.
    pub fn new(
        scope: impl Into<String>,
        key: impl Into<String>,
        value: impl Into<SecretValue>,
    ) -> Self {
        Self {
            scope: scope.into(),
            key: key.into(),
            value: value.into(),
        }
    }

    /// A request storing UTF-8 text (`string_value`).
    pub fn string(
        scope: impl Into<String>,
        key: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        Self::new(scope, key, SecretValue::string(value))
    }

    /// A request storing bytes (`bytes_value`, base64-encoded on the wire).
    pub fn bytes(
        scope: impl Into<String>,
        key: impl Into<String>,
        value: impl Into<Vec<u8>>,
    ) -> Self {
        Self::new(scope, key, SecretValue::bytes(value))
    }
}

/// A secret's metadata (items of `GET /api/2.0/secrets/list`); never the value.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretMetadata {
    /// The key.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub key: String,
    /// When the secret was last written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_timestamp: Option<Timestamp>,
}

/// Response of `GET /api/2.0/secrets/get`: the key and the decoded value.
///
/// The value is [`SecretBytes`] (the API returns bytes; use
/// [`SecretBytes::expose_secret_utf8`] for text). `Debug` never shows it, and this type does
/// not implement `Serialize`.
///
/// ```
/// use databricks_secrets::GetSecretResponse;
///
/// let body = r#"{ "key": "warehouse-password", "value": "czNjcjN0IQ==" }"#;
/// let secret: GetSecretResponse = serde_json::from_str(body).unwrap();
/// assert_eq!(secret.value.expose_secret_utf8().unwrap(), "s3cr3t!");
/// assert!(!format!("{secret:?}").contains("s3cr3t"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GetSecretResponse {
    /// The key.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub key: String,
    /// The value, decoded from base64.
    #[serde(default, deserialize_with = "deserialize_base64_secret")]
    pub value: SecretBytes,
}

/// Standard base64, padding optional.
const LENIENT_STANDARD: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// URL-safe base64, padding optional (protobuf JSON accepts both alphabets).
const LENIENT_URL_SAFE: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

pub(crate) fn encode_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn deserialize_base64_secret<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<SecretBytes, D::Error> {
    let encoded =
        SecretString::from(Option::<String>::deserialize(deserializer)?.unwrap_or_default());
    let text = encoded.expose_secret();
    let decoded = LENIENT_STANDARD
        .decode(text)
        .or_else(|_| LENIENT_URL_SAFE.decode(text))
        // The decoder's message quotes an offending byte of the secret: do not pass it on.
        .map_err(|_| serde::de::Error::custom("the secret value is not valid base64"))?;
    Ok(SecretBytes::from(decoded))
}
