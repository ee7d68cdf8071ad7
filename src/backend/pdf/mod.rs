//! PDF output: the pages from [`crate::layout`] written with printpdf, fonts embedded and
//! subset, every word at an absolute position (a text matrix per glyph run: `Tw` has no
//! effect with two-byte fonts), reproducible to the byte.

mod png;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use printpdf::{
    FontId, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Pt, RawImage, RawImageData, RawImageFormat, Rect, TextItem, TextMatrix,
    XObject, XObjectId, XObjectTransform,
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
    let pages = layout::layout(doc, fonts);
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

/// `fnv(face data, style + 1)` of the bundled faces, so that their 1.5 MB are not hashed
/// on every run (`bundled_face_hashes` checks them).
const BUNDLED_FACE_HASHES: [u64; 4] = [
    0x633b_d946_820c_82e9,
    0xba7a_d3b1_ba60_ac07,
    0x4e95_9c9f_5eb3_9dbb,
    0xc26e_10dd_b23a_fe98,
];

fn face_hash(style: Style, data: &[u8], bundled: bool) -> u64 {
    if bundled {
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
    let px = png::decode(png_bytes).map_err(PdfError::Image)?;
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

/// printpdf's parse of each bundled face (by [`Style`]), made once per process.
static BUNDLED_PARSED: OnceLock<Vec<Option<ParsedFont>>> = OnceLock::new();

fn parse_face(data: &[u8]) -> Option<ParsedFont> {
    ParsedFont::from_bytes(data, 0, &mut Vec::new())
}

/// Parse the bundled faces for embedding ahead of time (called on a background thread
/// while the data loads; `write_pages` waits for it if it is still running).
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

/// Write already laid-out pages. Each page is freed as soon as it is turned into drawing
/// operations.
pub fn write_pages(
    pages: Vec<Page>,
    meta: &ir::Meta,
    fonts: &FontSet,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&meta.title);
    let info = &mut pdf.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "vanban".into();
    info.producer = "vanban".into();
    let date = pdf_date(&meta.created);
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    // Embed only the faces in use.
    let bundled = crate::fonts::is_bundled(fonts);
    let mut font_ids: BTreeMap<u8, FontId> = BTreeMap::new();
    for page in &pages {
        for run in page.runs() {
            if font_ids.contains_key(&(run.style as u8)) {
                continue;
            }
            let face = fonts.face(run.style);
            let parsed = if bundled {
                bundled_parsed(fonts)[run.style as usize].clone()
            } else {
                parse_face(&face.data)
            }
            .ok_or_else(|| PdfError::Font(format!("không đọc được kiểu chữ {:?}", run.style)))?;
            let id = font_id(run.style, &face.data, bundled);
            pdf.resources
                .fonts
                .map
                .insert(id.clone(), PdfFont::new(parsed));
            font_ids.insert(run.style as u8, id);
        }
    }

    // Images, one XObject per distinct PNG.
    let mut image_ids: BTreeMap<u64, XObjectId> = BTreeMap::new();
    for page in &pages {
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

    for page in pages {
        let ph = page.height;
        // A page of a long table has thousands of operations, and printpdf's are large:
        // room for all of them (one font switch per run at most) and no more.
        let runs = page.runs().count();
        let mut ops = Vec::with_capacity(page.items.len() - runs + 2 + 3 * runs);
        for item in &page.items {
            match item {
                Item::Rect { x, y, w, h } => ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(ph - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                }),
                Item::Image { png, x, y, w, h } => ops.push(Op::UseXobject {
                    id: image_ids[&fnv(png, 0)].clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(*x)),
                        translate_y: Some(Pt(ph - y - h)),
                        scale_x: Some(*w),
                        scale_y: Some(*h),
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                }),
                Item::Text(_) => {}
            }
        }
        ops.push(Op::StartTextSection);
        let mut current: Option<(u8, f32)> = None;
        let mut runs = page
            .items
            .into_iter()
            .filter_map(|item| match item {
                Item::Text(run) => Some(run),
                _ => None,
            })
            .peekable();
        while let Some(first) = runs.next() {
            let key = (first.style as u8, first.size);
            if current != Some(key) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_ids[&key.0].clone()),
                    size: Pt(first.size),
                });
                current = Some(key);
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, first.x, ph - first.y]),
            });
            // The runs of one line (the words of a justified line) go into one TJ array:
            // a kerning number moves the pen from where the previous run's glyphs left it
            // to the next run's x. One text matrix per line instead of per word keeps the
            // content stream, and printpdf's translation of it, several times smaller.
            let face = fonts.face(first.style);
            let mut pen = face.pdf_advance(&first.text) as f64;
            let mut items = vec![TextItem::Text(first.text)];
            while let Some(next) =
                runs.next_if(|n| n.y == first.y && n.style == first.style && n.size == first.size)
            {
                let dx = (next.x as f64 - first.x as f64) * 1000.0 / first.size as f64;
                let kern = (pen - dx) as f32;
                pen += face.pdf_advance(&next.text) as f64;
                if kern != 0.0 {
                    pen -= kern as f64;
                    items.push(TextItem::Offset(kern));
                    items.push(TextItem::Text(next.text));
                } else if let Some(TextItem::Text(t)) = items.last_mut() {
                    t.push_str(&next.text);
                }
            }
            ops.push(Op::ShowText { items });
        }
        ops.push(Op::EndTextSection);
        ops.shrink_to_fit();
        pdf.pages.push(PdfPage::new(
            Mm(page.width * 25.4 / 72.0),
            Mm(page.height * 25.4 / 72.0),
            ops,
        ));
    }

    let opts = PdfSaveOptions {
        image_optimization: None,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    // The operations are in the content streams now.
    drop(pdf);
    // PDF 1.4 at least (Decree 30; soft masks of transparent images need it too).
    lo.version = "1.7".to_string();
    // printpdf always writes an empty GTS_PDFXVersion, which claims PDF/X conformance to
    // readers; drop it and the other empty entries.
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(|o| o.as_reference())
        && let Ok(dict) = lo.get_object_mut(info_id).and_then(|o| o.as_dict_mut())
    {
        for key in ["GTS_PDFXVersion", "Identifier", "Keywords", "Trapped"] {
            dict.remove(key.as_bytes());
        }
    }
    compress_streams(&mut lo);
    // printpdf writes random trailer ids; use a hash of the file instead. The file is
    // written once with a placeholder id of the same length, which is then overwritten
    // with the hash of those bytes (ids of equal files are equal, as before).
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
        z.reset();
        let Some(packed) = deflate(&mut z, &stream.content) else {
            continue;
        };
        if packed.len() + 19 < stream.content.len() {
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
        for s in Style::ALL {
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

    #[test]
    fn missing_glyphs_and_framed_text_do_not_fail() {
        let mut p = ir::Paragraph::new(14.0);
        p.framed = true;
        p.runs = vec![ir::Inline::Text(ir::Run {
            text: "MẬT 漢字 😀 →".into(),
            bold: true,
            underline: true,
            ..ir::Run::default()
        })];
        let doc = ir::Document {
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
        };
        let pdf = write_pdf(&doc, crate::fonts::bundled()).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"));
        // A hard page break at the end still produces its (empty) second page.
        assert_eq!(layout::layout(&doc, crate::fonts::bundled()).len(), 2);
    }
}
