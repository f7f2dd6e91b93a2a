'use strict';
// The grammar against the parser: `treaty-lsp check --format json` on the
// fixtures, the worked example's drafts and the real treaties of the
// corpus (../shared/corpus/treaties beside the clone). Where each article,
// division and annex heading, subdivision label, bracket, defined term and
// reference starts must be where the parser has it. The full list of
// differences is written to target/e2e/grammar/agreement.txt.
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadGrammar } = require('../lib/tokenize');
const { check, compareFile, summarise, render, REPO } = require('../lib/agreement');

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const DRAFTS = path.join(REPO, 'examples', 'cybercrime-convention', 'drafts');
const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus', 'treaties');
const OUT = path.join(REPO, 'target', 'e2e', 'grammar');

// Known differences, each with its reason: [file (relative to the repo),
// category, the text where the difference starts].
const KNOWN = [
  // D14: the parser still reads references inside inline code; the grammar
  // follows the intended behaviour (a code span is verbatim).
  ['grammar/test/fixtures/negative.treaty.md', 'references', 'Article 9` is verbatim.'],
  // The parser reads `Article 7.1(c) bis and Articles 2 through 5` as one
  // reference; the grammar starts a new one at a level word after `and`,
  // as the parser does everywhere else (`article 140 and article 160`).
  ['grammar/test/fixtures/inline.treaty.md', 'references', 'Articles 2 through 5 and Article 28'],
  // D10: `letter` and `schedule` are not triggers in the parser yet; the
  // grammar follows the intended behaviour.
  ['grammar/test/fixtures/inline.treaty.md', 'references', 'letter (b) of Article 1(1)'],
  ['grammar/test/fixtures/inline.treaty.md', 'references', 'Schedule 2.'],
  ['grammar/test/fixtures/inline.treaty.md', 'references', 'Article 1(1) and in Schedule 2.'],
];

// Headings, labels, brackets and terms must agree exactly; references are
// a regex approximation (grammar/SCOPES.md), so a few may start elsewhere.
const EXACT = ['articles', 'divisions', 'annexes', 'labels', 'mdParagraphs', 'brackets', 'definitions'];
const REFERENCE_AGREEMENT = 0.99;

function listFiles(dir, re) {
  return fs
    .readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function corpusFiles() {
  if (fs.existsSync(CORPUS)) return listFiles(CORPUS, /\.md$/);
  const msg = `\n!!! ${CORPUS} is missing: the corpus part of the grammar/parser agreement test did NOT run\n`;
  if (process.env.CI) throw new Error(msg);
  process.stderr.write(msg);
  return [];
}

let grammar;
let results;
before(async () => {
  grammar = await loadGrammar();
  const files = [...listFiles(FIXTURES, /\.treaty(\.md)?$/), ...listFiles(DRAFTS, /\.md$/), ...corpusFiles()];
  const reports = check(files);
  results = files.map((f) => {
    const report = reports.get(path.resolve(f));
    assert.ok(report, `treaty-lsp check did not report ${f}`);
    return compareFile(grammar, f, report);
  });
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'agreement.txt'), render(results) + '\n');
});

function unexpected(category) {
  const out = [];
  for (const r of results) {
    const rel = path.relative(REPO, r.file);
    const c = r.categories[category];
    for (const [kind, list] of [
      ['missed', c.missed],
      ['extra', c.extra],
    ]) {
      for (const k of list) {
        const [line, ch] = k.split(':').map(Number);
        const text = (r.lines[line - 1] ?? '').slice(ch - 1);
        const known = KNOWN.some(([f, cat, start]) => f === rel && cat === category && text.startsWith(start));
        if (!known) out.push(`${rel}:${k} ${kind}: ${JSON.stringify(text.slice(0, 80))}`);
      }
    }
  }
  return out;
}

test('the files were compared, the corpus included when present', () => {
  const totals = summarise(results);
  assert.ok(results.length >= 7, `only ${results.length} files`);
  assert.ok(totals.articles.parser > 50, 'the parser found almost no articles: is the binary right?');
  if (fs.existsSync(CORPUS)) assert.ok(totals.articles.parser > 1000, 'the corpus should hold over 1,000 articles');
});

for (const category of EXACT) {
  test(`${category}: the grammar starts each one where the parser does, and nowhere else`, () => {
    const diff = unexpected(category);
    assert.deepEqual(diff, [], `differences (see target/e2e/grammar/agreement.txt):\n${diff.join('\n')}`);
  });
}

test('subdivision labels: the same kind as the parser, except (i) (v) (x), which only context decides', () => {
  const bad = [];
  for (const r of results) {
    for (const d of r.labelKinds.different) {
      if (!/^\d+:\d+ \(?[ivx]\)/.test(d)) bad.push(`${path.relative(REPO, r.file)}:${d}`);
    }
  }
  assert.deepEqual(bad, []);
});

test(`references: at least ${REFERENCE_AGREEMENT * 100}% start where the parser's do, both ways`, () => {
  const t = summarise(results).references;
  const diff = unexpected('references');
  const missed = diff.filter((d) => d.includes(' missed: ')).length;
  const extra = diff.filter((d) => d.includes(' extra: ')).length;
  const recall = 1 - missed / t.parser;
  const precision = 1 - extra / t.grammar;
  assert.ok(
    recall >= REFERENCE_AGREEMENT && precision >= REFERENCE_AGREEMENT,
    `recall ${recall.toFixed(4)}, precision ${precision.toFixed(4)} over ${t.parser} references:\n${diff.join('\n')}`,
  );
  // The fixtures and the worked example must agree exactly (known differences aside).
  const small = diff.filter((d) => !d.startsWith('..'));
  assert.deepEqual(small, []);
});
