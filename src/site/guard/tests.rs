use super::*;

fn repo_with(toml_extra: &str) -> Repo {
    let child = "name: Daniel James O'Brien\npreferred_name: Will\ndob: 2004-10-09\nsex: M\nethnicity: WBRI\nservice: a\nsocial_worker: Sam\nupn: A123456789012\niro:\n  - { iro: x, from: 2024-01-01 }\nepisodes:\n  - { start: 2024-01-01, reason_new: S, legal_status: C2, need: N1, placement: U1, provider: PR1, home_postcode: SW1A 1AA, placement_postcode: M1 1AE }\n";
    let (repo, _) = crate::load::load_texts(
        &format!("[service]\nname = \"S\"\n[services]\na = \"A\"\n{toml_extra}"),
        &[("children/C0096/child.yaml", child)],
    )
    .unwrap();
    repo
}

fn field(g: &Guard, t: &str) -> Option<&'static str> {
    g.scan(t).map(|h| h.field)
}

#[test]
fn names_in_every_way_they_are_written() {
    let g = Guard::new(&repo_with(""));
    for t in [
        "Daniel James O'Brien",
        "daniel o'brien",
        "DANIEL O\u{2019}BRIEN",
        "O'Brien, Daniel",
        "obrien daniel",
        "Daniel O Brien",
        "Dan\u{00AD}iel O'Brien",
        "Dan\u{200B}iel  O'Brien",
        "D\u{0430}niel O'Brien",
        "Dani\u{0065}\u{0301}l O'Brien", // a decomposed accent is no disguise either
        "O'Brien Daniel James",
    ] {
        assert_eq!(field(&g, &format!("<p>{t} said</p>")), Some("name"), "{t}");
    }
    // Whole words only: other names that contain these.
    assert_eq!(field(&g, "Danielle O'Briens"), None);
}

#[test]
fn ids_upn_postcodes_and_dates_of_birth() {
    let g = Guard::new(&repo_with(""));
    for t in ["C0096", "c0096", "C 0096", "c-0096", "C.0096"] {
        assert_eq!(field(&g, &format!("child {t} moved")), Some("id"), "{t}");
    }
    assert_eq!(field(&g, "C00961"), None);
    assert_eq!(field(&g, "upn a123456789012"), Some("UPN"));
    assert_eq!(field(&g, "UPN A123 4567 8901 2"), Some("UPN"));
    assert_eq!(field(&g, "UPN A-1234-5678-9012."), Some("UPN"));
    assert_eq!(field(&g, "lives at sw1a1aa"), Some("postcode"));
    assert_eq!(field(&g, "placed in M1 1AE."), Some("postcode"));
    for t in [
        "9/10/2004",
        "09 October 2004",
        "October 9, 2004",
        "09/10/04",
        "2004/10/09",
        "9th Oct 2004",
    ] {
        assert_eq!(
            field(&g, &format!("born {t}")),
            Some("date of birth"),
            "{t}"
        );
    }
    assert_eq!(field(&g, "10/9/2004"), None);
}

#[test]
fn an_allowed_phrase_lets_an_ordinary_word_through_and_nothing_else() {
    let g = Guard::new(&repo_with(""));
    assert_eq!(field(&g, "We will review this"), Some("preferred name"));
    let r = repo_with("[publish]\nallow = [\"we will\"]\n");
    let g = Guard::new(&r);
    assert!(g.check_allow(&r).is_empty());
    assert_eq!(field(&g, "We will review this"), None);
    // Elsewhere the word is still caught, and so is the name.
    assert_eq!(field(&g, "Thank you, Will."), Some("preferred name"));
    assert_eq!(field(&g, "we will meet Daniel O'Brien"), Some("name"));
    // An identifier cannot be allowed.
    let r = repo_with(
        "[publish]\nallow = [\"Daniel O'Brien\", \"c0096\", \"9 October 2004\", \"we\"]\n",
    );
    let errs = Guard::new(&r).check_allow(&r);
    assert_eq!(
        errs.iter().map(|e| e.entry).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
}

#[test]
fn html_is_read_as_its_text() {
    let g = Guard::new(&repo_with(""));
    let scan = |html: &str| -> Vec<&'static str> {
        extract::html(html)
            .iter()
            .flat_map(|t| g.scan_text(t))
            .map(|h| h.field)
            .collect()
    };
    assert_eq!(
        scan("<p>Dan<strong>iel</strong> O&#39;Brien</p>"),
        vec!["name"]
    );
    assert_eq!(scan("<p>D&#x61;niel O&apos;Brien</p>"), vec!["name"]);
    assert_eq!(scan("<p>&Dcy;aniel</p>"), Vec::<&str>::new());
    assert_eq!(scan("<img alt=\"Daniel O'Brien\" src=x.png>"), vec!["name"]);
    assert_eq!(scan("<!-- C0096 -->"), vec!["id"]);
    // Cells are not joined into a date or a name.
    assert_eq!(
        scan("<td>9</td><td>10</td><td>2004</td>"),
        Vec::<&str>::new()
    );
    // The site's own dates, where the theme prints them, are exempt; the
    // same date anywhere else is not.
    assert_eq!(
        scan("<p>Figures of <time data-iro-date datetime=\"2004-10-09\">9 October 2004</time></p>"),
        Vec::<&str>::new()
    );
    assert_eq!(scan("<p>born 9 October 2004</p>"), vec!["date of birth"]);
    // A marked element that holds more than dates is read.
    assert_eq!(
        scan("<span data-iro-date>9 October 2004, Daniel O'Brien</span>"),
        vec!["date of birth", "name"]
    );
}

#[test]
fn any_encoding_and_binary_only_by_type() {
    let g = Guard::new(&repo_with(""));
    let scan = |path: &str, b: &[u8]| -> Result<Vec<&'static str>, String> {
        Ok(extract::read(path, b)?
            .iter()
            .flat_map(|t| g.scan_text(t))
            .map(|h| h.field)
            .collect())
    };
    let latin1: Vec<u8> = "C0096 caf\u{e9}".chars().map(|c| c as u8).collect();
    assert_eq!(scan("assets/a.txt", &latin1), Ok(vec!["id"]));
    let mut u16le = vec![0xFF, 0xFE];
    u16le.extend("note C0096".encode_utf16().flat_map(|u| u.to_le_bytes()));
    assert_eq!(scan("assets/a.txt", &u16le), Ok(vec!["id"]));
    let nobom: Vec<u8> = "note C0096"
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    assert_eq!(scan("assets/a.txt", &nobom), Ok(vec!["id"]));
    // A PNG with a text chunk.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = b"Comment\0Daniel O'Brien";
    png.extend((chunk.len() as u32).to_be_bytes());
    png.extend(b"tEXt");
    png.extend(chunk);
    png.extend([0, 0, 0, 0]);
    assert_eq!(scan("assets/x.png", &png), Ok(vec!["name"]));
    let mut z = b"\x89PNG\r\n\x1a\n".to_vec();
    z.extend(3u32.to_be_bytes());
    z.extend(b"zTXtk\0\0");
    z.extend([0, 0, 0, 0]);
    assert!(scan("assets/x.png", &z).is_err());
    // Only by type: a PDF, a PNG named .js, an unknown binary.
    assert!(scan("assets/letter.pdf", b"%PDF-1.7 ...").is_err());
    assert!(scan("assets/x.js", &png).is_err());
    assert!(scan("assets/blob.bin", &[0u8, 1, 2, 3, 0, 200, 7]).is_err());
    assert_eq!(scan("assets/fonts/a.woff2", b"wOF2\0\0\0\0"), Ok(vec![]));
}
