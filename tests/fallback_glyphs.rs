//! Symbols Liberation Serif lacks (☐ ✓ ①) are drawn from the bundled fallback face in the
//! PDF and kept in the DOCX; a character no bundled face has is an error at its YAML
//! position, and nothing is written.

use crate::common;

use common::*;
use std::path::Path;

const HEAD: &str = REPORT_HEAD;
const TAIL: &str = REPORT_TAIL;

/// A document with symbols in body text (one bold) and in a table cell.
fn symbols_yaml() -> String {
    format!(
        "{HEAD}noi_dung:
  - \"Tự đánh giá: ☐ Chưa đạt ✓ Đạt ① hồ sơ đầy đủ ⑳ ⇒ ★.\"
  - \"**Kết luận ✔ ☒**\"
  - bang:
      cot:
        - {{ten: STT, loai: stt, rong: 5}}
        - {{ten: Nội dung, rong: 30}}
        - {{ten: Kết quả, rong: 15}}
      dong:
        - [Hồ sơ ① đầy đủ, \"☐ Chưa đạt ✓ Đạt\"]
{TAIL}"
    )
}

fn render_in(dir: &Path, yaml: &str, extra: &[&str]) -> (i32, String) {
    std::fs::write(dir.join("van-ban.yaml"), yaml).unwrap();
    let mut args = vec!["render", "van-ban.yaml", "-o", "out"];
    args.extend_from_slice(extra);
    let (code, _, err) = vanban(&args, dir);
    (code, err)
}

/// (font name, emb, sub) of each font pdffonts lists.
fn pdf_fonts(pdf: &Path) -> Vec<(String, String, String)> {
    tool("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(|r| {
            let c: Vec<&str> = r.split_whitespace().collect();
            let n = c.len();
            (c[0].to_string(), c[n - 5].to_string(), c[n - 4].to_string())
        })
        .collect()
}

fn check_symbols_shown(dir: &Path, text_font: &str) {
    let xml = zip_part(&dir.join("out/van-ban.docx"), "word/document.xml").unwrap();
    for s in [
        "Tự đánh giá: ☐ Chưa đạt ✓ Đạt ① hồ sơ đầy đủ ⑳ ⇒ ★.",
        "Kết luận ✔ ☒",
    ] {
        assert!(xml.contains(s), "DOCX lacks {s:?}");
    }
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let t = tables(&doc, CellText::Joined);
    let row = t.iter().flatten().find(|r| r.len() == 3 && r[0] == "1");
    assert_eq!(
        row.map(|r| &r[1..]),
        Some(&["Hồ sơ ① đầy đủ".to_string(), "☐ Chưa đạt ✓ Đạt".to_string()][..]),
        "{t:?}"
    );

    if !needs(&["pdffonts", "pdftotext"]) {
        return;
    }
    let pdf = dir.join("out/van-ban.pdf");
    let fonts = pdf_fonts(&pdf);
    let symbols: Vec<_> = fonts
        .iter()
        .filter(|f| f.0.ends_with("+VanbanSymbols-Regular"))
        .collect();
    assert_eq!(symbols.len(), 1, "{fonts:?}");
    assert_eq!(
        (&*symbols[0].1, &*symbols[0].2),
        ("yes", "yes"),
        "embedded subset"
    );
    assert!(fonts.iter().any(|f| f.0.contains(text_font)), "{fonts:?}");

    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    for s in [
        "Tự đánh giá: ☐ Chưa đạt ✓ Đạt ① hồ sơ đầy đủ ⑳ ⇒ ★.",
        "Kết luận ✔ ☒",
        "Hồ sơ ① đầy đủ",
        "☐ Chưa đạt ✓ Đạt",
    ] {
        assert!(text.contains(s), "PDF lacks {s:?}:\n{text}");
    }
    // Real glyphs with a width, not blanks.
    let bbox = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let boxes: Vec<&str> = bbox
        .lines()
        .filter(|l| l.trim_end().ends_with(">☐</word>"))
        .collect();
    assert_eq!(boxes.len(), 2, "{bbox}");
    for b in boxes {
        let num = |k: &str| -> f32 {
            let i = b.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
            b[i..].split('"').next().unwrap().parse().unwrap()
        };
        assert!(num("xMax") - num("xMin") > 5.0, "{b}");
    }
}

#[test]
fn symbols_are_drawn_from_the_fallback_face_and_kept_in_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = render_in(dir.path(), &symbols_yaml(), &[]);
    assert_eq!(code, 0, "{err}");
    check_symbols_shown(dir.path(), "+LiberationSerif");
}

#[test]
fn fallback_face_also_serves_font_dir_faces() {
    let dir = tempfile::tempdir().unwrap();
    let faces = dir.path().join("phong");
    std::fs::create_dir(&faces).unwrap();
    for s in ["Regular", "Bold", "Italic", "BoldItalic"] {
        let name = format!("LiberationSerif-{s}.ttf");
        std::fs::copy(root().join("fonts").join(&name), faces.join(&name)).unwrap();
    }
    let (code, err) = render_in(dir.path(), &symbols_yaml(), &["--font-dir", "phong"]);
    assert_eq!(code, 0, "{err}");
    check_symbols_shown(dir.path(), "+LiberationSerif");
}

#[test]
fn characters_no_face_has_are_errors_at_their_position() {
    for (line, needle, shown) in [
        ("  - Cảm ơn 😀 mọi người.", "😀", "\"😀\" (U+1F600)"),
        (
            "  - \"Chữ Hán \\u6F22 trong văn bản\"",
            "\\u",
            "\"漢\" (U+6F22)",
        ),
    ] {
        let yaml = format!("{HEAD}noi_dung:\n  - Một đoạn ☐ in được.\n{line}\n{TAIL}");
        let column = line[..line.find(needle).unwrap()].chars().count() + 1;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("out")).unwrap();
        std::fs::write(dir.path().join("out/van-ban.pdf"), b"old").unwrap();
        let (code, err) = render_in(dir.path(), &yaml, &[]);
        assert_eq!(code, 1, "{err}");
        let expected = format!(
            "lỗi: van-ban.yaml:9:{column}: ký tự {shown} không có trong phông chữ nhúng; \
             không thể in ra PDF giống DOCX"
        );
        assert!(err.starts_with(&expected), "{err}");
        let mut left: Vec<_> = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["van-ban.pdf"], "nothing written");
        assert_eq!(
            std::fs::read(dir.path().join("out/van-ban.pdf")).unwrap(),
            b"old"
        );

        let (code, _, verr) = vanban(&["validate", "van-ban.yaml"], dir.path());
        assert_eq!(code, 1, "{verr}");
        assert!(verr.starts_with(&expected), "{verr}");
    }
}
