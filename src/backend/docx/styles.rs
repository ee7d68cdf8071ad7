//! The paragraph styles of word/styles.xml that Word's own tools rely on: "heading 1" to
//! "heading 9" for the paragraphs the IR gives an outline level (so the Navigation pane,
//! outline view and a table of contents work) and "Body Text" for the body's paragraphs.
//!
//! A style takes its formatting from the document: each heading level from the first
//! paragraph of that level, the body style from the commonest body format. A paragraph that
//! uses a style then carries only what differs from it, so the page is the same as with
//! direct formatting alone, and both formats still show exactly what the IR says.

use std::fmt::Write as _;

use super::writer::{FirstLine, Indent, ParaProps, Spacing, jc};
use crate::ir::{self, Align, Block, twips};

/// The paragraph properties a style can carry, as the DOCX writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParaFormat {
    pub spacing: Spacing,
    pub indent: Indent,
    pub jc: &'static str,
    pub widow_control: bool,
    pub keep_next: bool,
    pub keep_lines: bool,
    /// Size of the text in half-points.
    pub half_points: u32,
}

impl ParaFormat {
    /// The format of IR paragraph `p`; `keep_next` as the body writer decides it.
    pub fn of(p: &ir::Paragraph, keep_next: bool) -> ParaFormat {
        let first_line = if p.first_line_indent > 0.0 {
            Some(FirstLine::Indented(twips(p.first_line_indent)))
        } else if p.first_line_indent < 0.0 {
            Some(FirstLine::Hanging(twips(-p.first_line_indent)))
        } else {
            None
        };
        ParaFormat {
            spacing: Spacing::lines(p.space_before, p.space_after, p.line_spacing),
            indent: Indent {
                left: twips(p.left_indent),
                right: twips(p.right_indent),
                first_line,
            },
            jc: jc(p.align),
            widow_control: p.widow_control,
            keep_next: keep_next || p.keep_with_next,
            keep_lines: p.keep_together,
            half_points: (p.size * 2.0).round() as u32,
        }
    }
}

/// One paragraph style.
#[derive(Debug, Clone)]
pub(crate) struct ParaStyle {
    /// "Heading1", "BodyText".
    pub id: String,
    /// The built-in name Word knows (and shows translated): "heading 1", "Body Text".
    name: String,
    outline_level: Option<u8>,
    pub format: ParaFormat,
}

/// The styles of one document: the body style and one per outline level in use.
#[derive(Debug, Clone, Default)]
pub(crate) struct StyleSheet {
    body: Option<ParaStyle>,
    headings: [Option<ParaStyle>; 9],
}

/// The Word style id of the body's paragraphs.
const BODY_ID: &str = "BodyText";

impl StyleSheet {
    /// The styles `doc` uses, from its sections' own paragraphs (not those in tables).
    pub fn of(doc: &ir::Document) -> StyleSheet {
        let mut sheet = StyleSheet::default();
        // Body formats in order of first use, with their counts.
        let mut body: Vec<(ParaFormat, usize)> = Vec::new();
        for p in doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p),
                _ => None,
            })
        {
            let format = ParaFormat::of(p, false);
            match p.outline_level {
                Some(level) => {
                    let slot = &mut sheet.headings[usize::from(level.min(8))];
                    if slot.is_none() {
                        *slot = Some(heading_style(level.min(8), format));
                    }
                }
                None if is_body(p) => match body.iter_mut().find(|(f, _)| *f == format) {
                    Some((_, n)) => *n += 1,
                    None => body.push((format, 1)),
                },
                None => {}
            }
        }
        // The commonest format; among equals the first used (`max_by_key` keeps the last).
        sheet.body = body
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .map(|(format, _)| ParaStyle {
                id: BODY_ID.to_string(),
                name: "Body Text".to_string(),
                outline_level: None,
                format: *format,
            });
        sheet
    }

    /// The style of a top-level paragraph, if it has one.
    pub fn style_of(&self, p: &ir::Paragraph) -> Option<&ParaStyle> {
        match p.outline_level {
            Some(level) => self.headings[usize::from(level.min(8))].as_ref(),
            None if is_body(p) => self.body.as_ref(),
            None => None,
        }
    }

    /// The `<w:style>` elements, body first, then the headings by level.
    pub fn xml(&self, font: &str) -> String {
        let mut out = String::new();
        for s in self.body.iter().chain(self.headings.iter().flatten()) {
            style_xml(&mut out, s, font);
        }
        out
    }
}

/// Body text: justified paragraphs of the page's own flow, outside any heading.
fn is_body(p: &ir::Paragraph) -> bool {
    p.align == Align::Justify && p.outline_level.is_none()
}

fn heading_style(level: u8, format: ParaFormat) -> ParaStyle {
    ParaStyle {
        id: format!("Heading{}", level + 1),
        name: format!("heading {}", level + 1),
        outline_level: Some(level),
        format,
    }
}

/// Remove from `props` what `style` already says, and name the style.
pub(crate) fn apply<'s>(props: &mut ParaProps<'s>, style: &'s ParaStyle) {
    let f = &style.format;
    props.style = Some(&style.id);
    if props.spacing == Some(f.spacing) {
        props.spacing = None;
    }
    if props.indent == Some(f.indent) {
        props.indent = None;
    }
    if props.jc == Some(f.jc) {
        props.jc = None;
    }
    if props.widow_control == Some(f.widow_control) {
        props.widow_control = None;
    }
    if props.outline_level == style.outline_level {
        props.outline_level = None;
    }
    // Keeps differ from the style only by being off where the style has them on.
    props.keep_next_off = f.keep_next && !props.keep_next;
    props.keep_lines_off = f.keep_lines && !props.keep_lines;
    if f.keep_next {
        props.keep_next = false;
    }
    if f.keep_lines {
        props.keep_lines = false;
    }
}

/// One `<w:style>`: every property written out, the keeps and widow control with explicit
/// values so that no application's own default for a heading (LibreOffice keeps its
/// headings with the next paragraph) changes the page.
fn style_xml(out: &mut String, s: &ParaStyle, font: &str) {
    let f = &s.format;
    let _ = write!(
        out,
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>"#,
        id = s.id,
        name = s.name
    );
    let _ = write!(out, r#"<w:next w:val="{BODY_ID}"/>"#);
    match s.outline_level {
        Some(_) => out.push_str(r#"<w:uiPriority w:val="9"/><w:qFormat/>"#),
        None => out.push_str(r#"<w:uiPriority w:val="1"/><w:qFormat/>"#),
    }
    let _ = write!(
        out,
        r#"<w:pPr><w:keepNext w:val="{}"/><w:keepLines w:val="{}"/><w:widowControl w:val="{}"/>"#,
        u8::from(f.keep_next),
        u8::from(f.keep_lines),
        u8::from(f.widow_control)
    );
    f.spacing.write(out);
    f.indent.write(out, true);
    let _ = write!(out, r#"<w:jc w:val="{}"/>"#, f.jc);
    // Body text sits at body level (9) explicitly: LibreOffice's own "Body Text" has none,
    // Word's headings theirs.
    let level = s.outline_level.unwrap_or(9);
    let _ = write!(out, r#"<w:outlineLvl w:val="{level}"/></w:pPr>"#);
    let hp = f.half_points;
    let _ = write!(
        out,
        r#"<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/><w:b w:val="0"/><w:i w:val="0"/><w:color w:val="000000"/><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/></w:rPr></w:style>"#
    );
}
