//! Fuzz the front-matter splitter, every record parser, validation, the
//! regulation rules and the plain-language check: arbitrary text becomes the
//! files of a one-child repository. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const CONFIG: &str = "[service]\nname = \"Fuzz\"\n[services]\np = \"P\"\n[themes.alert]\nt = \"T\"\n[themes.good_practice]\ng = \"G\"\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Up to six files separated by a form feed; the first byte picks the layout.
    let mut parts = text.split('\u{c}');
    let names = [
        "children/C1/child.yaml",
        "children/C1/reviews/2024-01-10.md",
        "iros/a.yaml",
        "children/C1/alerts/2024-01-11-x.md",
        "children/C1/plans/2024-01-02-care.md",
        "children/C1/reviews/2024-07-10.md",
    ];
    let files: Vec<(&str, &str)> = names
        .iter()
        .filter_map(|n| parts.next().map(|p| (*n, p)))
        .collect();
    let _ = iro::load::parse::split_front_matter(text);
    if let Ok((repo, _)) = iro::load::load_texts(CONFIG, &files) {
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        let _ = iro::load::validate::validate(&repo, as_of);
        let an = iro::model::Analysis::new(&repo, as_of);
        let _ = iro::rules::run(&repo, &an);
    }
    let subject = iro::plain::Subject {
        names: vec!["Amira"],
        band: iro::plain::AgeBand::From8To12,
    };
    let _ = iro::plain::check(text, &subject, &iro::plain::PlainConfig::default());
});
