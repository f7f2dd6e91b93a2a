'use strict';
// Compares what the grammar highlights with what the parser reads
// (`treaty-lsp check --format json`): headings, labels, brackets, defined
// terms and references, by the position where each starts.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { tokenize } = require('./tokenize');

const REPO = path.resolve(__dirname, '..', '..', '..');

function serverBinary() {
  const bin = process.env.TREATY_LSP || path.join(REPO, 'target', 'debug', 'treaty-lsp');
  if (!fs.existsSync(bin)) {
    throw new Error(`treaty-lsp binary not found at ${bin} (set TREATY_LSP, or run cargo build; grammar/test/run does)`);
  }
  return bin;
}

// Runs `check --format json` on the files (one workspace) and returns the
// report of each file by absolute path.
function check(files) {
  let out;
  try {
    out = execFileSync(serverBinary(), ['check', '--format', 'json', ...files], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    // Exit status 1 means "some file has errors": the JSON is still there.
    if (e.status === 1 && e.stdout) out = e.stdout;
    else throw new Error(`treaty-lsp check failed (status ${e.status}): ${e.stderr || e.message}`);
  }
  const report = JSON.parse(out);
  const byPath = new Map();
  for (const f of report.files) byPath.set(path.resolve(f.path), f);
  return byPath;
}

// A parser Position (1-based line, 1-based column in Unicode scalar values)
// to { line: 0-based, ch: UTF-16 index }.
function toUtf16(lines, pos) {
  const text = lines[pos.line - 1] ?? '';
  let ch = 0;
  let col = 1;
  for (const c of text) {
    if (col === pos.column) break;
    ch += c.length;
    col++;
  }
  return { line: pos.line - 1, ch };
}

const key = (p) => `${p.line + 1}:${p.ch + 1}`;

function walk(nodes, fn) {
  for (const n of nodes || []) {
    fn(n);
    walk(n.children, fn);
  }
}

// Token starts (0-based line, UTF-16 ch) whose scopes satisfy pred; a run
// of adjacent tokens with the scope counts once, at its first token.
function grammarStarts(doc, pred) {
  const out = [];
  doc.forEach((l, i) => {
    let prev = false;
    for (const t of l.tokens) {
      const ok = pred(t.scopes);
      if (ok && !prev) out.push({ line: i, ch: t.start });
      prev = ok;
    }
  });
  return out;
}

function scopesAt(doc, p) {
  const l = doc[p.line];
  if (!l) return [];
  const t = l.tokens.find((tk) => tk.start <= p.ch && p.ch < Math.max(tk.end, tk.start + 1));
  return t ? t.scopes : [];
}

const has = (scopes, name) => scopes.includes(name);
const hasPrefix = (scopes, prefix) => scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));

const DIVISION_KINDS = new Set(['book', 'part', 'title', 'chapter', 'section', 'subsection']);
const LABEL_SCOPE = {
  paragraph: 'meta.label.paragraph.treaty',
  subparagraph: 'meta.label.point.treaty',
  item: 'meta.label.item.treaty',
  subitem: 'meta.label.subitem.treaty',
};

// One category: the parser's starts, the grammar's starts, and the
// differences both ways.
function compareSets(name, parserStarts, grammarStartsList) {
  const p = new Map(parserStarts.map((s) => [key(s), s]));
  const g = new Map(grammarStartsList.map((s) => [key(s), s]));
  const missed = [...p.keys()].filter((k) => !g.has(k));
  const extra = [...g.keys()].filter((k) => !p.has(k));
  return { name, parser: p.size, grammar: g.size, missed, extra };
}

// Compares one file. Returns { categories: {...}, labelKinds }.
function compareFile(grammar, file, report) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split(/\r\n|\r|\n/);
  const doc = tokenize(grammar, text);
  const pos = (p) => toUtf16(lines, p);

  const nodes = { article: [], division: [], annex: [], label: [], mdParagraph: [] };
  const labelKinds = { same: 0, different: [] };
  walk(report.outline, (n) => {
    const s = pos(n.location.start);
    if (n.kind === 'article') nodes.article.push(s);
    else if (DIVISION_KINDS.has(n.kind)) nodes.division.push(s);
    else if (n.kind === 'annex') nodes.annex.push(s);
    else if (LABEL_SCOPE[n.kind]) {
      if (/^\d+$/.test(n.label)) {
        nodes.mdParagraph.push(s); // `### 12`
        return;
      }
      nodes.label.push(s);
      const scopes = scopesAt(doc, skipLabelLead(lines, s));
      const found = Object.entries(LABEL_SCOPE).find(([, sc]) => has(scopes, sc));
      if (found && found[0] !== n.kind) labelKinds.different.push(`${key(s)} ${n.label}: parser ${n.kind}, grammar ${found[0]}`);
      else if (found) labelKinds.same++;
    }
  });

  const labelStarts = grammarStarts(doc, (sc) => Object.values(LABEL_SCOPE).some((s) => has(sc, s)));

  const categories = {
    articles: compareSets(
      'article headings',
      nodes.article,
      grammarStarts(doc, (sc) => has(sc, 'keyword.other.article.treaty')),
    ),
    divisions: compareSets(
      'division headings',
      nodes.division,
      grammarStarts(doc, (sc) => has(sc, 'keyword.other.division.treaty')),
    ),
    annexes: compareSets(
      'annex headings',
      nodes.annex,
      grammarStarts(doc, (sc) => has(sc, 'keyword.other.annex.treaty')),
    ),
    labels: compareSets('subdivision labels', nodes.label, labelStarts),
    mdParagraphs: compareSets(
      'numbered paragraph headings',
      nodes.mdParagraph,
      grammarStarts(doc, (sc) => has(sc, 'markup.heading.paragraph.treaty') && has(sc, 'constant.numeric.paragraph.treaty')),
    ),
    brackets: compareSets(
      'brackets',
      report.brackets.map((b) => pos(b.location.start)),
      grammarStarts(doc, (sc) => has(sc, 'punctuation.definition.bracket.begin.treaty')),
    ),
    definitions: compareSets(
      'defined terms',
      report.definitions.map((d) => pos(d.location.start)),
      grammarStarts(doc, (sc) => has(sc, 'variable.other.constant.defined-term.treaty')),
    ),
    references: compareSets(
      'references',
      report.references.map((r) => pos(r.location.start)),
      grammarStarts(doc, (sc) => hasPrefix(sc, 'variable.other.reference')),
    ),
  };
  return { file, lines, doc, categories, labelKinds };
}

// A label node starts at the label; skip a bullet or emphasis in front of
// it anyway before reading the grammar's scope there.
function skipLabelLead(lines, s) {
  const text = lines[s.line] ?? '';
  let ch = s.ch;
  const m = /^(?:[-+][ \t]+)?(?:\*\*|__|\*|_)?/.exec(text.slice(ch));
  if (m) ch += m[0].length;
  return { line: s.line, ch };
}

function summarise(results) {
  const totals = {};
  for (const r of results) {
    for (const [k, c] of Object.entries(r.categories)) {
      const t = (totals[k] ||= { name: c.name, parser: 0, grammar: 0, missed: 0, extra: 0 });
      t.parser += c.parser;
      t.grammar += c.grammar;
      t.missed += c.missed.length;
      t.extra += c.extra.length;
    }
  }
  return totals;
}

// A readable report: per category the totals, then every difference with
// the line's text.
function render(results) {
  const out = [];
  const totals = summarise(results);
  out.push('category                       parser  grammar  missed  extra');
  for (const t of Object.values(totals)) {
    out.push(
      `${t.name.padEnd(30)} ${String(t.parser).padStart(6)} ${String(t.grammar).padStart(8)} ${String(t.missed).padStart(7)} ${String(t.extra).padStart(6)}`,
    );
  }
  for (const r of results) {
    const rel = path.relative(REPO, r.file);
    for (const c of Object.values(r.categories)) {
      for (const [what, list] of [
        ['missed (parser has it, grammar does not)', c.missed],
        ['extra (grammar has it, parser does not)', c.extra],
      ]) {
        for (const k of list) {
          const [line, ch] = k.split(':').map(Number);
          const text = r.lines[line - 1] ?? '';
          out.push(`${rel}:${k}: ${c.name}: ${what}: ${JSON.stringify(text.slice(Math.max(0, ch - 1), ch + 79))}`);
        }
      }
    }
    for (const d of r.labelKinds.different) out.push(`${rel}:${d}`);
  }
  return out.join('\n');
}

module.exports = { check, compareFile, summarise, render, serverBinary, REPO };
