//! Unit tests for config resolution. All inputs are injected through `ConfigSources::empty()`:
//! no test reads the process environment or the real home directory.

use std::path::{Path, PathBuf};

use secrecy::ExposeSecret;

use super::*;

const HOME: &str = "/home/u";

fn cfg_path() -> PathBuf {
    Path::new(HOME).join(".databrickscfg")
}

fn cfg_display() -> String {
    cfg_path().display().to_string()
}

fn base() -> ConfigSources {
    ConfigSources::empty().with_home(HOME)
}

fn with_cfg(text: &str) -> ConfigSources {
    base().with_file(cfg_path(), text)
}

fn ok(builder: &ConfigBuilder, sources: &ConfigSources) -> Config {
    match builder.resolve(sources) {
        Ok(c) => c,
        Err(e) => panic!("unexpected error: {}", e.message()),
    }
}

fn err(builder: &ConfigBuilder, sources: &ConfigSources) -> String {
    match builder.resolve(sources) {
        Ok(c) => panic!("expected an error, got {}", c.describe()),
        Err(e) => e.message().to_owned(),
    }
}

fn token(c: &Config) -> &str {
    match c.credentials() {
        Credentials::Pat { token } => token.expose_secret(),
        other => panic!("expected PAT, got {other:?}"),
    }
}

fn oauth(c: &Config) -> (&str, &str) {
    match c.credentials() {
        Credentials::OAuthM2m {
            client_id,
            client_secret,
        } => (client_id.as_str(), client_secret.expose_secret()),
        other => panic!("expected OAuth M2M, got {other:?}"),
    }
}

fn origin(c: &Config, attribute: &str) -> String {
    c.credential_origins
        .iter()
        .find(|(a, _)| *a == attribute)
        .map(|(_, o)| o.clone())
        .unwrap_or_else(|| panic!("no origin for {attribute}"))
}

fn profile_origin(name: &str) -> String {
    format!("profile [{name}] in {}", cfg_display())
}

fn builder() -> ConfigBuilder {
    ConfigBuilder::new()
}

// ---------------------------------------------------------------------------------------------
// Precedence: builder > env > file, per attribute.

#[test]
fn host_precedence() {
    let file = "[DEFAULT]\nhost = file.example.com\ntoken = t\n";
    let all = with_cfg(file).with_env("DATABRICKS_HOST", "env.example.com");

    let c = ok(&builder().host("builder.example.com"), &all);
    assert_eq!(c.host().as_str(), "https://builder.example.com/");
    assert_eq!(c.host_origin(), "builder");

    let c = ok(&builder(), &all);
    assert_eq!(c.host().as_str(), "https://env.example.com/");
    assert_eq!(c.host_origin(), "env DATABRICKS_HOST");

    let c = ok(&builder(), &with_cfg(file));
    assert_eq!(c.host().as_str(), "https://file.example.com/");
    assert_eq!(c.host_origin(), profile_origin("DEFAULT"));
}

#[test]
fn token_precedence() {
    let file = "[DEFAULT]\nhost = h.com\ntoken = file-token\n";
    let all = with_cfg(file).with_env("DATABRICKS_TOKEN", "env-token");

    let c = ok(&builder().token("builder-token"), &all);
    assert_eq!(token(&c), "builder-token");
    assert_eq!(origin(&c, "token"), "builder");

    let c = ok(&builder(), &all);
    assert_eq!(token(&c), "env-token");
    assert_eq!(origin(&c, "token"), "env DATABRICKS_TOKEN");

    let c = ok(&builder(), &with_cfg(file));
    assert_eq!(token(&c), "file-token");
    assert_eq!(origin(&c, "token"), profile_origin("DEFAULT"));
}

#[test]
fn client_id_precedence() {
    let file = "[DEFAULT]\nhost = h.com\nclient_id = file-id\nclient_secret = s\n";
    let all = with_cfg(file).with_env("DATABRICKS_CLIENT_ID", "env-id");

    let c = ok(&builder().client_id("builder-id"), &all);
    assert_eq!(oauth(&c).0, "builder-id");
    assert_eq!(origin(&c, "client_id"), "builder");

    let c = ok(&builder(), &all);
    assert_eq!(oauth(&c).0, "env-id");
    assert_eq!(origin(&c, "client_id"), "env DATABRICKS_CLIENT_ID");

    let c = ok(&builder(), &with_cfg(file));
    assert_eq!(oauth(&c), ("file-id", "s"));
    assert_eq!(origin(&c, "client_id"), profile_origin("DEFAULT"));
    assert_eq!(origin(&c, "client_secret"), profile_origin("DEFAULT"));
}

#[test]
fn client_secret_precedence() {
    let file = "[DEFAULT]\nhost = h.com\nclient_id = id\nclient_secret = file-secret\n";
    let all = with_cfg(file).with_env("DATABRICKS_CLIENT_SECRET", "env-secret");

    let c = ok(&builder().client_secret("builder-secret"), &all);
    assert_eq!(oauth(&c), ("id", "builder-secret"));
    assert_eq!(origin(&c, "client_secret"), "builder");

    let c = ok(&builder(), &all);
    assert_eq!(oauth(&c), ("id", "env-secret"));
    assert_eq!(origin(&c, "client_secret"), "env DATABRICKS_CLIENT_SECRET");

    let c = ok(&builder(), &with_cfg(file));
    assert_eq!(oauth(&c), ("id", "file-secret"));
}

#[test]
fn auth_type_precedence() {
    // Both kinds of credentials at every level; the auth type decides.
    let file = "[DEFAULT]\nhost = h.com\ntoken = t\nclient_id = i\nclient_secret = s\n\
                auth_type = pat\n";
    let env = with_cfg(file).with_env("DATABRICKS_AUTH_TYPE", "oauth-m2m");

    let c = ok(&builder().auth_type(AuthType::Pat), &env);
    assert_eq!(c.auth_type(), AuthType::Pat);
    assert_eq!(c.auth_type_origin(), "builder");

    let c = ok(&builder(), &env);
    assert_eq!(c.auth_type(), AuthType::OAuthM2m);
    assert_eq!(c.auth_type_origin(), "env DATABRICKS_AUTH_TYPE");

    let c = ok(&builder(), &with_cfg(file));
    assert_eq!(c.auth_type(), AuthType::Pat);
    assert_eq!(c.auth_type_origin(), profile_origin("DEFAULT"));
}

#[test]
fn empty_values_count_as_unset() {
    let sources = with_cfg("[DEFAULT]\nhost = file.com\ntoken = file-token\n")
        .with_env("DATABRICKS_HOST", "")
        .with_env("DATABRICKS_TOKEN", "   ");
    let c = ok(&builder().host(""), &sources);
    assert_eq!(c.host().as_str(), "https://file.com/");
    assert_eq!(token(&c), "file-token");
}

// ---------------------------------------------------------------------------------------------
// Profiles and config files.

const PROFILES: &str = "\
[DEFAULT]
host = default.com
token = default-token

[dev]
host = dev.com
token = dev-token

[prod]
host = prod.com
token = prod-token
";

#[test]
fn default_profile_is_used_when_none_named() {
    let c = ok(&builder(), &with_cfg(PROFILES));
    assert_eq!(c.host().as_str(), "https://default.com/");
    assert_eq!(c.profile(), Some("DEFAULT"));
    assert_eq!(c.config_file(), Some(cfg_path().as_path()));
}

#[test]
fn profile_from_env() {
    let sources = with_cfg(PROFILES).with_env("DATABRICKS_CONFIG_PROFILE", "dev");
    let c = ok(&builder(), &sources);
    assert_eq!(c.host().as_str(), "https://dev.com/");
    assert_eq!(token(&c), "dev-token");
    assert_eq!(c.profile(), Some("dev"));
    assert_eq!(c.host_origin(), profile_origin("dev"));
}

#[test]
fn profile_from_builder_beats_env() {
    let sources = with_cfg(PROFILES).with_env("DATABRICKS_CONFIG_PROFILE", "dev");
    let c = ok(&builder().profile("prod"), &sources);
    assert_eq!(c.host().as_str(), "https://prod.com/");
    assert_eq!(c.profile(), Some("prod"));
}

#[test]
fn config_file_from_env() {
    let sources = base()
        .with_file(cfg_path(), PROFILES)
        .with_file("/etc/other.cfg", "[DEFAULT]\nhost = other.com\ntoken = t\n")
        .with_env("DATABRICKS_CONFIG_FILE", "/etc/other.cfg");
    let c = ok(&builder(), &sources);
    assert_eq!(c.host().as_str(), "https://other.com/");
    assert_eq!(c.config_file(), Some(Path::new("/etc/other.cfg")));
    assert_eq!(c.host_origin(), "profile [DEFAULT] in /etc/other.cfg");
}

#[test]
fn config_file_from_builder_beats_env() {
    let sources = base()
        .with_file(
            "/etc/env.cfg",
            "[DEFAULT]\nhost = env-file.com\ntoken = t\n",
        )
        .with_file(
            "/etc/builder.cfg",
            "[DEFAULT]\nhost = builder-file.com\ntoken = t\n",
        )
        .with_env("DATABRICKS_CONFIG_FILE", "/etc/env.cfg");
    let c = ok(&builder().config_file("/etc/builder.cfg"), &sources);
    assert_eq!(c.host().as_str(), "https://builder-file.com/");
    assert_eq!(c.config_file(), Some(Path::new("/etc/builder.cfg")));
}

#[test]
fn config_file_tilde_expands_to_home() {
    let path = Path::new(HOME).join("cfgs").join("a.cfg");
    let sources = base()
        .with_file(&path, "[DEFAULT]\nhost = tilde.com\ntoken = t\n")
        .with_env("DATABRICKS_CONFIG_FILE", "~/cfgs/a.cfg");
    let c = ok(&builder(), &sources);
    assert_eq!(c.host().as_str(), "https://tilde.com/");
    assert_eq!(c.config_file(), Some(path.as_path()));
}

#[test]
fn explicit_config_file_that_does_not_exist_is_an_error() {
    let sources = base().with_env("DATABRICKS_CONFIG_FILE", "/nope.cfg");
    let e = err(&builder().host("h.com").token("t"), &sources);
    assert_eq!(
        e,
        "config file /nope.cfg (from env DATABRICKS_CONFIG_FILE) does not exist"
    );
    let e = err(
        &builder().host("h.com").token("t").config_file("/nope2.cfg"),
        &base(),
    );
    assert!(e.contains("/nope2.cfg (from builder)"), "{e}");
}

#[test]
fn missing_named_profile_lists_profiles_present() {
    let e = err(&builder().profile("staging"), &with_cfg(PROFILES));
    assert_eq!(
        e,
        format!(
            "profile [staging] (from builder) not found in config file {}; profiles present: \
             [DEFAULT], [dev], [prod]",
            cfg_display()
        )
    );

    let sources = with_cfg(PROFILES).with_env("DATABRICKS_CONFIG_PROFILE", "qa");
    let e = err(&builder().host("h.com").token("t"), &sources);
    assert!(
        e.starts_with("profile [qa] (from env DATABRICKS_CONFIG_PROFILE) not found"),
        "{e}"
    );

    let e = err(&builder().profile("x"), &with_cfg("# nothing here\n"));
    assert!(e.ends_with("the file has no profiles"), "{e}");
}

#[test]
fn named_profile_without_file_is_an_error() {
    let e = err(&builder().host("h.com").token("t").profile("dev"), &base());
    assert_eq!(
        e,
        format!(
            "profile [dev] (from builder) was requested, but config file {} does not exist",
            cfg_display()
        )
    );

    // No home directory and no file named: nowhere to look.
    let sources = ConfigSources::empty().with_env("DATABRICKS_CONFIG_PROFILE", "dev");
    let e = err(&builder().host("h.com").token("t"), &sources);
    assert!(
        e.contains("profile [dev] (from env DATABRICKS_CONFIG_PROFILE)"),
        "{e}"
    );
    assert!(e.contains("home directory is unknown"), "{e}");
}

#[test]
fn missing_default_file_is_fine_when_not_needed() {
    let c = ok(&builder().host("h.com").token("t"), &base());
    assert_eq!(c.profile(), None);
    assert_eq!(c.config_file(), None);

    // No home at all is fine too.
    let c = ok(&builder().host("h.com").token("t"), &ConfigSources::empty());
    assert_eq!(c.config_file(), None);
}

#[test]
fn missing_default_file_is_reported_when_a_value_was_needed() {
    let e = err(&builder().token("t"), &base());
    assert_eq!(
        e,
        format!(
            "no host configured: checked the builder, env DATABRICKS_HOST, and profile \
             [DEFAULT] in {} (file not found)",
            cfg_display()
        )
    );

    let e = err(&builder().token("t"), &ConfigSources::empty());
    assert!(
        e.starts_with("no host configured: checked the builder"),
        "{e}"
    );
    assert!(e.contains("home directory is unknown"), "{e}");
}

#[test]
fn file_without_default_profile() {
    let sources = with_cfg("[dev]\nhost = dev.com\ntoken = t\n");
    let e = err(&builder(), &sources);
    assert!(
        e.ends_with(&format!(
            "profile [DEFAULT] in {} (no such profile in the file)",
            cfg_display()
        )),
        "{e}"
    );
    let c = ok(&builder().host("h.com").token("t"), &sources);
    assert_eq!(c.profile(), None);
    assert_eq!(c.config_file(), Some(cfg_path().as_path()));
}

#[test]
fn ini_comments_whitespace_and_unknown_keys() {
    let text = "\
# written by the Databricks CLI
; another comment style

   [ dev ]
\thost\t=\t dev.example.com/  \r
  # token = commented-out
  ; token = also-commented-out
token=dapi#not-a-comment
cluster_id = 0123-456789-abc
Token = wrong-case-ignored
jobs-api-version = 2.1
";
    let sources = with_cfg(text).with_env("DATABRICKS_CONFIG_PROFILE", "dev");
    let c = ok(&builder(), &sources);
    assert_eq!(c.host().as_str(), "https://dev.example.com/");
    assert_eq!(token(&c), "dapi#not-a-comment");
}

#[test]
fn keys_are_case_sensitive() {
    let e = err(
        &builder(),
        &with_cfg("[DEFAULT]\nHOST = h.com\nTOKEN = t\n"),
    );
    assert!(e.starts_with("no host configured"), "{e}");
}

#[test]
fn malformed_config_file_is_an_error() {
    let e = err(
        &builder(),
        &with_cfg("[DEFAULT]\nhost = h.com\ndapi-secret-no-equals\n"),
    );
    assert!(
        e.contains(&format!("config file {} line 3", cfg_display())),
        "{e}"
    );
    assert!(!e.contains("dapi-secret-no-equals"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Host normalisation.

fn host_of(raw: &str) -> Result<String, String> {
    builder()
        .host(raw)
        .token("t")
        .resolve(&ConfigSources::empty())
        .map(|c| c.host().to_string())
        .map_err(|e| e.message().to_owned())
}

#[test]
fn host_normalisation() {
    let cases = [
        ("example.com", "https://example.com/"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/", "https://example.com/"),
        ("https://example.com/some/path/", "https://example.com/"),
        ("example.com/o/123?x=1#frag", "https://example.com/"),
        ("  https://Example.COM  ", "https://example.com/"),
        ("http://localhost:8080", "http://localhost:8080/"),
        ("http://localhost:8080/", "http://localhost:8080/"),
        ("localhost:8443", "https://localhost:8443/"),
        ("https://example.com:443/", "https://example.com/"),
        ("https://user:pass@example.com/", "https://example.com/"),
        ("HTTPS://example.com", "https://example.com/"),
    ];
    for (raw, expected) in cases {
        assert_eq!(host_of(raw).as_deref(), Ok(expected), "host {raw:?}");
    }
}

#[test]
fn bad_host_names_its_source() {
    let sources = ConfigSources::empty()
        .with_env("DATABRICKS_HOST", "::bad")
        .with_env("DATABRICKS_TOKEN", "t");
    let e = err(&builder(), &sources);
    assert!(
        e.starts_with("host \"::bad\" from env DATABRICKS_HOST is not a valid URL"),
        "{e}"
    );

    let e = host_of("https://exa mple.com").unwrap_err();
    assert!(
        e.starts_with("host \"https://exa mple.com\" from builder is not a valid URL"),
        "{e}"
    );

    let e = err(
        &builder(),
        &with_cfg("[DEFAULT]\nhost = https://\ntoken = t\n"),
    );
    assert!(
        e.starts_with(&format!(
            "host \"https://\" from {} is not a valid URL",
            profile_origin("DEFAULT")
        )),
        "{e}"
    );
}

#[test]
fn non_http_scheme_is_rejected() {
    let e = host_of("ftp://example.com").unwrap_err();
    assert_eq!(
        e,
        "host \"ftp://example.com\" from builder has unsupported scheme \"ftp\": expected http \
         or https"
    );
    assert!(host_of("file:///etc/passwd").is_err());
}

// ---------------------------------------------------------------------------------------------
// Auth selection.

#[test]
fn token_alone_selects_pat() {
    let c = ok(&builder().host("h.com").token("t"), &ConfigSources::empty());
    assert_eq!(c.auth_type(), AuthType::Pat);
    assert_eq!(c.auth_type_origin(), "inferred from credentials");
}

#[test]
fn client_credentials_alone_select_oauth() {
    let sources = ConfigSources::empty()
        .with_env("DATABRICKS_CLIENT_ID", "id")
        .with_env("DATABRICKS_CLIENT_SECRET", "secret");
    let c = ok(&builder().host("h.com"), &sources);
    assert_eq!(c.auth_type(), AuthType::OAuthM2m);
    assert_eq!(oauth(&c), ("id", "secret"));
}

#[test]
fn ambiguity_at_one_level_is_an_error() {
    // Builder.
    let e = err(
        &builder()
            .host("h.com")
            .token("t")
            .client_id("i")
            .client_secret("s"),
        &ConfigSources::empty(),
    );
    assert!(
        e.starts_with("ambiguous credentials: the builder sets both"),
        "{e}"
    );
    assert!(e.contains("auth_type"), "{e}");

    // Env.
    let sources = ConfigSources::empty()
        .with_env("DATABRICKS_TOKEN", "t")
        .with_env("DATABRICKS_CLIENT_ID", "i")
        .with_env("DATABRICKS_CLIENT_SECRET", "s");
    let e = err(&builder().host("h.com"), &sources);
    assert!(
        e.starts_with("ambiguous credentials: the environment sets both"),
        "{e}"
    );
    assert!(e.contains("DATABRICKS_AUTH_TYPE"), "{e}");

    // File.
    let sources = with_cfg("[DEFAULT]\nhost = h\ntoken = t\nclient_id = i\nclient_secret = s\n");
    let e = err(&builder(), &sources);
    assert!(
        e.starts_with(&format!(
            "ambiguous credentials: {} sets both",
            profile_origin("DEFAULT")
        )),
        "{e}"
    );

    // A token with only half of the client credentials is ambiguous too.
    let e = err(
        &builder().host("h.com").token("t").client_id("i"),
        &ConfigSources::empty(),
    );
    assert!(e.starts_with("ambiguous credentials"), "{e}");
}

#[test]
fn explicit_auth_type_resolves_ambiguity() {
    let sources = ConfigSources::empty()
        .with_env("DATABRICKS_TOKEN", "t")
        .with_env("DATABRICKS_CLIENT_ID", "i")
        .with_env("DATABRICKS_CLIENT_SECRET", "s");
    let c = ok(&builder().host("h.com").auth_type(AuthType::Pat), &sources);
    assert_eq!(token(&c), "t");
    let c = ok(
        &builder().host("h.com"),
        &sources
            .clone()
            .with_env("DATABRICKS_AUTH_TYPE", "OAUTH-M2M"),
    );
    assert_eq!(oauth(&c), ("i", "s"));
}

#[test]
fn higher_level_wins_across_levels() {
    let file = with_cfg("[DEFAULT]\nhost = h\nclient_id = fi\nclient_secret = fs\n");

    // Builder token beats file client credentials.
    let c = ok(&builder().token("bt"), &file);
    assert_eq!(token(&c), "bt");

    // Env token beats file client credentials.
    let c = ok(&builder(), &file.clone().with_env("DATABRICKS_TOKEN", "et"));
    assert_eq!(token(&c), "et");

    // Env client credentials beat a file token.
    let sources = with_cfg("[DEFAULT]\nhost = h\ntoken = ft\n")
        .with_env("DATABRICKS_CLIENT_ID", "ei")
        .with_env("DATABRICKS_CLIENT_SECRET", "es");
    let c = ok(&builder(), &sources);
    assert_eq!(oauth(&c), ("ei", "es"));

    // Builder client credentials beat an env token.
    let c = ok(
        &builder().client_id("bi").client_secret("bs"),
        &file.with_env("DATABRICKS_TOKEN", "et"),
    );
    assert_eq!(oauth(&c), ("bi", "bs"));
}

#[test]
fn client_credentials_combine_across_levels() {
    let sources = base().with_env("DATABRICKS_CLIENT_SECRET", "env-secret");
    let c = ok(&builder().host("h.com").client_id("builder-id"), &sources);
    assert_eq!(oauth(&c), ("builder-id", "env-secret"));
    assert_eq!(origin(&c, "client_id"), "builder");
    assert_eq!(origin(&c, "client_secret"), "env DATABRICKS_CLIENT_SECRET");
}

#[test]
fn partial_oauth_credentials_are_errors() {
    let e = err(&builder().host("h.com").client_id("i"), &base());
    assert_eq!(
        e,
        format!(
            "client_id is set (from builder) but client_secret is missing: checked the builder, \
             env DATABRICKS_CLIENT_SECRET, and profile [DEFAULT] in {} (file not found)",
            cfg_display()
        )
    );

    let sources = base().with_env("DATABRICKS_CLIENT_SECRET", "s");
    let e = err(&builder().host("h.com"), &sources);
    assert!(
        e.starts_with(
            "client_secret is set (from env DATABRICKS_CLIENT_SECRET) but client_id is missing"
        ),
        "{e}"
    );
    assert!(e.contains("env DATABRICKS_CLIENT_ID"), "{e}");
    assert!(!e.contains("\"s\""), "{e}");
}

#[test]
fn explicit_auth_type_requires_its_credentials() {
    // PAT without a token (client credentials present do not help).
    let e = err(
        &builder()
            .host("h.com")
            .client_id("i")
            .client_secret("s")
            .auth_type(AuthType::Pat),
        &base(),
    );
    assert_eq!(
        e,
        format!(
            "auth_type \"pat\" (from builder) requires a token, but none was found: checked the \
             builder, env DATABRICKS_TOKEN, and profile [DEFAULT] in {} (file not found)",
            cfg_display()
        )
    );

    // OAuth without a secret.
    let sources = with_cfg("[DEFAULT]\nhost = h\nauth_type = oauth-m2m\nclient_id = i\n");
    let e = err(&builder(), &sources);
    assert_eq!(
        e,
        format!(
            "auth_type \"oauth-m2m\" (from {0}) requires client_id and client_secret, but \
             client_secret was not found: checked the builder, env DATABRICKS_CLIENT_SECRET, and \
             {0}",
            profile_origin("DEFAULT")
        )
    );

    // OAuth without a client id.
    let sources = base()
        .with_env("DATABRICKS_AUTH_TYPE", "oauth-m2m")
        .with_env("DATABRICKS_CLIENT_SECRET", "s");
    let e = err(&builder().host("h.com"), &sources);
    assert!(
        e.starts_with("auth_type \"oauth-m2m\" (from env DATABRICKS_AUTH_TYPE)"),
        "{e}"
    );
    assert!(e.contains("but client_id was not found"), "{e}");

    // OAuth with nothing (a token does not help).
    let e = err(
        &builder()
            .host("h.com")
            .token("t")
            .auth_type(AuthType::OAuthM2m),
        &base(),
    );
    assert!(
        e.contains(
            "but client_id and client_secret were not found: checked the builder, env \
             DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET"
        ),
        "{e}"
    );
}

#[test]
fn no_credentials_lists_what_was_checked() {
    let e = err(&builder().host("h.com"), &base());
    assert_eq!(
        e,
        format!(
            "no credentials found: checked the builder (token, client_id, client_secret), env \
             DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET, and profile \
             [DEFAULT] in {} (file not found) (keys token, client_id, client_secret)",
            cfg_display()
        )
    );
    let sources = with_cfg("[dev]\nhost = h\n").with_env("DATABRICKS_CONFIG_PROFILE", "dev");
    let e = err(&builder(), &sources);
    assert!(e.starts_with("no credentials found"), "{e}");
    assert!(e.contains(&profile_origin("dev")), "{e}");
}

#[test]
fn unknown_auth_type_is_an_error() {
    let e = "basic".parse::<AuthType>().unwrap_err();
    assert_eq!(
        e.message(),
        "unknown auth_type \"basic\": expected one of \"pat\", \"oauth-m2m\""
    );
    assert_eq!("PAT".parse::<AuthType>().unwrap(), AuthType::Pat);
    assert_eq!(
        " oauth-m2m ".parse::<AuthType>().unwrap(),
        AuthType::OAuthM2m
    );
    assert!("databricks-cli".parse::<AuthType>().is_err());
    assert!("oauth".parse::<AuthType>().is_err());

    let sources = base()
        .with_env("DATABRICKS_AUTH_TYPE", "azure-cli")
        .with_env("DATABRICKS_TOKEN", "t");
    let e = err(&builder().host("h.com"), &sources);
    assert_eq!(
        e,
        "auth_type \"azure-cli\" from env DATABRICKS_AUTH_TYPE is not supported: expected one \
         of \"pat\", \"oauth-m2m\""
    );

    let e = err(
        &builder(),
        &with_cfg("[DEFAULT]\nhost = h\ntoken = t\nauth_type = basic\n"),
    );
    assert!(
        e.starts_with(&format!(
            "auth_type \"basic\" from {} is not supported",
            profile_origin("DEFAULT")
        )),
        "{e}"
    );

    // A higher level's valid auth type hides a lower level's invalid one.
    let c = ok(
        &builder().auth_type(AuthType::Pat),
        &with_cfg("[DEFAULT]\nhost = h\ntoken = t\nauth_type = basic\n"),
    );
    assert_eq!(c.auth_type(), AuthType::Pat);
}

#[test]
fn auth_type_display_and_as_str() {
    assert_eq!(AuthType::Pat.to_string(), "pat");
    assert_eq!(AuthType::OAuthM2m.as_str(), "oauth-m2m");
}

// ---------------------------------------------------------------------------------------------
// Secrets never appear in Debug or describe().

#[test]
fn debug_and_describe_never_show_secrets() {
    let token_value = "dapi-very-secret-token";
    let secret_value = "oauth-very-secret-value";

    let b = builder()
        .host("h.com")
        .token(token_value)
        .client_id("id")
        .client_secret(secret_value)
        .auth_type(AuthType::Pat);
    let debug = format!("{b:?}");
    assert!(!debug.contains(token_value), "{debug}");
    assert!(!debug.contains(secret_value), "{debug}");

    let c = ok(&b, &ConfigSources::empty());
    for text in [
        format!("{c:?}"),
        format!("{c:#?}"),
        format!("{:?}", c.credentials()),
        c.describe(),
    ] {
        assert!(!text.contains(token_value), "{text}");
        assert!(!text.contains(secret_value), "{text}");
    }

    let sources = with_cfg(&format!(
        "[DEFAULT]\nhost = h\nclient_id = id\nclient_secret = {secret_value}\n"
    ));
    let c = ok(&builder(), &sources);
    for text in [
        format!("{c:?}"),
        format!("{:?}", c.credentials()),
        c.describe(),
        format!("{sources:?}"),
    ] {
        assert!(!text.contains(secret_value), "{text}");
    }
}

#[test]
fn describe_lists_host_auth_and_origins() {
    let sources = with_cfg(PROFILES)
        .with_env("DATABRICKS_CONFIG_PROFILE", "dev")
        .with_env("DATABRICKS_TOKEN", "env-token");
    let c = ok(&builder(), &sources);
    assert_eq!(
        c.describe(),
        format!(
            "host https://dev.com/ (from {}); auth_type pat (inferred from credentials); token \
             (from env DATABRICKS_TOKEN); config file: {} (profile [dev])",
            profile_origin("dev"),
            cfg_display()
        )
    );

    let c = ok(
        &builder()
            .host("h.com")
            .client_id("sp")
            .client_secret("s")
            .auth_type(AuthType::OAuthM2m),
        &ConfigSources::empty(),
    );
    assert_eq!(
        c.describe(),
        "host https://h.com/ (from builder); auth_type oauth-m2m (from builder); client_id \"sp\" \
         (from builder); client_secret (from builder); config file: none"
    );
}
