//! Typed records: one type per file kind in a records repository
//! (`docs/records.md`), and `Repo`, everything loaded.

pub mod alert;
pub mod child;
pub mod config;
pub mod contact;
pub mod iro;
pub mod plan;
pub mod review;

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use alert::{AlertRec, StageStep};
pub use child::{Allocation, ChildRec, Episode};
pub use config::Config;
pub use contact::{ContactRec, MeetingRec, SectionRec};
pub use iro::IroRec;
pub use plan::PlanRec;
pub use review::{Decision, ReviewRec, StoodDown};

/// Everything in a records repository, typed.
#[derive(Debug)]
pub struct Repo {
    /// The records root (where `iro.toml` is).
    pub root: PathBuf,
    /// `iro.toml`.
    pub config: Config,
    /// IROs by id.
    pub iros: BTreeMap<String, Iro>,
    /// Children by id.
    pub children: BTreeMap<String, Child>,
    /// Annual report sections by year folder (`2025-26`), in file order.
    pub sections: BTreeMap<String, Vec<Section>>,
    /// Number of files read.
    pub files: usize,
    /// The text of every file read, for diagnostic excerpts.
    pub sources: crate::source::Sources,
}

/// Where a record came from: its path relative to the root, with `/`.
pub type RelPath = String;

/// An IRO.
#[derive(Debug)]
pub struct Iro {
    /// Id (the file stem).
    pub id: String,
    /// `iros/<id>.yaml`.
    pub file: RelPath,
    /// The fields.
    pub rec: IroRec,
}

/// A child and every record in their folder.
#[derive(Debug)]
pub struct Child {
    /// Id (the folder name).
    pub id: String,
    /// `children/<id>/child.yaml`.
    pub file: RelPath,
    /// The fields.
    pub rec: ChildRec,
    /// Reviews, by date.
    pub reviews: Vec<Review>,
    /// Plans, by date.
    pub plans: Vec<Plan>,
    /// Alerts and good practice notifications, by date.
    pub alerts: Vec<Alert>,
    /// IRO contacts, by date.
    pub contacts: Vec<Dated<ContactRec>>,
    /// Meetings chaired, by date.
    pub meetings: Vec<Dated<MeetingRec>>,
}

/// A review: front matter, the child's letter body, and where it is.
#[derive(Debug)]
pub struct Review {
    /// `children/<id>/reviews/<date>.md`.
    pub file: RelPath,
    /// The review date (from the file name: the last meeting of a series).
    pub date: NaiveDate,
    /// Front matter.
    pub rec: ReviewRec,
    /// Markdown body: the letter to the child.
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: u32,
}

impl Review {
    /// Held (not stood down).
    pub fn held(&self) -> bool {
        self.rec.stood_down.is_none()
    }
    /// The id of the IRO who chaired ("" when not recorded: an imported review).
    pub fn chair(&self) -> &str {
        self.rec
            .iro
            .as_ref()
            .and_then(|s| s.value.as_deref())
            .unwrap_or("")
    }
    /// Imported from an SSDA903 return: the facts of the return only, no letter.
    pub fn imported(&self) -> bool {
        self.rec.imported.is_some()
    }
    /// The meetings of the review, oldest first (just the review date when
    /// not held as a series).
    pub fn meeting_dates(&self) -> Vec<NaiveDate> {
        match &self.rec.meetings {
            Some(m) if !m.is_empty() => {
                let mut v: Vec<NaiveDate> = m.iter().map(|d| d.0).collect();
                v.sort();
                v
            }
            _ => vec![self.date],
        }
    }
    /// First meeting.
    pub fn first_meeting(&self) -> NaiveDate {
        self.meeting_dates().first().copied().unwrap_or(self.date)
    }
}

/// A plan version.
#[derive(Debug)]
pub struct Plan {
    /// `children/<id>/plans/<date>-<kind>.md`.
    pub file: RelPath,
    /// Date (from the file name).
    pub date: NaiveDate,
    /// Front matter.
    pub rec: PlanRec,
    /// Narrative.
    pub body: String,
}

/// A practice alert or good practice notification.
#[derive(Debug)]
pub struct Alert {
    /// `children/<id>/alerts/<date>-<slug>.md`.
    pub file: RelPath,
    /// Date raised (from the file name).
    pub date: NaiveDate,
    /// Slug (from the file name).
    pub slug: String,
    /// Front matter.
    pub rec: AlertRec,
    /// What the issue was and how it was resolved.
    pub body: String,
}

/// A dated YAML record (contact, meeting).
#[derive(Debug)]
pub struct Dated<T> {
    /// Path relative to the root.
    pub file: RelPath,
    /// Date (from the file name).
    pub date: NaiveDate,
    /// Fields.
    pub rec: T,
}

/// A narrative section of an annual report.
#[derive(Debug)]
pub struct Section {
    /// `report/<year>/<nn>-<slug>.md`.
    pub file: RelPath,
    /// Order (the `nn`).
    pub order: u32,
    /// Slug.
    pub slug: String,
    /// Front matter.
    pub rec: SectionRec,
    /// Markdown.
    pub body: String,
    /// 1-based line of the body's first line.
    pub body_line: u32,
}

/// Read an empty value (`iro:` with nothing after it, as a template leaves
/// it) as the default: an empty list or set of fields.
pub fn empty_is_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Ok(<Option<T> as serde::Deserialize>::deserialize(d)?.unwrap_or_default())
}

/// A field that may be written empty: `Some` whenever the field is written
/// (with its place), holding `None` when it is empty; absent fields take
/// `#[serde(default)]`'s `None`.
pub fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}
