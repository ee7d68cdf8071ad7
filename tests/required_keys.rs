//! Issue 12: every missing required key is reported by one run, each at the start of its own
//! block; two rows with the same text are accepted in a table that is not compared with a
//! previous report.

use crate::common;

use common::CellText;

const HEAD: &str = "loai: bao-cao\nco_quan_ban_hanh: UBND XÃ TÂN LẬP\nviet_tat: UBND\n\
dia_danh: Tân Lập\nngay: 2025-10-05\ntrich_yeu: Kết quả tháng 9/2025\n";

fn write(dir: &std::path::Path, yaml: &str) {
    std::fs::write(dir.join("van-ban.yaml"), yaml).unwrap();
}

#[test]
fn five_missing_keys_give_five_errors_from_one_validate() {
    let dir = tempfile::tempdir().unwrap();
    // Line 1: the top-level block; chu_ky's block at 6:3; the annex at 8:5; its second
    // column at 12:11.
    let yaml = concat!(
        "loai: bao-cao\n",
        "co_quan_ban_hanh: UBND XÃ TÂN LẬP\n",
        "ngay: 2025-10-05\n",
        "trich_yeu: Kết quả tháng 9/2025\n",
        "chu_ky:\n",
        "  chuc_vu: CHỦ TỊCH\n",
        "phu_luc:\n",
        "  - huong: ngang\n",
        "    bang:\n",
        "      cot:\n",
        "        - ten: Nội dung\n",
        "        - loai: so\n",
    );
    write(dir.path(), yaml);
    let (code, out, err) = common::vanban(&["validate", "van-ban.yaml"], dir.path());
    assert_eq!(code, 1, "{out}{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("lỗi: ")).collect();
    let expected = [
        ("1:1", "viet_tat"),
        ("1:1", "dia_danh"),
        ("6:3", "ho_ten"),
        ("8:5", "tieu_de"),
        ("12:11", "ten"),
    ];
    assert_eq!(errors.len(), expected.len(), "{err}");
    for (line, (pos, key)) in errors.iter().zip(expected) {
        assert!(
            line.starts_with(&format!(
                "lỗi: van-ban.yaml:{pos}: thiếu khóa bắt buộc \"{key}\""
            )),
            "{line}"
        );
        assert!(line.ends_with("[mã lỗi: thieu-khoa]"), "{line}");
    }
    // Once they are written, the same file is valid.
    let fixed = yaml
        .replace("ngay:", "viet_tat: UBND\ndia_danh: Tân Lập\nngay:")
        .replace(
            "  chuc_vu: CHỦ TỊCH\n",
            "  chuc_vu: CHỦ TỊCH\n  ho_ten: Lê Văn An\n",
        )
        .replace(
            "  - huong: ngang\n",
            "  - huong: ngang\n    tieu_de: Số liệu\n",
        )
        .replace("        - loai: so\n", "        - {ten: Số, loai: so}\n");
    write(dir.path(), &fixed);
    let (code, _, err) = common::vanban(&["validate", "van-ban.yaml"], dir.path());
    assert_eq!(code, 0, "{err}");
}

#[test]
fn two_rows_with_the_same_text_are_accepted_without_a_previous_period() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = format!(
        "{HEAD}noi_dung:\n  - bang:\n      cot: [{{ten: STT, loai: stt}}, {{ten: Nội dung}}, \
{{ten: Số, loai: so}}]\n      dong:\n        - [Tiếp nhận hồ sơ, 3]\n        - [Tiếp nhận hồ sơ, 4]\n\
chu_ky: {{chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An}}\n"
    );
    write(dir.path(), &yaml);
    let (code, _, err) = common::vanban(&["render", "van-ban.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 0, "{err}");
    let xml = common::zip_part(&dir.path().join("out/van-ban.docx"), "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let rows: Vec<Vec<String>> = common::tables(&doc, CellText::Joined)
        .into_iter()
        .flatten()
        .filter(|r| r.iter().any(|c| c == "Tiếp nhận hồ sơ"))
        .collect();
    assert_eq!(
        rows,
        vec![
            vec!["1".to_string(), "Tiếp nhận hồ sơ".into(), "3".into()],
            vec!["2".to_string(), "Tiếp nhận hồ sơ".into(), "4".into()],
        ]
    );
    if common::needs(&["pdftotext"]) {
        let text = common::tool(
            "pdftotext",
            &[
                "-layout",
                dir.path().join("out/van-ban.pdf").to_str().unwrap(),
                "-",
            ],
        );
        assert_eq!(text.matches("Tiếp nhận hồ sơ").count(), 2, "{text}");
    }
}
