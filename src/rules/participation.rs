//! Participation codes: pn-missing, pn-age, and short-breaks (no code).

use super::ctx::Ctx;
use crate::calendar::{age_on, birthday};
use crate::codes::{Participation, ReviewKind};
use crate::diag::{Diagnostic, Severity};

/// Check every review's participation code.
pub fn check(cx: &mut Ctx<'_>) {
    let dob = cx.child.rec.dob.0;
    let short = cx.facts.schedule.short_break_reviews();
    let mut found = Vec::new();
    for (i, r) in cx.child.reviews.iter().enumerate() {
        let rec = &r.rec;
        let pn = rec.participation.as_ref();
        let is_cla = rec.kind.value == ReviewKind::Cla;
        if !r.held() || !is_cla {
            if let Some(pn) = pn {
                let why = if !r.held() {
                    "a stood-down review"
                } else {
                    "a pathway review"
                };
                found.push((
                    r.file.clone(),
                    Diagnostic::new(
                        "pn-missing",
                        format!(
                            "{why} has no participation code, but {} is recorded",
                            pn.value
                        ),
                    )
                    .at_sp(pn)
                    .hint("remove `participation:`"),
                ));
            }
            continue;
        }
        if short.contains(&i) {
            if let Some(pn) = pn {
                found.push((r.file.clone(), Diagnostic::new("short-breaks", format!("a short-breaks review carries no participation code, but {} is recorded", pn.value)).at_sp(pn).hint("remove `participation:`; short-break reviews are not in the SSDA903 review table")));
            }
            continue;
        }
        let Some(pn) = pn else {
            found.push((
                r.file.clone(),
                Diagnostic::new(
                    "pn-missing",
                    format!("held review {} has no participation code", r.date),
                )
                .at_sp(&rec.kind)
                .hint("add `participation: PN0`..`PN7` (PN0 only for a child under 4)"),
            ));
            continue;
        };
        let age = age_on(dob, r.date);
        let b4 = birthday(dob, 4);
        if r.date == b4 {
            if pn.value == Participation::PN0 {
                found.push((
                    r.file.clone(),
                    Diagnostic::new(
                        "pn-age",
                        "PN0 on the child's 4th birthday: accepted, but the child is 4 today"
                            .to_string(),
                    )
                    .at_sp(pn)
                    .severity(Severity::Warning)
                    .hint("from the 4th birthday use PN1-PN7"),
                ));
            }
        } else if age < 4 && pn.value != Participation::PN0 {
            found.push((
                r.file.clone(),
                Diagnostic::new(
                    "pn-age",
                    format!(
                        "the child is under 4 on {}: the code is PN0, not {}",
                        r.date, pn.value
                    ),
                )
                .at_sp(pn)
                .hint("use `participation: PN0`"),
            ));
        } else if age >= 4 && pn.value == Participation::PN0 {
            found.push((
                r.file.clone(),
                Diagnostic::new(
                    "pn-age",
                    format!(
                        "PN0 is only for a child under 4; the child is {age} on {}",
                        r.date
                    ),
                )
                .at_sp(pn)
                .hint("use PN1-PN7 for how the child took part"),
            ));
        }
    }
    for (f, d) in found {
        cx.push(&f, d);
    }
}
