//! The zip package: its parts, the main part, relationships, header parts.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use super::{Header, Rels, Styles, W, attr, child};
use crate::ReadError;

/// Every part of the package by name. A part larger than this is refused: no real
/// document has one, and a zip bomb should not take the machine down.
const MAX_PART: u64 = 512 << 20;

pub fn read(bytes: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError(format!("không đọc được gói DOCX (tệp zip hỏng?): {e}")))?;
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|e| {
            ReadError(format!(
                "không đọc được phần thứ {} của gói DOCX: {e}",
                i + 1
            ))
        })?;
        if f.is_dir() {
            continue;
        }
        if f.size() > MAX_PART {
            return Err(ReadError(format!(
                "phần {} quá lớn ({} byte)",
                f.name(),
                f.size()
            )));
        }
        let mut data = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut data)
            .map_err(|e| ReadError(format!("không giải nén được phần {}: {e}", f.name())))?;
        parts.insert(f.name().to_string(), data);
    }
    Ok(parts)
}

/// The main document part, from the package relationships (word/document.xml when they
/// do not say).
pub fn main_part(parts: &BTreeMap<String, Vec<u8>>) -> String {
    let fallback = "word/document.xml".to_string();
    let Some(xml) = parts.get("_rels/.rels") else {
        return fallback;
    };
    let xml = String::from_utf8_lossy(xml);
    let Ok(doc) = roxmltree::Document::parse(&xml) else {
        return fallback;
    };
    doc.descendants()
        .find(|n| {
            n.attribute("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
        })
        .and_then(|n| n.attribute("Target"))
        .map(|t| t.trim_start_matches('/').to_string())
        .unwrap_or(fallback)
}

/// The main part's relationships: id → part name.
pub fn relationships(parts: &BTreeMap<String, Vec<u8>>, main: &str) -> Rels {
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let mut rels = Rels::new();
    let Some(xml) = parts.get(&rels_name) else {
        return rels;
    };
    let xml = String::from_utf8_lossy(xml);
    let Ok(doc) = roxmltree::Document::parse(&xml) else {
        return rels;
    };
    for r in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
    {
        if let (Some(id), Some(target)) = (r.attribute("Id"), r.attribute("Target")) {
            let name = if let Some(abs) = target.strip_prefix('/') {
                abs.to_string()
            } else if dir.is_empty() {
                target.to_string()
            } else {
                format!("{dir}/{target}")
            };
            rels.insert(id.to_string(), name);
        }
    }
    rels
}

/// What a header part shows: a PAGE field, centred or not, its size and font.
pub fn header(xml: &str, styles: &Styles) -> Header {
    let mut h = Header::default();
    let Ok(doc) = roxmltree::Document::parse(xml) else {
        return h;
    };
    let is_page = |s: &str| {
        s.split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("PAGE"))
    };
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        let simple = p
            .descendants()
            .filter(|n| n.has_tag_name((W, "fldSimple")))
            .any(|f| attr(f, "instr").is_some_and(is_page));
        let complex = p
            .descendants()
            .filter(|n| n.has_tag_name((W, "instrText")))
            .any(|t| t.text().is_some_and(is_page));
        if !(simple || complex) {
            continue;
        }
        h.page_field = true;
        let ppr = child(p, "pPr");
        let style = ppr
            .and_then(|pp| child(pp, "pStyle"))
            .and_then(|s| attr(s, "val"));
        let direct = ppr.map(super::ParaProps::read).unwrap_or_default();
        let props = styles.para(direct, style);
        h.centered = props.jc.as_deref() == Some("center");
        // The size of the field's result run (or of the field's first run).
        if let Some(r) = p.descendants().find(|n| n.has_tag_name((W, "r"))) {
            let direct = child(r, "rPr")
                .map(|rp| super::RunProps::read(rp, &styles.theme))
                .unwrap_or_default();
            let run = styles.run(direct, None, style);
            h.size = Some(run.size.unwrap_or(super::DEFAULT_SIZE));
            h.font = run.font;
        }
        break;
    }
    h
}
