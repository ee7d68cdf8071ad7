//! Helpers shared by integration tests: running the binary, and reading a DOCX back.
#![allow(dead_code)]

pub mod sample;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The first-page keys of a small report: most test documents start with these.
pub const REPORT_HEAD: &str = "loai: bao-cao
co_quan_ban_hanh: UBND XÃ TÂN LẬP
viet_tat: UBND
dia_danh: Tân Lập
ngay: 2025-10-05
trich_yeu: Kết quả tháng 9/2025
";

/// The signature and recipients of that report.
pub const REPORT_TAIL: &str = "chu_ky: {chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An}
noi_nhan: {gui: [UBND tỉnh]}
";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the binary in `cwd`; returns (exit code, stdout, stderr).
pub fn vanban(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Render `yaml` (a path relative to the crate root) into a fresh temp dir.
pub fn render(yaml: &str, format: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = vanban(
        &[
            "render",
            root().join(yaml).to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
            "--format",
            format,
        ],
        &root(),
    );
    assert_eq!(code, 0, "render failed: {err}");
    let stem = Path::new(yaml)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let out = dir.path().join(stem);
    (dir, out)
}

pub fn zip_part(path: &Path, part: &str) -> Option<String> {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(part).ok()?.read_to_string(&mut s).unwrap();
    Some(s)
}

pub fn zip_names(path: &Path) -> Vec<String> {
    let f = std::fs::File::open(path).unwrap();
    let z = zip::ZipArchive::new(f).unwrap();
    z.file_names().map(str::to_string).collect()
}

/// A run as read back from document.xml.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub size: Option<f32>,
    pub fonts: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct ParaInfo {
    pub text: String,
    pub runs: Vec<RunInfo>,
    pub jc: Option<String>,
    pub in_table: bool,
    pub has_bottom_border: bool,
    pub ind_left: f32,
    pub ind_right: f32,
    pub keep_next: bool,
}

fn w<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

pub fn attr<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

fn on(n: Option<roxmltree::Node>) -> bool {
    match n {
        None => false,
        Some(n) => !matches!(attr(n, "val"), Some("false" | "0" | "off")),
    }
}

/// The paragraphs of document.xml with their direct properties only.
pub fn paragraphs(doc: &roxmltree::Document) -> Vec<ParaInfo> {
    paragraphs_with_styles(doc, None)
}

/// The paragraph properties (`w:pPr`) of paragraph style `id` in styles.xml.
fn style_ppr<'a>(styles: &'a roxmltree::Document<'a>, id: &str) -> Option<roxmltree::Node<'a, 'a>> {
    let style = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && attr(*n, "styleId") == Some(id))?;
    w(style, "pPr")
}

/// The paragraphs of document.xml, each property taken from the paragraph or, where the
/// paragraph leaves it out, from its paragraph style in `styles` (styles.xml).
pub fn paragraphs_with_styles(
    doc: &roxmltree::Document,
    styles: Option<&roxmltree::Document>,
) -> Vec<ParaInfo> {
    let mut out = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        let in_table = p.ancestors().any(|a| a.has_tag_name((W, "tbl")));
        // Footnote references live in runs too; only direct runs (and runs in hyperlinks).
        let mut info = ParaInfo {
            in_table,
            ..Default::default()
        };
        let direct = w(p, "pPr");
        let styled = direct
            .and_then(|ppr| w(ppr, "pStyle"))
            .and_then(|s| attr(s, "val"))
            .zip(styles)
            .and_then(|(id, st)| style_ppr(st, id));
        // Each property from the paragraph, else from its style.
        let prop = |name: &str| {
            direct
                .and_then(|ppr| w(ppr, name))
                .or_else(|| styled.and_then(|s| w(s, name)))
        };
        if direct.is_some() {
            info.jc = prop("jc").and_then(|j| attr(j, "val")).map(str::to_string);
            info.has_bottom_border = prop("pBdr").and_then(|b| w(b, "bottom")).is_some();
            info.keep_next = on(prop("keepNext"));
            if let Some(ind) = prop("ind") {
                let tw = |k: &str| {
                    attr(ind, k)
                        .and_then(|v| v.parse::<f32>().ok())
                        .unwrap_or(0.0)
                        / 20.0
                };
                info.ind_left = tw("left").max(tw("start"));
                info.ind_right = tw("right").max(tw("end"));
            }
        }
        for r in p.descendants().filter(|n| n.has_tag_name((W, "r"))) {
            if r.ancestors().skip(1).find(|a| a.has_tag_name((W, "p"))) != Some(p) {
                continue;
            }
            let mut ri = RunInfo::default();
            if let Some(rpr) = w(r, "rPr") {
                ri.bold = on(w(rpr, "b"));
                ri.italic = on(w(rpr, "i"));
                ri.size = w(rpr, "sz")
                    .and_then(|s| attr(s, "val"))
                    .and_then(|v| v.parse::<f32>().ok())
                    .map(|v| v / 2.0);
                if let Some(f) = w(rpr, "rFonts") {
                    for a in f.attributes() {
                        ri.fonts.push((a.name().to_string(), a.value().to_string()));
                    }
                }
            }
            for t in r.children() {
                if t.has_tag_name((W, "t")) {
                    ri.text.push_str(t.text().unwrap_or(""));
                } else if t.has_tag_name((W, "br")) {
                    ri.text.push('\n');
                } else if t.has_tag_name((W, "tab")) {
                    ri.text.push('\t');
                }
            }
            info.text.push_str(&ri.text);
            info.runs.push(ri);
        }
        out.push(info);
    }
    out
}

/// The paragraph whose text is exactly `text`.
pub fn para<'a>(ps: &'a [ParaInfo], text: &str) -> &'a ParaInfo {
    ps.iter()
        .find(|p| p.text == text)
        .unwrap_or_else(|| panic!("no paragraph {text:?}"))
}

/// Style of the visible runs of a paragraph: (bold, italic, size) when all runs agree.
pub fn style(p: &ParaInfo) -> (bool, bool, Option<f32>) {
    // A run holding only a line break (w:br) shows no glyph, so its style is not visible.
    let runs: Vec<&RunInfo> = p
        .runs
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .collect();
    assert!(!runs.is_empty(), "paragraph {:?} has no runs", p.text);
    let first = runs[0];
    for r in &runs {
        assert_eq!(
            (r.bold, r.italic, r.size),
            (first.bold, first.italic, first.size),
            "mixed styles in {:?}",
            p.text
        );
    }
    (first.bold, first.italic, first.size)
}

/// Whether the external programs a test reads its output back with (poppler's pdftotext,
/// pdffonts, pdfinfo, pdftoppm, pdfimages; LibreOffice's soffice) are installed. Every test
/// that runs one starts with `if !needs(&[...]) { return; }`.
///
/// A missing tool prints one notice on stderr (written past the test harness's capture, so
/// it shows in a normal `cargo test` run) and the test returns without asserting. Under
/// `VANBAN_REQUIRE_TOOLS=1`, which `.ci/run` sets after installing the tools, a missing tool
/// fails the test instead.
pub fn needs(tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools.iter().copied().filter(|t| !on_path(t)).collect();
    if missing.is_empty() {
        return true;
    }
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("?");
    let what = if missing.len() == 1 { "is" } else { "are" };
    let notice = format!(
        "{test}: {} {what} not installed; run .ci/run or install poppler-utils / libreoffice-writer-nogui",
        missing.join(", ")
    );
    if std::env::var("VANBAN_REQUIRE_TOOLS").as_deref() == Ok("1") {
        panic!("VANBAN_REQUIRE_TOOLS=1 but {notice}");
    }
    use std::io::Write;
    writeln!(std::io::stderr(), "SKIPPED: {notice}").expect("stderr is writable");
    false
}

/// Whether Python 3 can import `module`; otherwise a loud skip, or a failure under `.ci/run`
/// (`VANBAN_REQUIRE_TOOLS=1`), as [`needs`] does for programs. `pip` is the package to install.
pub fn needs_python(module: &str, pip: &str) -> bool {
    if !needs(&["python3"]) {
        return false;
    }
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return true;
    }
    let notice = format!("Python's {pip} is not installed; run .ci/run or pip install {pip}");
    if std::env::var("VANBAN_REQUIRE_TOOLS").as_deref() == Ok("1") {
        panic!("VANBAN_REQUIRE_TOOLS=1 but {notice}");
    }
    eprintln!("SKIPPED: {notice}");
    false
}

/// Whether `cmd` is an executable file in a directory of `PATH`.
fn on_path(cmd: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| {
        let Ok(meta) = std::fs::metadata(dir.join(cmd)) else {
            return false;
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            meta.is_file() && meta.permissions().mode() & 0o111 != 0
        }
        #[cfg(not(unix))]
        meta.is_file()
    })
}

/// Run a tool (poppler, LibreOffice) and return its stdout. The calling test must have
/// checked `needs` first; a tool that fails or is missing fails the test.
pub fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("{cmd} could not be run (did the test call common::needs first?): {e}")
    });
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Page sizes (width, height) in points, from pdfinfo.
pub fn page_sizes(pdf: &Path) -> Vec<(f32, f32)> {
    let info = tool("pdfinfo", &["-f", "1", "-l", "1000", pdf.to_str().unwrap()]);
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let v: Vec<f32> = l
                .split_whitespace()
                .filter_map(|w| w.parse::<f32>().ok())
                .collect();
            (v[1], v[2])
        })
        .collect()
}

/// How a table cell's text is read back.
#[derive(Clone, Copy, PartialEq)]
pub enum CellText {
    /// Every text run of the cell joined.
    Joined,
    /// Paragraphs and line breaks as "\n".
    Lines,
}

/// Rows of one `w:tbl` as cell texts.
pub fn table_rows(t: roxmltree::Node, mode: CellText) -> Vec<Vec<String>> {
    let para_text = |p: roxmltree::Node| -> String {
        p.descendants()
            .filter_map(|d| {
                if d.has_tag_name((W, "t")) {
                    d.text()
                } else if mode == CellText::Lines && d.has_tag_name((W, "br")) {
                    Some("\n")
                } else {
                    None
                }
            })
            .collect()
    };
    t.children()
        .filter(|c| c.has_tag_name((W, "tr")))
        .map(|tr| {
            tr.children()
                .filter(|c| c.has_tag_name((W, "tc")))
                .map(|tc| match mode {
                    CellText::Joined => para_text(tc),
                    CellText::Lines => tc
                        .children()
                        .filter(|p| p.has_tag_name((W, "p")))
                        .map(para_text)
                        .collect::<Vec<_>>()
                        .join("\n"),
                })
                .collect()
        })
        .collect()
}

/// Every table of a parsed `document.xml`, in document order.
pub fn tables(doc: &roxmltree::Document, mode: CellText) -> Vec<Vec<Vec<String>>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .map(|t| table_rows(t, mode))
        .collect()
}

/// The line of `err` that starts with `prefix`, which must end with error code `code`.
pub fn line_with_code<'a>(err: &'a str, prefix: &str, code: &str) -> &'a str {
    let line = err
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("expected {prefix:?} in: {err}"));
    assert!(
        line.ends_with(&format!(" [mã lỗi: {code}]")),
        "expected code {code} at the end of: {line}"
    );
    line
}

/// The line of `err` that starts with `prefix` ends with error code `code`.
pub fn assert_code(err: &str, prefix: &str, code: &str) {
    line_with_code(err, prefix, code);
}

/// The outline's entries: (depth, title, page number), in order.
pub fn pdf_outline(pdf: &std::path::Path) -> Vec<(usize, String, usize)> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let catalog = doc.catalog().unwrap();
    let Ok(root) = catalog.get(b"Outlines").and_then(|o| o.as_reference()) else {
        return Vec::new();
    };
    let title = |d: &lopdf::Dictionary| -> String {
        let bytes = d.get(b"Title").unwrap().as_str().unwrap();
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    };
    let mut out = Vec::new();
    let mut stack = vec![(
        doc.get_dictionary(root)
            .unwrap()
            .get(b"First")
            .unwrap()
            .as_reference()
            .unwrap(),
        0,
    )];
    while let Some((id, depth)) = stack.pop() {
        let d = doc.get_dictionary(id).unwrap();
        let dest = d.get(b"Dest").unwrap().as_array().unwrap();
        let page = dest[0].as_reference().unwrap();
        let n = pages.iter().position(|p| *p == page).expect("a page") + 1;
        out.push((depth, title(d), n));
        if let Ok(next) = d.get(b"Next").and_then(|o| o.as_reference()) {
            stack.push((next, depth));
        }
        if let Ok(first) = d.get(b"First").and_then(|o| o.as_reference()) {
            stack.push((first, depth + 1));
        }
    }
    out
}

/// `docx` converted by LibreOffice into `format` ("pdf", "odt") in `dir`, with a profile of
/// its own there (so tests running at once do not share one): the converted file's path.
pub fn soffice_convert(docx: &Path, dir: &Path, format: &str) -> PathBuf {
    let profile = dir.join("lo-profile");
    let url = format!("-env:UserInstallation=file://{}", profile.display());
    tool(
        "soffice",
        &[
            &url,
            "--headless",
            "--convert-to",
            format,
            "--outdir",
            dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    dir.join(docx.file_stem().unwrap()).with_extension(format)
}
