//! Annex labels are given once, by compose, in the order the markup emits the annexes, and
//! every cross-reference (`<annexref to="…"/>`) prints that label. A user template
//! (`--templates`) that reorders the inspection plan's annexes therefore still refers to
//! each by the label printed above it: read back from the DOCX and the PDF.

use crate::common;

use std::path::Path;

/// The plan's example with one annex of the user's own (`phu_luc`) after the plan's.
fn plan_yaml() -> String {
    let src = std::fs::read_to_string(common::root().join("data/examples/ke-hoach-kiem-tra.yaml"))
        .unwrap();
    format!(
        "{src}\nphu_luc:\n  - tieu_de: Bảng tổng hợp riêng\n    mo_dau: [Nội dung phụ lục riêng.]\n"
    )
}

/// The built-in plan template with its annexes emitted in `order` (ids `doan`, `de-cuong`,
/// `lich`, and `phu_luc` for the user's annexes).
fn reordered(order: &[&str]) -> String {
    let t = include_str!("../templates/ke-hoach-kiem-tra.xml");
    let cut = |from: &str, to: &str| -> (usize, usize) {
        let a = t.find(from).unwrap_or_else(|| panic!("{from}"));
        let b = a + t[a..].find(to).unwrap_or_else(|| panic!("{to}")) + to.len();
        (a, b)
    };
    let parts = [
        ("doan", cut("<annex id=\"doan\"", "</annex>\n")),
        ("de-cuong", cut("<annex id=\"de-cuong\"", "</annex>\n")),
        (
            "lich",
            cut(
                "{% if k.phu_luc_lich -%}\n<annex id=\"lich\"",
                "{% endif -%}\n",
            ),
        ),
        ("phu_luc", cut("{{ m::annexes(list=phu_luc) }}", "\n")),
    ];
    let start = parts.iter().map(|(_, (a, _))| *a).min().unwrap();
    let end = parts.iter().map(|(_, (_, b))| *b).max().unwrap();
    let mut out = t[..start].to_string();
    for id in order {
        let (_, (a, b)) = parts.iter().find(|(n, _)| n == id).unwrap();
        out.push_str(&t[*a..*b]);
    }
    out.push_str(&t[end..]);
    assert_eq!(out.len(), t.len(), "every annex is emitted once");
    out
}

/// Whitespace collapsed: line breaks in the PDF's text are spaces.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Render the plan with `template` as its override; the DOCX's paragraphs and the PDF's
/// lines of text.
fn render(template: Option<&str>) -> (Vec<String>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ke-hoach.yaml"), plan_yaml()).unwrap();
    let mut args = vec!["render", "ke-hoach.yaml", "-o", "out"];
    if let Some(t) = template {
        std::fs::create_dir(dir.path().join("mau")).unwrap();
        std::fs::write(dir.path().join("mau/ke-hoach-kiem-tra.xml"), t).unwrap();
        args.extend(["--templates", "mau"]);
    }
    let (code, _, err) = common::vanban(&args, dir.path());
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    let xml = common::zip_part(&out.join("ke-hoach.docx"), "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let docx = common::paragraphs(&doc)
        .into_iter()
        .map(|p| p.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let pdf = pdf_lines(&out.join("ke-hoach.pdf"));
    (docx, pdf)
}

fn pdf_lines(pdf: &Path) -> Vec<String> {
    if !common::needs(&["pdftotext"]) {
        return Vec::new();
    }
    common::tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// What each annex's title starts with, as printed (UPPER).
fn title(id: &str) -> &'static str {
    match id {
        "doan" => "DANH SÁCH CÁC ĐOÀN KIỂM TRA",
        "de-cuong" => "CÁC ĐỀ CƯƠNG BÁO CÁO",
        "lich" => "LỊCH KIỂM TRA CỦA CÁC ĐOÀN",
        "phu_luc" => "BẢNG TỔNG HỢP RIÊNG",
        _ => unreachable!("{id}"),
    }
}

/// In `lines` (one document's text), the annexes are headed by their labels in `order`, and
/// the body's references name the same labels.
fn assert_labels(format: &str, lines: &[String], order: &[&str]) {
    let label = |id: &str| {
        let i = order.iter().position(|o| *o == id).unwrap();
        format!("Phụ lục {}", ["I", "II", "III", "IV"][i])
    };
    for id in order {
        let at = lines
            .iter()
            .position(|l| l.starts_with(title(id)))
            .unwrap_or_else(|| panic!("{format}: no annex title {:?}", title(id)));
        assert_eq!(
            lines[at - 1],
            label(id),
            "{format}: the label above {:?}",
            title(id)
        );
    }
    let text = flat(&lines.join("\n"));
    for expected in [
        format!("được kiểm tra tại {} kèm theo Kế hoạch này)", label("doan")),
        format!("địa phương tại {} kèm theo Kế hoạch này.", label("lich")),
        format!("(hạn của từng Đoàn tại {})", label("lich")),
        format!(
            "Đề cương kiểm tra tại {} kèm theo Kế hoạch này",
            label("de-cuong")
        ),
    ] {
        assert!(
            text.contains(&expected),
            "{format}: expected {expected:?} in the text"
        );
    }
}

#[test]
fn built_in_order() {
    let order = ["doan", "de-cuong", "lich", "phu_luc"];
    let (docx, pdf) = render(None);
    assert_labels("docx", &docx, &order);
    if !pdf.is_empty() {
        assert_labels("pdf", &pdf, &order);
    }
}

#[test]
fn a_template_that_reorders_the_annexes() {
    let order = ["phu_luc", "lich", "doan", "de-cuong"];
    let (docx, pdf) = render(Some(&reordered(&order)));
    assert_labels("docx", &docx, &order);
    if !pdf.is_empty() {
        assert_labels("pdf", &pdf, &order);
    }
    // The labels are not those of the built-in order.
    let text = flat(&docx.join("\n"));
    assert!(
        !text.contains("được kiểm tra tại Phụ lục I kèm theo"),
        "{text}"
    );
}
