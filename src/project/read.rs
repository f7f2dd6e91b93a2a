//! Reading a project's files from the disk, safely: only regular files
//! (never a device such as `/dev/zero`, a FIFO that would block, or a
//! socket, wherever a symlink points), at most a set number of bytes, and
//! as UTF-8, each refusal a message that names the file and what to do.

use crate::syntax::lines::LineIndex;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// The default cap on a file's size: far above any treaty (UNCLOS is
/// 0.5 MB), far below what would exhaust memory.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A device, FIFO, socket or folder: never read.
    NotRegular {
        what: &'static str,
    },
    /// Over the cap (the size as seen when it was opened).
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// Not UTF-8: where the first bad byte is (1-based line and column of
    /// the text before it) and the byte.
    NotUtf8 {
        line: usize,
        column: usize,
        byte: u8,
    },
    /// A document of a word processor, a PDF or UTF-16 text: what it is
    /// and how to make text of it.
    NotText {
        what: &'static str,
        how: &'static str,
    },
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular { what } => {
                write!(f, "not a regular file ({what}); only text files are read")
            }
            ReadError::TooLarge { size, limit } => write!(
                f,
                "{} is over the limit of {} (setting `maxFileSize`, option `--max-file-size`)",
                megabytes(*size),
                megabytes(*limit)
            ),
            ReadError::NotUtf8 { line, column, byte } => write!(
                f,
                "{line}:{column}: not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8"
            ),
            ReadError::NotText { what, how } => write!(f, "{what}: {how}"),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// The kind of a file that is not a regular one, for the message.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// What a file is by its first bytes, when it is a format people save
/// drafts in that is not text: a user sent "not valid UTF-8" for a Word
/// document would not know what to do.
fn not_text(bytes: &[u8], path: &Path) -> Option<ReadError> {
    const EXPORT: &str = "save or export it as plain text or Markdown, UTF-8 \
        (in Word: File > Save As > Plain Text; or `pandoc FILE -t markdown -o FILE.md`)";
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let (what, how) = if bytes.starts_with(b"PK\x03\x04") {
        let what = match extension.to_ascii_lowercase().as_str() {
            "docx" => "a Word document (.docx), not text",
            "odt" => "an OpenDocument text (.odt), not text",
            _ => "a ZIP archive (a Word or OpenDocument file?), not text",
        };
        (what, EXPORT)
    } else if bytes.starts_with(b"\xd0\xcf\x11\xe0") {
        ("an older Word document (.doc), not text", EXPORT)
    } else if bytes.starts_with(b"{\\rtf") {
        ("a Rich Text (RTF) document, not text", EXPORT)
    } else if bytes.starts_with(b"%PDF-") {
        (
            "a PDF, not text",
            "copy its text into a Markdown or plain text file (`pdftotext -layout FILE.pdf` does it)",
        )
    } else if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        ("UTF-16 text, not UTF-8", "save it as UTF-8")
    } else {
        return None;
    };
    Some(ReadError::NotText { what, how })
}

/// Reads `path` (following symlinks) as UTF-8 text of at most `limit`
/// bytes.
pub fn read_text_file(path: &Path, limit: u64) -> Result<String, ReadError> {
    // asked before opening: opening a FIFO blocks until a writer comes
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            what: kind_of(&meta),
        });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // a file that grows after the question still stops at the cap
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    if let Some(e) = not_text(&bytes, path) {
        return Err(e);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let (line, column) = LineIndex::new(before).line_col(before, valid);
        ReadError::NotUtf8 {
            line,
            column,
            byte: bytes[valid],
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("treaty-read-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_regular_file_under_the_cap_is_read() {
        let dir = scratch("ok");
        let f = dir.join("a.treaty.md");
        std::fs::write(&f, "### Article 1\n").unwrap();
        assert_eq!(read_text_file(&f, 100).unwrap(), "### Article 1\n");
        let err = read_text_file(&f, 5).unwrap_err().to_string();
        assert!(err.contains("over the limit"), "{err}");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn bad_utf8_says_where() {
        let dir = scratch("utf8");
        let f = dir.join("b.md");
        std::fs::write(&f, b"ab\ncd\xffe").unwrap();
        let err = read_text_file(&f, 100).unwrap_err().to_string();
        assert!(err.starts_with("2:3: not valid UTF-8 (byte 0xff)"), "{err}");
        std::fs::remove_dir_all(dir).ok();
    }

    /// Word, PDF, RTF and UTF-16 files are named for what they are, with
    /// how to make text of them.
    #[test]
    fn documents_that_are_not_text_say_how_to_export_them() {
        let dir = scratch("docs");
        let cases: [(&str, &[u8], &str); 6] = [
            (
                "d.docx",
                b"PK\x03\x04\x14\x00\x06\x00",
                "a Word document (.docx), not text: save or export it as plain text or Markdown",
            ),
            (
                "d.odt",
                b"PK\x03\x04\x14\x00",
                "an OpenDocument text (.odt), not text",
            ),
            (
                "d.doc",
                b"\xd0\xcf\x11\xe0\xa1\xb1",
                "an older Word document (.doc), not text",
            ),
            (
                "d.pdf",
                b"%PDF-1.7\n%\xe2\xe3",
                "a PDF, not text: copy its text",
            ),
            (
                "d.rtf",
                b"{\\rtf1\\ansi text}",
                "a Rich Text (RTF) document, not text",
            ),
            (
                "d.txt",
                b"\xff\xfeA\x00r\x00",
                "UTF-16 text, not UTF-8: save it as UTF-8",
            ),
        ];
        for (name, bytes, said) in cases {
            let f = dir.join(name);
            std::fs::write(&f, bytes).unwrap();
            let err = read_text_file(&f, 100).unwrap_err().to_string();
            assert!(err.starts_with(said), "{name}: {err}");
        }
        std::fs::remove_dir_all(dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_never_opened() {
        let dir = scratch("special");
        let zero = dir.join("zero.treaty.md");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let err = read_text_file(&zero, u64::MAX).unwrap_err().to_string();
        assert!(err.contains("a device"), "{err}");
        let fifo = dir.join("fifo.treaty.md");
        let made = Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = read_text_file(&fifo, 100).unwrap_err().to_string();
            assert!(err.contains("a FIFO"), "{err}");
        }
        std::fs::remove_dir_all(dir).ok();
    }

    #[cfg(unix)]
    use std::process::Command;
}
