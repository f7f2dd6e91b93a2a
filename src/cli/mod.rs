//! The command line: `treaty-lsp check PATH...`.

pub mod check;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "treaty-lsp",
    version,
    about = "Language server and checker for draft treaties"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Speak the Language Server Protocol on stdin/stdout (the default).
    Serve,
    /// Check drafts: outline counts, dangling references, numbering, brackets.
    /// Exits with status 1 when any file has an error.
    Check {
        /// Files or folders (folders are searched for *.md, *.treaty, *.txt).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Print only errors, not warnings (human format).
        #[arg(long, short = 'q')]
        errors_only: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
