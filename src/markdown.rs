//! Markdown, rendered one way for everything iro publishes or prints.
//!
//! Raw HTML in a record or a report section is never passed through as
//! markup: a `<script>` shows as text and never runs.
//!
//! - [`to_blocks`]: the IRO's Markdown as typed blocks (headings, paragraphs,
//!   lists, quotes of inline runs), the data letters give their HTML and
//!   Typst templates;
//! - [`to_html`]: Markdown as HTML for the report site (comrak, raw HTML
//!   escaped).

use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, Options, parse_document};
use serde::{Deserialize, Serialize};

/// Deepest nesting of lists and quotes kept from Markdown; deeper content is flattened.
pub const MAX_BLOCK_DEPTH: usize = 6;

/// A block of text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A heading, level 2-4 (never skipping a level).
    Heading {
        /// 2, 3 or 4.
        level: u64,
        /// Its text.
        inlines: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph {
        /// Its text.
        inlines: Vec<Inline>,
    },
    /// A list; each item is a list of blocks.
    List {
        /// Numbered.
        ordered: bool,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A quotation.
    Quote {
        /// What is quoted.
        blocks: Vec<Block>,
    },
}

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inline {
    /// The text (`\n` alone is a line break).
    pub text: String,
    /// Bold.
    pub strong: bool,
    /// Italic.
    pub emph: bool,
}

/// Markdown as HTML: CommonMark with tables and strikethrough; raw HTML is
/// escaped (shown as text), never passed through.
pub fn to_html(md: &str) -> String {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.render.escape = true;
    comrak::markdown_to_html(md, &options)
}

/// The IRO's Markdown as body blocks (see the README for their shapes), from comrak's
/// AST. Raw HTML is kept as literal text (it is never passed through as markup, so a
/// `<script>` shows as text and never runs). Links become their text, images their alt
/// text, code its text. Heading levels are fitted under the letter's own headings (2–4,
/// never skipping a level). Lists and quotes nested deeper than 6 are flattened.
pub fn to_blocks(md: &str) -> Vec<Block> {
    let arena = Arena::new();
    let options = Options::default();
    let root = parse_document(&arena, md, &options);
    let mut st = MdState { last_heading: 1 };
    child_blocks(root, 0, &mut st)
}

struct MdState {
    last_heading: u64,
}

fn child_blocks<'a>(node: &'a AstNode<'a>, depth: usize, st: &mut MdState) -> Vec<Block> {
    let mut out = Vec::new();
    for child in node.children() {
        block(child, depth, st, &mut out);
    }
    out
}

fn paragraph(inlines: Vec<Inline>) -> Option<Block> {
    if inlines.is_empty() {
        None
    } else {
        Some(Block::Paragraph { inlines })
    }
}

fn block<'a>(node: &'a AstNode<'a>, depth: usize, st: &mut MdState, out: &mut Vec<Block>) {
    let ast = node.data();
    match &ast.value {
        NodeValue::Paragraph => out.extend(paragraph(inline_runs_of(node))),
        NodeValue::Heading(h) => {
            let level = (h.level as u64).clamp(2, 4).min(st.last_heading + 1);
            st.last_heading = level;
            let inlines = inline_runs_of(node);
            if !inlines.is_empty() {
                out.push(Block::Heading { level, inlines });
            }
        }
        NodeValue::List(list) => {
            if depth >= MAX_BLOCK_DEPTH {
                flatten(node, out);
                return;
            }
            let items: Vec<Vec<Block>> = node
                .children()
                .map(|item| child_blocks(item, depth + 1, st))
                .collect();
            let ordered = list.list_type == ListType::Ordered;
            out.push(Block::List { ordered, items });
        }
        NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
            if depth >= MAX_BLOCK_DEPTH {
                flatten(node, out);
                return;
            }
            let blocks = child_blocks(node, depth + 1, st);
            if !blocks.is_empty() {
                out.push(Block::Quote { blocks });
            }
        }
        NodeValue::CodeBlock(code) => out.extend(paragraph(literal_runs(&code.literal))),
        NodeValue::HtmlBlock(html) => out.extend(paragraph(literal_runs(&html.literal))),
        NodeValue::ThematicBreak | NodeValue::FrontMatter(_) => {}
        NodeValue::Table(_) => {
            for row in node.children() {
                let cells: Vec<String> = row.children().map(plain_text).collect();
                let line = cells.join(" – ");
                if !line.trim().is_empty() {
                    out.extend(paragraph(vec![run(&line, false, false)]));
                }
            }
        }
        _ => {
            // Other containers (items, footnotes, description lists...): their blocks.
            drop(ast);
            for child in node.children() {
                if is_block(child) {
                    block(child, depth, st, out);
                } else {
                    out.extend(paragraph(inline_runs_of(child)));
                }
            }
        }
    }
}

fn is_block<'a>(node: &'a AstNode<'a>) -> bool {
    node.data().value.block()
}

/// Everything under `node` as plain paragraphs (for over-deep nesting).
fn flatten<'a>(node: &'a AstNode<'a>, out: &mut Vec<Block>) {
    for d in node.descendants() {
        let is_leaf_block = matches!(
            d.data().value,
            NodeValue::Paragraph
                | NodeValue::Heading(_)
                | NodeValue::CodeBlock(_)
                | NodeValue::HtmlBlock(_)
        );
        if is_leaf_block {
            let text = plain_text(d);
            if !text.trim().is_empty() {
                out.extend(paragraph(vec![run(&text, false, false)]));
            }
        }
    }
}

fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut s = String::new();
    for x in inline_runs_of(node) {
        s.push_str(&x.text);
    }
    match &node.data().value {
        NodeValue::CodeBlock(c) => c.literal.trim_end().to_string(),
        NodeValue::HtmlBlock(h) => h.literal.trim_end().to_string(),
        _ => s,
    }
}

fn run(text: &str, strong: bool, emph: bool) -> Inline {
    Inline {
        text: text.to_string(),
        strong,
        emph,
    }
}

/// Literal text (code, raw HTML) with its line breaks kept.
fn literal_runs(text: &str) -> Vec<Inline> {
    let mut runs = Vec::new();
    for (i, line) in text.trim_end().lines().enumerate() {
        if i > 0 {
            runs.push(run("\n", false, false));
        }
        if !line.is_empty() {
            runs.push(run(line, false, false));
        }
    }
    runs
}

fn inline_runs_of<'a>(node: &'a AstNode<'a>) -> Vec<Inline> {
    let mut runs: Vec<(String, bool, bool)> = Vec::new();
    for child in node.children() {
        collect_inline(child, false, false, &mut runs);
    }
    // Trim leading/trailing whitespace-only breaks, merge runs of the same style.
    let mut merged: Vec<(String, bool, bool)> = Vec::new();
    for (text, strong, emph) in runs {
        if text.is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some(last) if last.1 == strong && last.2 == emph && text != "\n" && last.0 != "\n" => {
                last.0.push_str(&text)
            }
            _ => merged.push((text, strong, emph)),
        }
    }
    merged.into_iter().map(|(t, s, e)| run(&t, s, e)).collect()
}

fn collect_inline<'a>(
    node: &'a AstNode<'a>,
    strong: bool,
    emph: bool,
    out: &mut Vec<(String, bool, bool)>,
) {
    let ast = node.data();
    match &ast.value {
        NodeValue::Text(t) => out.push((t.to_string(), strong, emph)),
        NodeValue::Code(c) => out.push((c.literal.clone(), strong, emph)),
        NodeValue::HtmlInline(h) | NodeValue::Raw(h) => out.push((h.clone(), strong, emph)),
        NodeValue::SoftBreak => out.push((" ".into(), strong, emph)),
        NodeValue::LineBreak => out.push(("\n".into(), strong, emph)),
        NodeValue::Math(m) => out.push((m.literal.clone(), strong, emph)),
        NodeValue::Strong => {
            drop(ast);
            node.children()
                .for_each(|c| collect_inline(c, true, emph, out));
        }
        NodeValue::Emph => {
            drop(ast);
            node.children()
                .for_each(|c| collect_inline(c, strong, true, out));
        }
        _ => {
            // Links, images (alt text), strikethrough and the rest: their text.
            drop(ast);
            node.children()
                .for_each(|c| collect_inline(c, strong, emph, out));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn blocks_have_the_contract_shapes() {
        let blocks = to_blocks(
            "# Big\n\nHello *you* and **me** [link](http://x.example).\n\n#### Deep\n\n- a\n- b\n\n1. one\n\n> quoted\n",
        );
        let v = serde_json::to_value(&blocks).unwrap();
        let b = v.as_array().unwrap();
        assert_eq!(
            b[0],
            json!({"type": "heading", "level": 2, "inlines": [{"text": "Big", "strong": false, "emph": false}]})
        );
        assert_eq!(
            b[1]["inlines"],
            json!([
                {"text": "Hello ", "strong": false, "emph": false},
                {"text": "you", "strong": false, "emph": true},
                {"text": " and ", "strong": false, "emph": false},
                {"text": "me", "strong": true, "emph": false},
                {"text": " link.", "strong": false, "emph": false}
            ])
        );
        // #### after ## becomes 3: levels never skip.
        assert_eq!(b[2]["level"], 3);
        assert_eq!(b[3]["type"], "list");
        assert_eq!(b[3]["ordered"], false);
        assert_eq!(b[3]["items"][1][0]["inlines"][0]["text"], "b");
        assert_eq!(b[4]["ordered"], true);
        assert_eq!(b[5]["type"], "quote");
        assert_eq!(b[5]["blocks"][0]["inlines"][0]["text"], "quoted");
    }

    #[test]
    fn raw_html_is_literal_text() {
        let blocks = to_blocks("<script>alert(1)</script>\n\nHi <b>there</b>\n");
        let text = serde_json::to_string(&blocks).unwrap();
        assert!(text.contains("<script>alert(1)</script>"), "{text}");
        assert!(text.contains("<b>"), "{text}");
        let html = to_html("<script>alert(1)</script>\n\nHi <b>there</b> *x*\n");
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;") && html.contains("<em>x</em>"),
            "{html}"
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let md = format!("{}deep\n", "> ".repeat(500));
        fn depth(b: &[Block]) -> usize {
            b.iter()
                .map(|x| match x {
                    Block::Quote { blocks } => 1 + depth(blocks),
                    Block::List { items, .. } => {
                        1 + items.iter().map(|i| depth(i)).max().unwrap_or(0)
                    }
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        let blocks = to_blocks(&md);
        assert!(depth(&blocks) <= MAX_BLOCK_DEPTH, "{}", depth(&blocks));
        assert!(serde_json::to_string(&blocks).unwrap().contains("deep"));
    }
}
