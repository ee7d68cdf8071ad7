//! The bundled Liberation Serif 2.x faces (metric-compatible with Times New Roman), the
//! bundled fallback face for symbols they lack (Vanban Symbols, from Noto), and their
//! metrics. Metrics are needed before the backends: rule lengths under header lines depend on
//! the width of the text they underline, and the PDF layout engine measures every word.
//!
//! Each character is drawn from the first face that has it: the run's styled face, the
//! regular face, then the fallback face ([`FontSet::resolve`]). A character none of them has
//! is an error before anything is written ([`coverage`]).

pub mod coverage;
mod dir;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use crate::error::Error;

static REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/LiberationSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSerif-Italic.ttf");
static BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf");
static SYMBOLS: &[u8] = include_bytes!("../../fonts/VanbanSymbols-Regular.ttf");

/// The bundled file of a style.
pub fn bundled_data(style: FontStyle) -> &'static [u8] {
    match style {
        FontStyle::Regular => REGULAR,
        FontStyle::Bold => BOLD,
        FontStyle::Italic => ITALIC,
        FontStyle::BoldItalic => BOLD_ITALIC,
        FontStyle::Fallback => SYMBOLS,
    }
}

/// Which of the four text faces, or the fallback face (used for every style: it has one
/// face only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontStyle {
    /// Upright, normal weight.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
    /// The fallback face (Vanban Symbols) for characters the text faces lack.
    Fallback,
}

impl FontStyle {
    /// The text style of a run with these flags (never [`FontStyle::Fallback`]).
    pub fn of(bold: bool, italic: bool) -> FontStyle {
        match (bold, italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }

    /// The four text styles.
    pub const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];

    /// Every face of a [`FontSet`], the fallback last; `style as usize` indexes it.
    pub const FACES: [FontStyle; 5] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
        FontStyle::Fallback,
    ];
}

/// One face: its bytes and the metrics the layout needs, in font units.
#[derive(Debug, Clone)]
pub struct Face {
    /// The font file: the bundled faces are borrowed from the binary, not copied.
    pub data: Cow<'static, [u8]>,
    /// Font units per em: a length in font units times `size / units_per_em` is in points
    /// at `size`.
    pub units_per_em: f32,
    /// OS/2 usWinAscent / usWinDescent: what Word and LibreOffice use for line height (the
    /// face's ascender and descender when it has no OS/2 table).
    pub win_ascent: f32,
    /// The descent, as a positive distance below the baseline (see `win_ascent`).
    pub win_descent: f32,
    /// Line gap as ttf-parser reads it: hhea's, or OS/2 sTypoLineGap when the face sets
    /// USE_TYPO_METRICS.
    pub line_gap: f32,
    /// Position of the underline from the `post` table, above the baseline (negative:
    /// below it); -100 when the face gives none.
    pub underline_position: f32,
    /// Thickness of the underline from the `post` table; 50 when the face gives none.
    pub underline_thickness: f32,
    /// Glyph id and advance of each mapped character: a direct table for the characters of
    /// Vietnamese text (the layout looks up every character, twice), a map for the rest.
    cmap: CharMap,
    missing_advance: u16,
}

/// Characters below this are looked up in a table: Latin with all Vietnamese letters
/// (U+1EA0–U+1EF9) and general punctuation (dashes, quotes, ellipsis).
const DENSE: usize = 0x2100;

/// `char` → (glyph id, advance in font units).
#[derive(Debug, Clone)]
struct CharMap {
    /// Indexed by code point; `None` where the face has no mapping.
    dense: Vec<Option<(u16, u16)>>,
    sparse: HashMap<char, (u16, u16)>,
}

impl CharMap {
    fn new() -> Self {
        CharMap {
            dense: vec![None; DENSE],
            sparse: HashMap::new(),
        }
    }

    #[inline]
    fn get(&self, ch: char) -> Option<(u16, u16)> {
        match self.dense.get(ch as usize) {
            Some(e) => *e,
            None => self.sparse.get(&ch).copied(),
        }
    }

    /// Map `ch` unless it is mapped already (the first Unicode subtable wins).
    fn insert_new(&mut self, ch: char, value: impl FnOnce() -> (u16, u16)) {
        match self.dense.get_mut(ch as usize) {
            Some(e) => {
                if e.is_none() {
                    *e = Some(value());
                }
            }
            None => {
                self.sparse.entry(ch).or_insert_with(value);
            }
        }
    }
}

/// ttf-parser's reasons in Vietnamese.
fn face_error(e: &ttf_parser::FaceParsingError) -> String {
    use ttf_parser::FaceParsingError as E;
    match e {
        E::UnknownMagic => "không phải tệp phông TrueType/OpenType (.ttf, .otf)".into(),
        E::FaceIndexOutOfBounds => "tệp không chứa kiểu chữ nào".into(),
        E::NoHeadTable | E::NoHheaTable | E::NoMaxpTable => {
            "tệp phông thiếu bảng bắt buộc (head, hhea hoặc maxp)".into()
        }
        _ => "tệp phông bị hỏng".into(),
    }
}

impl Face {
    /// Read the first face of a TrueType/OpenType file: its metrics and the glyph and
    /// advance of every character its Unicode cmap subtables map. The error is the reason
    /// in Vietnamese.
    pub fn parse(data: impl Into<Cow<'static, [u8]>>) -> Result<Face, String> {
        let data = data.into();
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| face_error(&e))?;
        let mut map = CharMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    if let Some(ch) = char::from_u32(cp)
                        && let Some(g) = sub.glyph_index(cp)
                    {
                        map.insert_new(ch, || (g.0, face.glyph_hor_advance(g).unwrap_or(0)));
                    }
                });
            }
        }
        let missing_advance = face.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0);
        let (win_ascent, win_descent) = match face.tables().os2 {
            Some(os2) => (
                os2.windows_ascender() as f32,
                os2.windows_descender().unsigned_abs() as f32,
            ),
            None => (
                face.ascender() as f32,
                face.descender().unsigned_abs() as f32,
            ),
        };
        let (underline_position, underline_thickness) = match face.underline_metrics() {
            Some(m) => (m.position as f32, m.thickness as f32),
            None => (-100.0, 50.0),
        };
        Ok(Face {
            units_per_em: face.units_per_em() as f32,
            win_ascent,
            win_descent,
            line_gap: face.line_gap() as f32,
            underline_position,
            underline_thickness,
            cmap: map,
            missing_advance,
            data,
        })
    }

    /// Advance width of `ch` at `size` points.
    pub fn advance(&self, ch: char, size: f32) -> f32 {
        self.units(ch) as f32 * size / self.units_per_em
    }

    /// Advance width of `ch` in font units.
    #[inline]
    fn units(&self, ch: char) -> u16 {
        self.cmap.get(ch).map_or(self.missing_advance, |(_, a)| a)
    }

    /// Width of `text` at `size` points (no kerning: neither printpdf nor Word by default
    /// apply it to body text).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.units(c) as u32).sum();
        units as f32 * size / self.units_per_em
    }

    /// Advance of `text` in thousandths of an em as a PDF viewer moves the pen: the sum of
    /// each glyph's `/W` width, which printpdf truncates to an integer per glyph. Kerning
    /// numbers in a `TJ` array must be computed against these to land words exactly.
    pub fn pdf_advance(&self, text: &str) -> i64 {
        let scale = 1000.0 / self.units_per_em;
        text.chars()
            .map(|c| (self.units(c) as f32 * scale) as i64)
            .sum()
    }

    /// Advance width of `ch` at `size` points, if the face has the character.
    pub fn advance_if_present(&self, ch: char, size: f32) -> Option<f32> {
        self.cmap
            .get(ch)
            .map(|(_, a)| a as f32 * size / self.units_per_em)
    }

    /// Whether the face has a glyph for `ch` (its cmap maps it).
    pub fn has_char(&self, ch: char) -> bool {
        self.cmap.get(ch).is_some()
    }

    /// Single line height at `size` as Word and LibreOffice compute it for this font:
    /// ascent + descent + the line gap (1.15 em for Times New Roman and Liberation Serif,
    /// measured on LibreOffice's conversion of our DOCX).
    pub fn line_height(&self, size: f32) -> f32 {
        (self.win_ascent + self.win_descent + self.line_gap) * size / self.units_per_em
    }

    /// Distance from the top of a single line to its baseline.
    pub fn ascent(&self, size: f32) -> f32 {
        self.win_ascent * size / self.units_per_em
    }
}

/// The four faces used for all text, and the fallback face for the characters they lack.
#[derive(Debug, Clone)]
pub struct FontSet {
    /// The regular face.
    pub regular: Face,
    /// The bold face.
    pub bold: Face,
    /// The italic face.
    pub italic: Face,
    /// The bold italic face.
    pub bold_italic: Face,
    /// Always the bundled Vanban Symbols, also with `--font-dir` faces.
    pub fallback: Face,
    /// Where the faces came from, for messages ("Liberation Serif (kèm theo)" or a path).
    pub source: String,
    /// The family the DOCX names: Times New Roman for the bundled metric-compatible faces,
    /// the family of `--font-dir` faces.
    pub family: String,
}

fn parse_bundled(style: FontStyle) -> Face {
    Face::parse(bundled_data(style)).expect("bundled font parses")
}

impl FontSet {
    /// The Liberation Serif faces compiled into the binary.
    pub fn bundled() -> FontSet {
        FontSet {
            regular: parse_bundled(FontStyle::Regular),
            bold: parse_bundled(FontStyle::Bold),
            italic: parse_bundled(FontStyle::Italic),
            bold_italic: parse_bundled(FontStyle::BoldItalic),
            fallback: parse_bundled(FontStyle::Fallback),
            source: "Liberation Serif 2.1 (kèm theo vanban)".to_string(),
            family: "Times New Roman".to_string(),
        }
    }

    /// Faces from a `--font-dir` folder: the four styles of one family, chosen by the
    /// names in their name tables, each covering Vietnamese ([`dir`]). Errors in
    /// Vietnamese: `doc-tep` for what cannot be read, `phong-chu` for a missing or unusable
    /// face.
    pub fn from_dir(sources: &dyn crate::sources::Sources, dir: &Path) -> Result<FontSet, Error> {
        dir::from_dir(sources, dir)
    }

    /// The face of `style` (the fallback face for [`FontStyle::Fallback`]).
    pub fn face(&self, style: FontStyle) -> &Face {
        match style {
            FontStyle::Regular => &self.regular,
            FontStyle::Bold => &self.bold,
            FontStyle::Italic => &self.italic,
            FontStyle::BoldItalic => &self.bold_italic,
            FontStyle::Fallback => &self.fallback,
        }
    }

    /// The face whose vertical metrics (line height, ascent, underline) a piece of text in
    /// `style` uses: a fallback glyph sits on the line of the text around it and does not
    /// make the line taller (its face is only there for the glyph's outline and advance).
    pub fn line_face(&self, style: FontStyle) -> &Face {
        match style {
            FontStyle::Fallback => &self.regular,
            s => self.face(s),
        }
    }

    /// The face `ch` is drawn from in text of style `wanted`, and its advance at `size`:
    /// the styled face, else the regular face, else the fallback face. `None` when no face
    /// has the character ([`coverage`] reports those before anything is laid out).
    #[inline]
    pub fn resolve(&self, ch: char, wanted: FontStyle, size: f32) -> Option<(FontStyle, f32)> {
        if let Some(adv) = self.face(wanted).advance_if_present(ch, size) {
            return Some((wanted, adv));
        }
        self.resolve_outside(ch, size)
    }

    /// [`FontSet::resolve`] for a character the styled face lacks: the regular face, then
    /// the fallback face.
    pub fn resolve_outside(&self, ch: char, size: f32) -> Option<(FontStyle, f32)> {
        [FontStyle::Regular, FontStyle::Fallback]
            .into_iter()
            .find_map(|s| self.face(s).advance_if_present(ch, size).map(|a| (s, a)))
    }

    /// Width of `text` as the layout sets it: each character from the face
    /// [`FontSet::resolve`] picks (a character no face has counts as the styled face's
    /// .notdef).
    pub fn width(&self, text: &str, size: f32, bold: bool, italic: bool) -> f32 {
        let style = FontStyle::of(bold, italic);
        let face = self.face(style);
        // The styled face's characters are summed in font units, as `Face::width` does.
        let mut units = 0u32;
        let mut other = 0.0f32;
        for c in text.chars() {
            match face.cmap.get(c) {
                Some((_, a)) => units += a as u32,
                None => match self.resolve_outside(c, size) {
                    Some((_, a)) => other += a,
                    None => units += face.missing_advance as u32,
                },
            }
        }
        units as f32 * size / face.units_per_em + other
    }
}

static BUNDLED: std::sync::OnceLock<FontSet> = std::sync::OnceLock::new();

/// The bundled set, parsed once per process (by whichever thread asks first; the others
/// wait for it).
pub fn bundled() -> &'static FontSet {
    BUNDLED.get_or_init(FontSet::bundled)
}

/// Whether `set` is the bundled set (without parsing it if nobody has yet).
pub fn is_bundled(set: &FontSet) -> bool {
    BUNDLED.get().is_some_and(|b| std::ptr::eq(b, set))
}

/// The faces a run uses, resolved when first needed: parsing the bundled faces takes a
/// few milliseconds that a background thread can spend while the data loads.
#[derive(Debug, Clone, Copy)]
pub enum Fonts<'a> {
    /// The bundled set ([`bundled`]), parsed on first use.
    Bundled,
    /// A set the caller loaded, e.g. from `--font-dir` ([`FontSet::from_dir`]).
    Custom(&'a FontSet),
}

impl<'a> Fonts<'a> {
    /// The font set, parsing the bundled one if nobody has yet.
    pub fn get(self) -> &'a FontSet {
        match self {
            Fonts::Bundled => bundled(),
            Fonts::Custom(set) => set,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_cover_vietnamese() {
        let f = bundled();
        for ch in "ĐđƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ".chars() {
            for s in FontStyle::ALL {
                assert!(f.face(s).has_char(ch), "{ch} missing in {s:?}");
            }
        }
    }

    #[test]
    fn metrics_match_times_new_roman() {
        // Times New Roman: unitsPerEm 2048, winAscent 1825, winDescent 443; "a" advance 909.
        let f = bundled();
        assert_eq!(f.regular.units_per_em, 2048.0);
        assert_eq!(f.regular.win_ascent, 1825.0);
        assert_eq!(f.regular.win_descent, 443.0);
        assert!((f.regular.advance('a', 2048.0) - 909.0).abs() < 0.01);
        assert!(f.width("Độc lập", 14.0, true, false) > f.width("Độc lập", 14.0, false, false));
    }
}
