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

/// Reorder the children of every known property container in `xml`, in one pass: a
/// container's children are reordered and each child is canonicalized in turn (containers
/// nest, e.g. `rPr` in `pPr`, but never in themselves).
pub(crate) fn canonicalize(xml: String) -> String {
    let mut out = String::with_capacity(xml.len());
    canonicalize_into(&xml, &mut out);
    out
}

fn order_of(name: &[u8]) -> Option<&'static [&'static str]> {
    ORDERS
        .iter()
        .find(|(c, _)| c.as_bytes() == name)
        .map(|(_, o)| *o)
}

fn canonicalize_into(xml: &str, out: &mut String) {
    let b = xml.as_bytes();
    // `xml[copied..i]` is still to be copied to `out`.
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        i = lt + 1;
        if !b[i..].starts_with(b"w:") {
            continue;
        }
        let name_start = lt + 3;
        let name_end = name_start
            + b[name_start..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(b.len() - name_start);
        // Containers are written without attributes ("<w:pPr>"); anything else is copied.
        if b.get(name_end) != Some(&b'>') {
            continue;
        }
        let name = &b[name_start..name_end];
        let Some(order) = order_of(name) else {
            continue;
        };
        let content_start = name_end + 1;
        let Some(len) = find_close(&b[content_start..], name) else {
            continue;
        };
        out.push_str(&xml[copied..content_start]);
        let inner = &xml[content_start..content_start + len];
        match children(inner) {
            Some(kids) => {
                let rank = |k: &str| {
                    let name = local_name(k);
                    order.iter().position(|o| *o == name).unwrap_or(order.len())
                };
                // Each child ranked once; the sort is stable.
                let mut ranked: Vec<(usize, &str)> =
                    kids.into_iter().map(|k| (rank(k), k)).collect();
                ranked.sort_by_key(|&(r, _)| r);
                for (_, k) in ranked {
                    canonicalize_into(k, out);
                }
            }
            None => canonicalize_into(inner, out),
        }
        copied = content_start + len;
        i = copied;
    }
    out.push_str(&xml[copied..]);
}

/// Offset in `b` of the first `</w:NAME>`.
fn find_close(b: &[u8], name: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + off;
        let tail = &b[at + 1..];
        if tail.starts_with(b"/w:")
            && tail[3..].starts_with(name)
            && tail.get(3 + name.len()) == Some(&b'>')
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
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
