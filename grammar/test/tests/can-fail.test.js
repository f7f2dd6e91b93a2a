'use strict';
// The checks can fail: each mutation breaks one thing in a copy of the
// grammar, and the check for that thing must then throw (while it passes on
// the real grammar, in fixtures.test.js and examples.test.js).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadGrammar, GRAMMAR_PATH } = require('../lib/tokenize');
const fixtures = require('../checks/fixtures');
const examples = require('../checks/examples');

const all = [...fixtures.checks, ...examples.checks];
const byName = (prefix) => {
  const c = all.find((k) => k.name.startsWith(prefix));
  assert.ok(c, `no check named ${prefix}...`);
  return c;
};
const dropInclude = (list, name) => {
  const i = list.findIndex((p) => p.include === name);
  assert.ok(i >= 0, `${name} not found`);
  list.splice(i, 1);
};

const mutations = [
  {
    what: 'Markdown links are read as brackets',
    mutate: (g) => dropInclude(g.repository.inline.patterns, '#link-inline'),
    check: 'not brackets: Markdown links',
  },
  {
    what: 'no paragraph tracking: a hard-wrapped "Article 5 Scope ..." becomes a heading',
    mutate: (g) => dropInclude(g.repository.main.patterns, '#paragraph'),
    check: 'a hard-wrapped line starting',
  },
  {
    what: 'brackets end at the end of their line',
    mutate: (g) => {
      g.repository.bracket.end = '\\]|$';
    },
    check: 'square brackets span lines',
  },
  {
    what: 'code fences are not verbatim',
    mutate: (g) => dropInclude(g.repository.main.patterns, '#fenced-code'),
    check: 'code fences and HTML comments',
  },
  {
    what: 'article numbers lose their scope',
    mutate: (g) => {
      for (const k of ['article-md-bare', 'article-md-titled']) {
        g.repository[k].beginCaptures[4].name = 'constant.numeric.treaty';
      }
    },
    check: 'A-AC.291-22-Rev.1.treaty.md: Article 48 bis',
  },
  {
    what: 'TeX quotes are taken for inline code',
    mutate: (g) => {
      g.repository['inline-code'].match = '(`+)([^`\\n]+?)(`+|\'\')';
    },
    check: 'defined terms:',
  },
  {
    what: 'a same-line title is not guarded ("Article 14 shall apply" becomes a heading)',
    mutate: (g) => {
      const r = g.repository['article-plain-titled'];
      r.begin = r.begin.replace('(?![^\\n]*[ \\t](?:shall|may)[ \\t])', '');
    },
    check: 'prose that starts like a heading',
  },
];

const real = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-grammar-mutant-'));

for (const [i, m] of mutations.entries()) {
  test(`a broken grammar fails its check: ${m.what}`, async () => {
    const copy = structuredClone(real);
    m.mutate(copy);
    assert.notDeepEqual(copy, real, 'the mutation changed nothing');
    const file = path.join(dir, `mutant-${i}.tmLanguage.json`);
    fs.writeFileSync(file, JSON.stringify(copy));
    const g = await loadGrammar('text.treaty', {}, file);
    assert.throws(() => byName(m.check).fn(g), assert.AssertionError);
  });
}
