//! `children/<child-id>/child.yaml`: the child, episodes and IRO allocations.

use crate::codes::{
    Ethnicity, LegalStatus, Need, PlaceChange, Placement, Provider, ReasonEnded, ReasonNew, Sex,
};
use crate::day::Day;
use crate::span::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A child as written in `child.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildRec {
    /// Full name (private: never published).
    pub name: Sp<String>,
    /// The name the child likes to be called (used in letters).
    #[serde(default)]
    pub preferred_name: Option<Sp<String>>,
    /// Pronouns, e.g. she/her.
    #[serde(default)]
    pub pronouns: Option<Sp<String>>,
    /// Date of birth.
    pub dob: Sp<Day>,
    /// M or F.
    pub sex: Sp<Sex>,
    /// SSDA903 ETHNIC code.
    pub ethnicity: Sp<Ethnicity>,
    /// Key from `[services]`.
    #[serde(default)]
    pub service: Option<Sp<String>>,
    /// The child's social worker (first name used in letters).
    #[serde(default)]
    pub social_worker: Option<Sp<String>>,
    /// IRO allocation history, oldest first.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub iro: Vec<Sp<Allocation>>,
    /// SSDA903 episodes, oldest first.
    pub episodes: Vec<Sp<Episode>>,
    /// SSDA903 UPN: unique pupil number, or UN1-UN5.
    #[serde(default)]
    pub upn: Option<Sp<String>>,
    /// SSDA903 MOTHER: the young person is a mother.
    #[serde(default)]
    pub mother: Option<Sp<bool>>,
    /// SSDA903 MC_DOB: the date of birth of her first child.
    #[serde(default)]
    pub mother_child_dob: Option<Sp<Day>>,
    /// The day the parents consented to the child's placement for adoption
    /// (Adoption and Children Act 2002 s.19): the agency's authority to
    /// place, like a placement order (AAR 36(1)).
    #[serde(default)]
    pub consent_to_place: Option<Sp<Day>>,
    /// Dates of health assessments.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub health_assessments: Vec<Sp<Day>>,
    /// Dates of personal education plans.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub peps: Vec<Sp<Day>>,
    /// `ssda903` on a child `iro import ssda903` wrote: the records may begin
    /// part-way through a period of care.
    #[serde(default)]
    pub imported: Option<Sp<String>>,
    /// Local fields.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One allocation of an IRO to the child.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// IRO id.
    pub iro: Sp<String>,
    /// First day of the allocation.
    pub from: Sp<Day>,
}

/// One SSDA903 episode.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Episode {
    /// DECOM: start date.
    pub start: Sp<Day>,
    /// RNE: reason for new episode.
    pub reason_new: Sp<ReasonNew>,
    /// LS: legal status.
    pub legal_status: Sp<LegalStatus>,
    /// CIN: category of need.
    pub need: Sp<Need>,
    /// PLACE: placement type.
    pub placement: Sp<Placement>,
    /// PLACE_PROVIDER.
    #[serde(default)]
    pub provider: Option<Sp<Provider>>,
    /// DEC: end date, absent while open.
    #[serde(default)]
    pub end: Option<Sp<Day>>,
    /// REC: reason the episode ended.
    #[serde(default)]
    pub reason_ended: Option<Sp<ReasonEnded>>,
    /// REASON_PLACE_CHANGE where the placement changed.
    #[serde(default)]
    pub reason_place_change: Option<Sp<PlaceChange>>,
    /// SSDA903 HOME_POST: the postcode of the home the child was taken from.
    #[serde(default)]
    pub home_postcode: Option<Sp<String>>,
    /// SSDA903 PL_POST: the postcode of the placement.
    #[serde(default)]
    pub placement_postcode: Option<Sp<String>>,
    /// SSDA903 URN: Ofsted's unique reference number of the placement.
    #[serde(default)]
    pub urn: Option<Sp<String>>,
    /// Local fields.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl ChildRec {
    /// The name to greet the child by.
    pub fn greeting_name(&self) -> &str {
        match &self.preferred_name {
            Some(p) if !p.trim().is_empty() => p.value.as_str(),
            _ => self.name.split_whitespace().next().unwrap_or(""),
        }
    }
}
