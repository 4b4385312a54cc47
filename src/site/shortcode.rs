//! Short codes in report sections: `{{ figure("reviews.on_time") }}`,
//! `{{ table("alerts.by_theme") }}`, `{{ chart("reviews.on_time") }}`.
//! Each is replaced by a placeholder before the Markdown is rendered, then
//! by the rendered partial. An unknown function, an unknown id or wrong
//! arguments is an error with the file's line and column and the nearest id.

/// What a short code places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A figure's value, inline.
    Figure,
    /// A figure's table(s).
    Table,
    /// A chart with its table.
    Chart,
}

/// A short code found in a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    /// What it places.
    pub kind: Kind,
    /// The figure id.
    pub id: String,
    /// The placeholder it was replaced by.
    pub placeholder: String,
}

/// A short code that cannot be placed: line and column in the section's
/// body (1-based), what is wrong, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeError {
    /// Line in the body.
    pub line: u32,
    /// Column.
    pub column: u32,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

fn line_col(text: &str, byte: usize) -> (u32, u32) {
    let before = &text[..byte];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    (line, col)
}

/// The nearest known id to `id`, for "did you mean".
fn nearest<'a>(id: &str, ids: &[&'a str]) -> Option<&'a str> {
    ids.iter()
        .map(|k| (strsim::jaro_winkler(id, k), *k))
        .filter(|(s, _)| *s > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Replace every short code in `body` by a placeholder. `ids` are the
/// figure ids that exist. Every error is returned, not just the first.
pub fn expand(body: &str, ids: &[&str]) -> Result<(String, Vec<Code>), Vec<CodeError>> {
    let mut out = String::with_capacity(body.len());
    let mut codes = Vec::new();
    let mut errors = Vec::new();
    let mut rest = 0usize;
    while let Some(off) = body[rest..].find("{{") {
        let start = rest + off;
        out.push_str(&body[rest..start]);
        let Some(end_off) = body[start..].find("}}") else {
            let (line, column) = line_col(body, start);
            errors.push(CodeError {
                line,
                column,
                message: "a short code is not closed with `}}`".into(),
                hint: "write it like {{ figure(\"reviews.on_time\") }}".into(),
            });
            rest = body.len();
            break;
        };
        let end = start + end_off + 2;
        let inner = body[start + 2..end - 2].trim();
        let (line, column) = line_col(body, start);
        match parse(inner) {
            Err(m) => errors.push(CodeError {
                line,
                column,
                message: m,
                hint: "short codes are figure(\"ID\"), table(\"ID\") and chart(\"ID\"), with one figure id in double quotes".into(),
            }),
            Ok((kind, id)) => {
                if ids.contains(&id.as_str()) {
                    let placeholder = format!("IROSHORTCODE{}X", codes.len());
                    out.push_str(&placeholder);
                    codes.push(Code {
                        kind,
                        id,
                        placeholder,
                    });
                } else {
                    let hint = match nearest(&id, ids) {
                        Some(n) => format!("did you mean `{n}`? The figure ids are listed on the figures page and by `iro stats --format json`"),
                        None => "the figure ids are listed on the figures page and by `iro stats --format json`".into(),
                    };
                    errors.push(CodeError {
                        line,
                        column,
                        message: format!("no figure `{id}`"),
                        hint,
                    });
                }
            }
        }
        rest = end;
    }
    out.push_str(&body[rest.min(body.len())..]);
    if errors.is_empty() {
        Ok((out, codes))
    } else {
        Err(errors)
    }
}

/// `figure("x")` -> (Figure, "x").
fn parse(inner: &str) -> Result<(Kind, String), String> {
    let open = inner
        .find('(')
        .ok_or_else(|| format!("`{}` is not a short code", clip(inner)))?;
    let name = inner[..open].trim();
    let kind = match name {
        "figure" => Kind::Figure,
        "table" => Kind::Table,
        "chart" => Kind::Chart,
        other => return Err(format!("unknown short code `{}`", clip(other))),
    };
    let args = inner[open + 1..]
        .strip_suffix(')')
        .ok_or_else(|| format!("`{name}(` is not closed with `)`"))?
        .trim();
    let id = args
        .strip_prefix('"')
        .and_then(|a| a.strip_suffix('"'))
        .filter(|a| !a.contains('"'))
        .ok_or_else(|| format!("`{name}` takes one figure id in double quotes"))?;
    if id.is_empty() {
        return Err(format!("`{name}` takes one figure id in double quotes"));
    }
    Ok((kind, id.to_string()))
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: &[&str] = &["reviews.on_time", "reviews.held", "alerts.by_theme"];

    #[test]
    fn codes_become_placeholders() {
        let (s, c) = expand(
            "We held {{ figure(\"reviews.held\") }} reviews.\n\n{{chart(\"reviews.on_time\")}}\n",
            IDS,
        )
        .unwrap();
        assert_eq!(s, "We held IROSHORTCODE0X reviews.\n\nIROSHORTCODE1X\n");
        assert_eq!(c[1].kind, Kind::Chart);
        assert_eq!(c[1].id, "reviews.on_time");
    }

    #[test]
    fn errors_name_line_column_and_nearest_id() {
        let e = expand(
            "Intro.\n\nHeld {{ figure(\"reviews.on_tme\") }}.\n{{ graph(\"x\") }} {{ table(reviews.held) }}",
            IDS,
        )
        .unwrap_err();
        assert_eq!(e.len(), 3);
        assert_eq!((e[0].line, e[0].column), (3, 6));
        assert!(e[0].hint.contains("`reviews.on_time`"), "{:?}", e[0]);
        assert!(e[1].message.contains("unknown short code `graph`"));
        assert_eq!((e[2].line, e[2].column), (4, 18));
        assert!(expand("{{ figure(\"reviews.held\")", IDS).is_err());
        assert!(expand("{{ figure(\"\") }}", IDS).is_err());
        assert!(expand("{{ figure(\"a\", \"b\") }}", IDS).is_err());
    }
}
