//! Checklists (phiếu kiểm tra): one per inspected unit, built from the outline the unit
//! answers and its extra questions. A checklist is headed like any Decree 30 document, with
//! the team as the issuing body under the steering body and the visit date (it carries no
//! "Số:"), then the title, the body of `phieu-kiem-tra.xml` and the two signatures side by
//! side. Each checklist is one IR section, so a combined file starts every unit on a new page
//! with its own page numbering.
//!
//! This stage comes after [`crate::render`]: the plan's file is loaded and checked as usual,
//! the context comes from [`crate::template::inspection`], and [`output`] writes the files.

pub mod output;

use crate::compose::blocks::Builder;
use crate::compose::first_page::Head;
use crate::compose::{Style, closing, first_page};
use crate::data::Computed;
use crate::error::{Code, Error};
use crate::fonts::FontSet;
use crate::format;
use crate::inspection::Plan;
use crate::ir::{Block, Document, Orientation, Section, SectionKind};
use crate::kinds::DocKind;
use crate::template::Engine;
use crate::validate::DocDate;

/// The document kind of a checklist (not a `loai:` of its own: checklists come from a plan).
pub static KIND: DocKind = DocKind {
    id: "phieu-kiem-tra",
    name: "Phiếu kiểm tra",
    abbr: Some("PKT"),
    template: "phieu-kiem-tra.xml",
};

const LEFT_SIGNER: [&str; 2] = ["ĐẠI DIỆN ĐƠN VỊ", "ĐƯỢC KIỂM TRA"];
const RIGHT_SIGNER: [&str; 2] = ["TRƯỞNG ĐOÀN", "KIỂM TRA"];
const SIGN_NOTE: &str = "(Ký, ghi rõ họ tên)";

/// The plan's checked inspection data, or an error when the file is not an inspection plan.
pub fn plan_of(plan_doc: &Computed) -> Result<&Plan, Error> {
    plan_doc.checked.inspection.as_ref().ok_or_else(|| {
        Error::new(
            Code::Conflict,
            "chỉ kế hoạch kiểm tra (loai: ke-hoach-kiem-tra) mới tạo được phiếu kiểm tra (--checklists)",
        )
        .in_file(&plan_doc.path)
    })
}

/// The subject line under "PHIẾU KIỂM TRA" for a unit.
pub fn subject(plan: &Plan, unit: &str) -> String {
    match &plan.checklist_subject {
        Some(s) => s.replace("{don_vi}", unit),
        None => unit.to_string(),
    }
}

/// One unit's checklist as a section. Its header is its own, built here: the steering
/// body over the unit's team, no "Số:", the checklist subject and the visit date.
fn section(
    plan_doc: &Computed,
    plan: &Plan,
    unit: usize,
    st: &Style,
    engine: &Engine,
    fonts: &FontSet,
) -> Result<Section, Error> {
    let name = &KIND.template;
    let ctx = crate::template::inspection::checklist(&plan_doc.data, plan, unit);
    let mk = crate::render::markup_from_template(engine, name, ctx)?;

    let u = &plan.units[unit];
    let team = plan.team_of(unit);
    let head = Head {
        kind: &KIND,
        parent: Some(plan_doc.data.issuer.replace('\n', " ")),
        issuer: format::upper(&team.name()),
        number: None,
        subject: subject(plan, &u.name),
        stamps: Vec::new(),
        place: plan_doc.data.place.clone(),
        // The date is the visit's.
        date: {
            use chrono::Datelike;
            DocDate {
                day: u.visit.map(|d| d.day()),
                month: u.visit.map(|d| d.month()),
                year: u.visit.map_or(plan.start.year(), |d| d.year()),
            }
        },
    };

    let tw = st.page.text_width(Orientation::Portrait);
    let mut blocks = vec![
        // As for the main document: LibreOffice adds a line above a leading table.
        Block::Spacer(1.0),
        Block::Table(first_page::header(&head, st, fonts, tw)),
    ];
    blocks.extend(first_page::title(&head, st, fonts, tw));
    let mut b = Builder::new(st);
    blocks.extend(b.blocks(&mk.body, tw));
    let left: Vec<String> = LEFT_SIGNER.iter().map(|s| s.to_string()).collect();
    let right: Vec<String> = RIGHT_SIGNER.iter().map(|s| s.to_string()).collect();
    blocks.push(Block::Table(closing::dual_signature_table(
        st,
        tw,
        [(&left, None), (&right, team.lead_person.as_deref())],
        Some(SIGN_NOTE),
    )));
    Ok(Section {
        kind: SectionKind::Attachment,
        orientation: Orientation::Portrait,
        blocks,
    })
}

/// A document holding the checklists of `units`, one section each.
pub fn document(
    plan_doc: &Computed,
    plan: &Plan,
    units: &[usize],
    engine: &Engine,
    fonts: &FontSet,
) -> Result<Document, Error> {
    let vb = &plan_doc.data;
    let st = Style::new(&vb.layout, &fonts.family);
    let mut sections = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let mut s = section(plan_doc, plan, *u, &st, engine, fonts)?;
        if i == 0 {
            s.kind = SectionKind::Main;
        }
        sections.push(s);
    }
    let title = match units {
        [one] => format!("{} - {}", KIND.name, plan.units[*one].name),
        _ => format!("{} - {}", KIND.name, vb.subject.replace('\n', " ").trim()),
    };
    Ok(Document {
        meta: crate::compose::meta(&vb.subject, &vb.issuer, &plan_doc.checked.date, title),
        page: st.page,
        sections,
    })
}
