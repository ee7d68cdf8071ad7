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
    /// Xuất văn bản rồi xuất lại mỗi khi tệp YAML hoặc tệp nó đọc thay đổi (watch); cùng tùy chọn như render
    Watch(RenderArgs),
    /// Kiểm tra tệp YAML, không ghi gì (validate)
    Validate {
        /// Tệp YAML cần kiểm tra
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Thư mục chứa mẫu thay thế mẫu có sẵn, như ở lệnh render
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
        /// Loại văn bản, ví dụ bao-cao, cong-van, ke-hoach (danh sách ở dưới)
        kind: String,
        /// Thư mục ghi tệp (mặc định: thư mục hiện tại)
        dir: Option<PathBuf>,
    },
    /// In đoạn mã gợi ý lệnh (tab completion) cho shell: bash, zsh, fish hoặc powershell
    Completions {
        /// Shell: bash, zsh, fish hoặc powershell (cả elvish)
        #[arg(hide_possible_values = true)]
        shell: clap_complete::Shell,
    },
    /// In JSON Schema của tệp YAML văn bản, để trình soạn thảo (VS Code) gợi ý và kiểm tra khóa
    Schema {
        /// Ghi vào tệp này thay vì in ra đầu ra chuẩn, ví dụ vanban.schema.json
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
    },
    /// Kiểm tra thể thức tệp DOCX/PDF bất kỳ (Word, LibreOffice, WPS…) theo Nghị định 30/2020;
    /// mã thoát 0: không có lỗi, 1: có lỗi, 2: sai cách dùng hoặc không đọc được tệp
    #[command(name = "kiem-tra")]
    KiemTra {
        /// Tệp .docx hoặc .pdf cần kiểm tra
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// In kết quả dạng JSON (cho máy đọc)
        #[arg(long)]
        json: bool,
        /// Ghi bản đã sửa các lỗi cơ học (khổ giấy, lề, phông, cỡ chữ, số 0, Tiêu ngữ, Nơi nhận,
        /// số trang, đường kẻ) vào tệp .docx này; không bao giờ ghi đè tệp đã có
        #[arg(long, value_name = "TEP_RA.docx")]
        sua: Option<PathBuf>,
    },
    /// Liệt kê các mẫu có sẵn và loại văn bản (list templates)
    Templates {
        /// Chép các mẫu có sẵn vào thư mục này để sửa rồi dùng với --templates (không ghi đè tệp có sẵn)
        #[arg(long)]
        export: Option<PathBuf>,
    },
}

// The arguments of `vanban render` (a plain comment: a doc comment would replace the
// command's help text).
#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// Tệp YAML mô tả văn bản; "-" đọc từ đầu vào chuẩn (đường dẫn tương đối tính từ thư mục hiện tại)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Nơi ghi kết quả: một thư mục (mặc định out), một tệp .docx/.pdf (khi chỉ có một tệp
    /// vào; định dạng theo đuôi tệp) hoặc "-" (đầu ra chuẩn, một định dạng)
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "out",
        default_value = "out"
    )]
    pub out: PathBuf,
    /// Định dạng: docx, pdf hoặc docx,pdf (mặc định docx,pdf)
    #[arg(long, value_parser = parse_formats)]
    pub format: Option<Formats>,
    /// Thư mục chứa mẫu thay thế mẫu có sẵn (cùng tên tệp)
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Ghi PDF theo chuẩn lưu trữ PDF/A-2b (ISO 19005-2) mà hệ thống lưu trữ điện tử yêu cầu
    #[arg(long)]
    pub pdfa: bool,
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
    /// Số văn bản dựng song song (mặc định: gấp đôi số lõi CPU); kết quả như khi dựng lần lượt
    #[arg(short = 'j', long, value_name = "SỐ_LƯỢNG", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
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
fn engine(sources: &dyn crate::sources::Sources, dir: Option<&Path>) -> Option<Engine> {
    Engine::new(sources, dir).map_err(|e| report([&e])).ok()
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
        Command::Watch(args) => watch_cmd(args),
        Command::Validate {
            files,
            templates,
            previous,
            filters,
        } => {
            let Ok(filters) = parse_filters(&filters).map_err(|e| report(&e)) else {
                return ExitCode::from(1);
            };
            let Some(engine) = engine(&FileSystem, templates.as_deref()) else {
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
        Command::Completions { shell } => {
            let mut cmd = crate::usage::localize(<Cli as clap::CommandFactory>::command());
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut cmd, "vanban", &mut out);
            ExitCode::SUCCESS
        }
        Command::Schema { out } => schema_cmd(out),
        Command::KiemTra { files, json, sua } => kiem_tra_cmd(&files, json, sua),
        Command::Templates { export: Some(dir) } => export_templates(&dir),
        Command::Templates { export: None } => {
            say!("Mẫu có sẵn (templates):");
            for (name, _) in template::BUILTIN {
                say!("  {name:<22} {}", template::describe(name));
            }
            say!();
            say!("Loại văn bản (loai:)   tên              viết tắt  mẫu");
            for k in kinds::KINDS {
                say!(
                    "  {:<20} {:<16} {:<9} {}",
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

/// Where `vanban render` writes: a directory (one file per input and format), one file
/// (the format from its extension), or standard output (one format).
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Dir(PathBuf),
    File(PathBuf, Format),
    Stdout(Format),
}

/// The path standard input is read as (`vanban render -`): messages name it, and its
/// relative paths resolve from the working directory (it has no parent).
const STDIN_PATH: &str = "<stdin>";

/// The output target and the formats, from `-o` and `--format`; a combination that cannot
/// be honoured is a usage error (exit 2), never silently reinterpreted.
fn target(args: &RenderArgs) -> Result<(Target, Vec<Format>), Error> {
    let (target, formats) = plain_target(args)?;
    if !args.pdfa {
        return Ok((target, formats));
    }
    // PDF/A is a kind of PDF: without a PDF output the flag would do nothing.
    if !formats.contains(&Format::Pdf) {
        return Err(Error::new(
            Code::Usage,
            "--pdfa là chuẩn của tệp PDF: cần ghi PDF (bỏ --format docx, hoặc --format pdf)",
        ));
    }
    let archival = |f: Format| if f == Format::Pdf { Format::PdfA } else { f };
    let target = match target {
        Target::File(p, f) => Target::File(p, archival(f)),
        Target::Stdout(f) => Target::Stdout(archival(f)),
        dir => dir,
    };
    Ok((target, formats.into_iter().map(archival).collect()))
}

/// [`target`] before `--pdfa`.
fn plain_target(args: &RenderArgs) -> Result<(Target, Vec<Format>), Error> {
    let usage = |m: &str| Error::new(Code::Usage, m.to_string());
    let given = args.format.as_ref().map(|f| f.0.clone());
    let single = |what: &str| -> Result<(), Error> {
        if args.files.len() != 1 {
            return Err(usage(&format!(
                "{what} chỉ dùng được khi có đúng một tệp vào"
            )));
        }
        if args.checklists || args.combine {
            return Err(usage(&format!(
                "{what} không dùng được với --checklists (mỗi đơn vị một tệp): hãy cho -o một thư mục"
            )));
        }
        Ok(())
    };
    if args.out.as_os_str() == "-" {
        single("-o - (ghi ra đầu ra chuẩn)")?;
        return match given.as_deref() {
            Some([f]) => Ok((Target::Stdout(*f), vec![*f])),
            _ => Err(usage(
                "-o - ghi một định dạng ra đầu ra chuẩn: cần --format docx hoặc --format pdf",
            )),
        };
    }
    let ext = args
        .out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let by_ext = match ext.as_deref() {
        Some("docx") => Some(Format::Docx),
        Some("pdf") => Some(Format::Pdf),
        _ => None,
    };
    if let Some(f) = by_ext {
        single(&format!("-o {}", args.out.display()))?;
        if given.as_ref().is_some_and(|g| g.as_slice() != [f]) {
            return Err(usage(&format!(
                "-o {} là tệp .{}, trái với --format; bỏ --format hoặc đổi đuôi tệp",
                args.out.display(),
                f.extension()
            )));
        }
        return Ok((Target::File(args.out.clone(), f), vec![f]));
    }
    let formats = given.unwrap_or_else(|| vec![Format::Docx, Format::Pdf]);
    Ok((Target::Dir(args.out.clone()), formats))
}

/// Standard input, when `-` is among the inputs (once, and alone).
fn stdin_input(files: &[PathBuf]) -> Result<Option<Vec<u8>>, Error> {
    let n = files.iter().filter(|f| f.as_os_str() == "-").count();
    if n == 0 {
        return Ok(None);
    }
    if files.len() > 1 {
        return Err(Error::new(
            Code::Usage,
            "\"-\" (đầu vào chuẩn) phải là tệp vào duy nhất",
        ));
    }
    let limit = crate::files::TEXT.limit;
    let mut bytes = Vec::new();
    let read = std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin().lock(), limit + 1),
        &mut bytes,
    );
    if let Err(e) = read {
        let m = format!(
            "không đọc được đầu vào chuẩn: {}",
            crate::files::io_reason(&e)
        );
        return Err(Error::new(Code::Read, m).in_file(Path::new(STDIN_PATH)));
    }
    Ok(Some(bytes))
}

/// `vanban render`: every input is checked and built (in parallel into a directory, see
/// [`crate::batch`]); only when all succeed are the outputs put in place, together.
fn render_cmd(mut args: RenderArgs) -> ExitCode {
    let planned = target(&args).and_then(|t| Ok((t, stdin_input(&args.files)?)));
    let ((target, formats), stdin) = match planned {
        Ok(p) => p,
        Err(e) => {
            report([&e]);
            return ExitCode::from(if e.code == Code::Usage { 2 } else { 1 });
        }
    };
    if stdin.is_some() {
        args.files = vec![PathBuf::from(STDIN_PATH)];
    }
    let overlay;
    let sources: &dyn crate::sources::Sources = match stdin {
        Some(bytes) => {
            overlay = crate::sources::Overlay::new(&FileSystem, STDIN_PATH, bytes);
            &overlay
        }
        None => &FileSystem,
    };
    render_planned(&args, &target, &formats, sources)
}

/// `vanban watch`: [`render_planned`] into a directory or one file, again after every
/// change of what it read ([`crate::watch`]). Standard input cannot be watched, nor
/// standard output rewritten.
fn watch_cmd(args: RenderArgs) -> ExitCode {
    let usage = |m: &str| {
        report([&Error::new(Code::Usage, m.to_string())]);
        ExitCode::from(2)
    };
    if args.files.iter().any(|f| f.as_os_str() == "-") {
        return usage("watch theo dõi tệp trên đĩa: không dùng được \"-\" (đầu vào chuẩn)");
    }
    let (target, formats) = match target(&args) {
        Ok((Target::Stdout(_), _)) => {
            return usage("watch ghi lại kết quả mỗi lần lưu: không dùng được -o - (đầu ra chuẩn)");
        }
        Ok(t) => t,
        Err(e) => {
            report([&e]);
            return ExitCode::from(2);
        }
    };
    let e = crate::watch::run(&args.files, |sources| {
        render_planned(&args, &target, &formats, sources);
    });
    report([&e]);
    ExitCode::from(1)
}

/// Render `args.files` to `target` in `formats`, reading through `sources`; reports the
/// outcome on stdout and stderr.
fn render_planned(
    args: &RenderArgs,
    target: &Target,
    formats: &[Format],
    sources: &dyn crate::sources::Sources,
) -> ExitCode {
    let formats = formats.to_vec();
    let Ok(filters) = parse_filters(&args.filters).map_err(|e| report(&e)) else {
        return ExitCode::from(1);
    };
    let out_dir = match &target {
        Target::Dir(d) => d.clone(),
        Target::File(p, _) => p.parent().map(Path::to_path_buf).unwrap_or_default(),
        Target::Stdout(_) => PathBuf::new(),
    };
    let checklists = args.checklists || args.combine;
    if !checklists && matches!(target, Target::Dir(_)) {
        // The names are known before anything is built: refuse a clash at once.
        let targets: Vec<(PathBuf, &Path)> = args
            .files
            .iter()
            .flat_map(|f| {
                render::output_paths(&output_stem(f), &out_dir, &formats)
                    .into_iter()
                    .map(move |p| (p, f.as_path()))
            })
            .collect();
        if let Err(e) = crate::files::write::check_unique(&targets) {
            report(&e);
            return ExitCode::from(1);
        }
    }
    let Some(engine) = engine(sources, args.templates.as_deref()) else {
        return ExitCode::from(1);
    };
    let custom;
    let fonts = match &args.font_dir {
        Some(d) => match FontSet::from_dir(sources, d) {
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
        sources,
        engine: &engine,
        fonts,
    };
    let started = std::time::Instant::now();
    let n = args.files.len();
    let bar = progress_bar(n);
    let render_one = |f: &Path| {
        guard::set_current(Some(f));
        bar.set_message(f.display().to_string());
        let result = if checklists {
            crate::checklists::output::checklist_outputs(
                inputs,
                f,
                &out_dir,
                &formats,
                args.combine,
            )
        } else {
            render::render_outputs(
                inputs,
                f,
                args.previous.as_deref(),
                &filters,
                &out_dir,
                &formats,
            )
        };
        bar.inc(1);
        guard::set_current(None);
        result
    };
    let Target::Dir(dir) = &target else {
        // One output file or standard output: one input, delivered from memory.
        let mut outputs = Vec::new();
        for f in &args.files {
            match render_one(f) {
                Ok(o) => outputs.extend(o),
                Err(errs) => {
                    report(&errs);
                    return ExitCode::from(1);
                }
            }
        }
        bar.finish_and_clear();
        return deliver(outputs, target);
    };
    let jobs = args.jobs.map(usize::from);
    let result = crate::batch::run(&args.files, jobs, |f| {
        render_one(f).map(|o| stdin_names(o, dir))
    });
    bar.finish_and_clear();
    let secs = format!("{:.1}", started.elapsed().as_secs_f64()).replace('.', ",");
    match result {
        Err(failure) => {
            for e in &failure.errors {
                report(e);
            }
            if n > 1 && failure.documents > 0 {
                eprintln!(
                    "vanban: {}/{n} văn bản có lỗi; không tệp kết quả nào được ghi ({secs} giây)",
                    failure.documents
                );
            }
            ExitCode::from(1)
        }
        Ok(paths) => {
            for p in &paths {
                say!("đã ghi {}", p.display());
            }
            if n > 1 {
                eprintln!(
                    "vanban: đã ghi {n} văn bản ({} tệp), 0 lỗi, {secs} giây",
                    paths.len()
                );
            }
            ExitCode::SUCCESS
        }
    }
}

/// The outputs of standard input in a directory are named "van-ban".
fn stdin_names(mut outputs: Vec<Output>, dir: &Path) -> Vec<Output> {
    for o in &mut outputs {
        if o.input.as_os_str() == STDIN_PATH
            && let Some(ext) = o.path.extension()
        {
            o.path = dir.join("van-ban").with_extension(ext);
        }
    }
    outputs
}

/// A progress bar on standard error for a batch, drawn only on a terminal (hidden when
/// stderr is a file or a pipe, so logs and tests see only the summary line).
fn progress_bar(len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} văn bản  {wide_msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// The file name an input's outputs take in a directory: its own stem, or "van-ban" for
/// standard input.
fn output_stem(input: &Path) -> PathBuf {
    if input.as_os_str() == STDIN_PATH {
        PathBuf::from("van-ban")
    } else {
        input.to_path_buf()
    }
}

/// Write `bytes` to standard output; `closed_ok`: a reader that closed the pipe early is
/// not an error.
fn write_stdout(bytes: &[u8], closed_ok: bool) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if closed_ok && e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let m = format!(
                "không ghi được ra đầu ra chuẩn: {}",
                crate::files::io_reason(&e)
            );
            report([&Error::new(Code::Write, m)]);
            ExitCode::from(1)
        }
    }
}

/// Write the outputs where the target says: all together into files, or the one output to
/// standard output.
fn deliver(mut outputs: Vec<Output>, target: &Target) -> ExitCode {
    match target {
        Target::Stdout(_) => {
            let bytes = outputs.pop().map(|o| o.bytes).unwrap_or_default();
            // A document cut short is an error, even when the reader went away.
            write_stdout(&bytes, false)
        }
        Target::File(path, _) => {
            for o in &mut outputs {
                o.path = path.clone();
            }
            commit_and_list(&outputs)
        }
        Target::Dir(_) => unreachable!("a directory target is written by crate::batch"),
    }
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
        let path = dir.join(&name);
        // The schema of an earlier starter in the same folder is shared, when it is this one.
        if name == crate::schema::FILE_NAME && std::fs::read(&path).is_ok_and(|b| b == bytes) {
            say!("đã có {} (giữ nguyên)", path.display());
            continue;
        }
        if name == crate::schema::FILE_NAME && path.exists() {
            report([&Error::new(
                Code::Write,
                "tệp đã tồn tại và khác JSON Schema của phiên bản vanban này, không ghi đè \
                 (xóa tệp, hoặc ghi lại bằng: vanban schema -o vanban.schema.json)",
            )
            .in_file(&path)]);
            return ExitCode::from(1);
        }
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

/// `vanban schema [-o FILE]`: the document schema on standard output, or into a file.
fn schema_cmd(out: Option<PathBuf>) -> ExitCode {
    let text = crate::schema::document();
    match out {
        Some(path) => commit_and_list(&[Output {
            bytes: text.into_bytes(),
            input: path.clone(),
            path,
        }]),
        // A closed pipe (`vanban schema | head`) is not an error.
        None => write_stdout(text.as_bytes(), true),
    }
}

/// `vanban templates --export DIR`: the built-in templates as files, to start a
/// `--templates DIR` override from; refuses to overwrite a file the user may have edited.
fn export_templates(dir: &Path) -> ExitCode {
    let mut outputs = Vec::new();
    let mut errs = Diagnostics::new();
    for (name, text) in template::BUILTIN {
        let path = dir.join(name);
        if path.exists() {
            errs.push(
                Error::new(
                    Code::Write,
                    "tệp đã tồn tại, không ghi đè (xóa tệp hoặc chọn thư mục khác)",
                )
                .in_file(&path),
            );
        }
        outputs.push(Output {
            bytes: text.as_bytes().to_vec(),
            input: PathBuf::from(name),
            path,
        });
    }
    if !errs.is_empty() {
        report(&errs);
        return ExitCode::from(1);
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

/// `vanban kiem-tra FILE... [--json] [--sua OUT.docx]`.
fn kiem_tra_cmd(files: &[PathBuf], json: bool, sua: Option<PathBuf>) -> ExitCode {
    use crate::conformance::{check_files, finding_line, summary_line};
    if let Some(code) = sua.as_deref().and_then(|out| refuse_fix_target(files, out)) {
        return code;
    }
    let inputs = files
        .iter()
        .map(|f| std::fs::read(f).map_err(|e| format!("không đọc được tệp: {e}")))
        .collect();
    let outcomes = check_files(inputs);
    let mut unreadable = false;
    let mut errors = false;
    if json
        && write_stdout(crate::conformance::json(files, &outcomes).as_bytes(), true)
            != ExitCode::SUCCESS
    {
        return ExitCode::from(1);
    }
    for (file, o) in files.iter().zip(&outcomes) {
        match o {
            Ok(r) => {
                errors |= r.errors() > 0;
                if !json {
                    for f in &r.findings {
                        say!("{}", finding_line(file, f));
                    }
                    say!("{}", summary_line(file, r));
                }
            }
            Err(e) => {
                unreadable = true;
                eprintln!("lỗi: {}: {e}", file.display());
            }
        }
    }
    if unreadable {
        return ExitCode::from(2);
    }
    if let Some(out) = sua {
        let Ok(bytes) = std::fs::read(&files[0]) else {
            return ExitCode::from(2);
        };
        match kiem_tra::fix(&bytes) {
            Ok(fixed) => {
                let code = commit_and_list(&[Output {
                    bytes: fixed.bytes,
                    input: files[0].clone(),
                    path: out,
                }]);
                if code != ExitCode::SUCCESS {
                    return code;
                }
                if fixed.changes.is_empty() {
                    say!("không có lỗi cơ học nào để sửa; bản ghi ra giống hệt bản gốc");
                }
                for c in &fixed.changes {
                    say!("đã sửa: {c}");
                }
            }
            Err(e) => {
                eprintln!("lỗi: {}: {e}", files[0].display());
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::from(u8::from(errors))
}

/// `--sua` takes one DOCX, and never writes over the input or any existing file.
fn refuse_fix_target(files: &[PathBuf], out: &Path) -> Option<ExitCode> {
    let refuse = |msg: &str| {
        eprintln!("lỗi: --sua {}: {msg}", out.display());
        Some(ExitCode::from(2))
    };
    if files.len() != 1 {
        return refuse("chỉ dùng được với đúng một tệp vào");
    }
    if out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
        != Some("docx")
    {
        return refuse("tệp ra phải có đuôi .docx");
    }
    let same = std::fs::canonicalize(&files[0])
        .ok()
        .zip(std::fs::canonicalize(out).ok())
        .is_some_and(|(a, b)| a == b);
    if same {
        return refuse("là chính tệp vào; vanban không ghi đè tệp gốc");
    }
    if out.exists() {
        return refuse("tệp đã tồn tại, không ghi đè (xóa tệp hoặc chọn tên khác)");
    }
    None
}
