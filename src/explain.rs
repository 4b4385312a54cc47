//! `iro explain`: the documentation of a rule or load check, from the text
//! of docs/rules.md compiled into the binary (one text, two outputs), and
//! the record formats from docs/records.md.

/// The rules reference, as shipped.
pub const RULES_MD: &str = include_str!("../docs/rules.md");
/// The records format, as shipped.
pub const RECORDS_MD: &str = include_str!("../docs/records.md");
/// The settings of `iro.toml`, as shipped.
pub const CONFIGURATION_MD: &str = include_str!("../docs/configuration.md");

/// The section of `md` under `heading` (a whole heading line), up to the
/// next heading of the same or a higher level.
fn section(md: &str, heading: &str) -> Option<String> {
    let level = heading.chars().take_while(|c| *c == '#').count();
    let mut lines = md.lines().skip_while(|l| l.trim_end() != heading);
    let first = lines.next()?;
    let mut out = vec![first];
    for l in lines {
        let h = l.chars().take_while(|c| *c == '#').count();
        if h > 0 && h <= level && l.chars().nth(h) == Some(' ') {
            break;
        }
        out.push(l);
    }
    Some(out.join("\n").trim_end().to_string() + "\n")
}

/// The text `iro explain WHAT` prints: a rule or load check by id, or
/// `records` for the record formats. `None` for an unknown id.
pub fn explain(what: &str) -> Option<String> {
    if what == "records" {
        return section(RECORDS_MD, "## Field reference").map(|s| readable(&s));
    }
    if what == "iro.toml" {
        return Some(readable(CONFIGURATION_MD));
    }
    if let Some(t) = crate::load::fields::kind(what) {
        return section(RECORDS_MD, &format!("### `{}`", t.heading)).map(|s| readable(&s));
    }
    let info = crate::diag::catalog::info(what)?;
    let mut out = format!(
        "{} ({}, source: {})\n{}\n\n",
        info.id,
        info.severity.as_str(),
        info.source,
        info.summary
    );
    if let Some(s) = section(RULES_MD, &format!("#### `{what}`")) {
        // The heading is the id, printed above.
        out.push_str(s.lines().skip(1).collect::<Vec<_>>().join("\n").trim());
        out.push('\n');
    }
    Some(out)
}

/// Markdown tables as a list a terminal shows well: one entry per row,
/// `- first cell: header cell, header cell ...`, empty cells left out.
fn readable(md: &str) -> String {
    let mut out = String::new();
    let mut header: Vec<String> = Vec::new();
    let cells = |l: &str| -> Vec<String> {
        let l = l.trim().strip_prefix('|').unwrap_or(l);
        let l = l.strip_suffix('|').unwrap_or(l);
        l.split('|')
            .map(|c| crate::load::fields::plain(c.trim()))
            .collect()
    };
    for line in md.lines() {
        if !line.starts_with('|') {
            header.clear();
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if header.is_empty() {
            header = cells(line);
            continue;
        }
        if line.starts_with("|---") || line.starts_with("| ---") {
            continue;
        }
        let row = cells(line);
        let mut parts = Vec::new();
        for (h, c) in header.iter().zip(&row).skip(1) {
            if !c.is_empty() {
                parts.push(format!("{h}: {c}"));
            }
        }
        let first = row.first().cloned().unwrap_or_default();
        out.push_str(&format!(
            "- {first}: {}\n",
            parts.join("; ").replace(".;", ";")
        ));
    }
    out
}

/// Every id with its summary, for `iro explain` without an id.
pub fn list() -> String {
    let mut out = String::from("iro explain ID: what a finding means and what to do. The ids:\n\n");
    let w = crate::diag::catalog::RULES
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    for r in crate::diag::catalog::RULES {
        out.push_str(&format!("  {:<w$}  {}\n", r.id, r.summary));
    }
    out.push_str("\nThe record formats:\n\n");
    for (id, _) in crate::load::fields::KINDS {
        if let Some(t) = crate::load::fields::kind(id) {
            out.push_str(&format!("  {:<w$}  {}\n", id, t.heading));
        }
    }
    out.push_str(&format!("  {:<w$}  every record file\n", "records"));
    out.push_str(&format!("  {:<w$}  the settings file\n", "iro.toml"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Docs and code agree: every id a finding can carry has its section.
    #[test]
    fn every_id_is_documented() {
        for r in crate::diag::catalog::RULES {
            let text = explain(r.id).unwrap();
            assert!(
                text.lines().count() > 3,
                "docs/rules.md has no section `#### `{}``",
                r.id
            );
        }
        assert!(explain("records").unwrap().contains("child.yaml"));
        assert!(explain("no-such-rule").is_none());
        for (id, _) in crate::load::fields::KINDS {
            assert!(
                crate::diag::catalog::info(id).is_none(),
                "`{id}` is both a record kind and a rule id"
            );
            let text = explain(id).unwrap();
            assert!(text.contains("type: "), "{id}");
            assert!(!text.contains("|---"), "{id}");
        }
        assert!(explain("review").unwrap().contains("`participation`"));
        assert!(!explain("review").unwrap().contains("plans/<date>"));
        assert!(explain("iro.toml").unwrap().contains("[services]"));
        let t = explain("reg33-first").unwrap();
        assert!(
            t.starts_with("reg33-first (error, source: CPPCR 33(1))"),
            "{t}"
        );
        assert!(!t.contains("#### `reg33-second`"), "one section only");
    }
}
