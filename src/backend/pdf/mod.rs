//! PDF output: the pages from [`crate::layout`] as a printpdf document (fonts chosen,
//! subset and embedded by printpdf, images, metadata) whose page content streams are
//! written by [`content`]; every word at an absolute position (`Tw` has no effect with
//! two-byte fonts, so justified lines use kerning numbers in one `TJ` array per line);
//! reproducible to the byte.

mod content;
pub mod png;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use printpdf::{
    FontId, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    RawImage, RawImageData, RawImageFormat, TextItem, XObject, XObjectId,
};

use crate::fonts::{FontSet, Style};
use crate::ir;
use crate::layout::{self, Item, Page};

#[derive(Debug, Clone, PartialEq)]
pub enum PdfError {
    /// A font could not be parsed for embedding.
    Font(String),
    /// An image could not be decoded.
    Image(String),
    /// Serialisation failed.
    Write(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Font(e) => write!(f, "lỗi phông chữ khi tạo PDF: {e}"),
            PdfError::Image(e) => write!(f, "lỗi ảnh khi tạo PDF: {e}"),
            PdfError::Write(e) => write!(f, "lỗi ghi tệp PDF: {e}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Lay out `doc` and write it as PDF.
pub fn write_pdf(doc: &ir::Document, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    let pages = std::thread::scope(|scope| {
        // printpdf's own parse of the faces, needed only once the pages are laid out.
        scope.spawn(|| preload(fonts));
        layout::layout(doc, fonts)
    });
    write_pages(pages, &doc.meta, fonts)
}

/// FNV-1a, 64 bits: stable across runs and platforms (std's hasher is not).
fn fnv(data: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `fnv(face data, style + 1)` of the bundled faces, so that their 1.7 MB are not hashed
/// on every run (`bundled_face_hashes` checks them).
const BUNDLED_FACE_HASHES: [u64; 5] = [
    0x633b_d946_820c_82e9,
    0xba7a_d3b1_ba60_ac07,
    0x4e95_9c9f_5eb3_9dbb,
    0xc26e_10dd_b23a_fe98,
    0x3128_2db5_6acf_7c3a,
];

/// `bundled`: the text faces are the bundled ones. The fallback face always is.
fn face_hash(style: Style, data: &[u8], bundled: bool) -> u64 {
    if bundled || style == Style::Fallback {
        BUNDLED_FACE_HASHES[style as usize]
    } else {
        fnv(data, style as u64 + 1)
    }
}

/// A font resource name whose first six letters serve as the subset tag; derived from the
/// face so that output does not depend on printpdf's random ids.
fn font_id(style: Style, data: &[u8], bundled: bool) -> FontId {
    let mut h = face_hash(style, data, bundled);
    let tag: String = (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect();
    FontId(tag)
}

fn pdf_date(created: &str) -> printpdf::OffsetDateTime {
    let ts = chrono::NaiveDate::parse_from_str(created.get(..10).unwrap_or(""), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |d| d.and_utc().timestamp());
    printpdf::OffsetDateTime::from_unix_timestamp(ts)
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
        .expect("epoch is a valid date")
}

fn raw_image(png_bytes: &[u8]) -> Result<RawImage, PdfError> {
    // Validation decoded this image already (`png::CheckedPng`): this cannot fail.
    let px = png::decode(png_bytes).map_err(|e| PdfError::Image(e.to_string()))?;
    let data_format = match px.channels {
        1 => RawImageFormat::R8,
        2 => RawImageFormat::RG8,
        3 => RawImageFormat::RGB8,
        _ => RawImageFormat::RGBA8,
    };
    Ok(RawImage {
        pixels: RawImageData::U8(px.data),
        width: px.width,
        height: px.height,
        data_format,
        tag: Vec::new(),
    })
}

/// printpdf's parse of each bundled text face (by [`Style`]), made once per process.
static BUNDLED_PARSED: OnceLock<Vec<Option<ParsedFont>>> = OnceLock::new();
/// printpdf's parse of the fallback face, made when a document first uses it.
static FALLBACK_PARSED: OnceLock<Option<ParsedFont>> = OnceLock::new();

fn parse_face(data: &[u8]) -> Option<ParsedFont> {
    ParsedFont::from_bytes(data, 0, &mut Vec::new())
}

/// Parse the bundled faces for embedding ahead of time (on a thread of its own while the
/// pages are laid out).
pub fn preload(fonts: &FontSet) {
    if crate::fonts::is_bundled(fonts) {
        bundled_parsed(fonts);
    }
}

fn bundled_parsed(fonts: &FontSet) -> &'static [Option<ParsedFont>] {
    BUNDLED_PARSED.get_or_init(|| {
        Style::ALL
            .iter()
            .map(|s| parse_face(&fonts.face(*s).data))
            .collect()
    })
}

/// Write already laid-out pages.
pub fn write_pages(
    pages: Vec<Page>,
    meta: &ir::Meta,
    fonts: &FontSet,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&meta.title);
    set_metadata(&mut pdf, meta);
    let used = used_chars(&pages, fonts)?;
    let (mut codes, usage_ops) = embed_fonts(&mut pdf, fonts, &used)?;
    let image_ids = embed_images(&mut pdf, &pages)?;
    add_pages(&mut pdf, &pages, usage_ops);

    let opts = PdfSaveOptions {
        image_optimization: None,
        ..PdfSaveOptions::default()
    };
    let image_name = |png: &[u8]| image_ids[&fnv(png, 0)].0.clone();
    // printpdf serialises (and subsets the fonts) while the page contents are written and
    // compressed, assuming the faces get subset.
    let (mut lo, mut streams) = std::thread::scope(|scope| {
        let lo = scope.spawn(|| pdf.to_lopdf_document(&opts, &mut Vec::new()));
        let streams = page_streams(&pages, &codes, image_name);
        (lo.join().expect("printpdf thread panicked"), streams)
    });
    drop(pdf);
    if mark_subset_faces(&lo, &mut codes) {
        streams = page_streams(&pages, &codes, image_name);
    }
    drop(pages);
    replace_contents(&mut lo, streams)?;
    // PDF 1.4 at least (Decree 30; soft masks of transparent images need it too).
    lo.version = "1.7".to_string();
    drop_empty_info(&mut lo);
    compress_streams(&mut lo);
    save_with_content_id(&mut lo)
}

fn set_metadata(pdf: &mut PdfDocument, meta: &ir::Meta) {
    let info = &mut pdf.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "vanban".into();
    info.producer = "vanban".into();
    let date = pdf_date(&meta.created);
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
}

/// The characters shown in each face (indexed by [`Style`]), every one of which the face
/// must have.
fn used_chars(pages: &[Page], fonts: &FontSet) -> Result<Vec<BTreeSet<char>>, PdfError> {
    let mut used: Vec<BTreeSet<char>> = Style::FACES.iter().map(|_| BTreeSet::new()).collect();
    for page in pages {
        for run in page.runs() {
            used[run.style as usize].extend(run.text.chars());
        }
    }
    // Never a blank where the DOCX has a character (`fonts::coverage` reports these with
    // their position before layout; this is the last line of defence).
    for style in Style::FACES {
        let face = fonts.face(style);
        if let Some(c) = used[style as usize].iter().find(|c| !face.has_char(**c)) {
            return Err(PdfError::Font(crate::fonts::coverage::uncovered_message(
                *c,
            )));
        }
    }
    Ok(used)
}

/// Embed only the faces in use (the fallback face only for a document that needs it), with
/// the characters each shows. Returns each face's codes and the operations that show
/// printpdf those characters.
fn embed_fonts(
    pdf: &mut PdfDocument,
    fonts: &FontSet,
    used: &[BTreeSet<char>],
) -> Result<(Vec<Option<content::Codes>>, Vec<Op>), PdfError> {
    let bundled = crate::fonts::is_bundled(fonts);
    let mut codes: Vec<Option<content::Codes>> = Style::FACES.iter().map(|_| None).collect();
    // printpdf chooses and subsets the glyphs from the text it is shown: all of it, once,
    // on the first page, whose content is then replaced like every other page's.
    let mut usage_ops = vec![Op::StartTextSection];
    for style in Style::FACES {
        let chars = &used[style as usize];
        if chars.is_empty() {
            continue;
        }
        let face = fonts.face(style);
        let parsed = if style == Style::Fallback {
            FALLBACK_PARSED
                .get_or_init(|| parse_face(&face.data))
                .clone()
        } else if bundled {
            bundled_parsed(fonts)[style as usize].clone()
        } else {
            parse_face(&face.data)
        }
        .ok_or_else(|| PdfError::Font(format!("không đọc được kiểu chữ {style:?}")))?;
        let id = font_id(style, &face.data, bundled);
        codes[style as usize] = Some(content::Codes::new(id.0.clone(), &parsed, face, chars));
        usage_ops.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: Pt(10.0),
        });
        usage_ops.push(Op::ShowText {
            items: vec![TextItem::Text(content::usage_text(chars))],
        });
        pdf.resources.fonts.map.insert(id, PdfFont::new(parsed));
    }
    usage_ops.push(Op::EndTextSection);
    Ok((codes, usage_ops))
}

/// Images, one XObject per distinct PNG, by the PNG's hash.
fn embed_images(
    pdf: &mut PdfDocument,
    pages: &[Page],
) -> Result<BTreeMap<u64, XObjectId>, PdfError> {
    let mut image_ids: BTreeMap<u64, XObjectId> = BTreeMap::new();
    for page in pages {
        for item in &page.items {
            if let Item::Image { png, .. } = item {
                let h = fnv(png, 0);
                if let std::collections::btree_map::Entry::Vacant(e) = image_ids.entry(h) {
                    let id = XObjectId(format!("Im{h:016x}"));
                    pdf.resources
                        .xobjects
                        .map
                        .insert(id.clone(), XObject::Image(raw_image(png)?));
                    e.insert(id);
                }
            }
        }
    }
    Ok(image_ids)
}

/// The pages, empty but for the first, which shows printpdf the characters in use.
fn add_pages(pdf: &mut PdfDocument, pages: &[Page], mut usage_ops: Vec<Op>) {
    for (i, page) in pages.iter().enumerate() {
        let ops = if i == 0 {
            std::mem::take(&mut usage_ops)
        } else {
            Vec::new()
        };
        pdf.pages.push(PdfPage::new(
            Mm(page.width * 25.4 / 72.0),
            Mm(page.height * 25.4 / 72.0),
            ops,
        ));
    }
}

/// Record which faces printpdf did subset; true when one was embedded whole (with its
/// original glyph ids), so the page contents written for subsets are wrong.
fn mark_subset_faces(lo: &lopdf::Document, codes: &mut [Option<content::Codes>]) -> bool {
    let subset_tags: BTreeSet<Vec<u8>> = lo
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Type0"))
        .filter_map(|d| d.get(b"BaseFont").and_then(|n| n.as_name()).ok())
        .filter_map(|n| n.iter().position(|&b| b == b'+').map(|i| n[..i].to_vec()))
        .collect();
    let mut whole = false;
    for c in codes.iter_mut().flatten() {
        c.subset = subset_tags.contains(c.resource.as_bytes());
        whole |= !c.subset;
    }
    whole
}

/// Put our content streams in place of printpdf's, page by page.
fn replace_contents(lo: &mut lopdf::Document, streams: Vec<Stream>) -> Result<(), PdfError> {
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    if page_ids.len() != streams.len() {
        return Err(PdfError::Write(format!(
            "printpdf viết {} trang, cần {}",
            page_ids.len(),
            streams.len()
        )));
    }
    for (stream, page_id) in streams.into_iter().zip(page_ids) {
        let contents = lo
            .get_object(page_id)
            .and_then(|o| o.as_dict())
            .and_then(|d| d.get(b"Contents"))
            .and_then(|c| c.as_reference())
            .map_err(|e| PdfError::Write(e.to_string()))?;
        match lo.get_object_mut(contents) {
            Ok(lopdf::Object::Stream(s)) => {
                if stream.deflated {
                    s.dict.set("Filter", "FlateDecode");
                }
                s.set_content(stream.bytes);
            }
            _ => return Err(PdfError::Write("trang không có nội dung".into())),
        }
    }
    Ok(())
}

/// printpdf always writes an empty GTS_PDFXVersion, which claims PDF/X conformance to
/// readers; drop it and the other empty entries.
fn drop_empty_info(lo: &mut lopdf::Document) {
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(|o| o.as_reference())
        && let Ok(dict) = lo.get_object_mut(info_id).and_then(|o| o.as_dict_mut())
    {
        for key in ["GTS_PDFXVersion", "Identifier", "Keywords", "Trapped"] {
            dict.remove(key.as_bytes());
        }
    }
}

/// Save the file with trailer ids made from its bytes. printpdf writes random ids; the file
/// is written once with a placeholder id of the same length, which is then overwritten with
/// the hash of those bytes (ids of equal files are equal, as before).
fn save_with_content_id(lo: &mut lopdf::Document) -> Result<Vec<u8>, PdfError> {
    let placeholder = lopdf::Object::String(vec![b'0'; 32], lopdf::StringFormat::Literal);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![placeholder.clone(), placeholder]),
    );
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    let id = format!("{:016x}{:016x}", fnv(&out, 0), fnv(&out, 1));
    let slot = b"[(00000000000000000000000000000000)(00000000000000000000000000000000)]";
    let at = find_last(&out, slot)
        .ok_or_else(|| PdfError::Write("không tìm thấy /ID trong trailer".into()))?;
    for part in [at + 2, at + 36] {
        out[part..part + 32].copy_from_slice(id.as_bytes());
    }
    Ok(out)
}

/// Position of the last occurrence of `needle` in `hay`.
fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// A page's content stream, deflated when that makes it smaller.
struct Stream {
    bytes: Vec<u8>,
    deflated: bool,
}

fn page_streams(
    pages: &[Page],
    codes: &[Option<content::Codes>],
    image_name: impl Fn(&[u8]) -> String + Copy,
) -> Vec<Stream> {
    let mut z = flate2::Compress::new(flate2::Compression::fast(), true);
    pages
        .iter()
        .map(|page| {
            let bytes = content::page_content(page, codes, image_name);
            match deflate_smaller(&mut z, &bytes) {
                Some(packed) => Stream {
                    bytes: packed,
                    deflated: true,
                },
                None => Stream {
                    bytes,
                    deflated: false,
                },
            }
        })
        .collect()
}

/// `data` deflated, if that saves more than the `/Filter` entry costs.
fn deflate_smaller(z: &mut flate2::Compress, data: &[u8]) -> Option<Vec<u8>> {
    z.reset();
    deflate(z, data).filter(|packed| packed.len() + 19 < data.len())
}

/// Deflate every uncompressed stream at the fastest level. lopdf's own `compress` uses the
/// best (slowest) level, which took a sixth of the whole run for a ten-page report; the
/// fastest level is several times faster again for files a little larger. One compressor
/// is reset between streams: setting up a new one cost as much as the compression itself.
fn compress_streams(doc: &mut lopdf::Document) {
    let mut z = flate2::Compress::new(flate2::Compression::fast(), true);
    for obj in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = obj else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() || !stream.allows_compression {
            continue;
        }
        if let Some(packed) = deflate_smaller(&mut z, &stream.content) {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
}

/// `data` as one complete zlib stream from a freshly reset compressor.
fn deflate(z: &mut flate2::Compress, data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let read = z.total_in() as usize;
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(4096));
        }
        match z.compress_vec(&data[read..], &mut out, flate2::FlushCompress::Finish) {
            Ok(flate2::Status::StreamEnd) => return Some(out),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_face_hashes() {
        for s in Style::FACES {
            let data = crate::fonts::bundled_data(s);
            assert_eq!(
                BUNDLED_FACE_HASHES[s as usize],
                fnv(data, s as u64 + 1),
                "{s:?}"
            );
        }
    }

    #[test]
    fn font_ids_are_stable_tags() {
        let f = crate::fonts::bundled();
        let a = font_id(Style::Bold, &f.bold.data, true);
        assert_eq!(a, font_id(Style::Bold, &f.bold.data, false));
        assert_ne!(a, font_id(Style::Regular, &f.regular.data, true));
        assert_eq!(a.0.len(), 6);
        assert!(a.0.chars().all(|c| c.is_ascii_uppercase()));
    }

    #[test]
    fn date_from_meta() {
        let d = pdf_date("2024-02-05T00:00:00Z");
        assert_eq!((d.year(), u8::from(d.month()), d.day()), (2024, 2, 5));
    }

    fn doc_of(text: &str) -> ir::Document {
        let mut p = ir::Paragraph::new(14.0);
        p.framed = true;
        p.runs = vec![ir::Inline::Text(ir::Run {
            text: text.into(),
            bold: true,
            underline: true,
            ..ir::Run::default()
        })];
        ir::Document {
            meta: ir::Meta {
                title: "t".into(),
                subject: String::new(),
                author: String::new(),
                created: "not a date".into(),
                language: "vi-VN".into(),
            },
            page: ir::PageSetup::nd30_default(),
            sections: vec![ir::Section {
                kind: ir::SectionKind::Main,
                orientation: ir::Orientation::Portrait,
                blocks: vec![ir::Block::Paragraph(p), ir::Block::PageBreak],
            }],
        }
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn fallback_face_embedded_only_when_used() {
        let fonts = crate::fonts::bundled();
        let doc = doc_of("MẬT ☐ ✓ ① → Đạt");
        let pages = layout::layout(&doc, fonts);
        // A hard page break at the end still produces its (empty) second page.
        assert_eq!(pages.len(), 2);
        let fallback: String = pages[0]
            .runs()
            .filter(|r| r.style == Style::Fallback)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(fallback.replace(' ', ""), "☐✓①");
        // On the baseline of the text around them.
        let y = pages[0].runs().next().unwrap().y;
        assert!(pages[0].runs().all(|r| r.y == y), "{:?}", pages[0].items);
        let pdf = write_pdf(&doc, fonts).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"));
        assert!(contains(&pdf, b"+VanbanSymbols-Regular"));
        let plain = write_pdf(&doc_of("MẬT → Đạt"), fonts).unwrap();
        assert!(!contains(&plain, b"VanbanSymbols"));
    }

    #[test]
    fn characters_no_face_has_fail_instead_of_drawing_blanks() {
        let e = write_pdf(&doc_of("MẬT 漢 😀"), crate::fonts::bundled()).unwrap_err();
        let PdfError::Font(m) = e else {
            panic!("{e:?}")
        };
        assert!(m.contains("(U+6F22)"), "{m}");
    }
}
