//! `iros/<iro-id>.yaml`: one Independent Reviewing Officer.

use crate::day::Day;
use crate::span::Sp;
use serde::Deserialize;
use std::collections::BTreeMap;

/// An IRO as written in `iros/<id>.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IroRec {
    /// Full name (shown to children in letters and cards).
    pub name: Sp<String>,
    /// Full-time equivalent, 0 < fte <= 1.
    #[serde(default)]
    pub fte: Option<Sp<f64>>,
    /// First day in post.
    #[serde(default)]
    pub started: Option<Sp<Day>>,
    /// Last day in post, or null.
    #[serde(default)]
    pub left: Option<Sp<Day>>,
    /// Work email.
    #[serde(default)]
    pub email: Option<Sp<String>>,
    /// Work phone.
    #[serde(default)]
    pub phone: Option<Sp<String>>,
    /// A sentence about the IRO for the child's IRO card.
    #[serde(default)]
    pub card: Option<Sp<String>>,
    /// Photo file beside the YAML file.
    #[serde(default)]
    pub photo: Option<Sp<String>>,
    /// Local fields.
    #[serde(default, deserialize_with = "crate::records::empty_is_default")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl IroRec {
    /// FTE (1.0 when not given).
    pub fn fte(&self) -> f64 {
        self.fte.as_ref().map(|f| f.value).unwrap_or(1.0)
    }
}
