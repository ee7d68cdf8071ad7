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

pub use context::parse_vn_number;

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

pub struct Engine {
    tera: Tera,
    /// Template sources by name, for checking indicator references before rendering.
    sources: Vec<(String, String)>,
}

impl Engine {
    /// The built-in templates, with files in `override_dir` taking precedence.
    pub fn new(override_dir: Option<&Path>) -> Result<Engine, Error> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".xml"]);
        filters::register(&mut tera);
        let mut sources: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        if let Some(dir) = override_dir {
            let entries = std::fs::read_dir(dir).map_err(|e| {
                Error::new(
                    Kind::Io,
                    format!("không đọc được thư mục mẫu {}: {e}", dir.display()),
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
        tera.add_raw_templates(sources.clone())
            .map_err(|e| template_error(&e))?;
        Ok(Engine { tera, sources })
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
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

    /// Render template `name` with `ctx` (a JSON object), which is moved into Tera's context
    /// rather than copied: for a long table it is large.
    pub fn render(&self, name: &str, ctx: serde_json::Value) -> Result<String, Error> {
        let ctx = tera::Context::from_value(ctx).map_err(|e| template_error(&e))?;
        self.tera.render(name, &ctx).map_err(|e| template_error(&e))
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
