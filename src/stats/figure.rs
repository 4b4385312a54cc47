//! The figure types: a value, a rate's numerator and denominator, the
//! breakdowns (`by`) and the record files counted, and their JSON form:
//!
//! ```json
//! {"year": "2017-18", "figures": {"reviews.on_time": {"value": 91, "numerator": 637,
//!   "denominator": 700, "by": {"cla": {"value": 92, "numerator": 560, "denominator": 609}}}}}
//! ```
//!
//! `numerator` and `denominator` appear only for rates; `by` is always an
//! object (empty when the figure has no breakdown), its entries in record
//! order (kinds, codes, parties as listed in the format; themes and services
//! as in `iro.toml`). The files are not serialized: `iro stats --explain`
//! lists them.

use super::year::Year;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// `num / den` as a percentage rounded half up to a whole number
/// (1/8 = 12.5 -> 13); `None` when `den` is 0.
pub fn percent(num: u64, den: u64) -> Option<u64> {
    if den == 0 {
        return None;
    }
    // floor(100 * num / den + 1/2) in integers.
    let (n, d) = (u128::from(num), u128::from(den));
    u64::try_from((200 * n + d) / (2 * d)).ok()
}

/// `x` rounded half up to one decimal place.
pub fn round1(x: f64) -> f64 {
    (x * 10.0 + 0.5).floor() / 10.0
}

/// A rate: numerator over denominator, shown as a rounded percentage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rate {
    /// How many met the measure.
    pub numerator: u64,
    /// How many were measured.
    pub denominator: u64,
}

impl Rate {
    /// A rate.
    pub fn new(numerator: u64, denominator: u64) -> Rate {
        Rate {
            numerator,
            denominator,
        }
    }
    /// The percentage rounded half up; `None` with nothing measured.
    pub fn percent(&self) -> Option<u64> {
        percent(self.numerator, self.denominator)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("value", &self.percent())?;
        m.serialize_entry("numerator", &self.numerator)?;
        m.serialize_entry("denominator", &self.denominator)?;
        m.end()
    }
}

/// A figure's headline value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A count.
    Count(u64),
    /// A percentage rounded half up (`None`: nothing to measure).
    Percent(Option<u64>),
    /// Another number: a median, a mean (`None`: nothing to measure).
    Number(Option<f64>),
}

impl Value {
    /// As a number, for comparisons (`None` when there is nothing).
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Count(n) => Some(n as f64),
            Value::Percent(p) => p.map(|p| p as f64),
            Value::Number(x) => x,
        }
    }
    /// "91%", "812", "12.5" or "-".
    pub fn display(&self) -> String {
        match *self {
            Value::Count(n) => n.to_string(),
            Value::Percent(Some(p)) => format!("{p}%"),
            Value::Number(Some(x)) => fmt_num(x),
            Value::Percent(None) | Value::Number(None) => "-".into(),
        }
    }
}

/// A number without a trailing `.0`.
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Value::Count(n) => s.serialize_u64(n),
            Value::Percent(p) => p.serialize(s),
            Value::Number(Some(x)) if x.fract() == 0.0 && x.abs() < 1e15 => {
                s.serialize_i64(x as i64)
            }
            Value::Number(x) => x.serialize(s),
        }
    }
}

/// One entry of a breakdown.
#[derive(Clone, Debug, PartialEq)]
pub enum By {
    /// A count.
    Count(u64),
    /// A rate (serialized as `{"value", "numerator", "denominator"}`).
    Rate(Rate),
    /// Another number (median, mean, FTE).
    Number(Option<f64>),
    /// A nested breakdown.
    Map(ByMap),
    /// Whole figures (the `trend`: one set per year).
    Figures(Vec<Figure>),
}

impl By {
    /// The count, if this is one.
    pub fn count(&self) -> Option<u64> {
        match self {
            By::Count(n) => Some(*n),
            _ => None,
        }
    }
    /// The rate, if this is one.
    pub fn rate(&self) -> Option<Rate> {
        match self {
            By::Rate(r) => Some(*r),
            _ => None,
        }
    }
    /// The nested breakdown, if this is one.
    pub fn map(&self) -> Option<&ByMap> {
        match self {
            By::Map(m) => Some(m),
            _ => None,
        }
    }
    /// The number, if this is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            By::Number(x) => *x,
            _ => None,
        }
    }
}

impl Serialize for By {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            By::Count(n) => s.serialize_u64(*n),
            By::Rate(r) => r.serialize(s),
            By::Number(x) => Value::Number(*x).serialize(s),
            By::Map(m) => m.serialize(s),
            By::Figures(fs) => {
                let mut m = s.serialize_map(Some(fs.len()))?;
                for f in fs {
                    m.serialize_entry(f.id, f)?;
                }
                m.end()
            }
        }
    }
}

/// A breakdown: entries keyed by record keys, in a fixed order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ByMap(pub Vec<(String, By)>);

impl ByMap {
    /// An empty breakdown.
    pub fn new() -> ByMap {
        ByMap(Vec::new())
    }
    /// Add an entry (builder style).
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, v: By) -> ByMap {
        self.0.push((key.into(), v));
        self
    }
    /// Add an entry.
    pub fn push(&mut self, key: impl Into<String>, v: By) {
        self.0.push((key.into(), v));
    }
    /// The entry for `key`.
    pub fn get(&self, key: &str) -> Option<&By> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// Follow a path of keys (`["permanence", "H1"]`).
    pub fn path(&self, keys: &[&str]) -> Option<&By> {
        let (first, rest) = keys.split_first()?;
        let v = self.get(first)?;
        if rest.is_empty() {
            Some(v)
        } else {
            v.map()?.path(rest)
        }
    }
    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The entries.
    pub fn iter(&self) -> impl Iterator<Item = &(String, By)> {
        self.0.iter()
    }
}

impl Serialize for ByMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The record files behind one part of a figure (for `--explain`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileGroup {
    /// `numerator`, `denominator`, `counted`, ...
    pub name: &'static str,
    /// Paths relative to the records root, sorted, each once.
    pub files: Vec<String>,
}

/// One figure of the annual report.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The stable id (`reviews.on_time`).
    pub id: &'static str,
    /// The headline value.
    pub value: Value,
    /// Numerator and denominator, for rates.
    pub rate: Option<Rate>,
    /// Breakdowns.
    pub by: ByMap,
    /// The record files counted, by part.
    pub files: Vec<FileGroup>,
}

impl Figure {
    /// A count.
    pub fn count(id: &'static str, n: u64) -> Figure {
        Figure {
            id,
            value: Value::Count(n),
            rate: None,
            by: ByMap::new(),
            files: Vec::new(),
        }
    }
    /// A rate (the value is its rounded percentage).
    pub fn rate(id: &'static str, r: Rate) -> Figure {
        Figure {
            id,
            value: Value::Percent(r.percent()),
            rate: Some(r),
            by: ByMap::new(),
            files: Vec::new(),
        }
    }
    /// Another number.
    pub fn number(id: &'static str, x: Option<f64>) -> Figure {
        Figure {
            id,
            value: Value::Number(x),
            rate: None,
            by: ByMap::new(),
            files: Vec::new(),
        }
    }
    /// With a breakdown.
    #[must_use]
    pub fn by(mut self, by: ByMap) -> Figure {
        self.by = by;
        self
    }
    /// With a group of files.
    #[must_use]
    pub fn files(mut self, name: &'static str, files: Vec<String>) -> Figure {
        self.files.push(FileGroup { name, files });
        self
    }
    /// The figure's name in report.md.
    pub fn label(&self) -> &'static str {
        super::label(self.id)
    }
    /// The same figure without its file lists (as kept in the trend).
    #[must_use]
    pub fn without_files(&self) -> Figure {
        // Never clones the file lists (large) only to drop them.
        Figure {
            id: self.id,
            value: self.value,
            rate: self.rate,
            by: self.by.clone(),
            files: Vec::new(),
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("value", &self.value)?;
        if let Some(r) = &self.rate {
            m.serialize_entry("numerator", &r.numerator)?;
            m.serialize_entry("denominator", &r.denominator)?;
        }
        m.serialize_entry("by", &self.by)?;
        m.end()
    }
}

/// Every figure of one reporting year, in report.md's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// The reporting year (and the check date it was taken as of).
    pub year: Year,
    /// The figures, in the order of report.md's table.
    pub figures: Vec<Figure>,
}

impl Figures {
    /// The figure with this id.
    pub fn get(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }
    /// The year id (`2025-26`).
    pub fn year_id(&self) -> String {
        self.year.id()
    }
    /// The figures of an earlier year kept in the `trend`, if covered.
    pub fn trend_year(&self, id: &str) -> Option<&[Figure]> {
        match self.get("trend")?.by.get(id)? {
            By::Figures(f) => Some(f),
            _ => None,
        }
    }
    /// `{"year": ..., "figures": {...}}`, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into())
    }
}

impl Serialize for Figures {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Inner<'a>(&'a [Figure]);
        impl Serialize for Inner<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for f in self.0 {
                    m.serialize_entry(f.id, f)?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("year", &self.year.id())?;
        m.serialize_entry("figures", &Inner(&self.figures))?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_half_up() {
        assert_eq!(percent(1, 8), Some(13)); // 12.5 -> 13
        assert_eq!(percent(2, 8), Some(25));
        assert_eq!(percent(3, 8), Some(38)); // 37.5 -> 38
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 200), Some(1)); // 0.5 -> 1
        assert_eq!(percent(1, 201), Some(0));
        assert_eq!(percent(0, 5), Some(0));
        assert_eq!(percent(5, 5), Some(100));
        assert_eq!(percent(0, 0), None);
        assert_eq!(round1(62.25), 62.3);
        assert_eq!(round1(62.24), 62.2);
    }

    #[test]
    fn json_shape() {
        let y = Year::parse("2017-18", (4, 1)).expect("year");
        let f = Figure::rate("reviews.on_time", Rate::new(1, 8)).by(ByMap::new()
            .with("cla", By::Rate(Rate::new(1, 8)))
            .with("pathway", By::Rate(Rate::new(0, 0))));
        let c = Figure::count("reviews.initial", 3);
        let n = Figure::number("drp.days", Some(12.5));
        let figs = Figures {
            year: y,
            figures: vec![f, c, n],
        };
        let v: serde_json::Value = serde_json::from_str(&figs.to_json()).expect("json");
        assert_eq!(v["year"], "2017-18");
        assert_eq!(v["figures"]["reviews.on_time"]["value"], 13);
        assert_eq!(v["figures"]["reviews.on_time"]["numerator"], 1);
        assert_eq!(v["figures"]["reviews.on_time"]["denominator"], 8);
        assert_eq!(v["figures"]["reviews.on_time"]["by"]["cla"]["value"], 13);
        assert!(v["figures"]["reviews.on_time"]["by"]["pathway"]["value"].is_null());
        assert_eq!(v["figures"]["reviews.initial"]["value"], 3);
        assert!(v["figures"]["reviews.initial"].get("numerator").is_none());
        assert_eq!(v["figures"]["reviews.initial"]["by"], serde_json::json!({}));
        assert_eq!(v["figures"]["drp.days"]["value"], 12.5);
        // Report order is kept.
        let text = figs.to_json();
        assert!(text.find("reviews.on_time") < text.find("reviews.initial"));
    }
}
