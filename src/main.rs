#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    // An internal error gets a Vietnamese report and removes temporaries (exit 101);
    // SIGINT/SIGTERM remove them too, SIGXFSZ turns into a reported write error.
    vanban::files::guard::install_panic_hook();
    vanban::files::guard::install();
    match vanban::usage::parse_args::<vanban::cli::Cli>() {
        Ok(cli) => vanban::cli::run(cli),
        Err(code) => code,
    }
}
