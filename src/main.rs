use std::process::ExitCode;

fn main() -> ExitCode {
    match vanban::usage::parse_args::<vanban::cli::Cli>() {
        Ok(cli) => vanban::cli::run(cli),
        Err(code) => code,
    }
}
