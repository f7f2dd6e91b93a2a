'use strict';
// Speed: VS Code tokenizes a line with a time budget (a line that runs over
// it is left partly unhighlighted), so no line of a real treaty may come
// near it. The corpus is tokenized once to compile every rule, then timed;
// the numbers go to target/e2e/grammar/perf.txt.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const { loadGrammar } = require('../lib/tokenize');
const { REPO } = require('../lib/agreement');

const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus', 'treaties');
const DRAFTS = path.join(REPO, 'examples', 'cybercrime-convention', 'drafts');
const OUT = path.join(REPO, 'target', 'e2e', 'grammar');
const LINE_BUDGET_MS = 500;

// A reference-dense line like the one (Budapest Convention, Article 42) on
// which an earlier version of the reference regex backtracked badly, repeated.
const DENSE = ('provided for in Article 4, paragraph 2, Article 6, paragraph 3, Article 9, paragraph 4, ' +
  'Article 10, paragraph 3, Article 11, paragraph 3, and Article 41, paragraph 1 of the Treaty of Nowhere. ').repeat(25);

function files() {
  const out = fs.readdirSync(DRAFTS).map((f) => path.join(DRAFTS, f));
  if (fs.existsSync(CORPUS)) out.push(...fs.readdirSync(CORPUS).filter((f) => f.endsWith('.md')).map((f) => path.join(CORPUS, f)));
  else if (process.env.CI) throw new Error(`${CORPUS} is missing`);
  else process.stderr.write(`\n!!! ${CORPUS} is missing: the corpus was NOT timed\n`);
  return out;
}

function run(grammar, text, timings, name) {
  let stack = vsctm.INITIAL;
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const t0 = process.hrtime.bigint();
    const r = grammar.tokenizeLine(line, stack, 10 * LINE_BUDGET_MS);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(!r.stoppedEarly, `${name}:${i + 1} stopped early`);
    if (timings) timings.push({ ms, where: `${name}:${i + 1}`, length: line.length, line, stack });
    stack = r.ruleStack;
  });
}

test(`no line of the corpus takes over ${LINE_BUDGET_MS} ms (VS Code's budget), once the rules are compiled`, async () => {
  const grammar = await loadGrammar();
  const inputs = files().map((f) => [path.relative(REPO, f), fs.readFileSync(f, 'utf8')]);
  inputs.push(['<dense references>', DENSE]);
  for (const [name, text] of inputs) run(grammar, text, null, name); // compile
  const timings = [];
  const t0 = Date.now();
  for (const [name, text] of inputs) run(grammar, text, timings, name);
  const total = Date.now() - t0;
  // A slow line is timed again (best of 3), so that a pause of the
  // machine or of the garbage collector is not taken for the grammar.
  for (const t of timings.filter((x) => x.ms > LINE_BUDGET_MS / 5)) {
    for (let k = 0; k < 3; k++) {
      const t1 = process.hrtime.bigint();
      grammar.tokenizeLine(t.line, t.stack);
      t.ms = Math.min(t.ms, Number(process.hrtime.bigint() - t1) / 1e6);
    }
  }
  timings.sort((a, b) => b.ms - a.ms);
  const lines = timings.length;
  const report = [
    `${lines} lines in ${total} ms (${((1000 * lines) / total).toFixed(0)} lines/s)`,
    'slowest lines:',
    ...timings.slice(0, 10).map((t) => `  ${t.ms.toFixed(1)} ms  ${t.where} (${t.length} chars)`),
  ].join('\n');
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'perf.txt'), report + '\n');
  assert.ok(timings[0].ms < LINE_BUDGET_MS, report);
});
