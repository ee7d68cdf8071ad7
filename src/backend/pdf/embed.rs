//! Embedded faces: printpdf subsets each face (allsorts through `printpdf::subset_font`) and
//! writes its `/ToUnicode` map and `/W` widths; the font objects themselves (`Type0`, the
//! CID font, its descriptor and program) are written here, once, into the document.
//!
//! The dictionaries are the ones printpdf 0.12.8 writes for an embedded face (its
//! `add_subset_font_to_pdf`), so the files are the same; what changed is that vanban puts
//! them into its own document instead of taking printpdf's whole document apart.

use std::collections::BTreeMap;

use lopdf::Object::{Array, Integer, Name, Reference};
use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{FontId, ParsedFont};

use super::document::Deflater;

/// `/DW`: the width of glyphs `/W` does not list (printpdf's default).
const DEFAULT_WIDTH: i64 = 1000;

/// A face's font program as it is embedded, with what its dictionaries need.
pub(crate) struct Program {
    /// The program: the subset, or the whole face when subsetting failed.
    bytes: Vec<u8>,
    was_subset: bool,
    /// The `Identity-H` code of each original glyph id; empty when the codes are the
    /// original glyph ids (a whole TrueType face).
    remap: BTreeMap<u16, u16>,
    to_unicode: String,
    widths: Vec<Object>,
    ascent: i64,
    descent: i64,
}

impl Program {
    /// The code the content streams write for original glyph `gid` (.notdef for a glyph
    /// the subset lacks).
    pub fn code(&self, gid: u16) -> u16 {
        if self.remap.is_empty() {
            gid
        } else {
            self.remap.get(&gid).copied().unwrap_or(0)
        }
    }
}

/// The glyphs `text` shows in `font`, each with the character `/ToUnicode` maps it to (the
/// last one seen where characters share a glyph).
pub(crate) fn glyph_usage(font: &ParsedFont, text: &str) -> BTreeMap<u16, String> {
    let mut used = BTreeMap::new();
    for c in text.chars() {
        if let Some(gid) = font.lookup_glyph_index(c as u32) {
            used.insert(gid, c.to_string());
        }
    }
    used
}

/// The program of `font` for the glyphs `used`: a subset, or the whole face if subsetting
/// fails.
pub(crate) fn program(resource: &str, font: &ParsedFont, used: &BTreeMap<u16, String>) -> Program {
    let id = FontId(resource.to_string());
    subset(&id, font, used).unwrap_or_else(|| whole(&id, font, used))
}

/// Codes in ascending order with the glyph to take each one's width from, and its text.
type Coded = Vec<(u16, u16, String)>;

fn to_unicode(font: &ParsedFont, id: &FontId, coded: &Coded) -> String {
    let unicode: Vec<(u16, String)> = coded.iter().map(|(c, _, s)| (*c, s.clone())).collect();
    printpdf::generate_cmap_string(font, id, &unicode)
}

fn subset(id: &FontId, font: &ParsedFont, used: &BTreeMap<u16, String>) -> Option<Program> {
    let subset = printpdf::subset_font(font, used).ok()?;
    let parsed = ParsedFont::from_bytes(&subset.bytes, 0, &mut Vec::new())?;
    // For a CID-keyed CFF subset the codes are its charset's CIDs, else the subset's ids.
    let cids = printpdf::cff_charset_gid_to_cid_map(&subset.bytes, 0);
    let mut remap = BTreeMap::new();
    let mut coded: Coded = Vec::new();
    for (original, (new, text)) in &subset.glyph_mapping {
        let code = cids
            .as_ref()
            .and_then(|m| m.get(new).copied())
            .unwrap_or(*new);
        remap.insert(*original, code);
        coded.push((code, *new, text.clone()));
    }
    coded.sort_by_key(|c| c.0);
    let entries: Vec<(u16, u16)> = coded.iter().map(|(c, g, _)| (*c, *g)).collect();
    Some(Program {
        to_unicode: to_unicode(&parsed, id, &coded),
        widths: printpdf::get_normalized_widths_codes(&parsed, &entries),
        ascent: parsed.font_metrics.ascent as i64,
        descent: parsed.font_metrics.descent as i64,
        bytes: subset.bytes,
        was_subset: true,
        remap,
    })
}

/// The whole face (one face of a collection).
fn whole(id: &FontId, font: &ParsedFont, used: &BTreeMap<u16, String>) -> Program {
    let bytes = font
        .source_bytes()
        .map(|b| b.as_slice().to_vec())
        .unwrap_or_default();
    let bytes = if bytes.get(..4) == Some(b"ttcf".as_slice()) {
        printpdf::extract_collection_face(&bytes, font.original_index).unwrap_or(bytes)
    } else {
        bytes
    };
    let cids = printpdf::cff_charset_gid_to_cid_map(&bytes, 0);
    let mut coded: Coded = used
        .iter()
        .map(|(gid, s)| {
            let code = cids
                .as_ref()
                .and_then(|m| m.get(gid).copied())
                .unwrap_or(*gid);
            (code, *gid, s.clone())
        })
        .collect();
    coded.sort_by_key(|c| c.0);
    Program {
        to_unicode: to_unicode(font, id, &coded),
        widths: whole_widths(font, &coded),
        ascent: font.font_metrics.ascent as i64,
        descent: font.font_metrics.descent as i64,
        bytes,
        was_subset: false,
        remap: cids.unwrap_or_default(),
    }
}

/// `/W` of a whole face: runs of consecutive codes, widths in thousandths of an em.
fn whole_widths(font: &ParsedFont, coded: &Coded) -> Vec<Object> {
    let upm = font.pdf_font_metrics.units_per_em as f32;
    let width = |gid: u16| {
        font.get_or_decode_glyph(gid)
            .map_or(0, |g| (g.horz_advance as f32 * 1000.0 / upm) as i64)
    };
    let mut out = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let (mut low, mut high) = (0u16, 0u16);
    for (code, gid, _) in coded {
        if !run.is_empty() && *code != high + 1 {
            out.push(Integer(low as i64));
            out.push(Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            low = *code;
        }
        high = *code;
        run.push(Integer(width(*gid)));
    }
    if !run.is_empty() {
        out.push(Integer(low as i64));
        out.push(Array(run));
    }
    out
}

/// The font program's stream and its key in the descriptor, and the CID font subtype.
fn program_stream(
    doc: &mut lopdf::Document,
    z: &mut Deflater,
    program: &[u8],
) -> (&'static str, (&'static str, Object)) {
    let mut stream = |subtype: Option<&str>, data: Vec<u8>, length1: bool| {
        let mut dict = Dictionary::new();
        if let Some(s) = subtype {
            dict.set("Subtype", Name(s.into()));
        }
        if length1 {
            dict.set("Length1", Integer(data.len() as i64));
        }
        z.stream(dict, data)
    };
    if let Some(cff) = printpdf::extract_cid_keyed_cff(program, 0) {
        let s = stream(Some("CIDFontType0C"), cff, false);
        ("CIDFontType0", ("FontFile3", Reference(doc.add_object(s))))
    } else if program.starts_with(b"OTTO") {
        let s = stream(Some("OpenType"), program.to_vec(), false);
        ("CIDFontType0", ("FontFile3", Reference(doc.add_object(s))))
    } else {
        let s = stream(None, program.to_vec(), true);
        ("CIDFontType2", ("FontFile2", Reference(doc.add_object(s))))
    }
}

/// The descriptor's metrics, in thousandths of an em.
fn descriptor_metrics(font: &ParsedFont, p: &Program) -> Vec<(&'static str, Object)> {
    let m = &font.pdf_font_metrics;
    let scale = if m.units_per_em == 0 {
        1.0
    } else {
        1000.0 / m.units_per_em as f32
    };
    let ascent = (p.ascent as f32 * scale).round() as i64;
    let descent = (p.descent as f32 * scale).round() as i64;
    let cap_height = font
        .font_metrics
        .cap_height
        .map_or(ascent, |c| (c * scale).round() as i64);
    // The slant in degrees, counter-clockwise from vertical (negative for italics).
    let italic_angle = if m.caret_slope_rise == 0 {
        0
    } else {
        (-(m.caret_slope_run as f32)
            .atan2(m.caret_slope_rise as f32)
            .to_degrees())
        .round() as i64
    };
    // Nonsymbolic, and italic when slanted.
    let flags = (1 << 5) | if italic_angle != 0 { 1 << 6 } else { 0 };
    // The stem width estimated from the weight class.
    let stem_v = if m.us_weight_class == 0 {
        80
    } else {
        50 + ((m.us_weight_class as f32 / 65.0).powi(2)).round() as i64
    };
    let bbox = |v: i16| Integer((v as f32 * scale).round() as i64);
    vec![
        ("Ascent", Integer(ascent)),
        ("Descent", Integer(descent)),
        ("CapHeight", Integer(cap_height)),
        ("ItalicAngle", Integer(italic_angle)),
        ("Flags", Integer(flags)),
        ("StemV", Integer(stem_v)),
        (
            "FontBBox",
            Array(vec![
                bbox(m.x_min),
                bbox(m.y_min),
                bbox(m.x_max),
                bbox(m.y_max),
            ]),
        ),
    ]
}

/// Add the objects of one embedded face (program, `/ToUnicode`, descriptor) to `doc` and
/// return its `Type0` font dictionary.
pub(crate) fn add_font(
    doc: &mut lopdf::Document,
    z: &mut Deflater,
    resource: &str,
    font: &ParsedFont,
    p: Program,
) -> Dictionary {
    let name = font
        .font_name
        .clone()
        .unwrap_or_else(|| resource.to_string());
    // The subset tag marks a reduced glyph set, on the font and the descriptor alike.
    let name = if p.was_subset {
        format!("{}+{name}", super::subset_tag(&p.bytes))
    } else {
        name
    };
    let (subtype, file) = program_stream(doc, z, &p.bytes);
    let to_unicode = doc.add_object(z.stream(Dictionary::new(), p.to_unicode.clone().into_bytes()));
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", Name("FontDescriptor".into()));
    descriptor.set("FontName", Name(name.clone().into_bytes()));
    for (k, v) in descriptor_metrics(font, &p) {
        descriptor.set(k, v);
    }
    descriptor.set(file.0, file.1);
    let descriptor = doc.add_object(descriptor);
    let system_info = Dictionary::from_iter(vec![
        (
            "Registry",
            Object::String("Adobe".into(), StringFormat::Literal),
        ),
        (
            "Ordering",
            Object::String("Identity".into(), StringFormat::Literal),
        ),
        ("Supplement", Integer(0)),
    ]);
    let mut cid_font = Dictionary::from_iter(vec![
        ("Type", Name("Font".into())),
        ("BaseFont", Name(name.clone().into_bytes())),
        ("Subtype", Name(subtype.into())),
        ("CIDSystemInfo", Object::Dictionary(system_info)),
        ("W", Array(p.widths)),
        ("DW", Integer(DEFAULT_WIDTH)),
        ("FontDescriptor", Reference(descriptor)),
    ]);
    if subtype == "CIDFontType2" {
        cid_font.set("CIDToGIDMap", Name("Identity".into()));
    }
    Dictionary::from_iter(vec![
        ("Type", Name("Font".into())),
        ("Subtype", Name("Type0".into())),
        ("BaseFont", Name(name.into_bytes())),
        ("Encoding", Name("Identity-H".into())),
        ("ToUnicode", Reference(to_unicode)),
        ("DescendantFonts", Array(vec![Object::Dictionary(cid_font)])),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regular() -> (ParsedFont, &'static crate::fonts::Face) {
        let face = &crate::fonts::bundled().regular;
        let parsed = ParsedFont::from_bytes(&face.data, 0, &mut Vec::new()).unwrap();
        (parsed, face)
    }

    /// The content streams are written with codes predicted before the subset exists: the
    /// subset must number the glyphs as predicted.
    #[test]
    fn subset_codes_are_the_predicted_ones() {
        let (parsed, face) = regular();
        let chars: std::collections::BTreeSet<char> = "Đọc kỹ  văn bản".chars().collect();
        let text = super::super::content::usage_text(&chars);
        let usage = glyph_usage(&parsed, &text);
        let p = program("ABCDEF", &parsed, &usage);
        assert!(p.was_subset);
        let mut codes = super::super::content::Codes::new("ABCDEF".into(), &parsed, face, &chars);
        assert!(
            !codes.settle(|g| p.code(g)),
            "a code differs from the prediction"
        );
        // Glyph ids 1, 2, … follow .notdef, one per distinct glyph.
        let mut all: Vec<u16> = usage.keys().map(|g| p.code(*g)).collect();
        all.sort();
        assert_eq!(all, (1..=usage.len() as u16).collect::<Vec<_>>());
    }

    #[test]
    fn whole_face_keeps_glyph_ids_and_has_no_subset_tag() {
        let (parsed, _) = regular();
        let usage = glyph_usage(&parsed, "ab");
        let p = whole(&FontId("ABCDEF".into()), &parsed, &usage);
        for g in usage.keys() {
            assert_eq!(p.code(*g), *g);
        }
        let mut doc = lopdf::Document::with_version("1.7");
        let dict = add_font(
            &mut doc,
            &mut Deflater::new(flate2::Compression::fast()),
            "ABCDEF",
            &parsed,
            p,
        );
        let name = dict.get(b"BaseFont").unwrap().as_name().unwrap();
        assert_eq!(name, b"LiberationSerif");
        // Program, /ToUnicode and descriptor; the program is the whole face.
        assert_eq!(doc.objects.len(), 3);
        let program = doc.get_object((1, 0)).unwrap().as_stream().unwrap();
        let length1 = program.dict.get(b"Length1").unwrap().as_i64().unwrap();
        assert_eq!(length1 as usize, crate::fonts::bundled().regular.data.len());
    }
}
