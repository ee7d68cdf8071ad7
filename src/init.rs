//! `vanban init KIND`: a commented starter for a document kind, one per kind
//! (`templates/init/KIND.yaml`), each a correct document of its kind with placeholder text.

use crate::kinds::DocKind;

/// The starter of each kind that starts from a file of its own.
const STARTERS: &[(&str, &str)] = &[
    ("to-trinh", include_str!("../templates/init/to-trinh.yaml")),
    ("cong-van", include_str!("../templates/init/cong-van.yaml")),
    (
        "thong-bao",
        include_str!("../templates/init/thong-bao.yaml"),
    ),
    (
        "huong-dan",
        include_str!("../templates/init/huong-dan.yaml"),
    ),
    (
        "chuong-trinh",
        include_str!("../templates/init/chuong-trinh.yaml"),
    ),
    (
        "nghi-quyet",
        include_str!("../templates/init/nghi-quyet.yaml"),
    ),
    ("chi-thi", include_str!("../templates/init/chi-thi.yaml")),
    ("quy-che", include_str!("../templates/init/quy-che.yaml")),
    ("quy-dinh", include_str!("../templates/init/quy-dinh.yaml")),
    (
        "phuong-an",
        include_str!("../templates/init/phuong-an.yaml"),
    ),
    ("de-an", include_str!("../templates/init/de-an.yaml")),
    ("du-an", include_str!("../templates/init/du-an.yaml")),
    ("bien-ban", include_str!("../templates/init/bien-ban.yaml")),
    (
        "thong-cao",
        include_str!("../templates/init/thong-cao.yaml"),
    ),
    ("giay-moi", include_str!("../templates/init/giay-moi.yaml")),
    (
        "cong-dien",
        include_str!("../templates/init/cong-dien.yaml"),
    ),
    ("hop-dong", include_str!("../templates/init/hop-dong.yaml")),
    (
        "ban-ghi-nho",
        include_str!("../templates/init/ban-ghi-nho.yaml"),
    ),
    (
        "ban-thoa-thuan",
        include_str!("../templates/init/ban-thoa-thuan.yaml"),
    ),
    (
        "giay-uy-quyen",
        include_str!("../templates/init/giay-uy-quyen.yaml"),
    ),
    (
        "giay-gioi-thieu",
        include_str!("../templates/init/giay-gioi-thieu.yaml"),
    ),
    (
        "giay-nghi-phep",
        include_str!("../templates/init/giay-nghi-phep.yaml"),
    ),
    (
        "phieu-gui",
        include_str!("../templates/init/phieu-gui.yaml"),
    ),
    (
        "phieu-chuyen",
        include_str!("../templates/init/phieu-chuyen.yaml"),
    ),
    (
        "phieu-bao",
        include_str!("../templates/init/phieu-bao.yaml"),
    ),
    ("thu-cong", include_str!("../templates/init/thu-cong.yaml")),
    (
        "quyet-dinh",
        include_str!("../templates/init/quyet-dinh.yaml"),
    ),
    ("ke-hoach", include_str!("../templates/init/ke-hoach.yaml")),
];

/// The tasks file the Kế hoạch starter reads (`nhiem_vu: {tep: nhiem-vu-ke-hoach.yaml}`).
const PLAN_TASKS: (&str, &str) = (
    "nhiem-vu-ke-hoach.yaml",
    include_str!("../templates/init/nhiem-vu-ke-hoach.yaml"),
);

/// The schema line of the starters and examples in the repository (`schema/` at its root).
pub const REPO_SCHEMA: &str = "../../schema/vanban.schema.json";

/// A starter as written: its schema line pointing at the schema written beside it.
fn beside_schema(bytes: Vec<u8>) -> Vec<u8> {
    let repo = crate::schema::modeline(REPO_SCHEMA);
    match bytes.strip_prefix(repo.as_bytes()) {
        Some(rest) => [
            crate::schema::modeline(crate::schema::FILE_NAME).as_bytes(),
            rest,
        ]
        .concat(),
        None => bytes,
    }
}

/// The files to write for `kind` (file name, contents): its starters, then the schema
/// their first line points to, [`crate::schema::FILE_NAME`].
pub fn starter(kind: &DocKind) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = starters(kind)
        .into_iter()
        .map(|(name, bytes)| (name, beside_schema(bytes)))
        .collect();
    files.push((
        crate::schema::FILE_NAME.to_string(),
        crate::schema::document().into_bytes(),
    ));
    files
}

/// The files to write for `kind`: (file name, contents). The report kind starts from the
/// full example report, which needs its previous month, its tasks file and its workbook
/// beside it; the plan writes its tasks file beside it.
fn starters(kind: &DocKind) -> Vec<(String, Vec<u8>)> {
    if kind.id == "bao-cao" {
        return vec![
            (
                "bao-cao.yaml".to_string(),
                include_bytes!("../data/examples/bao-cao-thang.yaml").to_vec(),
            ),
            (
                "bao-cao-thang-truoc.yaml".to_string(),
                include_bytes!("../data/examples/bao-cao-thang-truoc.yaml").to_vec(),
            ),
            (
                "nhiem-vu-bao-cao-2025.yaml".to_string(),
                include_bytes!("../data/examples/nhiem-vu-bao-cao-2025.yaml").to_vec(),
            ),
            (
                "dich-vu-cong.xlsx".to_string(),
                include_bytes!("../data/examples/dich-vu-cong.xlsx").to_vec(),
            ),
        ];
    }
    if kind.is_annexes_only() {
        return vec![(
            "phu-luc.yaml".to_string(),
            include_bytes!("../data/examples/phu-luc-theo-doi.yaml").to_vec(),
        )];
    }
    if kind.id == "ke-hoach-kiem-tra" {
        return vec![(
            "ke-hoach-kiem-tra.yaml".to_string(),
            include_bytes!("../data/examples/ke-hoach-kiem-tra.yaml").to_vec(),
        )];
    }
    let Some((_, text)) = STARTERS.iter().find(|(id, _)| *id == kind.id) else {
        unreachable!("every kind has a starter (tested): {}", kind.id)
    };
    let mut files = vec![(format!("{}.yaml", kind.id), text.as_bytes().to_vec())];
    if kind.id == "ke-hoach" {
        files.push((PLAN_TASKS.0.to_string(), PLAN_TASKS.1.as_bytes().to_vec()));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_starter_naming_its_kind() {
        for k in crate::kinds::KINDS {
            let files = starter(k);
            let text = String::from_utf8(files[0].1.clone()).unwrap();
            assert!(text.contains(&format!("loai: {}", k.id)), "{}", k.id);
        }
        // All but the report, the inspection plan and the annexes, which start from examples.
        assert_eq!(STARTERS.len() + 3, crate::kinds::KINDS.len());
    }

    #[test]
    fn every_starter_points_at_the_schema_written_beside_it() {
        let line = crate::schema::modeline(crate::schema::FILE_NAME);
        for k in crate::kinds::KINDS {
            let files = starter(k);
            let text = String::from_utf8(files[0].1.clone()).unwrap();
            assert_eq!(text.lines().next(), Some(line.as_str()), "{}", k.id);
            let (name, schema) = files.last().unwrap();
            assert_eq!(name, crate::schema::FILE_NAME);
            assert_eq!(schema, crate::schema::document().as_bytes());
            // Tasks files are not documents: no document schema on them.
            for (name, bytes) in &files {
                if name.starts_with("nhiem-vu") {
                    assert!(!bytes.starts_with(b"# yaml-language-server"), "{name}");
                }
            }
        }
    }
}
