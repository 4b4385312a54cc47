//! Text as a reader sees it, in one form the guard can compare: Unicode
//! compatibility form (NFKC's decomposition), accents and other combining
//! marks dropped, invisible and formatting characters (soft hyphen,
//! zero-width space and joiners, word joiner, byte-order mark, bidi controls,
//! variation selectors) removed, case folded, every apostrophe and dash
//! written one way, spaces collapsed, and each letter mapped to its UTS 39
//! skeleton so that a look-alike from another alphabet ("Dаniel" with a
//! Cyrillic а) reads as the letter it imitates. ASCII digits and punctuation
//! are kept as they are, so dates can still be read in the result.
//!
//! A line break stays a line break (a hard break: a table cell or a block
//! ends there); every other run of white space becomes one space.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters a reader does not see: removed before comparing.
pub fn invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5
        | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
        | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// One apostrophe and one dash for the many a keyboard or a font offers.
fn unify(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{02B9}' | '`' | '\u{00B4}'
        | '\u{2032}' | '\u{FF07}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        _ => c,
    }
}

/// The skeleton of one lower-case letter (UTS 39), lower-cased again.
fn push_skeleton(c: char, out: &mut String) {
    if c.is_ascii() {
        // Lower-case ASCII letters are their own skeleton but for the few
        // UTS 39 maps (m -> rn and the like): the same table, cached.
        out.push_str(ascii_skeleton(c));
        return;
    }
    if !c.is_alphabetic() {
        out.push(c);
        return;
    }
    let mut buf = [0u8; 4];
    for s in unicode_security::confusable_detection::skeleton(c.encode_utf8(&mut buf)) {
        if is_combining_mark(s) || invisible(s) {
            continue;
        }
        for l in s.to_lowercase() {
            out.push(l);
        }
    }
}

fn ascii_skeleton(c: char) -> &'static str {
    static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| {
        (0u8..128)
            .map(|b| {
                let c = b as char;
                if c.is_ascii_lowercase() {
                    let mut buf = [0u8; 4];
                    unicode_security::confusable_detection::skeleton(c.encode_utf8(&mut buf))
                        .flat_map(char::to_lowercase)
                        .collect()
                } else {
                    c.to_string()
                }
            })
            .collect()
    });
    &t[c as usize]
}

/// `text` in the form the guard compares (see the module's notes).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // What the last character written was: 0 nothing, 1 a space, 2 a break.
    let mut gap = 2u8;
    for c in text.nfkd() {
        if is_combining_mark(c) || invisible(c) {
            continue;
        }
        if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
            if gap == 1 {
                out.pop();
            }
            if gap != 2 {
                out.push('\n');
            }
            gap = 2;
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            if gap == 0 {
                out.push(' ');
                gap = 1;
            }
            continue;
        }
        gap = 0;
        for l in c.to_lowercase() {
            push_skeleton(unify(l), &mut out);
        }
    }
    if gap == 1 {
        out.pop();
    }
    out
}

/// `normalize`, with line breaks as spaces (running text: a name may wrap).
pub fn normalize_soft(text: &str) -> String {
    let n = normalize(text);
    if n.contains('\n') {
        n.replace('\n', " ")
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_a_reader_sees() {
        let want = normalize("Daniel Gallagher");
        for v in [
            "daniel gallagher",
            "DANIEL GALLAGHER",
            "Dan\u{00AD}iel Gallagher",
            "Dan\u{200B}iel   Gallagher",
            "D\u{0430}niel Gallagher", // Cyrillic а
            "Ｄａｎｉｅｌ Gallagher",  // full width
            "Daniel\u{00A0}Gallagher",
            "\u{FEFF}Daniel\tGallagher",
        ] {
            assert_eq!(normalize(v), want, "{v:?}");
        }
        assert_eq!(normalize("Zoe\u{0308}"), normalize("Zoë"));
        assert_eq!(normalize("Zoë"), normalize("zoe"));
        assert_eq!(normalize("O\u{2019}Brien"), normalize("o'brien"));
        assert_eq!(normalize("Smith\u{2013}Jones"), normalize("smith-jones"));
        assert_eq!(normalize("a\n\n b  \n c"), "a\nb\nc");
        assert_eq!(normalize_soft("a\nb"), "a b");
        // Digits stay digits, so dates can be read.
        assert_eq!(normalize("９/10/2004"), "9/10/2004");
    }
}
