//! A short tour of the SDK.
//!
//! Without `DATABRICKS_HOST` it starts the built-in emulator in-process and runs against it;
//! with `DATABRICKS_HOST` (and `DATABRICKS_TOKEN`, or a `~/.databrickscfg` profile) it runs
//! against that workspace, creating a scope and a token that it removes again at the end.
//!
//! ```sh
//! cargo run -p databricks --example quickstart --features full
//! ```

mod common;

use databricks::core::ExposeSecret;
use databricks::secrets::{AclPermission, CreateScope, PutAcl, PutSecret};
use databricks::tokens::CreateTokenRequest;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Keep the emulator (if any) alive for the whole tour.
    let (client, _emulator) = common::client().await?;

    // Secrets: a scope, two secrets, an ACL.
    let scope = "quickstart-demo";
    let secrets = client.secrets();
    match secrets.create_scope(CreateScope::new(scope)).await {
        Ok(()) => println!("created secret scope {scope:?}"),
        Err(e) if e.is_already_exists() => println!("secret scope {scope:?} already exists"),
        Err(e) => return Err(e.into()),
    }
    secrets
        .put_secret(PutSecret::string(
            scope,
            "db-password",
            "correct horse battery staple",
        ))
        .await?;
    secrets
        .put_secret(PutSecret::bytes(
            scope,
            "tls-key",
            vec![0x30, 0x82, 0x01, 0x0a],
        ))
        .await?;
    for secret in secrets.list_secrets(scope).await? {
        println!("  secret {:<12} (values are never listed)", secret.key);
    }
    secrets
        .put_acl(PutAcl::new(scope, "users", AclPermission::Read))
        .await?;
    for acl in secrets.list_acls(scope).await? {
        println!("  acl {:<20} {}", acl.principal, acl.permission);
    }

    // A typed error: the scope exists already.
    if let Err(e) = secrets.create_scope(CreateScope::new(scope)).await {
        println!("creating it again fails as expected: {e}");
    }

    // Tokens: create one, use it, revoke it.
    let created = client
        .tokens()
        .create(CreateTokenRequest {
            comment: Some("quickstart".into()),
            lifetime_seconds: Some(3600),
            ..Default::default()
        })
        .await?;
    let token_id = created.token_info.token_id.clone();
    println!(
        "created token {token_id} (value hidden: {:?})",
        created.token_value
    );
    let as_new_token = databricks::Client::builder()
        .host(client.host().as_str())
        .token(created.token_value.expose_secret())
        .build()?;
    let scopes = as_new_token.secrets().list_scopes().await?;
    println!("the new token works: it sees {} scope(s)", scopes.len());
    client.tokens().delete(token_id.clone()).await?;
    println!("revoked token {token_id}");
    match as_new_token.secrets().list_scopes().await {
        Err(e) if e.is_unauthenticated() => println!("the revoked token is refused: {e}"),
        other => println!("unexpected after revocation: {other:?}"),
    }

    secrets.delete_scope(scope).await?;
    println!("deleted secret scope {scope:?}. Done.");
    Ok(())
}
