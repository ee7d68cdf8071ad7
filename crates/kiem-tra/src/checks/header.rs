//! The first page: Quốc hiệu, Tiêu ngữ and their rules, agency lines, Số, place and
//! date, type name and trích yếu.

use super::Findings;
use crate::docx::Document;
use crate::elements::{Elements, RuleLine, number_parts};
use crate::finding::Severity::{Error, Note};
use crate::kind::Kind;
use crate::metrics::width_pt;
use crate::rule::Rule;
use crate::text::{clean, fold, is_upper, number_after};

pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

pub fn check(doc: &Document, e: &Elements, f: &mut Findings) {
    if e.annex_only {
        return;
    }
    let ps = &doc.paragraphs;
    let Some(nt) = e.national_title else {
        if !ps.is_empty() {
            f.whole(
                Error,
                Rule::NationalTitle,
                "trang 1".into(),
                "không có Quốc hiệu",
                NATIONAL_TITLE,
                false,
            );
        }
        return;
    };
    let nt_line = first_line(&ps[nt].text);
    if clean(&nt_line) != NATIONAL_TITLE && fold(&nt_line) == fold(NATIONAL_TITLE) {
        let sev = if is_upper(&nt_line) { Note } else { Error };
        f.at(
            sev,
            Rule::NationalTitle,
            "chữ",
            nt,
            clean(&nt_line),
            NATIONAL_TITLE,
            false,
        );
    }
    match e.motto {
        None => f.at(
            Error,
            Rule::Motto,
            "thiếu",
            nt,
            "không có Tiêu ngữ",
            MOTTO,
            false,
        ),
        Some(m) => motto(doc, e, m, f),
    }
    agencies(doc, e, f);
    number(doc, e, f);
    place_date(doc, e, f);
    title(doc, e, f);
}

/// The line of a paragraph that holds the Quốc hiệu (a line break may join it with the
/// Tiêu ngữ).
fn first_line(text: &str) -> String {
    text.split('\n')
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

fn motto_text(text: &str) -> String {
    text.split('\n')
        .find(|l| fold(l).contains("độc lập"))
        .map(clean)
        .unwrap_or_default()
}

fn motto(doc: &Document, e: &Elements, m: usize, f: &mut Findings) {
    let text = motto_text(&doc.paragraphs[m].text);
    if text != MOTTO {
        let dashes = text.contains(['–', '—', '‒']);
        let why = if dashes {
            "gạch nối dài (–, —) thay cho dấu gạch ngang"
        } else {
            "chữ khác mẫu"
        };
        f.at(
            Error,
            Rule::Motto,
            "chữ",
            m,
            format!("\"{text}\": {why}"),
            format!("\"{MOTTO}\" (dấu gạch ngang có cách hai bên, viết hoa chữ đầu mỗi cụm)"),
            dashes,
        );
    }
    let p = &doc.paragraphs[m];
    let size = p.text_runs().next().map_or(28, |r| r.size) as f32 / 2.0;
    let want = width_pt(MOTTO, size, true);
    match e.motto_rule {
        None => f.at(
            Error,
            Rule::HeaderRule,
            "dưới Tiêu ngữ",
            m,
            "không có đường kẻ dưới Tiêu ngữ",
            "đường kẻ liền dưới Tiêu ngữ, dài bằng dòng chữ",
            true,
        ),
        Some(RuleLine { para, width }) => {
            if (width - want).abs() > want * 0.12 {
                f.at(
                    Error,
                    Rule::HeaderRule,
                    "dưới Tiêu ngữ",
                    para,
                    format!("đường kẻ dưới Tiêu ngữ dài {width:.0} pt"),
                    format!("dài bằng dòng Tiêu ngữ (khoảng {want:.0} pt)"),
                    true,
                );
            }
        }
    }
}

fn agencies(doc: &Document, e: &Elements, f: &mut Findings) {
    let ps = &doc.paragraphs;
    let Some(&issuing) = e.agencies.last() else {
        if e.number.is_some() {
            f.whole(
                Error,
                Rule::Agency,
                "trang 1".into(),
                "không có tên cơ quan ban hành",
                "tên cơ quan ban hành ở góc trái, trên Số",
                false,
            );
        }
        return;
    };
    for &a in &e.agencies {
        let t = clean(&ps[a].text);
        if !is_upper(&t) {
            f.at(
                Error,
                Rule::Agency,
                "chữ hoa",
                a,
                format!("\"{t}\" không viết hoa"),
                "tên cơ quan viết chữ in hoa",
                false,
            );
        }
    }
    let p = &ps[issuing];
    let size = p.text_runs().next().map_or(26, |r| r.size) as f32 / 2.0;
    let text_w = clean(&p.text)
        .split('\n')
        .map(|l| width_pt(l, size, true))
        .fold(0.0, f32::max);
    match e.agency_rule {
        None => f.at(
            Error,
            Rule::HeaderRule,
            "dưới tên cơ quan",
            issuing,
            "không có đường kẻ dưới tên cơ quan ban hành",
            "đường kẻ liền dưới tên cơ quan, dài 1/3 đến 1/2 dòng chữ",
            false,
        ),
        Some(r) => {
            let ratio = r.width / text_w.max(1.0);
            if !(0.25..=0.65).contains(&ratio) {
                f.at(
                    Note,
                    Rule::HeaderRule,
                    "dưới tên cơ quan",
                    r.para,
                    format!(
                        "đường kẻ dài {:.0} pt ({:.0}% dòng chữ)",
                        r.width,
                        ratio * 100.0
                    ),
                    "dài 1/3 đến 1/2 dòng tên cơ quan",
                    false,
                );
            }
        }
    }
}

fn number(doc: &Document, e: &Elements, f: &mut Findings) {
    let Some(n) = e.number else {
        if !e.agencies.is_empty() {
            f.whole(
                Error,
                Rule::Number,
                "trang 1".into(),
                "không có dòng Số, ký hiệu",
                "\"Số: 05/BC-UBND\" dưới tên cơ quan",
                false,
            );
        }
        return;
    };
    let text = clean(&doc.paragraphs[n].text);
    let Some(parts) = number_parts(&text) else {
        return;
    };
    if !text.starts_with("Số:") {
        f.at(
            Error,
            Rule::Number,
            "dấu hai chấm",
            n,
            format!("\"{text}\""),
            "\"Số:\" có dấu hai chấm",
            true,
        );
    }
    let digits = parts.number.trim_matches(['.', '_', '…', ' ']);
    if !digits.is_empty() {
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            f.at(
                Error,
                Rule::Number,
                "số",
                n,
                format!("số \"{digits}\""),
                "số bằng chữ số Ả Rập",
                false,
            );
        } else if digits.len() == 1 {
            f.at(
                Error,
                Rule::Number,
                "số 0",
                n,
                format!("số \"{digits}\""),
                format!("số nhỏ hơn 10 ghi thêm số 0 phía trước: \"0{digits}\""),
                true,
            );
        }
    }
    if parts.value.contains(" /") || parts.value.contains("/ ") || parts.agency.contains(' ') {
        f.at(
            Error,
            Rule::Number,
            "khoảng trắng",
            n,
            format!("\"{}\" có khoảng trắng", parts.value),
            "không có khoảng trắng quanh \"/\" và \"-\" của ký hiệu",
            false,
        );
    }
    match (e.kind, parts.kind_abbr.as_deref()) {
        (Some(k), abbr) if !k.is_cong_van() && k.abbr.is_some() && abbr != k.abbr => {
            let want = k.abbr.unwrap_or_default();
            f.at(
                Error,
                Rule::Number,
                "tên loại",
                n,
                format!(
                    "ký hiệu \"{}\" không có chữ viết tắt {want} của {}",
                    parts.value, k.name
                ),
                format!("\"…/{want}-…\" (Phụ lục III)"),
                false,
            );
        }
        (Some(k), Some(abbr)) if k.is_cong_van() && Kind::by_abbr(abbr).is_some() => {
            f.at(
                Error,
                Rule::Number,
                "công văn",
                n,
                format!("công văn có chữ viết tắt tên loại \"{abbr}\""),
                "công văn không có chữ viết tắt tên loại: \"Số: 125/UBND-VX\"",
                false,
            );
        }
        _ => {}
    }
}

fn place_date(doc: &Document, e: &Elements, f: &mut Findings) {
    let Some(d) = e.place_date else {
        if e.number.is_some() {
            f.whole(
                Error,
                Rule::PlaceDate,
                "trang 1".into(),
                "không có địa danh và ngày tháng",
                "\"<Địa danh>, ngày 05 tháng 02 năm 2026\"",
                false,
            );
        }
        return;
    };
    let text = clean(&doc.paragraphs[d].text);
    let after = |word: &str| number_after(&text, word).map(|(_, n)| n);
    if let Some(day) = after("ngày")
        && day.len() == 1
    {
        f.at(
            Error,
            Rule::PlaceDate,
            "ngày",
            d,
            format!("\"ngày {day}\""),
            format!("ngày nhỏ hơn 10 ghi thêm số 0: \"ngày 0{day}\""),
            true,
        );
    }
    if let Some(month) = after("tháng") {
        let m: u32 = month.parse().unwrap_or(0);
        let bad = match m {
            1 | 2 => month.len() == 1,
            _ => month.starts_with('0'),
        };
        if bad {
            let want = if m <= 2 {
                format!("\"tháng 0{m}\"")
            } else {
                format!("\"tháng {m}\"")
            };
            f.at(
                Error,
                Rule::PlaceDate,
                "tháng",
                d,
                format!("\"tháng {month}\""),
                format!("tháng 1, 2 ghi thêm số 0, tháng 3 đến 12 không: {want}"),
                true,
            );
        }
    }
}

fn title(doc: &Document, e: &Elements, f: &mut Findings) {
    let ps = &doc.paragraphs;
    let Some(t) = e.type_name else {
        if e.kind.is_some_and(|k| !k.is_cong_van() && k.abbr.is_some()) {
            f.whole(
                Error,
                Rule::Title,
                "trang 1".into(),
                "không tìm thấy tên loại văn bản dưới phần đầu",
                "tên loại in hoa, đậm, căn giữa (ví dụ \"BÁO CÁO\")",
                false,
            );
        }
        return;
    };
    let text = clean(&ps[t].text);
    if !is_upper(&text) && !ps[t].text_runs().all(|r| r.caps) {
        f.at(
            Error,
            Rule::Title,
            "chữ hoa",
            t,
            format!("\"{text}\" không in hoa"),
            "tên loại viết chữ in hoa",
            false,
        );
    }
    if !ps[t].centered() {
        f.at(
            Error,
            Rule::Title,
            "căn giữa",
            t,
            "tên loại không căn giữa",
            "tên loại căn giữa",
            false,
        );
    }
    if e.abstract_lines.is_empty() {
        f.at(
            Note,
            Rule::Title,
            "trích yếu",
            t,
            "không thấy trích yếu (dòng đậm, căn giữa) dưới tên loại",
            "trích yếu nội dung dưới tên loại, in đậm",
            false,
        );
    } else if e.abstract_rule.is_none() {
        let last = *e.abstract_lines.last().unwrap_or(&t);
        f.at(
            Error,
            Rule::HeaderRule,
            "dưới trích yếu",
            last,
            "không có đường kẻ dưới trích yếu",
            "đường kẻ liền dưới trích yếu, dài 1/3 đến 1/2 dòng chữ",
            false,
        );
    }
}
