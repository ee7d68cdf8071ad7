//! Stage 4: render a kind's Tera template into vanban markup (XML, see `crate::markup`).
//!
//! Templates are compiled into the binary; `--templates DIR` replaces any of them by a file
//! of the same name. Templates end in `.xml`, so Tera escapes every value by default: data
//! can never inject markup, and a "{{" in data is just text. User text with inline marks
//! goes through the `inline` filter, which escapes it itself.

pub mod context;
mod filters;
pub mod inline;
mod refs;

use std::path::Path;

use tera::Tera;

use crate::error::{Error, Kind};

/// The built-in templates: (name, source).
pub const BUILTIN: &[(&str, &str)] = &[
    ("_macros.xml", include_str!("../../templates/_macros.xml")),
    ("van-ban.xml", include_str!("../../templates/van-ban.xml")),
    ("bao-cao.xml", include_str!("../../templates/bao-cao.xml")),
    ("ke-hoach.xml", include_str!("../../templates/ke-hoach.xml")),
    (
        "quyet-dinh.xml",
        include_str!("../../templates/quyet-dinh.xml"),
    ),
    ("theo-doi.xml", include_str!("../../templates/theo-doi.xml")),
    (
        "ke-hoach-kiem-tra.xml",
        include_str!("../../templates/ke-hoach-kiem-tra.xml"),
    ),
    (
        "phieu-kiem-tra.xml",
        include_str!("../../templates/phieu-kiem-tra.xml"),
    ),
];

/// A description of each built-in template, for `vanban templates`.
pub fn describe(name: &str) -> &'static str {
    match name {
        "_macros.xml" => "macro dùng chung: đoạn văn, mục đánh số, bảng",
        "van-ban.xml" => "văn bản chung: mở đầu, nội dung nhiều cấp, kết thúc, phụ lục",
        "bao-cao.xml" => "báo cáo (định kỳ, chuyên đề) với các phụ lục bảng",
        "ke-hoach.xml" => "kế hoạch với phụ lục danh mục nhiệm vụ (nhiem_vu)",
        "quyet-dinh.xml" => "quyết định: căn cứ, QUYẾT ĐỊNH:, các Điều; văn bản ban hành kèm theo",
        "theo-doi.xml" => "theo dõi tiến độ nhiệm vụ (trang ngang, quá hạn, lọc theo đơn vị)",
        "ke-hoach-kiem-tra.xml" => {
            "kế hoạch kiểm tra: đoàn kiểm tra, đề cương, lịch kiểm tra (loai: ke-hoach-kiem-tra)"
        }
        "phieu-kiem-tra.xml" => "phiếu kiểm tra từng đơn vị (render --checklists)",
        _ => "",
    }
}

/// The templates by name. Each is compiled only when a document needs it (with what it
/// imports): compiling every built-in template took a tenth of a whole render.
pub struct Engine {
    /// Template sources by name (built-in, replaced or added by `--templates`).
    sources: Vec<(String, String)>,
    compiled: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Tera>>>,
}

impl Engine {
    /// The built-in templates, with files in `override_dir` taking precedence.
    pub fn new(override_dir: Option<&Path>) -> Result<Engine, Error> {
        let mut sources: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        if let Some(dir) = override_dir {
            let entries = std::fs::read_dir(dir).map_err(|e| {
                Error::new(
                    Kind::Io,
                    format!(
                        "không đọc được thư mục mẫu {}: {}",
                        dir.display(),
                        crate::files::io_reason(&e)
                    ),
                )
            })?;
            let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            files.sort();
            for path in files {
                if path.extension().and_then(|x| x.to_str()) != Some("xml") {
                    continue;
                }
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                let src = crate::load::read_text(&path)?;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = src,
                    None => sources.push((name, src)),
                }
            }
        }
        Ok(Engine {
            sources,
            compiled: Default::default(),
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.iter().any(|(n, _)| n == name)
    }

    /// Every `chi_tieu.<id>` a template (and what it imports) uses must exist in the data:
    /// the error names the template file, line and column.
    pub fn check_indicator_refs(
        &self,
        name: &str,
        indicators: &serde_json::Value,
    ) -> Result<(), Error> {
        refs::check(&self.sources, name, indicators)
    }

    /// `name` and every template it imports, includes or extends, transitively.
    fn closure(&self, name: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut todo = vec![name.to_string()];
        while let Some(n) = todo.pop() {
            if out.iter().any(|(m, _)| *m == n) {
                continue;
            }
            let Some((_, src)) = self.sources.iter().find(|(m, _)| *m == n) else {
                continue;
            };
            for kw in ["import", "include", "extends"] {
                for part in src.split("{%").skip(1) {
                    let tag = part.trim_start_matches(['-', ' ']);
                    if let Some(rest) = tag.strip_prefix(kw)
                        && let Some(dep) = rest.split('"').nth(1)
                    {
                        todo.push(dep.to_string());
                    }
                }
            }
            out.push((n, src.clone()));
        }
        out
    }

    /// The compiled templates needed to render `name`.
    fn tera_for(&self, name: &str) -> Result<std::sync::Arc<Tera>, Error> {
        let mut cache = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = cache.get(name) {
            return Ok(t.clone());
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".xml"]);
        filters::register(&mut tera);
        tera.add_raw_templates(self.closure(name))
            .map_err(|e| template_error(&e))?;
        let tera = std::sync::Arc::new(tera);
        cache.insert(name.to_string(), tera.clone());
        Ok(tera)
    }

    /// Compile template `name` ahead of [`Engine::render`] (on another thread); errors are
    /// left for `render` to report.
    pub fn prepare(&self, name: &str) {
        let _ = self.tera_for(name);
    }

    /// Render template `name` with `ctx` (a JSON object), which is moved into Tera's context
    /// rather than copied: for a long table it is large.
    pub fn render(&self, name: &str, ctx: serde_json::Value) -> Result<String, Error> {
        let tera = self.tera_for(name)?;
        let ctx = tera::Context::from_value(ctx).map_err(|e| template_error(&e))?;
        tera.render(name, &ctx).map_err(|e| template_error(&e))
    }
}

/// Tera's error chain, one cause per line, under a Vietnamese heading.
fn template_error(e: &tera::Error) -> Error {
    let mut msg = String::from("lỗi mẫu (template)");
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(c) = cur {
        msg.push_str(": ");
        msg.push_str(&c.to_string());
        cur = c.source();
    }
    Error::new(Kind::Template, msg)
}
