//! JSON output for people and programs: indented as `serde_json`'s pretty
//! printer does, but only the first [`MAX_INDENT`] levels. A draft's
//! outline is as deep as its elements (48 levels, two JSON levels each),
//! and indenting every level made `check --format json` of 100 KB of
//! nested labels 81 MB, nearly all of it spaces.

use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Levels indented; deeper ones are written compactly.
pub const MAX_INDENT: usize = 12;

/// Writes `value` to `out`, indented to [`MAX_INDENT`] levels.
pub fn write<W: Write, T: serde::Serialize + ?Sized>(out: W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Indented::default());
    value.serialize(&mut ser).map_err(io::Error::other)
}

/// [`write`] to a string.
pub fn to_string<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    match write(&mut out, value) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[derive(Default)]
struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn newline<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        if self.level > MAX_INDENT {
            return Ok(());
        }
        out.write_all(b"\n")?;
        for _ in 0..self.level {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(out)?;
        }
        out.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.newline(out)
    }
}

impl Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(if self.level > MAX_INDENT { b":" } else { b": " })
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Up to the indented depth, exactly what `to_string_pretty` writes.
    #[test]
    fn shallow_values_read_as_serde_jsons_pretty_printer_writes_them() {
        let v = json!({"a": [1, {"b": [], "c": {}}, [[2, 3], "x"]], "d": null, "e": {"f": "g"}});
        assert_eq!(to_string(&v), serde_json::to_string_pretty(&v).unwrap());
    }

    /// Deeper, compact: the output grows with the value, not with the
    /// square of its depth, and reads back as the same value.
    #[test]
    fn deep_values_are_written_compactly_below_the_indented_levels() {
        let mut v = json!("leaf");
        // 120 levels, within the reader's limit of 128
        for i in 0..60 {
            v = json!({"children": [v], "n": i});
        }
        let text = to_string(&v);
        let compact = serde_json::to_string(&v).unwrap();
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        assert!(text.len() < compact.len() + 2000, "{} bytes", text.len());
        assert!(pretty.len() > 5 * text.len(), "{} bytes", pretty.len());
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
