//! `iro.toml`: service settings and local policy.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole of `iro.toml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[service]`: who publishes.
    pub service: Service,
    /// `[services]`: teams a child or alert belongs to (key = label).
    #[serde(default)]
    pub services: BTreeMap<String, String>,
    /// `[themes.alert]` and `[themes.good_practice]`.
    #[serde(default)]
    pub themes: Themes,
    /// `[policy]`: local policy.
    #[serde(default)]
    pub policy: Policy,
    /// `[calendar]`.
    #[serde(default)]
    pub calendar: CalendarCfg,
    /// `[rules]`: re-grade or switch off a rule by id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// `[letters]`.
    #[serde(default)]
    pub letters: LettersCfg,
    /// `[publish]`.
    #[serde(default)]
    pub publish: Publish,
    /// `[scorecard]`: targets for figures on the report's scorecard, by figure id.
    #[serde(default)]
    pub scorecard: BTreeMap<String, ScoreTarget>,
    /// `[check]`.
    #[serde(default)]
    pub check: CheckCfg,
    /// `[extra]`: the service's own settings, ignored by iro.
    #[serde(default)]
    pub extra: BTreeMap<String, toml::Value>,
}

/// `[service]`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Full name, e.g. "Northdale Council Independent Reviewing Service".
    pub name: String,
    /// Short name, e.g. "Northdale".
    #[serde(default)]
    pub short_name: Option<String>,
    /// Start of the reporting year as `MM-DD` (default `04-01`).
    #[serde(default = "default_year_starts")]
    pub year_starts: String,
    /// Phone number for the public and for children.
    #[serde(default)]
    pub phone: Option<String>,
    /// Email address for the public and for children.
    #[serde(default)]
    pub email: Option<String>,
    /// How a child reaches an advocate (shown in letters).
    #[serde(default)]
    pub advocacy: Option<String>,
    /// How a child complains (shown in letters).
    #[serde(default)]
    pub complaints: Option<String>,
    /// Theme folder name under `themes/` (default `default`).
    #[serde(default)]
    pub theme: Option<String>,
    /// Postal address for the public (shown on the report site).
    #[serde(default)]
    pub address: Option<String>,
    /// The service's web page (shown on the report site).
    #[serde(default)]
    pub web: Option<String>,
}

impl Service {
    /// The short name, else the full name.
    pub fn display_name(&self) -> &str {
        match self.short_name.as_deref() {
            Some(s) if !s.trim().is_empty() => s,
            _ => &self.name,
        }
    }
}

fn default_year_starts() -> String {
    "04-01".into()
}

/// `[themes]`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Themes {
    /// Practice alert themes (key = label).
    #[serde(default)]
    pub alert: BTreeMap<String, String>,
    /// Good practice themes (key = label).
    #[serde(default)]
    pub good_practice: BTreeMap<String, String>,
}

/// How a review held as a series of meetings is judged for timeliness.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SeriesTimeliness {
    /// Timely if its first meeting is in time (default).
    #[default]
    First,
    /// Timely if its last meeting is in time.
    Last,
}

/// `[policy]`: local policy, with the defaults from the spec.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Decisions sent within this many working days of the review (5).
    pub decisions_within_working_days: u32,
    /// Record completed within this many working days of the review (20).
    pub record_within_working_days: u32,
    /// A formal dispute is resolved within this many working days (20).
    pub drp_stage_within_working_days: u32,
    /// Children on placement orders reviewed every N months (0 = off).
    pub placement_order_review_months: u32,
    /// Acceptable caseload per FTE, [low, high] (50-70).
    pub caseload_per_fte: [u32; 2],
    /// How a series of meetings is judged: `first` or `last`.
    pub series_timeliness: SeriesTimeliness,
    /// A care leaver's pathway plan is reviewed at least every N months (6).
    pub pathway_review_months: u32,
    /// A short-break arrangement ends when no stay begins within this many
    /// months of the last one ending (12).
    pub short_break_gap_months: u32,
    /// A s.20 child leaving care other than to a parent is reviewed within
    /// this many weeks before care ends (8; 0 = any time in the period).
    pub ceasing_review_weeks: u32,
    /// A PEP is reviewed within this many months before a review (4: a school term).
    pub pep_within_months: u32,
    /// Care leavers out of care (pathway reviews) count on IROs' caseloads (false).
    pub caseload_counts_care_leavers: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            decisions_within_working_days: 5,
            record_within_working_days: 20,
            drp_stage_within_working_days: 20,
            placement_order_review_months: 0,
            caseload_per_fte: [50, 70],
            series_timeliness: SeriesTimeliness::First,
            pathway_review_months: 6,
            short_break_gap_months: 12,
            ceasing_review_weeks: 8,
            pep_within_months: 4,
            caseload_counts_care_leavers: false,
        }
    }
}

/// `[calendar]`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarCfg {
    /// One-off non-working days not yet known to iro.
    #[serde(default)]
    pub extra_non_working_days: Vec<NaiveDate>,
}

/// A rule's configured severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    /// Report as an error (exit 1).
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not run.
    Off,
}

/// `[letters]`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LettersCfg {
    /// The service's own jargon additions: word = replacement.
    #[serde(default)]
    pub jargon: BTreeMap<String, String>,
    /// Where letters are written (default `private/letters`).
    #[serde(default)]
    pub output: Option<String>,
}

/// `[publish]`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Publish {
    /// Counts from 1 to `suppress_below - 1` are suppressed in public tables.
    pub suppress_below: u32,
    /// The service's logo for the report site and PDFs: a PNG, JPEG or SVG
    /// file, relative to the records root.
    pub logo: Option<String>,
    /// Brand colour (`#rrggbb`) of the site's header.
    pub brand: Option<String>,
    /// Text colour on the brand colour (`#rrggbb`); must contrast with it.
    pub brand_text: Option<String>,
    /// Phrases the publish guard lets through after a person has looked:
    /// an ordinary word that is also a child's preferred name ("we will",
    /// "summer holidays"), allowed only where it stands inside the phrase.
    pub allow: Vec<String>,
}

impl Default for Publish {
    fn default() -> Self {
        Publish {
            suppress_below: 6,
            logo: None,
            brand: None,
            brand_text: None,
            allow: Vec::new(),
        }
    }
}

/// Which way a scorecard figure is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Higher is better (timeliness, participation).
    Higher,
    /// Lower is better (alerts open, days to resolve).
    Lower,
}

/// A scorecard target (`[scorecard]`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreTarget {
    /// The target value (a percentage for rates).
    pub target: f64,
    /// Which way is better.
    pub polarity: Polarity,
    /// How far from the target still counts as "close" (default 5).
    #[serde(default)]
    pub tolerance: Option<f64>,
}

/// `[check]`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckCfg {
    /// A fixed check date (for snapshots and examples).
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
}

impl Config {
    /// The reporting year start as (month, day).
    pub fn year_start(&self) -> (u32, u32) {
        let s = &self.service.year_starts;
        let mut it = s.split('-').map(|p| p.parse::<u32>().ok());
        match (it.next().flatten(), it.next().flatten()) {
            (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=28).contains(&d) => (m, d),
            _ => (4, 1),
        }
    }
}
