//! Checking an inspection plan: every unit inspected by exactly one team, known units in the
//! schedule, visit dates on working days inside the round, one place per team and day, the
//! notice at least N working days before each visit, reports after the last visit; outlines
//! without empty items; extra questions attached to units that answer that outline. The
//! result is the typed [`Plan`] the templates and checklists read.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use super::model::{KiemTra, Visit};
use super::outline::{self, OutlineItem};
use super::workdays::Calendar;
use crate::error::{Error, Pos};
use crate::format::date_short;

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub calendar: Calendar,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub register_by: Option<NaiveDate>,
    pub report_by: Option<NaiveDate>,
    pub report_to: Option<String>,
    pub notice_days: u32,
    pub results_days: u32,
    pub groups: Vec<Group>,
    pub units: Vec<Unit>,
    pub teams: Vec<TeamPlan>,
    pub outlines: Vec<OutlinePlan>,
    pub schedule_annex: bool,
    pub findings_lines: u32,
    pub checklist_subject: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: String,
    pub outline: usize,
    pub units: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub name: String,
    pub kind: Option<String>,
    pub group: usize,
    pub team: usize,
    pub visit: Option<NaiveDate>,
    /// The date the notice goes out: as given, or the latest date the rule allows.
    pub notice: Option<NaiveDate>,
    /// Indices into the unit's outline's `extras`.
    pub extras: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamPlan {
    pub number: u32,
    pub lead: String,
    pub lead_person: Option<String>,
    pub members: Vec<String>,
    pub secretary: Option<String>,
    /// Units in visiting order.
    pub units: Vec<usize>,
    pub last_visit: Option<NaiveDate>,
    /// The results notice is due by this date.
    pub results_due: Option<NaiveDate>,
}

impl TeamPlan {
    /// "Đoàn kiểm tra số 01".
    pub fn name(&self) -> String {
        team_name(self.number)
    }
}

pub fn team_name(n: u32) -> String {
    format!(
        "Đoàn kiểm tra số {}",
        crate::format::integer_padded(n as i64, 2)
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlinePlan {
    pub code: String,
    pub title: String,
    pub period: Option<String>,
    pub items: Vec<OutlineItem>,
    pub extras: Vec<Extra>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// "Đối với Sở Tư pháp".
    pub heading: String,
    pub basis: Option<String>,
    pub questions: Vec<String>,
}

fn pos<T>(s: &Spanned<T>) -> Option<Pos> {
    Pos::from_saphyr(&s.referenced)
}

fn visit_pos(v: &Spanned<Visit>) -> Option<Pos> {
    pos(&v.value.ten).or_else(|| pos(v))
}

/// Check the `kiem_tra` block. `plan_date` is the plan's own date (notices cannot go out
/// before it); `base_dir` resolves `tep_ngay_nghi`.
pub fn check(
    kt: &KiemTra,
    plan_date: Option<NaiveDate>,
    base_dir: &Path,
) -> Result<Plan, Vec<Error>> {
    let mut errs: Vec<Error> = Vec::new();
    let mut err = |p: Option<Pos>, m: String| errs.push(Error::data(m).with_pos(p));

    let calendar = match &kt.tep_ngay_nghi {
        None => Calendar::builtin(),
        Some(p) => match Calendar::from_file(&base_dir.join(&p.value)) {
            Ok(c) => c,
            Err(mut file_errs) => {
                // Say which key pointed at the broken file.
                for e in &mut file_errs {
                    e.message = format!("{} (tệp ngày nghỉ của kiem_tra.tep_ngay_nghi)", e.message);
                }
                return Err(file_errs);
            }
        },
    };

    let date =
        |s: &Spanned<String>, err: &mut dyn FnMut(Option<Pos>, String)| -> Option<NaiveDate> {
            match crate::format::parse_date(&s.value) {
                Ok(d) => Some(d),
                Err(m) => {
                    err(pos(s), m);
                    None
                }
            }
        };

    // The round.
    let start = date(&kt.thoi_gian.value.tu_ngay, &mut err);
    let end = date(&kt.thoi_gian.value.den_ngay, &mut err);
    if let (Some(a), Some(b)) = (start, end)
        && b < a
    {
        err(
            pos(&kt.thoi_gian.value.den_ngay),
            format!(
                "ngày kết thúc đợt kiểm tra {} trước ngày bắt đầu {}",
                date_short(b),
                date_short(a)
            ),
        );
    }
    for (d, s) in [
        (start, &kt.thoi_gian.value.tu_ngay),
        (end, &kt.thoi_gian.value.den_ngay),
    ] {
        if let Some(d) = d
            && let Err(m) = calendar.check_covered(d)
        {
            err(pos(s), m);
        }
    }
    let rules = &kt.quy_tac;
    let register_by = rules
        .han_dang_ky_lich
        .as_ref()
        .and_then(|s| date(s, &mut err));
    let report_by = rules.han_bao_cao.as_ref().and_then(|s| date(s, &mut err));
    if let (Some(r), Some(e)) = (report_by, end)
        && r < e
    {
        err(
            rules.han_bao_cao.as_ref().and_then(pos),
            format!(
                "hạn gửi báo cáo {} trước ngày kết thúc đợt kiểm tra {}",
                date_short(r),
                date_short(e)
            ),
        );
    }

    // Outlines.
    let mut outlines = Vec::new();
    let mut outline_index: HashMap<String, usize> = HashMap::new();
    for o in &kt.de_cuong {
        let code = o.value.ma.value.trim().to_string();
        if code.is_empty() {
            err(
                pos(&o.value.ma),
                "đề cương thiếu mã (ma), ví dụ A, B".into(),
            );
        } else if outline_index.contains_key(&code) {
            err(pos(&o.value.ma), format!("mã đề cương \"{code}\" bị trùng"));
        } else {
            outline_index.insert(code.clone(), outlines.len());
        }
        if o.value.noi_dung.is_empty() {
            err(
                pos(o),
                format!("đề cương {code} chưa có mục nào (noi_dung)"),
            );
        }
        for (p, m) in outline::check(&o.value.noi_dung, &code) {
            err(p.or(pos(o)), m);
        }
        outlines.push(OutlinePlan {
            code,
            title: o.value.tieu_de.trim().to_string(),
            period: o
                .value
                .so_lieu
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            items: outline::flatten(&o.value.noi_dung),
            extras: Vec::new(),
        });
    }

    // Groups and units.
    let mut groups = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    let mut unit_pos: Vec<Option<Pos>> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for g in &kt.nhom_don_vi {
        let label = g.value.ten.trim().to_string();
        let code = g.value.de_cuong.value.trim();
        let outline = match outline_index.get(code) {
            Some(i) => *i,
            None => {
                err(
                    pos(&g.value.de_cuong),
                    format!(
                        "nhóm \"{label}\": không có đề cương mã \"{code}\"; các mã đã khai báo: {}",
                        outlines
                            .iter()
                            .map(|o| o.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                0
            }
        };
        let gi = groups.len();
        let mut members = Vec::new();
        for u in &g.value.don_vi {
            let name = u.value.ten.trim().to_string();
            if name.is_empty() {
                err(pos(u), format!("nhóm \"{label}\": tên đơn vị để trống"));
                continue;
            }
            if let Some(&other) = by_name.get(&name) {
                err(
                    pos(u),
                    format!(
                        "đơn vị \"{name}\" được khai báo hai lần (lần đầu ở dòng {})",
                        unit_pos[other].map(|p| p.line).unwrap_or(0)
                    ),
                );
                continue;
            }
            by_name.insert(name.clone(), units.len());
            members.push(units.len());
            unit_pos.push(pos(u));
            units.push(Unit {
                name,
                kind: u
                    .value
                    .loai
                    .as_ref()
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty()),
                group: gi,
                team: usize::MAX,
                visit: None,
                notice: None,
                extras: Vec::new(),
            });
        }
        groups.push(Group {
            label,
            outline,
            units: members,
        });
    }
    if units.is_empty() {
        err(
            kt.nhom_don_vi.first().and_then(pos),
            "kiem_tra chưa có đơn vị được kiểm tra (nhom_don_vi)".into(),
        );
    }

    // Teams, assignments and the schedule.
    let mut teams = Vec::new();
    let mut numbers: BTreeMap<u32, Option<Pos>> = BTreeMap::new();
    let mut assigned_at: Vec<Option<(usize, Option<Pos>)>> = vec![None; units.len()];
    for (ti, t) in kt.doan.iter().enumerate() {
        let number = t
            .value
            .so
            .as_ref()
            .map(|s| s.value)
            .unwrap_or(ti as u32 + 1);
        let tname = team_name(number);
        let npos = t.value.so.as_ref().and_then(pos).or(pos(t));
        if let Some(first) = numbers.get(&number) {
            err(
                npos,
                format!(
                    "{tname} bị trùng số hiệu (đã dùng ở dòng {})",
                    first.map(|p| p.line).unwrap_or(0)
                ),
            );
        }
        numbers.insert(number, npos);
        let mut visits: Vec<usize> = Vec::new();
        let mut by_day: HashMap<NaiveDate, usize> = HashMap::new();
        for v in &t.value.don_vi {
            let vp = visit_pos(v);
            let name = v.value.ten.value.trim();
            let Some(&ui) = by_name.get(name) else {
                err(
                    vp,
                    format!(
                        "{tname}: đơn vị \"{name}\" không có trong danh sách đơn vị được kiểm tra (nhom_don_vi)"
                    ),
                );
                continue;
            };
            if let Some((other, other_pos)) = assigned_at[ui] {
                let other_name = &teams
                    .get(other)
                    .map(|t: &TeamPlan| t.name())
                    .unwrap_or_else(|| tname.clone());
                err(
                    vp,
                    format!(
                        "đơn vị \"{name}\" được giao cho hai đoàn: {other_name} (dòng {}) và {tname}; mỗi đơn vị chỉ do một đoàn kiểm tra",
                        other_pos.map(|p| p.line).unwrap_or(0)
                    ),
                );
                continue;
            }
            assigned_at[ui] = Some((ti, vp));
            units[ui].team = ti;
            visits.push(ui);

            let Some(ds) = &v.value.ngay else {
                if kt.phu_luc_lich {
                    err(
                        vp,
                        format!(
                            "{tname}, đơn vị \"{name}\": chưa có ngày kiểm tra (ngay) mà kế hoạch có phụ lục lịch kiểm tra (phu_luc_lich)"
                        ),
                    );
                }
                continue;
            };
            let Some(day) = date(ds, &mut err) else {
                continue;
            };
            let dp = pos(ds);
            let who = format!("{tname}, đơn vị \"{name}\"");
            units[ui].visit = Some(day);
            if let Err(m) = calendar.check_covered(day) {
                err(dp, m);
                continue;
            }
            if let Some(off) = calendar.day_off(day) {
                err(
                    dp,
                    format!(
                        "{who}: ngày kiểm tra {} là {off}, không phải ngày làm việc",
                        date_short(day)
                    ),
                );
            }
            if let (Some(a), Some(b)) = (start, end)
                && (day < a || day > b)
            {
                err(
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
                err(
                    dp,
                    format!(
                        "{tname} có hai cuộc kiểm tra cùng ngày {}: \"{}\" và \"{name}\"; mỗi ngày đoàn chỉ làm việc tại một nơi",
                        date_short(day),
                        units[other].name
                    ),
                );
            } else {
                by_day.insert(day, ui);
            }
            if let Some(r) = report_by
                && day > r
            {
                err(
                    dp,
                    format!(
                        "{who}: ngày kiểm tra {} sau hạn gửi báo cáo kết quả kiểm tra ({})",
                        date_short(day),
                        date_short(r)
                    ),
                );
            }
            // The notice: at least N working days before the visit.
            let latest = match calendar.sub(day, rules.thong_bao_truoc) {
                Ok(d) => d,
                Err(m) => {
                    err(dp, m);
                    continue;
                }
            };
            let notice = match &v.value.thong_bao {
                Some(ns) => {
                    let Some(n) = date(ns, &mut err) else {
                        continue;
                    };
                    if n > latest {
                        err(
                            pos(ns),
                            format!(
                                "{who}: thông báo kiểm tra ngày {} không đủ {} ngày làm việc trước ngày kiểm tra {} (chậm nhất ngày {})",
                                date_short(n),
                                crate::format::integer_padded(rules.thong_bao_truoc as i64, 2),
                                date_short(day),
                                date_short(latest)
                            ),
                        );
                    }
                    (n, pos(ns))
                }
                None => (latest, dp),
            };
            if let Some(pd) = plan_date
                && notice.0 < pd
            {
                err(
                    notice.1,
                    format!(
                        "{who}: thông báo kiểm tra phải gửi chậm nhất ngày {}, trước ngày ban hành kế hoạch ({}); hãy lùi ngày kiểm tra",
                        date_short(notice.0),
                        date_short(pd)
                    ),
                );
            }
            units[ui].notice = Some(notice.0);
        }
        // Visiting order: by date where dated (stable for undated units).
        visits.sort_by_key(|u| units[*u].visit);
        let last_visit = visits.iter().filter_map(|u| units[*u].visit).max();
        let results_due = match last_visit {
            Some(d) => match calendar.add(d, rules.thong_bao_ket_qua) {
                Ok(r) => Some(r),
                Err(m) => {
                    err(pos(t), format!("{tname}: {m}"));
                    None
                }
            },
            None => None,
        };
        teams.push(TeamPlan {
            number,
            lead: t.value.truong_doan.trim().to_string(),
            lead_person: t
                .value
                .ho_ten_truong_doan
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            members: t
                .value
                .thanh_vien
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            secretary: t
                .value
                .thu_ky
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            units: visits,
            last_visit,
            results_due,
        });
    }
    for (ui, u) in units.iter().enumerate() {
        if assigned_at[ui].is_none() {
            err(
                unit_pos[ui],
                format!(
                    "đơn vị \"{}\" chưa được giao cho đoàn kiểm tra nào; hãy thêm vào don_vi của một đoàn",
                    u.name
                ),
            );
        }
    }

    // Extra questions, attached to units of the outline's groups.
    for (oi, o) in kt.de_cuong.iter().enumerate() {
        if oi >= outlines.len() {
            break;
        }
        let code = outlines[oi].code.clone();
        let own: Vec<usize> = (0..units.len())
            .filter(|u| groups[units[*u].group].outline == oi)
            .collect();
        let mut named_any = vec![false; units.len()];
        let mut rest_sets = Vec::new();
        for set in &o.value.cau_hoi_them {
            let s = &set.value;
            let xi = outlines[oi].extras.len();
            let mut targets: Vec<usize> = Vec::new();
            if s.con_lai && !s.ap_dung.is_empty() {
                err(
                    pos(set),
                    format!(
                        "đề cương {code}: câu hỏi bổ sung dùng \"ap_dung\" hoặc \"con_lai\", không dùng cả hai"
                    ),
                );
            } else if !s.con_lai && s.ap_dung.is_empty() {
                err(
                    pos(set),
                    format!(
                        "đề cương {code}: câu hỏi bổ sung cần \"ap_dung\" (tên hoặc loại đơn vị) hoặc \"con_lai: true\""
                    ),
                );
            }
            for a in &s.ap_dung {
                let name = a.value.trim();
                if let Some(&ui) = by_name.get(name) {
                    if groups[units[ui].group].outline != oi {
                        err(
                            pos(a),
                            format!(
                                "đề cương {code}: đơn vị \"{name}\" trả lời đề cương {}, không phải đề cương {code}",
                                outlines[groups[units[ui].group].outline].code
                            ),
                        );
                    } else {
                        targets.push(ui);
                    }
                    continue;
                }
                let of_kind: Vec<usize> = own
                    .iter()
                    .copied()
                    .filter(|u| units[*u].kind.as_deref() == Some(name))
                    .collect();
                if of_kind.is_empty() {
                    err(
                        pos(a),
                        format!(
                            "đề cương {code}: \"{name}\" không phải tên hay loại (loai) của đơn vị nào trả lời đề cương này"
                        ),
                    );
                }
                targets.extend(of_kind);
            }
            for q in &s.cau_hoi {
                if q.value.trim().is_empty() {
                    err(
                        pos(q),
                        format!("đề cương {code}: câu hỏi bổ sung để trống nội dung"),
                    );
                }
            }
            let heading = match s
                .tieu_de
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
            {
                Some(t) => t.to_string(),
                None if s.con_lai => "Đối với các cơ quan, đơn vị khác".to_string(),
                None => format!(
                    "Đối với {}",
                    join_and(
                        &s.ap_dung
                            .iter()
                            .map(|a| a.value.trim().to_string())
                            .collect::<Vec<_>>()
                    )
                ),
            };
            outlines[oi].extras.push(Extra {
                heading,
                basis: s
                    .can_cu
                    .as_ref()
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty()),
                questions: s
                    .cau_hoi
                    .iter()
                    .map(|q| q.value.trim().to_string())
                    .collect(),
            });
            if s.con_lai {
                rest_sets.push(xi);
            }
            targets.sort_unstable();
            targets.dedup();
            for ui in targets {
                named_any[ui] = true;
                units[ui].extras.push(xi);
            }
        }
        for xi in rest_sets {
            for &ui in &own {
                if !named_any[ui] {
                    units[ui].extras.push(xi);
                }
            }
        }
    }

    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Plan {
        calendar,
        start: start.expect("checked"),
        end: end.expect("checked"),
        register_by,
        report_by,
        report_to: rules
            .noi_nhan_bao_cao
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        notice_days: rules.thong_bao_truoc,
        results_days: rules.thong_bao_ket_qua,
        groups,
        units,
        teams,
        outlines,
        schedule_annex: kt.phu_luc_lich,
        findings_lines: kt.phieu.so_dong_nhan_xet,
        checklist_subject: kt.phieu.trich_yeu.clone(),
    })
}

/// "A", "A và B", "A, B và C".
pub fn join_and(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} và {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

impl Plan {
    /// Units in checklist order: by team, then visiting order.
    pub fn units_in_order(&self) -> Vec<usize> {
        let mut teams: Vec<&TeamPlan> = self.teams.iter().collect();
        teams.sort_by_key(|t| t.number);
        teams.iter().flat_map(|t| t.units.iter().copied()).collect()
    }

    pub fn team_of(&self, unit: usize) -> &TeamPlan {
        &self.teams[self.units[unit].team]
    }

    pub fn outline_of(&self, unit: usize) -> &OutlinePlan {
        &self.outlines[self.groups[self.units[unit].group].outline]
    }
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

    fn run(yaml: &str) -> Result<Plan, Vec<Error>> {
        let kt: KiemTra = crate::load::parse_yaml(yaml).unwrap();
        check(&kt, NaiveDate::from_ymd_opt(2025, 8, 20), Path::new("."))
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn messages(r: Result<Plan, Vec<Error>>) -> Vec<String> {
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
