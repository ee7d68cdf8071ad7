//! Stage 5: parse the markup templates produce into semantic blocks. The markup carries
//! structure only: which heading holds which content, which list is inside which. It has no
//! numbers and no levels; `crate::compose` assigns both (I. / 1. / 1.1. / a) / - / +,
//! Phần, Điều) from the nesting, and labels the annexes.
//!
//! ```xml
//! <vanban>
//!   <body>
//!     <p align="center" bold="1" italic="1" indent="0">text <b>b</b> <i>i</i> <u>u</u><fn>note</fn><br/></p>
//!     <sec><h>heading</h> …blocks… </sec>    <!-- a mục; its content one level deeper -->
//!     <sec> …blocks… </sec>                   <!-- no heading: the content one level deeper -->
//!     <item><li>numbered paragraph</li> …blocks… </item>
//!     <dashes><li>dash item</li><dashes><li>nested: "+"</li></dashes><table>…</table></dashes>
//!     <part><h>title</h> …blocks… </part>     <!-- Phần I; its content starts again at I. -->
//!     <article><h>text</h> …blocks… </article> <!-- Điều 1.; khoản 1., điểm a) -->
//!     <pagebreak/>
//!     <restart/>                    <!-- numbering starts again at I. / 1. (next outline) -->
//!     <lines count="8"/>            <!-- blank full-width lines to write on -->
//!     <table widths="5,40,10" header-rows="1" size="12">
//!       <tr kind="header|body|group|total"><td colspan="2" rowspan="1" align="center" valign="center" bold="1">…</td></tr>
//!       <tr><td><p>a cell of several paragraphs</p><p dash="1">- a dash item</p></td></tr>
//!     </table>
//!     <p>… tại <annexref to="doan"/> kèm theo …</p>   <!-- "Phụ lục I": the label of annex "doan" -->
//!   </body>
//!   <after-signature> …blocks… </after-signature>  <!-- below the signature: a receipt -->
//!   <attachment><title>Kế hoạch</title><subject>…</subject> …blocks… </attachment>
//!   <annex id="doan" orientation="landscape"><title>…</title> …blocks… </annex>
//! </vanban>
//! ```
//!
//! `<vanban orientation="landscape">` lays the main document out in landscape (a progress
//! table). An `<attachment>` is a document promulgated by the main one (the plan of a
//! Quyết định): it starts on a new page under its own type name and subject. An annex's `id`
//! is how `<annexref to="…"/>` names it; every reference must name an annex of the same
//! markup, and ids are unique. Elements nest at most [`MAX_DEPTH`] deep, so that no markup
//! can exhaust the stack of the stages that walk it.
//!
//! Parsing is split in `blocks.rs` (block elements and tables) and `inline.rs` (runs,
//! footnotes, annex references).

mod blocks;
mod inline;

use roxmltree::{Node, NodeType};

use crate::error::{Code, Error, Pos};
use crate::ir::{Align, Orientation, RowKind, Run, VAlign};

/// How deep elements may nest in markup (from `<vanban>` down).
pub const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone, PartialEq)]
pub struct Markup {
    pub body: Vec<MBlock>,
    /// Blocks below the signature of the main document (the receipt a Phiếu gửi's recipient
    /// signs, the confirmation of a Giấy nghỉ phép's place of leave).
    pub after_signature: Vec<MBlock>,
    /// Orientation of the main document (portrait unless the template asks).
    pub orientation: Orientation,
    pub attachments: Vec<MAttachment>,
    pub annexes: Vec<MAnnex>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MAttachment {
    /// Type name in normal case ("Kế hoạch"); printed UPPER.
    pub title: String,
    /// Subject lines (trích yếu).
    pub subject: Vec<String>,
    pub blocks: Vec<MBlock>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MAnnex {
    /// The name `<annexref to="…"/>` uses; unique in the markup.
    pub id: Option<String>,
    pub orientation: Orientation,
    pub titles: Vec<String>,
    pub blocks: Vec<MBlock>,
}

/// Inline content of the markup.
#[derive(Debug, Clone, PartialEq)]
pub enum MInline {
    Text(Run),
    LineBreak,
    /// A footnote: its text (`Text` and `AnnexRef` only); compose numbers it.
    Footnote(Content),
    /// The label of annex `to` ("Phụ lục II"), written in `style`; compose assigns it.
    AnnexRef {
        to: String,
        style: Run,
    },
}

/// Inline content; footnote numbers and annex labels are assigned later by compose.
pub type Content = Vec<MInline>;

/// A block of markup. Containers hold their content; compose gives the levels.
#[derive(Debug, Clone, PartialEq)]
pub enum MBlock {
    Para {
        content: Content,
        align: Option<Align>,
        indent: Option<bool>,
    },
    /// A mục: its numbered heading (none for a section without one) and its content, one
    /// level deeper.
    Section {
        heading: Option<Content>,
        blocks: Vec<MBlock>,
    },
    /// A numbered paragraph (ý) and its content, one level deeper.
    Item {
        content: Content,
        blocks: Vec<MBlock>,
    },
    /// A dash list ("- "; a list inside a list "+ ").
    Dashes(Vec<MDash>),
    /// "Phần I", its title and its content (numbered from I. again).
    Part {
        title: Content,
        blocks: Vec<MBlock>,
    },
    /// "Điều 1." with its text, and its content (khoản "1.", điểm "a)").
    Article {
        content: Content,
        blocks: Vec<MBlock>,
    },
    Table(MTable),
    PageBreak,
    /// Numbering restarts (a new outline in the same section).
    Restart,
    /// Blank lines to write on.
    Lines(usize),
}

/// What a dash list holds.
#[derive(Debug, Clone, PartialEq)]
pub enum MDash {
    Entry(Content),
    List(Vec<MDash>),
    Table(MTable),
    PageBreak,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MTable {
    pub widths: Vec<f32>,
    pub header_rows: usize,
    pub size: Option<f32>,
    pub rows: Vec<MRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MRow {
    pub kind: RowKind,
    pub cells: Vec<MCell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MCell {
    /// The cell's paragraphs: one for inline content, one per `<p>` child otherwise.
    pub paragraphs: Vec<MCellParagraph>,
    pub colspan: usize,
    pub rowspan: usize,
    pub align: Align,
    pub valign: VAlign,
}

/// A paragraph in a table cell; a dash item (`<p dash="1">`, text starting "- ") hangs.
#[derive(Debug, Clone, PartialEq)]
pub struct MCellParagraph {
    pub content: Content,
    pub dash: bool,
}

/// roxmltree's errors in Vietnamese, by kind.
fn xml_error(e: &roxmltree::Error) -> String {
    use roxmltree::Error as X;
    match e {
        X::UnexpectedCloseTag(open, close, _) => {
            format!("thẻ <{open}> lại được đóng bằng </{close}>")
        }
        X::UnclosedRootNode | X::UnexpectedEndOfStream => {
            "kết thúc khi còn thẻ chưa được đóng".to_string()
        }
        X::NoRootNode => "không có thẻ gốc <vanban>".to_string(),
        X::UnknownEntityReference(name, _) => {
            format!("thực thể \"&{name};\" không xác định (viết & thành &amp;)")
        }
        X::MalformedEntityReference(_) | X::EntityReferenceLoop(_) => {
            "dấu & không đúng dạng thực thể XML (viết & thành &amp;)".to_string()
        }
        X::DuplicatedAttribute(name, _) => format!("thuộc tính \"{name}\" bị lặp"),
        X::InvalidAttributeValue(_) => "giá trị thuộc tính không hợp lệ".to_string(),
        X::NonXmlChar(c, _) => format!("ký tự U+{:04X} không được phép trong XML", *c as u32),
        X::DtdDetected | X::UnexpectedDeclaration(_) => {
            "khai báo XML/DTD không được phép ở đây".to_string()
        }
        X::NodesLimitReached | X::AttributesLimitReached | X::NamespacesLimitReached => {
            "markup quá lớn".to_string()
        }
        X::UnknownNamespace(..)
        | X::DuplicatedNamespace(..)
        | X::InvalidXmlPrefixUri(_)
        | X::UnexpectedXmlUri(_)
        | X::UnexpectedXmlnsUri(_)
        | X::InvalidElementNamePrefix(_) => {
            "tiền tố không gian tên (namespace) không hợp lệ".to_string()
        }
        X::InvalidName(_) => "tên thẻ hoặc thuộc tính không hợp lệ".to_string(),
        X::InvalidComment(_) => "chú thích XML không hợp lệ".to_string(),
        _ => "cú pháp XML không hợp lệ (dấu <, > hoặc & đặt sai chỗ)".to_string(),
    }
}

/// The state of one parse: positions, and the annex references met so far (checked once
/// every annex is known).
struct Parser<'d, 'i> {
    doc: &'d roxmltree::Document<'i>,
    refs: Vec<(String, Pos)>,
}

impl Parser<'_, '_> {
    fn pos(&self, n: Node) -> Pos {
        let p = self.doc.text_pos_at(n.range().start);
        Pos::new(p.row as u64, p.col as u64)
    }
}

pub fn parse(src: &str) -> Result<Markup, Error> {
    check_depth(src)?;
    let doc = roxmltree::Document::parse(src).map_err(|e| {
        let p = e.pos();
        err_at(
            Pos::new(p.row as u64, p.col as u64),
            format!("mẫu sinh ra markup không hợp lệ: {}", xml_error(&e)),
        )
    })?;
    let mut p = Parser {
        doc: &doc,
        refs: Vec::new(),
    };
    let root = doc.root_element();
    if root.tag_name().name() != "vanban" {
        return Err(err_at(
            p.pos(root),
            "markup phải bắt đầu bằng <vanban>".into(),
        ));
    }
    let mut body = Vec::new();
    let mut after_signature = Vec::new();
    let mut annexes: Vec<MAnnex> = Vec::new();
    let mut attachments = Vec::new();
    let orientation = orientation_attr(root);
    for child in root.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "body" => body.extend(p.blocks(child)?),
            "after-signature" => after_signature.extend(p.blocks(child)?),
            "attachment" => attachments.push(MAttachment {
                title: titles(child, "title").join(" "),
                subject: titles(child, "subject"),
                blocks: p.blocks(child)?,
            }),
            "annex" => {
                let id = child.attribute("id").map(|s| s.trim().to_string());
                if let Some(id) = &id
                    && annexes.iter().any(|a| a.id.as_ref() == Some(id))
                {
                    return Err(err_at(
                        p.pos(child),
                        format!("hai phụ lục cùng mã id=\"{id}\""),
                    ));
                }
                annexes.push(MAnnex {
                    id,
                    orientation: orientation_attr(child),
                    titles: titles(child, "title"),
                    blocks: p.blocks(child)?,
                });
            }
            other => {
                return Err(err_at(
                    p.pos(child),
                    format!("thẻ <{other}> không hợp lệ trong <vanban>"),
                ));
            }
        }
    }
    for (to, at) in &p.refs {
        if !annexes.iter().any(|a| a.id.as_ref() == Some(to)) {
            return Err(err_at(
                *at,
                format!(
                    "<annexref to=\"{to}\"/> chỉ đến một phụ lục không có (<annex id=\"{to}\">)"
                ),
            ));
        }
    }
    Ok(Markup {
        body,
        after_signature,
        orientation,
        attachments,
        annexes,
    })
}

/// Elements nest at most [`MAX_DEPTH`] deep. This is checked on the text, before roxmltree
/// parses it: its parser recurses once per open element, as does every later walk of the
/// blocks, so a deeper markup would overflow the stack. For well-formed XML the count is the
/// element depth; for markup that is not, roxmltree stops at the first fault, no deeper than
/// what is counted here.
fn check_depth(src: &str) -> Result<(), Error> {
    let b = src.as_bytes();
    let find = |from: usize, pat: &[u8]| {
        b[from..]
            .windows(pat.len())
            .position(|w| w == pat)
            .map_or(b.len(), |k| from + k + pat.len())
    };
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|c| *c == b'<') {
        i += k;
        let rest = &b[i..];
        i = if rest.starts_with(b"<!--") {
            find(i, b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            find(i, b"]]>")
        } else if rest.starts_with(b"<?") {
            find(i, b"?>")
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            find(i, b">")
        } else if rest.starts_with(b"<!") {
            find(i, b">")
        } else {
            // A start tag, to its ">" outside quoted attribute values.
            let mut j = i + 1;
            let mut quote = None;
            while j < b.len() {
                match (quote, b[j]) {
                    (None, q @ (b'"' | b'\'')) => quote = Some(q),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            if j < b.len() && b[j - 1] != b'/' {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(err_at(
                        crate::error::line_col_of_byte(src, i),
                        format!("markup lồng nhau quá {MAX_DEPTH} cấp"),
                    ));
                }
            }
            j + 1
        };
        if i >= b.len() {
            break;
        }
    }
    Ok(())
}

fn orientation_attr(n: Node) -> Orientation {
    match n.attribute("orientation") {
        Some("landscape") => Orientation::Landscape,
        _ => Orientation::Portrait,
    }
}

/// The trimmed text of each `tag` child (annex titles, an attachment's title and subject).
fn titles(n: Node, tag: &str) -> Vec<String> {
    n.children()
        .filter(|c| c.has_tag_name(tag))
        .map(|c| text_of(c).trim().to_string())
        .collect()
}

fn err_at(p: Pos, msg: String) -> Error {
    Error::new(Code::Template, msg).with_pos(Some(p))
}

fn text_of(n: Node) -> String {
    n.descendants()
        .filter(|d| d.node_type() == NodeType::Text)
        .filter_map(|d| d.text())
        .collect()
}

fn attr_num<T: std::str::FromStr>(n: Node, name: &str, default: T) -> T {
    n.attribute(name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn align_attr(n: Node) -> Option<Align> {
    match n.attribute("align")? {
        "left" | "trai" => Some(Align::Left),
        "center" | "giua" => Some(Align::Center),
        "right" | "phai" => Some(Align::Right),
        "justify" | "deu" => Some(Align::Justify),
        _ => None,
    }
}

fn flag(n: Node, name: &str) -> bool {
    matches!(n.attribute(name), Some("1" | "true"))
}

#[cfg(test)]
mod tests;
