//! The text of one output file as a reader (or a program) would read it:
//! HTML and SVG as their rendered text (tags dropped, so a name split by
//! `<strong>` joins again, entities decoded, a block or cell ending in a line
//! break), their attribute values, comments, scripts and styles; CSV and any
//! other text file in whatever encoding it is in (UTF-8, UTF-16 with or
//! without a byte-order mark, else Latin-1), CSS and JavaScript by their
//! strings and comments; and the text images and fonts carry (`meta`). A
//! file of any other kind is refused: the site publishes only text, the PDFs
//! iro made, and images and fonts recognised by their type.

/// Text to search, and whether its line breaks are hard (a cell or block
/// ends there) or soft (running text that may wrap inside a name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub hard_lines: bool,
    /// An image's or font's metadata (credits, copyright): searched for
    /// everything but preferred names, which alone are ordinary first names
    /// ("Megan" among a font's designers) and no one's record.
    pub metadata: bool,
}

impl Text {
    /// Text whose line breaks end a cell or a block.
    pub fn hard(text: String) -> Text {
        Text {
            text,
            hard_lines: true,
            metadata: false,
        }
    }
    /// Running text: a line break may fall inside a name.
    pub fn soft(text: String) -> Text {
        Text {
            text,
            hard_lines: false,
            metadata: false,
        }
    }
}

/// The binary kinds the site may publish, known by their first bytes.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let starts = |p: &[u8]| bytes.starts_with(p);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some("gif")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("webp")
    } else if starts(&[0, 0, 1, 0]) {
        Some("ico")
    } else if starts(&[0, 1, 0, 0]) || starts(b"OTTO") || starts(b"true") {
        Some("font")
    } else if starts(b"wOFF") || starts(b"wOF2") {
        Some("web font")
    } else {
        None
    }
}

fn ext(path: &str) -> String {
    path.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The text of an output file, or why it may not be published.
pub fn read(path: &str, bytes: &[u8]) -> Result<Vec<Text>, String> {
    let e = ext(path);
    if bytes.starts_with(b"%PDF") || e == "pdf" {
        return Err("a PDF that iro did not make".into());
    }
    if let Some(kind) = binary_kind(bytes) {
        let image_ext = matches!(e.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp" | "ico");
        let font_ext = matches!(e.as_str(), "ttf" | "otf" | "woff" | "woff2");
        let fits = match kind {
            "font" => e == "ttf" || e == "otf",
            "web font" => e == "woff" || e == "woff2",
            "jpeg" => e == "jpg" || e == "jpeg",
            k => e == k,
        };
        if !(fits && (image_ext || font_ext)) {
            return Err(format!("a {kind} file named .{e}"));
        }
        return super::meta::text(kind, bytes).map(|t| {
            vec![Text {
                metadata: true,
                ..Text::hard(t)
            }]
        });
    }
    let text = decode(bytes)
        .ok_or_else(|| "a binary file of a kind the site does not publish".to_string())?;
    Ok(match e.as_str() {
        "html" | "htm" | "svg" | "xml" | "xhtml" => html(&text),
        "csv" | "tsv" => vec![Text::hard(text)],
        // Code: what it can show or hold, its strings and comments (a
        // property named `max-width` is not a child called Max).
        "css" | "js" | "mjs" => vec![Text::hard(code_strings(&text))],
        _ => vec![Text::soft(text)],
    })
}

/// Text in UTF-8, UTF-16 (byte-order mark, or the zero bytes of ASCII
/// text in it), or Latin-1; `None` for what is not text.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |le: bool, b: &[u8]| -> Option<String> {
        let units = b.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    if let Some(b) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(b).ok().map(str::to_string);
    }
    if let Some(b) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(true, b);
    }
    if let Some(b) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(false, b);
    }
    if !bytes.contains(&0) {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Some(s.to_string());
        }
        // Latin-1 (or Windows-1252: the same letters): text when it has no
        // control characters but line ends and tabs.
        let ok = bytes
            .iter()
            .all(|&b| b >= 0x20 || matches!(b, b'\n' | b'\r' | b'\t' | 0x0C));
        return ok.then(|| bytes.iter().map(|&b| b as char).collect());
    }
    // UTF-16 without a byte-order mark: ASCII text has a zero in every pair.
    if bytes.len().is_multiple_of(2) && bytes.len() >= 2 {
        let zeros = |odd: bool| {
            bytes
                .iter()
                .skip(odd as usize)
                .step_by(2)
                .filter(|b| **b == 0)
                .count()
        };
        let half = bytes.len() / 2;
        if zeros(true) * 10 >= half * 9 {
            return utf16(true, bytes);
        }
        if zeros(false) * 10 >= half * 9 {
            return utf16(false, bytes);
        }
    }
    None
}

/// The string literals and comments of CSS or JavaScript, a line each.
pub fn code_strings(src: &str) -> String {
    let mut out = String::new();
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let (end_pat, skip): (&str, usize) = match c {
            '"' => ("\"", 1),
            '\'' => ("'", 1),
            '`' => ("`", 1),
            '/' if src[i + 1..].starts_with('*') => ("*/", 2),
            '/' if src[i + 1..].starts_with('/') => ("\n", 2),
            _ => continue,
        };
        let body_start = i + skip;
        // Find the end, stepping over escaped characters in strings.
        let mut j = body_start;
        let bytes = src.as_bytes();
        while j < src.len() && !src[j..].starts_with(end_pat) {
            j += if bytes[j] == b'\\' && skip == 1 { 2 } else { 1 };
        }
        let j = j.min(src.len());
        let body = src.get(body_start..j).unwrap_or("");
        out.push_str(body);
        out.push('\n');
        let resume = (j + end_pat.len()).min(src.len());
        while chars.peek().is_some_and(|(k, _)| *k < resume) {
            chars.next();
        }
    }
    out
}

/// Elements whose start or end is a break in the text (a block, a cell,
/// a line), not a join inside a word.
fn breaks(tag: &str) -> bool {
    !matches!(
        tag,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
            | "tspan"
            | "font"
    )
}

/// Decode character references (`&amp;`, `&#233;`, `&#xE9;`, every named
/// one HTML5 has).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    static NAMED: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    let named = NAMED.get_or_init(|| {
        entities::ENTITIES
            .iter()
            .map(|e| (e.entity, e.characters))
            .collect()
    });
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest
            .char_indices()
            .skip(1)
            .take(40)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .map(|(j, c)| if c == ';' { j + 1 } else { j })
            .unwrap_or(rest.len().min(41));
        let r = &rest[..end];
        let body = r.trim_start_matches('&').trim_end_matches(';');
        let num = body
            .strip_prefix("#x")
            .or_else(|| body.strip_prefix("#X"))
            .map(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| body.strip_prefix('#').map(|d| d.parse::<u32>().ok()));
        let decoded = match num {
            Some(n) => n.and_then(char::from_u32).map(|c| c.to_string()),
            None => named
                .get(r)
                .or_else(|| named.get(format!("&{body};").as_str()))
                .map(|c| c.to_string()),
        };
        match decoded {
            Some(d) if end > 1 => {
                out.push_str(&d);
                rest = &rest[end..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// HTML (or SVG) as text: the rendered text (soft line breaks, tags
/// dropped, blocks and cells ending in a hard break), then every attribute
/// value, comment, script and style as text of their own. The text of an
/// element marked `data-iro-date` is dropped when it holds dates alone.
pub fn html(src: &str) -> Vec<Text> {
    let mut text = String::with_capacity(src.len() / 2);
    let mut other = String::new();
    // The marked element being read: its tag, depth, and text so far.
    let mut marked: Option<(String, usize, String)> = None;
    let mut pending = String::new();
    let flush =
        |pending: &mut String, text: &mut String, marked: &mut Option<(String, usize, String)>| {
            if pending.is_empty() {
                return;
            }
            let d = decode_entities(pending).replace(['\n', '\r'], " ");
            match marked {
                Some((_, _, t)) => t.push_str(&d),
                None => text.push_str(&d),
            }
            pending.clear();
        };
    let mut rest = src;
    while let Some(i) = rest.find('<') {
        pending.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(c) = rest.strip_prefix("<!--") {
            let end = c.find("-->").unwrap_or(c.len());
            other.push_str(&decode_entities(&c[..end]));
            other.push('\n');
            rest = c.get(end + 3..).unwrap_or("");
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest.find('>').map(|e| e + 1).unwrap_or(rest.len());
            other.push_str(&rest[..end]);
            other.push('\n');
            rest = &rest[end..];
            continue;
        }
        // A tag: its name, then its attributes up to the `>` outside quotes.
        let body = &rest[1..];
        let closing = body.starts_with('/');
        let name: String = body
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            // A lone `<` is text.
            pending.push('<');
            rest = body;
            continue;
        }
        let mut quote: Option<char> = None;
        let mut end = body.len();
        for (j, c) in body.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = j;
                    break;
                }
                _ => {}
            }
        }
        let inside = &body[..end];
        rest = body.get(end + 1..).unwrap_or("");
        flush(&mut pending, &mut text, &mut marked);
        let is_marker = !closing && inside.contains("data-iro-date");
        // Attribute values are published too (alt, title, aria-label, href).
        if !is_marker && !closing {
            for v in attribute_values(inside) {
                other.push_str(&decode_entities(v));
                other.push('\n');
            }
        }
        let mut ended = None;
        if let Some((tag, depth, t)) = &mut marked {
            if *tag == name && !inside.ends_with('/') {
                if closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
            }
            if *depth == 0 {
                ended = Some(std::mem::take(t));
            }
        } else if is_marker {
            marked = Some((name.clone(), 1, String::new()));
        }
        if let Some(t) = ended {
            marked = None;
            if !super::dates_only(&t) {
                text.push_str(&t);
            }
        }
        if breaks(&name) {
            match &mut marked {
                Some((_, _, t)) => t.push(' '),
                None => text.push('\n'),
            }
        }
        // Script and style: their content is text of its own.
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            let e = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            other.push_str(&rest[..e]);
            other.push('\n');
            rest = &rest[e..];
        }
    }
    pending.push_str(rest);
    flush(&mut pending, &mut text, &mut marked);
    if let Some((_, _, t)) = marked {
        text.push_str(&t);
    }
    vec![Text::hard(text), Text::hard(other)]
}

/// The values of a tag's attributes (`alt="..."`, `title='...'`, `x=y`).
fn attribute_values(inside: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = inside;
    while let Some(eq) = rest.find('=') {
        let after = rest[eq + 1..].trim_start();
        let (v, r) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after[1..];
                let e = body.find(q).unwrap_or(body.len());
                (&body[..e], body.get(e + 1..).unwrap_or(""))
            }
            _ => {
                let e = after
                    .find(|c: char| c.is_whitespace() || c == '/')
                    .unwrap_or(after.len());
                (&after[..e], &after[e..])
            }
        };
        out.push(v);
        rest = r;
    }
    out
}
