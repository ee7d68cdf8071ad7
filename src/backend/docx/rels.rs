//! The package's content types and the document's relationships, listing exactly the parts
//! the package holds: no comments, numbering or comments-extended parts nothing uses, and
//! the footnotes part only when there are footnotes.

use std::fmt::Write as _;

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// `[Content_Types].xml`; JPEG pictures get their content type only when there are any.
pub fn content_types(has_footnotes: bool, has_jpeg: bool) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    ));
    if has_jpeg {
        out.push_str(r#"<Default Extension="jpeg" ContentType="image/jpeg" />"#);
    }
    out.push_str(concat!(
        r#"<Default Extension="png" ContentType="image/png" />"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />"#,
        r#"<Default Extension="xml" ContentType="application/xml" />"#,
        r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml" />"#,
        r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />"#,
        r#"<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml" />"#,
    ));
    let mut part = |name: &str, kind: &str| {
        let _ = write!(
            out,
            r#"<Override PartName="/word/{name}" ContentType="{WML}.{kind}+xml" />"#
        );
    };
    part("document.xml", "document.main");
    part("styles.xml", "styles");
    part("settings.xml", "settings");
    part("fontTable.xml", "fontTable");
    if has_footnotes {
        part("footnotes.xml", "footnotes");
    }
    part("header1.xml", "header");
    part("header2.xml", "header");
    out.push_str("</Types>");
    out
}

/// `word/_rels/document.xml.rels`: styles, font table, settings, the footnotes when there
/// are any, both headers and every picture (`(relationship id, media file name)`).
pub fn document_rels(has_footnotes: bool, images: &[(String, String)]) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    ));
    let mut rel = |id: &str, kind: &str, target: &str| {
        let _ = write!(
            out,
            r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}" />"#
        );
    };
    rel("rId1", "styles", "styles.xml");
    rel("rId2", "fontTable", "fontTable.xml");
    rel("rId3", "settings", "settings.xml");
    if has_footnotes {
        rel("rId8", "footnotes", "footnotes.xml");
    }
    rel("rIdHeader1", "header", "header1.xml");
    rel("rIdHeader2", "header", "header2.xml");
    for (id, name) in images {
        rel(id, "image", &format!("media/{name}"));
    }
    out.push_str("</Relationships>");
    out
}
