//! DOCX backend: build an IR by hand, write it, read the package back and check the XML.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use vanban::backend::docx::write_docx;
use vanban::ir::{
    Align, Block, Cell, Document, Footnote, Inline, Meta, Orientation, PageSetup, Paragraph,
    Row, RowKind, Rule, Run, Section, SectionKind, Table, VAlign, mm,
};

// ---------------------------------------------------------------------------------------
// Fixture

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
        vec![
            body_row(vec![
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
            ]),
        ],
        false,
    );

    let mut main = vec![
        Block::Table(header),
        Block::Spacer(12.0),
        centered(14.0, "BÁO CÁO", true, false),
        centered(14.0, "Kết quả công tác cải cách hành chính năm 2023", true, false),
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
                    run("Năm 2023, Ủy ban nhân dân tỉnh đã ban hành kế hoạch", false, false),
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
    main.push(body("Trên đây là báo cáo kết quả công tác cải cách hành chính năm 2023./."));

    let sign = layout_table(
        vec![left_w, right_w],
        vec![body_row(vec![
            Cell::new(vec![
                Block::Paragraph(para(12.0, Align::Left, vec![run("Nơi nhận:", true, true)])),
                Block::Paragraph(para(11.0, Align::Left, vec![run("- Như trên;", false, false)])),
                Block::Paragraph(para(
                    11.0,
                    Align::Left,
                    vec![run("- Lưu: VT, CCHC.", false, false)],
                )),
            ]),
            Cell::new(vec![
                centered(14.0, "TM. ỦY BAN NHÂN DÂN", true, false),
                centered(14.0, "CHỦ TỊCH", true, false),
                Block::Spacer(mm(25.0)),
                centered(14.0, "Nguyễn Văn A", true, false),
            ]),
        ])],
        true,
    );
    main.push(Block::Table(sign));

    // Annex: landscape, 2 header rows with rowspan/colspan, a group row, 60 body rows.
    let ltext = page.text_width(Orientation::Landscape);
    let columns = vec![
        40.0,
        ltext - 40.0 - 3.0 * 90.0,
        90.0,
        90.0,
        90.0,
    ];
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
            cells: vec![hdr("Đã xong", 1, 1), hdr("Đang làm", 1, 1), hdr("Tỷ lệ", 1, 1)],
            cant_split: true,
        },
        Row {
            kind: RowKind::Group,
            cells: vec![Cell {
                colspan: 5,
                ..Cell::new(vec![Block::Paragraph(para(
                    13.0,
                    Align::Left,
                    vec![run("I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (60 NHIỆM VỤ)", true, false)],
                ))])
            }],
            cant_split: true,
        },
    ];
    for i in 1..=60 {
        let c = |t: String, a: Align| {
            Cell::new(vec![Block::Paragraph(para(13.0, a, vec![run(&t, false, false)]))])
        };
        rows.push(Row {
            kind: RowKind::Body,
            cells: vec![
                c(i.to_string(), Align::Center),
                c(format!("Nhiệm vụ số {i} về cải cách thủ tục hành chính"), Align::Left),
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
