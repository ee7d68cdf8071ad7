//! The working-day calendar, the round's first and last day and the plan's deadlines.

use std::path::Path;

use chrono::NaiveDate;

use super::{Errors, pos};
use crate::error::{Code, Diagnostics};
use crate::format::date_short;
use crate::inspection::model::InspectionSpec;
use crate::inspection::workdays::Calendar;

/// The round and its deadlines; `None` where the date could not be read (already reported).
pub(super) struct RoundDates {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub register_by: Option<NaiveDate>,
    pub report_by: Option<NaiveDate>,
}

/// The built-in calendar, or the one `tep_ngay_nghi` points at. A broken file stops the
/// check: every date rule depends on it.
pub(super) fn calendar(
    sources: &dyn crate::sources::Sources,
    kt: &InspectionSpec,
    base_dir: &Path,
) -> Result<Calendar, Diagnostics> {
    let Some(p) = &kt.holiday_file else {
        return Ok(Calendar::builtin());
    };
    Calendar::from_file(sources, &base_dir.join(&p.value)).map_err(|file_errs| {
        // Say which key pointed at the broken file.
        file_errs.map(|mut e| {
            e.message = format!("{} (tệp ngày nghỉ của kiem_tra.tep_ngay_nghi)", e.message);
            e
        })
    })
}

/// Read the round's dates and deadlines: the round must not end before it starts, both ends
/// must be in the calendar, and reports cannot be due before the round ends.
pub(super) fn check(kt: &InspectionSpec, calendar: &Calendar, errs: &mut Errors) -> RoundDates {
    let round = &kt.round.value;
    let start = errs.date(&round.from);
    let end = errs.date(&round.to);
    if let (Some(a), Some(b)) = (start, end)
        && b < a
    {
        errs.push(
            Code::Conflict,
            pos(&round.to),
            format!(
                "ngày kết thúc đợt kiểm tra {} trước ngày bắt đầu {}",
                date_short(b),
                date_short(a)
            ),
        );
    }
    for (d, s) in [(start, &round.from), (end, &round.to)] {
        if let Some(d) = d
            && let Err(m) = calendar.check_covered(d)
        {
            errs.push(Code::OutOfRange, pos(s), m);
        }
    }
    let rules = &kt.rules;
    let register_by = rules
        .schedule_deadline_days
        .as_ref()
        .and_then(|s| errs.date(s));
    let report_by = rules
        .report_deadline_days
        .as_ref()
        .and_then(|s| errs.date(s));
    if let (Some(r), Some(e)) = (report_by, end)
        && r < e
    {
        errs.push(
            Code::Conflict,
            rules.report_deadline_days.as_ref().and_then(pos),
            format!(
                "hạn gửi báo cáo {} trước ngày kết thúc đợt kiểm tra {}",
                date_short(r),
                date_short(e)
            ),
        );
    }
    RoundDates {
        start,
        end,
        register_by,
        report_by,
    }
}
