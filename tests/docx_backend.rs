//! DOCX backend: build an IR by hand, write it, read the package back and check the XML.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use vanban::backend::docx::write_docx;
use vanban::ir::{
    Align, Block, Cell, Document, Footnote, Image, Inline, Meta, Orientation, PageSetup, Paragraph,
    Row, RowKind, Rule, Run, Section, SectionKind, Table, VAlign, mm,
};

// ---------------------------------------------------------------------------------------
// Fixture

/// A 1×1 transparent PNG (stands in for a signature image).
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

fn run(text: &str, bold: bool, italic: bool) -> Inline {
    Inline::Text(Run {
        text: text.to_string(),
        bold,
        italic,
        ..Run::default()
    })
}

fn para(size: f32, align: Align, runs: Vec<Inline>) -> Paragraph {
    Paragraph {
        runs,
        align,
        ..Paragraph::new(size)
    }
}

fn centered(size: f32, text: &str, bold: bool, italic: bool) -> Block {
    Block::Paragraph(para(size, Align::Center, vec![run(text, bold, italic)]))
}

fn rule(width: f32) -> Block {
    Block::Rule(Rule {
        width,
        align: Align::Center,
        thickness: 0.5,
        space_before: 1.0,
        space_after: 3.0,
    })
}

fn body(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        first_line_indent: mm(12.7),
        space_after: 6.0,
        line_spacing: 1.15,
        ..para(14.0, Align::Justify, vec![run(text, false, false)])
    })
}

fn heading(text: &str, level: u8) -> Block {
    Block::Paragraph(Paragraph {
        first_line_indent: mm(12.7),
        space_before: 6.0,
        space_after: 6.0,
        line_spacing: 1.15,
        keep_with_next: true,
        outline_level: Some(level),
        ..para(14.0, Align::Justify, vec![run(text, true, false)])
    })
}

fn layout_table(columns: Vec<f32>, rows: Vec<Row>, keep_with_previous: bool) -> Table {
    Table {
        columns,
        rows,
        header_rows: 0,
        borders: false,
        border_width: 0.5,
        cell_padding_x: 0.0,
        cell_padding_y: 0.0,
        align: Align::Center,
        keep_with_previous,
    }
}

fn body_row(cells: Vec<Cell>) -> Row {
    Row {
        kind: RowKind::Body,
        cells,
        cant_split: false,
    }
}

/// A report with a first-page header, body with a footnote, signature block and a
/// landscape annex holding a 60-row table.
pub fn sample_document() -> Document {
    let page = PageSetup::nd30_default();
    let text_w = page.text_width(Orientation::Portrait);
    let left_w = (text_w * 0.4).round();
    let right_w = text_w - left_w;

    let header = layout_table(
        vec![left_w, right_w],
        vec![body_row(vec![
            Cell::new(vec![
                centered(13.0, "UBND TỈNH THANH HÓA", false, false),
                centered(13.0, "SỞ NỘI VỤ", true, false),
                rule(40.0),
                centered(13.0, "Số: 05/BC-UBND", false, false),
            ]),
            Cell::new(vec![
                centered(13.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false),
                centered(14.0, "Độc lập - Tự do - Hạnh phúc", true, false),
                rule(165.0),
                centered(14.0, "Thanh Hóa, ngày 05 tháng 02 năm 2024", false, true),
            ]),
        ])],
        false,
    );

    let mut main = vec![
        Block::Table(header),
        Block::Spacer(12.0),
        centered(14.0, "BÁO CÁO", true, false),
        centered(
            14.0,
            "Kết quả công tác cải cách hành chính năm 2023",
            true,
            false,
        ),
        rule(80.0),
        heading("I. TÌNH HÌNH CHUNG", 1),
        Block::Paragraph(Paragraph {
            first_line_indent: mm(12.7),
            space_after: 6.0,
            line_spacing: 1.15,
            ..para(
                14.0,
                Align::Justify,
                vec![
                    run(
                        "Năm 2023, Ủy ban nhân dân tỉnh đã ban hành kế hoạch",
                        false,
                        false,
                    ),
                    Inline::FootnoteRef(Footnote {
                        number: 1,
                        runs: vec![Run::plain(
                            "Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2023 của Ủy ban nhân dân tỉnh.",
                        )],
                    }),
                    run(" cải cách hành chính với ", false, false),
                    run("41 nhiệm vụ", true, false),
                    run(" trọng tâm.", false, false),
                ],
            )
        }),
    ];
    for i in 1..=12 {
        main.push(heading(&format!("{i}. Nội dung thứ {i}"), 2));
        main.push(body(&format!(
            "Đoạn văn số {i}: các cơ quan, đơn vị đã triển khai thực hiện đầy đủ các nhiệm vụ được giao, \
             bảo đảm đúng tiến độ và chất lượng theo yêu cầu; kết quả cụ thể tại Phụ lục kèm theo \
             Báo cáo này, trong đó nêu rõ các nhiệm vụ đã hoàn thành và các nhiệm vụ đang thực hiện."
        )));
    }
    main.push(body(
        "Trên đây là báo cáo kết quả công tác cải cách hành chính năm 2023./.",
    ));

    let sign = layout_table(
        vec![left_w, right_w],
        vec![body_row(vec![
            Cell::new(vec![
                Block::Paragraph(para(12.0, Align::Left, vec![run("Nơi nhận:", true, true)])),
                Block::Paragraph(para(
                    11.0,
                    Align::Left,
                    vec![run("- Như trên;", false, false)],
                )),
                Block::Paragraph(para(
                    11.0,
                    Align::Left,
                    vec![run("- Lưu: VT, CCHC.", false, false)],
                )),
            ]),
            Cell::new(vec![
                centered(14.0, "TM. ỦY BAN NHÂN DÂN", true, false),
                centered(14.0, "CHỦ TỊCH", true, false),
                Block::Image(Image {
                    png: TINY_PNG.to_vec(),
                    width: 60.0,
                    height: 30.0,
                    align: Align::Center,
                }),
                Block::Spacer(mm(15.0)),
                centered(14.0, "Nguyễn Văn A", true, false),
            ]),
        ])],
        true,
    );
    main.push(Block::Table(sign));

    // Annex: landscape, 2 header rows with rowspan/colspan, a group row, 60 body rows.
    let ltext = page.text_width(Orientation::Landscape);
    let columns = vec![40.0, ltext - 40.0 - 3.0 * 90.0, 90.0, 90.0, 90.0];
    let hdr = |t: &str, colspan: usize, rowspan: usize| Cell {
        colspan,
        rowspan,
        valign: VAlign::Center,
        ..Cell::new(vec![centered(13.0, t, true, false)])
    };
    let mut rows = vec![
        Row {
            kind: RowKind::Header,
            cells: vec![
                hdr("STT", 1, 2),
                hdr("Nhiệm vụ", 1, 2),
                hdr("Kết quả thực hiện", 3, 1),
            ],
            cant_split: true,
        },
        Row {
            kind: RowKind::Header,
            cells: vec![
                hdr("Đã xong", 1, 1),
                hdr("Đang làm", 1, 1),
                hdr("Tỷ lệ", 1, 1),
            ],
            cant_split: true,
        },
        Row {
            kind: RowKind::Group,
            cells: vec![Cell {
                colspan: 5,
                ..Cell::new(vec![Block::Paragraph(para(
                    13.0,
                    Align::Left,
                    vec![run(
                        "I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (60 NHIỆM VỤ)",
                        true,
                        false,
                    )],
                ))])
            }],
            cant_split: true,
        },
    ];
    for i in 1..=60 {
        let c = |t: String, a: Align| {
            Cell::new(vec![Block::Paragraph(para(
                13.0,
                a,
                vec![run(&t, false, false)],
            ))])
        };
        rows.push(Row {
            kind: RowKind::Body,
            cells: vec![
                c(i.to_string(), Align::Center),
                c(
                    format!("Nhiệm vụ số {i} về cải cách thủ tục hành chính"),
                    Align::Left,
                ),
                c(format!("{}", i * 3), Align::Right),
                c(format!("{}", i % 7), Align::Right),
                c(format!("{},5%", 90 + i % 10), Align::Right),
            ],
            cant_split: true,
        });
    }
    let annex_table = Table {
        columns,
        rows,
        header_rows: 2,
        borders: true,
        border_width: 0.5,
        cell_padding_x: 5.4,
        cell_padding_y: 1.0,
        align: Align::Center,
        keep_with_previous: false,
    };
    let annex = vec![
        centered(14.0, "Phụ lục", true, false),
        centered(14.0, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023", true, false),
        centered(
            14.0,
            "(Kèm theo Báo cáo số: 05/BC-UBND ngày 05 tháng 02 năm 2024 của UBND tỉnh Thanh Hóa)",
            false,
            true,
        ),
        rule(60.0),
        Block::Table(annex_table),
    ];

    Document {
        meta: Meta {
            title: "Báo cáo kết quả công tác cải cách hành chính năm 2023".to_string(),
            subject: "Cải cách hành chính".to_string(),
            author: "UBND tỉnh Thanh Hóa".to_string(),
            created: "2024-02-05T00:00:00Z".to_string(),
            language: "vi-VN".to_string(),
        },
        page,
        sections: vec![
            Section {
                kind: SectionKind::Main,
                orientation: Orientation::Portrait,
                blocks: main,
            },
            Section {
                kind: SectionKind::Annex {
                    label: "Phụ lục".to_string(),
                },
                orientation: Orientation::Landscape,
                blocks: annex,
            },
        ],
    }
}

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
fn writes_sample_for_manual_check() {
    let bytes = write_docx(&sample_document()).expect("docx");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(dir.join("docx_backend_sample.docx"), &bytes).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let parts = unzip(&bytes);
    assert!(parts.contains_key("word/document.xml"));
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
    unzip(&write_docx(&sample_document()).expect("docx"))
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
    assert_eq!(sects.len(), 2, "one sectPr per section");

    let rels = &parts["word/_rels/document.xml.rels"];
    for (i, s) in sects.iter().enumerate() {
        let sz = child(*s, "pgSz").unwrap();
        let mar = child(*s, "pgMar").unwrap();
        let (w, h) = if i == 0 {
            ("11906", "16838")
        } else {
            ("16838", "11906")
        };
        assert_eq!(wattr(sz, "w"), Some(w));
        assert_eq!(wattr(sz, "h"), Some(h));
        if i == 0 {
            assert_eq!(wattr(sz, "orient"), None);
        } else {
            assert_eq!(wattr(sz, "orient"), Some("landscape"));
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
    assert_eq!(grid.len(), 5);
    assert_eq!(grid[0], 800);
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
    assert_eq!(rows.len(), 63);
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
    assert_eq!(r0.len(), 3);
    assert_eq!(r0[0], (None, Some("restart".into()), "STT".into()));
    assert_eq!(r0[1], (None, Some("restart".into()), "Nhiệm vụ".into()));
    assert_eq!(r0[2], (Some("3".into()), None, "Kết quả thực hiện".into()));
    let r1 = cells(&rows[1]);
    assert_eq!(r1.len(), 5);
    assert_eq!(r1[0], (None, Some("continue".into()), String::new()));
    assert_eq!(r1[1], (None, Some("continue".into()), String::new()));
    assert_eq!(r1[2].2, "Đã xong");
    assert_eq!(r1[4].2, "Tỷ lệ");
    let r2 = cells(&rows[2]);
    assert_eq!(r2.len(), 1);
    assert_eq!(r2[0].0.as_deref(), Some("5"));
    assert_eq!(cells(&rows[3]).len(), 5);
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
        props(find("SỞ NỘI VỤ")),
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

    // Body paragraphs: justified, first-line indent 1.27 cm, 6 pt after, 1.15 lines (auto).
    let p = find("Trên đây là báo cáo kết quả công tác cải cách hành chính năm 2023./.")
        .parent()
        .unwrap();
    let ppr = child(p, "pPr").unwrap();
    assert_eq!(wattr(child(ppr, "jc").unwrap(), "val"), Some("both"));
    assert_eq!(wattr(child(ppr, "ind").unwrap(), "firstLine"), Some("720"));
    let sp = child(ppr, "spacing").unwrap();
    assert_eq!(wattr(sp, "after"), Some("120"));
    assert_eq!(wattr(sp, "line"), Some("276"));
    assert_eq!(wattr(sp, "lineRule"), Some("auto"));
    assert!(!parts["word/document.xml"].contains("w:lineRule=\"exact\""));

    // Headings carry an outline level.
    let h = find("I. TÌNH HÌNH CHUNG").parent().unwrap();
    assert_eq!(
        wattr(
            child(child(h, "pPr").unwrap(), "outlineLvl").unwrap(),
            "val"
        ),
        Some("1")
    );

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
    // Left cell (0.4 × text width, no padding) minus the 40 pt rule, split on both sides.
    let left_w = (PageSetup::nd30_default().text_width(Orientation::Portrait) * 0.4).round();
    let side = vanban::ir::twips((left_w - 40.0) / 2.0).to_string();
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
    assert!(text_of(note).contains("Kế hoạch số 12/KH-UBND"));
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
    assert_eq!(
        get("title").as_deref(),
        Some("Báo cáo kết quả công tác cải cách hành chính năm 2023")
    );
    assert_eq!(get("creator").as_deref(), Some("UBND tỉnh Thanh Hóa"));
    assert_eq!(get("subject").as_deref(), Some("Cải cách hành chính"));
    assert_eq!(get("language").as_deref(), Some("vi-VN"));
    assert_eq!(get("created").as_deref(), Some("2024-02-05T00:00:00Z"));
    assert_eq!(get("modified").as_deref(), Some("2024-02-05T00:00:00Z"));
}

#[test]
fn output_is_deterministic() {
    let doc = sample_document();
    let a = write_docx(&doc).unwrap();
    let b = write_docx(&doc).unwrap();
    assert!(a == b, "two calls give identical bytes");
    // Also across threads (docx-rs keeps per-thread counters).
    let c = std::thread::spawn(move || write_docx(&doc).unwrap())
        .join()
        .unwrap();
    assert!(a == c);
}

#[test]
fn empty_document_is_an_error() {
    let mut doc = sample_document();
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
    let mut z = zip::ZipArchive::new(Cursor::new(write_docx(&sample_document()).unwrap())).unwrap();
    assert!((0..z.len()).any(|i| z.by_index(i).unwrap().name().starts_with("word/media/")));
}

/// Round trip through LibreOffice: page numbers and orientation as laid out. Skipped when
/// `soffice` is not installed.
#[test]
fn libreoffice_renders_page_numbers_and_landscape_annex() {
    use std::process::Command;
    let have = |cmd: &str| Command::new(cmd).arg("--version").output().is_ok();
    if !have("soffice") || !have("pdftotext") || !have("pdfinfo") {
        eprintln!("note: soffice/poppler not on PATH, LibreOffice round trip skipped");
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx_roundtrip");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sample.docx");
    std::fs::write(&file, write_docx(&sample_document()).unwrap()).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let ok = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&file)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    let pdf = dir.join("sample.pdf");
    if !ok || !pdf.exists() {
        eprintln!("note: soffice could not convert, LibreOffice round trip skipped");
        return;
    }
    let info = String::from_utf8(
        Command::new("pdfinfo")
            .args(["-f", "1", "-l", "99"])
            .arg(&pdf)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let sizes: Vec<(f32, f32)> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let v: Vec<f32> = l
                .split("size:")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .filter_map(|t| t.parse().ok())
                .collect();
            (v[0], v[1])
        })
        .collect();
    assert!(sizes.len() >= 4, "{info}");
    let page_text = |n: usize| {
        let out = Command::new("pdftotext")
            .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
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
    // The annex starts on a landscape page without a number; later pages count from 2 and
    // repeat the table header.
    let annex = sizes
        .iter()
        .position(|(w, h)| w > h)
        .expect("a landscape page")
        + 1;
    assert!(sizes[..annex - 1].iter().all(|(w, h)| w < h));
    assert!(sizes[annex - 1..].iter().all(|(w, h)| w > h));
    assert_eq!(first_line(annex), "Phụ lục");
    assert!(
        sizes.len() > annex,
        "the 60-row annex runs onto a second page"
    );
    for (k, n) in (annex + 1..=sizes.len()).enumerate() {
        assert_eq!(first_line(n), (k + 2).to_string());
        assert!(
            page_text(n).contains("Kết quả thực hiện"),
            "header row repeats on page {n}"
        );
    }
}

/// Body rows without footnotes or images are written outside docx-rs's tree and spliced
/// back in: they must keep their place among the rows docx-rs writes itself.
#[test]
fn long_table_rows_keep_their_order() {
    let text_cell = |t: &str| {
        Cell::new(vec![Block::Paragraph(para(
            12.0,
            Align::Left,
            vec![run(t, false, false)],
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
            3 => Cell::new(vec![Block::Paragraph(para(
                12.0,
                Align::Left,
                vec![
                    run(&name, false, false),
                    Inline::FootnoteRef(Footnote {
                        number: 1,
                        runs: vec![Run::plain("note")],
                    }),
                ],
            ))]),
            6 => Cell::new(vec![
                Block::Paragraph(para(12.0, Align::Left, vec![run(&name, false, false)])),
                Block::Image(Image {
                    png: TINY_PNG.to_vec(),
                    width: 20.0,
                    height: 10.0,
                    align: Align::Center,
                }),
            ]),
            _ => text_cell(&name),
        };
        rows.push(body_row(vec![cell]));
    }
    let table = Table {
        header_rows: 1,
        borders: true,
        ..layout_table(vec![200.0], rows, false)
    };
    let mut doc = sample_document();
    doc.sections.truncate(1);
    doc.sections[0].blocks = vec![Block::Table(table)];
    let parts = unzip(&write_docx(&doc).expect("docx"));
    let xml = &parts["word/document.xml"];
    assert!(!xml.contains('\u{E001}'), "a placeholder row was left");
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
