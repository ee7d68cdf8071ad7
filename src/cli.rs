//! The command line: argument parsing and the commands. Exit codes: 0 success, 1 invalid data
//! or template, unreadable input or unwritable output, 2 usage error, 101 internal error
//! ([`crate::files::guard::install_panic_hook`]), 130/143 stopped by SIGINT/SIGTERM.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::{Code, Diagnostics, Error};
use crate::files::guard;
use crate::files::write::Output;
use crate::fonts::{self, FontSet, Fonts};
use crate::render::{self, Format, Inputs};
use crate::sources::FileSystem;
use crate::tasks::Filter;
use crate::template::{self, Engine};
use crate::{init, kinds};

#[derive(Parser, Debug)]
#[command(
    name = "vanban",
    version,
    about = "Soạn văn bản hành chính (Nghị định 30/2020) từ dữ liệu YAML ra DOCX và PDF",
    long_about = "Soạn văn bản hành chính (Nghị định 30/2020/NĐ-CP) từ dữ liệu YAML ra DOCX và PDF.\n\
                  Renders Vietnamese administrative documents (Decree 30/2020) from YAML to DOCX and PDF."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Xuất văn bản ra DOCX/PDF (render documents)
    Render(RenderArgs),
    /// Kiểm tra tệp YAML, không ghi gì (validate)
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Báo cáo kỳ trước (YAML) để tính tăng/giảm
        #[arg(long)]
        previous: Option<PathBuf>,
        /// Điều kiện lọc nhiệm vụ như ở lệnh render
        #[arg(long = "where", value_name = "TRUONG=GIA_TRI")]
        filters: Vec<String>,
    },
    /// Tạo tệp YAML mẫu có chú thích cho một loại văn bản (starter file)
    Init {
        /// Loại văn bản, ví dụ bao-cao, cong-van, ke-hoach
        kind: String,
        /// Thư mục ghi tệp (mặc định: thư mục hiện tại)
        dir: Option<PathBuf>,
    },
    /// Liệt kê các mẫu có sẵn và loại văn bản (list templates)
    Templates,
}

// The arguments of `vanban render` (a plain comment: a doc comment would replace the
// command's help text).
#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// Tệp YAML mô tả văn bản
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Thư mục ghi kết quả
    #[arg(short = 'o', long = "out", default_value = "out")]
    pub out: PathBuf,
    /// Định dạng: docx, pdf hoặc docx,pdf
    #[arg(long, default_value = "docx,pdf", value_parser = parse_formats)]
    pub format: Formats,
    /// Thư mục chứa mẫu thay thế mẫu có sẵn (cùng tên tệp)
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Thư mục chứa 4 tệp TTF (thường, đậm, nghiêng, đậm nghiêng) dùng cho PDF
    #[arg(long = "font-dir")]
    pub font_dir: Option<PathBuf>,
    /// Báo cáo kỳ trước (YAML) để tính tăng/giảm; thay cho khóa ky_truoc trong tệp
    // Checklists compute no changes and list no tasks: these options are refused with
    // them rather than ignored.
    #[arg(long, conflicts_with_all = ["checklists", "combine"])]
    pub previous: Option<PathBuf>,
    /// Chỉ giữ các nhiệm vụ thỏa điều kiện, ví dụ --where chu_tri="Sở Y tế" (lặp lại được)
    #[arg(long = "where", value_name = "TRUONG=GIA_TRI", conflicts_with_all = ["checklists", "combine"])]
    pub filters: Vec<String>,
    /// Kế hoạch kiểm tra: xuất phiếu kiểm tra, mỗi đơn vị một tệp (checklists)
    #[arg(long)]
    pub checklists: bool,
    /// Cùng --checklists: gộp mọi phiếu vào một tệp, mỗi đơn vị bắt đầu trang mới
    #[arg(long)]
    pub combine: bool,
}

#[derive(Debug, Clone)]
pub struct Formats(pub Vec<Format>);

fn parse_formats(s: &str) -> Result<Formats, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let f = match part.to_ascii_lowercase().as_str() {
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            other => {
                return Err(format!(
                    "định dạng \"{other}\" không hỗ trợ; dùng docx, pdf hoặc docx,pdf"
                ));
            }
        };
        if !out.contains(&f) {
            out.push(f);
        }
    }
    if out.is_empty() {
        return Err("cần ít nhất một định dạng: docx, pdf".into());
    }
    Ok(Formats(out))
}

/// The `--where` filters; every bad one is reported (exit 1, nothing rendered).
fn parse_filters(args: &[String]) -> Result<Vec<Filter>, Diagnostics> {
    let mut out = Vec::new();
    let mut errs = Diagnostics::new();
    for a in args {
        match Filter::parse_arg(a) {
            Ok(f) => out.push(f),
            Err(m) => errs.push(Error::new(Code::Usage, format!("--where \"{a}\": {m}"))),
        }
    }
    errs.finish(out)
}

/// Print a line on stdout; a closed pipe (`vanban templates | head`) is not an error.
macro_rules! say {
    () => {{
        let _ = writeln!(std::io::stdout().lock());
    }};
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Print every diagnostic on stderr, one a line (hints below their diagnostic).
fn report<'a>(errors: impl IntoIterator<Item = &'a Error>) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "{e}");
    }
}

/// The template engine, or `None` after reporting why it could not be built.
fn engine(dir: Option<&std::path::Path>) -> Option<Engine> {
    Engine::new(&FileSystem, dir).map_err(|e| report([&e])).ok()
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Parse the bundled faces on a thread of their own while the main thread loads the data;
/// the pipeline waits for them only when it first measures text.
fn preload_fonts() {
    std::thread::spawn(fonts::bundled);
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Render(args) => render_cmd(args),
        Command::Validate {
            files,
            templates,
            previous,
            filters,
        } => {
            let Ok(filters) = parse_filters(&filters).map_err(|e| report(&e)) else {
                return ExitCode::from(1);
            };
            let Some(engine) = engine(templates.as_deref()) else {
                return ExitCode::from(1);
            };
            let inputs = Inputs {
                sources: &FileSystem,
                engine: &engine,
                fonts: Fonts::Bundled,
            };
            let mut failed = false;
            for f in &files {
                // Validation runs the whole pipeline up to the document model, so template
                // errors are caught too; nothing is written.
                guard::set_current(Some(f));
                let result = render::load_and_build(inputs, f, previous.as_deref(), &filters)
                    .and_then(|_| crate::checklists::output::validate_checklists(inputs, f));
                match result {
                    Ok(_) => say!("{}: hợp lệ", f.display()),
                    Err(errs) => {
                        report(&errs);
                        failed = true;
                    }
                }
            }
            exit(failed)
        }
        Command::Init { kind, dir } => init_cmd(&kind, dir),
        Command::Templates => {
            say!("Mẫu có sẵn (templates):");
            for (name, _) in template::BUILTIN {
                say!("  {name:<22} {}", template::describe(name));
            }
            say!();
            say!("Loại văn bản (loai:)   tên            viết tắt  mẫu");
            for k in kinds::KINDS {
                say!(
                    "  {:<20} {:<14} {:<9} {}",
                    k.id,
                    k.name,
                    k.abbr.unwrap_or("—"),
                    k.template
                );
            }
            ExitCode::SUCCESS
        }
    }
}

/// `vanban render`: every input is checked and built in memory first; only when all succeed
/// are all outputs written together ([`crate::files::write::commit`]).
fn render_cmd(args: RenderArgs) -> ExitCode {
    let Ok(filters) = parse_filters(&args.filters).map_err(|e| report(&e)) else {
        return ExitCode::from(1);
    };
    let checklists = args.checklists || args.combine;
    if !checklists {
        // The names are known before anything is built: refuse a clash at once.
        let planned: Vec<Vec<PathBuf>> = args
            .files
            .iter()
            .map(|f| render::output_paths(f, &args.out, &args.format.0))
            .collect();
        let targets: Vec<(PathBuf, &Path)> = planned
            .into_iter()
            .zip(&args.files)
            .flat_map(|(ps, f)| ps.into_iter().map(move |p| (p, f.as_path())))
            .collect();
        if let Err(e) = crate::files::write::check_unique(&targets) {
            report(&e);
            return ExitCode::from(1);
        }
    }
    let Some(engine) = engine(args.templates.as_deref()) else {
        return ExitCode::from(1);
    };
    let custom;
    let fonts = match &args.font_dir {
        Some(d) => match FontSet::from_dir(&FileSystem, d) {
            Ok(f) => {
                custom = f;
                Fonts::Custom(&custom)
            }
            Err(m) => {
                report([&m]);
                return ExitCode::from(1);
            }
        },
        None => {
            preload_fonts();
            Fonts::Bundled
        }
    };
    let inputs = Inputs {
        sources: &FileSystem,
        engine: &engine,
        fonts,
    };
    let mut outputs = Vec::new();
    let mut failed = 0;
    for f in &args.files {
        guard::set_current(Some(f));
        let result = if checklists {
            crate::checklists::output::checklist_outputs(
                inputs,
                f,
                &args.out,
                &args.format.0,
                args.combine,
            )
        } else {
            render::render_outputs(
                inputs,
                f,
                args.previous.as_deref(),
                &filters,
                &args.out,
                &args.format.0,
            )
        };
        match result {
            // After a failure nothing will be written: keep no bytes.
            Ok(o) if failed == 0 => outputs.extend(o),
            Ok(_) => {}
            Err(errs) => {
                report(&errs);
                failed += 1;
                outputs.clear();
            }
        }
    }
    guard::set_current(None);
    if failed > 0 {
        if args.files.len() > 1 {
            eprintln!(
                "vanban: {failed}/{} tệp có lỗi; không tệp kết quả nào được ghi",
                args.files.len()
            );
        }
        return ExitCode::from(1);
    }
    commit_and_list(&outputs)
}

/// `vanban init KIND [DIR]`: the starter files, never over a file the user may have edited.
fn init_cmd(kind: &str, dir: Option<PathBuf>) -> ExitCode {
    let Some(k) = kinds::find(kind) else {
        let ids = kinds::ids();
        let mut e = Error::new(
            Code::Usage,
            format!(
                "loại văn bản \"{kind}\" không được hỗ trợ; cần một trong: {}",
                ids.join(", ")
            ),
        );
        if let Some(c) = crate::error::closest(kind, &ids) {
            e = e.hint(format!("có phải là \"{c}\"?"));
        }
        report([&e]);
        return ExitCode::from(2);
    };
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let mut outputs = Vec::new();
    for (name, bytes) in init::starter(k) {
        let path = dir.join(name);
        if path.exists() {
            report([&Error::new(
                Code::Write,
                "tệp đã tồn tại, không ghi đè (xóa tệp hoặc chọn thư mục khác)",
            )
            .in_file(&path)]);
            return ExitCode::from(1);
        }
        outputs.push(Output {
            bytes,
            input: path.clone(),
            path,
        });
    }
    commit_and_list(&outputs)
}

/// Write every output together and list them; nothing is written on error.
fn commit_and_list(outputs: &[crate::files::write::Output]) -> ExitCode {
    if let Err(e) = crate::files::write::commit(outputs) {
        report(&e);
        return ExitCode::from(1);
    }
    for o in outputs {
        say!("đã ghi {}", o.path.display());
    }
    ExitCode::SUCCESS
}
