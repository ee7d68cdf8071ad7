//! Paragraph-like blocks: text paragraphs with their runs and footnote marks, rules,
//! spacers, images and page breaks; and the paragraph of a footnote.

use std::fmt::Write as _;

use super::body::Doc;
use super::styles::{self, ParaFormat};
use super::writer::{Indent, Marks, ParaProps, Part, Spacing, eighths, jc};
use crate::ir::{self, Align, Inline, round_to, twips};

/// Character style of footnote marks, defined in styles.xml.
pub(crate) const FOOTNOTE_REF_STYLE: &str = "FootnoteReference";

/// Paragraph style of the footnotes' text, defined in styles.xml.
const FOOTNOTE_TEXT_STYLE: &str = "FootnoteText";

/// Size used for paragraphs that only carry a border or vertical space.
pub(crate) const TINY_PT: f32 = 1.0;

/// Single spacing with nothing before or after.
fn single() -> Option<Spacing> {
    Some(Spacing::lines(0.0, 0.0, 1.0))
}

/// A text paragraph; `keep_next` keeps it with the next block even if the IR does not.
/// `top_level`: a paragraph of the page's own flow (not in a table), which may use a
/// paragraph style.
pub(crate) fn paragraph<'a>(
    doc: &mut Doc<'a>,
    p: &'a ir::Paragraph,
    keep_next: bool,
    top_level: bool,
) {
    let f = ParaFormat::of(p, keep_next);
    let frame = Some((2, 6));
    let mut props = ParaProps {
        keep_next: f.keep_next,
        keep_lines: f.keep_lines,
        widow_control: Some(f.widow_control),
        borders: p.framed.then_some([frame; 4]),
        spacing: Some(f.spacing),
        indent: Some(f.indent),
        jc: Some(f.jc),
        outline_level: p.outline_level,
        // The paragraph mark gets the paragraph's size so empty lines have the right height.
        mark_size: Some(p.size),
        ..ParaProps::default()
    };
    if top_level && let Some(style) = doc.styles.style_of(p) {
        styles::apply(&mut props, style);
    }
    doc.part.open_paragraph(&props);
    for inline in &p.runs {
        match inline {
            Inline::Text(r) => doc
                .part
                .text_run(r.size.unwrap_or(p.size), Marks::of(r), &r.text),
            Inline::LineBreak => doc.part.element_run(
                None,
                Some(p.size),
                Marks::default(),
                r#"<w:br w:type="textWrapping" />"#,
            ),
            Inline::FootnoteRef(f) => {
                doc.footnotes.push(f);
                let mark = format!(r#"<w:footnoteReference w:id="{}" />"#, f.number);
                let superscript = Marks {
                    superscript: true,
                    ..Marks::default()
                };
                doc.part
                    .element_run(Some(FOOTNOTE_REF_STYLE), Some(p.size), superscript, &mark);
            }
        }
    }
    doc.part.push("</w:p>");
}

/// Left and right indents that make a rule `r.width` wide within `avail`, placed by its
/// alignment.
pub(crate) fn rule_indents(r: &ir::Rule, avail: f32) -> (f32, f32) {
    let slack = (avail - r.width).max(0.0);
    match r.align {
        Align::Center => (slack / 2.0, slack / 2.0),
        Align::Right => (slack, 0.0),
        Align::Left | Align::Justify => (0.0, slack),
    }
}

/// A rule: the bottom border of an empty, tiny paragraph whose indents make it exactly
/// `rule.width` wide, placed within `avail` (text width or cell inner width).
pub(crate) fn rule(part: &mut Part, r: &ir::Rule, avail: f32, keep_next: bool) {
    let (left, right) = rule_indents(r, avail);
    part.open_paragraph(&ParaProps {
        keep_next,
        borders: Some([None, None, Some((0, eighths(r.thickness))), None]),
        spacing: Some(Spacing::lines(r.space_before, r.space_after, 1.0)),
        indent: Some(Indent {
            left: twips(left),
            right: twips(right),
            first_line: None,
        }),
        jc: Some("left"),
        mark_size: Some(TINY_PT),
        ..ParaProps::default()
    });
    part.push("</w:p>");
}

/// Vertical space of `h` points: an empty, tiny paragraph.
pub(crate) fn spacer(part: &mut Part, h: f32, keep_next: bool) {
    part.open_paragraph(&ParaProps {
        keep_next,
        spacing: Some(Spacing::lines(spacer_before(h), 0.0, 1.0)),
        mark_size: Some(TINY_PT),
        ..ParaProps::default()
    });
    part.push("</w:p>");
}

/// The space before a spacer's tiny paragraph. A 1 pt line is about 1.15 pt tall, so that
/// much less is put before it.
pub(crate) fn spacer_before(h: f32) -> f32 {
    (h - ir::RULE_CARRIER).max(0.0)
}

pub(crate) fn page_break(part: &mut Part, keep_next: bool) {
    part.open_paragraph(&ParaProps {
        keep_next,
        spacing: single(),
        ..ParaProps::default()
    });
    part.element_run(
        None,
        Some(TINY_PT),
        Marks::default(),
        r#"<w:br w:type="page" />"#,
    );
    part.push("</w:p>");
}

/// An inline picture in its own paragraph, sized in EMU (12700 per point).
pub(crate) fn image<'a>(doc: &mut Doc<'a>, img: &'a ir::Image, keep_next: bool) {
    let (rel, drawing) = doc.images.add(&img.data);
    let cx: u32 = round_to(img.width * 12700.0, "EMU");
    let cy: u32 = round_to(img.height * 12700.0, "EMU");
    let mut xml = String::with_capacity(1400);
    let _ = write!(
        xml,
        concat!(
            r#"<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{cx}" cy="{cy}" /><wp:effectExtent b="0" l="0" r="0" t="0" />"#,
            r#"<wp:docPr id="{drawing}" name="Figure" /><wp:cNvGraphicFramePr>"#,
            r#"<a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1" />"#,
            r#"</wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
            r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:nvPicPr><pic:cNvPr id="0" name="" /><pic:cNvPicPr>"#,
            r#"<a:picLocks noChangeAspect="1" noChangeArrowheads="1" /></pic:cNvPicPr></pic:nvPicPr>"#,
            r#"<pic:blipFill><a:blip r:embed="{rel}" /><a:srcRect /><a:stretch><a:fillRect /></a:stretch></pic:blipFill>"#,
            r#"<pic:spPr bwMode="auto"><a:xfrm rot="0"><a:off x="0" y="0" /><a:ext cx="{cx}" cy="{cy}" /></a:xfrm>"#,
            r#"<a:prstGeom prst="rect"><a:avLst /></a:prstGeom></pic:spPr></pic:pic>"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing>"#
        ),
        cx = cx,
        cy = cy,
        drawing = drawing,
        rel = rel,
    );
    doc.part.open_paragraph(&ParaProps {
        keep_next,
        spacing: single(),
        jc: Some(jc(img.align)),
        ..ParaProps::default()
    });
    doc.part.element_run(None, None, Marks::default(), &xml);
    doc.part.push("</w:p>");
}

/// The paragraph of a footnote in footnotes.xml: the note's own mark, a space, the text.
pub(crate) fn footnote(part: &mut Part, f: &ir::Footnote, size: f32) {
    part.open_paragraph(&ParaProps {
        style: Some(FOOTNOTE_TEXT_STYLE),
        spacing: single(),
        jc: Some("both"),
        mark_size: Some(size),
        ..ParaProps::default()
    });
    part.element_run(
        Some(FOOTNOTE_REF_STYLE),
        Some(size),
        Marks::default(),
        "<w:footnoteRef />",
    );
    part.text_run(size, Marks::default(), " ");
    for r in &f.runs {
        part.text_run(r.size.unwrap_or(size), Marks::of(r), &r.text);
    }
    part.push("</w:p>");
}
