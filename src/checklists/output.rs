//! Writing the checklists: one file per unit (named after it, ASCII-safe) or one combined
//! file. The units' checklists render in parallel (in the batch's thread pool) and are
//! returned in plan order to the batch writer ([`crate::batch`]), so an error leaves nothing
//! behind. A progress bar goes to stderr when it is a terminal.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Code, Diagnostics, Error};
use crate::files::write::Output;
use crate::fonts::FontSet;
use crate::render::{self, Format, Inputs};

/// An ASCII file name for a Vietnamese name: diacritics stripped, đ → d, lower case, runs
/// of other characters → one hyphen. "Ủy ban nhân dân phường Đông Hải" → "uy-ban-nhan-dan-phuong-dong-hai".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    if out.is_empty() {
        "don-vi".to_string()
    } else {
        out
    }
}

/// The name of the combined file for a plan file stem.
pub fn combined_stem(plan_stem: &str) -> String {
    format!("{plan_stem}-phieu-kiem-tra")
}

/// A dependency-free progress bar on stderr, drawn only when stderr is a terminal.
pub struct Progress {
    total: usize,
    done: usize,
    enabled: bool,
}

impl Progress {
    /// Shown for `total` steps of at least `min` (a few files need no bar).
    pub fn new(total: usize, min: usize) -> Progress {
        Progress {
            total,
            done: 0,
            enabled: total >= min && std::io::stderr().is_terminal(),
        }
    }

    pub fn step(&mut self, label: &str) {
        self.done += 1;
        if !self.enabled {
            return;
        }
        const WIDTH: usize = 30;
        let filled = WIDTH * self.done / self.total.max(1);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[K[{}{}] {}/{} {}",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            self.done,
            self.total,
            label
        );
        let _ = err.flush();
    }

    pub fn finish(&mut self) {
        if self.enabled {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
            self.enabled = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Render the checklists of the plan at `path` into `out_dir`: one file per unit and format,
/// or with `combine` one file per format holding every unit.
pub fn render_checklists(
    inputs: Inputs,
    path: &Path,
    out_dir: &Path,
    formats: &[Format],
    combine: bool,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let outputs = checklist_outputs(inputs, path, out_dir, formats, combine)?;
    crate::files::write::commit(&outputs)?;
    Ok(outputs.into_iter().map(|o| o.path).collect())
}

/// The checklists of the plan at `path`, in memory (see [`render_checklists`]); the batch
/// writes them with every other output of the run.
pub fn checklist_outputs(
    inputs: Inputs,
    path: &Path,
    out_dir: &Path,
    formats: &[Format],
    combine: bool,
) -> Result<Vec<Output>, Diagnostics> {
    let (engine, fonts) = (inputs.engine, inputs.fonts.get());
    let loaded = render::load_and_check(inputs.sources, path)?;
    let plan = super::plan_of(&loaded)?;
    let order = plan.units_in_order();
    let in_file = |e: Error| Diagnostics::from(e.in_file(path));

    let mut outputs: Vec<Output> = Vec::new();
    let output = |name: &str, bytes: Vec<u8>| Output {
        path: out_dir.join(name),
        bytes,
        input: path.to_path_buf(),
    };
    if combine {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "ke-hoach-kiem-tra".into());
        let mut progress = Progress::new(formats.len() + 1, 2);
        let doc = super::document(&loaded, plan, &order, engine, fonts).map_err(in_file)?;
        check_glyphs(inputs.sources, &doc, fonts, path)?;
        progress.step("");
        for f in formats {
            let name = format!("{}.{}", combined_stem(&stem), f.extension());
            outputs.push(output(
                &name,
                render::write_format(&doc, *f, fonts).map_err(in_file)?,
            ));
            progress.step(&name);
        }
    } else {
        // File names must not collide.
        let mut names: Vec<(String, usize)> = Vec::new();
        for &u in &order {
            let s = slug(&plan.units[u].name);
            if let Some((_, other)) = names.iter().find(|(n, _)| *n == s) {
                return Err(Error::new(Code::Duplicate, format!(
                        "hai đơn vị \"{}\" và \"{}\" cho cùng tên tệp phiếu kiểm tra \"{s}\"; hãy đặt tên phân biệt",
                        plan.units[*other].name, plan.units[u].name
                    ))
                    .in_file(path).into());
            }
            names.push((s, u));
        }
        // Units render in parallel (on the batch's pool when there is one) and come back
        // in plan order; the first error in that order is the one reported.
        let progress = std::sync::Mutex::new(Progress::new(names.len() * formats.len(), 10));
        let per_unit: Vec<Result<Vec<Output>, Diagnostics>> = names
            .par_iter()
            .map(|(s, u)| {
                let doc = super::document(&loaded, plan, &[*u], engine, fonts).map_err(in_file)?;
                check_glyphs(inputs.sources, &doc, fonts, path)?;
                let mut files = Vec::with_capacity(formats.len());
                for f in formats {
                    let name = format!("{s}.{}", f.extension());
                    let bytes = render::write_format(&doc, *f, fonts).map_err(in_file)?;
                    files.push(output(&name, bytes));
                    progress
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .step(&name);
                }
                Ok(files)
            })
            .collect();
        for unit in per_unit {
            outputs.extend(unit?);
        }
    }
    Ok(outputs)
}

/// For `validate`: an inspection plan's checklists are built too (in one document, as
/// `--combine` would), so that validation runs every check a render with `--checklists`
/// runs. Other documents have no checklists and pass.
pub fn validate_checklists(inputs: Inputs, path: &Path) -> Result<(), Diagnostics> {
    let (engine, fonts) = (inputs.engine, inputs.fonts.get());
    let loaded = render::load_and_check(inputs.sources, path)?;
    let Some(plan) = loaded.checked.inspection.as_ref() else {
        return Ok(());
    };
    let order = plan.units_in_order();
    let doc = super::document(&loaded, plan, &order, engine, fonts).map_err(|e| e.in_file(path))?;
    check_glyphs(inputs.sources, &doc, fonts, path)
}

/// Characters no embedded face has, located in the plan's YAML (read again only then).
fn check_glyphs(
    sources: &dyn crate::sources::Sources,
    doc: &crate::ir::Document,
    fonts: &FontSet,
    path: &Path,
) -> Result<(), Diagnostics> {
    if crate::fonts::coverage::uncovered_chars(doc, fonts).is_empty() {
        return Ok(());
    }
    let source = crate::load::read_text(sources, path)?;
    crate::fonts::coverage::check(doc, fonts, path, &source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(slug("Sở Tư pháp"), "so-tu-phap");
        assert_eq!(slug("Phường Đông Hải"), "phuong-dong-hai");
        assert_eq!(
            slug("Sở Văn hóa, Thể thao và Du lịch"),
            "so-van-hoa-the-thao-va-du-lich"
        );
        assert_eq!(slug("UBND xã Ea H'leo"), "ubnd-xa-ea-h-leo");
        assert_eq!(slug("Đặc khu Cồn Cỏ"), "dac-khu-con-co");
        assert_eq!(slug("  Ủy ban  "), "uy-ban");
        assert_eq!(slug("—"), "don-vi");
        // Decomposed input gives the same name.
        let nfd: String = "Sở Y tế".nfd().collect();
        assert_eq!(slug(&nfd), "so-y-te");
    }
}
