//! Annexes (Phụ lục): one entry of `phu_luc:`, and a document that is only annexes
//! (`loai: phu-luc`, a tracking table sent on its own, with no Quốc hiệu and no signature).
//!
//! ```yaml
//! phu_luc:
//!   - tieu_de: Bảng theo dõi tiến độ
//!     so: "01"                 # "Phụ lục 01" (default: I, II, … or "Phụ lục" when alone)
//!     nhan: Phụ lục số         # the words before the number (default "Phụ lục")
//!     cung_dong: true          # "Phụ lục 01: BẢNG THEO DÕI TIẾN ĐỘ" on one line
//!     dong_kem_theo: false     # no "(Kèm theo …)" line; or a text of your own
//! ```

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_saphyr::Spanned;

use super::{DocumentSpec, Layout, NodeList, Signature, TableSpec};
use crate::error::{Code, Error, Pos};

/// One annex (Phụ lục).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(description = "Một phụ lục.")]
#[schemars(transform = |s: &mut schemars::Schema| crate::model::schema::require(s, &["tieu_de"]))]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// Title (UPPER case is applied); "\n" splits lines.
    #[serde(default, deserialize_with = "super::required::tieu_de")]
    #[schemars(schema_with = "crate::model::schema::text", description = "Tên phụ lục (bắt buộc), in hoa; \"\\n\" ngắt dòng.", example = &"Tình hình thực hiện nhiệm vụ")]
    #[serde(rename = "tieu_de")]
    pub title: String,
    /// "ngang" (landscape) or "doc" (portrait, the default).
    #[serde(default, deserialize_with = "super::choice::orientation")]
    #[schemars(schema_with = "super::choice::schema::<crate::ir::Orientation>", description = "Hướng trang: ngang hoặc doc (dọc, mặc định).", example = &"ngang")]
    #[serde(rename = "huong")]
    pub orientation: Option<Spanned<crate::ir::Orientation>>,
    /// Paragraphs before the table.
    #[serde(default)]
    #[schemars(with = "Vec<super::Node>", description = "Các đoạn trước bảng.", example = ["Tình hình thực hiện đến ngày 15/9/2025."])]
    #[serde(rename = "mo_dau")]
    pub opening: NodeList,
    #[serde(default)]
    #[schemars(description = "Bảng của phụ lục.", example = serde_json::json!({"cot": [{"ten": "STT", "loai": "stt"}, {"ten": "Nội dung"}], "dong": [["Việc thứ nhất"]]}))]
    #[serde(rename = "bang")]
    pub table: Option<TableSpec>,
    /// Paragraphs after the table.
    #[serde(default)]
    #[schemars(with = "Vec<super::Node>", description = "Các đoạn sau bảng (cùng cách viết với noi_dung).", example = ["*Nguồn: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.*"])]
    #[serde(rename = "ghi_chu")]
    pub notes: NodeList,
    /// The table is the document's task list in this style (ke_hoach, theo_doi, tinh_trang,
    /// tong_hop) instead of `bang`.
    #[serde(default)]
    #[schemars(with = "Option<super::TaskTableSpec>", description = "Bảng của phụ lục là danh sách nhiệm vụ theo mẫu ke_hoach, theo_doi, tinh_trang, tong_hop (thay cho bang), hoặc các cột tự chọn.", example = &"ke_hoach")]
    #[serde(rename = "nhiem_vu")]
    pub task_table: Option<Spanned<super::TaskTableSpec>>,
    /// The annex's number as the office writes it (`so: "01"` → "Phụ lục 01", `so: 2` →
    /// "Phụ lục 2"); without it, compose numbers the annexes I, II, ….
    #[serde(default, deserialize_with = "annex_number")]
    #[schemars(schema_with = "crate::model::schema::annex_number", description = "Số phụ lục đúng như viết: so: \"01\" → \"Phụ lục 01\", so: 2 → \"Phụ lục 2\"; mặc định I, II, ….", example = &"01", example = 2)]
    #[serde(rename = "so")]
    pub number: Option<String>,
    /// The words before the number ("Phụ lục số" → "Phụ lục số 1"); default "Phụ lục".
    #[serde(default, deserialize_with = "super::required::nhan_phu_luc")]
    #[schemars(schema_with = "crate::model::schema::optional_text", description = "Chữ trước số phụ lục (mặc định \"Phụ lục\").", example = &"Phụ lục số")]
    #[serde(rename = "nhan")]
    pub label_word: Option<String>,
    /// Label and title on one line: "Phụ lục 01: BẢNG THEO DÕI …".
    #[serde(default)]
    #[schemars(
        description = "Nhãn và tên trên một dòng: \"Phụ lục 01: BẢNG THEO DÕI …\".",
        example = true
    )]
    #[serde(rename = "cung_dong")]
    pub same_line: bool,
    /// The "(Kèm theo …)" line under the title: the parent document's (the default for an
    /// annex of a document), none, or a text of the user's.
    #[serde(default)]
    #[schemars(with = "Option<ReferenceLine>", description = "Dòng \"(Kèm theo …)\" dưới tên: true (của văn bản chính, mặc định), false (không có), hoặc một dòng chữ.", example = false, example = &"(Kèm theo Báo cáo số 07/BC-TCTĐA06)")]
    #[serde(rename = "dong_kem_theo")]
    pub reference_line: Option<Spanned<ReferenceLine>>,
}

impl Annex {
    /// The annex's page orientation (portrait unless `huong: ngang`).
    pub fn orientation(&self) -> crate::ir::Orientation {
        self.orientation
            .as_ref()
            .map_or(crate::ir::Orientation::Portrait, |h| h.value)
    }
}

/// `dong_kem_theo:` — `true` (the parent document's line), `false` (no line), or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum ReferenceLine {
    /// `true` or `false`.
    Shown(bool),
    /// The line as the user wrote it; parentheses are added when it has none.
    Text(String),
}

impl<'de> Deserialize<'de> for ReferenceLine {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ReferenceLine;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false hoặc một dòng chữ")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<ReferenceLine, E> {
                Ok(ReferenceLine::Shown(b))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ReferenceLine, E> {
                if s.trim().is_empty() {
                    return Err(crate::error::de(
                        Code::Empty,
                        "dòng kèm theo (dong_kem_theo) để trống; ghi nội dung, hoặc false để bỏ dòng",
                    ));
                }
                Ok(ReferenceLine::Text(s.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `so:` of an annex: a text ("01", "2a") or a whole number, kept as written.
fn annex_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("số phụ lục (\"01\", 2)")
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Option<String>, E> {
            Ok(Some(n.to_string()))
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Option<String>, E> {
            if n < 0 {
                return Err(crate::error::de(
                    Code::OutOfRange,
                    "số phụ lục (so) không được âm",
                ));
            }
            Ok(Some(n.to_string()))
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Option<String>, E> {
            if s.trim().is_empty() {
                return Err(crate::error::de(
                    Code::Empty,
                    "số phụ lục (so) không được để trống; bỏ khóa so để đánh số I, II, …",
                ));
            }
            Ok(Some(s.trim().to_string()))
        }
        // YAML reads `so: 01` as a number without its zero: ask for the text as written.
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<String>, E> {
            Err(crate::error::de(
                Code::WrongType,
                "số phụ lục (so) cần viết trong ngoặc kép để in đúng như viết, ví dụ so: \"01\"",
            ))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// A document that is only annexes (`loai: phu-luc`): the keys of one annex entry at the
/// top (its `so` is the annex's number), and `phu_luc:` for any further annexes. There is
/// no first page and no signature, so none of the document's header keys belong here;
/// `crate::load` names any that is written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(
    description = "Phụ lục gửi riêng (loai: phu-luc): các khóa của một phụ lục ở đầu tệp, và phu_luc cho các phụ lục tiếp theo."
)]
#[schemars(transform = |s: &mut schemars::Schema| crate::model::schema::require_one_of(s, &["tieu_de", "phu_luc"]))]
#[serde(deny_unknown_fields)]
pub struct AnnexDocumentSpec {
    #[schemars(with = "String", description = "Loại văn bản: phu-luc (phụ lục gửi riêng, không có Quốc hiệu, không có chữ ký).", example = &"phu-luc")]
    #[serde(rename = "loai")]
    pub kind: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Dùng mẫu khác thay cho mẫu có sẵn.", example = &"phu-luc.tera")]
    #[serde(rename = "mau")]
    pub template: Option<Spanned<String>>,
    /// Only for the file's metadata (the DOCX and PDF creation date); nothing is printed.
    #[serde(default)]
    #[schemars(with = "Option<String>", description = "Ngày, chỉ ghi vào thông tin của tệp (ngày tạo DOCX, PDF); không in ra.", example = &"2025-09-26")]
    #[serde(rename = "ngay")]
    pub date: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "super::required::optional_tieu_de")]
    #[schemars(schema_with = "crate::model::schema::optional_text", description = "Tên phụ lục, in hoa (cần tieu_de hoặc phu_luc).", example = &"Bảng theo dõi tiến độ")]
    #[serde(rename = "tieu_de")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "super::choice::orientation")]
    #[schemars(schema_with = "super::choice::schema::<crate::ir::Orientation>", description = "Hướng trang: ngang hoặc doc (dọc, mặc định).", example = &"ngang")]
    #[serde(rename = "huong")]
    pub orientation: Option<Spanned<crate::ir::Orientation>>,
    #[serde(default)]
    #[schemars(with = "Vec<super::Node>", description = "Các đoạn trước bảng.", example = ["Tình hình thực hiện đến ngày 15/9/2025."])]
    #[serde(rename = "mo_dau")]
    pub opening: NodeList,
    #[serde(default)]
    #[schemars(description = "Bảng của phụ lục.", example = serde_json::json!({"cot": [{"ten": "STT", "loai": "stt"}, {"ten": "Nội dung"}], "dong": [["Việc thứ nhất"]]}))]
    #[serde(rename = "bang")]
    pub table: Option<TableSpec>,
    #[serde(default)]
    #[schemars(with = "Vec<super::Node>", description = "Các đoạn sau bảng (cùng cách viết với noi_dung).", example = ["*Nguồn: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.*"])]
    #[serde(rename = "ghi_chu")]
    pub notes: NodeList,
    #[serde(default, deserialize_with = "annex_number")]
    #[schemars(schema_with = "crate::model::schema::annex_number", description = "Số phụ lục đúng như viết: so: \"01\" → \"Phụ lục 01\", so: 2 → \"Phụ lục 2\"; mặc định I, II, ….", example = &"01", example = 2)]
    #[serde(rename = "so")]
    pub number: Option<String>,
    #[serde(default, deserialize_with = "super::required::nhan_phu_luc")]
    #[schemars(schema_with = "crate::model::schema::optional_text", description = "Chữ trước số phụ lục (mặc định \"Phụ lục\").", example = &"Phụ lục số")]
    #[serde(rename = "nhan")]
    pub label_word: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Nhãn và tên trên một dòng: \"Phụ lục 01: BẢNG THEO DÕI …\".",
        example = true
    )]
    #[serde(rename = "cung_dong")]
    pub same_line: bool,
    #[serde(default)]
    #[schemars(with = "Option<ReferenceLine>", description = "Dòng \"(Kèm theo …)\" dưới tên: true (của văn bản chính, mặc định), false (không có), hoặc một dòng chữ.", example = false, example = &"(Kèm theo Báo cáo số 07/BC-TCTĐA06)")]
    #[serde(rename = "dong_kem_theo")]
    pub reference_line: Option<Spanned<ReferenceLine>>,
    /// Further annexes, after the one written at the top (if any).
    #[serde(default)]
    #[schemars(with = "Vec<Annex>", description = "Các phụ lục tiếp theo, sau phụ lục viết ở trên (nếu có).", example = serde_json::json!([{"tieu_de": "Danh mục đơn vị"}]))]
    #[serde(rename = "phu_luc")]
    pub annexes: Vec<Spanned<Annex>>,
    #[serde(default)]
    #[schemars(description = "Điều chỉnh trình bày trong giới hạn của Nghị định 30.", example = serde_json::json!({"co_chu_bang": 12}))]
    #[serde(rename = "trinh_bay")]
    pub layout: Layout,
    #[serde(default)]
    #[schemars(description = "Dữ liệu tự do dùng trong mẫu (du_lieu).", example = serde_json::json!({"nguon": "Sở Nội vụ"}))]
    #[serde(rename = "du_lieu")]
    pub data: Option<serde_json::Value>,
}

impl AnnexDocumentSpec {
    /// The document as the rest of the chain reads every document: its annexes in
    /// `phu_luc`, and the header and signature keys it has none of left empty (compose
    /// lays out no first page and no signature for this kind).
    pub fn into_document(self) -> Result<DocumentSpec, Error> {
        let at = |s: &str| Spanned::new(s.to_string(), self.kind.referenced, self.kind.defined);
        let top_keys = self.orientation.is_some()
            || !self.opening.is_empty()
            || self.table.is_some()
            || !self.notes.is_empty()
            || self.number.is_some()
            || self.label_word.is_some()
            || self.same_line
            || self.reference_line.is_some();
        let mut annexes = Vec::new();
        match self.title {
            Some(title) => annexes.push(Spanned::new(
                Annex {
                    title,
                    orientation: self.orientation,
                    opening: self.opening,
                    table: self.table,
                    notes: self.notes,
                    task_table: None,
                    number: self.number,
                    label_word: self.label_word,
                    same_line: self.same_line,
                    reference_line: self.reference_line,
                },
                self.kind.referenced,
                self.kind.defined,
            )),
            None if top_keys || self.annexes.is_empty() => {
                return Err(Error::new(
                    Code::MissingKey,
                    "loai: phu-luc cần tiêu đề của phụ lục (tieu_de), \
                     hoặc danh sách các phụ lục (phu_luc)",
                )
                .with_pos(Pos::from_saphyr(&self.kind.referenced)));
            }
            None => {}
        }
        annexes.extend(self.annexes);
        let subject = annexes[0].value.title.replace('\n', " ");
        Ok(DocumentSpec {
            kind: at(self.kind.value.trim()),
            template: self.template,
            parent_agency: None,
            issuer: String::new(),
            issuer_name: None,
            issuer_abbr: at(""),
            drafting_unit: None,
            number: None,
            place: String::new(),
            date: self.date.unwrap_or_else(|| at("")),
            subject,
            period: None,
            secrecy: None,
            urgency: None,
            addressees: Vec::new(),
            meeting: None,
            introduction: None,
            leave: None,
            dispatch: None,
            transfer: None,
            legal_bases: Vec::new(),
            opening: NodeList::default(),
            body: NodeList::default(),
            closing: NodeList::default(),
            signature: Spanned::new(
                Signature {
                    authority: None,
                    on_behalf_of: None,
                    titles: super::OneOrMany::Many(Vec::new()),
                    name: String::new(),
                    image: None,
                },
                self.kind.referenced,
                self.kind.defined,
            ),
            left_signature: None,
            recipients: None,
            annexes,
            layout: self.layout,
            data: self.data,
            indicators: Vec::new(),
            indicator_sources: Vec::new(),
            previous: None,
            tasks: None,
            authority: None,
            attachment: None,
            inspection: None,
            start: None,
        })
    }
}
