//! A DOCX read for checking: every paragraph in document order (body, table cells, text
//! boxes) with its runs' resolved font, size and weight, its resolved paragraph
//! properties, and where it sits in document.xml, so a fix can edit it in place.

mod body;
mod numbering;
mod package;
mod styles;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use roxmltree::Node;

pub use styles::{ParaProps, RunProps, Styles};

use crate::ReadError;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Word's size when nothing sets one: 10 pt.
pub const DEFAULT_SIZE: u32 = 20;

/// A run of text with its resolved character properties.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub font: Option<String>,
    /// Half-points.
    pub size: u32,
    pub bold: bool,
    pub italic: bool,
    pub caps: bool,
    /// The `w:r` element in document.xml.
    pub range: Range<usize>,
    /// Its `w:rPr`, if it has one.
    pub rpr: Option<Range<usize>>,
    /// Byte ranges of its `w:t` texts' contents.
    pub texts: Vec<Range<usize>>,
}

/// Where a paragraph sits in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub table: usize,
    pub row: usize,
    /// The grid column the cell starts at.
    pub col: usize,
    /// The cell's width in twips, if known.
    pub width: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct Para {
    /// 1-based, in document order.
    pub number: usize,
    /// 0-based section.
    pub section: usize,
    pub cell: Option<Cell>,
    pub in_text_box: bool,
    pub text: String,
    /// The automatic number's label ("1.", "a)") when Word numbers the paragraph.
    pub label: Option<String>,
    pub runs: Vec<Run>,
    pub style: Option<String>,
    /// Resolved paragraph properties.
    pub props: ParaProps,
    pub border_bottom: bool,
    /// Widths in points of line shapes anchored in the paragraph.
    pub shape_lines: Vec<f32>,
    pub page_break_before: bool,
    /// The `w:p` element.
    pub range: Range<usize>,
}

impl Para {
    /// The text with its automatic number in front.
    pub fn full_text(&self) -> String {
        match &self.label {
            Some(l) if !l.is_empty() => format!("{l} {}", self.text),
            _ => self.text.clone(),
        }
    }

    /// The runs holding visible text.
    pub fn text_runs(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().filter(|r| !r.text.trim().is_empty())
    }

    /// Left indent, right indent in twips (0 when unset).
    pub fn indents(&self) -> (i32, i32) {
        (self.props.left.unwrap_or(0), self.props.right.unwrap_or(0))
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn centered(&self) -> bool {
        self.props.jc.as_deref() == Some("center")
    }
}

/// A section's page set-up (`w:sectPr`).
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub width: i32,
    pub height: i32,
    pub landscape: bool,
    /// Top, right, bottom, left, in twips.
    pub margins: [i32; 4],
    pub title_page: bool,
    /// Header part names (word/header1.xml) for other pages and for the first page.
    pub header_default: Option<String>,
    pub header_first: Option<String>,
    pub page_start: Option<i32>,
    pub range: Option<Range<usize>>,
    /// The first paragraph (0-based) of the section.
    pub first: usize,
    /// The section holds a table.
    pub has_table: bool,
}

/// What a header part shows.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub page_field: bool,
    pub centered: bool,
    pub size: Option<u32>,
    pub font: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: usize,
    /// Leading rows marked to repeat on every page.
    pub header_rows: usize,
    pub section: usize,
    /// Paragraph range (0-based) of its cells.
    pub first: usize,
    pub end: usize,
}

/// A DOCX package read for checking.
pub struct Document {
    /// Every part's bytes, by name.
    pub parts: BTreeMap<String, Vec<u8>>,
    /// The main document part's name and text.
    pub main: String,
    pub xml: String,
    pub styles: Styles,
    pub paragraphs: Vec<Para>,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    /// Header parts by name.
    pub headers: HashMap<String, Header>,
}

impl Document {
    pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
        let parts = package::read(bytes)?;
        let main = package::main_part(&parts);
        let xml = parts
            .get(&main)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .ok_or_else(|| ReadError(format!("gói DOCX không có phần {main}")))?;
        let text = |name: &str| {
            parts
                .get(name)
                .map(|b| String::from_utf8_lossy(b).into_owned())
        };
        let theme = styles::Theme::read(text("word/theme/theme1.xml").as_deref());
        let styles_xml = text("word/styles.xml");
        let styles = Styles::read(styles_xml.as_deref(), theme);
        let numbering = numbering::Numbering::read(text("word/numbering.xml").as_deref());
        let rels = package::relationships(&parts, &main);
        let mut doc = Document {
            parts: BTreeMap::new(),
            main,
            xml: String::new(),
            styles,
            paragraphs: Vec::new(),
            sections: Vec::new(),
            tables: Vec::new(),
            headers: HashMap::new(),
        };
        body::read(&mut doc, &xml, numbering, &rels)?;
        for s in &doc.sections {
            for name in [&s.header_default, &s.header_first].into_iter().flatten() {
                if let Some(x) = text(name) {
                    doc.headers
                        .insert(name.clone(), package::header(&x, &doc.styles));
                }
            }
        }
        doc.xml = xml;
        doc.parts = parts;
        Ok(doc)
    }
}

pub fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

pub fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

/// A toggle property: present means on unless `w:val` says off.
pub fn on_off(n: Node) -> bool {
    !matches!(attr(n, "val"), Some("0" | "false" | "off" | "none"))
}

/// A length attribute in twips (Word also writes "1.5in", "20mm", "12pt" in strict files).
pub fn twips_attr(n: Node, name: &str) -> Option<i32> {
    let v = attr(n, name)?;
    if let Ok(i) = v.parse::<i32>() {
        return Some(i);
    }
    let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic())?);
    let x: f32 = num.parse().ok()?;
    let tw = match unit {
        "mm" => x * 1440.0 / 25.4,
        "cm" => x * 14400.0 / 25.4,
        "in" => x * 1440.0,
        "pt" => x * 20.0,
        "pc" => x * 240.0,
        _ => return None,
    };
    Some(tw.round() as i32)
}

pub type Rels = HashMap<String, String>;
