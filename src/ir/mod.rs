//! The document model (IR): what the backends lay out.
//!
//! Everything that decides *content* — numbering, number formatting, computed figures, the
//! Decree 30 sizes and styles, the lengths of the rules under the header lines — is resolved
//! before a value of these types exists. The DOCX and PDF backends only place what is here,
//! which is why the two formats cannot disagree on content.
//!
//! All lengths are in typographic points (1/72 inch). Use [`mm`] to convert.

mod table;

pub use table::{GridCell, grid};

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Points to twentieths of a point (DOCX "twips").
pub fn twips(pt: f32) -> i32 {
    round_to(pt * 20.0, "twip")
}

/// Rounds a length or size to an integer unit of a file format (twips, half-points, EMU).
///
/// Every number from the data is range-checked where it is read (README "Limits of numeric
/// settings"), so a value that is not finite or does not fit `T` is a bug in vanban: it
/// stops with an internal error instead of being written saturated, as an `as` cast would
/// (1e30 becoming `u64::MAX`, NaN becoming 0, a negative size becoming 0).
pub fn round_to<T: TryFrom<i64>>(x: f32, unit: &str) -> T {
    let r = x.round();
    // Integers up to 2^53 convert to i64 exactly; the formats' units are far smaller.
    let whole = (r.is_finite() && r.abs() <= 9.0e15).then_some(r as f64 as i64);
    match whole.and_then(|w| T::try_from(w).ok()) {
        Some(v) => v,
        None => panic!("số đo {x} không đổi được sang đơn vị {unit}"),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub meta: Meta,
    pub page: PageSetup,
    /// The main document is the first section; every annex (and an attached plan) follows as
    /// its own section. Each section starts on a new page and numbers its pages from 1; the
    /// number is shown from the section's second page on.
    pub sections: Vec<Section>,
}

/// Document properties (DOCX core properties, PDF info dictionary).
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub title: String,
    pub subject: String,
    pub author: String,
    /// Taken from the document's date, never from the clock, so output is reproducible.
    /// Format: "YYYY-MM-DDT00:00:00Z".
    pub created: String,
    pub language: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageSetup {
    /// Portrait A4 size; landscape sections swap the two.
    pub width: f32,
    pub height: f32,
    /// Margins as read on the page (left is the binding margin in both orientations).
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    /// Distance from the top edge of the page to the page-number line.
    pub header_distance: f32,
    pub footer_distance: f32,
    /// Page-number size (Decree 30: 13–14 pt).
    pub page_number_size: f32,
    /// Font family name written into DOCX ("Times New Roman").
    pub font_family: String,
    /// Size of footnote text.
    pub footnote_size: f32,
}

impl PageSetup {
    /// Width and height of a page of the given orientation.
    pub fn size(&self, o: Orientation) -> (f32, f32) {
        match o {
            Orientation::Portrait => (self.width, self.height),
            Orientation::Landscape => (self.height, self.width),
        }
    }

    /// Width available for text between the margins.
    pub fn text_width(&self, o: Orientation) -> f32 {
        self.size(o).0 - self.margin_left - self.margin_right
    }

    pub fn text_height(&self, o: Orientation) -> f32 {
        self.size(o).1 - self.margin_top - self.margin_bottom
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub kind: SectionKind,
    pub orientation: Orientation,
    pub blocks: Vec<Block>,
}

/// What a section is, for tests, metadata and file naming; layout does not depend on it.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionKind {
    Main,
    /// An annex; the label is e.g. "Phụ lục II" (or "Phụ lục" when alone).
    Annex {
        label: String,
    },
    /// A document attached to the main one (the plan promulgated by a decision).
    Attachment,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    /// A solid horizontal line, `width` long, placed in the flow like a paragraph.
    Rule(Rule),
    Table(Table),
    Image(Image),
    /// Vertical space of the given height (e.g. room for a signature).
    Spacer(f32),
    /// Forces a new page within a section.
    PageBreak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Both edges aligned; the last line of a paragraph is left-aligned.
    #[default]
    Justify,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub runs: Vec<Inline>,
    pub align: Align,
    /// Default size of the runs (a run may override it).
    pub size: f32,
    pub first_line_indent: f32,
    pub left_indent: f32,
    pub right_indent: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// Line spacing as a multiple of single spacing (1.0 – 1.5).
    pub line_spacing: f32,
    pub keep_with_next: bool,
    /// Keep all lines of the paragraph on one page.
    pub keep_together: bool,
    /// Word's widow/orphan control (on by default, as in Word).
    pub widow_control: bool,
    /// A box drawn around the text (the độ mật / độ khẩn stamps).
    pub framed: bool,
    /// Outline level for headings (0 = "Phần", 1 = "I.", …) so DOCX navigation and PDF
    /// bookmarks can use them; `None` for ordinary paragraphs.
    pub outline_level: Option<u8>,
}

impl Paragraph {
    /// An empty body paragraph with the given default size and no spacing.
    pub fn new(size: f32) -> Self {
        Paragraph {
            runs: Vec::new(),
            align: Align::Left,
            size,
            first_line_indent: 0.0,
            left_indent: 0.0,
            right_indent: 0.0,
            space_before: 0.0,
            space_after: 0.0,
            line_spacing: 1.0,
            keep_with_next: false,
            keep_together: false,
            widow_control: true,
            framed: false,
            outline_level: None,
        }
    }

    /// The paragraph's text without formatting (footnote contents excluded).
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for r in &self.runs {
            match r {
                Inline::Text(t) => s.push_str(&t.text),
                Inline::LineBreak => s.push('\n'),
                Inline::FootnoteRef(_) => {}
            }
        }
        s
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(Run),
    /// A line break inside the paragraph.
    LineBreak,
    /// A footnote mark at this point; the note's text goes to the bottom of the page.
    FootnoteRef(Footnote),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub superscript: bool,
    /// Overrides the paragraph's size.
    pub size: Option<f32>,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    /// 1-based, running through the whole document.
    pub number: u32,
    /// The note's text, one paragraph.
    pub runs: Vec<Run>,
}

/// Height of the empty 1 pt line that carries a rule in a DOCX (a rule is the bottom border
/// of such a paragraph); the PDF layout reserves the same room so both paginate alike.
pub const RULE_CARRIER: f32 = 1.15;

/// A rule takes `space_before + RULE_CARRIER + thickness + space_after` vertically, the line
/// itself drawn below the carrier.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub width: f32,
    pub align: Align,
    /// Line thickness.
    pub thickness: f32,
    pub space_before: f32,
    pub space_after: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// PNG file contents.
    pub png: Vec<u8>,
    pub width: f32,
    pub height: f32,
    pub align: Align,
}

/// Width and height in pixels of a PNG, from its IHDR chunk.
pub fn png_pixels(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(png[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(png[20..24].try_into().ok()?);
    Some((w, h))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VAlign {
    #[default]
    Top,
    Center,
    Bottom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Header,
    Body,
    /// A row with one cell spanning all columns that titles a group of rows.
    Group,
    /// A total or subtotal row.
    Total,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths; their sum is the table width.
    pub columns: Vec<f32>,
    pub rows: Vec<Row>,
    /// The first `header_rows` rows repeat at the top of every page the table runs onto.
    pub header_rows: usize,
    /// Single solid grid lines on all cells when true; no lines at all when false (layout
    /// tables such as the first-page header and the signature block).
    pub borders: bool,
    pub border_width: f32,
    /// Horizontal padding inside each cell (left and right).
    pub cell_padding_x: f32,
    /// Vertical padding inside each cell (top and bottom).
    pub cell_padding_y: f32,
    pub align: Align,
    /// Keep the whole table on one page with the block before it (the signature block).
    pub keep_with_previous: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    /// Cells in reading order. A cell covered by a `rowspan` from a row above is *omitted*,
    /// as in HTML; use [`grid`] to get each cell's column position.
    pub cells: Vec<Cell>,
    /// Never split this row across pages (unless it is taller than a page).
    pub cant_split: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Paragraphs, rules, images and spacers; tables do not nest.
    pub blocks: Vec<Block>,
    pub colspan: usize,
    pub rowspan: usize,
    pub valign: VAlign,
}

impl Cell {
    pub fn new(blocks: Vec<Block>) -> Self {
        Cell {
            blocks,
            colspan: 1,
            rowspan: 1,
            valign: VAlign::Top,
        }
    }
}

impl Document {
    /// All footnotes in document order.
    pub fn footnotes(&self) -> Vec<&Footnote> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Footnote>) {
            for b in blocks {
                match b {
                    Block::Paragraph(p) => {
                        for r in &p.runs {
                            if let Inline::FootnoteRef(f) = r {
                                out.push(f);
                            }
                        }
                    }
                    Block::Table(t) => {
                        for row in &t.rows {
                            for c in &row.cells {
                                walk(&c.blocks, out);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        for s in &self.sections {
            walk(&s.blocks, &mut out);
        }
        out
    }
}

impl PageSetup {
    /// A4 with the Decree 30 default margins (top 20, bottom 20, left 30, right 15 mm) and a
    /// 14 pt page number in the top margin.
    pub fn nd30_default() -> Self {
        PageSetup {
            width: mm(210.0),
            height: mm(297.0),
            margin_top: mm(20.0),
            margin_bottom: mm(20.0),
            margin_left: mm(30.0),
            margin_right: mm(15.0),
            header_distance: mm(10.0),
            footer_distance: mm(10.0),
            page_number_size: 14.0,
            font_family: "Times New Roman".to_string(),
            footnote_size: 12.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_round_to_format_units_exactly() {
        assert_eq!(twips(14.0), 280);
        assert_eq!(twips(-3.6), -72);
        assert_eq!(round_to::<usize>(14.0 * 2.0, "nửa point"), 28);
        assert_eq!(round_to::<u32>(0.4, "EMU"), 0);
    }

    #[test]
    fn out_of_range_lengths_are_internal_errors_not_saturated() {
        for (x, unit) in [
            (1e30_f32, "nửa point"),
            (f32::NAN, "twip"),
            (-2.0, "nửa point"),
        ] {
            let r = std::panic::catch_unwind(|| round_to::<usize>(x, unit));
            assert!(r.is_err(), "{x}");
        }
        assert!(std::panic::catch_unwind(|| round_to::<i32>(1e10, "twip")).is_err());
    }
}
