//! Annexes: the "Phụ lục" heading and title, the "(Kèm theo …)" line, a new page for
//! each; tables whose header rows repeat on every page.

use super::Findings;
use crate::docx::Document;
use crate::elements::Elements;
use crate::finding::Severity::{Error, Note};
use crate::rule::Rule;

/// A table longer than this is assumed to run over a page.
const LONG_TABLE: usize = 12;

pub fn check(doc: &Document, e: &Elements, f: &mut Findings) {
    let ps = &doc.paragraphs;
    for (k, a) in e.annexes.iter().enumerate() {
        if a.title.is_empty() {
            f.at(
                Error,
                Rule::Annex,
                "tên",
                a.heading,
                "phụ lục không có tên (chữ in hoa) dưới chữ \"Phụ lục\"",
                "tên phụ lục in hoa, đậm, dưới chữ \"Phụ lục\"",
                false,
            );
        }
        if a.attached.is_none() && !(e.annex_only && k == 0) {
            f.at(
                Note,
                Rule::Annex,
                "kèm theo",
                a.heading,
                "không có dòng \"(Kèm theo … số … ngày … của …)\"",
                "dòng in nghiêng \"(Kèm theo <tên loại> số …/… ngày … của …)\" dưới tên phụ lục",
                false,
            );
        }
        if let Some(at) = a.attached
            && ps[at].text_runs().any(|r| !r.italic)
        {
            f.at(
                Error,
                Rule::Annex,
                "nghiêng",
                at,
                "dòng \"(Kèm theo …)\" không in nghiêng",
                "dòng \"(Kèm theo …)\" in nghiêng",
                false,
            );
        }
        let starts_page = {
            let p = &ps[a.heading];
            let s = &doc.sections[p.section];
            let first_text = (s.first..a.heading).all(|i| ps[i].is_empty());
            p.page_break_before
                || (first_text && (p.section > 0 || e.annex_only))
                || (a.heading > 0 && ps[a.heading - 1].text.ends_with('\n'))
        };
        if !(starts_page || e.annex_only && k == 0) {
            f.at(
                Error,
                Rule::Annex,
                "trang mới",
                a.heading,
                "phụ lục không bắt đầu ở trang mới",
                "mỗi phụ lục bắt đầu ở trang mới",
                false,
            );
        }
    }
    let first_annex = e.annexes.first().map_or(usize::MAX, |a| a.heading);
    for (t, table) in doc.tables.iter().enumerate() {
        if table.first >= first_annex && table.rows > LONG_TABLE && table.header_rows == 0 {
            let sev = if table.rows > 2 * LONG_TABLE {
                Error
            } else {
                Note
            };
            f.at(
                sev,
                Rule::TableHeader,
                "lặp",
                table.first,
                format!(
                    "bảng {} ({} hàng) không lặp lại hàng tiêu đề ở mỗi trang",
                    t + 1,
                    table.rows
                ),
                "hàng tiêu đề của bảng lặp lại ở đầu mỗi trang",
                false,
            );
        }
    }
}
