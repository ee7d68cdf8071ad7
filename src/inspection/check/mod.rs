//! Checking an inspection plan: every unit inspected by exactly one team, known units in the
//! schedule, visit dates on working days inside the round, one place per team and day, the
//! notice at least N working days before each visit, reports after the last visit; outlines
//! without empty items; extra questions attached to units that answer that outline. The
//! result is the typed [`Plan`] the templates and checklists read.
//!
//! One submodule per step (round, outlines, units, teams with their schedule, extras); [`check`]
//! runs them in document order, so errors come out in the order the user reads the file.

mod extras;
mod outlines;
mod plan;
mod round;
mod schedule;
mod teams;
mod units;

use std::path::Path;

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use super::model::InspectionSpec;
use crate::error::{Code, Diagnostics, Error, Pos};

pub use plan::{Extra, OutlinePlan, Plan, TeamPlan, Unit, UnitGroupPlan, join_and, team_name};

/// Errors in the order they are found, which is the order they are printed: the steps of
/// [`check`] run in document order (round, outlines, units, teams, extra questions).
struct Errors(Diagnostics);

impl Errors {
    fn push(&mut self, code: Code, p: Option<Pos>, m: String) {
        self.0.push(Error::new(code, m).with_pos(p));
    }

    /// The date in `s`, or `None` once the reason it is not one is reported.
    fn date(&mut self, s: &Spanned<String>) -> Option<NaiveDate> {
        match crate::format::parse_date(&s.value) {
            Ok(d) => Some(d),
            Err(m) => {
                self.push(Code::BadDate, pos(s), m);
                None
            }
        }
    }
}

fn pos<T>(s: &Spanned<T>) -> Option<Pos> {
    Pos::from_saphyr(&s.referenced)
}

/// Check the `kiem_tra` block. `plan_date` is the plan's own date (notices cannot go out
/// before it); `base_dir` resolves `tep_ngay_nghi`.
pub fn check(
    sources: &dyn crate::sources::Sources,
    kt: &InspectionSpec,
    plan_date: Option<NaiveDate>,
    base_dir: &Path,
) -> Result<Plan, Diagnostics> {
    let calendar = round::calendar(sources, kt, base_dir)?;
    let mut errs = Errors(Diagnostics::new());
    let round = round::check(kt, &calendar, &mut errs);
    let (mut outlines, outline_index) = outlines::check(kt, &mut errs);
    let mut roster = units::check(kt, &outlines, &outline_index, &mut errs);
    let rules = &kt.rules;
    let schedule = schedule::Schedule {
        calendar: &calendar,
        round: &round,
        notice_days: rules.notice_days,
        results_days: rules.results_days,
        plan_date,
        annex: kt.schedule_annex,
    };
    let teams = teams::check(kt, &schedule, &mut roster, &mut errs);
    extras::attach(kt, &mut outlines, &mut roster, &mut errs);

    if !errs.0.is_empty() {
        return Err(errs.0);
    }
    Ok(Plan {
        calendar,
        start: round.start.expect("checked"),
        end: round.end.expect("checked"),
        register_by: round.register_by,
        report_by: round.report_by,
        report_to: rules
            .report_recipient
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        notice_days: rules.notice_days,
        results_days: rules.results_days,
        groups: roster.groups,
        units: roster.units,
        teams,
        outlines,
        schedule_annex: kt.schedule_annex,
        findings_lines: kt.checklist.finding_lines,
        checklist_subject: kt.checklist.subject.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small plan: two teams, two groups, one outline each.
    fn plan_yaml(visits_a: &str, visits_b: &str) -> String {
        format!(
            "thoi_gian: {{tu_ngay: 25/08/2025, den_ngay: 12/09/2025}}
quy_tac: {{han_bao_cao: 19/09/2025}}
nhom_don_vi:
  - ten: Sở, ngành
    de_cuong: A
    don_vi: [Sở Tư pháp, {{ten: Sở Y tế, loai: y-te}}]
  - ten: UBND cấp xã
    de_cuong: B
    don_vi: [Xã Một, Xã Hai]
doan:
  - truong_doan: Công an tỉnh
    don_vi: {visits_a}
  - truong_doan: Sở Nội vụ
    don_vi: {visits_b}
de_cuong:
  - ma: A
    tieu_de: Đề cương A
    noi_dung: [{{muc: Chỉ đạo}}]
    cau_hoi_them:
      - {{ap_dung: [Sở Tư pháp], cau_hoi: [Hộ tịch?]}}
      - {{ap_dung: [y-te], tieu_de: Đối với ngành y tế, cau_hoi: [Khám bệnh?]}}
      - {{con_lai: true, cau_hoi: [Khác?]}}
  - ma: B
    tieu_de: Đề cương B
    noi_dung: [{{muc: Chỉ đạo}}]
"
        )
    }

    fn run(yaml: &str) -> Result<Plan, Diagnostics> {
        let kt: InspectionSpec = crate::load::parse_yaml(yaml).unwrap();
        check(
            &crate::sources::FileSystem,
            &kt,
            NaiveDate::from_ymd_opt(2025, 8, 20),
            Path::new("."),
        )
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn messages(r: Result<Plan, Diagnostics>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn notice_and_results_dates_skip_weekend_and_holiday() {
        let p = run(&plan_yaml(
            "[{ten: Sở Tư pháp, ngay: 28/08/2025}, {ten: Xã Một, ngay: 03/09/2025}]",
            "[{ten: Sở Y tế, ngay: 26/08/2025}, {ten: Xã Hai, ngay: 04/09/2025, thong_bao: 29/08/2025}]",
        ))
        .unwrap();
        let unit = |n: &str| p.units.iter().find(|u| u.name == n).unwrap();
        // Wed 3/9: back over Quốc khánh (Tue 2/9, Mon 1/9) and the weekend.
        assert_eq!(unit("Xã Một").notice, Some(d(8, 28)));
        // Thu 28/8 - 2 working days = Tue 26/8.
        assert_eq!(unit("Sở Tư pháp").notice, Some(d(8, 26)));
        // A given notice date is kept.
        assert_eq!(unit("Xã Hai").notice, Some(d(8, 29)));
        // Results: Wed 3/9 + 5 working days = Wed 10/9; Thu 4/9 + 5 = Thu 11/9.
        assert_eq!(p.teams[0].results_due, Some(d(9, 10)));
        assert_eq!(p.teams[1].results_due, Some(d(9, 11)));
        assert_eq!(p.teams[0].last_visit, Some(d(9, 3)));
    }

    #[test]
    fn extra_questions_go_to_the_right_units() {
        let p = run(&plan_yaml("[Sở Tư pháp, Xã Một]", "[Sở Y tế, Xã Hai]")).unwrap();
        let extras = |n: &str| -> Vec<String> {
            let u = p.units.iter().position(|u| u.name == n).unwrap();
            p.units[u]
                .extras
                .iter()
                .map(|x| p.outline_of(u).extras[*x].heading.clone())
                .collect()
        };
        assert_eq!(extras("Sở Tư pháp"), ["Đối với Sở Tư pháp"]);
        assert_eq!(extras("Sở Y tế"), ["Đối với ngành y tế"]);
        assert!(extras("Xã Một").is_empty());
        // "con_lai" goes to the outline's units no other set names: none left here.
        assert!(!extras("Sở Tư pháp").contains(&"Đối với các cơ quan, đơn vị khác".into()));
    }

    #[test]
    fn assignment_errors_name_team_and_unit() {
        let m = messages(run(&plan_yaml(
            "[Sở Tư pháp, Xã Một, Xã Ba]",
            "[Sở Tư pháp]",
        )));
        let all = m.join("\n");
        assert!(
            all.contains("Đoàn kiểm tra số 01: đơn vị \"Xã Ba\" không có trong danh sách"),
            "{all}"
        );
        assert!(
            all.contains("đơn vị \"Sở Tư pháp\" được giao cho hai đoàn: Đoàn kiểm tra số 01"),
            "{all}"
        );
        assert!(
            all.contains("\"Sở Y tế\" chưa được giao cho đoàn kiểm tra nào"),
            "{all}"
        );
        assert!(all.contains("\"Xã Hai\" chưa được giao"), "{all}");
    }

    #[test]
    fn schedule_rules_are_enforced() {
        let m = messages(run(&plan_yaml(
            // Sat 30/8; a holiday; two places on 4/9; a late notice; outside the round.
            "[{ten: Sở Tư pháp, ngay: 30/08/2025}, {ten: Xã Một, ngay: 02/09/2025}, {ten: Xã Hai, ngay: 15/09/2025}]",
            "[{ten: Sở Y tế, ngay: 04/09/2025, thong_bao: 03/09/2025}]",
        )));
        let all = m.join("\n");
        assert!(all.contains("ngày kiểm tra 30/8/2025 là thứ Bảy"), "{all}");
        assert!(all.contains("02/9/2025 là ngày nghỉ (Quốc khánh)"), "{all}");
        assert!(all.contains("nằm ngoài đợt kiểm tra"), "{all}");
        assert!(
            all.contains("Đoàn kiểm tra số 02, đơn vị \"Sở Y tế\": thông báo kiểm tra ngày 03/9/2025 không đủ 02 ngày làm việc"),
            "{all}"
        );
        let m = messages(run(&plan_yaml(
            "[{ten: Sở Tư pháp, ngay: 04/09/2025}, {ten: Xã Một, ngay: 04/09/2025}]",
            "[{ten: Sở Y tế, ngay: 21/08/2025}, Xã Hai]",
        )));
        let all = m.join("\n");
        assert!(
            all.contains("Đoàn kiểm tra số 01 có hai cuộc kiểm tra cùng ngày 04/9/2025"),
            "{all}"
        );
        // Visit on 21/8 needs a notice by 19/8, before the plan's date (20/8).
        assert!(all.contains("trước ngày ban hành kế hoạch"), "{all}");
    }

    #[test]
    fn extra_questions_for_another_outline_are_rejected() {
        let y = plan_yaml("[Sở Tư pháp, Xã Một]", "[Sở Y tế, Xã Hai]")
            .replace("ap_dung: [Sở Tư pháp]", "ap_dung: [Xã Một]");
        let all = messages(run(&y)).join("\n");
        assert!(
            all.contains("\"Xã Một\" trả lời đề cương B, không phải đề cương A"),
            "{all}"
        );
    }
}
