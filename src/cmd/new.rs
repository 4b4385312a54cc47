//! `iro new iro|child|review|plan|alert`: scaffold a record (`scaffold::record`).

use crate::cli::NewCommand;
use crate::scaffold::record::{NewRecord, scaffold};
use std::path::PathBuf;

/// Run `iro new`.
pub fn run(root: Option<PathBuf>, cmd: NewCommand) -> i32 {
    let root = match super::root_dir(root) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let rec = match cmd {
        NewCommand::Iro { id, name, started } => NewRecord::Iro { id, name, started },
        NewCommand::Child { id, iro, start } => NewRecord::Child { id, iro, start },
        NewCommand::Review { child, date, kind } => NewRecord::Review { child, date, kind },
        NewCommand::Plan { child, kind, date } => NewRecord::Plan { child, kind, date },
        NewCommand::Alert {
            child,
            slug,
            theme,
            good_practice,
            date,
        } => NewRecord::Alert {
            child,
            slug,
            theme,
            good_practice,
            date,
        },
    };
    match scaffold(&root, rec, crate::session::today()) {
        Ok(rel) => {
            println!("created {rel}");
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}
