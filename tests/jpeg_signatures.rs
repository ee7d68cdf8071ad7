//! JPEG signature and seal pictures (what scanners produce): both signature blocks take
//! one, the DOCX stores the file unchanged as a JPEG media part, and the PDF embeds it
//! unchanged under `/DCTDecode`. A broken JPEG is refused like a broken PNG.

use crate::common;

use common::*;

const RIGHT: &str = "data/examples/chu-ky-mau.jpg";
const LEFT: &str = "tests/images/chu-ky-xam-luy-tien.jpg";

/// The cong-van example signed on both sides with JPEG pictures, rendered into a temporary
/// directory: (directory, output stem).
fn signed_letter() -> (tempfile::TempDir, std::path::PathBuf) {
    let src = std::fs::read_to_string(root().join("data/examples/cong-van.yaml")).unwrap();
    let src = src.replace(
        "  ho_ten: Lê Thị Thu Hà\n",
        "  ho_ten: Lê Thị Thu Hà\n  anh_chu_ky: phai.jpg\n",
    );
    let src = src.replace(
        "\nchu_ky:\n",
        "\nchu_ky_trai:\n  chuc_vu: CHÁNH VĂN PHÒNG\n  ho_ten: Trần Văn Bình\n  anh_chu_ky: trai.jpg\nchu_ky:\n",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(RIGHT), dir.path().join("phai.jpg")).unwrap();
    std::fs::copy(root().join(LEFT), dir.path().join("trai.jpg")).unwrap();
    std::fs::write(dir.path().join("ky.yaml"), src).unwrap();
    let (code, _, err) = vanban(&["render", "ky.yaml", "-o", "."], dir.path());
    assert_eq!(code, 0, "{err}");
    let stem = dir.path().join("ky");
    (dir, stem)
}

#[test]
fn the_docx_stores_both_jpegs_unchanged() {
    let (_d, stem) = signed_letter();
    let docx = stem.with_extension("docx");
    let names = zip_names(&docx);
    let media: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("word/media/"))
        .collect();
    assert_eq!(media.len(), 2, "{names:?}");
    assert!(media.iter().all(|n| n.ends_with(".jpeg")), "{media:?}");
    let types = zip_part(&docx, "[Content_Types].xml").unwrap();
    assert!(
        types.contains(r#"<Default Extension="jpeg" ContentType="image/jpeg" />"#),
        "{types}"
    );
    let rels = zip_part(&docx, "word/_rels/document.xml.rels").unwrap();
    for m in &media {
        let target = m.trim_start_matches("word/");
        assert!(rels.contains(&format!(r#"Target="{target}""#)), "{rels}");
    }
    // Each part holds one of the files byte for byte.
    let file = std::fs::File::open(&docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut stored = Vec::new();
    for m in &media {
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(m).unwrap(), &mut data).unwrap();
        stored.push(data);
    }
    for f in [RIGHT, LEFT] {
        let bytes = std::fs::read(root().join(f)).unwrap();
        assert!(stored.contains(&bytes), "{f} not stored unchanged");
    }
    // Both pictures sit in the signature table.
    let xml = zip_part(&docx, "word/document.xml").unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let sig = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .find(|t| t.descendants().any(|d| d.text() == Some("Nơi nhận:")))
        .expect("the signature table");
    let drawings = sig
        .descendants()
        .filter(|d| d.has_tag_name((W, "drawing")))
        .count();
    assert_eq!(drawings, 2);
}

#[test]
fn the_pdf_embeds_both_jpegs_as_dct_streams() {
    let (_d, stem) = signed_letter();
    let pdf = lopdf::Document::load(stem.with_extension("pdf")).unwrap();
    let mut found = Vec::new();
    for obj in pdf.objects.values() {
        let Ok(s) = obj.as_stream() else { continue };
        let is_image = s
            .dict
            .get(b"Subtype")
            .is_ok_and(|v| v.as_name().is_ok_and(|n| n == b"Image"));
        if !is_image {
            continue;
        }
        let filter = s.dict.get(b"Filter").unwrap().as_name().unwrap().to_vec();
        assert_eq!(filter, b"DCTDecode".to_vec());
        let space = s
            .dict
            .get(b"ColorSpace")
            .unwrap()
            .as_name()
            .unwrap()
            .to_vec();
        found.push((String::from_utf8(space).unwrap(), s.content.clone()));
    }
    assert_eq!(found.len(), 2, "two pictures");
    let right = std::fs::read(root().join(RIGHT)).unwrap();
    let left = std::fs::read(root().join(LEFT)).unwrap();
    assert!(found.contains(&("DeviceRGB".to_string(), right)));
    assert!(found.contains(&("DeviceGray".to_string(), left)));
    if needs(&["pdfimages"]) {
        let list = tool(
            "pdfimages",
            &["-list", stem.with_extension("pdf").to_str().unwrap()],
        );
        assert_eq!(
            list.lines().filter(|l| l.contains(" jpeg ")).count(),
            2,
            "{list}"
        );
    }
}

#[test]
fn a_broken_jpeg_is_refused_at_its_key() {
    let good = std::fs::read(root().join(RIGHT)).unwrap();
    for (bytes, expect) in [
        (good[..good.len() - 2].to_vec(), "thiếu dấu kết thúc FFD9"),
        (good[..200].to_vec(), "bị cắt cụt"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let src = std::fs::read_to_string(root().join("data/examples/cong-van.yaml")).unwrap();
        let src = src.replace(
            "  ho_ten: Lê Thị Thu Hà\n",
            "  ho_ten: Lê Thị Thu Hà\n  anh_chu_ky: hong.jpg\n",
        );
        let line = src.lines().position(|l| l.contains("hong.jpg")).unwrap() + 1;
        std::fs::write(dir.path().join("ky.yaml"), &src).unwrap();
        std::fs::write(dir.path().join("hong.jpg"), bytes).unwrap();
        let (code, _, err) = vanban(&["render", "ky.yaml", "-o", "out"], dir.path());
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(&format!("ky.yaml:{line}:15: ")), "{err}");
        assert!(err.contains(expect), "{expect}: {err}");
        assert!(!dir.path().join("out").exists());
    }
}
