//! `vanban init KIND`: a commented starter for a document kind.

use crate::kinds::DocKind;

const STARTER: &str = include_str!("../templates/init/van-ban.yaml");

/// The files to write for `kind`: (file name, contents). The report kind starts from the
/// full example report, which needs its previous month, its tasks file and its workbook beside it.
pub fn starter(kind: &DocKind) -> Vec<(String, Vec<u8>)> {
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
    let text = STARTER
        .replace("__LOAI__", kind.id)
        .replace("__TEN__", kind.name)
        .replace("__VIET_TAT__", kind.abbr.unwrap_or("UBND"))
        .replace("05/UBND-SNV", "05/SNV");
    vec![(format!("{}.yaml", kind.id), text.into_bytes())]
}
