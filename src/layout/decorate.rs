//! Page decoration: the page number, centred in the top margin from each section's second
//! page on (Decree 30: page 1 shows none; every annex restarts at 1).

use super::{GlyphRun, Item, Page};
use crate::fonts::{FontSet, FontStyle};
use crate::ir;

pub fn add_page_numbers(pages: &mut [Page], setup: &ir::PageSetup, fonts: &FontSet) {
    let face = fonts.face(FontStyle::Regular);
    let size = setup.page_number_size;
    for page in pages.iter_mut().filter(|p| p.number >= 2) {
        let text = page.number.to_string();
        let width = face.width(&text, size);
        let text_w = setup.text_width(page.orientation);
        page.items.push(Item::Text(GlyphRun {
            x: setup.margin_left + (text_w - width) / 2.0,
            // Like a header paragraph starting at the header distance.
            y: setup.header_distance + face.ascent(size),
            text,
            style: FontStyle::Regular,
            size,
            width,
        }));
    }
}
