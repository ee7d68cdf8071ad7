//! Stage 2, check: from the raw model ([`crate::load`]: serde, with spans; closed lists of
//! words already read into enums there) to the [`CheckedDocument`]. Checks what the YAML's
//! shape cannot express (known kinds, dates, authority prefixes, table row widths, file
//! references, tasks, the inspection plan) and turns the checked strings into typed values.
//! All problems are collected so the user fixes them in one pass.

use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::error::{Code, Diagnostics, Error, Pos};

mod forms;
mod required;
mod table;

use crate::kinds::{self, DocKind};
use crate::model::{DocumentSpec, Node, NodeList, ReferenceLine};
use crate::sources::Sources;
pub use forms::{FormValues, LeaveDates};
pub use table::check_table;

/// A document date, possibly partial for a draft ("ngày      tháng 9 năm 2023").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocDate {
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: i32,
}

impl DocDate {
    /// The date of a `loai: phu-luc` document written without `ngay`: it prints no date,
    /// and its files carry none.
    pub const UNDATED: DocDate = DocDate {
        day: None,
        month: None,
        year: 0,
    };

    pub fn full(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    /// TM. — on behalf of a collective body.
    Tm,
    /// KT. — a deputy signing for the head.
    Kt,
    /// TL. — by order.
    Tl,
    /// TUQ. — by delegation.
    Tuq,
    /// Q. — acting head.
    Q,
}

impl Authority {
    pub fn prefix(&self) -> &'static str {
        match self {
            Authority::Tm => "TM.",
            Authority::Kt => "KT.",
            Authority::Tl => "TL.",
            Authority::Tuq => "TUQ.",
            Authority::Q => "Q.",
        }
    }
}

/// The typed values validation produced, alongside the model they came from.
#[derive(Debug, Clone)]
pub struct Checked {
    pub kind: &'static DocKind,
    pub date: DocDate,
    pub authority: Option<Authority>,
    /// The signature PNG, read and decoded once here where the file is checked.
    pub signature_image: Option<crate::backend::pdf::image::CheckedImage>,
    /// The picture of the left signature (`chu_ky_trai.anh_chu_ky`), checked likewise.
    pub left_signature_image: Option<crate::backend::pdf::image::CheckedImage>,
    /// The document's tasks (`nhiem_vu:`), checked and numbered.
    pub tasks: Option<crate::tasks::TaskSet>,
    /// The kind of the attached document (`kem_theo:`).
    pub attachment: Option<&'static DocKind>,
    /// The checked inspection plan (`loai: ke-hoach-kiem-tra`).
    pub inspection: Option<crate::inspection::Plan>,
    /// The dates and counts of the short forms' blocks (`gioi_thieu`, `nghi_phep`).
    pub forms: FormValues,
}

const STAMPS_MAT: &[&str] = &["MẬT", "TỐI MẬT", "TUYỆT MẬT"];
const STAMPS_KHAN: &[&str] = &["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HỎA TỐC HẸN GIỜ"];

fn pos_of<T>(s: &Spanned<T>) -> Option<Pos> {
    Pos::from_saphyr(&s.referenced)
}

/// The check stage's output: the document as written, known to be valid, and the typed
/// values checking produced. The compute stage ([`crate::data::compute`]) consumes it.
#[derive(Debug, Clone)]
pub struct CheckedDocument {
    /// The document's file.
    pub path: PathBuf,
    /// Its YAML text.
    pub source: String,
    /// The raw model, as written.
    pub data: DocumentSpec,
    /// The typed values.
    pub checked: Checked,
}

/// Stages 1–2 for one file: read it through `sources`, parse it and check it. Every error
/// names the file.
pub fn check_file(sources: &dyn Sources, path: &Path) -> Result<CheckedDocument, Diagnostics> {
    let source = crate::load::read_text(sources, path)?;
    let data = crate::load::parse_str(&source).map_err(|e| e.in_file(path))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let checked = check(sources, &data, base).map_err(|errs| errs.in_file(path))?;
    Ok(CheckedDocument {
        path: path.to_path_buf(),
        source,
        data,
        checked,
    })
}

/// Validate a loaded document. `base_dir` resolves relative file references.
pub fn check(
    sources: &dyn Sources,
    vb: &DocumentSpec,
    base_dir: &Path,
) -> Result<Checked, Diagnostics> {
    // Values left by missing keys would only give misleading errors below.
    let missing = required::missing_keys(vb);
    if missing.has_errors() {
        return Err(missing);
    }
    let mut errs = Diagnostics::new();
    let mut err = |e: Error| errs.push(e);

    let kind = check_kind(vb, &mut err);
    let annexes_only = kind.is_some_and(DocKind::is_annexes_only);
    let date = match parse_doc_date(&vb.date.value) {
        Ok(d) => Some(d),
        // Annexes sent on their own print no date: `ngay` only dates the files.
        Err(_) if annexes_only && vb.date.value.trim().is_empty() => Some(DocDate::UNDATED),
        Err(e) => {
            err(e.with_pos(pos_of(&vb.date)));
            None
        }
    };
    if annexes_only {
        check_standalone_annexes(vb, &mut err);
    } else {
        check_header_marks(vb, &mut err);
    }
    let authority = check_authority(&vb.signature.value, &mut err);
    check_left_signature(vb, &mut err);
    check_meeting(vb, kind, &mut err);
    let forms = forms::check_forms(vb, kind, &mut err);

    // Checked completely here, so that both backends only meet images that decode.
    let mut picture = |p: &Spanned<String>| {
        let path = base_dir.join(&p.value);
        crate::backend::pdf::image::read_checked(sources, &path, "ảnh chữ ký")
            .map_err(|e| err(e.with_pos(pos_of(p))))
            .ok()
    };
    let signature_image = vb.signature.value.image.as_ref().and_then(&mut picture);
    let left_signature_image = vb
        .left_signature
        .as_ref()
        .and_then(|s| s.value.image.as_ref())
        .and_then(&mut picture);

    for list in [&vb.opening, &vb.body, &vb.closing] {
        check_nodes(list, &mut err);
    }
    for a in &vb.annexes {
        if let Some(t) = &a.value.table {
            check_table(t, &mut err);
        }
        check_nodes(&a.value.opening, &mut err);
        check_nodes(&a.value.notes, &mut err);
    }
    let attachment = check_attachment(vb, &mut err);
    let tasks = crate::tasks::check_document(
        sources,
        vb,
        base_dir,
        date.as_ref().and_then(DocDate::full),
        &mut errs,
    );
    let inspection = check_inspection(sources, vb, kind, date, base_dir, &mut errs);

    if !errs.is_empty() {
        return Err(errs);
    }
    // Without a kind or a date there was an error above.
    let (Some(kind), Some(date)) = (kind, date) else {
        return Err(Error::internal("văn bản không có loại hoặc ngày mà không báo lỗi").into());
    };
    Ok(Checked {
        tasks,
        attachment,
        kind,
        date,
        authority,
        signature_image,
        left_signature_image,
        inspection,
        forms,
    })
}

/// The document's kind (`loai`).
fn check_kind(vb: &DocumentSpec, err: &mut impl FnMut(Error)) -> Option<&'static DocKind> {
    let found = kinds::find(vb.kind.value.trim());
    if found.is_none() {
        err(unknown_kind("loại văn bản", &vb.kind));
    }
    found
}

/// Annexes sent on their own have no parent document for a "(Kèm theo …)" line to name.
fn check_standalone_annexes(vb: &DocumentSpec, err: &mut impl FnMut(Error)) {
    for a in &vb.annexes {
        if let Some(r) = &a.value.reference_line
            && r.value == ReferenceLine::Shown(true)
        {
            err(Error::new(
                Code::Conflict,
                "phụ lục gửi riêng (loai: phu-luc) không có văn bản chính để ghi \"(Kèm theo …)\": \
                 ghi dong_kem_theo là một dòng chữ, ví dụ \"Kèm theo Kế hoạch số 15/KH-UBND ngày \
                 10/3/2025 của UBND tỉnh\", hoặc bỏ khóa này",
            )
            .with_pos(pos_of(r)));
        }
    }
}

/// The issuer's abbreviation and the secrecy and urgency stamps.
fn check_header_marks(vb: &DocumentSpec, err: &mut impl FnMut(Error)) {
    if vb.issuer_abbr.value.trim().is_empty() || vb.issuer_abbr.value.contains(char::is_whitespace)
    {
        let code = if vb.issuer_abbr.value.trim().is_empty() {
            Code::Empty
        } else {
            Code::BadCharacter
        };
        err(Error::new(
            code,
            format!(
                "chữ viết tắt tên cơ quan \"{}\" không hợp lệ: cần viết liền, không dấu cách (ví dụ UBND)",
                vb.issuer_abbr.value
            ),
        )
        .with_pos(pos_of(&vb.issuer_abbr)));
    }
    for (field, allowed) in [(&vb.secrecy, STAMPS_MAT), (&vb.urgency, STAMPS_KHAN)] {
        if let Some(s) = field {
            let v = crate::format::upper(s.value.trim());
            if !allowed.contains(&v.as_str()) {
                err(Error::new(
                    Code::UnknownValue,
                    format!(
                        "giá trị \"{}\" không hợp lệ; cần một trong: {}",
                        s.value,
                        allowed.join(", ")
                    ),
                )
                .with_pos(pos_of(s)));
            }
        }
    }
}

/// The signer's authority (`quyen_han` of `chu_ky` or `chu_ky_trai`); all but Q sign on
/// behalf of someone (`thay_mat`).
fn check_authority(
    sig: &crate::model::Signature,
    err: &mut impl FnMut(Error),
) -> Option<Authority> {
    let q = sig.authority.as_ref()?;
    let Some(a) = parse_authority(&q.value) else {
        err(Error::new(
            Code::UnknownValue,
            format!(
                "quyền hạn ký \"{}\" không hợp lệ; cần một trong: TM, KT, TL, TUQ, Q (hoặc bỏ trống)",
                q.value
            ),
        )
        .with_pos(pos_of(q)));
        return None;
    };
    let needs_whom = a != Authority::Q;
    let has_whom = sig
        .on_behalf_of
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty());
    if needs_whom && !has_whom {
        err(Error::new(
            Code::MissingKey,
            format!(
                "quyền hạn ký \"{}\" cần khóa \"thay_mat\" (ví dụ {})",
                a.prefix(),
                match a {
                    Authority::Tm => "\"ỦY BAN NHÂN DÂN\"",
                    _ => "\"CHỦ TỊCH\"",
                }
            ),
        )
        .with_pos(pos_of(q)));
    }
    Some(a)
}

/// The second signature block (`chu_ky_trai`): its authority like `chu_ky`'s; it takes no
/// signature image.
fn check_left_signature(vb: &DocumentSpec, err: &mut impl FnMut(Error)) {
    let Some(left) = &vb.left_signature else {
        return;
    };
    check_authority(&left.value, err);
}

/// The meeting block of a Giấy mời (`cuoc_hop`): only on a Giấy mời, with at least one
/// of its keys, none blank.
fn check_meeting(vb: &DocumentSpec, kind: Option<&DocKind>, err: &mut impl FnMut(Error)) {
    let Some(m) = &vb.meeting else {
        return;
    };
    if !kind.is_none_or(DocKind::is_invitation) {
        err(Error::new(
            Code::Conflict,
            format!(
                "khóa \"cuoc_hop\" (thời gian, địa điểm, thành phần cuộc họp) chỉ dùng cho giấy \
                 mời (loai: giay-moi), không dùng cho loại \"{}\"; ghi nội dung này trong noi_dung",
                vb.kind.value.trim()
            ),
        )
        .with_pos(pos_of(m)));
        return;
    }
    let m = &m.value;
    let keys = [
        (
            "thoi_gian",
            "thời gian",
            m.time.as_ref().map(|s| (pos_of(s), vec![s.value.clone()])),
        ),
        (
            "dia_diem",
            "địa điểm",
            m.place.as_ref().map(|s| (pos_of(s), vec![s.value.clone()])),
        ),
        (
            "thanh_phan",
            "thành phần",
            m.participants
                .as_ref()
                .map(|s| (pos_of(s), s.value.lines())),
        ),
    ];
    if keys.iter().all(|(_, _, v)| v.is_none()) {
        err(Error::new(
            Code::Empty,
            "cuoc_hop cần ít nhất một trong các khóa: thoi_gian, dia_diem, thanh_phan",
        )
        .with_pos(vb.meeting.as_ref().and_then(pos_of)));
    }
    for (key, what, value) in keys {
        let Some((pos, lines)) = value else {
            continue;
        };
        if lines.is_empty() || lines.iter().any(|l| l.trim().is_empty()) {
            err(Error::new(
                Code::Empty,
                format!(
                    "{what} cuộc họp (cuoc_hop.{key}) không được để trống; ghi nội dung hoặc bỏ khóa này"
                ),
            )
            .with_pos(pos));
        }
    }
}

/// The attached document (`kem_theo`): its bodies and its kind.
fn check_attachment(vb: &DocumentSpec, err: &mut impl FnMut(Error)) -> Option<&'static DocKind> {
    let k = vb.attachment.as_ref()?;
    for list in [&k.value.opening, &k.value.body, &k.value.closing] {
        check_nodes(list, err);
    }
    let found = kinds::find(k.value.kind.value.trim());
    if found.is_none() {
        err(unknown_kind("loại văn bản kèm theo", &k.value.kind));
    }
    found
}

/// `loai` names no kind vanban knows (`gia-tri-la`, with a close id as a hint).
fn unknown_kind(what: &str, loai: &Spanned<String>) -> Error {
    let ids = kinds::ids();
    let e = Error::new(
        Code::UnknownValue,
        format!(
            "{what} \"{}\" không được hỗ trợ; cần một trong: {}",
            loai.value,
            ids.join(", ")
        ),
    )
    .with_pos(pos_of(loai));
    match crate::error::closest(&loai.value, &ids) {
        Some(c) => e.hint(format!("có phải là \"{c}\"?")),
        None => e,
    }
}

/// The `kiem_tra` block belongs to (and is required by) `loai: ke-hoach-kiem-tra`.
fn check_inspection(
    sources: &dyn Sources,
    vb: &DocumentSpec,
    kind: Option<&DocKind>,
    date: Option<DocDate>,
    base_dir: &Path,
    errs: &mut Diagnostics,
) -> Option<crate::inspection::Plan> {
    let wants = kind.is_some_and(|k| k.id == "ke-hoach-kiem-tra");
    match &vb.inspection {
        None if wants => {
            errs.error(
                Code::MissingKey,
                pos_of(&vb.kind),
                "loại ke-hoach-kiem-tra cần khối \"kiem_tra\" (đoàn kiểm tra, đơn vị, đề cương)",
            );
            None
        }
        None => None,
        Some(kt) if kind.is_some() && !wants => {
            errs.error(
                Code::Conflict,
                pos_of(kt),
                "khối \"kiem_tra\" chỉ dùng với loai: ke-hoach-kiem-tra",
            );
            None
        }
        Some(kt) => {
            if wants && !vb.body.is_empty() {
                errs.error(Code::Conflict, pos_of(&vb.body[0]), "kế hoạch kiểm tra viết nội dung trong khối kiem_tra (muc_dich, yeu_cau, noi_dung, phuong_phap, …), không dùng \"noi_dung\" ở ngoài");
            }
            for list in [
                &kt.value.purpose,
                &kt.value.requirements,
                &kt.value.contents,
                &kt.value.method,
                &kt.value.members,
                &kt.value.subjects,
                &kt.value.implementation,
                &kt.value.implementation_end,
            ] {
                check_nodes(list, &mut |e| errs.push(e));
            }
            let plan_date = date.and_then(|d| d.full());
            errs.take(crate::inspection::check::check(
                sources, &kt.value, plan_date, base_dir,
            ))
        }
    }
}

fn check_nodes(list: &NodeList, err: &mut impl FnMut(Error)) {
    for n in list {
        match &n.value {
            Node::Heading { children, .. }
            | Node::Item { children, .. }
            | Node::Part { children, .. }
            | Node::Article { children, .. } => check_nodes(children, err),
            Node::Dashes(items) => check_nodes(items, err),
            Node::Table(t) => check_table(t, err),
            Node::Styled(_) | Node::Paragraph(_) | Node::PageBreak | Node::TaskSentences(_) => {}
        }
    }
}

pub fn parse_authority(s: &str) -> Option<Authority> {
    match s.trim().trim_end_matches('.').to_uppercase().as_str() {
        "TM" => Some(Authority::Tm),
        "KT" => Some(Authority::Kt),
        "TL" => Some(Authority::Tl),
        "TUQ" => Some(Authority::Tuq),
        "Q" => Some(Authority::Q),
        _ => None,
    }
}

/// Parse "2023-09-25", "25/9/2023", or a partial "/9/2023", "//2023".
pub fn parse_doc_date(s: &str) -> Result<DocDate, Error> {
    let s = s.trim();
    let bad = || {
        Error::new(
            Code::BadDate,
            format!(
                "ngày \"{s}\" không hợp lệ; cần dạng 25/9/2023 hoặc 2023-09-25 (bản nháp: /9/2023 hoặc //2023)"
            ),
        )
    };
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        use chrono::Datelike;
        return Ok(DocDate {
            day: Some(d.day()),
            month: Some(d.month()),
            year: d.year(),
        });
    }
    let parts: Vec<&str> = s.split('/').map(str::trim).collect();
    if parts.len() != 3 {
        return Err(bad());
    }
    let num = |p: &str| -> Result<Option<u32>, Error> {
        if p.is_empty() {
            Ok(None)
        } else {
            p.parse::<u32>().map(Some).map_err(|_| bad())
        }
    };
    let day = num(parts[0])?;
    let month = num(parts[1])?;
    let year = parts[2].parse::<i32>().map_err(|_| bad())?;
    if !(1900..=2200).contains(&year) {
        return Err(bad());
    }
    if day.is_some() && month.is_none() {
        return Err(bad());
    }
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(Error::new(
            Code::BadDate,
            format!("tháng {m} không hợp lệ trong ngày \"{s}\""),
        ));
    }
    if let (Some(d), Some(m)) = (day, month)
        && chrono::NaiveDate::from_ymd_opt(year, m, d).is_none()
    {
        return Err(Error::new(
            Code::BadDate,
            format!("ngày \"{s}\" không tồn tại"),
        ));
    }
    Ok(DocDate { day, month, year })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_full_partial_and_bad() {
        assert_eq!(
            parse_doc_date("2024-02-05").unwrap(),
            DocDate {
                day: Some(5),
                month: Some(2),
                year: 2024
            }
        );
        assert_eq!(parse_doc_date("/9/2023").unwrap().day, None);
        assert_eq!(parse_doc_date("//2023").unwrap().month, None);
        assert!(parse_doc_date("31/2/2024").is_err());
        assert!(parse_doc_date("hôm qua").is_err());
        assert!(parse_doc_date("5//2023").is_err());
    }

    #[test]
    fn authority_prefixes() {
        assert_eq!(parse_authority("KT."), Some(Authority::Kt));
        assert_eq!(parse_authority("tm"), Some(Authority::Tm));
        assert_eq!(parse_authority("XX"), None);
    }
}
