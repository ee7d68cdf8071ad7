//! DOCX package hygiene (issue 13): every part of every example's package is the target of
//! a relationship (or is a relationships or content-types part), every relationship's
//! target exists, the content types name exactly the XML parts present, and no part nothing
//! uses is written (comments, comments-extended, numbering; footnotes without footnotes).

use crate::common;

use std::collections::BTreeSet;

use common::{root, vanban, zip_names, zip_part};

const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_NS: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

/// The package part a relationships part's target names: relative to the part's folder.
fn resolve(rels: &str, target: &str) -> String {
    let base = rels
        .strip_suffix(".rels")
        .and_then(|p| p.rsplit_once("/_rels/").map(|(dir, _)| dir))
        .unwrap_or("");
    if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else if base.is_empty() {
        target.to_string()
    } else {
        format!("{base}/{target}")
    }
}

fn check_package(docx: &std::path::Path) {
    let names: BTreeSet<String> = zip_names(docx).into_iter().collect();
    let what = docx.display();
    let mut targets = BTreeSet::new();
    for rels in names.iter().filter(|n| n.ends_with(".rels")) {
        let xml = zip_part(docx, rels).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for r in doc
            .descendants()
            .filter(|n| n.has_tag_name((REL_NS, "Relationship")))
        {
            let part = resolve(rels, r.attribute("Target").unwrap());
            assert!(
                names.contains(&part),
                "{what}: {rels} points to missing {part}"
            );
            targets.insert(part);
        }
    }
    for n in &names {
        let infra = n.ends_with(".rels") || n == "[Content_Types].xml";
        assert!(
            infra || targets.contains(n),
            "{what}: nothing points to {n}"
        );
    }
    for unused in [
        "word/comments.xml",
        "word/commentsExtended.xml",
        "word/numbering.xml",
    ] {
        assert!(!names.contains(unused), "{what}: {unused}");
    }
    let body = zip_part(docx, "word/document.xml").unwrap();
    assert_eq!(
        names.contains("word/footnotes.xml"),
        body.contains("footnoteReference"),
        "{what}: footnotes part without footnotes, or footnotes without their part"
    );
    let settings = zip_part(docx, "word/settings.xml").unwrap();
    assert_eq!(
        settings.contains("footnotePr"),
        names.contains("word/footnotes.xml"),
        "{what}: settings name separator footnotes the package does not have"
    );
    // Content types: an override for each XML part present, none for a part absent.
    let ct = zip_part(docx, "[Content_Types].xml").unwrap();
    let doc = roxmltree::Document::parse(&ct).unwrap();
    let overrides: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((CT_NS, "Override")))
        .map(|n| {
            n.attribute("PartName")
                .unwrap()
                .trim_start_matches('/')
                .to_string()
        })
        .collect();
    for o in &overrides {
        assert!(names.contains(o), "{what}: content type for missing {o}");
    }
    for n in names
        .iter()
        .filter(|n| n.ends_with(".xml") && *n != "[Content_Types].xml")
    {
        assert!(overrides.contains(n), "{what}: no content type for {n}");
    }
}

#[test]
fn every_example_package_holds_exactly_the_parts_it_uses() {
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for e in std::fs::read_dir(root().join("data/examples")).unwrap() {
        let p = e.unwrap().path();
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        if p.extension().is_none_or(|x| x != "yaml") || stem.starts_with("nhiem-vu") {
            continue;
        }
        let out = dir.path().join(&stem);
        let (code, _, err) = vanban(
            &[
                "render",
                p.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--format",
                "docx",
            ],
            &root(),
        );
        assert_eq!(code, 0, "{stem}: {err}");
        check_package(&out.join(format!("{stem}.docx")));
        checked += 1;
    }
    assert!(checked >= 10, "{checked} examples");
}

#[test]
fn the_checker_sees_a_dangling_part() {
    // A package with a part no relationship names must fail the check.
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            root().join("data/examples/cong-van.yaml").to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
            "--format",
            "docx",
        ],
        &root(),
    );
    assert_eq!(code, 0, "{err}");
    let src = dir.path().join("cong-van.docx");
    let bad = dir.path().join("bad.docx");
    {
        use std::io::Write;
        let mut zin = zip::ZipArchive::new(std::fs::File::open(&src).unwrap()).unwrap();
        let mut zout = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
        let opts = zip::write::SimpleFileOptions::default();
        for i in 0..zin.len() {
            let mut f = zin.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            zout.start_file(f.name(), opts).unwrap();
            zout.write_all(&data).unwrap();
        }
        zout.start_file("word/comments.xml", opts).unwrap();
        zout.write_all(b"<w:comments/>").unwrap();
        zout.finish().unwrap();
    }
    let caught = std::panic::catch_unwind(|| check_package(&bad));
    assert!(caught.is_err(), "a dangling comments part passed the check");
}
