//! Characters that no face of a [`FontSet`] has. The DOCX keeps every character and leaves
//! its rendering to Word's own font fallback; the PDF can only draw what its embedded faces
//! have. A character none of them has would be a blank (.notdef) in the PDF only, so it is an
//! error, found on the document model before anything is laid out or written.

use std::collections::HashSet;
use std::path::Path;

use crate::error::{Error, Pos};
use crate::fonts::{FontSet, Style};
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
                                self.text(&f.number.to_string(), Style::Regular);
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
        self.text(&r.text, Style::of(r.bold, r.italic));
    }

    fn text(&mut self, text: &str, style: Style) {
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
/// most [`MAX_REPORTED`]), at its first position in `source`, the text of the YAML file
/// `path`, when it is found there.
pub fn check(
    doc: &ir::Document,
    fonts: &FontSet,
    path: &Path,
    source: &str,
) -> Result<(), Vec<Error>> {
    let chars = uncovered_chars(doc, fonts);
    if chars.is_empty() {
        return Ok(());
    }
    let mut found: Vec<(Option<Pos>, char)> = chars
        .iter()
        .take(MAX_REPORTED)
        .map(|&c| (locate_char(source, c), c))
        .collect();
    // In the order of the file; characters not found in it (from a template or a data
    // file) last.
    found.sort_by_key(|(pos, _)| pos.map_or((u64::MAX, u64::MAX), |p| (p.line, p.column)));
    let mut errors: Vec<Error> = found
        .into_iter()
        .map(|(pos, c)| Error::data(uncovered_message(c)).at(path, pos))
        .collect();
    if chars.len() > MAX_REPORTED {
        errors.push(
            Error::data(format!(
                "còn {} ký tự khác cũng không có trong phông chữ nhúng",
                chars.len() - MAX_REPORTED
            ))
            .in_file(path),
        );
    }
    Err(errors)
}

/// The first line:column of `ch` in a YAML text outside comments: a literal occurrence, or
/// an escape in a double-quoted scalar (`\u2610`, `\U0001F600`, `\xA0`, a `\uD83D\uDE00`
/// surrogate pair, `\L`, `\P`, `\N`, `\_`). Stands in for `crate::load::locate_char` until
/// that exists.
pub(crate) fn locate_char(source: &str, ch: char) -> Option<Pos> {
    let mut quote = Quote::None;
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let code = &line[..code_len(line, &mut quote)];
        let literal = code.find(ch);
        let escaped = find_escape(code, ch);
        if let Some(at) = [literal, escaped].into_iter().flatten().min() {
            return Some(crate::load::line_col_of_byte(source, start + at));
        }
        start += line.len();
    }
    None
}

/// The quoted scalar a line starts in.
#[derive(Clone, Copy, PartialEq)]
enum Quote {
    None,
    Double,
    Single,
}

/// Length of `line` before its comment, if any; `quote` carries quoted scalars over lines.
/// A quote opens a scalar only where one can start (after `:`, `-`, `[`, `{`, `,`, `?` or
/// at the start of the line), so an apostrophe inside plain text is no quote.
fn code_len(line: &str, quote: &mut Quote) -> usize {
    let mut prev: Option<char> = None;
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match *quote {
            Quote::Double => match c {
                '\\' => {
                    iter.next();
                }
                '"' => *quote = Quote::None,
                _ => {}
            },
            Quote::Single => {
                if c == '\'' {
                    if iter.peek().is_some_and(|(_, n)| *n == '\'') {
                        iter.next();
                    } else {
                        *quote = Quote::None;
                    }
                }
            }
            Quote::None => {
                let opens = prev.is_none_or(|p| ":-[{,?".contains(p));
                match c {
                    '#' if line[..i]
                        .chars()
                        .next_back()
                        .is_none_or(char::is_whitespace) =>
                    {
                        return i;
                    }
                    '"' if opens => *quote = Quote::Double,
                    '\'' if opens => *quote = Quote::Single,
                    _ => {}
                }
            }
        }
        if !c.is_whitespace() {
            prev = Some(c);
        }
    }
    line.len()
}

/// Byte offset of the first escape of `ch` (its backslash).
fn find_escape(source: &str, ch: char) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut i = 0;
    while let Some(off) = source[i..].find('\\') {
        let at = i + off;
        // In a run of backslashes, pairs are escaped backslashes; an odd run ends with an
        // escape.
        let run = bytes[at..].iter().take_while(|&&b| b == b'\\').count();
        let last = at + run - 1;
        if run % 2 == 1 && decode_escape(&source[last + 1..]) == Some(ch) {
            return Some(last);
        }
        i = at + run;
    }
    None
}

/// The character of the YAML escape whose letter starts `rest` (after the backslash).
fn decode_escape(rest: &str) -> Option<char> {
    let hex = |from: usize, n: usize| -> Option<u32> {
        let h = rest.get(from..from + n)?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(h, 16).ok()
    };
    match rest.as_bytes().first()? {
        b'x' => char::from_u32(hex(1, 2)?),
        b'u' => {
            let v = hex(1, 4)?;
            if (0xD800..0xDC00).contains(&v) && rest.get(5..7) == Some("\\u") {
                let lo = hex(7, 4)?;
                if !(0xDC00..0xE000).contains(&lo) {
                    return None;
                }
                char::from_u32(0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00))
            } else {
                char::from_u32(v)
            }
        }
        b'U' => char::from_u32(hex(1, 8)?),
        b'L' => Some('\u{2028}'),
        b'P' => Some('\u{2029}'),
        b'N' => Some('\u{85}'),
        b'_' => Some('\u{A0}'),
        _ => None,
    }
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
    fn locates_literal_and_escaped_characters() {
        let src = "a: 1\nb: \"x \\u2610 y\"\nc: ☐\nd: \"\\\\u2611 \\U0001F600\"\ne: \"\\uD83D\\uDE01\\L\"\n";
        assert_eq!(locate_char(src, '☐'), Some(Pos::new(2, 7)));
        // An escaped backslash is no escape.
        assert_eq!(locate_char(src, '☑'), None);
        assert_eq!(locate_char(src, '😀'), Some(Pos::new(4, 13)));
        assert_eq!(locate_char(src, '😁'), Some(Pos::new(5, 5)));
        assert_eq!(locate_char(src, '\u{2028}'), Some(Pos::new(5, 17)));
        assert_eq!(locate_char("tiêu đề: Mở 😀", '😀'), Some(Pos::new(1, 13)));
        // Not in comments, whole-line or trailing; a '#' in a quoted or plain scalar is text.
        let src = "# ☐ 😀\na: b # ☐\nc: \"x # ☐\"\nd: it's # ✓\ne: a#✓ 😀\n";
        assert_eq!(locate_char(src, '☐'), Some(Pos::new(3, 9)));
        assert_eq!(locate_char(src, '✓'), Some(Pos::new(5, 6)));
        assert_eq!(locate_char(src, '😀'), Some(Pos::new(5, 8)));
        // A quoted scalar runs over lines; its continuation is no comment.
        let src = "a: \"x\n  # ☐\"\nb: 'it''s # ✓'\n";
        assert_eq!(locate_char(src, '☐'), Some(Pos::new(2, 5)));
        assert_eq!(locate_char(src, '✓'), Some(Pos::new(3, 13)));
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
