'use strict';
// The scope names are conventional enough that VS Code's own themes colour
// the constructs: with Dark+ and Light+ (the tm-themes package), each one
// gets a colour or a font style of its own, and prose stays plain. Writes
// the fixtures and the worked example, coloured, to target/e2e/grammar/html/.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadThemed, colourise, toHtml } = require('../lib/theme');
const { REPO } = require('../lib/agreement');

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const DRAFTS = path.join(REPO, 'examples', 'cybercrime-convention', 'drafts');
const OUT = path.join(REPO, 'target', 'e2e', 'grammar', 'html');

const read = (file) => fs.readFileSync(file, 'utf8');

// [what, file, a unique string on the line, the text to look at]
const CONSTRUCTS = [
  ['article number in a Markdown heading', path.join(DRAFTS, 'A-AC.291-22-Rev.1.treaty.md'), '### Article 48 bis', '48 bis'],
  ['article title on the next line', path.join(DRAFTS, 'A-AC.291-22-Rev.1.treaty.md'), '#### Special investigative', 'Special investigative techniques'],
  ['plain article heading number', path.join(FIXTURES, 'plain.treaty'), 'Article 5. Respect', '5'],
  ['plain article heading title', path.join(FIXTURES, 'plain.treaty'), 'Article 5. Respect', 'Respect for human rights'],
  ['plain title on the next line', path.join(FIXTURES, 'plain.treaty'), 'Scope of application', 'Scope of application'],
  ['plain preamble word', path.join(FIXTURES, 'plain.treaty'), 'Preamble The States', 'Preamble'],
  ['plain division heading', path.join(FIXTURES, 'plain.treaty'), 'CHAPTER III', 'III'],
  ['paragraph number', path.join(FIXTURES, 'inline.treaty.md'), '1. States Parties [shall]', '1'],
  ['subparagraph label', path.join(FIXTURES, 'inline.treaty.md'), '(a) a subparagraph', 'a'],
  ['item label', path.join(FIXTURES, 'inline.treaty.md'), '(ii) a second item', 'ii'],
  ['cross-reference', path.join(FIXTURES, 'inline.treaty.md'), 'provided in Article 5, Article 6(1)(a)', 'Article 6(1)(a)'],
  ['relative reference', path.join(FIXTURES, 'inline.treaty.md'), 'Nothing in this Article prevents', 'this Article'],
  ['other instrument named in a reference', path.join(FIXTURES, 'inline.treaty.md'), 'Consistent with Article 19', 'International Covenant'],
  ['defined term', path.join(FIXTURES, 'inline.treaty.md'), '"ICT system" means', 'ICT system'],
  ['unagreed text in square brackets', path.join(DRAFTS, 'A-AC.291-16.treaty.md'), '[any criminal offences]', 'any criminal offences'],
  ['front matter key', path.join(DRAFTS, 'A-AC.291-16.treaty.md'), 'id: A/AC.291/16', 'id'],
  ['front matter value', path.join(DRAFTS, 'A-AC.291-16.treaty.md'), 'id: A/AC.291/16', 'A/AC.291/16'],
  ["editor's note (HTML comment)", path.join(DRAFTS, 'A-AC.291-16.treaty.md'), 'EXCERPT, NOT THE OFFICIAL TEXT', 'EXCERPT'],
  ['italic', path.join(FIXTURES, 'inline.treaty.md'), '*Recalling* the', 'Recalling'],
  ['bold', path.join(FIXTURES, 'inline.treaty.md'), '*Recalling* the', 'Universal Declaration'],
  ['inline code', path.join(FIXTURES, 'negative.treaty.md'), 'Inline code', 'not a bracket'],
  ['Markdown link target', path.join(FIXTURES, 'negative.treaty.md'), 'See the [Universal', 'notes.md'],
];

const PROSE = [
  [path.join(FIXTURES, 'inline.treaty.md'), '1. States Parties [shall]', ' adopt measures under '],
  [path.join(FIXTURES, 'plain.treaty'), 'Article 13 of this Convention applies', ' applies to all States.'],
];

function styleAt(cache, file, lineSel, needle) {
  if (!cache.has(file)) cache.set(file, colourise(cache.themed, read(file)));
  const lines = cache.get(file);
  const found = lines.filter((l) => l.text.includes(lineSel));
  assert.equal(found.length, 1, `${lineSel} on ${found.length} lines of ${file}`);
  const l = found[0];
  const at = l.text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not on ${l.text}`);
  return l.tokens.find((t) => t.start <= at && at < t.end);
}

for (const themeName of ['dark-plus', 'light-plus']) {
  let cache;
  test(`${themeName}: every construct is coloured, prose is not`, async () => {
    const themed = await loadThemed(themeName);
    cache = new Map();
    cache.themed = themed;
    const plain = themed.theme.defaultForeground;
    const uncoloured = [];
    for (const [what, file, lineSel, needle] of CONSTRUCTS) {
      const t = styleAt(cache, file, lineSel, needle);
      if (t.foreground === plain && t.fontStyle.length === 0) uncoloured.push(`${what}: ${JSON.stringify(t.text)}`);
    }
    assert.deepEqual(uncoloured, [], `not coloured by ${themeName}`);
    for (const [file, lineSel, needle] of PROSE) {
      const t = styleAt(cache, file, lineSel, needle);
      assert.equal(t.foreground, plain, `prose ${JSON.stringify(needle)} is coloured ${t.foreground}`);
      assert.deepEqual(t.fontStyle, []);
    }
    // the kinds that sit side by side in a sentence are told apart
    const colour = (i) => {
      const [, file, lineSel, needle] = CONSTRUCTS[i];
      return styleAt(cache, file, lineSel, needle).foreground;
    };
    const idx = (what) => CONSTRUCTS.findIndex((c) => c[0] === what);
    assert.notEqual(colour(idx('cross-reference')), colour(idx('defined term')));
    assert.notEqual(colour(idx('cross-reference')), colour(idx('unagreed text in square brackets')));
    assert.notEqual(colour(idx('cross-reference')), colour(idx('other instrument named in a reference')));

    fs.mkdirSync(OUT, { recursive: true });
    const files = [
      ...fs.readdirSync(FIXTURES).map((f) => path.join(FIXTURES, f)),
      ...fs.readdirSync(DRAFTS).map((f) => path.join(DRAFTS, f)),
    ];
    for (const f of files) {
      const html = toHtml(path.basename(f), themed.theme, colourise(themed, read(f)));
      fs.writeFileSync(path.join(OUT, `${path.basename(f)}.${themeName}.html`), html);
    }
  });
}
