//! The example report rendered to DOCX and read back: the Decree 30 rules of nd30.md.

use crate::common;

use common::*;
use roxmltree::Document;

fn example() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (dir, stem) = render("data/examples/bao-cao-thang.yaml", "docx");
    let path = stem.with_extension("docx");
    let xml = zip_part(&path, "word/document.xml").unwrap();
    (dir, path, xml)
}

fn twips(n: roxmltree::Node, a: &str) -> i64 {
    attr(n, a).unwrap().parse().unwrap()
}

#[test]
fn page_setup_a4_margins_and_sections() {
    let (_d, path, xml) = example();
    let doc = Document::parse(&xml).unwrap();
    let sects: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "sectPr")))
        .collect();
    // Main document + three annexes.
    assert_eq!(sects.len(), 4);
    for (i, s) in sects.iter().enumerate() {
        let sz = s.children().find(|c| c.has_tag_name((W, "pgSz"))).unwrap();
        let mar = s.children().find(|c| c.has_tag_name((W, "pgMar"))).unwrap();
        let landscape = i > 0;
        let (w, h) = (twips(sz, "w"), twips(sz, "h"));
        if landscape {
            assert_eq!((w, h), (16838, 11906), "annex {i} landscape A4");
            assert_eq!(attr(sz, "orient"), Some("landscape"));
        } else {
            assert_eq!((w, h), (11906, 16838), "portrait A4");
        }
        // 20 / 20 / 30 / 15 mm.
        assert_eq!(twips(mar, "top"), 1134);
        assert_eq!(twips(mar, "bottom"), 1134);
        assert_eq!(twips(mar, "left"), 1701);
        assert_eq!(twips(mar, "right"), 850);
        // Page number hidden on each section's first page, restarting at 1.
        assert!(s.children().any(|c| c.has_tag_name((W, "titlePg"))));
        let pg = s
            .children()
            .find(|c| c.has_tag_name((W, "pgNumType")))
            .unwrap();
        assert_eq!(attr(pg, "start"), Some("1"));
        // The default header holds a PAGE field; the first-page header is empty.
        let rels = zip_part(&path, "word/_rels/document.xml.rels").unwrap();
        for r in s
            .children()
            .filter(|c| c.has_tag_name((W, "headerReference")))
        {
            let id = r
                .attribute((
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    "id",
                ))
                .unwrap();
            let rels_doc = Document::parse(&rels).unwrap();
            let target = rels_doc
                .descendants()
                .find(|n| n.attribute("Id") == Some(id))
                .unwrap()
                .attribute("Target")
                .unwrap();
            let hdr = zip_part(&path, &format!("word/{target}")).unwrap();
            match attr(r, "type") {
                Some("default") => assert!(hdr.contains("PAGE"), "default header has PAGE"),
                Some("first") => assert!(!hdr.contains("PAGE") && !hdr.contains("<w:t")),
                other => panic!("unexpected header type {other:?}"),
            }
        }
    }
}

#[test]
fn fonts_are_times_new_roman_everywhere() {
    let (_d, path, xml) = example();
    let doc = Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    let mut runs = 0;
    for p in &ps {
        for r in &p.runs {
            runs += 1;
            for key in ["ascii", "hAnsi", "cs", "eastAsia"] {
                assert!(
                    r.fonts
                        .iter()
                        .any(|(k, v)| k == key && v == "Times New Roman"),
                    "run {:?} lacks {key} Times New Roman",
                    r.text
                );
            }
        }
    }
    assert!(runs > 200);
    let styles = zip_part(&path, "word/styles.xml").unwrap();
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
}

#[test]
fn first_page_elements() {
    let (_d, _p, xml) = example();
    let doc = Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    // (text, bold, italic, size) per nd30.md.
    let expect: &[(&str, bool, bool, f32)] = &[
        ("UBND TỈNH HÀ LAM", false, false, 13.0),
        ("TỔ CÔNG TÁC ĐỀ ÁN 06", true, false, 13.0),
        ("Số: 07/BC-TCTĐA06", false, false, 13.0),
        ("Độc lập - Tự do - Hạnh phúc", true, false, 14.0),
        ("Hà Lam, ngày 26 tháng 9 năm 2025", false, true, 14.0),
        ("BÁO CÁO", true, false, 14.0),
        (
            "Kết quả triển khai Đề án phát triển ứng dụng dữ liệu về dân cư,",
            true,
            false,
            14.0,
        ),
        ("TỔ TRƯỞNG", true, false, 14.0),
        ("CHỦ TỊCH UBND TỈNH", true, false, 14.0),
        ("Trần Minh Khang", true, false, 14.0),
        ("Nơi nhận:", true, true, 12.0),
    ];
    for (text, bold, italic, size) in expect {
        let p = para(&ps, text);
        assert_eq!(style(p), (*bold, *italic, Some(*size)), "{text}");
    }
    // Quốc hiệu: exact string, bold, 12–13 pt.
    let qh = para(&ps, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    let (b, i, s) = style(qh);
    assert!(b && !i && (12.0..=13.0).contains(&s.unwrap()));
    // Header and title lines are centred; header lines sit in the borderless header table.
    for t in [
        "UBND TỈNH HÀ LAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
    ] {
        assert_eq!(para(&ps, t).jc.as_deref(), Some("center"), "{t}");
    }
    assert!(para(&ps, "Độc lập - Tự do - Hạnh phúc").in_table);
    assert!(!para(&ps, "BÁO CÁO").in_table);
}

#[test]
fn rules_under_agency_motto_and_title_have_nd30_lengths() {
    let (_d, _p, xml) = example();
    let doc = Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    let fonts = vanban::fonts::bundled();
    // The rule is the bordered empty paragraph right after the line it underlines.
    let rule_after = |text: &str| {
        let i = ps.iter().position(|p| p.text == text).unwrap();
        let r = &ps[i + 1];
        assert!(
            r.has_bottom_border && r.text.is_empty(),
            "no rule after {text}"
        );
        r.clone()
    };
    // Header columns: 40 % / 60 % of the 165 mm text width, minus 5.4 pt padding each side.
    let tw = 165.0 * 72.0 / 25.4;
    let left_inner = (tw * 0.4_f32).round() - 10.8;
    let right_inner = tw - (tw * 0.4_f32).round() - 10.8;

    let motto = rule_after("Độc lập - Tự do - Hạnh phúc");
    let motto_len = right_inner - motto.ind_left - motto.ind_right;
    let motto_text = fonts.width("Độc lập - Tự do - Hạnh phúc", 14.0, true, false);
    assert!(
        (motto_len - motto_text).abs() < 1.0,
        "{motto_len} vs {motto_text}"
    );

    let agency = rule_after("TỔ CÔNG TÁC ĐỀ ÁN 06");
    let agency_len = left_inner - agency.ind_left - agency.ind_right;
    let name = fonts.width("TỔ CÔNG TÁC ĐỀ ÁN 06", 13.0, true, false);
    assert!(
        agency_len >= name / 3.0 - 1.0 && agency_len <= name / 2.0 + 1.0,
        "agency rule {agency_len} for name {name}"
    );

    let title_line = "định danh và xác thực điện tử trên địa bàn tỉnh Hà Lam tháng 9/2025";
    let title = rule_after(title_line);
    let title_len = tw - title.ind_left - title.ind_right;
    let widest = fonts.width(title_line, 14.0, true, false);
    assert!(title_len >= widest / 3.0 - 1.0 && title_len <= widest / 2.0 + 1.0);
}

#[test]
fn numbering_sequence() {
    let (_d, _p, xml) = example();
    let doc = Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    let body: Vec<&ParaInfo> = ps.iter().filter(|p| !p.in_table).collect();
    let romans: Vec<&str> = body
        .iter()
        .filter_map(|p| {
            let (n, _) = p.text.split_once(". ")?;
            ["I", "II", "III", "IV", "V"].contains(&n).then_some(n)
        })
        .collect();
    assert_eq!(romans, ["I", "II", "III", "IV", "V"]);
    // Level-1 headings are bold and UPPER.
    let h = para(&ps, "II. KẾT QUẢ THỰC HIỆN CÁC NHÓM NHIỆM VỤ");
    assert!(style(h).0);
    // Arabic numbers restart under each Roman part; 1.1. and a) below them.
    let numbers: Vec<String> = body
        .iter()
        .filter_map(|p| {
            let first = p.text.split(' ').next()?;
            let is_num = first.ends_with('.')
                && first[..first.len() - 1]
                    .split('.')
                    .all(|d| d.chars().all(|c| c.is_ascii_digit()) && !d.is_empty());
            let is_roman =
                first.ends_with('.') && first[..first.len() - 1].chars().all(|c| "IVX".contains(c));
            let is_letter = first.ends_with(')') && first.chars().count() == 2;
            (is_num || is_roman || is_letter).then(|| first.to_string())
        })
        .collect();
    assert_eq!(
        numbers,
        [
            "I.", "1.", "2.", "3.", "II.", "1.", "1.1.", "a)", "b)", "1.2.", "2.", "3.", "III.",
            "IV.", "1.", "2.", "V.", "1.", "2.", "3."
        ]
    );
    // Dash and plus items.
    assert!(body.iter().any(|p| p.text.starts_with("- Cấp tỉnh:")));
    assert!(body.iter().any(|p| p.text.starts_with("+ Sở Xây dựng")));
    // The body ends with "./.".
    assert!(
        body.iter()
            .any(|p| p.text.ends_with("(kèm theo các Phụ lục I, II, III)./."))
    );
}

#[test]
fn footnote_is_a_real_word_footnote() {
    let (_d, path, xml) = example();
    assert!(xml.contains("w:footnoteReference"));
    let notes = zip_part(&path, "word/footnotes.xml").unwrap();
    assert!(notes.contains("Gồm 05 công văn đôn đốc"));
}

#[test]
fn annex_tables_repeat_header_rows() {
    let (_d, _p, xml) = example();
    let doc = Document::parse(&xml).unwrap();
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    // Header table, signature table, three annex tables.
    assert_eq!(tables.len(), 5);
    let header_rows = |t: roxmltree::Node| -> Vec<bool> {
        t.children()
            .filter(|c| c.has_tag_name((W, "tr")))
            .map(|tr| tr.descendants().any(|d| d.has_tag_name((W, "tblHeader"))))
            .collect()
    };
    let expect_headers = [1usize, 2, 1];
    for (t, n) in tables[2..].iter().zip(expect_headers) {
        let rows = header_rows(*t);
        assert!(rows[..n].iter().all(|h| *h), "first {n} rows repeat");
        assert!(rows[n..].iter().all(|h| !h), "only header rows repeat");
        // Rows never split across pages.
        for tr in t.children().filter(|c| c.has_tag_name((W, "tr"))) {
            assert!(tr.descendants().any(|d| d.has_tag_name((W, "cantSplit"))));
        }
    }
    // Phụ lục II merges "Tổng số hồ sơ" across three columns and STT down two rows.
    let t2 = tables[3];
    let first_row = t2.children().find(|c| c.has_tag_name((W, "tr"))).unwrap();
    let spans: Vec<i64> = first_row
        .children()
        .filter(|c| c.has_tag_name((W, "tc")))
        .map(|tc| {
            tc.descendants()
                .find(|d| d.has_tag_name((W, "gridSpan")))
                .map(|g| twips(g, "val"))
                .unwrap_or(1)
        })
        .collect();
    assert_eq!(spans, [1, 1, 1, 3, 2, 1]);
    assert!(
        first_row
            .descendants()
            .any(|d| d.has_tag_name((W, "vMerge")) && attr(d, "val") == Some("restart"))
    );
}

#[test]
fn annex_headings_reference_the_report() {
    let (_d, _p, xml) = example();
    let doc = Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    for label in ["Phụ lục I", "Phụ lục II", "Phụ lục III"] {
        let p = para(&ps, label);
        assert_eq!(style(p), (true, false, Some(14.0)));
    }
    let line = "(Kèm theo Báo cáo số 07/BC-TCTĐA06 ngày 26 tháng 9 năm 2025 của Tổ công tác Đề án 06 tỉnh Hà Lam)";
    let refs = ps.iter().filter(|p| p.text == line).count();
    assert_eq!(refs, 3);
    assert_eq!(style(para(&ps, line)), (false, true, Some(14.0)));
    assert_eq!(
        style(para(
            &ps,
            "TÌNH HÌNH TRIỂN KHAI 25 DỊCH VỤ CÔNG TRỰC TUYẾN THIẾT YẾU"
        )),
        (true, false, Some(14.0))
    );
}

#[test]
fn table_cells_are_computed_and_formatted() {
    let (_d, _p, xml) = example();
    let doc = Document::parse(&xml).unwrap();
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    let rows_text = |t| common::table_rows(t, common::CellText::Joined);
    let t2 = rows_text(tables[3]);
    // Row numbers run 1..25; numbers use "." for thousands and "," for decimals.
    let stt: Vec<String> = t2[2..27].iter().map(|r| r[0].clone()).collect();
    assert_eq!(stt, (1..=25).map(|n| n.to_string()).collect::<Vec<_>>());
    assert_eq!(t2[4][1], "Đăng ký thường trú");
    assert_eq!(&t2[4][3..6], ["31.809", "31.693", "99,64%"]);
    // Blank and zero are different.
    assert_eq!(&t2[2][3..6], ["", "63", ""]);
    // The rate is computed: blank when the total is 0, never "NaN" or "0%".
    assert_eq!(&t2[15][3..6], ["0", "0", ""]);
    // The total row merges STT with the label.
    let total = t2.last().unwrap();
    assert_eq!(total[0], "Tổng cộng");
    // Computed sums of the rows read from dich-vu-cong.xlsx.
    assert_eq!(&total[2..5], ["87.926", "75.010", "85,31%"]);
    // Phụ lục III: group rows span the table.
    let t3 = rows_text(tables[4]);
    assert_eq!(t3[1], ["Sở Nội vụ"]);
}

#[test]
fn signature_block_and_noi_nhan() {
    let (_d, _p, xml) = example();
    let doc = Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    let i = ps.iter().position(|p| p.text == "Nơi nhận:").unwrap();
    let mut lines = Vec::new();
    for p in &ps[i + 1..] {
        if !p.text.starts_with("- ") {
            break;
        }
        assert_eq!(style(p), (false, false, Some(11.0)), "{}", p.text);
        lines.push(p.text.clone());
    }
    assert_eq!(lines.len(), 8);
    for l in &lines[..lines.len() - 1] {
        assert!(l.ends_with(';'), "{l}");
    }
    assert_eq!(lines.last().unwrap(), "- Lưu: VT, KSTTHC.");
    // Signature and Nơi nhận share one borderless table whose row cannot split, and the
    // body paragraph before it keeps with it.
    let sig = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .find(|t| t.descendants().any(|d| d.text() == Some("Nơi nhận:")))
        .unwrap();
    assert!(sig.descendants().any(|d| d.has_tag_name((W, "cantSplit"))));
    assert!(
        sig.descendants()
            .any(|d| d.text() == Some("Trần Minh Khang"))
    );
    let last_body = ps[..ps.iter().position(|p| p.text == "Nơi nhận:").unwrap()]
        .iter()
        .rev()
        .find(|p| !p.in_table && !p.text.is_empty())
        .unwrap();
    assert!(
        last_body.keep_next,
        "last body paragraph keeps with the signature"
    );
}

#[test]
fn core_properties_and_determinism() {
    let (_d, path, _) = example();
    let core = zip_part(&path, "docProps/core.xml").unwrap();
    assert!(
        core.contains("<dc:title>Báo cáo 07/BC-TCTĐA06</dc:title>"),
        "{core}"
    );
    assert!(core.contains("TỔ CÔNG TÁC ĐỀ ÁN 06"));
    assert!(core.contains("2025-09-26T00:00:00Z"));
    let (_d2, path2, _) = example();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&path2).unwrap()
    );
}

#[test]
fn cong_van_header_kinh_gui_stamp_and_kt_signature() {
    let (_d, stem) = render("data/examples/cong-van.yaml", "docx");
    let xml = zip_part(&stem.with_extension("docx"), "word/document.xml").unwrap();
    let doc = Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    // A Công văn has no type abbreviation and no type name; its subject follows "V/v" in
    // the left column, 12 pt upright.
    assert_eq!(
        style(para(&ps, "Số: 1245/SNV-CCVC")),
        (false, false, Some(13.0))
    );
    let vv = ps.iter().find(|p| p.text.starts_with("V/v ")).unwrap();
    assert!(vv.in_table);
    assert_eq!(style(vv), (false, false, Some(12.0)));
    assert!(!ps.iter().any(|p| p.text == "CÔNG VĂN"));
    // Độ khẩn: UPPER, bold, framed, under Số.
    let stamp = para(&ps, "KHẨN");
    assert!(stamp.in_table);
    assert!(style(stamp).0);
    let framed = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .find(|p| p.descendants().any(|t| t.text() == Some("KHẨN")))
        .unwrap()
        .descendants()
        .any(|d| d.has_tag_name((W, "pBdr")));
    assert!(framed, "stamp is framed");
    // Kính gửi with several recipients: "- X;" each, the last ending with ".".
    assert!(
        ps.iter()
            .any(|p| p.text == "Kính gửi: - Ủy ban nhân dân các xã, phường;")
    );
    assert!(
        ps.iter()
            .any(|p| p.text == "- Các đơn vị sự nghiệp thuộc Sở.")
    );
    // KT. signature: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC", then the name.
    let i = ps.iter().position(|p| p.text == "KT. GIÁM ĐỐC").unwrap();
    assert_eq!(ps[i + 1].text, "PHÓ GIÁM ĐỐC");
    assert_eq!(style(&ps[i]), (true, false, Some(14.0)));
    // Nơi nhận starts with "- Như trên;" and the drafter's initials follow "- Lưu".
    let n = ps.iter().position(|p| p.text == "Nơi nhận:").unwrap();
    assert_eq!(ps[n + 1].text, "- Như trên;");
    assert_eq!(ps[n + 3].text, "- Lưu: VT, CCVC.");
    assert_eq!(ps[n + 4].text, "HT.(05)");
    // Numbered paragraphs at the top level are "1.", "2.", not Roman parts.
    assert!(ps.iter().any(|p| p.text.starts_with("1. Rà soát")));
    assert!(ps.iter().any(|p| p.text.starts_with("3. Trong quá trình")));
    assert!(ps.iter().any(|p| p.text.ends_with("phối hợp thực hiện./.")));
}

#[test]
fn draft_without_number_keeps_the_blanks() {
    let src = std::fs::read_to_string(root().join("data/examples/cong-van.yaml")).unwrap();
    let src = src
        .replace("so: 1245\n", "")
        .replace("ngay: 05/02/2026", "ngay: /2/2026");
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("nhap.yaml");
    std::fs::write(&yaml, src).unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            yaml.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
            "--format",
            "docx",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let xml = zip_part(&dir.path().join("nhap.docx"), "word/document.xml").unwrap();
    let doc = Document::parse(&xml).unwrap();
    let ps = paragraphs(&doc);
    para(&ps, "Số:      /SNV-CCVC");
    para(&ps, "Hà Lam, ngày      tháng 02 năm 2026");
}

#[test]
fn signature_image_in_docx_and_pdf() {
    let src = std::fs::read_to_string(root().join("data/examples/cong-van.yaml")).unwrap();
    let src = src.replace(
        "  ho_ten: Lê Thị Thu Hà\n",
        "  ho_ten: Lê Thị Thu Hà\n  anh_chu_ky: chu-ky-mau.png\n",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("data/examples/chu-ky-mau.png"),
        dir.path().join("chu-ky-mau.png"),
    )
    .unwrap();
    let yaml = dir.path().join("ky.yaml");
    std::fs::write(&yaml, src).unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            yaml.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let docx = dir.path().join("ky.docx");
    assert!(
        zip_names(&docx)
            .iter()
            .any(|n| n.starts_with("word/media/"))
    );
    let xml = zip_part(&docx, "word/document.xml").unwrap();
    // The picture sits in the signature table, between the title and the name.
    let doc = Document::parse(&xml).unwrap();
    let sig = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .find(|t| t.descendants().any(|d| d.text() == Some("Nơi nhận:")))
        .unwrap();
    assert!(sig.descendants().any(|d| d.has_tag_name((W, "drawing"))));
    if !needs(&["pdfimages"]) {
        return;
    }
    let list = tool(
        "pdfimages",
        &["-list", dir.path().join("ky.pdf").to_str().unwrap()],
    );
    assert!(list.lines().count() >= 3, "no image in the PDF: {list}");
}

#[test]
fn missing_signature_image_is_an_error() {
    let src = std::fs::read_to_string(root().join("data/examples/cong-van.yaml")).unwrap();
    let src = src.replace(
        "  ho_ten: Lê Thị Thu Hà\n",
        "  ho_ten: Lê Thị Thu Hà\n  anh_chu_ky: khong-co.png\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("ky.yaml");
    std::fs::write(&yaml, &src).unwrap();
    let (code, _, err) = vanban(&["render", yaml.to_str().unwrap(), "-o", "out"], dir.path());
    assert_eq!(code, 1);
    let line = src
        .lines()
        .position(|l| l.contains("khong-co.png"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("ky.yaml:{line}:")), "{err}");
    assert!(err.contains("không đọc được ảnh chữ ký"), "{err}");
    assert!(!dir.path().join("out").exists());
}
