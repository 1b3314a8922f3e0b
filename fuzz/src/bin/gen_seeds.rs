//! Writes the built-in seeds of every target to `fuzz/corpus/<target>/seed-<n>`, the starting
//! corpus of `cargo fuzz run <target>`.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for target in ["error_parser", "model_decode", "emulator_request"] {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir)?;
        let seeds = databricks_fuzz::seeds(target);
        for (i, seed) in seeds.iter().enumerate() {
            std::fs::write(dir.join(format!("seed-{i:04}")), seed)?;
        }
        println!("{target}: {} seeds in {}", seeds.len(), dir.display());
    }
    Ok(())
}
