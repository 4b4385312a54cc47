//! `children/<child-id>/alerts/<date>-<slug>.md`: a practice alert or good
//! practice notification.

use crate::codes::{AlertKind, Stage};
use crate::day::Day;
use crate::span::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// An alert's front matter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertRec {
    /// practice-alert | good-practice.
    pub kind: Sp<AlertKind>,
    /// The IRO who raised it.
    pub iro: Sp<String>,
    /// Key from `[services]`.
    pub service: Sp<String>,
    /// Keys from `[themes.alert]` or `[themes.good_practice]`.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub themes: Vec<Sp<String>>,
    /// Siblings covered by the same alert.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub children: Vec<Sp<String>>,
    /// Escalation stages, in order (practice alerts only).
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub stages: Vec<Sp<StageStep>>,
    /// Date resolved, or null while open.
    #[serde(default)]
    pub resolved: Option<Sp<Day>>,
    /// Local fields.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One escalation step.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageStep {
    /// informal | drp1 | drp2 | drp3 | cafcass.
    pub stage: Sp<Stage>,
    /// Date reached.
    pub on: Sp<Day>,
}
