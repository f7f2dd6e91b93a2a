'use strict';
// grammar/treaty.tmLanguage.json itself: generated from its source, named
// as documented, every regex valid for Oniguruma, every rule reachable, and
// usable embedded in another grammar (a Markdown-like host).
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const oniguruma = require('vscode-oniguruma');
const { loadGrammar, GRAMMAR_PATH } = require('../lib/tokenize');
const { docFromText } = require('../lib/doc');
const { render } = require('../generate');

const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));

function* rules(node, where = '') {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* rules(node[i], `${where}[${i}]`);
  } else if (node && typeof node === 'object') {
    yield [node, where];
    for (const [k, v] of Object.entries(node)) yield* rules(v, `${where}.${k}`);
  }
}

before(async () => {
  await loadGrammar(); // loads the Oniguruma WASM
});

test('the committed JSON is what grammar/test/src/grammar.js generates', () => {
  assert.equal(fs.readFileSync(GRAMMAR_PATH, 'utf8'), render(), 'stale: run node grammar/test/generate.js');
});

test('scopeName is text.treaty, and every scope it assigns ends with .treaty', () => {
  assert.equal(raw.scopeName, 'text.treaty');
  const bad = [];
  for (const [node, where] of rules(raw)) {
    for (const key of ['name', 'contentName']) {
      if (typeof node[key] !== 'string' || where === '') continue;
      for (const s of node[key].split(/\s+/)) if (!s.endsWith('.treaty')) bad.push(`${where}.${key}: ${s}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('every regex compiles in Oniguruma', () => {
  const bad = [];
  for (const [node, where] of rules(raw)) {
    for (const key of ['match', 'begin', 'end', 'while']) {
      if (typeof node[key] !== 'string') continue;
      // An end pattern's \1 is the begin's capture, substituted at run time.
      const src = key === 'end' ? node[key].replace(/\\(\d)/g, 'x') : node[key];
      try {
        new oniguruma.OnigScanner([src]).dispose();
      } catch (e) {
        bad.push(`${where}.${key}: ${e.message}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('every #include names a repository rule, and every repository rule is included', () => {
  const used = new Set();
  const missing = [];
  for (const [node, where] of rules(raw)) {
    if (typeof node.include === 'string' && node.include.startsWith('#')) {
      const name = node.include.slice(1);
      used.add(name);
      if (!raw.repository[name]) missing.push(`${where}: ${node.include}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.deepEqual(Object.keys(raw.repository).filter((k) => !used.has(k)), []);
});

test('a Markdown-like host can embed text.treaty in a ```treaty fence', async () => {
  // The shape VS Code's Markdown grammar uses for fenced code in a language.
  const host = {
    scopeName: 'text.host',
    patterns: [
      {
        begin: '(^|\\G)(\\s*)(`{3,})\\s*(treaty)\\s*$',
        beginCaptures: { 3: { name: 'punctuation.definition.host' } },
        end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
        name: 'markup.fenced_code.block.host',
        patterns: [
          {
            begin: '(^|\\G)(\\s*)(.*)',
            while: '(^|\\G)(?!\\s*([`~]{3,})\\s*$)',
            contentName: 'meta.embedded.block.treaty',
            patterns: [{ include: 'text.treaty' }],
          },
        ],
      },
      { match: '^#+ .*$', name: 'markup.heading.host' },
    ],
  };
  const g = await loadGrammar('text.host', { 'text.host': host });
  const d = docFromText(
    g,
    ['# Notes', '', '```treaty', '### Article 5 - Scope', '1. States Parties [shall] act under Article 6(1).', '```', '', '### Article 7'].join('\n'),
    'embedded',
  );
  const E = 'meta.embedded.block.treaty';
  d.at('### Article 5 - Scope', '5').has(E, 'constant.numeric.article.treaty');
  d.at('### Article 5 - Scope', 'Scope').has(E, 'entity.name.section.article.treaty');
  d.at('1. States Parties', '1').has(E, 'constant.numeric.paragraph.treaty');
  d.at('1. States Parties', 'shall').has(E, 'meta.bracket.unagreed.treaty');
  d.at('1. States Parties', 'Article 6(1)').has(E, 'variable.other.reference.treaty');
  // after the fence the host's rules apply again, with no treaty scope left over
  d.at('### Article 7').has('markup.heading.host').lacks('constant.numeric.article.treaty', E);
});

test('the grammar file is self-contained (no include of another grammar)', () => {
  const external = [...rules(raw)]
    .map(([n]) => n.include)
    .filter((inc) => typeof inc === 'string' && !inc.startsWith('#') && inc !== '$self' && inc !== '$base');
  assert.deepEqual(external, []);
  assert.ok(path.basename(GRAMMAR_PATH) === 'treaty.tmLanguage.json');
});
