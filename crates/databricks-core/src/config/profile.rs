//! A small parser for the INI format of `~/.databrickscfg`.
//!
//! The format is the one the Databricks CLI writes:
//!
//! ```ini
//! ; comment
//! [DEFAULT]
//! host  = https://adb-123.azuredatabricks.net
//! token = dapi...
//!
//! # another comment
//! [dev]
//! host          = https://dev.cloud.databricks.com
//! client_id     = ...
//! client_secret = ...
//! ```
//!
//! Rules:
//! - `[name]` starts a section (a profile). Section names and keys are case-sensitive.
//! - `key = value` lines; whitespace around keys and values is ignored; the value is everything
//!   after the first `=` (so values may contain `=`).
//! - Lines whose first non-blank character is `#` or `;` are comments. There are no inline
//!   comments: a `#` inside a value is part of the value (secrets may contain one).
//! - Keys before the first section belong to `DEFAULT` (as in the CLI's parser).
//! - A section that appears twice is merged; a later key wins over an earlier one.
//!
//! Error messages name the file and the line number, but never echo the line (it may hold a
//! secret).

use std::collections::HashMap;
use std::path::Path;

use crate::error::ConfigError;

/// The name of the profile used when none is named.
pub(crate) const DEFAULT_PROFILE: &str = "DEFAULT";

/// A parsed config file: its profiles, in order of first appearance.
#[derive(Clone, Default)]
pub(crate) struct IniFile {
    sections: Vec<(String, HashMap<String, String>)>,
}

impl IniFile {
    /// Parses `text`; `path` is only used in error messages.
    pub(crate) fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let mut file = IniFile::default();
        let mut current: Option<usize> = None;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (index, raw_line) in text.lines().enumerate() {
            let line_no = index + 1;
            let line = raw_line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(rest) = line.strip_prefix('[') {
                let name = rest.strip_suffix(']').map(str::trim).ok_or_else(|| {
                    ConfigError::new(format!(
                        "config file {} line {line_no}: section header is missing its closing `]`",
                        path.display()
                    ))
                })?;
                if name.is_empty() {
                    return Err(ConfigError::new(format!(
                        "config file {} line {line_no}: empty section name `[]`",
                        path.display()
                    )));
                }
                current = Some(file.section_index(name));
                continue;
            }
            let (key, value) = line.split_once('=').ok_or_else(|| {
                ConfigError::new(format!(
                    "config file {} line {line_no}: expected `key = value`, a `[profile]` header \
                     or a comment",
                    path.display()
                ))
            })?;
            let key = key.trim();
            if key.is_empty() {
                return Err(ConfigError::new(format!(
                    "config file {} line {line_no}: missing key before `=`",
                    path.display()
                )));
            }
            let section = match current {
                Some(i) => i,
                None => {
                    let i = file.section_index(DEFAULT_PROFILE);
                    current = Some(i);
                    i
                }
            };
            file.sections[section]
                .1
                .insert(key.to_owned(), value.trim().to_owned());
        }
        Ok(file)
    }

    fn section_index(&mut self, name: &str) -> usize {
        if let Some(i) = self.sections.iter().position(|(n, _)| n == name) {
            return i;
        }
        self.sections.push((name.to_owned(), HashMap::new()));
        self.sections.len() - 1
    }

    /// The keys of profile `name`, if the file has it.
    pub(crate) fn profile(&self, name: &str) -> Option<&HashMap<String, String>> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, keys)| keys)
    }

    /// The profile names, in order of first appearance.
    pub(crate) fn profile_names(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().map(|(n, _)| n.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<IniFile, ConfigError> {
        IniFile::parse(text, Path::new("/cfg"))
    }

    #[test]
    fn parses_sections_and_keys() {
        let f =
            parse("[DEFAULT]\nhost = https://a\ntoken = t1\n\n[dev]\nhost=https://b\n").unwrap();
        let d = f.profile("DEFAULT").unwrap();
        assert_eq!(d["host"], "https://a");
        assert_eq!(d["token"], "t1");
        assert_eq!(f.profile("dev").unwrap()["host"], "https://b");
        assert!(f.profile("prod").is_none());
        assert_eq!(f.profile_names().collect::<Vec<_>>(), ["DEFAULT", "dev"]);
    }

    #[test]
    fn comments_and_whitespace() {
        let text = "\u{feff}# leading comment\n  ; indented comment\n\n   [  dev  ]   \n\t host\t=\t https://b \t\n   # token = nope\ntoken = a#b;c\r\n";
        let f = parse(text).unwrap();
        let dev = f.profile("dev").unwrap();
        assert_eq!(dev["host"], "https://b");
        assert_eq!(dev["token"], "a#b;c", "no inline comments");
        assert_eq!(dev.len(), 2);
    }

    #[test]
    fn value_may_contain_equals_and_be_empty() {
        let f = parse("[p]\ntoken = abc==\nclient_id =\n").unwrap();
        let p = f.profile("p").unwrap();
        assert_eq!(p["token"], "abc==");
        assert_eq!(p["client_id"], "");
    }

    #[test]
    fn keys_and_sections_are_case_sensitive() {
        let f = parse("[Dev]\nHost = x\n").unwrap();
        assert!(f.profile("dev").is_none());
        let p = f.profile("Dev").unwrap();
        assert!(!p.contains_key("host"));
        assert_eq!(p["Host"], "x");
    }

    #[test]
    fn keys_before_any_section_go_to_default() {
        let f = parse("host = https://a\n[dev]\nhost = https://b\n").unwrap();
        assert_eq!(f.profile("DEFAULT").unwrap()["host"], "https://a");
    }

    #[test]
    fn repeated_section_is_merged_later_key_wins() {
        let f = parse("[p]\nhost = a\ntoken = t\n[q]\n[p]\nhost = b\n").unwrap();
        let p = f.profile("p").unwrap();
        assert_eq!(p["host"], "b");
        assert_eq!(p["token"], "t");
        assert_eq!(f.profile_names().collect::<Vec<_>>(), ["p", "q"]);
    }

    #[test]
    fn malformed_lines_are_errors_without_echoing_the_line() {
        let err = parse("[p]\nsecretvalue123\n").err().unwrap();
        assert!(err.message().contains("/cfg line 2"), "{}", err.message());
        assert!(!err.message().contains("secretvalue123"));

        let err = parse("[p\n").err().unwrap();
        assert!(err.message().contains("line 1"), "{}", err.message());
        assert!(err.message().contains("closing"), "{}", err.message());

        let err = parse("[ ]\n").err().unwrap();
        assert!(err.message().contains("empty section"), "{}", err.message());

        let err = parse("[p]\n = v\n").err().unwrap();
        assert!(err.message().contains("missing key"), "{}", err.message());
    }

    #[test]
    fn empty_file_has_no_profiles() {
        let f = parse("").unwrap();
        assert_eq!(f.profile_names().count(), 0);
        assert!(f.profile(DEFAULT_PROFILE).is_none());
    }
}
