//! Opaque page tokens: text the emulator reads back, base64url-encoded so that clients treat
//! it as opaque. Each API decides what the text says and words its own 400.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The token for `text`.
pub(crate) fn encode(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(text)
}

/// The text of a token made by [`encode`]; `None` for anything that is not one.
pub(crate) fn decode(token: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip_and_junk() {
        let t = super::encode("dir\0name é");
        assert_eq!(super::decode(&t).as_deref(), Some("dir\0name é"));
        assert_eq!(
            super::decode(&format!(" {t}\n")).as_deref(),
            Some("dir\0name é")
        );
        assert_eq!(super::decode("not base64!"), None);
        assert_eq!(super::decode("_w"), None, "not UTF-8");
    }
}
