//! The command line: `treaty-lsp check PATH...`.

pub mod align;
pub mod check;
pub mod compile;
pub mod extract;
pub mod json;
pub mod load;
pub mod migrate;
pub mod report;

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
    /// Speak LSP over stdin and stdout: the only transport, and the default
    /// (accepted because LSP clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Speak the Language Server Protocol on stdin/stdout (the default).
    Serve {
        /// The only transport (accepted because LSP clients pass it).
        #[arg(long)]
        stdio: bool,
    },
    /// Check drafts and positions files: per draft its outline counts and
    /// every problem (dangling references, numbering, brackets); per
    /// positions file its positions and every target that does not resolve
    /// or change that does not apply.
    #[command(after_help = CHECK_AFTER_HELP)]
    Check {
        /// Files or folders. A file named is always read: a positions file
        /// or correspondence table by its name, anything else as a draft. A
        /// folder is read as the language server reads a workspace folder.
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
    /// The positions matrix of a draft: who takes a position on which
    /// article (a letter and a colour per stance), the most contested
    /// articles first, and every position with the stakeholder's words and
    /// its changes as struck and inserted words. The draft's project (its
    /// folder with treaty.toml, or its repository) is read for positions
    /// files. Exits with status 2 when no draft can be read.
    Report {
        /// Drafts, or folders whose drafts are all reported on.
        #[arg(required = true)]
        drafts: Vec<PathBuf>,
        /// html (one self-contained page), md or json; by default as the
        /// output file's name says, else md.
        #[arg(long, value_enum)]
        format: Option<report::ReportFormat>,
        /// Write here instead of to standard output.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// The compilation of proposals: the draft with every stakeholder's
    /// proposal inline, the words it would change in square brackets and
    /// the proposal after them in braces, attributed (`[applicable]
    /// {Microsoft: delete}`); new elements inserted and marked, deletions
    /// marked, not performed. The result is a draft treaty-lsp reads.
    Compile {
        /// The draft (its project is read for positions files).
        draft: PathBuf,
        /// md (a draft treaty-lsp reads) or html (one self-contained page
        /// to read and print, each proposal marked); by default as the
        /// output file's name says, else md.
        #[arg(long, value_enum)]
        format: Option<compile::CompileFormat>,
        /// Write here instead of to standard output.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
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

/// `check --help`'s closing part: which files a folder yields, and the
/// exit statuses.
const CHECK_AFTER_HELP: &str = "\
Files read in a folder, at any depth (hidden folders, target and node_modules left out):
  *.treaty, *.treaty.md        drafts
  *.positions.toml             positions files (and the submissions they quote)
  *.correspondence.toml        correspondence tables between two versions of a draft
  submissions/**/*.md, *.txt   submissions
  and whatever the folder's treaty.toml lists (files, submissions, versions).
Other Markdown files (a README) are not drafts by their names: name them to check them.

Exit status:
  0  no file has an error (warnings allowed)
  1  a file has an error, or a file or treaty.toml cannot be read
  2  the command line is wrong, or the output cannot be written
  3  nothing to check: the folders named hold no drafts or positions files";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// Writes `text` to standard output; a closed pipe (`| head`) is no error.
pub fn write_stdout(text: &str) -> Result<(), String> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}
