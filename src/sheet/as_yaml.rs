//! A sheet's rows written as YAML for the ordinary loader (tasks, indicators), so a row obeys
//! exactly the rules of the same thing written in the document. Every line of the text
//! remembers the cell it came from, and an error found in it names the file, the sheet and
//! the cell ("ô C5, trang \"Nhiệm vụ\"").

use std::path::PathBuf;

use crate::error::{Error, Pos};
use crate::model::CellValue;

use super::SourceRows;

/// YAML text written from the rows of a sheet, with the cell of each line.
pub struct SheetYaml {
    /// The text.
    pub yaml: String,
    /// The file read.
    pub path: PathBuf,
    /// For each line of `yaml` (from 1; index 0 unused), the cell it came from: (row,
    /// column), from 1.
    cells: Vec<Option<(u64, u64)>>,
    rows: SourceRows,
}

/// The text being written, with the cell of each line.
pub struct Lines {
    text: String,
    /// Index 0 is unused: lines count from 1.
    cells: Vec<Option<(u64, u64)>>,
}

impl Default for Lines {
    fn default() -> Self {
        Lines {
            text: String::new(),
            cells: vec![None],
        }
    }
}

impl Lines {
    /// Append one line, written from `cell` (None: structure, from no cell).
    pub fn line(&mut self, text: &str, cell: Option<(u64, u64)>) {
        self.text.push_str(text);
        self.text.push('\n');
        self.cells.push(cell);
    }
}

impl SheetYaml {
    /// The text written from `rows`, which it keeps for messages.
    pub fn new(rows: SourceRows, lines: Lines) -> Self {
        SheetYaml {
            yaml: lines.text,
            path: rows.path.clone(),
            cells: lines.cells,
            rows,
        }
    }

    /// The rows the text was written from.
    pub fn rows(&self) -> &SourceRows {
        &self.rows
    }

    /// `e` (found in the text) placed at its cell of the sheet.
    pub fn place(&self, e: Error) -> Error {
        let cell = e
            .pos
            .and_then(|p| self.cells.get(p.line as usize).copied().flatten());
        self.at_cell(e, cell)
    }

    /// `e` placed at `cell` of the sheet (None: the file only).
    pub fn at_cell(&self, mut e: Error, cell: Option<(u64, u64)>) -> Error {
        if let Some((row, col)) = cell {
            e.message = format!("{}{}", super::cell_place(&self.rows, row, col), e.message);
            e.pos = Some(Pos::new(row, col));
        } else {
            e.pos = None;
        }
        e.in_file(&self.path)
    }
}

/// A cell as text: numbers as written in Vietnamese, paragraphs one a line.
pub fn text_of(v: &CellValue) -> String {
    match v {
        CellValue::Text(t) => t.trim().to_string(),
        CellValue::Number(n) => crate::format::number(*n, None),
        CellValue::Paragraphs(p) => p.join("\n"),
        CellValue::Blank | CellValue::Merged(..) | CellValue::Covered => String::new(),
    }
}

/// A YAML double-quoted scalar (JSON's string syntax is YAML's).
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}
