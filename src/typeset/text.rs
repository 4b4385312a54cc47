//! A laid-out document's own text, as a reader of the PDF sees it: every
//! text run on every page in order, with its title. Runs that touch are
//! joined (a word split by bold or a font change reads as one word), runs
//! apart on a line are separated by a space, or by a line break when the gap
//! is a column's (table cells are not read as one phrase), and a new line is
//! a space (a name may wrap). A box labelled `<iro-site-date>` holding dates
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
                    self.frame(&g.frame, at);
                }
                FrameItem::Text(t) => {
                    let (x, y, size) = (at.x.to_pt(), at.y.to_pt(), t.size.to_pt().max(1.0));
                    if let Some((ly, lx, _)) = self.last {
                        let gap = x - lx;
                        if (y - ly).abs() > size * 0.3 {
                            self.out.push(' ');
                        } else if gap > size * 1.2 {
                            self.out.push('\n');
                        } else if gap > size * 0.1 {
                            self.out.push(' ');
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
