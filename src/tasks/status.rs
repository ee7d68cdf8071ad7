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

/// A status label of the office's own (`nhan_trang_thai` in a tasks file): printed as written,
/// counted in its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLabel {
    pub label: String,
    pub class: Status,
}

/// A status as written in a task: its class, and the office's label when it is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub class: Status,
    pub label: Option<String>,
}

/// The label among `labels` that `s` names (compared the way people type).
pub fn find_label<'a>(labels: &'a [StatusLabel], s: &str) -> Option<&'a StatusLabel> {
    let k = crate::format::name_key(s);
    let k = k.trim_end_matches('.');
    labels
        .iter()
        .find(|l| crate::format::name_key(&l.label).trim_end_matches('.') == k)
}

/// A status written as one of the office's labels, else a code or the built-in wording. The
/// error is the message and a "có phải là …?" hint when a label or code is close.
pub fn resolve(labels: &[StatusLabel], s: &str) -> Result<Resolved, (String, Option<String>)> {
    if let Some(l) = find_label(labels, s) {
        return Ok(Resolved {
            class: l.class,
            label: Some(l.label.clone()),
        });
    }
    if let Ok(class) = Status::parse(s) {
        return Ok(Resolved { class, label: None });
    }
    let mut message = unknown(s);
    if !labels.is_empty() {
        message.push_str(&format!(
            ", hoặc một nhãn của tệp nhiệm vụ (nhan_trang_thai): {}",
            labels
                .iter()
                .map(|l| format!("{} ({})", l.label, l.class.code()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut words: Vec<&str> = labels.iter().map(|l| l.label.as_str()).collect();
    words.extend(Status::ALL.iter().map(|c| c.code()));
    words.extend(Status::ALL.iter().map(|c| c.name()));
    let hint = crate::error::closest(&crate::format::fold(s), &words)
        .map(|w| format!("có phải ý bạn là \"{w}\"?"));
    Err((message, hint))
}

/// The labels of `nhan_trang_thai`, checked: each names a known class, and no label is written
/// twice.
pub fn check_labels(
    specs: &[serde_saphyr::Spanned<crate::model::tasks::StatusLabelSpec>],
    errs: &mut Vec<crate::error::Error>,
) -> Vec<StatusLabel> {
    use crate::error::{Code, Error, Pos};
    let mut out: Vec<StatusLabel> = Vec::new();
    for spec in specs {
        let (label, class) = (&spec.value.label, &spec.value.class);
        let pos = Pos::from_saphyr(&label.referenced);
        let text = label.value.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            errs.push(Error::new(Code::Empty, "nhan_trang_thai: nhãn (nhan) trống").with_pos(pos));
            continue;
        }
        if find_label(&out, &text).is_some() {
            errs.push(
                Error::new(
                    Code::Duplicate,
                    format!("nhan_trang_thai: nhãn \"{text}\" bị trùng; mỗi nhãn viết một lần"),
                )
                .with_pos(pos),
            );
            continue;
        }
        match Status::parse(&class.value) {
            Ok(c) => out.push(StatusLabel {
                label: text,
                class: c,
            }),
            Err(m) => {
                let codes: Vec<&str> = Status::ALL.iter().map(|c| c.code()).collect();
                let mut e = Error::new(Code::UnknownValue, format!("nhan_trang_thai: loai: {m}"))
                    .with_pos(Pos::from_saphyr(&class.referenced));
                if let Some(w) = crate::error::closest(class.value.trim(), &codes) {
                    e = e.hint(format!("có phải ý bạn là \"{w}\"?"));
                }
                errs.push(e);
            }
        }
    }
    out
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

    #[test]
    fn labels_win_and_unknown_words_get_a_hint() {
        let labels = vec![
            StatusLabel {
                label: "Đã triển khai".into(),
                class: Status::HoanThanh,
            },
            StatusLabel {
                label: "Đang triển khai".into(),
                class: Status::DangThucHien,
            },
        ];
        let r = resolve(&labels, "đã TRIỂN khai").unwrap();
        assert_eq!(r.class, Status::HoanThanh);
        assert_eq!(r.label.as_deref(), Some("Đã triển khai"));
        let r = resolve(&labels, "hoan_thanh").unwrap();
        assert_eq!((r.class, r.label), (Status::HoanThanh, None));
        let (m, hint) = resolve(&labels, "Đã trien khai").unwrap_err();
        assert!(
            m.contains("nhan_trang_thai") && m.contains("Đã triển khai"),
            "{m}"
        );
        assert_eq!(hint.as_deref(), Some("có phải ý bạn là \"Đã triển khai\"?"));
        let (_, hint) = resolve(&[], "sắp xong").unwrap_err();
        assert_eq!(hint, None);
    }
}
