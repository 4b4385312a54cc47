//! `iro serve`: the preview rebuilt change by change equals a full build of
//! the same files; a failed rebuild keeps the last good site with an
//! overlay; letters render; a port in use and Ctrl-C are handled.

use crate::common::copy_dir;
use iro::serve::change::ChangeKind;
use iro::serve::live::Live;
use iro::serve::overlay::Audience::ThisComputer;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn minimal() -> (tempfile::TempDir, PathBuf) {
    crate::common::minimal_with_report("")
}

fn live(root: &Path) -> Live {
    Live::new(root, None, Some("2024-25".into()), false)
}

fn one(k: ChangeKind) -> BTreeSet<ChangeKind> {
    BTreeSet::from([k])
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let s = std::fs::read_to_string(&p).unwrap();
    assert!(s.contains(from), "{rel}: {from}");
    std::fs::write(p, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn rebuilt_site_equals_a_full_build() {
    let (_t, root) = minimal();
    let mut l = live(&root);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    // A child's record: that child again, figures and pages.
    edit(
        &root,
        "children/C0001/reviews/2024-09-27.md",
        "participation: PN1",
        "participation: PN7",
    );
    assert!(l.apply(&one(ChangeKind::Child("C0001".into()))));
    assert_eq!(l.site.files, live(&root).site.files, "after a child's edit");
    // A new review file for the child.
    let text = std::fs::read_to_string(root.join("children/C0001/reviews/2024-09-27.md")).unwrap();
    std::fs::write(root.join("children/C0001/reviews/2024-09-28.md"), text).unwrap();
    assert!(l.apply(&one(ChangeKind::Child("C0001".into()))));
    assert_eq!(l.site.files, live(&root).site.files, "after a new review");
    // A section.
    edit(
        &root,
        "report/2024-25/01-introduction.md",
        "We chaired",
        "This year we chaired",
    );
    assert!(l.apply(&one(ChangeKind::Report(Some("2024-25".into())))));
    assert_eq!(l.site.files, live(&root).site.files, "after a section edit");
    // A theme file.
    crate::common::use_theme(&root, "mine");
    std::fs::create_dir_all(root.join("themes/mine/site")).unwrap();
    std::fs::write(
        root.join("themes/mine/site/accessibility.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Ours</h1>{% endblock %}",
    )
    .unwrap();
    assert!(l.apply(&one(ChangeKind::Config)));
    std::fs::write(
        root.join("themes/mine/site/accessibility.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Ours, again</h1>{% endblock %}",
    )
    .unwrap();
    assert!(l.apply(&one(ChangeKind::Theme)));
    assert_eq!(l.site.files, live(&root).site.files, "after a theme edit");
    assert!(
        String::from_utf8_lossy(&l.site.files["accessibility/index.html"]).contains("Ours, again")
    );
}

#[test]
fn a_failed_rebuild_keeps_the_last_site_with_an_overlay() {
    let (_t, root) = minimal();
    let mut l = live(&root);
    let good = l.site.files.clone();
    edit(
        &root,
        "report/2024-25/01-introduction.md",
        "figure(\"reviews.held\")",
        "figure(\"reviews.hled\")",
    );
    assert!(!l.apply(&one(ChangeKind::Report(Some("2024-25".into())))));
    assert_eq!(l.site.files, good, "the last good site is kept");
    let (status, ct, body) = iro::serve::respond(&l, "/", ThisComputer);
    assert_eq!(status.as_u16(), 200);
    assert!(ct.starts_with("text/html"));
    let body = String::from_utf8(body).unwrap();
    assert!(
        body.contains("iro-overlay") && body.contains("report/2024-25/01-introduction.md:4:12"),
        "{body}"
    );
    assert!(body.contains("did you mean `reviews.held`"));
    // Fixed: the overlay goes.
    edit(
        &root,
        "report/2024-25/01-introduction.md",
        "reviews.hled",
        "reviews.held",
    );
    assert!(l.apply(&one(ChangeKind::Report(Some("2024-25".into())))));
    let (_, _, body) = iro::serve::respond(&l, "/", ThisComputer);
    assert!(!String::from_utf8(body).unwrap().contains("iro-overlay"));
    // A record that does not load shows too, and a 404 is a page.
    edit(
        &root,
        "children/C0001/reviews/2024-09-27.md",
        "participation: PN1",
        "participation: [",
    );
    assert!(!l.apply(&one(ChangeKind::Child("C0001".into()))));
    assert!(l.errors.iter().any(|d| d.rule == "parse"), "{:?}", l.errors);
    let (status, _, _) = iro::serve::respond(&l, "/nothing/here.html", ThisComputer);
    assert_eq!(status.as_u16(), 404);
}

#[test]
fn letters_preview_renders_html_and_pdf() {
    let (_t, root) = minimal();
    let l = live(&root);
    let (ct, html) = iro::serve::letter(&l, "C0001", "2024-09-27", false).unwrap();
    assert!(ct.starts_with("text/html"));
    assert!(
        String::from_utf8(html)
            .unwrap()
            .contains("<html lang=\"en-GB\">")
    );
    let (ct, pdf) = iro::serve::letter(&l, "C0001", "2024-09-27", true).unwrap();
    assert_eq!(ct, "application/pdf");
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("letter.pdf");
    std::fs::write(&p, &pdf).unwrap();
    if let Some(text) = crate::common::pdf_text(&p) {
        assert!(text.contains("Hello Jordan"), "{text}");
    }
    assert!(iro::serve::letter(&l, "C0001", "2024-01-01", false).is_err());
    assert!(iro::serve::letter(&l, "C9999", "2024-09-27", false).is_err());
}

#[test]
fn a_port_in_use_names_another_and_ctrl_c_stops_cleanly() {
    let (_t, root) = minimal();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_iro"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is in use") && err.contains("--port"), "{err}");
    drop(busy);
    // Letters only on this computer.
    let out = Command::new(env!("CARGO_BIN_EXE_iro"))
        .args([
            "serve",
            "--root",
            root.to_str().unwrap(),
            "--letters",
            "--bind",
            "0.0.0.0",
            "--port",
            "0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    #[cfg(unix)]
    {
        let port = crate::common::free_port();
        let mut child = crate::common::spawn_serve(&root, port, &[]);
        // Wait until it answers, then ask for the summary.
        let mut answered = false;
        for _ in 0..100 {
            if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                use std::io::{Read, Write};
                let _ = s.write_all(
                    format!(
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
                    )
                    .as_bytes(),
                );
                let mut r = String::new();
                let _ = s.read_to_string(&mut r);
                answered = r.starts_with("HTTP/1.1 200") && r.contains("<html");
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        assert!(answered, "the summary was served");
        assert_eq!(status.code(), Some(0), "Ctrl-C stops cleanly");
        assert!(!root.join("public").exists(), "nothing written");
    }
}

/// One HTTP GET on loopback: (status line, body).
fn get(port: u16, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return (String::new(), String::new());
    };
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
    .unwrap();
    let mut r = String::new();
    let _ = s.read_to_string(&mut r);
    let status = r.lines().next().unwrap_or("").to_string();
    let body = r
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Poll until `pred` holds for the page (the watcher debounces, then rebuilds).
fn until(port: u16, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    for _ in 0..200 {
        let (_, body) = get(port, path);
        if pred(&body) {
            return body;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

/// The real server and watcher: an edit is rebuilt and the browser told to
/// reload (server-sent event); a broken record shows the overlay naming the
/// file; fixed, the overlay goes; the letter preview shows the check.
#[cfg(unix)]
#[test]
fn edit_reload_break_overlay_fix() {
    use std::io::{BufRead, BufReader, Write};
    let (_t, root) = minimal();
    let port = crate::common::free_port();
    let mut child = crate::common::spawn_serve(&root, port, &["--letters"]);
    let first = until(port, "/", "the first build", |b| b.contains("<html"));
    assert!(
        first.contains("_tower-livereload"),
        "the reload script is injected"
    );
    // Listen for the reload event.
    let mut sse = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    sse.write_all(
        format!("GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")
            .as_bytes(),
    )
    .unwrap();
    sse.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(sse);
        let mut line = String::new();
        while r.read_line(&mut line).unwrap_or(0) > 0 {
            if line.starts_with("event: reload") {
                let _ = tx.send(());
                return;
            }
            line.clear();
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Edit a section: rebuilt, and the reload event arrives.
    edit(
        &root,
        "report/2024-25/01-introduction.md",
        "We chaired",
        "This year we chaired",
    );
    until(port, "/report/introduction/index.html", "the edit", |b| {
        b.contains("This year we chaired")
    });
    assert!(
        rx.recv_timeout(std::time::Duration::from_secs(20)).is_ok(),
        "reload event"
    );
    // Break a record: the overlay names the file.
    edit(
        &root,
        "children/C0001/reviews/2024-09-27.md",
        "participation: PN1",
        "participation: [",
    );
    let page = until(port, "/", "the overlay", |b| b.contains("iro-overlay"));
    assert!(
        page.contains("children/C0001/reviews/2024-09-27.md"),
        "{page}"
    );
    // Fix it: the overlay goes.
    edit(
        &root,
        "children/C0001/reviews/2024-09-27.md",
        "participation: [",
        "participation: PN1",
    );
    until(port, "/", "the overlay to go", |b| {
        !b.contains("iro-overlay") && b.contains("<html")
    });
    // The letter preview, with the plain-language check beside it.
    let (status, letter) = get(port, "/letters/C0001/2024-09-27");
    assert!(status.contains("200"), "{status}");
    assert!(letter.contains("Plain-language check") && letter.contains("Reading ease"));
    // Read-only: no other methods, no climbing out.
    let (status, _) = get(port, "/../iro.toml");
    assert!(!status.contains("200"), "{status}");
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

/// On the shipped service (ten years of figures): edits in an early year, a
/// late year and a child's own record are counted again only from where
/// they can change anything, and the site equals a full build each time.
#[test]
fn incremental_rebuilds_of_the_shipped_service_equal_full_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("records");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("records"),
        &root,
    );
    let mut l = Live::new(&root, None, None, false);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    let full = |root: &Path| Live::new(root, None, None, false).site.files;
    let reviews = |c: &str| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> =
            match std::fs::read_dir(root.join(format!("children/{c}/reviews"))) {
                Ok(d) => d.map(|e| e.unwrap().path()).collect(),
                Err(_) => Vec::new(),
            };
        v.sort();
        v
    };
    // The child with the most reviews: edit its first and its last.
    let mut kids: Vec<String> = std::fs::read_dir(root.join("children"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    kids.sort_by_key(|c| std::cmp::Reverse(reviews(c).len()));
    let c = kids[0].clone();
    let rs = reviews(&c);
    for (i, r) in [rs[0].clone(), rs[rs.len() - 1].clone()].iter().enumerate() {
        let t = std::fs::read_to_string(r).unwrap();
        let edited = if t.contains("participation: PN1") {
            t.replacen("participation: PN1", "participation: PN7", 1)
        } else if t.contains("seen_before: true") {
            t.replacen("seen_before: true", "seen_before: false", 1)
        } else {
            format!("{t}\nOne more line.\n")
        };
        std::fs::write(r, edited).unwrap();
        assert!(
            l.apply(&one(ChangeKind::Child(c.clone()))),
            "{:?}",
            l.errors
        );
        assert_eq!(l.site.files, full(&root), "edit {i} of {c}");
        if i == 1 {
            assert!(
                !l.site.reused.is_empty(),
                "a late edit reuses the early years' pages"
            );
        }
    }
    // The child's own record: everything of theirs counted again.
    let cy = root.join(format!("children/{c}/child.yaml"));
    let t = std::fs::read_to_string(&cy).unwrap();
    std::fs::write(&cy, format!("{t}\n")).unwrap();
    assert!(l.apply(&one(ChangeKind::Child(c.clone()))));
    assert_eq!(l.site.files, full(&root), "child.yaml");
    // A removed review.
    std::fs::remove_file(&rs[rs.len() - 1]).unwrap();
    assert!(l.apply(&one(ChangeKind::Child(c.clone()))));
    assert_eq!(l.site.files, full(&root), "a removed review");
    // A report section: that year's pages.
    let sec = root.join("report/2025-26/01-introduction.md");
    let t = std::fs::read_to_string(&sec).unwrap();
    std::fs::write(
        &sec,
        t.replacen("This is the annual report", "This is our annual report", 1),
    )
    .unwrap();
    assert!(l.apply(&one(ChangeKind::Report(Some("2025-26".into())))));
    assert!(!l.site.reused.is_empty(), "earlier years' pages are reused");
    assert_eq!(l.site.files, full(&root), "a section");
}
