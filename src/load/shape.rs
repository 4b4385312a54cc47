//! The shape check: every problem of a file in one run, in an IRO's words.
//!
//! Records are read straight into typed structs (fast, and the usual case is
//! a good file). When that fails, the file is read again without types, as a
//! tree of values with their lines and columns, and checked against the
//! field tables of docs/records.md (`fields.rs`): every empty or missing
//! required field, every value of the wrong kind, every unknown or doubled
//! field and every bad date or code is reported, each with what is expected
//! and an example from the format. Messages never carry a record's values
//! beyond a short code, nor the YAML library's words.

use super::fields::{Field, Need, Table, Ty, tables};
use crate::diag::Diagnostic;
use crate::span::Sp;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A YAML value read without types.
#[derive(Debug)]
pub enum Node {
    /// Empty or `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Num(String),
    /// Any other single value.
    Str(String),
    /// A list.
    Seq(Vec<Sp<Node>>),
    /// Fields: name and value.
    Map(Vec<(Sp<Node>, Sp<Node>)>),
}

impl Node {
    fn scalar(&self) -> Option<String> {
        match self {
            Node::Bool(b) => Some(b.to_string()),
            Node::Num(s) | Node::Str(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Node, E> {
        Ok(Node::Str(String::new()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = a.next_element::<Sp<Node>>()? {
            v.push(x);
        }
        Ok(Node::Seq(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
        let mut v = Vec::new();
        while let Some(k) = a.next_key::<Sp<Key>>()? {
            let val = a.next_value::<Sp<Node>>()?;
            let key = Sp::new(Node::Str(k.value.0), k.line, k.col);
            v.push((key, val));
        }
        Ok(Node::Map(v))
    }
}

/// A field name as written: read as text, so that `on:` is the field `on`
/// (as the typed step reads it), not the YAML 1.1 word for `true`.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Key)
    }
}

/// The message for a required field left empty, as the walk gives it: for
/// checks made after the typed step (a field only some records require).
pub fn empty(kind: &str, field: &str, line: u32, col: u32) -> Diagnostic {
    let mut w = Walk {
        out: Vec::new(),
        explain: kind,
    };
    if let Some(f) = super::fields::kind(kind).and_then(|t| t.field(field)) {
        let f = Field {
            need: Need::Yes,
            ..f.clone()
        };
        w.value(&f, &Sp::new(Node::Null, line, col), "");
    }
    w.out
        .pop()
        .unwrap_or_else(|| Diagnostic::new("schema", format!("`{field}` is empty")).at(line, col))
}

/// The message for a required field not written, as the walk gives it.
pub fn missing(kind: &str, field: &str) -> Diagnostic {
    let mut w = Walk {
        out: Vec::new(),
        explain: kind,
    };
    if let Some(f) = super::fields::kind(kind).and_then(|t| t.field(field)) {
        let t = Table {
            heading: String::new(),
            write_it: None,
            fields: vec![Field {
                need: Need::Yes,
                ..f.clone()
            }],
        };
        w.map(&[], &Sp::new(Node::Map(Vec::new()), 1, 1), &t, "");
    }
    w.out
        .pop()
        .unwrap_or_else(|| Diagnostic::new("schema", format!("`{field}` is missing")).at(1, 1))
}

/// Read `input` (YAML whose first line is line 1 of the file) without types.
pub fn read(input: &str) -> Result<Sp<Node>, serde_saphyr::Error> {
    let mut o = serde_saphyr::Options::default();
    o.with_snippet = false;
    // Doubled fields reach the walk, which reports each one.
    o.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::PassThrough;
    serde_saphyr::from_str_with_options::<Sp<Node>>(input, o)
}

/// Every problem of the record in `input` against `table`; `explain` is the
/// `iro explain` id of the record kind. Empty when the shape is right.
pub fn check(
    input: &str,
    table: &Table,
    explain: &str,
) -> Result<Vec<Diagnostic>, serde_saphyr::Error> {
    let top = read(input)?;
    let mut w = Walk {
        out: Vec::new(),
        explain,
    };
    match &top.value {
        Node::Map(entries) => w.map(entries, &top, table, ""),
        Node::Null => w.out.push(
            Diagnostic::new("schema", "empty record: no fields")
                .at(1, 1)
                .hint(format!(
                    "write the fields one per line; see `iro explain {explain}`"
                )),
        ),
        _ => w.out.push(
            Diagnostic::new(
                "schema",
                "the record should be fields, one per line, like `name: Amira Khan`",
            )
            .at(top.line.max(1), top.col.max(1))
            .hint(format!("see `iro explain {explain}`")),
        ),
    }
    Ok(w.out)
}

struct Walk<'a> {
    out: Vec<Diagnostic>,
    explain: &'a str,
}

/// The first sentence of a meaning as a phrase: "Date of birth." -> "date of birth".
fn phrase(meaning: &str) -> String {
    let first = meaning
        .split(". ")
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    let mut c = first.chars();
    match (c.next(), c.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().collect::<String>() + &first[a.len_utf8()..]
        }
        _ => first.to_string(),
    }
}

/// "An allocation" -> "allocation".
fn item_name(t: &Table) -> String {
    let h = t.heading.as_str();
    h.strip_prefix("An ")
        .or_else(|| h.strip_prefix("A "))
        .unwrap_or(h)
        .to_string()
}

fn private(f: &Field) -> &'static str {
    if f.meaning.contains("Private.") {
        " (private: never published)"
    } else {
        ""
    }
}

impl Walk<'_> {
    /// How to write `f`, as `` `f: example` `` or a list item.
    fn example(&self, f: &Field) -> String {
        match &f.ty {
            Ty::List(a) => match tables().get(a).and_then(|t| t.write_it.clone()) {
                Some(w) => format!("one per line under `{}:`, like `- {w}`", f.name),
                None => format!("one per line under `{}:`", f.name),
            },
            _ if f.example.is_empty() || f.example == "see below" => String::new(),
            _ => format!("like `{}: {}`", f.name, f.example),
        }
    }

    /// What `f` should hold, in words.
    fn expected(&self, f: &Field) -> String {
        let base = match &f.ty {
            Ty::Text => "a single value".to_string(),
            Ty::Number => "a number".into(),
            Ty::Date => "a date written YYYY-MM-DD".into(),
            Ty::Code(a) => match crate::codes::by_anchor(a) {
                Some((name, _)) => format!("one code from the {name} list"),
                None => "one code".into(),
            },
            Ty::Bool => "`true` or `false`".into(),
            Ty::Dates => "a list of dates in [ ], like `[2024-04-30, 2025-04-22]`".into(),
            Ty::Texts => "a list in [ ], like `[child, carer]`".into(),
            Ty::List(a) => match tables().get(a) {
                Some(t) => format!("a list of {}s", item_name(t)),
                None => "a list".into(),
            },
            Ty::Map(_) => "a set of fields, each on its own line".into(),
        };
        if f.null_ok {
            format!("{base}, or `null`")
        } else {
            base
        }
    }

    fn codes_hint(&self, f: &Field) -> Option<String> {
        if let Ty::Code(a) = &f.ty {
            let (_, codes) = crate::codes::by_anchor(a)?;
            return Some(format!("the codes: {}", codes.join(" ")));
        }
        None
    }

    fn more(&self) -> String {
        format!("the fields of this file: `iro explain {}`", self.explain)
    }

    fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    fn map(&mut self, entries: &[(Sp<Node>, Sp<Node>)], at: &Sp<Node>, table: &Table, ctx: &str) {
        let mut seen: Vec<String> = Vec::new();
        for (k, v) in entries {
            let Some(name) = k.value.scalar() else {
                self.push(
                    Diagnostic::new("parse", format!("{ctx}a field name must be a single word"))
                        .at(k.line, k.col)
                        .hint("write `name: value`, one field per line"),
                );
                continue;
            };
            let name = name.as_str();
            if seen.iter().any(|s| s == name) {
                self.push(
                    Diagnostic::new("duplicate", format!("{ctx}`{name}` is written twice"))
                        .at(k.line, k.col)
                        .hint("keep one of the two lines"),
                );
                continue;
            }
            seen.push(name.to_string());
            match table.field(name) {
                Some(f) => self.value(f, v, ctx),
                None => {
                    let names = table.names();
                    let hint = match super::parse::nearest(name, &names) {
                        Some(n) => format!("did you mean `{n}`? Your own fields go under `extra:`"),
                        None => format!(
                            "the fields are {}; your own fields go under `extra:`",
                            names.join(", ")
                        ),
                    };
                    let shown = if name.chars().count() <= 30 {
                        name
                    } else {
                        "this field"
                    };
                    self.push(
                        Diagnostic::new(
                            "schema",
                            format!("{ctx}`{shown}` is not a field iro knows here"),
                        )
                        .at(k.line, k.col)
                        .hint(hint),
                    );
                }
            }
        }
        for f in &table.fields {
            if f.need != Need::No && !seen.contains(&f.name) {
                let ex = self.example(f);
                let sep = if ex.is_empty() { "" } else { "; add it " };
                self.push(
                    Diagnostic::new(
                        "schema",
                        format!(
                            "{ctx}`{}` is missing: {}{}{sep}{ex}",
                            f.name,
                            phrase(&f.meaning),
                            private(f)
                        ),
                    )
                    .at(at.line.max(1), at.col.max(1))
                    .hint(self.codes_hint(f).unwrap_or_else(|| self.more())),
                );
            }
        }
    }

    fn wrong(&mut self, f: &Field, v: &Sp<Node>, ctx: &str) {
        let ex = self.example(f);
        let sep = if ex.is_empty() { "" } else { ", " };
        self.push(
            Diagnostic::new(
                "schema",
                format!("{ctx}`{}` should be {}{sep}{ex}", f.name, self.expected(f)),
            )
            .at(v.line, v.col)
            .hint(self.codes_hint(f).unwrap_or_else(|| self.more())),
        );
    }

    fn date(&mut self, what: &str, v: &Sp<Node>, ctx: &str) {
        match &v.value {
            Node::Str(s) => {
                let s = s.trim();
                let shaped = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
                if let Err(why) = crate::day::parse_iso(s) {
                    let d = if shaped {
                        Diagnostic::new("date", format!("{ctx}{what} is not a real date: {why}"))
                            .hint("write dates as YYYY-MM-DD and check the day exists")
                    } else {
                        Diagnostic::new(
                            "schema",
                            format!(
                                "{ctx}{what} should be a date written YYYY-MM-DD, like 2024-05-31"
                            ),
                        )
                        .hint(self.more())
                    };
                    self.push(d.at(v.line, v.col));
                }
            }
            _ => self.push(
                Diagnostic::new(
                    "schema",
                    format!("{ctx}{what} should be a date written YYYY-MM-DD, like 2024-05-31"),
                )
                .at(v.line, v.col)
                .hint(self.more()),
            ),
        }
    }

    fn value(&mut self, f: &Field, v: &Sp<Node>, ctx: &str) {
        if let Node::Null = v.value {
            if f.need != Need::No {
                let ex = self.example(f);
                let sep = if ex.is_empty() { "" } else { "; write it " };
                self.push(
                    Diagnostic::new(
                        "schema",
                        format!(
                            "{ctx}`{}` is empty: {}{}{sep}{ex}",
                            f.name,
                            phrase(&f.meaning),
                            private(f)
                        ),
                    )
                    .at(v.line, v.col)
                    .hint(self.codes_hint(f).unwrap_or_else(|| self.more())),
                );
            }
            return;
        }
        let name = format!("`{}`", f.name);
        match &f.ty {
            Ty::Text => {
                if v.value.scalar().is_none() {
                    self.wrong(f, v, ctx)
                }
            }
            Ty::Number => {
                let ok = match &v.value {
                    Node::Num(_) => true,
                    Node::Str(s) => s.trim().parse::<f64>().is_ok(),
                    _ => false,
                };
                if !ok {
                    self.wrong(f, v, ctx)
                }
            }
            Ty::Bool => {
                if !matches!(v.value, Node::Bool(_)) {
                    self.wrong(f, v, ctx)
                }
            }
            Ty::Date => self.date(&name, v, ctx),
            Ty::Code(a) => match v.value.scalar() {
                None => self.wrong(f, v, ctx),
                Some(s) => {
                    if let Some((list, codes)) = crate::codes::by_anchor(a)
                        && !codes.contains(&s.trim())
                    {
                        let found = s.trim();
                        let shown = if found.chars().count() <= 12 {
                            format!("`{found}`")
                        } else {
                            "this value".into()
                        };
                        let mut hint = format!("the codes: {}", codes.join(" "));
                        if let Some(n) = super::parse::nearest(found, &codes) {
                            hint = format!("did you mean `{n}`? {hint}");
                        }
                        self.push(
                            Diagnostic::new("code", format!("{ctx}{shown} is not a valid {list}"))
                                .at(v.line, v.col)
                                .hint(hint),
                        );
                    }
                }
            },
            Ty::Dates | Ty::Texts | Ty::List(_) => {
                let Node::Seq(items) = &v.value else {
                    return self.wrong(f, v, ctx);
                };
                if items.is_empty() && f.need == Need::AtLeastOne {
                    let ex = self.example(f);
                    self.push(
                        Diagnostic::new(
                            "schema",
                            format!(
                                "{ctx}`{}` needs at least one item: {}; write it {ex}",
                                f.name,
                                phrase(&f.meaning)
                            ),
                        )
                        .at(v.line, v.col)
                        .hint(self.more()),
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    match &f.ty {
                        Ty::Dates => self.date(&format!("item {} of {name}", i + 1), item, ctx),
                        Ty::Texts if item.value.scalar().is_none() => {
                            self.push(
                                Diagnostic::new(
                                    "schema",
                                    format!(
                                        "{ctx}item {} of {name} should be a single word or value",
                                        i + 1
                                    ),
                                )
                                .at(item.line, item.col)
                                .hint(self.more()),
                            );
                        }
                        Ty::List(a) => {
                            let Some(sub) = tables().get(a) else { continue };
                            let ictx = format!("{ctx}{} {}: ", item_name(sub), i + 1);
                            match &item.value {
                                Node::Map(e) => self.map(e, item, sub, &ictx),
                                _ => {
                                    let how = sub.write_it.clone().unwrap_or_default();
                                    self.push(
                                        Diagnostic::new(
                                            "schema",
                                            format!(
                                                "{ctx}each item of {name} should be a {}, written like `- {how}`",
                                                item_name(sub)
                                            ),
                                        )
                                        .at(item.line, item.col)
                                        .hint(self.more()),
                                    );
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Ty::Map(sub) => match (&v.value, sub.as_ref().and_then(|a| tables().get(a))) {
                (Node::Map(e), Some(t)) => self.map(e, v, t, &format!("{ctx}{name}: ")),
                (Node::Map(_), None) => {}
                _ => self.wrong(f, v, ctx),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str) -> Vec<(String, String, u32)> {
        let t = super::super::fields::record("child.yaml").unwrap();
        check(yaml, t, "child")
            .unwrap()
            .into_iter()
            .map(|d| (d.rule.to_string(), d.message.clone(), d.line))
            .collect()
    }

    #[test]
    fn every_problem_at_once() {
        let got = run(
            "name:\ndob: 2012-02-30\nsex: X\nethnicity: WBRI\nnmae: x\niro:\n  - { iro: a }\nepisodes: []\n",
        );
        let want: Vec<(String, String, u32)> = vec![
            ("schema".into(), "`name` is empty: full name (private: never published); write it like `name: Amira Khan`".into(), 1),
            ("date".into(), "`dob` is not a real date: this day does not exist in that month (check the day, and 29 February in leap years)".into(), 2),
            ("code".into(), "`X` is not a valid sex (M or F)".into(), 3),
            ("schema".into(), "`nmae` is not a field iro knows here".into(), 5),
            ("schema".into(), "allocation 1: `from` is missing: first day of the allocation; add it like `from: 2024-04-12`".into(), 7),
            ("schema".into(), "`episodes` needs at least one item: SSDA903 episodes of care, oldest first; write it one per line under `episodes:`".into(), 8),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn wrong_kinds_in_words() {
        let got = run(
            "name: A\ndob: 2012-01-01\nsex: F\nethnicity: WBRI\niro: pshah\nepisodes:\n  - start: 2020-01-01\n    reason_new: S\n    legal_status: C2\n    need: N1\n    placement: U1\n",
        );
        assert_eq!(
            got,
            vec![(
                "schema".to_string(),
                "`iro` should be a list of allocations, one per line under `iro:`, like `- { iro: pshah, from: 2024-04-12 }`".to_string(),
                5
            )]
        );
        assert!(
            run("name: A\n")
                .iter()
                .any(|(_, m, l)| m.starts_with("`dob` is missing") && *l == 1)
        );
        assert_eq!(run("name: A\nname: B\n")[0].0, "duplicate");
    }
}
