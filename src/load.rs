//! Stage 1: read a YAML file (from [`crate::sources::Sources`]) into the raw model
//! ([`crate::model::DocumentSpec`]), which [`crate::validate`] checks next.
//!
//! The source text is NFC-normalised before parsing, so every string in the model is NFC
//! (Vietnamese typed on some systems arrives decomposed, which breaks glyph lookup in PDF and
//! comparisons everywhere). serde-saphyr's English messages are turned into Vietnamese ones
//! that keep its line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Code, Error, Pos};
use crate::model::DocumentSpec;

pub mod chars;
mod messages;
pub mod standalone;

pub use messages::MAX_DEPTH;

/// Read a text file, reporting a missing or unreadable file in Vietnamese.
pub fn read_text(sources: &dyn crate::sources::Sources, path: &Path) -> Result<String, Error> {
    // Only a regular file within the size limit for text (crate::files::TEXT).
    let text = crate::sources::read_utf8(
        sources,
        path,
        crate::files::TEXT,
        "hãy lưu tệp với bảng mã UTF-8",
    )?;
    Ok(match crate::format::text::nfc_cow(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(normalized) => normalized,
    })
}

/// Parse a document file: a `loai: phu-luc` one (only annexes, [`standalone`]) or any other.
/// Its required keys are checked by [`crate::validate`], at the start of their blocks; the
/// top-level block's start is recorded here.
pub fn parse_str(text: &str) -> Result<DocumentSpec, Error> {
    let mut doc = standalone::parse(text).unwrap_or_else(|| parse_yaml(text))?;
    doc.start = Some(first_key(text));
    Ok(doc)
}

/// The place of the first key of a file: its first line that is neither blank nor a comment.
fn first_key(text: &str) -> Pos {
    text.lines()
        .enumerate()
        .find(|(_, l)| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#') && t != "---"
        })
        .map_or(Pos::new(1, 1), |(i, l)| {
            let indent = l.chars().take_while(|c| *c == ' ').count() as u64;
            Pos::new(i as u64 + 1, indent + 1)
        })
}

/// Parse YAML into any model type with Vietnamese errors. Characters that cannot go into a
/// document are refused first, at the position where they were typed.
pub fn parse_yaml<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    // Text from `read_text` is NFC already; only other sources need the copy.
    let normalized = crate::format::text::nfc_cow(text);
    let text: &str = &normalized;
    if let Some((c, pos)) = chars::find_literal(text) {
        return Err(Error::new(Code::BadCharacter, chars::message(c)).with_pos(Some(pos)));
    }
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Error::new(
            Code::Empty,
            "tệp YAML trống: chưa có dữ liệu nào ngoài các dòng chú thích",
        ));
    }
    // An escape in a double-quoted string can write any character without typing it.
    if text.contains('\\') && text.contains('"') {
        serde_saphyr::from_str_with_options::<chars::Scan>(text, options(text.len()))
            .map_err(|e| yaml_error(&e, text))?;
    }
    serde_saphyr::from_str_with_options::<T>(text, options(text.len()))
        .map_err(|e| yaml_error(&e, text))
}

/// The parser's limits, scaled to the input: a 100 000-row table written in YAML has about a
/// million nodes, and every node takes at least a byte of the file.
fn options(len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = messages::MAX_DEPTH;
    budget.max_nodes = budget.max_nodes.max(len.saturating_add(16));
    budget.max_events = budget
        .max_events
        .max(len.saturating_mul(2).saturating_add(16));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

fn yaml_error(e: &serde_saphyr::Error, text: &str) -> Error {
    let mut pos = e.location().as_ref().and_then(Pos::from_saphyr);
    if messages::is_missing_field(e) {
        // serde notices a missing key at the end of its block; point at the block's
        // first line instead, where the key belongs.
        pos = pos.map(|p| block_start(text, p));
    }
    if messages::is_tab_error(e) {
        pos = pos.map(|p| first_tab(text, p));
    }
    messages::describe(e).with_pos(pos)
}

/// The tab on the reported line (the parser reports the character after it).
fn first_tab(text: &str, p: Pos) -> Pos {
    let line = text
        .lines()
        .nth(p.line.saturating_sub(1) as usize)
        .unwrap_or("");
    match line.chars().position(|c| c == '\t') {
        Some(i) => Pos::new(p.line, i as u64 + 1),
        None => p,
    }
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
}
