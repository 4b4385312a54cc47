//! The first hour of a new service: `iro init`, the `iro new` scaffolds, and
//! one `iro check` that lists everything left to fill in, in an IRO's words.

use std::process::Output;

use crate::common::iro;

/// Words of serde, the YAML library or Rust that an IRO should never read.
const VOCABULARY: &[&str] = &[
    "Option<",
    "String",
    "serde",
    "deserializ",
    "sequence",
    "mapping",
    " map",
    "scalar",
    "struct",
    "YAML",
    "unit",
    "u32",
    "i64",
    "f64",
    "records.md",
    "rules.md",
];

/// Every `iro explain X` named in `text`.
fn pointers(text: &str) -> Vec<String> {
    text.split("`iro explain ")
        .skip(1)
        .map(|rest| rest.split('`').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn scaffolds_check_with_every_empty_field_listed_once() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(
        iro(&["init", "svc", "--no-git"], tmp.path())
            .status
            .success()
    );
    let root = tmp.path().join("svc");
    for args in [
        &["new", "child", "C0001"][..],
        &["new", "review", "C0001", "--date", "2026-01-10"],
        &["new", "plan", "C0001", "--date", "2026-01-05"],
        &[
            "new",
            "alert",
            "C0001",
            "--slug",
            "no-plan",
            "--date",
            "2026-01-12",
        ],
    ] {
        let out = iro(args, &root);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    let out = iro(
        &["check", "--as-of", "2026-02-01", "--format", "json"],
        &root,
    );
    assert_eq!(out.status.code(), Some(1));
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, String, u64, String)> = v
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let alert = "children/C0001/alerts/2026-01-12-no-plan.md";
    let child = "children/C0001/child.yaml";
    let review = "children/C0001/reviews/2026-01-10.md";
    let want = [
        (alert, 3, "`iro` is empty: the IRO who raised it; write it like `iro: pshah`"),
        (alert, 4, "`service` is empty: the team it is about; write it like `service: permanence`"),
        (alert, 5, "`themes` needs at least one item: what it is about; write it like `themes: [plan-not-shared]`"),
        (child, 2, "`name` is empty: full name (private: never published); write it like `name: Amira Khan`"),
        (child, 5, "`dob` is empty: date of birth (private: never published); write it like `dob: 2012-03-14`"),
        (child, 6, "`sex` is empty: sex as recorded for SSDA903; write it like `sex: F`"),
        (child, 7, "`ethnicity` is empty: SSDA903 ethnicity; write it like `ethnicity: WBRI`"),
        (child, 15, "episode 1: `legal_status` is empty: LS: legal status; write it like `legal_status: V2`"),
        (child, 16, "episode 1: `need` is empty: CIN: category of need; write it like `need: N1`"),
        (child, 17, "episode 1: `placement` is empty: PLACE: placement type; write it like `placement: U6`"),
        (review, 3, "`iro` is empty: the IRO who chaired; write it like `iro: pshah`"),
    ]
    .map(|(f, l, m)| ("schema".to_string(), f.to_string(), l, m.to_string()));
    assert_eq!(got, want);
    // The lines named are the lines of the empty fields as scaffolded.
    for (_, file, line, msg) in &got {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let field = msg.split('`').nth(1).unwrap();
        let at = text.lines().nth(*line as usize - 1).unwrap();
        assert!(
            at.trim_start().starts_with(&format!("{field}:")),
            "{file}:{line}: {at}"
        );
    }
    // No library words, and every pointer is an id `iro explain` knows,
    // in the terminal output too.
    let human = iro(&["check", "--as-of", "2026-02-01"], &root);
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(
        human.contains("= note: more: `iro explain schema`"),
        "{human}"
    );
    let mut all = human.clone();
    for d in &v {
        all.push_str(d["message"].as_str().unwrap());
        all.push_str(d["hint"].as_str().unwrap_or(""));
    }
    for w in VOCABULARY {
        assert!(!all.contains(w), "`{w}` in:\n{all}");
    }
    let ptrs = pointers(&all);
    assert!(ptrs.len() >= 12, "{ptrs:?}");
    for p in ptrs {
        let out = iro(&["explain", &p], &root);
        assert!(out.status.success(), "iro explain {p}: {out:?}");
        assert!(out.stdout.len() > 200, "iro explain {p}");
    }
}

/// The same record with problems of every kind: all reported in one run,
/// in words, each with its line.
#[test]
fn every_problem_of_a_file_in_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(
        iro(&["init", "svc", "--no-git"], tmp.path())
            .status
            .success()
    );
    let root = tmp.path().join("svc");
    std::fs::create_dir_all(root.join("children/C0001")).unwrap();
    std::fs::write(
        root.join("children/C0001/child.yaml"),
        "name: Amira Khan\ndob: 2014-02-30\nsex: female\nethnicity: [WBRI]\nsocial_workr: Sam\niro: pshah\nepisodes:\n  - start: 2025-01-01\n    reason_new: S\n    legal_status: C2\n    need: N1\n    placement: U1\n    end: soon\n",
    )
    .unwrap();
    let out = iro(
        &["check", "--as-of", "2026-02-01", "--format", "json"],
        &root,
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, u64, u64, String)> = v
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("date", 2, 6, "`dob` is not a real date: this day does not exist in that month (check the day, and 29 February in leap years)"),
        ("code", 3, 6, "`female` is not a valid sex (M or F)"),
        ("schema", 4, 12, "`ethnicity` should be one code from the SSDA903 ethnicity (ETHNIC) list, like `ethnicity: WBRI`"),
        ("schema", 5, 1, "`social_workr` is not a field iro knows here"),
        ("schema", 6, 6, "`iro` should be a list of allocations, one per line under `iro:`, like `- { iro: pshah, from: 2024-04-12 }`"),
        ("schema", 13, 10, "episode 1: `end` should be a date written YYYY-MM-DD, like 2024-05-31"),
    ]
    .map(|(r, l, c, m)| (r.to_string(), l, c, m.to_string()));
    assert_eq!(got, want);
    assert_eq!(out.status.code(), Some(1));
}

/// The guide in the README `iro init` writes, followed as written: its
/// commands run in order, and the edits it describes made between them.
#[test]
fn the_first_run_guide_works_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(
        iro(&["init", "svc", "--no-git"], tmp.path())
            .status
            .success()
    );
    let root = tmp.path().join("svc");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let guide = readme
        .split("## Your first hour")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    // The ```sh blocks, in order.
    let blocks: Vec<Vec<String>> = guide
        .split("```sh\n")
        .skip(1)
        .map(|b| {
            b.split("```")
                .next()
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect()
        })
        .collect();
    assert_eq!(blocks.len(), 6, "{blocks:?}");
    let run = |line: &str| -> Output {
        let args = shell_words(line);
        assert_eq!(args[0], "iro", "{line}");
        let a: Vec<&str> = args[1..].iter().map(String::as_str).collect();
        iro(&a, &root)
    };
    // 1. The IRO.
    for l in &blocks[0] {
        assert!(run(l).status.success(), "{l}");
    }
    // 2. The child: check lists the empty fields; fill them in with the
    //    values the guide gives, then the child checks clean.
    assert!(run(&blocks[1][0]).status.success());
    let first = run(&blocks[1][1]);
    assert_eq!(first.status.code(), Some(1));
    let text = String::from_utf8_lossy(&first.stdout);
    assert_eq!(text.matches("is empty").count(), 7, "{text}");
    let step2 = guide.split("```").nth(4).unwrap();
    let child = root.join("children/C0001/child.yaml");
    let mut yaml = std::fs::read_to_string(&child).unwrap();
    let mut filled = 0;
    for pair in step2.split('`').skip(1).step_by(2) {
        let pair = pair.replace('\n', " ");
        let Some((field, value)) = pair.split_once(": ") else {
            continue;
        };
        let field = field.trim_start();
        let (at, line) = yaml
            .lines()
            .enumerate()
            .find(|(_, l)| l.trim_start().starts_with(&format!("{field}:")))
            .map(|(i, l)| (i, l.to_string()))
            .unwrap_or_else(|| panic!("{field} not in the scaffold"));
        let indent = &line[..line.len() - line.trim_start().len()];
        let mut lines: Vec<String> = yaml.lines().map(str::to_string).collect();
        lines[at] = format!("{indent}{field}: {value}");
        yaml = lines.join("\n") + "\n";
        filled += 1;
    }
    assert_eq!(filled, 7);
    std::fs::write(&child, &yaml).unwrap();
    // 3. Plan, review, the review's fields and the letter.
    for l in &blocks[2] {
        assert!(run(l).status.success(), "{l}");
    }
    let reviews = root.join("children/C0001/reviews");
    let review = std::fs::read_dir(&reviews)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let r = std::fs::read_to_string(&review).unwrap();
    assert!(r.contains("care_plan: 2"), "the review names the plan: {r}");
    let front_end = r.match_indices("---\n").nth(1).unwrap().0;
    let front = r[..front_end]
        .replace("participation:       # PN0..PN7", "participation: PN1")
        .replace("seen_before:         # true | false", "seen_before: true");
    let letter = "---\nDear Amira,\n\nThank you for talking with me today. It was good to meet you.\n\n## What is going well\n\nYou are settled with Jo and Sam. You like your new school.\n\n## What needs to happen\n\nSam will set up a visit with your brother soon.\n";
    std::fs::write(&review, format!("{front}{letter}")).unwrap();
    let check = run(&blocks[3][0]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{out}");
    assert!(out.contains("0 errors"), "{out}");
    // `iro explain` as the guide shows it.
    assert!(guide.contains("`iro explain pn-missing`"));
    assert!(run("iro explain pn-missing").status.success());
    // 4. The letter.
    assert!(run(&blocks[4][0]).status.success());
    let letters: Vec<String> = std::fs::read_dir(root.join("private/letters/C0001"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(letters.len(), 2, "{letters:?}");
    // 5. The figures.
    let stats = run(&blocks[5][0]);
    assert!(stats.status.success());
    let s = String::from_utf8_lossy(&stats.stdout);
    assert!(s.contains("reviews chaired"), "{s}");
}

/// Split a command line on spaces, keeping "quoted words" together.
fn shell_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
