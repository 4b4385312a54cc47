//! `iro build`: the report site and PDFs as a manager runs them, and every
//! way the build refuses bad input while leaving the previous site as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn iro(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_iro"))
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    out
}

/// The minimal example with one report section for 2024-25.
fn minimal() -> (tempfile::TempDir, PathBuf) {
    crate::common::minimal_with_report("\n{{ chart(\"reviews.on_time\") }}\n")
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn build(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--year",
        "2024-25",
    ];
    args.extend_from_slice(extra);
    iro(&args)
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The shipped example builds: pages, CSVs, tagged PDFs, and no child's
/// name, id or date of birth anywhere in the output (checked here with a
/// plain search, independently of the build's own guard).
#[test]
fn the_shipped_service_builds_a_site_with_no_child_identifiers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let o = iro(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("built the 2025-26 report") && said.contains("reading ease"),
        "{said}"
    );
    for p in [
        "index.html",
        "children/index.html",
        "report/index.html",
        "report/introduction/index.html",
        "figures/index.html",
        "figures/reviews-on-time.csv",
        "scorecard/index.html",
        "years/index.html",
        "years/2024-25/index.html",
        "accessibility/index.html",
        "assets/site.css",
        "pdf/report-2025-26.pdf",
        "pdf/summary-2025-26.pdf",
    ] {
        assert!(out.join(p).exists(), "{p}");
    }
    let (repo, _) = iro::load::load(&root).unwrap();
    let mut needles: Vec<String> = Vec::new();
    for c in repo.children.values() {
        needles.push(c.rec.name.value.clone());
        needles.push(c.id.clone());
        needles.push(c.rec.dob.0.to_string());
        needles.push(iro::day::long(c.rec.dob.0));
    }
    let mut files = Vec::new();
    all_files(&out, &mut files);
    for f in files
        .iter()
        .filter(|f| !f.extension().is_some_and(|e| e == "pdf" || e == "ttf"))
    {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for n in &needles {
            assert!(
                !text.contains(n.as_str()),
                "{} holds a child identifier",
                f.display()
            );
        }
    }
    // The HTML never carries a script; the summary puts the key figures first.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("<script"));
    assert!(
        index.contains("289") && index.contains("94%"),
        "key figures"
    );
    // The scorecard says its status in words, not colour alone.
    let card = std::fs::read_to_string(out.join("scorecard/index.html")).unwrap();
    assert!(card.contains("On target") && card.contains("Close to target"));
    // The PDFs: tagged, titled, in British English, identified as PDF/UA-1.
    for pdf in ["pdf/report-2025-26.pdf", "pdf/summary-2025-26.pdf"] {
        let Ok(info) = Command::new("pdfinfo").arg(out.join(pdf)).output() else {
            assert!(
                std::env::var_os("IRO_CI").is_none(),
                "pdfinfo (poppler-utils) is needed under CI"
            );
            eprintln!("note: pdfinfo (poppler-utils) not installed; skipping the PDF checks");
            break;
        };
        let info = String::from_utf8_lossy(&info.stdout).to_string();
        assert!(info.contains("Tagged:          yes"), "{pdf}: {info}");
        assert!(info.contains("Title:           Northdale"), "{pdf}: {info}");
        let meta = Command::new("pdfinfo")
            .arg("-meta")
            .arg(out.join(pdf))
            .output()
            .unwrap();
        let meta = String::from_utf8_lossy(&meta.stdout).to_string();
        assert!(
            meta.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{pdf}: {meta}"
        );
        assert!(meta.contains("en-GB"), "{pdf}: {meta}");
    }
    // Every table's CSV is aggregates: a header and one row per table row.
    let csv = std::fs::read_to_string(out.join("figures/reviews-on-time.csv")).unwrap();
    assert!(csv.lines().count() >= 3, "{csv}");
    words_true_to_the_numbers(&out);
}

/// The shipped site's words for its numbers (issue 25): one vocabulary for
/// a missing number, rates said as what they count, footers dated as the
/// figures are.
fn words_true_to_the_numbers(out: &Path) {
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let mut files = Vec::new();
    all_files(out, &mut files);
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html" || e == "csv"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        for old in [
            ">suppressed<",
            "not available",
            ">-<",
            "Not shown",
            "No target",
        ] {
            assert!(!text.contains(old), "{}: {old}", f.display());
        }
    }
    // A hidden median reads as hidden, never as a count nor an average.
    let challenges = read("report/challenges/index.html");
    assert!(
        challenges.contains("[c] (too few to publish)</span> <span class=\"fig-words\">working days: the middle time"),
        "{challenges}"
    );
    assert!(!challenges.contains("on average"));
    // A hidden row of the scorecard says why, with its own icon.
    let card = read("scorecard/index.html");
    assert!(card.contains("icon-hidden") && card.contains("Not compared: too few to publish"));
    // Rates of reviews are said as rates of reviews.
    let index = read("index.html");
    assert!(index.contains("of reviews of children aged 4 or over had the child taking part"));
    assert!(!index.contains("of children aged 4 or over took part"));
    // Past years are counted from the records as they stood on the check
    // date (records/iro.toml's as_of), and say so.
    for page in [
        "index.html",
        "years/2024-25/index.html",
        "years/2018-19/index.html",
    ] {
        assert!(
            read(page).contains(
                "Figures computed from the records on <span data-iro-date>31 March 2026</span>"
            ),
            "{page}"
        );
    }
}

/// A child's name planted in a narrative section fails the build, says
/// which child and which field (never the name), and leaves the previous
/// site as it was.
#[test]
fn a_childs_name_in_a_section_fails_and_keeps_the_previous_site() {
    let (_t, root) = minimal();
    let r = root.to_str().unwrap();
    let o = build(&root, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = std::fs::read(root.join("public/index.html")).unwrap();
    write(
        &root,
        "report/2024-25/02-voices.md",
        "---\ntitle: Voices\npart: voices\n---\n> \"I liked my meeting.\" (Jordan Example, 10)\n",
    );
    let o = iro(&["build", "--root", r, "--year", "2024-25"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error[publish]") && err.contains("name of child C0001"),
        "{err}"
    );
    assert!(
        !err.contains("Jordan Example"),
        "the value is never printed: {err}"
    );
    assert_eq!(
        std::fs::read(root.join("public/index.html")).unwrap(),
        before
    );
    // A child's date of birth, as the site would print it, too.
    write(
        &root,
        "report/2024-25/02-voices.md",
        "---\ntitle: Voices\n---\nBorn on 2 June 2014.\n",
    );
    let err = String::from_utf8_lossy(&build(&root, &[]).stderr).to_string();
    assert!(err.contains("date of birth of child C0001"), "{err}");
    // A name in a service's PDF template: the PDF's own text is checked too.
    std::fs::remove_file(root.join("report/2024-25/02-voices.md")).unwrap();
    crate::common::use_theme(&root, "mine");
    write(
        &root,
        "themes/mine/report/summary.typ",
        "#set document(title: \"x\")\n= Thanks, Jordan Example\n",
    );
    let o = build(&root, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("pdf/summary-2024-25.pdf would publish the name of child C0001"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(root.join("public/index.html")).unwrap(),
        before
    );
}

/// Short codes: an unknown id names the file, line and column, and the nearest id.
#[test]
fn an_unknown_short_code_names_file_line_column_and_nearest_id() {
    let (_t, root) = minimal();
    write(
        &root,
        "report/2024-25/01-introduction.md",
        "---\ntitle: Introduction\n---\nHello.\n\nWe chaired {{ figure(\"reviews.hled\") }} and {{ graph(\"x\") }}.\n",
    );
    let o = build(&root, &["--no-pdf"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("report/2024-25/01-introduction.md:6:12"),
        "{err}"
    );
    assert!(err.contains("did you mean `reviews.held`"), "{err}");
    assert!(err.contains("unknown short code `graph`"), "{err}");
    assert!(!root.join("public").exists(), "nothing written");
}

/// A target stated in a section beside a figure must be the scorecard's in
/// iro.toml: a wrong one fails the build at its file, line and column,
/// writing nothing; the right one builds.
#[test]
fn a_stated_target_unlike_the_scorecards_fails_at_its_place() {
    let (_t, root) = minimal();
    let toml = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    write(
        &root,
        "iro.toml",
        &format!(
            "{toml}\n[scorecard]\n\"reviews.on_time\" = {{ target = 90, polarity = \"higher\" }}\n"
        ),
    );
    let section = |n: u32| {
        format!(
            "---\ntitle: Introduction\n---\nHello.\n\n{{{{ figure(\"reviews.on_time\") }}}} of reviews were on time,\nagainst our target of {n}%.\n"
        )
    };
    write(&root, "report/2024-25/01-introduction.md", &section(95));
    let o = build(&root, &["--no-pdf"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("report/2024-25/01-introduction.md:7:23"),
        "{err}"
    );
    assert!(
        err.contains(
            "a target of 95% beside `reviews.on_time`, but iro.toml's [scorecard] sets 90%"
        ),
        "{err}"
    );
    assert!(!root.join("public").exists(), "nothing written");
    write(&root, "report/2024-25/01-introduction.md", &section(90));
    let o = build(&root, &["--no-pdf"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A service theme's broken template, a file that is not UTF-8, a missing
/// logo, an empty report folder, a year with no records, records that do
/// not load: each a diagnostic and a non-zero exit, and no site written.
#[test]
fn bad_themes_logos_folders_years_and_records_fail_cleanly() {
    type Setup = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Setup, Vec<&str>)> = vec![
        (
            "broken template",
            Box::new(|r: &Path| {
                crate::common::use_theme(r, "mine");
                write(
                    r,
                    "themes/mine/site/index.html",
                    "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock %}\n",
                );
            }),
            vec!["themes/mine/site/index.html:3", "syntax error"],
        ),
        (
            "not UTF-8",
            Box::new(|r: &Path| {
                crate::common::use_theme(r, "mine");
                let p = r.join("themes/mine/site/years.html");
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, b"ok\nbad \xff here\n").unwrap();
            }),
            vec!["themes/mine/site/years.html:2:5", "not UTF-8"],
        ),
        (
            "missing logo",
            Box::new(|r: &Path| {
                let t = std::fs::read_to_string(r.join("iro.toml")).unwrap();
                std::fs::write(
                    r.join("iro.toml"),
                    t.replace(
                        "suppress_below = 6",
                        "suppress_below = 6\nlogo = \"logo.png\"",
                    ),
                )
                .unwrap();
            }),
            vec!["iro.toml", "logo `logo.png`"],
        ),
        (
            "empty report folder",
            Box::new(|r: &Path| {
                std::fs::remove_file(r.join("report/2024-25/01-introduction.md")).unwrap();
            }),
            vec!["report/2024-25/ holds no sections"],
        ),
        (
            "records that do not load",
            Box::new(|r: &Path| {
                write(
                    r,
                    "children/C0001/reviews/2024-10-30.md",
                    "---\nkind: [\n---\n",
                );
            }),
            vec!["error[parse]", "children/C0001/reviews/2024-10-30.md"],
        ),
    ];
    for (what, setup, expect) in cases {
        let (_t, root) = minimal();
        setup(&root);
        let o = build(&root, &["--no-pdf"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        for e in expect {
            assert!(err.contains(e), "{what}: expected {e:?} in {err}");
        }
        assert!(!root.join("public").exists(), "{what}: nothing written");
    }
    // A year the records do not reach.
    let (_t, root) = minimal();
    let o = iro(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--year",
        "2010-11",
        "--no-pdf",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing for the reporting year 2010-11"));
    // A folder the build did not make is never replaced.
    write(&root, "public/notes.txt", "mine");
    let o = build(&root, &["--no-pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(root.join("public/notes.txt").exists());
}

/// A service overrides one theme file; the rest comes from the default.
#[test]
fn a_service_theme_overrides_one_file() {
    let (_t, root) = minimal();
    crate::common::use_theme(&root, "mine");
    let t = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    std::fs::write(
        root.join("iro.toml"),
        t.replace(
            "suppress_below = 6",
            "suppress_below = 6\nbrand = \"#4b2c5e\"\nbrand_text = \"#ffffff\"",
        ),
    )
    .unwrap();
    write(
        &root,
        "themes/mine/site/accessibility.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Our own statement</h1>{% endblock %}",
    );
    let o = build(&root, &["--no-pdf"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a = std::fs::read_to_string(root.join("public/accessibility/index.html")).unwrap();
    assert!(a.contains("Our own statement") && a.contains("skip"), "{a}");
    let css = std::fs::read_to_string(root.join("public/assets/site.css")).unwrap();
    assert!(css.contains("--brand: #4b2c5e"));
    // Colours without enough contrast are refused.
    let t = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    std::fs::write(root.join("iro.toml"), t.replace("#ffffff", "#5b3c6e")).unwrap();
    let o = build(&root, &["--no-pdf"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("contrast"));
}

/// An audit of the built site done again from its CSVs alone, as someone
/// outside would: each figure's tables (the theme tables with their two
/// halves) with their totals as equations, every hidden cell an unknown of
/// at least 1 (zero is always shown). No hidden cell may be worked out, in
/// this year's site or any past year's pages.
#[test]
fn no_hidden_cell_of_the_shipped_site_can_be_worked_out_from_its_csvs() {
    use iro::stats::disclosure::{Cell, Derived, PublishedTable, Table};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    let o = iro(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--no-pdf",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let read = |p: &Path| -> (Table, PublishedTable) {
        let mut r = csv::Reader::from_path(p).unwrap();
        let cols: Vec<String> = r
            .headers()
            .unwrap()
            .iter()
            .skip(1)
            .map(str::to_string)
            .collect();
        let mut rows = Vec::new();
        let mut raw = Vec::new();
        let mut shown = Vec::new();
        for rec in r.records() {
            let rec = rec.unwrap();
            rows.push(rec[0].to_string());
            let mut a = Vec::new();
            let mut b = Vec::new();
            for c in rec.iter().skip(1) {
                let n: Option<u64> = c.replace(',', "").trim_end_matches('%').parse().ok();
                match (c, n) {
                    ("[c]", _) => {
                        a.push(Cell::Count(0));
                        b.push(Cell::Suppressed);
                    }
                    (_, Some(n)) => {
                        a.push(Cell::Count(n));
                        b.push(Cell::Count(n));
                    }
                    _ => {
                        a.push(Cell::Empty);
                        b.push(Cell::Empty);
                    }
                }
            }
            raw.push(a);
            shown.push(b);
        }
        let derived: Vec<Derived> = cols
            .iter()
            .position(|c| c == "%")
            .map(|col| Derived {
                col,
                num: Some(0),
                den: Some(1),
            })
            .into_iter()
            .collect();
        let t = Table {
            title: p.display().to_string(),
            row_header: String::new(),
            total_row: rows.last().is_some_and(|r| r == "Total"),
            total_col: cols.last().is_some_and(|c| c == "Total"),
            rows: rows.clone(),
            cols: cols.clone(),
            cells: raw,
            derived,
        };
        let p = PublishedTable {
            title: t.title.clone(),
            row_header: String::new(),
            rows,
            cols,
            cells: shown,
            notes: vec![],
            suppressed: 0,
        };
        (t, p)
    };
    let mut folders = vec![out.join("figures")];
    for e in std::fs::read_dir(out.join("years")).unwrap() {
        let f = e.unwrap().path().join("figures");
        if f.is_dir() {
            folders.push(f);
        }
    }
    let mut audited = 0;
    let mut hidden = 0;
    for dir in folders {
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".csv") && !n.ends_with("-h1.csv") && !n.ends_with("-h2.csv"))
            .collect();
        names.sort();
        for n in names {
            let stem = n.trim_end_matches(".csv");
            let mut family = vec![read(&dir.join(&n))];
            let (h1, h2) = (
                dir.join(format!("{stem}-h1.csv")),
                dir.join(format!("{stem}-h2.csv")),
            );
            if h1.exists() && h2.exists() {
                family.push(read(&h1));
                family.push(read(&h2));
            }
            let (tables, published): (Vec<Table>, Vec<PublishedTable>) = family.into_iter().unzip();
            hidden += published
                .iter()
                .flat_map(|p| p.cells.iter().flatten())
                .filter(|c| **c == Cell::Suppressed)
                .count();
            let found = iro::stats::linked::audit(&tables, &published).unwrap();
            assert!(found.is_empty(), "{}: {found:?}", dir.join(&n).display());
            audited += 1;
        }
    }
    assert!(
        audited > 100 && hidden > 100,
        "{audited} tables, {hidden} hidden cells"
    );
}
