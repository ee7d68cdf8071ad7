//! The stable codes of diagnostics. Each is printed after its message as
//! ` [mã lỗi: ID]`, and tests match the code instead of the message text, so a message can
//! be reworded without touching a test. The ids are Vietnamese kebab-case, never change once
//! released, and are listed (with [`Code::meaning`]) in the README's table "Mã lỗi"; a test
//! keeps the two in step.

use std::fmt;

/// What kind of problem a diagnostic reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// A key the format does not have at that place (`khoa-la`).
    UnknownKey,
    /// A required key is missing (`thieu-khoa`).
    MissingKey,
    /// A value of the wrong type or shape: a list where a mapping belongs, text where a
    /// number belongs, … (`sai-kieu`).
    WrongType,
    /// A required text or list is empty (`de-trong`).
    Empty,
    /// A number outside its documented range, or a value beyond a limit such as the nesting
    /// depth (`ngoai-gioi-han`).
    OutOfRange,
    /// A word that is not one of the allowed values (`gia-tri-la`).
    UnknownValue,
    /// A number that cannot be read: written as text, in a table cell or a formula
    /// (`so-sai`).
    BadNumber,
    /// A date, period or deadline that is malformed or does not exist (`ngay-sai`).
    BadDate,
    /// A reference to something that does not exist, to itself, or in a cycle
    /// (`tham-chieu`).
    BadReference,
    /// A key, id or output written twice (`trung-lap`).
    Duplicate,
    /// Values that contradict each other (dates out of order, parts that do not add up),
    /// keys or options that do not go together, or a key that does not belong to this kind
    /// of document (`xung-dot`).
    Conflict,
    /// A character that is not allowed: a control character in a text, a space or a dot in
    /// an id (`ky-tu`).
    BadCharacter,
    /// A character that no embedded font face has, or an unusable font (`phong-chu`).
    Font,
    /// A signature image that is not a complete, valid PNG (`anh`).
    BadImage,
    /// A template that does not parse or render, or renders invalid markup (`mau`).
    Template,
    /// A file that cannot be read: missing, not a regular file, too large, no permission
    /// (`doc-tep`).
    Read,
    /// A text file that is not UTF-8 (`bang-ma`).
    Encoding,
    /// An output that cannot be written (`ghi-tep`).
    Write,
    /// The YAML does not parse: indentation, quotes, brackets, tabs, … (`cu-phap-yaml`).
    YamlSyntax,
    /// A wrong command line: an unknown option, a missing or bad option value
    /// (`dong-lenh`).
    Usage,
    /// A bug in vanban itself: an internal invariant failed (`noi-bo`).
    Internal,
}

impl Code {
    /// Every code, in the README's order.
    pub const ALL: &'static [Code] = &[
        Code::UnknownKey,
        Code::MissingKey,
        Code::WrongType,
        Code::Empty,
        Code::OutOfRange,
        Code::UnknownValue,
        Code::BadNumber,
        Code::BadDate,
        Code::BadReference,
        Code::Duplicate,
        Code::Conflict,
        Code::BadCharacter,
        Code::Font,
        Code::BadImage,
        Code::Template,
        Code::Read,
        Code::Encoding,
        Code::Write,
        Code::YamlSyntax,
        Code::Usage,
        Code::Internal,
    ];

    /// The stable id printed after the message.
    pub fn id(self) -> &'static str {
        match self {
            Code::UnknownKey => "khoa-la",
            Code::MissingKey => "thieu-khoa",
            Code::WrongType => "sai-kieu",
            Code::Empty => "de-trong",
            Code::OutOfRange => "ngoai-gioi-han",
            Code::UnknownValue => "gia-tri-la",
            Code::BadNumber => "so-sai",
            Code::BadDate => "ngay-sai",
            Code::BadReference => "tham-chieu",
            Code::Duplicate => "trung-lap",
            Code::Conflict => "xung-dot",
            Code::BadCharacter => "ky-tu",
            Code::Font => "phong-chu",
            Code::BadImage => "anh",
            Code::Template => "mau",
            Code::Read => "doc-tep",
            Code::Encoding => "bang-ma",
            Code::Write => "ghi-tep",
            Code::YamlSyntax => "cu-phap-yaml",
            Code::Usage => "dong-lenh",
            Code::Internal => "noi-bo",
        }
    }

    /// What the code means, in Vietnamese (the README's table).
    pub fn meaning(self) -> &'static str {
        match self {
            Code::UnknownKey => "khóa không có trong định dạng ở chỗ này (viết sai tên khóa)",
            Code::MissingKey => "thiếu một khóa bắt buộc",
            Code::WrongType => {
                "giá trị sai kiểu hoặc sai dạng (danh sách thay cho bảng khóa, chữ thay cho số, …)"
            }
            Code::Empty => "giá trị hoặc danh sách bắt buộc đang để trống",
            Code::OutOfRange => {
                "số nằm ngoài khoảng cho phép, hoặc vượt một giới hạn (độ lồng nhau, kích thước)"
            }
            Code::UnknownValue => "giá trị không nằm trong danh sách các giá trị cho phép",
            Code::BadNumber => "không đọc được số (số viết dạng chữ, ô của bảng, công thức)",
            Code::BadDate => "ngày, kỳ hoặc hạn không đúng dạng hoặc không có thật",
            Code::BadReference => "tham chiếu tới một thứ không có, tới chính nó hoặc thành vòng",
            Code::Duplicate => "khóa, mã hoặc tệp kết quả bị trùng",
            Code::Conflict => {
                "các giá trị mâu thuẫn nhau (ngày kết thúc trước ngày bắt đầu, các phần không cộng \
                 lại bằng tổng), các khóa hoặc tùy chọn không dùng cùng nhau, hoặc khóa không \
                 dùng với loại văn bản này"
            }
            Code::BadCharacter => {
                "ký tự không được phép: ký tự điều khiển trong văn bản, dấu cách hay dấu chấm \
                 trong một mã"
            }
            Code::Font => {
                "ký tự không có trong phông chữ nhúng, hoặc tệp phông chữ không dùng được"
            }
            Code::BadImage => "ảnh chữ ký không phải tệp PNG đầy đủ, hợp lệ",
            Code::Template => {
                "mẫu (template) có lỗi cú pháp, lỗi khi sinh hoặc sinh ra nội dung sai"
            }
            Code::Read => {
                "không đọc được tệp (không có, không phải tệp thông thường, quá lớn, không có quyền)"
            }
            Code::Encoding => "tệp văn bản không dùng bảng mã UTF-8",
            Code::Write => "không ghi được tệp kết quả",
            Code::YamlSyntax => "lỗi cú pháp YAML (thụt đầu dòng, dấu nháy, dấu ngoặc, tab, …)",
            Code::Usage => "dòng lệnh sai (tùy chọn không có, thiếu hoặc sai giá trị)",
            Code::Internal => "lỗi của chính vanban, không phải lỗi trong dữ liệu: xin báo lỗi",
        }
    }

    /// The code with this id.
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.id() == id)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Severity {
    /// The input is refused: nothing is written (`lỗi`).
    #[default]
    Error,
    /// Worth knowing, but the document is still produced (`lưu ý`).
    Note,
}

impl Severity {
    /// The word that starts the printed diagnostic.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "lỗi",
            Severity::Note => "lưu ý",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Code::ALL {
            let id = c.id();
            assert!(seen.insert(id), "{id} twice");
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    && !id.starts_with('-')
                    && !id.ends_with('-'),
                "{id}"
            );
            assert_eq!(Code::from_id(id), Some(*c));
            assert!(!c.meaning().is_ascii(), "{id}: meaning in Vietnamese");
        }
        assert_eq!(Code::from_id("khong-co"), None);
    }

    #[test]
    fn every_code_is_documented_in_the_readme() {
        let readme = include_str!("../../README.md");
        for c in Code::ALL {
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", c.id())))
                .unwrap_or_else(|| panic!("README has no row for `{}`", c.id()));
            assert!(
                row.contains(c.meaning()),
                "README row for {}: {row}",
                c.id()
            );
        }
        let rows = readme
            .lines()
            .filter(|l| {
                l.starts_with("| `")
                    && l.split('`')
                        .nth(1)
                        .is_some_and(|id| Code::from_id(id).is_some())
            })
            .count();
        assert_eq!(rows, Code::ALL.len(), "one README row per code");
    }
}
