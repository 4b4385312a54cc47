//! Fuzz file and folder names: arbitrary paths (one per line) laid out as a
//! repository, each holding a well-formed record of the kind its extension
//! suggests, through the loader's path classification, validation and the
//! rules. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const CONFIG: &str = "[service]\nname = \"Fuzz\"\n[services]\np = \"P\"\n[themes.alert]\nt = \"T\"\n[themes.good_practice]\ng = \"G\"\n";
const YAML: &str = "name: A B\ndob: 2014-06-02\nsex: F\nethnicity: WBRI\nepisodes:\n  - start: 2024-09-02\n    reason_new: S\n    legal_status: C2\n    need: N1\n    placement: U6\n";
const MD: &str = "---\nkind: cla\niro: a\nparticipation: PN1\n---\nDear A,\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files: Vec<(&str, &str)> = vec![("iros/a.yaml", "name: I A\n")];
    for path in text.lines().take(8) {
        let body = if path.ends_with(".md") { MD } else { YAML };
        files.push((path, body));
    }
    if let Ok((repo, _)) = iro::load::load_texts(CONFIG, &files) {
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        let _ = iro::load::validate::validate(&repo, as_of);
        let an = iro::model::Analysis::new(&repo, as_of);
        let _ = iro::rules::run(&repo, &an);
    }
});
