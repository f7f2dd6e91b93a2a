//! The outlines answered, as JSON text, kept for the next request on the
//! same version of a file: the least recently used go first, within a
//! total budget, and an outline goes with the parse it was made from (it
//! holds the file weakly: once a successor replaces it, the old parse is
//! freed, not kept alive by its outline).

use crate::analysis::SourceFile;
use std::sync::{Arc, Mutex, Weak};

/// The most outline text kept, over every file (UNCLOS's whole outline is
/// 0.55 MB; its headings 0.13 MB).
pub(super) const OUTLINE_BUDGET: usize = 8 << 20;
/// The most outlines kept, whatever their size.
pub(super) const MOST_OUTLINES: usize = 16;

/// What else an outline's text depends on: the workspace (an outline
/// names the draft's versions and the positions lost from them, which
/// other files say), its depth, the encoding of its positions and the
/// client's form (nested or flat, known symbol kinds).
#[derive(Clone, PartialEq, Debug)]
pub(super) struct OutlineForm {
    /// The snapshot's generation.
    pub generation: u64,
    pub depth: crate::analysis::symbols::OutlineDepth,
    pub encoding: super::position::Encoding,
    pub hierarchical: bool,
    pub symbol_kinds: Option<Vec<tower_lsp_server::ls_types::SymbolKind>>,
}

struct Entry {
    /// The parse it was made from; while held weakly, its address is not
    /// reused, so the same address is the same parse.
    file: Weak<SourceFile>,
    form: OutlineForm,
    json: Arc<str>,
}

/// Whether `e` was made from the parse `file` (the same address: a weak
/// reference keeps an address from being reused).
fn same_parse(e: &Entry, file: &Arc<SourceFile>) -> bool {
    std::ptr::eq(e.file.as_ptr(), Arc::as_ptr(file))
}

/// Outlines, least recently used first.
#[derive(Default)]
pub(super) struct Outlines(Mutex<Vec<Entry>>);

impl Outlines {
    /// The outline of `file` in `form`, if kept (it becomes the most
    /// recently used).
    pub(super) fn get(&self, file: &Arc<SourceFile>, form: &OutlineForm) -> Option<Arc<str>> {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let same = |e: &Entry| same_parse(e, file) && e.form == *form;
        let at = kept.iter().position(same)?;
        let entry = kept.remove(at);
        let json = entry.json.clone();
        kept.push(entry);
        Some(json)
    }

    /// Keeps the outline of `file` in `form`; drops those of parses gone
    /// and the least recently used beyond the budget.
    pub(super) fn put(&self, file: &Arc<SourceFile>, form: OutlineForm, json: Arc<str>) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // gone: outlines of parses replaced, and this parse's in this form
        // of any workspace (one of another is never asked for again)
        let same_form = |e: &Entry| {
            let mut f = form.clone();
            f.generation = e.form.generation;
            e.form == f
        };
        let (stay, mut dropped): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut *kept)
            .into_iter()
            .partition(|e| e.file.strong_count() > 0 && !(same_parse(e, file) && same_form(e)));
        *kept = stay;
        kept.push(Entry {
            file: Arc::downgrade(file),
            form,
            json,
        });
        let mut total: usize = kept.iter().map(|e| e.json.len()).sum();
        // the newest stays, even over the budget alone
        while kept.len() > 1 && (total > OUTLINE_BUDGET || kept.len() > MOST_OUTLINES) {
            let old = kept.remove(0);
            total -= old.json.len();
            dropped.push(old);
        }
        // freed after the lock: a large outline takes a while to free
        drop(kept);
        drop(dropped);
    }

    /// How many outlines and bytes of them are kept.
    #[cfg(test)]
    fn size(&self) -> (usize, usize) {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        (kept.len(), kept.iter().map(|e| e.json.len()).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::symbols::OutlineDepth;
    use crate::server::position::Encoding;

    fn form(depth: OutlineDepth) -> OutlineForm {
        OutlineForm {
            generation: 1,
            depth,
            encoding: Encoding::Utf16,
            hierarchical: true,
            symbol_kinds: None,
        }
    }

    fn file(name: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile::new(name, "### Article 1\n\nText.\n"))
    }

    #[test]
    fn an_outline_is_kept_per_parse_and_form_and_goes_with_its_parse() {
        let outlines = Outlines::default();
        let (a, b) = (file("a.treaty.md"), file("b.treaty.md"));
        let paragraphs = form(OutlineDepth::Paragraphs);
        outlines.put(&a, paragraphs.clone(), Arc::from("[1]"));
        outlines.put(&b, paragraphs.clone(), Arc::from("[2]"));
        assert_eq!(outlines.get(&a, &paragraphs).as_deref(), Some("[1]"));
        assert_eq!(outlines.get(&b, &paragraphs).as_deref(), Some("[2]"));
        assert_eq!(outlines.get(&a, &form(OutlineDepth::Points)), None);
        // a successor replaces `a`: its outline goes at the next keeping
        let a2 = file("a.treaty.md");
        assert_eq!(outlines.get(&a2, &paragraphs), None);
        drop(a);
        outlines.put(&a2, paragraphs.clone(), Arc::from("[3]"));
        assert_eq!(outlines.size(), (2, 6));
    }

    #[test]
    fn the_least_recently_used_go_first_beyond_the_budget() {
        let outlines = Outlines::default();
        let files: Vec<_> = (0..MOST_OUTLINES + 4)
            .map(|i| file(&format!("{i}.treaty.md")))
            .collect();
        let f = form(OutlineDepth::Articles);
        for (i, file) in files.iter().enumerate() {
            outlines.put(file, f.clone(), Arc::from(format!("[{i}]")));
            // the first stays in use
            assert!(outlines.get(&files[0], &f).is_some(), "{i}");
        }
        assert_eq!(outlines.size().0, MOST_OUTLINES);
        assert!(outlines.get(&files[1], &f).is_none());
        assert!(outlines.get(&files[MOST_OUTLINES + 3], &f).is_some());
        // one over the budget alone replaces the others
        let big: Arc<str> = Arc::from("x".repeat(OUTLINE_BUDGET + 1));
        outlines.put(&files[2], f.clone(), big);
        assert_eq!(outlines.size(), (1, OUTLINE_BUDGET + 1));
    }
}
