//! Finds the elements of thể thức in a document, whoever wrote it: the Quốc hiệu and
//! Tiêu ngữ, agency lines, Số, place and date, type name and trích yếu, body, Nơi nhận,
//! signature, annexes. Found once here; the checks and the fixes both read it.

use crate::docx::{Document, Para};
use crate::kind::Kind;
use crate::text::{clean, fold, is_upper};

/// A drawn rule: the paragraph holding it and its length in points.
#[derive(Debug, Clone, Copy)]
pub struct RuleLine {
    pub para: usize,
    pub width: f32,
}

#[derive(Debug, Clone)]
pub struct Annex {
    pub heading: usize,
    pub title: Vec<usize>,
    pub attached: Option<usize>,
}

/// Paragraph indices (0-based) of each element found.
#[derive(Debug, Clone, Default)]
pub struct Elements {
    pub national_title: Option<usize>,
    pub motto: Option<usize>,
    pub motto_rule: Option<RuleLine>,
    /// The agency lines, parent first; the last is the issuing agency.
    pub agencies: Vec<usize>,
    /// How many of `agencies` name the parent agency (the issuing agency's name may take
    /// several lines, all bold).
    pub parent_agencies: usize,
    pub agency_rule: Option<RuleLine>,
    pub number: Option<usize>,
    /// A Công văn's "V/v …" line(s).
    pub subject: Vec<usize>,
    pub place_date: Option<usize>,
    pub type_name: Option<usize>,
    pub abstract_lines: Vec<usize>,
    pub abstract_rule: Option<RuleLine>,
    pub body: Vec<usize>,
    pub recipients_label: Option<usize>,
    pub recipients: Vec<usize>,
    pub authority: Vec<usize>,
    pub signer: Option<usize>,
    pub annexes: Vec<Annex>,
    pub kind: Option<Kind>,
    /// A document that is only annexes (a table sent on its own).
    pub annex_only: bool,
}

/// How far into the document the first-page elements are looked for.
const FIRST_PAGE: usize = 60;

impl Elements {
    pub fn find(doc: &Document) -> Elements {
        let ps = &doc.paragraphs;
        let mut e = Elements::default();
        let head = ps.len().min(FIRST_PAGE);
        e.national_title =
            (0..head).find(|&i| fold(&ps[i].text).contains("cộng hòa xã hội chủ nghĩa việt nam"));
        if let Some(nt) = e.national_title {
            e.motto = (nt..(nt + 4).min(ps.len())).find(|&i| fold(&ps[i].text).contains("độc lập"));
        }
        if let Some(m) = e.motto {
            e.motto_rule = rule_after(doc, m);
        }
        e.number = (0..head).find(|&i| is_number_line(&ps[i].text));
        e.place_date = (0..head).find(|&i| is_place_date(&ps[i].text));
        e.find_agencies(doc);
        e.subject = (0..head)
            .filter(|&i| clean(&ps[i].text).starts_with("V/v"))
            .take(1)
            .collect();
        let header_end = e.header_end(doc);
        e.find_title(doc, header_end);
        e.find_signature(doc);
        e.find_annexes(doc);
        e.annex_only = e.national_title.is_none()
            && ps
                .iter()
                .position(|p| !p.is_empty())
                .is_some_and(|i| e.annexes.first().is_some_and(|a| a.heading == i));
        e.kind = e.detect_kind(doc);
        e.find_body(doc, header_end);
        e
    }

    /// Left column of the header table (or the lines above the Quốc hiệu) before Số.
    fn find_agencies(&mut self, doc: &Document) {
        let ps = &doc.paragraphs;
        let Some(nt) = self.national_title else {
            return;
        };
        let stop = self.number.unwrap_or(nt.min(ps.len()));
        let candidates: Vec<usize> = match ps[nt].cell {
            Some(c) => (0..stop.max(nt))
                .filter(|&i| {
                    ps[i]
                        .cell
                        .is_some_and(|x| x.table == c.table && x.col < c.col)
                })
                .collect(),
            None => (0..nt).collect(),
        };
        self.agencies = candidates
            .iter()
            .copied()
            .filter(|&i| !ps[i].is_empty() && Some(i) != self.number)
            .filter(|&i| !is_number_line(&ps[i].text))
            .collect();
        if let Some(&last) = self.agencies.last() {
            self.agency_rule = rule_after(doc, last);
            let bold = |i: usize| ps[i].text_runs().all(|r| r.bold);
            let issuing = if bold(last) {
                self.agencies.iter().rev().take_while(|&&i| bold(i)).count()
            } else {
                1
            };
            self.parent_agencies = self.agencies.len() - issuing;
        }
    }

    /// The first paragraph after the header (Quốc hiệu, agencies, Số, date, V/v).
    fn header_end(&self, doc: &Document) -> usize {
        let ps = &doc.paragraphs;
        let marks = [
            self.national_title,
            self.motto,
            self.number,
            self.place_date,
        ]
        .into_iter()
        .flatten()
        .chain(self.agencies.iter().copied())
        .chain(self.subject.iter().copied());
        let last = marks.max();
        match last {
            None => 0,
            Some(l) => match ps[l].cell {
                // The whole header table.
                Some(c) => doc.tables[c.table].end,
                None => l + 1,
            },
        }
    }

    fn find_title(&mut self, doc: &Document, from: usize) {
        let ps = &doc.paragraphs;
        let first =
            (from..ps.len().min(from + 12)).find(|&i| !ps[i].is_empty() && ps[i].cell.is_none());
        let Some(t) = first else { return };
        if Kind::by_title(&ps[t].text).is_none() {
            return;
        }
        self.type_name = Some(t);
        let mut i = t + 1;
        while i < ps.len() && self.abstract_lines.len() < 4 {
            let p = &ps[i];
            if p.is_empty() || p.cell.is_some() || !(p.centered() && p.text_runs().all(|r| r.bold))
            {
                break;
            }
            self.abstract_lines.push(i);
            i += 1;
        }
        if let Some(&last) = self.abstract_lines.last() {
            self.abstract_rule = rule_after(doc, last);
        }
    }

    /// Nơi nhận and the signature beside it (a two-column table, or paragraphs).
    fn find_signature(&mut self, doc: &Document) {
        let ps = &doc.paragraphs;
        let Some(l) = ps
            .iter()
            .position(|p| fold(&p.text).starts_with("nơi nhận"))
        else {
            return;
        };
        self.recipients_label = Some(l);
        let column = |i: usize| ps[i].cell.map(|c| (c.table, c.col));
        let label_cell = ps[l].cell;
        let mut i = l + 1;
        while i < ps.len() && column(i) == column(l) {
            if !ps[i].is_empty() {
                self.recipients.push(i);
            }
            i += 1;
            if label_cell.is_none() && self.recipients.len() > 30 {
                break;
            }
        }
        let Some(c) = label_cell else { return };
        let t = &doc.tables[c.table];
        let right: Vec<usize> = (t.first..t.end)
            .filter(|&i| ps[i].cell.is_some_and(|x| x.col > c.col) && !ps[i].is_empty())
            .collect();
        let authority: Vec<usize> = right
            .iter()
            .copied()
            .take_while(|&i| is_upper(&ps[i].text))
            .collect();
        self.signer = right.last().copied().filter(|s| !authority.contains(s));
        self.authority = authority;
    }

    fn find_annexes(&mut self, doc: &Document) {
        let ps = &doc.paragraphs;
        let start = self.recipients_label.unwrap_or(0);
        let mut i = start;
        while i < ps.len() {
            if is_annex_heading(&ps[i]) {
                let mut a = Annex {
                    heading: i,
                    title: Vec::new(),
                    attached: None,
                };
                let mut j = i + 1;
                while j < ps.len() && j < i + 6 && ps[j].cell.is_none() {
                    let t = clean(&ps[j].text);
                    if t.starts_with("(Kèm theo") || t.starts_with("(kèm theo") {
                        a.attached = Some(j);
                        break;
                    }
                    if !t.is_empty() && (is_upper(&t) || ps[j].text_runs().all(|r| r.bold)) {
                        a.title.push(j);
                    } else if !t.is_empty() || !a.title.is_empty() {
                        break;
                    }
                    j += 1;
                }
                self.annexes.push(a);
            }
            i += 1;
        }
    }

    /// The kind from the type name, else from the ký hiệu, else a Công văn by its "V/v".
    fn detect_kind(&self, doc: &Document) -> Option<Kind> {
        if let Some(t) = self.type_name {
            return Kind::by_title(&doc.paragraphs[t].text);
        }
        let abbr = self
            .number
            .and_then(|n| number_parts(&doc.paragraphs[n].text))
            .and_then(|p| p.kind_abbr);
        if let Some(k) = abbr.as_deref().and_then(Kind::by_abbr) {
            return Some(k);
        }
        (!self.subject.is_empty()).then_some(crate::kind::CONG_VAN)
    }

    /// Body paragraphs: after the title (or the header), before Nơi nhận or the signature
    /// table, outside tables and text boxes.
    fn find_body(&mut self, doc: &Document, header_end: usize) {
        let ps = &doc.paragraphs;
        let start = self
            .abstract_rule
            .map(|r| r.para + 1)
            .or(self.abstract_lines.last().map(|l| l + 1))
            .or(self.type_name.map(|t| t + 1))
            .unwrap_or(header_end);
        let end = self
            .recipients_label
            .map(|l| match ps[l].cell {
                Some(c) => doc.tables[c.table].first,
                None => l,
            })
            .or(self.annexes.first().map(|a| a.heading))
            .unwrap_or(ps.len());
        self.body = (start..end)
            .filter(|&i| !ps[i].is_empty() && ps[i].cell.is_none() && !ps[i].in_text_box)
            .collect();
    }
}

/// The rule drawn under paragraph `i`: a line shape anchored in it, its own bottom
/// border, or an empty bordered paragraph (or one with a shape) just after it.
fn rule_after(doc: &Document, i: usize) -> Option<RuleLine> {
    let ps = &doc.paragraphs;
    let p = &ps[i];
    if let Some(w) = p.shape_lines.first() {
        return Some(RuleLine { para: i, width: *w });
    }
    if p.border_bottom {
        return Some(RuleLine {
            para: i,
            width: border_width(doc, p),
        });
    }
    for (j, q) in ps.iter().enumerate().take(i + 4).skip(i + 1) {
        if q.cell.map(|c| (c.table, c.col)) != p.cell.map(|c| (c.table, c.col)) {
            break;
        }
        if let Some(w) = q.shape_lines.first() {
            return Some(RuleLine { para: j, width: *w });
        }
        if q.is_empty() && q.border_bottom {
            return Some(RuleLine {
                para: j,
                width: border_width(doc, q),
            });
        }
        if !q.is_empty() {
            break;
        }
    }
    None
}

/// The length of a paragraph's bottom border: its cell's (or the text area's) width less
/// its indents, in points.
pub fn border_width(doc: &Document, p: &Para) -> f32 {
    let s = &doc.sections[p.section];
    let avail = match p.cell.and_then(|c| c.width) {
        // Cell margins: Word's default 0.08" (115 twips) on each side.
        Some(w) => w - 2 * 108,
        None => s.width - s.margins[1] - s.margins[3],
    };
    let (l, r) = p.indents();
    (avail - l - r).max(0) as f32 / 20.0
}

pub fn is_number_line(text: &str) -> bool {
    let t = clean(text);
    (t.starts_with("Số:") || t.starts_with("Số ") || t.starts_with("Số."))
        && t.contains('/')
        && t.chars().count() < 60
}

pub fn is_place_date(text: &str) -> bool {
    let t = clean(text);
    let f = fold(&t);
    f.contains(", ngày") && f.contains("tháng") && f.contains("năm") && t.chars().count() < 80
}

fn is_annex_heading(p: &Para) -> bool {
    let t = clean(&p.text);
    let f = fold(&t);
    p.cell.is_none() && f.starts_with("phụ lục") && t.chars().count() <= 60 && p.centered()
}

/// The parts of "Số: 05/BC-UBND".
#[derive(Debug, Clone, PartialEq)]
pub struct NumberParts {
    /// The text after "Số:" as written.
    pub value: String,
    /// The number before "/", as written (blank for a document not yet numbered).
    pub number: String,
    pub kind_abbr: Option<String>,
    pub agency: String,
}

pub fn number_parts(text: &str) -> Option<NumberParts> {
    let t = clean(text);
    let rest = t.strip_prefix("Số")?;
    let rest = rest.trim_start_matches([':', '.', ' ']);
    let (number, code) = rest.split_once('/')?;
    let code = code.trim();
    let (kind_abbr, agency) = match code.split_once('-') {
        Some((k, a))
            if Kind::by_abbr(k.trim()).is_some() || crate::kind::COPY_ABBRS.contains(&k.trim()) =>
        {
            (Some(k.trim().to_string()), a.to_string())
        }
        _ => (None, code.to_string()),
    };
    Some(NumberParts {
        value: rest.to_string(),
        number: number.trim().to_string(),
        kind_abbr,
        agency,
    })
}
