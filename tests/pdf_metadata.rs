//! The PDF as its readers expect (issue 13): `/Lang (vi-VN)` in the catalog, an XMP packet
//! with the document's title, author, subject and language, information values on one line
//! with no edge spaces, and subset tags derived from each subset (two documents' subsets of
//! one face never share a tag, so merged files stay valid).

use crate::common;

use common::{needs, render, tool};

const REPORT: &str = "data/examples/bao-cao-thang.yaml";
const LETTER: &str = "data/examples/cong-van.yaml";

#[test]
fn catalog_names_the_language_and_carries_xmp() {
    let (_d, out) = render(REPORT, "pdf");
    let bytes = std::fs::read(out.with_extension("pdf")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    // The catalog sits in a compressed object stream.
    let doc = lopdf::Document::load_mem(&bytes).expect("a readable PDF");
    let lang = doc
        .catalog()
        .and_then(|c| c.get(b"Lang"))
        .and_then(|l| l.as_str())
        .expect("a /Lang entry");
    assert_eq!(lang, b"vi-VN");
    let start = text.find("<x:xmpmeta").expect("an XMP packet");
    let end = text.find("</x:xmpmeta>").expect("the packet's end") + "</x:xmpmeta>".len();
    let doc = roxmltree::Document::parse(&text[start..end]).expect("well-formed XMP");
    let li: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("li"))
        .filter_map(|n| n.text())
        .collect();
    assert!(li.contains(&"vi-VN"), "{li:?}");
    assert!(li.iter().any(|l| l.starts_with("Báo cáo ")), "{li:?}");
    assert!(
        li.iter().any(|l| l.starts_with("Kết quả triển khai Đề án")),
        "{li:?}"
    );
}

#[test]
fn information_values_have_no_edge_spaces() {
    if !needs(&["pdfinfo"]) {
        return;
    }
    let (_d, out) = render(REPORT, "pdf");
    let info = tool("pdfinfo", &[out.with_extension("pdf").to_str().unwrap()]);
    for key in ["Title:", "Subject:", "Author:"] {
        let line = info.lines().find(|l| l.starts_with(key)).expect(key);
        let value = line[key.len()..].trim_start();
        assert!(!value.is_empty(), "{line}");
        assert_eq!(value, value.trim_end(), "{key} ends in a space: {line:?}");
    }
    assert!(info.contains("Metadata Stream: yes"), "{info}");
}

/// The subset tags of a PDF: "ABCDEF" of "ABCDEF+LiberationSerif-Bold", by face name.
fn tags(pdf: &std::path::Path) -> Vec<(String, String)> {
    let out = tool("pdffonts", &[pdf.to_str().unwrap()]);
    out.lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .filter_map(|n| n.split_once('+'))
        .map(|(t, f)| (f.to_string(), t.to_string()))
        .collect()
}

#[test]
fn subset_tags_differ_between_documents_and_repeat_for_the_same_one() {
    if !needs(&["pdffonts"]) {
        return;
    }
    let (_a, report) = render(REPORT, "pdf");
    let (_b, again) = render(REPORT, "pdf");
    let (_c, letter) = render(LETTER, "pdf");
    let (r, r2, l) = (
        tags(&report.with_extension("pdf")),
        tags(&again.with_extension("pdf")),
        tags(&letter.with_extension("pdf")),
    );
    assert!(r.len() >= 3, "{r:?}");
    assert_eq!(r, r2, "same input, same tags");
    for (_, tag) in r.iter().chain(&l) {
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{tag}"
        );
    }
    // The regular face's subsets of two documents hold different glyphs, so their tags
    // differ (a face subset to the same glyphs in both, such as the bold italic of "Nơi
    // nhận:", is the same font program and may share its tag).
    let regular = |t: &[(String, String)]| {
        t.iter()
            .find(|(f, _)| f == "LiberationSerif")
            .map(|(_, tag)| tag.clone())
            .expect("the regular face")
    };
    assert_ne!(
        regular(&r),
        regular(&l),
        "one tag for two different subsets"
    );
}

#[test]
fn the_report_has_an_outline_of_its_headings() {
    let (_d, out) = render(REPORT, "pdf");
    let pdf = out.with_extension("pdf");
    let entries = common::pdf_outline(&pdf);
    assert!(entries.len() >= 4, "{entries:?}");
    // Top-level headings are the Roman ones, in order, with their sub-headings nested.
    let top: Vec<&str> = entries
        .iter()
        .filter(|e| e.0 == 0)
        .map(|e| e.1.as_str())
        .collect();
    assert!(top[0].starts_with("I. "), "{entries:?}");
    assert!(top[1].starts_with("II. "), "{entries:?}");
    assert!(
        entries.iter().any(|e| e.0 == 1 && e.1.starts_with("1. ")),
        "{entries:?}"
    );
    // Each entry points at the page showing its heading.
    if needs(&["pdftotext"]) {
        for (_, title, page) in &entries {
            let p = page.to_string();
            let text = tool(
                "pdftotext",
                &["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
            );
            let words: Vec<&str> = title.split_whitespace().take(3).collect();
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(&words.join(" ")),
                "{title:?} not on page {page}"
            );
        }
    }
}

/// The example report rendered with `--pdfa` (and without, to compare), as PDFs.
fn pdfa_and_plain() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let report = common::root().join(REPORT);
    let report = report.to_str().unwrap();
    for (args, out) in [(&["--pdfa"][..], "a.pdf"), (&[][..], "plain.pdf")] {
        let mut all = vec!["render", report, "-o", out];
        all.extend_from_slice(args);
        let (code, _, err) = common::vanban(&all, dir.path());
        assert_eq!(code, 0, "{err}");
    }
    let a = dir.path().join("a.pdf");
    let plain = dir.path().join("plain.pdf");
    (dir, a, plain)
}

#[test]
fn pdfa_has_the_srgb_output_intent_and_the_pdfa_identification() {
    let (_d, a, _) = pdfa_and_plain();
    let bytes = std::fs::read(&a).unwrap();
    // A binary comment right after the header (ISO 19005-2 §6.1.2).
    let second = bytes.split(|b| *b == b'\n').nth(1).unwrap();
    assert!(second.len() >= 5 && second[0] == b'%' && second[1..5].iter().all(|b| *b > 127));
    let doc = lopdf::Document::load(&a).unwrap();
    assert!(!doc.is_encrypted());
    let ids = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(ids.len(), 2, "a file identifier");
    let catalog = doc.catalog().unwrap();
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    assert_eq!(intents.len(), 1);
    let intent = intents[0].as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    assert_eq!(
        intent
            .get(b"OutputConditionIdentifier")
            .unwrap()
            .as_str()
            .unwrap(),
        b"sRGB IEC61966-2.1"
    );
    let profile_id = intent
        .get(b"DestOutputProfile")
        .unwrap()
        .as_reference()
        .unwrap();
    let profile = doc.get_object(profile_id).unwrap().as_stream().unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    let icc = &profile.content;
    assert_eq!(
        u32::from_be_bytes(icc[0..4].try_into().unwrap()) as usize,
        icc.len()
    );
    assert_eq!(&icc[12..24], b"mntrRGB XYZ ", "an RGB display profile");
    assert_eq!(&icc[36..40], b"acsp");
    assert!(icc[8] <= 4, "ICC version 4 or older");

    // The XMP packet: uncompressed, with pdfaid part 2 and conformance B, and the same
    // title, author and dates as the information dictionary.
    let meta_id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let meta = doc.get_object(meta_id).unwrap().as_stream().unwrap();
    assert!(
        meta.dict.get(b"Filter").is_err(),
        "the XMP is not compressed"
    );
    let xmp = String::from_utf8(meta.content.clone()).unwrap();
    let start = xmp.find("<x:xmpmeta").unwrap();
    let end = xmp.find("</x:xmpmeta>").unwrap() + "</x:xmpmeta>".len();
    let x = roxmltree::Document::parse(&xmp[start..end]).unwrap();
    let text_of = |ns: &str, name: &str| -> String {
        let n = x
            .descendants()
            .find(|n| n.has_tag_name((ns, name)))
            .unwrap_or_else(|| panic!("{name} missing from the XMP"));
        n.descendants()
            .filter(|t| t.is_text())
            .filter_map(|t| t.text())
            .collect::<String>()
    };
    const PDFAID: &str = "http://www.aiim.org/pdfa/ns/id/";
    const DC: &str = "http://purl.org/dc/elements/1.1/";
    const XMP: &str = "http://ns.adobe.com/xap/1.0/";
    assert_eq!(text_of(PDFAID, "part"), "2");
    assert_eq!(text_of(PDFAID, "conformance"), "B");
    let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    let info_text = |k: &[u8]| -> String {
        let b = info.get(k).unwrap().as_str().unwrap();
        let units: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    };
    assert_eq!(text_of(DC, "title"), info_text(b"Title"));
    assert_eq!(text_of(DC, "creator"), info_text(b"Author"));
    assert_eq!(text_of(DC, "description"), info_text(b"Subject"));
    let created = std::str::from_utf8(info.get(b"CreationDate").unwrap().as_str().unwrap())
        .unwrap()
        .to_string();
    let iso = text_of(XMP, "CreateDate");
    assert_eq!(
        &created[2..10],
        iso[..10].replace('-', ""),
        "{created} vs {iso}"
    );

    // Every font program is embedded.
    for obj in doc.objects.values() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type")
                .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"FontDescriptor"))
        {
            assert!(d.get(b"FontFile2").is_ok(), "a font not embedded: {d:?}");
        }
    }
}

#[test]
fn pdfa_pages_are_the_plain_pdfs_pages() {
    let (_d, a, plain) = pdfa_and_plain();
    let contents = |p: &std::path::Path| -> Vec<Vec<u8>> {
        let doc = lopdf::Document::load(p).unwrap();
        doc.get_pages()
            .values()
            .map(|id| doc.get_page_content(*id))
            .collect()
    };
    let (pa, pp) = (contents(&a), contents(&plain));
    assert!(pa.len() >= 3);
    assert_eq!(pa, pp);
    // Without --pdfa, no PDF/A claim.
    let doc = lopdf::Document::load(&plain).unwrap();
    assert!(doc.catalog().unwrap().get(b"OutputIntents").is_err());
    assert!(
        !std::fs::read_to_string(&plain)
            .unwrap_or_default()
            .contains("pdfaid")
    );
}

#[test]
fn pdfa_without_a_pdf_output_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let report = common::root().join(REPORT);
    for args in [
        &["--pdfa", "--format", "docx"][..],
        &["--pdfa", "-o", "x.docx"][..],
    ] {
        let mut all = vec!["render", report.to_str().unwrap()];
        all.extend_from_slice(args);
        let (code, _, err) = common::vanban(&all, dir.path());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("--pdfa"), "{err}");
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}
