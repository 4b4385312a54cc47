//! `iro hook install|uninstall|run`: the git pre-commit hook.

use crate::cli::HookCommand;
use crate::diag::{Counts, Severity, render};
use crate::session::{OpenError, Session};
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
    let changed = match crate::git::changed(root, None) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("iro: {e}");
            return 2;
        }
    };
    let (diags, sources) = match Session::load(root, None) {
        Err(OpenError::Config(f)) => (f.diags, f.sources),
        Err(OpenError::NoRoot(m)) => {
            eprintln!("iro: {m}");
            return 2;
        }
        Ok(s) => {
            let an = s.analysis();
            let all = crate::check::check(&s, &an);
            (crate::check::only_changed(all, &changed), s.repo.sources)
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
    eprint!("{}", render::human(&sources, &errors, changed.len(), &opts));
    eprintln!(
        "iro: commit refused: the changed records have errors (above). Fix them and commit again; in an emergency, git commit --no-verify"
    );
    1
}
