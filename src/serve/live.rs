//! The preview's state: the session, the model, the theme and the last
//! site that built, kept up to date change by change. A child's edit loads
//! that child's folder again and recomputes that child's facts only; a
//! section, the sections; a theme file, the theme; `iro.toml` or an IRO,
//! everything. The figures and pages are then made again from the model,
//! and the result equals a full build of the same files.

use super::change::ChangeKind;
use crate::diag::Diagnostic;
use crate::model::Analysis;
use crate::session::{OpenError, Session};
use crate::site::Built;
use crate::theme::Theme;
use crate::typeset::PdfEngine;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The preview's state.
pub struct Live {
    root: PathBuf,
    as_of: Option<chrono::NaiveDate>,
    year: Option<String>,
    pdf: bool,
    /// The records (None while `iro.toml` does not load).
    pub session: Option<Session>,
    /// The model of `session`.
    pub analysis: Option<Analysis>,
    /// The theme.
    pub theme: Theme,
    /// The PDF engine (with `--pdf`, and for letter PDFs).
    pub engine: Option<PdfEngine>,
    /// The last site that built.
    pub site: Built,
    /// Why the files do not build now (empty when they do).
    pub errors: Vec<Diagnostic>,
    /// The service's theme does not load (the last good theme is kept).
    theme_error: Option<Diagnostic>,
    /// The publish guard, made again only when a child's identifiers change.
    guard: Option<crate::site::guard::Guard>,
    /// The figures of every year counted, kept between edits.
    per_year: Vec<crate::stats::Figures>,
    /// The years `per_year` counts.
    years: Vec<crate::stats::Year>,
    /// Validation findings: service-wide, and per child.
    valid_service: Vec<Diagnostic>,
    valid_child: std::collections::BTreeMap<String, Vec<Diagnostic>>,
    /// The first year an edit can have changed (None: everything).
    dirty_from: Option<chrono::NaiveDate>,
    /// The guard changed: scan every file again.
    guard_changed: bool,
    /// The first year whose pages are out of date since the last good build.
    pages_from: Option<usize>,
    /// Every page is out of date (a section, the theme, the settings).
    pages_all: bool,
}

/// The first date an edit of a child's files can change figures from: the
/// date in the name of each file added, removed or changed (a review,
/// plan, alert, contact or meeting counts from its own date on); any change
/// to `child.yaml` (episodes, birth, allocations) changes everything.
fn first_changed(
    old: &std::collections::BTreeMap<String, std::sync::Arc<str>>,
    new: &std::collections::BTreeMap<String, std::sync::Arc<str>>,
) -> chrono::NaiveDate {
    let mut d0 = chrono::NaiveDate::MAX;
    for f in old.keys().chain(new.keys()) {
        if old.get(f) == new.get(f) {
            continue;
        }
        let name = f.rsplit('/').next().unwrap_or("");
        match name.get(..10).and_then(|d| crate::day::parse_iso(d).ok()) {
            Some(d) if !f.ends_with("child.yaml") => d0 = d0.min(d),
            _ => return chrono::NaiveDate::MIN,
        }
    }
    d0
}

/// What the publish guard searches for about one child.
fn identifiers(
    c: Option<&crate::records::Child>,
) -> Option<(String, Option<String>, chrono::NaiveDate)> {
    c.map(|c| {
        (
            c.rec.name.value.clone(),
            c.rec.preferred_name.as_ref().map(|p| p.value.clone()),
            c.rec.dob.0,
        )
    })
}

fn open_errors(e: OpenError) -> Vec<Diagnostic> {
    match e {
        OpenError::NoRoot(m) => vec![Diagnostic::new("io", m)],
        OpenError::Config(f) => f.diags,
    }
}

impl Live {
    /// Load and build everything once.
    pub fn new(
        root: &Path,
        as_of: Option<chrono::NaiveDate>,
        year: Option<String>,
        pdf: bool,
    ) -> Live {
        let mut l = Live {
            root: root.to_path_buf(),
            as_of,
            year,
            pdf,
            session: None,
            analysis: None,
            theme: Theme::builtin(),
            engine: None,
            site: Built::default(),
            errors: Vec::new(),
            theme_error: None,
            guard: None,
            per_year: Vec::new(),
            years: Vec::new(),
            valid_service: Vec::new(),
            valid_child: Default::default(),
            dirty_from: None,
            guard_changed: true,
            pages_from: None,
            pages_all: true,
        };
        l.reload_all();
        l.rebuild();
        l
    }

    fn reload_all(&mut self) {
        self.errors.clear();
        match Session::load(&self.root, self.as_of) {
            Ok(s) => {
                self.analysis = Some(s.analysis());
                self.guard = Some(crate::site::guard::Guard::new(&s.repo));
                self.valid_service = crate::load::validate::validate_service(&s.repo);
                self.valid_child = s
                    .repo
                    .children
                    .values()
                    .map(|c| {
                        (
                            c.id.clone(),
                            crate::load::validate::validate_child(&s.repo, c, s.as_of),
                        )
                    })
                    .collect();
                self.per_year.clear();
                self.years.clear();
                self.dirty_from = None;
                self.guard_changed = true;
                self.pages_all = true;
                self.session = Some(s);
                self.load_theme();
            }
            Err(e) => {
                self.session = None;
                self.analysis = None;
                self.errors = open_errors(e);
            }
        }
    }

    /// Apply a batch of changes, then build again. Returns whether the
    /// files build.
    pub fn apply(&mut self, changes: &BTreeSet<ChangeKind>) -> bool {
        let full = self.session.is_none()
            || changes
                .iter()
                .any(|c| matches!(c, ChangeKind::Config | ChangeKind::Iros));
        if full {
            self.reload_all();
        } else if let (Some(s), Some(an)) = (self.session.as_mut(), self.analysis.as_mut()) {
            for c in changes {
                match c {
                    ChangeKind::Child(id) => {
                        let prefix = format!("children/{id}/");
                        let before = identifiers(s.repo.children.get(id));
                        let old_texts: std::collections::BTreeMap<String, std::sync::Arc<str>> =
                            s.repo.sources.with_prefix(&prefix).into_iter().collect();
                        let diags = crate::load::reload_child(&mut s.repo, id);
                        if identifiers(s.repo.children.get(id)) != before {
                            self.guard = Some(crate::site::guard::Guard::new(&s.repo));
                            self.guard_changed = true;
                        }
                        let new_texts: std::collections::BTreeMap<String, std::sync::Arc<str>> =
                            s.repo.sources.with_prefix(&prefix).into_iter().collect();
                        let d0 = first_changed(&old_texts, &new_texts);
                        self.dirty_from = Some(match self.dirty_from {
                            Some(d) => d.min(d0),
                            None if self.per_year.is_empty() => chrono::NaiveDate::MIN,
                            None => d0,
                        });
                        match s.repo.children.get(id) {
                            Some(c) => {
                                self.valid_child.insert(
                                    id.clone(),
                                    crate::load::validate::validate_child(&s.repo, c, s.as_of),
                                );
                            }
                            None => {
                                self.valid_child.remove(id);
                            }
                        }
                        self.valid_service = crate::load::validate::validate_service(&s.repo);
                        s.load_diags.retain(|d| {
                            d.child.as_deref() != Some(id.as_str())
                                && !d.file.as_deref().is_some_and(|f| f.starts_with(&prefix))
                        });
                        s.load_diags.extend(diags);
                        an.refresh_child(&s.repo, id);
                    }
                    ChangeKind::Report(year) => {
                        // That year's pages (and the years after, whose
                        // pages link to it); a file elsewhere: every page.
                        match year
                            .as_ref()
                            .and_then(|y| self.years.iter().position(|x| x.id() == *y))
                        {
                            Some(i) => {
                                self.pages_from = Some(self.pages_from.map_or(i, |p| p.min(i)))
                            }
                            None => self.pages_all = true,
                        }
                        let diags = crate::load::reload_report(&mut s.repo);
                        s.load_diags.retain(|d| {
                            !d.file.as_deref().is_some_and(|f| f.starts_with("report/"))
                        });
                        s.load_diags.extend(diags);
                    }
                    ChangeKind::Theme => {}
                    ChangeKind::Config | ChangeKind::Iros => {}
                }
            }
            if changes.contains(&ChangeKind::Theme) {
                self.pages_all = true;
                self.load_theme();
            }
        }
        self.rebuild()
    }

    fn load_theme(&mut self) {
        let Some(s) = &self.session else { return };
        match s.theme() {
            Ok(t) => {
                self.theme = t;
                self.theme_error = None;
                if self.pdf {
                    self.engine = Some(PdfEngine::for_theme(&self.theme));
                }
            }
            Err(e) => self.theme_error = Some(crate::site::theme_diag(e)),
        }
    }

    /// Build the site from the current state; keep the last good one on failure.
    fn rebuild(&mut self) -> bool {
        let (Some(s), Some(an)) = (&self.session, &self.analysis) else {
            return false;
        };
        if let Some(e) = &self.theme_error {
            self.errors = vec![e.clone()];
            return false;
        }
        let year = match &self.year {
            Some(y) => match s.year(Some(y)) {
                Ok(y) => y,
                Err(e) => {
                    self.errors = vec![Diagnostic::new("site", e)];
                    return false;
                }
            },
            None => crate::site::default_year(s),
        };
        // Count again only the years an edit can have changed.
        let years = crate::stats::years_for(&s.repo, &year);
        let n = years.len();
        let k = if self.per_year.len() != n || years != self.years {
            0
        } else {
            match self.dirty_from {
                None => n,
                Some(d) => years.iter().position(|y| y.end >= d).unwrap_or(n),
            }
        };
        if k == 0 {
            self.per_year =
                crate::stats::compute::compute_years(&s.repo, &an.facts, &an.cal, &years);
        } else if k < n {
            let tail =
                crate::stats::compute::compute_years(&s.repo, &an.facts, &an.cal, &years[k..]);
            self.per_year.truncate(k);
            self.per_year.extend(tail);
        }
        self.years = years;
        self.dirty_from = None;
        let figs = crate::stats::assemble_ref(&self.per_year, &year);
        self.pages_from = Some(self.pages_from.map_or(k, |p| p.min(k)));
        let from_set = if self.pages_all || self.site.files.is_empty() {
            0
        } else {
            self.pages_from.unwrap_or(0).min(n.saturating_sub(1))
        };
        // The load errors, from the validation kept per child.
        let is_err = |d: &&Diagnostic| d.severity == crate::diag::Severity::Error;
        let mut errs: Vec<Diagnostic> = s.load_diags.iter().filter(is_err).cloned().collect();
        errs.extend(self.valid_service.iter().filter(is_err).cloned());
        for v in self.valid_child.values() {
            errs.extend(v.iter().filter(is_err).cloned());
        }
        errs.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let engine = if self.pdf { self.engine.as_ref() } else { None };
        let reuse = crate::site::Reuse {
            previous: &self.site,
            from_set,
            scan_reused: self.guard_changed,
        };
        let r = crate::site::build_from(
            s,
            &self.theme,
            engine,
            &figs,
            errs,
            self.guard.clone(),
            Some(reuse),
        );
        match r {
            Ok(b) => {
                self.site = b;
                self.errors.clear();
                self.pages_from = None;
                self.pages_all = false;
                self.guard_changed = false;
                true
            }
            Err(d) => {
                self.errors = d;
                false
            }
        }
    }
}
