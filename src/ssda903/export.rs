//! The SSDA903 tables of one collection year, from the records. Pure: the
//! command writes them (under `private/` only: they are child-level data).
//!
//! What the return covers:
//! - **episodes** open at any time in the year (started by 31 March, not ended
//!   before 1 April). An episode still open on 31 March has no DEC, REC or
//!   REASON_PLACE_CHANGE, even if the records already show it ended later;
//! - **children** with such an episode, one header row each;
//! - **reviews**: held (not stood down) `cla` reviews in the year, one row per
//!   review: a review held as a series is dated as `series_timeliness` says
//!   (its first meeting, or its last). A child whose episodes in the year are
//!   all short breaks (V3/V4) has no review rows and no MOTHER (DfE rule 399);
//!   nor is any review held under reg 48 (the schedule's short-break reviews)
//!   in the review table.
//!
//! Codes as each collection year requires: from 2025-26 the DfE withdrew H5
//! (semi-independent living), returned as K3 (supported accommodation); a URN
//! is returned only for placements the year's rules give one (none for
//! placed with parents, independent living, residential employment, temporary
//! placements or other placements; from 2023-24 H5 has one, from 2024-25 P2).

use super::{CollectionYear, date};
use crate::codes::{LegalStatus, Placement, ReviewKind, Sex};
use crate::model::Analysis;
use crate::records::config::SeriesTimeliness;
use crate::records::{Child, Episode, Repo};

/// The three tables, rows without the header line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tables {
    /// One row per child.
    pub header: Vec<Vec<String>>,
    /// One row per episode.
    pub episodes: Vec<Vec<String>>,
    /// One row per review.
    pub reviews: Vec<Vec<String>>,
}

impl Tables {
    /// The rows of the table called `name` (`header.csv`, ...).
    pub fn rows(&self, name: &str) -> &[Vec<String>] {
        match name {
            "header.csv" => &self.header,
            "episodes.csv" => &self.episodes,
            _ => &self.reviews,
        }
    }
    /// The table as CSV text: its columns, then its rows (`\r\n` line ends,
    /// as the DfE's own files and spreadsheets write them).
    pub fn csv(&self, name: &str) -> String {
        let cols = super::TABLES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
            .unwrap_or(&[]);
        let mut w = crate::format::Csv::crlf();
        w.row(cols);
        for r in self.rows(name) {
            w.row(r);
        }
        w.finish()
    }
}

fn opt(s: &Option<crate::span::Sp<String>>) -> String {
    s.as_ref().map(|v| v.trim().to_string()).unwrap_or_default()
}

fn short_break(e: &Episode) -> bool {
    matches!(e.legal_status.value, LegalStatus::V3 | LegalStatus::V4)
}

/// The tables for `year`. `an` gives each child's schedule: a review held
/// under reg 48 (short breaks) is never in the review table, whatever else
/// the child's year holds.
pub fn export(repo: &Repo, an: &Analysis, year: CollectionYear) -> Tables {
    let (start, end) = (year.start(), year.end());
    let mut t = Tables::default();
    for c in repo.children.values() {
        let eps: Vec<&Episode> = c
            .rec
            .episodes
            .iter()
            .map(|e| &e.value)
            .filter(|e| e.start.0 <= end && e.end.as_ref().is_none_or(|d| d.0 >= start))
            .collect();
        if eps.is_empty() {
            continue;
        }
        let only_short_breaks = eps.iter().all(|e| short_break(e));
        t.header.push(header_row(c, year, only_short_breaks));
        for e in &eps {
            t.episodes.push(episode_row(&c.id, e, year));
        }
        if !only_short_breaks {
            let short = an
                .facts
                .get(&c.id)
                .map(|f| f.schedule.short_break_reviews())
                .unwrap_or_default();
            let mut rows: Vec<(chrono::NaiveDate, Vec<String>)> = c
                .reviews
                .iter()
                .enumerate()
                .filter(|(i, r)| {
                    r.held() && r.rec.kind.value == ReviewKind::Cla && !short.contains(i)
                })
                .map(|(_, r)| r)
                .map(|r| {
                    let on = match repo.config.policy.series_timeliness {
                        SeriesTimeliness::First => r.first_meeting(),
                        SeriesTimeliness::Last => r.date,
                    };
                    (on, r)
                })
                .filter(|(on, _)| *on >= start && *on <= end)
                .map(|(on, r)| {
                    (
                        on,
                        vec![
                            c.id.clone(),
                            date(c.rec.dob.0),
                            date(on),
                            r.rec
                                .participation
                                .as_ref()
                                .map(|p| p.value.code().to_string())
                                .unwrap_or_default(),
                        ],
                    )
                })
                .collect();
            rows.sort();
            rows.dedup();
            t.reviews.extend(rows.into_iter().map(|(_, r)| r));
        }
    }
    t
}

fn header_row(c: &Child, year: CollectionYear, only_short_breaks: bool) -> Vec<String> {
    let r = &c.rec;
    let sex = match (r.sex.value, year.letters_for_sex()) {
        (Sex::M, true) => "M",
        (Sex::F, true) => "F",
        (Sex::M, false) => "1",
        (Sex::F, false) => "2",
    };
    // MOTHER is asked of girls only, and not of short-break-only children.
    let (mother, mc_dob) = if r.sex.value == Sex::F && !only_short_breaks {
        match r.mother.as_ref().map(|m| m.value) {
            Some(true) => (
                "1".to_string(),
                r.mother_child_dob
                    .as_ref()
                    .map(|d| date(d.0))
                    .unwrap_or_default(),
            ),
            Some(false) => ("0".to_string(), String::new()),
            None => (String::new(), String::new()),
        }
    } else {
        (String::new(), String::new())
    };
    vec![
        c.id.clone(),
        sex.to_string(),
        date(r.dob.0),
        r.ethnicity.value.code().to_string(),
        opt(&r.upn),
        mother,
        mc_dob,
    ]
}

fn episode_row(child: &str, e: &Episode, year: CollectionYear) -> Vec<String> {
    let end = year.end();
    // Ended within the year: DEC and REC; open on 31 March: neither.
    let ended = e.end.as_ref().filter(|d| d.0 <= end);
    let place = placement_code(e.placement.value, year);
    let urn = if urn_returned(e.placement.value, year) {
        opt(&e.urn)
    } else {
        String::new()
    };
    let (dec, rec, why) = match ended {
        Some(d) => (
            date(d.0),
            e.reason_ended
                .as_ref()
                .map(|r| r.value.code().to_string())
                .unwrap_or_default(),
            e.reason_place_change
                .as_ref()
                .map(|r| r.value.code().to_string())
                .unwrap_or_default(),
        ),
        None => Default::default(),
    };
    vec![
        child.to_string(),
        date(e.start.0),
        e.reason_new.value.code().to_string(),
        e.legal_status.value.code().to_string(),
        e.need.value.code().to_string(),
        place.to_string(),
        e.provider
            .as_ref()
            .map(|p| p.value.code().to_string())
            .unwrap_or_default(),
        dec,
        rec,
        why,
        opt(&e.home_postcode),
        opt(&e.placement_postcode),
        urn,
    ]
}

/// The PLACE code the year's return uses for `p`.
pub fn placement_code(p: Placement, year: CollectionYear) -> &'static str {
    match p {
        Placement::H5 if year.first >= 2025 => "K3",
        _ => p.code(),
    }
}

/// Whether the year's return carries a URN for placement `p` (DfE rules 218, 222, 230).
pub fn urn_returned(p: Placement, year: CollectionYear) -> bool {
    use Placement::*;
    match p {
        P1 | P3 | R1 | R2 | R5 | T0 | T1 | T2 | T3 | T4 | Z1 | Z11 | Z12 | Z13 | Z14 => false,
        H5 => year.first >= 2023,
        P2 => year.first >= 2024,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_written_through_the_one_csv_writer() {
        let t = Tables {
            header: vec![vec![
                "C1".into(),
                "M".into(),
                "01/01/2015".into(),
                "WBRI".into(),
                "=HYPERLINK(\"x\")".into(),
                "".into(),
                "".into(),
            ]],
            ..Tables::default()
        };
        assert_eq!(
            t.csv("header.csv"),
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nC1,M,01/01/2015,WBRI,\"'=HYPERLINK(\"\"x\"\")\",,\r\n"
        );
    }
}
