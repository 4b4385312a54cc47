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
                self.guard = Some(crate::site::guard::Guard::new(&s.repo, &[]));
                self.session = Some(s);
                self.load_theme();
            }
            Err(e) => {
                self.session = None;
                self.analysis = None;
                self.errors = open_errors(e);
            }
        }
        if self.pdf {
            self.engine = Some(PdfEngine::for_theme(&self.theme));
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
                        let diags = crate::load::reload_child(&mut s.repo, id);
                        if identifiers(s.repo.children.get(id)) != before {
                            self.guard = Some(crate::site::guard::Guard::new(&s.repo, &[]));
                        }
                        s.load_diags.retain(|d| {
                            d.child.as_deref() != Some(id.as_str())
                                && !d.file.as_deref().is_some_and(|f| f.starts_with(&prefix))
                        });
                        s.load_diags.extend(diags);
                        an.refresh_child(&s.repo, id);
                    }
                    ChangeKind::Report => {
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
        let engine = if self.pdf { self.engine.as_ref() } else { None };
        match crate::site::build_with(s, an, &self.theme, engine, year, self.guard.clone()) {
            Ok(b) => {
                self.site = b;
                self.errors.clear();
                true
            }
            Err(d) => {
                self.errors = d;
                false
            }
        }
    }
}
