//! Bad input: every case exits 1 with a Vietnamese message naming file:line:column, and no
//! output is created or overwritten.

use crate::common;

use common::vanban;
use std::path::{Path, PathBuf};

const EXAMPLE: &str = include_str!("../data/examples/bao-cao-thang.yaml");
/// The tasks file the example report names (`nhiem_vu: {tep: …}`).
const EXAMPLE_TASKS: (&str, &str) = (
    "nhiem-vu-bao-cao-2025.yaml",
    include_str!("../data/examples/nhiem-vu-bao-cao-2025.yaml"),
);

struct Case {
    dir: tempfile::TempDir,
    yaml: PathBuf,
}

fn case(yaml: &str) -> Case {
    let dir = tempfile::tempdir().unwrap();
    // The example reads these next to itself (ky_truoc, Phụ lục II's workbook).
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples");
    for f in ["bao-cao-thang-truoc.yaml", "dich-vu-cong.xlsx"] {
        std::fs::copy(examples.join(f), dir.path().join(f)).unwrap();
    }
    let path = dir.path().join("van-ban.yaml");
    std::fs::write(&path, yaml).unwrap();
    std::fs::write(dir.path().join(EXAMPLE_TASKS.0), EXAMPLE_TASKS.1).unwrap();
    Case { dir, yaml: path }
}

/// Render a mutated example where an old output already exists; check the error (at `line`,
/// with `error_code`) and that nothing was written or overwritten.
fn assert_rejected(yaml: &str, line: u64, error_code: &str, expect: &[&str]) -> String {
    let c = case(yaml);
    let out_dir = c.dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let old = out_dir.join("van-ban.docx");
    std::fs::write(&old, b"old output").unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            c.yaml.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
        ],
        c.dir.path(),
    );
    assert_eq!(code, 1, "stderr: {err}");
    let prefix = format!("lỗi: {}:{line}:", c.yaml.display());
    common::line_with_code(&err, &prefix, error_code);
    for e in expect {
        assert!(err.contains(e), "expected {e:?} in: {err}");
    }
    assert_eq!(
        std::fs::read(&old).unwrap(),
        b"old output",
        "old output overwritten"
    );
    let files: Vec<_> = std::fs::read_dir(&out_dir).unwrap().collect();
    assert_eq!(files.len(), 1, "unexpected files written: {files:?}");
    err
}

fn line_of(yaml: &str, needle: &str) -> u64 {
    yaml.lines().position(|l| l.contains(needle)).expect(needle) as u64 + 1
}

#[test]
fn missing_required_field() {
    let y = EXAMPLE.replace("dia_danh: Hà Lam\n", "");
    // Reported at the start of the block the key belongs to (the top level: its first key,
    // after the comment lines).
    assert_rejected(
        &y,
        line_of(&y, "loai: bao-cao"),
        "thieu-khoa",
        &["thiếu khóa bắt buộc \"dia_danh\""],
    );
    let y = EXAMPLE.replace("  ho_ten: Trần Minh Khang\n", "");
    assert_rejected(
        &y,
        line_of(&y, "  chuc_vu:"),
        "thieu-khoa",
        &["thiếu khóa bắt buộc \"ho_ten\""],
    );
}

#[test]
fn wrong_type() {
    let y = EXAMPLE.replace("so: 7\n", "so: bảy\n");
    assert_rejected(
        &y,
        line_of(&y, "so: bảy"),
        "so-sai",
        &["\"bảy\" không phải là số", "số nguyên từ 1"],
    );
}

#[test]
fn unknown_field_is_named() {
    let y = EXAMPLE.replace("dia_danh: Hà Lam\n", "dia_danh: Hà Lam\ndia_diem: Hà Lam\n");
    let err = assert_rejected(
        &y,
        line_of(&y, "dia_diem"),
        "khoa-la",
        &["khóa \"dia_diem\" không hợp lệ"],
    );
    assert!(!err.contains("có phải là"), "{err}");
    // A key one slip away from a valid one, or written with diacritics, gets the suggestion
    // ahead of the list of valid keys.
    for typed in ["dia_dnah", "địa_danh", "Địa_Danh"] {
        let y = EXAMPLE.replace("dia_danh: Hà Lam\n", &format!("{typed}: Hà Lam\n"));
        let err = assert_rejected(&y, line_of(&y, typed), "khoa-la", &[typed]);
        assert!(
            err.contains(&format!(
                "khóa \"{typed}\" không hợp lệ ở đây; có phải là \"dia_danh\"? các khóa hợp lệ: loai,"
            )),
            "{err}"
        );
    }
}

#[test]
fn unknown_document_type() {
    let y = EXAMPLE.replace("loai: bao-cao", "loai: bao-cao-nam");
    assert_rejected(
        &y,
        line_of(&y, "loai: bao-cao-nam"),
        "gia-tri-la",
        &["loại văn bản \"bao-cao-nam\" không được hỗ trợ", "bao-cao"],
    );
}

#[test]
fn malformed_date() {
    let y = EXAMPLE.replace("ngay: 2025-09-26", "ngay: 31/02/2025");
    assert_rejected(
        &y,
        line_of(&y, "ngay: 31/02"),
        "ngay-sai",
        &["không tồn tại"],
    );
    let y = EXAMPLE.replace("ngay: 2025-09-26", "ngay: hôm nay");
    assert_rejected(
        &y,
        line_of(&y, "ngay: hôm nay"),
        "ngay-sai",
        &["ngày \"hôm nay\" không hợp lệ"],
    );
}

#[test]
fn unknown_authority_prefix() {
    let y = EXAMPLE.replace("chu_ky:\n", "chu_ky:\n  quyen_han: PT\n");
    assert_rejected(
        &y,
        line_of(&y, "quyen_han: PT"),
        "gia-tri-la",
        &["quyền hạn ký \"PT\" không hợp lệ", "TM, KT, TL, TUQ, Q"],
    );
}

#[test]
fn authority_without_whom() {
    let y = EXAMPLE.replace("chu_ky:\n", "chu_ky:\n  quyen_han: KT\n");
    assert_rejected(
        &y,
        line_of(&y, "quyen_han: KT"),
        "thieu-khoa",
        &["thay_mat"],
    );
}

#[test]
fn table_row_with_wrong_cell_count() {
    // Phụ lục III: rows give name, connection, total, online, difficulties; the rate and the
    // change against last month are computed, so rows leave them out.
    let bad =
        "        - [Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế, Đã kết nối, 512, 498, ~]";
    assert!(EXAMPLE.contains(bad));
    let y = EXAMPLE.replace(
        bad,
        "        - [Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế, Đã kết nối, 512]",
    );
    assert_rejected(
        &y,
        line_of(
            &y,
            "[Đăng ký khai sinh kết hợp cấp thẻ bảo hiểm y tế, Đã kết nối, 512]",
        ),
        "sai-kieu",
        &["có 3 ô, cần 5 ô"],
    );
}

#[test]
fn text_in_number_column() {
    let y = EXAMPLE.replace(
        "[Đăng ký thành lập hợp tác xã và đăng ký thuế, Đã kết nối, 44,",
        "[Đăng ký thành lập hợp tác xã và đăng ký thuế, Đã kết nối, nhiều,",
    );
    assert_rejected(
        &y,
        line_of(&y, "Đã kết nối, nhiều"),
        "so-sai",
        &["không phải là số"],
    );
}

#[test]
fn malformed_yaml() {
    let y = EXAMPLE.replace("trich_yeu: |", "trich_yeu: [chưa đóng");
    assert_rejected(
        &y,
        line_of(&y, "trich_yeu: [chưa đóng"),
        "sai-kieu",
        &["cần một giá trị đơn"],
    );
}

#[test]
fn unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = vanban(&["render", "khong-co.yaml"], dir.path());
    assert_eq!(code, 1);
    let line = common::line_with_code(&err, "lỗi: khong-co.yaml: ", "doc-tep");
    assert!(line.contains("không tìm thấy tệp"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = vanban(&["render"], dir.path());
    assert_eq!(code, 2);
    common::line_with_code(&err, "lỗi: ", "dong-lenh");
    let (code, _, err) = vanban(&["render", "a.yaml", "--format", "odt"], dir.path());
    assert_eq!(code, 2);
    let line = common::line_with_code(&err, "lỗi: ", "dong-lenh");
    assert!(line.contains("định dạng \"odt\" không hỗ trợ"), "{err}");
    // A bad --where is the command line's too, though it exits 1 like a data error.
    let (code, _, err) = vanban(&["validate", "a.yaml", "--where", "x"], dir.path());
    assert_eq!(code, 1);
    let line = common::line_with_code(&err, "lỗi: --where", "dong-lenh");
    assert!(line.contains("không đúng dạng"), "{err}");
}

#[test]
fn validate_accepts_example_and_rejects_bad() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = vanban(&["validate", "data/examples/bao-cao-thang.yaml"], root);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("hợp lệ"));
    let c = case(&EXAMPLE.replace("loai: bao-cao", "loai: xyz"));
    let (code, _, err) = vanban(&["validate", c.yaml.to_str().unwrap()], c.dir.path());
    assert_eq!(code, 1);
    let prefix = format!("lỗi: {}:", c.yaml.display());
    let line = common::line_with_code(&err, &prefix, "gia-tri-la");
    assert!(line.contains("không được hỗ trợ"), "{err}");
}

#[test]
fn user_text_is_literal() {
    // "<", "&", "{{" and "#" in data render as text, not as markup or template code.
    let y = EXAMPLE.replace("Đoạn kết thúc.", "x").replace(
        "kính báo cáo Tổ công tác triển khai Đề án 06 của Chính\n    phủ",
        "kính báo cáo <b>{{ loai }}</b> & #1 của Chính\n    phủ",
    );
    let c = case(&y);
    let (code, _, err) = vanban(
        &[
            "render",
            c.yaml.to_str().unwrap(),
            "-o",
            "out",
            "--format",
            "docx",
        ],
        c.dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let xml = docx_xml(&c.dir.path().join("out/van-ban.docx"), "word/document.xml");
    assert!(xml.contains("kính báo cáo &lt;b&gt;{{ loai }}&lt;/b&gt; &amp; #1 của Chính phủ"));
}

fn docx_xml(path: &Path, part: &str) -> String {
    common::zip_part(path, part).unwrap()
}

#[test]
fn init_writes_starters_that_render() {
    let dir = tempfile::tempdir().unwrap();
    for kind in ["bao-cao", "cong-van", "ke-hoach", "to-trinh"] {
        let (code, _, err) = vanban(&["init", kind], dir.path());
        assert_eq!(code, 0, "{err}");
        let file = format!("{kind}.yaml");
        let text = std::fs::read_to_string(dir.path().join(&file)).unwrap();
        assert!(text.contains(&format!("loai: {kind}")));
        let (code, _, err) = vanban(&["render", &file, "-o", "out"], dir.path());
        assert_eq!(code, 0, "{kind}: {err}");
        assert!(dir.path().join(format!("out/{kind}.pdf")).exists());
        // A second init refuses to overwrite the edited file.
        let (code, _, err) = vanban(&["init", kind], dir.path());
        assert_eq!(code, 1);
        let line = common::line_with_code(&err, &format!("lỗi: ./{file}: "), "ghi-tep");
        assert!(line.contains("đã tồn tại"), "{err}");
    }
    let (code, _, err) = vanban(&["init", "bao-ca"], dir.path());
    assert_eq!(code, 2);
    let line = common::line_with_code(&err, "lỗi: ", "dong-lenh");
    assert!(line.contains("không được hỗ trợ"), "{err}");
    assert!(err.contains("\n  gợi ý: có phải là \"bao-cao\"?"), "{err}");
}

#[test]
fn templates_lists_kinds_and_templates() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = vanban(&["templates"], dir.path());
    assert_eq!(code, 0);
    assert!(out.contains("bao-cao.xml"));
    assert!(out.contains("cong-van"));
    assert!(out.contains("Quyết định") && out.contains("QĐ"));
}

#[test]
fn templates_dir_overrides_a_builtin() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("mau");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::write(
        tpl.join("van-ban.xml"),
        "<vanban><body><p>Nội dung từ mẫu riêng {{ dia_danh }}.</p></body></vanban>",
    )
    .unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let yaml = root.join("data/examples/cong-van.yaml");
    let out = dir.path().join("out");
    let (code, _, err) = vanban(
        &[
            "render",
            yaml.to_str().unwrap(),
            "--templates",
            tpl.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            "docx",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let xml = docx_xml(&out.join("cong-van.docx"), "word/document.xml");
    assert!(xml.contains("Nội dung từ mẫu riêng Hà Lam./."));
    // A template producing broken markup is reported with its position.
    std::fs::write(
        tpl.join("van-ban.xml"),
        "<vanban><body><p>x</body></vanban>",
    )
    .unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            yaml.to_str().unwrap(),
            "--templates",
            tpl.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    // The user's file, not the built-in it replaces.
    let file = format!("lỗi: {}: ", tpl.join("van-ban.xml").display());
    assert!(err.starts_with(&file) && err.contains("markup"), "{err}");
    common::line_with_code(&err, &file, "mau");
    assert!(err.contains("dòng 1, cột"), "{err}");
}

#[test]
fn font_dir_must_hold_four_faces() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("fonts/LiberationSerif-Regular.ttf"),
        fonts.join("a.ttf"),
    )
    .unwrap();
    let yaml = root.join("data/examples/cong-van.yaml");
    let args = |f: &Path| {
        vec![
            "render".to_string(),
            yaml.to_str().unwrap().to_string(),
            "--font-dir".into(),
            f.to_str().unwrap().to_string(),
            "-o".into(),
            "out".into(),
        ]
    };
    let a = args(&fonts);
    let (code, _, err) = vanban(
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
        dir.path(),
    );
    assert_eq!(code, 1);
    let line = common::line_with_code(&err, "lỗi: ", "phong-chu");
    assert!(
        line.contains("\"Liberation Serif\" thiếu đậm, nghiêng, đậm nghiêng"),
        "{err}"
    );
    for (n, f) in ["Bold", "Italic", "BoldItalic"].iter().enumerate() {
        std::fs::copy(
            root.join(format!("fonts/LiberationSerif-{f}.ttf")),
            fonts.join(format!("b{n}.ttf")),
        )
        .unwrap();
    }
    let (code, _, err) = vanban(
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("out/cong-van.pdf").exists());
}
