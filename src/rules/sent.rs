//! After the review: decisions-sent and record-completed.

use super::ctx::{Ctx, wd};
use crate::diag::Diagnostic;

/// Check what follows each held review.
pub fn check(cx: &mut Ctx<'_>) {
    let pol = &cx.repo.config.policy;
    let (dn, rn) = (
        pol.decisions_within_working_days,
        pol.record_within_working_days,
    );
    let mut found = Vec::new();
    // An imported review holds the return's facts only (date, PN code).
    for r in cx
        .child
        .reviews
        .iter()
        .filter(|r| r.held() && !r.imported())
    {
        for (field, n, rule, what) in [
            (&r.rec.decisions_sent, dn, "decisions-sent", "decisions"),
            (&r.rec.record_completed, rn, "record-completed", "record"),
        ] {
            let by = cx.cal.add_working_days(r.date, n);
            match field {
                Some(d) if d.0 > by => {
                    let late = cx.cal.working_days_between(by, d.0);
                    let verb = if what == "decisions" {
                        "sent"
                    } else {
                        "completed"
                    };
                    found.push((r.file.clone(), Diagnostic::new(rule, format!("{what} {verb} {}, due by {by} ({n} working days after the review {}): {} late", d.value, r.date, wd(late))).at_sp(d)));
                }
                None if cx.as_of > by => {
                    let verb = if what == "decisions" {
                        "sent"
                    } else {
                        "completed"
                    };
                    let key = if what == "decisions" {
                        "decisions_sent"
                    } else {
                        "record_completed"
                    };
                    found.push((r.file.clone(), Diagnostic::new(rule, format!("{what} not recorded as {verb}; due by {by} ({n} working days after the review {})", r.date)).at_sp(&r.rec.kind).hint(format!("add `{key}: YYYY-MM-DD` when done"))));
                }
                _ => {}
            }
        }
    }
    for (f, d) in found {
        cx.push(&f, d);
    }
}
