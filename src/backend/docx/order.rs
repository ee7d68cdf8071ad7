//! Put property children into ECMA-376 schema order.
//!
//! docx-rs writes e.g. `<w:sz/>` before `<w:rFonts/>` and `<w:rPr>` first in `<w:pPr>`. The
//! schema defines these as sequences; Word repairs or silently drops out-of-order children
//! (a font after the size may be ignored) and Word for the web may refuse the file.

/// (container, child order) pairs. Children not listed keep their relative order at the end.
const ORDERS: &[(&str, &[&str])] = &[
    (
        "rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
        ],
    ),
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "pBdr",
        &["top", "left", "bottom", "right", "between", "bar"],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    (
        "tblBorders",
        &[
            "top", "left", "start", "bottom", "right", "end", "insideH", "insideV",
        ],
    ),
    (
        "tblCellMar",
        &["top", "left", "start", "bottom", "right", "end"],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
        ],
    ),
    (
        "tcBorders",
        &[
            "top", "left", "start", "bottom", "right", "end", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
    ),
];

/// Reorder the children of every known property container in `xml`.
pub(crate) fn canonicalize(xml: String) -> String {
    let mut xml = xml;
    for (container, order) in ORDERS {
        xml = sort_container(xml, container, order);
    }
    xml
}

/// Local name of the element starting at `s` (which begins with '<').
fn local_name(s: &str) -> &str {
    let end = s[1..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .map_or(s.len(), |i| i + 1);
    let qname = &s[1..end];
    qname.rsplit(':').next().unwrap_or(qname)
}

/// Split the content of a container into its top-level child elements. `None` if the content
/// is not purely elements (then it is left alone).
fn children(inner: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = inner.as_bytes();
    while i < b.len() {
        if b[i] != b'<' {
            return None;
        }
        let start = i;
        let mut depth = 0i32;
        loop {
            let gt = inner[i..].find('>')? + i;
            let tag = &inner[i..=gt];
            if tag.starts_with("</") {
                depth -= 1;
            } else if !tag.ends_with("/>") {
                depth += 1;
            }
            i = gt + 1;
            if depth == 0 {
                break;
            }
            // Skip to the next tag (element content has no text here, but be safe).
            i = inner[i..].find('<')? + i;
        }
        out.push(&inner[start..i]);
    }
    Some(out)
}

fn sort_container(xml: String, container: &str, order: &[&str]) -> String {
    let open = format!("<w:{container}>");
    if !xml.contains(&open) {
        return xml;
    }
    let close = format!("</w:{container}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml.as_str();
    while let Some(i) = rest.find(&open) {
        let content_start = i + open.len();
        let Some(len) = rest[content_start..].find(&close) else {
            break;
        };
        let inner = &rest[content_start..content_start + len];
        out.push_str(&rest[..content_start]);
        match children(inner) {
            Some(kids) => {
                let rank = |k: &str| {
                    let name = local_name(k);
                    order.iter().position(|o| *o == name).unwrap_or(order.len())
                };
                // Each child ranked once; the sort is stable, as before.
                let mut ranked: Vec<(usize, &str)> =
                    kids.into_iter().map(|k| (rank(k), k)).collect();
                ranked.sort_by_key(|&(r, _)| r);
                for (_, k) in ranked {
                    out.push_str(k);
                }
            }
            None => out.push_str(inner),
        }
        rest = &rest[content_start + len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_run_and_paragraph_properties() {
        let xml = concat!(
            r#"<w:p><w:pPr><w:rPr><w:sz w:val="28" /><w:b /><w:rFonts w:ascii="T" /></w:rPr>"#,
            r#"<w:jc w:val="both" /><w:pBdr><w:bottom w:val="single" /><w:top w:val="single" /></w:pBdr>"#,
            r#"<w:keepNext /></w:pPr></w:p>"#
        );
        let got = canonicalize(xml.to_string());
        assert_eq!(
            got,
            concat!(
                r#"<w:p><w:pPr><w:keepNext /><w:pBdr><w:top w:val="single" /><w:bottom w:val="single" /></w:pBdr>"#,
                r#"<w:jc w:val="both" /><w:rPr><w:rFonts w:ascii="T" /><w:b /><w:sz w:val="28" /></w:rPr>"#,
                r#"</w:pPr></w:p>"#
            )
        );
    }
}
