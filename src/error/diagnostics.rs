//! The one sink of diagnostics. Every stage that can find several problems (check, compute,
//! the tasks file, the inspection plan, the writer, …) pushes them into a [`Diagnostics`]
//! and returns `Result<T, Diagnostics>`: the one result shape for "everything that went
//! wrong". A single failure is an [`Error`], which converts into a sink with `?`.

use std::fmt;
use std::path::Path;

use super::{Code, Error, Pos, Severity};

/// The diagnostics of a run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diagnostics {
    items: Vec<Error>,
}

impl Diagnostics {
    /// An empty sink.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Add one diagnostic.
    pub fn push(&mut self, e: Error) {
        self.items.push(e);
    }

    /// Add an error with `code` at `pos`.
    pub fn error(&mut self, code: Code, pos: Option<Pos>, message: impl Into<String>) {
        self.push(Error::new(code, message).with_pos(pos));
    }

    /// Add every diagnostic of `other`, keeping their order.
    pub fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// The value of a step that may fail; its diagnostics are kept here, and `None` stands
    /// for the failure so that the caller can go on looking for more problems.
    pub fn take<T, E: Into<Diagnostics>>(&mut self, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.append(e.into());
                None
            }
        }
    }

    /// Whether any diagnostic refuses the input (a note does not).
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|e| e.severity == Severity::Error)
    }

    /// The codes, in order (for tests).
    pub fn codes(&self) -> Vec<Code> {
        self.items.iter().map(|e| e.code).collect()
    }

    /// `value` when nothing refuses the input, else every diagnostic.
    pub fn finish<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok(value)
        }
    }

    /// `Ok(())` when nothing refuses the input, else every diagnostic.
    pub fn check(self) -> Result<(), Diagnostics> {
        self.finish(())
    }

    /// Every diagnostic without a file belongs to `path`.
    pub fn in_file(self, path: &Path) -> Diagnostics {
        self.map(|e| e.in_file(path))
    }

    /// Each diagnostic changed by `f`.
    pub fn map(self, f: impl FnMut(Error) -> Error) -> Diagnostics {
        Diagnostics {
            items: self.items.into_iter().map(f).collect(),
        }
    }

    /// Drop a diagnostic that `same` says repeats the one before it.
    pub fn dedup_by(&mut self, mut same: impl FnMut(&Error, &Error) -> bool) {
        self.items.dedup_by(|a, b| same(a, b));
    }

    /// The diagnostics as a list.
    pub fn into_vec(self) -> Vec<Error> {
        self.items
    }
}

/// Read as the list of diagnostics (`len`, `iter`, `[i]`, …).
impl std::ops::Deref for Diagnostics {
    type Target = [Error];
    fn deref(&self) -> &[Error] {
        &self.items
    }
}

impl From<Error> for Diagnostics {
    fn from(e: Error) -> Diagnostics {
        Diagnostics { items: vec![e] }
    }
}

impl From<Vec<Error>> for Diagnostics {
    fn from(items: Vec<Error>) -> Diagnostics {
        Diagnostics { items }
    }
}

impl FromIterator<Error> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Error>>(iter: I) -> Diagnostics {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl Extend<Error> for Diagnostics {
    fn extend<I: IntoIterator<Item = Error>>(&mut self, iter: I) {
        self.items.extend(iter);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Error;
    type IntoIter = std::vec::IntoIter<Error>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Error;
    type IntoIter = std::slice::Iter<'a, Error>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// One diagnostic a line (hints on lines of their own below it).
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sink_collects_in_order_and_notes_do_not_refuse() {
        let mut d = Diagnostics::new();
        assert_eq!(d.take(Ok::<_, Error>(3)), Some(3));
        d.push(Error::new(Code::Empty, "a").note());
        assert!(!d.has_errors());
        assert!(d.clone().check().is_ok());
        let r: Result<(), Diagnostics> = Err(Error::new(Code::Duplicate, "b").into());
        assert_eq!(d.take(r), None);
        assert_eq!(d.codes(), [Code::Empty, Code::Duplicate]);
        let d = d.in_file(Path::new("x.yaml"));
        assert!(
            d.iter()
                .all(|e| e.file.as_deref() == Some(Path::new("x.yaml")))
        );
        let text = d.check().unwrap_err().to_string();
        assert_eq!(
            text,
            "lưu ý: x.yaml: a [mã lỗi: de-trong]\nlỗi: x.yaml: b [mã lỗi: trung-lap]"
        );
    }
}
