//! The record format as data: the field tables of docs/records.md, compiled
//! into the binary and read once. They are the one text behind both `iro
//! explain` and the words of the shape check (`shape.rs`), so the message a
//! user gets for an empty `dob` and the documentation they read agree.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What a field holds, from the table's `type` column.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// Free text (any single value).
    Text,
    /// A number.
    Number,
    /// A date, YYYY-MM-DD.
    Date,
    /// A code from a list (the anchor of its section in docs/records.md).
    Code(String),
    /// `true` or `false`.
    Bool,
    /// A list of dates.
    Dates,
    /// A list of single values.
    Texts,
    /// A list of records of the sub-table with this anchor.
    List(String),
    /// A set of fields: of the sub-table with this anchor, or anything.
    Map(Option<String>),
}

/// Whether a field must be there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Need {
    /// Required and not empty.
    Yes,
    /// Required, and a list with at least one item.
    AtLeastOne,
    /// Optional, or required only in some cases that later checks judge.
    No,
}

/// One row of a field table.
#[derive(Clone, Debug)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// What it holds.
    pub ty: Ty,
    /// `null` is a value of its own (`date or null`, `code or null`).
    pub null_ok: bool,
    /// Whether it must be there.
    pub need: Need,
    /// The `meaning` cell, Markdown removed.
    pub meaning: String,
    /// The example cell without back-quotes (may be empty or `see below`).
    pub example: String,
}

/// A field table: a record kind or a part of one.
#[derive(Clone, Debug)]
pub struct Table {
    /// Heading text, Markdown removed (e.g. `children/<child-id>/child.yaml`).
    pub heading: String,
    /// The line "Write it `...`" under the heading, if any: how one item is written.
    pub write_it: Option<String>,
    /// The fields, in table order.
    pub fields: Vec<Field>,
}

impl Table {
    /// The field called `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
    /// Every field name.
    pub fn names(&self) -> Vec<&str> {
        self.fields.iter().map(|f| f.name.as_str()).collect()
    }
}

/// The tables by heading anchor (GitHub style).
pub fn tables() -> &'static BTreeMap<String, Table> {
    static T: OnceLock<BTreeMap<String, Table>> = OnceLock::new();
    T.get_or_init(|| parse(crate::explain::RECORDS_MD))
}

/// The anchor GitHub gives a heading.
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Markdown emphasis, links and back-quotes removed.
pub fn plain(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match (after.find("]("), after.find(')')) {
            (Some(j), Some(k)) if j < k => {
                out.push_str(&after[..j]);
                rest = &after[k + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace('`', "")
}

fn link_anchor(cell: &str) -> Option<String> {
    let i = cell.find("](#")? + 3;
    let rest = &cell[i..];
    Some(rest[..rest.find(')')?].to_string())
}

fn parse(md: &str) -> BTreeMap<String, Table> {
    let mut out = BTreeMap::new();
    let mut heading: Option<String> = None;
    let mut write_it = None;
    let mut fields: Vec<Field> = Vec::new();
    let flush = |out: &mut BTreeMap<String, Table>,
                 heading: &Option<String>,
                 write_it: &mut Option<String>,
                 fields: &mut Vec<Field>| {
        if let Some(h) = heading
            && !fields.is_empty()
        {
            out.insert(
                anchor(h),
                Table {
                    heading: plain(h),
                    write_it: write_it.take(),
                    fields: std::mem::take(fields),
                },
            );
        }
        fields.clear();
        *write_it = None;
    };
    for line in md.lines() {
        if line.starts_with("### ") || line.starts_with("#### ") {
            flush(&mut out, &heading, &mut write_it, &mut fields);
            heading = Some(line.trim_start_matches('#').trim().to_string());
            continue;
        }
        if let Some(i) = line.find("Write it `") {
            let rest = &line[i + 10..];
            if let Some(j) = rest.find('`') {
                write_it = Some(rest[..j].to_string());
            }
        }
        if !line.starts_with("| `") {
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // ["", field, type, required, meaning, allowed, example, ""]
        if cells.len() != 8 {
            continue;
        }
        let (ty_cell, req, meaning, allowed) = (cells[2], cells[3], cells[4], cells[5]);
        let null_ok = ty_cell.contains("`null`");
        let base = ty_cell.split(" or ").next().unwrap_or("").trim();
        let ty = match base {
            "text" => Ty::Text,
            "number" => Ty::Number,
            "date" => Ty::Date,
            "true/false" => Ty::Bool,
            "code" => Ty::Code(link_anchor(allowed).unwrap_or_default()),
            "list of dates" => Ty::Dates,
            "list of text" => Ty::Texts,
            "map" => Ty::Map(link_anchor(meaning)),
            l if l.starts_with("list of ") => Ty::List(link_anchor(meaning).unwrap_or_default()),
            _ => continue,
        };
        let need = if req.starts_with("yes: at least one") {
            Need::AtLeastOne
        } else if req == "yes" || req.starts_with("yes,") {
            Need::Yes
        } else {
            Need::No
        };
        fields.push(Field {
            name: cells[1].trim_matches('`').to_string(),
            ty,
            null_ok,
            need,
            meaning: plain(meaning),
            example: cells[6].trim_matches('`').to_string(),
        });
    }
    flush(&mut out, &heading, &mut write_it, &mut fields);
    out
}

/// The record kinds: the `iro explain` id of each and a distinctive part of
/// its heading in docs/records.md.
pub const KINDS: &[(&str, &str)] = &[
    ("iros", "iros/"),
    ("child", "child.yaml"),
    ("review", "reviews/"),
    ("plan", "plans/"),
    ("alert", "alerts/"),
    ("contact", "contacts/"),
    ("meeting", "meetings/"),
    ("report-section", "report/"),
];

/// The table of a record kind by its `iro explain` id.
pub fn kind(explain: &str) -> Option<&'static Table> {
    KINDS
        .iter()
        .find(|(id, _)| *id == explain)
        .and_then(|(_, part)| record(part))
}

/// The table of a top-level record kind, by a distinctive part of its
/// heading (`child.yaml`, `reviews/`).
pub fn record(part: &str) -> Option<&'static Table> {
    tables().values().find(|t| t.heading.contains(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_tables_of_records_md() {
        let child = record("child.yaml").unwrap();
        let dob = child.field("dob").unwrap();
        assert_eq!(dob.ty, Ty::Date);
        assert_eq!(dob.need, Need::Yes);
        assert_eq!(dob.example, "2012-03-14");
        let episodes = child.field("episodes").unwrap();
        assert_eq!(episodes.ty, Ty::List("an-episode".into()));
        assert_eq!(episodes.need, Need::AtLeastOne);
        let sex = child.field("sex").unwrap();
        assert_eq!(sex.ty, Ty::Code("sex".into()));
        assert_eq!(
            tables()["an-allocation"].write_it.as_deref(),
            Some("{ iro: pshah, from: 2024-04-12 }")
        );
        let review = record("reviews/").unwrap();
        assert_eq!(
            review.field("stood_down").unwrap().ty,
            Ty::Map(Some("stood_down".into()))
        );
        let plan = record("plans/").unwrap();
        assert!(plan.field("endorsed_by_iro").unwrap().null_ok);
        assert_eq!(plan.field("endorsed_by_iro").unwrap().need, Need::No);
        assert_eq!(
            plain("See [episode](#an-episode). **Private.**"),
            "See episode. Private."
        );
    }

    /// Every field table names its sub-tables and code lists by anchors
    /// that exist, and every record kind has a table.
    #[test]
    fn every_link_resolves() {
        for part in [
            "iros/",
            "child.yaml",
            "reviews/",
            "plans/",
            "alerts/",
            "contacts/",
            "meetings/",
            "report/",
        ] {
            assert!(record(part).is_some(), "{part}");
        }
        for t in tables().values() {
            for f in &t.fields {
                match &f.ty {
                    Ty::List(a) | Ty::Map(Some(a)) => {
                        assert!(tables().contains_key(a), "{}: {a}", f.name)
                    }
                    Ty::Code(a) => assert!(
                        crate::codes::by_anchor(a).is_some(),
                        "{}: code list #{a} unknown",
                        f.name
                    ),
                    _ => {}
                }
            }
        }
    }
}
