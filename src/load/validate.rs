//! Checks that belong to loading rather than the regulations: references
//! resolve (`ref`), dates are possible and not in the future (`date`), the
//! same thing is not recorded twice (`duplicate`), field combinations the
//! format forbids (`schema`), and the SSDA903 text fields in their formats
//! (`code`: UPN, postcodes, URN, by `ssda903::values`). Pure: works on a
//! loaded `Repo`.

use crate::codes::{AlertKind, ReasonNew};
use crate::diag::catalog;
use crate::diag::{Diagnostic, Severity};
use crate::records::*;
use crate::span::Sp;
use crate::ssda903::values::Kind;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Validate references, dates and duplicates as of the check date.
pub fn validate(repo: &Repo, as_of: NaiveDate) -> Vec<Diagnostic> {
    let mut out = validate_service(repo);
    for ch in repo.children.values() {
        child(repo, ch, as_of, &mut out);
    }
    out
}

/// The service-wide part of `validate`: `iro.toml`, the IROs, ids that
/// differ only in case.
pub fn validate_service(repo: &Repo) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    config(repo, &mut out);
    iros(repo, &mut out);
    case_clashes(repo.children.keys(), "children", "", "child", &mut out);
    case_clashes(repo.iros.keys(), "iros", ".yaml", "IRO", &mut out);
    out
}

/// One child's part of `validate` (`iro serve` revalidates an edited child alone).
pub fn validate_child(
    repo: &Repo,
    ch: &crate::records::Child,
    as_of: NaiveDate,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    child(repo, ch, as_of, &mut out);
    out
}

fn config(repo: &Repo, out: &mut Vec<Diagnostic>) {
    for key in repo.config.rules.keys() {
        match catalog::info(key) {
            Some(i) if !i.configurable => out.push(
                Diagnostic::new(
                    "schema",
                    format!("[rules] cannot switch off the load check `{key}`"),
                )
                .file("iro.toml")
                .severity(Severity::Warning)
                .hint("only regulation and letter rules can be re-graded"),
            ),
            Some(_) => {}
            None => {
                let ids: Vec<&str> = catalog::RULES.iter().map(|r| r.id).collect();
                let mut d =
                    Diagnostic::new("schema", format!("[rules] names an unknown rule `{key}`"))
                        .file("iro.toml");
                if let Some(n) = super::parse::nearest(key, &ids) {
                    d = d.hint(format!("did you mean `{n}`?"));
                }
                out.push(d);
            }
        }
    }
}

fn iros(repo: &Repo, out: &mut Vec<Diagnostic>) {
    for i in repo.iros.values() {
        if let Some(f) = &i.rec.fte
            && !(f.value > 0.0 && f.value <= 1.0)
        {
            out.push(
                Diagnostic::new("schema", "fte must be more than 0 and at most 1.0")
                    .file(&i.file)
                    .at_sp(f),
            );
        }
        if let (Some(s), Some(l)) = (&i.rec.started, &i.rec.left)
            && l.value < s.value
        {
            out.push(
                Diagnostic::new(
                    "date",
                    format!("left {} is before started {}", l.value, s.value),
                )
                .file(&i.file)
                .at_sp(l),
            );
        }
        if let Some(p) = &i.rec.photo
            && (!crate::load::valid_id(p.split('.').next().unwrap_or(""))
                || p.contains('/')
                || p.contains("..")
                || p.contains('\\'))
        {
            out.push(
                Diagnostic::new(
                    "schema",
                    "photo must be a plain file name beside the IRO's file",
                )
                .file(&i.file)
                .at_sp(p)
                .hint("e.g. `photo: priya.jpg`, with priya.jpg in iros/"),
            );
        }
    }
}

fn case_clashes<'a>(
    ids: impl Iterator<Item = &'a String>,
    folder: &str,
    ext: &str,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<String, &String> = BTreeMap::new();
    for id in ids {
        if let Some(prev) = seen.insert(id.to_ascii_lowercase(), id) {
            out.push(
                Diagnostic::new(
                    "duplicate",
                    format!("{what} ids `{prev}` and `{id}` differ only in case"),
                )
                .file(format!("{folder}/{id}{ext}"))
                .hint("ids must be unique ignoring case (they become file names on every system)"),
            );
        }
    }
}

struct Ctx<'a> {
    repo: &'a Repo,
    child: &'a str,
    as_of: NaiveDate,
    out: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn push(&mut self, file: &str, d: Diagnostic) {
        self.out.push(d.file(file).child(self.child));
    }
    fn iro_ref(&mut self, file: &str, id: &Sp<String>) {
        if !self.repo.iros.contains_key(id.as_str()) {
            let ids: Vec<&str> = self.repo.iros.keys().map(|s| s.as_str()).collect();
            let mut d = Diagnostic::new("ref", "unknown IRO id").at_sp(id);
            d = d.hint(match super::parse::nearest(id, &ids) {
                Some(n) => format!("did you mean `{n}`? IROs are the files in iros/"),
                None => "add iros/<id>.yaml, or use the id of a file in iros/".into(),
            });
            self.push(file, d);
        }
    }
    fn service_ref(&mut self, file: &str, key: &Sp<String>) {
        if !self.repo.config.services.contains_key(key.as_str()) {
            let keys: Vec<&str> = self
                .repo
                .config
                .services
                .keys()
                .map(|s| s.as_str())
                .collect();
            let hint = match super::parse::nearest(key, &keys) {
                Some(n) => {
                    format!("did you mean `{n}`? Services are listed in [services] in iro.toml")
                }
                None => format!("services in iro.toml: {}", keys.join(", ")),
            };
            self.push(
                file,
                Diagnostic::new("ref", "unknown service")
                    .at_sp(key)
                    .hint(hint),
            );
        }
    }
    /// A UPN, postcode or URN in its format (`ssda903::values`); the
    /// message names the field, never the value.
    fn format(&mut self, file: &str, v: &Sp<String>, kind: Kind, field: &str) {
        if let Err(bad) = kind.check(v.trim()) {
            self.push(
                file,
                Diagnostic::new("code", kind.message(field, bad))
                    .at_sp(v)
                    .hint(kind.expected()),
            );
        }
    }
    fn not_future(&mut self, file: &str, d: &Sp<crate::day::Day>, what: &str) {
        if d.0 > self.as_of {
            self.push(
                file,
                Diagnostic::new(
                    "date",
                    format!("{what} {} is after the check date {}", d.value, self.as_of),
                )
                .at_sp(d)
                .hint("check the year; use --as-of if you are checking as of another day"),
            );
        }
    }
}

fn child(repo: &Repo, ch: &Child, as_of: NaiveDate, out: &mut Vec<Diagnostic>) {
    let mut cx = Ctx {
        repo,
        child: &ch.id,
        as_of,
        out,
    };
    let f = ch.file.as_str();
    let rec = &ch.rec;
    let dob = rec.dob.0;
    if let Some(m) = &rec.imported {
        if m.value != "ssda903" {
            cx.push(
                f,
                Diagnostic::new(
                    "schema",
                    "`imported` says where a child was imported from: `ssda903`",
                )
                .at_sp(m)
                .hint("`iro import ssda903` writes it; leave it out on children you add"),
            );
        } else if rec.name.value == ch.id {
            cx.push(
                f,
                Diagnostic::new(
                    "schema",
                    "`name` is still the child's id from the import: write the child's full name",
                )
                .at_sp(&rec.name)
                .hint("an SSDA903 return holds no names; letters greet the child by it")
                .severity(Severity::Warning),
            );
        }
    }
    cx.not_future(f, &rec.dob, "date of birth");
    if dob < NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or(dob) {
        cx.push(
            f,
            Diagnostic::new(
                "date",
                "date of birth is implausibly early for a child or care leaver",
            )
            .at_sp(&rec.dob),
        );
    }
    if let Some(s) = &rec.service {
        cx.service_ref(f, s);
    }
    formats(&mut cx, f, rec);
    if let Some(mc) = &rec.mother_child_dob {
        cx.not_future(f, mc, "her child's date of birth");
    }
    let mut last_from = None;
    for a in &rec.iro {
        cx.iro_ref(f, &a.iro);
        cx.not_future(f, &a.from, "allocation");
        if let Some(prev) = last_from
            && a.from.0 < prev
        {
            cx.push(
                f,
                Diagnostic::new("date", "allocations must be listed oldest first").at_sp(&a.from),
            );
        }
        last_from = Some(a.from.0);
    }
    episodes(&mut cx, f, rec);
    for (list, what) in [
        (rec.health_assessments.as_slice(), "health assessment"),
        (rec.peps.as_slice(), "PEP"),
        (rec.consent_to_place.as_slice(), "consent to place"),
    ] {
        let mut seen = BTreeSet::new();
        for d in list {
            cx.not_future(f, d, what);
            if d.0 < dob {
                cx.push(
                    f,
                    Diagnostic::new(
                        "date",
                        format!("{what} {} is before the date of birth", d.value),
                    )
                    .at_sp(d),
                );
            }
            if !seen.insert(d.0) {
                cx.push(
                    f,
                    Diagnostic::new("duplicate", format!("{what} {} is listed twice", d.value))
                        .at_sp(d),
                );
            }
        }
    }
    let plan_dates: BTreeSet<NaiveDate> = ch.plans.iter().map(|p| p.date).collect();
    let mut review_dates: BTreeMap<NaiveDate, &str> = BTreeMap::new();
    for r in &ch.reviews {
        review(&mut cx, r, dob, &plan_dates);
        if let Some(prev) = review_dates.insert(r.date, &r.file) {
            cx.push(
                &r.file,
                Diagnostic::new(
                    "duplicate",
                    format!("two reviews dated {}: also {prev}", r.date),
                )
                .hint("a review held as a series of meetings is one file with `meetings: [...]`"),
            );
        }
    }
    for p in &ch.plans {
        let name_kind = p
            .file
            .rsplit('/')
            .next()
            .and_then(|n| n.get(11..))
            .and_then(|n| n.strip_suffix(".md"))
            .unwrap_or("");
        if name_kind != p.rec.kind.code() {
            cx.push(
                &p.file,
                Diagnostic::new(
                    "schema",
                    format!(
                        "the file name says `{name_kind}` but kind is `{}`",
                        p.rec.kind.code()
                    ),
                )
                .at_sp(&p.rec.kind)
                .hint("name plans `<date>-<kind>.md` with the same kind as the `kind:` field"),
            );
        }
        if p.date > as_of {
            cx.push(
                &p.file,
                Diagnostic::new(
                    "date",
                    format!("plan dated {} is after the check date {as_of}", p.date),
                ),
            );
        }
        if let Some(e) = &p.rec.endorsed_by_iro {
            cx.not_future(&p.file, e, "endorsement");
        }
    }
    for a in &ch.alerts {
        alert(&mut cx, a);
    }
    for c in &ch.contacts {
        cx.iro_ref(&c.file, &c.rec.iro);
        if c.date > as_of {
            cx.push(
                &c.file,
                Diagnostic::new(
                    "date",
                    format!("contact dated {} is after the check date {as_of}", c.date),
                ),
            );
        }
    }
    for m in &ch.meetings {
        cx.iro_ref(&m.file, &m.rec.chaired_by);
        if m.date > as_of {
            cx.push(
                &m.file,
                Diagnostic::new(
                    "date",
                    format!("meeting dated {} is after the check date {as_of}", m.date),
                ),
            );
        }
    }
}

/// The SSDA903 text fields of a child in their formats: `upn`, and each
/// episode's postcodes and URN.
fn formats(cx: &mut Ctx<'_>, f: &str, rec: &ChildRec) {
    if let Some(u) = &rec.upn {
        cx.format(f, u, Kind::Upn, "`upn`");
    }
    for (i, ep) in rec.episodes.iter().enumerate() {
        for (v, kind, field) in [
            (&ep.home_postcode, Kind::Postcode, "home_postcode"),
            (&ep.placement_postcode, Kind::Postcode, "placement_postcode"),
            (&ep.urn, Kind::Urn, "urn"),
        ] {
            if let Some(v) = v {
                cx.format(f, v, kind, &format!("episode {}: `{field}`", i + 1));
            }
        }
    }
}

/// The UPN, postcode and URN findings of every child, alone: the SSDA903
/// export writes no return while there is one.
pub fn ssda903_formats(repo: &Repo) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for ch in repo.children.values() {
        let mut cx = Ctx {
            repo,
            child: &ch.id,
            as_of: NaiveDate::MAX,
            out: &mut out,
        };
        formats(&mut cx, &ch.file, &ch.rec);
    }
    out
}

fn episodes(cx: &mut Ctx<'_>, f: &str, rec: &ChildRec) {
    if rec.episodes.is_empty() {
        cx.push(
            f,
            Diagnostic::new("schema", "a child needs at least one episode")
                .at_sp(&rec.dob)
                .hint("add `episodes:` with the start of the period of care"),
        );
        return;
    }
    let n = rec.episodes.len();
    let mut starts = BTreeSet::new();
    for (i, ep) in rec.episodes.iter().enumerate() {
        cx.not_future(f, &ep.start, "episode start");
        if ep.start.0 < rec.dob.0 {
            cx.push(
                f,
                Diagnostic::new(
                    "date",
                    format!("episode starts {} before the date of birth", ep.start.value),
                )
                .at_sp(&ep.start),
            );
        }
        if !starts.insert(ep.start.0) {
            cx.push(
                f,
                Diagnostic::new(
                    "duplicate",
                    format!("two episodes start on {}", ep.start.value),
                )
                .at_sp(&ep.start),
            );
        }
        match (&ep.end, &ep.reason_ended) {
            (Some(e), Some(_)) => {
                cx.not_future(f, e, "episode end");
                if e.0 < ep.start.0 {
                    cx.push(
                        f,
                        Diagnostic::new(
                            "date",
                            format!(
                                "episode ends {} before it starts {}",
                                e.value, ep.start.value
                            ),
                        )
                        .at_sp(e),
                    );
                }
            }
            (Some(e), None) => cx.push(
                f,
                Diagnostic::new("schema", "an episode with `end` needs `reason_ended`")
                    .at_sp(e)
                    .hint("X1 if the child stays looked after, else the SSDA903 REC code"),
            ),
            (None, Some(r)) => cx.push(
                f,
                Diagnostic::new("schema", "`reason_ended` without `end`")
                    .at_sp(r)
                    .hint("add the end date"),
            ),
            (None, None) if i + 1 < n => cx.push(
                f,
                Diagnostic::new("schema", "only the last episode may be open (no `end`)")
                    .at_sp(&ep.start),
            ),
            _ => {}
        }
        // An imported child's records may begin part-way through care.
        if i == 0 && ep.reason_new.value != ReasonNew::S && rec.imported.is_none() {
            cx.push(
                f,
                Diagnostic::new(
                    "schema",
                    "the first episode must start a period of care (`reason_new: S`)",
                )
                .at_sp(&ep.reason_new),
            );
        }
        if i > 0 {
            let prev = &rec.episodes[i - 1];
            if ep.start.0 < prev.start.0 {
                cx.push(
                    f,
                    Diagnostic::new("date", "episodes must be listed oldest first")
                        .at_sp(&ep.start),
                );
                continue;
            }
            let prev_ceased = prev
                .reason_ended
                .as_ref()
                .is_some_and(|r| r.value != crate::codes::ReasonEnded::X1);
            if prev_ceased {
                if ep.reason_new.value != ReasonNew::S {
                    cx.push(f, Diagnostic::new("schema", "after a period of care ends, the next episode starts a new one (`reason_new: S`)").at_sp(&ep.reason_new));
                }
                if let Some(e) = &prev.end
                    && ep.start.0 < e.0
                {
                    cx.push(
                        f,
                        Diagnostic::new(
                            "date",
                            format!(
                                "episode starts {} before the previous period ended {}",
                                ep.start.value, e.value
                            ),
                        )
                        .at_sp(&ep.start),
                    );
                }
            } else {
                if ep.reason_new.value == ReasonNew::S {
                    cx.push(f, Diagnostic::new("schema", "`reason_new: S` but the previous episode did not end the period of care (its reason_ended is X1 or missing)").at_sp(&ep.reason_new));
                }
                if let Some(e) = &prev.end
                    && e.0 != ep.start.0
                {
                    cx.push(f, Diagnostic::new("date", format!("episode starts {} but the previous one ended {} with X1: they must be the same day", ep.start.value, e.value)).at_sp(&ep.start));
                }
            }
        }
    }
}

fn review(cx: &mut Ctx<'_>, r: &Review, dob: NaiveDate, plans: &BTreeSet<NaiveDate>) {
    let f = r.file.as_str();
    let rec = &r.rec;
    // Present unless imported: the loader makes sure (`parse_text`).
    if let Some(sp) = &rec.iro
        && let Some(id) = &sp.value
    {
        cx.iro_ref(f, &Sp::new(id.clone(), sp.line, sp.col));
    }
    if let Some(m) = &rec.imported
        && m.value != "ssda903"
    {
        cx.push(
            f,
            Diagnostic::new(
                "schema",
                "`imported` says where a review was imported from: `ssda903`",
            )
            .at_sp(m)
            .hint("`iro import ssda903` writes it; leave it out on reviews you write"),
        );
    }
    if r.date > cx.as_of {
        cx.push(f, Diagnostic::new("date", format!("review dated {} is after the check date {}", r.date, cx.as_of)).at(1, 1).hint("a review file is written once the review has been held or stood down; book future reviews with `next_review:`"));
    }
    if r.date < dob {
        cx.push(
            f,
            Diagnostic::new(
                "date",
                format!(
                    "review dated {} is before the child's date of birth",
                    r.date
                ),
            )
            .at(1, 1),
        );
    }
    if let Some(ms) = &rec.meetings {
        let mut seen = BTreeSet::new();
        for m in ms.iter() {
            if m.0 > r.date {
                cx.push(f, Diagnostic::new("date", format!("meeting {} is after the review date {} (the file name is the last meeting)", m.value, r.date)).at_sp(m));
            }
            if !seen.insert(m.0) {
                cx.push(
                    f,
                    Diagnostic::new("duplicate", format!("meeting {} is listed twice", m.value))
                        .at_sp(m),
                );
            }
        }
        if !ms.is_empty() && !seen.contains(&r.date) {
            cx.push(
                f,
                Diagnostic::new(
                    "date",
                    format!(
                        "the last meeting of the series must be the review date {} (the file name)",
                        r.date
                    ),
                )
                .at_sp(ms)
                .hint("rename the file to the date of the last meeting"),
            );
        }
    }
    for (d, what) in [
        (&rec.decisions_sent, "decisions sent"),
        (&rec.record_completed, "record completed"),
    ] {
        if let Some(d) = d {
            cx.not_future(f, d, what);
            if d.0 < r.date {
                cx.push(
                    f,
                    Diagnostic::new(
                        "date",
                        format!("{what} {} is before the review {}", d.value, r.date),
                    )
                    .at_sp(d),
                );
            }
        }
    }
    if let Some(cp) = &rec.care_plan {
        if cp.0 > r.date {
            cx.push(
                f,
                Diagnostic::new(
                    "date",
                    format!(
                        "the care plan {} is dated after the review {}",
                        cp.value, r.date
                    ),
                )
                .at_sp(cp),
            );
        } else if !plans.contains(&cp.0) {
            cx.push(
                f,
                Diagnostic::new(
                    "ref",
                    format!("no plan dated {} in this child's plans/", cp.value),
                )
                .at_sp(cp)
                .hint("add the plan file, or correct the date"),
            );
        }
    }
    if let Some(c) = &rec.consultations {
        for v in c.values() {
            if v[1] > v[0] {
                cx.push(
                    f,
                    Diagnostic::new(
                        "schema",
                        format!("more forms returned ({}) than sent ({})", v[1], v[0]),
                    )
                    .at_sp(v)
                    .hint("write [sent, returned]"),
                );
            }
        }
    }
    if let Some(sd) = &rec.stood_down
        && (rec.decisions_sent.is_some() || !rec.decisions.is_empty())
    {
        cx.push(
            f,
            Diagnostic::new("schema", "a stood-down review has no decisions")
                .at_sp(sd)
                .severity(Severity::Warning),
        );
    }
}

fn alert(cx: &mut Ctx<'_>, a: &Alert) {
    let f = a.file.as_str();
    let rec = &a.rec;
    cx.iro_ref(f, &rec.iro);
    cx.service_ref(f, &rec.service);
    let table = match rec.kind.value {
        AlertKind::PracticeAlert => &cx.repo.config.themes.alert,
        AlertKind::GoodPractice => &cx.repo.config.themes.good_practice,
    };
    let which = match rec.kind.value {
        AlertKind::PracticeAlert => "[themes.alert]",
        AlertKind::GoodPractice => "[themes.good_practice]",
    };
    if rec.themes.is_empty() {
        cx.push(
            f,
            Diagnostic::new("schema", "an alert needs at least one theme")
                .at_sp(&rec.kind)
                .hint(format!("add `themes: [...]` with keys from {which}")),
        );
    }
    for t in &rec.themes {
        if !table.contains_key(t.as_str()) {
            let keys: Vec<&str> = table.keys().map(|s| s.as_str()).collect();
            let hint = match super::parse::nearest(t, &keys) {
                Some(n) => format!("did you mean `{n}`? Themes are listed in {which} in iro.toml"),
                None => format!("themes in {which}: {}", keys.join(", ")),
            };
            cx.push(
                f,
                Diagnostic::new("ref", format!("unknown theme for a {}", rec.kind.label()))
                    .at_sp(t)
                    .hint(hint),
            );
        }
    }
    for c in &rec.children {
        if !cx.repo.children.contains_key(c.as_str()) {
            cx.push(
                f,
                Diagnostic::new("ref", "unknown child id").at_sp(c).hint(
                    "list the ids of siblings covered by the same alert (folders in children/)",
                ),
            );
        }
    }
    if a.date > cx.as_of {
        cx.push(
            f,
            Diagnostic::new(
                "date",
                format!(
                    "alert dated {} is after the check date {}",
                    a.date, cx.as_of
                ),
            ),
        );
    }
    if let Some(r) = &rec.resolved {
        cx.not_future(f, r, "resolved");
        if r.0 < a.date {
            cx.push(
                f,
                Diagnostic::new(
                    "date",
                    format!("resolved {} before it was raised {}", r.value, a.date),
                )
                .at_sp(r),
            );
        }
    }
    for s in &rec.stages {
        cx.not_future(f, &s.on, "stage");
        if s.on.0 < a.date {
            cx.push(
                f,
                Diagnostic::new(
                    "date",
                    format!(
                        "stage dated {} before the alert was raised {}",
                        s.on.value, a.date
                    ),
                )
                .at_sp(&s.on),
            );
        }
    }
}
