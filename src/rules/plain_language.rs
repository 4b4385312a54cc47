//! The plain-language check on every review body (the child's letter):
//! letter-jargon, letter-acronym, letter-third-person, letter-readability,
//! letter-long-sentence. The text analysis is in `crate::plain`.

use super::ctx::Ctx;
use crate::diag::{Diagnostic, Severity};
use crate::plain::{PlainConfig, check as plain_check};

/// Check every review's letter (a stood-down review gets a letter too).
pub fn check(cx: &mut Ctx<'_>, cfg: &PlainConfig) {
    let mut found = Vec::new();
    // Letters follow held reviews: a stood-down review's text is not one.
    for r in &cx.child.reviews {
        if !r.held() || r.body.trim().is_empty() {
            continue;
        }
        let subject = crate::model::letter_subject(cx.child, r);
        let (findings, scores) = plain_check(&r.body, &subject, cfg);
        for f in findings {
            let line = r.body_line + f.line.saturating_sub(1) as u32;
            let mut d = Diagnostic::new(f.rule, f.message)
                .at(line, f.column as u32)
                .hint(f.hint);
            if f.rule == "letter-readability" && !scores.reliable {
                d = d.severity(Severity::Info);
            }
            found.push((r.file.clone(), d));
        }
    }
    for (f, d) in found {
        cx.push(&f, d);
    }
}
