//! The publish guard as an author or an attacker would meet it: a child's
//! identifiers written every ordinary way into a report section, `iro.toml`
//! or a theme's assets; each fails `iro build`, naming the output file and
//! the child's id (never the value), and leaves the previous site as it was.

use crate::common::{iro, minimal_with_report, use_theme};
use std::path::Path;

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn build(root: &Path, pdf: bool) -> std::process::Output {
    let r = root.to_str().unwrap();
    let mut args = vec!["build", "--root", r, "--year", "2024-25"];
    if !pdf {
        args.push("--no-pdf");
    }
    iro(&args, root)
}

/// The minimal example, with a UPN and postcodes, built once.
fn service() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = minimal_with_report("");
    let child = std::fs::read_to_string(root.join("children/C0001/child.yaml")).unwrap();
    let child = child
        .replace("sex: M\n", "sex: M\nupn: J318000000001\n")
        .replace(
            "    provider: PR1\n",
            "    provider: PR1\n    home_postcode: TW11 8AA\n    placement_postcode: TW10 6UA\n",
        );
    write(&root, "children/C0001/child.yaml", child.as_bytes());
    let o = build(&root, false);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (t, root)
}

/// What a case is called, the files it writes, and the field the guard names.
type Case = (&'static str, Vec<(String, Vec<u8>)>, &'static str);

fn section(body: &str) -> Vec<(String, Vec<u8>)> {
    vec![(
        "report/2024-25/02-voices.md".into(),
        format!("---\ntitle: Voices\n---\n{body}\n").into_bytes(),
    )]
}

fn png_with_text(text: &str) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = format!("Comment\0{text}");
    png.extend((chunk.len() as u32).to_be_bytes());
    png.extend(b"tEXt");
    png.extend(chunk.as_bytes());
    png.extend([0, 0, 0, 0]);
    png
}

/// More than thirty ways of writing C0001's name, preferred name, id, UPN,
/// postcodes and date of birth (2 June 2014) into what the site publishes.
#[test]
fn every_way_of_writing_a_child_into_the_report_fails_the_build() {
    let (_t, root) = service();
    let before = std::fs::read(root.join("public/index.html")).unwrap();
    let toml = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    let theme_asset =
        |name: &str, bytes: Vec<u8>| vec![(format!("themes/mine/site/assets/{name}"), bytes)];
    let mut cases: Vec<Case> = vec![
        ("name", section("Thanks, Jordan Example."), "name"),
        ("lower case", section("jordan example said"), "name"),
        ("upper case", section("JORDAN EXAMPLE SAID"), "name"),
        ("emphasis inside", section("Jor**dan** Example"), "name"),
        ("soft hyphen", section("Jor\u{00AD}dan Example"), "name"),
        (
            "zero-width space",
            section("Jor\u{200B}dan Exa\u{200D}mple"),
            "name",
        ),
        (
            "look-alike letter",
            section("J\u{043E}rdan Example"),
            "name",
        ),
        (
            "full width",
            section("\u{FF2A}\u{FF4F}\u{FF52}\u{FF44}\u{FF41}\u{FF4E} Example"),
            "name",
        ),
        (
            "accent decomposed",
            section("Jorda\u{0301}n Example"),
            "name",
        ),
        ("surname first", section("Example, Jordan"), "name"),
        ("entity", section("J&#111;rdan Example"), "name"),
        (
            "link text",
            section("[Jordan Example](https://example.org)"),
            "name",
        ),
        (
            "image alt",
            section("![Jordan Example](https://example.org/x.png)"),
            "name",
        ),
        (
            "table cell",
            section("| who |\n|---|\n| Jordan Example |"),
            "name",
        ),
        (
            "email",
            section("write to jordan.example@example.org"),
            "name",
        ),
        (
            "preferred name",
            section("We asked Jordan what mattered."),
            "preferred name",
        ),
        ("id", section("Child C0001 said"), "id"),
        ("id lower", section("child c0001 said"), "id"),
        ("id spaced", section("child C 0001 said"), "id"),
        ("id dashed", section("child `C-0001` said"), "id"),
        ("UPN", section("UPN j318000000001"), "UPN"),
        ("postcode", section("lives near TW11 8AA"), "postcode"),
        ("postcode compact", section("placed at tw106ua"), "postcode"),
        ("date ISO", section("born 2014-06-02"), "date of birth"),
        ("date slashes", section("born 02/06/2014"), "date of birth"),
        ("date no zeros", section("born 2/6/2014"), "date of birth"),
        ("date dots", section("born 02.06.2014"), "date of birth"),
        (
            "date two-digit year",
            section("born 02-06-14"),
            "date of birth",
        ),
        (
            "date in words",
            section("born 2 June 2014"),
            "date of birth",
        ),
        (
            "date ordinal",
            section("born on the 2nd of June 2014"),
            "date of birth",
        ),
        (
            "date US order in words",
            section("born June 2, 2014"),
            "date of birth",
        ),
        (
            "date short month",
            section("born 2 JUN 2014"),
            "date of birth",
        ),
        (
            "date year first slashes",
            section("born 2014/06/02"),
            "date of birth",
        ),
    ];
    cases.push((
        "service name in iro.toml",
        vec![(
            "iro.toml".into(),
            toml.replace(
                "name = \"Minimal Council Independent Reviewing Service\"",
                "name = \"Jordan Example's Independent Reviewing Service\"",
            )
            .into_bytes(),
        )],
        "name",
    ));
    cases.push((
        "service label in iro.toml",
        vec![(
            "iro.toml".into(),
            toml.replace("Permanence and Through Care", "Team of C0001")
                .into_bytes(),
        )],
        "id",
    ));
    let themed: Vec<Case> = vec![
        (
            "text asset",
            theme_asset("notes.txt", b"about C0001".to_vec()),
            "id",
        ),
        (
            "Latin-1 asset",
            theme_asset(
                "notes.txt",
                "Jordan Example caf\u{e9}"
                    .chars()
                    .map(|c| c as u8)
                    .collect(),
            ),
            "name",
        ),
        (
            "UTF-16 asset",
            theme_asset("extra.css", {
                let mut v = vec![0xFF, 0xFE];
                v.extend(
                    "/* Jordan Example */"
                        .encode_utf16()
                        .flat_map(|u| u.to_le_bytes()),
                );
                v
            }),
            "name",
        ),
        (
            "PNG text chunk",
            theme_asset("pic.png", png_with_text("Jordan Example")),
            "name",
        ),
        (
            "CSS content",
            theme_asset("extra.css", b"p::after { content: \"C0001\" }".to_vec()),
            "id",
        ),
    ];
    for (what, files, field) in cases.into_iter().chain(themed) {
        let saved: Vec<(String, Option<Vec<u8>>)> = files
            .iter()
            .map(|(p, _)| (p.clone(), std::fs::read(root.join(p)).ok()))
            .collect();
        let themed = files.iter().any(|(p, _)| p.starts_with("themes/"));
        if themed {
            use_theme(&root, "mine");
        }
        for (p, b) in &files {
            write(&root, p, b);
        }
        let o = build(&root, false);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(
            err.contains("error[publish]") && err.contains(&format!("the {field} of child C0001")),
            "{what}: {err}"
        );
        for secret in ["Jordan Example", "J318000000001", "TW11 8AA", "2014-06-02"] {
            assert!(
                !err.contains(secret),
                "{what}: the value is never printed: {err}"
            );
        }
        assert_eq!(
            std::fs::read(root.join("public/index.html")).unwrap(),
            before,
            "{what}"
        );
        // Put things back.
        for (p, b) in saved {
            match b {
                Some(b) => write(&root, &p, &b),
                None => std::fs::remove_file(root.join(&p)).unwrap(),
            }
        }
        if themed {
            std::fs::write(root.join("iro.toml"), &toml).unwrap();
        }
    }
    assert!(build(&root, false).status.success());
}

/// Files the guard cannot read are not published: a PDF iro did not make
/// (a child's letter), a binary of no known kind, an image under another
/// name; and a theme file may not be a symbolic link.
#[test]
fn only_text_images_fonts_and_iros_pdfs_are_published() {
    let (_t, root) = service();
    use_theme(&root, "mine");
    for (name, bytes) in [
        ("letter.pdf", b"%PDF-1.7\n...".to_vec()),
        ("data.bin", vec![0u8, 159, 146, 150, 0, 1]),
        ("script.js", png_with_text("x")),
    ] {
        let rel = format!("themes/mine/site/assets/{name}");
        write(&root, &rel, &bytes);
        let o = build(&root, false);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(&format!("assets/{name} is")), "{name}: {err}");
        std::fs::remove_file(root.join(rel)).unwrap();
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            root.join("children/C0001/child.yaml"),
            root.join("themes/mine/site/assets/c.txt"),
        )
        .unwrap();
        let o = build(&root, false);
        let err = String::from_utf8_lossy(&o.stderr);
        // A theme that cannot be read is a setup error, as any unreadable theme file.
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains("themes/mine/site/assets/c.txt") && err.contains("symbolic link"),
            "{err}"
        );
        std::fs::remove_file(root.join("themes/mine/site/assets/c.txt")).unwrap();
        // The logo, linked to an image inside the records (a child's photo).
        write(&root, "children/C0001/photo.png", &png_with_text("x"));
        std::os::unix::fs::symlink(root.join("children/C0001/photo.png"), root.join("logo.png"))
            .unwrap();
        let toml = std::fs::read_to_string(root.join("iro.toml")).unwrap();
        std::fs::write(
            root.join("iro.toml"),
            toml.replace("[publish]\n", "[publish]\nlogo = \"logo.png\"\n"),
        )
        .unwrap();
        let o = build(&root, false);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("through a symbolic link"), "{err}");
    }
}

/// The PDFs' own text is searched: a theme's Typst that joins strings
/// prints a name no input holds.
#[test]
fn a_name_made_by_a_pdf_template_is_found_in_the_pdf_text() {
    let (_t, root) = service();
    use_theme(&root, "mine");
    let summary = String::from_utf8(
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/report/summary.typ"),
        )
        .unwrap(),
    )
    .unwrap();
    write(
        &root,
        "themes/mine/report/summary.typ",
        format!("{summary}\n#(\"Jor\" + \"dan\") #(\"Exa\" + \"mple\")\n").as_bytes(),
    );
    let o = build(&root, true);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("pdf/summary-2024-25.pdf would publish the name of child C0001"),
        "{err}"
    );
}

/// The site's own dates are exempt where the theme prints them, not by
/// their value: a child born on the first day of the reporting year still
/// builds, and the same date written in a section fails.
#[test]
fn site_dates_are_exempt_by_where_they_are_printed() {
    let (_t, root) = service();
    let p = root.join("children/C0001/child.yaml");
    let child = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, child.replace("dob: 2014-06-02", "dob: 2024-04-01")).unwrap();
    let o = build(&root, true);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(index.contains("1 April 2024"), "the year is printed");
    write(
        &root,
        "report/2024-25/02-voices.md",
        b"---\ntitle: Voices\n---\nA baby was born on 1 April 2024.\n",
    );
    let o = build(&root, false);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the date of birth of child C0001"), "{err}");
}

/// A preferred name that is an ordinary word is allowed, after a person
/// has looked, inside the phrase `[publish] allow` names, and nowhere else;
/// a child's own identifier cannot be allowed.
#[test]
fn an_ordinary_word_is_allowed_by_phrase_only() {
    let (_t, root) = service();
    write(
        &root,
        "report/2024-25/02-voices.md",
        b"---\ntitle: Voices\n---\nWe visited the River Jordan valley.\n",
    );
    let o = build(&root, false);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the preferred name of child C0001"), "{err}");
    assert!(err.contains("allow"), "the hint says how: {err}");
    let toml = std::fs::read_to_string(root.join("iro.toml")).unwrap();
    let allowed = toml.replace(
        "suppress_below = 6 ",
        "allow = [\"the river jordan\"]\nsuppress_below = 6 ",
    );
    assert_ne!(allowed, toml);
    std::fs::write(root.join("iro.toml"), &allowed).unwrap();
    let o = build(&root, false);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Elsewhere the word is still caught.
    write(
        &root,
        "report/2024-25/03-more.md",
        b"---\ntitle: More\n---\nThank you, Jordan.\n",
    );
    assert_eq!(build(&root, false).status.code(), Some(1));
    std::fs::remove_file(root.join("report/2024-25/03-more.md")).unwrap();
    // A child's name cannot be allowed.
    std::fs::write(
        root.join("iro.toml"),
        toml.replace(
            "suppress_below = 6 ",
            "allow = [\"Jordan Example\"]\nsuppress_below = 6 ",
        ),
    )
    .unwrap();
    let o = build(&root, false);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("[publish] allow, phrase 1"), "{err}");
}
