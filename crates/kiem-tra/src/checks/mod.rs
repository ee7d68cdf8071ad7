//! The checks of a DOCX, one module per group of rules; each reads the document and the
//! elements found in it and adds findings.

mod annex;
mod body;
mod closing;
pub mod fonts;
pub mod header;
mod numbering;
pub mod page;

use std::collections::HashMap;

use crate::docx::{Document, Para};
use crate::elements::Elements;
use crate::finding::{Finding, Report, Severity};
use crate::rule::Rule;
use crate::text::excerpt;

/// At most this many findings of one kind are listed one by one; the rest are counted.
const MAX_REPEATS: usize = 5;

/// Findings being collected, with repeats of one problem folded into a count.
pub struct Findings<'d> {
    doc: &'d Document,
    list: Vec<Finding>,
    repeats: HashMap<(Rule, &'static str), usize>,
}

impl<'d> Findings<'d> {
    fn new(doc: &'d Document) -> Findings<'d> {
        Findings {
            doc,
            list: Vec::new(),
            repeats: HashMap::new(),
        }
    }

    /// A finding on paragraph `i`. `what` names the problem for folding repeats.
    #[allow(clippy::too_many_arguments)]
    pub fn at(
        &mut self,
        severity: Severity,
        rule: Rule,
        what: &'static str,
        i: usize,
        found: impl Into<String>,
        expected: impl Into<String>,
        fixable: bool,
    ) {
        let n = self.repeats.entry((rule, what)).or_insert(0);
        *n += 1;
        if *n > MAX_REPEATS {
            return;
        }
        let p = &self.doc.paragraphs[i];
        self.list.push(Finding {
            severity,
            rule,
            place: place(p),
            excerpt: excerpt(&p.full_text()),
            found: found.into(),
            expected: expected.into(),
            fixable,
        });
    }

    /// A finding on the document or a section, not one paragraph.
    pub fn whole(
        &mut self,
        severity: Severity,
        rule: Rule,
        place: String,
        found: impl Into<String>,
        expected: impl Into<String>,
        fixable: bool,
    ) {
        self.list.push(Finding {
            severity,
            rule,
            place,
            excerpt: String::new(),
            found: found.into(),
            expected: expected.into(),
            fixable,
        });
    }

    fn finish(mut self) -> Vec<Finding> {
        let mut folded: Vec<_> = self
            .repeats
            .iter()
            .filter(|(_, n)| **n > MAX_REPEATS)
            .map(|(&(rule, what), &n)| (rule, what, n))
            .collect();
        folded.sort();
        for (rule, what, n) in folded {
            let like = self
                .list
                .iter()
                .find(|f| f.rule == rule)
                .cloned()
                .expect("a folded finding was listed first");
            self.list.push(Finding {
                place: "nhiều chỗ khác".into(),
                excerpt: String::new(),
                found: format!("{} chỗ khác cùng lỗi ({what})", n - MAX_REPEATS),
                ..like
            });
        }
        self.list
    }
}

/// "mục 1, đoạn 12" (section and paragraph, 1-based), with the table cell if any.
pub fn place(p: &Para) -> String {
    let mut s = format!("mục {}, đoạn {}", p.section + 1, p.number);
    if let Some(c) = p.cell {
        s.push_str(&format!(
            " (bảng {}, hàng {}, cột {})",
            c.table + 1,
            c.row + 1,
            c.col + 1
        ));
    }
    s
}

pub fn docx(doc: &Document) -> Report {
    let e = Elements::find(doc);
    let mut f = Findings::new(doc);
    page::check(doc, &e, &mut f);
    fonts::check(doc, &e, &mut f);
    header::check(doc, &e, &mut f);
    body::check(doc, &e, &mut f);
    numbering::check(doc, &e, &mut f);
    closing::check(doc, &e, &mut f);
    annex::check(doc, &e, &mut f);
    Report {
        kind: e.kind,
        findings: f.finish(),
    }
}

/// Half-points as "13 pt" / "13,5 pt".
pub fn pt(half_points: u32) -> String {
    if half_points.is_multiple_of(2) {
        format!("{} pt", half_points / 2)
    } else {
        format!("{},5 pt", half_points / 2)
    }
}

/// Twips as millimetres, one decimal, Vietnamese comma.
pub fn mm(twips: i32) -> String {
    let v = twips as f32 * 25.4 / 1440.0;
    let s = format!("{v:.1}");
    format!("{} mm", s.trim_end_matches(".0").replace('.', ","))
}
