//! `children/<child-id>/contacts/<date>.yaml` and `meetings/<date>.yaml`.

use crate::codes::{ContactHow, ContactWith, MeetingKind};
use crate::span::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// IRO contact with the child (or their network) between reviews.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactRec {
    /// IRO id.
    pub iro: Sp<String>,
    /// visit | phone | text | video | letter | midway-check.
    pub how: Sp<ContactHow>,
    /// child | social-worker | carer | parent.
    #[serde(default)]
    pub with: Option<Sp<ContactWith>>,
    /// Local fields.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A disruption, stability or missing-trigger meeting the IRO chaired.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingRec {
    /// disruption | stability | missing-trigger.
    pub kind: Sp<MeetingKind>,
    /// IRO id.
    pub chaired_by: Sp<String>,
    /// Local fields.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A narrative section of the annual report: front matter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRec {
    /// Section title.
    pub title: Sp<String>,
    /// Include in the children's summary.
    #[serde(default)]
    pub summary: Option<Sp<bool>>,
    /// The part of the summary this section gives: `went-well`, `next-year`
    /// or `voices` (children's own words, quoted).
    #[serde(default)]
    pub part: Option<Sp<String>>,
    /// Local fields.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub extra: BTreeMap<String, serde_json::Value>,
}
