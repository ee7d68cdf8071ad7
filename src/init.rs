//! `vanban init KIND`: a commented starter YAML for a document kind.

use crate::kinds::DocKind;

const STARTER: &str = include_str!("../templates/init/van-ban.yaml");

/// The starter file for `kind`; the report kind starts from the full example report.
pub fn starter(kind: &DocKind) -> String {
    if kind.id == "bao-cao" {
        return include_str!("../data/examples/bao-cao-thang.yaml").to_string();
    }
    if kind.id == "ke-hoach-kiem-tra" {
        return include_str!("../data/examples/ke-hoach-kiem-tra.yaml").to_string();
    }
    STARTER
        .replace("__LOAI__", kind.id)
        .replace("__TEN__", kind.name)
        .replace("__VIET_TAT__", kind.abbr.unwrap_or("UBND"))
        .replace("05/UBND-SNV", "05/SNV")
}
