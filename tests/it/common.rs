//! Shared helpers for the rule boundary tests (`tests/rules_*.rs`): a small
//! builder that writes a records repository as in-memory text (iro.toml,
//! iros/, children/...), loads it with `iro::load::load_texts`, checks that
//! the records themselves are valid (no load or validation findings), and runs
//! `iro::rules::run` as of a date.
//!
//! Dates in the tests are computed by hand (see the comments in each test);
//! nothing here calls the calendar under test.

use chrono::NaiveDate;
use iro::diag::{Diagnostic, Severity};
use iro::records::Repo;
use std::fmt::Write as _;

/// Parse `YYYY-MM-DD` (test input, trusted).
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// The load-level rule ids (not regulation rules).
pub const LOAD_IDS: &[&str] = &["parse", "schema", "code", "ref", "date", "duplicate", "io"];

// ---------------------------------------------------------------- builder

/// One SSDA903 episode.
#[derive(Clone, Debug)]
pub struct Ep {
    pub start: String,
    pub reason_new: String,
    pub legal_status: String,
    pub placement: String,
    pub end: Option<(String, String)>,
}

impl Ep {
    /// A new period of care (`reason_new: S`), section 20 (V2), foster care (U6), open.
    pub fn start(date: &str) -> Ep {
        Ep {
            start: date.into(),
            reason_new: "S".into(),
            legal_status: "V2".into(),
            placement: "U6".into(),
            end: None,
        }
    }
    /// A change within the period (`reason_new`, e.g. `T`, `L`, `P`).
    pub fn change(date: &str, reason_new: &str) -> Ep {
        Ep {
            start: date.into(),
            reason_new: reason_new.into(),
            legal_status: "V2".into(),
            placement: "U6".into(),
            end: None,
        }
    }
    pub fn ls(mut self, ls: &str) -> Ep {
        self.legal_status = ls.into();
        self
    }
    pub fn place(mut self, p: &str) -> Ep {
        self.placement = p.into();
        self
    }
    /// End the episode on `date` with `reason_ended` (X1: stays looked after).
    pub fn end(mut self, date: &str, reason_ended: &str) -> Ep {
        self.end = Some((date.into(), reason_ended.into()));
        self
    }
}

/// One review file.
#[derive(Clone, Debug)]
pub struct ReviewB {
    pub date: String,
    pub kind: String,
    pub iro: String,
    pub cover: Option<bool>,
    pub meetings: Vec<String>,
    pub participation: Option<String>,
    pub care_plan: Option<String>,
    pub permanence: Option<String>,
    pub decisions_sent: Option<String>,
    pub record_completed: Option<String>,
    pub next_review: Option<String>,
    pub stood_down: Option<String>,
    pub late_reason: Option<String>,
}

impl ReviewB {
    pub fn pn(&mut self, code: &str) -> &mut Self {
        self.participation = Some(code.into());
        self
    }
    pub fn no_pn(&mut self) -> &mut Self {
        self.participation = None;
        self
    }
    pub fn chair(&mut self, iro: &str) -> &mut Self {
        self.iro = iro.into();
        self
    }
    pub fn cover(&mut self, c: bool) -> &mut Self {
        self.cover = Some(c);
        self
    }
    /// A series of meetings; the file's date must be the last one.
    pub fn meetings(&mut self, ms: &[&str]) -> &mut Self {
        self.meetings = ms.iter().map(|s| s.to_string()).collect();
        self
    }
    pub fn care_plan(&mut self, date: &str) -> &mut Self {
        self.care_plan = Some(date.into());
        self
    }
    pub fn permanence(&mut self, p: &str) -> &mut Self {
        self.permanence = Some(p.into());
        self
    }
    pub fn decisions_sent(&mut self, date: &str) -> &mut Self {
        self.decisions_sent = Some(date.into());
        self
    }
    pub fn record_completed(&mut self, date: &str) -> &mut Self {
        self.record_completed = Some(date.into());
        self
    }
    pub fn next_review(&mut self, date: &str) -> &mut Self {
        self.next_review = Some(date.into());
        self
    }
    /// Stood down (and so no participation code).
    pub fn stood_down(&mut self, reason: &str) -> &mut Self {
        self.stood_down = Some(reason.into());
        self.participation = None;
        self
    }
    /// A pathway review (no participation code).
    pub fn pathway(&mut self) -> &mut Self {
        self.kind = "pathway".into();
        self.participation = None;
        self
    }
    pub fn late_reason(&mut self, why: &str) -> &mut Self {
        self.late_reason = Some(why.into());
        self
    }

    fn text(&self) -> String {
        let mut s = String::from("---\n");
        let _ = writeln!(s, "kind: {}", self.kind);
        let _ = writeln!(s, "iro: {}", self.iro);
        if let Some(c) = self.cover {
            let _ = writeln!(s, "cover: {c}");
        }
        if !self.meetings.is_empty() {
            let _ = writeln!(s, "meetings: [{}]", self.meetings.join(", "));
        }
        if let Some(p) = &self.participation {
            let _ = writeln!(s, "participation: {p}");
        }
        if let Some(p) = &self.care_plan {
            let _ = writeln!(s, "care_plan: {p}");
        }
        if let Some(p) = &self.permanence {
            let _ = writeln!(s, "permanence: {p}");
        }
        if let Some(p) = &self.decisions_sent {
            let _ = writeln!(s, "decisions_sent: {p}");
        }
        if let Some(p) = &self.record_completed {
            let _ = writeln!(s, "record_completed: {p}");
        }
        if let Some(p) = &self.next_review {
            let _ = writeln!(s, "next_review: {p}");
        }
        if let Some(p) = &self.stood_down {
            let _ = writeln!(s, "stood_down: {{ reason: {p} }}");
        }
        if let Some(p) = &self.late_reason {
            let _ = writeln!(s, "late_reason: \"{p}\"");
        }
        s.push_str("---\nDear Sam,\n\nThank you for talking with me.\n");
        s
    }
}

/// One plan file.
#[derive(Clone, Debug)]
pub struct PlanB {
    pub date: String,
    pub kind: String,
    pub permanence: Option<String>,
}

/// One alert file.
#[derive(Clone, Debug)]
pub struct AlertB {
    pub date: String,
    pub slug: String,
    pub kind: String,
    pub stages: Vec<(String, String)>,
    pub resolved: Option<String>,
}

impl AlertB {
    /// Add a stage (`informal`, `drp1`, ..., `cafcass`) reached on `date`.
    pub fn stage(&mut self, stage: &str, date: &str) -> &mut Self {
        self.stages.push((stage.into(), date.into()));
        self
    }
    pub fn resolved(&mut self, date: &str) -> &mut Self {
        self.resolved = Some(date.into());
        self
    }
    fn text(&self) -> String {
        let theme = if self.kind == "good-practice" {
            "good"
        } else {
            "drift"
        };
        let mut s = String::from("---\n");
        let _ = writeln!(s, "kind: {}", self.kind);
        s.push_str("iro: ia\nservice: permanence\n");
        let _ = writeln!(s, "themes: [{theme}]");
        if !self.stages.is_empty() {
            s.push_str("stages:\n");
            for (st, on) in &self.stages {
                let _ = writeln!(s, "  - {{ stage: {st}, on: {on} }}");
            }
        }
        if let Some(r) = &self.resolved {
            let _ = writeln!(s, "resolved: {r}");
        }
        s.push_str("---\nWhat happened.\n");
        s
    }
}

/// One child and their records.
#[derive(Clone, Debug)]
pub struct ChildB {
    pub id: String,
    pub dob: String,
    pub episodes: Vec<Ep>,
    pub allocations: Vec<(String, String)>,
    pub health: Vec<String>,
    /// `peps:` dates.
    pub peps: Vec<String>,
    /// `consent_to_place:`.
    pub consent_to_place: Option<String>,
    pub reviews: Vec<ReviewB>,
    pub plans: Vec<PlanB>,
    pub alerts: Vec<AlertB>,
}

impl ChildB {
    pub fn ep(&mut self, e: Ep) -> &mut Self {
        self.episodes.push(e);
        self
    }
    /// A new period of care from `date` (S, V2, U6, open) with IRO `ia`
    /// allocated from the same day.
    pub fn care_from(&mut self, date: &str) -> &mut Self {
        self.episodes.push(Ep::start(date));
        self.allocations.push(("ia".into(), date.into()));
        self
    }
    /// An IRO allocation from `date`.
    pub fn allocate(&mut self, iro: &str, date: &str) -> &mut Self {
        self.allocations.push((iro.into(), date.into()));
        self
    }
    pub fn health(&mut self, date: &str) -> &mut Self {
        self.health.push(date.into());
        self
    }
    /// The parents' consent to placement for adoption (`consent_to_place:`).
    pub fn consent_to_place(&mut self, date: &str) -> &mut Self {
        self.consent_to_place = Some(date.into());
        self
    }
    /// A personal education plan dated `date` (`peps:`).
    pub fn pep(&mut self, date: &str) -> &mut Self {
        self.peps.push(date.into());
        self
    }
    /// A plan `plans/<date>-<kind>.md`.
    pub fn plan(&mut self, date: &str, kind: &str) -> &mut Self {
        self.plans.push(PlanB {
            date: date.into(),
            kind: kind.into(),
            permanence: None,
        });
        self
    }
    /// A held cla review on `date` chaired by `ia` with participation PN1
    /// (adjust with the returned builder).
    pub fn review(&mut self, date: &str) -> &mut ReviewB {
        self.reviews.push(ReviewB {
            date: date.into(),
            kind: "cla".into(),
            iro: "ia".into(),
            cover: None,
            meetings: vec![],
            participation: Some("PN1".into()),
            care_plan: None,
            permanence: None,
            decisions_sent: None,
            record_completed: None,
            next_review: None,
            stood_down: None,
            late_reason: None,
        });
        self.reviews.last_mut().expect("just pushed")
    }
    /// A practice alert `alerts/<date>-<slug>.md`.
    pub fn alert(&mut self, date: &str, slug: &str) -> &mut AlertB {
        self.alerts.push(AlertB {
            date: date.into(),
            slug: slug.into(),
            kind: "practice-alert".into(),
            stages: vec![],
            resolved: None,
        });
        self.alerts.last_mut().expect("just pushed")
    }
    /// A good practice notification.
    pub fn good_practice(&mut self, date: &str, slug: &str) -> &mut AlertB {
        self.alerts.push(AlertB {
            date: date.into(),
            slug: slug.into(),
            kind: "good-practice".into(),
            stages: vec![],
            resolved: None,
        });
        self.alerts.last_mut().expect("just pushed")
    }

    /// Path of the child's file.
    pub fn file(&self) -> String {
        format!("children/{}/child.yaml", self.id)
    }

    fn child_yaml(&self) -> String {
        let mut s = String::new();
        s.push_str("name: Sam Test\n");
        let _ = writeln!(s, "dob: {}", self.dob);
        s.push_str("sex: F\nethnicity: WBRI\n");
        if !self.allocations.is_empty() {
            s.push_str("iro:\n");
            for (i, f) in &self.allocations {
                let _ = writeln!(s, "  - {{ iro: {i}, from: {f} }}");
            }
        }
        s.push_str("episodes:\n");
        for e in &self.episodes {
            let _ = writeln!(s, "  - start: {}", e.start);
            let _ = writeln!(s, "    reason_new: {}", e.reason_new);
            let _ = writeln!(s, "    legal_status: {}", e.legal_status);
            s.push_str("    need: N1\n");
            let _ = writeln!(s, "    placement: {}", e.placement);
            s.push_str("    provider: PR1\n");
            if let Some((end, why)) = &e.end {
                let _ = writeln!(s, "    end: {end}");
                let _ = writeln!(s, "    reason_ended: {why}");
            }
        }
        if !self.health.is_empty() {
            let _ = writeln!(s, "health_assessments: [{}]", self.health.join(", "));
        }
        if !self.peps.is_empty() {
            let _ = writeln!(s, "peps: [{}]", self.peps.join(", "));
        }
        if let Some(c) = &self.consent_to_place {
            let _ = writeln!(s, "consent_to_place: {c}");
        }
        s
    }
}

/// One IRO.
#[derive(Clone, Debug)]
pub struct IroB {
    pub id: String,
    pub fte: String,
    pub left: Option<String>,
}

/// A whole records repository.
#[derive(Clone, Debug)]
pub struct RepoB {
    pub policy: Vec<String>,
    pub extra_days: Vec<String>,
    pub rules: Vec<(String, String)>,
    pub iros: Vec<IroB>,
    pub children: Vec<ChildB>,
}

impl Default for RepoB {
    fn default() -> Self {
        Self::new()
    }
}

impl RepoB {
    /// A repository with one IRO, `ia` (1.0 FTE, in post since 2010), and no children.
    pub fn new() -> RepoB {
        RepoB {
            policy: vec![],
            extra_days: vec![],
            rules: vec![],
            iros: vec![IroB {
                id: "ia".into(),
                fte: "1.0".into(),
                left: None,
            }],
            children: vec![],
        }
    }
    /// A `[policy]` line, e.g. `series_timeliness = "last"`.
    pub fn policy(&mut self, line: &str) -> &mut Self {
        self.policy.push(line.into());
        self
    }
    /// A `[calendar] extra_non_working_days` entry.
    pub fn extra_non_working_day(&mut self, date: &str) -> &mut Self {
        self.extra_days.push(date.into());
        self
    }
    /// A `[rules]` line: `id = "setting"`.
    pub fn rule(&mut self, id: &str, setting: &str) -> &mut Self {
        self.rules.push((id.into(), setting.into()));
        self
    }
    /// Another IRO (or replace the FTE / leaving date of an existing one).
    pub fn iro(&mut self, id: &str, fte: &str, left: Option<&str>) -> &mut Self {
        self.iros.retain(|i| i.id != id);
        self.iros.push(IroB {
            id: id.into(),
            fte: fte.into(),
            left: left.map(String::from),
        });
        self
    }
    /// A child born on `dob` (add episodes with `care_from` / `ep`).
    pub fn child(&mut self, id: &str, dob: &str) -> &mut ChildB {
        self.children.push(ChildB {
            id: id.into(),
            dob: dob.into(),
            episodes: vec![],
            allocations: vec![],
            health: vec![],
            peps: vec![],
            consent_to_place: None,
            reviews: vec![],
            plans: vec![],
            alerts: vec![],
        });
        self.children.last_mut().expect("just pushed")
    }
    /// An existing child.
    pub fn get(&mut self, id: &str) -> &mut ChildB {
        self.children
            .iter_mut()
            .find(|c| c.id == id)
            .expect("child in the builder")
    }

    /// `iro.toml`.
    pub fn config(&self) -> String {
        let mut s = String::from("[service]\nname = \"Test Independent Reviewing Service\"\n\n");
        s.push_str("[services]\npermanence = \"Permanence\"\n\n");
        s.push_str("[themes.alert]\ndrift = \"Drift and delay\"\n\n[themes.good_practice]\ngood = \"Good work\"\n\n");
        s.push_str("[policy]\n");
        for l in &self.policy {
            let _ = writeln!(s, "{l}");
        }
        s.push_str("\n[calendar]\n");
        let days: Vec<String> = self.extra_days.iter().map(|d| format!("\"{d}\"")).collect();
        let _ = writeln!(s, "extra_non_working_days = [{}]", days.join(", "));
        s.push_str("\n[rules]\n");
        for (id, v) in &self.rules {
            let _ = writeln!(s, "{id} = \"{v}\"");
        }
        s
    }

    /// Every record file: (path relative to the root, text).
    pub fn files(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for i in &self.iros {
            let mut s = format!("name: IRO {}\nfte: {}\nstarted: 2010-01-01\n", i.id, i.fte);
            if let Some(l) = &i.left {
                let _ = writeln!(s, "left: {l}");
            }
            out.push((format!("iros/{}.yaml", i.id), s));
        }
        for c in &self.children {
            out.push((c.file(), c.child_yaml()));
            for r in &c.reviews {
                out.push((format!("children/{}/reviews/{}.md", c.id, r.date), r.text()));
            }
            for p in &c.plans {
                let mut s = format!("---\nkind: {}\n", p.kind);
                if let Some(pm) = &p.permanence {
                    let _ = writeln!(s, "permanence: {pm}");
                }
                s.push_str("---\nThe plan.\n");
                out.push((
                    format!("children/{}/plans/{}-{}.md", c.id, p.date, p.kind),
                    s,
                ));
            }
            for a in &c.alerts {
                out.push((
                    format!("children/{}/alerts/{}-{}.md", c.id, a.date, a.slug),
                    a.text(),
                ));
            }
        }
        out
    }

    /// Load, check the records are valid as of `as_of`, and run the rules.
    pub fn run(&self, as_of: &str) -> Out {
        let out = self.run_unvalidated(as_of);
        let bad: Vec<&Diagnostic> = out.load.iter().collect();
        assert!(
            bad.is_empty(),
            "the test's records do not load or validate cleanly:\n{bad:#?}"
        );
        out
    }

    /// Load and run the rules without requiring the records to validate.
    pub fn run_unvalidated(&self, as_of: &str) -> Out {
        let as_of = d(as_of);
        let config = self.config();
        let files = self.files();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let (repo, mut load) = match iro::load::load_texts(&config, &refs) {
            Ok(x) => x,
            Err(e) => panic!("iro.toml does not load:\n{config}\n{e:#?}"),
        };
        load.extend(iro::load::validate::validate(&repo, as_of));
        let an = iro::model::Analysis::new(&repo, as_of);
        let diags = iro::rules::run(&repo, &an);
        // Every id a finding carries is catalogued (severity and source).
        for d in load.iter().chain(&diags) {
            assert!(
                iro::diag::catalog::info(&d.rule).is_some_and(|i| !i.source.is_empty()),
                "rule id `{}` is not in diag::catalog",
                d.rule
            );
        }
        Out {
            files,
            config,
            repo,
            load,
            diags,
            as_of,
        }
    }

    /// Write the repository into a fresh temporary folder (for `check_repo`).
    pub fn write_to_disk(&self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("iro.toml"), self.config()).expect("write iro.toml");
        for (p, t) in self.files() {
            let path = dir.path().join(&p);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, t).expect("write record");
        }
        dir
    }
}

// ---------------------------------------------------------------- results

/// What a run produced.
pub struct Out {
    pub files: Vec<(String, String)>,
    pub config: String,
    pub repo: Repo,
    /// Load and validation findings (expected empty).
    pub load: Vec<Diagnostic>,
    /// Rule findings, ungraded (as `rules::run` returns them).
    pub diags: Vec<Diagnostic>,
    pub as_of: NaiveDate,
}

impl Out {
    /// Findings of one rule.
    pub fn of(&self, rule: &str) -> Vec<&Diagnostic> {
        self.diags.iter().filter(|d| d.rule == rule).collect()
    }
    /// The single finding of `rule` (panics, listing them, otherwise).
    pub fn one(&self, rule: &str) -> &Diagnostic {
        let v = self.of(rule);
        assert_eq!(
            v.len(),
            1,
            "expected exactly one `{rule}` finding as of {}, got:\n{v:#?}",
            self.as_of
        );
        v[0]
    }
    /// Assert there is no finding of `rule`.
    pub fn none(&self, rule: &str) {
        let v = self.of(rule);
        assert!(
            v.is_empty(),
            "expected no `{rule}` finding as of {}, got:\n{v:#?}",
            self.as_of
        );
    }
    /// The text of a file written by the builder.
    pub fn text(&self, path: &str) -> &str {
        self.files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no file {path} in the test repository"))
    }
    /// 1-based (line, column) of `value` on the `nth` (0-based) line of
    /// `path` containing `line_has`, searching for `value` from where
    /// `line_has` starts. Found by reading the text, not the code under test.
    pub fn pos_nth(&self, path: &str, line_has: &str, value: &str, nth: usize) -> (u32, u32) {
        let text = self.text(path);
        let (i, line) = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(line_has))
            .nth(nth)
            .unwrap_or_else(|| panic!("no line {nth} containing {line_has:?} in {path}:\n{text}"));
        let from = line.find(line_has).expect("contains");
        let at = line[from..]
            .find(value)
            .unwrap_or_else(|| panic!("{value:?} not on line {line:?}"))
            + from;
        (i as u32 + 1, line[..at].chars().count() as u32 + 1)
    }
    /// `pos_nth` of the first matching line.
    pub fn pos(&self, path: &str, line_has: &str, value: &str) -> (u32, u32) {
        self.pos_nth(path, line_has, value, 0)
    }
    /// Position of a top-level front-matter / YAML field's value: `key: value`.
    pub fn field(&self, path: &str, key: &str) -> (u32, u32) {
        let pat = format!("{key}: ");
        let text = self.text(path);
        let i = text
            .lines()
            .position(|l| l.starts_with(&pat))
            .unwrap_or_else(|| panic!("no field {key} in {path}:\n{text}"));
        (i as u32 + 1, pat.len() as u32 + 1)
    }
    /// Findings graded as `iro check` grades them: `[rules]` in iro.toml
    /// re-grades or drops a rule, and a finding explained by the record
    /// (`downgraded`, e.g. `late_reason`) is information. The same
    /// function `iro check` uses (`check::grade`).
    pub fn graded(&self) -> Vec<Diagnostic> {
        let grades = iro::diag::catalog::Grades::new(&self.repo.config.rules);
        iro::check::grade(self.diags.clone(), &grades)
    }
}

/// Assert everything about one finding: rule, severity, file, position,
/// child, and that the message contains each of `has`.
#[track_caller]
pub fn assert_diag(
    d: &Diagnostic,
    rule: &str,
    sev: Severity,
    file: &str,
    pos: (u32, u32),
    child: Option<&str>,
    has: &[&str],
) {
    assert_eq!(d.rule, rule, "rule of {d:#?}");
    assert_eq!(d.severity, sev, "severity of {d:#?}");
    assert_eq!(d.file.as_deref(), Some(file), "file of {d:#?}");
    assert_eq!((d.line, d.column), pos, "line and column of {d:#?}");
    assert_eq!(d.child.as_deref(), child, "child of {d:#?}");
    for h in has {
        assert!(
            d.message.contains(h),
            "message {:?} should contain {h:?}",
            d.message
        );
    }
    assert_eq!(d.source, documented_source(rule), "source of {d:#?}");
}

/// The source docs/rules.md's tables give a rule id (the reference a
/// finding's source is checked against: the docs, not the code's registry).
pub fn documented_source(id: &str) -> String {
    let rules = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"),
    )
    .unwrap();
    rules
        .lines()
        .find(|l| l.starts_with(&format!("| [`{id}`](#")))
        .and_then(|row| row.split(" | ").nth(2))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| panic!("`{id}` has no row in docs/rules.md's tables"))
}

/// `children/<id>/reviews/<date>.md`.
pub fn review_file(child: &str, date: &str) -> String {
    format!("children/{child}/reviews/{date}.md")
}

/// `children/<id>/alerts/<date>-<slug>.md`.
pub fn alert_file(child: &str, date: &str, slug: &str) -> String {
    format!("children/{child}/alerts/{date}-{slug}.md")
}

/// `children/<id>/child.yaml`.
pub fn child_file(child: &str) -> String {
    format!("children/{child}/child.yaml")
}

/// Copy a record set (from examples/) into a test's temporary folder,
/// leaving out output folders (`private/`, `public/`).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            if e.file_name() != "private" && e.file_name() != "public" {
                copy_dir(&e.path(), &p);
            }
        } else {
            std::fs::copy(e.path(), p).unwrap();
        }
    }
}

/// The minimal example in a temporary folder, with one report section for
/// 2024-25 (`extra` is added to its body: short codes, charts).
pub fn minimal_with_report(extra: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = minimal();
    std::fs::create_dir_all(root.join("report/2024-25")).unwrap();
    std::fs::write(
        root.join("report/2024-25/01-introduction.md"),
        format!("---\ntitle: Introduction\n---\nWe chaired {{{{ figure(\"reviews.held\") }}}} reviews.\n{extra}"),
    )
    .unwrap();
    (tmp, root)
}

/// A free port on this computer.
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// `iro serve` on the minimal example's 2024-25 at `port`, with `extra` flags.
pub fn spawn_serve(root: &std::path::Path, port: u16, extra: &[&str]) -> std::process::Child {
    spawn_serve_to(root, port, extra, std::process::Stdio::null())
}

/// `spawn_serve` with its standard error sent to `stderr`.
pub fn spawn_serve_to(
    root: &std::path::Path,
    port: u16,
    extra: &[&str],
    stderr: std::process::Stdio,
) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_iro"))
        .args([
            "serve",
            "--root",
            root.to_str().unwrap(),
            "--year",
            "2024-25",
            "--port",
            &port.to_string(),
        ])
        .args(extra)
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap()
}

/// Name a service theme (`themes/<name>/`) in the minimal example's iro.toml.
pub fn use_theme(root: &std::path::Path, name: &str) {
    let t = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    std::fs::write(
        root.join("iro.toml"),
        t.replace(
            "short_name = \"Minimal\"",
            &format!("short_name = \"Minimal\"\ntheme = \"{name}\""),
        ),
    )
    .unwrap();
}

/// The text of a PDF (poppler's `pdftotext`), or `None` where poppler is
/// not installed; under CI (`IRO_CI`) a missing poppler fails the test.
pub fn pdf_text(pdf: &std::path::Path) -> Option<String> {
    match std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(o) => panic!("pdftotext could not read {}: {o:?}", pdf.display()),
        Err(_) => {
            assert!(
                std::env::var_os("IRO_CI").is_none(),
                "pdftotext (poppler-utils) is needed under CI"
            );
            eprintln!("note: pdftotext (poppler-utils) not installed; PDF text not checked");
            None
        }
    }
}

/// A copy of examples/minimal in a temporary folder: (the folder, the records root).
pub fn minimal() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("records");
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal"),
        &root,
    );
    (tmp, root)
}

/// Run the `iro` binary in `cwd`, colour off, as a user's terminal would
/// run it in a script.
pub fn iro(args: &[&str], cwd: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_iro"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}
