//! Stage 6: build the document model (IR) from the computed document and the template's
//! markup. Heading levels (`levels`: from the markup's nesting), numbering, annex labels
//! and the references to them (`annex`), footnote numbers, Decree 30 sizes and the
//! first-page and signature layouts are all decided here, once, for both backends.

pub mod annex;
pub mod attachment;
pub mod blocks;
pub mod closing;
pub mod first_page;
pub mod levels;
pub mod style;
mod title_lines;

use crate::data::Computed;
use crate::fonts::FontSet;
use crate::format;
use crate::ir::{Block, Document, Meta, Orientation, Section, SectionKind};
use crate::markup::Markup;
use crate::validate::DocDate;

pub use style::Style;

/// The document model of a computed document and the markup its template rendered.
pub fn compose(doc: &Computed, markup: &Markup, fonts: &FontSet) -> Document {
    let (vb, ck) = (&doc.data, &doc.checked);
    let st = Style::new(&vb.layout, &fonts.family);
    let mut b = blocks::Builder::new(&st);
    b.labels = annex::Labels::of(&markup.annexes, &vb.annexes);

    if ck.kind.is_annexes_only() {
        // Annexes sent on their own: no first page, no signature, no parent to name.
        let sections = annex_sections(&mut b, markup, &vb.annexes, None, &st, fonts);
        let mut meta = meta(
            &vb.subject,
            &vb.issuer,
            &ck.date,
            b.labels.at(0).to_string(),
        );
        if ck.date == DocDate::UNDATED {
            meta.created = String::new();
        }
        return Document {
            meta,
            page: st.page.clone(),
            sections,
        };
    }

    let mut sections = vec![main_section(doc, markup, fonts, &st, &mut b)];
    let so_ky_hieu = first_page::so_ky_hieu(ck.kind, vb);
    // A decision issued by an office holder names it ("của Chủ tịch UBND tỉnh").
    let agency = match &vb.authority {
        Some(t) => t.short().to_string(),
        None => vb.agency_in_sentence(),
    };
    let date = first_page::date_text(&ck.date);
    let reference = annex::reference_line(ck.kind.name, &so_ky_hieu, &date, agency.trim());
    let tw = st.page.text_width(markup.orientation);
    for a in &markup.attachments {
        // The attached document numbers its parts afresh; footnotes run on.
        b.counters = crate::format::numbering::Counters::default();
        let line = attachment::promulgation_line(ck.kind.name, &so_ky_hieu, &date, agency.trim());
        let mut blocks = attachment::heading(&a.title, &a.subject, &line, &st, fonts, tw);
        let mut body = b.blocks(&a.blocks, tw);
        blocks::add_end_mark(&mut body);
        blocks.extend(body);
        sections.push(Section {
            kind: SectionKind::Attachment,
            orientation: Orientation::Portrait,
            blocks,
        });
    }
    sections.extend(annex_sections(
        &mut b,
        markup,
        &vb.annexes,
        Some(&reference),
        &st,
        fonts,
    ));

    Document {
        meta: meta(
            &vb.subject,
            &vb.issuer,
            &ck.date,
            format!("{} {}", ck.kind.name, so_ky_hieu.trim()),
        ),
        page: st.page.clone(),
        sections,
    }
}

/// The main document's section: the first page, the body and the signature.
fn main_section(
    doc: &Computed,
    markup: &Markup,
    fonts: &FontSet,
    st: &Style,
    b: &mut blocks::Builder,
) -> Section {
    let (vb, ck) = (&doc.data, &doc.checked);
    let head = first_page::Head::of(vb, ck);
    let tw = st.page.text_width(markup.orientation);

    // A document that starts with a table makes LibreOffice insert a full-height empty
    // paragraph above it (Word does not); a 1 pt spacer first keeps every renderer equal.
    let mut main = vec![
        Block::Spacer(1.0),
        Block::Table(first_page::header(&head, st, fonts, tw)),
    ];
    main.extend(first_page::title(&head, st, fonts, tw));
    main.extend(first_page::kinh_gui(vb, st, fonts));
    main.extend(first_page::issuer(vb, st));
    main.extend(first_page::can_cu(vb, st));

    let mut body = b.blocks(&markup.body, tw);
    blocks::add_end_mark(&mut body);
    main.extend(body);

    // Validation checked the pictures: their sizes are known to be right.
    let images = closing::SignatureImages {
        right: ck.signature_image.as_ref().map(closing::Picture::of),
        left: ck.left_signature_image.as_ref().map(closing::Picture::of),
    };
    main.push(Block::Table(closing::signature_table(
        vb, ck, st, fonts, tw, images,
    )));
    main.extend(b.blocks(&markup.after_signature, tw));
    Section {
        kind: SectionKind::Main,
        orientation: markup.orientation,
        blocks: main,
    }
}

/// One section per annex of the markup, each under its heading; `parent` is the
/// "(Kèm theo …)" line naming the document the annexes go with.
fn annex_sections(
    b: &mut blocks::Builder,
    markup: &Markup,
    specs: &[serde_saphyr::Spanned<crate::model::Annex>],
    parent: Option<&str>,
    st: &Style,
    fonts: &FontSet,
) -> Vec<Section> {
    let mut sections = Vec::new();
    for (i, a) in markup.annexes.iter().enumerate() {
        let label = b.labels.at(i).to_string();
        let spec = annex::spec_of(specs, a.id.as_deref());
        let reference = annex::reference_of(spec, parent);
        let heading = annex::Heading {
            label: &label,
            titles: &a.titles,
            reference: reference.as_deref(),
            same_line: spec.is_some_and(|s| s.same_line),
        };
        let atw = st.page.text_width(a.orientation);
        let mut blocks = annex::heading(&heading, st, fonts, atw);
        blocks.extend(b.blocks(&a.blocks, atw));
        sections.push(Section {
            kind: SectionKind::Annex { label },
            orientation: a.orientation,
            blocks,
        });
    }
    sections
}

/// Document properties: the subject (`trich_yeu`) and author (the issuing agency) as
/// written, the creation date from the document's own date (never the clock; the first of
/// the month or year for a draft).
pub fn meta(subject: &str, issuer: &str, date: &DocDate, title: String) -> Meta {
    let created = match date.full() {
        Some(d) => d.format("%Y-%m-%dT00:00:00Z").to_string(),
        None => format!(
            "{:04}-{:02}-01T00:00:00Z",
            date.year,
            date.month.unwrap_or(1)
        ),
    };
    Meta {
        title,
        subject: subject.replace('\n', " "),
        author: format::upper(&issuer.replace('\n', " ")),
        created,
        language: "vi-VN".to_string(),
    }
}
