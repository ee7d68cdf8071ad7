//! Page content streams, written directly from the laid-out pages: rectangles, images,
//! and per line one text matrix and one `TJ` array of two-byte glyph codes.
//!
//! printpdf's operations cost lopdf a `write!` per byte of every glyph id (a fifth of the
//! whole run for a report), so the operators are written here as text.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use printpdf::ParsedFont;

use crate::fonts::Face;
use crate::layout::{GlyphRun, Item, Page};

/// How one character of a face is written: its glyph id in the full face, its code in the
/// embedded program, and its `/W` width (thousandths of an em, truncated per glyph as
/// printpdf's `/W` is).
#[derive(Debug, Clone, Copy, Default)]
struct Glyph {
    original: u16,
    code: u16,
    width: i32,
}

/// Characters below this are found in a table (Latin, every Vietnamese letter, general
/// punctuation); there is one lookup per character of the document.
const DENSE: usize = 0x2100;

/// The two-byte codes of one embedded face's characters.
pub(crate) struct Codes {
    /// Resource name of the font (also its subset tag).
    pub resource: String,
    dense: Vec<Glyph>,
    sparse: HashMap<char, Glyph>,
}

impl Codes {
    /// Codes of `chars` in `font`, the same glyph lookup the subsetting makes (a character
    /// the face lacks is glyph 0, .notdef), as they will be in the subset, which numbers
    /// glyphs in the order `[0, used glyph ids ascending]` (see `printpdf::subset_font`):
    /// the streams can be written while the faces are subset. [`Codes::settle`] corrects
    /// them if the program turns out otherwise.
    pub fn new(resource: String, font: &ParsedFont, face: &Face, chars: &BTreeSet<char>) -> Codes {
        let gids: Vec<(char, u16)> = chars
            .iter()
            .map(|&c| (c, font.lookup_glyph_index(c as u32).unwrap_or(0)))
            .collect();
        let used: BTreeSet<u16> = gids.iter().map(|(_, g)| *g).filter(|g| *g != 0).collect();
        let renumbered: HashMap<u16, u16> = used
            .iter()
            .enumerate()
            .map(|(i, g)| (*g, i as u16 + 1))
            .collect();
        let mut codes = Codes {
            resource,
            dense: vec![Glyph::default(); DENSE],
            sparse: HashMap::new(),
        };
        let mut buf = [0u8; 4];
        for (c, g) in gids {
            let glyph = Glyph {
                original: g,
                code: renumbered.get(&g).copied().unwrap_or(0),
                width: face.pdf_advance(c.encode_utf8(&mut buf)) as i32,
            };
            match codes.dense.get_mut(c as usize) {
                Some(slot) => *slot = glyph,
                None => {
                    codes.sparse.insert(c, glyph);
                }
            }
        }
        codes
    }

    fn glyph(&self, c: char) -> Glyph {
        match self.dense.get(c as usize) {
            Some(g) => *g,
            None => self.sparse.get(&c).copied().unwrap_or_default(),
        }
    }

    /// Set every code from the embedded program (`code` of an original glyph id); true if
    /// any differs from what the streams were written with.
    pub fn settle(&mut self, code: impl Fn(u16) -> u16) -> bool {
        let mut changed = false;
        for g in self.dense.iter_mut().chain(self.sparse.values_mut()) {
            let c = code(g.original);
            changed |= c != g.code;
            g.code = c;
        }
        changed
    }

    #[cfg(test)]
    fn code(&self, c: char) -> u16 {
        self.glyph(c).code
    }

    /// `text` as a hex string; returns its advance in thousandths of an em.
    fn push_hex(&self, out: &mut String, text: &str) -> i64 {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut advance = 0i64;
        out.push('<');
        for c in text.chars() {
            let g = self.glyph(c);
            let code = g.code;
            advance += g.width as i64;
            for shift in [12, 8, 4, 0] {
                out.push(HEX[((code >> shift) & 0xF) as usize] as char);
            }
        }
        out.push('>');
        advance
    }
}

/// The characters `used` shows in one face, in the order their glyphs are collected for
/// the subset: each glyph maps to the *last* character seen for it in `/ToUnicode`, so where
/// characters share a glyph (a space and a no-break space) the lowest code point, the plain
/// one, comes last.
pub(crate) fn usage_text(used: &BTreeSet<char>) -> String {
    used.iter().rev().collect()
}

/// The operators drawing `page`. `codes` is indexed by [`crate::fonts::FontStyle`]; image
/// resource names are looked up by the PNG's hash.
pub(crate) fn page_content(
    page: &Page,
    codes: &[Option<Codes>],
    image_name: impl Fn(&[u8]) -> String,
) -> Vec<u8> {
    let ph = page.height;
    let mut s = String::with_capacity(64 * page.items.len());
    for item in &page.items {
        match item {
            Item::Rect { x, y, w, h } => {
                let _ = writeln!(s, "{} {} {} {} re\nf", x, ph - y - h, w, h);
            }
            Item::Image { data, x, y, w, h } => {
                let _ = writeln!(
                    s,
                    "q\n{w} 0 0 {h} {x} {} cm\n/{} Do\nQ",
                    ph - y - h,
                    image_name(data)
                );
            }
            Item::Text(_) => {}
        }
    }
    s.push_str("BT\n");
    let mut current: Option<(u8, f32)> = None;
    let mut runs = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .peekable();
    while let Some(first) = runs.next() {
        let Some(codes) = &codes[first.style as usize] else {
            continue;
        };
        let key = (first.style as u8, first.size);
        if current != Some(key) {
            let _ = writeln!(s, "/{} {} Tf", codes.resource, first.size);
            current = Some(key);
        }
        let _ = writeln!(s, "1 0 0 1 {} {} Tm", first.x, ph - first.y);
        // The runs of one line (the words of a justified line) share one TJ array: a
        // kerning number moves the pen from where the previous run's glyphs left it to the
        // next run's x, against the integer `/W` widths a viewer advances by.
        let same_line =
            |n: &&GlyphRun| n.y == first.y && n.style == first.style && n.size == first.size;
        if runs.peek().is_some_and(same_line) {
            s.push('[');
            let mut pen = codes.push_hex(&mut s, &first.text) as f64;
            while let Some(next) = runs.next_if(same_line) {
                let dx = (next.x as f64 - first.x as f64) * 1000.0 / first.size as f64;
                let kern = (pen - dx) as f32;
                pen -= kern as f64;
                if kern != 0.0 {
                    let _ = write!(s, " {kern}");
                }
                pen += codes.push_hex(&mut s, &next.text) as f64;
            }
            s.push_str("] TJ\n");
        } else {
            codes.push_hex(&mut s, &first.text);
            s.push_str(" Tj\n");
        }
    }
    s.push_str("ET");
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontStyle;

    fn run(text: &str, x: f32, y: f32) -> Item {
        Item::Text(GlyphRun {
            text: text.into(),
            style: FontStyle::Regular,
            size: 10.0,
            x,
            y,
            width: 0.0,
        })
    }

    #[test]
    fn one_text_matrix_per_line_and_kerns_that_land_each_word() {
        let fonts = crate::fonts::bundled();
        let parsed = ParsedFont::from_bytes(&fonts.regular.data, 0, &mut Vec::new()).unwrap();
        let chars: BTreeSet<char> = "Đọc kỹ\u{E123}".chars().collect();
        let codes = Codes::new("ABCDEF".into(), &parsed, &fonts.regular, &chars);
        // Subset ids follow the used glyph ids in ascending order, after .notdef; a
        // character the face lacks is .notdef.
        let mut gids: Vec<u16> = "Đọc kỹ"
            .chars()
            .map(|c| parsed.lookup_glyph_index(c as u32).unwrap())
            .collect();
        gids.sort();
        let pos = |c: char| {
            let g = parsed.lookup_glyph_index(c as u32).unwrap();
            gids.iter().position(|x| *x == g).unwrap() as u16 + 1
        };
        assert_eq!(codes.code('Đ'), pos('Đ'));
        assert_eq!(codes.code('\u{E123}'), 0);

        let page = Page {
            width: 595.0,
            height: 842.0,
            section: 0,
            number: 1,
            orientation: crate::ir::Orientation::Portrait,
            marks: Vec::new(),
            items: vec![
                Item::Rect {
                    x: 10.0,
                    y: 20.0,
                    w: 30.0,
                    h: 1.0,
                },
                run("Đọc ", 100.0, 50.0),
                run("kỹ", 140.0, 50.0),
                run("kỹ", 100.0, 70.0),
            ],
        };
        let mut all: Vec<Option<Codes>> = FontStyle::FACES.iter().map(|_| None).collect();
        all[0] = Some(codes);
        let out = String::from_utf8(page_content(&page, &all, |_| String::new())).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "10 821 30 1 re");
        assert_eq!(lines[1], "f");
        assert_eq!(lines[2], "BT");
        assert_eq!(lines[3], "/ABCDEF 10 Tf");
        assert_eq!(lines[4], "1 0 0 1 100 792 Tm");
        // The second word starts 40 pt = 4000/1000 em after the first: the kern is what the
        // first word's /W advance falls short of that.
        let advance = fonts.regular.pdf_advance("Đọc ") as f32;
        let kern = advance - 4000.0;
        assert!(lines[5].starts_with('[') && lines[5].ends_with("] TJ"));
        assert!(lines[5].contains(&format!("> {kern}<")), "{}", lines[5]);
        assert_eq!(lines[6], "1 0 0 1 100 772 Tm");
        assert_eq!(lines[7], format!("<{:04X}{:04X}> Tj", pos('k'), pos('ỹ')));
        assert_eq!(lines[8], "ET");
    }
}
