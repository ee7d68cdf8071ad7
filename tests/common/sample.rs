//! The one sample IR both backend suites (tests/docx_backend.rs, tests/pdf_backend.rs) test
//! on, also written to files by `cargo run --example sample_ir`.
//!
//! A report with every block kind the backends handle (paragraph, rule, table, image,
//! spacer, page break), every inline kind (text, line break, footnote reference), every run
//! style (bold, italic, underline, superscript, size override), every row kind (header,
//! group, body, total), merged cells both ways, and all three section kinds in both
//! orientations:
//!
//! 0. main, portrait: first-page header table, title, three headings (one with a level-2
//!    heading) of body text, one footnote, the signature table with a signature image;
//! 1. attachment, portrait: a title and a page break between two paragraphs;
//! 2. annex, landscape: an 80-row bordered table with a two-row merged header, two group
//!    rows and a total row.
#![allow(dead_code)]

use std::io::Write;

use vanban::fonts::bundled;
use vanban::ir::*;

pub const AGENCY: &str = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ";
/// Length of the rule under the agency name.
pub const AGENCY_RULE: f32 = 60.0;
pub const SUBJECT: &str = "Kết quả thực hiện nhiệm vụ năm 2023 và kế hoạch năm 2024";
pub const TITLE: &str = "Báo cáo kết quả thực hiện nhiệm vụ năm 2023";
pub const AUTHOR: &str = "Sở Kế hoạch và Đầu tư tỉnh Thanh Hóa";
pub const HEADINGS: [&str; 3] = [
    "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023",
    "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
];
pub const SUBHEADING: &str = "1. Công tác chỉ đạo, điều hành";
/// The last body paragraph of the main section, just before the signature table.
pub const CLOSING: &str = "Trên đây là báo cáo kết quả thực hiện nhiệm vụ năm 2023 và kế hoạch năm 2024 của Sở Kế hoạch và Đầu tư./.";
pub const FOOTNOTE: &str =
    "Số liệu ước thực hiện đến ngày 31 tháng 12 năm 2023 theo báo cáo của Cục Thống kê tỉnh.";
/// Signature image size in points (60 × 30 pt = 762 000 × 381 000 EMU).
pub const IMAGE_W: f32 = 60.0;
pub const IMAGE_H: f32 = 30.0;
/// Attachment paragraphs before and after its page break.
pub const BEFORE_BREAK: &str = "Nội dung trước ngắt trang của kế hoạch kèm theo.";
pub const AFTER_BREAK: &str = "Nội dung sau ngắt trang của kế hoạch kèm theo.";
/// Body rows of the annex table (besides 2 header rows, 2 group rows and the total row).
pub const ANNEX_TASKS: usize = 80;
pub const ANNEX_COLUMNS: usize = 7;

pub const MAIN: usize = 0;
pub const ATTACHMENT: usize = 1;
pub const ANNEX: usize = 2;

const SENTENCES: [&str; 6] = [
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, các sở, ban, ngành và địa phương đã chủ động xây dựng kế hoạch, tổ chức triển khai đồng bộ các nhiệm vụ, giải pháp phát triển kinh tế - xã hội.",
    "Tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tăng 5,17%, trong đó khu vực nông, lâm nghiệp và thủy sản tăng 3,38%; công nghiệp và xây dựng tăng 6,02%; dịch vụ tăng 7,45%.",
    "Thu ngân sách nhà nước trên địa bàn đạt 5.339.392 triệu đồng, bằng 101,86% dự toán, tăng 12,4% so với cùng kỳ năm trước.",
    "Công tác cải cách hành chính tiếp tục được đẩy mạnh; tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,64%, mức độ hài lòng của người dân, doanh nghiệp được nâng lên rõ rệt.",
    "Quốc phòng, an ninh được giữ vững, trật tự an toàn xã hội được bảo đảm; công tác phòng, chống tham nhũng, tiêu cực được thực hiện nghiêm túc.",
    "Bên cạnh những kết quả đạt được, vẫn còn một số tồn tại, hạn chế như tiến độ giải ngân vốn đầu tư công còn chậm, một số chỉ tiêu chưa đạt kế hoạch đề ra.",
];

pub fn run(text: &str, bold: bool, italic: bool) -> Inline {
    Inline::Text(Run {
        text: text.into(),
        bold,
        italic,
        ..Run::default()
    })
}

pub fn para(text: &str, size: f32, bold: bool, italic: bool, align: Align) -> Paragraph {
    Paragraph {
        runs: vec![run(text, bold, italic)],
        align,
        ..Paragraph::new(size)
    }
}

fn centred(text: &str, size: f32, bold: bool, italic: bool) -> Block {
    Block::Paragraph(para(text, size, bold, italic, Align::Center))
}

fn rule(width: f32) -> Block {
    Block::Rule(Rule {
        width,
        align: Align::Center,
        thickness: 0.5,
        space_before: 1.0,
        space_after: 4.0,
    })
}

/// Justified 14 pt body text: first-line indent 1.27 cm, 6 pt after, 1.15 lines.
fn body_para(runs: Vec<Inline>) -> Paragraph {
    Paragraph {
        runs,
        align: Align::Justify,
        first_line_indent: mm(12.7),
        space_after: 6.0,
        line_spacing: 1.15,
        ..Paragraph::new(14.0)
    }
}

fn heading(text: &str, level: u8) -> Block {
    Block::Paragraph(Paragraph {
        space_before: 6.0,
        keep_with_next: true,
        outline_level: Some(level),
        ..body_para(vec![run(text, true, false)])
    })
}

/// A table without borders or padding (first-page header, signature block).
pub fn layout_table(columns: Vec<f32>, rows: Vec<Row>) -> Table {
    Table {
        columns,
        rows,
        header_rows: 0,
        borders: false,
        border_width: 0.5,
        cell_padding_x: 0.0,
        cell_padding_y: 0.0,
        align: Align::Center,
        keep_with_previous: false,
    }
}

pub fn row(kind: RowKind, cells: Vec<Cell>) -> Row {
    Row {
        kind,
        cells,
        cant_split: true,
    }
}

/// Column widths of the first-page header and the signature table.
pub fn header_columns() -> (f32, f32) {
    let tw = PageSetup::nd30_default().text_width(Orientation::Portrait);
    let left = (tw * 0.4).round();
    (left, tw - left)
}

/// Column widths of the annex table, filling the landscape text width.
pub fn annex_columns() -> Vec<f32> {
    let lw = PageSetup::nd30_default().text_width(Orientation::Landscape);
    [15.0, 90.0, 45.0, 25.0, 25.0, 25.0, 27.0]
        .iter()
        .map(|w| mm(*w) * lw / mm(252.0))
        .collect()
}

/// Text of the annex task `k` (1-based): it starts with "NVkk" and ends with "KTkk"; every
/// third one is long enough to wrap.
pub fn task(k: usize) -> String {
    if k.is_multiple_of(3) {
        format!(
            "NV{k:02} Tổ chức triển khai thực hiện các nội dung theo kế hoạch, bảo đảm tiến độ và chất lượng, báo cáo kết quả KT{k:02}"
        )
    } else {
        format!("NV{k:02} Triển khai nhiệm vụ KT{k:02}")
    }
}

pub fn sample() -> Document {
    let page = PageSetup::nd30_default();
    Document {
        meta: Meta {
            title: TITLE.into(),
            subject: SUBJECT.into(),
            author: AUTHOR.into(),
            created: "2024-02-05T00:00:00Z".into(),
            language: "vi-VN".into(),
        },
        page,
        sections: vec![
            Section {
                kind: SectionKind::Main,
                orientation: Orientation::Portrait,
                blocks: main_blocks(),
            },
            Section {
                kind: SectionKind::Attachment,
                orientation: Orientation::Portrait,
                blocks: attachment_blocks(),
            },
            Section {
                kind: SectionKind::Annex {
                    label: "Phụ lục".into(),
                },
                orientation: Orientation::Landscape,
                blocks: annex_blocks(),
            },
        ],
    }
}

fn first_page_header() -> Block {
    let (left, right) = header_columns();
    let motto = "Độc lập - Tự do - Hạnh phúc";
    Block::Table(layout_table(
        vec![left, right],
        vec![row(
            RowKind::Body,
            vec![
                Cell::new(vec![
                    centred("UBND TỈNH THANH HÓA", 13.0, false, false),
                    centred(AGENCY, 13.0, true, false),
                    rule(AGENCY_RULE),
                    centred("Số: 05/BC-UBND", 13.0, false, false),
                ]),
                Cell::new(vec![
                    centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.0, true, false),
                    centred(motto, 14.0, true, false),
                    rule(bundled().width(motto, 14.0, true, false)),
                    centred("Thanh Hóa, ngày 05 tháng 02 năm 2024", 14.0, false, true),
                ]),
            ],
        )],
    ))
}

fn main_blocks() -> Vec<Block> {
    let mut blocks = vec![first_page_header(), Block::Spacer(12.0)];
    blocks.push(centred("BÁO CÁO", 14.0, true, false));
    blocks.push(centred(SUBJECT, 14.0, true, false));
    blocks.push(rule(bundled().width(SUBJECT, 14.0, true, false) / 3.0));
    blocks.push(Block::Spacer(6.0));
    for (h, title) in HEADINGS.iter().enumerate() {
        blocks.push(heading(title, 1));
        if h == 0 {
            blocks.push(heading(SUBHEADING, 2));
            // Mixed runs around the one footnote.
            blocks.push(Block::Paragraph(body_para(vec![
                run("Năm 2023, Sở đã tham mưu ban hành kế hoạch", false, false),
                Inline::FootnoteRef(Footnote {
                    number: 1,
                    runs: vec![Run::plain(FOOTNOTE)],
                }),
                run(" với ", false, false),
                run("41 nhiệm vụ", true, false),
                run(
                    " trọng tâm. Kết quả cụ thể tại Phụ lục kèm theo.",
                    false,
                    false,
                ),
            ])));
        }
        for i in 0..6 {
            let n = 1 + (i + h) % 3;
            let text: Vec<&str> = (0..n).map(|k| SENTENCES[(i + k + h) % 6]).collect();
            blocks.push(Block::Paragraph(body_para(vec![run(
                &text.join(" "),
                false,
                false,
            )])));
        }
    }
    blocks.push(Block::Paragraph(body_para(vec![run(
        CLOSING, false, false,
    )])));
    blocks.push(signature_block());
    blocks
}

fn signature_block() -> Block {
    let (left, right) = header_columns();
    let line = |t: &str| Block::Paragraph(para(t, 11.0, false, false, Align::Left));
    let mut sig = layout_table(
        vec![left, right],
        vec![row(
            RowKind::Body,
            vec![
                Cell::new(vec![
                    Block::Paragraph(para("Nơi nhận:", 12.0, true, true, Align::Left)),
                    line("- Như trên;"),
                    line("- UBND tỉnh (để b/c);"),
                    line("- Các sở, ban, ngành;"),
                    line("- Lưu: VT, KH."),
                ]),
                Cell::new(vec![
                    centred("KT. GIÁM ĐỐC", 14.0, true, false),
                    centred("PHÓ GIÁM ĐỐC", 14.0, true, false),
                    Block::Spacer(mm(4.0)),
                    Block::Image(Image {
                        data: signature_image(),
                        width: IMAGE_W,
                        height: IMAGE_H,
                        align: Align::Center,
                    }),
                    Block::Spacer(mm(10.0)),
                    centred("Nguyễn Văn An", 14.0, true, false),
                ]),
            ],
        )],
    );
    sig.keep_with_previous = true;
    Block::Table(sig)
}

fn attachment_blocks() -> Vec<Block> {
    let styled = |text: &str, f: fn(&mut Run)| {
        let mut r = Run::plain(text);
        f(&mut r);
        Inline::Text(r)
    };
    vec![
        centred("KẾ HOẠCH", 14.0, true, false),
        centred("Thực hiện nhiệm vụ năm 2024", 14.0, true, false),
        Block::Paragraph(body_para(vec![
            run("Diện tích sàn xây dựng 1.250 m", false, false),
            styled("2", |r| r.superscript = true),
            run(", hoàn thành ", false, false),
            styled("trước ngày 30 tháng 6", |r| r.underline = true),
            run(".", false, false),
            Inline::LineBreak,
            styled("Ghi chú cỡ chữ 12.", |r| r.size = Some(12.0)),
        ])),
        Block::Paragraph(body_para(vec![run(BEFORE_BREAK, false, false)])),
        Block::PageBreak,
        Block::Paragraph(body_para(vec![run(AFTER_BREAK, false, false)])),
    ]
}

fn annex_blocks() -> Vec<Block> {
    let hcell = |t: &str, rs: usize, cs: usize| Cell {
        colspan: cs,
        rowspan: rs,
        valign: VAlign::Center,
        ..Cell::new(vec![centred(t, 12.0, true, false)])
    };
    let txt = |t: &str, align: Align, bold: bool| {
        Cell::new(vec![Block::Paragraph(para(t, 12.0, bold, false, align))])
    };
    let mut rows = vec![
        row(
            RowKind::Header,
            vec![
                hcell("STT", 2, 1),
                hcell("Nhiệm vụ", 2, 1),
                hcell("Đơn vị chủ trì", 2, 1),
                hcell("Kết quả", 1, 3),
                hcell("Ghi chú", 2, 1),
            ],
        ),
        row(
            RowKind::Header,
            vec![
                hcell("Kế hoạch", 1, 1),
                hcell("Thực hiện", 1, 1),
                hcell("Tỷ lệ (%)", 1, 1),
            ],
        ),
    ];
    let groups = [
        "I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (40 NHIỆM VỤ)",
        "II. VỀ PHÁT TRIỂN KINH TẾ - XÃ HỘI (40 NHIỆM VỤ)",
    ];
    let per_group = ANNEX_TASKS / groups.len();
    for (g, title) in groups.iter().enumerate() {
        rows.push(row(
            RowKind::Group,
            vec![Cell {
                colspan: ANNEX_COLUMNS,
                ..txt(title, Align::Left, true)
            }],
        ));
        for i in 1..=per_group {
            let k = g * per_group + i;
            rows.push(row(
                RowKind::Body,
                vec![
                    txt(&k.to_string(), Align::Center, false),
                    txt(&task(k), Align::Left, false),
                    txt("Sở Kế hoạch và Đầu tư", Align::Left, false),
                    txt("1.250", Align::Right, false),
                    txt("1.273", Align::Right, false),
                    txt("101,84", Align::Right, false),
                    txt("", Align::Left, false),
                ],
            ));
        }
    }
    rows.push(row(
        RowKind::Total,
        vec![
            Cell {
                colspan: 3,
                ..txt("Tổng cộng", Align::Center, true)
            },
            txt("100.000", Align::Right, true),
            txt("101.840", Align::Right, true),
            txt("101,84", Align::Right, true),
            txt("", Align::Left, false),
        ],
    ));
    let annex_table = Table {
        header_rows: 2,
        borders: true,
        cell_padding_x: 4.0,
        cell_padding_y: 2.0,
        ..layout_table(annex_columns(), rows)
    };
    vec![
        centred("Phụ lục", 14.0, true, false),
        centred("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ NĂM 2023", 14.0, true, false),
        centred(
            "(Kèm theo Báo cáo số: 05/BC-UBND ngày 05 tháng 02 năm 2024 của Sở Kế hoạch và Đầu tư)",
            14.0,
            false,
            true,
        ),
        rule(mm(40.0)),
        Block::Spacer(6.0),
        Block::Table(annex_table),
    ]
}

/// A blue, transparent "signature" stroke, 120 × 40 pixels.
pub fn signature_image() -> Vec<u8> {
    let (w, h) = (120usize, 40usize);
    let mut px = vec![0u8; w * h * 4];
    for x in 0..w {
        let y = (20.0 + 12.0 * (x as f32 / 9.0).sin()) as usize;
        for dy in 0..3 {
            let i = ((y + dy).min(h - 1) * w + x) * 4;
            px[i..i + 4].copy_from_slice(&[20, 40, 200, 255]);
        }
    }
    // Minimal PNG encoder: filter 0 rows, zlib, CRC.
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0);
        raw.extend_from_slice(&px[y * w * 4..(y + 1) * w * 4]);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).unwrap();
    let idat = z.finish().unwrap();
    fn crc(d: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in d {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = (w as u32).to_be_bytes().to_vec();
    ihdr.extend((h as u32).to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    for (kind, body) in [(&b"IHDR"[..], ihdr), (b"IDAT", idat), (b"IEND", vec![])] {
        out.extend((body.len() as u32).to_be_bytes());
        let mut c = kind.to_vec();
        c.extend(&body);
        out.extend(&c);
        out.extend(crc(&c).to_be_bytes());
    }
    out
}
