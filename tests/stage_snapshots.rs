//! Snapshots of every front-half stage for every example: the checked document (with the
//! computed report data), the template context, the markup and the document model (IR).
//! A change in any stage shows up as a readable diff in `tests/snapshots/`.
//!
//! One test per example, listed in `examples!` below (resvg-style: the list follows the
//! files, and `every_example_has_a_test` fails when an example has none). Update the
//! snapshots after an intended change with `INSTA_UPDATE=always cargo test --release --test suite
//! stage_snapshots`, or review the `*.snap.new` files a failed run left with `cargo insta review`.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use vanban::checklists;
use vanban::data::Computed;
use vanban::ir::{Block, Document, Inline, Paragraph, Row, Table};
use vanban::markup::{MBlock, MDash, MTable, Markup};
use vanban::model::DocumentSpec;
use vanban::render;
use vanban::sources::FileSystem;
use vanban::template::Engine;
use vanban::validate::{Checked, CheckedDocument};

/// A dump longer than this is made again with long tables cut (see [`MAX_ROWS`]), so that
/// long annexes do not make snapshot files huge. No example needs it today.
const MAX_BYTES: usize = 2_000_000;
/// In a cut dump, a table with more rows than this keeps only its first and last rows, with
/// a marker between them.
const MAX_ROWS: usize = 60;
/// Rows kept at each end of a cut table.
const KEEP_ROWS: usize = 20;

fn root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

fn example(stem: &str) -> PathBuf {
    Path::new(root())
        .join("data/examples")
        .join(format!("{stem}.yaml"))
}

/// Absolute paths of this checkout replaced by a placeholder.
fn portable(s: &str) -> String {
    s.replace(root(), "<repo>")
}

/// The stages of one test, each compared even when an earlier one differs, so that a change
/// shows in every stage it reaches.
#[derive(Default)]
struct Stages {
    failed: Vec<String>,
}

impl Stages {
    /// Snapshot `dump(false)`, or `dump(true)` (long tables cut) when that is too long.
    fn check(&mut self, name: &str, stage: &str, dump: impl Fn(bool) -> String) {
        let r =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| snapshot(name, stage, dump)));
        if r.is_err() {
            self.failed.push(format!("{name}@{stage}"));
        }
    }

    fn finish(self) {
        assert!(
            self.failed.is_empty(),
            "stage snapshots differ: {}",
            self.failed.join(", ")
        );
    }
}

fn snapshot(name: &str, stage: &str, dump: impl Fn(bool) -> String) {
    let mut text = dump(false);
    if text.len() > MAX_BYTES {
        text = dump(true);
    }
    let text = compact_locations(&text);
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(format!("{name}@{stage}"), portable(&text)));
}

/// Each pretty-printed YAML `Location { line, column, span, .. }` (two in every `Spanned`
/// value of the model) on one line: `line:column (offset O, len N)`.
fn compact_locations(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut lines = s.lines();
    while let Some(line) = lines.next() {
        let Some(head) = line.strip_suffix("Location {") else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let (mut fields, mut tail) = (Vec::new(), "");
        for l in lines.by_ref() {
            let t = l.trim();
            if l.len() - l.trim_start().len() == indent && t.starts_with('}') {
                tail = &t[1..];
                break;
            }
            fields.push(t.to_string());
        }
        let field = |name: &str| {
            fields
                .iter()
                .find_map(|f| f.strip_prefix(name)?.strip_prefix(": "))
                .map(|v| v.trim_end_matches(','))
                .unwrap_or("?")
        };
        let source = field("source_id");
        let source = if source == "0" {
            String::new()
        } else {
            format!(", source {source}")
        };
        writeln!(
            out,
            "{head}{}:{} (offset {}, len {}{source}){tail}",
            field("line"),
            field("column"),
            field("offset"),
            field("len"),
        )
        .unwrap();
    }
    out
}

/// FNV-1a, to pin binary contents (images) without printing them.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}

/// A document and its typed values. The signature image is pinned by its size and hash
/// rather than its bytes.
fn dump_document(
    path: &std::path::Path,
    checked: &Checked,
    data: &DocumentSpec,
    template: Option<&str>,
) -> String {
    let mut ck = checked.clone();
    let png = ck.signature_image.take();
    let mut s = String::new();
    writeln!(s, "path: {}", path.display()).unwrap();
    if let Some(t) = template {
        writeln!(s, "template: {t}").unwrap();
    }
    if let Some(p) = png {
        let b = p.bytes();
        writeln!(
            s,
            "signature_image: {}x{} px, {} bytes, fnv {:016x}",
            p.width(),
            p.height(),
            b.len(),
            fnv(b)
        )
        .unwrap();
    }
    writeln!(s, "\n# checked\n{ck:#?}").unwrap();
    writeln!(s, "\n# data\n{data:#?}").unwrap();
    s
}

/// Stage 1: the checked document (the raw model as written, and the typed values).
fn dump_checked(doc: &CheckedDocument, template: Option<&str>) -> String {
    dump_document(&doc.path, &doc.checked, &doc.data, template)
}

/// Stage 2: the computed document (tables as printed, references replaced, indicators).
fn dump_computed(doc: &Computed) -> String {
    let mut s = dump_document(&doc.path, &doc.checked, &doc.data, None);
    writeln!(s, "\n# indicators\n{}", dump_json(&doc.indicators)).unwrap();
    s
}

fn dump_json(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap() + "\n"
}

/// Stage 5: the parsed markup, one block per line, the content of a container indented
/// under it; table rows one per line.
fn dump_markup(mk: &Markup, cut: bool) -> String {
    let mut s = String::new();
    writeln!(s, "orientation: {:?}", mk.orientation).unwrap();
    writeln!(s, "body:").unwrap();
    markup_blocks(&mut s, &mk.body, 1, cut);
    for a in &mk.attachments {
        writeln!(s, "attachment: {:?} {:?}", a.title, a.subject).unwrap();
        markup_blocks(&mut s, &a.blocks, 1, cut);
    }
    for a in &mk.annexes {
        writeln!(s, "annex: {:?} {:?} {:?}", a.id, a.orientation, a.titles).unwrap();
        markup_blocks(&mut s, &a.blocks, 1, cut);
    }
    s
}

fn markup_blocks(s: &mut String, blocks: &[MBlock], depth: usize, cut: bool) {
    let pad = "  ".repeat(depth);
    for b in blocks {
        match b {
            MBlock::Section { heading, blocks } => {
                writeln!(s, "{pad}Section {heading:?}").unwrap();
                markup_blocks(s, blocks, depth + 1, cut);
            }
            MBlock::Item { content, blocks } => {
                writeln!(s, "{pad}Item {content:?}").unwrap();
                markup_blocks(s, blocks, depth + 1, cut);
            }
            MBlock::Part { title, blocks } => {
                writeln!(s, "{pad}Part {title:?}").unwrap();
                markup_blocks(s, blocks, depth + 1, cut);
            }
            MBlock::Article { content, blocks } => {
                writeln!(s, "{pad}Article {content:?}").unwrap();
                markup_blocks(s, blocks, depth + 1, cut);
            }
            MBlock::Dashes(list) => markup_dashes(s, list, depth, cut),
            MBlock::Table(t) => markup_table(s, t, depth, cut),
            other => writeln!(s, "{pad}{other:?}").unwrap(),
        }
    }
}

fn markup_dashes(s: &mut String, list: &[MDash], depth: usize, cut: bool) {
    let pad = "  ".repeat(depth);
    writeln!(s, "{pad}Dashes").unwrap();
    for d in list {
        match d {
            MDash::List(inner) => markup_dashes(s, inner, depth + 1, cut),
            MDash::Table(t) => markup_table(s, t, depth + 1, cut),
            other => writeln!(s, "{pad}  {other:?}").unwrap(),
        }
    }
}

fn markup_table(s: &mut String, t: &MTable, depth: usize, cut: bool) {
    let pad = "  ".repeat(depth);
    writeln!(
        s,
        "{pad}Table widths={:?} header_rows={} size={:?} rows={}",
        t.widths,
        t.header_rows,
        t.size,
        t.rows.len()
    )
    .unwrap();
    for_rows(s, t.rows.len(), cut, |s, i| {
        writeln!(s, "{pad}  row {i}: {:?}", t.rows[i]).unwrap()
    });
}

/// Calls `row` for every row index, or with `cut` for the first and last [`KEEP_ROWS`] with
/// a marker between them when there are more than [`MAX_ROWS`].
fn for_rows(s: &mut String, n: usize, cut: bool, mut row: impl FnMut(&mut String, usize)) {
    if !cut {
        (0..n).for_each(|i| row(s, i));
        return;
    }
    for i in 0..n {
        if n > MAX_ROWS && i == KEEP_ROWS {
            writeln!(s, "    … {} rows cut from this dump …", n - 2 * KEEP_ROWS).unwrap();
        }
        if n <= MAX_ROWS || i < KEEP_ROWS || i >= n - KEEP_ROWS {
            row(s, i);
        }
    }
}

/// Stage 6: the document model, one item per line: blocks, each paragraph's settings and
/// then its runs, tables with their rows and cells. Every field is printed.
fn dump_ir(doc: &Document, cut: bool) -> String {
    let mut s = String::new();
    writeln!(s, "{:?}", doc.meta).unwrap();
    writeln!(s, "{:?}", doc.page).unwrap();
    for (i, sec) in doc.sections.iter().enumerate() {
        writeln!(s, "\nsection {i}: {:?} {:?}", sec.kind, sec.orientation).unwrap();
        ir_blocks(&mut s, &sec.blocks, 1, cut);
    }
    s
}

fn ir_blocks(s: &mut String, blocks: &[Block], depth: usize, cut: bool) {
    let pad = "  ".repeat(depth);
    for b in blocks {
        match b {
            Block::Paragraph(p) => ir_paragraph(s, p, &pad),
            Block::Table(t) => ir_table(s, t, depth, cut),
            Block::Image(img) => {
                let mut shown = img.clone();
                let data = std::mem::take(&mut shown.data);
                writeln!(
                    s,
                    "{pad}{shown:?} data: {} bytes, fnv {:016x}",
                    data.len(),
                    fnv(&data)
                )
                .unwrap();
            }
            other => writeln!(s, "{pad}{other:?}").unwrap(),
        }
    }
}

fn ir_paragraph(s: &mut String, p: &Paragraph, pad: &str) {
    let settings = Paragraph {
        runs: Vec::new(),
        ..p.clone()
    };
    writeln!(s, "{pad}{settings:?}").unwrap();
    for r in &p.runs {
        match r {
            Inline::Text(run) => writeln!(s, "{pad}  {run:?}").unwrap(),
            other => writeln!(s, "{pad}  {other:?}").unwrap(),
        }
    }
}

fn ir_table(s: &mut String, t: &Table, depth: usize, cut: bool) {
    let pad = "  ".repeat(depth);
    let settings = Table {
        rows: Vec::new(),
        ..t.clone()
    };
    writeln!(s, "{pad}{settings:?} rows={}", t.rows.len()).unwrap();
    for_rows(s, t.rows.len(), cut, |s, i| {
        ir_row(s, i, &t.rows[i], depth + 1, cut)
    });
}

fn ir_row(s: &mut String, i: usize, r: &Row, depth: usize, cut: bool) {
    let pad = "  ".repeat(depth);
    writeln!(s, "{pad}row {i}: {:?} cant_split={}", r.kind, r.cant_split).unwrap();
    for c in &r.cells {
        writeln!(
            s,
            "{pad}  cell colspan={} rowspan={} valign={:?}",
            c.colspan, c.rowspan, c.valign
        )
        .unwrap();
        ir_blocks(s, &c.blocks, depth + 2, cut);
    }
}

fn engine() -> Engine {
    Engine::new(&FileSystem, None).unwrap()
}

/// The four stages of one example, rendered as `vanban render FILE` renders it.
fn snapshot_document(stem: &str) {
    let path = example(stem);
    let engine = engine();
    let inputs = render::Inputs {
        sources: &FileSystem,
        engine: &engine,
        fonts: vanban::fonts::Fonts::Bundled,
    };
    let st = render::stages(inputs, &path, None, &[]).unwrap_or_else(|e| panic!("{e:?}"));
    // The stages are the ones the renderer runs.
    let built =
        render::load_and_build(inputs, &path, None, &[]).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        built == st.document,
        "{stem}: stages() and load_and_build() differ"
    );

    let mut stages = Stages::default();
    stages.check(stem, "1-checked", |_| {
        dump_checked(&st.checked, Some(&st.template))
    });
    stages.check(stem, "1-computed", |_| dump_computed(&st.computed));
    stages.check(stem, "2-context", |_| dump_json(&st.context));
    stages.check(stem, "3-markup", |_| st.markup_text.clone());
    stages.check(stem, "4-markup-parsed", |cut| dump_markup(&st.markup, cut));
    stages.check(stem, "5-ir", |cut| dump_ir(&st.document, cut));
    stages.finish();
}

/// The inspection plan's checklists combined in one document (`--checklists --combine`):
/// the plan as loaded for them, each unit's context and markup, and the combined IR.
#[test]
fn checklists_combined() {
    let name = "ke-hoach-kiem-tra-phieu";
    let path = example("ke-hoach-kiem-tra");
    let engine = engine();
    let fonts = vanban::fonts::bundled();
    let loaded = render::load_and_check(&FileSystem, &path).unwrap_or_else(|e| panic!("{e:?}"));
    let plan = checklists::plan_of(&loaded).unwrap();
    let order = plan.units_in_order();
    let mut contexts = String::new();
    let mut texts = String::new();
    let mut markups = Vec::new();
    for &u in &order {
        let ctx = vanban::template::inspection::checklist(&loaded.data, plan, u);
        let head = format!("=== unit {u}: {}\n", plan.units[u].name);
        contexts += &head;
        contexts += &dump_json(&ctx);
        let xml = engine
            .render(checklists::KIND.template, ctx.clone())
            .unwrap();
        texts += &head;
        texts += &xml;
        texts += "\n";
        let mk = render::markup_from_template(&engine, checklists::KIND.template, ctx).unwrap();
        markups.push((head, mk));
    }
    let doc = checklists::document(&loaded, plan, &order, &engine, fonts).unwrap();
    let mut stages = Stages::default();
    stages.check(name, "1-computed", |_| dump_computed(&loaded));
    stages.check(name, "2-context", |_| contexts.clone());
    stages.check(name, "3-markup", |_| texts.clone());
    stages.check(name, "4-markup-parsed", |cut| {
        markups
            .iter()
            .map(|(head, mk)| format!("{head}{}", dump_markup(mk, cut)))
            .collect()
    });
    stages.check(name, "5-ir", |cut| dump_ir(&doc, cut));
    stages.finish();
}

macro_rules! examples {
    ($($test:ident => $stem:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                snapshot_document($stem);
            }
        )*
        const STEMS: &[&str] = &[$($stem),*];
    };
}

examples! {
    bao_cao_thang => "bao-cao-thang",
    bao_cao_thang_truoc => "bao-cao-thang-truoc",
    cong_van => "cong-van",
    ke_hoach => "ke-hoach",
    ke_hoach_kiem_tra => "ke-hoach-kiem-tra",
    phu_luc_theo_doi => "phu-luc-theo-doi",
    quyet_dinh_ban_hanh_ke_hoach => "quyet-dinh-ban-hanh-ke-hoach",
    theo_doi_nhiem_vu_tinh => "theo-doi-nhiem-vu-tinh",
    theo_doi_tien_do => "theo-doi-tien-do",
    bang_nhom => "bang-nhom",
    bang_gop_o => "bang-gop-o",
    theo_doi_cot_rieng => "theo-doi-cot-rieng",
    theo_doi_bang_tinh => "theo-doi-bang-tinh",
}

/// Every document in `data/examples` has a test above (the tasks files `nhiem-vu-*.yaml` are
/// not documents).
#[test]
fn every_example_has_a_test() {
    let mut stems: Vec<String> = std::fs::read_dir(Path::new(root()).join("data/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .filter(|s| !s.starts_with("nhiem-vu-"))
        .collect();
    stems.sort();
    let missing: Vec<String> = stems
        .iter()
        .filter(|s| !STEMS.contains(&s.as_str()))
        .map(|s| format!("    {} => \"{s}\",", s.replace('-', "_")))
        .collect();
    assert!(
        missing.is_empty(),
        "examples without a stage snapshot test; add to examples!:\n{}",
        missing.join("\n")
    );
    assert_eq!(
        STEMS.len(),
        stems.len(),
        "a listed example no longer exists"
    );
}
