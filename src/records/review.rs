//! `children/<child-id>/reviews/<date>.md`: one review, held or stood down.

use crate::codes::{ChairedBy, Participation, Party, Permanence, ReviewKind};
use crate::day::Day;
use crate::span::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A review's front matter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRec {
    /// cla | pathway.
    pub kind: Sp<ReviewKind>,
    /// The IRO who chaired (required, except on a review imported from an
    /// SSDA903 return, which does not say).
    /// Absent: `None`; written but empty: `Some` of `None`, with its place.
    #[serde(default, deserialize_with = "crate::records::present")]
    pub iro: Option<Sp<Option<String>>>,
    /// `ssda903` on a review imported by `iro import ssda903`.
    #[serde(default)]
    pub imported: Option<Sp<String>>,
    /// The chair covered for the allocated IRO.
    #[serde(default)]
    pub cover: Option<Sp<bool>>,
    /// A series of meetings; the review date is the last.
    #[serde(default)]
    pub meetings: Option<Sp<Vec<Sp<Day>>>>,
    /// SSDA903 REVIEW_CODE.
    #[serde(default)]
    pub participation: Option<Sp<Participation>>,
    /// The IRO saw or spoke with the child before the review.
    #[serde(default)]
    pub seen_before: Option<Sp<bool>>,
    /// none | co-chair | chair.
    #[serde(default)]
    pub chaired_by_child: Option<Sp<ChairedBy>>,
    /// Who attended (child, carer, social-worker, mother, ...).
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub attended: Vec<Sp<String>>,
    /// Consultation forms [sent, returned] per party.
    #[serde(default)]
    pub consultations: Option<Sp<BTreeMap<Party, Sp<[u32; 2]>>>>,
    /// Date of the care plan considered.
    #[serde(default)]
    pub care_plan: Option<Sp<Day>>,
    /// Permanence option recorded at this review.
    #[serde(default)]
    pub permanence: Option<Sp<Permanence>>,
    /// Decisions (recommendations).
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub decisions: Vec<Sp<Decision>>,
    /// Date the decisions were sent.
    #[serde(default)]
    pub decisions_sent: Option<Sp<Day>>,
    /// Date the full record was completed.
    #[serde(default)]
    pub record_completed: Option<Sp<Day>>,
    /// Date of the next review, if booked.
    #[serde(default)]
    pub next_review: Option<Sp<Day>>,
    /// Present when the review was stood down.
    #[serde(default)]
    pub stood_down: Option<Sp<StoodDown>>,
    /// Why the review was held late (recorded by the IRO).
    #[serde(default)]
    pub late_reason: Option<Sp<String>>,
    /// Local fields.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One decision.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The decision, in words to the child.
    pub text: Sp<String>,
    /// Who will do it (social-worker, carer, iro, child, parent, ...).
    #[serde(default)]
    pub who: Option<Sp<String>>,
    /// By when.
    #[serde(default)]
    pub by: Option<Sp<Day>>,
}

/// Why a review was stood down.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoodDown {
    /// A reason key: no-care-plan, documents-not-shared, child-unwell, ...
    pub reason: Sp<String>,
}
