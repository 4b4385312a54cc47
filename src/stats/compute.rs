//! Computing the figures: one pass over the children for every reporting year
//! at once (events are put in the year they happened; year-end snapshots are
//! taken for every year while the child is at hand), in parallel over
//! children, then each year's tallies are turned into `Figure`s.
//!
//! Timeliness uses the review schedule (`model::schedule`), the same due dates
//! as `iro check`; caseloads use `model::staff::allocated_on` and the
//! same "on the caseload" test as the caseload rule.

use super::figure::{By, ByMap, Figure, Figures, Rate, round1};
use super::year::{Half, Year};
use crate::calendar::{Calendar, add_months, age_on};
use crate::codes::{AlertKind, MeetingKind, Participation, Party, ReasonEnded, ReviewKind, Stage};
use crate::model::leaver::{self, LeaverStatus};
use crate::model::period::in_care_on;
use crate::model::schedule::Scheduled;
use crate::model::staff::allocated_on;
use crate::model::{ChildFacts, current};
use crate::records::{Alert, Child, Repo};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

// ------------------------------------------------------------------ tallies

/// A rate being counted, with the files in its numerator and denominator.
#[derive(Default)]
struct RateT<'a> {
    num: u64,
    den: u64,
    num_files: Vec<&'a str>,
    den_files: Vec<&'a str>,
}

impl<'a> RateT<'a> {
    fn add(&mut self, hit: bool, file: &'a str) {
        self.den += 1;
        self.den_files.push(file);
        if hit {
            self.num += 1;
            self.num_files.push(file);
        }
    }
    fn merge(&mut self, o: RateT<'a>) {
        self.num += o.num;
        self.den += o.den;
        self.num_files.extend(o.num_files);
        self.den_files.extend(o.den_files);
    }
    fn rate(&self) -> Rate {
        Rate::new(self.num, self.den)
    }
}

fn merge_counts<K: Ord>(a: &mut BTreeMap<K, u64>, b: BTreeMap<K, u64>) {
    for (k, v) in b {
        *a.entry(k).or_default() += v;
    }
}

fn add_arr<const N: usize>(a: &mut [u64; N], b: [u64; N]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

const CLA: usize = 0;
const PATHWAY: usize = 1;
const KINDS: [ReviewKind; 2] = [ReviewKind::Cla, ReviewKind::Pathway];
const LEAVERS: [LeaverStatus; 3] = [
    LeaverStatus::Eligible,
    LeaverStatus::Relevant,
    LeaverStatus::FormerRelevant,
];

fn kind_ix(k: ReviewKind) -> usize {
    if k == ReviewKind::Cla { CLA } else { PATHWAY }
}

fn leaver_key(s: LeaverStatus) -> &'static str {
    match s {
        LeaverStatus::Eligible => "eligible",
        LeaverStatus::Relevant => "relevant",
        LeaverStatus::FormerRelevant => "former-relevant",
    }
}

/// (theme, service, half) -> alerts.
type ThemeCells<'a> = BTreeMap<(&'a str, &'a str, Half), u64>;

/// Everything counted for one reporting year.
#[derive(Default)]
struct Acc<'a> {
    held: [u64; 2],
    held_files: Vec<&'a str>,
    initial: Vec<&'a str>,
    series: [u64; 2],
    series_files: Vec<&'a str>,
    stood_down: BTreeMap<&'a str, u64>,
    stood_down_files: Vec<&'a str>,
    on_time: [RateT<'a>; 2],
    part4: RateT<'a>,
    codes: [u64; 8],
    codes_missing: u64,
    codes_files: Vec<&'a str>,
    pathway_att: RateT<'a>,
    seen_before: RateT<'a>,
    chaired_any: BTreeSet<&'a str>,
    chaired_chair: BTreeSet<&'a str>,
    chaired_co: BTreeSet<&'a str>,
    chaired_files: Vec<&'a str>,
    /// [sent, returned] per party, in `Party::ALL` order.
    consult: [[u64; 2]; 6],
    consult_sent_files: Vec<&'a str>,
    consult_ret_files: Vec<&'a str>,
    decisions: [RateT<'a>; 2],
    decisions_pending: u64,
    records: [RateT<'a>; 2],
    records_pending: u64,
    permanence: RateT<'a>,
    raised: Vec<&'a str>,
    /// Alerts raised in the year by the highest stage each reached by the
    /// check date, in `Stage::ALL` order: each alert once.
    raised_highest: [u64; 5],
    resolved: Vec<&'a str>,
    stage_files: Vec<&'a str>,
    open: Vec<&'a str>,
    io1: RateT<'a>,
    highest: [u64; 5],
    alert_cells: ThemeCells<'a>,
    gp_cells: ThemeCells<'a>,
    gp_files: Vec<&'a str>,
    drp_days: Vec<i64>,
    drp_within: u64,
    drp_files: Vec<&'a str>,
    meetings: [u64; 3],
    meeting_files: Vec<&'a str>,
    looked_after: Vec<&'a str>,
    started: Vec<&'a str>,
    ceased: Vec<&'a str>,
    ceased_reason: BTreeMap<ReasonEnded, u64>,
    leavers: [u64; 3],
    leaver_files: Vec<&'a str>,
    caseload: BTreeMap<&'a str, u64>,
    unallocated: u64,
    caseload_files: Vec<&'a str>,
    health_current: RateT<'a>,
    pep_current: RateT<'a>,
}

impl<'a> Acc<'a> {
    fn merge(&mut self, o: Acc<'a>) {
        add_arr(&mut self.held, o.held);
        self.held_files.extend(o.held_files);
        self.initial.extend(o.initial);
        add_arr(&mut self.series, o.series);
        self.series_files.extend(o.series_files);
        merge_counts(&mut self.stood_down, o.stood_down);
        self.stood_down_files.extend(o.stood_down_files);
        for (a, b) in self.on_time.iter_mut().zip(o.on_time) {
            a.merge(b);
        }
        self.part4.merge(o.part4);
        add_arr(&mut self.codes, o.codes);
        self.codes_missing += o.codes_missing;
        self.codes_files.extend(o.codes_files);
        self.pathway_att.merge(o.pathway_att);
        self.seen_before.merge(o.seen_before);
        self.chaired_any.extend(o.chaired_any);
        self.chaired_chair.extend(o.chaired_chair);
        self.chaired_co.extend(o.chaired_co);
        self.chaired_files.extend(o.chaired_files);
        for (a, b) in self.consult.iter_mut().zip(o.consult) {
            add_arr(a, b);
        }
        self.consult_sent_files.extend(o.consult_sent_files);
        self.consult_ret_files.extend(o.consult_ret_files);
        for (a, b) in self.decisions.iter_mut().zip(o.decisions) {
            a.merge(b);
        }
        self.decisions_pending += o.decisions_pending;
        for (a, b) in self.records.iter_mut().zip(o.records) {
            a.merge(b);
        }
        self.records_pending += o.records_pending;
        self.permanence.merge(o.permanence);
        self.raised.extend(o.raised);
        add_arr(&mut self.raised_highest, o.raised_highest);
        self.resolved.extend(o.resolved);
        self.stage_files.extend(o.stage_files);
        self.open.extend(o.open);
        self.io1.merge(o.io1);
        add_arr(&mut self.highest, o.highest);
        merge_counts(&mut self.alert_cells, o.alert_cells);
        merge_counts(&mut self.gp_cells, o.gp_cells);
        self.gp_files.extend(o.gp_files);
        self.drp_days.extend(o.drp_days);
        self.drp_within += o.drp_within;
        self.drp_files.extend(o.drp_files);
        add_arr(&mut self.meetings, o.meetings);
        self.meeting_files.extend(o.meeting_files);
        self.looked_after.extend(o.looked_after);
        self.started.extend(o.started);
        self.ceased.extend(o.ceased);
        merge_counts(&mut self.ceased_reason, o.ceased_reason);
        add_arr(&mut self.leavers, o.leavers);
        self.leaver_files.extend(o.leaver_files);
        merge_counts(&mut self.caseload, o.caseload);
        self.unallocated += o.unallocated;
        self.caseload_files.extend(o.caseload_files);
        self.health_current.merge(o.health_current);
        self.pep_current.merge(o.pep_current);
    }
}

// ------------------------------------------------------------------ the pass

/// The years being computed, contiguous and oldest first.
struct Years<'y> {
    years: &'y [Year],
}

impl Years<'_> {
    /// The index of the year counting `d`, if any.
    fn of(&self, d: NaiveDate) -> Option<usize> {
        let i = self
            .years
            .partition_point(|y| y.start <= d)
            .checked_sub(1)?;
        self.years[i].contains(d).then_some(i)
    }
}

fn in_post(repo: &Repo, iro: &str, d: NaiveDate) -> bool {
    repo.iros
        .get(iro)
        .is_some_and(|i| crate::model::staff::in_post(i, d))
}

/// Count one child into the per-year tallies.
fn child_pass<'a>(
    accs: &mut [Acc<'a>],
    ys: &Years<'_>,
    repo: &'a Repo,
    child: &'a Child,
    f: &ChildFacts,
    cal: &Calendar,
) {
    let dob = child.rec.dob.0;
    let pol = &repo.config.policy;
    let mut sched: Vec<Option<&Scheduled>> = vec![None; child.reviews.len()];
    for h in &f.schedule.held {
        if let Some(s) = sched.get_mut(h.review) {
            *s = Some(h);
        }
    }
    for (i, r) in child.reviews.iter().enumerate() {
        let Some(y) = ys.of(r.date) else { continue };
        let as_of = ys.years[y].as_of;
        let a = &mut accs[y];
        let file = r.file.as_str();
        // Consultation forms: every review file that records them, held or stood down.
        if let Some(c) = &r.rec.consultations {
            let (mut sent, mut ret) = (0, 0);
            for (party, v) in c.value.iter() {
                let p = Party::ALL.iter().position(|x| x == party).unwrap_or(5);
                a.consult[p][0] += u64::from(v.value[0]);
                a.consult[p][1] += u64::from(v.value[1]);
                sent += v.value[0];
                ret += v.value[1];
            }
            if sent > 0 {
                a.consult_sent_files.push(file);
            }
            if ret > 0 {
                a.consult_ret_files.push(file);
            }
        }
        if let Some(sd) = &r.rec.stood_down {
            *a.stood_down
                .entry(sd.value.reason.value.as_str())
                .or_default() += 1;
            a.stood_down_files.push(file);
            continue;
        }
        let k = kind_ix(r.rec.kind.value);
        a.held[k] += 1;
        a.held_files.push(file);
        if r.meeting_dates().len() >= 2 {
            a.series[k] += 1;
            a.series_files.push(file);
        }
        match r.rec.chaired_by_child.as_ref().map(|c| c.value) {
            Some(crate::codes::ChairedBy::Chair) => {
                a.chaired_any.insert(child.id.as_str());
                a.chaired_chair.insert(child.id.as_str());
                a.chaired_files.push(file);
            }
            Some(crate::codes::ChairedBy::CoChair) => {
                a.chaired_any.insert(child.id.as_str());
                a.chaired_co.insert(child.id.as_str());
                a.chaired_files.push(file);
            }
            _ => {}
        }
        let h = sched[i];
        if let Some(h) = h {
            a.on_time[k].add(h.on_time, file);
            if k == CLA && !h.short_break && h.ordinal == 1 {
                a.initial.push(file);
            }
            if k == CLA && !h.short_break && h.ordinal == 2 {
                // A permanence option recorded at this review or the first of the period.
                let recorded = f.schedule.held.iter().any(|g| {
                    g.kind == ReviewKind::Cla
                        && g.period == h.period
                        && g.ordinal <= 2
                        && child.reviews[g.review].rec.permanence.is_some()
                });
                a.permanence.add(recorded, file);
            }
        }
        let short = h.is_some_and(|h| h.short_break);
        if k == CLA {
            let four_plus = age_on(dob, r.date) >= 4;
            let pn = r.rec.participation.as_ref().map(|p| p.value);
            if !short {
                match pn {
                    Some(p) => {
                        a.codes[Participation::ALL.iter().position(|x| *x == p).unwrap_or(0)] += 1
                    }
                    None => a.codes_missing += 1,
                }
                a.codes_files.push(file);
                if four_plus {
                    a.part4
                        .add(pn.is_some_and(Participation::participated), file);
                }
            }
            if four_plus {
                a.seen_before
                    .add(r.rec.seen_before.as_ref().is_some_and(|s| s.value), file);
            }
        } else {
            let attended = r
                .rec
                .attended
                .iter()
                .any(|w| matches!(w.value.as_str(), "child" | "young-person"));
            a.pathway_att.add(attended, file);
        }
        // Decisions and record: within the policy's working days of the review date.
        for (field, n, which) in [
            (&r.rec.decisions_sent, pol.decisions_within_working_days, 0),
            (&r.rec.record_completed, pol.record_within_working_days, 1),
        ] {
            let by = cal.add_working_days(r.date, n);
            let (t, pending) = if which == 0 {
                (&mut a.decisions[k], &mut a.decisions_pending)
            } else {
                (&mut a.records[k], &mut a.records_pending)
            };
            // Sent or completed after the check date: not done yet, as of it.
            match field.as_ref().map(|d| d.0).filter(|d| *d <= as_of) {
                Some(d) => t.add(d <= by, file),
                None if as_of > by => t.add(false, file),
                None => *pending += 1,
            }
        }
    }

    for al in &child.alerts {
        alert_pass(accs, ys, repo, al, cal);
    }

    // Every meeting of `meetings/` counts: disruption, stability and
    // missing-from-care meetings, by kind.
    for m in &child.meetings {
        let Some(y) = ys.of(m.date) else { continue };
        let k = MeetingKind::ALL
            .iter()
            .position(|x| *x == m.rec.kind.value)
            .unwrap_or(0);
        accs[y].meetings[k] += 1;
        accs[y].meeting_files.push(m.file.as_str());
    }

    // Year-end snapshots and the periods started and ceased in each year.
    let Some(first) = f.periods.first().map(|p| p.start) else {
        return;
    };
    let cfile = child.file.as_str();
    for (y, yr) in ys.years.iter().enumerate() {
        let snap = yr.snapshot();
        if snap < first {
            continue; // not yet in care: nothing to count this year
        }
        let a = &mut accs[y];
        let la = in_care_on(&f.periods, snap).is_some() && age_on(dob, snap) < 18;
        if la {
            a.looked_after.push(cfile);
            // Health: looked after for at least 12 months at the snapshot;
            // education: of compulsory school age. In date as the rules
            // `health-assessment` and `pep-termly` judge it on that day.
            let rec = &child.rec;
            if in_care_on(&f.periods, snap)
                .is_some_and(|p| add_months(p.reg33_from.unwrap_or(p.start), 12) <= snap)
            {
                let ok = current::health_assessment(dob, &rec.health_assessments, snap).current();
                a.health_current.add(ok, cfile);
            }
            if current::school_age_on(dob, snap) {
                let ok = current::pep(&rec.peps, snap, pol.pep_within_months).current();
                a.pep_current.add(ok, cfile);
            }
        }
        if f.periods
            .iter()
            .any(|p| !p.short_breaks_only && !p.before_records && yr.contains(p.start))
        {
            a.started.push(cfile);
        }
        // The last period that ceased in the year (a child is counted once).
        if let Some(p) = f.periods.iter().rfind(|p| {
            !p.short_breaks_only
                && p.end.is_some_and(|e| yr.contains(e))
                && p.reason_ended.is_some()
        }) {
            a.ceased.push(cfile);
            if let Some(why) = p.reason_ended {
                *a.ceased_reason.entry(why).or_default() += 1;
            }
        }
        if age_on(dob, snap) >= 21 {
            continue; // past every care-leaver status and caseload
        }
        if let Some(s) = leaver::status(dob, &f.periods, snap) {
            a.leavers[LEAVERS.iter().position(|x| *x == s).unwrap_or(0)] += 1;
            a.leaver_files.push(cfile);
        }
        // On an IRO's caseload as the caseload rule counts, on the snapshot date.
        let on = crate::model::staff::on_caseload_on(child, &f.periods, pol, snap);
        if on {
            a.caseload_files.push(cfile);
            match allocated_on(child, snap) {
                Some(iro) if in_post(repo, iro, snap) => *a.caseload.entry(iro).or_default() += 1,
                _ => a.unallocated += 1,
            }
        }
    }
}

fn alert_pass<'a>(
    accs: &mut [Acc<'a>],
    ys: &Years<'_>,
    repo: &Repo,
    al: &'a Alert,
    cal: &Calendar,
) {
    let file = al.file.as_str();
    let rec = &al.rec;
    let themes: Vec<&'a str> = if rec.themes.is_empty() {
        vec!["none"]
    } else {
        rec.themes.iter().map(|t| t.value.as_str()).collect()
    };
    let service = rec.service.value.as_str();
    if rec.kind.value == AlertKind::GoodPractice {
        if let Some(y) = ys.of(al.date) {
            let half = ys.years[y].half(al.date);
            for t in &themes {
                *accs[y].gp_cells.entry((t, service, half)).or_default() += 1;
            }
            accs[y].gp_files.push(file);
        }
        return;
    }
    // The highest stage reached by the check date (nothing after it counts).
    let highest_by = |day: NaiveDate| {
        rec.stages
            .iter()
            .filter(|s| s.on.0 <= day)
            .map(|s| s.stage.value)
            .max()
            .unwrap_or(Stage::Informal)
    };
    let stage_ix = |s: Stage| Stage::ALL.iter().position(|x| *x == s).unwrap_or(0);
    if let Some(y) = ys.of(al.date) {
        let a = &mut accs[y];
        let half = ys.years[y].half(al.date);
        for t in &themes {
            *a.alert_cells.entry((t, service, half)).or_default() += 1;
        }
        a.raised.push(file);
        // Each alert once, in the year it was raised, under the furthest
        // stage it went to: the parts add up to the alerts raised.
        let highest = highest_by(ys.years[y].as_of);
        a.raised_highest[stage_ix(highest)] += 1;
        if highest.is_formal() {
            a.stage_files.push(file);
        }
    }
    let resolved = rec.resolved.as_ref().map(|r| r.0);
    if let Some(res) = resolved
        && let Some(y) = ys.of(res)
    {
        let a = &mut accs[y];
        a.resolved.push(file);
        let highest = highest_by(ys.years[y].as_of);
        a.highest[stage_ix(highest)] += 1;
        a.io1.add(highest <= Stage::Drp1, file);
        if let Some(ff) = rec.stages.iter().find(|s| s.stage.is_formal()) {
            let limit = repo.config.policy.drp_stage_within_working_days;
            a.drp_days.push(cal.working_days_between(ff.on.0, res));
            if res <= cal.add_working_days(ff.on.0, limit) {
                a.drp_within += 1;
            }
            a.drp_files.push(file);
        }
    }
    // Open at each year end: raised by then and not yet resolved.
    for (y, yr) in ys.years.iter().enumerate() {
        let snap = yr.snapshot();
        if al.date <= snap && resolved.is_none_or(|r| r > snap) {
            accs[y].open.push(file);
        }
    }
}

// ------------------------------------------------------------------ figures

fn files(v: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    out.sort();
    out.dedup();
    out
}

fn rate_fig(id: &'static str, t: &RateT<'_>) -> Figure {
    Figure::rate(id, t.rate())
        .files("numerator", files(&t.num_files))
        .files("denominator", files(&t.den_files))
}

fn kinds_rate(id: &'static str, ts: &[RateT<'_>; 2], pending: Option<u64>) -> Figure {
    let mut all = RateT::default();
    let mut by = ByMap::new();
    for (k, t) in KINDS.iter().zip(ts) {
        by.push(k.code(), By::Rate(t.rate()));
        all.num += t.num;
        all.den += t.den;
        all.num_files.extend(t.num_files.iter().copied());
        all.den_files.extend(t.den_files.iter().copied());
    }
    if let Some(p) = pending {
        by.push("pending", By::Count(p));
    }
    rate_fig(id, &all).by(by)
}

fn kinds_count(id: &'static str, n: &[u64; 2], f: &[&str]) -> Figure {
    let by = ByMap::new()
        .with("cla", By::Count(n[CLA]))
        .with("pathway", By::Count(n[PATHWAY]));
    Figure::count(id, n[0] + n[1])
        .by(by)
        .files("counted", files(f))
}

/// The theme x service table (rows: themes, columns: services, with totals),
/// for the whole year and for each half-year.
fn theme_table(
    id: &'static str,
    cells: &ThemeCells<'_>,
    themes: &BTreeMap<String, String>,
    services: &BTreeMap<String, String>,
    n: u64,
    f: &[&str],
) -> Figure {
    // Configured keys first (stable tables across years), then any others found.
    let mut rows: Vec<&str> = themes.keys().map(String::as_str).collect();
    let mut cols: Vec<&str> = services.keys().map(String::as_str).collect();
    for (t, s, _) in cells.keys() {
        if !rows.contains(t) {
            rows.push(t);
        }
        if !cols.contains(s) {
            cols.push(s);
        }
    }
    let table = |half: Option<Half>| -> ByMap {
        let cell = |t: &str, s: &str| -> u64 {
            cells
                .iter()
                .filter(|((ct, cs, ch), _)| *ct == t && *cs == s && half.is_none_or(|h| h == *ch))
                .map(|(_, v)| *v)
                .sum()
        };
        let mut by = ByMap::new();
        let mut col_tot = vec![0u64; cols.len()];
        for t in &rows {
            let mut row = ByMap::new();
            let mut tot = 0;
            for (j, s) in cols.iter().enumerate() {
                let v = cell(t, s);
                row.push(*s, By::Count(v));
                tot += v;
                col_tot[j] += v;
            }
            row.push("total", By::Count(tot));
            by.push(*t, By::Map(row));
        }
        let mut total = ByMap::new();
        for (j, s) in cols.iter().enumerate() {
            total.push(*s, By::Count(col_tot[j]));
        }
        total.push("total", By::Count(col_tot.iter().sum()));
        by.push("total", By::Map(total));
        by
    };
    let mut by = table(None);
    by.push("H1", By::Map(table(Some(Half::H1))));
    by.push("H2", By::Map(table(Some(Half::H2))));
    Figure::count(id, n).by(by).files("counted", files(f))
}

fn median(v: &[i64]) -> Option<f64> {
    let mut s = v.to_vec();
    s.sort_unstable();
    let n = s.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(s[n / 2] as f64),
        _ => Some((s[n / 2 - 1] + s[n / 2]) as f64 / 2.0),
    }
}

fn finish(a: &Acc<'_>, year: Year, repo: &Repo) -> Figures {
    let cfg = &repo.config;
    let mut out = Vec::new();

    out.push(kinds_count("reviews.held", &a.held, &a.held_files));
    out.push(
        Figure::count("reviews.initial", a.initial.len() as u64)
            .files("counted", files(&a.initial)),
    );
    out.push(kinds_count("reviews.series", &a.series, &a.series_files));
    let mut sd = ByMap::new();
    for (k, v) in &a.stood_down {
        sd.push(*k, By::Count(*v));
    }
    out.push(
        Figure::count("reviews.stood_down", a.stood_down.values().sum())
            .by(sd)
            .files("counted", files(&a.stood_down_files)),
    );
    out.push(kinds_rate("reviews.on_time", &a.on_time, None));
    out.push(rate_fig("participation.4plus", &a.part4));
    let mut codes = ByMap::new();
    for (p, n) in Participation::ALL.iter().zip(a.codes) {
        codes.push(p.code(), By::Count(n));
    }
    if a.codes_missing > 0 {
        codes.push("missing", By::Count(a.codes_missing));
    }
    out.push(
        Figure::count(
            "participation.by_code",
            a.codes.iter().sum::<u64>() + a.codes_missing,
        )
        .by(codes)
        .files("counted", files(&a.codes_files)),
    );
    out.push(rate_fig("pathway.attended", &a.pathway_att));
    out.push(rate_fig("seen_before", &a.seen_before));
    let ch = ByMap::new()
        .with("chair", By::Count(a.chaired_chair.len() as u64))
        .with("co-chair", By::Count(a.chaired_co.len() as u64));
    out.push(
        Figure::count("chaired_by_child", a.chaired_any.len() as u64)
            .by(ch)
            .files("counted", files(&a.chaired_files)),
    );

    let mut cons = ByMap::new();
    let (mut sent, mut ret) = (0, 0);
    for (p, [s, r]) in Party::ALL.iter().zip(a.consult) {
        cons.push(p.code(), By::Rate(Rate::new(r, s)));
        sent += s;
        ret += r;
    }
    out.push(
        Figure::rate("consultations", Rate::new(ret, sent))
            .by(cons)
            .files("numerator", files(&a.consult_ret_files))
            .files("denominator", files(&a.consult_sent_files)),
    );
    out.push(kinds_rate(
        "decisions.on_time",
        &a.decisions,
        Some(a.decisions_pending),
    ));
    out.push(kinds_rate(
        "records.on_time",
        &a.records,
        Some(a.records_pending),
    ));
    out.push(rate_fig("permanence.by_second", &a.permanence));
    out.push(rate_fig("health.current", &a.health_current));
    out.push(rate_fig("pep.current", &a.pep_current));

    // Raised, then the alerts raised by the highest stage each reached
    // (informal, drp1 .. cafcass: they add up to raised), resolved, open.
    let mut al = ByMap::new().with("raised", By::Count(a.raised.len() as u64));
    for (s, n) in Stage::ALL.iter().zip(a.raised_highest) {
        al.push(s.code(), By::Count(n));
    }
    al.push("resolved", By::Count(a.resolved.len() as u64));
    al.push("open", By::Count(a.open.len() as u64));
    out.push(
        Figure::count("alerts.raised", a.raised.len() as u64)
            .by(al)
            .files("raised", files(&a.raised))
            .files("resolved", files(&a.resolved))
            .files("raised, reached a formal stage", files(&a.stage_files))
            .files("open at year end", files(&a.open)),
    );
    let mut hi = ByMap::new();
    for (s, n) in Stage::ALL.iter().zip(a.highest) {
        hi.push(s.code(), By::Count(n));
    }
    out.push(rate_fig("alerts.informal_or_stage1", &a.io1).by(hi));
    out.push(theme_table(
        "alerts.by_theme",
        &a.alert_cells,
        &cfg.themes.alert,
        &cfg.services,
        a.raised.len() as u64,
        &a.raised,
    ));
    out.push(theme_table(
        "good_practice",
        &a.gp_cells,
        &cfg.themes.good_practice,
        &cfg.services,
        a.gp_files.len() as u64,
        &a.gp_files,
    ));

    let med = median(&a.drp_days);
    let drp = ByMap::new()
        .with("median", By::Number(med))
        .with(
            "max",
            By::Number(a.drp_days.iter().max().map(|m| *m as f64)),
        )
        .with("count", By::Count(a.drp_days.len() as u64))
        .with(
            "limit",
            By::Count(u64::from(cfg.policy.drp_stage_within_working_days)),
        )
        .with(
            "within_limit",
            By::Rate(Rate::new(a.drp_within, a.drp_days.len() as u64)),
        );
    out.push(
        Figure::number("drp.days", med)
            .by(drp)
            .files("counted", files(&a.drp_files)),
    );

    let mut mt = ByMap::new();
    for (k, n) in MeetingKind::ALL.iter().zip(a.meetings) {
        mt.push(k.code(), By::Count(n));
    }
    out.push(
        Figure::count("meetings.disruption", a.meetings.iter().sum())
            .by(mt)
            .files("counted", files(&a.meeting_files)),
    );

    let mut reasons = ByMap::new();
    for r in ReasonEnded::ALL {
        if let Some(n) = a.ceased_reason.get(r) {
            reasons.push(r.code(), By::Count(*n));
        }
    }
    let pop = ByMap::new()
        .with("looked_after", By::Count(a.looked_after.len() as u64))
        .with("started", By::Count(a.started.len() as u64))
        .with("ceased", By::Count(a.ceased.len() as u64))
        .with("reason_ended", By::Map(reasons));
    out.push(
        Figure::count("population", a.looked_after.len() as u64)
            .by(pop)
            .files("looked after at year end", files(&a.looked_after))
            .files("started", files(&a.started))
            .files("ceased", files(&a.ceased)),
    );
    let mut cl = ByMap::new();
    for (s, n) in LEAVERS.iter().zip(a.leavers) {
        cl.push(leaver_key(*s), By::Count(n));
    }
    out.push(
        Figure::count("care_leavers", a.leavers.iter().sum())
            .by(cl)
            .files("counted", files(&a.leaver_files)),
    );
    out.push(caseload_fig(a, year, repo));

    Figures { year, figures: out }
}

fn caseload_fig(a: &Acc<'_>, year: Year, repo: &Repo) -> Figure {
    let snap = year.snapshot();
    let [lo, hi] = repo.config.policy.caseload_per_fte;
    let mut per_iro = ByMap::new();
    let mut per_fte: Vec<f64> = Vec::new();
    let (mut children, mut fte_total) = (0u64, 0.0f64);
    let (mut below, mut within, mut above) = (0u64, 0u64, 0u64);
    let mut iro_files = Vec::new();
    for iro in repo.iros.values().filter(|i| in_post(repo, &i.id, snap)) {
        let n = a.caseload.get(iro.id.as_str()).copied().unwrap_or(0);
        let fte = iro.rec.fte();
        let per = if fte > 0.0 { n as f64 / fte } else { n as f64 };
        if per < f64::from(lo) {
            below += 1;
        } else if per > f64::from(hi) {
            above += 1;
        } else {
            within += 1;
        }
        per_iro.push(
            iro.id.clone(),
            By::Map(
                ByMap::new()
                    .with("children", By::Count(n))
                    .with("fte", By::Number(Some(fte)))
                    .with("per_fte", By::Number(Some(round1(per)))),
            ),
        );
        per_fte.push(per);
        children += n;
        fte_total += fte;
        iro_files.push(iro.file.as_str());
    }
    let mean =
        (!per_fte.is_empty()).then(|| round1(per_fte.iter().sum::<f64>() / per_fte.len() as f64));
    let min = per_fte.iter().copied().reduce(f64::min).map(round1);
    let max = per_fte.iter().copied().reduce(f64::max).map(round1);
    let by = ByMap::new()
        .with("mean", By::Number(mean))
        .with("min", By::Number(min))
        .with("max", By::Number(max))
        .with("low", By::Count(u64::from(lo)))
        .with("high", By::Count(u64::from(hi)))
        .with("below", By::Count(below))
        .with("within", By::Count(within))
        .with("above", By::Count(above))
        .with("iros", By::Count(per_fte.len() as u64))
        .with("fte", By::Number(Some((fte_total * 100.0).round() / 100.0)))
        .with("children", By::Count(children))
        .with("unallocated", By::Count(a.unallocated))
        .with("iro", By::Map(per_iro));
    Figure::number("caseload", mean)
        .by(by)
        .files("children", files(&a.caseload_files))
        .files("IROs in post", files(&iro_files))
}

// ------------------------------------------------------------------ entry points

/// The figures of every year in `years` (contiguous, oldest first), in one
/// pass over the children. No `trend` figure: see [`fn@super::compute`].
pub fn compute_years(
    repo: &Repo,
    facts: &BTreeMap<String, ChildFacts>,
    cal: &Calendar,
    years: &[Year],
) -> Vec<Figures> {
    let ys = Years { years };
    let children: Vec<(&Child, &ChildFacts)> = repo
        .children
        .iter()
        .filter_map(|(id, c)| Some((c, facts.get(id)?)))
        .collect();
    let new = || -> Vec<Acc<'_>> { years.iter().map(|_| Acc::default()).collect() };
    let accs = children
        .par_chunks(64)
        .map(|chunk| {
            let mut accs = new();
            for (c, f) in chunk {
                child_pass(&mut accs, &ys, repo, c, f, cal);
            }
            accs
        })
        .reduce(new, |mut a, b| {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
            a
        });
    accs.iter()
        .zip(years)
        .map(|(a, y)| finish(a, *y, repo))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::day::parse_iso(s).expect("test date")
    }

    #[test]
    fn median_odd_even_empty() {
        assert_eq!(median(&[52, 10, 13]), Some(13.0));
        assert_eq!(median(&[10, 13, 52, 20]), Some(16.5)); // (13 + 20) / 2
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn dates_go_to_their_year_up_to_the_check_date() {
        let first = Year::parse("2023-24", (4, 1)).expect("year");
        let years = super::super::year::years_between(first, first.next(), d("2024-12-31"));
        let ys = Years { years: &years };
        assert_eq!(ys.of(d("2023-04-01")), Some(0));
        assert_eq!(ys.of(d("2024-03-31")), Some(0));
        assert_eq!(ys.of(d("2024-04-01")), Some(1));
        assert_eq!(ys.of(d("2024-12-31")), Some(1));
        assert_eq!(ys.of(d("2025-01-01")), None); // after the check date
        assert_eq!(ys.of(d("2023-03-31")), None); // before the first year
    }
}
