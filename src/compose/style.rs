//! Decree 30 sizes and spacing in one place, and constructors for the paragraph kinds the
//! documents use. Everything visual that is not in the data is decided here.

use crate::ir::{Align, Inline, PageSetup, Paragraph, Rule, Run, mm};
use crate::model::Layout;

/// Sizes and spacing for one document (Decree 30 defaults, overridable within its ranges).
#[derive(Debug, Clone)]
pub struct Style {
    pub page: PageSetup,
    /// Body text (13–14 pt).
    pub body_size: f32,
    /// Line spacing multiple of body paragraphs (1.0–1.5).
    pub line_spacing: f32,
    pub para_after: f32,
    pub first_indent: f32,
    /// Text in annex and body tables.
    pub table_size: f32,
    /// Header lines of the first page.
    pub agency_size: f32,
    pub motto_size: f32,
    pub number_size: f32,
    pub date_size: f32,
    pub title_size: f32,
    pub noi_nhan_title_size: f32,
    pub noi_nhan_size: f32,
    pub signer_size: f32,
    /// Room left for signature and seal.
    pub signature_space: f32,
    pub rule_thickness: f32,
}

impl Style {
    /// The style of a document laid out by `l`, its DOCX naming the font `family`.
    pub fn new(l: &Layout, family: &str) -> Style {
        let mut page = PageSetup::nd30_default();
        page.font_family = family.to_string();
        if let Some(v) = &l.margin_top {
            page.margin_top = mm(v.value);
        }
        if let Some(v) = &l.margin_bottom {
            page.margin_bottom = mm(v.value);
        }
        if let Some(v) = &l.margin_left {
            page.margin_left = mm(v.value);
        }
        if let Some(v) = &l.margin_right {
            page.margin_right = mm(v.value);
        }
        Style {
            page,
            body_size: l.font_size.as_ref().map(|v| v.value).unwrap_or(14.0),
            line_spacing: l.line_spacing.as_ref().map(|v| v.value).unwrap_or(1.15),
            para_after: 6.0,
            first_indent: mm(12.7),
            table_size: l.table_font_size.as_ref().map(|v| v.value).unwrap_or(12.0),
            agency_size: 13.0,
            motto_size: 14.0,
            number_size: 13.0,
            date_size: 14.0,
            title_size: 14.0,
            noi_nhan_title_size: 12.0,
            noi_nhan_size: 11.0,
            signer_size: 14.0,
            signature_space: mm(28.0),
            rule_thickness: 0.75,
        }
    }

    /// A justified body paragraph with first-line indent.
    pub fn body(&self, runs: Vec<Inline>) -> Paragraph {
        Paragraph {
            runs,
            align: Align::Justify,
            first_line_indent: self.first_indent,
            space_after: self.para_after,
            line_spacing: self.line_spacing,
            ..Paragraph::new(self.body_size)
        }
    }

    /// A single-spaced centred line (header, titles, signature).
    pub fn centered(&self, text: &str, size: f32, bold: bool, italic: bool) -> Paragraph {
        Paragraph {
            runs: vec![Inline::Text(Run {
                text: text.to_string(),
                bold,
                italic,
                ..Run::default()
            })],
            align: Align::Center,
            ..Paragraph::new(size)
        }
    }

    pub fn rule(&self, width: f32, space_before: f32, space_after: f32) -> Rule {
        Rule {
            width,
            align: Align::Center,
            thickness: self.rule_thickness,
            space_before,
            space_after,
        }
    }
}

/// A text run with the given style.
pub fn run(text: impl Into<String>, bold: bool, italic: bool) -> Inline {
    Inline::Text(Run {
        text: text.into(),
        bold,
        italic,
        ..Run::default()
    })
}
