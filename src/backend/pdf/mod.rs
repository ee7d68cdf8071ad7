//! PDF output: the pages from [`crate::layout`] as one PDF document that vanban builds
//! itself (`document`): the page content streams written by `content`, every word at an
//! absolute position (`Tw` has no effect with two-byte fonts, so justified lines use
//! kerning numbers in one `TJ` array per line); the faces subset by printpdf and embedded
//! by `embed`; images, metadata. Reproducible to the byte.

mod content;
mod document;
mod embed;
mod icc;
#[doc(hidden)]
pub mod image;
#[doc(hidden)]
pub mod jpeg;
#[doc(hidden)]
pub mod png;
mod xmp;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::fonts::{FontSet, FontStyle};
use crate::ir;
use crate::layout::{self, Item, Page};

/// Why the PDF backend failed (after validation, a bug: reported as `noi-bo`).
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
    write_pdf_as(doc, fonts, Conformance::Plain)
}

/// Which PDF is written: the same pages either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Conformance {
    /// PDF 1.7.
    #[default]
    Plain,
    /// PDF/A-2b (ISO 19005-2, level B) for archives: also an sRGB output intent and the
    /// PDF/A identification in the XMP metadata.
    PdfA2b,
}

/// [`write_pdf`] in the given conformance.
pub fn write_pdf_as(
    doc: &ir::Document,
    fonts: &FontSet,
    conformance: Conformance,
) -> Result<Vec<u8>, PdfError> {
    let pages = std::thread::scope(|scope| {
        // printpdf's own parse of the faces, needed only once the pages are laid out.
        scope.spawn(|| preload(fonts));
        layout::layout(doc, fonts)
    });
    write_pages(pages, &doc.meta, fonts, conformance)
}

/// FNV-1a's offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits, continued from state `h` over `data`.
fn fnv_continue(mut h: u64, data: &[u8]) -> u64 {
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// FNV-1a, 64 bits: stable across runs and platforms (std's hasher is not).
fn fnv(data: &[u8], seed: u64) -> u64 {
    fnv_continue(FNV_OFFSET ^ seed, data)
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
fn face_hash(style: FontStyle, data: &[u8], bundled: bool) -> u64 {
    if bundled || style == FontStyle::Fallback {
        BUNDLED_FACE_HASHES[style as usize]
    } else {
        fnv(data, style as u64 + 1)
    }
}

/// A font resource name: six letters derived from the face, so that output does not depend
/// on anything but the face.
fn font_id(style: FontStyle, data: &[u8], bundled: bool) -> String {
    letters(face_hash(style, data, bundled))
}

/// The subset tag of an embedded subset: six letters from the subset's own bytes, so that
/// different subsets of one face never share a tag (ISO 32000-1 §9.6.4), whichever
/// documents are merged.
fn subset_tag(program: &[u8]) -> String {
    letters(fnv(program, 0))
}

/// Six upper-case letters from a hash.
fn letters(mut h: u64) -> String {
    (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
}

/// The document's date as a PDF date, from its metadata (the epoch if it has none).
fn pdf_date(created: &str) -> String {
    let date = chrono::NaiveDate::parse_from_str(created.get(..10).unwrap_or(""), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    date.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

/// printpdf's parse of each bundled text face (by [`FontStyle`]), made once per process.
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
        FontStyle::ALL
            .iter()
            .map(|s| parse_face(&fonts.face(*s).data))
            .collect()
    })
}

/// A face in use: printpdf's parse, the characters shown, its resource name.
struct UsedFace {
    style: FontStyle,
    resource: String,
    parsed: Cow<'static, ParsedFont>,
    /// The characters, in the order their glyphs are collected ([`content::usage_text`]).
    text: String,
}

/// Write already laid-out pages.
pub fn write_pages(
    pages: Vec<Page>,
    meta: &ir::Meta,
    fonts: &FontSet,
    conformance: Conformance,
) -> Result<Vec<u8>, PdfError> {
    let used = used_chars(&pages, fonts)?;
    let mut faces = used_faces(fonts, &used)?;
    // Objects in resource-name order.
    faces.sort_by(|a, b| a.resource.cmp(&b.resource));
    let mut codes: Vec<Option<content::Codes>> = FontStyle::FACES.iter().map(|_| None).collect();
    for f in &faces {
        let chars = &used[f.style as usize];
        let face = fonts.face(f.style);
        codes[f.style as usize] = Some(content::Codes::new(
            f.resource.clone(),
            &f.parsed,
            face,
            chars,
        ));
    }
    let images = image_names(&pages);
    let image_name = |data: &[u8]| images[&fnv(data, 0)].clone();
    // The faces are subset while the page contents are written and compressed, assuming
    // the subsets number glyphs as predicted.
    let (programs, mut streams) = std::thread::scope(|scope| {
        let programs = scope.spawn(|| {
            faces
                .iter()
                .map(|f| {
                    let usage = embed::glyph_usage(&f.parsed, &f.text);
                    embed::program(&f.resource, &f.parsed, &usage)
                })
                .collect::<Vec<_>>()
        });
        let streams = page_streams(&pages, &codes, image_name);
        (programs.join().expect("font thread panicked"), streams)
    });
    let mut changed = false;
    for (f, program) in faces.iter().zip(&programs) {
        if let Some(c) = codes[f.style as usize].as_mut() {
            changed |= c.settle(|g| program.code(g));
        }
    }
    if changed {
        streams = page_streams(&pages, &codes, image_name);
    }
    let mut image_by_name: BTreeMap<String, &[u8]> = BTreeMap::new();
    for page in &pages {
        for item in &page.items {
            if let Item::Image { data, .. } = item {
                image_by_name.insert(image_name(data), data);
            }
        }
    }
    let parts = document::Parts {
        meta,
        conformance,
        faces: faces
            .iter()
            .zip(programs)
            .map(|(f, program)| document::Face {
                resource: f.resource.clone(),
                parsed: &f.parsed,
                program,
            })
            .collect(),
        images: image_by_name,
        pages: pages
            .iter()
            .zip(streams)
            .map(|(p, s)| (p.width, p.height, s))
            .collect(),
        outline: pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.marks
                    .iter()
                    .map(move |m| (i, m.level, m.title.clone(), p.height - m.y))
            })
            .collect(),
    };
    let doc = document::build(parts, &pdf_date(&meta.created))?;
    document::save(doc)
}

/// The characters shown in each face (indexed by [`FontStyle`]), every one of which the face
/// must have.
fn used_chars(pages: &[Page], fonts: &FontSet) -> Result<Vec<BTreeSet<char>>, PdfError> {
    let mut used: Vec<BTreeSet<char>> = FontStyle::FACES.iter().map(|_| BTreeSet::new()).collect();
    for page in pages {
        for run in page.runs() {
            used[run.style as usize].extend(run.text.chars());
        }
    }
    // Never a blank where the DOCX has a character (`fonts::coverage` reports these with
    // their position before layout; this is the last line of defence).
    for style in FontStyle::FACES {
        let face = fonts.face(style);
        if let Some(c) = used[style as usize].iter().find(|c| !face.has_char(**c)) {
            return Err(PdfError::Font(crate::fonts::coverage::uncovered_message(
                *c,
            )));
        }
    }
    Ok(used)
}

/// The faces in use (the fallback face only for a document that needs it), each with the
/// characters it shows and printpdf's parse of it.
fn used_faces(fonts: &FontSet, used: &[BTreeSet<char>]) -> Result<Vec<UsedFace>, PdfError> {
    let bundled = crate::fonts::is_bundled(fonts);
    let mut out = Vec::new();
    for style in FontStyle::FACES {
        let chars = &used[style as usize];
        if chars.is_empty() {
            continue;
        }
        let face = fonts.face(style);
        let parsed = if style == FontStyle::Fallback {
            FALLBACK_PARSED
                .get_or_init(|| parse_face(&face.data))
                .as_ref()
                .map(Cow::Borrowed)
        } else if bundled {
            bundled_parsed(fonts)[style as usize]
                .as_ref()
                .map(Cow::Borrowed)
        } else {
            parse_face(&face.data).map(Cow::Owned)
        }
        .ok_or_else(|| PdfError::Font(format!("không đọc được kiểu chữ {style:?}")))?;
        let text = content::usage_text(chars);
        // A face none of whose characters has a glyph is not embedded.
        if embed::glyph_usage(&parsed, &text).is_empty() {
            continue;
        }
        out.push(UsedFace {
            style,
            resource: font_id(style, &face.data, bundled),
            parsed,
            text,
        });
    }
    Ok(out)
}

/// Resource names of the images, one per distinct PNG, by the PNG's hash.
fn image_names(pages: &[Page]) -> BTreeMap<u64, String> {
    let mut names = BTreeMap::new();
    for page in pages {
        for item in &page.items {
            if let Item::Image { data, .. } = item {
                let h = fnv(data, 0);
                names.entry(h).or_insert_with(|| format!("Im{h:016x}"));
            }
        }
    }
    names
}

/// Each page's content stream, deflated when that makes it smaller.
fn page_streams(
    pages: &[Page],
    codes: &[Option<content::Codes>],
    image_name: impl Fn(&[u8]) -> String + Copy,
) -> Vec<lopdf::Stream> {
    let mut z = document::Deflater::new(flate2::Compression::default());
    pages
        .iter()
        .map(|page| {
            let bytes = content::page_content(page, codes, image_name);
            z.stream(lopdf::Dictionary::new(), bytes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_face_hashes() {
        for s in FontStyle::FACES {
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
        let a = font_id(FontStyle::Bold, &f.bold.data, true);
        assert_eq!(a, font_id(FontStyle::Bold, &f.bold.data, false));
        assert_ne!(a, font_id(FontStyle::Regular, &f.regular.data, true));
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
    }

    #[test]
    fn date_from_meta() {
        assert_eq!(pdf_date("2024-02-05T00:00:00Z"), "D:20240205000000+00'00'");
        assert_eq!(pdf_date("not a date"), "D:19700101000000+00'00'");
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

    /// The `/BaseFont` names of a PDF (its dictionaries are in compressed object streams).
    fn base_fonts(pdf: &[u8]) -> String {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let names: Vec<String> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter_map(|d| d.get(b"BaseFont").and_then(|n| n.as_name()).ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect();
        names.join(" ")
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
            .filter(|r| r.style == FontStyle::Fallback)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(fallback.replace(' ', ""), "☐✓①");
        // On the baseline of the text around them.
        let y = pages[0].runs().next().unwrap().y;
        assert!(pages[0].runs().all(|r| r.y == y), "{:?}", pages[0].items);
        let pdf = write_pdf(&doc, fonts).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"));
        assert!(base_fonts(&pdf).contains("+VanbanSymbols-Regular"));
        let plain = write_pdf(&doc_of("MẬT → Đạt"), fonts).unwrap();
        assert!(
            !base_fonts(&plain).contains("VanbanSymbols"),
            "{}",
            base_fonts(&plain)
        );
        assert!(base_fonts(&plain).contains("LiberationSerif"));
    }

    /// The ids are the file's own hash (with zeros in their place), so equal documents give
    /// equal files and different ones different ids.
    #[test]
    fn trailer_ids_are_the_hash_of_the_file() {
        let fonts = crate::fonts::bundled();
        let pdf = write_pdf(&doc_of("MẬT"), fonts).unwrap();
        let key = b"/ID[(";
        let at = pdf.windows(key.len()).rposition(|w| w == key).unwrap() + key.len();
        let id = pdf[at..at + 32].to_vec();
        assert_eq!(&pdf[at + 32..at + 34], b")(");
        assert_eq!(pdf[at + 34..at + 66], id[..]);
        let mut zeroed = pdf.clone();
        zeroed[at..at + 32].fill(b'0');
        zeroed[at + 34..at + 66].fill(b'0');
        let want = format!("{:016x}{:016x}", fnv(&zeroed, 0), fnv(&zeroed, 1));
        assert_eq!(String::from_utf8(id).unwrap(), want);
        let other = write_pdf(&doc_of("MẬT KHẨN"), fonts).unwrap();
        assert!(!contains(&other, want.as_bytes()));
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
