//! The `User-Agent` header: `databricks-rs/<version> rust/<version> os/<os> auth/<type>`.

/// Builds the User-Agent value; `suffix` (if any) is appended after a space.
pub(crate) fn user_agent(auth_type: &str, suffix: Option<&str>) -> String {
    let mut ua = format!(
        "databricks-rs/{} rust/{} os/{} auth/{}",
        crate::VERSION,
        env!("DATABRICKS_RS_RUSTC_VERSION"),
        std::env::consts::OS,
        auth_type
    );
    if let Some(s) = suffix.map(str::trim).filter(|s| !s.is_empty()) {
        ua.push(' ');
        ua.push_str(s);
    }
    ua
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape() {
        let ua = user_agent("pat", Some("my-tool/1.2"));
        let parts: Vec<&str> = ua.split(' ').collect();
        assert_eq!(parts[0], format!("databricks-rs/{}", crate::VERSION));
        assert!(parts[1].starts_with("rust/1."), "{ua}");
        assert_eq!(parts[2], format!("os/{}", std::env::consts::OS));
        assert_eq!(parts[3], "auth/pat");
        assert_eq!(parts[4], "my-tool/1.2");
        assert_eq!(user_agent("oauth-m2m", None).split(' ').count(), 4);
    }
}
