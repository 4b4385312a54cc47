//! `iro check`.

use crate::cli::{CheckArgs, Format};
use crate::diag::{Counts, Diagnostic};
use crate::diag_render;
use crate::records::Repo;
use crate::rules::registry::Grades;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The outcome of checking a repository.
pub struct Checked {
    /// The loaded records (None when iro.toml was unusable).
    pub repo: Option<Repo>,
    /// Findings, graded and sorted.
    pub diags: Vec<Diagnostic>,
    /// The check date used.
    pub as_of: NaiveDate,
}

/// Load, validate and run every rule as of a date (`None`: iro.toml's
/// `[check] as_of`, else today).
pub fn check_repo(root: &Path, as_of: Option<NaiveDate>) -> Checked {
    match crate::load::load(root) {
        Err(diags) => Checked {
            repo: None,
            diags,
            as_of: as_of.unwrap_or_else(super::today),
        },
        Ok((repo, mut diags)) => {
            let as_of = as_of
                .or(repo.config.check.as_of)
                .unwrap_or_else(super::today);
            // Validation and the rules are independent: run them side by side.
            let (valid, rule_diags) = rayon::join(
                || crate::load::validate::validate(&repo, as_of),
                || crate::rules::run(&repo, as_of),
            );
            diags.extend(valid);
            // Rules on a child whose files did not all load would judge
            // incomplete records (a review that failed to parse looks like a
            // review never held): hold them back and say so.
            let broken: std::collections::BTreeSet<String> = diags
                .iter()
                .filter(|d| d.severity == crate::diag::Severity::Error)
                .filter_map(|d| d.child.clone())
                .collect();
            diags.extend(
                rule_diags
                    .into_iter()
                    .filter(|d| d.child.as_ref().is_none_or(|c| !broken.contains(c))),
            );
            for c in &broken {
                if let Some(ch) = repo.children.get(c) {
                    diags.push(
                        Diagnostic::new("schema", "regulation rules were not run for this child: fix its load errors first")
                            .severity(crate::diag::Severity::Warning)
                            .file(ch.file.clone())
                            .child(c.clone()),
                    );
                }
            }
            let grades = Grades::new(&repo.config.rules);
            let mut diags: Vec<Diagnostic> = diags
                .into_iter()
                .filter_map(|d| {
                    let sev = grades.grade(&d.rule, d.severity)?;
                    let sev = if d.downgraded {
                        crate::diag::Severity::Info
                    } else {
                        sev
                    };
                    Some(d.severity(sev))
                })
                .collect();
            diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            Checked {
                repo: Some(repo),
                diags,
                as_of,
            }
        }
    }
}

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
    let mut checked = check_repo(&root, args.as_of);
    spinner.finish_and_clear();
    if !args.child.is_empty() {
        checked
            .diags
            .retain(|d| d.child.as_ref().is_some_and(|c| args.child.contains(c)));
    }
    let files = checked.repo.as_ref().map(|r| r.files).unwrap_or(1);
    match args.format {
        Format::Json => println!("{}", diag_render::json(&checked.diags)),
        Format::Csv => {
            eprintln!("error: check prints human or json output");
            return 2;
        }
        Format::Human => {
            let opts = diag_render::HumanOptions {
                color: super::color_stdout(),
                show_info: args.notes,
            };
            print!(
                "{}",
                diag_render::human(&root, &checked.diags, files, &opts)
            );
        }
    }
    if checked.repo.is_none() {
        // iro.toml is unusable: the check itself could not run.
        return 2;
    }
    if Counts::of(&checked.diags).errors > 0 {
        1
    } else {
        0
    }
}
