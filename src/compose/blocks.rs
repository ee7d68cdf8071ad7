//! Markup blocks → IR blocks: levels from [`super::levels`], then numbering, heading
//! styles, annex references replaced by their labels, footnotes numbered, tables scaled to
//! the page.

use super::annex::Labels;
use super::levels::{self, Leveled};
use super::style::{Style, run};
use crate::format;
use crate::format::numbering::Counters;
use crate::ir::{Align, Block, Cell, Footnote, Inline, Paragraph, Row, RowKind, Run, Table};
use crate::markup::{Content, MBlock, MInline, MTable};

/// The hanging indent of a dash item in a table cell, in ems of the table's text: the width
/// of "- " in Times New Roman (hyphen 0.333 em, space 0.25 em).
const DASH_HANG_EM: f32 = 0.583;

/// Converts blocks in document order, carrying numbering and footnote counters across the
/// body and the annexes.
pub struct Builder<'a> {
    pub st: &'a Style,
    pub counters: Counters,
    pub footnotes: u32,
    /// The annexes' labels, which `<annexref>` prints.
    pub labels: Labels,
}

impl<'a> Builder<'a> {
    pub fn new(st: &'a Style) -> Self {
        Builder {
            st,
            counters: Counters::default(),
            footnotes: 0,
            labels: Labels::default(),
        }
    }

    /// Markup inline content as IR inlines: every footnote gets its running number and
    /// every annex reference its annex's label, in the style it was written in.
    fn inlines(&mut self, c: &Content) -> Vec<Inline> {
        let mut out = Vec::new();
        for i in c {
            match i {
                MInline::Text(r) => push_run(&mut out, r.clone()),
                MInline::LineBreak => out.push(Inline::LineBreak),
                MInline::Footnote(note) => {
                    self.footnotes += 1;
                    let number = self.footnotes;
                    let runs = self
                        .inlines(note)
                        .into_iter()
                        .filter_map(|i| match i {
                            Inline::Text(r) => Some(r),
                            _ => None,
                        })
                        .collect();
                    out.push(Inline::FootnoteRef(Footnote { number, runs }));
                }
                MInline::AnnexRef { to, style } => {
                    let text = self.labels.of_id(to).to_string();
                    push_run(
                        &mut out,
                        Run {
                            text,
                            ..style.clone()
                        },
                    );
                }
            }
        }
        out
    }

    pub fn blocks(&mut self, list: &[MBlock], text_width: f32) -> Vec<Block> {
        let mut out = Vec::new();
        for b in levels::assign(list) {
            self.block(b, text_width, &mut out);
        }
        // A lead-in line ending with ":" stays on the page of the table it introduces.
        for i in 1..out.len() {
            if matches!(out[i], Block::Table(_))
                && let Block::Paragraph(p) = &mut out[i - 1]
                && p.plain_text().trim_end().ends_with(':')
            {
                p.keep_with_next = true;
            }
        }
        out
    }

    fn block(&mut self, b: Leveled, tw: f32, out: &mut Vec<Block>) {
        let st = self.st;
        match b {
            Leveled::Para {
                content,
                align,
                indent,
            } => {
                let mut p = st.body(self.inlines(content));
                if let Some(a) = align {
                    p.align = a;
                    if a == Align::Center || a == Align::Right {
                        p.first_line_indent = 0.0;
                    }
                }
                if indent == Some(false) {
                    p.first_line_indent = 0.0;
                }
                out.push(Block::Paragraph(p));
            }
            Leveled::Heading { level, content } => {
                let number = self.counters.next(level);
                let content = self.inlines(content);
                let content = if level == 1 { upper(content) } else { content };
                // Level 4 headings are italic small headings; the others bold.
                let (bold, italic) = match level {
                    1..=3 => (true, false),
                    _ => (false, true),
                };
                let mut runs = vec![run(format!("{number} "), bold, italic)];
                runs.extend(restyle(content, bold, italic));
                let mut p = st.body(runs);
                p.keep_with_next = true;
                p.outline_level = Some(level);
                if level == 1 {
                    p.space_before = 6.0;
                }
                out.push(Block::Paragraph(p));
            }
            Leveled::Item { level, content } => {
                let number = self.counters.next(level);
                let mut runs = vec![run(format!("{number} "), false, false)];
                runs.extend(self.inlines(content));
                out.push(Block::Paragraph(st.body(runs)));
            }
            Leveled::Dash { mark, content } => {
                let mut runs = vec![run(format!("{mark} "), false, false)];
                runs.extend(self.inlines(content));
                out.push(Block::Paragraph(st.body(runs)));
            }
            Leveled::Part(content) => {
                let number = self.counters.part();
                let mut head = st.centered(&number, st.body_size, true, false);
                head.keep_with_next = true;
                head.space_before = 12.0;
                head.outline_level = Some(0);
                out.push(Block::Paragraph(head));
                let mut title = Paragraph {
                    runs: restyle(upper(self.inlines(content)), true, false),
                    align: Align::Center,
                    keep_with_next: true,
                    space_after: st.para_after,
                    line_spacing: st.line_spacing,
                    ..Paragraph::new(st.body_size)
                };
                title.keep_with_next = true;
                out.push(Block::Paragraph(title));
            }
            Leveled::Article(content) => {
                let number = self.counters.article();
                let mut runs = vec![run(format!("{number} "), true, false)];
                runs.extend(self.inlines(content));
                let mut p = st.body(runs);
                // Điều are the outline's entries of a decision, under a Phần if any.
                p.outline_level = Some(1);
                out.push(Block::Paragraph(p));
            }
            Leveled::Table(t) => out.push(Block::Table(self.table(t, tw))),
            Leveled::PageBreak => out.push(Block::PageBreak),
            Leveled::Restart => self.counters = Counters::default(),
            Leveled::Lines(n) => {
                // Full-width rules one writing line apart.
                for _ in 0..n {
                    out.push(Block::Rule(crate::ir::Rule {
                        width: tw,
                        align: Align::Left,
                        thickness: 0.5,
                        space_before: st.body_size * 1.6,
                        space_after: 0.0,
                    }));
                }
            }
        }
    }

    /// A data table scaled to the text width, with its header rows repeating.
    pub fn table(&mut self, t: &MTable, tw: f32) -> Table {
        let st = self.st;
        let size = t.size.unwrap_or(st.table_size);
        let total: f32 = t.widths.iter().sum();
        let columns: Vec<f32> = t
            .widths
            .iter()
            .map(|w| (w / total * tw * 10.0).round() / 10.0)
            .collect();
        let rows = t
            .rows
            .iter()
            .map(|r| Row {
                kind: r.kind,
                cant_split: true,
                cells: r
                    .cells
                    .iter()
                    .map(|c| {
                        let blocks = c
                            .paragraphs
                            .iter()
                            .map(|p| {
                                let mut runs = self.inlines(&p.content);
                                if r.kind == RowKind::Total {
                                    runs = restyle(runs, true, false);
                                }
                                // A dash item hangs: its next lines start under its text.
                                let (left, first) = if p.dash {
                                    (size * DASH_HANG_EM, -size * DASH_HANG_EM)
                                } else {
                                    (0.0, 0.0)
                                };
                                Block::Paragraph(Paragraph {
                                    runs,
                                    align: c.align,
                                    left_indent: left,
                                    first_line_indent: first,
                                    space_before: 2.0,
                                    space_after: 2.0,
                                    ..Paragraph::new(size)
                                })
                            })
                            .collect();
                        Cell {
                            colspan: c.colspan,
                            rowspan: c.rowspan,
                            valign: c.valign,
                            ..Cell::new(blocks)
                        }
                    })
                    .collect(),
            })
            .collect();
        Table {
            columns,
            rows,
            header_rows: t.header_rows,
            borders: true,
            border_width: 0.5,
            cell_padding_x: 4.0,
            cell_padding_y: 0.0,
            align: Align::Center,
            keep_with_previous: false,
        }
    }
}

/// Append a run, joining the previous one when it is written alike (an annex label and
/// the text around it are one run, as the parser joins text).
fn push_run(out: &mut Vec<Inline>, r: Run) {
    if let Some(Inline::Text(last)) = out.last_mut()
        && (
            last.bold,
            last.italic,
            last.underline,
            last.superscript,
            last.size,
        ) == (r.bold, r.italic, r.underline, r.superscript, r.size)
    {
        last.text.push_str(&r.text);
        return;
    }
    out.push(Inline::Text(r));
}

/// Upper-case every text run (level-1 headings and part titles are UPPER).
fn upper(c: Vec<Inline>) -> Vec<Inline> {
    c.into_iter()
        .map(|i| match i {
            Inline::Text(r) => Inline::Text(Run {
                text: format::upper_title(&r.text),
                ..r
            }),
            other => other,
        })
        .collect()
}

/// Add bold/italic to every run (heading text takes the heading's style).
fn restyle(c: Vec<Inline>, bold: bool, italic: bool) -> Vec<Inline> {
    c.into_iter()
        .map(|i| match i {
            Inline::Text(r) => Inline::Text(Run {
                bold: r.bold || bold,
                italic: r.italic || italic,
                ..r
            }),
            other => other,
        })
        .collect()
}

/// End the body with "./." after the last sentence (Decree 30), unless already there.
pub fn add_end_mark(blocks: &mut [Block]) {
    let Some(Block::Paragraph(p)) = blocks
        .iter_mut()
        .rev()
        .find(|b| matches!(b, Block::Paragraph(_)))
    else {
        return;
    };
    let Some(Inline::Text(r)) = p
        .runs
        .iter_mut()
        .rev()
        .find(|i| matches!(i, Inline::Text(_)))
    else {
        return;
    };
    let t = r.text.trim_end();
    if t.ends_with("./.") {
        return;
    }
    r.text = format!("{}./.", t.strip_suffix('.').unwrap_or(t));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_upper_case_but_keep_document_symbols() {
        assert_eq!(
            format::upper_title("Kết quả theo Quyết định số 422/QĐ-TTg của Thủ tướng"),
            "KẾT QUẢ THEO QUYẾT ĐỊNH SỐ 422/QĐ-TTg CỦA THỦ TƯỚNG"
        );
        assert_eq!(format::upper_title("tháng 9/2025"), "THÁNG 9/2025");
    }
}
