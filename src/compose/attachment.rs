//! A document attached to the main one (the plan a Quyết định promulgates): its title block
//! on a new page — type name, subject, the italic "(Ban hành kèm theo Quyết định số … ngày …
//! của …)" line built from the main document's number and date, and a short rule.

use super::style::Style;
use super::title_lines;
use crate::fonts::FontSet;
use crate::format;
use crate::ir::Block;

/// "(Ban hành kèm theo Quyết định số 125/QĐ-UBND ngày 05 tháng 02 năm 2025 của Chủ tịch
/// UBND tỉnh)".
pub fn promulgation_line(type_name: &str, so_ky_hieu: &str, date: &str, issuer: &str) -> String {
    format!("(Ban hành kèm theo {type_name} số {so_ky_hieu} {date} của {issuer})")
}

pub fn heading(
    title: &str,
    subject: &[String],
    line: &str,
    st: &Style,
    fonts: &FontSet,
    tw: f32,
) -> Vec<Block> {
    let mut out = Vec::new();
    let mut name = st.centered(&format::upper(title), st.title_size, true, false);
    name.keep_with_next = true;
    out.push(Block::Paragraph(name));
    for l in subject {
        let mut p = title_lines::paragraph(st, fonts, l, tw, true, false);
        p.keep_with_next = true;
        out.push(Block::Paragraph(p));
    }
    let mut r = title_lines::paragraph(st, fonts, line, tw, false, true);
    r.keep_with_next = true;
    out.push(Block::Paragraph(r));
    let widest = subject
        .iter()
        .map(|l| title_lines::widest(fonts, l, tw, st.title_size, true))
        .fold(0.0f32, f32::max)
        .min(tw);
    out.push(Block::Rule(st.rule(
        (widest * 0.4).round().max(60.0),
        2.0,
        12.0,
    )));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promulgation_line_reads_like_the_reference() {
        assert_eq!(
            promulgation_line(
                "Quyết định",
                "125/QĐ-UBND",
                "ngày 05 tháng 02 năm 2025",
                "Chủ tịch UBND tỉnh"
            ),
            "(Ban hành kèm theo Quyết định số 125/QĐ-UBND ngày 05 tháng 02 năm 2025 của Chủ \
             tịch UBND tỉnh)"
        );
    }
}
