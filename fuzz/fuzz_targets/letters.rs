//! Fuzz letter rendering (the `letters` feature): arbitrary text as the
//! child's names, the IRO's name and card, and the letter's body, through
//! the letter data, the HTML template and the Typst PDF. Nothing may panic,
//! and the HTML never carries the body's markup unescaped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const CONFIG: &str = "[service]\nname = \"Fuzz\"\n[services]\np = \"P\"\n[themes.alert]\nt = \"T\"\n[themes.good_practice]\ng = \"G\"\n";

fn engine() -> &'static iro::typeset::PdfEngine {
    static E: OnceLock<iro::typeset::PdfEngine> = OnceLock::new();
    E.get_or_init(iro::typeset::PdfEngine::new)
}

fn theme() -> &'static iro::letters::render::LetterTheme {
    static T: OnceLock<iro::letters::render::LetterTheme> = OnceLock::new();
    T.get_or_init(iro::letters::render::LetterTheme::new)
}

/// Text as a YAML value: a JSON string is valid YAML for any text.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // name \u{1f} preferred \u{1f} IRO name \u{1f} card \u{1f} body
    let mut p = text.splitn(5, '\u{1f}');
    let (name, preferred, iro_name, card, body) = (
        p.next().unwrap_or("A"),
        p.next().unwrap_or(""),
        p.next().unwrap_or("I A"),
        p.next().unwrap_or(""),
        p.next().unwrap_or(""),
    );
    let child = format!(
        "name: {}\npreferred_name: {}\ndob: 2014-06-02\nsex: F\nethnicity: WBRI\niro:\n  - {{ iro: a, from: 2024-09-02 }}\nepisodes:\n  - start: 2024-09-02\n    reason_new: S\n    legal_status: C2\n    need: N1\n    placement: U6\n",
        q(name),
        q(preferred)
    );
    let iro_file = format!("name: {}\ncard: {}\n", q(iro_name), q(card));
    let review = format!("---\nkind: cla\niro: a\nparticipation: PN1\n---\n{body}");
    let files = [
        ("iros/a.yaml", iro_file.as_str()),
        ("children/C1/child.yaml", child.as_str()),
        ("children/C1/reviews/2024-09-27.md", review.as_str()),
    ];
    let Ok((repo, _)) = iro::load::load_texts(CONFIG, &files) else {
        return;
    };
    let Some(c) = repo.children.get("C1") else {
        return;
    };
    if c.reviews.is_empty() {
        return;
    }
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    let an = iro::model::Analysis::new(&repo, as_of);
    let d = iro::letters::data::letter(&repo, c, &an.facts["C1"], 0, false);
    if let Ok(html) = theme().render_html(&d) {
        assert!(!html.contains("<script"), "unescaped markup in a letter");
    }
    // The engine evicts Typst's cache after each compile.
    let _ = theme().render_pdf(engine(), &d, None);
});
