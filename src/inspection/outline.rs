//! Outlines (đề cương) as a flat list of numbered items, for the checklist table. The plan's
//! annex renders the same tree through the body macros starting at level 2, so both show the
//! same numbers: `muc`/`y` are "1.", "1.1.", "a)" by depth; `gach` items "-", nested "+".

use crate::error::{Code, Diagnostics, Error, Pos};
use crate::format::numbering::Counters;
use crate::model::{Node, NodeList};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// A `muc`: a titled part (bold).
    Heading,
    /// A `y`: a numbered item.
    Item,
    /// A "-" or "+" item.
    Dash,
    /// An unnumbered paragraph.
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    /// "1.", "1.1.", "a)", "-", "+", or "" for plain text.
    pub number: String,
    /// The text with its inline marks.
    pub text: String,
    pub kind: ItemKind,
    /// Nesting depth from 0.
    pub depth: usize,
    /// Whether items follow inside it (it is then a heading row, not a row to tick).
    pub has_children: bool,
}

/// Flatten an outline tree into numbered items.
pub fn flatten(list: &NodeList) -> Vec<OutlineItem> {
    let mut out = Vec::new();
    let mut counters = Counters::default();
    walk(list, 0, &mut counters, &mut out);
    out
}

fn walk(list: &NodeList, depth: usize, c: &mut Counters, out: &mut Vec<OutlineItem>) {
    for n in list {
        match &n.value {
            Node::Heading { title, children }
            | Node::Item {
                text: title,
                children,
            } => {
                let kind = if matches!(n.value, Node::Heading { .. }) {
                    ItemKind::Heading
                } else {
                    ItemKind::Item
                };
                out.push(OutlineItem {
                    number: c.next((depth + 2).min(4) as u8),
                    text: title.trim().to_string(),
                    kind,
                    depth,
                    has_children: !children.is_empty(),
                });
                walk(children, depth + 1, c, out);
            }
            Node::Dashes(items) => dashes(items, depth, '-', out),
            Node::Paragraph(t) => out.push(text_item(t, depth)),
            Node::Styled(s) => out.push(text_item(&s.text, depth)),
            _ => {}
        }
    }
}

fn text_item(t: &str, depth: usize) -> OutlineItem {
    OutlineItem {
        number: String::new(),
        text: t.trim().to_string(),
        kind: ItemKind::Text,
        depth,
        has_children: false,
    }
}

fn dashes(list: &NodeList, depth: usize, mark: char, out: &mut Vec<OutlineItem>) {
    for (i, n) in list.iter().enumerate() {
        match &n.value {
            Node::Dashes(inner) => dashes(inner, depth + 1, '+', out),
            Node::Paragraph(t) => {
                let has_children = list
                    .get(i + 1)
                    .is_some_and(|next| matches!(next.value, Node::Dashes(_)));
                out.push(OutlineItem {
                    number: mark.to_string(),
                    text: t.trim().to_string(),
                    kind: ItemKind::Dash,
                    depth,
                    has_children,
                });
            }
            _ => {}
        }
    }
}

/// Problems in an outline tree: empty texts (`de-trong`) and node kinds an outline cannot
/// hold (`sai-kieu`), each naming the item's number so the user finds it.
pub fn check(list: &NodeList, code: &str) -> Diagnostics {
    let mut errs = Diagnostics::new();
    let mut counters = Counters::default();
    check_walk(list, 0, code, &mut counters, &mut errs);
    errs
}

fn check_walk(list: &NodeList, depth: usize, code: &str, c: &mut Counters, errs: &mut Diagnostics) {
    for n in list {
        let pos = Pos::from_saphyr(&n.referenced);
        let empty = |what: &str| {
            Error::new(
                Code::Empty,
                format!(
                    "đề cương {code}: {what} để trống nội dung; hãy viết nội dung hoặc xóa mục"
                ),
            )
            .with_pos(pos)
        };
        match &n.value {
            Node::Heading { title, children } | Node::Item {
                text: title,
                children,
            } => {
                let number = c.next((depth + 2).min(4) as u8);
                if title.trim().is_empty() {
                    errs.push(empty(&format!("mục {number}")));
                }
                check_walk(children, depth + 1, code, c, errs);
            }
            Node::Dashes(items) => check_dashes(items, code, errs),
            Node::Paragraph(t) if t.trim().is_empty() => errs.push(empty("một đoạn văn")),
            Node::Styled(s) if s.text.trim().is_empty() => errs.push(empty("một đoạn văn")),
            Node::Paragraph(_) | Node::Styled(_) => {}
            _ => errs.push(
                Error::new(
                    Code::WrongType,
                    format!(
                        "đề cương {code}: chỉ dùng muc, y, gach hoặc đoạn văn (không dùng bảng, phần, điều, ngắt trang)"
                    ),
                )
                .with_pos(pos),
            ),
        }
    }
}

fn check_dashes(list: &NodeList, code: &str, errs: &mut Diagnostics) {
    for n in list {
        let pos = Pos::from_saphyr(&n.referenced);
        match &n.value {
            Node::Dashes(inner) => check_dashes(inner, code, errs),
            Node::Paragraph(t) if t.trim().is_empty() => errs.push(
                Error::new(
                    Code::Empty,
                    format!("đề cương {code}: một ý gạch đầu dòng để trống nội dung"),
                )
                .with_pos(pos),
            ),
            Node::Paragraph(_) => {}
            _ => errs.push(
                Error::new(
                    Code::WrongType,
                    format!(
                        "đề cương {code}: trong \"gach\" chỉ dùng chuỗi hoặc \"gach\" lồng nhau"
                    ),
                )
                .with_pos(pos),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> NodeList {
        crate::load::parse_yaml::<NodeList>(yaml).unwrap()
    }

    #[test]
    fn numbers_follow_depth_and_restart_under_parents() {
        let list = parse(
            "- muc: Chỉ đạo\n  noi_dung:\n    - y: Văn bản\n    - y: Kiểm tra\n      noi_dung:\n        - gach:\n          - Ban hành\n          - gach: [Tháng, Quý]\n    - Ghi chú\n- muc: Tuyên truyền\n  noi_dung:\n    - y: Tin bài\n",
        );
        let items = flatten(&list);
        let nums: Vec<&str> = items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(
            nums,
            ["1.", "1.1.", "1.2.", "-", "+", "+", "", "2.", "2.1."]
        );
        assert!(items[0].has_children && !items[1].has_children);
        assert!(items[2].has_children, "1.2. holds dashes");
        assert!(items[3].has_children, "'- Ban hành' holds the + list");
        assert_eq!(items[4].depth, 3);
        assert_eq!(items[6].kind, ItemKind::Text);
    }

    #[test]
    fn empty_texts_are_found_with_their_number() {
        let list = parse("- muc: A\n  noi_dung:\n    - y: x\n    - y: ''\n- gach: ['  ']\n");
        let errs = check(&list, "A");
        assert_eq!(errs.len(), 2);
        assert!(errs[0].message.contains("mục 1.2."), "{}", errs[0]);
        assert_eq!(errs.codes(), [Code::Empty, Code::Empty]);
        assert_eq!(errs[0].pos.unwrap().line, 4);
        assert_eq!(errs[1].pos.unwrap().line, 5);
    }
}
