//! Packing docx-rs's XML parts into the zip deterministically and patching the parts that
//! docx-rs gets wrong or cannot express.

use std::io::{Cursor, Write};
use std::ops::Range;

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::paragraph::{FOOTNOTE_REF_MARKER, FOOTNOTE_REF_STYLE};
use super::section::{self, HeaderIds};
use super::table::{self, ROWS_MARKER};
use super::{Ctx, DocxError, order};
use crate::ir;
pub(crate) use crate::xml::escape;

fn pkg_err(e: impl std::fmt::Display) -> DocxError {
    DocxError::Package(e.to_string())
}

/// docx-rs's parts with their names, in the order (and under the names) docx-rs's own
/// zip writer uses.
fn named_parts(x: XMLDocx) -> Vec<(String, Vec<u8>)> {
    let mut parts: Vec<(String, Vec<u8>)> = [
        ("[Content_Types].xml", x.content_type),
        ("_rels/.rels", x.rels),
        ("docProps/app.xml", x.doc_props.app),
        ("docProps/core.xml", x.doc_props.core),
        ("docProps/custom.xml", x.doc_props.custom),
        ("word/_rels/document.xml.rels", x.document_rels),
        ("word/document.xml", x.document),
        ("word/styles.xml", x.styles),
        ("word/settings.xml", x.settings),
        ("word/fontTable.xml", x.font_table),
        ("word/comments.xml", x.comments),
        ("word/numbering.xml", x.numberings),
        ("word/commentsExtended.xml", x.comments_extended),
        ("word/footnotes.xml", x.footnotes),
    ]
    .into_iter()
    .map(|(n, d)| (n.to_string(), d))
    .collect();
    let mut rels = x.header_rels.into_iter();
    for (i, h) in x.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(r) = rels.next() {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), r));
        }
    }
    let mut rels = x.footer_rels.into_iter();
    for (i, f) in x.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(r) = rels.next() {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), r));
        }
    }
    for (name, png) in x.media {
        parts.push((format!("word/media/{name}.png"), png));
    }
    if let Some(t) = x.taskpanes {
        parts.push(("word/webextensions/taskpanes.xml".into(), t));
        parts.push((
            "word/webextensions/_rels/taskpanes.xml.rels".into(),
            x.taskpanes_rels,
        ));
        for (i, ext) in x.web_extensions.into_iter().enumerate() {
            parts.push((format!("word/webextensions/webextension{}.xml", i + 1), ext));
        }
    }
    let mut item_rels = x.custom_item_rels.into_iter();
    let mut item_props = x.custom_item_props.into_iter();
    for (i, item) in x.custom_items.into_iter().enumerate() {
        let n = i + 1;
        if let Some(r) = item_rels.next() {
            parts.push((format!("customXml/_rels/item{n}.xml.rels"), r));
        }
        parts.push((format!("customXml/item{n}.xml"), item));
        if let Some(p) = item_props.next() {
            parts.push((format!("customXml/itemProps{n}.xml"), p));
        }
    }
    parts
}

/// Parts smaller than this many bytes are stored uncompressed.
const SMALL_PART: usize = 1024;

/// Patch docx-rs's parts and write them as a zip with fixed timestamps and permissions,
/// in docx-rs's (fixed) part order.
pub(crate) fn finish(xml: XMLDocx, doc: &ir::Document, mut ctx: Ctx) -> Result<Vec<u8>, DocxError> {
    let mut parts = named_parts(xml);
    let has_footnotes = !doc.footnotes().is_empty();
    for (name, data) in parts.iter_mut() {
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let xml = String::from_utf8(std::mem::take(data)).map_err(pkg_err)?;
        let xml = match name.as_str() {
            "word/document.xml" => {
                // The skeleton without the deferred table rows: patched and put in schema
                // order first, completed with the rows (each already in order) after.
                let skeleton = order::canonicalize(patch_document(xml, doc, &ctx)?);
                *data = assemble_document(&skeleton, doc, &mut ctx)?.into_bytes();
                continue;
            }
            "word/styles.xml" => styles_xml(&ctx.font),
            "word/footnotes.xml" => patch_footnotes(xml),
            "word/settings.xml" => patch_settings(xml, has_footnotes),
            "docProps/core.xml" => core_xml(&doc.meta),
            "docProps/app.xml" => APP_XML.to_string(),
            _ => xml,
        };
        let xml = if name.starts_with("word/") && name != "word/styles.xml" {
            order::canonicalize(xml)
        } else {
            xml
        };
        *data = renumber_para_ids(xml).into_bytes();
    }

    let time = DateTime::from_date_and_time(1980, 1, 1, 0, 0, 0).map_err(pkg_err)?;
    // The fastest deflate level: several times faster than the default on a long
    // document.xml, for a package a little larger.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    // Parts of a few hundred bytes are stored: deflating saves them little, and setting up
    // a compressor costs more than all the rest of writing them.
    let stored = options
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    for (name, data) in parts.iter_mut() {
        let opts = if data.len() < SMALL_PART {
            stored
        } else {
            options
        };
        out.start_file(name.as_str(), opts).map_err(pkg_err)?;
        // One write per part: the deflate stream depends on how its input is split up.
        out.write_all(data).map_err(pkg_err)?;
        *data = Vec::new();
    }
    Ok(out.finish().map_err(pkg_err)?.into_inner())
}

/// The IR's tables in document order (the order `table::table` saw them in).
fn tables(doc: &ir::Document) -> Vec<&ir::Table> {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            ir::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// document.xml: the skeleton with each placeholder row replaced by the rows it stands
/// for, built one at a time; paragraph ids numbered through the whole part.
fn assemble_document(
    skeleton: &str,
    doc: &ir::Document,
    ctx: &mut Ctx,
) -> Result<String, DocxError> {
    let tables = tables(doc);
    if tables.len() != ctx.tables.len() {
        return Err(pkg_err(format!(
            "có {} bảng, cần {}",
            ctx.tables.len(),
            tables.len()
        )));
    }
    let deferred: Vec<(usize, Range<usize>)> = ctx
        .tables
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.deferred.iter().map(move |r| (i, r.clone())))
        .collect();
    let mut deferred = deferred.into_iter();
    let mut rows: Option<(usize, table::Rows)> = None;
    let mut ids = ParaIds::default();
    let mut rest = skeleton;
    while let Some(m) = rest.find(ROWS_MARKER) {
        let start = rest[..m]
            .rfind("<w:tr>")
            .ok_or_else(|| pkg_err("dòng giữ chỗ không có <w:tr>"))?;
        let end = rest[m..]
            .find("</w:tr>")
            .map(|j| m + j + "</w:tr>".len())
            .ok_or_else(|| pkg_err("dòng giữ chỗ không đóng"))?;
        let (ti, range) = deferred
            .next()
            .ok_or_else(|| pkg_err("thừa dòng giữ chỗ trong document.xml"))?;
        ids.push(&rest[..start]);
        if rows.as_ref().is_none_or(|(i, _)| *i != ti) {
            rows = Some((ti, table::Rows::new(tables[ti])));
        }
        let (_, builder) = rows.as_mut().expect("set above");
        for r in range {
            ids.push(&builder.xml(r, ctx));
        }
        rest = &rest[end..];
    }
    if deferred.next().is_some() {
        return Err(pkg_err("thiếu dòng giữ chỗ trong document.xml"));
    }
    ids.push(rest);
    Ok(ids.buf)
}

pub(crate) const PARA_ID_KEY: &str = "w14:paraId=\"";

/// docx-rs numbers paragraphs from a per-thread counter, so ids differ between calls.
/// Number them from 1 within each part instead.
fn renumber_para_ids(xml: String) -> String {
    if !xml.contains(PARA_ID_KEY) {
        return xml;
    }
    let mut ids = ParaIds {
        buf: String::with_capacity(xml.len()),
        ..ParaIds::default()
    };
    ids.push(&xml);
    ids.buf
}

/// Renumbering of paragraph ids over a part assembled piece by piece.
#[derive(Default)]
struct ParaIds {
    /// Ids given so far.
    n: u32,
    /// Output so far.
    buf: String,
}

impl ParaIds {
    /// Append `text` with its ids renumbered. A piece never ends inside an id.
    fn push(&mut self, text: &str) {
        renumber_values(text, PARA_ID_KEY, &mut self.n, &mut self.buf, |out, n| {
            use std::fmt::Write as _;
            let _ = write!(out, "{n:08X}");
        });
    }
}

/// Copy `text` to `out`, replacing the value after each `key` (up to the closing quote) by
/// the next number of `n`, written by `write`.
pub(crate) fn renumber_values(
    text: &str,
    key: &str,
    n: &mut u32,
    out: &mut String,
    write: impl Fn(&mut String, u32),
) {
    let mut rest = text;
    while let Some(i) = rest.find(key) {
        let start = i + key.len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |j| start + j);
        *n += 1;
        write(out, *n);
        rest = &rest[end..];
    }
    out.push_str(rest);
}

/// Value of attribute `attr` in the first element starting at `xml[from..]`.
fn attr_value<'a>(elem: &'a str, attr: &str) -> Option<&'a str> {
    let key = format!("{attr}=\"");
    let i = elem.find(&key)? + key.len();
    let j = elem[i..].find('"')? + i;
    Some(&elem[i..j])
}

/// Header relationship ids from the document-level sectPr docx-rs wrote.
fn header_ids(xml: &str) -> Result<HeaderIds, DocxError> {
    let mut default = None;
    let mut first = None;
    let mut rest = xml;
    while let Some(i) = rest.find("<w:headerReference") {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j);
        let elem = &rest[i..end];
        let id = attr_value(elem, "r:id").map(str::to_string);
        match attr_value(elem, "w:type") {
            Some("default") => default = id,
            Some("first") => first = id,
            _ => {}
        }
        rest = &rest[end..];
    }
    match (default, first) {
        (Some(default), Some(first)) => Ok(HeaderIds { default, first }),
        _ => Err(pkg_err(
            "thiếu tham chiếu đầu trang (header) trong document.xml",
        )),
    }
}

/// Minimal properties of the empty paragraph that carries a section break: it should take
/// no visible room at the end of the section.
const SECTION_BREAK_PPR: &str = concat!(
    r#"<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#,
    r#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>"#
);

/// Replace every sectPr with the full properties of its section (docx-rs drops first-page
/// headers of all but the last section and has no page-number restart per section).
fn patch_sections(xml: &str, doc: &ir::Document) -> Result<String, DocxError> {
    let ids = header_ids(xml)?;
    let count = xml.matches("<w:sectPr").count();
    if count != doc.sections.len() {
        return Err(pkg_err(format!(
            "có {count} ngắt phần trong document.xml, cần {}",
            doc.sections.len()
        )));
    }
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest = xml;
    for (i, section) in doc.sections.iter().enumerate() {
        let start = rest.find("<w:sectPr").expect("counted above");
        let end = rest[start..]
            .find("</w:sectPr>")
            .map(|j| start + j + "</w:sectPr>".len())
            .ok_or_else(|| pkg_err("sectPr không đóng"))?;
        let sect = section::sect_pr(&doc.page, section.orientation, &ids);
        let last = i + 1 == doc.sections.len();
        if !last && rest[..start].ends_with("<w:pPr>") {
            // A section-break paragraph: `<w:pPr><w:sectPr>…</w:sectPr></w:pPr>`.
            out.push_str(&rest[..start]);
            out.push_str(SECTION_BREAK_PPR);
        } else {
            out.push_str(&rest[..start]);
        }
        out.push_str(&sect);
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Mark the header rows of each table with `w:tblHeader` (docx-rs has no such property).
fn patch_table_headers(xml: &str, ctx: &Ctx) -> Result<String, DocxError> {
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest = xml;
    for meta in &ctx.tables {
        let start = rest
            .find("<w:tbl>")
            .ok_or_else(|| pkg_err("thiếu bảng trong document.xml"))?;
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find("</w:tbl>")
            .ok_or_else(|| pkg_err("bảng không đóng"))?;
        let mut table = &rest[..end];
        for _ in 0..meta.header_rows {
            let tr = table
                .find("<w:tr>")
                .ok_or_else(|| pkg_err("thiếu dòng tiêu đề bảng"))?;
            let head = tr + "<w:tr>".len();
            out.push_str(&table[..head]);
            table = &table[head..];
            if let Some(after) = table.strip_prefix("<w:trPr />") {
                out.push_str("<w:trPr><w:tblHeader /></w:trPr>");
                table = after;
            } else if let Some(after) = table.strip_prefix("<w:trPr>") {
                out.push_str("<w:trPr><w:tblHeader />");
                table = after;
            } else {
                out.push_str("<w:trPr><w:tblHeader /></w:trPr>");
            }
        }
        out.push_str(table);
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// docx-rs writes `w:type` on `w:gridCol`, which has no such attribute in the schema.
fn strip_grid_col_type(xml: String) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:gridCol ") {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        out.push_str(&rest[..i]);
        out.push_str(&rest[i..end].replace(r#" w:type="dxa""#, ""));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// docx-rs writes `id="1"` on every picture; Word wants unique drawing ids.
fn renumber_doc_pr(xml: String) -> String {
    const KEY: &str = "<wp:docPr id=\"";
    if !xml.contains(KEY) {
        return xml;
    }
    let mut out = String::with_capacity(xml.len());
    renumber_values(&xml, KEY, &mut 0, &mut out, |out, n| {
        out.push_str(&n.to_string())
    });
    out
}

fn patch_document(xml: String, doc: &ir::Document, ctx: &Ctx) -> Result<String, DocxError> {
    let xml = patch_sections(&xml, doc)?;
    let xml = patch_table_headers(&xml, ctx)?;
    Ok(renumber_doc_pr(strip_grid_col_type(xml)))
}

/// A complete styles.xml: docx-rs's has no language, no character default and no footnote
/// styles.
fn styles_xml(font: &str) -> String {
    let f = escape(font);
    let fonts = format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/>"#);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:styles xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
            r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="28"/><w:szCs w:val="28"/>"#,
            r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#,
            r#"<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>"#,
            r#"</w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:widowControl/></w:pPr>"#,
            r#"<w:rPr>{fonts}<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:style>"#,
            r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">"#,
            r#"<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#,
            r#"<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#,
            r#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#,
            r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>"#,
            r#"<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>"#,
            r#"<w:pPr><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>"#,
            r#"<w:style w:type="character" w:styleId="{fref}"><w:name w:val="footnote reference"/>"#,
            r#"<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>"#,
            r#"<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>"#,
            r#"</w:styles>"#
        ),
        fonts = fonts,
        fref = FOOTNOTE_REF_STYLE,
    )
}

/// The note's own mark and Word's separator notes (ids -1 and 0, referenced from settings).
fn patch_footnotes(xml: String) -> String {
    let marker = format!(r#"<w:t xml:space="preserve">{FOOTNOTE_REF_MARKER}</w:t>"#);
    let xml = xml.replace(&marker, "<w:footnoteRef />");
    let Some(open) = xml.find("<w:footnotes") else {
        return xml;
    };
    let Some(gt) = xml[open..].find('>').map(|j| open + j) else {
        return xml;
    };
    if xml[..gt].ends_with('/') {
        // No notes at all (self-closing root).
        return xml;
    }
    let sep = concat!(
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#,
        r#"<w:r><w:separator/></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#,
        r#"<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
    );
    format!("{}{}{}", &xml[..=gt], sep, &xml[gt + 1..])
}

fn patch_settings(xml: String, has_footnotes: bool) -> String {
    if !has_footnotes {
        return xml;
    }
    const FOOTNOTE_PR: &str =
        r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#;
    match xml.find("<w:compat>") {
        Some(i) => format!("{}{}{}", &xml[..i], FOOTNOTE_PR, &xml[i..]),
        None => xml,
    }
}

/// Core properties from the document's metadata only (never the clock).
fn core_xml(meta: &ir::Meta) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>"#,
            r#"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"#,
            r#"<dc:language>{language}</dc:language>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>"#,
            r#"</cp:coreProperties>"#
        ),
        title = escape(&meta.title),
        subject = escape(&meta.subject),
        author = escape(&meta.author),
        language = escape(&meta.language),
        created = escape(&meta.created),
    )
}

const APP_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#,
    r#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
    r#"<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>vanban</Application>"#,
    r#"</Properties>"#
);
