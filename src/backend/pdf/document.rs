//! The PDF's objects, built once into one lopdf document: images, embedded faces, the page
//! tree with each page's resources and content stream, the catalog and the information
//! dictionary; then saved with trailer ids made from the file's own bytes.

use std::collections::BTreeMap;
use std::io::Write;

use lopdf::Object::{Array, Integer, Name, Real, Reference};
use lopdf::{Dictionary, Object, Stream, StringFormat};
use printpdf::{Mm, ParsedFont, Pt};

use super::embed::{self, Program};
use super::{FNV_OFFSET, PdfError, fnv_continue, jpeg, png};
use crate::ir;

/// Deflate through one compressor, reset between streams: setting up a new compressor per
/// stream cost as much as the compression itself.
pub(crate) struct Deflater(flate2::Compress);

impl Deflater {
    /// zlib-rs's fastest level codes with fixed Huffman tables only: the streams came out
    /// a third larger than at level 6, for a millisecond saved on a ten-page report.
    pub fn new(level: flate2::Compression) -> Deflater {
        Deflater(flate2::Compress::new(level, true))
    }

    /// `data` deflated, if that saves more than the `/Filter` entry costs.
    pub fn smaller(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        let z = &mut self.0;
        z.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let read = z.total_in() as usize;
            if out.len() == out.capacity() {
                out.reserve(out.capacity().max(4096));
            }
            match z.compress_vec(&data[read..], &mut out, flate2::FlushCompress::Finish) {
                Ok(flate2::Status::StreamEnd) => break,
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        (out.len() + 19 < data.len()).then_some(out)
    }

    /// A stream of `data` with `dict`, deflated when that makes it smaller.
    pub fn stream(&mut self, dict: Dictionary, data: Vec<u8>) -> Stream {
        match self.smaller(&data) {
            Some(packed) => {
                let mut s = Stream::new(dict, packed);
                s.dict.set("Filter", "FlateDecode");
                s
            }
            None => Stream::new(dict, data),
        }
        .with_compression(false)
    }
}

/// An embedded face ready to be written: its resource name, printpdf's parse and its
/// program.
pub(crate) struct Face<'a> {
    pub resource: String,
    pub parsed: &'a ParsedFont,
    pub program: Program,
}

/// What goes into the document besides the pages' content.
pub(crate) struct Parts<'a> {
    pub meta: &'a ir::Meta,
    pub conformance: super::Conformance,
    /// In resource-name order.
    pub faces: Vec<Face<'a>>,
    /// Distinct PNGs by resource name, in name order.
    pub images: BTreeMap<String, &'a [u8]>,
    /// Each page's size in points and content stream.
    pub pages: Vec<(f32, f32, Stream)>,
    /// The outline: (page index, level, title, top of the heading in PDF points from
    /// the page's bottom), in document order.
    pub outline: Vec<(usize, u8, String, f32)>,
}

/// An image XObject of a PNG or JPEG file.
fn add_image(doc: &mut lopdf::Document, data: &[u8]) -> Result<Object, PdfError> {
    match ir::ImageFormat::of(data) {
        Some(ir::ImageFormat::Jpeg) => add_jpeg(doc, data),
        _ => add_png(doc, data),
    }
}

/// A JPEG embedded as it is, under `/DCTDecode`: PDF readers decode it themselves.
fn add_jpeg(doc: &mut lopdf::Document, data: &[u8]) -> Result<Object, PdfError> {
    // Validation read this file already (`image::CheckedImage`): this cannot fail.
    let info = jpeg::parse(data).map_err(|e| PdfError::Image(e.to_string()))?;
    let space = if info.components == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let dict = Dictionary::from_iter(vec![
        ("Type", Name("XObject".into())),
        ("Subtype", Name("Image".into())),
        ("Width", Integer(i64::from(info.width))),
        ("Height", Integer(i64::from(info.height))),
        ("BitsPerComponent", Integer(8)),
        ("ColorSpace", Name(space.into())),
        ("Filter", Name("DCTDecode".into())),
    ]);
    Ok(Reference(doc.add_object(Stream::new(dict, data.to_vec()))))
}

/// A PNG's pixels deflated, an alpha channel as a grey soft mask.
fn add_png(doc: &mut lopdf::Document, png_bytes: &[u8]) -> Result<Object, PdfError> {
    // Validation decoded this image already (`image::CheckedImage`): this cannot fail.
    let px = png::decode(png_bytes).map_err(|e| PdfError::Image(e.to_string()))?;
    let (colour, alpha) = match px.channels {
        1 | 2 => (1, px.channels == 2),
        _ => (3, px.channels == 4),
    };
    let stride = colour + usize::from(alpha);
    let mut pixels = Vec::with_capacity(px.width * px.height * colour);
    let mut mask = Vec::with_capacity(if alpha { px.width * px.height } else { 0 });
    for p in px.data.chunks_exact(stride) {
        pixels.extend_from_slice(&p[..colour]);
        if alpha {
            mask.push(p[stride - 1]);
        }
    }
    let dict = |space: &str| {
        Dictionary::from_iter(vec![
            ("Type", Name("XObject".into())),
            ("Subtype", Name("Image".into())),
            ("Width", Integer(px.width as i64)),
            ("Height", Integer(px.height as i64)),
            ("BitsPerComponent", Integer(8)),
            ("ColorSpace", Name(space.into())),
            ("Filter", Name("FlateDecode".into())),
        ])
    };
    let mut image = dict(if colour == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    });
    if alpha {
        let smask = doc.add_object(Stream::new(dict("DeviceGray"), zlib(&mask)));
        image.set("SMask", Reference(smask));
    }
    Ok(Reference(doc.add_object(Stream::new(image, zlib(&pixels)))))
}

/// `data` as zlib at the default level (images, as printpdf wrote them).
fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

/// A text string of the information dictionary: UTF-16BE with a byte order mark.
fn text_string(text: &str) -> Object {
    if text.is_empty() {
        return Object::string_literal("");
    }
    let mut bytes = vec![0xFE, 0xFF];
    for c in text.encode_utf16() {
        bytes.extend_from_slice(&c.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `s` on one line: inner line breaks and runs of spaces become one space, edges trimmed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The information dictionary: metadata only, dated by the document (never the clock).
fn info(meta: &ir::Meta, date: &str) -> Dictionary {
    let date = || Object::String(date.as_bytes().to_vec(), StringFormat::Literal);
    Dictionary::from_iter(vec![
        ("Producer", text_string("vanban")),
        ("CreationDate", date()),
        ("ModDate", date()),
        // Values as readers show them: no line ends or edge spaces from the YAML.
        ("Subject", text_string(&one_line(&meta.subject))),
        ("Title", text_string(&one_line(&meta.title))),
        ("Author", text_string(&one_line(&meta.author))),
        ("Creator", text_string("vanban")),
    ])
}

/// A page box of `w` × `h` points (through millimetres, as printpdf sizes pages).
fn page_box(w: f32, h: f32) -> Object {
    let pt = |v: f32| Real(Pt::from(Mm(v * 25.4 / 72.0)).0);
    Array(vec![Real(0.0), Real(0.0), pt(w), pt(h)])
}

/// The document with every object; the trailer has no ids yet.
pub(crate) fn build(parts: Parts, date: &str) -> Result<lopdf::Document, PdfError> {
    // PDF 1.4 at least (Decree 30; soft masks of transparent images need it too).
    let mut doc = lopdf::Document::with_version("1.7");
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let mut xobjects = Dictionary::new();
    for (name, png) in &parts.images {
        xobjects.set(name.as_bytes(), add_image(&mut doc, png)?);
    }
    let pages_id = doc.new_object_id();
    let mut fonts = Dictionary::new();
    let mut z = Deflater::new(flate2::Compression::best());
    for face in parts.faces {
        let dict = embed::add_font(&mut doc, &mut z, &face.resource, face.parsed, face.program);
        fonts.set(face.resource.into_bytes(), Reference(doc.add_object(dict)));
    }
    let fonts = doc.add_object(fonts);
    let xobjects = doc.add_object(xobjects);
    let states = doc.add_object(Dictionary::new());
    let shadings = doc.add_object(Dictionary::new());
    let page_ids: Vec<lopdf::ObjectId> = parts.pages.iter().map(|_| doc.new_object_id()).collect();
    for ((w, h, content), id) in parts.pages.into_iter().zip(&page_ids) {
        let resources = doc.add_object(Dictionary::from_iter(vec![
            ("Font", Reference(fonts)),
            ("XObject", Reference(xobjects)),
            ("ExtGState", Reference(states)),
            ("Shading", Reference(shadings)),
        ]));
        let contents = doc.add_object(content);
        let page = Dictionary::from_iter(vec![
            ("Type", Name("Page".into())),
            ("MediaBox", page_box(w, h)),
            ("TrimBox", page_box(w, h)),
            ("CropBox", page_box(w, h)),
            ("Parent", Reference(pages_id)),
            ("Resources", Reference(resources)),
            ("Contents", Reference(contents)),
            ("Annots", Array(Vec::new())),
        ]);
        doc.set_object(*id, page);
    }
    doc.set_object(
        pages_id,
        Dictionary::from_iter(vec![
            ("Type", Name("Pages".into())),
            ("Count", Integer(page_ids.len() as i64)),
            (
                "Kids",
                Array(page_ids.iter().map(|p| Reference(*p)).collect()),
            ),
        ]),
    );
    let outline = outline(&mut doc, &parts.outline, &page_ids);
    let meta = parts.meta;
    let pdfa = parts.conformance == super::Conformance::PdfA2b;
    let xmp = super::xmp::packet(
        &one_line(&meta.title),
        &one_line(&meta.author),
        &one_line(&meta.subject),
        date,
        pdfa,
    );
    let metadata = doc.add_object(Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Name("Metadata".into())),
            ("Subtype", Name("XML".into())),
        ]),
        xmp,
    ));
    let mut catalog = Dictionary::from_iter(vec![
        ("Type", Name("Catalog".into())),
        ("PageLayout", Name("OneColumn".into())),
        (
            "PageMode",
            Name(
                if outline.is_some() {
                    "UseOutlines"
                } else {
                    "UseNone"
                }
                .into(),
            ),
        ),
        ("Pages", Reference(pages_id)),
        ("Metadata", Reference(metadata)),
        // The language of the text, for screen readers and archives.
        (
            "Lang",
            Object::String(b"vi-VN".to_vec(), StringFormat::Literal),
        ),
    ]);
    if let Some(root) = outline {
        catalog.set("Outlines", Reference(root));
    }
    if pdfa {
        catalog.set("OutputIntents", Array(vec![output_intent(&mut doc)]));
    }
    let catalog = doc.add_object(catalog);
    let info = doc.add_object(info(meta, date));
    doc.trailer.set("Root", Reference(catalog));
    doc.trailer.set("Info", Reference(info));
    Ok(doc)
}

/// The sRGB output intent of PDF/A (ISO 19005-2 §6.2.3): the colours of the pages' device
/// RGB and grey are sRGB's.
fn output_intent(doc: &mut lopdf::Document) -> Object {
    let profile = doc.add_object(Stream::new(
        Dictionary::from_iter(vec![("N", Integer(3))]),
        super::icc::srgb_profile(),
    ));
    let name = || Object::String(b"sRGB IEC61966-2.1".to_vec(), StringFormat::Literal);
    Object::Dictionary(Dictionary::from_iter(vec![
        ("Type", Name("OutputIntent".into())),
        ("S", Name("GTS_PDFA1".into())),
        ("OutputConditionIdentifier", name()),
        ("Info", name()),
        (
            "RegistryName",
            Object::String(b"http://www.color.org".to_vec(), StringFormat::Literal),
        ),
        ("DestOutputProfile", Reference(profile)),
    ]))
}

/// The document outline (bookmarks), nested by heading level: each entry goes under the
/// nearest earlier entry of a smaller level. None without headings.
fn outline(
    doc: &mut lopdf::Document,
    marks: &[(usize, u8, String, f32)],
    pages: &[lopdf::ObjectId],
) -> Option<lopdf::ObjectId> {
    if marks.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<lopdf::ObjectId> = marks.iter().map(|_| doc.new_object_id()).collect();
    // The parent of each entry (None: the root), by a stack of open levels.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(marks.len());
    let mut open: Vec<usize> = Vec::new();
    for (i, (_, level, _, _)) in marks.iter().enumerate() {
        while open.last().is_some_and(|&j| marks[j].1 >= *level) {
            open.pop();
        }
        parent.push(open.last().copied());
        open.push(i);
    }
    let children =
        |p: Option<usize>| -> Vec<usize> { (0..marks.len()).filter(|&i| parent[i] == p).collect() };
    // Every entry is open: an entry's count is all its descendants (ISO 32000-1 §12.3.3).
    let mut descendants = vec![0i64; marks.len()];
    for i in 0..marks.len() {
        let mut p = parent[i];
        while let Some(j) = p {
            descendants[j] += 1;
            p = parent[j];
        }
    }
    let link = |d: &mut Dictionary, kids: &[usize], count: i64| {
        if let (Some(f), Some(l)) = (kids.first(), kids.last()) {
            d.set("First", Reference(ids[*f]));
            d.set("Last", Reference(ids[*l]));
            d.set("Count", Integer(count));
        }
    };
    for (i, (page, _, title, top)) in marks.iter().enumerate() {
        let siblings = children(parent[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = Dictionary::from_iter(vec![
            ("Title", text_string(title)),
            ("Parent", Reference(parent[i].map_or(root, |p| ids[p]))),
            (
                "Dest",
                Array(vec![
                    Reference(pages[*page]),
                    Name("XYZ".into()),
                    Object::Null,
                    Real(*top),
                    Object::Null,
                ]),
            ),
        ]);
        if at > 0 {
            d.set("Prev", Reference(ids[siblings[at - 1]]));
        }
        if let Some(n) = siblings.get(at + 1) {
            d.set("Next", Reference(ids[*n]));
        }
        link(&mut d, &children(Some(i)), descendants[i]);
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let mut r = Dictionary::from_iter(vec![("Type", Name("Outlines".into()))]);
    link(&mut r, &children(None), marks.len() as i64);
    doc.objects.insert(root, Object::Dictionary(r));
    Some(root)
}

/// Both FNV-1a hashes (seeds 0 and 1) of everything written to it.
struct Hasher([u64; 2]);

impl Write for Hasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for h in self.0.iter_mut() {
            *h = fnv_continue(*h, buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Save `doc` with trailer ids made from its bytes: the hash of the file as it is with ids
/// of zeros (ids of equal files are equal). The file is written once with the zeros, which
/// are then replaced in place: the ids are as long as the zeros.
pub(crate) fn save(mut doc: lopdf::Document) -> Result<Vec<u8>, PdfError> {
    let ids = |a: &[u8], b: &[u8]| {
        let s = |v: &[u8]| Object::String(v.to_vec(), StringFormat::Literal);
        Array(vec![s(a), s(b)])
    };
    let zeros = [b'0'; 32];
    doc.trailer.set("ID", ids(&zeros, &zeros));
    // The dictionaries go into object streams, compressed, with a cross-reference stream
    // (PDF 1.5, allowed in PDF/A-2): a tenth of a report's file was plain dictionaries.
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(6)
        .build();
    let mut out = Vec::new();
    doc.save_with_options(&mut out, options)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    let mut key = b"/ID[(".to_vec();
    key.extend_from_slice(&zeros);
    key.extend_from_slice(b")(");
    key.extend_from_slice(&zeros);
    let at = out
        .windows(key.len())
        .rposition(|w| w == key.as_slice())
        .ok_or_else(|| PdfError::Write("trailer ids not found".into()))?;
    let mut hasher = Hasher([FNV_OFFSET, FNV_OFFSET ^ 1]);
    std::io::Write::write_all(&mut hasher, &out).map_err(|e| PdfError::Write(e.to_string()))?;
    let id = format!("{:016x}{:016x}", hasher.0[0], hasher.0[1]);
    out[at + 5..at + 37].copy_from_slice(id.as_bytes());
    out[at + 39..at + 71].copy_from_slice(id.as_bytes());
    Ok(out)
}
