//! The IRO's working list: reviews due soon or overdue, decisions and
//! records not yet sent, formal disputes running past their limit. Pure.

use crate::calendar::Calendar;
use crate::codes::AlertKind;
use crate::model::ChildFacts;
use crate::model::staff::allocated_on;
use crate::records::Repo;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum What {
    /// A review to hold.
    Review,
    /// Decisions to send.
    Decisions,
    /// A record to complete.
    Record,
    /// A formal dispute to resolve.
    Dispute,
    /// A health assessment to arrange (CPPCR 7).
    Health,
    /// An eligible child's pathway plan to make.
    PathwayPlan,
}

impl What {
    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            What::Review => "review",
            What::Decisions => "send decisions",
            What::Record => "complete record",
            What::Dispute => "resolve dispute",
            What::Health => "health assessment",
            What::PathwayPlan => "pathway plan",
        }
    }
}

/// One line of the list.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// Deadline.
    pub due: NaiveDate,
    /// Working days from the check date to the deadline (negative: overdue).
    pub working_days: i64,
    /// What to do.
    pub what: What,
    /// Details: "second review", "cla review of 2026-03-02", ...
    pub detail: String,
    /// Rule id.
    pub rule: &'static str,
    /// Child id.
    pub child: String,
    /// Allocated IRO (the IRO who raised it, for disputes).
    pub iro: Option<String>,
    /// Review booked for, if any.
    pub booked: Option<NaiveDate>,
    /// File to open.
    pub file: String,
}

impl Item {
    /// Past its deadline.
    pub fn overdue(&self) -> bool {
        self.working_days < 0
    }
}

/// Working days to a deadline; a deadline that passed on a non-working day
/// counts as one working day overdue, never "due today".
fn overdue_wd(cal: &Calendar, as_of: NaiveDate, due: NaiveDate) -> i64 {
    let n = cal.working_days_between(as_of, due);
    if due < as_of && n == 0 { -1 } else { n }
}

/// Everything due within `horizon` working days of `as_of`, and overdue.
pub fn list(
    repo: &Repo,
    facts: &BTreeMap<String, ChildFacts>,
    cal: &Calendar,
    as_of: NaiveDate,
    horizon: u32,
) -> Vec<Item> {
    let until = cal.add_working_days(as_of, horizon);
    let wd = |d: NaiveDate| cal.working_days_between(as_of, d);
    let mut out = Vec::new();
    let pol = &repo.config.policy;
    for c in repo.children.values() {
        let Some(f) = facts.get(&c.id) else { continue };
        let iro = allocated_on(c, as_of).map(str::to_string);
        // A stricter local placement-order deadline comes first on the list.
        if let Some(n) = &f.schedule.next
            && let Some(l) = n.local
            && l.by <= until
            && n.due.by >= as_of
        {
            out.push(Item {
                due: l.by,
                working_days: overdue_wd(cal, as_of, l.by),
                what: What::Review,
                detail: "review (placement order)".to_string(),
                rule: "local-po-months",
                child: c.id.clone(),
                iro: iro.clone(),
                booked: n.booked,
                file: c.file.clone(),
            });
        }
        let nexts = [
            &f.schedule.next,
            &f.schedule.next_authority,
            &f.pathway_next,
        ];
        for n in nexts.into_iter().flatten() {
            if n.due.by <= until {
                let detail = n.what();
                // The same ids as `check` reports for an overdue review.
                let rule = if n.due.by >= as_of {
                    n.due.rule
                } else {
                    n.overdue_rule()
                };
                out.push(Item {
                    due: n.due.by,
                    working_days: overdue_wd(cal, as_of, n.due.by),
                    what: What::Review,
                    detail,
                    rule,
                    child: c.id.clone(),
                    iro: iro.clone(),
                    booked: n.booked,
                    file: c.file.clone(),
                });
            }
        }
        // The next health assessment of a child in care, not yet done.
        for h in crate::model::health::timetable(c, f, cal, as_of) {
            if h.done.is_some() || h.care_ended.is_some() || h.by > until {
                continue;
            }
            out.push(Item {
                due: h.by,
                working_days: overdue_wd(cal, as_of, h.by),
                what: What::Health,
                detail: match h.after {
                    None => "first since care began".to_string(),
                    Some((on, m)) => format!("{m} months after {on}"),
                },
                rule: if h.by >= as_of {
                    "health-assessment"
                } else {
                    "health-overdue"
                },
                child: c.id.clone(),
                iro: iro.clone(),
                booked: None,
                file: c.file.clone(),
            });
        }
        // Imported reviews carry no decisions or record dates to chase.
        for r in c
            .reviews
            .iter()
            .filter(|r| r.held() && !r.imported() && r.date <= as_of)
        {
            for (field, n, what, rule) in [
                (
                    &r.rec.decisions_sent,
                    pol.decisions_within_working_days,
                    What::Decisions,
                    "decisions-sent",
                ),
                (
                    &r.rec.record_completed,
                    pol.record_within_working_days,
                    What::Record,
                    "record-completed",
                ),
            ] {
                if field.is_some() {
                    continue;
                }
                let by = cal.add_working_days(r.date, n);
                if by <= until {
                    out.push(Item {
                        due: by,
                        working_days: wd(by),
                        what,
                        detail: format!("{} review of {}", r.rec.kind.value, r.date),
                        rule,
                        child: c.id.clone(),
                        iro: r.rec.iro.as_ref().and_then(|s| s.value.clone()),
                        booked: None,
                        file: r.file.clone(),
                    });
                }
            }
        }
        for a in c
            .alerts
            .iter()
            .filter(|a| a.rec.kind.value == AlertKind::PracticeAlert && a.rec.resolved.is_none())
        {
            let Some(first) = a.rec.stages.iter().find(|s| s.stage.is_formal()) else {
                continue;
            };
            let by = cal.add_working_days(first.on.0, pol.drp_stage_within_working_days);
            if by <= until {
                let top = a
                    .rec
                    .stages
                    .iter()
                    .map(|s| s.stage.value)
                    .max()
                    .map(|s| s.code())
                    .unwrap_or("drp1");
                out.push(Item {
                    due: by,
                    working_days: wd(by),
                    what: What::Dispute,
                    detail: format!("{top} since {}", first.on.value),
                    rule: "drp-20wd",
                    child: c.id.clone(),
                    iro: Some(a.rec.iro.value.clone()),
                    booked: None,
                    file: a.file.clone(),
                });
            }
        }
        if let Some(it) = pathway_plan_item(c, f, cal, as_of, until, iro) {
            out.push(it);
        }
    }
    out.sort_by(|a, b| (a.due, &a.child, a.what).cmp(&(b.due, &b.child, b.what)));
    out
}

/// An eligible child's pathway plan due by `until` (or overdue) with no
/// plan in time: the same deadline `check` reports as `pathway-plan`.
fn pathway_plan_item(
    c: &crate::records::Child,
    f: &ChildFacts,
    cal: &Calendar,
    as_of: NaiveDate,
    until: NaiveDate,
    iro: Option<String>,
) -> Option<Item> {
    let due = crate::model::leaver::child_pathway_plan_due(c, &f.periods, as_of)?;
    // A plan made late meets it: nothing left to do.
    if due.by > until || due.late_plan.is_some_and(|d| d <= as_of) {
        return None;
    }
    let detail = if due.at_16 {
        format!("needs assessment and pathway plan (16 on {})", due.from)
    } else {
        format!(
            "needs assessment and pathway plan (eligible from {})",
            due.from
        )
    };
    Some(Item {
        due: due.by,
        working_days: overdue_wd(cal, as_of, due.by),
        what: What::PathwayPlan,
        detail,
        rule: "pathway-plan",
        child: c.id.clone(),
        iro,
        booked: None,
        file: c.file.clone(),
    })
}

// ------------------------------------------------------------------ text

fn when(it: &Item) -> String {
    match it.working_days {
        n if n < -1 => format!("{} working days overdue", -n),
        -1 => "1 working day overdue".into(),
        0 => "due today".into(),
        1 => "in 1 working day".into(),
        n => format!("in {n} working days"),
    }
}

/// The terminal view: per IRO, overdue first, then due soon.
pub fn human(
    repo: &Repo,
    items: &[Item],
    as_of: chrono::NaiveDate,
    days: u32,
    color: bool,
    one_iro: bool,
) -> String {
    let (red, bold, dim, reset) = if color {
        ("\x1b[31m", "\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let mut out = String::new();
    let mut by_iro: BTreeMap<Option<&str>, Vec<&Item>> = BTreeMap::new();
    for it in items {
        by_iro.entry(it.iro.as_deref()).or_default().push(it);
    }
    let overdue = items.iter().filter(|i| i.overdue()).count();
    let _ = writeln!(
        out,
        "{bold}Due as of {} ({}), next {days} working days{reset}: {} items, {overdue} overdue",
        as_of,
        as_of.format("%A"),
        items.len()
    );
    if items.is_empty() {
        let _ = writeln!(out, "Nothing due. ");
        return out;
    }
    for (iro, list) in by_iro {
        let name = iro
            .and_then(|i| repo.iros.get(i))
            .map(|i| i.rec.name.value.as_str())
            .unwrap_or("no IRO allocated");
        if !one_iro || by_iro_len_gt1(items) {
            let _ = writeln!(
                out,
                "\n{bold}{name}{reset} {dim}({}){reset}",
                iro.unwrap_or("-")
            );
        } else {
            let _ = writeln!(out, "\n{bold}{name}{reset}");
        }
        for it in list {
            let mark = if it.overdue() {
                format!("{red}!{reset}")
            } else {
                " ".into()
            };
            let booked = it
                .booked
                .map(|b| format!("  {dim}booked {b}{reset}"))
                .unwrap_or_default();
            let w = when(it);
            let w = if it.overdue() {
                format!("{red}{w:<24}{reset}")
            } else {
                format!("{w:<24}")
            };
            let _ = writeln!(
                out,
                " {mark} {} {}  {w} {:<7} {:<16} {:<28} {dim}[{}]{reset}{booked}",
                it.due,
                it.due.format("%a"),
                it.child,
                it.what.label(),
                it.detail,
                it.rule
            );
        }
    }
    out
}

fn by_iro_len_gt1(items: &[Item]) -> bool {
    let first = items.first().map(|i| i.iro.as_deref());
    items.iter().any(|i| Some(i.iro.as_deref()) != first)
}

/// The list as CSV, one row per item.
pub fn csv(items: &[Item]) -> String {
    let mut w = crate::format::Csv::new();
    w.row([
        "due",
        "working_days",
        "what",
        "detail",
        "rule",
        "child",
        "iro",
        "booked",
        "file",
    ]);
    for it in items {
        w.row([
            it.due.to_string(),
            it.working_days.to_string(),
            it.what.label().to_string(),
            it.detail.clone(),
            it.rule.to_string(),
            it.child.clone(),
            it.iro.clone().unwrap_or_default(),
            it.booked.map(|b| b.to_string()).unwrap_or_default(),
            it.file.clone(),
        ]);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_neutralises_text_cells_and_keeps_negative_days() {
        let item = Item {
            due: NaiveDate::from_ymd_opt(2025, 5, 1).expect("date"),
            working_days: -3,
            what: What::Review,
            detail: "=1+2".into(),
            rule: "reg33-subsequent",
            child: "C1".into(),
            iro: Some("+pshah".into()),
            booked: None,
            file: "children/C1/child.yaml".into(),
        };
        let text = csv(&[item]);
        let row = text.lines().nth(1).expect("a row");
        assert!(row.starts_with("2025-05-01,-3,"), "{row}");
        assert!(
            row.contains(",'=1+2,reg33-subsequent,C1,'+pshah,,"),
            "{row}"
        );
    }
}
