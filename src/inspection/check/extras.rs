//! Extra questions (cau_hoi_them): attached by unit name or kind (loai) to units that answer
//! the outline, or with `con_lai` to the outline's units no other set names.

use serde_saphyr::Spanned;

use super::units::Roster;
use super::{Errors, Extra, OutlinePlan, join_and, pos};
use crate::error::Code;
use crate::inspection::model::{ExtraQuestions, InspectionSpec};

/// Check every outline's extra-question sets, add them to `outlines[_].extras` and record on
/// each unit the sets it answers.
pub(super) fn attach(
    kt: &InspectionSpec,
    outlines: &mut [OutlinePlan],
    roster: &mut Roster,
    errs: &mut Errors,
) {
    for (oi, o) in kt.outlines.iter().enumerate() {
        if oi >= outlines.len() {
            break;
        }
        let code = outlines[oi].code.clone();
        let own: Vec<usize> = (0..roster.units.len())
            .filter(|u| roster.groups[roster.units[*u].group].outline == oi)
            .collect();
        let mut named_any = vec![false; roster.units.len()];
        let mut rest_sets = Vec::new();
        for set in &o.value.extra_questions {
            let s = &set.value;
            let xi = outlines[oi].extras.len();
            let mut targets = targets(set, oi, &code, &own, outlines, roster, errs);
            for q in &s.questions {
                if q.value.trim().is_empty() {
                    errs.push(
                        Code::Empty,
                        pos(q),
                        format!("đề cương {code}: câu hỏi bổ sung để trống nội dung"),
                    );
                }
            }
            outlines[oi].extras.push(Extra {
                heading: heading(s),
                basis: s
                    .legal_bases
                    .as_ref()
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty()),
                questions: s
                    .questions
                    .iter()
                    .map(|q| q.value.trim().to_string())
                    .collect(),
            });
            if s.others {
                rest_sets.push(xi);
            }
            targets.sort_unstable();
            targets.dedup();
            for ui in targets {
                named_any[ui] = true;
                roster.units[ui].extras.push(xi);
            }
        }
        for xi in rest_sets {
            for &ui in &own {
                if !named_any[ui] {
                    roster.units[ui].extras.push(xi);
                }
            }
        }
    }
}

/// The units a set names in `ap_dung` (by name, or by kind among `own`, the units answering
/// outline `oi`); it must use either `ap_dung` or `con_lai`.
fn targets(
    set: &Spanned<ExtraQuestions>,
    oi: usize,
    code: &str,
    own: &[usize],
    outlines: &[OutlinePlan],
    roster: &Roster,
    errs: &mut Errors,
) -> Vec<usize> {
    let s = &set.value;
    let mut targets: Vec<usize> = Vec::new();
    if s.others && !s.applies_to.is_empty() {
        errs.push(
            Code::Conflict,
            pos(set),
            format!(
                "đề cương {code}: câu hỏi bổ sung dùng \"ap_dung\" hoặc \"con_lai\", không dùng cả hai"
            ),
        );
    } else if !s.others && s.applies_to.is_empty() {
        errs.push(
            Code::MissingKey,
            pos(set),
            format!(
                "đề cương {code}: câu hỏi bổ sung cần \"ap_dung\" (tên hoặc loại đơn vị) hoặc \"con_lai: true\""
            ),
        );
    }
    let units = &roster.units;
    for a in &s.applies_to {
        let name = a.value.trim();
        if let Some(&ui) = roster.by_name.get(&crate::format::name_key(name)) {
            let answers = roster.groups[units[ui].group].outline;
            if answers != oi {
                errs.push(
                    Code::Conflict,
                    pos(a),
                    format!(
                        "đề cương {code}: đơn vị \"{name}\" trả lời đề cương {}, không phải đề cương {code}",
                        outlines[answers].code
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
            errs.push(
                Code::BadReference,
                pos(a),
                format!(
                    "đề cương {code}: \"{name}\" không phải tên hay loại (loai) của đơn vị nào trả lời đề cương này"
                ),
            );
        }
        targets.extend(of_kind);
    }
    targets
}

/// The set's heading: as given, or "Đối với" the names it applies to.
fn heading(s: &ExtraQuestions) -> String {
    match s.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None if s.others => "Đối với các cơ quan, đơn vị khác".to_string(),
        None => format!(
            "Đối với {}",
            join_and(
                &s.applies_to
                    .iter()
                    .map(|a| a.value.trim().to_string())
                    .collect::<Vec<_>>()
            )
        ),
    }
}
