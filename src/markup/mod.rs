//! Stage 5: parse the markup templates produce into semantic blocks (not yet numbered or
//! styled; `crate::compose` does that).
//!
//! ```xml
//! <vanban>
//!   <body>
//!     <p align="center" bold="1" italic="1" indent="0">text <b>b</b> <i>i</i> <u>u</u><fn>note</fn><br/></p>
//!     <h level="1">heading</h>      <!-- level 1..4: I. / 1. / 1.1. / a) -->
//!     <li level="2">numbered paragraph</li>  <li mark="-">dash item</li>
//!     <part>title</part>  <article>text</article>  <pagebreak/>
//!     <restart/>                    <!-- numbering starts again at I. / 1. (next outline) -->
//!     <lines count="8"/>            <!-- blank full-width lines to write on -->
//!     <table widths="5,40,10" header-rows="1" size="12">
//!       <tr kind="header|body|group|total"><td colspan="2" rowspan="1" align="center" valign="center" bold="1">…</td></tr>
//!     </table>
//!   </body>
//!   <attachment><title>Kế hoạch</title><subject>…</subject> …blocks… </attachment>
//!   <annex orientation="landscape"><title>…</title> …blocks… </annex>
//! </vanban>
//! ```
//!
//! `<vanban orientation="landscape">` lays the main document out in landscape (a progress
//! table). An `<attachment>` is a document promulgated by the main one (the plan of a
//! Quyết định): it starts on a new page under its own type name and subject.

use roxmltree::{Node, NodeType};

use crate::error::{Code, Error, Pos};
use crate::ir::{Align, Inline, Orientation, RowKind, Run, VAlign};

#[derive(Debug, Clone, PartialEq)]
pub struct Markup {
    pub body: Vec<MBlock>,
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
    pub orientation: Orientation,
    pub titles: Vec<String>,
    pub blocks: Vec<MBlock>,
}

/// Inline content; footnote numbers are assigned later by compose.
pub type Content = Vec<Inline>;

#[derive(Debug, Clone, PartialEq)]
pub enum MBlock {
    Para {
        content: Content,
        align: Option<Align>,
        indent: Option<bool>,
    },
    Heading {
        level: u8,
        content: Content,
    },
    Item {
        level: u8,
        content: Content,
    },
    Dash {
        mark: char,
        content: Content,
    },
    Part(Content),
    Article(Content),
    Table(MTable),
    PageBreak,
    /// Numbering restarts (a new outline in the same section).
    Restart,
    /// Blank lines to write on.
    Lines(usize),
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
    pub content: Content,
    pub colspan: usize,
    pub rowspan: usize,
    pub align: Align,
    pub valign: VAlign,
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

pub fn parse(src: &str) -> Result<Markup, Error> {
    let doc = roxmltree::Document::parse(src).map_err(|e| {
        let p = e.pos();
        err_at(
            Pos::new(p.row as u64, p.col as u64),
            format!("mẫu sinh ra markup không hợp lệ: {}", xml_error(&e)),
        )
    })?;
    let root = doc.root_element();
    let pos = |n: Node| {
        let p = doc.text_pos_at(n.range().start);
        Pos::new(p.row as u64, p.col as u64)
    };
    if root.tag_name().name() != "vanban" {
        return Err(err_at(
            pos(root),
            "markup phải bắt đầu bằng <vanban>".into(),
        ));
    }
    let mut body = Vec::new();
    let mut annexes = Vec::new();
    let mut attachments = Vec::new();
    let orientation = match root.attribute("orientation") {
        Some("landscape") => Orientation::Landscape,
        _ => Orientation::Portrait,
    };
    for child in root.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "body" => body.extend(blocks(child, &pos)?),
            "attachment" => {
                let texts = |tag: &str| -> Vec<String> {
                    child
                        .children()
                        .filter(|c| c.has_tag_name(tag))
                        .map(|c| text_of(c).trim().to_string())
                        .collect()
                };
                attachments.push(MAttachment {
                    title: texts("title").join(" "),
                    subject: texts("subject"),
                    blocks: blocks(child, &pos)?,
                });
            }
            "annex" => {
                let orientation = match child.attribute("orientation") {
                    Some("landscape") => Orientation::Landscape,
                    _ => Orientation::Portrait,
                };
                let titles = child
                    .children()
                    .filter(|c| c.has_tag_name("title"))
                    .map(|c| text_of(c).trim().to_string())
                    .collect();
                let blocks = blocks(child, &pos)?;
                annexes.push(MAnnex {
                    orientation,
                    titles,
                    blocks,
                });
            }
            other => {
                return Err(err_at(
                    pos(child),
                    format!("thẻ <{other}> không hợp lệ trong <vanban>"),
                ));
            }
        }
    }
    Ok(Markup {
        body,
        orientation,
        attachments,
        annexes,
    })
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

fn blocks(parent: Node, pos: &impl Fn(Node) -> Pos) -> Result<Vec<MBlock>, Error> {
    let mut out = Vec::new();
    for n in parent.children().filter(Node::is_element) {
        let tag = n.tag_name().name();
        let block = match tag {
            "title" | "subject" => continue,
            "p" => {
                let base = Run {
                    bold: flag(n, "bold"),
                    italic: flag(n, "italic"),
                    ..Run::default()
                };
                MBlock::Para {
                    content: inlines(n, &base),
                    align: align_attr(n),
                    indent: n.attribute("indent").map(|v| v != "0"),
                }
            }
            "h" => MBlock::Heading {
                level: attr_num(n, "level", 1u8).clamp(1, 6),
                content: inlines(n, &Run::default()),
            },
            "li" => match n.attribute("mark") {
                Some(m) => MBlock::Dash {
                    mark: m.chars().next().unwrap_or('-'),
                    content: inlines(n, &Run::default()),
                },
                None => MBlock::Item {
                    level: attr_num(n, "level", 2u8).clamp(1, 6),
                    content: inlines(n, &Run::default()),
                },
            },
            "part" => MBlock::Part(inlines(n, &Run::default())),
            "article" => MBlock::Article(inlines(n, &Run::default())),
            "pagebreak" => MBlock::PageBreak,
            "restart" => MBlock::Restart,
            "lines" => MBlock::Lines(attr_num(n, "count", 1usize).clamp(1, 40)),
            "table" => MBlock::Table(table(n, pos)?),
            other => {
                return Err(err_at(pos(n), format!("thẻ <{other}> không hợp lệ ở đây")));
            }
        };
        out.push(block);
    }
    Ok(out)
}

fn table(n: Node, pos: &impl Fn(Node) -> Pos) -> Result<MTable, Error> {
    use crate::model::bounds::{BANG_CO_CHU, RONG};
    // Layout numbers from a template get the ranges of the YAML keys they stand for.
    let checked = |b: &crate::model::bounds::Bound, attr: &str, text: &str| {
        b.check(text)
            .map(|v| v as f32)
            .map_err(|m| err_at(pos(n), format!("thuộc tính {attr} của <table>: {m}")))
    };
    let widths: Vec<f32> = n
        .attribute("widths")
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| checked(&RONG, "widths", s))
        .collect::<Result<_, _>>()?;
    if widths.is_empty() {
        return Err(err_at(pos(n), "<table> thiếu thuộc tính widths".into()));
    }
    let mut rows = Vec::new();
    for r in n.children().filter(|c| c.has_tag_name("tr")) {
        let kind = match r.attribute("kind") {
            Some("header") => RowKind::Header,
            Some("group") => RowKind::Group,
            Some("total") => RowKind::Total,
            _ => RowKind::Body,
        };
        let mut cells = Vec::new();
        for c in r.children().filter(|c| c.has_tag_name("td")) {
            let base = Run {
                bold: flag(c, "bold") || kind == RowKind::Header,
                italic: flag(c, "italic"),
                ..Run::default()
            };
            cells.push(MCell {
                content: inlines(c, &base),
                colspan: attr_num(c, "colspan", 1usize).max(1),
                rowspan: attr_num(c, "rowspan", 1usize).max(1),
                align: align_attr(c).unwrap_or(Align::Left),
                valign: match c.attribute("valign") {
                    Some("center") => VAlign::Center,
                    Some("bottom") => VAlign::Bottom,
                    _ => VAlign::Top,
                },
            });
        }
        let span = cells
            .iter()
            .fold(0usize, |a, c| a.saturating_add(c.colspan));
        if span > widths.len() {
            return Err(err_at(
                pos(r),
                format!(
                    "dòng bảng có {span} ô (tính cả ô gộp) nhưng bảng chỉ có {} cột",
                    widths.len()
                ),
            ));
        }
        rows.push(MRow { kind, cells });
    }
    Ok(MTable {
        header_rows: attr_num(n, "header-rows", 0usize).min(rows.len()),
        size: n
            .attribute("size")
            .map(|s| checked(&BANG_CO_CHU, "size", s))
            .transpose()?,
        widths,
        rows,
    })
}

/// Flatten an element's inline content into runs, applying nested b/i/u.
fn inlines(n: Node, base: &Run) -> Content {
    let mut out = Vec::new();
    collect(n, base, &mut out);
    // Whitespace between tags from template indentation is not content.
    if let Some(Inline::Text(r)) = out.first_mut() {
        r.text = r.text.trim_start().to_string();
    }
    if let Some(Inline::Text(r)) = out.last_mut() {
        r.text = r.text.trim_end().to_string();
    }
    out.retain(|i| !matches!(i, Inline::Text(r) if r.text.is_empty()));
    out
}

fn collect(n: Node, style: &Run, out: &mut Content) {
    for c in n.children() {
        match c.node_type() {
            NodeType::Text => {
                let t = c.text().unwrap_or("");
                if !t.is_empty() {
                    push_text(out, style, t);
                }
            }
            NodeType::Element => {
                let mut s = style.clone();
                match c.tag_name().name() {
                    "b" => s.bold = true,
                    "i" => s.italic = true,
                    "u" => s.underline = true,
                    "br" => {
                        out.push(Inline::LineBreak);
                        continue;
                    }
                    "fn" => {
                        let mut note = Vec::new();
                        collect(c, &Run::default(), &mut note);
                        let runs = note
                            .into_iter()
                            .filter_map(|i| match i {
                                Inline::Text(r) => Some(r),
                                _ => None,
                            })
                            .collect();
                        out.push(Inline::FootnoteRef(crate::ir::Footnote { number: 0, runs }));
                        continue;
                    }
                    _ => {}
                }
                collect(c, &s, out);
            }
            _ => {}
        }
    }
}

fn push_text(out: &mut Content, style: &Run, t: &str) {
    if let Some(Inline::Text(last)) = out.last_mut()
        && last.bold == style.bold
        && last.italic == style.italic
        && last.underline == style.underline
    {
        last.text.push_str(t);
        return;
    }
    out.push(Inline::Text(Run {
        text: t.to_string(),
        ..style.clone()
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_blocks_and_inlines() {
        let m = parse(
            r#"<vanban><body>
            <h level="1">A</h><p>x <b>y</b><fn>note</fn></p><li mark="-">d</li>
            </body><annex orientation="landscape"><title>T</title><p>z</p></annex></vanban>"#,
        )
        .unwrap();
        assert_eq!(m.body.len(), 3);
        assert!(matches!(&m.body[0], MBlock::Heading { level: 1, .. }));
        let MBlock::Para { content, .. } = &m.body[1] else {
            panic!()
        };
        assert_eq!(content.len(), 3);
        assert!(matches!(&content[1], Inline::Text(r) if r.bold && r.text == "y"));
        assert!(matches!(&content[2], Inline::FootnoteRef(_)));
        assert_eq!(m.annexes[0].orientation, Orientation::Landscape);
        assert_eq!(m.annexes[0].titles, vec!["T".to_string()]);
    }

    #[test]
    fn reports_position_of_bad_markup() {
        let e = parse("<vanban>\n<body><p>x</body></vanban>").unwrap_err();
        assert_eq!(e.pos.unwrap().line, 2);
    }

    #[test]
    fn table_layout_numbers_are_range_checked() {
        let table = |attrs: &str, cells: &str| {
            parse(&format!(
                "<vanban><body>\n<table {attrs}><tr>{cells}</tr></table></body></vanban>"
            ))
        };
        let ok = table(r#"widths="5,40" size="12""#, "<td>a</td>").unwrap();
        let MBlock::Table(t) = &ok.body[0] else {
            panic!()
        };
        assert_eq!((t.widths.clone(), t.size), (vec![5.0, 40.0], Some(12.0)));
        for (attrs, part) in [
            (r#"widths="5,NaN""#, "widths"),
            (r#"widths="5,inf""#, "widths"),
            (r#"widths="5,-1""#, "widths"),
            (r#"widths="5,x""#, "không phải là số"),
            (r#"widths="5" size="1e30""#, "size"),
            (r#"widths="5" size="1000""#, "từ 10 đến 14"),
            (r#"widths="5" size="-3""#, "size"),
        ] {
            let e = table(attrs, "<td>a</td>").unwrap_err();
            assert!(e.message.contains(part), "{attrs}: {}", e.message);
            assert_eq!(e.pos.map(|p| p.line), Some(2), "{attrs}");
        }
        // Spans that add up past usize are refused, not overflowed.
        let huge = format!(
            r#"<td colspan="{}">a</td><td colspan="{}">b</td>"#,
            usize::MAX,
            usize::MAX
        );
        assert!(table(r#"widths="5""#, &huge).is_err());
    }
}
