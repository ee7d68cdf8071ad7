//! Names compared the way people type them (issue 12): units and agencies match whatever the
//! tone-mark placement ("Hoà" / "Hòa"), while a different tone is a different name.

use crate::common;

use common::{root, vanban};

fn scratch(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    dir
}

#[test]
fn an_inspection_visit_finds_its_unit_whatever_the_tone_placement() {
    let src = std::fs::read_to_string(root().join("data/examples/ke-hoach-kiem-tra.yaml")).unwrap();
    let old = "{ten: Xã Hòa Bình, ngay: 27/10/2025}";
    assert!(src.contains(old));
    let dir = scratch(
        "kh.yaml",
        &src.replace(old, "{ten: Xã Hoà Bình, ngay: 27/10/2025}"),
    );
    let (code, _, err) = vanban(&["render", "kh.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 0, "{err}");
    // Another tone is another unit: refused at its line.
    let bad = src.replace(old, "{ten: Xã Hoa Bình, ngay: 27/10/2025}");
    let dir = scratch("kh.yaml", &bad);
    let (code, _, err) = vanban(&["render", "kh.yaml", "-o", "out"], dir.path());
    assert_eq!(code, 1, "{err}");
    let line = bad.lines().position(|l| l.contains("Xã Hoa Bình")).unwrap() + 1;
    assert!(err.contains(&format!("kh.yaml:{line}:")), "{err}");
    assert!(!dir.path().join("out").exists());
}

const TASKS: &str = "loai: bao-cao
mau: theo-doi
co_quan_ban_hanh: VĂN PHÒNG UBND TỈNH
viet_tat: VP
dia_danh: Hà Lam
ngay: 01/7/2026
trich_yeu: Tiến độ nhiệm vụ
chu_ky: {chuc_vu: CHÁNH VĂN PHÒNG, ho_ten: Lê Văn An}
nhiem_vu:
  nhom:
    - {id: a, ten: Nhóm A}
  nhiem_vu:
    - {id: A1, nhom: a, noi_dung: Việc một, chu_tri: UBND phường Hòa Bình}
    - {id: A2, nhom: a, noi_dung: Việc hai, chu_tri: UBND xã Thủy Nguyên}
    - {id: A3, nhom: a, noi_dung: Việc ba, chu_tri: UBND xã Hoa Lư}
";

#[test]
fn where_matches_agencies_whatever_the_tone_placement() {
    let dir = scratch("td.yaml", TASKS);
    for (filter, kept, dropped) in [
        ("chu_tri=UBND phường Hoà Bình", "Việc một", "Việc hai"),
        ("chu_tri=ubnd xã thuỷ nguyên", "Việc hai", "Việc một"),
    ] {
        let (code, _, err) = vanban(
            &[
                "render", "td.yaml", "-o", "out", "--format", "docx", "--where", filter,
            ],
            dir.path(),
        );
        assert_eq!(code, 0, "{filter}: {err}");
        let xml = common::zip_part(&dir.path().join("out/td.docx"), "word/document.xml").unwrap();
        assert!(xml.contains(kept), "{filter}");
        assert!(!xml.contains(dropped), "{filter}");
        // The table prints the name as the tasks file writes it.
        assert!(
            xml.contains("Hòa Bình") || xml.contains("Thủy Nguyên"),
            "{filter}"
        );
        std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    }
    // "Hòa Bình" is not "Hoa Bình": no task has it, and the nearest name is offered.
    let (code, _, err) = vanban(
        &[
            "render",
            "td.yaml",
            "-o",
            "out",
            "--where",
            "chu_tri=UBND phường Hoa Bình",
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("UBND phường Hòa Bình"), "{err}");
}
