//! Inline content: text runs with nested `<b>`, `<i>`, `<u>`, line breaks, footnotes and
//! annex references.

use roxmltree::{Node, NodeType};

use super::{Content, MInline, Parser, err_at};
use crate::error::Error;
use crate::ir::Run;

impl Parser<'_, '_> {
    /// An element's inline content as runs, applying nested b/i/u over `base`.
    pub(super) fn inlines(&mut self, n: Node, base: &Run) -> Result<Content, Error> {
        let mut out = Vec::new();
        self.collect(n, base, &mut out)?;
        // Whitespace between tags from template indentation is not content.
        if let Some(MInline::Text(r)) = out.first_mut() {
            r.text = r.text.trim_start().to_string();
        }
        if let Some(MInline::Text(r)) = out.last_mut() {
            r.text = r.text.trim_end().to_string();
        }
        out.retain(|i| !matches!(i, MInline::Text(r) if r.text.is_empty()));
        Ok(out)
    }

    fn collect(&mut self, n: Node, style: &Run, out: &mut Content) -> Result<(), Error> {
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
                            out.push(MInline::LineBreak);
                            continue;
                        }
                        "fn" => {
                            let mut note = Vec::new();
                            self.collect(c, &Run::default(), &mut note)?;
                            // A note is one paragraph of text: no breaks, no notes in it.
                            note.retain(|i| {
                                matches!(i, MInline::Text(_) | MInline::AnnexRef { .. })
                            });
                            out.push(MInline::Footnote(note));
                            continue;
                        }
                        "annexref" => {
                            let to = c.attribute("to").map(str::trim).unwrap_or("");
                            if to.is_empty() {
                                return Err(err_at(
                                    self.pos(c),
                                    "<annexref/> thiếu thuộc tính to (mã của phụ lục)".into(),
                                ));
                            }
                            self.refs.push((to.to_string(), self.pos(c)));
                            out.push(MInline::AnnexRef {
                                to: to.to_string(),
                                style: style.clone(),
                            });
                            continue;
                        }
                        _ => {}
                    }
                    self.collect(c, &s, out)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Append `t` in `style`, joining the previous run when it has the same marks.
fn push_text(out: &mut Content, style: &Run, t: &str) {
    if let Some(MInline::Text(last)) = out.last_mut()
        && last.bold == style.bold
        && last.italic == style.italic
        && last.underline == style.underline
    {
        last.text.push_str(t);
        return;
    }
    out.push(MInline::Text(Run {
        text: t.to_string(),
        ..style.clone()
    }));
}
