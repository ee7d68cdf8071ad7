//! The pipeline reads every file through `vanban::sources::Sources`: a document renders from
//! memory, with no file system at all, to the very bytes it renders to from disk; and no
//! stage reaches for the disk behind the interface's back.

use crate::common;

use std::path::{Path, PathBuf};

use vanban::files::write::Output;
use vanban::fonts::Fonts;
use vanban::render::{self, Format, Inputs};
use vanban::sources::{FileSystem, InMemory, Sources};
use vanban::template::Engine;

/// A directory that does not exist: whatever is read from under it came from memory.
const NOWHERE: &str = "/khong-ton-tai/vi-du";

/// The example files, compiled in.
const EXAMPLES: &[(&str, &[u8])] = &[
    (
        "bao-cao-thang.yaml",
        include_bytes!("../data/examples/bao-cao-thang.yaml"),
    ),
    (
        "bao-cao-thang-truoc.yaml",
        include_bytes!("../data/examples/bao-cao-thang-truoc.yaml"),
    ),
    (
        "dich-vu-cong.xlsx",
        include_bytes!("../data/examples/dich-vu-cong.xlsx"),
    ),
    (
        "nhiem-vu-bao-cao-2025.yaml",
        include_bytes!("../data/examples/nhiem-vu-bao-cao-2025.yaml"),
    ),
    (
        "chu-ky-mau.png",
        include_bytes!("../data/examples/chu-ky-mau.png"),
    ),
];

/// cong-van.yaml signed with the example signature image.
fn signed_cong_van() -> String {
    let text = include_str!("../data/examples/cong-van.yaml");
    assert!(
        text.contains("\nchu_ky:\n"),
        "cong-van.yaml has a chu_ky block"
    );
    text.replace("\nchu_ky:\n", "\nchu_ky:\n  anh_chu_ky: chu-ky-mau.png\n")
}

fn render(sources: &dyn Sources, path: &Path) -> Vec<Output> {
    let engine = Engine::new(sources, None).unwrap();
    let inputs = Inputs {
        sources,
        engine: &engine,
        fonts: Fonts::Bundled,
    };
    let formats = [Format::Docx, Format::Pdf];
    render::render_outputs(inputs, path, None, &[], Path::new("out"), &formats)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

fn bytes(outputs: &[Output]) -> Vec<(PathBuf, &[u8])> {
    outputs
        .iter()
        .map(|o| (o.path.clone(), o.bytes.as_slice()))
        .collect()
}

#[test]
fn renders_from_memory_as_from_disk() {
    assert!(!Path::new(NOWHERE).exists());
    let mut memory = InMemory::new();
    for (name, b) in EXAMPLES {
        memory.insert(Path::new(NOWHERE).join(name), *b);
    }
    memory.insert(
        Path::new(NOWHERE).join("cong-van-ky.yaml"),
        signed_cong_van(),
    );

    // The report: its workbook, its previous report (which reads the workbook too) and its
    // tasks file, all found from memory; `..` and `.` resolve as on disk.
    let report = Path::new(NOWHERE).join("../vi-du/./bao-cao-thang.yaml");
    let from_memory = render(&memory, &report);
    let from_disk = render(
        &FileSystem,
        &common::root().join("data/examples/bao-cao-thang.yaml"),
    );
    assert_eq!(bytes(&from_memory), bytes(&from_disk));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cong-van-ky.yaml"), signed_cong_van()).unwrap();
    std::fs::copy(
        common::root().join("data/examples/chu-ky-mau.png"),
        dir.path().join("chu-ky-mau.png"),
    )
    .unwrap();
    let from_memory = render(&memory, &Path::new(NOWHERE).join("cong-van-ky.yaml"));
    let from_disk = render(&FileSystem, &dir.path().join("cong-van-ky.yaml"));
    assert_eq!(bytes(&from_memory), bytes(&from_disk));
    // The signature is in it: the image was read from memory.
    assert!(
        from_memory[1]
            .bytes
            .windows(b"/Image".len())
            .any(|w| w == b"/Image"),
        "the PDF holds the signature image"
    );

    // Nothing was found on disk: the same paths fail there.
    assert!(render::load_and_check(&FileSystem, &report).is_err());
}

#[test]
fn missing_files_in_memory_are_reported_as_on_disk() {
    // A missing tasks file: the same message as on disk, naming the same path.
    let doc = format!(
        "{}nhiem_vu: {{tep: khong-co.yaml}}\nnoi_dung: [Một đoạn văn.]\n{}",
        common::REPORT_HEAD,
        common::REPORT_TAIL
    );
    let memory = InMemory::new().with(Path::new(NOWHERE).join("a.yaml"), doc.clone());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), &doc).unwrap();
    let message = |sources: &dyn Sources, dir: &Path| {
        let e = render::load_and_check(sources, &dir.join("a.yaml"))
            .err()
            .unwrap();
        e.iter()
            .map(|e| e.to_string().replace(&dir.display().to_string(), "DIR"))
            .collect::<Vec<_>>()
    };
    let m = message(&memory, Path::new(NOWHERE));
    assert!(m[0].contains("không tìm thấy"), "{m:?}");
    assert_eq!(m, message(&FileSystem, dir.path()));
}

/// The lines of `src` before its test module that read the disk directly.
fn disk_access(src: &str) -> Vec<(usize, String)> {
    const PATTERNS: &[&str] = &[
        "std::fs",
        "File::open",
        ".read_dir(",
        ".exists()",
        ".try_exists(",
        ".is_file()",
        ".is_dir()",
        "symlink_metadata",
    ];
    src.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, l)| PATTERNS.iter().any(|p| l.contains(p)))
        .map(|(i, l)| (i + 1, l.trim().to_string()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn only_the_reader_the_writer_and_the_cli_touch_the_disk() {
    assert_eq!(disk_access("let b = std::fs::read(p)?;").len(), 1);
    assert!(disk_access("// std::fs is not used here").is_empty());
    let root = common::root().join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 50, "{} files", files.len());
    let mut found = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let src = std::fs::read_to_string(&f).unwrap();
        let allowed = |line: usize| match rel.as_str() {
            // The checked reader, the writer and its temporaries.
            r if r.starts_with("files/") => true,
            // `vanban init` refuses to write over an existing file.
            "cli.rs" => true,
            // `vanban watch` reads the modification times of what it watches.
            "watch.rs" => true,
            // Only the disk's implementation of the interface.
            "sources.rs" => {
                let start = src.find("impl Sources for FileSystem").unwrap();
                let start_line = src[..start].lines().count();
                let end_line = start_line
                    + src[start..]
                        .find("\n}\n")
                        .map_or(0, |e| src[start..start + e].lines().count());
                (start_line..=end_line).contains(&line)
            }
            _ => false,
        };
        for (line, text) in disk_access(&src) {
            if !allowed(line) {
                found.push(format!("src/{rel}:{line}: {text}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "read files through vanban::sources::Sources, not the disk:\n{}",
        found.join("\n")
    );
}

#[test]
fn templates_and_holidays_from_memory() {
    let memory = InMemory::new()
        .with("/khong-ton-tai/mau/bao-cao.xml", "{# đè mẫu có sẵn #}")
        .with("/khong-ton-tai/mau/rieng.xml", "{# mẫu riêng #}")
        .with("/khong-ton-tai/mau/ghi-chu.txt", "không phải mẫu")
        .with(
            "/khong-ton-tai/ngay-nghi.yaml",
            include_bytes!("../data/ngay-nghi-le.yaml"),
        );
    let dir = Path::new("/khong-ton-tai/mau");
    let engine = Engine::new(&memory, Some(dir)).unwrap();
    assert_eq!(engine.origin("bao-cao.xml"), dir.join("bao-cao.xml"));
    assert_eq!(engine.origin("rieng.xml"), dir.join("rieng.xml"));
    assert!(!engine.has("ghi-chu.txt"));
    // A missing directory: the same words as on disk.
    let missing = |s: &dyn Sources| Engine::new(s, Some(Path::new("/khong-ton-tai/khac"))).err();
    let (m, d) = (missing(&memory).unwrap(), missing(&FileSystem).unwrap());
    assert_eq!(m.to_string(), d.to_string());

    let path = Path::new("/khong-ton-tai/ngay-nghi.yaml");
    let calendar = vanban::inspection::workdays::Calendar::from_file(&memory, path).unwrap();
    assert_eq!(
        calendar.years(),
        vanban::inspection::workdays::Calendar::builtin().years()
    );
}
