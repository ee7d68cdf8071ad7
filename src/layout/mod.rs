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

use crate::fonts::{FontSet, Style};
use crate::ir;

/// A run of glyphs in one face and size, starting at `x` on the baseline `y`.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// NFC text; may end with the space(s) that followed the word in the source, so that
    /// text extraction keeps word separation. Spaces are never stretched: justified words
    /// are positioned individually.
    pub text: String,
    pub style: Style,
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
        png: Arc<Vec<u8>>,
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
