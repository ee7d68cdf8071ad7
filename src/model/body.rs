//! The body of a document as a tree of nodes. Nesting gives the level, so a secretary never
//! types a number: a `muc` at the top is "I.", inside it "1.", then "1.1.", "a)", "-".
//!
//! ```yaml
//! noi_dung:
//!   - muc: Công tác chỉ đạo          # heading, numbered by depth
//!     noi_dung:
//!       - Một đoạn văn.               # paragraph
//!       - y: Một ý đánh số.           # numbered paragraph at this depth
//!       - gach: [Ý gạch đầu dòng, {gach: [Ý dấu cộng]}]
//!   - bang: {...}                      # table
//! ```

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::{TableSpec, tasks};
use crate::error::Code;

pub type NodeList = Vec<Spanned<Node>>;

#[derive(Debug, Clone)]
pub enum Node {
    /// A body paragraph (inline marks: **đậm**, *nghiêng*, ^[chú thích]).
    Paragraph(String),
    /// A paragraph with explicit formatting.
    Styled(StyledParagraph),
    /// A numbered heading with its content one level deeper.
    Heading {
        title: String,
        children: NodeList,
    },
    /// A numbered paragraph (upright) with optional content one level deeper.
    Item {
        text: String,
        children: NodeList,
    },
    /// "Phần I" with its title; content starts again at level I.
    Part {
        title: String,
        children: NodeList,
    },
    /// "Điều 1." in legal documents; its content are khoản (1.) and điểm (a)).
    Article {
        text: String,
        children: NodeList,
    },
    /// A list of "- " items; a nested list inside it uses "+ ".
    Dashes(NodeList),
    Table(Box<TableSpec>),
    PageBreak,
    /// Generated sentences about the document's tasks (`crate::tasks`): "ke_hoach",
    /// "tinh_trang" or "tong_hop".
    TaskSentences(String),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyledParagraph {
    #[serde(rename = "doan")]
    pub text: String,
    /// "trai", "giua", "phai", "deu" (justified, the default).
    #[serde(default, deserialize_with = "super::choice::align_plain")]
    #[serde(rename = "can")]
    pub align: Option<crate::ir::Align>,
    #[serde(default)]
    #[serde(rename = "dam")]
    pub bold: bool,
    #[serde(default)]
    #[serde(rename = "nghieng")]
    pub italic: bool,
    /// First-line indent; on by default for body paragraphs.
    #[serde(default)]
    #[serde(rename = "thut_dau")]
    pub indent: Option<bool>,
}

/// Every key a node may have; exactly one of the kind keys must be present.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(
    description = "Một khối của nội dung: đúng một trong các khóa muc, y, phan, dieu, gach, bang, doan, ngat_trang, cau_nhiem_vu."
)]
#[serde(deny_unknown_fields)]
pub(crate) struct NodeMap {
    #[serde(default, deserialize_with = "super::required::muc")]
    #[schemars(schema_with = "crate::model::schema::optional_text", description = "Tiêu đề mục, đánh số theo cấp: I., 1., 1.1., a); nội dung của mục viết trong noi_dung.", example = &"Công tác chỉ đạo")]
    #[serde(rename = "muc")]
    heading: Option<String>,
    #[schemars(description = "Một ý đánh số (chữ đứng) theo cấp hiện tại, có thể có noi_dung bên trong.", example = &"Một ý đánh số.")]
    #[serde(rename = "y")]
    item: Option<String>,
    #[serde(default, deserialize_with = "super::required::phan")]
    #[schemars(schema_with = "crate::model::schema::optional_text", description = "\"Phần I\" và tên phần; bên trong đánh số lại từ I.", example = &"Những kết quả đạt được")]
    #[serde(rename = "phan")]
    part: Option<String>,
    #[schemars(description = "\"Điều 1.\" của văn bản quy phạm, quyết định; bên trong là khoản (1.) và điểm (a)).", example = &"Phê duyệt Kế hoạch thực hiện Đề án 06 năm 2025.")]
    #[serde(rename = "dieu")]
    article: Option<String>,
    #[schemars(with = "Option<Vec<Node>>", description = "Danh sách gạch đầu dòng \"- \"; danh sách lồng bên trong dùng \"+ \".", example = ["Ý thứ nhất.", "Ý thứ hai."])]
    #[serde(rename = "gach")]
    dashes: Option<NodeList>,
    #[schemars(with = "Option<TableSpec>", description = "Một bảng trong nội dung (cùng cách viết với bảng của phụ lục).", example = serde_json::json!({"cot": [{"ten": "STT", "loai": "stt"}, {"ten": "Nội dung"}], "dong": [["Việc thứ nhất"]]}))]
    #[serde(rename = "bang")]
    table: Option<Box<TableSpec>>,
    #[schemars(description = "Một đoạn văn có trình bày riêng (can, dam, nghieng, thut_dau).", example = &"Một đoạn văn căn giữa.")]
    #[serde(rename = "doan")]
    paragraph: Option<String>,
    #[serde(default, deserialize_with = "super::choice::align_plain")]
    #[schemars(schema_with = "super::choice::schema::<crate::ir::Align>", description = "Căn lề của đoạn: trai, giua, phai, deu (đều hai bên, mặc định).", example = &"giua")]
    #[serde(rename = "can")]
    align: Option<crate::ir::Align>,
    #[serde(default)]
    #[schemars(description = "Chữ đậm (mặc định false).", example = true)]
    #[serde(rename = "dam")]
    bold: bool,
    #[serde(default)]
    #[schemars(description = "Chữ nghiêng (mặc định false).", example = true)]
    #[serde(rename = "nghieng")]
    italic: bool,
    #[schemars(description = "Thụt đầu dòng (mặc định true).", example = false)]
    #[serde(rename = "thut_dau")]
    indent: Option<bool>,
    #[schemars(description = "Ngắt trang tại đây.", example = true)]
    #[serde(rename = "ngat_trang")]
    page_break: Option<bool>,
    #[schemars(schema_with = "crate::model::schema::sentences", description = "Các câu sinh tự động về nhiệm vụ của văn bản: ke_hoach, tinh_trang hoặc tong_hop.", example = &"ke_hoach")]
    #[serde(default)]
    #[serde(rename = "cau_nhiem_vu")]
    task_sentences: Option<String>,
    #[serde(default)]
    #[schemars(with = "Vec<Node>", description = "Nội dung bên trong (một cấp sâu hơn) của muc, y, phan, dieu.", example = ["Một đoạn văn."])]
    #[serde(rename = "noi_dung")]
    children: NodeList,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("một đoạn văn (chuỗi) hoặc một mục (muc, y, gach, bang, doan, phan, dieu)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Paragraph(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Paragraph(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Paragraph(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Paragraph(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Paragraph(v.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<Node, A::Error> {
        Err(crate::error::de(
            Code::WrongType,
            "không được đặt danh sách trực tiếp ở đây; dùng \"gach:\" cho danh sách gạch đầu dòng",
        ))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Node, A::Error> {
        let m = NodeMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
        let kinds = [
            m.heading.is_some(),
            m.item.is_some(),
            m.part.is_some(),
            m.article.is_some(),
            m.dashes.is_some(),
            m.table.is_some(),
            m.paragraph.is_some(),
            m.page_break.is_some(),
            m.task_sentences.is_some(),
        ];
        let n = kinds.iter().filter(|k| **k).count();
        if n != 1 {
            return Err(if n == 0 {
                crate::error::de(
                    Code::MissingKey,
                    "mục thiếu loại: cần đúng một trong các khóa muc, y, phan, dieu, gach, bang, doan, ngat_trang, cau_nhiem_vu",
                )
            } else {
                crate::error::de(
                    Code::Conflict,
                    "mục có nhiều loại cùng lúc: chỉ dùng một trong các khóa muc, y, phan, dieu, gach, bang, doan, ngat_trang, cau_nhiem_vu",
                )
            });
        }
        let no_children = |what: &str| -> Result<(), A::Error> {
            if m.children.is_empty() {
                Ok(())
            } else {
                Err(crate::error::de(
                    Code::Conflict,
                    format!("\"{what}\" không có \"noi_dung\" bên trong"),
                ))
            }
        };
        if let Some(title) = m.heading {
            return Ok(Node::Heading {
                title,
                children: m.children,
            });
        }
        if let Some(text) = m.item {
            return Ok(Node::Item {
                text,
                children: m.children,
            });
        }
        if let Some(title) = m.part {
            return Ok(Node::Part {
                title,
                children: m.children,
            });
        }
        if let Some(text) = m.article {
            return Ok(Node::Article {
                text,
                children: m.children,
            });
        }
        if let Some(items) = m.dashes {
            no_children("gach")?;
            return Ok(Node::Dashes(items));
        }
        if let Some(t) = m.table {
            no_children("bang")?;
            return Ok(Node::Table(t));
        }
        if m.page_break.is_some() {
            return Ok(Node::PageBreak);
        }
        if let Some(kind) = m.task_sentences {
            no_children("cau_nhiem_vu")?;
            let kind = kind.trim().to_string();
            if !tasks::SENTENCES.iter().any(|(k, _)| *k == kind) {
                return Err(crate::error::de(
                    Code::UnknownValue,
                    format!(
                        "cau_nhiem_vu \"{kind}\" không hợp lệ; cần một trong: {}",
                        tasks::SENTENCES
                            .iter()
                            .map(|(k, what)| format!("{k} ({what})"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            return Ok(Node::TaskSentences(kind));
        }
        no_children("doan")?;
        Ok(Node::Styled(StyledParagraph {
            text: m.paragraph.unwrap_or_default(),
            align: m.align,
            bold: m.bold,
            italic: m.italic,
            indent: m.indent,
        }))
    }
}
