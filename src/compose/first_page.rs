//! The first page's header (agency and Quốc hiệu side by side, số/ký hiệu and date), the type
//! name and trích yếu, Kính gửi and căn cứ (Decree 30, Phụ lục I).

use super::style::{Style, run};
use super::title_lines;
use crate::fonts::FontSet;
use crate::format;
use crate::ir::{Align, Block, Cell, Inline, Paragraph, Row, RowKind, Run, Table, VAlign};
use crate::kinds::DocKind;
use crate::model::DocumentSpec;
use crate::validate::{Checked, DocDate};

pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

/// Share of the text width taken by the left column of the header and signature tables.
pub const LEFT_SHARE: f32 = 0.4;

/// Padding inside the layout tables' cells (Word's default 0.19 cm).
pub const LAYOUT_PADDING: f32 = 5.4;

/// "BC-UBND", "UBND-VX": the part of the ký hiệu after the number.
pub fn ky_hieu(kind: &DocKind, vb: &DocumentSpec) -> String {
    let mut s = String::new();
    if let Some(a) = kind.abbr {
        s.push_str(a);
        s.push('-');
    }
    s.push_str(vb.issuer_abbr.value.trim());
    if let Some(u) = vb.drafting_unit.as_deref().filter(|u| !u.trim().is_empty()) {
        s.push('-');
        s.push_str(u.trim());
    }
    s
}

/// "05/BC-UBND", or "      /BC-UBND" for a document not yet numbered.
pub fn so_ky_hieu(kind: &DocKind, vb: &DocumentSpec) -> String {
    format!(
        "{}/{}",
        format::doc_number(vb.number.as_ref().map(|s| s.value)),
        ky_hieu(kind, vb)
    )
}

pub fn date_text(d: &DocDate) -> String {
    format::date_long_partial(d.day, d.month, d.year)
}

fn lines_of(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// What the first page's header and title print, resolved: a document's own (from its
/// checked data, [`Head::of`]) or a form's (a checklist builds its own per unit).
#[derive(Debug, Clone)]
pub struct Head {
    /// The document kind (type name; a Công văn prints its subject in the header).
    pub kind: &'static DocKind,
    /// The parent agency, as written.
    pub parent: Option<String>,
    /// The issuing agency, as written ("\n" splits lines).
    pub issuer: String,
    /// "Số: 05/BC-UBND", or none for a form that is not numbered.
    pub number: Option<String>,
    /// The trích yếu.
    pub subject: String,
    /// Urgency then secrecy stamps, as written.
    pub stamps: Vec<String>,
    /// The place in the date line.
    pub place: String,
    /// The date.
    pub date: DocDate,
}

impl Head {
    /// A document's header, from its data and checked values.
    pub fn of(vb: &DocumentSpec, ck: &Checked) -> Head {
        // "Số: 05/BC-UBND"; an unnumbered draft keeps six blanks: "Số:      /BC-UBND".
        let number = match vb.number {
            Some(_) => format!("Số: {}", so_ky_hieu(ck.kind, vb)),
            None => format!("Số:{}", so_ky_hieu(ck.kind, vb)),
        };
        Head {
            kind: ck.kind,
            parent: vb.parent_agency.clone(),
            issuer: vb.issuer.clone(),
            number: Some(number),
            subject: vb.subject.clone(),
            stamps: [&vb.urgency, &vb.secrecy]
                .into_iter()
                .flatten()
                .map(|s| s.value.clone())
                .collect(),
            place: vb.place.clone(),
            date: ck.date,
        }
    }
}

/// The two-column header table.
pub fn header(head: &Head, st: &Style, fonts: &FontSet, tw: f32) -> Table {
    let left_w = (tw * LEFT_SHARE).round();
    let right_w = tw - left_w;
    let inner_left = left_w - 2.0 * LAYOUT_PADDING;
    let inner_right = right_w - 2.0 * LAYOUT_PADDING;

    // Row 1, left: parent agency (upright), issuing agency (bold), a rule under it.
    let mut left1 = Vec::new();
    if let Some(parent) = head.parent.as_deref().filter(|s| !s.trim().is_empty()) {
        for l in lines_of(&format::upper(parent)) {
            left1.push(Block::Paragraph(st.centered(
                &l,
                st.agency_size,
                false,
                false,
            )));
        }
    }
    let agency = lines_of(&format::upper(&head.issuer));
    let widest = agency
        .iter()
        .map(|l| fonts.width(l, st.agency_size, true, false))
        .fold(0.0f32, f32::max)
        .min(inner_left);
    for l in &agency {
        left1.push(Block::Paragraph(st.centered(
            l,
            st.agency_size,
            true,
            false,
        )));
    }
    left1.push(Block::Rule(st.rule((widest * 0.4).round(), 3.0, 0.0)));

    // Row 1, right: Quốc hiệu (13 pt when it fits the column, else 12), Tiêu ngữ, and a rule
    // exactly as long as the Tiêu ngữ.
    let qh_size = if fonts.width(QUOC_HIEU, st.agency_size, true, false) <= inner_right {
        st.agency_size
    } else {
        12.0
    };
    let motto_w = fonts.width(TIEU_NGU, st.motto_size, true, false);
    let right1 = vec![
        Block::Paragraph(st.centered(QUOC_HIEU, qh_size, true, false)),
        Block::Paragraph(st.centered(TIEU_NGU, st.motto_size, true, false)),
        Block::Rule(st.rule(motto_w, 3.0, 0.0)),
    ];

    // Row 2, left: Số, the V/v of a Công văn, stamps. Right: place and date.
    let mut left2 = Vec::new();
    if let Some(number) = &head.number {
        let mut so = st.centered(number, st.number_size, false, false);
        so.space_before = 6.0;
        left2.push(Block::Paragraph(so));
    }
    if head.kind.is_cong_van() {
        let mut vv = st.centered(&format!("V/v {}", head.subject.trim()), 12.0, false, false);
        vv.space_before = 4.0;
        left2.push(Block::Paragraph(vv));
    }
    for stamp in &head.stamps {
        let mut p = st.centered(&format::upper(stamp.trim()), st.number_size, true, false);
        p.framed = true;
        p.space_before = 6.0;
        p.left_indent = (inner_left
            - fonts.width(&format::upper(stamp.trim()), st.number_size, true, false))
            / 2.0
            - 4.0;
        p.right_indent = p.left_indent;
        left2.push(Block::Paragraph(p));
    }
    let mut date = st.centered(
        &format!("{}, {}", head.place.trim(), date_text(&head.date)),
        st.date_size,
        false,
        true,
    );
    date.space_before = 6.0;
    let right2 = vec![Block::Paragraph(date)];
    if left2.is_empty() {
        left2.push(Block::Paragraph(Paragraph::new(st.number_size)));
    }

    layout_table(
        vec![left_w, right_w],
        vec![vec![left1, right1], vec![left2, right2]],
        false,
    )
}

/// A borderless table that only places blocks side by side (the first-page header, the
/// signature block): top-aligned cells, rows that never split.
pub fn layout_table(
    columns: Vec<f32>,
    rows: Vec<Vec<Vec<Block>>>,
    keep_with_previous: bool,
) -> Table {
    Table {
        columns,
        rows: rows
            .into_iter()
            .map(|cells| Row {
                kind: RowKind::Body,
                cells: cells
                    .into_iter()
                    .map(|blocks| Cell {
                        valign: VAlign::Top,
                        ..Cell::new(blocks)
                    })
                    .collect(),
                cant_split: true,
            })
            .collect(),
        header_rows: 0,
        borders: false,
        border_width: 0.0,
        cell_padding_x: LAYOUT_PADDING,
        cell_padding_y: 0.0,
        align: Align::Center,
        keep_with_previous,
    }
}

/// Type name, trích yếu and the rule under them (not for a Công văn, whose subject is in the
/// header).
pub fn title(head: &Head, st: &Style, fonts: &FontSet, tw: f32) -> Vec<Block> {
    let mut out = Vec::new();
    if head.kind.is_cong_van() {
        return out;
    }
    let mut name = st.centered(&format::upper(head.kind.name), st.title_size, true, false);
    name.space_before = 18.0;
    name.keep_with_next = true;
    out.push(Block::Paragraph(name));
    let lines = lines_of(&head.subject);
    let mut widest = 0.0f32;
    for l in &lines {
        let mut p = title_lines::paragraph(st, fonts, l, tw, true, false);
        p.keep_with_next = true;
        widest = widest.max(title_lines::widest(fonts, l, tw, st.title_size, true));
        out.push(Block::Paragraph(p));
    }
    let widest = widest.min(tw);
    // Room below the trích yếu so the rule clears the dots under ạ, ị, ụ.
    out.push(Block::Rule(st.rule(
        (widest * 0.4).round().max(60.0),
        4.0,
        12.0,
    )));
    out
}

/// "Kính gửi: X." on one line, or a list "- X;" … "- Y." for several recipients.
pub fn kinh_gui(vb: &DocumentSpec, st: &Style, fonts: &FontSet) -> Vec<Block> {
    let r: Vec<&str> = vb
        .addressees
        .iter()
        .map(|s| s.trim().trim_end_matches([';', '.']))
        .filter(|s| !s.is_empty())
        .collect();
    if r.is_empty() {
        return Vec::new();
    }
    let label = "Kính gửi: ";
    if r.len() == 1 {
        let mut p = Paragraph {
            runs: vec![
                run(label, false, false),
                run(format!("{}.", r[0]), false, false),
            ],
            align: Align::Center,
            space_after: 12.0,
            line_spacing: 1.0,
            ..Paragraph::new(st.body_size)
        };
        p.space_before = 6.0;
        return vec![Block::Paragraph(p)];
    }
    let indent = fonts.width(label, st.body_size, false, false);
    let mut out = Vec::new();
    for (i, name) in r.iter().enumerate() {
        let last = i + 1 == r.len();
        let text = format!("- {name}{}", if last { "." } else { ";" });
        let mut runs = Vec::new();
        if i == 0 {
            runs.push(run(label, false, false));
        }
        runs.push(run(text, false, false));
        out.push(Block::Paragraph(Paragraph {
            runs,
            align: Align::Left,
            left_indent: st.first_indent * 2.0 + indent,
            first_line_indent: if i == 0 { -indent } else { 0.0 },
            space_before: if i == 0 { 6.0 } else { 0.0 },
            space_after: if last { 12.0 } else { 0.0 },
            ..Paragraph::new(st.body_size)
        }));
    }
    out
}

/// Căn cứ lines: italic, one per line, ";" after each and "." after the last.
pub fn can_cu(vb: &DocumentSpec, st: &Style) -> Vec<Block> {
    let n = vb.legal_bases.len();
    vb.legal_bases
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let t = l.trim().trim_end_matches([';', '.']);
            let end = if i + 1 == n { "." } else { ";" };
            Block::Paragraph(st.body(vec![Inline::Text(Run {
                text: format!("{t}{end}"),
                italic: true,
                ..Run::default()
            })]))
        })
        .collect()
}

/// The issuing authority of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ LAM"), UPPER, bold
/// and centred between the title and the căn cứ.
pub fn issuer(vb: &DocumentSpec, st: &Style) -> Vec<Block> {
    let Some(t) = vb.authority.as_ref().filter(|t| !t.name.trim().is_empty()) else {
        return Vec::new();
    };
    lines_of(&t.name)
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut p = st.centered(&format::upper(l), st.title_size, true, false);
            p.keep_with_next = true;
            if i == 0 {
                p.space_before = 6.0;
            }
            p.space_after = 6.0;
            Block::Paragraph(p)
        })
        .collect()
}
