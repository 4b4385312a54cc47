//! `iro init`: a new records repository (`scaffold::repo`).

use crate::scaffold::repo::init;
use std::path::Path;

/// Run `iro init`.
pub fn run(dir: &Path, name: &str) -> i32 {
    match init(dir, name) {
        Ok(()) => {
            println!("Created a records repository in {}", dir.display());
            println!(
                "Next: add your IROs in iros/ and your teams in iro.toml, then `iro new child <id>`."
            );
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}
