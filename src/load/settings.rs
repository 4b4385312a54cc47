//! Checks on the `iro.toml` values that reach published output, each at the
//! line and column of the value (`schema` errors: loading stops):
//!
//! - a link (`[service] web`, the one link the report site and PDFs print
//!   from the settings) begins `https:`, `http:`, `mailto:` or `tel:`; a
//!   `javascript:` or `data:` link never reaches a public page;
//! - a name or label shown on the site and in its CSV downloads (`[service]`
//!   `name` and `short_name`, `[services]`, `[themes.alert]`,
//!   `[themes.good_practice]`, their keys and labels) does not begin as a
//!   spreadsheet formula
//!   (`=`, `+`, `-`, `@`, a tab or a carriage return).
//!
//! Runs after `iro.toml` has been read into its type, on the same text read
//! again with positions (`toml::de::DeTable`).

use crate::diag::Diagnostic;
use crate::format::formula_like;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The schemes a configured link may have.
pub const LINK_SCHEMES: &[&str] = &["https:", "http:", "mailto:", "tel:"];

/// Whether `s` is a link iro may print: one of [`LINK_SCHEMES`] (any case).
pub fn safe_link(s: &str) -> bool {
    let s = s.trim();
    LINK_SCHEMES.iter().any(|p| {
        s.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

/// Check the text of `iro.toml` (already known to parse into `Config`).
pub fn check(text: &str) -> Result<(), Diagnostic> {
    let Ok(doc) = DeTable::parse(text) else {
        return Ok(());
    };
    let doc = doc.get_ref();
    if let Some(service) = table(doc, "service") {
        if let Some((v, at)) = string(service, "web")
            && !safe_link(v)
        {
            return Err(bad(
                text,
                at,
                "`web` must be a link beginning https:, http:, mailto: or tel:",
                "e.g. `web = \"https://www.example.gov.uk/iro\"`; a link of any other kind (javascript:, data:, file:) is never put on a public page",
            ));
        }
        for key in ["name", "short_name"] {
            if let Some((v, at)) = string(service, key) {
                label(text, v, at, &format!("`{key}` in [service]"))?;
            }
        }
    }
    let mut lists = vec![("[services]", table(doc, "services"))];
    if let Some(themes) = table(doc, "themes") {
        lists.push(("[themes.alert]", table(themes, "alert")));
        lists.push(("[themes.good_practice]", table(themes, "good_practice")));
    }
    for (what, t) in lists {
        for (k, v) in t.into_iter().flat_map(|t| t.iter()) {
            label(text, k.get_ref(), k.span(), &format!("a key in {what}"))?;
            if let DeValue::String(s) = v.get_ref() {
                label(text, s, v.span(), &format!("a label in {what}"))?;
            }
        }
    }
    Ok(())
}

fn label(text: &str, v: &str, at: std::ops::Range<usize>, what: &str) -> Result<(), Diagnostic> {
    if formula_like(v) {
        return Err(bad(
            text,
            at,
            &format!("{what} begins with =, +, -, @ or a tab, as a spreadsheet formula does"),
            "begin it with a letter or a digit: it is shown on the report site and in its CSV downloads",
        ));
    }
    Ok(())
}

fn bad(text: &str, at: std::ops::Range<usize>, what: &str, hint: &str) -> Diagnostic {
    let (line, col) = super::line_col(text, at.start);
    Diagnostic::new("schema", what.to_string())
        .file("iro.toml")
        .at(line, col)
        .hint(hint.to_string())
}

fn table<'a>(t: &'a DeTable<'a>, key: &str) -> Option<&'a DeTable<'a>> {
    match t.get(key).map(Spanned::get_ref) {
        Some(DeValue::Table(t)) => Some(t),
        _ => None,
    }
}

fn string<'a>(t: &'a DeTable<'a>, key: &str) -> Option<(&'a str, std::ops::Range<usize>)> {
    let v = t.get(key)?;
    match v.get_ref() {
        DeValue::String(s) => Some((s, v.span())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> String {
        format!("[service]\nname = \"Northdale\"\n{extra}")
    }

    #[test]
    fn links_only_of_the_safe_kinds() {
        for ok in [
            "https://www.example.gov.uk/iro",
            "HTTP://example.org",
            "mailto:iro@example.org",
            "tel:01632960000",
        ] {
            assert!(safe_link(ok), "{ok}");
            assert!(check(&config(&format!("web = \"{ok}\"\n"))).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "www.example.org",
            "",
            "é",
        ] {
            assert!(!safe_link(bad), "{bad}");
        }
        let text = config("phone = \"1\"\nweb = \"javascript:alert(1)\"\n");
        let d = check(&text).unwrap_err();
        assert_eq!((d.rule.as_str(), d.line, d.column), ("schema", 4, 7));
        assert!(d.message.contains("https:") && !d.message.contains("alert"));
    }

    #[test]
    fn labels_that_a_spreadsheet_would_run_are_refused() {
        assert!(check(&config("[services]\nnorth = \"North team\"\n")).is_ok());
        let d = check(&config("[services]\nnorth = \"=1+2\"\n")).unwrap_err();
        assert_eq!((d.line, d.column), (4, 9));
        assert!(d.message.contains("[services]") && !d.message.contains("1+2"));
        let d = check(&config("[themes.alert]\nx = \"@SUM(A1)\"\n")).unwrap_err();
        assert_eq!(d.line, 4);
        let d = check(&config("[services]\n\"=x\" = \"North\"\n")).unwrap_err();
        assert!(d.message.contains("a key in [services]"), "{}", d.message);
        assert_eq!((d.line, d.column), (4, 1));
        let d = check("[service]\nname = \"+Northdale\"\n").unwrap_err();
        assert_eq!((d.line, d.column), (2, 8));
        assert!(check("[service]\nname = \"Northdale\"\nshort_name = \"-N\"\n").is_err());
    }
}
