//! `iro hook install|uninstall|run`: the git pre-commit hook.

use crate::cli::HookCommand;
use crate::diag::{Counts, Severity, render};
use std::path::PathBuf;

/// Run `iro hook ...`.
pub fn run(root: Option<PathBuf>, cmd: HookCommand) -> i32 {
    let root = match super::root_dir(root) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    match cmd {
        HookCommand::Install => match crate::git::install_hook(&root) {
            Ok(p) => {
                println!("installed the pre-commit hook: {}", p.display());
                println!(
                    "a commit whose changed records have errors is refused (warnings never block)"
                );
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                2
            }
        },
        HookCommand::Uninstall => match crate::git::uninstall_hook(&root) {
            Ok(Some(p)) => {
                println!("removed the pre-commit hook: {}", p.display());
                0
            }
            Ok(None) => {
                println!("no pre-commit hook to remove");
                0
            }
            Err(e) => {
                eprintln!("error: {e}");
                2
            }
        },
        HookCommand::Run => hook_run(&root),
    }
}

/// Check what the commit changes; refuse it (exit 1) on errors.
fn hook_run(root: &std::path::Path) -> i32 {
    let (diags, sources, files) = match crate::check::check_changed(root, None, None) {
        Ok((d, s, n, _)) => (d, s, n),
        Err(e) => {
            eprintln!("iro: {e}");
            return 2;
        }
    };
    let errors: Vec<_> = diags
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if Counts::of(&errors).errors == 0 {
        return 0;
    }
    let opts = render::HumanOptions {
        color: false,
        show_info: false,
    };
    eprint!("{}", render::human(&sources, &errors, files, &opts));
    eprintln!(
        "iro: commit refused: the changed records have errors (above). Fix them and commit again; in an emergency, git commit --no-verify"
    );
    1
}
