//! Commands: thin glue. Each turns parsed arguments into ready objects (a
//! `Session`, an `Analysis`, a selection), calls the library, prints what it
//! returns and gives the exit status. No command parses text or holds
//! library work.

#[cfg(feature = "letters")]
pub mod build;
pub mod check;
pub mod due;
pub mod hook;
pub mod init;
#[cfg(feature = "letters")]
pub mod letters;
pub mod new;
#[cfg(feature = "letters")]
pub mod serve;
pub mod ssda903;
pub mod stats;

use crate::cli::{Cli, Command};
use crate::session::{OpenError, Session};
use chrono::NaiveDate;
use std::path::PathBuf;

/// Run a command; returns the exit status.
pub fn run(cli: Cli) -> i32 {
    let root = cli.root.clone();
    match cli.command {
        Command::Check(a) => check::run(root, &a),
        #[cfg(feature = "letters")]
        Command::Build(a) => build::run(root, &a),
        Command::Due(a) => due::run(root, &a),
        Command::Stats(a) => stats::run(root, &a),
        Command::Export(e) => ssda903::export(root, e),
        Command::Import(i) => ssda903::import(root, i),
        #[cfg(feature = "letters")]
        Command::Letters(a) => letters::run(root, &a),
        #[cfg(feature = "letters")]
        Command::Serve(a) => serve::run(root, &a),
        Command::Init {
            dir,
            name,
            no_git,
            ci,
        } => init::run(&dir, &name, !no_git, ci),
        Command::Hook(h) => hook::run(root, h),
        Command::Explain { id } => match id {
            None => {
                print(&crate::explain::list());
                0
            }
            Some(id) => match crate::explain::explain(&id) {
                Some(t) => {
                    print(&t);
                    0
                }
                None => {
                    eprintln!("error: no rule or check `{id}`; `iro explain` lists them");
                    2
                }
            },
        },
        Command::New(n) => new::run(root, n),
        Command::Generate(g) => {
            let mut opts = crate::generate::GenOptions {
                children: g.children,
                years: g.years,
                seed: g.seed,
                ..Default::default()
            };
            if let Some(e) = g.end {
                opts.end = e;
            }
            let spinner = spinner("generating fictional records");
            let result = crate::generate::generate(&opts, &g.dir);
            spinner.finish_and_clear();
            match result {
                Ok(s) => {
                    println!(
                        "wrote {} files: {} children, {} reviews (fictional)",
                        s.files, s.children, s.reviews
                    );
                    0
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    2
                }
            }
        }
    }
}

/// The records root from `--root` or the current folder.
pub fn root_dir(root: Option<PathBuf>) -> Result<PathBuf, crate::load::Fatal> {
    let start = root.unwrap_or_else(|| PathBuf::from("."));
    crate::load::find_root(&start)
}

/// A spinner on standard error for work that can take seconds on a large
/// repository; hidden when standard error is not a terminal.
pub fn spinner(msg: &'static str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let p = indicatif::ProgressBar::new_spinner();
    p.set_message(msg);
    p.enable_steady_tick(std::time::Duration::from_millis(120));
    p
}

/// Open the session for a command that works on what loaded (due, letters,
/// stats): an unusable root or `iro.toml` prints why and gives exit status
/// 2; files that did not load are counted on standard error and left out.
pub fn open_for(
    root: Option<PathBuf>,
    as_of: Option<NaiveDate>,
    what: &str,
) -> Result<Session, i32> {
    let s = match Session::open(root.as_deref(), as_of) {
        Ok(s) => s,
        Err(OpenError::NoRoot(m)) => {
            eprintln!("error: {m}");
            return Err(2);
        }
        Err(OpenError::Config(f)) => {
            let opts = crate::diag::render::HumanOptions {
                color: false,
                show_info: false,
            };
            eprint!(
                "{}",
                crate::diag::render::human(&f.sources, &f.diags, 1, &opts)
            );
            return Err(2);
        }
    };
    let n = s.unread_files().len();
    if n > 0 {
        eprintln!(
            "warning: {n} file{} could not be read and {} left out of {what}; run `iro check`",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        );
    }
    Ok(s)
}

/// An output path as the user knows it: relative to the records root when inside it.
pub fn shown(root: &std::path::Path, out: &std::path::Path) -> String {
    out.strip_prefix(root)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| out.display().to_string())
}

/// Colour on standard error's terminal unless NO_COLOR is set.
pub fn color_stderr() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Colour on a terminal unless NO_COLOR is set.
pub fn color_stdout() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Write to standard output; a closed pipe (`iro stats | head`) is not an error.
pub fn print(text: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
}
