//! Nơi nhận and the signature: the label, the "- " items with ";" and a final ".", the
//! "- Lưu:" line; the TM. / KT. / TL. / TUQ. / Q. prefixes and two-line titles; the
//! signer's name.

use super::Findings;
use crate::docx::Document;
use crate::elements::Elements;
use crate::finding::Severity::{Error, Note};
use crate::rule::Rule;
use crate::text::{clean, fold, is_upper};

const PREFIXES: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];
/// Prefixes written wrongly, and how they should be.
const WRONG_PREFIXES: [(&str, &str); 8] = [
    ("T/M", "TM."),
    ("T.M", "TM."),
    ("TM ", "TM."),
    ("K/T", "KT."),
    ("KT ", "KT."),
    ("T/L", "TL."),
    ("TL ", "TL."),
    ("TUQ ", "TUQ."),
];
const HONORIFICS: [&str; 8] = [
    "ông ",
    "bà ",
    "ts. ",
    "ths. ",
    "pgs.",
    "gs.",
    "đ/c ",
    "đồng chí ",
];

pub fn check(doc: &Document, e: &Elements, f: &mut Findings) {
    recipients(doc, e, f);
    signature(doc, e, f);
}

fn recipients(doc: &Document, e: &Elements, f: &mut Findings) {
    let ps = &doc.paragraphs;
    let Some(l) = e.recipients_label else {
        if e.kind.is_some_and(|k| k.abbr.is_some() || k.is_cong_van())
            && !e.annex_only
            && e.national_title.is_some()
        {
            f.whole(
                Note,
                Rule::Recipients,
                "cuối văn bản".into(),
                "không thấy \"Nơi nhận:\"",
                "\"Nơi nhận:\" ở góc trái, ngang dòng đầu của phần chữ ký",
                false,
            );
        }
        return;
    };
    let label = clean(&ps[l].text);
    if label != "Nơi nhận:" {
        f.at(
            Error,
            Rule::Recipients,
            "chữ",
            l,
            format!("\"{label}\""),
            "\"Nơi nhận:\" (có dấu hai chấm)",
            label.trim_end_matches(':').trim() == "Nơi nhận",
        );
    }
    let items: Vec<(usize, String)> = e
        .recipients
        .iter()
        .map(|&i| (i, clean(&ps[i].full_text())))
        .collect();
    let Some(lưu) = items
        .iter()
        .position(|(_, t)| fold(t).trim_start_matches(['-', ' ']).starts_with("lưu"))
    else {
        f.at(
            Error,
            Rule::Recipients,
            "lưu",
            l,
            "không có dòng \"- Lưu: VT, …\"",
            "dòng cuối \"- Lưu: VT, <đơn vị>.\"",
            false,
        );
        return;
    };
    for (k, (i, t)) in items.iter().enumerate().take(lưu + 1) {
        if !t.starts_with("- ") {
            f.at(
                Error,
                Rule::Recipients,
                "gạch đầu dòng",
                *i,
                format!("\"{t}\" không bắt đầu bằng \"- \""),
                "mỗi nơi nhận một dòng, bắt đầu bằng \"- \"",
                false,
            );
        }
        let end = if k == lưu { '.' } else { ';' };
        if !t.ends_with(end) {
            let what = if k == lưu {
                "dòng cuối kết thúc bằng \".\""
            } else {
                "mỗi dòng kết thúc bằng \";\""
            };
            f.at(
                Error,
                Rule::Recipients,
                "dấu cuối dòng",
                *i,
                format!("\"{t}\""),
                what,
                false,
            );
        }
    }
}

fn signature(doc: &Document, e: &Elements, f: &mut Findings) {
    let ps = &doc.paragraphs;
    if let Some(&first) = e.authority.first() {
        let t = clean(&ps[first].text);
        if let Some((bad, good)) = WRONG_PREFIXES.iter().find(|(b, _)| t.starts_with(b)) {
            f.at(
                Error,
                Rule::Signature,
                "tiền tố",
                first,
                format!("\"{}\" viết \"{}\"", t, bad.trim()),
                format!("\"{good}\" (chữ in hoa, có dấu chấm)"),
                false,
            );
        }
        if PREFIXES.iter().any(|p| t.starts_with(p)) && e.authority.len() < 2 {
            f.at(
                Error,
                Rule::Signature,
                "hai dòng",
                first,
                format!("\"{t}\" không có dòng chức vụ bên dưới"),
                "ký thay, thay mặt, thừa lệnh: hai dòng (\"KT. GIÁM ĐỐC\" / \"PHÓ GIÁM ĐỐC\")",
                false,
            );
        }
        if t.starts_with("KT.")
            && let Some(&second) = e.authority.get(1)
            && !clean(&ps[second].text).starts_with("PHÓ")
        {
            f.at(
                Note,
                Rule::Signature,
                "KT",
                second,
                format!("\"{}\" dưới \"KT.\"", clean(&ps[second].text)),
                "người ký thay là cấp phó: \"PHÓ …\"",
                false,
            );
        }
    }
    if let Some(s) = e.signer {
        let name = clean(&ps[s].text);
        if is_upper(&name) {
            f.at(
                Note,
                Rule::Signature,
                "họ tên",
                s,
                format!("\"{name}\" in hoa"),
                "họ tên người ký chữ thường, in đậm",
                false,
            );
        }
        let lower = fold(&name);
        if let Some(h) = HONORIFICS.iter().find(|h| lower.starts_with(**h)) {
            f.at(
                Error,
                Rule::Signature,
                "danh xưng",
                s,
                format!("họ tên có \"{}\"", h.trim()),
                "họ tên không kèm học hàm, học vị, danh xưng",
                false,
            );
        }
    }
}
