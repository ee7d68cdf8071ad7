//! DOCX backend: write the shared sample IR (tests/common/sample.rs), read the package back
//! and check the XML.

use crate::common;

use std::collections::HashMap;
use std::io::{Cursor, Read};

use common::sample::{self, ANNEX, ATTACHMENT, MAIN, layout_table, para, row, sample};
use common::{needs, page_sizes, tool};
use vanban::backend::docx::write_docx;
use vanban::ir::{Align, Block, Cell, Footnote, Image, Inline, Row, RowKind, Run, Table, twips};

/// A 1×1 transparent PNG (for the images of the row-order test).
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

// ---------------------------------------------------------------------------------------
// Reading the package back

fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("valid zip");
    let mut out = HashMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = Vec::new();
        f.read_to_end(&mut s).unwrap();
        if let Ok(s) = String::from_utf8(s) {
            out.insert(f.name().to_string(), s);
        }
    }
    out
}

#[test]
fn package_has_the_parts_word_needs() {
    let bytes = write_docx(&sample()).expect("docx");
    assert!(bytes.starts_with(b"PK"));
    let parts = unzip(&bytes);
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
        "word/footnotes.xml",
        "docProps/core.xml",
    ] {
        assert!(parts.contains_key(part), "{part} missing");
    }
    for (name, xml) in parts
        .iter()
        .filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels"))
    {
        assert!(
            roxmltree::Document::parse(xml).is_ok(),
            "{name} is not well-formed"
        );
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn is(n: &roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(W) && n.tag_name().name() == name
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

fn wattr<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

fn sample_parts() -> HashMap<String, String> {
    unzip(&write_docx(&sample()).expect("docx"))
}

/// Text of a run or paragraph (all w:t below it).
fn text_of(n: roxmltree::Node) -> String {
    n.descendants()
        .filter(|d| is(d, "t"))
        .filter_map(|d| d.text())
        .collect()
}

#[test]
fn sections_have_page_setup_numbering_and_headers() {
    let parts = sample_parts();
    let xml = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let sects: Vec<_> = xml.descendants().filter(|n| is(n, "sectPr")).collect();
    assert_eq!(sects.len(), 3, "one sectPr per section");

    let rels = &parts["word/_rels/document.xml.rels"];
    for (i, s) in sects.iter().enumerate() {
        let sz = child(*s, "pgSz").unwrap();
        let mar = child(*s, "pgMar").unwrap();
        let (w, h) = if i == ANNEX {
            ("16838", "11906")
        } else {
            ("11906", "16838")
        };
        assert_eq!(wattr(sz, "w"), Some(w));
        assert_eq!(wattr(sz, "h"), Some(h));
        if i == ANNEX {
            assert_eq!(wattr(sz, "orient"), Some("landscape"));
        } else {
            assert_eq!(wattr(sz, "orient"), None);
        }
        // 20 / 15 / 20 / 30 mm; left is the binding margin in both orientations.
        assert_eq!(wattr(mar, "top"), Some("1134"));
        assert_eq!(wattr(mar, "right"), Some("850"));
        assert_eq!(wattr(mar, "bottom"), Some("1134"));
        assert_eq!(wattr(mar, "left"), Some("1701"));
        assert_eq!(wattr(mar, "header"), Some("567"));
        assert_eq!(
            wattr(child(*s, "pgNumType").unwrap(), "start"),
            Some("1"),
            "numbering restarts in section {i}"
        );
        assert!(child(*s, "titlePg").is_some(), "titlePg in section {i}");

        // Default header has a PAGE field; first-page header is empty.
        let refs: Vec<_> = s.children().filter(|c| is(c, "headerReference")).collect();
        assert_eq!(refs.len(), 2);
        for r in refs {
            let id = r.attribute((R, "id")).unwrap();
            let target = rels
                .split("<Relationship ")
                .find(|rel| rel.contains(&format!("Id=\"{id}\"")))
                .and_then(|rel| rel.split("Target=\"").nth(1))
                .and_then(|t| t.split('"').next())
                .unwrap();
            let header = &parts[&format!("word/{target}")];
            let hx = roxmltree::Document::parse(header).unwrap();
            let has_page = hx.descendants().any(|n| {
                (is(&n, "instrText") && n.text().unwrap_or("").trim() == "PAGE")
                    || (is(&n, "fldSimple")
                        && wattr(n, "instr").unwrap_or("").trim().starts_with("PAGE"))
            });
            match wattr(r, "type") {
                Some("default") => {
                    assert!(has_page, "default header shows the page number");
                    let sz = hx.descendants().find(|n| is(n, "sz")).unwrap();
                    assert_eq!(wattr(sz, "val"), Some("28"));
                    let jc = hx.descendants().find(|n| is(n, "jc")).unwrap();
                    assert_eq!(wattr(jc, "val"), Some("center"));
                }
                Some("first") => {
                    assert!(!has_page, "first page shows no number");
                    assert_eq!(text_of(hx.root_element()), "");
                }
                t => panic!("unexpected header type {t:?}"),
            }
        }
    }
}

#[test]
fn tables_have_header_rows_merges_and_grid() {
    let parts = sample_parts();
    let xml = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let tables: Vec<_> = xml.descendants().filter(|n| is(n, "tbl")).collect();
    assert_eq!(tables.len(), 3);

    // Layout tables: no borders at all.
    for t in [&tables[0], &tables[1]] {
        let borders = child(child(*t, "tblPr").unwrap(), "tblBorders").unwrap();
        for b in borders.children().filter(|c| c.is_element()) {
            assert!(matches!(wattr(b, "val"), Some("nil") | Some("none")));
        }
        for tcb in t.descendants().filter(|n| is(n, "tcBorders")) {
            for b in tcb.children().filter(|c| c.is_element()) {
                assert!(matches!(wattr(b, "val"), Some("nil") | Some("none")));
            }
        }
        let layout = t.descendants().find(|n| is(n, "tblLayout")).unwrap();
        assert_eq!(wattr(layout, "type"), Some("fixed"));
    }

    // Signature block: every row cantSplit, previous body paragraph keepNext.
    let sig = tables[1];
    for tr in sig.children().filter(|c| is(c, "tr")) {
        assert!(child(child(tr, "trPr").unwrap(), "cantSplit").is_some());
    }
    let prev = sig.prev_sibling_element().unwrap();
    assert!(is(&prev, "p"));
    assert!(text_of(prev).ends_with("./."));
    assert!(child(child(prev, "pPr").unwrap(), "keepNext").is_some());

    // Annex table.
    let t = tables[2];
    let grid: Vec<_> = child(t, "tblGrid")
        .unwrap()
        .children()
        .filter(|c| is(c, "gridCol"))
        .map(|c| wattr(c, "w").unwrap().parse::<i32>().unwrap())
        .collect();
    let columns = sample::annex_columns();
    assert_eq!(grid.len(), sample::ANNEX_COLUMNS);
    assert_eq!(grid[0], twips(columns[0]));
    let tbl_w: i32 = wattr(t.descendants().find(|n| is(n, "tblW")).unwrap(), "w")
        .unwrap()
        .parse()
        .unwrap();
    assert!((tbl_w - grid.iter().sum::<i32>()).abs() <= 2);
    let borders = child(child(t, "tblPr").unwrap(), "tblBorders").unwrap();
    let top = child(borders, "top").unwrap();
    assert_eq!(wattr(top, "val"), Some("single"));
    assert_eq!(wattr(top, "sz"), Some("4"));

    let rows: Vec<_> = t.children().filter(|c| is(c, "tr")).collect();
    // 2 header rows, 2 group rows, the tasks and the total row.
    assert_eq!(rows.len(), 2 + 2 + sample::ANNEX_TASKS + 1);
    let header_flags: Vec<bool> = rows
        .iter()
        .map(|r| {
            child(*r, "trPr")
                .and_then(|p| child(p, "tblHeader"))
                .is_some()
        })
        .collect();
    assert_eq!(header_flags.iter().filter(|f| **f).count(), 2);
    assert!(header_flags[0] && header_flags[1]);
    for r in &rows {
        assert!(child(child(*r, "trPr").unwrap(), "cantSplit").is_some());
    }

    let cells = |r: &roxmltree::Node| -> Vec<(Option<String>, Option<String>, String)> {
        r.children()
            .filter(|c| is(c, "tc"))
            .map(|tc| {
                let pr = child(tc, "tcPr").unwrap();
                let span = child(pr, "gridSpan")
                    .and_then(|g| wattr(g, "val"))
                    .map(String::from);
                let vm =
                    child(pr, "vMerge").map(|v| wattr(v, "val").unwrap_or("continue").to_string());
                (span, vm, text_of(tc))
            })
            .collect()
    };
    let r0 = cells(&rows[0]);
    assert_eq!(r0.len(), 5);
    assert_eq!(r0[0], (None, Some("restart".into()), "STT".into()));
    assert_eq!(r0[1], (None, Some("restart".into()), "Nhiệm vụ".into()));
    assert_eq!(
        r0[2],
        (None, Some("restart".into()), "Đơn vị chủ trì".into())
    );
    assert_eq!(r0[3], (Some("3".into()), None, "Kết quả".into()));
    assert_eq!(r0[4], (None, Some("restart".into()), "Ghi chú".into()));
    let r1 = cells(&rows[1]);
    assert_eq!(r1.len(), 7);
    for i in [0, 1, 2, 6] {
        assert_eq!(
            r1[i],
            (None, Some("continue".into()), String::new()),
            "cell {i}"
        );
    }
    assert_eq!(r1[3].2, "Kế hoạch");
    assert_eq!(r1[5].2, "Tỷ lệ (%)");
    let r2 = cells(&rows[2]);
    assert_eq!(r2.len(), 1);
    assert_eq!(r2[0].0.as_deref(), Some("7"));
    assert!(r2[0].2.starts_with("I. VỀ CÔNG TÁC"));
    let r3 = cells(&rows[3]);
    assert_eq!(r3.len(), 7);
    assert_eq!(r3[1].2, sample::task(1));
    let total = cells(rows.last().unwrap());
    assert_eq!(total.len(), 5);
    assert_eq!(total[0], (Some("3".into()), None, "Tổng cộng".into()));
    assert_eq!(total[2].2, "101.840");
}

#[test]
fn runs_carry_font_size_and_style() {
    let parts = sample_parts();
    let xml = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let runs: Vec<_> = xml.descendants().filter(|n| is(n, "r")).collect();
    assert!(runs.len() > 100);
    for r in &runs {
        let rpr = child(*r, "rPr").expect("every run has properties");
        let f = child(rpr, "rFonts").expect("every run names its font");
        for a in ["ascii", "hAnsi", "cs", "eastAsia"] {
            assert_eq!(wattr(f, a), Some("Times New Roman"));
        }
    }
    let find = |text: &str| {
        *runs
            .iter()
            .find(|r| text_of(**r) == text)
            .unwrap_or_else(|| panic!("run {text:?}"))
    };
    let props = |r: roxmltree::Node| {
        let rpr = child(r, "rPr").unwrap();
        (
            wattr(child(rpr, "sz").unwrap(), "val").unwrap().to_string(),
            wattr(child(rpr, "szCs").unwrap(), "val")
                .unwrap()
                .to_string(),
            child(rpr, "b").is_some(),
            child(rpr, "i").is_some(),
        )
    };
    assert_eq!(
        props(find("UBND TỈNH THANH HÓA")),
        ("26".into(), "26".into(), false, false)
    );
    assert_eq!(
        props(find(sample::AGENCY)),
        ("26".into(), "26".into(), true, false)
    );
    assert_eq!(
        props(find("Thanh Hóa, ngày 05 tháng 02 năm 2024")),
        ("28".into(), "28".into(), false, true)
    );
    assert_eq!(
        props(find("41 nhiệm vụ")),
        ("28".into(), "28".into(), true, false)
    );

    // Body paragraphs: justified, first-line indent 1.27 cm, 6 pt after, 1.15 lines (auto),
    // set by the "Body Text" style they name where the paragraph leaves them out.
    let p = find(sample::CLOSING).parent().unwrap();
    let ppr = child(p, "pPr").unwrap();
    let style_id = wattr(child(ppr, "pStyle").expect("a body style"), "val").unwrap();
    assert_eq!(style_id, "BodyText");
    let styles = roxmltree::Document::parse(&parts["word/styles.xml"]).unwrap();
    let style = styles
        .descendants()
        .find(|n| is(n, "style") && wattr(*n, "styleId") == Some(style_id))
        .expect("the style is defined");
    let style_ppr = child(style, "pPr").unwrap();
    let prop = |name: &str| child(ppr, name).or_else(|| child(style_ppr, name)).unwrap();
    assert_eq!(wattr(prop("jc"), "val"), Some("both"));
    assert_eq!(wattr(prop("ind"), "firstLine"), Some("720"));
    let sp = prop("spacing");
    assert_eq!(wattr(sp, "after"), Some("120"));
    assert_eq!(wattr(sp, "line"), Some("276"));
    assert_eq!(wattr(sp, "lineRule"), Some("auto"));
    assert!(!parts["word/document.xml"].contains("w:lineRule=\"exact\""));

    // Headings use the built-in heading styles, which carry the outline level.
    let level = |text: &str| {
        let ppr = child(find(text).parent().unwrap(), "pPr").unwrap();
        let id = wattr(child(ppr, "pStyle").expect("a heading style"), "val").unwrap();
        let style = styles
            .descendants()
            .find(|n| is(n, "style") && wattr(*n, "styleId") == Some(id))
            .expect("the style is defined");
        let name = wattr(child(style, "name").unwrap(), "val").unwrap();
        let level = wattr(
            child(child(style, "pPr").unwrap(), "outlineLvl").unwrap(),
            "val",
        )
        .unwrap();
        assert_eq!(
            name,
            format!("heading {}", level.parse::<u8>().unwrap() + 1)
        );
        assert!(
            child(ppr, "outlineLvl").is_none(),
            "the level is the style's"
        );
        level.to_string()
    };
    assert_eq!(level(sample::HEADINGS[0]), "1");
    assert_eq!(level(sample::SUBHEADING), "2");

    // Rules: a bottom border only, indents making the line exactly its width.
    let rule_ps: Vec<_> = xml
        .descendants()
        .filter(|n| is(n, "pBdr"))
        .map(|b| b.parent().unwrap())
        .collect();
    assert_eq!(rule_ps.len(), 4);
    let pbdr = child(rule_ps[0], "pBdr").unwrap();
    assert_eq!(pbdr.children().filter(|c| c.is_element()).count(), 1);
    assert_eq!(wattr(child(pbdr, "bottom").unwrap(), "val"), Some("single"));
    // Left cell (0.4 × text width, no padding) minus the agency rule, split on both sides.
    let (left_w, _) = sample::header_columns();
    let side = twips((left_w - sample::AGENCY_RULE) / 2.0).to_string();
    let ind = child(rule_ps[0], "ind").unwrap();
    assert_eq!(wattr(ind, "left"), Some(side.as_str()));
    assert_eq!(wattr(ind, "right"), Some(side.as_str()));

    // Styles: document defaults in Times New Roman 14 pt, Vietnamese.
    let styles = roxmltree::Document::parse(&parts["word/styles.xml"]).unwrap();
    let defaults = styles.descendants().find(|n| is(n, "rPrDefault")).unwrap();
    let f = defaults.descendants().find(|n| is(n, "rFonts")).unwrap();
    assert_eq!(wattr(f, "ascii"), Some("Times New Roman"));
    assert_eq!(
        wattr(defaults.descendants().find(|n| is(n, "sz")).unwrap(), "val"),
        Some("28")
    );
    assert_eq!(
        wattr(
            defaults.descendants().find(|n| is(n, "lang")).unwrap(),
            "val"
        ),
        Some("vi-VN")
    );
    let fref = styles
        .descendants()
        .find(|n| is(n, "style") && wattr(*n, "styleId") == Some("FootnoteReference"))
        .expect("footnote reference style");
    assert_eq!(
        wattr(
            fref.descendants().find(|n| is(n, "vertAlign")).unwrap(),
            "val"
        ),
        Some("superscript")
    );
}

#[test]
fn footnotes_are_real_word_footnotes() {
    let parts = sample_parts();
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let refs: Vec<_> = doc
        .descendants()
        .filter(|n| is(n, "footnoteReference"))
        .collect();
    assert_eq!(refs.len(), 1);
    let id = wattr(refs[0], "id").unwrap();
    let rpr = child(refs[0].parent().unwrap(), "rPr").unwrap();
    assert_eq!(
        wattr(child(rpr, "rStyle").unwrap(), "val"),
        Some("FootnoteReference")
    );

    let notes = roxmltree::Document::parse(&parts["word/footnotes.xml"]).unwrap();
    let note = notes
        .descendants()
        .find(|n| is(n, "footnote") && wattr(*n, "id") == Some(id))
        .expect("referenced note exists");
    assert_eq!(text_of(note).trim(), sample::FOOTNOTE);
    assert!(note.descendants().any(|n| is(&n, "footnoteRef")));
    let sz = note.descendants().find(|n| is(n, "sz")).unwrap();
    assert_eq!(wattr(sz, "val"), Some("24"));
    let jc = note.descendants().find(|n| is(n, "jc")).unwrap();
    assert_eq!(wattr(jc, "val"), Some("both"));
    assert!(parts["[Content_Types].xml"].contains("/word/footnotes.xml"));
    assert!(parts["word/_rels/document.xml.rels"].contains("footnotes.xml"));
}

#[test]
fn core_properties_come_from_meta() {
    let parts = sample_parts();
    let core = roxmltree::Document::parse(&parts["docProps/core.xml"]).unwrap();
    let get = |name: &str| {
        core.descendants()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(String::from)
    };
    assert_eq!(get("title").as_deref(), Some(sample::TITLE));
    assert_eq!(get("creator").as_deref(), Some(sample::AUTHOR));
    assert_eq!(get("subject").as_deref(), Some(sample::SUBJECT));
    assert_eq!(get("language").as_deref(), Some("vi-VN"));
    assert_eq!(get("created").as_deref(), Some("2024-02-05T00:00:00Z"));
    assert_eq!(get("modified").as_deref(), Some("2024-02-05T00:00:00Z"));
}

#[test]
fn output_is_deterministic() {
    let doc = sample();
    let a = write_docx(&doc).unwrap();
    let b = write_docx(&doc).unwrap();
    assert!(a == b, "two calls give identical bytes");
    // Also across threads (no id comes from a per-thread counter).
    let c = std::thread::spawn(move || write_docx(&doc).unwrap())
        .join()
        .unwrap();
    assert!(a == c);
}

#[test]
fn empty_document_is_an_error() {
    let mut doc = sample();
    doc.sections.clear();
    let e = write_docx(&doc).unwrap_err();
    assert!(!e.to_string().is_empty());
}

#[test]
fn images_are_inline_pictures_with_their_size() {
    let parts = sample_parts();
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let extent = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "extent")
        .expect("an inline picture");
    assert_eq!(extent.attribute("cx"), Some("762000"));
    assert_eq!(extent.attribute("cy"), Some("381000"));
    let blip = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "blip")
        .unwrap();
    let rid = blip.attribute((R, "embed")).unwrap();
    assert!(parts["word/_rels/document.xml.rels"].contains(&format!("Id=\"{rid}\"")));
    let mut z = zip::ZipArchive::new(Cursor::new(write_docx(&sample()).unwrap())).unwrap();
    assert!((0..z.len()).any(|i| z.by_index(i).unwrap().name().starts_with("word/media/")));
}

/// Round trip through LibreOffice: page numbers and orientation as laid out.
#[test]
fn libreoffice_renders_page_numbers_and_landscape_annex() {
    if !needs(&["soffice", "pdftotext", "pdfinfo"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let file = dir.join("sample.docx");
    std::fs::write(&file, write_docx(&sample()).unwrap()).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    tool(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    let pdf = dir.join("sample.pdf");
    assert!(pdf.exists(), "soffice wrote no PDF");
    let sizes = page_sizes(&pdf);
    assert!(sizes.len() >= 6, "{sizes:?}");
    let page_text = |n: usize| {
        let n = n.to_string();
        tool(
            "pdftotext",
            &["-layout", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
        )
    };
    let first_line = |n: usize| {
        page_text(n)
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    // Page 1: the header table, no number; page 2: "2".
    assert!(first_line(1).starts_with("UBND"), "{}", first_line(1));
    assert_eq!(first_line(2), "2");
    // The attachment starts on a new page without a number; its page break makes a
    // second page, numbered 2.
    let attachment = (1..=sizes.len())
        .find(|&n| first_line(n) == "KẾ HOẠCH")
        .expect("the attachment's first page");
    assert!(page_text(attachment).contains(sample::BEFORE_BREAK));
    assert_eq!(first_line(attachment + 1), "2");
    assert!(page_text(attachment + 1).contains(sample::AFTER_BREAK));
    // The annex starts on a landscape page without a number; later pages count from 2 and
    // repeat the table header.
    let annex = sizes
        .iter()
        .position(|(w, h)| w > h)
        .expect("a landscape page")
        + 1;
    assert_eq!(annex, attachment + 2);
    assert!(sizes[..annex - 1].iter().all(|(w, h)| w < h));
    assert!(sizes[annex - 1..].iter().all(|(w, h)| w > h));
    assert_eq!(first_line(annex), "Phụ lục");
    assert!(
        sizes.len() > annex,
        "the 80-row annex runs onto a second page"
    );
    for (k, n) in (annex + 1..=sizes.len()).enumerate() {
        assert_eq!(first_line(n), (k + 2).to_string());
        assert!(
            page_text(n).contains("Tỷ lệ (%)"),
            "header row repeats on page {n}"
        );
    }
    assert!(page_text(sizes.len()).contains("Tổng cộng"));
}

/// The attachment's runs: superscript, underline, a line break, a size override, and the
/// page break between its paragraphs.
#[test]
fn run_styles_line_and_page_breaks() {
    let parts = sample_parts();
    let xml = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let run = |text: &str| {
        xml.descendants()
            .find(|n| is(n, "r") && text_of(*n) == text)
            .unwrap_or_else(|| panic!("run {text:?}"))
    };
    let rpr = |text: &str| child(run(text), "rPr").unwrap();
    let vert = child(rpr("2"), "vertAlign").expect("superscript");
    assert_eq!(wattr(vert, "val"), Some("superscript"));
    let u = child(rpr("trước ngày 30 tháng 6"), "u").expect("underline");
    assert_eq!(wattr(u, "val"), Some("single"));
    assert!(child(rpr(", hoàn thành "), "u").is_none());
    assert!(child(rpr(", hoàn thành "), "vertAlign").is_none());
    let small = rpr("Ghi chú cỡ chữ 12.");
    assert_eq!(wattr(child(small, "sz").unwrap(), "val"), Some("24"));
    // The line break sits in the same paragraph, between "." and the small run.
    let p = run("Ghi chú cỡ chữ 12.").parent().unwrap();
    let brs: Vec<_> = p.descendants().filter(|n| is(n, "br")).collect();
    assert_eq!(brs.len(), 1);
    assert!(matches!(wattr(brs[0], "type"), None | Some("textWrapping")));
    // A page break between the attachment's last two paragraphs, and nowhere else.
    let page_breaks: Vec<_> = xml
        .descendants()
        .filter(|n| is(n, "br") && wattr(*n, "type") == Some("page"))
        .collect();
    assert_eq!(page_breaks.len(), 1);
    let before = run(sample::BEFORE_BREAK).parent().unwrap();
    let after = run(sample::AFTER_BREAK).parent().unwrap();
    let between: Vec<_> = before
        .next_siblings()
        .skip(1)
        .take_while(|n| *n != after)
        .filter(|n| n.is_element())
        .collect();
    assert!(
        between
            .iter()
            .any(|n| n.descendants().any(|d| d == page_breaks[0])),
        "the page break is not between {:?} and {:?}",
        sample::BEFORE_BREAK,
        sample::AFTER_BREAK
    );
    // The attachment section is portrait and numbered from 1 like the others.
    let sects: Vec<_> = xml.descendants().filter(|n| is(n, "sectPr")).collect();
    let sz = child(sects[ATTACHMENT], "pgSz").unwrap();
    assert_eq!(wattr(sz, "orient"), None);
    assert_eq!(sects.len(), 3);
    assert!(child(sects[MAIN], "pgSz").is_some());
}

/// Rows with footnotes or images (which add footnotes and media parts) keep their place among
/// plain rows; header rows repeat; paragraph ids run through the part.
#[test]
fn long_table_rows_keep_their_order() {
    let text_cell = |t: &str| {
        Cell::new(vec![Block::Paragraph(para(
            t,
            12.0,
            false,
            false,
            Align::Left,
        ))])
    };
    let mut rows = vec![Row {
        kind: RowKind::Header,
        cells: vec![text_cell("head")],
        cant_split: true,
    }];
    for i in 1..=8 {
        let name = format!("row{i}");
        let cell = match i {
            3 => {
                let mut p = para(&name, 12.0, false, false, Align::Left);
                p.runs.push(Inline::FootnoteRef(Footnote {
                    number: 1,
                    runs: vec![Run::plain("note")],
                }));
                Cell::new(vec![Block::Paragraph(p)])
            }
            6 => Cell::new(vec![
                Block::Paragraph(para(&name, 12.0, false, false, Align::Left)),
                Block::Image(Image {
                    data: TINY_PNG.to_vec(),
                    width: 20.0,
                    height: 10.0,
                    align: Align::Center,
                }),
            ]),
            _ => text_cell(&name),
        };
        rows.push(Row {
            cant_split: false,
            ..row(RowKind::Body, vec![cell])
        });
    }
    let table = Table {
        header_rows: 1,
        borders: true,
        ..layout_table(vec![200.0], rows)
    };
    let mut doc = sample();
    doc.sections.truncate(1);
    doc.sections[0].blocks = vec![Block::Table(table)];
    let parts = unzip(&write_docx(&doc).expect("docx"));
    let xml = &parts["word/document.xml"];
    let d = roxmltree::Document::parse(xml).unwrap();
    let rows: Vec<String> = d
        .descendants()
        .filter(|n| is(n, "tr"))
        .map(|n| text_of(n))
        .collect();
    let want: Vec<String> = std::iter::once("head".to_string())
        .chain((1..=8).map(|i| format!("row{i}")))
        .collect();
    assert_eq!(rows, want);
    let header = d.descendants().find(|n| is(n, "tr")).unwrap();
    assert!(header.descendants().any(|n| is(&n, "tblHeader")));
    assert_eq!(
        d.descendants()
            .filter(|n| is(n, "footnoteReference"))
            .count(),
        1
    );
    assert!(d.descendants().any(|n| n.tag_name().name() == "blip"));
    // Paragraph ids run 1, 2, 3, … through the part.
    let ids: Vec<&str> = d
        .descendants()
        .filter(|n| is(n, "p"))
        .filter_map(|n| {
            n.attributes()
                .find(|a| a.name() == "paraId")
                .map(|a| a.value())
        })
        .collect();
    assert!(!ids.is_empty());
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(*id, format!("{:08X}", i + 1));
    }
}

#[test]
fn a_backend_failing_on_a_checked_document_is_an_internal_error() {
    // No front-half stage builds a document without sections; if one did, the user is told
    // it is vanban's bug, not a mistake in the data.
    let mut doc = sample();
    doc.sections.clear();
    let fonts = vanban::fonts::bundled();
    let e = vanban::render::write_format(&doc, vanban::render::Format::Docx, fonts).unwrap_err();
    assert_eq!(e.code, vanban::error::Code::Internal);
    assert!(
        e.message.starts_with(vanban::error::INTERNAL),
        "{}",
        e.message
    );
    assert!(e.to_string().ends_with("[mã lỗi: noi-bo]"), "{e}");
}
