//! Reading a positions file: TOML to the model, every problem with its
//! exact range. Syntax errors are recovered from where the TOML parser can;
//! a position with a problem is left out and the others are kept.

use super::*;
use toml::de::{DeTable, DeValue};

/// Reads a positions file. Never fails: what cannot be read is a problem.
pub fn read(text: &str) -> PositionsFile {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut r = Reader::new(text);
    for e in &errors {
        let span = e.span().unwrap_or(0..0);
        r.problem(span, "toml-syntax", e.message().trim().to_string());
    }
    let mut file = PositionsFile::default();
    let root_span = root.span();
    let root = root.get_ref();
    r.check_keys(root, &["source", "position", "$schema"], "the file");
    match root.get("source") {
        Some(v) => match v.get_ref().as_table() {
            Some(t) => file.source = r.source(t, v.span()),
            None => r.problem(v.span(), "schema", "`source` must be a table: [source]"),
        },
        None if errors.is_empty() => r.problem(
            root_span.start..root_span.start,
            "schema",
            "no [source] table: say whose submission this is (stakeholder, group, draft)",
        ),
        None => {}
    }
    if let Some(v) = root.get("position") {
        match v.get_ref().as_array() {
            Some(items) => {
                for item in items.iter() {
                    match item.get_ref().as_table() {
                        Some(t) => {
                            if let Some(p) = r.position(t, item.span()) {
                                file.positions.push(p);
                            }
                        }
                        None => r.problem(
                            item.span(),
                            "schema",
                            "each position must be a table: [[position]]",
                        ),
                    }
                }
            }
            None => r.problem(
                v.span(),
                "schema",
                "`position` must be an array of tables: [[position]]",
            ),
        }
    }
    file.problems = r.finish(&errors);
    file
}

pub(super) struct Reader<'t> {
    text: &'t str,
    problems: Vec<Problem>,
}

pub const SOURCE_KEYS: &[&str] = &[
    "stakeholder",
    "group",
    "title",
    "date",
    "link",
    "submission",
    "draft",
];
pub const POSITION_KEYS: &[&str] = &[
    "target",
    "stance",
    "summary",
    "quote",
    "line",
    "original-draft",
    "original-target",
    "change",
];
pub const CHANGE_KEYS: &[&str] = &[
    "action",
    "find",
    "with",
    "text",
    "before",
    "after",
    "at",
    "element",
    "number",
    "heading",
    "occurrence",
];
pub const ACTIONS: &[&str] = &[
    "replace",
    "delete-text",
    "delete",
    "insert-text",
    "insert-element",
    "unbracket",
    "choose",
];

impl<'t> Reader<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Reader {
            text,
            problems: Vec::new(),
        }
    }

    /// The problems, in text order. After a syntax error the recovered
    /// tree is a guess: schema problems past it would be noise (a broken
    /// `[[position]` header makes its keys look like the file's own).
    pub(super) fn finish(self, errors: &[toml::de::Error]) -> Vec<Problem> {
        let mut problems = self.problems;
        if let Some(first) = errors
            .iter()
            .filter_map(|e| e.span())
            .map(|s| s.start)
            .min()
        {
            problems.retain(|p| p.code == "toml-syntax" || p.span.start < first);
        }
        problems.sort_by_key(|p| (p.span.start, p.span.end));
        problems
    }

    /// The `[header]` line of a table.
    pub(super) fn header(&self, span: &Span) -> Span {
        header(self.text, span)
    }

    pub(super) fn problem(&mut self, span: Span, code: &'static str, message: impl Into<String>) {
        let span = span.start.min(self.text.len())..span.end.min(self.text.len());
        self.problems.push(Problem {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
        });
    }

    pub(super) fn check_keys(&mut self, table: &DeTable, allowed: &[&str], what: &str) {
        for (k, _) in table.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                let near = closest(k.get_ref(), allowed)
                    .map(|s| format!(" (did you mean `{}`?)", s))
                    .unwrap_or_default();
                self.problem(
                    k.span(),
                    "schema",
                    format!(
                        "unknown key `{}` in {}{}; expected one of: {}",
                        k.get_ref(),
                        what,
                        near,
                        allowed
                            .iter()
                            .filter(|a| !a.starts_with('$'))
                            .map(|a| format!("`{}`", a))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }

    /// A string value; `None` (with a problem) when it has another type or is blank.
    pub(super) fn string(&mut self, table: &DeTable, key: &str) -> Option<At<String>> {
        let v = table.get(key)?;
        match v.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => Some(At {
                value: s.to_string(),
                span: v.span(),
            }),
            Some(_) => {
                self.problem(v.span(), "schema", format!("`{}` is empty", key));
                None
            }
            None => {
                self.problem(
                    v.span(),
                    "schema",
                    format!("`{}` must be a string, not {}", key, type_name(v.get_ref())),
                );
                None
            }
        }
    }

    pub(super) fn required(
        &mut self,
        table: &DeTable,
        key: &str,
        table_span: &Span,
        what: &str,
    ) -> Option<At<String>> {
        if table.get(key).is_none() {
            self.problem(
                header(self.text, table_span),
                "schema",
                format!("{} has no `{}`", what, key),
            );
            return None;
        }
        self.string(table, key)
    }

    fn choice<T: Copy>(
        &mut self,
        table: &DeTable,
        key: &str,
        options: &[(&str, T)],
    ) -> Option<At<T>> {
        let s = self.string(table, key)?;
        match options.iter().find(|(n, _)| *n == s.value) {
            Some((_, v)) => Some(At {
                value: *v,
                span: s.span,
            }),
            None => {
                let near = closest(
                    &s.value,
                    &options.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
                )
                .map(|n| format!(" (did you mean `{}`?)", n))
                .unwrap_or_default();
                self.problem(
                    s.span,
                    "schema",
                    format!(
                        "`{}` is not a {}{}; one of: {}",
                        s.value,
                        key,
                        near,
                        options
                            .iter()
                            .map(|(n, _)| format!("`{}`", n))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                None
            }
        }
    }

    fn positive(&mut self, table: &DeTable, key: &str) -> Option<u32> {
        let v = table.get(key)?;
        let n = v
            .get_ref()
            .as_integer()
            .and_then(|i| i.as_str().replace('_', "").parse::<u32>().ok())
            .filter(|&n| n >= 1);
        if n.is_none() {
            self.problem(
                v.span(),
                "schema",
                format!("`{}` must be a whole number from 1", key),
            );
        }
        n
    }

    fn source(&mut self, t: &DeTable, span: Span) -> Source {
        self.check_keys(t, SOURCE_KEYS, "[source]");
        let stakeholder = self.required(t, "stakeholder", &span, "[source]");
        let group = self.choice(t, "group", Group::ALL);
        Source {
            span,
            stakeholder,
            group,
            title: self.string(t, "title").map(|s| s.value),
            date: self.date(t),
            link: self.string(t, "link").map(|s| s.value),
            submission: self.string(t, "submission"),
            draft: self.string(t, "draft"),
        }
    }

    /// A date, written as a TOML date or as a string (`2023-01`, `January 2024`).
    fn date(&mut self, t: &DeTable) -> Option<String> {
        let v = t.get("date")?;
        match v.get_ref() {
            DeValue::Datetime(d) => Some(d.to_string()),
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.problem(
                    v.span(),
                    "schema",
                    format!(
                        "`date` must be a date or a string, not {}",
                        type_name(other)
                    ),
                );
                None
            }
        }
    }

    fn position(&mut self, t: &DeTable, span: Span) -> Option<Position> {
        let before = self.problems.len();
        self.check_keys(t, POSITION_KEYS, "[[position]]");
        let target = self.required(t, "target", &span, "this position");
        let stance = if t.get("stance").is_none() {
            self.problem(
                header(self.text, &span),
                "schema",
                "this position has no `stance` (support, oppose, amend, delete, insert, reservation, comment)",
            );
            None
        } else {
            self.choice(t, "stance", Stance::ALL)
        };
        let summary = self.required(t, "summary", &span, "this position");
        let quote = self.string(t, "quote");
        let line = self.positive(t, "line");
        let original = self.original(t, &span);
        let mut changes = Vec::new();
        if let Some(v) = t.get("change") {
            match v.get_ref().as_array() {
                Some(items) => {
                    for item in items.iter() {
                        match item.get_ref().as_table() {
                            Some(ct) => {
                                if let Some(c) = self.change(ct, item.span()) {
                                    changes.push(c);
                                }
                            }
                            None => self.problem(
                                item.span(),
                                "schema",
                                "each change must be a table: [[position.change]]",
                            ),
                        }
                    }
                }
                None => self.problem(
                    v.span(),
                    "schema",
                    "`change` must be an array of tables: [[position.change]]",
                ),
            }
        }
        if self.problems.len() > before {
            return None;
        }
        let target = target?;
        let target_text_start = verbatim_start(self.text, &target);
        Some(Position {
            span,
            target,
            target_text_start,
            stance: stance?,
            summary: summary?,
            quote,
            line,
            original,
            changes,
        })
    }

    /// Where a migrated position was first written: both keys, or neither.
    fn original(&mut self, t: &DeTable, span: &Span) -> Option<Original> {
        let draft = self.string(t, "original-draft");
        let target = self.string(t, "original-target");
        match (draft, target) {
            (Some(draft), Some(target)) => Some(Original { draft, target }),
            (None, None) => None,
            (Some(_), None) | (None, Some(_)) => {
                self.problem(
                    header(self.text, span),
                    "schema",
                    "`original-draft` and `original-target` go together: the draft a migrated position was written against, and its target there",
                );
                None
            }
        }
    }

    fn change(&mut self, t: &DeTable, span: Span) -> Option<Change> {
        let before = self.problems.len();
        self.check_keys(t, CHANGE_KEYS, "a change");
        let action = match t.get("action") {
            None => {
                self.problem(
                    header(self.text, &span),
                    "schema",
                    format!(
                        "this change has no `action` (one of: {})",
                        ACTIONS.join(", ")
                    ),
                );
                return None;
            }
            Some(_) => self.choice(
                t,
                "action",
                &ACTIONS.iter().map(|a| (*a, *a)).collect::<Vec<_>>(),
            )?,
        };
        self.check_action_keys(t, &action);
        let occurrence = self.positive(t, "occurrence");
        let find = |r: &mut Self| r.string(t, "find");
        let edit = match action.value {
            "replace" => self.replace(t, &span)?,
            "delete-text" => Edit::DeleteText { find: find(self)? },
            "unbracket" => Edit::Unbracket { find: find(self)? },
            "choose" => Edit::Choose { find: find(self)? },
            "delete" => Edit::Delete,
            "insert-text" => self.insert_text(t, &action)?,
            _ => self.insert_element(t)?,
        };
        if self.problems.len() > before {
            return None;
        }
        Some(Change {
            edit,
            occurrence,
            span,
        })
    }

    /// Which keys each action takes: any other is a mistake worth saying,
    /// and so is a key it needs left out.
    fn check_action_keys(&mut self, t: &DeTable, action: &At<&str>) {
        let (needs, may): (&[&str], &[&str]) = match action.value {
            "replace" => (&["find", "with"], &["occurrence"]),
            "delete-text" | "unbracket" | "choose" => (&["find"], &["occurrence"]),
            "delete" => (&[], &[]),
            "insert-text" => (&["text"], &["before", "after", "at", "occurrence"]),
            _ => (&["element", "text"], &["number", "heading"]),
        };
        for (k, v) in t.iter() {
            let k = k.get_ref().as_ref();
            if k != "action" && !needs.contains(&k) && !may.contains(&k) && CHANGE_KEYS.contains(&k)
            {
                self.problem(
                    v.span(),
                    "schema",
                    format!("`{}` has no meaning for action `{}`", k, action.value),
                );
            }
        }
        for k in needs {
            if t.get(*k).is_none() {
                self.problem(
                    action.span.clone(),
                    "schema",
                    format!("action `{}` needs `{}`", action.value, k),
                );
            }
        }
    }

    /// `replace`: `find` and `with` (empty: the words are deleted).
    fn replace(&mut self, t: &DeTable, span: &Span) -> Option<Edit> {
        let find = self.string(t, "find");
        // replacing with nothing is deleting: allowed, `with = ""`
        let with = t
            .get("with")
            .and_then(|v| v.get_ref().as_str().map(str::to_string));
        if t.get("with").is_some() && with.is_none() {
            self.problem(
                t.get("with").map_or(span.clone(), |v| v.span()),
                "schema",
                "`with` must be a string",
            );
        }
        Some(Edit::Replace {
            find: find?,
            with: with?,
        })
    }

    /// `insert-text`: `text`, and one of `before`, `after` or `at`.
    fn insert_text(&mut self, t: &DeTable, action: &At<&str>) -> Option<Edit> {
        let text = self.string(t, "text");
        let anchors: Vec<&str> = ["before", "after", "at"]
            .into_iter()
            .filter(|k| t.get(*k).is_some())
            .collect();
        if anchors.len() != 1 {
            self.problem(
                action.span.clone(),
                "schema",
                "action `insert-text` needs exactly one of `before`, `after` or `at` (\"start\" or \"end\")",
            );
            return None;
        }
        let place = match anchors[0] {
            "before" => Place::Before(self.string(t, "before")?),
            "after" => Place::After(self.string(t, "after")?),
            _ => match self.choice(t, "at", &[("start", 0u8), ("end", 1u8)])?.value {
                0 => Place::Start,
                _ => Place::End,
            },
        };
        Some(Edit::InsertText {
            text: text?.value,
            place,
        })
    }

    /// `insert-element`: `element`, `text`, and maybe `number` and (for an
    /// article) `heading`.
    fn insert_element(&mut self, t: &DeTable) -> Option<Edit> {
        let element = self.choice(t, "element", ElementLevel::ALL);
        let number = self.string(t, "number");
        let heading = self.string(t, "heading");
        if let (Some(e), Some(h)) = (&element, &heading) {
            if e.value != ElementLevel::Article {
                self.problem(
                    h.span.clone(),
                    "schema",
                    "only a new article has a `heading`",
                );
            }
        }
        let text = self.string(t, "text");
        Some(Edit::InsertElement {
            element: element?.value,
            number,
            heading: heading.map(|h| h.value),
            text: text?.value,
        })
    }
}

/// The first line of a table (its `[[position]]` header), to point at
/// when a key is missing, rather than the whole table.
fn header(text: &str, span: &Span) -> Span {
    let start = span.start.min(text.len());
    let end = crate::syntax::lines::line_end(text, start).min(span.end.max(start));
    start..end
}

/// Where a string value's characters start in the file, if the value is
/// exactly the text between the quotes (no escapes, no line-ending
/// trimming).
fn verbatim_start(text: &str, s: &At<String>) -> Option<usize> {
    let raw = text.get(s.span.clone())?;
    let delim = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else if raw.starts_with('"') || raw.starts_with('\'') {
        1
    } else {
        return None;
    };
    let mut start = delim;
    if delim == 3 {
        if raw[start..].starts_with("\r\n") {
            start += 2;
        } else if raw[start..].starts_with('\n') {
            start += 1;
        }
    }
    let inner = raw.get(start..start + s.value.len())?;
    (inner == s.value).then_some(s.span.start + start)
}

fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The allowed word closest to a misspelt one, if close enough.
fn closest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    options
        .iter()
        .map(|o| (edit_distance(word, o), *o))
        .filter(|(d, o)| *d <= 2.max(o.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != b[j]))
                .min(row[j] + 1)
                .min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
