//! Characters that must never reach a document: C0 and C1 control characters (tab and line
//! breaks excepted) and the XML non-characters. In `word/document.xml` they make the DOCX
//! ill-formed; in the PDF they draw nothing. They are refused where the user typed them.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::Pos;

/// Whether `c` may not appear in the text of a document. Tab and line feed are text; a
/// carriage return is a line break in the YAML source but not inside a value.
pub fn forbidden(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{D}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
            | '\u{FFFE}' | '\u{FFFF}'
    )
}

/// The message for a forbidden character.
pub fn message(c: char) -> String {
    format!(
        "ký tự điều khiển U+{:04X} không được phép trong văn bản (thường do sao chép từ \
         phần mềm khác); hãy xóa ký tự này",
        c as u32
    )
}

/// The first forbidden character typed literally in the source, with its position. Carriage
/// returns are line breaks there (CRLF files).
pub fn find_literal(text: &str) -> Option<(char, Pos)> {
    let (mut line, mut column) = (1u64, 1u64);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            column = 1;
            continue;
        }
        if c != '\r' && forbidden(c) {
            return Some((c, Pos::new(line, column)));
        }
        column += 1;
    }
    None
}

/// The first line and column where `ch` is written in `text` (for errors about a character
/// found in a later stage): literally, or as a YAML escape
/// (`\uXXXX`, `\UXXXXXXXX`, `\xXX`) inside a double-quoted string.
pub fn locate(text: &str, ch: char) -> Option<Pos> {
    // A literal occurrence outside comment lines first, then anywhere.
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim_start().starts_with('#')
            && let Some(i) = line.find(ch)
        {
            return Some(crate::error::line_col_of_byte(text, offset + i));
        }
        offset += line.len();
    }
    if let Some(i) = text.find(ch) {
        return Some(crate::error::line_col_of_byte(text, i));
    }
    let code = ch as u32;
    let escapes = [
        format!("\\u{code:04x}"),
        format!("\\U{code:08x}"),
        format!("\\x{code:02x}"),
    ];
    let lower = text.to_ascii_lowercase();
    escapes
        .iter()
        .filter(|e| (e.starts_with("\\x") && code <= 0xFF) || !e.starts_with("\\x"))
        .filter_map(|e| lower.find(&e.to_ascii_lowercase()))
        .min()
        .map(|i| crate::error::line_col_of_byte(text, i))
}

/// Any YAML value; deserializing it fails at the first scalar holding a forbidden character,
/// so the parser's error carries that scalar's position. Used only for sources with escapes,
/// where a character can be written without being typed.
pub struct Scan;

impl<'de> Deserialize<'de> for Scan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScanVisitor)
    }
}

struct ScanVisitor;

impl<'de> Visitor<'de> for ScanVisitor {
    type Value = Scan;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("một giá trị YAML")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scan, E> {
        match v.chars().find(|c| forbidden(*c)) {
            Some(c) => Err(crate::error::de(
                crate::error::Code::BadCharacter,
                message(c),
            )),
            None => Ok(Scan),
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scan, E> {
        Ok(Scan)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Scan, E> {
        Ok(Scan)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Scan, E> {
        Ok(Scan)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scan, E> {
        Ok(Scan)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scan, E> {
        Ok(Scan)
    }

    fn visit_none<E: de::Error>(self) -> Result<Scan, E> {
        Ok(Scan)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scan, D::Error> {
        d.deserialize_any(ScanVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scan, A::Error> {
        while seq.next_element::<Scan>()?.is_some() {}
        Ok(Scan)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scan, A::Error> {
        while map.next_key::<Scan>()?.is_some() {
            map.next_value::<Scan>()?;
        }
        Ok(Scan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_literal_controls_but_not_line_breaks() {
        assert_eq!(find_literal("a: b\r\nc: d\te\n"), None);
        assert_eq!(
            find_literal("a: b\nc: x\u{1}y\n"),
            Some(('\u{1}', Pos::new(2, 5)))
        );
        assert_eq!(find_literal("a: \u{85}"), Some(('\u{85}', Pos::new(1, 4))));
    }

    #[test]
    fn locates_a_character_or_its_escape() {
        assert_eq!(locate("a: ☐\n", '☐'), Some(Pos::new(1, 4)));
        assert_eq!(locate("# ☐ ở đây\na: ☐\n", '☐'), Some(Pos::new(2, 4)));
        assert_eq!(locate("a: 1\nb: \"x\\u2610\"\n", '☐'), Some(Pos::new(2, 6)));
        assert_eq!(locate("b: \"\\x07\"", '\u{7}'), Some(Pos::new(1, 5)));
        assert_eq!(locate("b: c", '☐'), None);
    }
}
