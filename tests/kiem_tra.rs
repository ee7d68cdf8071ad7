//! `vanban kiem-tra` (issue 15): every rule break of a test set written with python-docx
//! the way a person in Word would (tests/kiem-tra/make_docs.py) is caught with its rule
//! named; the conformant document, vanban's examples (DOCX and PDF) and their LibreOffice
//! re-saves show no error; `--sua` fixes the mechanical breaks and leaves every part it
//! did not need to touch byte for byte.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::{needs, root, soffice_convert, vanban};

fn has_python_docx() -> bool {
    crate::common::needs_python("docx", "python-docx")
}

/// The test set in a temp dir and its manifest: file → the rules it must be caught by.
fn test_set() -> Option<(tempfile::TempDir, BTreeMap<String, Vec<String>>)> {
    if !has_python_docx() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = root().join("tests/kiem-tra/make_docs.py");
    let st = std::process::Command::new("python3")
        .arg(&script)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let manifest = std::fs::read_to_string(dir.path().join("manifest.json")).unwrap();
    let manifest: BTreeMap<String, Vec<String>> = serde_json::from_str(&manifest).unwrap();
    assert!(manifest.len() >= 15, "the test set covers the rules");
    Some((dir, manifest))
}

/// One file's findings: (severity, rule, fixable).
type Found = Vec<(String, String, bool)>;

/// `kiem-tra --json` on `files`: exit code and each file's findings as (severity, rule,
/// fixable).
fn check(files: &[PathBuf]) -> (i32, Vec<Found>) {
    let mut args = vec!["kiem-tra".to_string(), "--json".into()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = vanban(&args, &root());
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    let per_file = v["tep"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["ket_qua"]
                .as_array()
                .unwrap_or_else(|| panic!("unreadable: {f}"))
                .iter()
                .map(|k| {
                    (
                        k["muc_do"].as_str().unwrap().to_string(),
                        k["quy_tac"].as_str().unwrap().to_string(),
                        k["sua_duoc"].as_bool().unwrap(),
                    )
                })
                .collect()
        })
        .collect();
    (code, per_file)
}

fn errors(findings: &Found) -> Vec<&str> {
    findings
        .iter()
        .filter(|f| f.0 == "loi")
        .map(|f| f.1.as_str())
        .collect()
}

#[test]
fn every_rule_break_is_caught_with_its_rule() {
    let Some((dir, manifest)) = test_set() else {
        return;
    };
    let files: Vec<PathBuf> = manifest.keys().map(|f| dir.path().join(f)).collect();
    let (code, found) = check(&files);
    assert_eq!(code, 1, "the set has errors");
    for ((name, want), got) in manifest.iter().zip(&found) {
        let errs = errors(got);
        if want.is_empty() {
            assert!(
                errs.is_empty(),
                "{name}: a conformant document has errors: {got:?}"
            );
        }
        for rule in want {
            assert!(
                errs.contains(&rule.as_str()),
                "{name}: rule {rule} not reported: {got:?}"
            );
        }
    }
}

#[test]
fn examples_and_their_libreoffice_resaves_have_no_error() {
    let out = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for e in std::fs::read_dir(root().join("data/examples")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".yaml") || name.contains("truoc") || name.starts_with("nhiem-vu-") {
            continue;
        }
        let (code, _, err) = vanban(
            &[
                "render",
                p.to_str().unwrap(),
                "-o",
                out.path().to_str().unwrap(),
            ],
            &root(),
        );
        assert_eq!(code, 0, "{name}: {err}");
    }
    for e in std::fs::read_dir(out.path()).unwrap() {
        files.push(e.unwrap().path());
    }
    files.sort();
    assert!(files.len() >= 20);
    let (code, found) = check(&files);
    for (f, got) in files.iter().zip(&found) {
        assert!(errors(got).is_empty(), "{}: {got:?}", f.display());
    }
    assert_eq!(code, 0);
    if !needs(&["soffice"]) {
        return;
    }
    let lo = tempfile::tempdir().unwrap();
    let resaved: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "docx"))
        .map(|f| {
            let sub = lo.path().join(f.file_stem().unwrap());
            std::fs::create_dir_all(&sub).unwrap();
            soffice_convert(f, &sub, "docx")
        })
        .collect();
    let (code, found) = check(&resaved);
    for (f, got) in resaved.iter().zip(&found) {
        assert!(
            errors(got).is_empty(),
            "LibreOffice re-save {}: {got:?}",
            f.display()
        );
    }
    assert_eq!(code, 0);
}

fn parts(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().to_string(), v)
        })
        .collect()
}

#[test]
fn fixing_yields_a_copy_without_mechanical_errors_and_untouched_parts() {
    let Some((dir, manifest)) = test_set() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let edited = [
        "word/document.xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ];
    for name in manifest.keys().filter(|n| n.starts_with("loi-")) {
        let input = dir.path().join(name);
        let fixed = out.path().join(name);
        let (code, stdout, err) = vanban(
            &[
                "kiem-tra",
                input.to_str().unwrap(),
                "--sua",
                fixed.to_str().unwrap(),
            ],
            &root(),
        );
        assert!(code == 0 || code == 1, "{name}: {err}");
        assert!(stdout.contains("đã ghi"), "{name}: {stdout}");
        let (_, found) = check(std::slice::from_ref(&fixed));
        let left: Vec<_> = found[0].iter().filter(|f| f.0 == "loi" && f.2).collect();
        assert!(
            left.is_empty(),
            "{name}: mechanical errors left after --sua: {left:?}"
        );
        let (before, after) = (parts(&input), parts(&fixed));
        for (part, bytes) in &before {
            if !edited.contains(&part.as_str()) {
                assert_eq!(after.get(part), Some(bytes), "{name}: {part} changed");
            }
        }
        // The breaks that are not mechanical are still reported.
        let mechanical = [
            "kho-giay",
            "le-trang",
            "phong-chu",
            "co-chu",
            "tieu-ngu",
            "so-ky-hieu",
            "dia-danh-ngay",
            "noi-nhan",
            "so-trang",
            "duong-ke",
        ];
        for rule in &manifest[name] {
            if !mechanical.contains(&rule.as_str()) {
                assert!(
                    errors(&found[0]).contains(&rule.as_str()),
                    "{name}: {rule} vanished after --sua"
                );
            }
        }
    }
}

#[test]
fn fixing_never_overwrites() {
    let Some((dir, _)) = test_set() else { return };
    let input = dir.path().join("loi-le-trang.docx");
    let before = std::fs::read(&input).unwrap();
    let (code, _, err) = vanban(
        &[
            "kiem-tra",
            input.to_str().unwrap(),
            "--sua",
            input.to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("không ghi đè"), "{err}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn not_a_document_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.docx");
    std::fs::write(&f, "không phải docx").unwrap();
    let (code, _, err) = vanban(&["kiem-tra", f.to_str().unwrap()], &root());
    assert_eq!(code, 2);
    assert!(err.contains("không phải tệp DOCX hay PDF"), "{err}");
}
