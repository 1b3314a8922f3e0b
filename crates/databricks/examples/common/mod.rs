//! What the examples share: a client for the workspace in `DATABRICKS_HOST`, or for the
//! built-in emulator when it is not set.

use databricks::Client;
use databricks_emulator::Emulator;

/// A client for `DATABRICKS_HOST` (with `DATABRICKS_TOKEN` or a `~/.databrickscfg` profile),
/// or for an emulator started in this process, returned too: keep it alive as long as the
/// client is used (it shuts down when dropped).
pub async fn client() -> Result<(Client, Option<Emulator>), Box<dyn std::error::Error>> {
    match std::env::var("DATABRICKS_HOST") {
        Ok(host) if !host.is_empty() => {
            println!("Using the workspace at {host} (DATABRICKS_HOST is set).");
            Ok((Client::from_env()?, None))
        }
        _ => {
            let emulator = Emulator::start().await?;
            println!(
                "DATABRICKS_HOST is not set: started the built-in emulator at {}.",
                emulator.url()
            );
            let client = Client::builder()
                .host(emulator.url())
                .token(emulator.token())
                .build()?;
            Ok((client, Some(emulator)))
        }
    }
}
