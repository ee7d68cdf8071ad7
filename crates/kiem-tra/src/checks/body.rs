//! Body paragraphs: justified, first-line indent, line spacing, space between paragraphs.

use super::Findings;
use crate::docx::Document;
use crate::elements::Elements;
use crate::finding::Severity::{Error, Note};
use crate::rule::Rule;
use crate::text::is_upper;

/// A paragraph this long runs over more than one line, where alignment and indent show.
const LONG: usize = 90;
/// First-line indent 1–1.27 cm, in twips, with rounding slack.
const INDENT: (i32, i32) = (560, 730);

pub fn check(doc: &Document, e: &Elements, f: &mut Findings) {
    for &i in &e.body {
        let p = &doc.paragraphs[i];
        let text = p.full_text();
        let heading = is_upper(&text) || p.text_runs().all(|r| r.bold);
        if text.chars().count() >= LONG && !heading {
            if !matches!(p.props.jc.as_deref(), Some("both" | "distribute")) {
                let jc = p.props.jc.as_deref().unwrap_or("left");
                f.at(
                    Error,
                    Rule::Body,
                    "căn đều",
                    i,
                    format!("đoạn căn \"{}\"", align_name(jc)),
                    "nội dung căn đều hai bên",
                    false,
                );
            }
            let first = p.props.first_line.unwrap_or(0);
            if !(INDENT.0..=INDENT.1).contains(&first) && !text.starts_with(['-', '+']) {
                f.at(
                    Error,
                    Rule::Body,
                    "thụt đầu dòng",
                    i,
                    format!("thụt đầu dòng {:.2} cm", first as f32 * 2.54 / 1440.0)
                        .replace('.', ","),
                    "thụt đầu dòng 1 cm hoặc 1,27 cm",
                    false,
                );
            }
        }
        match p.props.line.as_ref() {
            Some((line, rule)) if rule == "exact" => {
                f.at(Error, Rule::Body, "giãn dòng", i, format!("giãn dòng cố định {} pt", line / 20), "giãn dòng từ dòng đơn (single) đến 1,5 dòng; không cố định chiều cao (làm mất dấu)", false);
            }
            Some((line, rule)) if rule == "auto" && !(228..=372).contains(line) => {
                f.at(
                    Error,
                    Rule::Body,
                    "giãn dòng",
                    i,
                    format!("giãn dòng {:.2} dòng", *line as f32 / 240.0).replace('.', ","),
                    "giãn dòng từ dòng đơn đến 1,5 dòng",
                    false,
                );
            }
            _ => {}
        }
        let gap = p.props.before.unwrap_or(0) + p.props.after.unwrap_or(0);
        if gap < 110 && text.chars().count() >= LONG {
            f.at(
                Note,
                Rule::Body,
                "cách đoạn",
                i,
                format!("cách đoạn {} pt", gap / 20),
                "cách đoạn tối thiểu 6 pt",
                false,
            );
        }
    }
}

fn align_name(jc: &str) -> &str {
    match jc {
        "left" | "start" => "trái",
        "right" | "end" => "phải",
        "center" => "giữa",
        other => other,
    }
}
