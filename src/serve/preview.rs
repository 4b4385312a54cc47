//! The plain-language check beside a letter in the preview (`--letters`):
//! the reading-ease score against the age band's threshold, and the IRO's
//! text with each jargon word or acronym marked with its plain alternative
//! and each third-person sentence marked. Shown only in the preview, never
//! in the letter.

use super::overlay::esc;
use crate::plain::{AgeBand, Finding, Scores};

/// The length in characters of what a finding points at: the quoted phrase
/// of its message, else the word at its column.
fn span_len(line: &str, f: &Finding) -> usize {
    if let Some(q) = f.message.split('"').nth(1)
        && !q.is_empty()
    {
        return q.chars().count();
    }
    line.chars()
        .skip(f.column.saturating_sub(1))
        .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '-')
        .count()
        .max(1)
}

/// The panel's HTML.
pub fn panel(body: &str, band: AgeBand, findings: &[Finding], scores: &Scores) -> String {
    let min = band.min_reading_ease();
    let verdict = if scores.reading_ease >= min {
        "plain enough"
    } else {
        "harder than it should be"
    };
    let reliable = if scores.reliable {
        ""
    } else {
        " (under 100 words: a rough guide only)"
    };
    let mut out = format!(
        "<aside id=\"iro-plain\" aria-labelledby=\"iro-plain-title\" style=\"max-width:48rem;margin:2rem auto;padding:1rem 1.25rem;border:3px solid #0b5563;background:#f3f7f7;color:#111;font:16px/1.5 system-ui,sans-serif\"><h2 id=\"iro-plain-title\">Plain-language check (preview only: not part of the letter)</h2><p>Reading ease <strong>{:.0}</strong> for the {} band, which needs at least {min:.0}: {verdict}{reliable}. {} words, {} sentences.</p>",
        scores.reading_ease,
        band.label(),
        scores.words,
        scores.sentences
    );
    let shown: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule != crate::plain::RULE_READABILITY)
        .collect();
    if shown.is_empty() {
        out.push_str("<p>No jargon, acronyms or third-person sentences found.</p>");
    } else {
        out.push_str("<ol>");
        for f in &shown {
            out.push_str(&format!(
                "<li><strong>line {}</strong>: {} <em>{}</em></li>",
                f.line,
                esc(&f.message),
                esc(&f.hint)
            ));
        }
        out.push_str("</ol>");
    }
    // The text with its findings marked.
    out.push_str("<h3>Your text</h3><pre style=\"white-space:pre-wrap;font:inherit;background:#fff;padding:0.75rem;border:1px solid #888\">");
    for (i, line) in body.lines().enumerate() {
        let n = i + 1;
        let here: Vec<&&Finding> = shown.iter().filter(|f| f.line == n).collect();
        let third = here
            .iter()
            .any(|f| f.rule == crate::plain::RULE_THIRD_PERSON);
        let mut marks: Vec<(usize, usize, &str)> = here
            .iter()
            .filter(|f| {
                f.rule != crate::plain::RULE_THIRD_PERSON
                    && f.rule != crate::plain::RULE_LONG_SENTENCE
            })
            .map(|f| {
                (
                    f.column.saturating_sub(1),
                    span_len(line, f),
                    f.hint.as_str(),
                )
            })
            .collect();
        marks.sort();
        let chars: Vec<char> = line.chars().collect();
        let mut html = String::new();
        let mut at = 0;
        for (start, len, hint) in marks {
            if start < at || start >= chars.len() {
                continue;
            }
            let end = (start + len).min(chars.len());
            html.push_str(&esc(&chars[at..start].iter().collect::<String>()));
            html.push_str(&format!(
                "<mark title=\"{}\">{}</mark><small> [{}]</small>",
                esc(hint),
                esc(&chars[start..end].iter().collect::<String>()),
                esc(hint)
            ));
            at = end;
        }
        html.push_str(&esc(&chars[at.min(chars.len())..]
            .iter()
            .collect::<String>()));
        if third {
            out.push_str(&format!(
                "<span style=\"text-decoration:underline wavy #b3261e\">{html}</span><small> [about the child, not to them]</small>\n"
            ));
        } else {
            out.push_str(&html);
            out.push('\n');
        }
    }
    out.push_str("</pre></aside>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_findings_and_scores() {
        let body =
            "Hello Amira.\nWe talked about your LAC review and contact.\nAmira is happy at school.";
        let subject = crate::plain::Subject {
            names: vec!["Amira"],
            band: AgeBand::From8To12,
        };
        let (f, s) = crate::plain::check(body, &subject, &crate::plain::PlainConfig::default());
        let p = panel(body, AgeBand::From8To12, &f, &s);
        assert!(p.contains("Reading ease"), "{p}");
        assert!(p.contains("needs at least 70"), "{p}");
        assert!(p.contains("<mark"), "{p}");
        assert!(p.contains("about the child"), "{p}");
        assert!(!p.contains("<script"));
    }
}
