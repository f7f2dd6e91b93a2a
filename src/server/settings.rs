//! The settings a client sends, as initialization options or in
//! `workspace/didChangeConfiguration` (under `treaty`, or bare); a key left
//! out keeps its value.

use super::state::State;
use crate::analysis::stakes::hover::Layout;
use crate::analysis::symbols::OutlineDepth;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};

const DEFAULT_DIAGNOSTICS_DELAY_MS: u64 = 150;

pub struct Settings {
    /// How long after a change its diagnostics are published.
    delay_ms: AtomicU64,
    /// Hints on the elements stakeholders take positions on.
    contested_hints: AtomicBool,
    /// Code lenses above articles with positions.
    code_lens: AtomicBool,
    /// The largest file read from the disk, in bytes (`maxFileSize`, in
    /// megabytes).
    max_file_bytes: AtomicU64,
    /// The user trusts the workspace (`workspaceTrusted`; VS Code sends
    /// false in restricted mode): `treaty.toml` may list files outside it.
    workspace_trusted: AtomicBool,
    /// How hovers set out positions (`hoverLayout`): 0 as the client
    /// renders best (`auto`), 1 a list, 2 a table.
    hover_layout: AtomicU8,
    /// How deep the outline goes (`outline.depth`): 0 articles, 1
    /// paragraphs, 2 points.
    outline_depth: AtomicU8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            delay_ms: AtomicU64::new(DEFAULT_DIAGNOSTICS_DELAY_MS),
            contested_hints: AtomicBool::new(true),
            code_lens: AtomicBool::new(true),
            max_file_bytes: AtomicU64::new(crate::project::read::DEFAULT_MAX_FILE_BYTES),
            workspace_trusted: AtomicBool::new(true),
            hover_layout: AtomicU8::new(0),
            outline_depth: AtomicU8::new(depth_code(OutlineDepth::default())),
        }
    }
}

impl Settings {
    /// Takes what `settings` says; the stakeholder filter goes to the
    /// workspace. Returns whether anything the editor shows changed.
    pub fn apply(&self, settings: &serde_json::Value, state: &State) -> bool {
        let s = settings.get("treaty").unwrap_or(settings);
        let mut changed = false;
        if let Some(delay) = s.get("diagnosticsDelayMs").and_then(|v| v.as_u64()) {
            self.delay_ms.store(delay, Ordering::Relaxed);
        }
        if let Some(trusted) = s.get("workspaceTrusted").and_then(|v| v.as_bool()) {
            self.workspace_trusted.store(trusted, Ordering::Relaxed);
        }
        if let Some(mb) = s.get("maxFileSize").and_then(|v| v.as_u64()) {
            let bytes = mb.saturating_mul(1024 * 1024);
            self.max_file_bytes.store(bytes, Ordering::Relaxed);
        }
        let layout = s.get("hoverLayout").and_then(|v| v.as_str());
        if let Some(code) =
            layout.and_then(|l| ["auto", "list", "table"].iter().position(|x| *x == l))
        {
            self.hover_layout.store(code as u8, Ordering::Relaxed);
        }
        // `{"outline": {"depth": ...}}`, or the key as VS Code names it
        let depth = s
            .get("outline")
            .and_then(|o| o.get("depth"))
            .or_else(|| s.get("outline.depth"));
        if let Some(depth) = depth.and_then(|d| OutlineDepth::from_name(d.as_str()?)) {
            self.outline_depth
                .store(depth_code(depth), Ordering::Relaxed);
        }
        for (key, flag) in [
            ("contestedDiagnostics", &self.contested_hints),
            ("codeLens", &self.code_lens),
        ] {
            if let Some(on) = s.get(key).and_then(|v| v.as_bool()) {
                changed |= flag.swap(on, Ordering::Relaxed) != on;
            }
        }
        if let Some(list) = s.get("stakeholders").and_then(|v| v.as_array()) {
            let names: Vec<String> = list
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            state.set_stakeholder_filter(&names);
            changed = true;
        }
        changed
    }

    /// How hovers set out positions: as the setting says, else a table for
    /// a client whose Markdown renders tables and a list for the others.
    pub fn hover_layout(&self, client_renders_tables: bool) -> Layout {
        match self.hover_layout.load(Ordering::Relaxed) {
            1 => Layout::List,
            2 => Layout::Table,
            _ if client_renders_tables => Layout::Table,
            _ => Layout::List,
        }
    }

    pub fn outline_depth(&self) -> OutlineDepth {
        match self.outline_depth.load(Ordering::Relaxed) {
            0 => OutlineDepth::Articles,
            1 => OutlineDepth::Paragraphs,
            _ => OutlineDepth::Points,
        }
    }

    pub fn contested_hints(&self) -> bool {
        self.contested_hints.load(Ordering::Relaxed)
    }

    pub fn code_lens(&self) -> bool {
        self.code_lens.load(Ordering::Relaxed)
    }

    pub fn workspace_trusted(&self) -> bool {
        self.workspace_trusted.load(Ordering::Relaxed)
    }

    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_bytes.load(Ordering::Relaxed)
    }

    pub fn delay(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.delay_ms.load(Ordering::Relaxed))
    }
}

fn depth_code(depth: OutlineDepth) -> u8 {
    match depth {
        OutlineDepth::Articles => 0,
        OutlineDepth::Paragraphs => 1,
        OutlineDepth::Points => 2,
    }
}
