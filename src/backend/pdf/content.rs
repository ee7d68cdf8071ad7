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

/// Decimal places of coordinates and sizes: a hundredth of a point (3.5 µm) is far below
/// what a printer or a screen shows, and every digit more costs the streams bytes.
const PLACES: u32 = 2;

/// `value` rounded to [`PLACES`] decimals, without trailing zeros ("12", "-3.5", "0.75"),
/// written by integer arithmetic: float formatting was most of the time spent writing the
/// streams of a long table.
fn push_number(out: &mut String, value: f64) {
    const SCALE: i64 = 10i64.pow(PLACES);
    let scaled = (value * SCALE as f64).round() as i64;
    if scaled < 0 {
        out.push('-');
    }
    let magnitude = scaled.unsigned_abs();
    let (int, mut frac) = (magnitude / SCALE as u64, magnitude % SCALE as u64);
    push_unsigned(out, int);
    if frac != 0 {
        out.push('.');
        let mut width = PLACES;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        let digits = frac.to_string();
        for _ in digits.len() as u32..width {
            out.push('0');
        }
        out.push_str(&digits);
    }
}

fn push_unsigned(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // The digits are ASCII.
    out.extend(buf[i..].iter().map(|&b| b as char));
}

/// `numbers` separated by spaces, then `operator` and a newline.
fn push_op(out: &mut String, numbers: &[f64], operator: &str) {
    for n in numbers {
        push_number(out, *n);
        out.push(' ');
    }
    out.push_str(operator);
    out.push('\n');
}

/// The operators drawing `page`. `codes` is indexed by [`crate::fonts::FontStyle`]; image
/// resource names are looked up by the PNG's hash.
pub(crate) fn page_content(
    page: &Page,
    codes: &[Option<Codes>],
    image_name: impl Fn(&[u8]) -> String,
) -> Vec<u8> {
    let ph = page.height as f64;
    let mut s = String::with_capacity(48 * page.items.len());
    for item in &page.items {
        match item {
            Item::Rect { x, y, w, h } => {
                let (x, y, w, h) = (*x as f64, *y as f64, *w as f64, *h as f64);
                push_op(&mut s, &[x, ph - y - h, w, h], "re");
                s.push_str("f\n");
            }
            Item::Image { data, x, y, w, h } => {
                let (x, y, w, h) = (*x as f64, *y as f64, *w as f64, *h as f64);
                s.push_str("q\n");
                push_op(&mut s, &[w, 0.0, 0.0, h, x, ph - y - h], "cm");
                let _ = writeln!(s, "/{} Do\nQ", image_name(data));
            }
            Item::Text(_) => {}
        }
    }
    s.push_str("BT\n");
    let mut current: Option<(u8, f32)> = None;
    // Where the previous line started: each line moves from it by `Td`, whose two small
    // numbers cost less than a whole text matrix.
    let mut line_start = (0.0f64, 0.0f64);
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
            let _ = write!(s, "/{} ", codes.resource);
            push_op(&mut s, &[first.size as f64], "Tf");
            current = Some(key);
        }
        let start = (rounded(first.x as f64), rounded(ph - first.y as f64));
        push_op(
            &mut s,
            &[start.0 - line_start.0, start.1 - line_start.1],
            "Td",
        );
        line_start = start;
        // The runs of one line (the words of a justified line) share one TJ array: a
        // whole-number kerning moves the pen from where the previous run's glyphs left it
        // to the next run's x, against the integer `/W` widths a viewer advances by. The
        // pen follows the rounded kerns, so their rounding never adds up along the line.
        let same_line =
            |n: &&GlyphRun| n.y == first.y && n.style == first.style && n.size == first.size;
        if runs.peek().is_some_and(same_line) {
            s.push('[');
            let mut pen = codes.push_hex(&mut s, &first.text) as f64;
            while let Some(next) = runs.next_if(same_line) {
                let dx = (next.x as f64 - start.0) * 1000.0 / first.size as f64;
                let kern = (pen - dx).round();
                pen -= kern;
                if kern != 0.0 {
                    push_number(&mut s, kern);
                }
                pen += codes.push_hex(&mut s, &next.text) as f64;
            }
            s.push_str("]TJ\n");
        } else {
            codes.push_hex(&mut s, &first.text);
            s.push_str("Tj\n");
        }
    }
    s.push_str("ET");
    s.into_bytes()
}

/// `v` as [`push_number`] writes it, so that relative moves add up to the exact positions.
fn rounded(v: f64) -> f64 {
    let scale = 10f64.powi(PLACES as i32);
    (v * scale).round() / scale
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
        assert_eq!(lines[4], "100 792 Td");
        // The second word starts 40 pt = 4000/1000 em after the first: the kern is what the
        // first word's /W advance falls short of that, in whole thousandths.
        let advance = fonts.regular.pdf_advance("Đọc ") as f64;
        let kern = (advance - 4000.0).round();
        assert!(lines[5].starts_with('[') && lines[5].ends_with("]TJ"));
        assert!(lines[5].contains(&format!(">{kern}<")), "{}", lines[5]);
        // The next line moves from the start of this one.
        assert_eq!(lines[6], "0 -20 Td");
        assert_eq!(lines[7], format!("<{:04X}{:04X}>Tj", pos('k'), pos('ỹ')));
        assert_eq!(lines[8], "ET");
    }

    #[test]
    fn numbers_are_rounded_to_hundredths_without_float_formatting() {
        let cases = [
            (0.0, "0"),
            (12.0, "12"),
            (-3.5, "-3.5"),
            (0.75, "0.75"),
            (0.004, "0"),
            (0.005, "0.01"),
            (-0.07, "-0.07"),
            (115.891174, "115.89"),
            (841.89, "841.89"),
            (100.1, "100.1"),
        ];
        for (v, want) in cases {
            let mut s = String::new();
            push_number(&mut s, v);
            assert_eq!(s, want, "{v}");
        }
    }
}
