//! `iro init`: a new records repository (`scaffold::repo`), made a git
//! repository with iro's pre-commit hook when git is installed.

use crate::cli::Ci;
use crate::scaffold::ci::CiKind;
use crate::scaffold::repo::init_with;
use std::path::Path;

/// Run `iro init`.
pub fn run(dir: &Path, name: &str, git: bool, ci: Option<Ci>) -> i32 {
    let ci = ci.map(|c| match c {
        Ci::Github => CiKind::Github,
        Ci::Gitlab => CiKind::Gitlab,
    });
    if let Err(e) = init_with(dir, name, ci) {
        eprintln!("error: {e}");
        return 2;
    }
    println!("Created a records repository in {}", dir.display());
    if git {
        if !crate::git::available() {
            println!(
                "git is not installed, so the records are not in a git repository yet: install git, then run `git init` and `iro hook install` in {}",
                dir.display()
            );
        } else {
            match crate::git::init(dir).and_then(|_| crate::git::install_hook(dir)) {
                Ok(_) => println!(
                    "Made it a git repository with a pre-commit hook: a commit whose records have errors is refused."
                ),
                Err(e) => println!("note: {e}; the records are there, without git"),
            }
        }
    }
    if let Some(ci) = ci {
        println!(
            "Wrote {}: it checks every push and publishes the report from the default branch. Keep the repository private.",
            ci.recipe().0
        );
    }
    println!(
        "Next: README.md walks you from here to a checked child, a review, a letter and the figures in ten minutes."
    );
    0
}
