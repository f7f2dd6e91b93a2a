//! The command line: `treaty-lsp check PATH...`.

pub mod align;
pub mod check;
pub mod extract;
pub mod json;
pub mod migrate;

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
    /// The largest file read, in megabytes (a larger one is refused with
    /// a message naming it).
    #[arg(long, global = true, value_name = "MB", default_value_t = 256)]
    pub max_file_size: u64,
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
    /// The correspondence of two versions of a draft: every article,
    /// paragraph and point of the older with its counterpart in the newer
    /// (same place, renumbered, moved, split, merged, dropped; and what is
    /// new), with how alike the two are (0 to 1).
    Align {
        /// The older version.
        old: PathBuf,
        /// The newer version.
        new: PathBuf,
        /// Output format: a Markdown table, JSON, or CSV.
        #[arg(long, value_enum, default_value_t = align::AlignFormat::Md)]
        format: align::AlignFormat,
    },
    /// Rewrite a positions file for a later version of its draft: each
    /// target renumbered to the newer draft (through the versions between
    /// and any correspondence tables), the original draft and target kept
    /// in each position; a position without a certain counterpart is
    /// commented out with the reason. Prints the new file (or, with
    /// --write, rewrites it) and reports on standard error.
    Migrate {
        /// The positions file.
        positions: PathBuf,
        /// The newer draft.
        #[arg(long)]
        to: PathBuf,
        /// Rewrite the positions file in place.
        #[arg(long)]
        write: bool,
    },
    /// Draft a positions file from a submission's text, for a person to
    /// review: one position per concrete proposal, `# check:` comments on
    /// what is guessed. Exits with status 2 when the submission cannot be read.
    Extract {
        /// The submission (Markdown or plain text).
        submission: PathBuf,
        /// Who wrote it.
        #[arg(long)]
        stakeholder: String,
        /// The id of the draft its article numbers refer to (`A/AC.291/16`).
        #[arg(long)]
        draft: String,
        /// state, industry, civil-society, academia, secretariat, intergovernmental or other.
        #[arg(long)]
        group: Option<String>,
        /// Write here instead of to standard output.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
