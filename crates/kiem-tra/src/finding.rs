//! What a check finds.

use crate::kind::Kind;
use crate::rule::Rule;

/// How serious a finding is: an error sends the document back to its drafter; a note is
/// worth a look (the decree allows it in some cases, or the checker is not sure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Note,
}

impl Severity {
    /// `lỗi` / `lưu ý`, as printed.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "lỗi",
            Severity::Note => "lưu ý",
        }
    }

    /// The name in `--json`.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Error => "loi",
            Severity::Note => "luu-y",
        }
    }
}

/// One finding: where, what was found, what the decree requires.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub rule: Rule,
    /// Where it is: "mục 1, đoạn 12" for a DOCX, "trang 2" for a PDF.
    pub place: String,
    /// The start of the paragraph's text, for the reader to find it.
    pub excerpt: String,
    pub found: String,
    pub expected: String,
    /// `kiem-tra --sua` corrects it.
    pub fixable: bool,
}

/// Everything found in one document.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The kind detected from the document itself (`None`: not recognised).
    pub kind: Option<Kind>,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn notes(&self) -> usize {
        self.count(Severity::Note)
    }

    fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}
