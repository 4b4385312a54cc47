//! The error overlay: while the files do not build, every page is served
//! as it last built, with the diagnostics over it (rule or load id,
//! file:line:column, message, hint). Messages never carry record contents.
//! Served to other computers (`--bind` off this computer), the overlay
//! leaves out where each problem is: file paths name children's folders,
//! so they stay in the terminal.

use crate::diag::Diagnostic;

/// Text as HTML (the preview pages are made by hand, not from templates).
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Who the preview is served to: the overlay shows where each problem is
/// only on this computer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Listening on a loopback address: everything is shown.
    ThisComputer,
    /// Listening on an address other computers reach: no file paths.
    Network,
}

/// The overlay's HTML for a failed rebuild.
pub fn html(diags: &[Diagnostic], audience: Audience) -> String {
    let mut items = String::new();
    for d in diags.iter().take(50) {
        let at = match (&d.file, d.line, d.column) {
            _ if audience == Audience::Network => String::new(),
            (Some(f), 0, _) => f.clone(),
            (Some(f), l, 0) => format!("{f}:{l}"),
            (Some(f), l, c) => format!("{f}:{l}:{c}"),
            (None, _, _) => String::new(),
        };
        items.push_str(&format!(
            "<li><p><strong>{}[{}]</strong> {}</p>{}{}</li>",
            d.severity.as_str(),
            esc(&d.rule),
            esc(&d.message),
            if at.is_empty() {
                String::new()
            } else {
                format!("<p><code>{}</code></p>", esc(&at))
            },
            d.hint
                .as_ref()
                .map(|h| format!("<p>help: {}</p>", esc(h)))
                .unwrap_or_default(),
        ));
    }
    if diags.len() > 50 {
        items.push_str(&format!("<li>... and {} more</li>", diags.len() - 50));
    }
    let what = match audience {
        Audience::ThisComputer => "Fix these and save; the page reloads by itself.".to_string(),
        Audience::Network => format!(
            "{}: the terminal where iro serve runs shows where each one is (files are not named to other computers). Fix them and save; the page reloads by itself.",
            crate::diag::plural(diags.len(), "problem", "problems")
        ),
    };
    format!(
        "<div id=\"iro-overlay\" role=\"alertdialog\" aria-labelledby=\"iro-overlay-title\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;background:#ffffff;color:#111;padding:2rem;font:16px/1.5 system-ui,sans-serif\"><h2 id=\"iro-overlay-title\" style=\"color:#b3261e;margin-top:0\">The report did not build: showing the last version that did</h2><p>{what}</p><ol>{items}</ol></div>"
    )
}

/// `page` with `html` added first in `<body>` (what to read first).
pub fn inject_top(page: &str, html: &str) -> String {
    match page
        .find("<body")
        .and_then(|i| page[i..].find('>').map(|j| i + j + 1))
    {
        Some(i) => format!("{}{html}{}", &page[..i], &page[i..]),
        None => format!("{html}{page}"),
    }
}

/// `page` with the overlay added before `</body>`.
pub fn inject(page: &str, overlay: &str) -> String {
    match page.rfind("</body>") {
        Some(i) => format!("{}{overlay}{}", &page[..i], &page[i..]),
        None => format!("{page}{overlay}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_names_rule_place_and_hint_escaped() {
        let d = Diagnostic::new("site", "no figure `<x>`")
            .file("report/2025-26/01-intro.md")
            .at(3, 7)
            .hint("did you mean `reviews.held`?");
        let o = html(std::slice::from_ref(&d), Audience::ThisComputer);
        assert!(o.contains("error[site]") && o.contains("report/2025-26/01-intro.md:3:7"));
        assert!(o.contains("&lt;x&gt;") && !o.contains("<x>"));
        let p = inject("<html><body><p>hi</p></body></html>", &o);
        assert!(p.contains("<p>hi</p><div id=\"iro-overlay\"") && p.ends_with("</body></html>"));
        // To other computers: the problem and its hint, not where it is.
        let o = html(&[d.clone(), d.child("C0001")], Audience::Network);
        assert!(o.contains("error[site]") && o.contains("did you mean"));
        assert!(!o.contains("01-intro.md") && !o.contains("C0001"), "{o}");
        assert!(o.contains("2 problems") && o.contains("terminal"), "{o}");
    }
}
