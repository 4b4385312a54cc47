//! The annual report site (`iro build`): a summary, a version for children
//! and young people, the full report (one page per `report/<year>/`
//! section, with figures, tables and charts placed by short codes), every
//! figure with how it was counted and CSV downloads, a scorecard, past
//! years and an accessibility statement; and the report and summary as
//! tagged PDFs.
//!
//! Built in memory ([`Built`]): `iro build` stages it and swaps it into
//! `public/` only when everything succeeded; `iro serve` serves it. Every
//! number goes through disclosure control (`publish`); the publish guard
//! (`guard`) scans every output for children's identifiers before anything
//! is written.

pub mod guard;
pub mod pages;
pub mod pdf;
pub mod publish;
pub mod shortcode;
pub mod words;

use crate::diag::{Diagnostic, Severity};
use crate::model::Analysis;
use crate::session::Session;
use crate::stats::{Figures, Year};
use crate::theme::{Theme, ThemeError};
use crate::typeset::PdfEngine;
use std::collections::BTreeMap;

/// A built site, in memory.
#[derive(Debug, Default)]
pub struct Built {
    /// Output files by relative path (`index.html`, `pdf/report-2025-26.pdf`).
    pub files: BTreeMap<String, Vec<u8>>,
    /// The reporting year built.
    pub year: String,
    /// Every year with pages.
    pub years: Vec<String>,
    /// HTML pages written.
    pub pages: usize,
    /// PDFs written.
    pub pdfs: usize,
    /// The children's page: Flesch reading ease of its text.
    pub children_reading_ease: f64,
    /// The children's page: words.
    pub children_words: usize,
    /// The PDFs' own text as laid out (path -> text), for the publish guard.
    pub pdf_texts: BTreeMap<String, String>,
    /// Files copied unchanged from the previous build (`iro serve`).
    pub reused: std::collections::BTreeSet<String>,
}

/// What a rebuild may take from the previous build (`iro serve`): the
/// pages of the years before `from_set` (their figures did not change).
pub struct Reuse<'a> {
    /// The previous build.
    pub previous: &'a Built,
    /// The first year (index in the years counted) whose pages are made again.
    pub from_set: usize,
    /// Scan the reused files with the publish guard too (a child's
    /// identifiers changed).
    pub scan_reused: bool,
}

/// A theme problem as a diagnostic.
pub fn theme_diag(e: ThemeError) -> Diagnostic {
    let mut d = Diagnostic::new("site", e.message).file(e.path);
    if let Some(l) = e.line {
        d = d.at(l as u32, e.column.unwrap_or(1) as u32);
    }
    d.hint("fix the theme file, or delete it to use the default theme's")
}

/// The default year of `iro build`: the latest reporting year complete by
/// the check date.
pub fn default_year(s: &Session) -> Year {
    let y = crate::stats::year::default_year(s.repo.config.year_start(), s.as_of);
    if y.complete() {
        return y;
    }
    // A new service whose records begin after the last complete year: the
    // year in progress.
    let prev = y.prev().as_of(s.as_of);
    match crate::stats::year::earliest(&s.repo) {
        Some(first) if first > prev.end => y,
        _ => prev,
    }
}

/// Records that failed to load make the figures wrong: every load error
/// (and validation error: broken references, impossible dates, duplicates)
/// stops the build. Regulation findings never do.
pub fn load_errors(s: &Session) -> Vec<Diagnostic> {
    let mut v: Vec<Diagnostic> = s
        .load_diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    v.extend(
        crate::load::validate::validate(&s.repo, s.as_of)
            .into_iter()
            .filter(|d| d.severity == Severity::Error),
    );
    v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    v
}

/// Build the site for `year` (with every earlier year the records cover).
/// `engine`: also the PDFs. Errors are diagnostics naming the file, line and
/// column where there is one; nothing is written.
pub fn build(
    s: &Session,
    an: &Analysis,
    theme: &Theme,
    engine: Option<&PdfEngine>,
    year: Year,
) -> Result<Built, Vec<Diagnostic>> {
    build_with(s, an, theme, engine, year, None)
}

/// `build`, with the publish guard already made (`iro serve` keeps it
/// between rebuilds while no child's identifiers change).
pub fn build_with(
    s: &Session,
    an: &Analysis,
    theme: &Theme,
    engine: Option<&PdfEngine>,
    year: Year,
    guard: Option<guard::Guard>,
) -> Result<Built, Vec<Diagnostic>> {
    // Validation and the figures are independent: side by side.
    let (errs, figs) = rayon::join(
        || load_errors(s),
        || crate::stats::compute(&s.repo, &an.facts, &an.cal, &year),
    );
    build_from(s, theme, engine, &figs, errs, guard, None)
}

/// Build the site from figures already counted and the load errors already
/// found (`iro serve` keeps both between edits).
pub fn build_from(
    s: &Session,
    theme: &Theme,
    engine: Option<&PdfEngine>,
    figs: &Figures,
    errs: Vec<Diagnostic>,
    guard: Option<guard::Guard>,
    reuse: Option<Reuse<'_>>,
) -> Result<Built, Vec<Diagnostic>> {
    if !errs.is_empty() {
        return Err(errs);
    }
    if !has_records(figs) {
        return Err(vec![
            Diagnostic::new(
                "site",
                format!(
                    "the records hold nothing for the reporting year {}",
                    figs.year.id()
                ),
            )
            .hint("choose a year the records cover with --year (iro stats shows the years)"),
        ]);
    }
    // Disclosure control across linked tables: a table that cannot be made
    // safe stops the build (its cells are not shown anywhere).
    let unsafe_tables =
        publish::Published::new(publish::all_years(figs), &s.repo.config).unsafe_tables();
    if !unsafe_tables.is_empty() {
        return Err(unsafe_tables
            .into_iter()
            .map(|(y, t)| {
                Diagnostic::new(
                    "publish",
                    format!("the {y} table \"{t}\" cannot be published without a hidden number being worked out from it; nothing was published"),
                )
                .hint("report this table to iro's maintainers; meanwhile leave it out of the report sections")
            })
            .collect());
    }
    let mut built = pages::build_pages(s, theme, figs, reuse.as_ref())?;
    if let Some(engine) = engine {
        pdf::build_pdfs(s, theme, engine, figs, &mut built)?;
    }
    // The publish guard: nothing about a child leaves this function.
    let g = match guard {
        Some(g) => g,
        None => guard::Guard::new(&s.repo),
    };
    let skip_reused = reuse.as_ref().is_some_and(|r| !r.scan_reused);
    let mut hits = allow_errors(s, &g);
    hits.extend(scan_files(&g, &built, skip_reused));
    if !hits.is_empty() {
        return Err(hits);
    }
    Ok(built)
}

/// The publish guard over every output file of `built` (but those reused
/// unchanged from the previous build when `skip_reused`): the PDFs iro made
/// by their laid-out text, everything else by `guard::extract`; a file the
/// guard cannot read is not published either.
pub fn scan_files(g: &guard::Guard, built: &Built, skip_reused: bool) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let mut hits: Vec<Diagnostic> = built
        .files
        .par_iter()
        .filter(|(path, _)| !(skip_reused && built.reused.contains(*path)))
        .flat_map_iter(|(path, bytes)| {
            let texts = match built.pdf_texts.get(path) {
                Some(t) => Ok(vec![guard::extract::Text::soft(t.clone())]),
                None => guard::extract::read(path, bytes),
            };
            match texts {
                Ok(texts) => {
                    let mut found: Vec<guard::Hit> =
                        texts.iter().flat_map(|t| g.scan_text(t)).collect();
                    found.sort();
                    found.dedup();
                    found.iter().map(|h| guard_diag(path, h)).collect::<Vec<_>>()
                }
                Err(why) => vec![
                    Diagnostic::new(
                        "publish",
                        format!("{path} is {why}: the site publishes text, the PDFs iro makes, and images and fonts; nothing was published"),
                    )
                    .hint("remove the file from the theme's site/assets, or replace it with a PNG, JPEG, GIF or WebP image or a font"),
                ],
            }
        })
        .collect();
    hits.sort_by(|a, b| a.message.cmp(&b.message));
    hits
}

/// `[publish] allow` phrases that would let a child through.
fn allow_errors(s: &Session, g: &guard::Guard) -> Vec<Diagnostic> {
    g.check_allow(&s.repo)
        .into_iter()
        .map(|e| {
            Diagnostic::new(
                "publish",
                format!("[publish] allow, phrase {}: {}", e.entry, e.message),
            )
            .file("iro.toml")
            .hint("list the words around the ordinary word as they stand on the page (\"we will\"), never a child's name, id or date")
        })
        .collect()
}

/// The diagnostic for an identifier found in an output file.
pub fn guard_diag(path: &str, h: &guard::Hit) -> Diagnostic {
    Diagnostic::new(
        "publish",
        format!(
            "{path} would publish the {} of child {}; nothing was published",
            h.field, h.child
        ),
    )
    .child(h.child.clone())
    .hint(if h.field == "preferred name" {
        "remove it from the report section or theme that puts it there; if it is an ordinary word here and not the child, add the words around it as they stand to `allow` under [publish] in iro.toml"
    } else {
        "remove it from the report section or theme that puts it there (a child's own words may be quoted, never their name)"
    })
}

/// Whether the year's figures count anything.
fn has_records(figs: &Figures) -> bool {
    [
        "reviews.held",
        "population",
        "care_leavers",
        "alerts.raised",
    ]
    .iter()
    .any(|id| {
        figs.get(id)
            .and_then(|f| f.value.as_f64())
            .is_some_and(|v| v > 0.0)
    })
}
