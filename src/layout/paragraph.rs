//! A paragraph as a stack of line boxes, each holding positioned glyph runs.

use super::text::{self, Word};
use super::{GlyphRun, Item};
use crate::fonts::{FontSet, FontStyle};
use crate::ir;

/// One line of a paragraph. Item coordinates are relative to the line's top-left corner
/// at the container's left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct LineBox {
    pub height: f32,
    pub items: Vec<Item>,
    /// Footnotes referenced on this line: they go to the bottom of its page.
    pub footnotes: Vec<ir::Footnote>,
}

/// A laid-out paragraph with what pagination needs to know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParaBox {
    pub space_before: f32,
    pub space_after: f32,
    pub lines: Vec<LineBox>,
    pub keep_with_next: bool,
    pub keep_together: bool,
    pub widow_control: bool,
}

impl ParaBox {
    pub fn lines_height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }

    /// Height including spacing before and after.
    pub fn height(&self) -> f32 {
        self.space_before + self.lines_height() + self.space_after
    }
}

/// Lay out `p` in a container `width` wide.
pub fn layout_paragraph(p: &ir::Paragraph, width: f32, fonts: &FontSet) -> ParaBox {
    let words = text::words(&p.runs, p.size, fonts);
    let inner = (width - p.left_indent - p.right_indent).max(1.0);
    let first = inner - p.first_line_indent;
    let spans = text::break_lines(&words, first, inner);
    let mut lines = Vec::with_capacity(spans.len().max(1));
    for (i, span) in spans.iter().enumerate() {
        let indent = p.left_indent + if i == 0 { p.first_line_indent } else { 0.0 };
        let avail = if i == 0 { first } else { inner };
        let stretch = p.align == ir::Align::Justify && !span.hard_end;
        lines.push(line_box(
            &words[span.start..span.end],
            indent,
            avail,
            p.align,
            stretch,
            p,
            fonts,
        ));
    }
    if lines.is_empty() {
        // An empty paragraph still takes one line at its size.
        lines.push(line_box(
            &[],
            p.left_indent,
            inner,
            p.align,
            false,
            p,
            fonts,
        ));
    }
    if p.framed {
        frame(&mut lines, p.left_indent, width - p.right_indent);
    }
    ParaBox {
        space_before: p.space_before,
        space_after: p.space_after,
        lines,
        keep_with_next: p.keep_with_next,
        keep_together: p.keep_together,
        widow_control: p.widow_control,
    }
}

fn line_box(
    words: &[Word],
    indent: f32,
    avail: f32,
    align: ir::Align,
    stretch: bool,
    p: &ir::Paragraph,
    fonts: &FontSet,
) -> LineBox {
    // Vertical metrics from the full-size pieces (superscripts do not grow the line, as in
    // Word); an empty line uses the paragraph's size.
    let mut single: f32 = 0.0;
    let mut descent: f32 = 0.0;
    for w in words {
        for pc in w.pieces.iter().filter(|pc| pc.rise == 0.0) {
            let f = fonts.line_face(pc.style);
            single = single.max(f.line_height(pc.size));
            descent = descent.max(f.line_height(pc.size) - f.ascent(pc.size));
        }
    }
    if single == 0.0 {
        let f = fonts.face(FontStyle::Regular);
        single = f.line_height(p.size);
        descent = single - f.ascent(p.size);
    }
    let height = single * p.line_spacing;
    // The extra height of "multiple" spacing goes below the text, as LibreOffice lays out
    // our DOCX (measured: a 1.15-spaced line after a single-spaced one starts level with it).
    let baseline = single - descent;

    let natural: f32 = words.iter().map(|w| w.width + w.space).sum::<f32>()
        - words.last().map_or(0.0, |w| w.space);
    let extra = avail - natural;
    let inner_spaces: usize = words
        .iter()
        .take(words.len().saturating_sub(1))
        .map(|w| w.spaces)
        .sum();
    let (mut x, gap) = match align {
        ir::Align::Center => (indent + extra / 2.0, 0.0),
        ir::Align::Right => (indent + extra, 0.0),
        _ if stretch && inner_spaces > 0 && extra > 0.0 => (indent, extra / inner_spaces as f32),
        _ => (indent, 0.0),
    };

    let mut items = Vec::new();
    let mut footnotes = Vec::new();
    for w in words {
        for pc in &w.pieces {
            let width = pc.width - pc.trail;
            items.push(Item::Text(GlyphRun {
                text: pc.text.clone(),
                style: pc.style,
                size: pc.size,
                x,
                y: baseline - pc.rise,
                width,
            }));
            if pc.underline {
                let f = fonts.line_face(pc.style);
                let pos = -f.underline_position * pc.size / f.units_per_em;
                let th = (f.underline_thickness * pc.size / f.units_per_em).max(0.5);
                items.push(Item::Rect {
                    x,
                    y: baseline - pc.rise + pos - th / 2.0,
                    w: width,
                    h: th,
                });
            }
            x += pc.width;
        }
        x += gap * w.spaces as f32;
        footnotes.extend(w.footnotes.iter().cloned());
    }
    LineBox {
        height,
        items,
        footnotes,
    }
}

/// Draw a box around the paragraph (độ mật / độ khẩn stamps), one piece per line so the
/// frame survives a page break.
fn frame(lines: &mut [LineBox], left: f32, right: f32) {
    const T: f32 = 0.75;
    let n = lines.len();
    for (i, l) in lines.iter_mut().enumerate() {
        let h = l.height;
        l.items.push(Item::Rect {
            x: left,
            y: 0.0,
            w: T,
            h,
        });
        l.items.push(Item::Rect {
            x: right - T,
            y: 0.0,
            w: T,
            h,
        });
        if i == 0 {
            l.items.push(Item::Rect {
                x: left,
                y: 0.0,
                w: right - left,
                h: T,
            });
        }
        if i + 1 == n {
            l.items.push(Item::Rect {
                x: left,
                y: h - T,
                w: right - left,
                h: T,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::bundled;

    fn body(text: &str) -> ir::Paragraph {
        let mut p = ir::Paragraph::new(14.0);
        p.runs = vec![ir::Inline::Text(ir::Run::plain(text))];
        p.align = ir::Align::Justify;
        p.first_line_indent = ir::mm(12.7);
        p.space_after = 6.0;
        p.line_spacing = 1.15;
        p
    }

    /// Right edge of a line: end of its last glyph run without trailing spaces.
    fn right_edge(l: &LineBox) -> f32 {
        l.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(g) => Some(g.x + g.width),
                _ => None,
            })
            .fold(0.0, f32::max)
    }

    #[test]
    fn justified_lines_share_right_edge_except_last() {
        let text = "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc triển khai kế hoạch \
                    phát triển kinh tế - xã hội năm 2024, các sở, ban, ngành đã chủ động xây \
                    dựng chương trình công tác, tổ chức thực hiện đồng bộ các nhiệm vụ, giải pháp.";
        let width = ir::mm(165.0);
        let pb = layout_paragraph(&body(text), width, bundled());
        assert!(pb.lines.len() >= 3);
        let n = pb.lines.len();
        for l in &pb.lines[..n - 1] {
            assert!((right_edge(l) - width).abs() < 0.05, "{}", right_edge(l));
        }
        assert!(right_edge(&pb.lines[n - 1]) < width - 5.0);
        // First line starts at the indent.
        let first_x = match &pb.lines[0].items[0] {
            Item::Text(g) => g.x,
            _ => unreachable!(),
        };
        assert!((first_x - ir::mm(12.7)).abs() < 0.01);
        // Line height: single (winAscent + winDescent + lineGap = 1.15 em) × 1.15.
        let single = 14.0 * (1825.0 + 443.0 + 87.0) / 2048.0;
        assert!((pb.lines[0].height - single * 1.15).abs() < 0.01);
    }

    #[test]
    fn centred_line_is_centred() {
        let mut p = body("BÁO CÁO");
        p.align = ir::Align::Center;
        p.first_line_indent = 0.0;
        let pb = layout_paragraph(&p, 400.0, bundled());
        let left = match &pb.lines[0].items[0] {
            Item::Text(g) => g.x,
            _ => unreachable!(),
        };
        assert!(((left + right_edge(&pb.lines[0])) / 2.0 - 200.0).abs() < 0.01);
    }

    #[test]
    fn empty_paragraph_has_one_line() {
        let p = ir::Paragraph::new(14.0);
        let pb = layout_paragraph(&p, 400.0, bundled());
        assert_eq!(pb.lines.len(), 1);
        assert!(pb.lines[0].height > 15.0);
    }
}
