//! The formats of the SSDA903 fields that are text rather than codes: the
//! UPN (the DfE's unique pupil number, with its check letter), the postcodes
//! (HOME_POST, PL_POST) and Ofsted's URN. One home for `iro check` (the
//! `code` findings of `load::validate`), the import (every row), the export
//! (which refuses a value not in its format) and the generator.
//!
//! A value that is not in its format is never quoted back: the messages say
//! which field and what form is expected.

use crate::format::formula_like;

/// A field with a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// UPN: a check letter and 12 digits (a temporary UPN ends in a letter),
    /// or `UN1`-`UN5` when the child has none.
    Upn,
    /// A UK postcode, with or without its space, in any case.
    Postcode,
    /// Ofsted's unique reference number, or `XXXXXXX` for none.
    Urn,
}

/// Why a value is not in its format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bad {
    /// It begins as a spreadsheet formula does (`=`, `+`, `-`, `@`).
    Formula,
    /// Not the field's form.
    Form,
    /// A UPN whose first letter is not the check letter of the rest.
    CheckLetter,
}

impl Kind {
    /// Check `v` (already trimmed).
    pub fn check(self, v: &str) -> Result<(), Bad> {
        if formula_like(v) {
            return Err(Bad::Formula);
        }
        match self {
            Kind::Upn => upn(v),
            Kind::Postcode => postcode(v).then_some(()).ok_or(Bad::Form),
            Kind::Urn => urn(v).then_some(()).ok_or(Bad::Form),
        }
    }
    /// What the value should be: the help line of a finding.
    pub fn expected(self) -> &'static str {
        match self {
            Kind::Upn => {
                "a UPN is a capital letter and 12 digits (a temporary UPN ends in a capital letter instead of its last digit), the first letter being the DfE's check letter of the rest, e.g. `B801200005001`; write `UN1`-`UN5` when the child has none"
            }
            Kind::Postcode => {
                "a full UK postcode, e.g. `SW1A 1AA` or `M1 1AE` (with or without the space, in any case)"
            }
            Kind::Urn => {
                "Ofsted's URN: `SC` and 6 digits (e.g. `SC123456`), or 6 or 7 digits; `XXXXXXX` when the placement has none"
            }
        }
    }
    /// What it is, in words.
    fn noun(self) -> &'static str {
        match self {
            Kind::Upn => "a unique pupil number in the DfE's format",
            Kind::Postcode => "a UK postcode",
            Kind::Urn => "an Ofsted URN",
        }
    }
    /// The message for a bad value of the field called `field`.
    pub fn message(self, field: &str, bad: Bad) -> String {
        match bad {
            Bad::Formula => format!(
                "{field} begins with =, +, -, @ or a tab, as a spreadsheet formula does: it is not {}",
                self.noun()
            ),
            Bad::Form => format!("{field} is not {}", self.noun()),
            Bad::CheckLetter => format!(
                "{field} has the wrong check letter: its first character does not match the 12 after it (a character is likely mistyped)"
            ),
        }
    }
}

/// The letters of the DfE's check-letter alphabet: A-Z without I, O and S.
const LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// The value of a UPN character in the check sum: a digit its own value, a
/// letter its place in [`LETTERS`] (A = 0).
fn worth(c: u8) -> Option<usize> {
    if c.is_ascii_digit() {
        Some((c - b'0') as usize)
    } else {
        LETTERS.iter().position(|l| *l == c)
    }
}

/// The DfE's check letter of a UPN's last 12 characters (`rest`): each
/// character's value times its position in the UPN (2 to 13), summed,
/// modulo 23, as a letter of [`LETTERS`]. `None` when a character is not a
/// digit or a letter of the alphabet.
pub fn check_letter(rest: &str) -> Option<char> {
    if rest.len() != 12 {
        return None;
    }
    let mut sum = 0;
    for (c, weight) in rest.bytes().zip(2..) {
        sum += worth(c)? * weight;
    }
    Some(LETTERS[sum % 23] as char)
}

fn upn(v: &str) -> Result<(), Bad> {
    if matches!(v, "UN1" | "UN2" | "UN3" | "UN4" | "UN5") {
        return Ok(());
    }
    let b = v.as_bytes();
    let form = b.len() == 13
        && LETTERS.contains(&b[0])
        && b[1..12].iter().all(u8::is_ascii_digit)
        && (b[12].is_ascii_digit() || LETTERS.contains(&b[12]));
    if !form {
        return Err(Bad::Form);
    }
    if check_letter(&v[1..]) != Some(b[0] as char) {
        return Err(Bad::CheckLetter);
    }
    Ok(())
}

/// A UK postcode: an outward code (`A9`, `A99`, `AA9`, `AA99`, `A9A`,
/// `AA9A`), then an inward code (a digit and two letters), with one space
/// between them or none, in any case; and the letters each place may hold
/// (Royal Mail's rules), or `GIR 0AA`.
fn postcode(v: &str) -> bool {
    if !v.is_ascii() {
        return false;
    }
    let up = v.to_ascii_uppercase();
    let (out, inw) = match up.split_once(' ') {
        Some((o, i)) => (o.to_string(), i.to_string()),
        None if up.len() >= 5 => {
            let (o, i) = up.split_at(up.len() - 3);
            (o.to_string(), i.to_string())
        }
        None => return false,
    };
    if out == "GIR" && inw == "0AA" {
        return true;
    }
    let i = inw.as_bytes();
    let inward = i.len() == 3
        && i[0].is_ascii_digit()
        && i[1..].iter().all(|c| b"ABDEFGHJLNPQRSTUWXYZ".contains(c));
    inward && outward(out.as_bytes())
}

fn outward(o: &[u8]) -> bool {
    let first = |c: u8| c.is_ascii_uppercase() && !b"QVX".contains(&c);
    let second = |c: u8| c.is_ascii_uppercase() && !b"IJZ".contains(&c);
    let d = |c: u8| c.is_ascii_digit();
    let third = |c: u8| b"ABCDEFGHJKPSTUW".contains(&c);
    let fourth = |c: u8| b"ABEHMNPRVWXY".contains(&c);
    match *o {
        [a, n] => first(a) && d(n),
        [a, x, y] => first(a) && ((d(x) && (d(y) || third(y))) || (second(x) && d(y))),
        [a, b, n, y] => first(a) && second(b) && d(n) && (d(y) || fourth(y)),
        _ => false,
    }
}

/// Ofsted's URN: `SC` and 6 digits, 6 or 7 digits, or `XXXXXXX` (none).
fn urn(v: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    match v.strip_prefix("SC") {
        Some(n) => n.len() == 6 && digits(n),
        None => v == "XXXXXXX" || ((v.len() == 6 || v.len() == 7) && digits(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each of `values` passes (`ok`) or fails the check of `kind`.
    fn all(kind: Kind, ok: bool, values: &[&str]) {
        for v in values {
            assert_eq!(kind.check(v).is_ok(), ok, "{v:?}");
        }
    }

    #[test]
    fn upns_by_the_dfe_check_letter() {
        // python-stdnum's and the DfE validator's examples.
        assert_eq!(Kind::Upn.check("B801200005001"), Ok(()));
        assert_eq!(Kind::Upn.check("A801200005001"), Err(Bad::CheckLetter));
        assert_eq!(Kind::Upn.check("H801200001001"), Ok(()));
        assert_eq!(Kind::Upn.check("C801200001001"), Err(Bad::CheckLetter));
        // One digit changed: the check letter no longer matches.
        assert_eq!(Kind::Upn.check("B801200005002"), Err(Bad::CheckLetter));
        assert_eq!(check_letter("801200005001"), Some('B'));
        // The generator's, and a temporary UPN (a letter last).
        for v in ["N318000000214", "K318200112001", "UN1", "UN5"] {
            assert_eq!(Kind::Upn.check(v), Ok(()), "{v}");
        }
        let rest = "31800000021A";
        let temp = format!("{}{rest}", check_letter(rest).unwrap());
        assert_eq!(Kind::Upn.check(&temp), Ok(()));
        for v in [
            "UN6",
            "UN0",
            "un1",
            "b801200005001",
            "B80120000500",
            "B8012000050011",
            "B80120000500I",
            "B80120000500O",
            "I801200005001",
            "B80120000A001",
            "B801200005001 ",
            "é80120000500",
            "",
        ] {
            assert_eq!(Kind::Upn.check(v), Err(Bad::Form), "{v}");
        }
        for v in ["=HYPERLINK(\"http://x\")", "+1+1", "-1", "@SUM(A1)", "\t=1"] {
            assert_eq!(Kind::Upn.check(v), Err(Bad::Formula), "{v}");
        }
    }

    #[test]
    fn postcodes_in_the_uk_format() {
        all(
            Kind::Postcode,
            true,
            &[
                "SW1A 1AA", "SW1A1AA", "sw1a 1aa", "M1 1AE", "m11ae", "B33 8TH", "CR2 6XH",
                "DN55 1PT", "W1A 0AX", "EC1A 1BB", "TW9 1DN", "SW14 8SN", "GIR 0AA",
            ],
        );
        all(
            Kind::Postcode,
            false,
            &[
                "=1+2",
                "@SUM(A1)",
                "SW1A  1AA",
                "SW1A 1A",
                "SW1A 1AAA",
                "1W1A 1AA",
                "QW1 1AA",
                "SZ1 1AA",
                "W1I 1AA",
                "SW1C 1AA",
                "SW1A 1CA",
                "SW1A 11A",
                "SW1A-1AA",
                "M1",
                "",
                "postcode",
                "éé 1AA",
                "ééé",
            ],
        );
        assert_eq!(Kind::Postcode.check("=1+2"), Err(Bad::Formula));
    }

    #[test]
    fn urns_as_ofsted_writes_them() {
        all(
            Kind::Urn,
            true,
            &["SC123456", "123456", "1234567", "XXXXXXX"],
        );
        all(
            Kind::Urn,
            false,
            &[
                "SC12345",
                "SC1234567",
                "sc123456",
                "12345",
                "12345678",
                "XXXXXX",
                "SCABCDEF",
                "+1+1",
                "",
            ],
        );
        assert_eq!(Kind::Urn.check("+1+1"), Err(Bad::Formula));
    }

    #[test]
    fn messages_never_quote_the_value() {
        for k in [Kind::Upn, Kind::Postcode, Kind::Urn] {
            for b in [Bad::Formula, Bad::Form, Bad::CheckLetter] {
                let m = k.message("upn", b);
                assert!(!m.contains("B801") && !m.contains("=1"), "{m}");
            }
        }
    }
}
