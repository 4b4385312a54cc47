//! The check: load diagnostics, validation and every rule, graded by
//! `[rules]` in `iro.toml` and sorted. Pure over a [`Session`] and its
//! [`Analysis`]; `iro check` prints what this returns.

use crate::diag::catalog::Grades;
use crate::diag::{Diagnostic, Severity};
use crate::model::Analysis;
use crate::session::{OpenError, Session};
use crate::source::Sources;
use chrono::NaiveDate;
use std::path::Path;

/// Validate and run every rule; return every finding, graded and sorted.
pub fn check(session: &Session, an: &Analysis) -> Vec<Diagnostic> {
    let repo = &session.repo;
    let mut diags = session.load_diags.clone();
    // Validation and the rules are independent: run them side by side.
    let (valid, rule_diags) = rayon::join(
        || crate::load::validate::validate(repo, an.as_of),
        || crate::rules::run(repo, an),
    );
    diags.extend(valid);
    // Rules on a child whose files did not all load would judge incomplete
    // records (a review that failed to parse looks like a review never
    // held): hold them back and say so.
    let broken: std::collections::BTreeSet<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
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
                Diagnostic::new(
                    "schema",
                    "regulation rules were not run for this child: fix its load errors first",
                )
                .severity(Severity::Warning)
                .file(ch.file.clone())
                .child(c.clone()),
            );
        }
    }
    let mut diags = grade(diags, &Grades::new(&repo.config.rules));
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags
}

/// Apply `[rules]`: re-grade, switch off, and report a finding the record
/// explains (`late_reason`) as information.
pub fn grade(diags: Vec<Diagnostic>, grades: &Grades) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .filter_map(|d| {
            let sev = grades.grade(&d.rule, d.severity)?;
            let sev = if d.downgraded { Severity::Info } else { sev };
            Some(d.severity(sev))
        })
        .collect()
}

/// The findings of a check that concern what changed (`--changed`): every
/// finding about a changed child (the same as a full check gives for them),
/// findings about changed files, caseloads when a child changed, and every
/// service-wide finding when `iro.toml` or an IRO changed.
pub fn only_changed(
    diags: Vec<Diagnostic>,
    files: &std::collections::BTreeSet<String>,
) -> Vec<Diagnostic> {
    let (kids, service) = crate::git::touched(files);
    diags
        .into_iter()
        .filter(|d| match &d.child {
            Some(c) => kids.contains(c),
            None => {
                service
                    || d.file.as_ref().is_some_and(|f| files.contains(f))
                    || (d.rule == "caseload" && !kids.is_empty())
            }
        })
        .collect()
}

/// `iro check --changed`: the findings about what changed since `rev`
/// (see `only_changed`). When only children changed, only their folders are
/// read (fast on a large repository); caseloads, which count every child,
/// are then left to the full check. When `iro.toml` or `iros/` changed,
/// everything is checked.
pub fn check_changed(
    root: &Path,
    as_of: Option<NaiveDate>,
    rev: Option<&str>,
) -> Result<(Vec<Diagnostic>, Sources, usize, bool), String> {
    let files = crate::git::changed(root, rev).map_err(|e| e.to_string())?;
    let (kids, service) = crate::git::touched(&files);
    let loaded = if service {
        crate::load::load(root)
    } else {
        crate::load::load_children(root, &kids)
    };
    match loaded {
        Err(f) => Ok((f.diags, f.sources, 1, false)),
        Ok((repo, diags)) => {
            let s = Session::from_repo(repo, diags, as_of);
            let an = s.analysis();
            let mut all = check(&s, &an);
            if !service {
                all.retain(|d| d.rule != "caseload");
            }
            let files_n = s.repo.files;
            Ok((only_changed(all, &files), s.repo.sources, files_n, true))
        }
    }
}

/// The outcome of checking a repository in one call.
pub struct Checked {
    /// The session (None when iro.toml was unusable).
    pub session: Option<Session>,
    /// Findings, graded and sorted.
    pub diags: Vec<Diagnostic>,
    /// The check date used.
    pub as_of: NaiveDate,
    /// `iro.toml`'s text when it did not load (else the session holds every text).
    failed_sources: Sources,
}

impl Checked {
    /// The texts the findings point into.
    pub fn sources(&self) -> &Sources {
        match &self.session {
            Some(s) => &s.repo.sources,
            None => &self.failed_sources,
        }
    }
    /// The loaded records, when `iro.toml` was usable.
    pub fn repo(&self) -> Option<&crate::records::Repo> {
        self.session.as_ref().map(|s| &s.repo)
    }
}

/// Load `root`, validate and run every rule as of a date (`None`:
/// `[check] as_of` in iro.toml, else today). For tests and benchmarks.
pub fn check_repo(root: &Path, as_of: Option<NaiveDate>) -> Checked {
    match Session::load(root, as_of) {
        Err(OpenError::Config(f)) => Checked {
            session: None,
            diags: f.diags,
            as_of: as_of.unwrap_or_else(crate::session::today),
            failed_sources: f.sources,
        },
        Err(OpenError::NoRoot(m)) => Checked {
            session: None,
            diags: vec![Diagnostic::new("io", m)],
            as_of: as_of.unwrap_or_else(crate::session::today),
            failed_sources: Sources::new(),
        },
        Ok(s) => {
            let an = s.analysis();
            let diags = check(&s, &an);
            Checked {
                as_of: s.as_of,
                failed_sources: Sources::new(),
                session: Some(s),
                diags,
            }
        }
    }
}
