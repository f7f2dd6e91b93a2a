use clap::Parser;
use std::io::IsTerminal;
use std::process::ExitCode;
use treaty_lsp::cli::{align, check, compile, extract, migrate, report, Cli, Command};

/// Said on stderr when the server is started in a terminal, where it would
/// otherwise wait in silence.
const WAITING_FOR_A_CLIENT: &str = "treaty-lsp is a language server: it waits for an editor's LSP \
client on stdin (Ctrl-D ends it). To check drafts here: treaty-lsp check FILE_OR_FOLDER; \
treaty-lsp --help lists the commands.";

fn main() -> ExitCode {
    let cli = Cli::parse();
    check::set_max_file_bytes(cli.max_file_size.saturating_mul(1024 * 1024));
    match cli.command {
        Some(Command::Check {
            paths,
            format,
            errors_only,
        }) => check::run(&paths, format, !errors_only),
        Some(Command::Align { old, new, format }) => align::run(&old, &new, format),
        Some(Command::Migrate {
            positions,
            to,
            write,
        }) => migrate::run(&positions, &to, write),
        Some(Command::Compile {
            draft,
            format,
            output,
        }) => compile::run(&draft, format, output.as_deref()),
        Some(Command::Report {
            drafts,
            format,
            output,
        }) => report::run(&drafts, format, output.as_deref()),
        Some(Command::Extract {
            submission,
            stakeholder,
            draft,
            group,
            output,
        }) => extract::run(
            &submission,
            &stakeholder,
            &draft,
            group.as_deref(),
            output.as_ref(),
        ),
        Some(Command::Serve { .. }) | None => {
            if std::io::stdin().is_terminal() {
                eprintln!("{WAITING_FOR_A_CLIENT}");
            }
            // stdout is the protocol channel: logs go to stderr only
            tracing_subscriber::fmt()
                .with_writer(std::io::stderr)
                .with_ansi(false)
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_env("TREATY_LSP_LOG")
                        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
                )
                .init();
            match treaty_lsp::server::run_stdio() {
                Ok(true) => ExitCode::SUCCESS,
                // `exit` (or the end of input) without `shutdown` first
                Ok(false) => ExitCode::from(1),
                Err(e) => {
                    eprintln!("error: {:#}", e);
                    ExitCode::from(1)
                }
            }
        }
    }
}
