//! Visit dates: on a working day inside the round, one place per team and day, before the
//! report deadline; the notice at least N working days before the visit and not before the
//! plan itself.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::round::RoundDates;
use super::{Errors, Unit, pos};
use crate::error::{Code, Pos};
use crate::format::{date_short, integer_padded};
use crate::inspection::model::Visit;
use crate::inspection::workdays::Calendar;

/// What every visit date is checked against.
pub(super) struct Schedule<'a> {
    pub calendar: &'a Calendar,
    pub round: &'a RoundDates,
    /// Working days between the notice and the visit (quy_tac.thong_bao_truoc).
    pub notice_days: u32,
    /// Working days from the last visit to the results notice (quy_tac.thong_bao_ket_qua).
    pub results_days: u32,
    /// The plan's own date: no notice can go out before it.
    pub plan_date: Option<NaiveDate>,
    /// The plan prints a schedule annex, so every visit needs a date.
    pub annex: bool,
}

/// One unit in a team's list, already assigned to that team.
pub(super) struct VisitAt<'a> {
    /// "Đoàn kiểm tra số 01".
    pub team: &'a str,
    pub unit: usize,
    pub name: &'a str,
    pub pos: Option<Pos>,
    pub spec: &'a Visit,
}

/// Check the visit's date and notice and record them on the unit. `by_day` is the team's
/// visits so far, by date.
pub(super) fn check_visit(
    s: &Schedule,
    v: &VisitAt,
    by_day: &mut HashMap<NaiveDate, usize>,
    units: &mut [Unit],
    errs: &mut Errors,
) {
    let (tname, name) = (v.team, v.name);
    let Some(ds) = &v.spec.date else {
        if s.annex {
            errs.push(
                Code::MissingKey,
                v.pos,
                format!(
                    "{tname}, đơn vị \"{name}\": chưa có ngày kiểm tra (ngay) mà kế hoạch có phụ lục lịch kiểm tra (phu_luc_lich)"
                ),
            );
        }
        return;
    };
    let Some(day) = errs.date(ds) else {
        return;
    };
    let dp = pos(ds);
    let who = format!("{tname}, đơn vị \"{name}\"");
    units[v.unit].visit = Some(day);
    if let Err(m) = s.calendar.check_covered(day) {
        errs.push(Code::OutOfRange, dp, m);
        return;
    }
    if let Some(off) = s.calendar.day_off(day) {
        errs.push(
            Code::Conflict,
            dp,
            format!(
                "{who}: ngày kiểm tra {} là {off}, không phải ngày làm việc",
                date_short(day)
            ),
        );
    }
    if let (Some(a), Some(b)) = (s.round.start, s.round.end)
        && (day < a || day > b)
    {
        errs.push(
            Code::OutOfRange,
            dp,
            format!(
                "{who}: ngày kiểm tra {} nằm ngoài đợt kiểm tra ({} - {})",
                date_short(day),
                date_short(a),
                date_short(b)
            ),
        );
    }
    if let Some(&other) = by_day.get(&day) {
        errs.push(
            Code::Conflict,
            dp,
            format!(
                "{tname} có hai cuộc kiểm tra cùng ngày {}: \"{}\" và \"{name}\"; mỗi ngày đoàn chỉ làm việc tại một nơi",
                date_short(day),
                units[other].name
            ),
        );
    } else {
        by_day.insert(day, v.unit);
    }
    if let Some(r) = s.round.report_by
        && day > r
    {
        errs.push(
            Code::Conflict,
            dp,
            format!(
                "{who}: ngày kiểm tra {} sau hạn gửi báo cáo kết quả kiểm tra ({})",
                date_short(day),
                date_short(r)
            ),
        );
    }
    if let Some(n) = notice(s, v, &who, day, dp, errs) {
        units[v.unit].notice = Some(n);
    }
}

/// The notice date for a visit on `day` (at `dp`): as given, or the latest the rule allows.
/// `None` when it cannot be worked out (reported).
fn notice(
    s: &Schedule,
    v: &VisitAt,
    who: &str,
    day: NaiveDate,
    dp: Option<Pos>,
    errs: &mut Errors,
) -> Option<NaiveDate> {
    // At least N working days before the visit.
    let latest = match s.calendar.sub(day, s.notice_days) {
        Ok(d) => d,
        Err(m) => {
            errs.push(Code::OutOfRange, dp, m);
            return None;
        }
    };
    let (notice, notice_pos) = match &v.spec.notice {
        Some(ns) => {
            let n = errs.date(ns)?;
            if n > latest {
                errs.push(
                    Code::Conflict,
                    pos(ns),
                    format!(
                        "{who}: thông báo kiểm tra ngày {} không đủ {} ngày làm việc trước ngày kiểm tra {} (chậm nhất ngày {})",
                        date_short(n),
                        integer_padded(s.notice_days as i64, 2),
                        date_short(day),
                        date_short(latest)
                    ),
                );
            }
            (n, pos(ns))
        }
        None => (latest, dp),
    };
    if let Some(pd) = s.plan_date
        && notice < pd
    {
        errs.push(
            Code::Conflict,
            notice_pos,
            format!(
                "{who}: thông báo kiểm tra phải gửi chậm nhất ngày {}, trước ngày ban hành kế hoạch ({}); hãy lùi ngày kiểm tra",
                date_short(notice),
                date_short(pd)
            ),
        );
    }
    Some(notice)
}
