//! Parsing one file: front matter split, YAML to a typed record, and turning
//! parser errors into diagnostics (`parse`, `schema`, `code`, `date`,
//! `duplicate`) with the line and column and a fix hint.

use crate::codes::CODE_ERR;
use crate::day::DATE_ERR;
use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;

/// A `.md` record split into front matter and body.
pub struct Split<'a> {
    /// The YAML between the fences.
    pub front: &'a str,
    /// 1-based line of the front matter's first line.
    pub front_line: u32,
    /// The front matter preceded by the newline that ends the opening `---`:
    /// YAML whose lines are numbered as in the file (see [`front_matter`]).
    pub front_from_line_1: &'a str,
    /// The Markdown body.
    pub body: &'a str,
    /// 1-based line of the body's first line.
    pub body_line: u32,
}

/// Split `---` front matter from a Markdown body.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::new(
            "parse",
            "missing front matter: the file must start with a line `---`",
        )
        .at(1, 1)
        .hint("start the file with `---`, the YAML fields, then another `---` line, then the letter or narrative"));
    }
    let front_start = first.len();
    let mut offset = front_start;
    let mut line_no = 1u32;
    for l in lines {
        line_no += 1;
        let t = l.trim_end();
        if t == "---" || t == "..." {
            let front = &text[front_start..offset];
            let body = &text[offset + l.len()..];
            return Ok(Split {
                front,
                front_line: 2,
                // The first line ends with a newline: a later line was read.
                front_from_line_1: &text[front_start - 1..offset],
                body,
                body_line: line_no + 1,
            });
        }
        offset += l.len();
    }
    Err(
        Diagnostic::new("parse", "front matter is not closed: no second `---` line")
            .at(line_no.max(1), 1)
            .hint("add a line `---` after the last YAML field"),
    )
}

/// YAML options: strict about duplicate keys, no snippets in messages
/// (we render our own), with budgets against hostile input.
fn options() -> serde_saphyr::Options {
    let mut o = serde_saphyr::Options::default();
    o.with_snippet = false;
    o
}

/// Deserialize YAML whose first line is line `first_line` of the file, a
/// record of the kind `iro explain` calls `kind` (`child`, `review`, ...;
/// empty for none). On failure, every problem the shape check finds.
pub fn yaml<T: DeserializeOwned>(
    src: &str,
    first_line: u32,
    kind: &str,
) -> Result<T, Vec<Diagnostic>> {
    if src.trim().is_empty() {
        let more = if kind.is_empty() {
            String::new()
        } else {
            format!("; the fields of this file: `iro explain {kind}`")
        };
        return Err(vec![
            Diagnostic::new("schema", "empty record: no fields")
                .at(first_line, 1)
                .hint(format!("write the record's fields, one per line{more}")),
        ]);
    }
    let padded;
    let input = if first_line > 1 {
        padded = format!("{}{}", "\n".repeat(first_line as usize - 1), src);
        padded.as_str()
    } else {
        src
    };
    parse_yaml(input, kind)
}

/// `yaml(s.front, s.front_line, kind)` without copying the front matter to
/// pad it: the same YAML, read in place.
pub fn front_matter<T: DeserializeOwned>(s: &Split<'_>, kind: &str) -> Result<T, Vec<Diagnostic>> {
    if s.front_line != 2 || s.front.trim().is_empty() {
        return yaml(s.front, s.front_line, kind);
    }
    parse_yaml(s.front_from_line_1, kind)
}

/// Deserialize YAML as it is (its first line is line 1). On failure, the
/// shape check of the record kind lists every problem; when it finds none
/// (a check only the typed step makes), the typed step's own error.
fn parse_yaml<T: DeserializeOwned>(input: &str, kind: &str) -> Result<T, Vec<Diagnostic>> {
    serde_saphyr::from_str_with_options::<T>(input, options()).map_err(|e| {
        if let Some(table) = super::fields::kind(kind) {
            match super::shape::check(input, table, kind) {
                Ok(all) if !all.is_empty() => return all,
                Ok(_) => {}
                Err(syntax) => return vec![yaml_error(&syntax, kind)],
            }
        }
        // A type error may hide a syntax error further on (an unclosed `[`):
        // on that error path only, re-read without types to find it.
        if matches!(e, serde_saphyr::Error::Unexpected { .. })
            && let Err(syntax) =
                serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(input, options())
            && !matches!(syntax, serde_saphyr::Error::Unexpected { .. })
        {
            return vec![yaml_error(&syntax, kind)];
        }
        vec![yaml_error(&e, kind)]
    })
}

/// Turn a serde-saphyr error into a diagnostic, in plain words; `kind` is
/// the record kind's `iro explain` id (empty for none).
pub fn yaml_error(e: &serde_saphyr::Error, kind: &str) -> Diagnostic {
    let (line, col) = e
        .location()
        .map(|l| (l.line() as u32, l.column() as u32))
        .unwrap_or((0, 0));
    let raw = match e {
        serde_saphyr::Error::Message { msg, .. } => msg.clone(),
        other => strip_location(&other.to_string()),
    };
    let more = more(kind);
    if let serde_saphyr::Error::Unexpected { expected, .. } = e {
        return Diagnostic::new(
            "schema",
            format!("this value should be {}", plain_words(expected)),
        )
        .hint(format!("a list is written in [ ] or one `- item` per line, true/false as `true` or `false`, a date as YYYY-MM-DD; {more}"))
        .at(line, col);
    }
    let is_custom = matches!(e, serde_saphyr::Error::Message { .. });
    let names = super::fields::kind(kind)
        .map(|t| t.names())
        .unwrap_or_default();
    classify(&raw, is_custom, &names, &more).at(line, col)
}

/// Where to read more: the record kind's fields, or every format.
pub fn more(kind: &str) -> String {
    if kind.is_empty() {
        "the record formats: `iro explain records`".into()
    } else {
        format!("the fields of this file: `iro explain {kind}`")
    }
}

/// A parser's or serde's words for kinds of value, in an IRO's words.
pub fn plain_words(s: &str) -> String {
    let mut out = s.trim().trim_end_matches('.').to_string();
    for (from, to) in [
        ("Option<String>", "text"),
        ("a borrowed string", "text"),
        ("a string", "text"),
        ("string", "text"),
        ("sequence start", "a list"),
        ("a sequence", "a list"),
        ("sequence", "list"),
        ("mapping start", "fields, one per line"),
        ("a mapping", "fields, one per line"),
        ("mapping", "fields"),
        ("a map", "fields, one per line"),
        ("struct ", "the fields of "),
        ("a boolean", "`true` or `false`"),
        ("boolean", "`true` or `false`"),
        ("unit value", "an empty value"),
        ("null", "an empty value"),
        ("deserialize", "read"),
        ("u8", "a whole number"),
        ("u16", "a whole number"),
        ("u32", "a whole number"),
        ("u64", "a whole number"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
        ("scalar", "single value"),
    ] {
        out = out.replace(from, to);
    }
    out
}

fn strip_location(s: &str) -> String {
    let s = s.lines().next().unwrap_or(s);
    let s = s.strip_prefix("error: ").unwrap_or(s);
    let s = match (s.starts_with("line "), s.find(": ")) {
        (true, Some(i)) => &s[i + 2..],
        _ => s,
    };
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// Classify an error message into a rule id with a hint.
pub fn classify(raw: &str, is_custom: bool, expected: &[&str], more: &str) -> Diagnostic {
    if let Some(rest) = find_marker(raw, CODE_ERR) {
        let mut parts = rest.splitn(3, '|');
        let list = parts.next().unwrap_or("code");
        let found = parts.next().unwrap_or("");
        let valid = parts.next().unwrap_or("");
        let shown = if found.len() <= 12 {
            format!("`{found}`")
        } else {
            "this value".into()
        };
        let near = nearest(found, &valid.split(' ').collect::<Vec<_>>());
        let mut hint = format!("valid codes: {valid}");
        if let Some(n) = near {
            hint = format!("did you mean `{n}`? {hint}");
        }
        return Diagnostic::new("code", format!("{shown} is not a valid {list}")).hint(hint);
    }
    if let Some(rest) = find_marker(raw, DATE_ERR) {
        return Diagnostic::new("date", format!("not a real date: {rest}"))
            .hint("write dates as YYYY-MM-DD and check the day exists");
    }
    if let Some(field) = between(raw, "unknown field `", "`") {
        let mut d = Diagnostic::new("schema", format!("`{field}` is not a field iro knows here"));
        let listed: Vec<&str> = raw
            .split_once("expected")
            .map(|(_, rest)| {
                let rest = rest.trim_start().trim_start_matches("one of").trim_start();
                if rest.contains('`') {
                    rest.split('`').skip(1).step_by(2).collect()
                } else {
                    rest.split(", ").map(|w| w.trim()).collect()
                }
            })
            .unwrap_or_default();
        let expected: &[&str] = if listed.is_empty() { expected } else { &listed };
        let own = if more.contains("iro.toml") {
            "your own settings go in an `[extra]` table"
        } else {
            "your own fields go under `extra:`"
        };
        let hint = match nearest(field, expected) {
            Some(n) => format!(
                "did you mean `{n}`? {}{}",
                own[..1].to_uppercase(),
                &own[1..]
            ),
            None => format!("the fields are {}; {own}", expected.join(", ")),
        };
        d = d.hint(hint);
        return d;
    }
    if let Some(field) = between(raw, "missing field `", "`") {
        const TABLES: &[&str] = &[
            "service",
            "services",
            "themes",
            "policy",
            "calendar",
            "rules",
            "letters",
            "publish",
            "check",
            "scorecard",
        ];
        let add = match (more.contains("iro.toml"), TABLES.contains(&field)) {
            (true, true) => format!("add a `[{field}]` table"),
            (true, false) => format!("add a line `{field} = \"...\"`"),
            _ => format!("add a line `{field}: ...`"),
        };
        return Diagnostic::new("schema", format!("`{field}` is missing"))
            .hint(format!("{add}; {more}"));
    }
    let lower = raw.to_ascii_lowercase();
    if lower.contains("duplicate") {
        return Diagnostic::new("duplicate", "a field is written twice")
            .hint("keep one of the two lines");
    }
    if lower.contains("invalid type")
        || lower.contains("invalid value")
        || lower.contains("invalid length")
    {
        let what = between(raw, "expected ", "\u{0}").unwrap_or("a different type");
        return Diagnostic::new(
            "schema",
            format!("this value should be {}", plain_words(what)),
        )
        .hint(format!(
            "a list is written in [ ], a date as YYYY-MM-DD; {more}"
        ));
    }
    if raw.contains("null into") {
        return Diagnostic::new("schema", "a value that must be filled in is empty")
            .hint(more.to_string());
    }
    if is_custom {
        return Diagnostic::new("schema", plain_words(&first_sentence(raw))).hint(more.to_string());
    }
    let (what, fix) = syntax_words(&first_sentence(raw));
    Diagnostic::new("parse", format!("this line could not be read: {what}")).hint(fix)
}

/// A YAML scanner's message in an IRO's words, with the fix.
fn syntax_words(raw: &str) -> (String, String) {
    const INDENT: &str = "check the indentation: the fields of a record start at the same column, and a value that holds `: ` or `#` needs quotes, like `name: \"Amira: Khan\"`";
    let r = raw.to_ascii_lowercase();
    let (what, fix): (&str, &str) = if r.contains("tab") {
        (
            "a tab character is used to indent",
            "indent with spaces, never tabs",
        )
    } else if r.contains("quoted") || r.contains("missing closing") || r.contains("unterminated") {
        (
            "a quote is not closed",
            "end the value with the same quote mark it starts with",
        )
    } else if r.contains("expected ',' or ']'") || r.contains("flow sequence") {
        (
            "a list in [ ] is not closed",
            "end the list with ], like `[child, carer]`",
        )
    } else if r.contains("expected ',' or '}'") || r.contains("flow mapping") {
        (
            "a { } is not closed",
            "end it with }, like `{ iro: pshah, from: 2024-04-12 }`",
        )
    } else if r.contains("':'")
        || r.contains("mapping values")
        || r.contains("expected key")
        || r.contains("indentation")
    {
        ("a colon or an indent is not where a field can be", INDENT)
    } else if r.contains("end of stream") || r.contains("end of input") {
        (
            "the file ends in the middle of a value",
            "close any open quote, [ or {",
        )
    } else if r.contains("cannot start any token") {
        (
            "a value starts with a character that needs quotes (such as @ or `)",
            "put the value in quotes",
        )
    } else {
        ("the layout of fields is broken here", INDENT)
    };
    (what.to_string(), fix.to_string())
}

fn find_marker<'a>(raw: &'a str, marker: &str) -> Option<&'a str> {
    raw.find(marker).map(|i| &raw[i + marker.len()..])
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let rest = &s[i..];
    Some(match rest.find(end) {
        Some(j) => &rest[..j],
        None => rest,
    })
}

fn first_sentence(s: &str) -> String {
    let s = s.lines().next().unwrap_or("").trim();
    let s: String = s.chars().take(160).collect();
    if s.is_empty() {
        "malformed input".into()
    } else {
        s
    }
}

/// The nearest candidate by edit distance, if close enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let w = word.to_ascii_lowercase();
    candidates
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| (strsim::damerau_levenshtein(&w, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4) && *d < c.len())
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let s = split_front_matter("---\nkind: cla\n---\nDear A,\n")
            .ok()
            .unwrap();
        assert_eq!(s.front, "kind: cla\n");
        assert_eq!(s.body, "Dear A,\n");
        assert_eq!(s.body_line, 4);
        assert!(split_front_matter("kind: cla\n").is_err());
        let e = split_front_matter("---\nkind: cla\n").err().unwrap();
        assert_eq!(e.rule, "parse");
        assert!(split_front_matter("---\r\nkind: cla\r\n---\r\nx").is_ok());
    }

    #[test]
    fn front_matter_read_in_place_as_padded() {
        type Rec = std::collections::BTreeMap<String, crate::span::Sp<String>>;
        for text in [
            "---\nkind: cla\niro: pshah\n---\nDear A,\n",
            "\u{feff}--- \r\n  kind: cla\r\n  iro: \"é\"\r\n...\r\n",
            "---\n\n\nkind: [cla\n---\n",
            "---\nkind: cla\nkind: cla\n---\n",
            "---\n  \n---\n",
        ] {
            let s = split_front_matter(text).ok().unwrap();
            let padded = yaml::<Rec>(s.front, s.front_line, "");
            let in_place = front_matter::<Rec>(&s, "");
            match (padded, in_place) {
                (Ok(a), Ok(b)) => {
                    let pos = |m: &Rec| {
                        m.values()
                            .map(|v| (v.value.clone(), v.pos()))
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(pos(&a), pos(&b));
                }
                (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
                (a, b) => panic!("{text:?}: {:?} vs {:?}", a.is_ok(), b.is_ok()),
            }
        }
    }

    #[test]
    fn nearest_field() {
        assert_eq!(
            nearest("partcipation", &["participation", "kind"]),
            Some("participation")
        );
        assert_eq!(nearest("zzz", &["participation", "kind"]), None);
        assert_eq!(nearest("PN9", &["PN0", "PN1"]), Some("PN0"));
    }
}
