//! Every rule id iro reports, with its default severity, source and a
//! one-line summary. Ids are stable: diagnostics, JSON, `[rules]` in
//! `iro.toml` and the docs use them.

use crate::diag::Severity;
use crate::records::config::RuleSetting;
use std::collections::BTreeMap;

/// A rule's fixed facts.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Where the rule comes from.
    pub source: &'static str,
    /// What it checks.
    pub summary: &'static str,
    /// Whether `[rules]` may re-grade or switch it off (load problems cannot).
    pub configurable: bool,
}

const fn r(
    id: &'static str,
    severity: Severity,
    source: &'static str,
    summary: &'static str,
) -> RuleInfo {
    RuleInfo {
        id,
        severity,
        source,
        summary,
        configurable: true,
    }
}
const fn load(id: &'static str, summary: &'static str) -> RuleInfo {
    RuleInfo {
        id,
        severity: Severity::Error,
        source: "records.md",
        summary,
        configurable: false,
    }
}

const fn build(id: &'static str, summary: &'static str) -> RuleInfo {
    RuleInfo {
        id,
        severity: Severity::Error,
        source: "report.md",
        summary,
        configurable: false,
    }
}

use Severity::{Error as E, Info as I, Warning as W};

/// All rules, in the order of rules.md.
pub const RULES: &[RuleInfo] = &[
    r(
        "reg33-first",
        E,
        "CPPCR 33(1)",
        "the first review of a period of care is held within 20 working days of its start",
    ),
    r(
        "reg33-second",
        E,
        "CPPCR 33(2)",
        "the second review is held not more than 3 months after the first",
    ),
    r(
        "reg33-subsequent",
        E,
        "CPPCR 33(2)",
        "each later review is held not more than 6 months after the previous one",
    ),
    r(
        "reg33-overdue",
        E,
        "CPPCR 33",
        "as of the check date, a review that is due has not been held",
    ),
    r(
        "adoption-reviews",
        E,
        "AAR 36(3)",
        "once placed for adoption: first review within 4 weeks of the placement, then 3 months, then 6 months; reg 33's timetable stops from the placement",
    ),
    r(
        "placement-authority-3m",
        E,
        "AAR 36(1)",
        "authorised to place for adoption but not placed: a review within 3 months of the authority, then at most every 6 months",
    ),
    r(
        "local-po-months",
        W,
        "local",
        "children on a placement order are reviewed at least every N months",
    ),
    r(
        "review-before-ceasing",
        W,
        "CPPCR 33(3)(e)",
        "a child accommodated under s.20 whose care ends other than by going to a parent is reviewed before it ends",
    ),
    r(
        "review-after-ceased",
        E,
        "CPPCR 33",
        "no cla review is dated after the period of care ended, or on or after the 18th birthday",
    ),
    r(
        "stood-down-counted",
        I,
        "IROH",
        "a stood-down review does not meet a deadline",
    ),
    r(
        "series-span",
        W,
        "CPPCR 36",
        "a review is adjourned at most once (two meetings), and its meetings span no more than 20 working days",
    ),
    r(
        "pn-missing",
        E,
        "903 rule 167",
        "every held cla review has a participation code; stood-down and pathway reviews have none",
    ),
    r(
        "pn-age",
        E,
        "903 rules 440, 441",
        "PN0 if and only if the child is under 4 on the review date",
    ),
    r(
        "short-breaks",
        E,
        "CPPCR 48; 903 rule 399",
        "short breaks are reviewed as one arrangement: within 3 months of the first, then at most every 6 months, with no participation code",
    ),
    r(
        "short-breaks-limit",
        W,
        "CPPCR 48(2); 903 rules 365, 367",
        "short breaks past reg 48's limits (a stay over 17 days, or over 75 days in 12 months) are reviewed under reg 33 from that day",
    ),
    r(
        "care-plan-10wd",
        E,
        "CPPCR 4(2)",
        "a care plan is dated on or before the 10th working day after the first placement of the period, except for a child on an interim or full care order (s.31A)",
    ),
    r(
        "care-plan-current",
        W,
        "IROH; local",
        "a held review considered a care plan dated after the previous review",
    ),
    r(
        "permanence-second",
        W,
        "CPPCR 5(a); statutory guidance vol. 2",
        "a permanence option is recorded at or before the second review",
    ),
    r(
        "iro-allocated",
        E,
        "Children Act 1989 s25A",
        "a child has an allocated IRO on the date of every review, who chairs it or is covered",
    ),
    r(
        "iro-allocated-5wd",
        W,
        "IROH",
        "the IRO is allocated within 5 working days of the period starting",
    ),
    r(
        "decisions-sent",
        W,
        "IROH; local",
        "decisions are sent within the policy's working days of the review",
    ),
    r(
        "record-completed",
        W,
        "IROH; local",
        "the record is completed within the policy's working days of the review",
    ),
    r(
        "health-assessment",
        W,
        "CPPCR 7",
        "at each review and between reviews, every health assessment is done by its due date: the first by the first review (one made before care began counts only in the 3 months before), then 6 months after the last while under 5, else 12",
    ),
    r(
        "health-overdue",
        W,
        "CPPCR 7",
        "as of the check date, a health assessment that is due has been done, with or without a review since",
    ),
    r(
        "pep-termly",
        W,
        "statutory guidance: Promoting the education of looked-after children (2018)",
        "a child of compulsory school age has a PEP reviewed within the last school term (pep_within_months) at each review",
    ),
    r(
        "pathway-6m",
        E,
        "CLR 7",
        "a care leaver's pathway plan is reviewed not more than 6 months after the previous review",
    ),
    r(
        "pathway-plan",
        W,
        "CPPCR 42(1), 43",
        "an eligible child has a pathway plan within 3 months of turning 16 or of becoming eligible after 16",
    ),
    r(
        "drp-20wd",
        W,
        "IROH ch. 6; local",
        "a formal dispute is resolved within the policy's working days of its first formal stage",
    ),
    r(
        "alert-stages",
        E,
        "local",
        "an alert's stages climb in order with non-decreasing dates; good practice notifications have no stages",
    ),
    r(
        "caseload",
        W,
        "IROH",
        "an IRO's caseload per FTE at the check date is within the policy range",
    ),
    r(
        "letter-jargon",
        W,
        "letters.md",
        "the letter uses a word children find hard, with a replacement",
    ),
    r(
        "letter-acronym",
        W,
        "letters.md",
        "the letter uses an acronym it does not spell out",
    ),
    r(
        "letter-third-person",
        W,
        "letters.md",
        "the letter talks about the child instead of to them",
    ),
    r(
        "letter-readability",
        W,
        "letters.md",
        "the letter's reading ease is below its age band's threshold",
    ),
    r(
        "letter-long-sentence",
        I,
        "letters.md",
        "a sentence longer than 20 words",
    ),
    load("parse", "YAML or front matter syntax"),
    load(
        "schema",
        "missing field, wrong type, unknown field, misnamed file",
    ),
    load(
        "code",
        "not an SSDA903 code, or a UPN, postcode or URN not in its format",
    ),
    load("ref", "unknown child, IRO, service, theme or plan"),
    load("date", "impossible or implausible date"),
    load("duplicate", "the same thing recorded twice"),
    load(
        "io",
        "unreadable, not UTF-8, too large, or outside the repository",
    ),
    build(
        "site",
        "the report cannot be built: a short code, section, theme file, logo or year is wrong",
    ),
    build(
        "publish",
        "a child's name, preferred name, id or date of birth would be published",
    ),
];

/// Facts about a rule id.
pub fn info(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// Severities after `[rules]` in `iro.toml`: `None` means off.
#[derive(Clone, Debug, Default)]
pub struct Grades {
    settings: BTreeMap<String, RuleSetting>,
}

impl Grades {
    /// From `[rules]`; unknown ids and load ids are reported by `validate`.
    pub fn new(settings: &BTreeMap<String, RuleSetting>) -> Grades {
        Grades {
            settings: settings.clone(),
        }
    }
    /// The severity to report `id` at, or `None` when switched off.
    pub fn grade(&self, id: &str, default: Severity) -> Option<Severity> {
        match info(id) {
            Some(i) if !i.configurable => return Some(default),
            _ => {}
        }
        match self.settings.get(id) {
            None => Some(default),
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Error) => Some(Severity::Error),
            Some(RuleSetting::Warning) => Some(Severity::Warning),
            Some(RuleSetting::Info) => Some(Severity::Info),
        }
    }
    /// Whether a rule runs at all.
    pub fn enabled(&self, id: &str) -> bool {
        !matches!(self.settings.get(id), Some(RuleSetting::Off))
            || info(id).is_some_and(|i| !i.configurable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_unique_and_regrading() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
        let mut m = BTreeMap::new();
        m.insert("drp-20wd".to_string(), RuleSetting::Off);
        m.insert("caseload".to_string(), RuleSetting::Error);
        m.insert("parse".to_string(), RuleSetting::Off);
        let g = Grades::new(&m);
        assert_eq!(g.grade("drp-20wd", Severity::Warning), None);
        assert_eq!(
            g.grade("caseload", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(g.grade("parse", Severity::Error), Some(Severity::Error));
        assert!(!g.enabled("drp-20wd") && g.enabled("parse"));
    }

    /// Every id a diagnostic is made with literally in the source is in the
    /// catalogue (ids made from variables are checked where they are
    /// produced: tests/it/common.rs asserts it for every finding of every
    /// rule test, and tests/it/examples.rs for every finding on records/).
    #[test]
    fn every_literal_id_is_catalogued() {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push((
                        p.display().to_string(),
                        std::fs::read_to_string(&p).unwrap(),
                    ));
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut seen = 0;
        for (path, text) in files.iter().filter(|(p, _)| !p.ends_with("catalog.rs")) {
            let mut rest = text.as_str();
            while let Some(i) = rest.find("Diagnostic::new(") {
                rest = &rest[i + "Diagnostic::new(".len()..];
                let t = rest.trim_start();
                if let Some(lit) = t.strip_prefix('"') {
                    let id = &lit[..lit.find('"').unwrap()];
                    assert!(
                        info(id).is_some(),
                        "{path}: id `{id}` is not in the catalogue"
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen > 40, "the scan found the literal ids ({seen})");
    }
}
