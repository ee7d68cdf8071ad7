//! Where `vanban render` writes: `-o DIR`, `-o FILE.docx|FILE.pdf` (the format from the
//! extension), `-o -` (standard output), and `-` as the input (standard input). Every
//! combination that cannot be honoured is refused with exit 2 and nothing written.

use crate::common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{vanban, zip_part};

/// A scratch directory holding the signed Công văn (its image is a relative path).
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ex = common::root().join("data/examples");
    let yaml = std::fs::read_to_string(ex.join("cong-van.yaml")).unwrap();
    let signed = yaml.replace("\nchu_ky:\n", "\nchu_ky:\n  anh_chu_ky: chu-ky-mau.png\n");
    assert_ne!(yaml, signed, "cong-van.yaml has a chu_ky block");
    std::fs::write(dir.path().join("cong-van.yaml"), signed).unwrap();
    std::fs::copy(ex.join("chu-ky-mau.png"), dir.path().join("chu-ky-mau.png")).unwrap();
    dir
}

/// Run the binary in `cwd` with `stdin` as its standard input; (exit code, stdout, stderr).
fn vanban_stdin(args: &[&str], cwd: &Path, stdin: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_file_target_writes_that_file_in_the_format_of_its_extension() {
    let d = scratch();
    let (code, out, err) = vanban(&["render", "cong-van.yaml", "-o", "cv.pdf"], d.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("đã ghi cv.pdf"), "{out}");
    let pdf = std::fs::read(d.path().join("cv.pdf")).unwrap();
    assert!(
        pdf.starts_with(b"%PDF-"),
        "cv.pdf is a PDF file, not a directory"
    );
    let (code, _, err) = vanban(
        &["render", "cong-van.yaml", "--output", "cv.DOCX"],
        d.path(),
    );
    assert_eq!(code, 0, "{err}");
    let xml = zip_part(&d.path().join("cv.DOCX"), "word/document.xml").unwrap();
    assert!(xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_eq!(
        names(d.path()),
        ["chu-ky-mau.png", "cong-van.yaml", "cv.DOCX", "cv.pdf"],
        "no out/ directory and no second format"
    );
    // The same bytes as a render into a directory.
    let (code, _, err) = vanban(&["render", "cong-van.yaml", "--out", "dir"], d.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        pdf,
        std::fs::read(d.path().join("dir/cong-van.pdf")).unwrap()
    );
}

#[test]
fn impossible_targets_are_refused_with_nothing_written() {
    let d = scratch();
    std::fs::copy(d.path().join("cong-van.yaml"), d.path().join("b.yaml")).unwrap();
    let before = names(d.path());
    for (args, says) in [
        (
            &[
                "render",
                "cong-van.yaml",
                "-o",
                "cv.pdf",
                "--format",
                "docx",
            ][..],
            "trái với --format",
        ),
        (
            &["render", "cong-van.yaml", "b.yaml", "-o", "cv.pdf"][..],
            "đúng một tệp vào",
        ),
        (
            &["render", "cong-van.yaml", "-o", "-"][..],
            "cần --format docx hoặc --format pdf",
        ),
        (
            &["render", "cong-van.yaml", "-o", "-", "--format", "docx,pdf"][..],
            "cần --format docx hoặc --format pdf",
        ),
        (&["render", "-", "b.yaml"][..], "tệp vào duy nhất"),
    ] {
        let (code, out, err) = vanban(args, d.path());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        common::assert_code(&err, "lỗi: ", "dong-lenh");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert_eq!(names(d.path()), before, "{args:?} wrote something");
    }
}

#[test]
fn standard_input_and_output() {
    let d = scratch();
    let yaml = std::fs::read(d.path().join("cong-van.yaml")).unwrap();
    let (code, _, err) = vanban(&["render", "cong-van.yaml", "-o", "ref.pdf"], d.path());
    assert_eq!(code, 0, "{err}");
    let reference = std::fs::read(d.path().join("ref.pdf")).unwrap();

    // YAML in, PDF out: the image's relative path resolves from the working directory.
    let (code, pdf, err) = vanban_stdin(
        &["render", "-", "-o", "-", "--format", "pdf"],
        d.path(),
        &yaml,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.is_empty(),
        "nothing but the document on the pipes: {err}"
    );
    assert_eq!(pdf, reference, "the same bytes as from the file");

    // A file on disk, DOCX to standard output.
    let (code, docx, err) = vanban_stdin(
        &["render", "cong-van.yaml", "-o", "-", "--format", "docx"],
        d.path(),
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert!(docx.starts_with(b"PK"), "a zip package");

    // Standard input into a directory: van-ban.docx and van-ban.pdf.
    let (code, out, err) = vanban_stdin(&["render", "-"], d.path(), &yaml);
    assert_eq!(code, 0, "{err}");
    assert!(String::from_utf8_lossy(&out).contains("out/van-ban.pdf"));
    assert_eq!(
        names(&d.path().join("out")),
        ["van-ban.docx", "van-ban.pdf"]
    );
}

#[test]
fn bad_standard_input_names_stdin_and_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let (code, out, err) = vanban_stdin(
        &["render", "-", "-o", "x.pdf"],
        d.path(),
        b"loai: bao-cao\n",
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    common::assert_code(&err, "lỗi: <stdin>:1:1: ", "thieu-khoa");
    assert!(names(d.path()).is_empty(), "nothing written");
}
