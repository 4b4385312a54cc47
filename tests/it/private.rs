//! Nothing private published, whatever way it is written (issue 20): the
//! preview answers only to this computer's names, tells no ids apart and
//! times out half-sent requests; private output stays inside the records
//! and out of every published folder, symbolic links resolved; a linked
//! `children/` is read or reported, never skipped; nothing is read or
//! written through a link that leads out of the records.

use crate::common::{free_port, iro, minimal, minimal_with_report, spawn_serve, spawn_serve_to};
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

#[cfg(unix)]
use std::os::unix::fs::symlink;

/// One raw HTTP/1.1 request (`host` None: no Host header): the status line,
/// the content type and the body.
fn request(port: u16, path: &str, host: Option<&str>) -> (String, String, String) {
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return (String::new(), String::new(), String::new());
    };
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    s.write_all(format!("GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n").as_bytes())
        .unwrap();
    let mut r = Vec::new();
    // An event stream never ends: read what arrives before the timeout.
    let mut buf = [0u8; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        r.extend_from_slice(&buf[..n]);
        if path.contains("event-stream") && r.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    let r = String::from_utf8_lossy(&r).into_owned();
    let (head, body) = r.split_once("\r\n\r\n").unwrap_or((&r, ""));
    let status = head.lines().next().unwrap_or("").to_string();
    let ct = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type: ")
                .map(String::from)
        })
        .unwrap_or_default();
    (status, ct, body.to_string())
}

/// Wait until the server answers `/` on 127.0.0.1 (a 404 page with the
/// overlay while nothing has built yet).
fn wait_up(port: u16) {
    let host = format!("127.0.0.1:{port}");
    for _ in 0..200 {
        if request(port, "/", Some(&host)).0.starts_with("HTTP/1.1") {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("iro serve did not answer");
}

fn stop(mut child: std::process::Child) {
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

#[test]
fn host_names_this_server_answers_to() {
    use iro::serve::host_allowed;
    let lo = std::net::IpAddr::from([127, 0, 0, 1]);
    for ok in [
        "localhost:1111",
        "LocalHost:1111",
        "127.0.0.1:1111",
        "[::1]:1111",
    ] {
        assert!(host_allowed(ok, lo, 1111), "{ok}");
    }
    for bad in [
        "evil.example:1111",
        "localhost.evil.example:1111",
        "localhost",
        "127.0.0.1",
        "localhost:1112",
        "127.0.0.2:1111",
        "192.168.1.5:1111",
        "[::2]:1111",
        "",
        ":1111",
    ] {
        assert!(!host_allowed(bad, lo, 1111), "{bad}");
    }
    // The address it listens on; on every address, any address but no name.
    let lan = std::net::IpAddr::from([192, 168, 1, 5]);
    assert!(host_allowed("192.168.1.5:1111", lan, 1111));
    assert!(!host_allowed("192.168.1.6:1111", lan, 1111));
    let any = std::net::IpAddr::from([0, 0, 0, 0]);
    assert!(host_allowed("192.168.1.6:1111", any, 1111));
    assert!(!host_allowed("rebound.example:1111", any, 1111));
}

/// A foreign Host is refused on every route (pages, letters, the reload
/// events); this computer's names are answered; every letter that is not
/// there gets the same answer.
#[cfg(unix)]
#[test]
fn serve_refuses_foreign_hosts_and_tells_no_ids_apart() {
    let (_t, root) = minimal_with_report("");
    let port = free_port();
    let child = spawn_serve(&root, port, &["--letters"]);
    wait_up(port);
    let letter = "/letters/C0001/2024-09-27";
    let sse = "/_tower-livereload/event-stream";
    for path in ["/", letter, sse, "/assets/site.css"] {
        for host in [
            Some("evil.example".to_string()),
            Some(format!("evil.example:{port}")),
            Some(format!("localhost:{}", port.wrapping_add(1))),
            None,
        ] {
            let (status, ct, body) = request(port, path, host.as_deref());
            assert!(
                status.starts_with("HTTP/1.1 421"),
                "{path} {host:?}: {status}"
            );
            assert!(ct.starts_with("text/plain"), "{ct}");
            assert!(body.len() < 100 && !body.contains("C0001"), "{body}");
        }
        for host in [
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ] {
            let (status, _, _) = request(port, path, Some(&host));
            assert!(
                status.starts_with("HTTP/1.1 200"),
                "{path} {host}: {status}"
            );
        }
    }
    // Misses: an unknown child, an unknown review date, ids of the wrong
    // form, a known child with a day that is not a date.
    let host = format!("127.0.0.1:{port}");
    let first = request(port, "/letters/C9999/2024-09-27", Some(&host));
    assert!(first.0.starts_with("HTTP/1.1 404"), "{first:?}");
    for miss in [
        "/letters/C0001/2024-09-28",
        "/letters/C0001/2024-09-28.pdf",
        "/letters/C0001/not-a-date",
        "/letters/C0001/2024-09-27x",
        "/letters/..%2F..%2Firo.toml/2024-09-27",
        "/letters/C%000001/2024-09-27",
        "/letters/c0001/2024-09-27",
        "/letters/%FF/2024-09-27",
        "/letters/C0001/%FF",
    ] {
        assert_eq!(request(port, miss, Some(&host)), first, "{miss}");
    }
    assert!(
        !first.2.contains("C9999") && !first.2.contains("2024"),
        "{first:?}"
    );
    stop(child);
}

/// A request whose headers never finish is closed after a few seconds.
#[cfg(unix)]
#[test]
fn serve_closes_a_half_sent_request() {
    let (_t, root) = minimal_with_report("");
    let port = free_port();
    let child = spawn_serve(&root, port, &[]);
    wait_up(port);
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let t = Instant::now();
    s.write_all(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ").as_bytes())
        .unwrap();
    let mut r = Vec::new();
    let closed = match s.read_to_end(&mut r) {
        Ok(_) => true,
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    };
    let took = t.elapsed();
    stop(child);
    assert!(
        closed,
        "the connection is closed, not left to time out here"
    );
    assert!(
        took >= Duration::from_secs(3) && took < Duration::from_secs(20),
        "{took:?}"
    );
    assert!(!String::from_utf8_lossy(&r).contains("<html"));
}

/// Listening for other computers, the overlay names no file; the terminal
/// still shows where each problem is.
#[cfg(unix)]
#[test]
fn overlay_to_other_computers_names_no_files() {
    use iro::serve::overlay::Audience;
    let (t, root) = minimal_with_report("");
    let review = "children/C0001/reviews/2024-09-27.md";
    let p = root.join(review);
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        text.replacen("participation: PN1", "participation: [", 1),
    )
    .unwrap();
    // The page itself, as the server makes it.
    let l = iro::serve::live::Live::new(&root, None, Some("2024-25".into()), false);
    assert!(!l.errors.is_empty());
    let (_, _, body) = iro::serve::respond(&l, "/", Audience::Network);
    let body = String::from_utf8(body).unwrap();
    assert!(
        body.contains("iro-overlay") && body.contains("error[parse]"),
        "{body}"
    );
    assert!(!body.contains("C0001") && !body.contains(".md"), "{body}");
    assert!(
        body.contains("1 problem") && body.contains("terminal"),
        "{body}"
    );
    let (_, _, body) = iro::serve::respond(&l, "/", Audience::ThisComputer);
    assert!(String::from_utf8(body).unwrap().contains(review));
    // The real server on every address: the same page, and the terminal
    // shows the file.
    let port = free_port();
    let log = t.path().join("serve.log");
    let child = spawn_serve_to(
        &root,
        port,
        &["--bind", "0.0.0.0"],
        std::fs::File::create(&log).unwrap().into(),
    );
    wait_up(port);
    let (_, _, page) = request(port, "/", Some(&format!("127.0.0.1:{port}")));
    assert!(
        page.contains("iro-overlay") && !page.contains(review),
        "{page}"
    );
    let (status, _, _) = request(port, "/", Some(&format!("rebound.example:{port}")));
    assert!(status.contains("421"), "{status}");
    stop(child);
    let err = std::fs::read_to_string(&log).unwrap();
    assert!(
        err.contains(review) && err.contains("error[parse]"),
        "{err}"
    );
}

/// Point `[letters] output` somewhere.
fn letters_output(root: &Path, out: &str) {
    let t = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    std::fs::write(
        root.join("iro.toml"),
        t.replace("[letters]\n", &format!("[letters]\noutput = \"{out}\"\n")),
    )
    .unwrap();
}

fn letters(root: &Path) -> std::process::Output {
    iro(
        &[
            "letters",
            "--child",
            "C0001",
            "--html-only",
            "--root",
            root.to_str().unwrap(),
        ],
        root,
    )
}

/// A folder `dir` holding one file `file` (which may be in a subfolder).
fn folder_with(dir: &Path, file: &str, text: &str) {
    let p = dir.join(file);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Make the symbolic link `link` point at `to` instead.
#[cfg(unix)]
fn relink(link: &Path, to: &Path) {
    std::fs::remove_file(link).unwrap();
    symlink(to, link).unwrap();
}

fn err(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn a_private_folder_linked_to_public_is_refused() {
    let (_t, root) = minimal();
    std::fs::create_dir(root.join("public")).unwrap();
    symlink(root.join("public"), root.join("private")).unwrap();
    let r = root.to_str().unwrap();
    let o = iro(
        &["letters", "--child", "C0001", "--html-only", "--root", r],
        &root,
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(err(&o).contains("public/"), "{}", err(&o));
    assert_eq!(std::fs::read_dir(root.join("public")).unwrap().count(), 0);
    // The export too, and a build would publish private/.
    let o = iro(
        &["export", "ssda903", "--year", "2024-25", "--root", r],
        &root,
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let o = iro(&["build", "--no-pdf", "--root", r], &root);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(err(&o).contains("private/"), "{}", err(&o));
    assert_eq!(std::fs::read_dir(root.join("public")).unwrap().count(), 0);
}

#[test]
fn letters_output_in_a_published_folder_or_outside_the_root_is_refused() {
    let (t, root) = minimal_with_report("");
    let r = root.to_str().unwrap();
    let original = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    // Inside the folder `iro build --out` writes: the build is refused...
    letters_output(&root, "site/letters");
    let o = iro(&["build", "--no-pdf", "--out", "site", "--root", r], &root);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(err(&o).contains("[letters] output"), "{}", err(&o));
    assert!(!root.join("site").exists());
    // ...and once a build made the folder, so are the letters.
    let o = iro(&["build", "--no-pdf", "--out", "built", "--root", r], &root);
    assert!(o.status.success(), "{o:?}");
    let o = iro(
        &[
            "letters",
            "--child",
            "C0001",
            "--html-only",
            "--out",
            "built/letters",
            "--root",
            r,
        ],
        &root,
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(err(&o).contains("built/"), "{}", err(&o));
    assert!(!root.join("built/letters").exists());
    // An absolute folder outside the records.
    let elsewhere = t.path().join("elsewhere");
    let cfg = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    std::fs::write(
        root.join("iro.toml"),
        cfg.replace("site/letters", elsewhere.to_str().unwrap()),
    )
    .unwrap();
    let o = letters(&root);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(err(&o).contains("inside the records folder"), "{}", err(&o));
    assert!(!elsewhere.exists());
    // An SSDA903 export outside the records.
    let o = iro(
        &[
            "export",
            "ssda903",
            "--year",
            "2024-25",
            "--out",
            elsewhere.to_str().unwrap(),
            "--root",
            r,
        ],
        &root,
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(!elsewhere.exists());
    // Inside the root, not published: written.
    std::fs::write(root.join("iro.toml"), &original).unwrap();
    letters_output(&root, "letters-out");
    let o = letters(&root);
    assert!(o.status.success(), "{o:?}");
    assert!(root.join("letters-out/C0001").is_dir());
}

#[cfg(unix)]
#[test]
fn letters_are_not_written_through_a_link_out_of_the_records() {
    let (t, root) = minimal();
    let elsewhere = t.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    symlink(&elsewhere, root.join("out")).unwrap();
    letters_output(&root, "out/letters");
    let o = letters(&root);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    // A child's folder inside the letters' folder linked elsewhere.
    std::fs::write(
        root.join("iro.toml"),
        std::fs::read_to_string(root.join("iro.toml"))
            .unwrap()
            .replace("output = \"out/letters\"\n", ""),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("private/letters")).unwrap();
    symlink(&elsewhere, root.join("private/letters/C0001")).unwrap();
    let o = letters(&root);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(err(&o).contains("symbolic link"), "{}", err(&o));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

/// `iro check --format json` in `root`: (exit code, findings).
fn check(root: &Path) -> (i32, Vec<serde_json::Value>) {
    let o = iro(
        &[
            "check",
            "--format",
            "json",
            "--root",
            root.to_str().unwrap(),
        ],
        root,
    );
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {o:?}"));
    (o.status.code().unwrap_or(-1), v)
}

#[cfg(unix)]
#[test]
fn a_linked_children_folder_is_read_inside_the_root_and_reported_outside() {
    let (t, root) = minimal();
    let (code, plain) = check(&root);
    // Inside the root: read as if it were the folder itself.
    std::fs::create_dir(root.join("data")).unwrap();
    std::fs::rename(root.join("children"), root.join("data/kids")).unwrap();
    symlink("data/kids", root.join("children")).unwrap();
    assert_eq!(check(&root), (code, plain.clone()));
    let o = iro(
        &["due", "--format", "json", "--root", root.to_str().unwrap()],
        &root,
    );
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("C0001"),
        "{o:?}"
    );
    // A child's folder linked inside the root: read too.
    std::fs::remove_file(root.join("children")).unwrap();
    std::fs::create_dir(root.join("children")).unwrap();
    symlink("../data/kids/C0001", root.join("children/C0001")).unwrap();
    assert_eq!(check(&root), (code, plain));
    // Outside the root: an error naming the link, never 0 children quietly.
    std::fs::remove_file(root.join("children/C0001")).unwrap();
    std::fs::remove_dir(root.join("children")).unwrap();
    let outside = t.path().join("kids");
    std::fs::rename(root.join("data/kids"), &outside).unwrap();
    symlink(&outside, root.join("children")).unwrap();
    let (code, v) = check(&root);
    assert_eq!(code, 1, "{v:#?}");
    let d = v
        .iter()
        .find(|d| d["rule"] == "io" && d["file"] == "children")
        .unwrap_or_else(|| panic!("{v:#?}"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("outside the repository")
    );
    assert!(d["hint"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
    // A child's folder linked outside.
    std::fs::remove_file(root.join("children")).unwrap();
    std::fs::create_dir(root.join("children")).unwrap();
    symlink(outside.join("C0001"), root.join("children/C0001")).unwrap();
    let (code, v) = check(&root);
    assert_eq!(code, 1, "{v:#?}");
    assert!(
        v.iter()
            .any(|d| d["rule"] == "io" && d["file"] == "children/C0001"),
        "{v:#?}"
    );
    // Nothing is written through it: iro new.
    let o = iro(
        &["new", "review", "C0001", "--root", root.to_str().unwrap()],
        &root,
    );
    assert_ne!(o.status.code(), Some(0), "{o:?}");
    assert!(err(&o).contains("symbolic link"), "{}", err(&o));
    assert_eq!(
        std::fs::read_dir(outside.join("C0001/reviews"))
            .unwrap()
            .count(),
        std::fs::read_dir(root.join("children/C0001/reviews"))
            .unwrap()
            .count()
    );
}

#[cfg(unix)]
#[test]
fn import_does_not_write_through_a_link_out_of_the_records() {
    let t = tempfile::tempdir().unwrap();
    let ret = t.path().join("return");
    std::fs::create_dir(&ret).unwrap();
    std::fs::write(
        ret.join("header.csv"),
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,M,02/06/2014,WBRI,,,\n",
    )
    .unwrap();
    std::fs::write(
        ret.join("episodes.csv"),
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nC1,01/05/2025,S,C2,N1,U6,PR1,,,,,,\n",
    )
    .unwrap();
    assert!(iro(&["init", "svc", "--no-git"], t.path()).status.success());
    let svc = t.path().join("svc");
    let elsewhere = t.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::remove_dir_all(svc.join("children")).unwrap();
    symlink(&elsewhere, svc.join("children")).unwrap();
    let o = iro(&["import", "ssda903", ret.to_str().unwrap()], &svc);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(
        err(&o).contains("children is a symbolic link that leads outside the records folder"),
        "{}",
        err(&o)
    );
    assert!(err(&o).contains("nothing was written"), "{}", err(&o));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    // Inside the records, the same link is written through.
    std::fs::create_dir(svc.join("kids")).unwrap();
    relink(&svc.join("children"), Path::new("kids"));
    let o = iro(&["import", "ssda903", ret.to_str().unwrap()], &svc);
    assert!(
        o.status.success() && svc.join("kids/C1/child.yaml").is_file(),
        "{o:?}"
    );
}

#[cfg(unix)]
#[test]
fn theme_files_and_the_logo_obey_the_safe_read_policy_through_linked_folders() {
    let (t, root) = minimal_with_report("");
    let r = root.to_str().unwrap();
    // The logo in a folder linked outside the records.
    let brand = t.path().join("brand");
    folder_with(
        &brand,
        "logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    symlink(&brand, root.join("brand")).unwrap();
    let cfg = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    std::fs::write(
        root.join("iro.toml"),
        cfg.replace("[publish]\n", "[publish]\nlogo = \"brand/logo.svg\"\n"),
    )
    .unwrap();
    let o = iro(&["build", "--no-pdf", "--root", r], &root);
    assert_ne!(o.status.code(), Some(0), "{o:?}");
    let e = String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout);
    assert!(e.contains("outside the repository"), "{e}");
    assert!(!root.join("public").exists());
    std::fs::write(root.join("iro.toml"), &cfg).unwrap();
    // A theme folder linked outside the records.
    let theme = t.path().join("theme");
    folder_with(&theme, "site/assets/extra.css", "p{}");
    std::fs::create_dir(root.join("themes")).unwrap();
    symlink(&theme, root.join("themes/mine")).unwrap();
    crate::common::use_theme(&root, "mine");
    let o = iro(&["build", "--no-pdf", "--root", r], &root);
    assert_ne!(o.status.code(), Some(0), "{o:?}");
    let e = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(e.contains("outside the repository"), "{e}");
    // Linked inside the records, the theme is read.
    std::fs::rename(&theme, root.join("mytheme")).unwrap();
    relink(&root.join("themes/mine"), Path::new("../mytheme"));
    let o = iro(&["build", "--no-pdf", "--root", r], &root);
    assert!(o.status.success(), "{o:?}");
    assert!(root.join("public/assets/extra.css").is_file());
}

/// A child's letter linked into a theme's assets is never served by the
/// preview (nor built): files in private/ are not read as theme files.
#[cfg(unix)]
#[test]
fn serve_never_hands_out_a_private_file_linked_into_a_theme() {
    let (_t, root) = minimal_with_report("");
    let letter = root.join("private/letters/C0001/2024-09-27-letter.pdf");
    folder_with(
        &root,
        "private/letters/C0001/2024-09-27-letter.pdf",
        "%PDF-1.7 Dear Jordan",
    );
    std::fs::create_dir_all(root.join("themes/mine/site/assets")).unwrap();
    symlink(&letter, root.join("themes/mine/site/assets/letter.pdf")).unwrap();
    crate::common::use_theme(&root, "mine");
    let l = iro::serve::live::Live::new(&root, None, Some("2024-25".into()), false);
    assert!(
        l.errors
            .iter()
            .any(|d| d.message.contains("private/") || d.message.contains("symbolic link")),
        "{:?}",
        l.errors
    );
    assert!(!l.site.files.contains_key("assets/letter.pdf"));
    let (status, _, body) = iro::serve::respond(
        &l,
        "/assets/letter.pdf",
        iro::serve::overlay::Audience::ThisComputer,
    );
    assert_eq!(status.as_u16(), 404);
    assert!(!String::from_utf8_lossy(&body).contains("Dear Jordan"));
}

/// `iro init`'s .gitignore leaves out a symbolic link named `private` or
/// `public`, not only folders of those names.
#[cfg(unix)]
#[test]
fn gitignore_leaves_out_linked_private_and_public() {
    let have_git = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let t = tempfile::tempdir().unwrap();
    assert!(iro(&["init", "svc"], t.path()).status.success());
    let svc = t.path().join("svc");
    let gi = std::fs::read_to_string(svc.join(".gitignore")).unwrap();
    assert!(
        gi.lines().any(|l| l == "/private") && gi.lines().any(|l| l == "/public"),
        "{gi}"
    );
    if !have_git {
        return;
    }
    std::fs::create_dir(svc.join("elsewhere")).unwrap();
    symlink("elsewhere", svc.join("private")).unwrap();
    symlink("elsewhere", svc.join("public")).unwrap();
    for name in ["private", "public"] {
        let o = std::process::Command::new("git")
            .current_dir(&svc)
            .args(["check-ignore", "-q", name])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{name} is ignored: {o:?}");
    }
}
