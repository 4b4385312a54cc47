//! SSDA903: the export's rows for known records (hand-written answers), the
//! import of bad files, and export -> import -> export giving the same files.

use crate::common::{Ep, RepoB, copy_dir};
use iro::ssda903::{CollectionYear, export::export};
use std::path::Path;

use crate::common::iro;

fn y(first: i32) -> CollectionYear {
    CollectionYear { first }
}

#[test]
fn export_rows_for_known_records() {
    let mut b = RepoB::new();
    // A: in care from September 2024; legal status changes in June 2025;
    // a review held as a series (first meeting 28 April), a stood-down
    // review and a pathway-free history.
    b.child("A", "2014-06-02")
        .care_from("2024-09-02")
        .ep(Ep::start("2024-09-02").end("2025-06-02", "X1"))
        .ep(Ep::change("2025-06-02", "L").ls("C2"));
    b.get("A").episodes.remove(0);
    b.get("A").review("2024-10-01");
    b.get("A")
        .review("2025-05-01")
        .meetings(&["2025-04-28", "2025-05-01"]);
    b.get("A").review("2025-09-01").stood_down("no-care-plan");
    b.get("A").review("2025-10-20").pn("PN3");
    // B: short breaks only (V3): episodes, no reviews, no MOTHER.
    b.child("B", "2012-01-01")
        .allocate("ia", "2025-05-01")
        .ep(Ep::start("2025-05-01")
            .ls("V3")
            .place("U4")
            .end("2025-05-04", "E8"));
    b.get("B").review("2025-07-01").pn("PN1");
    // C: left care before the year: not in the return.
    b.child("C", "2010-03-03")
        .care_from("2022-01-10")
        .ep(Ep::start("2022-01-10").end("2023-02-01", "E8"));
    b.get("C").episodes.remove(0);
    // D: semi-independent living (H5, returned as K3 from 2025-26), ended
    // after the year: open on 31 March, so no DEC or REC.
    b.child("D", "2008-05-05")
        .care_from("2025-11-03")
        .ep(Ep::start("2025-11-03").place("H5").end("2026-05-10", "E8"));
    b.get("D").episodes.remove(0);
    let out = b.run("2026-06-30");
    let t = export(
        &out.repo,
        &iro::model::Analysis::new(&out.repo, crate::common::d("2026-11-30")),
        y(2025),
    );
    assert_eq!(
        t.csv("header.csv"),
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n\
         A,F,02/06/2014,WBRI,,,\r\n\
         B,F,01/01/2012,WBRI,,,\r\n\
         D,F,05/05/2008,WBRI,,,\r\n"
    );
    assert_eq!(
        t.csv("episodes.csv"),
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n\
         A,02/09/2024,S,V2,N1,U6,PR1,02/06/2025,X1,,,,\r\n\
         A,02/06/2025,L,C2,N1,U6,PR1,,,,,,\r\n\
         B,01/05/2025,S,V3,N1,U4,PR1,04/05/2025,E8,,,,\r\n\
         D,03/11/2025,S,V2,N1,K3,PR1,,,,,,\r\n"
    );
    // The series is dated by its first meeting (series_timeliness = "first");
    // the stood-down review, the review of 2024 and B's short-break review are not returned.
    assert_eq!(
        t.csv("reviews.csv"),
        "CHILD,DOB,REVIEW,REVIEW_CODE\r\n\
         A,02/06/2014,28/04/2025,PN1\r\n\
         A,02/06/2014,20/10/2025,PN3\r\n"
    );
    // 2023-24: SEX as 2 (rule 101), H5 kept, and C's last episode is in it.
    let t = export(
        &out.repo,
        &iro::model::Analysis::new(&out.repo, crate::common::d("2026-11-30")),
        y(2022),
    );
    assert_eq!(
        t.header,
        vec![vec!["C", "2", "03/03/2010", "WBRI", "", "", ""]]
    );
    assert_eq!(
        t.episodes[0][7..9],
        ["01/02/2023".to_string(), "E8".to_string()]
    );
    let t = export(
        &out.repo,
        &iro::model::Analysis::new(&out.repo, crate::common::d("2026-11-30")),
        y(2026),
    );
    assert_eq!(t.episodes.len(), 2, "A and D are looked after in 2026-27");
    assert_eq!(t.episodes[1][0], "D");
    assert_eq!(t.episodes[1][5], "K3");
    assert_eq!(
        t.episodes[1][7..9],
        ["10/05/2026".to_string(), "E8".to_string()]
    );
}

#[test]
fn series_dated_by_the_last_meeting_when_the_service_says_so() {
    let mut b = RepoB::new();
    b.policy("series_timeliness = \"last\"");
    b.child("A", "2014-06-02").care_from("2025-04-01");
    b.get("A")
        .review("2025-04-25")
        .meetings(&["2025-04-22", "2025-04-25"]);
    let out = b.run("2025-06-30");
    let t = export(
        &out.repo,
        &iro::model::Analysis::new(&out.repo, crate::common::d("2026-11-30")),
        y(2025),
    );
    assert_eq!(
        t.reviews,
        vec![vec!["A", "02/06/2014", "25/04/2025", "PN1"]]
    );
}

/// The shipped example's return, imported into a new service and exported
/// again, gives the same files; a second import changes nothing.
#[test]
fn round_trip_and_a_second_import_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    // Exports go only inside the records' own folder: a copy of the example.
    let records = tmp.path().join("records");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("records"),
        &records,
    );
    let first = records.join("private/ssda903/2025-26");
    let out = iro(
        &[
            "export",
            "ssda903",
            "--year",
            "2025-26",
            "--root",
            records.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("SSDA903 2025-26: 125 children, 188 episodes, 228 reviews"),
        "{out:?}"
    );
    assert!(
        iro(&["init", "svc", "--no-git"], tmp.path())
            .status
            .success()
    );
    let svc = tmp.path().join("svc");
    let out = iro(&["import", "ssda903", first.to_str().unwrap()], &svc);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("imported 125 children and 228 reviews: 353 new files")
    );
    // The imported records load: no errors from the load checks.
    let check = iro(
        &["check", "--format", "json", "--as-of", "2026-03-31"],
        &svc,
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
    let load_errors: Vec<&serde_json::Value> = v
        .iter()
        .filter(|d| {
            d["severity"] == "error"
                && crate::common::LOAD_IDS.contains(&d["rule"].as_str().unwrap())
        })
        .collect();
    assert!(load_errors.is_empty(), "{load_errors:#?}");
    // Imported reviews have no decisions or records to chase in `iro due`.
    let due = iro(
        &[
            "due",
            "--as-of",
            "2026-03-31",
            "--days",
            "60",
            "--format",
            "json",
        ],
        &svc,
    );
    let items: Vec<serde_json::Value> = serde_json::from_slice(&due.stdout).unwrap();
    // The return carries no plans: eligible children's pathway plans are
    // listed until the service adds them (rule pathway-plan).
    assert!(!items.is_empty());
    let chased = |i: &&serde_json::Value| i["what"] != "review" && i["what"] != "pathway-plan";
    assert!(
        !items.iter().any(|i| chased(&i)),
        "{:#?}",
        items.iter().filter(chased).collect::<Vec<_>>()
    );
    let again = svc.join("private/again");
    let out = iro(
        &[
            "export",
            "ssda903",
            "--year",
            "2025-26",
            "--out",
            "private/again",
            "--as-of",
            "2026-03-31",
        ],
        &svc,
    );
    assert!(out.status.success(), "{out:?}");
    for f in ["header.csv", "episodes.csv", "reviews.csv"] {
        assert_eq!(
            std::fs::read(first.join(f)).unwrap(),
            std::fs::read(again.join(f)).unwrap(),
            "{f} differs after the round trip"
        );
    }
    let before = tree(&svc);
    let out = iro(&["import", "ssda903", first.to_str().unwrap()], &svc);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "nothing to import: the 125 children and 228 reviews are in the records already\n"
    );
    assert_eq!(tree(&svc), before);
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";
const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";

/// Import `files` (name, bytes) into a new service: (exit code, stderr, files written).
fn import_files(files: &[(&str, &[u8])]) -> (Option<i32>, String, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("return");
    std::fs::create_dir(&dir).unwrap();
    for (n, b) in files {
        std::fs::write(dir.join(n), b).unwrap();
    }
    assert!(
        iro(&["init", "svc", "--no-git"], tmp.path())
            .status
            .success()
    );
    let svc = tmp.path().join("svc");
    let before = tree(&svc).len();
    let out = iro(&["import", "ssda903", dir.to_str().unwrap()], &svc);
    let err = String::from_utf8_lossy(&out.stderr).replace(dir.to_str().unwrap(), "DIR");
    (out.status.code(), err, tree(&svc).len() - before)
}

#[test]
fn bad_files_get_a_row_and_column_and_nothing_is_written() {
    let good_ep = "C1,01/05/2025,S,C2,N1,U6,PR1,,,,,,\n";
    // Every problem of the files in one run, each with file:row:column.
    let header = format!(
        "{HEADER}C1,M,02/06/2014,WBRI,,,\nC2,X,31/02/2014,WBRI,,,\nC3,M,02/06/2014,ZZZZ,,,\nC1,M,02/06/2014,WBRI,,,\n"
    );
    let episodes = format!("{EPISODES}{good_ep}C1,01/05/2025,S,C2,N1,U6,PR1,,,,,,\n");
    let (code, err, written) = import_files(&[
        ("header.csv", header.as_bytes()),
        ("episodes.csv", episodes.as_bytes()),
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(written, 0);
    for want in [
        "error[code]: SEX: not a sex iro records (1 or M, 2 or F)\n --> DIR/header.csv:3:4",
        "error[date]: DOB: not a date written dd/mm/yyyy\n --> DIR/header.csv:3:6",
        "error[code]: ETHNIC: `ZZZZ` is not a valid SSDA903 ethnicity (ETHNIC)\n --> DIR/header.csv:4:17",
        "error[duplicate]: CHILD: child C1 has a second header row\n --> DIR/header.csv:5:1",
        "error[duplicate]: DECOM: child C1 has two episodes starting on this day\n --> DIR/episodes.csv:3:4",
        "not imported: nothing was written",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    // A missing column.
    let (code, err, written) = import_files(&[
        (
            "header.csv",
            b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\nC1,M,02/06/2014,WBRI,,\n",
        ),
        ("episodes.csv", format!("{EPISODES}{good_ep}").as_bytes()),
    ]);
    assert_eq!((code, written), (Some(1), 0));
    assert!(
        err.contains(
            "error[schema]: the header table lacks the column MC_DOB\n --> DIR/header.csv:1:1"
        ),
        "{err}"
    );
    // Not UTF-8 (a Latin-1 file from an old spreadsheet).
    let mut latin1 = format!("{HEADER}C1,M,02/06/2014,WBRI,,,\n").into_bytes();
    latin1.extend(b"C2,M,02/06/2014,WBRI,\xe9,,\n");
    let (code, err, written) = import_files(&[
        ("header.csv", &latin1),
        ("episodes.csv", format!("{EPISODES}{good_ep}").as_bytes()),
    ]);
    assert_eq!((code, written), (Some(1), 0));
    assert!(
        err.contains("error[io]: not UTF-8 text\n --> DIR/header.csv:3:1")
            || err.contains("error[io]: not UTF-8 text"),
        "{err}"
    );
    assert!(err.contains("CSV UTF-8"), "{err}");
    // An Excel-style file (byte-order mark, CRLF, quoted cells) imports.
    let excel = "\u{feff}\"CHILD\",\"SEX\",\"DOB\",\"ETHNIC\",\"UPN\",\"MOTHER\",\"MC_DOB\"\r\n\"C1\",\"1\",\"02/06/2014\",\"WBRI\",\"\",\"\",\"\"\r\n";
    let (code, err, written) = import_files(&[
        ("header.csv", excel.as_bytes()),
        ("episodes.csv", format!("{EPISODES}{good_ep}").as_bytes()),
    ]);
    assert_eq!((code, written), (Some(0), 1), "{err}");
}

#[test]
fn the_export_is_refused_under_public_and_beside_other_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("records");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal"),
        &root,
    );
    let r = root.to_str().unwrap();
    let out = iro(
        &[
            "export",
            "ssda903",
            "--year",
            "2024-25",
            "--out",
            "public/903",
            "--root",
            r,
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be inside public/"));
    assert!(!root.join("public").exists());
    std::fs::create_dir_all(root.join("mine")).unwrap();
    std::fs::write(root.join("mine/notes.txt"), "mine").unwrap();
    let out = iro(
        &[
            "export", "ssda903", "--year", "2024-25", "--out", "mine", "--root", r,
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(root.join("mine/notes.txt")).unwrap(),
        "mine"
    );
    let out = iro(
        &["export", "ssda903", "--year", "2024-25", "--root", r],
        tmp.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let h = std::fs::read_to_string(root.join("private/ssda903/2024-25/header.csv")).unwrap();
    assert!(
        h.starts_with("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"),
        "{h}"
    );
    let out = iro(
        &["export", "ssda903", "--year", "2024-2025", "--root", r],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}

/// Import a header and an episodes table (see `import_files`).
fn import_pair(header: &str, episodes: &str) -> (Option<i32>, String, usize) {
    import_files(&[
        ("header.csv", header.as_bytes()),
        ("episodes.csv", episodes.as_bytes()),
    ])
}

/// The message lines of an import's stderr (the excerpts show the user's own
/// file; the messages must not quote it).
fn messages(err: &str) -> Vec<&str> {
    err.lines()
        .filter(|l| l.starts_with("error") || l.contains("= help:"))
        .collect()
}

#[test]
fn upns_postcodes_and_urns_are_checked_and_never_quoted_at_import() {
    let header = format!(
        "{HEADER}C1,M,02/06/2014,WBRI,\"=HYPERLINK(\"\"http://x\"\")\",,\nC2,M,02/06/2014,WBRI,A801200005001,,\nC3,M,02/06/2014,WBRI,B801200005001,,\n"
    );
    let episodes = format!(
        "{EPISODES}C1,01/05/2025,S,C2,N1,U6,PR1,,,,=1+2,@SUM(A1),+1+1\nC2,01/05/2025,S,C2,N1,U6,PR1,,,,SW1A 1AA,M1,SC98765\nC3,01/05/2025,S,C2,N1,U6,PR1,,,,sw1a1aa,M1 1AE,SC123456\n"
    );
    let (code, err, written) = import_pair(&header, &episodes);
    assert_eq!((code, written), (Some(1), 0), "{err}");
    let col = |text: &str, line: usize, cell: &str| {
        text.lines().nth(line - 1).unwrap().find(cell).unwrap() + 1
    };
    let formula = "begins with =, +, -, @ or a tab, as a spreadsheet formula does";
    let upn = "it is not a unique pupil number in the DfE's format";
    let check_letter = "the value has the wrong check letter: its first character does not match the 12 after it (a character is likely mistyped)";
    let (h, e) = (("header.csv", &header), ("episodes.csv", &episodes));
    for ((file, text), line, cell, what) in [
        (h, 2, "\"=", format!("UPN: the value {formula}: {upn}")),
        (h, 3, "A80", format!("UPN: {check_letter}")),
        (
            e,
            2,
            "=1+2",
            format!("HOME_POST: the value {formula}: it is not a UK postcode"),
        ),
        (
            e,
            2,
            "@SUM",
            format!("PL_POST: the value {formula}: it is not a UK postcode"),
        ),
        (
            e,
            2,
            "+1+1",
            format!("URN: the value {formula}: it is not an Ofsted URN"),
        ),
        (
            e,
            3,
            "M1,",
            "PL_POST: the value is not a UK postcode".into(),
        ),
        (
            e,
            3,
            "SC98765",
            "URN: the value is not an Ofsted URN".into(),
        ),
    ] {
        let want = format!(
            "error[code]: {what}\n --> DIR/{file}:{line}:{}",
            col(text, line, cell)
        );
        assert!(err.contains(&want), "missing {want:?} in:\n{err}");
    }
    for m in messages(&err) {
        for value in ["HYPERLINK", "1+2", "SUM", "A801", "SC98765"] {
            assert!(!m.contains(value), "{value} quoted in {m:?}");
        }
    }
    assert!(
        err.contains("help: a full UK postcode, e.g. `SW1A 1AA`"),
        "{err}"
    );
    // Well-formed values import, postcodes in any case and without a space.
    let header = format!("{HEADER}C3,M,02/06/2014,WBRI,B801200005001,,\n");
    let episodes = format!("{EPISODES}C3,01/05/2025,S,C2,N1,U6,PR1,,,,sw1a1aa,M1 1AE,SC123456\n");
    let (code, err, written) = import_pair(&header, &episodes);
    assert_eq!((code, written), (Some(0), 1), "{err}");
}

#[test]
fn an_import_file_over_the_limit_is_refused_before_it_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("big");
    // A sparse file one byte over the limit: refused by its size alone.
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(iro::ssda903::import::MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let dir = tmp.path().join("return");
    std::fs::create_dir(&dir).unwrap();
    std::fs::rename(&big, dir.join("header.csv")).unwrap();
    std::fs::write(
        dir.join("episodes.csv"),
        format!("{EPISODES}C1,01/05/2025,S,C2,N1,U6,PR1,,,,,,\n"),
    )
    .unwrap();
    assert!(
        iro(&["init", "svc", "--no-git"], tmp.path())
            .status
            .success()
    );
    let out = iro(
        &["import", "ssda903", dir.to_str().unwrap()],
        &tmp.path().join("svc"),
    );
    let err = String::from_utf8_lossy(&out.stderr).replace(dir.to_str().unwrap(), "DIR");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[io]: file is too large (32.0 MiB; at most 32 MiB)"),
        "{err}"
    );
    assert!(err.contains("= note: in DIR/header.csv\n"), "{err}");
    assert!(err.contains("an SSDA903 file is at most 32 MiB"), "{err}");
}

#[test]
fn a_long_value_or_column_name_is_refused_and_never_echoed() {
    let long = "9".repeat(10_000);
    let good_ep = format!("{EPISODES}C1,01/05/2025,S,C2,N1,U6,PR1,,,,,,\n");
    // A 10 kB UPN.
    let header = format!("{HEADER}C1,M,02/06/2014,WBRI,{long},,\n");
    let (code, err, written) = import_pair(&header, &good_ep);
    assert_eq!((code, written), (Some(1), 0), "{err}");
    assert!(
        err.contains("error[schema]: UPN: a cell of more than 100 characters; no SSDA903 value is that long\n --> DIR/header.csv:2:22"),
        "{err}"
    );
    assert!(!err.contains(&long[..200]), "the value is echoed");
    assert!(err.len() < 2_000, "{} bytes of errors", err.len());
    // A 10 kB column name in the first row, and a long unknown one: the
    // excerpt shows at most 120 characters of the line, the messages none.
    for extra in [long.clone(), "X".repeat(60)] {
        let header =
            format!("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,{extra}\nC1,M,02/06/2014,WBRI,,,,\n");
        let (code, err, written) = import_pair(&header, &good_ep);
        assert_eq!((code, written), (Some(1), 0), "{err}");
        for m in messages(&err) {
            assert!(!m.contains(&extra[..20]), "the name is echoed:\n{err}");
        }
        assert!(!err.contains(&"9".repeat(200)), "the name is echoed");
        assert!(err.len() < 2_000, "{} bytes of errors", err.len());
    }
}

#[test]
fn a_bad_row_is_named_by_its_line_whatever_the_line_ends() {
    let good_ep = format!("{EPISODES}C1,01/05/2025,S,C2,N1,U6,PR1,,,,,,\n");
    for end in ["\n", "\r\n", "\r"] {
        // A quoted cell holding a line end, a blank line, then the bad row:
        // line 5 of the file.
        let header = format!(
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB{end}C1,M,02/06/2014,WBRI,,,\"{end}\"{end}{end}C2,X,02/06/2014,WBRI,,,{end}"
        );
        let episodes = good_ep.replace('\n', end);
        let (code, err, written) = import_pair(&header, &episodes);
        assert_eq!((code, written), (Some(1), 0), "{end:?}: {err}");
        assert!(
            err.contains(
                "error[code]: SEX: not a sex iro records (1 or M, 2 or F)\n --> DIR/header.csv:5:4"
            ),
            "{end:?}: {err}"
        );
        assert!(err.contains("5 | C2,X,02/06/2014"), "{end:?}: {err}");
    }
}

#[test]
fn the_export_refuses_a_value_not_in_its_format() {
    let (tmp, root) = crate::common::minimal();
    let child = root.join("children/C0001/child.yaml");
    let text = std::fs::read_to_string(&child).unwrap();
    std::fs::write(&child, text.replace("sex: M\n", "sex: M\nupn: \"=1+2\"\n")).unwrap();
    let r = root.to_str().unwrap();
    let out = iro(
        &["export", "ssda903", "--year", "2024-25", "--root", r],
        tmp.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error: 1 UPN, postcode or URN is not in the format the return needs; `iro check` lists them"
        ),
        "{err}"
    );
    assert!(!root.join("private").exists());
    let out = iro(&["check", "--root", r, "--format", "json"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "code")
        .expect("a code finding");
    assert_eq!(d["file"], "children/C0001/child.yaml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(6), Some(6))
    );
    assert!(!d["message"].as_str().unwrap().contains("1+2"));
}
