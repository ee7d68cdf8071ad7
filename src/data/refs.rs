//! References to indicators inside the secretary's own text: `[[id]]` or `[[id.cach_viet]]`
//! (for example `[[tra_cuu.thay_doi]]`), replaced by the computed phrase before the template
//! stage. Only this syntax is active in user text — a "{{" stays literal — and `\[[` writes
//! "[[" itself. An unknown id or suffix is an error at the reference's line and column.

use crate::error::line_col_of_byte;
use crate::error::{Code, Diagnostics, Error, Pos};
use crate::model::{CellValue, DocumentSpec, Node, NodeList, RowSpec, TableSpec};

use super::indicator::Indicators;
use super::pos_of;

/// A reference that could not be resolved: its text and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadRef {
    pub reference: String,
    pub message: String,
}

/// Escape inline marks in a computed phrase so it reads literally.
fn escape_marks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '^' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Replace every `[[…]]` in `s`.
pub fn resolve_str(s: &str, inds: &Indicators) -> Result<String, Vec<BadRef>> {
    if !s.contains("[[") {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut bad = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("[[") {
        let escaped = rest[..i].ends_with('\\') && !rest[..i].ends_with("\\\\");
        if escaped {
            out.push_str(&rest[..i + 2]);
            rest = &rest[i + 2..];
            continue;
        }
        let Some(j) = rest[i + 2..].find("]]") else {
            break;
        };
        out.push_str(&rest[..i]);
        let inner = rest[i + 2..i + 2 + j].trim();
        let (id, attr) = inner.split_once('.').unwrap_or((inner, ""));
        let (id, attr) = (id.trim(), attr.trim());
        match inds.get(id) {
            None => bad.push(BadRef {
                reference: inner.to_string(),
                message: format!(
                    "không có chỉ tiêu mã \"{id}\" trong dữ liệu (tham chiếu [[{inner}]]); các mã có: {}",
                    if inds.is_empty() {
                        "(chưa khai báo chi_tieu)".to_string()
                    } else {
                        inds.keys().cloned().collect::<Vec<_>>().join(", ")
                    }
                ),
            }),
            Some(ind) => match ind.attr(attr) {
                Ok(text) => out.push_str(&escape_marks(&text)),
                Err(m) => bad.push(BadRef {
                    reference: inner.to_string(),
                    message: format!("tham chiếu [[{inner}]]: {m}"),
                }),
            },
        }
        rest = &rest[i + 2 + j + 2..];
    }
    out.push_str(rest);
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}

/// Resolves references in a whole document, locating errors in `src` (the YAML text).
pub struct Resolver<'a> {
    pub inds: &'a Indicators,
    pub src: &'a str,
    pub errs: Diagnostics,
}

impl Resolver<'_> {
    /// The position of `[[reference` at or after line `from`; `from` itself otherwise.
    fn locate(&self, from: Option<Pos>, reference: &str) -> Option<Pos> {
        let start_line = from.map(|p| p.line).unwrap_or(1).max(1) as usize;
        let offset: usize = self
            .src
            .split_inclusive('\n')
            .take(start_line - 1)
            .map(str::len)
            .sum();
        let hay = &self.src[offset.min(self.src.len())..];
        let exact = format!("[[{reference}");
        match hay.find(&exact) {
            Some(i) => Some(line_col_of_byte(self.src, offset + i)),
            None => from,
        }
    }

    fn text(&mut self, s: &mut String, at: Option<Pos>) {
        match resolve_str(s, self.inds) {
            Ok(r) => *s = r,
            Err(bad) => {
                for b in bad {
                    let p = self.locate(at, &b.reference);
                    self.errs
                        .push(Error::new(Code::BadReference, b.message).with_pos(p));
                }
            }
        }
    }

    pub fn nodes(&mut self, list: &mut NodeList) {
        for n in list.iter_mut() {
            let at = pos_of(n);
            match &mut n.value {
                Node::Paragraph(t) => self.text(t, at),
                Node::Styled(s) => self.text(&mut s.text, at),
                Node::Heading { title, children } | Node::Part { title, children } => {
                    self.text(title, at);
                    self.nodes(children);
                }
                Node::Item { text, children } | Node::Article { text, children } => {
                    self.text(text, at);
                    self.nodes(children);
                }
                Node::Dashes(items) => self.nodes(items),
                Node::Table(t) => self.table(t),
                // Generated from tasks: no user text to resolve.
                Node::PageBreak | Node::TaskSentences(_) => {}
            }
        }
    }

    pub fn table(&mut self, t: &mut TableSpec) {
        for r in t.rows.iter_mut() {
            let at = pos_of(r);
            match &mut r.value {
                RowSpec::Data(cells) | RowSpec::Total(cells) => {
                    for c in cells.iter_mut() {
                        let p = pos_of(c).or(at);
                        let v = match &mut c.value {
                            CellValue::Merged(inner, _) => &mut inner.value,
                            v => v,
                        };
                        if let CellValue::Text(s) = v {
                            self.text(s, p);
                        }
                    }
                }
                RowSpec::Group(g) => self.text(&mut g.title, at),
            }
        }
    }

    pub fn document(&mut self, vb: &mut DocumentSpec) {
        let (bodies, annexes) = vb.parts_mut();
        for list in bodies {
            self.nodes(list);
        }
        for a in annexes.iter_mut() {
            let a = &mut a.value;
            self.nodes(&mut a.opening);
            if let Some(t) = &mut a.table {
                self.table(t);
            }
            self.nodes(&mut a.notes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::indicator::Ind;
    use super::*;

    fn inds() -> Indicators {
        let mut m = Indicators::new();
        m.insert(
            "tra_cuu".into(),
            Ind {
                unit: "lượt".into(),
                value: Some(5339392.0),
                prev: Some(Some(5069872.0)),
                decimals: 2,
                ..Default::default()
            },
        );
        m
    }

    #[test]
    fn replaces_and_keeps_literals() {
        let i = inds();
        assert_eq!(
            resolve_str("có [[tra_cuu]] lượt ([[ tra_cuu.thay_doi ]])", &i).unwrap(),
            "có 5.339.392 lượt (tăng 269.520 lượt)"
        );
        assert_eq!(
            resolve_str("{{ x }} \\[[a]]", &i).unwrap(),
            "{{ x }} \\[[a]]"
        );
        assert_eq!(
            resolve_str("mở [[ không đóng", &i).unwrap(),
            "mở [[ không đóng"
        );
    }

    #[test]
    fn unknown_id_and_suffix() {
        let i = inds();
        let e = resolve_str("a [[tra_cuuu]] b [[tra_cuu.xyz]]", &i).unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(e[0].message.contains("không có chỉ tiêu mã \"tra_cuuu\""));
        assert!(e[1].message.contains("không có cách viết \"xyz\""));
    }
}
