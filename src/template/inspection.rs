//! Template contexts: `kiem_tra` for the plan (ke-hoach-kiem-tra.xml) and the whole context
//! of one checklist (phieu-kiem-tra.xml). Every figure, date and number is formatted here;
//! annex labels are not: compose gives them (see `crate::compose::annex`).

use serde_json::{Value, json};

use super::context::nodes;
use crate::format::{date_long, date_short, integer_padded};
use crate::inspection::check::{Plan, join_and};
use crate::inspection::model::InspectionSpec;
use crate::inspection::outline::ItemKind;
use crate::model::DocumentSpec;

/// The check box printed before "Đạt" and "Chưa đạt". U+2610 (☐) is missing from Liberation
/// Serif; U+25A1 (□) is in both Liberation Serif and Times New Roman.
pub const CHECK_BOX: char = '\u{25A1}';

fn padded(n: usize) -> String {
    integer_padded(n as i64, 2)
}

/// The plan's values. Its own annexes (teams, outlines, the schedule when `phu_luc_lich`)
/// are the template's to lay out; the template refers to them by id (`<annexref>`) and
/// compose prints the labels they get.
pub fn plan(kt: &InspectionSpec, p: &Plan) -> Value {
    let mut teams: Vec<_> = p.teams.iter().collect();
    teams.sort_by_key(|t| t.number);
    // Schedule rows are numbered straight through all teams.
    let mut row = 0usize;
    let doan: Vec<Value> = teams
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut members = vec![format!("{} (Trưởng đoàn)", t.lead)];
            members.extend(t.members.iter().cloned());
            let nhom: Vec<Value> = p
                .groups
                .iter()
                .filter_map(|g| {
                    let names: Vec<&str> = g
                        .units
                        .iter()
                        .filter(|u| t.units.contains(u))
                        .map(|u| p.units[*u].name.as_str())
                        .collect();
                    (!names.is_empty()).then(|| {
                        json!({"ten": g.label, "don_vi": format!("{}.", names.join("; "))})
                    })
                })
                .collect();
            let lich: Vec<Value> = t
                .units
                .iter()
                .map(|u| {
                    let unit = &p.units[*u];
                    row += 1;
                    json!({
                        "stt": row,
                        "don_vi": unit.name,
                        "ngay": unit.visit.map(|d| format!("{}, {}", crate::inspection::workdays::weekday_name(d), date_short(d))),
                        "thong_bao": unit.notice.map(date_short),
                    })
                })
                .collect();
            json!({
                "stt": i + 1,
                "so": padded(t.number as usize),
                "ten": t.name(),
                "truong_doan": t.lead,
                "thanh_phan": format!("{}.", members.join("; ")),
                "thu_ky": t.secretary,
                "nhom": nhom,
                "lich": lich,
                "ket_thuc": t.last_visit.map(date_short),
                "han_thong_bao_ket_qua": t.results_due.map(date_short),
            })
        })
        .collect();
    let leads: Vec<String> = teams.iter().map(|t| t.lead.clone()).collect();
    let nhom: Vec<Value> = p
        .groups
        .iter()
        .map(|g| json!({"ten": g.label, "so_don_vi": padded(g.units.len())}))
        .collect();
    let de_cuong: Vec<Value> = p
        .outlines
        .iter()
        .zip(&kt.outlines)
        .map(|(o, src)| {
            let users: Vec<String> = p
                .groups
                .iter()
                .filter(|g| p.outlines[g.outline].code == o.code)
                .map(|g| g.label.clone())
                .collect();
            json!({
                "ma": o.code,
                "ap_dung": join_and(&users),
                "tieu_de": crate::format::upper(&o.title),
                "so_lieu": o.period,
                "noi_dung": nodes(&src.value.body, None),
                "cau_hoi_them": o.extras.iter().map(|x| json!({
                    "tieu_de": x.heading,
                    "can_cu": x.basis,
                    "cau_hoi": x.questions.iter().enumerate()
                        .map(|(i, q)| format!("({}) {q}", i + 1)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "muc_dich": nodes(&kt.purpose, None),
        "yeu_cau": nodes(&kt.requirements, None),
        "noi_dung": nodes(&kt.contents, None),
        "phuong_phap": nodes(&kt.method, None),
        "thanh_phan": nodes(&kt.members, None),
        "doi_tuong": nodes(&kt.subjects, None),
        "to_chuc_thuc_hien": nodes(&kt.implementation, None),
        "to_chuc_thuc_hien_cuoi": nodes(&kt.implementation_end, None),
        "so_doan": padded(p.teams.len()),
        "truong_doan": join_and(&leads),
        "doan": doan,
        "nhom": nhom,
        "tong_don_vi": padded(p.units.len()),
        "tu_ngay": date_short(p.start),
        "den_ngay": date_short(p.end),
        "han_dang_ky_lich": p.register_by.map(date_short),
        "han_bao_cao": p.report_by.map(date_short),
        "noi_nhan_bao_cao": p.report_to,
        "thong_bao_truoc": padded(p.notice_days as usize),
        "thong_bao_ket_qua": padded(p.results_days as usize),
        "de_cuong": de_cuong,
        "ma_de_cuong": p.outlines.iter().map(|o| o.code.clone()).collect::<Vec<_>>(),
        "phu_luc_lich": p.schedule_annex,
    })
}

/// The context of the checklist of unit `u`.
pub fn checklist(vb: &DocumentSpec, p: &Plan, u: usize) -> Value {
    let unit = &p.units[u];
    let team = p.team_of(u);
    let outline = p.outline_of(u);
    let boxes = format!("{CHECK_BOX} Đạt");
    let not_ok = format!("{CHECK_BOX} Chưa đạt");
    let rows: Vec<Value> = outline
        .items
        .iter()
        .map(|i| {
            let tick = !i.has_children && i.kind != ItemKind::Text;
            json!({
                "stt": i.number,
                "text": i.text,
                "dam": i.kind == ItemKind::Heading || (i.has_children && i.depth == 0),
                "nghieng": i.kind == ItemKind::Text,
                "danh_dau": tick,
            })
        })
        .collect();
    let extras: Vec<Value> = unit
        .extras
        .iter()
        .map(|x| {
            let x = &outline.extras[*x];
            json!({
                "tieu_de": x.heading,
                "can_cu": x.basis,
                "cau_hoi": x.questions.iter().enumerate()
                    .map(|(i, q)| json!({"stt": format!("({})", i + 1), "text": q}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "co_quan_ban_hanh": vb.issuer.replace('\n', " "),
        "don_vi": unit.name,
        "nhom": p.groups[unit.group].label,
        "doan": team.name(),
        "truong_doan": team.lead,
        "thanh_vien": team.members,
        "thu_ky": team.secretary,
        "ngay_kiem_tra": unit.visit.map(date_long),
        "thu": unit.visit.map(crate::inspection::workdays::weekday_name),
        "de_cuong": {"ma": outline.code, "tieu_de": outline.title, "so_lieu": outline.period},
        "dong": rows,
        "bo_sung": extras,
        "dat": boxes,
        "chua_dat": not_ok,
        "so_dong_nhan_xet": p.findings_lines,
    })
}
