//! The font of every run, and the size and weight of each recognised element.

use super::{Findings, pt};
use crate::docx::Document;
use crate::elements::Elements;
use crate::finding::Severity::{Error, Note};
use crate::rule::Rule;

pub const FONT: &str = "Times New Roman";

/// Whether a run's face is Times New Roman (unset means Word's own default, which is).
pub fn is_times(face: Option<&str>) -> bool {
    face.is_none_or(|f| f.trim().eq_ignore_ascii_case(FONT))
}

/// An element's size range (half-points) and weights: `Some(true)` must, `Some(false)`
/// must not, `None` either.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub name: &'static str,
    pub sizes: (u32, u32),
    pub bold: Option<bool>,
    pub italic: Option<bool>,
}

const fn look(
    name: &'static str,
    lo: u32,
    hi: u32,
    bold: Option<bool>,
    italic: Option<bool>,
) -> Look {
    Look {
        name,
        sizes: (lo * 2, hi * 2),
        bold,
        italic,
    }
}

pub const NATIONAL_TITLE: Look = look("Quốc hiệu", 12, 13, Some(true), Some(false));
pub const MOTTO: Look = look("Tiêu ngữ", 13, 14, Some(true), Some(false));
pub const PARENT_AGENCY: Look = look("tên cơ quan chủ quản", 12, 13, Some(false), Some(false));
pub const AGENCY: Look = look("tên cơ quan ban hành", 12, 13, Some(true), Some(false));
pub const NUMBER: Look = look("số, ký hiệu", 13, 13, Some(false), Some(false));
pub const PLACE_DATE: Look = look("địa danh và thời gian", 13, 14, Some(false), Some(true));
pub const SUBJECT: Look = look("trích yếu công văn (V/v)", 12, 13, Some(false), Some(false));
pub const TYPE_NAME: Look = look("tên loại văn bản", 13, 14, Some(true), Some(false));
pub const ABSTRACT: Look = look("trích yếu", 13, 14, Some(true), None);
pub const BODY: Look = look("nội dung", 13, 14, None, None);
pub const RECIPIENTS_LABEL: Look = look("chữ \"Nơi nhận\"", 12, 12, Some(true), Some(true));
pub const RECIPIENT: Look = look("tên nơi nhận", 11, 11, Some(false), Some(false));
pub const AUTHORITY: Look = look(
    "quyền hạn, chức vụ người ký",
    13,
    14,
    Some(true),
    Some(false),
);
pub const SIGNER: Look = look("họ tên người ký", 13, 14, Some(true), Some(false));
pub const ANNEX_HEADING: Look = look("chữ \"Phụ lục\"", 13, 14, Some(true), Some(false));
pub const ANNEX_TITLE: Look = look("tên phụ lục", 13, 14, Some(true), Some(false));

/// The rule a look belongs to (findings name the element's own rule).
fn rule_of(l: &Look) -> Rule {
    match l.name {
        "Quốc hiệu" => Rule::NationalTitle,
        "Tiêu ngữ" => Rule::Motto,
        "chữ \"Nơi nhận\"" | "tên nơi nhận" => Rule::Recipients,
        "tên cơ quan chủ quản" | "tên cơ quan ban hành" => Rule::Agency,
        "số, ký hiệu" => Rule::Number,
        "địa danh và thời gian" => Rule::PlaceDate,
        "tên loại văn bản" | "trích yếu" | "trích yếu công văn (V/v)" => Rule::Title,
        "quyền hạn, chức vụ người ký" | "họ tên người ký" => Rule::Signature,
        "chữ \"Phụ lục\"" | "tên phụ lục" => Rule::Annex,
        _ => Rule::FontSize,
    }
}

/// Each recognised element with its look.
pub fn elements(e: &Elements) -> Vec<(usize, Look)> {
    let mut v = Vec::new();
    let mut add = |i: Option<usize>, l: Look| {
        if let Some(i) = i {
            v.push((i, l));
        }
    };
    add(e.national_title, NATIONAL_TITLE);
    if e.motto != e.national_title {
        add(e.motto, MOTTO);
    }
    for (k, &a) in e.agencies.iter().enumerate() {
        add(
            Some(a),
            if k < e.parent_agencies {
                PARENT_AGENCY
            } else {
                AGENCY
            },
        );
    }
    add(e.number, NUMBER);
    add(e.place_date, PLACE_DATE);
    for &s in &e.subject {
        add(Some(s), SUBJECT);
    }
    add(e.type_name, TYPE_NAME);
    for &a in &e.abstract_lines {
        add(Some(a), ABSTRACT);
    }
    add(e.recipients_label, RECIPIENTS_LABEL);
    for &r in &e.recipients {
        add(Some(r), RECIPIENT);
    }
    for &a in &e.authority {
        add(Some(a), AUTHORITY);
    }
    add(e.signer, SIGNER);
    for a in &e.annexes {
        add(Some(a.heading), ANNEX_HEADING);
        for &t in &a.title {
            add(Some(t), ANNEX_TITLE);
        }
    }
    v
}

pub fn check(doc: &Document, e: &Elements, f: &mut Findings) {
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if let Some(r) = p.text_runs().find(|r| !is_times(r.font.as_deref())) {
            let face = r.font.clone().unwrap_or_default();
            f.at(
                Error,
                Rule::FontFamily,
                "phông chữ",
                i,
                format!("phông {face}"),
                format!("phông {FONT}"),
                true,
            );
        }
    }
    for (i, look) in elements(e) {
        check_look(doc, i, &look, f);
    }
    for &i in &e.body {
        check_look(doc, i, &BODY, f);
    }
}

/// Size and weight of one element's runs.
fn check_look(doc: &Document, i: usize, look: &Look, f: &mut Findings) {
    let p = &doc.paragraphs[i];
    let (lo, hi) = look.sizes;
    if let Some(r) = p.text_runs().find(|r| r.size < lo || r.size > hi) {
        let want = if lo == hi {
            pt(lo)
        } else {
            format!("{}–{}", pt(lo).trim_end_matches(" pt"), pt(hi))
        };
        f.at(
            Error,
            Rule::FontSize,
            look.name,
            i,
            format!("{} cỡ {}", look.name, pt(r.size)),
            format!("{} cỡ {want}", look.name),
            true,
        );
    }
    let rule = rule_of(look);
    let fixable = rule == Rule::Recipients;
    if let Some(b) = look.bold
        && p.text_runs().any(|r| r.bold != b)
    {
        let (found, want) = if b {
            ("không in đậm", "in đậm")
        } else {
            ("in đậm", "không in đậm")
        };
        let sev = if b { Error } else { Note };
        f.at(
            sev,
            rule,
            look.name,
            i,
            format!("{} {found}", look.name),
            format!("{} {want}", look.name),
            fixable,
        );
    }
    if let Some(it) = look.italic
        && p.text_runs().any(|r| r.italic != it)
    {
        let (found, want) = if it {
            ("không in nghiêng", "in nghiêng")
        } else {
            ("in nghiêng", "chữ đứng")
        };
        f.at(
            Error,
            rule,
            look.name,
            i,
            format!("{} {found}", look.name),
            format!("{} {want}", look.name),
            fixable,
        );
    }
}
