//! `kiem-tra --sua`: a corrected copy for the mechanical rules. Every change is an edit of
//! a byte range of the part's XML as written, so everything else in the package stays
//! byte for byte: other parts are copied without even being recompressed.

mod edits;
mod header;

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use crate::ReadError;
use crate::checks::fonts::{self, FONT, Look};
use crate::checks::header::MOTTO;
use crate::checks::page::{A4, MARGINS};
use crate::docx::Document;
use crate::elements::{Elements, border_width};
use crate::finding::Severity;
use edits::{Edits, RunEdit};

/// The corrected package and what was changed, in Vietnamese.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub bytes: Vec<u8>,
    pub changes: Vec<String>,
}

pub fn fix(bytes: &[u8], doc: &Document) -> Result<Fixed, ReadError> {
    let report = crate::checks::docx(doc);
    let e = Elements::find(doc);
    let mut ed = Edits::new(&doc.xml);
    let mut changes = Vec::new();
    let mut parts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let fixable = |rule: crate::Rule| {
        report
            .findings
            .iter()
            .any(|f| f.rule == rule && f.fixable && f.severity == Severity::Error)
    };
    if fixable(crate::Rule::PaperSize) || fixable(crate::Rule::Margins) {
        page(doc, &mut ed, &mut changes);
    }
    if fixable(crate::Rule::FontFamily) {
        ed.replace_fonts(FONT);
        if let Some(styles) = doc.parts.get("word/styles.xml") {
            let xml = String::from_utf8_lossy(styles);
            let mut se = Edits::new(&xml);
            se.replace_fonts(FONT);
            parts.insert("word/styles.xml".into(), se.apply().into_bytes());
        }
        changes.push(format!("đổi phông chữ sang {FONT} (các đoạn và các kiểu)"));
    }
    sizes(doc, &e, &mut ed, &mut changes);
    texts(doc, &e, &mut ed, &mut changes);
    if e.motto_rule.is_none()
        && let Some(m) = e.motto
    {
        motto_rule(doc, m, &mut ed);
        changes.push("thêm đường kẻ dưới Tiêu ngữ, dài bằng dòng chữ".into());
    }
    if fixable(crate::Rule::PageNumber) {
        header::page_numbers(doc, &mut ed, &mut parts, &mut changes);
    }
    let main = ed.apply();
    if main != doc.xml {
        parts.insert(doc.main.clone(), main.into_bytes());
    }
    Ok(Fixed {
        bytes: repack(bytes, &parts)?,
        changes,
    })
}

/// A4 and margins within the decree's ranges (the nearest bound), every section.
fn page(doc: &Document, ed: &mut Edits, changes: &mut Vec<String>) {
    for (i, s) in doc.sections.iter().enumerate() {
        let Some(range) = s.range.clone() else {
            continue;
        };
        let (w, h) = if s.landscape { (A4.1, A4.0) } else { A4 };
        let m: Vec<i32> = s
            .margins
            .iter()
            .zip(MARGINS)
            .map(|(&v, (lo, hi))| v.clamp(lo, hi))
            .collect();
        ed.set_attrs(
            range.clone(),
            "pgSz",
            &[("w:w", w.to_string()), ("w:h", h.to_string())],
        );
        ed.set_attrs(
            range,
            "pgMar",
            &[
                ("w:top", m[0].to_string()),
                ("w:right", m[1].to_string()),
                ("w:bottom", m[2].to_string()),
                ("w:left", m[3].to_string()),
            ],
        );
        changes.push(format!(
            "mục {}: khổ A4, lề trên {}, phải {}, dưới {}, trái {} twip",
            i + 1,
            m[0],
            m[1],
            m[2],
            m[3]
        ));
    }
}

/// The sizes of the recognised elements (and the Nơi nhận label's bold italic).
fn sizes(doc: &Document, e: &Elements, ed: &mut Edits, changes: &mut Vec<String>) {
    let mut looks: Vec<(usize, Look)> = fonts::elements(e);
    looks.extend(e.body.iter().map(|&i| (i, fonts::BODY)));
    for (i, look) in looks {
        let p = &doc.paragraphs[i];
        let (lo, hi) = look.sizes;
        let label = look.name == fonts::RECIPIENTS_LABEL.name;
        let mut changed = false;
        for r in p.text_runs() {
            let size = (r.size < lo || r.size > hi).then(|| r.size.clamp(lo, hi));
            let marks = label && !(r.bold && r.italic);
            if size.is_some() || marks {
                ed.run(
                    r,
                    RunEdit {
                        size,
                        bold_italic: marks,
                    },
                );
                changed = true;
            }
        }
        if changed {
            changes.push(format!(
                "đoạn {}: cỡ chữ, kiểu chữ của {}",
                p.number, look.name
            ));
        }
    }
}

/// Leading zeros of Số and the date, the Tiêu ngữ's dashes, the colon of "Nơi nhận".
fn texts(doc: &Document, e: &Elements, ed: &mut Edits, changes: &mut Vec<String>) {
    let ps = &doc.paragraphs;
    if let Some(n) = e.number {
        let t = &ps[n].text;
        if let Some(at) = t.find('/') {
            let before: String = t[..at]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            if before.len() == 1 {
                ed.insert_text(&ps[n], t[..at].chars().count() - 1, "0");
                changes.push(format!("đoạn {}: thêm số 0 trước số văn bản", ps[n].number));
            }
        }
    }
    if let Some(d) = e.place_date {
        let t = &ps[d].text;
        for word in ["ngày", "tháng"] {
            let Some((pos, digits)) = crate::text::number_after(t, word) else {
                continue;
            };
            let v: u32 = digits.parse().unwrap_or(0);
            if digits.len() == 1 && (word == "ngày" || v <= 2) {
                ed.insert_text(&ps[d], pos, "0");
                changes.push(format!("đoạn {}: thêm số 0 vào {word}", ps[d].number));
            } else if word == "tháng" && v > 2 && digits.starts_with('0') {
                ed.delete_char(&ps[d], pos);
                changes.push(format!("đoạn {}: bỏ số 0 trước tháng {v}", ps[d].number));
            }
        }
    }
    if let Some(m) = e.motto
        && ps[m].text.contains(['–', '—', '‒'])
    {
        ed.map_text(&ps[m], |c| {
            if matches!(c, '–' | '—' | '‒') {
                '-'
            } else {
                c
            }
        });
        changes.push(format!(
            "đoạn {}: Tiêu ngữ \"{MOTTO}\" với dấu gạch ngang",
            ps[m].number
        ));
    }
    if let Some(l) = e.recipients_label {
        let t = crate::text::clean(&ps[l].text);
        if t == "Nơi nhận" {
            ed.insert_text(&ps[l], ps[l].text.trim_end().chars().count(), ":");
            changes.push(format!(
                "đoạn {}: thêm dấu hai chấm sau \"Nơi nhận\"",
                ps[l].number
            ));
        }
    }
}

/// An empty paragraph with a bottom border after the Tiêu ngữ, indented to its length.
fn motto_rule(doc: &Document, m: usize, ed: &mut Edits) {
    let p = &doc.paragraphs[m];
    let size = p.text_runs().next().map_or(28, |r| r.size);
    let want = crate::metrics::width_pt(MOTTO, size as f32 / 2.0, true);
    let avail = border_width(doc, p) + (p.indents().0 + p.indents().1) as f32 / 20.0;
    let side = (((avail - want) / 2.0).max(0.0) * 20.0).round() as i32;
    let xml = format!(
        concat!(
            r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"#,
            r#"<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="{side}" w:right="{side}"/>"#,
            r#"<w:jc w:val="left"/><w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>"#
        ),
        side = side
    );
    ed.insert(p.range.end, xml);
}

/// The package with `changed` parts replaced; the others copied raw, in their order.
fn repack(bytes: &[u8], changed: &BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>, ReadError> {
    let err = |e: zip::result::ZipError| ReadError(format!("không ghi được gói DOCX: {e}"));
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).map_err(err)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut added: Vec<&String> = changed.keys().collect();
    for i in 0..zin.len() {
        let f = zin.by_index_raw(i).map_err(err)?;
        let name = f.name().to_string();
        match changed.get(&name) {
            Some(data) => {
                let opts = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .last_modified_time(f.last_modified().unwrap_or_default());
                drop(f);
                out.start_file(name.as_str(), opts).map_err(err)?;
                out.write_all(data).map_err(|e| ReadError(e.to_string()))?;
                added.retain(|n| **n != name);
            }
            None => out.raw_copy_file(f).map_err(err)?,
        }
    }
    for name in added {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        out.start_file(name.as_str(), opts).map_err(err)?;
        out.write_all(&changed[name])
            .map_err(|e| ReadError(e.to_string()))?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}
