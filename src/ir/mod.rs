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

/// A whole document as the backends receive it: its properties, the page setup and the
/// sections in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Document properties, written into both formats.
    pub meta: Meta,
    /// Page size, margins and page-wide settings, shared by every section (a landscape
    /// section turns the same page).
    pub page: PageSetup,
    /// The main document is the first section; every annex (and an attached plan) follows as
    /// its own section. Each section starts on a new page and numbers its pages from 1; the
    /// number is shown from the section's second page on.
    pub sections: Vec<Section>,
}

/// Document properties (DOCX core properties, PDF info dictionary).
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// The title: the document kind's name and then its number and symbol (for a
    /// checklist, the unit or the subject), e.g. "Công văn 12/UBND-VP".
    pub title: String,
    /// The subject (trích yếu), on one line.
    pub subject: String,
    /// The issuing agency, in capitals, on one line.
    pub author: String,
    /// Taken from the document's date, never from the clock, so output is reproducible.
    /// Format: "YYYY-MM-DDT00:00:00Z".
    pub created: String,
    /// Language tag of the text ("vi-VN"), written into the DOCX core properties.
    pub language: String,
}

/// The page: size, margins and the settings that hold for every page of the document.
/// Lengths and sizes in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSetup {
    /// Width of the portrait page (A4: 210 mm); landscape sections swap width and height.
    pub width: f32,
    /// Height of the portrait page (A4: 297 mm).
    pub height: f32,
    /// Top margin. Margins are as read on the page, in both orientations.
    pub margin_top: f32,
    /// Bottom margin.
    pub margin_bottom: f32,
    /// Left margin, the binding margin in both orientations.
    pub margin_left: f32,
    /// Right margin.
    pub margin_right: f32,
    /// Distance from the top edge of the page to the page-number line.
    pub header_distance: f32,
    /// Distance from the bottom edge of the page to the footer, written into the DOCX
    /// section properties; the PDF layout does not use it.
    pub footer_distance: f32,
    /// Page-number size in points (Decree 30: 13–14 pt).
    pub page_number_size: f32,
    /// Font family name written into DOCX ("Times New Roman").
    pub font_family: String,
    /// Size of footnote text, in points.
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

    /// Height available for text between the top and bottom margins.
    pub fn text_height(&self, o: Orientation) -> f32 {
        self.size(o).1 - self.margin_top - self.margin_bottom
    }
}

/// How a section's pages are turned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Upright: [`PageSetup::width`] wide and [`PageSetup::height`] tall.
    Portrait,
    /// Turned: width and height swapped (annexes with wide tables).
    Landscape,
}

/// A part of the document that starts on a new page, with its own orientation and its own
/// page numbering (see [`Document::sections`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// What the section is.
    pub kind: SectionKind,
    /// How its pages are turned.
    pub orientation: Orientation,
    /// Its content, top to bottom.
    pub blocks: Vec<Block>,
}

/// What a section is, for tests, metadata and file naming; layout does not depend on it.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionKind {
    /// The main document.
    Main,
    /// An annex.
    Annex {
        /// The label its heading shows: "Phụ lục II", or "Phụ lục" when the document has
        /// only one annex.
        label: String,
    },
    /// A document attached to the main one (the plan promulgated by a decision).
    Attachment,
}

/// One element of the flow of a section or a table cell, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(Paragraph),
    /// A solid horizontal line, `width` long, placed in the flow like a paragraph.
    Rule(Rule),
    /// A table (only directly in a section: tables do not nest).
    Table(Table),
    /// A PNG picture.
    Image(Image),
    /// Vertical space of the given height in points (e.g. room for a signature).
    Spacer(f32),
    /// Forces a new page within a section.
    PageBreak,
}

/// Horizontal alignment: of a paragraph's lines, or of a rule, an image or a table between
/// the margins (or the cell's edges).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Against the left edge.
    Left,
    /// Centred.
    Center,
    /// Against the right edge.
    Right,
    /// Both edges aligned; the last line of a paragraph is left-aligned.
    #[default]
    Justify,
}

impl Align {
    /// The alignment as the markup writes it (`align="…"`).
    pub fn markup_name(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify => "justify",
        }
    }
}

/// A paragraph: formatted text with its alignment, indents and spacing (in points).
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The content, in reading order.
    pub runs: Vec<Inline>,
    /// How the lines are aligned.
    pub align: Align,
    /// Default size of the runs in points (a run may override it).
    pub size: f32,
    /// Extra indent of the first line, from `left_indent`; negative for a hanging indent.
    pub first_line_indent: f32,
    /// Indent of every line from the left margin (in a cell, from the inner edge of its
    /// padding).
    pub left_indent: f32,
    /// Indent of every line from the right margin (in a cell, from the inner edge of its
    /// padding).
    pub right_indent: f32,
    /// Space above the paragraph. Between two paragraphs (or rules) the gap is the larger
    /// of the first's `space_after` and the second's `space_before`, not their sum.
    pub space_before: f32,
    /// Space below the paragraph (collapsed with the next one's `space_before`).
    pub space_after: f32,
    /// Line spacing as a multiple of single spacing (1.0 – 1.5).
    pub line_spacing: f32,
    /// Keep the paragraph on the same page as the block after it (headings).
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

/// A piece of a paragraph's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text in one formatting.
    Text(Run),
    /// A line break inside the paragraph.
    LineBreak,
    /// A footnote mark at this point; the note's text goes to the bottom of the page.
    FootnoteRef(Footnote),
}

/// Text in one formatting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Set in the bold face.
    pub bold: bool,
    /// Set in the italic face.
    pub italic: bool,
    /// Underlined with a single line.
    pub underline: bool,
    /// Raised and smaller, as a superscript.
    pub superscript: bool,
    /// Size in points, overriding the paragraph's size.
    pub size: Option<f32>,
}

impl Run {
    /// `text` with no formatting, at the paragraph's size.
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

/// A footnote: the number its mark shows and its text, set at the bottom of the page the
/// mark falls on.
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
    /// Length of the line.
    pub width: f32,
    /// Where the line sits between the margins (or the cell's edges).
    pub align: Align,
    /// Line thickness.
    pub thickness: f32,
    /// Space above, collapsed with the previous paragraph's space after as between two
    /// paragraphs (see [`Paragraph::space_before`]).
    pub space_before: f32,
    /// Space below.
    pub space_after: f32,
}

/// A PNG picture drawn at a given size (the signature image).
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The picture file's contents, a PNG or a JPEG ([`ImageFormat::of`]) that validation
    /// checked.
    pub data: Vec<u8>,
    /// Drawn width in points; the picture is scaled to it.
    pub width: f32,
    /// Drawn height in points.
    pub height: f32,
    /// Where the picture sits between the margins (or the cell's edges).
    pub align: Align,
}

/// The format of a picture file, known from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// A PNG file.
    Png,
    /// A JPEG file (JFIF or Exif).
    Jpeg,
}

impl ImageFormat {
    /// The format `data` starts with: the PNG signature, or a JPEG's SOI marker.
    pub fn of(data: &[u8]) -> Option<ImageFormat> {
        if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageFormat::Jpeg)
        } else {
            None
        }
    }

    /// The file extension of its media part: "png", "jpeg".
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
        }
    }
}

/// Vertical alignment of a cell's content within its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VAlign {
    /// Against the top of the cell.
    #[default]
    Top,
    /// Centred.
    Center,
    /// Against the bottom of the cell.
    Bottom,
}

/// What a table row is, as the markup said. The backends do not read it: the rows that
/// repeat on each page are the first [`Table::header_rows`], and any styling (bold header
/// and total rows) is already in the runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A row of column headings.
    Header,
    /// An ordinary row of data.
    Body,
    /// A row with one cell spanning all columns that titles a group of rows.
    Group,
    /// A total or subtotal row.
    Total,
}

/// A table: column widths, rows of cells and how it is ruled and placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths; their sum is the table width.
    pub columns: Vec<f32>,
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
    /// The first `header_rows` rows repeat at the top of every page the table runs onto.
    pub header_rows: usize,
    /// Single solid grid lines on all cells when true; no lines at all when false (layout
    /// tables such as the first-page header and the signature block).
    pub borders: bool,
    /// Thickness of the grid lines when `borders` is true.
    pub border_width: f32,
    /// Horizontal padding inside each cell (left and right).
    pub cell_padding_x: f32,
    /// Vertical padding inside each cell (top and bottom).
    pub cell_padding_y: f32,
    /// Where the table sits between the margins (or the cell's edges).
    pub align: Align,
    /// Keep the whole table on one page with the block before it (the signature block).
    pub keep_with_previous: bool,
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What the row is (not used for layout).
    pub kind: RowKind,
    /// Cells in reading order. A cell covered by a `rowspan` from a row above is *omitted*,
    /// as in HTML; use [`grid`] to get each cell's column position.
    pub cells: Vec<Cell>,
    /// Never split this row across pages (unless it is taller than a page).
    pub cant_split: bool,
}

/// A table cell: its content and the columns and rows it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Paragraphs, rules, images and spacers; tables do not nest.
    pub blocks: Vec<Block>,
    /// Number of columns the cell covers, from its own (at least 1).
    pub colspan: usize,
    /// Number of rows the cell covers, downwards from its own (at least 1); the rows below
    /// omit the cells it covers (see [`Row::cells`]).
    pub rowspan: usize,
    /// Vertical alignment of the content within the row.
    pub valign: VAlign,
}

impl Cell {
    /// A top-aligned cell of one column and one row holding `blocks`.
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
