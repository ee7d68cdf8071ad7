//! `--font-dir` chooses faces by the family and style names in their name tables (issue
//! 13): the four styles of one family, whatever the file names and whatever else is in the
//! folder, and the DOCX names that family.

use crate::common;

use common::{root, vanban, zip_part};

const FACES: &[&str] = &[
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
];

/// A font folder holding `faces` of the bundled ones, under names that sort in another
/// order, plus the symbol face (another family, regular only), which sorts first.
fn folder(faces: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fonts/VanbanSymbols-Regular.ttf"),
        dir.path().join("a-symbols.ttf"),
    )
    .unwrap();
    for (i, f) in faces.iter().enumerate() {
        std::fs::copy(
            root().join("fonts").join(f),
            dir.path().join(format!("z{}-{f}", 9 - i)),
        )
        .unwrap();
    }
    dir
}

fn render(fonts: &std::path::Path) -> (i32, String, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            root().join("data/examples/cong-van.yaml").to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--font-dir",
            fonts.to_str().unwrap(),
        ],
        &root(),
    );
    (code, err, out)
}

#[test]
fn the_family_with_four_styles_is_chosen_and_named_in_the_docx() {
    let fonts = folder(FACES);
    let (code, err, out) = render(fonts.path());
    assert_eq!(code, 0, "{err}");
    let styles = zip_part(&out.path().join("cong-van.docx"), "word/styles.xml").unwrap();
    assert!(styles.contains(r#"w:ascii="Liberation Serif""#), "{styles}");
    assert!(!styles.contains("Times New Roman"));
    if common::needs(&["pdffonts"]) {
        let list = common::tool(
            "pdffonts",
            &[out.path().join("cong-van.pdf").to_str().unwrap()],
        );
        for face in [
            "LiberationSerif ",
            "LiberationSerif-Bold ",
            "LiberationSerif-Italic ",
            "LiberationSerif-BoldItalic ",
        ] {
            assert!(list.contains(face), "{face} not embedded:\n{list}");
        }
    }
}

#[test]
fn a_family_missing_a_style_is_refused_naming_what_it_lacks() {
    let fonts = folder(&FACES[..3]);
    let (code, err, out) = render(fonts.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("\"Liberation Serif\" thiếu đậm nghiêng"),
        "{err}"
    );
    assert!(err.contains("phong-chu"), "{err}");
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
}

#[test]
fn without_font_dir_the_docx_names_times_new_roman() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            root().join("data/examples/cong-van.yaml").to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--format",
            "docx",
        ],
        &root(),
    );
    assert_eq!(code, 0, "{err}");
    let styles = zip_part(&out.path().join("cong-van.docx"), "word/styles.xml").unwrap();
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
}
