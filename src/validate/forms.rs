//! Checks of the blocks particular to the short forms (`gioi_thieu`, `nghi_phep`,
//! `phieu_gui`, `phieu_chuyen`): each only on its own kind, no blank text, real dates in
//! order, and the number of days of a leave (counted here, once, when not written).

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use super::pos_of;
use crate::error::{Code, Error};
use crate::format::date::parse_date;
use crate::inspection::workdays::Calendar;
use crate::kinds::DocKind;
use crate::model::DocumentSpec;

/// The typed values of the short forms' blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormValues {
    /// Giấy giới thiệu: "Giấy này có giá trị đến hết ngày …".
    pub valid_until: Option<NaiveDate>,
    /// Giấy nghỉ phép.
    pub leave: Option<LeaveDates>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveDates {
    pub applied_on: Option<NaiveDate>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// As written in `so_ngay`, or the working days from `from` to `to`.
    pub days: u32,
}

/// Check the short forms' blocks of `vb`, of kind `kind` (None when `loai` was wrong).
pub fn check_forms(
    vb: &DocumentSpec,
    kind: Option<&DocKind>,
    err: &mut impl FnMut(Error),
) -> FormValues {
    let placed = [
        (
            "gioi_thieu",
            "giay-gioi-thieu",
            vb.introduction.as_ref().map(pos_of),
        ),
        ("nghi_phep", "giay-nghi-phep", vb.leave.as_ref().map(pos_of)),
        ("phieu_gui", "phieu-gui", vb.dispatch.as_ref().map(pos_of)),
        (
            "phieu_chuyen",
            "phieu-chuyen",
            vb.transfer.as_ref().map(pos_of),
        ),
    ];
    let mut misplaced = false;
    for (key, own, pos) in placed {
        let (Some(pos), Some(kind)) = (pos, kind) else {
            continue;
        };
        if kind.id != own {
            misplaced = true;
            err(Error::new(
                Code::Conflict,
                format!(
                    "khóa \"{key}\" chỉ dùng cho loai: {own}, không dùng cho loại \"{}\"; \
                     ghi nội dung này trong noi_dung",
                    kind.id
                ),
            )
            .with_pos(pos));
        }
    }
    if misplaced {
        return FormValues::default();
    }

    let mut values = FormValues::default();
    if let Some(g) = &vb.introduction {
        let g = &g.value;
        not_blank(&g.person, "gioi_thieu.nguoi", err);
        for s in [&g.position, &g.sent_to, &g.purpose].into_iter().flatten() {
            not_blank(s, "gioi_thieu", err);
        }
        values.valid_until = g.valid_until.as_ref().and_then(|d| date(d, err));
    }
    if let Some(l) = &vb.leave {
        values.leave = check_leave(&l.value, err);
    }
    if let Some(p) = &vb.dispatch {
        let docs = &p.value.documents;
        if docs.value.is_empty() {
            err(Error::new(
                Code::Empty,
                "phieu_gui.tai_lieu cần ít nhất một văn bản, tài liệu gửi kèm",
            )
            .with_pos(pos_of(docs)));
        }
        if docs.value.iter().any(|d| d.trim().is_empty()) {
            err(
                Error::new(Code::Empty, "phieu_gui.tai_lieu có một dòng để trống")
                    .with_pos(pos_of(docs)),
            );
        }
    }
    if let Some(c) = &vb.transfer {
        not_blank(&c.value.document, "phieu_chuyen.van_ban", err);
        if let Some(a) = &c.value.action {
            not_blank(a, "phieu_chuyen.de", err);
        }
    }
    values
}

fn check_leave(l: &crate::model::forms::Leave, err: &mut impl FnMut(Error)) -> Option<LeaveDates> {
    not_blank(&l.person, "nghi_phep.nguoi", err);
    for s in [&l.position, &l.unit, &l.granted_by, &l.kind, &l.place]
        .into_iter()
        .flatten()
    {
        not_blank(s, "nghi_phep", err);
    }
    let applied_on = l.applied_on.as_ref().and_then(|d| date(d, err));
    let (from, to) = (date(&l.from, err)?, date(&l.to, err)?);
    if to < from {
        err(Error::new(
            Code::OutOfRange,
            format!(
                "nghi_phep.den_ngay ({}) trước tu_ngay ({}): ngày cuối cùng nghỉ phải từ ngày bắt đầu trở đi",
                to.format("%d/%m/%Y"),
                from.format("%d/%m/%Y")
            ),
        )
        .with_pos(pos_of(&l.to)));
        return None;
    }
    let days = match &l.days {
        Some(n) if n.value == 0 => {
            err(
                Error::new(Code::OutOfRange, "nghi_phep.so_ngay cần từ 1 trở lên")
                    .with_pos(pos_of(n)),
            );
            return None;
        }
        Some(n) => n.value,
        None => working_days(from, to)
            .map_err(|m| {
                err(Error::new(
                    Code::OutOfRange,
                    format!("{m}; hoặc ghi số ngày nghỉ bằng khóa nghi_phep.so_ngay"),
                )
                .with_pos(pos_of(&l.from)))
            })
            .ok()?,
    };
    if let Some(a) = applied_on.filter(|a| *a > from) {
        err(Error::new(
            Code::OutOfRange,
            format!(
                "nghi_phep.ngay_don ({}) sau ngày bắt đầu nghỉ ({}): đơn phải có trước khi nghỉ",
                a.format("%d/%m/%Y"),
                from.format("%d/%m/%Y")
            ),
        )
        .with_pos(l.applied_on.as_ref().and_then(pos_of)));
    }
    Some(LeaveDates {
        applied_on,
        from,
        to,
        days,
    })
}

/// The working days from `from` to `to`, both included, by the bundled holiday file.
fn working_days(from: NaiveDate, to: NaiveDate) -> Result<u32, String> {
    let calendar = Calendar::builtin();
    calendar.check_covered(from)?;
    calendar.check_covered(to)?;
    let n = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| calendar.is_workday(*d))
        .count();
    if n == 0 {
        return Err("từ tu_ngay đến den_ngay không có ngày làm việc nào".to_string());
    }
    Ok(n as u32)
}

fn date(s: &Spanned<String>, err: &mut impl FnMut(Error)) -> Option<NaiveDate> {
    parse_date(&s.value)
        .map_err(|m| err(Error::new(Code::BadDate, m).with_pos(pos_of(s))))
        .ok()
}

fn not_blank(s: &Spanned<String>, key: &str, err: &mut impl FnMut(Error)) {
    if s.value.trim().is_empty() {
        err(Error::new(Code::Empty, format!("{key}: nội dung để trống")).with_pos(pos_of(s)));
    }
}
