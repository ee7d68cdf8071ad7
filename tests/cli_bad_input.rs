//! Bad input: every case exits 1 with a Vietnamese message naming file:line:column, and no
//! output is created or overwritten.

use std::path::{Path, PathBuf};
use std::process::Command;

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
    let path = dir.path().join("van-ban.yaml");
    std::fs::write(&path, yaml).unwrap();
    std::fs::write(dir.path().join(EXAMPLE_TASKS.0), EXAMPLE_TASKS.1).unwrap();
    Case { dir, yaml: path }
}

fn vanban(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Render a mutated example where an old output already exists; check the error and that
/// nothing was written or overwritten.
fn assert_rejected(yaml: &str, line: u64, expect: &[&str]) -> String {
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
    assert!(err.contains(&prefix), "expected {prefix:?} in: {err}");
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
    // Reported at the start of the block the key belongs to (the top level: line 3, after
    // the two comment lines).
    assert_rejected(&y, 3, &["thiếu khóa bắt buộc \"dia_danh\""]);
    let y = EXAMPLE.replace("  ho_ten: Trần Minh Khang\n", "");
    assert_rejected(
        &y,
        line_of(&y, "  chuc_vu:"),
        &["thiếu khóa bắt buộc \"ho_ten\""],
    );
}

#[test]
fn wrong_type() {
    let y = EXAMPLE.replace("so: 7\n", "so: bảy\n");
    assert_rejected(
        &y,
        line_of(&y, "so: bảy"),
        &["giá trị không hợp lệ", "số nguyên"],
    );
}

#[test]
fn unknown_field_is_named() {
    let y = EXAMPLE.replace("dia_danh: Hà Lam\n", "dia_danh: Hà Lam\ndia_diem: Hà Lam\n");
    assert_rejected(
        &y,
        line_of(&y, "dia_diem"),
        &["khóa \"dia_diem\" không hợp lệ"],
    );
}

#[test]
fn unknown_document_type() {
    let y = EXAMPLE.replace("loai: bao-cao", "loai: bao-cao-nam");
    assert_rejected(
        &y,
        line_of(&y, "loai: bao-cao-nam"),
        &["loại văn bản \"bao-cao-nam\" không được hỗ trợ", "bao-cao"],
    );
}

#[test]
fn malformed_date() {
    let y = EXAMPLE.replace("ngay: 2025-09-26", "ngay: 31/02/2025");
    assert_rejected(&y, line_of(&y, "ngay: 31/02"), &["không tồn tại"]);
    let y = EXAMPLE.replace("ngay: 2025-09-26", "ngay: hôm nay");
    assert_rejected(
        &y,
        line_of(&y, "ngay: hôm nay"),
        &["ngày \"hôm nay\" không hợp lệ"],
    );
}

#[test]
fn unknown_authority_prefix() {
    let y = EXAMPLE.replace("chu_ky:\n", "chu_ky:\n  quyen_han: PT\n");
    assert_rejected(
        &y,
        line_of(&y, "quyen_han: PT"),
        &["quyền hạn ký \"PT\" không hợp lệ", "TM, KT, TL, TUQ, Q"],
    );
}

#[test]
fn authority_without_whom() {
    let y = EXAMPLE.replace("chu_ky:\n", "chu_ky:\n  quyen_han: KT\n");
    assert_rejected(&y, line_of(&y, "quyen_han: KT"), &["thay_mat"]);
}

#[test]
fn table_row_with_wrong_cell_count() {
    let bad = "        - [Đăng ký khai sinh, Đã kết nối, 2758, 2758, 100, 2758, 0, ~]";
    assert!(EXAMPLE.contains(bad));
    let y = EXAMPLE.replace(
        bad,
        "        - [Đăng ký khai sinh, Đã kết nối, 2758, 2758, 100]",
    );
    assert_rejected(
        &y,
        line_of(&y, "[Đăng ký khai sinh, Đã kết nối, 2758, 2758, 100]"),
        &["có 5 ô, cần 8 ô"],
    );
}

#[test]
fn text_in_number_column() {
    let y = EXAMPLE.replace(
        "[Đăng ký khai tử, Đã kết nối, 1128,",
        "[Đăng ký khai tử, Đã kết nối, nhiều,",
    );
    assert_rejected(
        &y,
        line_of(&y, "Đăng ký khai tử, Đã kết nối, nhiều"),
        &["không phải là số"],
    );
}

#[test]
fn malformed_yaml() {
    let y = EXAMPLE.replace("trich_yeu: |", "trich_yeu: [chưa đóng");
    assert_rejected(&y, line_of(&y, "trich_yeu: [chưa đóng"), &["YAML"]);
}

#[test]
fn unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = vanban(&["render", "khong-co.yaml"], dir.path());
    assert_eq!(code, 1);
    assert!(
        err.contains("lỗi: khong-co.yaml: không tìm thấy tệp"),
        "{err}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = vanban(&["render"], dir.path());
    assert_eq!(code, 2);
    let (code, _, err) = vanban(&["render", "a.yaml", "--format", "odt"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("định dạng \"odt\" không hỗ trợ"), "{err}");
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
    assert!(err.contains("không được hỗ trợ"));
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
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(part).unwrap(), &mut s).unwrap();
    s
}
