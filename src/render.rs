//! The whole pipeline for one file, and writing its outputs safely: [`load_and_check`]
//! (load → check → compute), [`build`] (template context → Tera → markup → compose →
//! `ir::Document`), [`write_format`] (layout and a backend), and [`render_outputs`], which
//! runs them all and writes every output or none. [`stages`] keeps each stage's output for
//! the snapshot tests.

use std::path::{Path, PathBuf};

use crate::data::{self, Computed};
use crate::error::{Code, Diagnostics, Error};
use crate::files::write::Output;
use crate::fonts::{FontSet, Fonts};
use crate::ir::Document;
use crate::model::DocumentSpec;
use crate::sources::Sources;
use crate::tasks::Filter;
use crate::template::{Engine, context};
use crate::validate::{self, Checked, CheckedDocument};
use crate::{compose, markup};

/// Above this many blocks and table rows, the formats are written one after the other.
const PARALLEL_LIMIT: usize = 2000;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML (Word, LibreOffice).
    Docx,
    /// PDF, laid out by vanban itself, paginated as LibreOffice paginates the DOCX.
    Pdf,
    /// The same PDF as PDF/A-2b, for archives (`--pdfa`).
    PdfA,
}

impl Format {
    /// The file name extension, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf | Format::PdfA => "pdf",
        }
    }
}

/// What a render reads besides the document's data: the files (through [`Sources`]), the
/// templates and the fonts.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    /// Where every input file is read from (disk or memory).
    pub sources: &'a dyn Sources,
    /// The templates: built-in, or a `--templates` override.
    pub engine: &'a Engine,
    /// The bundled fonts or a `--font-dir` set.
    pub fonts: Fonts<'a>,
}

/// Stages 1–3: load, check and compute, with changes against the document's own
/// `ky_truoc` and no task filter. Every problem is returned.
pub fn load_and_check(sources: &dyn Sources, path: &Path) -> Result<Computed, Diagnostics> {
    let checked = validate::check_file(sources, path)?;
    data::compute(sources, checked, None, &[])
}

/// The template a document uses: its `mau`, or its kind's.
fn template_name(
    vb: &DocumentSpec,
    ck: &Checked,
    engine: &Engine,
    path: &Path,
) -> Result<String, Error> {
    let Some(m) = &vb.template else {
        return Ok(ck.kind.template.to_string());
    };
    let n = if m.value.ends_with(".xml") {
        m.value.clone()
    } else {
        format!("{}.xml", m.value)
    };
    if !engine.has(&n) {
        return Err(Error::new(
            Code::BadReference,
            format!(
                "không có mẫu \"{}\" (xem danh sách bằng lệnh: vanban templates)",
                m.value
            ),
        )
        .at(path, crate::error::Pos::from_saphyr(&m.referenced)));
    }
    Ok(n)
}

/// Stages 3–6: template, markup, compose → the document model.
pub fn build(doc: &Computed, engine: &Engine, fonts: &FontSet) -> Result<Document, Error> {
    let name = template_name(&doc.data, &doc.checked, engine, &doc.path)?;
    build_with(doc, &name, engine, fonts)
}

fn build_with(
    doc: &Computed,
    name: &str,
    engine: &Engine,
    fonts: &FontSet,
) -> Result<Document, Error> {
    engine.check_indicator_refs(name, &doc.indicators)?;
    let ctx = context::build(doc);
    let mk = markup_from_template(engine, name, ctx)?;
    Ok(compose::compose(doc, &mk, fonts))
}

/// Stages 4–5: render template `name` and parse its markup. Errors name the template;
/// markup positions are in the template's *output*, so they go into the message rather than
/// pretending to be a position in the template file.
pub fn markup_from_template(
    engine: &Engine,
    name: &str,
    ctx: serde_json::Value,
) -> Result<markup::Markup, Error> {
    let xml = engine.render(name, ctx)?;
    parse_markup(engine, name, &xml)
}

/// Stage 5: parse the markup `xml` that template `name` rendered (see
/// [`markup_from_template`] for how errors are located).
fn parse_markup(engine: &Engine, name: &str, xml: &str) -> Result<markup::Markup, Error> {
    // The user's override when there is one, else the built-in `templates/NAME`.
    let file = engine.origin(name);
    markup::parse(xml).map_err(|mut e| {
        if let Some(p) = e.pos.take() {
            e.message = format!(
                "{} (dòng {}, cột {} trong kết quả sinh ra từ mẫu)",
                e.message, p.line, p.column
            );
        }
        e.in_file(&file)
    })
}

/// Stage 7: one backend.
pub fn write_format(doc: &Document, format: Format, fonts: &FontSet) -> Result<Vec<u8>, Error> {
    match format {
        // The document was checked: a backend that fails on it is vanban's bug.
        Format::Docx => crate::backend::docx::write_docx(doc).map_err(Error::internal),
        Format::Pdf => crate::backend::pdf::write_pdf(doc, fonts).map_err(Error::internal),
        Format::PdfA => {
            crate::backend::pdf::write_pdf_as(doc, fonts, crate::backend::pdf::Conformance::PdfA2b)
                .map_err(Error::internal)
        }
    }
}

/// Write `bytes` to `path` through a temporary file in the same directory and a rename, so
/// a failure never leaves a half-written or truncated output behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_all(&[(path.to_path_buf(), bytes.to_vec())])
}

/// Write several files all or nothing through the one writer ([`crate::files::write`]).
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<(), Error> {
    let outputs: Vec<Output> = files
        .iter()
        .map(|(p, b)| Output {
            path: p.clone(),
            bytes: b.clone(),
            input: p.clone(),
        })
        .collect();
    crate::files::write::commit(&outputs).map_err(|e| e.into_vec().swap_remove(0))
}

/// Stages 1–6 for one file: load, validate, compute the report data against `previous`,
/// apply the task filters (`--where`) and build the document model.
pub fn load_and_build(
    inputs: Inputs,
    path: &Path,
    previous: Option<&Path>,
    filters: &[Filter],
) -> Result<Document, Diagnostics> {
    let Inputs {
        sources,
        engine,
        fonts,
    } = inputs;
    let checked = validate::check_file(sources, path)?;
    let name = template_name(&checked.data, &checked.checked, engine, path)?;
    std::thread::scope(|scope| {
        // Compiling the template takes about as long as computing the report data: both
        // at once. A compile error is reported by the render that needs the template.
        scope.spawn(|| engine.prepare(&name));
        let computed = data::compute(sources, checked, previous, filters)?;
        let doc = build_with(&computed, &name, engine, fonts.get())?;
        // A character no embedded face has would be a blank in the PDF only.
        crate::fonts::coverage::check(&doc, fonts.get(), path, &computed.source)?;
        Ok(doc)
    })
}

/// Every front-half stage's output for one file, kept rather than dropped, for the stage
/// snapshot tests (`tests/stage_snapshots.rs`).
pub struct Stages {
    /// Stages 1–2: the checked document.
    pub checked: CheckedDocument,
    /// Stage 3: the computed document.
    pub computed: Computed,
    /// The template the document uses.
    pub template: String,
    /// Stage 3: the template context.
    pub context: serde_json::Value,
    /// Stage 4: the markup the template rendered.
    pub markup_text: String,
    /// Stage 5: the parsed markup.
    pub markup: markup::Markup,
    /// Stage 6: the document model the backends read.
    pub document: Document,
}

/// Stages 1–6 as [`load_and_build`] runs them, one step at a time, returning each step's
/// output. Keep the two in step; the snapshot tests check that both give the same document.
pub fn stages(
    inputs: Inputs,
    path: &Path,
    previous: Option<&Path>,
    filters: &[Filter],
) -> Result<Stages, Diagnostics> {
    let (sources, engine) = (inputs.sources, inputs.engine);
    let checked = validate::check_file(sources, path)?;
    let template = template_name(&checked.data, &checked.checked, engine, path)?;
    // Kept for the snapshot of the checked stage; rendering consumes it instead.
    let computed = data::compute(sources, checked.clone(), previous, filters)?;
    engine.check_indicator_refs(&template, &computed.indicators)?;
    let context = context::build(&computed);
    let markup_text = engine.render(&template, context.clone())?;
    let markup = parse_markup(engine, &template, &markup_text)?;
    let document = compose::compose(&computed, &markup, inputs.fonts.get());
    Ok(Stages {
        checked,
        computed,
        template,
        context,
        markup_text,
        markup,
        document,
    })
}

/// The output paths of one input in `out_dir`: `<stem>.<format>`.
pub fn output_paths(path: &Path, out_dir: &Path, formats: &[Format]) -> Vec<PathBuf> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "van-ban".into());
    formats
        .iter()
        .map(|f| out_dir.join(format!("{stem}.{}", f.extension())))
        .collect()
}

/// Render one file to every requested format in memory, with changes computed against a
/// previous report and task filters applied. Nothing is written: see [`render_file`] or
/// [`crate::files::write::commit`].
pub fn render_outputs(
    inputs: Inputs,
    path: &Path,
    previous: Option<&Path>,
    filters: &[Filter],
    out_dir: &Path,
    formats: &[Format],
) -> Result<Vec<Output>, Diagnostics> {
    // The loaded data is dropped once the document model exists.
    let doc = load_and_build(inputs, path, previous, filters)?;
    let fonts = inputs.fonts.get();
    // The backends only read the document model, so the formats are written in parallel
    // (the output bytes do not depend on it) — unless the document is long, where running
    // them one after the other keeps peak memory at one backend's.
    let rows: usize = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .map(|b| match b {
            crate::ir::Block::Table(t) => t.rows.len(),
            _ => 1,
        })
        .sum();
    let results: Vec<Result<Vec<u8>, Error>> = if rows > PARALLEL_LIMIT {
        formats
            .iter()
            .map(|f| write_format(&doc, *f, fonts))
            .collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = formats
                .iter()
                .map(|f| scope.spawn(|| write_format(&doc, *f, fonts)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("backend thread panicked"))
                .collect()
        })
    };
    drop(doc);
    let mut outputs = Vec::new();
    for (target, r) in output_paths(path, out_dir, formats)
        .into_iter()
        .zip(results)
    {
        outputs.push(Output {
            path: target,
            bytes: r.map_err(|e| e.in_file(path))?,
            input: path.to_path_buf(),
        });
    }
    Ok(outputs)
}

/// Render one file to every requested format in `out_dir`. All outputs are produced in
/// memory first; nothing is written unless every format succeeded.
pub fn render_file(
    inputs: Inputs,
    path: &Path,
    previous: Option<&Path>,
    filters: &[Filter],
    out_dir: &Path,
    formats: &[Format],
) -> Result<Vec<PathBuf>, Diagnostics> {
    let outputs = render_outputs(inputs, path, previous, filters, out_dir, formats)?;
    crate::files::write::commit(&outputs)?;
    Ok(outputs.into_iter().map(|o| o.path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_all_leaves_nothing_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("a.txt");
        // A directory where a file should go: nothing at all is written.
        let blocked = dir.path().join("b.txt");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("x"), b"x").unwrap();
        let r = write_all(&[(ok.clone(), b"1".to_vec()), (blocked, b"2".to_vec())]);
        assert!(r.is_err());
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        left.sort();
        assert_eq!(left, ["b.txt"], "nothing but the blocking directory");
        // Without the obstacle both files are written.
        let other = dir.path().join("c.txt");
        write_all(&[(ok.clone(), b"1".to_vec()), (other.clone(), b"2".to_vec())]).unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"2");
    }
}
