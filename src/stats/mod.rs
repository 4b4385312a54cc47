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
//! Definitions where report.md is silent:
//! - **Years and dates.** Events are counted in the year of their date (a
//!   review's date is its last meeting; an alert is raised on its file date,
//!   reaches a stage on the stage's date, is resolved on `resolved`). Nothing
//!   dated after the check date counts in any figure (a decision sent, a
//!   record completed, a stage reached or an alert resolved after it has not
//!   happened yet). Snapshots ("at 31 March": population,
//!   care leavers, caseloads, open alerts) are taken on the year's last day,
//!   or on the check date when the year is still running. H1 is the first six
//!   months of the year, H2 the rest. A year id is its first calendar year and
//!   the next (`2025-26`) whatever `year_starts` is.
//! - **Short breaks.** Short-break-only care (V3/V4) is left out of the
//!   population, initial reviews, participation (4+ and codes) and permanence,
//!   as the DfE leaves it out of its review table; its reviews count as held,
//!   in timeliness (on their own timescale), seen before and the rest.
//! - **Timeliness** is the schedule's `on_time` against the statutory due
//!   date (the same as `iro check`; a local placement-order deadline is not
//!   used). A cla review outside any period of care has no due date and is left
//!   out of the rate (it is an error `check` reports).
//! - **Participation**: a held cla review with no code counts in the
//!   denominator, not the numerator (`missing` in `participation.by_code`).
//! - **Consultation forms** are counted from every review file of the year,
//!   held or stood down (forms go out before a review is stood down).
//! - **Decisions and records**: on time when dated on or before the Nth
//!   working day after the review date; not recorded by the check date and
//!   that day before it: not on time; not recorded by the check date and due
//!   on or after it: `pending`, left out.
//! - **Permanence by the second review**: a permanence option recorded at the
//!   second review or the first review of the same period (the rule
//!   `permanence-second`).
//! - **Alerts**: `informal`, `drp1`..`cafcass` = the alerts raised in the
//!   year by the highest stage each reached by the check date, each once (they
//!   add up to `raised`); `resolved` = resolved in the year; `open` = raised by the snapshot and not resolved by it.
//!   `alerts.informal_or_stage1` and `drp.days` use the alerts resolved in the
//!   year. An alert covering siblings is one alert. In the theme tables an
//!   alert with two themes is in both rows (rows add up to theme mentions; the
//!   figure's value is alerts); `total`, `H1` and `H2` are reserved keys.
//! - **Meetings**: disruption, stability and missing-from-care meetings, all
//!   counted, by kind.
//! - **DRP days**: working days from the first formal stage to resolution
//!   (the day of the stage not counted); the median of an even number is the
//!   mean of the middle two; `within_limit` uses `drp-20wd`'s test.
//! - **Population**: looked after (under 18) at the snapshot; started and
//!   ceased count children, each once (a child who left and came back in the
//!   year is in both), ceased by the REC of the last period that ended, as the
//!   DfE counts.
//! - **Caseload**: children on a caseload as the caseload rule counts them
//!   (looked after under 18, or a care leaver with pathway reviews), per IRO in
//!   post at the snapshot; a child allocated to an IRO who has left is
//!   `unallocated`. Mean, min and max are of the IROs' per-FTE caseloads,
//!   rounded half up to one decimal.

pub mod compute;
pub mod disclosure;
pub mod figure;
pub mod linked;
pub mod tables;
pub mod text;
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
    ("health.current", "% with an up to date health assessment"),
    ("pep.current", "% of school age with an up to date PEP"),
    ("alerts.raised", "practice alerts raised"),
    (
        "alerts.informal_or_stage1",
        "% resolved informally or at DRP stage 1",
    ),
    ("alerts.by_theme", "alerts by theme and service"),
    ("good_practice", "good practice notifications"),
    ("drp.days", "working days to resolve formal alerts (median)"),
    (
        "meetings.disruption",
        "disruption, stability and missing-from-care meetings chaired",
    ),
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
/// `facts` are the children's facts (`model::Analysis`) as of the check date
/// (`year.as_of`).
pub fn compute(
    repo: &Repo,
    facts: &BTreeMap<String, ChildFacts>,
    cal: &Calendar,
    year: &Year,
) -> Figures {
    let years = years_for(repo, year);
    assemble(compute::compute_years(repo, facts, cal, &years), year)
}

/// Every reporting year `compute` counts for `year`: from the one holding
/// the earliest record up to `year`, taken as of its check date.
pub fn years_for(repo: &Repo, year: &Year) -> Vec<Year> {
    let start = repo.config.year_start();
    let first = year::earliest(repo)
        .map(|d| Year::containing(d, start))
        .filter(|f| f.start < year.start)
        .unwrap_or(*year);
    year::years_between(first, *year, year.as_of)
}

/// The figures of the last of `all` (one `Figures` per year of
/// `years_for`), with the `trend` of every year. `iro serve` keeps `all`
/// and recounts only the years an edit can change.
pub fn assemble(mut all: Vec<Figures>, year: &Year) -> Figures {
    // The year's own figures keep their files (`--explain`).
    let mut this = all.pop().unwrap_or(Figures {
        year: *year,
        figures: Vec::new(),
    });
    let trend = trend_of(&all, &this);
    this.figures.push(trend);
    this
}

/// `assemble` without taking `all`, and without the lists of files behind
/// each figure (`--explain`'s), which publishing does not use.
pub fn assemble_ref(all: &[Figures], year: &Year) -> Figures {
    match all.split_last() {
        Some((last, rest)) => {
            let mut this = Figures {
                year: last.year,
                figures: last.figures.iter().map(Figure::without_files).collect(),
            };
            this.figures.push(trend_of(rest, last));
            this
        }
        None => Figures {
            year: *year,
            figures: vec![Figure::count("trend", 0).by(ByMap::new())],
        },
    }
}

/// The `trend` figure: every figure of each year before, then this one.
fn trend_of(before: &[Figures], this: &Figures) -> Figure {
    let mut by = ByMap::new();
    for f in before.iter().chain(std::iter::once(this)) {
        by.push(
            f.year.id(),
            By::Figures(f.figures.iter().map(Figure::without_files).collect()),
        );
    }
    Figure::count("trend", by.0.len() as u64).by(by)
}
