//! Characters that no face of a [`FontSet`] has. The DOCX keeps every character and leaves
//! its rendering to Word's own font fallback; the PDF can only draw what its embedded faces
//! have. A character none of them has would be a blank (.notdef) in the PDF only, so it is an
//! error, found on the document model before anything is laid out or written.

use std::collections::HashSet;
use std::path::Path;

use crate::error::{Code, Diagnostics, Error, Pos};
use crate::fonts::{FontSet, FontStyle};
use crate::ir;

/// At most this many characters are reported, each at its first position.
const MAX_REPORTED: usize = 10;

/// Characters the layout handles itself instead of drawing them.
fn handled_by_layout(ch: char) -> bool {
    matches!(ch, '\n' | '\r' | '\t')
}

/// The distinct characters of `doc` that no face of `fonts` can draw in the style they are
/// set in (the styled face, the regular face, the fallback face: see
/// [`FontSet::resolve`]), in document order. Text is NFC-normalised first, as the layout
/// does.
pub fn uncovered_chars(doc: &ir::Document, fonts: &FontSet) -> Vec<char> {
    let mut walk = Walk {
        fonts,
        seen: HashSet::new(),
        out: Vec::new(),
    };
    for section in &doc.sections {
        walk.blocks(&section.blocks);
    }
    walk.out
}

struct Walk<'a> {
    fonts: &'a FontSet,
    seen: HashSet<char>,
    out: Vec<char>,
}

impl Walk<'_> {
    fn blocks(&mut self, blocks: &[ir::Block]) {
        for block in blocks {
            match block {
                ir::Block::Paragraph(p) => {
                    for inline in &p.runs {
                        match inline {
                            ir::Inline::Text(r) => self.run(r),
                            ir::Inline::LineBreak => {}
                            ir::Inline::FootnoteRef(f) => {
                                self.text(&f.number.to_string(), FontStyle::Regular);
                                for r in &f.runs {
                                    self.run(r);
                                }
                            }
                        }
                    }
                }
                ir::Block::Table(t) => {
                    for row in &t.rows {
                        for cell in &row.cells {
                            self.blocks(&cell.blocks);
                        }
                    }
                }
                ir::Block::Rule(_)
                | ir::Block::Image(_)
                | ir::Block::Spacer(_)
                | ir::Block::PageBreak => {}
            }
        }
    }

    fn run(&mut self, r: &ir::Run) {
        self.text(&r.text, FontStyle::of(r.bold, r.italic));
    }

    fn text(&mut self, text: &str, style: FontStyle) {
        let face = self.fonts.face(style);
        for ch in crate::format::text::nfc_cow(text).chars() {
            if face.has_char(ch) || handled_by_layout(ch) || self.seen.contains(&ch) {
                continue;
            }
            if self.fonts.resolve_outside(ch, 1.0).is_none() {
                self.out.push(ch);
            }
            self.seen.insert(ch);
        }
    }
}

/// The message for a character no bundled face has.
pub fn uncovered_message(ch: char) -> String {
    format!(
        "ký tự {} không có trong phông chữ nhúng; không thể in ra PDF giống DOCX (hãy bỏ hoặc thay bằng ký tự khác)",
        describe(ch)
    )
}

/// `"😀" (U+1F600)`; a character that shows nothing by itself is described, a combining mark
/// is shown on a dotted circle.
fn describe(ch: char) -> String {
    let code = format!("U+{:04X}", ch as u32);
    if ch.is_control() || ch.is_whitespace() || is_format(ch) {
        format!("không in được ({code})")
    } else if unicode_normalization::char::is_combining_mark(ch) {
        format!("dấu \"\u{25CC}{ch}\" ({code})")
    } else {
        format!("\"{ch}\" ({code})")
    }
}

/// Invisible format characters (general category Cf) and variation selectors.
fn is_format(ch: char) -> bool {
    matches!(ch as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xE0000..=0xE007F | 0xE0100..=0xE01EF)
}

/// Fail when `doc` has characters that no face of `fonts` has: one error per character (at
/// most `MAX_REPORTED`), at its first position in `source`, the text of the YAML file
/// `path`, when it is found there.
pub fn check(
    doc: &ir::Document,
    fonts: &FontSet,
    path: &Path,
    source: &str,
) -> Result<(), Diagnostics> {
    let chars = uncovered_chars(doc, fonts);
    if chars.is_empty() {
        return Ok(());
    }
    let mut found: Vec<(Option<Pos>, char)> = chars
        .iter()
        .take(MAX_REPORTED)
        .map(|&c| (crate::load::chars::locate(source, c), c))
        .collect();
    // In the order of the file; characters not found in it (from a template or a data
    // file) last.
    found.sort_by_key(|(pos, _)| pos.map_or((u64::MAX, u64::MAX), |p| (p.line, p.column)));
    let mut errors: Diagnostics = found
        .into_iter()
        .map(|(pos, c)| Error::new(Code::Font, uncovered_message(c)).at(path, pos))
        .collect();
    if chars.len() > MAX_REPORTED {
        errors.push(
            Error::new(
                Code::Font,
                format!(
                    "còn {} ký tự khác cũng không có trong phông chữ nhúng",
                    chars.len() - MAX_REPORTED
                ),
            )
            .in_file(path),
        );
    }
    Err(errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::bundled;

    fn doc(blocks: Vec<ir::Block>) -> ir::Document {
        ir::Document {
            meta: ir::Meta {
                title: "t".into(),
                subject: String::new(),
                author: String::new(),
                created: "2025-01-01T00:00:00Z".into(),
                language: "vi-VN".into(),
            },
            page: ir::PageSetup::nd30_default(),
            sections: vec![ir::Section {
                kind: ir::SectionKind::Main,
                orientation: ir::Orientation::Portrait,
                blocks,
            }],
        }
    }

    fn para(text: &str, bold: bool) -> ir::Block {
        let mut p = ir::Paragraph::new(14.0);
        p.runs = vec![ir::Inline::Text(ir::Run {
            text: text.into(),
            bold,
            ..ir::Run::default()
        })];
        ir::Block::Paragraph(p)
    }

    #[test]
    fn symbols_are_covered_emoji_and_cjk_are_not() {
        let fonts = bundled();
        let covered = "Đạt ☐ ☑ ☒ ✓ ✔ ✗ ✘ ①②⑩⑪⑳ ❶ → ⇒ ⟶ ∀ ∈ ≤ ◆ ★ ⚠\tx\ny";
        assert_eq!(uncovered_chars(&doc(vec![para(covered, true)]), fonts), []);
        let cell = ir::Cell::new(vec![para("漢字 ✓ 😀 \u{2028}", false)]);
        let table = ir::Block::Table(ir::Table {
            columns: vec![100.0],
            rows: vec![ir::Row {
                kind: ir::RowKind::Body,
                cells: vec![cell],
                cant_split: false,
            }],
            header_rows: 0,
            borders: true,
            border_width: 0.5,
            cell_padding_x: 2.0,
            cell_padding_y: 0.0,
            align: ir::Align::Left,
            keep_with_previous: false,
        });
        let d = doc(vec![para("Mở 😀", false), table]);
        assert_eq!(uncovered_chars(&d, fonts), ['😀', '漢', '字', '\u{2028}']);
    }

    #[test]
    fn messages_name_the_code_point() {
        assert!(uncovered_message('😀').starts_with("ký tự \"😀\" (U+1F600) không có"));
        assert!(uncovered_message('\u{2028}').starts_with("ký tự không in được (U+2028)"));
        assert!(uncovered_message('\u{0489}').contains("\"\u{25CC}\u{0489}\" (U+0489)"));
    }

    #[test]
    fn check_reports_each_character_at_its_position() {
        let d = doc(vec![para("😀 漢", false)]);
        let src = "noi_dung: [\"漢\"]\ntieu_de: 😀\n";
        let errs = check(&d, bundled(), Path::new("v.yaml"), src).unwrap_err();
        let shown: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(shown.len(), 2);
        assert!(
            shown[0].starts_with("lỗi: v.yaml:1:13: ký tự \"漢\" (U+6F22)"),
            "{shown:?}"
        );
        assert!(
            shown[1].starts_with("lỗi: v.yaml:2:10: ký tự \"😀\" (U+1F600)"),
            "{shown:?}"
        );
        assert!(
            check(
                &doc(vec![para("☐ Đạt", false)]),
                bundled(),
                Path::new("v"),
                ""
            )
            .is_ok()
        );
    }
}
