//! Heading levels from the markup's nesting: the one place that decides whether a mục is
//! "I.", "1.", "1.1.", "a)" or "-", and which mark a dash list takes.
//!
//! A level is the depth of the enclosing sections plus one (1: I. / 2: 1. / 3: 1.1. /
//! 4: a) / 5: - / 6 and deeper: +), with three rules of Decree 30 documents:
//!
//! - a numbered item (ý) is never a Roman-numbered part: it is at least level 2 ("1."), and
//!   its content is one level below the item;
//! - a part (Phần) starts its content again at the top;
//! - inside an article (Điều), khoản are "1." and điểm "a)": level 3 is written as level 4.
//!
//! A dash list is "- ", a list inside it "+ ". [`assign`] walks the tree once and gives the
//! blocks in document order, flat, each with its level or mark; `super::blocks` numbers
//! them. The nesting it walks is bounded by `crate::markup::MAX_DEPTH`.

use crate::ir::Align;
use crate::markup::{Content, MBlock, MDash, MTable};

/// The deepest level a number is written for ("+").
const DEEPEST: usize = 6;

/// A markup block with its level decided, in document order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Leveled<'a> {
    Para {
        content: &'a Content,
        align: Option<Align>,
        indent: Option<bool>,
    },
    Heading {
        level: u8,
        content: &'a Content,
    },
    Item {
        level: u8,
        content: &'a Content,
    },
    Dash {
        mark: char,
        content: &'a Content,
    },
    Part(&'a Content),
    Article(&'a Content),
    Table(&'a MTable),
    PageBreak,
    Restart,
    Lines(usize),
}

/// Where a block stands: the depth of the sections around it (0 at the top) and whether it
/// is inside an article.
#[derive(Debug, Clone, Copy, Default)]
struct Scope {
    depth: usize,
    legal: bool,
}

impl Scope {
    /// The level written for `level` here.
    fn written(self, level: usize) -> usize {
        if self.legal && level == 3 { 4 } else { level }
    }
}

fn level(l: usize) -> u8 {
    l.min(DEEPEST) as u8
}

/// The blocks of `list` (a body, an attachment or an annex), flat, with their levels.
pub fn assign(list: &[MBlock]) -> Vec<Leveled<'_>> {
    let mut out = Vec::new();
    blocks(list, Scope::default(), &mut out);
    out
}

fn blocks<'a>(list: &'a [MBlock], scope: Scope, out: &mut Vec<Leveled<'a>>) {
    for b in list {
        match b {
            MBlock::Para {
                content,
                align,
                indent,
            } => out.push(Leveled::Para {
                content,
                align: *align,
                indent: *indent,
            }),
            MBlock::Section { heading, blocks: c } => {
                if let Some(content) = heading {
                    let l = scope.written(scope.depth + 1);
                    out.push(Leveled::Heading {
                        level: level(l),
                        content,
                    });
                }
                let inner = Scope {
                    depth: scope.depth + 1,
                    ..scope
                };
                blocks(c, inner, out);
            }
            MBlock::Item { content, blocks: c } => {
                let l = scope.written((scope.depth + 1).max(2));
                out.push(Leveled::Item {
                    level: level(l),
                    content,
                });
                blocks(c, Scope { depth: l, ..scope }, out);
            }
            MBlock::Part { title, blocks: c } => {
                out.push(Leveled::Part(title));
                blocks(c, Scope { depth: 0, ..scope }, out);
            }
            MBlock::Article { content, blocks: c } => {
                out.push(Leveled::Article(content));
                let inner = Scope {
                    depth: 1,
                    legal: true,
                };
                blocks(c, inner, out);
            }
            MBlock::Dashes(list) => dashes(list, '-', out),
            MBlock::Table(t) => out.push(Leveled::Table(t)),
            MBlock::PageBreak => out.push(Leveled::PageBreak),
            MBlock::Restart => out.push(Leveled::Restart),
            MBlock::Lines(n) => out.push(Leveled::Lines(*n)),
        }
    }
}

fn dashes<'a>(list: &'a [MDash], mark: char, out: &mut Vec<Leveled<'a>>) {
    for d in list {
        match d {
            MDash::Entry(content) => out.push(Leveled::Dash { mark, content }),
            MDash::List(inner) => dashes(inner, '+', out),
            MDash::Table(t) => out.push(Leveled::Table(t)),
            MDash::PageBreak => out.push(Leveled::PageBreak),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::parse;

    /// The levels (or marks) of `xml`'s headings, items and dashes, in order, by their text.
    fn levels(xml: &str) -> Vec<String> {
        let m = parse(&format!("<vanban><body>{xml}</body></vanban>")).unwrap();
        let text = |c: &Content| match c.first() {
            Some(crate::markup::MInline::Text(r)) => r.text.clone(),
            _ => String::new(),
        };
        assign(&m.body)
            .iter()
            .filter_map(|b| match b {
                Leveled::Heading { level, content } => Some(format!("h{level} {}", text(content))),
                Leveled::Item { level, content } => Some(format!("i{level} {}", text(content))),
                Leveled::Dash { mark, content } => Some(format!("{mark} {}", text(content))),
                Leveled::Part(c) => Some(format!("part {}", text(c))),
                Leveled::Article(c) => Some(format!("article {}", text(c))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn sections_nest_one_level_each() {
        let deep = "<sec><h>1</h><sec><h>2</h><sec><h>3</h><sec><h>4</h><sec><h>5</h>\
                    <sec><h>6</h><sec><h>7</h></sec></sec></sec></sec></sec></sec></sec>";
        assert_eq!(
            levels(deep),
            ["h1 1", "h2 2", "h3 3", "h4 4", "h5 5", "h6 6", "h6 7"]
        );
        // A section without a heading only moves its content down.
        assert_eq!(levels("<sec><sec><h>a</h></sec></sec>"), ["h2 a"]);
    }

    #[test]
    fn items_are_at_least_level_two_and_hold_content_below_them() {
        assert_eq!(
            levels(
                "<item><li>a</li><item><li>b</li><item><li>c</li></item></item></item>\
                 <sec><h>s</h><item><li>d</li><sec><h>e</h></sec></item></sec>"
            ),
            ["i2 a", "i3 b", "i4 c", "h1 s", "i2 d", "h3 e"]
        );
    }

    #[test]
    fn articles_skip_level_three_and_parts_start_again() {
        assert_eq!(
            levels(
                "<article><h>A</h><item><li>k</li><item><li>d</li><item><li>x</li></item></item></item>\
                 <sec><h>m</h><sec><h>m2</h><sec><h>m3</h></sec></sec></sec></article>\
                 <part><h>P</h><sec><h>a</h></sec><article><h>B</h><part><h>Q</h>\
                 <sec><h>b</h><sec><h>c</h><sec><h>d</h></sec></sec></sec></part></article></part>"
            ),
            [
                "article A",
                "i2 k",
                "i4 d",
                "i5 x",
                "h2 m",
                "h4 m2",
                "h4 m3",
                "part P",
                "h1 a",
                "article B",
                "part Q",
                "h1 b",
                "h2 c",
                // Still inside the article: level 3 is written as 4.
                "h4 d",
            ]
        );
    }

    #[test]
    fn dash_lists_take_minus_then_plus() {
        assert_eq!(
            levels(
                "<dashes><li>a</li><dashes><li>b</li><dashes><li>c</li></dashes></dashes>\
                 <li>d</li></dashes>"
            ),
            ["- a", "+ b", "+ c", "- d"]
        );
    }
}
