//! Task status (tình trạng): what the secretariat writes and how it is printed.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    HoanThanh,
    ThuongXuyen,
    DangThucHien,
    ChuaHoanThanh,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::HoanThanh,
        Status::ThuongXuyen,
        Status::DangThucHien,
        Status::ChuaHoanThanh,
    ];

    /// The YAML code.
    pub fn code(&self) -> &'static str {
        match self {
            Status::HoanThanh => "hoan_thanh",
            Status::ThuongXuyen => "thuong_xuyen",
            Status::DangThucHien => "dang_thuc_hien",
            Status::ChuaHoanThanh => "chua_hoan_thanh",
        }
    }

    /// As printed in a table cell.
    pub fn name(&self) -> &'static str {
        match self {
            Status::HoanThanh => "Hoàn thành",
            Status::ThuongXuyen => "Thực hiện thường xuyên",
            Status::DangThucHien => "Đang thực hiện",
            Status::ChuaHoanThanh => "Chưa hoàn thành",
        }
    }

    /// As used after a count in a sentence ("16 nhiệm vụ đã hoàn thành").
    pub fn phrase(&self) -> &'static str {
        match self {
            Status::HoanThanh => "đã hoàn thành",
            Status::ThuongXuyen => "thực hiện thường xuyên",
            Status::DangThucHien => "đang thực hiện",
            Status::ChuaHoanThanh => "chưa hoàn thành",
        }
    }

    /// Done tasks and standing duties are never overdue.
    pub fn can_be_late(&self) -> bool {
        matches!(self, Status::DangThucHien | Status::ChuaHoanThanh)
    }

    /// Accepts the code or the Vietnamese wording, in any case.
    pub fn parse(s: &str) -> Result<Status, String> {
        let t = crate::format::fold(s);
        let t = t.trim_end_matches('.');
        Ok(match t {
            "hoan_thanh" | "hoàn thành" | "đã hoàn thành" | "xong" | "đã xong" => {
                Status::HoanThanh
            }
            "thuong_xuyen" | "thường xuyên" | "thực hiện thường xuyên" => {
                Status::ThuongXuyen
            }
            "dang_thuc_hien" | "đang thực hiện" | "đang triển khai" => Status::DangThucHien,
            "chua_hoan_thanh" | "chưa hoàn thành" | "chưa thực hiện" => {
                Status::ChuaHoanThanh
            }
            _ => return Err(unknown(s)),
        })
    }
}

pub fn unknown(s: &str) -> String {
    format!(
        "tình trạng \"{}\" không hợp lệ; cần một trong: hoan_thanh (hoàn thành), thuong_xuyen \
         (thường xuyên), dang_thuc_hien (đang thực hiện), chua_hoan_thanh (chưa hoàn thành)",
        s.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_words() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Ok(s));
            assert_eq!(Status::parse(s.name()), Ok(s));
            assert_eq!(Status::parse(&s.phrase().to_uppercase()), Ok(s));
        }
        assert!(
            Status::parse("sắp xong")
                .unwrap_err()
                .contains("hoan_thanh")
        );
    }
}
