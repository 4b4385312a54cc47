//! The plain-language check on every review body (the child's letter):
//! letter-jargon, letter-acronym, letter-third-person, letter-readability,
//! letter-long-sentence. The text analysis is in `crate::plain`.

use super::ctx::Ctx;
use crate::calendar::age_on;
use crate::codes::ReviewKind;
use crate::diag::{Diagnostic, Severity};
use crate::plain::{AgeBand, PlainConfig, Subject, check as plain_check};
use crate::records::{Child, Review};

/// The letter settings from `[letters]`.
pub fn plain_config(repo: &crate::records::Repo) -> PlainConfig {
    PlainConfig {
        extra_jargon: repo
            .config
            .letters
            .jargon
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        ..PlainConfig::default()
    }
}

/// The age band of the letter for a review.
pub fn band(child: &Child, r: &Review) -> AgeBand {
    AgeBand::for_age(
        age_on(child.rec.dob.0, r.date),
        r.rec.kind.value == ReviewKind::Pathway,
    )
}

/// Check every review's letter (a stood-down review gets a letter too).
pub fn check(cx: &mut Ctx<'_>, cfg: &PlainConfig) {
    let mut names: Vec<&str> = cx.child.rec.name.split_whitespace().collect();
    if let Some(p) = &cx.child.rec.preferred_name {
        names.push(p.as_str());
    }
    let mut found = Vec::new();
    for r in &cx.child.reviews {
        if r.body.trim().is_empty() {
            continue;
        }
        let subject = Subject {
            names: names.clone(),
            band: band(cx.child, r),
        };
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
