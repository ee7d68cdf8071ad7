//! The command line: argument parsing and the commands. Exit codes: 0 success, 1 invalid data
//! or template, 2 usage error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::Error;
use crate::fonts::{self, FontSet, Fonts};
use crate::render::{self, Format};
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
    Render {
        /// Tệp YAML mô tả văn bản
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Thư mục ghi kết quả
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        /// Định dạng: docx, pdf hoặc docx,pdf
        #[arg(long, default_value = "docx,pdf", value_parser = parse_formats)]
        format: Formats,
        /// Thư mục chứa mẫu thay thế mẫu có sẵn (cùng tên tệp)
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Thư mục chứa 4 tệp TTF (thường, đậm, nghiêng, đậm nghiêng) dùng cho PDF
        #[arg(long = "font-dir")]
        font_dir: Option<PathBuf>,
        /// Báo cáo kỳ trước (YAML) để tính tăng/giảm; thay cho khóa ky_truoc trong tệp
        #[arg(long)]
        previous: Option<PathBuf>,
        /// Chỉ giữ các nhiệm vụ thỏa điều kiện, ví dụ --where chu_tri="Sở Y tế" (lặp lại được)
        #[arg(long = "where", value_name = "TRUONG=GIA_TRI")]
        filters: Vec<String>,
        /// Kế hoạch kiểm tra: xuất phiếu kiểm tra, mỗi đơn vị một tệp (checklists)
        #[arg(long)]
        checklists: bool,
        /// Cùng --checklists: gộp mọi phiếu vào một tệp, mỗi đơn vị bắt đầu trang mới
        #[arg(long)]
        combine: bool,
    },
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
fn parse_filters(args: &[String]) -> Result<Vec<Filter>, Vec<Error>> {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for a in args {
        match Filter::parse_arg(a) {
            Ok(f) => out.push(f),
            Err(m) => errs.push(Error::data(format!("--where \"{a}\": {m}"))),
        }
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
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

fn report(errors: &[Error]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "{e}");
    }
}

/// The template engine, or `None` after reporting why it could not be built.
fn engine(dir: Option<&std::path::Path>) -> Option<Engine> {
    Engine::new(dir).map_err(|e| report(&[e])).ok()
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
        Command::Render {
            files,
            out,
            format,
            templates,
            font_dir,
            previous,
            filters,
            checklists,
            combine,
        } => {
            let Ok(filters) = parse_filters(&filters).map_err(|e| report(&e)) else {
                return ExitCode::from(1);
            };
            let Some(engine) = engine(templates.as_deref()) else {
                return ExitCode::from(1);
            };
            let custom;
            let fonts = match &font_dir {
                Some(d) => match FontSet::from_dir(d) {
                    Ok(f) => {
                        custom = f;
                        Fonts::Custom(&custom)
                    }
                    Err(m) => {
                        report(&[Error::new(crate::error::Kind::Io, m)]);
                        return ExitCode::from(1);
                    }
                },
                None => {
                    preload_fonts();
                    Fonts::Bundled
                }
            };
            let mut failed = false;
            for f in &files {
                let result = if checklists || combine {
                    crate::inspection::output::render_checklists(
                        f,
                        &out,
                        &format.0,
                        combine,
                        &engine,
                        fonts.get(),
                    )
                } else {
                    render::render_file(
                        f,
                        previous.as_deref(),
                        &filters,
                        &out,
                        &format.0,
                        &engine,
                        fonts,
                    )
                };
                match result {
                    Ok(paths) => {
                        for p in paths {
                            say!("đã ghi {}", p.display());
                        }
                    }
                    Err(errs) => {
                        report(&errs);
                        failed = true;
                    }
                }
            }
            exit(failed)
        }
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
            let mut failed = false;
            for f in &files {
                // Validation runs the whole pipeline up to the document model, so template
                // errors are caught too; nothing is written.
                let result = render::load_and_build(
                    f,
                    previous.as_deref(),
                    &filters,
                    &engine,
                    Fonts::Bundled,
                );
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
        Command::Init { kind, dir } => {
            let Some(k) = kinds::find(&kind) else {
                eprintln!(
                    "lỗi: loại văn bản \"{kind}\" không được hỗ trợ; cần một trong: {}",
                    kinds::ids().join(", ")
                );
                return ExitCode::from(2);
            };
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            let files = init::starter(k);
            // Never overwrite a file the user may have edited.
            for (name, _) in &files {
                let path = dir.join(name);
                if path.exists() {
                    eprintln!(
                        "lỗi: {}: tệp đã tồn tại, không ghi đè (xóa tệp hoặc chọn thư mục khác)",
                        path.display()
                    );
                    return ExitCode::from(1);
                }
            }
            for (name, bytes) in &files {
                let path = dir.join(name);
                if let Err(e) = render::write_atomic(&path, bytes) {
                    report(&[e]);
                    return ExitCode::from(1);
                }
                say!("đã ghi {}", path.display());
            }
            ExitCode::SUCCESS
        }
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
