//! Paragraph-like blocks: text paragraphs with their runs and footnotes, rules, spacers,
//! images and page breaks.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Footnote, LineSpacing, LineSpacingType, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Pic, Run, RunProperty, SpecialIndentType,
    VertAlignType,
};

use super::Ctx;
use crate::ir::{self, Align, Inline, round_to, twips};

/// Text of the placeholder run that `package` turns into `<w:footnoteRef/>` (the note's own
/// mark, which docx-rs cannot write). Private-use characters so it can never be real text.
pub(crate) const FOOTNOTE_REF_MARKER: &str = "\u{E000}vanban-footnote-ref\u{E000}";

/// Character style of footnote marks; `package` adds its definition to styles.xml.
pub(crate) const FOOTNOTE_REF_STYLE: &str = "FootnoteReference";

/// Size used for paragraphs that only carry a border or vertical space.
pub(crate) const TINY_PT: f32 = 1.0;

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

pub(crate) fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// Line spacing as a multiple of single: `w:line = 240 × multiple`, rule "auto" (never
/// "exact", which would clip stacked Vietnamese diacritics).
fn spacing(before: f32, after: f32, multiple: f32) -> LineSpacing {
    LineSpacing::new()
        .before(tw(before))
        .after(tw(after))
        .line(line_twips(multiple))
        .line_rule(LineSpacingType::Auto)
}

/// A run carrying the document font and the given size.
fn base_run(size: f32, ctx: &Ctx) -> Run {
    Run::new().size(half_points(size)).fonts(ctx.fonts())
}

fn text_run(r: &ir::Run, default_size: f32, ctx: &Ctx) -> Run {
    let mut run = base_run(r.size.unwrap_or(default_size), ctx).add_text(&r.text);
    if r.bold {
        run = run.bold();
    }
    if r.italic {
        run = run.italic();
    }
    if r.underline {
        run = run.underline("single");
    }
    if r.superscript {
        run.run_property = run.run_property.vert_align(VertAlignType::SuperScript);
    }
    run
}

/// A footnote mark run in the body plus the note itself (collected by docx-rs into
/// footnotes.xml). The note id is the IR's running number, so ids are stable.
fn footnote_run(f: &ir::Footnote, size: f32, ctx: &Ctx) -> Run {
    let note_size = ctx.footnote_size;
    let mut note = docx_rs::Paragraph::new()
        .style("FootnoteText")
        .align(AlignmentType::Both)
        .line_spacing(spacing(0.0, 0.0, 1.0))
        .size(half_points(note_size))
        .fonts(ctx.fonts());
    let mut mark = base_run(note_size, ctx).add_text(FOOTNOTE_REF_MARKER);
    mark.run_property = mark.run_property.style(FOOTNOTE_REF_STYLE);
    note = note
        .add_run(mark)
        .add_run(base_run(note_size, ctx).add_text(" "));
    for r in &f.runs {
        note = note.add_run(text_run(r, note_size, ctx));
    }
    let footnote = Footnote {
        id: f.number as usize,
        content: vec![note],
    };
    let mut run = Run::new().add_footnote_reference(footnote);
    // add_footnote_reference resets the run properties to the style only.
    run.run_property = RunProperty::new()
        .style(FOOTNOTE_REF_STYLE)
        .fonts(ctx.fonts())
        .size(half_points(size))
        .vert_align(VertAlignType::SuperScript);
    run
}

pub(crate) fn paragraph(p: &ir::Paragraph, ctx: &Ctx) -> docx_rs::Paragraph {
    let special = if p.first_line_indent > 0.0 {
        Some(SpecialIndentType::FirstLine(twips(p.first_line_indent)))
    } else if p.first_line_indent < 0.0 {
        Some(SpecialIndentType::Hanging(twips(-p.first_line_indent)))
    } else {
        None
    };
    let mut out = docx_rs::Paragraph::new()
        .align(alignment(p.align))
        .indent(
            Some(twips(p.left_indent)),
            special,
            Some(twips(p.right_indent)),
            None,
        )
        .line_spacing(spacing(p.space_before, p.space_after, p.line_spacing))
        .keep_next(p.keep_with_next)
        .keep_lines(p.keep_together)
        .widow_control(p.widow_control)
        // The paragraph mark gets the paragraph's size so empty lines have the right height.
        .size(half_points(p.size))
        .fonts(ctx.fonts());
    if let Some(level) = p.outline_level {
        out = out.outline_lvl(level as usize);
    }
    if p.framed {
        // docx-rs's default border set has all four sides; start empty and add them.
        let mut borders = ParagraphBorders::with_empty();
        for pos in [
            ParagraphBorderPosition::Top,
            ParagraphBorderPosition::Left,
            ParagraphBorderPosition::Bottom,
            ParagraphBorderPosition::Right,
        ] {
            borders = borders.set(
                ParagraphBorder::new(pos)
                    .val(BorderType::Single)
                    .size(6)
                    .space(2)
                    .color("000000"),
            );
        }
        out.property = out.property.set_borders(borders);
    }
    for inline in &p.runs {
        out = match inline {
            Inline::Text(r) => out.add_run(text_run(r, p.size, ctx)),
            Inline::LineBreak => {
                out.add_run(base_run(p.size, ctx).add_break(BreakType::TextWrapping))
            }
            Inline::FootnoteRef(f) => out.add_run(footnote_run(f, p.size, ctx)),
        };
    }
    out
}

/// An empty, tiny paragraph (rules and spacers): 1 pt font, single spacing.
fn tiny(before: f32, after: f32, ctx: &Ctx) -> docx_rs::Paragraph {
    docx_rs::Paragraph::new()
        .line_spacing(spacing(before, after, 1.0))
        .size(half_points(TINY_PT))
        .fonts(ctx.fonts())
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

/// A rule: the bottom border of an empty paragraph whose indents make it exactly
/// `rule.width` wide, placed within `avail` (text width or cell inner width).
pub(crate) fn rule(r: &ir::Rule, avail: f32, ctx: &Ctx) -> docx_rs::Paragraph {
    let (left, right) = rule_indents(r, avail);
    let mut p = tiny(r.space_before, r.space_after, ctx)
        .align(AlignmentType::Left)
        .indent(Some(twips(left)), None, Some(twips(right)), None);
    // Only the bottom side: docx-rs's default border set would draw a box.
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(eighths(r.thickness))
                .space(0)
                .color("000000"),
        ),
    );
    p
}

/// Vertical space of `h` points. A 1 pt line is about 1.15 pt tall, so that much less is
/// put before it.
pub(crate) fn spacer(h: f32, ctx: &Ctx) -> docx_rs::Paragraph {
    tiny(spacer_before(h), 0.0, ctx)
}

/// The space before a spacer's tiny paragraph.
pub(crate) fn spacer_before(h: f32) -> f32 {
    (h - ir::RULE_CARRIER).max(0.0)
}

pub(crate) fn page_break(ctx: &Ctx) -> docx_rs::Paragraph {
    docx_rs::Paragraph::new()
        .line_spacing(spacing(0.0, 0.0, 1.0))
        .add_run(base_run(TINY_PT, ctx).add_break(BreakType::Page))
}

/// An inline picture in its own paragraph, sized in EMU (12700 per point).
pub(crate) fn image(img: &ir::Image, ctx: &mut Ctx) -> docx_rs::Paragraph {
    ctx.images += 1;
    let (w, h) = ir::png_pixels(&img.png).map_or((1, 1), |(w, h)| (w.max(1), h.max(1)));
    let pic = Pic::new_with_dimensions(img.png.clone(), w, h)
        .size(
            round_to(img.width * 12700.0, "EMU"),
            round_to(img.height * 12700.0, "EMU"),
        )
        .id(format!("rIdImage{}", ctx.images));
    docx_rs::Paragraph::new()
        .align(alignment(img.align))
        .line_spacing(spacing(0.0, 0.0, 1.0))
        .add_run(Run::new().fonts(ctx.fonts()).add_image(pic))
}
