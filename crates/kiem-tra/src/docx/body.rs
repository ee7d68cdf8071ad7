//! Walks document.xml: paragraphs in order (body, tables, text boxes), tables and
//! sections.

use roxmltree::Node;

use super::numbering::Numbering;
use super::{
    Cell, DEFAULT_SIZE, Document, Para, ParaProps, Rels, Run, RunProps, Section, Table, W, attr,
    child, on_off, twips_attr,
};
use crate::ReadError;

const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

struct Walker<'d> {
    doc: &'d mut Document,
    numbering: Numbering,
    rels: &'d Rels,
    section_first: usize,
}

pub fn read(
    doc: &mut Document,
    xml: &str,
    numbering: Numbering,
    rels: &Rels,
) -> Result<(), ReadError> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: u32::MAX,
    };
    let tree = roxmltree::Document::parse_with_options(xml, opts)
        .map_err(|e| ReadError(format!("{} không phải XML hợp lệ: {e}", doc.main)))?;
    let body = child(tree.root_element(), "body")
        .ok_or_else(|| ReadError(format!("{} không có w:body", doc.main)))?;
    let mut w = Walker {
        doc,
        numbering,
        rels,
        section_first: 0,
    };
    w.blocks(body, None);
    // A body without a final w:sectPr still has a section (Word's defaults: Letter).
    if w.section_first < w.doc.paragraphs.len() || w.doc.sections.is_empty() {
        let s = child(body, "sectPr");
        w.close_section(s);
    }
    Ok(())
}

impl Walker<'_> {
    fn blocks(&mut self, parent: Node, cell: Option<Cell>) {
        for n in parent.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "p" if n.tag_name().namespace() == Some(W) => self.paragraph(n, cell, false),
                "tbl" => self.table(n),
                "sdt" => {
                    if let Some(c) = child(n, "sdtContent") {
                        self.blocks(c, cell);
                    }
                }
                "customXml" | "ins" | "moveTo" => self.blocks(n, cell),
                "AlternateContent" => {
                    if let Some(c) = n.children().find(|c| c.has_tag_name((MC, "Choice"))) {
                        self.blocks(c, cell);
                    }
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: Node) {
        let index = self.doc.tables.len();
        let first = self.doc.paragraphs.len();
        self.doc.tables.push(Table {
            section: self.doc.sections.len(),
            first,
            ..Table::default()
        });
        let grid: Vec<i32> = child(tbl, "tblGrid")
            .map(|g| {
                g.children()
                    .filter(|c| c.has_tag_name((W, "gridCol")))
                    .map(|c| twips_attr(c, "w").unwrap_or(0))
                    .collect()
            })
            .unwrap_or_default();
        let mut header_rows = 0;
        let mut counting_header = true;
        let rows: Vec<Node> = tbl
            .children()
            .filter(|c| c.has_tag_name((W, "tr")))
            .collect();
        for (r, tr) in rows.iter().enumerate() {
            let repeats = child(*tr, "trPr")
                .and_then(|p| child(p, "tblHeader"))
                .is_some_and(on_off);
            if counting_header && repeats {
                header_rows += 1;
            } else {
                counting_header = false;
            }
            let mut col = 0;
            for tc in tr.children().filter(|c| c.has_tag_name((W, "tc"))) {
                let tcpr = child(tc, "tcPr");
                let span = tcpr
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|s| attr(s, "val")?.parse::<usize>().ok())
                    .unwrap_or(1);
                let width = tcpr
                    .and_then(|p| child(p, "tcW"))
                    .filter(|w| attr(*w, "type").is_none_or(|t| t == "dxa"))
                    .and_then(|w| twips_attr(w, "w"))
                    .filter(|w| *w > 0)
                    .or_else(|| {
                        let s: i32 = grid.iter().skip(col).take(span).sum();
                        (s > 0).then_some(s)
                    });
                let cell = Cell {
                    table: index,
                    row: r,
                    col,
                    width,
                };
                self.blocks(tc, Some(cell));
                col += span;
            }
        }
        let t = &mut self.doc.tables[index];
        t.rows = rows.len();
        t.header_rows = header_rows;
        t.end = self.doc.paragraphs.len();
    }

    fn paragraph(&mut self, p: Node, cell: Option<Cell>, in_text_box: bool) {
        let ppr = child(p, "pPr");
        let style = ppr
            .and_then(|pp| child(pp, "pStyle"))
            .and_then(|s| attr(s, "val"))
            .map(str::to_string);
        let direct = ppr.map(ParaProps::read).unwrap_or_default();
        let props = self.doc.styles.para(direct, style.as_deref());
        let num = ppr.and_then(|pp| child(pp, "numPr")).and_then(|np| {
            let id = child(np, "numId").and_then(|i| attr(i, "val"))?;
            let level = child(np, "ilvl")
                .and_then(|l| attr(l, "val")?.parse::<usize>().ok())
                .unwrap_or(0);
            Some((id.to_string(), level))
        });
        let label = num.and_then(|(id, level)| {
            (id != "0")
                .then(|| self.numbering.next_label(&id, level))
                .flatten()
        });
        let mut para = Para {
            number: self.doc.paragraphs.len() + 1,
            section: self.doc.sections.len(),
            cell,
            in_text_box,
            text: String::new(),
            label,
            runs: Vec::new(),
            style,
            props,
            border_bottom: ppr
                .and_then(|pp| child(pp, "pBdr"))
                .and_then(|b| child(b, "bottom"))
                .is_some_and(|b| !matches!(attr(b, "val"), Some("nil" | "none"))),
            shape_lines: Vec::new(),
            page_break_before: ppr
                .and_then(|pp| child(pp, "pageBreakBefore"))
                .is_some_and(on_off),
            range: p.range(),
        };
        let mut boxes = Vec::new();
        self.inline(p, &mut para, &mut boxes);
        para.text = para.runs.iter().map(|r| r.text.as_str()).collect();
        self.doc.paragraphs.push(para);
        // Paragraphs of the text boxes anchored here come after it.
        for b in boxes {
            for bp in b.children().filter(|c| c.has_tag_name((W, "p"))) {
                self.paragraph(bp, cell, true);
            }
        }
        if let Some(s) = ppr.and_then(|pp| child(pp, "sectPr")) {
            self.close_section(Some(s));
        }
    }

    /// The runs of a paragraph, through hyperlinks, insertions, fields and content
    /// controls; text boxes are collected into `boxes`.
    fn inline<'a, 'i>(&self, n: Node<'a, 'i>, para: &mut Para, boxes: &mut Vec<Node<'a, 'i>>) {
        for c in n.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "r" if c.tag_name().namespace() == Some(W) => self.run(c, para, boxes),
                "hyperlink" | "ins" | "moveTo" | "smartTag" | "fldSimple" | "customXml" | "sdt"
                | "sdtContent" | "bdo" | "dir" => self.inline(c, para, boxes),
                "AlternateContent" => {
                    if let Some(ch) = c.children().find(|x| x.has_tag_name((MC, "Choice"))) {
                        self.inline(ch, para, boxes);
                    }
                }
                _ => {}
            }
        }
    }

    fn run<'a, 'i>(&self, r: Node<'a, 'i>, para: &mut Para, boxes: &mut Vec<Node<'a, 'i>>) {
        let rpr = child(r, "rPr");
        let char_style = rpr
            .and_then(|p| child(p, "rStyle"))
            .and_then(|s| attr(s, "val"));
        let direct = rpr
            .map(|p| RunProps::read(p, &self.doc.styles.theme))
            .unwrap_or_default();
        let props = self
            .doc
            .styles
            .run(direct, char_style, para.style.as_deref());
        let mut text = String::new();
        let mut texts = Vec::new();
        for c in r.descendants().filter(Node::is_element) {
            match c.tag_name().name() {
                "t" if c.tag_name().namespace() == Some(W) => {
                    if let Some(t) = c.first_child().filter(|t| t.is_text()) {
                        texts.push(t.range());
                        text.push_str(t.text().unwrap_or(""));
                    } else {
                        // An empty w:t: where text would go, for a fix that adds some.
                        texts.push(c.range().end..c.range().end);
                    }
                }
                "tab" if c.parent().is_some_and(|p| p == r) => text.push('\t'),
                "br" | "cr" if c.parent().is_some_and(|p| p == r) => {
                    if attr(c, "type") == Some("page") {
                        para.page_break_before |= para.runs.is_empty() && text.is_empty();
                    }
                    text.push('\n');
                }
                "noBreakHyphen" => text.push('-'),
                "txbxContent" if !c.ancestors().any(|a| a.has_tag_name((MC, "Fallback"))) => {
                    boxes.push(c);
                }
                "wsp" | "line" | "shape" => {
                    if let Some(w) = line_shape_width(c)
                        && !c.ancestors().any(|a| a.has_tag_name((MC, "Fallback")))
                    {
                        para.shape_lines.push(w);
                    }
                }
                _ => {}
            }
        }
        para.runs.push(Run {
            text,
            font: props.font,
            size: props.size.unwrap_or(DEFAULT_SIZE),
            bold: props.bold.unwrap_or(false),
            italic: props.italic.unwrap_or(false),
            caps: props.caps.unwrap_or(false),
            range: r.range(),
            rpr: rpr.map(|n| n.range()),
            texts,
        });
    }

    fn close_section(&mut self, s: Option<Node>) {
        let mut sec = Section {
            width: 12240,
            height: 15840,
            first: self.section_first,
            ..Section::default()
        };
        if let Some(s) = s {
            sec.range = Some(s.range());
            if let Some(sz) = child(s, "pgSz") {
                sec.width = twips_attr(sz, "w").unwrap_or(sec.width);
                sec.height = twips_attr(sz, "h").unwrap_or(sec.height);
                sec.landscape = attr(sz, "orient") == Some("landscape") || sec.width > sec.height;
            }
            if let Some(m) = child(s, "pgMar") {
                let g = |k| twips_attr(m, k).unwrap_or(1440).abs();
                sec.margins = [g("top"), g("right"), g("bottom"), g("left")];
            } else {
                sec.margins = [1440, 1800, 1440, 1800];
            }
            sec.title_page = child(s, "titlePg").is_some_and(on_off);
            sec.page_start = child(s, "pgNumType").and_then(|p| attr(p, "start")?.parse().ok());
            for h in s
                .children()
                .filter(|c| c.has_tag_name((W, "headerReference")))
            {
                let name = h
                    .attribute((
                        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                        "id",
                    ))
                    .and_then(|id| self.rels.get(id))
                    .cloned();
                match attr(h, "type") {
                    Some("first") => sec.header_first = name,
                    Some("even") => {}
                    _ => sec.header_default = name,
                }
            }
        }
        // A section without its own headers shows the previous section's.
        if let Some(prev) = self.doc.sections.last() {
            if sec.header_default.is_none() {
                sec.header_default = prev.header_default.clone();
            }
            if sec.header_first.is_none() {
                sec.header_first = prev.header_first.clone();
            }
        }
        sec.has_table = self
            .doc
            .tables
            .iter()
            .any(|t| t.section == self.doc.sections.len());
        self.doc.sections.push(sec);
        self.section_first = self.doc.paragraphs.len();
    }
}

/// The width in points of a drawn line: a DrawingML shape whose geometry is a line, or a
/// VML `v:line`.
fn line_shape_width(n: Node) -> Option<f32> {
    match n.tag_name().name() {
        "wsp" => {
            let geom = n
                .descendants()
                .find(|d| d.tag_name().name() == "prstGeom")?
                .attribute("prst")?;
            if !geom.contains("line") && !geom.contains("Connector") {
                return None;
            }
            let ext = n
                .ancestors()
                .find_map(|a| a.children().find(|c| c.tag_name().name() == "extent"))?;
            let cx: f32 = ext.attribute("cx")?.parse().ok()?;
            Some(cx / 12700.0)
        }
        "line" => {
            let from = vml_point(n.attribute("from")?)?;
            let to = vml_point(n.attribute("to")?)?;
            Some((to - from).abs())
        }
        _ => None,
    }
}

/// The x of a VML point ("12pt,3pt", "0,0").
fn vml_point(s: &str) -> Option<f32> {
    let x = s.split(',').next()?.trim();
    let (num, unit) = x.split_at(x.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(x.len()));
    let v: f32 = num.parse().ok()?;
    Some(match unit {
        "in" => v * 72.0,
        "mm" => v * 72.0 / 25.4,
        "cm" => v * 72.0 / 2.54,
        "px" => v * 0.75,
        _ => v,
    })
}
