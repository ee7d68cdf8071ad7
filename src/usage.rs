//! The command line's own words in Vietnamese: clap's usage errors, the help headings and the
//! usage lines. clap writes English ("Usage:", "Options:", "error: unexpected argument"); every
//! other message of vanban is Vietnamese, so these are too.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::process::ExitCode;

use clap::{Arg, ArgAction, Command};

const TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The usage line of each command, in the words of the help.
fn usage_of(name: &str) -> Option<&'static str> {
    Some(match name {
        "vanban" => "vanban LỆNH [TÙY_CHỌN]…  (xem: vanban LỆNH --help)",
        "render" => {
            "vanban render TỆP… [-o THƯ_MỤC|TỆP.docx|TỆP.pdf|-] [--format docx|pdf|docx,pdf] [--templates THƯ_MỤC] \
             [--font-dir THƯ_MỤC] [--previous TỆP] [--where TRƯỜNG=GIÁ_TRỊ]… [--checklists [--combine]]"
        }
        "validate" => {
            "vanban validate TỆP… [--templates THƯ_MỤC] [--previous TỆP] [--where TRƯỜNG=GIÁ_TRỊ]…"
        }
        "init" => "vanban init LOẠI [THƯ_MỤC]",
        "templates" => "vanban templates [--export THƯ_MỤC]",
        "schema" => "vanban schema [-o TỆP]",
        "completions" => "vanban completions bash|zsh|fish|powershell",
        _ => return None,
    })
}

/// Vietnamese headings, usage lines and help flags for `cmd` and every subcommand.
pub fn localize(cmd: Command) -> Command {
    let name = cmd.get_name().to_string();
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In hướng dẫn sử dụng")
                .help_heading("Tùy chọn"),
        )
        .mut_args(localize_arg);
    if name == "vanban" {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In số phiên bản")
                .help_heading("Tùy chọn"),
        );
    }
    if let Some(u) = usage_of(&name) {
        cmd = cmd.override_usage(u);
    }
    if name == "init" {
        // The kinds are data (kinds.rs): listed from there, never a copy in a doc comment.
        let ids = crate::kinds::ids();
        cmd = cmd.after_help(format!("Các loại văn bản (LOẠI): {}", ids.join(", ")));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        cmd = cmd.mut_subcommand(s, localize);
    }
    cmd
}

/// An argument's heading, value name and default in Vietnamese.
fn localize_arg(a: Arg) -> Arg {
    let heading = if a.is_positional() {
        "Tham số"
    } else {
        "Tùy chọn"
    };
    let value_name = match a.get_id().as_str() {
        "files" | "previous" => Some("TỆP"),
        "templates" | "font_dir" | "dir" | "export" => Some("THƯ_MỤC"),
        "out" => Some("ĐÍCH"),
        "format" => Some("ĐỊNH_DẠNG"),
        "filters" => Some("TRƯỜNG=GIÁ_TRỊ"),
        "kind" => Some("LOẠI"),
        "shell" => Some("SHELL"),
        _ => None,
    };
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let mut a = a.help_heading(heading);
    if let Some(v) = value_name {
        a = a.value_name(v);
    }
    if !defaults.is_empty() {
        let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
        a = a
            .hide_default_value(true)
            .help(format!("{help} (mặc định: {})", defaults.join(", ")));
    }
    a
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A clap usage error in Vietnamese, with a suggestion when clap has one.
pub fn error_message(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn \"{arg}\""),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh \"{}\"; các lệnh: render, validate, init, templates",
            context(e, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} cần một giá trị"),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue);
            if valid.is_empty() {
                format!("giá trị \"{value}\" không hợp lệ cho {arg}")
            } else {
                format!("giá trị \"{value}\" không hợp lệ cho {arg}; cần một trong: {valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("giá trị \"{value}\" không hợp lệ cho {arg}: {why}")
        }
        ErrorKind::NoEquals => format!("{arg} cần giá trị viết liền sau dấu \"=\""),
        ErrorKind::TooManyValues => format!("thừa giá trị \"{value}\" cho {arg}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị cho {arg} không đúng")
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} không dùng chung được với {}",
            context(e, ContextKind::PriorArg)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu tham số bắt buộc: {arg}")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh: render, validate, init hoặc templates".to_string()
        }
        _ => "dòng lệnh không hợp lệ".to_string(),
    };
    let suggested = context(e, ContextKind::SuggestedArg);
    let suggested = if suggested.is_empty() {
        context(e, ContextKind::SuggestedSubcommand)
    } else {
        suggested
    };
    if !suggested.is_empty() {
        msg.push_str(&format!(" (có phải ý bạn là \"{suggested}\"?)"));
    }
    msg
}

/// Parse the process's arguments with the Vietnamese command line: help and version are
/// printed (exit 0), a usage error is reported with the usage line (exit 2).
pub fn parse_args<T: clap::FromArgMatches + clap::CommandFactory>() -> Result<T, ExitCode> {
    localize(T::command())
        .try_get_matches()
        .and_then(|m| T::from_arg_matches(&m))
        .map_err(report)
}

fn report(e: clap::Error) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let usage = context(&e, ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    eprintln!(
        "{}",
        crate::error::Error::new(crate::error::Code::Usage, error_message(&e))
    );
    if !usage.is_empty() {
        eprintln!("\nCách dùng: {usage}");
    }
    eprintln!("Xem hướng dẫn: vanban --help");
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> clap::Error {
        localize(crate::cli::Cli::command())
            .try_get_matches_from(args)
            .unwrap_err()
    }

    #[test]
    fn usage_errors_are_vietnamese() {
        let e = parse(&["vanban", "render", "a.yaml", "--khong-co"]);
        assert_eq!(e.kind(), ErrorKind::UnknownArgument);
        assert!(error_message(&e).starts_with("không có tùy chọn \"--khong-co\""));
        let e = parse(&["vanban", "xuat"]);
        assert!(error_message(&e).contains("không có lệnh \"xuat\""));
        let e = parse(&["vanban", "render"]);
        assert!(error_message(&e).starts_with("thiếu tham số bắt buộc"));
        let e = parse(&["vanban", "render", "a.yaml", "--format", "odt"]);
        assert!(error_message(&e).contains("định dạng \"odt\" không hỗ trợ"));
    }

    #[test]
    fn help_has_no_english_headings() {
        let mut cmd = localize(crate::cli::Cli::command());
        let help = cmd.render_help().to_string();
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Print help",
            "Arguments:",
        ] {
            assert!(!help.contains(english), "{english:?} in:\n{help}");
        }
        let mut render = localize(crate::cli::Cli::command());
        let render = render.find_subcommand_mut("render").unwrap();
        let help = render.render_help().to_string();
        assert!(help.contains("Cách dùng: vanban render TỆP…"), "{help}");
        assert!(help.contains("Tùy chọn"), "{help}");
        assert!(!help.contains("Options:"), "{help}");
    }

    #[test]
    fn init_help_lists_every_kind() {
        let mut cmd = localize(crate::cli::Cli::command());
        let init = cmd.find_subcommand_mut("init").unwrap();
        let help = init.render_help().to_string();
        for id in crate::kinds::ids() {
            assert!(help.contains(id), "{id} in: {help}");
        }
    }

    #[test]
    fn completions_cover_the_commands_and_options() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
            clap_complete::Shell::PowerShell,
        ] {
            let mut cmd = localize(crate::cli::Cli::command());
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "vanban", &mut out);
            let text = String::from_utf8(out).unwrap();
            for word in [
                "render",
                "validate",
                "templates",
                "output",
                "checklists",
                "export",
            ] {
                assert!(text.contains(word), "{shell:?}: {word}");
            }
        }
    }
}
