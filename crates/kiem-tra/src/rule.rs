//! The rules of Decree 30/2020 the checker knows, each with its reference in the decree.

/// One rule of the decree (`id` is what findings and `--json` name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    PaperSize,
    Orientation,
    Margins,
    FontFamily,
    FontSize,
    NationalTitle,
    Motto,
    HeaderRule,
    Agency,
    Number,
    PlaceDate,
    Title,
    Body,
    Numbering,
    Signature,
    Recipients,
    PageNumber,
    Annex,
    TableHeader,
}

impl Rule {
    pub const ALL: [Rule; 19] = [
        Rule::PaperSize,
        Rule::Orientation,
        Rule::Margins,
        Rule::FontFamily,
        Rule::FontSize,
        Rule::NationalTitle,
        Rule::Motto,
        Rule::HeaderRule,
        Rule::Agency,
        Rule::Number,
        Rule::PlaceDate,
        Rule::Title,
        Rule::Body,
        Rule::Numbering,
        Rule::Signature,
        Rule::Recipients,
        Rule::PageNumber,
        Rule::Annex,
        Rule::TableHeader,
    ];

    /// The rule's name in findings and in `--json`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::PaperSize => "kho-giay",
            Rule::Orientation => "huong-trang",
            Rule::Margins => "le-trang",
            Rule::FontFamily => "phong-chu",
            Rule::FontSize => "co-chu",
            Rule::NationalTitle => "quoc-hieu",
            Rule::Motto => "tieu-ngu",
            Rule::HeaderRule => "duong-ke",
            Rule::Agency => "co-quan",
            Rule::Number => "so-ky-hieu",
            Rule::PlaceDate => "dia-danh-ngay",
            Rule::Title => "ten-loai",
            Rule::Body => "noi-dung",
            Rule::Numbering => "danh-so",
            Rule::Signature => "chu-ky",
            Rule::Recipients => "noi-nhan",
            Rule::PageNumber => "so-trang",
            Rule::Annex => "phu-luc",
            Rule::TableHeader => "tieu-de-bang",
        }
    }

    /// What the rule is about, in Vietnamese.
    pub fn title(self) -> &'static str {
        match self {
            Rule::PaperSize => "khổ giấy",
            Rule::Orientation => "hướng trang",
            Rule::Margins => "lề trang",
            Rule::FontFamily => "phông chữ",
            Rule::FontSize => "cỡ chữ, kiểu chữ",
            Rule::NationalTitle => "Quốc hiệu",
            Rule::Motto => "Tiêu ngữ",
            Rule::HeaderRule => "đường kẻ dưới Tiêu ngữ, tên cơ quan, trích yếu",
            Rule::Agency => "tên cơ quan ban hành",
            Rule::Number => "số, ký hiệu",
            Rule::PlaceDate => "địa danh và thời gian",
            Rule::Title => "tên loại và trích yếu",
            Rule::Body => "trình bày nội dung",
            Rule::Numbering => "đánh số phần, mục",
            Rule::Signature => "thẩm quyền, chức vụ, họ tên người ký",
            Rule::Recipients => "nơi nhận",
            Rule::PageNumber => "số trang",
            Rule::Annex => "phụ lục",
            Rule::TableHeader => "tiêu đề bảng lặp lại",
        }
    }

    /// Where the decree states the rule (Phụ lục I: thể thức and kỹ thuật trình bày;
    /// Phụ lục III: abbreviations of the document types).
    pub fn reference(self) -> &'static str {
        match self {
            Rule::PaperSize => "NĐ 30/2020, Phụ lục I, mục II.1",
            Rule::Orientation => "NĐ 30/2020, Phụ lục I, mục II.2",
            Rule::Margins => "NĐ 30/2020, Phụ lục I, mục II.3",
            Rule::FontFamily => "NĐ 30/2020, Phụ lục I, mục II.4",
            Rule::FontSize => "NĐ 30/2020, Phụ lục I, mục II.5",
            Rule::NationalTitle | Rule::Motto => "NĐ 30/2020, Phụ lục I, mục III.1",
            Rule::HeaderRule => "NĐ 30/2020, Phụ lục I, mục III.1, III.2, III.5",
            Rule::Agency => "NĐ 30/2020, Phụ lục I, mục III.2",
            Rule::Number => "NĐ 30/2020, Phụ lục I, mục III.3; Phụ lục III",
            Rule::PlaceDate => "NĐ 30/2020, Phụ lục I, mục III.4",
            Rule::Title => "NĐ 30/2020, Phụ lục I, mục III.5",
            Rule::Body | Rule::Numbering => "NĐ 30/2020, Phụ lục I, mục III.6",
            Rule::Signature => "NĐ 30/2020, Điều 13; Phụ lục I, mục III.7",
            Rule::Recipients => "NĐ 30/2020, Phụ lục I, mục III.9",
            Rule::PageNumber => "NĐ 30/2020, Phụ lục I, mục II.7",
            Rule::Annex | Rule::TableHeader => "NĐ 30/2020, Phụ lục I, mục III.10",
        }
    }
}
