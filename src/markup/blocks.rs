//! Block elements: paragraphs, the containers that give structure (`<sec>`, `<item>`,
//! `<part>`, `<article>`, `<dashes>`) and tables.

use roxmltree::Node;

use super::{
    Content, MBlock, MCell, MCellParagraph, MDash, MRow, MTable, Parser, align_attr, attr_num,
    err_at, flag,
};
use crate::error::Error;
use crate::ir::{Align, RowKind, Run, VAlign};

/// Said when `<h>` or `<li>` stands where it does not belong and carries a `level` or
/// `mark`: markup written before compose assigned the levels.
const NO_LEVELS: &str = "; cấp và số thứ tự do vanban tự tính theo cách lồng các thẻ \
     (<sec><h>…</h>…</sec>, <item><li>…</li>…</item>, <dashes><li>…</li></dashes>), \
     không dùng thuộc tính level hay mark";

impl Parser<'_, '_> {
    /// The blocks of a body, an attachment or an annex (titles and subjects are read apart).
    pub(super) fn blocks(&mut self, parent: Node) -> Result<Vec<MBlock>, Error> {
        self.block_list(parent.children().filter(Node::is_element))
    }

    fn block_list<'a, 'i: 'a>(
        &mut self,
        elements: impl Iterator<Item = Node<'a, 'i>>,
    ) -> Result<Vec<MBlock>, Error> {
        let mut out = Vec::new();
        for n in elements {
            if let Some(b) = self.block(n)? {
                out.push(b);
            }
        }
        Ok(out)
    }

    /// A container's first line (`<h>` or `<li>`, when it is the first element) and the
    /// blocks after it.
    fn container(&mut self, n: Node, line: &str) -> Result<(Option<Content>, Vec<MBlock>), Error> {
        let mut elements = n.children().filter(Node::is_element).peekable();
        let head = match elements.next_if(|e| e.has_tag_name(line)) {
            Some(h) => Some(self.inlines(h, &Run::default())?),
            None => None,
        };
        Ok((head, self.block_list(elements)?))
    }

    /// A container that must start with its line: an item's text, a part's title, an
    /// article's text.
    fn headed(&mut self, n: Node, line: &str) -> Result<(Content, Vec<MBlock>), Error> {
        let (head, blocks) = self.container(n, line)?;
        let tag = n.tag_name().name();
        let head = head.ok_or_else(|| {
            err_at(
                self.pos(n),
                format!("<{tag}> phải bắt đầu bằng <{line}>…</{line}>"),
            )
        })?;
        Ok((head, blocks))
    }

    fn block(&mut self, n: Node) -> Result<Option<MBlock>, Error> {
        let tag = n.tag_name().name();
        let block = match tag {
            "title" | "subject" => return Ok(None),
            "p" => {
                let base = Run {
                    bold: flag(n, "bold"),
                    italic: flag(n, "italic"),
                    ..Run::default()
                };
                MBlock::Para {
                    content: self.inlines(n, &base)?,
                    align: align_attr(n),
                    indent: n.attribute("indent").map(|v| v != "0"),
                }
            }
            "sec" => {
                let (heading, blocks) = self.container(n, "h")?;
                MBlock::Section { heading, blocks }
            }
            "item" => {
                let (content, blocks) = self.headed(n, "li")?;
                MBlock::Item { content, blocks }
            }
            "part" => {
                let (title, blocks) = self.headed(n, "h")?;
                MBlock::Part { title, blocks }
            }
            "article" => {
                let (content, blocks) = self.headed(n, "h")?;
                MBlock::Article { content, blocks }
            }
            "dashes" => MBlock::Dashes(self.dashes(n)?),
            "pagebreak" => MBlock::PageBreak,
            "restart" => MBlock::Restart,
            "lines" => MBlock::Lines(attr_num(n, "count", 1usize).clamp(1, 40)),
            "table" => MBlock::Table(self.table(n)?),
            "h" | "li" => {
                let place = if tag == "h" {
                    "thẻ <h> chỉ đứng đầu <sec>, <part> hoặc <article>"
                } else {
                    "thẻ <li> chỉ đứng đầu <item> hoặc trong <dashes>"
                };
                let hint = if n.has_attribute("level") || n.has_attribute("mark") {
                    NO_LEVELS
                } else {
                    ""
                };
                return Err(err_at(self.pos(n), format!("{place}{hint}")));
            }
            other => {
                return Err(err_at(
                    self.pos(n),
                    format!("thẻ <{other}> không hợp lệ ở đây"),
                ));
            }
        };
        Ok(Some(block))
    }

    /// The entries of a dash list, the lists nested in it, its tables and page breaks.
    fn dashes(&mut self, n: Node) -> Result<Vec<MDash>, Error> {
        let mut out = Vec::new();
        for c in n.children().filter(Node::is_element) {
            out.push(match c.tag_name().name() {
                "li" => MDash::Entry(self.inlines(c, &Run::default())?),
                "dashes" => MDash::List(self.dashes(c)?),
                "table" => MDash::Table(self.table(c)?),
                "pagebreak" => MDash::PageBreak,
                other => {
                    return Err(err_at(
                        self.pos(c),
                        format!(
                            "thẻ <{other}> không hợp lệ trong <dashes> (chỉ có <li>, <dashes>, <table>, <pagebreak/>)"
                        ),
                    ));
                }
            });
        }
        Ok(out)
    }

    fn table(&mut self, n: Node) -> Result<MTable, Error> {
        use crate::model::bounds::{BANG_CO_CHU, RONG};
        // Layout numbers from a template get the ranges of the YAML keys they stand for.
        let at = self.pos(n);
        let checked = |b: &crate::model::bounds::Bound, attr: &str, text: &str| {
            b.check(text)
                .map(|v| v as f32)
                .map_err(|m| err_at(at, format!("thuộc tính {attr} của <table>: {m}")))
        };
        let widths: Vec<f32> = n
            .attribute("widths")
            .unwrap_or("")
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| checked(&RONG, "widths", s))
            .collect::<Result<_, _>>()?;
        if widths.is_empty() {
            return Err(err_at(at, "<table> thiếu thuộc tính widths".into()));
        }
        let mut rows = Vec::new();
        for r in n.children().filter(|c| c.has_tag_name("tr")) {
            let row = self.row(r)?;
            let span = row
                .cells
                .iter()
                .fold(0usize, |a, c| a.saturating_add(c.colspan));
            if span > widths.len() {
                return Err(err_at(
                    self.pos(r),
                    format!(
                        "dòng bảng có {span} ô (tính cả ô gộp) nhưng bảng chỉ có {} cột",
                        widths.len()
                    ),
                ));
            }
            rows.push(row);
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

    fn row(&mut self, r: Node) -> Result<MRow, Error> {
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
            let paragraphs = if c.children().any(|p| p.has_tag_name("p")) {
                c.children()
                    .filter(|p| p.has_tag_name("p"))
                    .map(|p| {
                        Ok(MCellParagraph {
                            content: self.inlines(p, &base)?,
                            dash: flag(p, "dash"),
                        })
                    })
                    .collect::<Result<Vec<_>, Error>>()?
            } else {
                vec![MCellParagraph {
                    content: self.inlines(c, &base)?,
                    dash: false,
                }]
            };
            cells.push(MCell {
                paragraphs,
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
        Ok(MRow { kind, cells })
    }
}
