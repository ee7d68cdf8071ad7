//! The XML writer of the WordprocessingML parts vanban writes itself (document, footnotes,
//! headers): a string buffer with the elements shared by every part, each written once
//! with its children in schema (`CT_*`) order.

use std::fmt::Write as _;

use crate::ir::{self, round_to, twips};
use crate::xml::push_escaped;

/// Points to half-points (w:sz), at least 1 pt (the spacer paragraphs' size).
pub(crate) fn half_points(pt: f32) -> usize {
    round_to::<usize>(pt * 2.0, "nửa point").max(2)
}

/// Points to eighths of a point (border w:sz), within Word's accepted range (the rules'
/// thickness is a constant of the style).
pub(crate) fn eighths(pt: f32) -> usize {
    round_to::<usize>(pt * 8.0, "1/8 point").clamp(2, 96)
}

/// Twips of a length that cannot be negative (spacing).
pub(crate) fn tw(pt: f32) -> u32 {
    twips(pt).max(0).unsigned_abs()
}

/// `w:line` of a multiple of single spacing (rule "auto").
pub(crate) fn line_twips(multiple: f32) -> i32 {
    round_to(240.0 * multiple.max(0.5), "twip")
}

pub(crate) fn jc(a: ir::Align) -> &'static str {
    match a {
        ir::Align::Left => "left",
        ir::Align::Center => "center",
        ir::Align::Right => "right",
        ir::Align::Justify => "both",
    }
}

/// The character marks of a run (`CT_RPr` members other than font and size).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Marks {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub superscript: bool,
}

impl Marks {
    pub fn of(r: &ir::Run) -> Marks {
        Marks {
            bold: r.bold,
            italic: r.italic,
            underline: r.underline,
            superscript: r.superscript,
        }
    }
}

/// Spacing of a paragraph in twips; `line` is a multiple of 240 with rule "auto".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spacing {
    pub before: u32,
    pub after: u32,
    pub line: Option<i32>,
}

impl Spacing {
    /// Line spacing as a multiple of single: `w:line = 240 × multiple`, rule "auto" (never
    /// "exact", which would clip stacked Vietnamese diacritics).
    pub fn lines(before: f32, after: f32, multiple: f32) -> Spacing {
        Spacing {
            before: tw(before),
            after: tw(after),
            line: Some(line_twips(multiple)),
        }
    }
}

impl Spacing {
    /// `<w:spacing … />`.
    pub fn write(&self, out: &mut String) {
        let _ = write!(
            out,
            r#"<w:spacing w:before="{}" w:after="{}""#,
            self.before, self.after
        );
        if let Some(line) = self.line {
            let _ = write!(out, r#" w:line="{line}" w:lineRule="auto""#);
        }
        out.push_str(" />");
    }
}

impl Indent {
    /// `<w:ind … />`; `explicit_zero` writes `w:firstLine="0"` for no first-line indent (a
    /// style, which must not inherit an application's default).
    pub fn write(&self, out: &mut String, explicit_zero: bool) {
        let _ = write!(
            out,
            r#"<w:ind w:left="{}" w:right="{}""#,
            self.left, self.right
        );
        match self.first_line {
            Some(FirstLine::Indented(t)) => {
                let _ = write!(out, r#" w:firstLine="{t}""#);
            }
            Some(FirstLine::Hanging(t)) => {
                let _ = write!(out, r#" w:hanging="{t}""#);
            }
            None if explicit_zero => out.push_str(r#" w:firstLine="0""#),
            None => {}
        }
        out.push_str(" />");
    }
}

/// The first line's indent, in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FirstLine {
    Indented(i32),
    Hanging(i32),
}

/// Indents in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Indent {
    pub left: i32,
    pub right: i32,
    pub first_line: Option<FirstLine>,
}

/// A paragraph border side: `(space, size in eighths)`.
pub(crate) type Side = Option<(u32, usize)>;

/// Paragraph properties (`CT_PPr`): the fields in the schema's sequence order, which is the
/// order [`Part::open_paragraph`] writes them in.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParaProps<'s> {
    pub style: Option<&'s str>,
    pub keep_next: bool,
    pub keep_lines: bool,
    /// `keepNext` / `keepLines` switched off where the paragraph style switches them on.
    pub keep_next_off: bool,
    pub keep_lines_off: bool,
    pub widow_control: Option<bool>,
    /// `pBdr` sides: top, left, bottom, right.
    pub borders: Option<[Side; 4]>,
    pub spacing: Option<Spacing>,
    pub indent: Option<Indent>,
    pub jc: Option<&'static str>,
    pub outline_level: Option<u8>,
    /// Size of the paragraph mark (its `rPr`, with the document font); `None`: empty `rPr`.
    pub mark_size: Option<f32>,
}

/// Past this many bytes the text written so far is sealed as a chunk at the next paragraph:
/// a long document.xml then never sits in one string that doubles its capacity as it
/// grows (a 10 000-row table's 40 MB part took a 64 MiB buffer).
const CHUNK: usize = 1 << 20;

/// One XML part being written.
pub(crate) struct Part<'f> {
    pub out: String,
    /// Chunks of the part before `out`, in order.
    sealed: Vec<String>,
    /// Paragraph ids given so far (numbered from 1 within each part).
    para_ids: u32,
    /// The document font, escaped for an attribute.
    font: &'f str,
}

impl<'f> Part<'f> {
    pub fn new(font: &'f str, capacity: usize) -> Part<'f> {
        Part {
            out: String::with_capacity(capacity),
            sealed: Vec::new(),
            para_ids: 0,
            font,
        }
    }

    pub fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// The part's text, chunk by chunk.
    pub fn into_chunks(mut self) -> Vec<String> {
        self.sealed.push(self.out);
        self.sealed
    }

    /// The part's text in one string (the small parts).
    pub fn into_string(self) -> String {
        self.into_chunks().concat()
    }

    /// `<w:p>` with the next paragraph id.
    pub fn open_p(&mut self) {
        if self.out.len() >= CHUNK {
            let next = String::with_capacity(CHUNK + CHUNK / 4);
            self.sealed.push(std::mem::replace(&mut self.out, next));
        }
        self.para_ids += 1;
        let _ = write!(self.out, r#"<w:p w14:paraId="{:08X}">"#, self.para_ids);
    }

    /// `<w:p>` and its complete `<w:pPr>`.
    pub fn open_paragraph(&mut self, p: &ParaProps) {
        self.open_p();
        let out = &mut self.out;
        out.push_str("<w:pPr>");
        if let Some(s) = p.style {
            let _ = write!(out, r#"<w:pStyle w:val="{s}" />"#);
        }
        if p.keep_next {
            out.push_str("<w:keepNext />");
        } else if p.keep_next_off {
            out.push_str(r#"<w:keepNext w:val="0" />"#);
        }
        if p.keep_lines {
            out.push_str("<w:keepLines />");
        } else if p.keep_lines_off {
            out.push_str(r#"<w:keepLines w:val="0" />"#);
        }
        if let Some(w) = p.widow_control {
            let _ = write!(out, r#"<w:widowControl w:val="{}" />"#, u8::from(w));
        }
        if let Some(sides) = &p.borders {
            out.push_str("<w:pBdr>");
            for (name, side) in ["top", "left", "bottom", "right"].iter().zip(sides) {
                if let Some((space, size)) = side {
                    let _ = write!(
                        out,
                        r#"<w:{name} w:val="single" w:space="{space}" w:sz="{size}" w:color="000000" />"#
                    );
                }
            }
            out.push_str("</w:pBdr>");
        }
        if let Some(s) = p.spacing {
            s.write(out);
        }
        if let Some(i) = p.indent {
            i.write(out, false);
        }
        if let Some(j) = p.jc {
            let _ = write!(out, r#"<w:jc w:val="{j}" />"#);
        }
        if let Some(level) = p.outline_level {
            let _ = write!(out, r#"<w:outlineLvl w:val="{level}" />"#);
        }
        match p.mark_size {
            Some(size) => self.run_props(None, Some(size), Marks::default()),
            None => self.out.push_str("<w:rPr />"),
        }
        self.out.push_str("</w:pPr>");
    }

    /// Run properties (`CT_RPr`): the style, the document font on all four slots, then the
    /// marks and the size in schema order.
    pub fn run_props(&mut self, style: Option<&str>, size: Option<f32>, m: Marks) {
        let out = &mut self.out;
        out.push_str("<w:rPr>");
        if let Some(s) = style {
            let _ = write!(out, r#"<w:rStyle w:val="{s}" />"#);
        }
        let f = self.font;
        let _ = write!(
            out,
            r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}" />"#
        );
        if m.bold {
            out.push_str("<w:b /><w:bCs />");
        }
        if m.italic {
            out.push_str("<w:i /><w:iCs />");
        }
        if let Some(size) = size {
            let hp = half_points(size);
            let _ = write!(out, r#"<w:sz w:val="{hp}" /><w:szCs w:val="{hp}" />"#);
        }
        if m.underline {
            out.push_str(r#"<w:u w:val="single" />"#);
        }
        if m.superscript {
            out.push_str(r#"<w:vertAlign w:val="superscript" />"#);
        }
        out.push_str("</w:rPr>");
    }

    /// A run of text.
    pub fn text_run(&mut self, size: f32, m: Marks, text: &str) {
        self.out.push_str("<w:r>");
        self.run_props(None, Some(size), m);
        self.out.push_str(r#"<w:t xml:space="preserve">"#);
        for ch in text.chars() {
            // Line feeds and carriage returns are no text in a run (a line break is a run of
            // its own).
            if ch != '\n' && ch != '\r' {
                push_escaped(&mut self.out, ch);
            }
        }
        self.out.push_str("</w:t></w:r>");
    }

    /// A run holding one element (`content`) with the document font at `size`.
    pub fn element_run(&mut self, style: Option<&str>, size: Option<f32>, m: Marks, content: &str) {
        self.out.push_str("<w:r>");
        self.run_props(style, size, m);
        self.out.push_str(content);
        self.out.push_str("</w:r>");
    }
}
