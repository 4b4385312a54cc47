//! A laid-out document's own text, as a reader of the PDF sees it: every
//! text run on every page in order, with its title. Runs that touch are
//! joined (a word split by bold or a font change reads as one word; a run
//! holds its own spaces), runs apart on a line are separate texts (table
//! cells, columns: not read as one phrase), a new line is a space (a name
//! may wrap), and a box or block is a text of its own. A box labelled `<iro-site-date>` holding dates
//! alone is left out: the report's own dates are exempt where it prints them.

use typst::layout::{Frame, FrameItem, Point};
use typst::model::Document;
use typst_layout::PagedDocument;

/// The label the report templates put on a box around a date they print
/// of their own accord (the reporting year, the day the figures were taken).
pub const SITE_DATE_LABEL: &str = "iro-site-date";

struct Walk {
    out: String,
    /// The last run: its baseline, where it ended, its font size (pt).
    last: Option<(f64, f64, f64)>,
}

impl Walk {
    fn frame(&mut self, frame: &Frame, origin: Point) {
        for (pos, item) in frame.items() {
            let at = origin + *pos;
            match item {
                FrameItem::Group(g) => {
                    let site_date = g
                        .label
                        .is_some_and(|l| l.resolve().as_str() == SITE_DATE_LABEL);
                    if site_date {
                        let mut inner = Walk {
                            out: String::new(),
                            last: None,
                        };
                        inner.frame(&g.frame, at);
                        if crate::site::guard::dates_only(&inner.out) {
                            continue;
                        }
                    }
                    // A group is a box, a block or a table cell: its text
                    // is not joined to the text around it.
                    self.out.push('\n');
                    self.last = None;
                    self.frame(&g.frame, at);
                    self.out.push('\n');
                    self.last = None;
                }
                FrameItem::Text(t) => {
                    let (x, y, size) = (at.x.to_pt(), at.y.to_pt(), t.size.to_pt().max(1.0));
                    if let Some((ly, lx, _)) = self.last {
                        let gap = x - lx;
                        // A run holds its own spaces, so runs on one line
                        // touch unless something (a cell's inset, a column)
                        // lies between them.
                        if (y - ly).abs() > size * 0.3 {
                            self.out.push(' ');
                        } else if gap > size * 0.15 {
                            self.out.push('\n');
                        }
                    }
                    self.out.push_str(&t.text);
                    self.last = Some((y, x + t.width().to_pt(), size));
                }
                _ => {}
            }
        }
    }
}

/// The document's title and the text of its pages.
pub fn document_text(doc: &PagedDocument) -> String {
    let mut w = Walk {
        out: String::new(),
        last: None,
    };
    if let Some(t) = &doc.info().title {
        w.out.push_str(t);
        w.out.push('\n');
    }
    for p in doc.pages() {
        w.frame(&p.frame, Point::zero());
        w.out.push('\n');
        w.last = None;
    }
    w.out
}

#[cfg(test)]
mod tests {
    use crate::typeset::PdfEngine;

    fn text_of(body: &str) -> String {
        let src = format!(
            "#set document(title: \"T\")\n#set text(lang: \"en\", region: \"gb\")\n{body}\n"
        );
        let (_, t) = PdfEngine::new()
            .compile_with_text("main.typ", &src, &[])
            .expect("compiles");
        t
    }

    #[test]
    fn runs_join_as_a_reader_reads_them() {
        // A word split by emphasis or a font change reads as one word.
        let t = text_of("Jor#emph[dan] Ex#strong[am]ple said hello.");
        assert!(t.contains("Jordan Example said"), "{t:?}");
        // The title is part of the text.
        assert!(t.starts_with("T\n"), "{t:?}");
        // Table cells are not one phrase; a wrapped line is.
        let t = text_of("#table(columns: 3, [9], [10], [2004])");
        assert!(!t.contains("9 10 2004"), "{t:?}");
        let t = text_of("#block(width: 3cm)[aaaa bbbb cccc Jordan Example dddd]");
        assert!(t.contains("Jordan Example"), "{t:?}");
    }

    #[test]
    fn site_dates_are_left_out_only_when_they_are_dates() {
        let t = text_of("Taken on #box[9 October 2004]<iro-site-date>. Born #box[9 October 2004].");
        assert_eq!(t.matches("9 October 2004").count(), 1, "{t:?}");
        let t = text_of("#box[9 October 2004, Jordan]<iro-site-date>");
        assert!(t.contains("Jordan"), "{t:?}");
    }
}
