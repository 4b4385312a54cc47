//! `iro check`: print what `check::check` finds; exit 0 (no errors), 1
//! (errors) or 2 (the check could not run).

use crate::cli::{CheckArgs, Format};
use crate::diag::{Counts, render};
use crate::session::{OpenError, Session};
use std::path::PathBuf;

/// Run `iro check`.
pub fn run(root: Option<PathBuf>, args: &CheckArgs) -> i32 {
    let root = match super::root_dir(root) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let spinner = super::spinner("checking records");
    if let Some(rev) = &args.changed {
        return match crate::check::check_changed(&root, args.as_of, Some(rev.as_str())) {
            Ok((diags, sources, files, ran)) => {
                spinner.finish_and_clear();
                print_all(&root, args, diags, &sources, files, ran)
            }
            Err(e) => {
                spinner.finish_and_clear();
                eprintln!("error: {e}");
                2
            }
        };
    }
    let opened = Session::load(&root, args.as_of);
    let (diags, sources, files, ran) = match opened {
        Err(OpenError::NoRoot(m)) => {
            spinner.finish_and_clear();
            eprintln!("error: {m}");
            return 2;
        }
        // iro.toml is unusable: the check itself could not run.
        Err(OpenError::Config(f)) => (f.diags, f.sources, 1, false),
        Ok(s) => {
            let an = s.analysis();
            let diags = crate::check::check(&s, &an);
            let files = s.repo.files;
            (diags, s.repo.sources, files, true)
        }
    };
    spinner.finish_and_clear();
    print_all(&root, args, diags, &sources, files, ran)
}

/// Print the findings as asked; the exit status.
fn print_all(
    root: &std::path::Path,
    args: &CheckArgs,
    mut diags: Vec<crate::diag::Diagnostic>,
    sources: &crate::source::Sources,
    files: usize,
    ran: bool,
) -> i32 {
    if !args.child.is_empty() {
        // A child id with no folder is a mistyped command, not a clean child.
        let known: Vec<String> = std::fs::read_dir(root.join("children"))
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        for c in &args.child {
            if !known.contains(c) {
                let names: Vec<&str> = known.iter().map(String::as_str).collect();
                let near = crate::load::parse::nearest(c, &names)
                    .map(|n| format!(" (did you mean {n}?)"))
                    .unwrap_or_default();
                eprintln!("error: --child {c}: there is no children/{c}{near}");
                return 2;
            }
        }
        diags.retain(|d| d.child.as_ref().is_some_and(|c| args.child.contains(c)));
    }
    match args.format {
        Format::Json if args.git => {
            let commits = match crate::git::last_commits(root) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("error: {e}");
                    return 2;
                }
            };
            println!("{}", render::json_with_commits(&diags, &commits));
        }
        Format::Json => println!("{}", render::json(&diags)),
        Format::Csv => {
            eprintln!("error: check prints human or json output");
            return 2;
        }
        Format::Human => {
            let opts = render::HumanOptions {
                color: super::color_stdout(),
                show_info: args.notes,
            };
            super::print(&render::human(sources, &diags, files, &opts));
        }
    }
    if !ran {
        return 2;
    }
    if Counts::of(&diags).errors > 0 { 1 } else { 0 }
}
