//! Fuzz `iro.toml`: arbitrary text as the settings of a small repository,
//! then the loader, validation and every rule under those settings (policy,
//! calendar, re-grading). Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const CHILD: &str = "name: A B\ndob: 2014-06-02\nsex: F\nethnicity: WBRI\niro:\n  - { iro: a, from: 2024-09-02 }\nepisodes:\n  - start: 2024-09-02\n    reason_new: S\n    legal_status: C2\n    need: N1\n    placement: U6\n";
const REVIEW: &str = "---\nkind: cla\niro: a\nparticipation: PN1\nmeetings: [2024-09-20, 2024-09-27]\n---\nDear A,\n";
const IRO: &str = "name: I A\nfte: 0.5\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = iro::load::parse_config(text);
    let files = [
        ("iros/a.yaml", IRO),
        ("children/C1/child.yaml", CHILD),
        ("children/C1/reviews/2024-09-27.md", REVIEW),
    ];
    if let Ok((repo, _)) = iro::load::load_texts(text, &files) {
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        let _ = iro::load::validate::validate(&repo, as_of);
        let an = iro::model::Analysis::new(&repo, as_of);
        let diags = iro::rules::run(&repo, &an);
        let _ = iro::check::grade(diags, &iro::diag::catalog::Grades::new(&repo.config.rules));
    }
});
