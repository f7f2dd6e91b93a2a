use clap::Parser;
use std::process::ExitCode;
use treaty_lsp::cli::{check, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check {
            paths,
            format,
            errors_only,
        }) => check::run(&paths, format, !errors_only),
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            ExitCode::from(2)
        }
    }
}
