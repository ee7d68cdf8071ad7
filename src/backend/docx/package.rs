//! The package: every part, in a fixed order, zipped deterministically. docx-rs writes the
//! package relationships, the font table and the custom properties; [`super::rels`] the
//! content types and the document's relationships (exactly the parts present);
//! [`super::body`], [`super::section`] and this module the rest.

use std::io::{Cursor, Write};

use docx_rs::{BuildXML, Docx, HeaderRels};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::body::Doc;
use super::paragraph::{self, FOOTNOTE_REF_STYLE};
use super::styles::StyleSheet;
use super::writer::Part;
use super::{DocxError, rels, section};
use crate::ir;
use crate::xml::escape;

fn pkg_err(e: impl std::fmt::Display) -> DocxError {
    DocxError::Package(e.to_string())
}

/// Parts smaller than this many bytes are stored uncompressed.
const SMALL_PART: usize = 1024;

/// A part's bytes in the chunks it was written in.
type Chunks = Vec<Vec<u8>>;

/// All parts of the package, by name, in the order they are zipped.
fn parts(doc: &ir::Document, font: &str, styles: &StyleSheet, body: Doc) -> Vec<(String, Chunks)> {
    let Doc {
        part,
        footnotes,
        images,
        styles: _,
    } = body;
    let has_footnotes = !footnotes.is_empty();
    // docx-rs's package relationships, font table and custom properties.
    let docx = Docx::new();
    // Each picture's media part: its relationship id and the file name it is stored under.
    let media: Vec<(String, String)> = images
        .media
        .iter()
        .map(|(id, data)| (id.clone(), format!("{id}.{}", media_extension(data))))
        .collect();
    let has_jpeg = media.iter().any(|(_, name)| name.ends_with(".jpeg"));
    let header_rels = HeaderRels::new().build();
    let document = part.into_chunks().into_iter().map(String::into_bytes);
    let mut parts: Vec<(String, Chunks)> = [
        (
            "[Content_Types].xml",
            rels::content_types(has_footnotes, has_jpeg).into_bytes(),
        ),
        ("_rels/.rels", docx.rels.build()),
        ("docProps/app.xml", APP_XML.as_bytes().to_vec()),
        ("docProps/core.xml", core_xml(&doc.meta).into_bytes()),
        ("docProps/custom.xml", docx.doc_props.custom.build()),
        (
            "word/_rels/document.xml.rels",
            rels::document_rels(has_footnotes, &media).into_bytes(),
        ),
        ("word/document.xml", Vec::new()),
        ("word/styles.xml", styles_xml(font, styles).into_bytes()),
        (
            "word/settings.xml",
            settings_xml(has_footnotes).into_bytes(),
        ),
        ("word/fontTable.xml", docx.font_table.build()),
        (
            "word/footnotes.xml",
            footnotes_xml(font, &footnotes, doc.page.footnote_size).into_bytes(),
        ),
        (
            "word/header1.xml",
            section::page_number_header(font, &doc.page).into_bytes(),
        ),
        ("word/_rels/header1.xml.rels", header_rels.clone()),
        (
            "word/header2.xml",
            section::empty_header(font, &doc.page).into_bytes(),
        ),
        ("word/_rels/header2.xml.rels", header_rels),
    ]
    .into_iter()
    // The footnotes part exists only when a footnote does.
    .filter(|(n, _)| has_footnotes || *n != "word/footnotes.xml")
    .map(|(n, d)| (n.to_string(), vec![d]))
    .collect();
    // document.xml as the body wrote it, chunk by chunk.
    if let Some((_, chunks)) = parts.iter_mut().find(|(n, _)| n == "word/document.xml") {
        *chunks = document.collect();
    }
    for ((_, name), (_, data)) in media.iter().zip(images.media) {
        parts.push((format!("word/media/{name}"), vec![data.to_vec()]));
    }
    parts
}

/// The extension of a picture's media part, from its format (validation checked that it
/// is a PNG or a JPEG).
fn media_extension(data: &[u8]) -> &'static str {
    ir::ImageFormat::of(data).map_or("png", ir::ImageFormat::extension)
}

/// The .docx file: the parts of `body` (document.xml as written) and the others, zipped
/// with fixed timestamps and permissions.
pub(crate) fn pack(
    doc: &ir::Document,
    font: &str,
    styles: &StyleSheet,
    body: Doc,
) -> Result<Vec<u8>, DocxError> {
    let mut parts = parts(doc, font, styles, body);
    let time = DateTime::from_date_and_time(1980, 1, 1, 0, 0, 0).map_err(pkg_err)?;
    // The fastest deflate level: several times faster than the default on a long
    // document.xml, for a package a little larger.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    // Parts of a few hundred bytes are stored: deflating saves them little, and setting up
    // a compressor costs more than all the rest of writing them.
    let stored = options
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    for (name, chunks) in parts.iter_mut() {
        let len: usize = chunks.iter().map(Vec::len).sum();
        let opts = if len < SMALL_PART { stored } else { options };
        out.start_file(name.as_str(), opts).map_err(pkg_err)?;
        // Each chunk is written and dropped: the deflate stream depends on how its input is
        // split, and the chunks are cut at fixed sizes, so the bytes stay the same run to run.
        for chunk in chunks.iter_mut() {
            out.write_all(chunk).map_err(pkg_err)?;
            *chunk = Vec::new();
        }
    }
    Ok(out.finish().map_err(pkg_err)?.into_inner())
}

const FOOTNOTES_ROOT: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:footnotes xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" "#,
    r#"xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" "#,
    r#"xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex" "#,
    r#"xmlns:cx2="http://schemas.microsoft.com/office/drawing/2015/10/21/chartex" "#,
    r#"xmlns:cx3="http://schemas.microsoft.com/office/drawing/2016/5/9/chartex" "#,
    r#"xmlns:cx4="http://schemas.microsoft.com/office/drawing/2016/5/10/chartex" "#,
    r#"xmlns:cx5="http://schemas.microsoft.com/office/drawing/2016/5/11/chartex" "#,
    r#"xmlns:cx6="http://schemas.microsoft.com/office/drawing/2016/5/12/chartex" "#,
    r#"xmlns:cx7="http://schemas.microsoft.com/office/drawing/2016/5/13/chartex" "#,
    r#"xmlns:cx8="http://schemas.microsoft.com/office/drawing/2016/5/14/chartex" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:aink="http://schemas.microsoft.com/office/drawing/2016/ink" "#,
    r#"xmlns:am3d="http://schemas.microsoft.com/office/drawing/2017/model3d" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:oel="http://schemas.microsoft.com/office/2019/extlst" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" "#,
    r#"xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" "#,
    r#"xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" "#,
    r#"xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" "#,
    r#"xmlns:w16du="http://schemas.microsoft.com/office/word/2023/wordml/word16du" "#,
    r#"xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" "#,
    r#"xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" "#,
    r#"xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" "#,
    r#"xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" "#,
    r#"xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du wp14""#
);

/// footnotes.xml: Word's separator notes (ids -1 and 0, referenced from settings) and the
/// notes in the order of their marks. An empty root when there are none.
fn footnotes_xml(font: &str, notes: &[&ir::Footnote], size: f32) -> String {
    if notes.is_empty() {
        return format!("{FOOTNOTES_ROOT} />");
    }
    let mut part = Part::new(font, 2048 + 1024 * notes.len());
    part.push(FOOTNOTES_ROOT);
    part.push(concat!(
        ">",
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#,
        r#"<w:r><w:separator/></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>"#,
        r#"<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
    ));
    for f in notes {
        part.push(&format!(r#"<w:footnote w:id="{}">"#, f.number));
        paragraph::footnote(&mut part, f, size);
        part.push("</w:footnote>");
    }
    part.push("</w:footnotes>");
    part.into_string()
}

/// settings.xml in schema order (zoom before defaultTabStop, unlike docx-rs), with the separator notes named when there are
/// footnotes (docx-rs has no `w:footnotePr`).
fn settings_xml(has_footnotes: bool) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
            r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
            r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">"#,
            r#"<w:zoom w:percent="100" /><w:defaultTabStop w:val="840" />{notes}<w:compat>"#,
            r#"<w:spaceForUL /><w:balanceSingleByteDoubleByteWidth /><w:doNotLeaveBackslashAlone />"#,
            r#"<w:ulTrailSpace /><w:doNotExpandShiftReturn /><w:useFELayout />"#,
            r#"<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15" />"#,
            r#"<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1" />"#,
            r#"<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1" />"#,
            r#"<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1" />"#,
            r#"<w:compatSetting w:name="differentiateMultirowTableHeaders" w:uri="http://schemas.microsoft.com/office/word" w:val="1" />"#,
            r#"<w:compatSetting w:name="useWord2013TrackBottomHyphenation" w:uri="http://schemas.microsoft.com/office/word" w:val="0" />"#,
            r#"</w:compat></w:settings>"#
        ),
        notes = if has_footnotes {
            r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#
        } else {
            ""
        }
    )
}

/// styles.xml (`font` escaped for an attribute): docx-rs's has no language, no character
/// default and no footnote styles; `sheet` adds the body and heading styles.
fn styles_xml(font: &str, sheet: &StyleSheet) -> String {
    let f = font;
    let fonts = format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/>"#);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:styles xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
            r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="28"/><w:szCs w:val="28"/>"#,
            r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#,
            r#"<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>"#,
            r#"</w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:widowControl/></w:pPr>"#,
            r#"<w:rPr>{fonts}<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:style>"#,
            r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">"#,
            r#"<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#,
            r#"<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#,
            r#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#,
            r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>"#,
            r#"<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>"#,
            r#"<w:pPr><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>"#,
            r#"<w:style w:type="character" w:styleId="{fref}"><w:name w:val="footnote reference"/>"#,
            r#"<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>"#,
            r#"<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>"#,
            "{own}",
            r#"</w:styles>"#
        ),
        own = sheet.xml(font),
        fonts = fonts,
        fref = FOOTNOTE_REF_STYLE,
    )
}

/// Core properties from the document's metadata only (never the clock).
fn core_xml(meta: &ir::Meta) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>"#,
            r#"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"#,
            r#"<dc:language>{language}</dc:language>"#,
            "{dates}",
            r#"</cp:coreProperties>"#
        ),
        title = escape(&meta.title),
        subject = escape(&meta.subject),
        author = escape(&meta.author),
        language = escape(&meta.language),
        dates = dates_xml(&meta.created),
    )
}

/// The created and modified dates; none for a document without a date (annexes sent on
/// their own, written without `ngay`), since an empty W3CDTF date is not a date.
fn dates_xml(created: &str) -> String {
    if created.is_empty() {
        return String::new();
    }
    format!(
        concat!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>"#,
        ),
        created = escape(created),
    )
}

const APP_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#,
    r#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
    r#"<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>vanban</Application>"#,
    r#"</Properties>"#
);
