//! `--state-file` persistence through the umbrella client: a restart loses nothing. (The
//! binary's SIGTERM-and-restart path is tested in the emulator crate, which owns the binary.)
#![allow(clippy::unwrap_used)]

mod common;

use databricks::core::ExposeSecret;
use databricks::secrets::{CreateScope, PutSecret};
use databricks::tokens::CreateTokenRequest;
use databricks_emulator::Emulator;

fn temp_state_file(name: &str) -> std::path::PathBuf {
    common::temp_dir(name).join("state.json")
}

#[tokio::test]
async fn library_restart_keeps_scopes_secrets_and_tokens() {
    let path = temp_state_file("lib");
    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let client = common::client_with_token(&emu, &emu.token());
    client
        .secrets()
        .create_scope(CreateScope::new("kept"))
        .await
        .unwrap();
    client
        .secrets()
        .put_secret(PutSecret::string("kept", "k", "v"))
        .await
        .unwrap();
    let token = client
        .tokens()
        .create(CreateTokenRequest::new())
        .await
        .unwrap();
    emu.shutdown().await.unwrap();

    let emu = Emulator::builder().state_file(&path).start().await.unwrap();
    let client = common::client_with_token(&emu, &emu.token());
    let scopes = client.secrets().list_scopes().await.unwrap();
    assert_eq!(scopes.len(), 1);
    assert_eq!(
        client.secrets().list_secrets("kept").await.unwrap().len(),
        1
    );
    // The created token still authenticates after the restart.
    let as_token = common::client_with_token(&emu, token.token_value.expose_secret());
    as_token.secrets().list_scopes().await.unwrap();
    emu.shutdown().await.unwrap();
    std::fs::remove_dir_all(path.parent().unwrap()).ok();
}
