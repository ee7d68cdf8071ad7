//! The whole pipeline for one file, and writing its outputs safely.

use std::path::{Path, PathBuf};

use crate::compose::{self, Assets};
use crate::error::{Error, Kind};
use crate::fonts::FontSet;
use crate::ir::Document;
use crate::model::VanBan;
use crate::tasks::Filter;
use crate::template::{Engine, context};
use crate::validate::{self, Checked};
use crate::{load, markup};

/// Above this many blocks and table rows, the formats are written one after the other.
const PARALLEL_LIMIT: usize = 2000;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A loaded and checked document.
pub struct Loaded {
    pub path: PathBuf,
    pub data: VanBan,
    pub checked: Checked,
}

/// Stages 1–2: load and validate. Every validation problem is returned.
pub fn load_and_check(path: &Path) -> Result<Loaded, Vec<Error>> {
    load_and_check_with(path, None)
}

/// Load, validate and compute the report data (`crate::data`), with changes against
/// `previous` (or the document's own `ky_truoc`).
pub fn load_and_check_with(path: &Path, previous: Option<&Path>) -> Result<Loaded, Vec<Error>> {
    let text = load::read_text(path).map_err(|e| vec![e])?;
    let mut data = load::parse_str(&text).map_err(|e| vec![e.in_file(path)])?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut checked = validate::check(&data, base).map_err(|errs| {
        errs.into_iter()
            .map(|e| e.in_file(path))
            .collect::<Vec<_>>()
    })?;
    let indicators = crate::data::prepare(&mut data, &text, path, previous)?;
    checked.indicators = crate::data::to_json(&indicators);
    // Computed tables have their final columns now.
    checked.annex_tables = data
        .phu_luc
        .iter()
        .map(|a| {
            a.value
                .bang
                .as_ref()
                .and_then(|t| validate::check_table(t, &mut |_, _| {}))
        })
        .collect();
    Ok(Loaded {
        path: path.to_path_buf(),
        data,
        checked,
    })
}

/// Stages 3–6: template, markup, compose → the document model.
pub fn build(loaded: &Loaded, engine: &Engine, fonts: &FontSet) -> Result<Document, Error> {
    let vb = &loaded.data;
    let ck = &loaded.checked;
    let name = match &vb.mau {
        Some(m) => {
            let n = if m.value.ends_with(".xml") {
                m.value.clone()
            } else {
                format!("{}.xml", m.value)
            };
            if !engine.has(&n) {
                return Err(Error::data(format!(
                    "không có mẫu \"{}\" (xem danh sách bằng lệnh: vanban templates)",
                    m.value
                ))
                .at(&loaded.path, crate::error::Pos::from_saphyr(&m.referenced)));
            }
            n
        }
        None => ck.kind.template.to_string(),
    };
    engine.check_indicator_refs(&name, &ck.indicators)?;
    let ctx = context::build(vb, ck);
    let mk = markup_from_template(engine, &name, ctx)?;
    let assets = Assets {
        signature_png: ck.signature_png.clone(),
    };
    Ok(compose::compose(vb, ck, &mk, fonts, &assets))
}

/// Stages 4–5: render template `name` and parse its markup. Errors name the template;
/// markup positions are in the template's *output*, so they go into the message rather than
/// pretending to be a position in the template file.
pub fn markup_from_template(
    engine: &Engine,
    name: &str,
    ctx: serde_json::Value,
) -> Result<markup::Markup, Error> {
    let file = PathBuf::from(format!("templates/{name}"));
    let xml = engine.render(name, ctx).map_err(|e| e.in_file(&file))?;
    markup::parse(&xml).map_err(|mut e| {
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
        Format::Docx => crate::backend::docx::write_docx(doc)
            .map_err(|e| Error::new(Kind::Output, e.to_string())),
        Format::Pdf => crate::backend::pdf::write_pdf(doc, fonts)
            .map_err(|e| Error::new(Kind::Output, e.to_string())),
    }
}

/// Write `bytes` to `path` through a temporary file in the same directory and a rename, so
/// a failure never leaves a half-written or truncated output behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::new(
            Kind::Io,
            format!("không tạo được thư mục {}: {e}", dir.display()),
        )
    })?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::new(Kind::Io, format!("không ghi được tệp: {e}")).in_file(path));
    }
    Ok(())
}

/// Render one file to every requested format in `out_dir`. All outputs are produced in
/// memory first; nothing is written unless every format succeeded.
pub fn render_file(
    path: &Path,
    out_dir: &Path,
    formats: &[Format],
    engine: &Engine,
    fonts: &FontSet,
) -> Result<Vec<PathBuf>, Vec<Error>> {
    render_file_with(path, None, &[], out_dir, formats, engine, fonts)
}

/// Keep only the tasks the filters accept (`--where`); a document without tasks cannot be
/// filtered.
pub fn apply_filters(loaded: &mut Loaded, filters: &[Filter]) -> Result<(), Error> {
    if filters.is_empty() {
        return Ok(());
    }
    match &mut loaded.checked.tasks {
        Some(set) => {
            set.apply(filters);
            Ok(())
        }
        None => Err(Error::data(
            "--where: văn bản không có danh sách nhiệm vụ (khóa nhiem_vu) để lọc",
        )
        .in_file(&loaded.path)),
    }
}

/// [`render_file`] with changes computed against a previous report and task filters
/// (`--where`) applied first.
pub fn render_file_with(
    path: &Path,
    previous: Option<&Path>,
    filters: &[Filter],
    out_dir: &Path,
    formats: &[Format],
    engine: &Engine,
    fonts: &FontSet,
) -> Result<Vec<PathBuf>, Vec<Error>> {
    // The loaded data is not needed once the document model exists.
    let doc = {
        let mut loaded = load_and_check_with(path, previous)?;
        apply_filters(&mut loaded, filters).map_err(|e| vec![e])?;
        build(&loaded, engine, fonts).map_err(|e| vec![e])?
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "van-ban".into());
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
    for (f, r) in formats.iter().zip(results) {
        let bytes = r.map_err(|e| vec![e.in_file(path)])?;
        outputs.push((out_dir.join(format!("{stem}.{}", f.extension())), bytes));
    }
    let mut written = Vec::new();
    for (p, bytes) in outputs {
        write_atomic(&p, &bytes).map_err(|e| vec![e])?;
        written.push(p);
    }
    Ok(written)
}
