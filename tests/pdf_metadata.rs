//! The PDF as its readers expect (issue 13): `/Lang (vi-VN)` in the catalog, an XMP packet
//! with the document's title, author, subject and language, information values on one line
//! with no edge spaces, and subset tags derived from each subset (two documents' subsets of
//! one face never share a tag, so merged files stay valid).

mod common;

use common::{needs, render, tool};

const REPORT: &str = "data/examples/bao-cao-thang.yaml";
const LETTER: &str = "data/examples/cong-van.yaml";

#[test]
fn catalog_names_the_language_and_carries_xmp() {
    let (_d, out) = render(REPORT, "pdf");
    let bytes = std::fs::read(out.with_extension("pdf")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let lang = text.find("/Lang").expect("a /Lang entry");
    assert!(
        text[lang + 5..].trim_start().starts_with("(vi-VN)"),
        "{}",
        &text[lang..lang + 20]
    );
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
