//! Document kinds (Decree 30, Phụ lục III): the type name printed on the first page, the
//! abbreviation used in the ký hiệu, and the built-in template that lays out the body.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocKind {
    /// The value of `loai:` in YAML (ASCII, lower case).
    pub id: &'static str,
    /// The type name in normal case ("Báo cáo"); the first page prints it UPPER.
    pub name: &'static str,
    /// Abbreviation in the ký hiệu; `None` for a Công văn, a Thư công and annexes sent on
    /// their own.
    pub abbr: Option<&'static str>,
    /// Built-in template rendering the body.
    pub template: &'static str,
}

impl DocKind {
    /// A document of this kind with tasks (`nhiem_vu:`) lists them in an annex of their
    /// own ("DANH MỤC NHIỆM VỤ …") when no annex of the document shows them.
    pub fn lists_tasks_in_annex(&self) -> bool {
        matches!(self.id, "ke-hoach" | "quyet-dinh")
    }

    /// Công văn has no type name on the page: its subject goes under the number as "V/v …".
    pub fn is_cong_van(&self) -> bool {
        self.id == "cong-van"
    }

    /// Giấy mời: the only kind with a meeting block (`cuoc_hop`: time, place, participants).
    pub fn is_invitation(&self) -> bool {
        self.id == "giay-moi"
    }

    /// A document that is only annexes (`loai: phu-luc`, a table sent on its own): no first
    /// page, no signature, no ký hiệu.
    pub fn is_annexes_only(&self) -> bool {
        self.id == ANNEXES_ONLY
    }
}

/// The `loai:` of a document that is only annexes.
pub const ANNEXES_ONLY: &str = "phu-luc";

const fn k(
    id: &'static str,
    name: &'static str,
    abbr: &'static str,
    template: &'static str,
) -> DocKind {
    DocKind {
        id,
        name,
        abbr: Some(abbr),
        template,
    }
}

/// Every kind vanban knows, in the order `vanban templates` lists them: the 29 kinds of
/// Decree 30 (Article 7), the inspection plan (a Kế hoạch with its own template) and the
/// annexes sent on their own.
pub const KINDS: &[DocKind] = &[
    k("bao-cao", "Báo cáo", "BC", "bao-cao.xml"),
    k("ke-hoach", "Kế hoạch", "KH", "ke-hoach.xml"),
    k("quyet-dinh", "Quyết định", "QĐ", "quyet-dinh.xml"),
    k(
        "ke-hoach-kiem-tra",
        "Kế hoạch",
        "KH",
        "ke-hoach-kiem-tra.xml",
    ),
    k("to-trinh", "Tờ trình", "TTr", "van-ban.xml"),
    DocKind {
        id: "cong-van",
        name: "Công văn",
        abbr: None,
        template: "van-ban.xml",
    },
    k("thong-bao", "Thông báo", "TB", "van-ban.xml"),
    k("huong-dan", "Hướng dẫn", "HD", "van-ban.xml"),
    k("chuong-trinh", "Chương trình", "CTr", "van-ban.xml"),
    k("nghi-quyet", "Nghị quyết", "NQ", "van-ban.xml"),
    k("chi-thi", "Chỉ thị", "CT", "van-ban.xml"),
    k("quy-che", "Quy chế", "QC", "van-ban.xml"),
    k("quy-dinh", "Quy định", "QyĐ", "van-ban.xml"),
    k("phuong-an", "Phương án", "PA", "van-ban.xml"),
    k("de-an", "Đề án", "ĐA", "van-ban.xml"),
    k("du-an", "Dự án", "DA", "van-ban.xml"),
    k("bien-ban", "Biên bản", "BB", "van-ban.xml"),
    k("thong-cao", "Thông cáo", "TC", "van-ban.xml"),
    k("giay-moi", "Giấy mời", "GM", "giay-moi.xml"),
    k("cong-dien", "Công điện", "CĐ", "van-ban.xml"),
    k("hop-dong", "Hợp đồng", "HĐ", "van-ban.xml"),
    k("ban-ghi-nho", "Bản ghi nhớ", "BGN", "van-ban.xml"),
    k("ban-thoa-thuan", "Bản thỏa thuận", "BTT", "van-ban.xml"),
    k("giay-uy-quyen", "Giấy ủy quyền", "GUQ", "van-ban.xml"),
    k(
        "giay-gioi-thieu",
        "Giấy giới thiệu",
        "GGT",
        "giay-gioi-thieu.xml",
    ),
    k(
        "giay-nghi-phep",
        "Giấy nghỉ phép",
        "GNP",
        "giay-nghi-phep.xml",
    ),
    k("phieu-gui", "Phiếu gửi", "PG", "phieu-gui.xml"),
    k("phieu-chuyen", "Phiếu chuyển", "PC", "phieu-chuyen.xml"),
    k("phieu-bao", "Phiếu báo", "PB", "van-ban.xml"),
    // Phụ lục III gives a Thư công no abbreviation: "Số: 05/UBND".
    DocKind {
        id: "thu-cong",
        name: "Thư công",
        abbr: None,
        template: "van-ban.xml",
    },
    DocKind {
        id: ANNEXES_ONLY,
        name: "Phụ lục",
        abbr: None,
        template: "phu-luc.xml",
    },
];

pub fn find(id: &str) -> Option<&'static DocKind> {
    KINDS.iter().find(|k| k.id == id)
}

pub fn ids() -> Vec<&'static str> {
    KINDS.iter().map(|k| k.id).collect()
}
