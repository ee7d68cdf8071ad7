//! Diagnostics shown to the user: Vietnamese first, naming the file, line and column and what
//! was expected, with a stable [`Code`] after the message. Everything that collects several
//! goes into one sink, [`Diagnostics`].

mod code;
mod diagnostics;

pub use code::{Code, Severity};
pub use diagnostics::Diagnostics;

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a source file (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: u64,
    /// Column in characters (not bytes), from 1.
    pub column: u64,
}

impl Pos {
    /// The position at `line` and `column` (both from 1).
    pub fn new(line: u64, column: u64) -> Self {
        Pos { line, column }
    }

    /// The YAML parser's location, or `None` when it has none (line 0).
    pub fn from_saphyr(loc: &serde_saphyr::Location) -> Option<Pos> {
        if loc.line() == 0 {
            None
        } else {
            Some(Pos::new(loc.line(), loc.column()))
        }
    }
}

/// One diagnostic: how serious, which [`Code`], where (file, and the line and column the
/// span starts at), the message in Vietnamese and any hints. Printed as
/// `lỗi: FILE:LINE:COLUMN: MESSAGE [mã lỗi: ID]`, each hint on a line of its own below.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// An error (the input is refused) or a note.
    pub severity: Severity,
    /// What kind of problem it is: tests match this, not the message.
    pub code: Code,
    /// The file the problem is in, as the user named it; `None` for the command line.
    pub file: Option<PathBuf>,
    /// Where the offending text starts in `file`.
    pub pos: Option<Pos>,
    /// The message in Vietnamese.
    pub message: String,
    /// What the user might do about it, in Vietnamese (`gợi ý: …`).
    pub hints: Vec<String>,
}

/// How an internal error's message starts: the user did nothing wrong.
pub const INTERNAL: &str = "lỗi nội bộ (xin báo lỗi cho nhà phát triển)";

/// The mark that starts a diagnostic carried through serde, whose custom errors are text
/// ([`Error::to_serde`]); a control character, which no message contains.
const TAG: char = '\u{1F}';

impl Error {
    /// An error with `code` and a Vietnamese `message`, not yet placed in a file.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Error {
            severity: Severity::Error,
            code,
            file: None,
            pos: None,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// A failed internal invariant (a backend failing on a checked document, a state the
    /// earlier stages rule out): reported as vanban's bug, not as the user's mistake.
    pub fn internal(detail: impl fmt::Display) -> Self {
        Error::new(Code::Internal, format!("{INTERNAL}: {detail}"))
    }

    /// With a hint added (printed as `gợi ý: …`).
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// As a note (`lưu ý`), which does not refuse the input.
    pub fn note(mut self) -> Self {
        self.severity = Severity::Note;
        self
    }

    /// Placed in `file` at `pos` (a `None` position keeps the one it has).
    pub fn at(mut self, file: &Path, pos: Option<Pos>) -> Self {
        self.file = Some(file.to_path_buf());
        if pos.is_some() {
            self.pos = pos;
        }
        self
    }

    /// Placed in `file` unless it already names one (an error from a file read by this one).
    pub fn in_file(mut self, file: &Path) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_path_buf());
        }
        self
    }

    /// Placed at `pos` unless it already has a position.
    pub fn with_pos(mut self, pos: Option<Pos>) -> Self {
        if self.pos.is_none() {
            self.pos = pos;
        }
        self
    }

    /// This diagnostic (code, message and hints, not the place: the parser adds that) as
    /// the text of a serde custom error, for the loader's visitors and readers;
    /// [`Error::from_serde`] reads it back.
    pub fn to_serde<E: serde::de::Error>(&self) -> E {
        let mut s = format!("{TAG}{}{TAG}{}", self.code.id(), self.message);
        for h in &self.hints {
            s.push(TAG);
            s.push_str(h);
        }
        E::custom(s)
    }

    /// The diagnostic in a serde custom error's text made by [`Error::to_serde`]; `None` for
    /// any other text.
    pub fn from_serde(text: &str) -> Option<Error> {
        let mut parts = text.strip_prefix(TAG)?.split(TAG);
        let code = Code::from_id(parts.next()?)?;
        let mut e = Error::new(code, parts.next()?);
        e.hints = parts.map(str::to_string).collect();
        Some(e)
    }
}

/// A serde custom error carrying `code` and `message` (see [`Error::to_serde`]).
pub fn de<E: serde::de::Error>(code: Code, message: impl Into<String>) -> E {
    Error::new(code, message).to_serde()
}

/// The candidate closest to `word` when it is close enough to be a typing slip (at most one
/// edit in three characters, and never the whole word), for a "có phải là …?" hint. Tone
/// marks and other diacritics are ignored ("tiêu_đề" is "tieu_de" typed with a Vietnamese
/// keyboard), as is case; `word` written exactly as a candidate suggests nothing.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let w: Vec<char> = plain(word.trim()).chars().collect();
    let limit = (w.len() / 3).max(1);
    candidates
        .iter()
        .filter(|c| **c != word.trim())
        .map(|c| (edit_distance(&w, &plain(c).chars().collect::<Vec<_>>()), *c))
        .filter(|(d, _)| *d <= limit && *d < w.len())
        .filter(|(d, c)| *d > 0 || plain(c) == plain(word.trim()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The `n` candidates nearest to `word` (edit distance on lower case), nearest first and
/// then in their own order: what to name when a value matches nothing.
pub fn nearest<'a>(word: &str, candidates: &[&'a str], n: usize) -> Vec<&'a str> {
    let w: Vec<char> = word.trim().to_lowercase().chars().collect();
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                edit_distance(&w, &c.to_lowercase().chars().collect::<Vec<_>>()),
                i,
                *c,
            )
        })
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, _, c)| c).collect()
}

/// Lower case without diacritics: "Tiêu_Đề" → "tieu_de".
fn plain(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// Levenshtein distance, with a swap of two neighbours counted as one edit.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (rows[i - 1][j] + 1)
                .min(row[j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.severity.label())?;
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(p) = self.pos {
                write!(f, ":{}:{}", p.line, p.column)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{} [mã lỗi: {}]", self.message, self.code.id())?;
        for h in &self.hints {
            write!(f, "\n  gợi ý: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// A result whose error is one [`Error`].
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_with_place_code_and_hints() {
        let e = Error::new(Code::UnknownKey, "khóa \"x\" không hợp lệ")
            .at(Path::new("a.yaml"), Some(Pos::new(3, 5)))
            .hint("có phải là \"y\"?");
        assert_eq!(
            e.to_string(),
            "lỗi: a.yaml:3:5: khóa \"x\" không hợp lệ [mã lỗi: khoa-la]\n  gợi ý: có phải là \"y\"?"
        );
        let i = Error::internal("trang không có nội dung");
        assert_eq!(i.code, Code::Internal);
        assert_eq!(
            i.to_string(),
            "lỗi: lỗi nội bộ (xin báo lỗi cho nhà phát triển): trang không có nội dung \
             [mã lỗi: noi-bo]"
        );
    }

    #[test]
    fn suggests_only_close_words() {
        let keys = ["trich_yeu", "so", "ngay", "co_quan_ban_hanh"];
        assert_eq!(closest("trich_yue", &keys), Some("trich_yeu"));
        assert_eq!(closest("ngya", &keys), Some("ngay"));
        assert_eq!(closest("co_quan_ban_hnah", &keys), Some("co_quan_ban_hanh"));
        assert_eq!(closest("xy", &keys), None);
        assert_eq!(closest("noi_dung", &keys), None);
        assert_eq!(closest("so", &keys), None); // Diacritics typed with a Vietnamese keyboard do not count.
        assert_eq!(closest("trích_yếu", &keys), Some("trich_yeu"));
        assert_eq!(closest("cơ_quan_ban_hành", &keys), Some("co_quan_ban_hanh"));
        assert_eq!(closest("ngày", &keys), Some("ngay"));
        assert_eq!(closest("Trich_Yeu", &keys), Some("trich_yeu"));
        assert_eq!(closest("trích_yêú", &keys), Some("trich_yeu"));
    }

    #[test]
    fn a_diagnostic_survives_serde_text() {
        let e = Error::new(Code::Empty, "tên không được để trống").hint("ghi tên");
        let text = e.to_serde::<serde::de::value::Error>().to_string();
        assert_eq!(Error::from_serde(&text), Some(e));
        assert_eq!(Error::from_serde("missing field `x`"), None);
    }
}
