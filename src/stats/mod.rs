//! The annual report figures (`iro stats`, report.md's key figures). Pure: no
//! I/O. Records and the model in, `Figures` out; `disclosure` stands between
//! the figures and anything published.
//!
//! - `year`: reporting years (`[service] year_starts`), ids like `2025-26`,
//!   half-years, the years the records cover;
//! - `figure`: the figure types and their JSON form;
//! - `compute`: counting every figure for every year in one pass;
//! - `tables`: figures as tables for publishing;
//! - `disclosure`: small-number suppression of published tables.
//!
//! Definitions where report.md is silent (documented in `docs/` and in the
//! figure's own code):
//! - events are counted in the year of their date (a review's date is its
//!   last meeting; an alert counts as raised on its file date, reaching a
//!   stage on the stage's date, resolved on `resolved`); snapshots ("at year
//!   end") are taken on the year's last day, or the check date when earlier;
//! - short-break-only care (V3/V4) is left out of the population, initial
//!   reviews, participation and permanence figures (as the DfE leaves it out
//!   of its review table); its reviews count as held, and in timeliness;
//! - consultation forms are counted from every review file of the year,
//!   held or stood down; decisions and records not yet recorded and not yet
//!   due on the check date are `pending` and left out of those rates.

pub mod compute;
pub mod disclosure;
pub mod figure;
pub mod tables;
pub mod year;

pub use figure::{By, ByMap, Figure, Figures, FileGroup, Rate, Value, percent};
pub use year::{Half, Year};

use crate::calendar::Calendar;
use crate::model::ChildFacts;
use crate::records::Repo;
use std::collections::BTreeMap;

/// Every figure id of report.md's table, in order, with its name.
pub const IDS: &[(&str, &str)] = &[
    ("reviews.held", "reviews chaired"),
    ("reviews.initial", "initial reviews"),
    ("reviews.series", "reviews held as a series"),
    ("reviews.stood_down", "reviews stood down"),
    ("reviews.on_time", "% reviews in timescales"),
    ("participation.4plus", "% of children 4+ who participated"),
    ("participation.by_code", "participation codes"),
    ("pathway.attended", "% care leavers attending"),
    ("seen_before", "% seen by their IRO before the review"),
    ("chaired_by_child", "children who chaired or co-chaired"),
    ("consultations", "consultation forms returned"),
    ("decisions.on_time", "% decisions sent on time"),
    ("records.on_time", "% records completed on time"),
    (
        "permanence.by_second",
        "% with a permanence plan by the second review",
    ),
    ("alerts.raised", "practice alerts raised"),
    (
        "alerts.informal_or_stage1",
        "% resolved informally or at DRP stage 1",
    ),
    ("alerts.by_theme", "alerts by theme and service"),
    ("good_practice", "good practice notifications"),
    ("drp.days", "working days to resolve formal alerts (median)"),
    ("meetings.disruption", "disruption meetings chaired"),
    ("population", "children looked after"),
    ("care_leavers", "care leavers"),
    ("caseload", "IRO caseloads (children per FTE, mean)"),
    ("trend", "multi-year"),
];

/// The name of a figure (its id when unknown).
pub fn label(id: &str) -> &'static str {
    IDS.iter()
        .find(|(i, _)| *i == id)
        .map(|(_, l)| *l)
        .unwrap_or("figure")
}

/// Every figure of `year`, with the `trend`: the same figures for each year
/// the records cover, from the earliest episode or review up to `year`.
/// `facts` are the children's facts (`rules::all_facts`) as of the check date
/// (`year.as_of`).
pub fn compute(
    repo: &Repo,
    facts: &BTreeMap<String, ChildFacts>,
    cal: &Calendar,
    year: &Year,
) -> Figures {
    let start = repo.config.year_start();
    let first = year::earliest(repo)
        .map(|d| Year::containing(d, start))
        .filter(|f| f.start < year.start)
        .unwrap_or(*year);
    let years = year::years_between(first, *year, year.as_of);
    let mut all = compute::compute_years(repo, facts, cal, &years);
    let mut this = all.pop().unwrap_or(Figures {
        year: *year,
        figures: Vec::new(),
    });
    let mut by = ByMap::new();
    for f in &all {
        by.push(
            f.year.id(),
            By::Figures(f.figures.iter().map(Figure::without_files).collect()),
        );
    }
    by.push(
        this.year.id(),
        By::Figures(this.figures.iter().map(Figure::without_files).collect()),
    );
    this.figures
        .push(Figure::count("trend", by.0.len() as u64).by(by));
    this
}
