//! Plans, decisions and task lists, read back from the rendered DOCX: group counts, the
//! generated sentences, numbering across groups or per group, the decision's Điều and căn cứ,
//! the "(Ban hành kèm theo …)" line, the progress table with overdue tasks, filtering, and
//! bad input in the tasks.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};

const TASKS: &str = include_str!("../data/examples/nhiem-vu-2025.yaml");
const PLAN: &str = include_str!("../data/examples/ke-hoach.yaml");
const TRACKING: &str = include_str!("../data/examples/theo-doi-tien-do.yaml");

fn document_xml(docx: &Path) -> String {
    zip_part(docx, "word/document.xml").unwrap()
}

fn paras(docx: &Path) -> Vec<ParaInfo> {
    let xml = document_xml(docx);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    paragraphs(&doc)
}

/// Every data table's rows as cell texts (the layout tables of the header and signature
/// have no borders, so they are told apart by their first row: data tables start "STT").
fn data_tables(docx: &Path) -> Vec<Vec<Vec<String>>> {
    let xml = document_xml(docx);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut out = Vec::new();
    for t in doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))) {
        let rows = common::table_rows(t, common::CellText::Lines);
        if rows
            .first()
            .is_some_and(|r| r.first().map(String::as_str) == Some("STT"))
        {
            out.push(rows);
        }
    }
    out
}

/// A scratch directory with the shared tasks file and `files` written into it.
fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nhiem-vu-2025.yaml"), TASKS).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Render `name` in `dir` to DOCX; returns the DOCX path.
fn render_in(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let mut args = vec!["render", name, "-o", "out", "--format", "docx"];
    args.extend_from_slice(extra);
    let (code, _, err) = vanban(&args, dir);
    assert_eq!(code, 0, "{err}");
    dir.join("out").join(Path::new(name).with_extension("docx"))
}

/// Group rows "I. … (08 NHIỆM VỤ)" and the STT numbers under each.
fn groups_and_numbers(rows: &[Vec<String>]) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for r in rows.iter().skip(1) {
        if r.len() == 1 {
            out.push((r[0].clone(), Vec::new()));
        } else if let Ok(n) = r[0].parse::<usize>() {
            out.last_mut().unwrap().1.push(n);
        }
    }
    out
}

/// "(08 NHIỆM VỤ)" → 8.
fn count_in(title: &str) -> usize {
    let open = title.rfind('(').unwrap();
    title[open + 1..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn plan_counts_match_the_annex_and_numbering_runs_on() {
    let (_d, stem) = render("data/examples/ke-hoach.yaml", "docx");
    let docx = stem.with_extension("docx");
    let ps = paras(&docx);
    let tables = data_tables(&docx);
    assert_eq!(tables.len(), 1);
    let groups = groups_and_numbers(&tables[0]);
    assert_eq!(groups.len(), 7);
    assert_eq!(
        groups[0].0,
        "I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (08 NHIỆM VỤ)"
    );
    assert_eq!(
        groups[6].0,
        "VII. VỀ CÔNG TÁC THÔNG TIN, TUYÊN TRUYỀN (04 NHIỆM VỤ)"
    );
    // Each group title carries its real, zero-padded count.
    for (title, numbers) in &groups {
        assert_eq!(count_in(title), numbers.len(), "{title}");
        let padded = format!("({:02} NHIỆM VỤ)", numbers.len());
        assert!(title.ends_with(&padded), "{title}");
    }
    // 1..41 across groups.
    let all: Vec<usize> = groups.iter().flat_map(|g| g.1.clone()).collect();
    assert_eq!(all, (1..=41).collect::<Vec<_>>());
    // The body sentence and the list of groups agree with the annex.
    let total: usize = groups.iter().map(|g| g.1.len()).sum();
    let sentence = ps
        .iter()
        .find(|p| p.text.starts_with("Chi tiết "))
        .expect("plan sentence");
    assert_eq!(
        sentence.text,
        format!(
            "Chi tiết {total} nhiệm vụ cụ thể thuộc 07 nhóm nhiệm vụ triển khai Đề án 06 trên \
             địa bàn tỉnh Hà Lam năm 2025. Cụ thể:"
        )
    );
    let lines: Vec<&ParaInfo> = ps
        .iter()
        .filter(|p| p.text.starts_with("- Nhiệm vụ "))
        .collect();
    assert_eq!(lines.len(), 7);
    assert_eq!(
        lines[0].text,
        "- Nhiệm vụ công tác chỉ đạo, điều hành (08 nhiệm vụ);"
    );
    assert!(lines[6].text.ends_with("(04 nhiệm vụ)."));
    for (l, g) in lines.iter().zip(&groups) {
        assert!(
            l.text.contains(&format!("({:02} nhiệm vụ)", g.1.len())),
            "{}",
            l.text
        );
    }
    // The annex names the plan.
    assert!(ps.iter().any(|p| p.text
        == "(Kèm theo Kế hoạch số 18/KH-UBND ngày 20 tháng 02 năm 2025 của Ủy ban nhân dân tỉnh Hà Lam)"));
}

#[test]
fn numbering_restarts_per_group_when_asked() {
    let plan = PLAN.replace(
        "nhiem_vu:\n  tep: nhiem-vu-2025.yaml",
        "nhiem_vu:\n  tep: nhiem-vu-2025.yaml\n  danh_so: theo_nhom",
    );
    let dir = scratch(&[("ke-hoach.yaml", &plan)]);
    let docx = render_in(dir.path(), "ke-hoach.yaml", &[]);
    let groups = groups_and_numbers(&data_tables(&docx)[0]);
    assert_eq!(groups.len(), 7);
    for (title, numbers) in groups {
        assert_eq!(
            numbers,
            (1..=count_in(&title)).collect::<Vec<_>>(),
            "{title}"
        );
    }
}

#[test]
fn decision_articles_bases_issuer_and_attached_plan() {
    let (_d, stem) = render("data/examples/quyet-dinh-ban-hanh-ke-hoach.yaml", "docx");
    let docx = stem.with_extension("docx");
    let ps = paras(&docx);
    let body: Vec<&ParaInfo> = ps.iter().filter(|p| !p.in_table).collect();
    let at = |text: &str| {
        body.iter()
            // Long title lines carry explicit breaks (w:br) where the line is broken.
            .position(|p| p.text.replace('\n', " ") == text)
            .unwrap_or_else(|| panic!("no paragraph {text:?}"))
    };
    // Issuer line, UPPER and bold, above the căn cứ.
    let issuer = at("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ LAM");
    assert!(style(body[issuer]).0);
    // Căn cứ: italic, ";" after each, "." after the last, right after the issuer.
    let bases = &body[issuer + 1..issuer + 4];
    for (i, p) in bases.iter().enumerate() {
        assert!(p.text.starts_with("Căn cứ") || p.text.starts_with("Theo đề nghị"));
        assert!(style(p).1, "italic: {}", p.text);
        assert!(
            p.text.ends_with(if i == 2 { "." } else { ";" }),
            "{}",
            p.text
        );
    }
    let qd = at("QUYẾT ĐỊNH:");
    assert_eq!(qd, issuer + 4);
    assert!(style(body[qd]).0);
    assert_eq!(body[qd].jc.as_deref(), Some("center"));
    // Điều 1., 2., 3. in order, bold labels.
    let articles: Vec<&&ParaInfo> = body
        .iter()
        .filter(|p| p.text.starts_with("Điều "))
        .collect();
    assert_eq!(articles.len(), 3);
    for (i, p) in articles.iter().enumerate() {
        let label = format!("Điều {}.", i + 1);
        assert!(p.text.starts_with(&format!("{label} ")), "{}", p.text);
        assert_eq!(p.runs[0].text.trim(), label);
        assert!(p.runs[0].bold);
    }
    assert!(articles[2].text.ends_with("kể từ ngày ký./."));
    // Signature and Nơi nhận.
    assert!(ps.iter().any(|p| p.text == "KT. CHỦ TỊCH"));
    assert!(ps.iter().any(|p| p.text == "PHÓ CHỦ TỊCH"));
    assert!(ps.iter().any(|p| p.text == "- Như Điều 3;"));
    // The attached plan: own title block and the promulgation line from the decision's
    // number and date, italic.
    let title = at("KẾ HOẠCH");
    assert!(title > qd);
    let line = at(
        "(Ban hành kèm theo Quyết định số 425/QĐ-UBND ngày 20 tháng 02 năm 2025 của Chủ tịch UBND tỉnh)",
    );
    assert_eq!(line, title + 3);
    assert!(style(body[line]).1);
    // The plan numbers its parts afresh (I. after the decision's Điều) and ends with "./.".
    assert!(
        body[line + 1..]
            .iter()
            .any(|p| p.text == "I. MỤC ĐÍCH, YÊU CẦU")
    );
    assert!(
        body.iter()
            .any(|p| p.text.ends_with("tổng kết việc thực hiện Kế hoạch./."))
    );
    // The annex line names the decision too.
    at("(Kèm theo Quyết định số 425/QĐ-UBND ngày 20 tháng 02 năm 2025 của Chủ tịch UBND tỉnh)");
    // Three sections: decision, plan (new page), landscape annex.
    let xml = document_xml(&docx);
    let sects = xml.matches("<w:sectPr").count();
    assert_eq!(sects, 3);
    assert_eq!(xml.matches("w:orient=\"landscape\"").count(), 1);
    let tables = data_tables(&docx);
    assert_eq!(groups_and_numbers(&tables[0]).len(), 7);
}

#[test]
fn progress_table_marks_overdue_tasks_and_counts_them() {
    let (_d, stem) = render("data/examples/theo-doi-tien-do.yaml", "docx");
    let docx = stem.with_extension("docx");
    let ps = paras(&docx);
    let xml = document_xml(&docx);
    // The whole document is landscape (one section).
    assert_eq!(xml.matches("<w:sectPr").count(), 1);
    assert_eq!(xml.matches("w:orient=\"landscape\"").count(), 1);
    let tables = data_tables(&docx);
    assert_eq!(tables.len(), 2, "summary and detail tables");
    let detail = &tables[1];
    let late: Vec<usize> = detail
        .iter()
        .filter(|r| r.len() == 7 && r[6].contains("Quá hạn"))
        .map(|r| r[0].parse().unwrap())
        .collect();
    // As of 30/9/2025: tasks past their deadline and not done.
    assert_eq!(late, vec![3, 9, 16, 24, 27, 33, 40]);
    let task3 = detail.iter().find(|r| r[0] == "3").unwrap();
    // Quý II/2025 ended on 30/6: 92 days late on 30/9.
    assert_eq!(task3[4], "Quý II/2025");
    assert_eq!(task3[6], "Đang thực hiện\nQuá hạn 92 ngày");
    // Recurring and free-text deadlines are never overdue.
    for r in detail.iter().filter(|r| r.len() == 7) {
        if ["Thường xuyên", "Hằng tháng", "Theo lộ trình của Bộ Công an"].contains(&r[4].as_str())
        {
            assert!(!r[6].contains("Quá hạn"), "{r:?}");
        }
    }
    let summary = ps
        .iter()
        .find(|p| p.text.starts_with("Tổng số 41 nhiệm vụ"))
        .unwrap();
    assert!(
        summary.text.contains(
            "trong đó 07 nhiệm vụ quá hạn (bao gồm nhiệm vụ số 3, 9, 16, 24, 27, 33, 40)"
        ),
        "{}",
        summary.text
    );
    // Summary table: the total row adds up.
    let total = tables[0].last().unwrap();
    assert_eq!(total[0], "Tổng cộng");
    assert_eq!(total[1], "41");
    assert_eq!(total.last().unwrap(), "7");
    let by_status: usize = total[2..6]
        .iter()
        .map(|c| c.parse::<usize>().unwrap())
        .sum();
    assert_eq!(by_status + total[6].parse::<usize>().unwrap(), 41);
}

#[test]
fn where_filter_keeps_one_agency_with_plan_numbers() {
    let dir = scratch(&[("theo-doi.yaml", TRACKING)]);
    let docx = render_in(dir.path(), "theo-doi.yaml", &["--where", "chu_tri=Sở Y tế"]);
    let tables = data_tables(&docx);
    let groups = groups_and_numbers(&tables[1]);
    // Sở Y tế leads tasks 24 (công dân số), 32 and 33 (dữ liệu).
    let numbers: Vec<usize> = groups.iter().flat_map(|g| g.1.clone()).collect();
    assert_eq!(numbers, vec![24, 32, 33]);
    assert_eq!(groups[0].0, "IV. VỀ PHÁT TRIỂN CÔNG DÂN SỐ (01 NHIỆM VỤ)");
    assert_eq!(
        groups[1].0,
        "V. VỀ XÂY DỰNG HỆ SINH THÁI DỮ LIỆU DÙNG CHUNG (02 NHIỆM VỤ)"
    );
    for r in tables[1].iter().filter(|r| r.len() == 7 && r[0] != "STT") {
        assert!(r[3].split(";\n").any(|a| a == "Sở Y tế"), "{r:?}");
    }
    let ps = paras(&docx);
    assert!(ps.iter().any(|p| p.text.starts_with("Tổng số 03 nhiệm vụ")));
    assert!(
        ps.iter()
            .any(|p| p.text.contains("(đơn vị chủ trì: Sở Y tế)"))
    );

    // The same filter written in YAML.
    let yaml = TRACKING.replace(
        "  tinh_den: 30/9/2025",
        "  tinh_den: 30/9/2025\n  loc: {chu_tri: Sở Y tế}",
    );
    let dir = scratch(&[("theo-doi.yaml", &yaml)]);
    let docx = render_in(dir.path(), "theo-doi.yaml", &[]);
    let numbers: Vec<usize> = groups_and_numbers(&data_tables(&docx)[1])
        .iter()
        .flat_map(|g| g.1.clone())
        .collect();
    assert_eq!(numbers, vec![24, 32, 33]);
}

/// Render in a scratch dir holding an old output: exit 1, the message names `file:line:` and
/// ends with error code `code`, and the old output is untouched.
fn rejected(
    files: &[(&str, &str)],
    doc: &str,
    extra: &[&str],
    at: (&str, u64),
    code: &str,
    expect: &[&str],
) {
    let dir = scratch(files);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let old = out.join(Path::new(doc).with_extension("docx"));
    std::fs::write(&old, b"old output").unwrap();
    let mut args = vec!["render", doc, "-o", "out"];
    args.extend_from_slice(extra);
    let (exit, _, err) = vanban(&args, dir.path());
    assert_eq!(exit, 1, "{err}");
    let prefix = format!("lỗi: {}:{}:", at.0, at.1);
    common::assert_code(&err, &prefix, code);
    for e in expect {
        assert!(err.contains(e), "expected {e:?} in: {err}");
    }
    assert_eq!(std::fs::read(&old).unwrap(), b"old output");
    assert!(!out.join(Path::new(doc).with_extension("pdf")).exists());
}

fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

#[test]
fn bad_tasks_are_rejected_with_the_tasks_file_position() {
    // A task in an unknown group.
    let t = TASKS.replacen("    nhom: dvc\n", "    nhom: dich_vu\n", 1);
    let line = line_of(&t, "nhom: dich_vu");
    rejected(
        &[("nhiem-vu-2025.yaml", &t), ("ke-hoach.yaml", PLAN)],
        "ke-hoach.yaml",
        &[],
        ("nhiem-vu-2025.yaml", line),
        "tham-chieu",
        &["nhóm \"dich_vu\" không có", "chi_dao, dvc"],
    );
    // A deadline in no known form, not marked as free text.
    let t = TASKS.replacen("han: Tháng 3/2025", "han: Theo tiến độ dự án", 1);
    let line = line_of(&t, "han: Theo tiến độ dự án");
    rejected(
        &[("nhiem-vu-2025.yaml", &t), ("ke-hoach.yaml", PLAN)],
        "ke-hoach.yaml",
        &[],
        ("nhiem-vu-2025.yaml", line),
        "ngay-sai",
        &["thời hạn \"Theo tiến độ dự án\"", "tu_do"],
    );
    // Duplicate task ids.
    let t = TASKS.replacen("  - id: CD02\n", "  - id: CD01\n", 1);
    let line = t
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("- id: CD01"))
        .nth(1)
        .unwrap()
        .0 as u64
        + 1;
    rejected(
        &[("nhiem-vu-2025.yaml", &t), ("ke-hoach.yaml", PLAN)],
        "ke-hoach.yaml",
        &[],
        ("nhiem-vu-2025.yaml", line),
        "trung-lap",
        &["mã nhiệm vụ \"CD01\" bị trùng"],
    );
    // An unknown status.
    let t = TASKS.replacen("trang_thai: hoan_thanh", "trang_thai: sắp xong", 1);
    let line = line_of(&t, "trang_thai: sắp xong");
    rejected(
        &[("nhiem-vu-2025.yaml", &t), ("ke-hoach.yaml", PLAN)],
        "ke-hoach.yaml",
        &[],
        ("nhiem-vu-2025.yaml", line),
        "gia-tri-la",
        &["tình trạng \"sắp xong\""],
    );
}

#[test]
fn bad_filters_and_task_keys_in_the_document_are_rejected() {
    // A YAML filter on an unknown field points at the filter in the document.
    let yaml = TRACKING.replace(
        "  tinh_den: 30/9/2025",
        "  tinh_den: 30/9/2025\n  loc: {co_quan: Sở Y tế}",
    );
    let line = line_of(&yaml, "loc:");
    rejected(
        &[("theo-doi.yaml", &yaml)],
        "theo-doi.yaml",
        &[],
        ("theo-doi.yaml", line),
        "gia-tri-la",
        &["không lọc được theo trường \"co_quan\"", "chu_tri"],
    );
    // Inline tasks with a bad deadline: the document's own position.
    let inline = "nhiem_vu:\n  nhom:\n    - {id: a, ten: Nhóm A}\n  nhiem_vu:\n    - id: A1\n      nhom: a\n      noi_dung: Việc A\n      han: Quý V/2025\n";
    let yaml = PLAN.replace("nhiem_vu:\n  tep: nhiem-vu-2025.yaml\n", inline);
    let line = line_of(&yaml, "han: Quý V/2025");
    rejected(
        &[("ke-hoach.yaml", &yaml)],
        "ke-hoach.yaml",
        &[],
        ("ke-hoach.yaml", line),
        "ngay-sai",
        &["thời hạn \"Quý V/2025\""],
    );
    // A task annex or sentence without tasks.
    let yaml = PLAN.replace("nhiem_vu:\n  tep: nhiem-vu-2025.yaml\n", "");
    let line = line_of(&yaml, "cau_nhiem_vu: ke_hoach");
    rejected(
        &[("ke-hoach.yaml", &yaml)],
        "ke-hoach.yaml",
        &[],
        ("ke-hoach.yaml", line),
        "thieu-khoa",
        &["chưa có danh sách nhiệm vụ"],
    );
    // A missing tasks file.
    let yaml = PLAN.replace("tep: nhiem-vu-2025.yaml", "tep: khong-co.yaml");
    let line = line_of(&yaml, "tep: khong-co.yaml");
    rejected(
        &[("ke-hoach.yaml", &yaml)],
        "ke-hoach.yaml",
        &[],
        ("ke-hoach.yaml", line),
        "doc-tep",
        &["không đọc được tệp nhiệm vụ", "không tìm thấy tệp"],
    );
}

#[test]
fn where_on_an_unknown_field_is_rejected_before_anything_is_written() {
    let dir = scratch(&[("theo-doi.yaml", TRACKING)]);
    let (code, _, err) = vanban(
        &[
            "render",
            "theo-doi.yaml",
            "-o",
            "out",
            "--where",
            "co_quan=Sở Y tế",
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("lỗi: theo-doi.yaml: --where: không lọc được theo trường \"co_quan\""),
        "{err}"
    );
    assert!(err.contains("chu_tri"));
    assert!(!dir.path().join("out").exists());
    // A filter on a document without tasks.
    let dir = scratch(&[(
        "bc.yaml",
        &PLAN
            .replace("nhiem_vu:\n  tep: nhiem-vu-2025.yaml\n", "")
            .replace("  - cau_nhiem_vu: ke_hoach\n", ""),
    )]);
    let (code, _, err) = vanban(
        &[
            "render",
            "bc.yaml",
            "-o",
            "out",
            "--where",
            "chu_tri=Sở Y tế",
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("lỗi: bc.yaml: --where: văn bản không có danh sách nhiệm vụ"),
        "{err}"
    );
    assert!(!dir.path().join("out").exists());
}

/// A filter value no task has is a typo, not an empty list: refused, naming the nearest
/// values; a value that exists but selects nothing with another filter is a valid document.
#[test]
fn where_on_a_value_no_task_has_names_the_nearest() {
    let dir = scratch(&[("theo-doi.yaml", TRACKING)]);
    let run = |args: &[&str]| {
        let mut all = vec!["render", "theo-doi.yaml", "-o", "out"];
        all.extend(args);
        vanban(&all, dir.path())
    };
    let (code, out, err) = run(&["--where", "chu_tri=Sở Y tê"]);
    assert_eq!(code, 1, "{out}");
    let line = common::line_with_code(&err, "lỗi: theo-doi.yaml: --where: ", "dong-lenh");
    assert!(
        line.contains("không nhiệm vụ nào có đơn vị chủ trì \"Sở Y tê\""),
        "{err}"
    );
    assert!(
        line.contains("gần nhất trong danh sách: \"Sở Y tế\""),
        "{err}"
    );
    assert!(err.contains("gợi ý: có phải là \"Sở Y tế\"?"), "{err}");
    assert!(!dir.path().join("out").exists());
    for bad in ["nhom=XYZ", "id=NV-9999", "phoi_hop=Không Ai"] {
        let (code, _, err) = run(&["--where", bad]);
        assert_eq!(code, 1, "{bad}: {err}");
        common::assert_code(&err, "lỗi: theo-doi.yaml: --where: ", "dong-lenh");
        assert!(!dir.path().join("out").exists(), "{bad}");
    }
    // Every value exists; together they may select nothing, which is still a document.
    let (code, _, err) = run(&["--where", "chu_tri=Sở Y tế", "--where", "qua_han=co"]);
    assert_eq!(code, 0, "{err}");
}
