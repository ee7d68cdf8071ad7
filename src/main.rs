use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    vanban::cli::run(vanban::cli::Cli::parse())
}
