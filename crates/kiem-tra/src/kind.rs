//! The document kinds of Decree 30 (Article 7) and their abbreviations in the ký hiệu
//! (Phụ lục III).

/// A document kind: its type name as printed (normal case) and its abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub name: &'static str,
    /// `None` for a Công văn and a Thư công: their ký hiệu has no type part.
    pub abbr: Option<&'static str>,
}

const fn k(name: &'static str, abbr: &'static str) -> Kind {
    Kind {
        name,
        abbr: Some(abbr),
    }
}

/// The kinds with a type name, then those without one.
pub const KINDS: &[Kind] = &[
    k("Nghị quyết", "NQ"),
    k("Quyết định", "QĐ"),
    k("Chỉ thị", "CT"),
    k("Quy chế", "QC"),
    k("Quy định", "QyĐ"),
    k("Thông cáo", "TC"),
    k("Thông báo", "TB"),
    k("Hướng dẫn", "HD"),
    k("Chương trình", "CTr"),
    k("Kế hoạch", "KH"),
    k("Phương án", "PA"),
    k("Đề án", "ĐA"),
    k("Dự án", "DA"),
    k("Báo cáo", "BC"),
    k("Biên bản", "BB"),
    k("Tờ trình", "TTr"),
    k("Hợp đồng", "HĐ"),
    k("Công điện", "CĐ"),
    k("Bản ghi nhớ", "BGN"),
    k("Bản thỏa thuận", "BTT"),
    k("Giấy ủy quyền", "GUQ"),
    k("Giấy mời", "GM"),
    k("Giấy giới thiệu", "GGT"),
    k("Giấy nghỉ phép", "GNP"),
    k("Phiếu gửi", "PG"),
    k("Phiếu chuyển", "PC"),
    k("Phiếu báo", "PB"),
    CONG_VAN,
    Kind {
        name: "Thư công",
        abbr: None,
    },
];

pub const CONG_VAN: Kind = Kind {
    name: "Công văn",
    abbr: None,
};

/// The abbreviations of copies (bản sao y, trích sao, sao lục).
pub const COPY_ABBRS: &[&str] = &["SY", "TrS", "SL"];

impl Kind {
    /// The kind whose type name is `text` (any case, tone marks placed either way).
    pub fn by_title(text: &str) -> Option<Kind> {
        let t = crate::text::fold(text);
        KINDS
            .iter()
            .filter(|k| k.abbr.is_some())
            .find(|k| crate::text::fold(k.name) == t)
            .copied()
    }

    /// The kind whose abbreviation is `abbr` (exact case: "QĐ" and "QyĐ" differ).
    pub fn by_abbr(abbr: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.abbr == Some(abbr)).copied()
    }

    pub fn is_cong_van(self) -> bool {
        self.name == CONG_VAN.name
    }
}
