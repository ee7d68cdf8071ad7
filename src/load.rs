//! Stage 1: read a YAML file into the data model.
//!
//! The source text is NFC-normalised before parsing, so every string in the model is NFC
//! (Vietnamese typed on some systems arrives decomposed, which breaks glyph lookup in PDF and
//! comparisons everywhere). serde-saphyr's English messages are turned into Vietnamese ones
//! that keep its line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Kind, Pos};
use crate::model::VanBan;

/// Read a text file, reporting a missing or unreadable file in Vietnamese.
pub fn read_text(path: &Path) -> Result<String, Error> {
    // Only a regular file within the size limit for text (crate::files::TEXT).
    let text = crate::files::read_utf8(path, crate::files::TEXT, "hãy lưu tệp với bảng mã UTF-8")?;
    Ok(match crate::format::text::nfc_cow(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(normalized) => normalized,
    })
}

pub fn parse_str(text: &str) -> Result<VanBan, Error> {
    parse_yaml(text)
}

/// Parse YAML into any model type with Vietnamese errors.
pub fn parse_yaml<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    // Text from `read_text` is NFC already; only other sources need the copy.
    let normalized = crate::format::text::nfc_cow(text);
    serde_saphyr::from_str::<T>(&normalized).map_err(|e| {
        let mut pos = e.location().as_ref().and_then(Pos::from_saphyr);
        let raw = raw_message(&e);
        if raw.starts_with("missing field ") {
            // serde notices a missing key at the end of its block; point at the block's
            // first line instead, where the key belongs.
            pos = pos.map(|p| block_start(&normalized, p));
        }
        Error::new(Kind::Data, translate(&raw)).with_pos(pos)
    })
}

/// The message without serde-saphyr's "error: line L column C:" prefix and snippet.
fn raw_message(e: &serde_saphyr::Error) -> String {
    let rendered = e.to_string();
    let first = rendered.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error:").unwrap_or(first).trim();
    // Drop "line N column M:".
    if first.starts_with("line ")
        && let Some(i) = first.find(": ")
    {
        return first[i + 2..].to_string();
    }
    first.to_string()
}

/// Turn serde's English wording into Vietnamese. Messages we wrote ourselves (already
/// Vietnamese) pass through unchanged.
fn translate(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, expected) = match rest.split_once(", expected one of ") {
            Some((f, e)) => (f, Some(e)),
            None => match rest.split_once(", expected ") {
                Some((f, e)) => (f, Some(e)),
                None => (rest, None),
            },
        };
        let field = field.trim_matches('`');
        return match expected {
            Some(e) => format!(
                "khóa \"{field}\" không hợp lệ ở đây; các khóa hợp lệ: {}",
                e.replace('`', "")
            ),
            None => format!("khóa \"{field}\" không hợp lệ ở đây (không có khóa nào được phép)"),
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!(
            "thiếu khóa bắt buộc \"{}\" trong khối dữ liệu bắt đầu tại đây",
            rest.trim_matches('`')
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "sai kiểu dữ liệu: gặp {}, cần {}",
            translate_type(got),
            translate_type(expected)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "giá trị không hợp lệ: {}, cần {}",
            translate_type(got),
            translate_type(expected)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid ") {
        // serde-saphyr's own scalar errors: "invalid u32", "invalid f64"…
        return format!("giá trị không hợp lệ: cần {}", translate_type(rest));
    }
    if msg.starts_with("data did not match any variant") {
        return "giá trị không đúng dạng: cần một chuỗi hoặc một danh sách chuỗi".to_string();
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        return format!("giá trị không hợp lệ {}", rest.replace("expected", "cần"));
    }
    if msg.contains("did not find expected")
        || msg.contains("mapping values are not allowed")
        || msg.contains("while parsing")
        || msg.contains("while scanning")
        || msg.starts_with("expected ")
    {
        return format!("cú pháp YAML không hợp lệ ({msg})");
    }
    if msg.is_ascii() && !msg.is_empty() {
        return format!("dữ liệu YAML không hợp lệ ({msg})");
    }
    msg.to_string()
}

fn translate_type(t: &str) -> String {
    let t = t.trim();
    let base = t.trim_start_matches("a ").trim_start_matches("an ");
    let vi = match base {
        "string" | "string scalar" => "một chuỗi",
        "sequence" => "một danh sách",
        "map" | "mapping" | "struct" => "một bảng khóa (map)",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "một số nguyên",
        "f32" | "f64" => "một số",
        "integer" => "một số nguyên",
        "floating point" => "một số",
        "boolean" | "bool" => "true hoặc false",
        "unit value" | "null" => "giá trị rỗng",
        _ => {
            if let Some(s) = base.strip_prefix("string ") {
                return format!("chuỗi {s}");
            }
            if let Some(s) = base.strip_prefix("integer ") {
                return format!("số {s}");
            }
            if let Some(s) = base.strip_prefix("struct ") {
                return format!("bảng khóa {s}");
            }
            return base.to_string();
        }
    };
    vi.to_string()
}

/// The first line of the block-style mapping that contains the line at `p`: walk up while
/// lines are indented at least as deep as `p`'s column.
fn block_start(text: &str, p: Pos) -> Pos {
    let lines: Vec<&str> = text.lines().collect();
    let indent_of = |l: &str| l.chars().take_while(|c| *c == ' ').count() as u64 + 1;
    let col = p.column;
    let mut line = (p.line as usize).min(lines.len());
    let mut start = line;
    while line > 1 {
        line -= 1;
        let l = lines[line - 1];
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if indent_of(l) < col {
            // A "- key: value" item line also starts the block its keys belong to.
            if t.starts_with("- ") && indent_of(l) + 2 == col {
                start = line;
            }
            break;
        }
        if indent_of(l) == col {
            start = line;
        }
    }
    Pos::new(start as u64, col)
}

/// 1-based line and column of a byte offset.
pub fn line_col_of_byte(text: &str, byte: usize) -> Pos {
    let before = &text[..byte.min(text.len())];
    let line = before.matches('\n').count() as u64 + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|s| s.chars().count())
        .unwrap_or(0) as u64
        + 1;
    Pos::new(line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_key_points_at_block_start() {
        let t = "a: 1\nb:\n  x: 1\n  y: 2\nc: 3\n";
        assert_eq!(block_start(t, Pos::new(5, 1)), Pos::new(1, 1));
        assert_eq!(block_start(t, Pos::new(4, 3)), Pos::new(3, 3));
        let t = "l:\n  - x: 1\n    y: 2\n";
        assert_eq!(block_start(t, Pos::new(3, 5)), Pos::new(2, 5));
    }

    #[test]
    fn translates_common_serde_messages() {
        assert!(translate("missing field `so`").starts_with("thiếu khóa bắt buộc \"so\""));
        assert!(translate("unknown field `zz`, expected one of a, b").contains("\"zz\""));
        assert!(translate("invalid u32").contains("số nguyên"));
    }
}
