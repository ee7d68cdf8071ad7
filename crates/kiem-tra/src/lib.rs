//! `vanban kiem-tra`: checks a DOCX or PDF written by any tool (Word, LibreOffice, WPS,
//! python-docx, e-office exports, vanban) against the layout rules of Decree 30/2020, and
//! writes a corrected copy of a DOCX for the rules that are mechanical.
//!
//! The crate only reads bytes and returns findings: the command line (vanban) reads the
//! files, prints the findings and writes the fixed copy.

#![forbid(unsafe_code)]

mod checks;
mod docx;
mod elements;
mod finding;
mod fix;
mod kind;
mod metrics;
mod pdf;
mod rule;
pub mod seq;
mod text;

pub use finding::{Finding, Report, Severity};
pub use fix::Fixed;
pub use kind::Kind;
pub use rule::Rule;

/// Why a file could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReadError {}

/// The format of a file, from its first bytes (not its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(b"PK\x03\x04") {
            Some(Format::Docx)
        } else if bytes.starts_with(b"%PDF-") {
            Some(Format::Pdf)
        } else {
            None
        }
    }
}

/// Checks one document.
pub fn check(bytes: &[u8]) -> Result<Report, ReadError> {
    match Format::sniff(bytes) {
        Some(Format::Docx) => {
            let doc = docx::Document::read(bytes)?;
            Ok(checks::docx(&doc))
        }
        Some(Format::Pdf) => pdf::check(bytes),
        None => Err(ReadError(
            "không phải tệp DOCX hay PDF (phần đầu tệp không đúng)".into(),
        )),
    }
}

/// A corrected copy of a DOCX for the mechanical rules; every part it does not need to
/// change is copied byte for byte.
pub fn fix(bytes: &[u8]) -> Result<Fixed, ReadError> {
    if Format::sniff(bytes) != Some(Format::Docx) {
        return Err(ReadError("chỉ sửa được tệp DOCX".into()));
    }
    let doc = docx::Document::read(bytes)?;
    fix::fix(bytes, &doc)
}
