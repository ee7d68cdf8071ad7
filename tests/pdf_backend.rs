//! End-to-end checks of the PDF backend on a hand-built report with an annex, using the
//! poppler tools (pdftotext, pdffonts, pdfinfo).

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use vanban::backend::pdf::write_pdf;
use vanban::fonts::{FontSet, bundled};
use vanban::ir::*;
use vanban::layout::{self, Page};

fn run(text: &str, bold: bool, italic: bool) -> Inline {
    Inline::Text(Run {
        text: text.into(),
        bold,
        italic,
        ..Run::default()
    })
}

fn para(text: &str, size: f32, bold: bool, italic: bool, align: Align) -> Paragraph {
    let mut p = Paragraph::new(size);
    p.runs = vec![run(text, bold, italic)];
    p.align = align;
    p
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

fn body_para(runs: Vec<Inline>) -> Paragraph {
    let mut p = Paragraph::new(14.0);
    p.runs = runs;
    p.align = Align::Justify;
    p.first_line_indent = mm(12.7);
    p.space_after = 6.0;
    p.line_spacing = 1.15;
    p
}

fn heading(text: &str) -> Block {
    let mut p = body_para(vec![run(text, true, false)]);
    p.keep_with_next = true;
    p.outline_level = Some(1);
    Block::Paragraph(p)
}

fn table(columns: Vec<f32>, rows: Vec<Row>, borders: bool) -> Table {
    Table {
        columns,
        rows,
        header_rows: 0,
        borders,
        border_width: 0.5,
        cell_padding_x: if borders { 4.0 } else { 0.0 },
        cell_padding_y: if borders { 2.0 } else { 0.0 },
        align: Align::Center,
        keep_with_previous: false,
    }
}

fn row(kind: RowKind, cells: Vec<Cell>) -> Row {
    Row {
        kind,
        cells,
        cant_split: true,
    }
}

/// A blue, transparent "signature" stroke.
fn signature_png() -> Vec<u8> {
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
    for (kind, body) in [
        (&b"IHDR"[..], {
            let mut v = (w as u32).to_be_bytes().to_vec();
            v.extend((h as u32).to_be_bytes());
            v.extend([8, 6, 0, 0, 0]);
            v
        }),
        (b"IDAT", idat),
        (b"IEND", vec![]),
    ] {
        out.extend((body.len() as u32).to_be_bytes());
        let mut c = kind.to_vec();
        c.extend(&body);
        out.extend(&c);
        out.extend(crc(&c).to_be_bytes());
    }
    out
}

const SENTENCES: [&str; 6] = [
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, các sở, ban, ngành và địa phương đã chủ động xây dựng kế hoạch, tổ chức triển khai đồng bộ các nhiệm vụ, giải pháp phát triển kinh tế - xã hội.",
    "Tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tăng 5,17%, trong đó khu vực nông, lâm nghiệp và thủy sản tăng 3,38%; công nghiệp và xây dựng tăng 6,02%; dịch vụ tăng 7,45%.",
    "Thu ngân sách nhà nước trên địa bàn đạt 5.339.392 triệu đồng, bằng 101,86% dự toán, tăng 12,4% so với cùng kỳ năm trước.",
    "Công tác cải cách hành chính tiếp tục được đẩy mạnh; tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,64%, mức độ hài lòng của người dân, doanh nghiệp được nâng lên rõ rệt.",
    "Quốc phòng, an ninh được giữ vững, trật tự an toàn xã hội được bảo đảm; công tác phòng, chống tham nhũng, tiêu cực được thực hiện nghiêm túc.",
    "Bên cạnh những kết quả đạt được, vẫn còn một số tồn tại, hạn chế như tiến độ giải ngân vốn đầu tư công còn chậm, một số chỉ tiêu chưa đạt kế hoạch đề ra.",
];

/// The sample report: first-page header, title, body with headings and a footnote,
/// signature block, then a landscape annex with an 80-row bordered table.
pub fn sample_document() -> Document {
    let fonts = bundled();
    let page = PageSetup::nd30_default();
    let tw = page.text_width(Orientation::Portrait);

    let agency = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ";
    let motto = "Độc lập - Tự do - Hạnh phúc";
    let header = table(
        vec![tw * 0.4, tw * 0.6],
        vec![row(
            RowKind::Body,
            vec![
                Cell::new(vec![
                    centred("UBND TỈNH THANH HÓA", 13.0, false, false),
                    centred(agency, 13.0, true, false),
                    rule(fonts.width(agency, 13.0, true, false) / 3.0),
                    centred("Số: 05/BC-UBND", 13.0, false, false),
                ]),
                Cell::new(vec![
                    centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.0, true, false),
                    centred(motto, 14.0, true, false),
                    rule(fonts.width(motto, 14.0, true, false)),
                    centred("Thanh Hóa, ngày 05 tháng 02 năm 2024", 14.0, false, true),
                ]),
            ],
        )],
        false,
    );

    let mut blocks = vec![Block::Table(header), Block::Spacer(12.0)];
    blocks.push(centred("BÁO CÁO", 14.0, true, false));
    let subject = "Kết quả thực hiện nhiệm vụ năm 2023 và kế hoạch năm 2024";
    blocks.push(centred(subject, 14.0, true, false));
    blocks.push(rule(fonts.width(subject, 14.0, true, false) / 3.0));
    blocks.push(Block::Spacer(6.0));

    let headings = [
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
    ];
    for (h, title) in headings.iter().enumerate() {
        blocks.push(heading(title));
        for i in 0..6 {
            let n = 1 + (i + h) % 3;
            let text: Vec<&str> = (0..n).map(|k| SENTENCES[(i + k + h) % 6]).collect();
            let mut runs = vec![run(&text.join(" "), false, false)];
            if h == 0 && i == 1 {
                runs.push(Inline::FootnoteRef(Footnote {
                    number: 1,
                    runs: vec![Run::plain(
                        "Số liệu ước thực hiện đến ngày 31 tháng 12 năm 2023 theo báo cáo của Cục Thống kê tỉnh.",
                    )],
                }));
                runs.push(run(" Kết quả cụ thể tại Phụ lục kèm theo.", false, false));
            }
            blocks.push(Block::Paragraph(body_para(runs)));
        }
    }
    blocks.push(Block::Paragraph(body_para(vec![run(
        "Trên đây là báo cáo kết quả thực hiện nhiệm vụ năm 2023 và kế hoạch năm 2024 của Sở Kế hoạch và Đầu tư./.",
        false,
        false,
    )])));

    let left = |t: &str| Block::Paragraph(para(t, 11.0, false, false, Align::Left));
    let mut sig = table(
        vec![tw * 0.4, tw * 0.6],
        vec![row(
            RowKind::Body,
            vec![
                Cell::new(vec![
                    Block::Paragraph(para("Nơi nhận:", 12.0, true, true, Align::Left)),
                    left("- Như trên;"),
                    left("- UBND tỉnh (để b/c);"),
                    left("- Các sở, ban, ngành;"),
                    left("- Lưu: VT, KH."),
                ]),
                Cell::new(vec![
                    centred("KT. GIÁM ĐỐC", 14.0, true, false),
                    centred("PHÓ GIÁM ĐỐC", 14.0, true, false),
                    Block::Spacer(mm(4.0)),
                    Block::Image(Image {
                        png: signature_png(),
                        width: mm(36.0),
                        height: mm(12.0),
                        align: Align::Center,
                    }),
                    Block::Spacer(mm(10.0)),
                    centred("Nguyễn Văn An", 14.0, true, false),
                ]),
            ],
        )],
        false,
    );
    sig.keep_with_previous = true;
    blocks.push(Block::Table(sig));

    // Annex: landscape, bordered table with a two-row header.
    let lw = page.text_width(Orientation::Landscape);
    let cols: Vec<f32> = [15.0, 90.0, 45.0, 25.0, 25.0, 25.0, 27.0]
        .iter()
        .map(|w| mm(*w) * lw / mm(252.0))
        .collect();
    let hcell = |t: &str, rs: usize, cs: usize| Cell {
        colspan: cs,
        rowspan: rs,
        valign: VAlign::Center,
        ..Cell::new(vec![centred(t, 12.0, true, false)])
    };
    let txt = |t: &str, align: Align| {
        Cell::new(vec![Block::Paragraph(para(t, 12.0, false, false, align))])
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
    for (g, title) in [
        "I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (40 NHIỆM VỤ)",
        "II. VỀ PHÁT TRIỂN KINH TẾ - XÃ HỘI (40 NHIỆM VỤ)",
    ]
    .iter()
    .enumerate()
    {
        rows.push(row(
            RowKind::Group,
            vec![Cell {
                colspan: 7,
                ..Cell::new(vec![Block::Paragraph(para(
                    title,
                    12.0,
                    true,
                    false,
                    Align::Left,
                ))])
            }],
        ));
        for i in 1..=40 {
            let k = g * 40 + i;
            let task = if k % 3 == 0 {
                format!(
                    "NV{k:02} Tổ chức triển khai thực hiện các nội dung theo kế hoạch, bảo đảm tiến độ và chất lượng, báo cáo kết quả KT{k:02}"
                )
            } else {
                format!("NV{k:02} Triển khai nhiệm vụ KT{k:02}")
            };
            rows.push(row(
                RowKind::Body,
                vec![
                    txt(&k.to_string(), Align::Center),
                    txt(&task, Align::Left),
                    txt("Sở Kế hoạch và Đầu tư", Align::Left),
                    txt("1.250", Align::Right),
                    txt("1.273", Align::Right),
                    txt("101,84", Align::Right),
                    txt("", Align::Left),
                ],
            ));
        }
    }
    let mut annex_table = table(cols, rows, true);
    annex_table.header_rows = 2;

    let annex = vec![
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
    ];

    Document {
        meta: Meta {
            title: "Báo cáo kết quả thực hiện nhiệm vụ năm 2023".into(),
            subject: subject.into(),
            author: "Sở Kế hoạch và Đầu tư tỉnh Thanh Hóa".into(),
            created: "2024-02-05T00:00:00Z".into(),
            language: "vi-VN".into(),
        },
        page,
        sections: vec![
            Section {
                kind: SectionKind::Main,
                orientation: Orientation::Portrait,
                blocks,
            },
            Section {
                kind: SectionKind::Annex {
                    label: "Phụ lục".into(),
                },
                orientation: Orientation::Landscape,
                blocks: annex,
            },
        ],
    }
}

fn render() -> (Document, Vec<Page>, PathBuf) {
    let doc = sample_document();
    let fonts: &FontSet = bundled();
    let pages = layout::layout(&doc, fonts);
    let bytes = write_pdf(&doc, fonts).expect("pdf written");
    let path = std::env::temp_dir().join(format!("vanban-pdf-test-{}.pdf", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    (doc, pages, path)
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} not runnable: {e}"));
    assert!(
        out.status.success(),
        "{cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text in the top margin (first 20 mm) of a page.
fn top_margin_text(path: &str, page: usize, width: f32) -> String {
    let p = page.to_string();
    let w = (width.ceil() as i32).to_string();
    tool(
        "pdftotext",
        &[
            "-f", &p, "-l", &p, "-x", "0", "-y", "0", "-W", &w, "-H", "55", path, "-",
        ],
    )
    .trim()
    .to_string()
}

#[test]
fn pdf_end_to_end() {
    let (doc, pages, path) = render();
    let path_s = path.to_str().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.len() < 200 * 1024,
        "PDF too large: {} bytes",
        bytes.len()
    );

    // Byte-identical output on a second run.
    assert_eq!(bytes, write_pdf(&doc, bundled()).unwrap());

    // Fonts embedded and subset.
    let fonts = tool("pdffonts", &[path_s]);
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(font_lines.len() >= 3, "{fonts}");
    for l in &font_lines {
        let cols: Vec<&str> = l.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb/sub/uni in: {l}"
        );
        assert!(cols[0].contains('+'), "subset tag in {l}");
    }

    // Text with every diacritic.
    let text = tool("pdftotext", &[path_s, "-"]);
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-UBND",
        "Nơi nhận:",
        "Thanh Hóa, ngày 05 tháng 02 năm 2024",
        "Nguyễn Văn An",
        "(Kèm theo Báo cáo số: 05/BC-UBND",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }

    // Metadata from the IR, not the clock.
    let info = tool("pdfinfo", &[path_s]);
    assert!(
        info.contains("Báo cáo kết quả thực hiện nhiệm vụ năm 2023"),
        "{info}"
    );
    assert!(
        info.contains("Sở Kế hoạch và Đầu tư tỉnh Thanh Hóa"),
        "{info}"
    );
    assert!(info.contains("2024"), "{info}");
    assert!(
        info.lines()
            .any(|l| l.starts_with("PDF version:") && l.ends_with("1.7")),
        "{info}"
    );
    assert!(!info.contains("PDF/X"), "{info}");

    // Page sizes: main portrait, annex landscape.
    let main_n = pages.iter().filter(|p| p.section == 0).count();
    let annex_n = pages.len() - main_n;
    assert!(main_n >= 3, "main pages: {main_n}");
    assert!(annex_n >= 3, "annex pages: {annex_n}");
    let last = pages.len().to_string();
    let sizes = tool("pdfinfo", &["-f", "1", "-l", &last, path_s]);
    let size_lines: Vec<&str> = sizes
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
        .collect();
    assert_eq!(size_lines.len(), pages.len());
    for (i, l) in size_lines.iter().enumerate() {
        let want = if i < main_n {
            "595.276 x 841.89"
        } else {
            "841.89 x 595.276"
        };
        assert!(l.contains(want), "page {}: {l}", i + 1);
    }

    // Page numbers: none on each section's first page, "2", "3", … after.
    for (i, p) in pages.iter().enumerate() {
        let top = top_margin_text(path_s, i + 1, p.width);
        let want = if p.number == 1 {
            String::new()
        } else {
            p.number.to_string()
        };
        assert_eq!(top, want, "top margin of PDF page {}", i + 1);
    }

    // The annex header repeats on every annex page.
    for i in main_n..pages.len() {
        let p = (i + 1).to_string();
        let t = tool("pdftotext", &["-f", &p, "-l", &p, path_s, "-"]);
        assert!(
            t.contains("STT") && t.contains("Kế hoạch") && t.contains("Tỷ lệ (%)"),
            "page {p}"
        );
    }
    std::fs::remove_file(&path).ok();
}

#[test]
fn layout_keeps_rows_signature_and_footnote() {
    let doc = sample_document();
    let pages = layout::layout(&doc, bundled());
    let texts: Vec<String> = pages.iter().map(|p| p.text()).collect();

    // No annex row is split: the first and last word of each task sit on one page.
    for k in 1..=80 {
        let a = format!("NV{k:02}");
        let b = format!("KT{k:02}");
        let pa: Vec<usize> = (0..pages.len())
            .filter(|&i| texts[i].contains(&a))
            .collect();
        let pb: Vec<usize> = (0..pages.len())
            .filter(|&i| texts[i].contains(&b))
            .collect();
        assert_eq!(pa.len(), 1, "{a}");
        assert_eq!(pa, pb, "row {k} split");
    }

    // The signature block shares its page with the end of the body.
    let sig = texts.iter().position(|t| t.contains("Nơi nhận:")).unwrap();
    assert!(texts[sig].contains("./."));
    assert_eq!(pages[sig].section, 0);

    // The footnote sits on the page of its reference, below the body text.
    let note = texts
        .iter()
        .position(|t| t.contains("Cục Thống kê tỉnh"))
        .expect("footnote placed");
    assert!(texts[note].contains("Kết quả cụ thể tại Phụ lục"));
    let note_y = pages[note]
        .runs()
        .find(|r| r.text.contains("Cục"))
        .unwrap()
        .y;
    let body_max = pages[note]
        .runs()
        .filter(|r| r.size == 14.0)
        .map(|r| r.y)
        .fold(0.0, f32::max);
    assert!(note_y > body_max);

    // Every section starts on a new page numbered 1.
    assert_eq!(pages[0].number, 1);
    let first_annex = pages.iter().position(|p| p.section == 1).unwrap();
    assert_eq!(pages[first_annex].number, 1);

    // Nothing runs into the bottom margin (except the truncated space after).
    let s = &doc.page;
    for p in &pages {
        let limit = p.height - s.margin_bottom + 0.5;
        for r in p.runs() {
            assert!(
                r.y <= limit,
                "text below the margin on page {}: {:?}",
                p.number,
                r.text
            );
        }
    }
}

/// Renders the sample to $VANBAN_SAMPLE_PDF when set, for looking at it.
#[test]
fn write_sample_when_asked() {
    if let Ok(path) = std::env::var("VANBAN_SAMPLE_PDF") {
        let doc = sample_document();
        std::fs::write(path, write_pdf(&doc, bundled()).unwrap()).unwrap();
    }
}
