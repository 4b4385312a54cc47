//! The text an image or a font carries besides its pixels and glyphs, read
//! by the file's own structure (never by hunting for letters in compressed
//! data, which would find names by chance): PNG text and EXIF chunks, JPEG
//! comments and APP segments (EXIF, XMP), GIF comments, WebP EXIF and XMP,
//! a TrueType or OpenType font's `name` table. Text the guard cannot read
//! (a PNG's compressed text) is refused; so is a file whose structure is
//! broken.

fn latin1(b: &[u8]) -> String {
    b.iter()
        .map(|&c| if c == 0 { '\n' } else { c as char })
        .collect()
}

fn be16(b: &[u8], i: usize) -> Option<usize> {
    Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]) as usize)
}

fn be32(b: &[u8], i: usize) -> Option<usize> {
    Some(u32::from_be_bytes([*b.get(i)?, *b.get(i + 1)?, *b.get(i + 2)?, *b.get(i + 3)?]) as usize)
}

fn broken(kind: &str) -> String {
    format!("a {kind} file whose structure cannot be read")
}

/// The text `bytes` (of the kind `extract` recognised) carries.
pub fn text(kind: &str, bytes: &[u8]) -> Result<String, String> {
    let mut out = String::new();
    let ok = match kind {
        "png" => png(bytes, &mut out)?,
        "jpeg" => jpeg(bytes, &mut out),
        "gif" => gif(bytes, &mut out),
        "webp" => webp(bytes, &mut out),
        "font" => font(bytes, &mut out),
        // Icons and web fonts (compressed tables) carry no readable text.
        _ => Some(()),
    };
    ok.ok_or_else(|| broken(kind))?;
    Ok(out)
}

fn png(b: &[u8], out: &mut String) -> Result<Option<()>, String> {
    let mut i = 8;
    while i + 8 <= b.len() {
        let Some(len) = be32(b, i) else {
            return Ok(None);
        };
        let kind = &b[i + 4..i + 8];
        let Some(data) = b.get(i + 8..i + 8 + len) else {
            return Ok(None);
        };
        let compressed_itxt = kind == b"iTXt"
            && data
                .iter()
                .position(|c| *c == 0)
                .and_then(|p| data.get(p + 1))
                == Some(&1);
        if kind == b"zTXt" || compressed_itxt {
            return Err("a PNG image with compressed text inside it (remove its metadata)".into());
        }
        match kind {
            b"tEXt" | b"eXIf" => out.push_str(&latin1(data)),
            b"iTXt" => out.push_str(&String::from_utf8_lossy(data).replace('\0', "\n")),
            b"IEND" => return Ok(Some(())),
            _ => {}
        }
        out.push('\n');
        i += 12 + len;
    }
    Ok(Some(()))
}

fn jpeg(b: &[u8], out: &mut String) -> Option<()> {
    let mut i = 2;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let m = b[i + 1];
        if m == 0xD8 || m == 0x01 || (0xD0..=0xD7).contains(&m) {
            i += 2;
            continue;
        }
        if m == 0xD9 || m == 0xDA {
            // End of image, or the start of the compressed picture.
            return Some(());
        }
        let len = be16(b, i + 2)?;
        let data = b.get(i + 4..i + 2 + len)?;
        if m == 0xFE || (0xE0..=0xEF).contains(&m) {
            out.push_str(&latin1(data));
            out.push('\n');
        }
        i += 2 + len;
    }
    Some(())
}

fn gif(b: &[u8], out: &mut String) -> Option<()> {
    // Header and logical screen descriptor, then the global colour table.
    let flags = *b.get(10)?;
    let mut i = 13
        + if flags & 0x80 != 0 {
            3 << ((flags & 7) + 1)
        } else {
            0
        };
    let sub_blocks = |mut i: usize, out: Option<&mut String>| -> Option<usize> {
        let mut text = String::new();
        loop {
            let n = *b.get(i)? as usize;
            i += 1;
            if n == 0 {
                break;
            }
            text.push_str(&latin1(b.get(i..i + n)?));
            i += n;
        }
        if let Some(o) = out {
            o.push_str(&text);
            o.push('\n');
        }
        Some(i)
    };
    loop {
        match *b.get(i)? {
            0x3B => return Some(()),
            0x21 => {
                let label = *b.get(i + 1)?;
                i = sub_blocks(i + 2, (label == 0xFE || label == 0xFF).then_some(&mut *out))?;
            }
            0x2C => {
                let f = *b.get(i + 9)?;
                i += 10 + if f & 0x80 != 0 { 3 << ((f & 7) + 1) } else { 0 };
                i = sub_blocks(i + 1, None)?;
            }
            _ => return None,
        }
    }
}

fn webp(b: &[u8], out: &mut String) -> Option<()> {
    let mut i = 12;
    while i + 8 <= b.len() {
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let data = b.get(i + 8..i + 8 + len)?;
        if &b[i..i + 4] == b"EXIF" || &b[i..i + 4] == b"XMP " {
            out.push_str(&latin1(data));
            out.push('\n');
        }
        i += 8 + len + (len & 1);
    }
    Some(())
}

/// A TrueType or OpenType font's `name` table: its names and notices.
fn font(b: &[u8], out: &mut String) -> Option<()> {
    let tables = be16(b, 4)?;
    for t in 0..tables {
        let rec = 12 + 16 * t;
        if b.get(rec..rec + 4)? != b"name" {
            continue;
        }
        let off = be32(b, rec + 8)?;
        let count = be16(b, off + 2)?;
        let strings = off + be16(b, off + 4)?;
        for r in 0..count {
            let at = off + 6 + 12 * r;
            let platform = be16(b, at)?;
            let len = be16(b, at + 8)?;
            let start = strings + be16(b, at + 10)?;
            let data = b.get(start..start + len)?;
            if platform == 1 {
                out.push_str(&latin1(data));
            } else {
                let units = data
                    .chunks_exact(2)
                    .map(|p| u16::from_be_bytes([p[0], p[1]]));
                out.extend(char::decode_utf16(units).map(|c| c.unwrap_or(' ')));
            }
            out.push('\n');
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_themes_fonts_are_read_by_their_names() {
        let f = include_bytes!("../../../themes/default/fonts/AtkinsonHyperlegible-Regular.ttf");
        let t = text("font", f).unwrap();
        assert!(t.contains("Atkinson Hyperlegible"), "{t}");
        assert!(text("font", &f[..20]).is_err(), "a cut font is broken");
    }

    #[test]
    fn jpeg_comments_and_gif_comments() {
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xFE, 0, 9];
        j.extend(b"C0096 x");
        j.extend([0xFF, 0xDA, 0, 2]);
        assert!(text("jpeg", &j).unwrap().contains("C0096"));
        let mut g = b"GIF89a".to_vec();
        g.extend([1, 0, 1, 0, 0, 0, 0]);
        g.extend([0x21, 0xFE, 5]);
        g.extend(b"C0096");
        g.extend([0, 0x3B]);
        assert!(text("gif", &g).unwrap().contains("C0096"));
        assert!(text("gif", b"GIF89a\x01\x00").is_err());
    }
}
