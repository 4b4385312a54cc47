//! `iro serve`: flags -> `serve::Options` -> `serve::run`.

use crate::cli::ServeArgs;
use std::path::PathBuf;

/// Run `iro serve`.
pub fn run(root: Option<PathBuf>, args: &ServeArgs) -> i32 {
    let root = match super::root_dir(root) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    crate::serve::run(crate::serve::Options {
        root,
        bind: args.bind,
        port: args.port,
        poll: args.poll,
        open: args.open,
        pdf: args.pdf,
        letters: args.letters,
        year: args.year.clone(),
        as_of: args.as_of,
    })
}
