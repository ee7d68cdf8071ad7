//! Inspection plans and checklists, end to end: the example plan rendered to DOCX/PDF and read
//! back, the checklists (one per unit and combined), and bad input.

use crate::common;

use common::*;
use roxmltree::Document;
use std::path::{Path, PathBuf};

const PLAN: &str = "data/examples/ke-hoach-kiem-tra.yaml";
const EXAMPLE: &str = include_str!("../data/examples/ke-hoach-kiem-tra.yaml");

fn doc_paragraphs(path: &Path) -> Vec<ParaInfo> {
    let xml = zip_part(path, "word/document.xml").unwrap();
    let doc = Document::parse(&xml).unwrap();
    paragraphs(&doc)
}

/// Rows of every table of a DOCX as cell texts.
fn tables(path: &Path) -> Vec<Vec<Vec<String>>> {
    let xml = zip_part(path, "word/document.xml").unwrap();
    common::tables(&Document::parse(&xml).unwrap(), common::CellText::Lines)
}

/// Run `vanban render PLAN <extra> -o DIR` into a fresh directory.
fn checklists(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join(PLAN);
    let mut args = vec!["render", plan.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", dir.path().to_str().unwrap()]);
    let (code, _, err) = vanban(&args, &root());
    assert_eq!(code, 0, "{err}");
    dir
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

fn leading_number(text: &str) -> Option<String> {
    let first = text.split(' ').next()?;
    let numbered = first.ends_with('.')
        && first[..first.len() - 1]
            .split('.')
            .all(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
    (numbered || first == "-" || first == "+").then(|| first.to_string())
}

const OUTLINE_A: [&str; 18] = [
    "1.", "1.1.", "1.2.", "-", "-", "1.3.", "2.", "2.1.", "2.2.", "-", "-", "+", "+", "3.", "3.1.",
    "3.2.", "4.", "5.",
];

#[test]
fn plan_has_parts_teams_annex_outlines_and_schedule() {
    let (_d, stem) = render(PLAN, "docx");
    let docx = stem.with_extension("docx");
    let ps = doc_paragraphs(&docx);
    let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
    for h in [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG KIỂM TRA",
        "III. PHƯƠNG PHÁP KIỂM TRA",
        "IV. THÀNH PHẦN ĐOÀN KIỂM TRA, THỜI GIAN, ĐỐI TƯỢNG KIỂM TRA",
        "V. TỔ CHỨC THỰC HIỆN",
    ] {
        let p = para(&ps, h);
        assert!(style(p).0, "{h} is bold");
    }
    assert_eq!(style(para(&ps, "KẾ HOẠCH")), (true, false, Some(14.0)));
    assert!(texts.contains(&"Số: 21/KH-TCTĐA06"));
    assert!(texts.contains(
        &"- Thành lập 05 Đoàn kiểm tra do lãnh đạo Công an tỉnh, Văn phòng UBND tỉnh, Sở Khoa học và Công nghệ, Sở Tư pháp và Sở Nội vụ làm Trưởng đoàn."
    ));
    assert!(texts.iter().any(|t| t.starts_with(
        "- Đối tượng kiểm tra: 35 cơ quan, đơn vị, địa phương, gồm: Các sở, ban, ngành cấp tỉnh (09 đơn vị); Ủy ban nhân dân các xã, phường, đặc khu (26 đơn vị)."
    )));
    // Deadlines computed from the rules.
    assert!(
        texts
            .iter()
            .any(|t| t.contains("trước ít nhất 02 ngày làm việc"))
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("trong thời hạn 05 ngày làm việc"))
    );
    assert!(texts.iter().any(|t| t.contains("trước ngày 14/11/2025")));
    // Annexes are mentioned in the body and numbered with Roman numerals (Decree 30).
    assert!(texts.iter().any(|t| t.contains("tại Phụ lục I kèm theo")));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Đề cương kiểm tra tại Phụ lục II"))
    );
    assert!(texts.iter().any(|t| t.contains("tại Phụ lục III kèm theo")));
    for l in ["Phụ lục I", "Phụ lục II", "Phụ lục III"] {
        assert_eq!(style(para(&ps, l)), (true, false, Some(14.0)), "{l}");
    }
    // Every run is Times New Roman.
    for p in &ps {
        for r in &p.runs {
            assert!(
                r.fonts
                    .iter()
                    .any(|(k, v)| k == "ascii" && v == "Times New Roman"),
                "{:?}",
                r.text
            );
        }
    }
    // Main part + three annexes, each restarting page numbers with none on its first page.
    let xml = zip_part(&docx, "word/document.xml").unwrap();
    let doc = Document::parse(&xml).unwrap();
    let sects: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "sectPr")))
        .collect();
    assert_eq!(sects.len(), 4);
    for s in &sects {
        assert!(s.children().any(|c| c.has_tag_name((W, "titlePg"))));
    }

    // Phụ lục I: one row per team, lead marked, units listed per group in the cell.
    let t = tables(&docx);
    let teams = t
        .iter()
        .find(|t| t[0].len() == 4 && t[0][1] == "Đoàn kiểm tra")
        .expect("teams table");
    assert_eq!(teams[0][2], "Cơ quan, đơn vị thuộc Đoàn kiểm tra");
    assert_eq!(teams.len(), 6);
    assert_eq!(teams[1][1], "Đoàn kiểm tra số 01");
    assert!(teams[1][2].starts_with("Công an tỉnh (Trưởng đoàn); Văn phòng UBND tỉnh;"));
    assert!(teams[1][2].contains("\nThư ký: Công chức Phòng Cảnh sát"));
    assert_eq!(
        teams[1][3],
        "- Các sở, ban, ngành cấp tỉnh: Sở Tài chính; Sở Khoa học và Công nghệ.\n- Ủy ban nhân dân các xã, phường, đặc khu: Phường Hà Lam; Phường Đông Thành; Xã Tân Lập; Xã Hòa Bình; Xã Yên Phú."
    );
    assert!(teams[5][3].contains("Đặc khu Hòn Mê"));
}

#[test]
fn schedule_annex_has_visit_notice_and_results_dates() {
    let (_d, stem) = render(PLAN, "docx");
    let t = tables(&stem.with_extension("docx"));
    let sched = t
        .iter()
        .find(|t| t[0].get(2).is_some_and(|c| c == "Ngày kiểm tra"))
        .expect("schedule table");
    let row = |unit: &str| {
        sched
            .iter()
            .find(|r| r.len() == 4 && r[1] == unit)
            .unwrap_or_else(|| panic!("{unit}"))
            .clone()
    };
    // Given notice date kept; otherwise the latest allowed: 2 working days before.
    assert_eq!(
        row("Sở Tài chính")[2..],
        ["Thứ Hai, 20/10/2025", "15/10/2025"]
    );
    assert_eq!(row("Sở Khoa học và Công nghệ")[3], "17/10/2025"); // Tue → Fri
    assert_eq!(row("Xã Hòa Bình")[3], "23/10/2025"); // Mon → Thu, over the weekend
    assert_eq!(row("Đặc khu Hòn Mê")[0], "35");
    // Group rows: results notice 5 working days after the team's last visit.
    let groups: Vec<&String> = sched
        .iter()
        .filter(|r| r.len() == 1)
        .map(|r| &r[0])
        .collect();
    assert_eq!(groups.len(), 5);
    assert!(
        groups[0].contains("kết thúc ngày 28/10/2025; thông báo kết quả chậm nhất ngày 04/11/2025"),
        "{}",
        groups[0]
    );
    assert!(
        groups[4].contains("kết thúc ngày 06/11/2025; thông báo kết quả chậm nhất ngày 13/11/2025")
    );
}

#[test]
fn outline_numbering_is_the_same_in_plan_and_checklist() {
    let (_d, stem) = render(PLAN, "docx");
    let ps = doc_paragraphs(&stem.with_extension("docx"));
    let start = ps
        .iter()
        .position(|p| p.text.starts_with("A. ĐỀ CƯƠNG"))
        .unwrap();
    let plan_numbers: Vec<String> = ps[start + 1..]
        .iter()
        .take_while(|p| !p.text.starts_with("*)"))
        .filter_map(|p| leading_number(&p.text))
        .collect();
    assert_eq!(plan_numbers, OUTLINE_A);
    // Outline B restarts at 1.
    let b = ps
        .iter()
        .position(|p| p.text.starts_with("B. ĐỀ CƯƠNG"))
        .unwrap();
    let first_b = ps[b + 1..]
        .iter()
        .find_map(|p| leading_number(&p.text))
        .unwrap();
    assert_eq!(first_b, "1.");
    // Level "1." items with a title are bold, "1.1." items upright.
    assert!(style(para(&ps, "1. Công tác chỉ đạo, tổ chức thực hiện")).0);

    let dir = checklists(&["--checklists", "--format", "docx"]);
    let t = tables(&dir.path().join("so-tu-phap.docx"));
    let list = t.iter().find(|t| t[0][0] == "STT").unwrap();
    assert_eq!(
        list[0],
        ["STT", "Nội dung kiểm tra", "Kết quả", "Minh chứng, ghi chú"]
    );
    let stt: Vec<&str> = list[1..=18].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(stt, OUTLINE_A);
    // Rows to tick have the two boxes; rows holding sub-items do not.
    assert_eq!(list[2][2], "\u{25A1} Đạt\n\u{25A1} Chưa đạt");
    assert_eq!(list[1][2], "");
}

#[test]
fn check_box_glyph_is_in_every_bundled_face() {
    let f = vanban::fonts::bundled();
    for face in [&f.regular, &f.bold, &f.italic, &f.bold_italic] {
        assert!(face.has_char(vanban::template::inspection::CHECK_BOX));
    }
}

#[test]
fn one_checklist_per_unit_with_ascii_names_and_its_own_questions() {
    let dir = checklists(&["--checklists"]);
    let files = files_in(dir.path());
    assert_eq!(files.len(), 70, "{files:?}");
    for f in &files {
        assert!(
            f.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'),
            "{f}"
        );
    }
    for name in [
        "so-tu-phap.pdf",
        "so-y-te.docx",
        "so-nong-nghiep-va-moi-truong.pdf",
        "phuong-dong-thanh.docx",
        "xa-hoa-binh.pdf",
        "dac-khu-hon-me.docx",
    ] {
        assert!(files.contains(&name.to_string()), "{name}");
    }
    let text = |f: &str| {
        doc_paragraphs(&dir.path().join(f))
            .iter()
            .map(|p| p.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let tp = text("so-tu-phap.docx");
    assert!(tp.contains("*) Nội dung bổ sung - Đối với Sở Tư pháp"));
    assert!(tp.contains("Đến nay đã số hóa bao nhiêu sổ hộ tịch"));
    assert!(!tp.contains("Đối với Sở Y tế") && !tp.contains("sở, ban, ngành khác"));
    // A set for a unit kind (loai: y-te), and the "con_lai" set for offices not named.
    assert!(text("so-y-te.docx").contains("Nội dung bổ sung - Đối với Sở Y tế"));
    let tc = text("so-tai-chinh.docx");
    assert!(tc.contains("Nội dung bổ sung - Đối với các sở, ban, ngành khác"));
    assert!(!tc.contains("Đối với Sở Tư pháp"));
    // Communes answer outline B and have no extra questions.
    let ph = text("phuong-ha-lam.docx");
    assert!(ph.contains("Nội dung kiểm tra theo Đề cương B"));
    assert!(!ph.contains("Nội dung bổ sung"));

    // Header, title and the two signatures.
    let ps = doc_paragraphs(&dir.path().join("so-tu-phap.docx"));
    assert_eq!(
        style(para(&ps, "TỔ CÔNG TÁC ĐỀ ÁN 06")),
        (false, false, Some(13.0))
    );
    assert_eq!(
        style(para(&ps, "ĐOÀN KIỂM TRA SỐ 02")),
        (true, false, Some(13.0))
    );
    assert_eq!(
        style(para(&ps, "Hà Lam, ngày 21 tháng 10 năm 2025")),
        (false, true, Some(14.0))
    );
    assert_eq!(
        style(para(&ps, "PHIẾU KIỂM TRA")),
        (true, false, Some(14.0))
    );
    assert!(
        ps.iter()
            .any(|p| p.text == "Kết quả thực hiện Đề án 06 năm 2025 tại Sở Tư pháp")
    );
    assert!(
        !ps.iter().any(|p| p.text.starts_with("Số:")),
        "a checklist has no number"
    );
    assert!(
        ps.iter()
            .any(|p| p.text == "Thời gian kiểm tra: Thứ Ba, ngày 21 tháng 10 năm 2025.")
    );
    let t = tables(&dir.path().join("so-tu-phap.docx"));
    let sig = t.last().unwrap();
    assert_eq!(sig.len(), 1);
    assert!(sig[0][0].starts_with("ĐẠI DIỆN ĐƠN VỊ\nĐƯỢC KIỂM TRA\n(Ký, ghi rõ họ tên)"));
    assert!(sig[0][1].starts_with("TRƯỞNG ĐOÀN\nKIỂM TRA\n(Ký, ghi rõ họ tên)"));
    // Team 1 names its lead; the name sits under the right-hand signature.
    let t1 = tables(&dir.path().join("so-tai-chinh.docx"));
    assert!(t1.last().unwrap()[0][1].ends_with("Lê Quang Vinh"));
    // PDF: the same content and the box glyph survive text extraction.
    if !needs(&["pdftotext"]) {
        return;
    }
    let pdf = tool(
        "pdftotext",
        &[dir.path().join("so-tu-phap.pdf").to_str().unwrap(), "-"],
    );
    assert!(pdf.contains("\u{25A1} Đạt") && pdf.contains("ĐOÀN KIỂM TRA SỐ 02"));
}

/// Page number shown in the top margin of a PDF page.
fn top_number(pdf: &Path, page: usize) -> (Option<String>, bool) {
    let p = page.to_string();
    let xml = tool(
        "pdftotext",
        &["-f", &p, "-l", &p, "-bbox", pdf.to_str().unwrap(), "-"],
    );
    let margin = 20.0 * 72.0 / 25.4;
    let mut top = None;
    let mut first_page = false;
    for l in xml.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let y: f32 = l
            .split("yMax=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let w = l.split('>').nth(1).unwrap().split('<').next().unwrap();
        if y < margin {
            top = Some(w.to_string());
        }
        if w == "PHIẾU" {
            first_page = true;
        }
    }
    (top, first_page)
}

#[test]
fn combined_file_starts_each_unit_on_a_new_numbered_section() {
    let dir = checklists(&["--combine"]);
    assert_eq!(
        files_in(dir.path()),
        [
            "ke-hoach-kiem-tra-phieu-kiem-tra.docx",
            "ke-hoach-kiem-tra-phieu-kiem-tra.pdf"
        ]
    );
    if !needs(&["pdfinfo", "pdftotext"]) {
        return;
    }
    let pdf = dir.path().join("ke-hoach-kiem-tra-phieu-kiem-tra.pdf");
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let mut starts = 0;
    let mut n = 0;
    for p in 1..=pages {
        let (num, first) = top_number(&pdf, p);
        if first {
            starts += 1;
            n = 1;
            assert_eq!(num, None, "page {p}: first page of a unit shows no number");
        } else {
            n += 1;
            assert_eq!(num, Some(n.to_string()), "page {p}");
        }
    }
    assert_eq!(starts, 35, "one section per unit");
    assert!(pages > 35, "checklists run over two pages");

    let docx = dir.path().join("ke-hoach-kiem-tra-phieu-kiem-tra.docx");
    let xml = zip_part(&docx, "word/document.xml").unwrap();
    let doc = Document::parse(&xml).unwrap();
    let sects: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "sectPr")))
        .collect();
    assert_eq!(sects.len(), 35);
    for s in &sects {
        assert!(s.children().any(|c| c.has_tag_name((W, "titlePg"))));
        let pg = s
            .children()
            .find(|c| c.has_tag_name((W, "pgNumType")))
            .unwrap();
        assert_eq!(attr(pg, "start"), Some("1"));
        // A section starting on a new page (nextPage is the default when type is absent).
        let ty = s
            .children()
            .find(|c| c.has_tag_name((W, "type")))
            .and_then(|t| attr(t, "val"));
        assert!(matches!(ty, None | Some("nextPage")), "{ty:?}");
    }
    // Units in team order: the first section is team 1's first visit.
    let ps = paragraphs(&doc);
    let first_unit = ps
        .iter()
        .find(|p| p.text.starts_with("Đơn vị được kiểm tra:"))
        .unwrap();
    assert!(first_unit.text.contains("Sở Tài chính"));
}

#[test]
fn rendering_checklists_twice_is_byte_identical() {
    let a = checklists(&["--combine"]);
    let b = checklists(&["--combine"]);
    for f in files_in(a.path()) {
        assert_eq!(
            std::fs::read(a.path().join(&f)).unwrap(),
            std::fs::read(b.path().join(&f)).unwrap(),
            "{f}"
        );
    }
}

// ---- Bad input -------------------------------------------------------------------------

struct Rejected {
    err: String,
}

/// 1-based line and column (in characters) of `needle` in `yaml`.
fn pos_of(yaml: &str, line_needle: &str, col_needle: &str) -> (usize, usize) {
    let (i, line) = yaml
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(line_needle))
        .unwrap_or_else(|| panic!("{line_needle}"));
    let b = line
        .find(col_needle)
        .unwrap_or_else(|| panic!("{col_needle}"));
    (i + 1, line[..b].chars().count() + 1)
}

/// Render the mutated plan, as a plan and as checklists, into a directory holding an old
/// output: exit 1, "lỗi: FILE:LINE:COL: …", nothing written or overwritten.
fn assert_rejected(yaml: &str, at: (usize, usize), code: &str, expect: &[&str]) -> Rejected {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ke-hoach.yaml");
    std::fs::write(&path, yaml).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("so-tu-phap.pdf"), b"old").unwrap();
    let mut last = String::new();
    for extra in [&[][..], &["--checklists"][..], &["--combine"][..]] {
        let mut args = vec![
            "render",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let (exit, _, err) = vanban(&args, dir.path());
        assert_eq!(exit, 1, "{extra:?}: {err}");
        let prefix = format!("lỗi: {}:{}:{}: ", path.display(), at.0, at.1);
        common::assert_code(&err, &prefix, code);
        for e in expect {
            assert!(err.contains(e), "expected {e:?} in:\n{err}");
        }
        assert_eq!(files_in(&out), ["so-tu-phap.pdf"], "nothing written");
        assert_eq!(std::fs::read(out.join("so-tu-phap.pdf")).unwrap(), b"old");
        last = err;
    }
    Rejected { err: last }
}

const YEN_PHU: &str = "        - {ten: Xã Yên Phú, ngay: 28/10/2025}\n";

#[test]
fn unit_with_no_team() {
    let y = EXAMPLE.replace(YEN_PHU, "");
    assert_rejected(
        &y,
        pos_of(&y, "        - Xã Yên Phú", "Xã Yên Phú"),
        "thieu-khoa",
        &["đơn vị \"Xã Yên Phú\" chưa được giao cho đoàn kiểm tra nào"],
    );
}

#[test]
fn unit_with_two_teams() {
    let extra = "        - {ten: Sở Y tế, ngay: 29/10/2025}\n";
    let y = EXAMPLE.replace(YEN_PHU, &format!("{YEN_PHU}{extra}"));
    // Reported where the unit is listed the second time, naming the first listing.
    let first = pos_of(&y, "{ten: Sở Y tế, ngay: 29/10/2025}", "Sở Y tế");
    let at = pos_of(&y, "{ten: Sở Y tế, ngay: 22/10/2025}", "Sở Y tế");
    let r = assert_rejected(
        &y,
        at,
        "trung-lap",
        &["đơn vị \"Sở Y tế\" được giao cho hai đoàn: Đoàn kiểm tra số 01"],
    );
    assert!(
        r.err
            .contains(&format!("(dòng {}) và Đoàn kiểm tra số 02", first.0)),
        "{}",
        r.err
    );
}

#[test]
fn unknown_unit_in_the_schedule() {
    let y = EXAMPLE.replace("{ten: Xã Yên Phú, ngay", "{ten: Xã Yên Phúc, ngay");
    let r = assert_rejected(
        &y,
        pos_of(&y, "Xã Yên Phúc", "Xã Yên Phúc"),
        "tham-chieu",
        &["Đoàn kiểm tra số 01: đơn vị \"Xã Yên Phúc\" không có trong danh sách"],
    );
    // The declared unit is then left without a team: both are reported.
    assert!(r.err.contains("\"Xã Yên Phú\" chưa được giao"));
}

#[test]
fn visit_on_a_saturday_or_holiday() {
    let y = EXAMPLE.replace(
        "{ten: Xã Yên Phú, ngay: 28/10/2025}",
        "{ten: Xã Yên Phú, ngay: 25/10/2025}",
    );
    assert_rejected(
        &y,
        pos_of(&y, "Xã Yên Phú, ngay: 25/10/2025", "25/10/2025"),
        "xung-dot",
        &["Đoàn kiểm tra số 01, đơn vị \"Xã Yên Phú\": ngày kiểm tra 25/10/2025 là thứ Bảy"],
    );
}

#[test]
fn notice_too_late() {
    let y = EXAMPLE.replace("thong_bao: 15/10/2025", "thong_bao: 17/10/2025");
    assert_rejected(
        &y,
        pos_of(&y, "thong_bao: 17/10/2025", "17/10/2025"),
        "xung-dot",
        &[
            "\"Sở Tài chính\": thông báo kiểm tra ngày 17/10/2025 không đủ 02 ngày làm việc trước ngày kiểm tra 20/10/2025 (chậm nhất ngày 16/10/2025)",
        ],
    );
}

#[test]
fn team_in_two_places_on_one_day() {
    let y = EXAMPLE.replace(
        "{ten: Xã Yên Phú, ngay: 28/10/2025}",
        "{ten: Xã Yên Phú, ngay: 27/10/2025}",
    );
    assert_rejected(
        &y,
        pos_of(&y, "Xã Yên Phú, ngay: 27/10/2025", "27/10/2025"),
        "xung-dot",
        &[
            "Đoàn kiểm tra số 01 có hai cuộc kiểm tra cùng ngày 27/10/2025: \"Xã Hòa Bình\" và \"Xã Yên Phú\"",
        ],
    );
}

#[test]
fn empty_outline_item() {
    let old = "            - y: Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa.\n";
    let y = EXAMPLE.replace(old, "            - y: ''\n");
    assert_ne!(y, EXAMPLE);
    assert_rejected(
        &y,
        pos_of(&y, "            - y: ''", "y: ''"),
        "de-trong",
        &["đề cương A: mục 3.2. để trống nội dung"],
    );
}

#[test]
fn holiday_file_override_is_used_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let holidays = vanban::inspection::workdays::BUILTIN.replace(
        "ngay_lam_bu:",
        "  - {ngay: 2025-10-28, ten: Ngày nghỉ thử nghiệm}\n\nngay_lam_bu:",
    );
    std::fs::write(dir.path().join("nghi.yaml"), &holidays).unwrap();
    let y = EXAMPLE.replace(
        "  phu_luc_lich: true\n",
        "  phu_luc_lich: true\n  tep_ngay_nghi: nghi.yaml\n",
    );
    let path = dir.path().join("kh.yaml");
    std::fs::write(&path, &y).unwrap();
    let (code, _, err) = vanban(&["validate", path.to_str().unwrap()], dir.path());
    assert_eq!(code, 1);
    assert!(
        err.contains("ngày kiểm tra 28/10/2025 là ngày nghỉ (Ngày nghỉ thử nghiệm)"),
        "{err}"
    );
    // A broken override names its own file and line.
    std::fs::write(
        dir.path().join("nghi.yaml"),
        "nam: [2025]\nngay_nghi:\n  - {ten: X}\n",
    )
    .unwrap();
    let (code, _, err) = vanban(&["validate", path.to_str().unwrap()], dir.path());
    assert_eq!(code, 1);
    let f: PathBuf = dir.path().join("nghi.yaml");
    assert!(err.contains(&format!("lỗi: {}:3:5:", f.display())), "{err}");
}

#[test]
fn checklists_need_an_inspection_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            root()
                .join("data/examples/bao-cao-thang.yaml")
                .to_str()
                .unwrap(),
            "--checklists",
            "-o",
            dir.path().to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("chỉ kế hoạch kiểm tra (loai: ke-hoach-kiem-tra)"),
        "{err}"
    );
    assert!(files_in(dir.path()).is_empty());
}
