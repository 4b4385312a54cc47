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

/// Where a section states a target next to a figure ("against our target
/// of 95%" in the paragraph of `{{ figure("alerts.informal_or_stage1") }}`)
/// and `target(id)` (iro.toml's `[scorecard]`) sets another, an error at the
/// stated number. A stated target belongs to the nearest figure with a
/// target before it in its paragraph, else the nearest after it; a
/// paragraph without such a figure states nothing to check.
pub fn stated_targets(body: &str, target: impl Fn(&str) -> Option<f64>) -> Vec<CodeError> {
    let mut errors = Vec::new();
    let mut para_start = 0usize;
    for para in body.split("\n\n") {
        // Figure short codes with a target: (byte in body, id, target).
        let mut figs = Vec::new();
        let mut at = 0usize;
        while let Some(off) = para[at..].find("{{") {
            let start = at + off;
            let Some(len) = para[start..].find("}}") else {
                break;
            };
            if let Ok((Kind::Figure, id)) = parse(para[start + 2..start + len].trim())
                && let Some(t) = target(&id)
            {
                figs.push((para_start + start, id, t));
            }
            at = start + len + 2;
        }
        let lower = para.to_ascii_lowercase();
        let mut at = 0usize;
        while let Some(off) = lower[at..].find("target of") {
            let phrase = at + off;
            at = phrase + "target of".len();
            let num_at = at + (lower[at..].len() - lower[at..].trim_start().len());
            let digits: String = lower[num_at..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let digits = digits.trim_end_matches('.');
            let Ok(stated) = digits.parse::<f64>() else {
                continue;
            };
            let here = para_start + phrase;
            let fig = figs
                .iter()
                .rev()
                .find(|(b, _, _)| *b < here)
                .or_else(|| figs.iter().find(|(b, _, _)| *b > here));
            if let Some((_, id, t)) = fig
                && (stated - t).abs() > 1e-9
            {
                let unit = if lower[num_at + digits.len()..].starts_with('%') {
                    "%"
                } else {
                    ""
                };
                let (line, column) = line_col(body, para_start + num_at);
                errors.push(CodeError {
                    line,
                    column,
                    message: format!(
                        "this says a target of {digits}{unit} beside `{id}`, but iro.toml's [scorecard] sets {}{unit}",
                        crate::stats::figure::fmt_num(*t)
                    ),
                    hint: format!(
                        "write the target the scorecard uses, or change `\"{id}\"` in [scorecard] of iro.toml"
                    ),
                });
            }
        }
        para_start += para.len() + 2;
    }
    errors
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

    #[test]
    fn a_stated_target_must_be_the_scorecards() {
        let target = |id: &str| match id {
            "alerts.informal_or_stage1" => Some(90.0),
            "reviews.on_time" => Some(95.0),
            _ => None,
        };
        let body = "Intro.\n\nIROs raised {{ figure(\"alerts.raised\") }} alerts.\n{{ figure(\"alerts.informal_or_stage1\") }} were resolved early,\nagainst our target of 95%.\n";
        let e = stated_targets(body, target);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (5, 23));
        assert!(e[0].message.contains("95%"), "{}", e[0].message);
        assert!(e[0].message.contains("sets 90%"), "{}", e[0].message);
        assert!(e[0].message.contains("`alerts.informal_or_stage1`"));
        // The right target, a target before its figure, a line break after
        // "of", and a paragraph without a figure that has a target: fine.
        assert!(stated_targets(&body.replace("95%", "90%"), target).is_empty());
        assert!(
            stated_targets(
                "Our Target of\n95%: {{ figure(\"reviews.on_time\") }}.",
                target
            )
            .is_empty()
        );
        assert!(
            stated_targets(
                "A target of 50%.\n\n{{ figure(\"reviews.on_time\") }}",
                target
            )
            .is_empty()
        );
        assert!(
            stated_targets("{{ figure(\"alerts.raised\") }}, a target of 5.", target).is_empty()
        );
        // Each paragraph is held to its own figure.
        let two = "{{ figure(\"reviews.on_time\") }} (target of 95%)\n\n{{ figure(\"alerts.informal_or_stage1\") }} (target of 95%)";
        let e = stated_targets(two, target);
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].column), (3, 54));
    }
}
