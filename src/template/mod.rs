//! Stage 4: render a kind's Tera template into vanban markup (XML, see `crate::markup`).
//!
//! Templates are compiled into the binary; `--templates DIR` replaces any of them by a file
//! of the same name. Templates end in `.xml`, so Tera escapes every value by default: data
//! can never inject markup, and a "{{" in data is just text. User text with inline marks
//! goes through the `inline` filter, which escapes it itself.
//!
//! Templates only lay out what the context gives them ([`context`], [`inspection`]): they
//! write the structure (a mục as `<sec>` around its content, an annex as `<annex id="…">`,
//! a reference to it as `<annexref to="…"/>`) and compute no level, number or label;
//! `crate::compose` gives those.

pub mod context;
mod errors;
mod filters;
mod forms;
pub mod guard;
pub mod inline;
pub mod inspection;
mod refs;
mod scan;
mod table;
mod tera_text;

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::error::line_col_of_byte;
use crate::error::{Code, Error};

/// The built-in templates: (name, source).
pub const BUILTIN: &[(&str, &str)] = &[
    ("_macros.xml", include_str!("../../templates/_macros.xml")),
    ("van-ban.xml", include_str!("../../templates/van-ban.xml")),
    ("giay-moi.xml", include_str!("../../templates/giay-moi.xml")),
    (
        "giay-gioi-thieu.xml",
        include_str!("../../templates/giay-gioi-thieu.xml"),
    ),
    (
        "giay-nghi-phep.xml",
        include_str!("../../templates/giay-nghi-phep.xml"),
    ),
    (
        "phieu-gui.xml",
        include_str!("../../templates/phieu-gui.xml"),
    ),
    (
        "phieu-chuyen.xml",
        include_str!("../../templates/phieu-chuyen.xml"),
    ),
    ("bao-cao.xml", include_str!("../../templates/bao-cao.xml")),
    ("ke-hoach.xml", include_str!("../../templates/ke-hoach.xml")),
    (
        "quyet-dinh.xml",
        include_str!("../../templates/quyet-dinh.xml"),
    ),
    ("theo-doi.xml", include_str!("../../templates/theo-doi.xml")),
    ("phu-luc.xml", include_str!("../../templates/phu-luc.xml")),
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
        "giay-moi.xml" => "giấy mời: mở đầu, thời gian, địa điểm, thành phần, nội dung",
        "giay-gioi-thieu.xml" => {
            "giấy giới thiệu: người được giới thiệu, nơi được cử đến, về việc, thời hạn"
        }
        "giay-nghi-phep.xml" => {
            "giấy nghỉ phép: người nghỉ, thời gian, nơi nghỉ; xác nhận nơi nghỉ phép"
        }
        "phieu-gui.xml" => "phiếu gửi: danh sách văn bản, tài liệu gửi kèm; phần ký nhận gửi lại",
        "phieu-chuyen.xml" => "phiếu chuyển: văn bản, đơn thư được chuyển và việc đề nghị",
        "bao-cao.xml" => "báo cáo (định kỳ, chuyên đề) với các phụ lục bảng",
        "ke-hoach.xml" => "kế hoạch với phụ lục danh mục nhiệm vụ (nhiem_vu)",
        "quyet-dinh.xml" => "quyết định: căn cứ, QUYẾT ĐỊNH:, các Điều; văn bản ban hành kèm theo",
        "theo-doi.xml" => "theo dõi tiến độ nhiệm vụ (trang ngang, quá hạn, lọc theo đơn vị)",
        "phu-luc.xml" => "phụ lục gửi riêng: chỉ các phụ lục, không Quốc hiệu, không chữ ký",
        "ke-hoach-kiem-tra.xml" => {
            "kế hoạch kiểm tra: đoàn kiểm tra, đề cương, lịch kiểm tra (loai: ke-hoach-kiem-tra)"
        }
        "phieu-kiem-tra.xml" => "phiếu kiểm tra từng đơn vị (render --checklists)",
        _ => "",
    }
}

/// How much stack a render gets: Tera renders recursively, and the bounds in
/// [`guard`] keep the depth well within this.
const RENDER_STACK: usize = 256 * 1024 * 1024;

/// One template: its name, its source as written, where it came from and its checked,
/// rewritten form (see [`guard`]).
struct TemplateSource {
    name: String,
    text: String,
    /// The file shown in messages: the override's path, or `templates/NAME` for a built-in.
    origin: PathBuf,
    prepared: Result<String, guard::Problem>,
}

/// The templates by name. Each is compiled only when a document needs it (with what it
/// imports): compiling every built-in template took a tenth of a whole render.
pub struct Engine {
    /// Template sources by name (built-in, replaced or added by `--templates`).
    sources: Vec<TemplateSource>,
    /// The macro definitions of every source, by the index they pass `__vb_enter`.
    sites: Vec<guard::Site>,
    compiled: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Tera>>>,
}

impl Engine {
    /// The built-in templates, with files in `override_dir` taking precedence.
    pub fn new(
        sources: &dyn crate::sources::Sources,
        override_dir: Option<&Path>,
    ) -> Result<Engine, Error> {
        let mut raw: Vec<(String, String, PathBuf)> = BUILTIN
            .iter()
            .map(|(n, s)| {
                (
                    n.to_string(),
                    s.to_string(),
                    PathBuf::from(format!("templates/{n}")),
                )
            })
            .collect();
        if let Some(dir) = override_dir {
            let mut files = sources.list(dir).map_err(|e| {
                Error::new(
                    Code::Read,
                    format!(
                        "không đọc được thư mục mẫu {}: {}",
                        dir.display(),
                        crate::files::io_reason(&e)
                    ),
                )
            })?;
            files.sort();
            for path in files {
                if path.extension().and_then(|x| x.to_str()) != Some("xml") {
                    continue;
                }
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                let src = crate::load::read_text(sources, &path)?;
                match raw.iter_mut().find(|(n, _, _)| *n == name) {
                    Some(slot) => (slot.1, slot.2) = (src, path),
                    None => raw.push((name, src, path)),
                }
            }
        }
        let mut sites = Vec::new();
        let sources = raw
            .into_iter()
            .map(|(name, text, origin)| TemplateSource {
                prepared: guard::prepare(&name, &text, &mut sites),
                name,
                text,
                origin,
            })
            .collect();
        Ok(Engine {
            sources,
            sites,
            compiled: Default::default(),
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.iter().any(|s| s.name == name)
    }

    /// The file messages name for template `name`: the user's override, or the built-in's
    /// `templates/NAME`.
    pub fn origin(&self, name: &str) -> PathBuf {
        self.sources.iter().find(|s| s.name == name).map_or_else(
            || PathBuf::from(format!("templates/{name}")),
            |s| s.origin.clone(),
        )
    }

    fn srcs(&self) -> Vec<errors::Src<'_>> {
        self.sources
            .iter()
            .map(|s| errors::Src {
                name: &s.name,
                text: &s.text,
                origin: s.origin.clone(),
            })
            .collect()
    }

    /// Every `chi_tieu.<id>` a template (and what it imports) uses must exist in the data:
    /// the error names the template file, line and column.
    pub fn check_indicator_refs(
        &self,
        name: &str,
        indicators: &serde_json::Value,
    ) -> Result<(), Error> {
        refs::check(&self.srcs(), name, indicators)
    }

    /// `name` and every template it imports, includes or extends, transitively.
    fn closure(&self, name: &str) -> Vec<&TemplateSource> {
        let mut out: Vec<&TemplateSource> = Vec::new();
        let mut todo = vec![name.to_string()];
        while let Some(n) = todo.pop() {
            if out.iter().any(|s| s.name == n) {
                continue;
            }
            let Some(s) = self.sources.iter().find(|s| s.name == n) else {
                continue;
            };
            todo.extend(guard::dependencies(&s.text).into_iter().map(|d| d.0));
            out.push(s);
        }
        out
    }

    /// A Tera instance with vanban's filters, holding `templates`.
    fn tera_with(templates: Vec<(&str, &str)>) -> tera::Result<Tera> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".xml"]);
        filters::register(&mut tera);
        tera.register_function("__vb_enter", guard::enter);
        tera.add_raw_templates(templates)?;
        Ok(tera)
    }

    /// The compiled templates needed to render `name`.
    fn tera_for(&self, name: &str) -> Result<std::sync::Arc<Tera>, Error> {
        let mut cache = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = cache.get(name) {
            return Ok(t.clone());
        }
        let closure = self.closure(name);
        let mut rewritten = Vec::new();
        for s in &closure {
            match &s.prepared {
                Ok(text) => rewritten.push((s.name.as_str(), text.as_str())),
                Err(p) => {
                    return Err(
                        Error::new(Code::Template, format!("lỗi mẫu: {}", p.message))
                            .at(&s.origin, Some(line_col_of_byte(&s.text, p.offset))),
                    );
                }
            }
        }
        let originals: Vec<(&str, &str)> = closure
            .iter()
            .map(|s| (s.name.as_str(), s.text.as_str()))
            .collect();
        if let Some((file, at, chain)) = guard::include_cycle(&originals, name) {
            let s = closure
                .iter()
                .find(|s| s.name == file)
                .expect("in the closure");
            return Err(Error::new(
                Code::Template,
                format!(
                    "lỗi mẫu: mẫu chèn (include) lại chính nó: {}",
                    chain.join(" → ")
                ),
            )
            .at(&s.origin, Some(line_col_of_byte(&s.text, at))));
        }
        let tera = Self::tera_with(rewritten).map_err(|e| {
            // Positions in the rewritten sources differ from the user's: report the error
            // of the sources as written when they fail too.
            let e = Self::tera_with(originals).err().unwrap_or(e);
            errors::to_error(&e, name, &self.srcs(), &self.sites)
        })?;
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
    /// rather than copied: for a long table it is large. Errors name the template file.
    pub fn render(&self, name: &str, mut ctx: serde_json::Value) -> Result<String, Error> {
        let tera = self.tera_for(name)?;
        if let Some(m) = ctx.as_object_mut() {
            m.insert("__vb_depth".into(), serde_json::Value::from(0));
        }
        let to_error = |e: &tera::Error| errors::to_error(e, name, &self.srcs(), &self.sites);
        let ctx = tera::Context::from_value(ctx).map_err(|e| to_error(&e))?;
        let run = || {
            guard::reset_calls();
            tera.render(name, &ctx)
        };
        // Tera recurses: render on a thread with a large stack (only what is used is
        // committed), or here if no such thread can be made.
        let out = std::thread::scope(|scope| {
            match std::thread::Builder::new()
                .name("vanban-template".into())
                .stack_size(RENDER_STACK)
                .spawn_scoped(scope, run)
            {
                Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                Err(_) => run(),
            }
        });
        out.map_err(|e| to_error(&e))
    }
}
