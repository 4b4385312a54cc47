//! `children/<child-id>/plans/<date>-<kind>.md`: a plan version.

use crate::codes::{Permanence, PlanKind};
use crate::day::Day;
use crate::span::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A plan's front matter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRec {
    /// care | pathway | placement | permanence.
    pub kind: Sp<PlanKind>,
    /// The permanence option, or null.
    #[serde(default)]
    pub permanence: Option<Sp<Permanence>>,
    /// The contingency option, or null.
    #[serde(default)]
    pub contingency: Option<Sp<Permanence>>,
    /// Who the plan was shared with.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub shared_with: Vec<Sp<String>>,
    /// Date the IRO endorsed it, or null.
    #[serde(default)]
    pub endorsed_by_iro: Option<Sp<Day>>,
    /// Local fields.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub extra: BTreeMap<String, serde_json::Value>,
}
