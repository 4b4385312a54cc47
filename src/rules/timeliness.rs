//! Review deadlines: reg33-first, reg33-second, reg33-subsequent,
//! adoption-reviews, placement-authority-3m, local-po-months, short-breaks
//! (timing), pathway-6m,
//! reg33-overdue, review-after-ceased, stood-down-counted, series-span.

use super::ctx::{Ctx, late_by, wd};
use crate::codes::ReviewKind;
use crate::diag::Diagnostic;
use crate::model::schedule::{Due, Scheduled, ordinal_word};

/// Where a deadline runs from, in words, with its date.
fn why(due: &Due, cx: &Ctx<'_>) -> String {
    use crate::calendar::{add_days, add_months};
    let f = due.from;
    let reviewed = cx.child.reviews.iter().any(|r| r.held() && r.date == f);
    match due.rule {
        "reg33-first" if cx.facts.periods.iter().any(|p| p.start == f) => {
            format!("20 working days after care began {f}")
        }
        "reg33-first" => format!(
            "20 working days after reg 33 applied from {f} (short breaks turned into full-time care or passed reg 48's limits, or a placement for adoption ended)"
        ),
        "reg33-second" => format!("3 months after the first review {f}"),
        "reg33-subsequent" => format!("6 months after the previous review {f}"),
        "adoption-reviews" if due.by == add_days(f, 28) => {
            format!("4 weeks after the placement for adoption {f}")
        }
        "adoption-reviews" if due.by == add_months(f, 3) => {
            format!("3 months after the first review of the placement for adoption {f}")
        }
        "adoption-reviews" => {
            format!("6 months after the previous review {f}, placed for adoption")
        }
        "local-po-months" => {
            format!("local policy for placement orders, from the previous review {f}")
        }
        "short-breaks" if due.by == add_months(f, 3) => {
            format!("3 months after the short breaks began {f}")
        }
        "short-breaks" => format!("6 months after the previous review {f}"),
        "placement-authority-3m" if due.by == add_months(f, 3) => {
            format!("3 months after the authority to place for adoption {f}")
        }
        "placement-authority-3m" => {
            format!("6 months after the previous review {f}, authorised to place for adoption")
        }
        "pathway-6m" if !reviewed => format!(
            "{} months after care ended {f}, with no review on file",
            crate::calendar::months_between_hint(f, due.by)
        ),
        "pathway-6m" => format!(
            "{} months after the previous review {f}",
            crate::calendar::months_between_hint(f, due.by)
        ),
        _ => format!("from {f}"),
    }
}

/// Check every held review against its deadline.
pub fn check(cx: &mut Ctx<'_>) {
    let held: Vec<Scheduled> = cx.facts.schedule.held.clone();
    for h in &held {
        let r = &cx.child.reviews[h.review];
        let series = r.meeting_dates().len() > 1;
        let judged_note = if series && h.judged != r.date {
            format!(" (judged on its first meeting {})", h.judged)
        } else {
            String::new()
        };
        // The AAR 36(1) deadline is reported when it comes before the
        // statutory one; the local one when it comes before both.
        let authority = h.authority.filter(|a| h.due.is_none_or(|d| a.by < d.by));
        let local_due = h.local.filter(|l| authority.is_none_or(|a| l.by < a.by));
        for (due, local) in [(h.due, false), (authority, false), (local_due, true)] {
            let Some(due) = due else { continue };
            if h.judged <= due.by {
                continue;
            }
            let late = late_by(cx.cal, due.by, h.judged);
            let what = if h.kind == ReviewKind::Pathway {
                "pathway review"
            } else if due.rule == "placement-authority-3m" {
                "review"
            } else {
                ordinal_word(due.rule, h.ordinal)
            };
            let msg = format!(
                "{what} held {}{judged_note}, due by {} ({}): {} late",
                r.date,
                due.by,
                why(&due, cx),
                late
            );
            let (line, col) = r
                .rec
                .meetings
                .as_ref()
                .map(|m| m.pos())
                .unwrap_or(r.rec.kind.pos());
            let mut d = Diagnostic::new(due.rule, msg).at(line, col);
            let explained = r.rec.late_reason.is_some() && !local;
            d = if explained {
                d.hint("a reason for lateness is recorded (late_reason); reported as information")
            } else if local {
                d.hint("the service reviews children on placement orders more often (placement_order_review_months); a recorded late_reason does not change this warning")
            } else {
                d.hint("if the review could not be held in time, record why with `late_reason:`; the next deadline runs from this review")
            };
            d.downgraded = explained;
            cx.push(&r.file, d);
        }
        // series-span: adjourned at most once, the meetings within 20
        // working days.
        if series {
            let ms = r.meeting_dates();
            let (a, b) = (ms[0], ms[ms.len() - 1]);
            let span = cx.cal.working_days_between(a, b);
            let mut what = Vec::new();
            if ms.len() > 2 {
                what.push(format!(
                    "this review has {} meetings: it was adjourned {} times, not once",
                    ms.len(),
                    ms.len() - 1
                ));
            }
            if span > 20 {
                what.push(format!(
                    "the meetings run from {a} to {b}: {} apart, more than 20",
                    wd(span)
                ));
            }
            if !what.is_empty() {
                let m = r.rec.meetings.as_ref().map(|m| m.pos()).unwrap_or((1, 1));
                cx.push(
                    &r.file,
                    Diagnostic::new("series-span", what.join("; "))
                        .at(m.0, m.1)
                        .hint("a review may be adjourned once, to a second meeting within 20 working days; a later meeting is a new review"),
                );
            }
        }
    }
    for &(i, due) in &cx.facts.schedule.stood_down.clone() {
        let r = &cx.child.reviews[i];
        let pos = r.rec.stood_down.as_ref().map(|s| s.pos()).unwrap_or((1, 1));
        let replaced = cx.facts.schedule.stood_down_replaced.get(&i).copied();
        let msg = match (due, replaced) {
            (Some(d), Some((on, why))) => format!(
                "review stood down on {}: it does not meet the deadline {} ({}); {}, which set a new deadline",
                r.date,
                d.by,
                d.rule,
                why.phrase(on)
            ),
            (Some(d), None) => format!(
                "review stood down on {}: it does not meet the deadline {} ({}), which still stands",
                r.date, d.by, d.rule
            ),
            (None, _) => format!(
                "review stood down on {}: it does not count as a held review",
                r.date
            ),
        };
        cx.push(
            &r.file,
            Diagnostic::new("stood-down-counted", msg).at(pos.0, pos.1),
        );
    }
    for &i in &cx.facts.schedule.after_ceased.clone() {
        let r = &cx.child.reviews[i];
        let b18 = crate::calendar::birthday(cx.child.rec.dob.0, 18);
        let msg = if r.date >= b18 {
            format!(
                "cla review held {} when the young person was 18 or over",
                r.date
            )
        } else {
            format!(
                "cla review held {} when the child was not looked after (no period of care covers this date)",
                r.date
            )
        };
        cx.push(
            &r.file,
            Diagnostic::new("review-after-ceased", msg)
                .at_sp(&r.rec.kind)
                .hint("a care leaver's review is `kind: pathway`; check the episodes' dates in child.yaml"),
        );
    }
    overdue(cx);
}

/// Where an overdue finding points in the last review: its `next_review:`
/// (the date that was booked) or else its first field.
fn overdue_anchor(r: &crate::records::Review) -> (u32, u32) {
    r.rec
        .next_review
        .as_ref()
        .map(|d| d.pos())
        .unwrap_or(r.rec.kind.pos())
}

fn overdue(cx: &mut Ctx<'_>) {
    let sched = &cx.facts.schedule;
    let mut nexts: Vec<_> = [
        sched.next.clone(),
        sched.next_authority.clone(),
        cx.facts.pathway_next.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|n| (n, None))
    .collect();
    nexts.extend(
        sched
            .missed
            .iter()
            .map(|m| (m.next.clone(), Some((m.on, m.why)))),
    );
    // The local placement-order deadline can pass before the statutory ones.
    if let Some(n) = &sched.next
        && let Some(l) = n.local
        && l.by < cx.as_of
        && n.due.by >= cx.as_of
        && sched
            .next_authority
            .as_ref()
            .is_none_or(|a| l.by < a.due.by)
    {
        let last = cx.child.reviews.iter().rfind(|r| r.date == l.from);
        let (file, pos) = match last {
            Some(r) => (r.file.clone(), overdue_anchor(r)),
            None => (cx.child.file.clone(), (1, 1)),
        };
        let msg = format!(
            "review overdue under local policy: due by {} ({}), not held as of {}: {} overdue (the statutory deadline is {})",
            l.by,
            why(&l, cx),
            cx.as_of,
            late_by(cx.cal, l.by, cx.as_of),
            n.due.by
        );
        cx.push(&file, Diagnostic::new("local-po-months", msg).at(pos.0, pos.1).hint("hold the review: the service reviews children on placement orders more often (placement_order_review_months)"));
    }
    for (n, stopped) in nexts {
        let until = stopped.map_or(cx.as_of, |(on, _)| on);
        if n.due.by >= until {
            continue;
        }
        let late = late_by(cx.cal, n.due.by, until);
        let rule = n.overdue_rule();
        let what = n.what();
        let booked = match n.booked {
            Some(b) => format!("; booked for {b}"),
            None => String::new(),
        };
        let msg = match stopped {
            None => format!(
                "{what} overdue: due by {} ({}), not held as of {}: {} overdue{booked}",
                n.due.by,
                why(&n.due, cx),
                cx.as_of,
                late
            ),
            Some((on, why_stopped)) => format!(
                "{what} never held: due by {} ({}), {}, {} after the deadline",
                n.due.by,
                why(&n.due, cx),
                why_stopped.phrase(on),
                late
            ),
        };
        // Point at the last review of the child (in the period that is due,
        // for a cla review: a review from an earlier period of care is not
        // the field at fault), else the episode that began care.
        let p = n.period.and_then(|i| cx.facts.periods.get(i));
        let last = cx
            .child
            .reviews
            .iter()
            .rfind(|r| r.date <= until && p.is_none_or(|p| p.reviews_on(r.date)));
        let (file, pos) = match last {
            Some(r) => (r.file.clone(), overdue_anchor(r)),
            None => {
                // The start of the period that is due, or for a care leaver
                // with no review on file the day care ended.
                let pos = match p {
                    Some(p) => cx
                        .child
                        .rec
                        .episodes
                        .get(p.episodes.start)
                        .map(|e| e.start.pos()),
                    None => cx
                        .child
                        .rec
                        .episodes
                        .iter()
                        .rev()
                        .find_map(|e| e.end.as_ref().map(|d| d.pos())),
                }
                .unwrap_or((1, 1));
                (cx.child.file.clone(), pos)
            }
        };
        cx.push(
            &file,
            Diagnostic::new(rule, msg)
                .at(pos.0, pos.1)
                .hint("hold the review, or record it if it was held (iro new review)"),
        );
    }
}
