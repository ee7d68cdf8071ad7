//! Page layout of an [`ir::Document`], independent of any PDF library.
//!
//! The engine mirrors how Word/LibreOffice lay out the DOCX written from the same IR (line
//! height = winAscent + winDescent × multiple, spacing in points, widow/orphan control,
//! keep-with-next, repeated table headers, rows that move whole), so both formats paginate
//! alike. Coordinates are in points with the origin at the top-left corner of the page and
//! y growing downwards; the PDF writer flips them.
//!
//! One module per job: [`text`] breaks lines, [`paragraph`] builds line boxes, [`table`]
//! measures rows, [`paginate`] distributes everything over pages, [`decorate`] adds page
//! numbers.

pub mod decorate;
pub mod paginate;
pub mod paragraph;
pub mod table;
pub mod text;

use std::sync::Arc;

use crate::fonts::{FontSet, FontStyle};
use crate::ir;

/// A run of glyphs in one face and size, starting at `x` on the baseline `y`.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// NFC text; may end with the space(s) that followed the word in the source, so that
    /// text extraction keeps word separation. Spaces are never stretched: justified words
    /// are positioned individually.
    pub text: String,
    pub style: FontStyle,
    pub size: f32,
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width of `text` without trailing spaces.
    pub width: f32,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(GlyphRun),
    /// A filled black rectangle (rules, table borders, underlines, frames).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    /// A PNG image; `y` is its top edge.
    Image {
        data: Arc<Vec<u8>>,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

impl Item {
    /// Move the item by (dx, dy).
    pub fn shifted(&self, dx: f32, dy: f32) -> Item {
        let mut it = self.clone();
        it.shift(dx, dy);
        it
    }

    /// Move the item by (dx, dy) in place.
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text(g) => {
                g.x += dx;
                g.y += dy;
            }
            Item::Rect { x, y, .. } | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
    }
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    /// Index of the IR section the page belongs to.
    pub section: usize,
    /// 1-based page number within the section.
    pub number: usize,
    pub orientation: ir::Orientation,
    pub items: Vec<Item>,
    /// Headings that start on this page, for the PDF outline.
    pub marks: Vec<Mark>,
}

/// A heading (a paragraph with an outline level) where its first line starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub level: u8,
    /// The heading's text on one line.
    pub title: String,
    /// The top of its first line, from the page's top edge.
    pub y: f32,
}

impl Page {
    /// The page's text runs in drawing order (for tests).
    pub fn runs(&self) -> impl Iterator<Item = &GlyphRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(g) => Some(g),
            _ => None,
        })
    }

    /// All text on the page joined in drawing order (for tests and debugging).
    pub fn text(&self) -> String {
        self.runs().map(|g| g.text.as_str()).collect()
    }
}

/// Lay out the whole document: every section starts a new page, pages are numbered per
/// section and decorated with their numbers.
pub fn layout(doc: &ir::Document, fonts: &FontSet) -> Vec<Page> {
    let mut pages = Vec::new();
    for (i, section) in doc.sections.iter().enumerate() {
        let mut sec_pages = paginate::paginate_section(section, i, &doc.page, fonts);
        decorate::add_page_numbers(&mut sec_pages, &doc.page, fonts);
        pages.extend(sec_pages);
    }
    pages
}

/// The space before each block once adjacent paragraph spacing is collapsed: between two
/// paragraphs (rules are paragraphs in the DOCX) the gap is the larger of the first's space
/// after and the second's space before, not their sum — what LibreOffice does with our
/// DOCX (measured). Other blocks keep their own spacing.
pub(crate) fn collapsed_before(blocks: &[ir::Block]) -> Vec<f32> {
    let mut prev_after = 0.0f32;
    blocks
        .iter()
        .map(|b| match b {
            ir::Block::Paragraph(p) => {
                let before = (p.space_before - prev_after).max(0.0);
                prev_after = p.space_after;
                before
            }
            ir::Block::Rule(r) => {
                let before = (r.space_before - prev_after).max(0.0);
                prev_after = r.space_after;
                before
            }
            _ => {
                prev_after = 0.0;
                0.0
            }
        })
        .collect()
}

/// `p` with its space before replaced, borrowing when nothing changes.
pub(crate) fn with_before(p: &ir::Paragraph, before: f32) -> std::borrow::Cow<'_, ir::Paragraph> {
    if (p.space_before - before).abs() < f32::EPSILON {
        std::borrow::Cow::Borrowed(p)
    } else {
        let mut q = p.clone();
        q.space_before = before;
        std::borrow::Cow::Owned(q)
    }
}

/// `r` with its space before replaced.
pub(crate) fn rule_with_before(r: &ir::Rule, before: f32) -> ir::Rule {
    ir::Rule {
        space_before: before,
        ..r.clone()
    }
}
