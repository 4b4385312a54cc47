//! IRO allocation: iro-allocated, iro-allocated-5wd (per child) and
//! caseload (per IRO, at the check date).

use super::ctx::Ctx;
use crate::calendar::Calendar;
use crate::diag::Diagnostic;
use crate::model::ChildFacts;
use crate::records::Repo;
use chrono::NaiveDate;
use std::collections::BTreeMap;

use crate::model::staff::{allocated_on, on_caseload};

/// Check allocations for one child.
pub fn check(cx: &mut Ctx<'_>) {
    let mut found = Vec::new();
    for r in &cx.child.reviews {
        // An imported review does not say who chaired.
        let Some(iro_sp) = &r.rec.iro else { continue };
        let Some(chair) = iro_sp.value.as_deref() else {
            continue;
        };
        match allocated_on(cx.child, r.date) {
            None => found.push((
                r.file.clone(),
                Diagnostic::new(
                    "iro-allocated",
                    format!(
                        "no IRO was allocated to the child on the review date {}",
                        r.date
                    ),
                )
                .at_sp(iro_sp)
                .hint("add the allocation to `iro:` in child.yaml with its `from` date"),
            )),
            Some(a) => {
                if a != chair && !r.rec.cover.as_ref().is_some_and(|c| c.value) {
                    found.push((r.file.clone(), Diagnostic::new("iro-allocated", format!("chaired by `{chair}` but the allocated IRO on {} is `{a}`", r.date)).at_sp(iro_sp).hint("write `cover: true` if the chair covered, or update the allocation in child.yaml")));
                }
                if let Some(iro) = cx.repo.iros.get(a)
                    && let Some(left) = &iro.rec.left
                    && left.0 < r.date
                {
                    found.push((
                        r.file.clone(),
                        Diagnostic::new(
                            "iro-allocated",
                            format!(
                                "the allocated IRO `{a}` left on {} before this review {}",
                                left.value, r.date
                            ),
                        )
                        .at_sp(iro_sp)
                        .hint("reallocate the child in child.yaml"),
                    ));
                }
            }
        }
    }
    for p in &cx.facts.periods.clone() {
        let deadline = cx.cal.add_working_days(p.start, 5);
        if p.before_records && allocated_on(cx.child, cx.as_of).is_some() {
            continue;
        }
        if cx.as_of <= deadline && allocated_on(cx.child, cx.as_of).is_none() {
            continue;
        }
        if allocated_on(cx.child, deadline).is_none() {
            let first = cx.child.rec.iro.iter().find(|a| a.from.0 > deadline);
            let (msg, pos) = match first {
                Some(a) => (
                    format!(
                        "care began {}; the IRO was allocated on {}, after {deadline} (5 working days)",
                        p.start, a.from.value
                    ),
                    a.from.pos(),
                ),
                None => (
                    format!(
                        "care began {}; no IRO allocated by {deadline} (5 working days)",
                        p.start
                    ),
                    cx.child
                        .rec
                        .episodes
                        .get(p.episodes.start)
                        .map(|e| e.start.pos())
                        .unwrap_or((1, 1)),
                ),
            };
            found.push((
                cx.child.file.clone(),
                Diagnostic::new("iro-allocated-5wd", msg)
                    .at(pos.0, pos.1)
                    .hint("allocate an IRO in `iro:` in child.yaml"),
            ));
        }
    }
    for (f, d) in found {
        cx.push(&f, d);
    }
}

/// Children per IRO on `d` (IROs in post only).
pub fn caseloads(
    repo: &Repo,
    facts: &BTreeMap<String, ChildFacts>,
    d: NaiveDate,
) -> BTreeMap<String, usize> {
    let mut m: BTreeMap<String, usize> = repo
        .iros
        .values()
        .filter(|i| crate::model::staff::in_post(i, d))
        .map(|i| (i.id.clone(), 0))
        .collect();
    for c in repo.children.values() {
        let Some(f) = facts.get(&c.id) else { continue };
        if !on_caseload(c, f, &repo.config.policy, d) {
            continue;
        }
        if let Some(a) = allocated_on(c, d)
            && let Some(n) = m.get_mut(a)
        {
            *n += 1;
        }
    }
    m
}

/// The caseload rule, per IRO in post at the check date.
pub fn check_caseloads(
    repo: &Repo,
    facts: &BTreeMap<String, ChildFacts>,
    _cal: &Calendar,
    as_of: NaiveDate,
) -> Vec<Diagnostic> {
    let [lo, hi] = repo.config.policy.caseload_per_fte;
    let mut out = Vec::new();
    for (id, n) in caseloads(repo, facts, as_of) {
        let iro = &repo.iros[&id];
        let fte = iro.rec.fte();
        let per = n as f64 / fte;
        if per < lo as f64 || per > hi as f64 {
            let pos = iro
                .rec
                .fte
                .as_ref()
                .map(|f| f.pos())
                .unwrap_or(iro.rec.name.pos());
            out.push(
                Diagnostic::new(
                    "caseload",
                    format!(
                        "{} allocated on {as_of} at {fte} FTE: {per:.0} per FTE, outside {lo}-{hi}",
                        crate::diag::plural(n, "child", "children")
                    ),
                )
                .file(&iro.file)
                .at(pos.0, pos.1)
                .hint("rebalance allocations; the range is [policy] caseload_per_fte in iro.toml"),
            );
        }
    }
    out
}
