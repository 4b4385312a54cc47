//! `iro new child|review|plan|alert`: a record with the given date and the
//! required fields to fill in. Files are created atomically and never
//! overwrite an existing file (`out::create_new`).

use crate::load::valid_id;
use chrono::NaiveDate;
use std::path::Path;

/// A record to scaffold (from `iro new`'s arguments).
#[derive(Clone, Debug)]
pub enum NewRecord {
    /// `iros/<id>.yaml`.
    Iro {
        /// The IRO's id.
        id: String,
        /// Full name.
        name: Option<String>,
        /// First day in post.
        started: Option<NaiveDate>,
    },
    /// `children/<id>/child.yaml`.
    Child {
        /// The child's id.
        id: String,
        /// The allocated IRO's id.
        iro: Option<String>,
        /// Start of the period of care (default today).
        start: Option<NaiveDate>,
    },
    /// `children/<child>/reviews/<date>.md`.
    Review {
        /// The child's id.
        child: String,
        /// Review date (default today).
        date: Option<NaiveDate>,
        /// cla or pathway.
        kind: String,
    },
    /// `children/<child>/plans/<date>-<kind>.md`.
    Plan {
        /// The child's id.
        child: String,
        /// care, pathway, placement or permanence.
        kind: String,
        /// Plan date (default today).
        date: Option<NaiveDate>,
    },
    /// `children/<child>/alerts/<date>-<slug>.md`.
    Alert {
        /// The child's id.
        child: String,
        /// Short name for the file.
        slug: String,
        /// A theme key from iro.toml.
        theme: Option<String>,
        /// A good practice notification instead of a practice alert.
        good_practice: bool,
        /// Date raised (default today).
        date: Option<NaiveDate>,
    },
}

/// Create the record; returns its path relative to the root.
pub fn scaffold(root: &Path, cmd: NewRecord, today: NaiveDate) -> Result<String, String> {
    let (rel, text) = match cmd {
        NewRecord::Iro { id, name, started } => {
            need_id(&id, "IRO")?;
            let started = started.unwrap_or(today);
            // A name is written as a quoted YAML string: any text is safe.
            let name = match name {
                Some(n) if !n.trim().is_empty() => {
                    serde_json::to_string(n.trim()).unwrap_or_default()
                }
                _ => String::new(),
            };
            (
                format!("iros/{id}.yaml"),
                format!(
                    "# Fill in every empty field; `iro check` lists what is missing.\nname: {name}                # shown to children in letters and on the IRO card\nfte: 1.0\nstarted: {started}\nleft: null\nemail:\nphone:                  # in quotes, like \"01234 567890\"\ncard:                   # a sentence for the child's IRO card, in quotes\n"
                ),
            )
        }
        NewRecord::Child { id, iro, start } => {
            need_id(&id, "child")?;
            if root.join("children").join(&id).exists() {
                return Err(format!("children/{id} already exists"));
            }
            if let Some(i) = &iro {
                need_id(i, "IRO")?;
            }
            let start = start.unwrap_or(today);
            let iro_line = match iro {
                Some(i) => format!("  - {{ iro: {i}, from: {start} }}\n"),
                None => "  # - { iro: <iro-id>, from: YYYY-MM-DD }\n".to_string(),
            };
            (
                format!("children/{id}/child.yaml"),
                format!(
                    "# Fill in every empty field; `iro check` lists what is missing.\nname:                 # private: never published\npreferred_name:\npronouns:\ndob:                  # YYYY-MM-DD\nsex:                  # M | F\nethnicity:            # SSDA903 ETHNIC code, e.g. WBRI\nservice:              # a key from [services] in iro.toml\nsocial_worker:\niro:\n{iro_line}episodes:\n  - start: {start}\n    reason_new: S\n    legal_status:     # SSDA903 LS, e.g. C1, V2\n    need:             # N1..N9\n    placement:        # SSDA903 PLACE, e.g. U6\n    provider:         # PR0..PR5\nhealth_assessments: []\npeps: []\n"
                ),
            )
        }
        NewRecord::Review { child, date, kind } => {
            need_child(root, &child)?;
            if kind != "cla" && kind != "pathway" {
                return Err("--kind is cla or pathway".into());
            }
            let date = date.unwrap_or(today);
            let (iro, greeting) = child_facts(root, &child);
            let plan = latest_plan(root, &child, date)
                .map(|d| d.to_string())
                .unwrap_or_default();
            let pn = if kind == "cla" {
                "participation:       # PN0..PN7\n"
            } else {
                ""
            };
            (
                format!("children/{child}/reviews/{date}.md"),
                format!(
                    "---\nkind: {kind}\niro: {iro}\n{pn}seen_before:         # true | false\nchaired_by_child: none\nattended: []\nconsultations:\n  child: [0, 0]\n  parent: [0, 0]\n  carer: [0, 0]\n  health: [0, 0]\n  education: [0, 0]\n  other: [0, 0]\ncare_plan: {plan}\npermanence: null\ndecisions: []   # e.g. - {{ text: \"Sam will ...\", who: social-worker, by: YYYY-MM-DD }}\ndecisions_sent: null\nrecord_completed: null\n---\nDear {greeting},\n\nThank you for ...\n\n## What is going well\n\n## What we are worried about\n\n## What needs to happen\n\n## What you told me\n"
                ),
            )
        }
        NewRecord::Plan { child, kind, date } => {
            need_child(root, &child)?;
            if crate::codes::PlanKind::parse(&kind).is_none() {
                return Err("--kind is care, pathway, placement or permanence".into());
            }
            let date = date.unwrap_or(today);
            (
                format!("children/{child}/plans/{date}-{kind}.md"),
                format!(
                    "---\nkind: {kind}\npermanence: null\ncontingency: null\nshared_with: []\nendorsed_by_iro: null\n---\nThe plan.\n"
                ),
            )
        }
        NewRecord::Alert {
            child,
            slug,
            theme,
            good_practice,
            date,
        } => {
            need_child(root, &child)?;
            if slug.is_empty()
                || slug.len() > 60
                || !slug.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
            {
                return Err("--slug is letters, digits and -, e.g. no-plan".into());
            }
            let date = date.unwrap_or(today);
            let (iro, _) = child_facts(root, &child);
            let kind = if good_practice {
                "good-practice"
            } else {
                "practice-alert"
            };
            let theme = theme.unwrap_or_default();
            let stages = if good_practice {
                ""
            } else {
                "stages:\n  - { stage: informal, on: DATE }\nresolved: null\n"
            }
            .replace("DATE", &date.to_string());
            (
                format!("children/{child}/alerts/{date}-{slug}.md"),
                format!(
                    "---\nkind: {kind}\niro: {iro}\nservice:\nthemes: [{theme}]\nchildren: []\n{stages}---\nWhat the issue was, its impact on the child, and how it was resolved.\n"
                ),
            )
        }
    };
    create_new(root, &rel, &text)?;
    Ok(rel)
}

fn need_id(id: &str, what: &str) -> Result<(), String> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(format!(
            "invalid {what} id: use letters, digits, - and _ (up to 32), starting with a letter or digit"
        ))
    }
}

fn need_child(root: &Path, id: &str) -> Result<(), String> {
    need_id(id, "child")?;
    if root.join("children").join(id).join("child.yaml").is_file() {
        Ok(())
    } else {
        Err(format!(
            "no child {id}: children/{id}/child.yaml does not exist (iro new child {id})"
        ))
    }
}

/// The current IRO and greeting name, read from child.yaml when it parses.
fn child_facts(root: &Path, id: &str) -> (String, String) {
    let path = root.join("children").join(id).join("child.yaml");
    let rec = crate::load::read_text(root, &path)
        .ok()
        .and_then(|t| crate::load::parse::yaml::<crate::records::ChildRec>(&t, 1, "").ok());
    match rec {
        Some(r) => (
            r.iro
                .last()
                .map(|a| a.iro.value.clone())
                .unwrap_or_default(),
            r.greeting_name().to_string(),
        ),
        None => (String::new(), String::new()),
    }
}

fn latest_plan(root: &Path, id: &str, on: NaiveDate) -> Option<NaiveDate> {
    let dir = root.join("children").join(id).join("plans");
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            let d = crate::day::parse_iso(n.get(..10)?).ok()?;
            n.ends_with("-care.md").then_some(d)
        })
        .filter(|d| *d <= on)
        .max()
}

/// Write a new file atomically; refuse to overwrite, or to write through a
/// symbolic link that leads out of the root.
pub fn create_new(root: &Path, rel: &str, text: &str) -> Result<(), String> {
    use crate::out::CreateError;
    crate::out::inside_root(root, &root.join(rel))?;
    crate::out::create_new(&root.join(rel), text.as_bytes()).map_err(|e| match e {
        CreateError::Exists => format!("{rel} already exists; iro new never overwrites"),
        CreateError::Io(m) => format!("cannot create {rel}: {m}"),
    })
}
