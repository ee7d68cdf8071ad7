//! Errors shown to the user: Vietnamese first, naming the file, line and column and what was
//! expected.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a source file (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u64,
    pub column: u64,
}

impl Pos {
    pub fn new(line: u64, column: u64) -> Self {
        Pos { line, column }
    }

    pub fn from_saphyr(loc: &serde_saphyr::Location) -> Option<Pos> {
        if loc.line() == 0 {
            None
        } else {
            Some(Pos::new(loc.line(), loc.column()))
        }
    }
}

/// What went wrong, for the exit code and for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The input file could not be read or written.
    Io,
    /// The YAML is malformed or does not match the expected shape.
    Data,
    /// A template failed to render or produced invalid markup.
    Template,
    /// A backend failed.
    Output,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub kind: Kind,
    pub file: Option<PathBuf>,
    pub pos: Option<Pos>,
    /// The message in Vietnamese.
    pub message: String,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            file: None,
            pos: None,
            message: message.into(),
        }
    }

    pub fn data(message: impl Into<String>) -> Self {
        Error::new(Kind::Data, message)
    }

    pub fn at(mut self, file: &Path, pos: Option<Pos>) -> Self {
        self.file = Some(file.to_path_buf());
        if pos.is_some() {
            self.pos = pos;
        }
        self
    }

    pub fn in_file(mut self, file: &Path) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_path_buf());
        }
        self
    }

    pub fn with_pos(mut self, pos: Option<Pos>) -> Self {
        if self.pos.is_none() {
            self.pos = pos;
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lỗi: ")?;
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(p) = self.pos {
                write!(f, ":{}:{}", p.line, p.column)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

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
