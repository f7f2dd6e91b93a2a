'use strict';
// Specific tokens on specific lines of the worked example's two drafts
// (examples/cybercrime-convention/drafts/). Each line is checked to hold
// the expected text first, so an edit to a draft fails loudly here rather
// than silently testing another line.
const assert = require('node:assert/strict');
const path = require('node:path');
const { docFromFile, hasPrefix } = require('../lib/doc');

const DRAFTS = path.resolve(__dirname, '..', '..', '..', 'examples', 'cybercrime-convention', 'drafts');
const CND = 'A-AC.291-16.treaty.md';
const REV1 = 'A-AC.291-22-Rev.1.treaty.md';
const open = (g, name) => docFromFile(g, path.join(DRAFTS, name), `examples/cybercrime-convention/drafts/${name}`);
const T = (s) => `${s}.treaty`;

function line(d, n, text) {
  assert.equal(d.text(n), text, `${d.name}:${n} changed; update checks/examples.js`);
  return {
    at: (needle, occurrence) => d.at(n, needle, occurrence),
  };
}

const checks = [
  {
    name: `${CND}: front matter and the editor's note are opaque`,
    fn(g) {
      const d = open(g, CND);
      line(d, 2, 'id: A/AC.291/16').at('A/AC.291/16').has(T('meta.embedded.block.frontmatter'), T('string.unquoted.frontmatter'));
      line(d, 5, 'aliases: [Consolidated Negotiating Document, CND]')
        .at('[Consolidated Negotiating Document, CND]')
        .has(T('string.unquoted.frontmatter'))
        .lacks(T('meta.bracket'));
      for (let n = 8; n <= 21; n++) d.at(n).has(T('comment.block.html')).lacks(T('variable.other.reference'), T('markup'));
      line(d, 18, 'are here, so the article numbering has gaps. Chapter and article headings').at('Chapter').has(T('comment.block.html'));
    },
  },
  {
    name: `${CND}: chapters and articles with their numbers and headings`,
    fn(g) {
      const d = open(g, CND);
      const ch1 = line(d, 25, '### CHAPTER I');
      ch1.at('CHAPTER').has(T('markup.heading.division'), T('keyword.other.division'));
      ch1.at('I').isOneToken().has(T('constant.numeric.division'));
      line(d, 27, '#### General provisions').at('General provisions').has(T('entity.name.section.division'));
      const a4 = line(d, 47, '### Article 4');
      a4.at('Article').has(T('markup.heading.article'), T('keyword.other.article'));
      a4.at('4').isOneToken().has(T('constant.numeric.article'));
      line(d, 49, '#### Protection of sovereignty').at('Protection of sovereignty').has(T('entity.name.section.article'));
      line(d, 57, '### CHAPTER II').at('II').has(T('constant.numeric.division'));
      line(d, 59, '#### Criminalization').at('Criminalization').has(T('entity.name.section.division'));
      line(d, 61, '### Article 6').at('6').has(T('constant.numeric.article'));
      line(d, 63, '#### Illegal access').at('Illegal access').has(T('entity.name.section.article'));
      line(d, 115, '### Article 40').at('40').has(T('constant.numeric.article'));
    },
  },
  {
    name: `${CND}: paragraph and subparagraph labels, "this Convention" is not a reference`,
    fn(g) {
      const d = open(g, CND);
      const p = line(
        d,
        55,
        '1. States Parties shall ensure that the implementation of its obligations under this Convention is in accordance with applicable international human rights law.',
      );
      p.at('1').has(T('meta.label.paragraph'), T('constant.numeric.paragraph'));
      p.at('this Convention').lacks(T('variable.other.reference'));
      line(d, 139, '5. … coordinating their actions …').at('5').has(T('constant.numeric.paragraph'));
      line(d, 31, '*text elided: not quoted in the submissions*').at('text elided: not quoted in the submissions').has(T('markup.italic'));
    },
  },
  {
    name: `${CND}: Article 41(2)(c) has two square brackets of unagreed text`,
    fn(g) {
      const d = open(g, CND);
      const c = line(d, 151, '(c) … [any criminal offences] … [serious crimes] …');
      c.at('c').has(T('meta.label.point'), T('constant.numeric.point'));
      c.at('[', 0).has(T('meta.bracket.unagreed'), T('punctuation.definition.bracket.begin'));
      c.at('any criminal offences').has(T('meta.bracket.unagreed'));
      c.at(' … ', 0).lacks(T('meta.bracket'));
      c.at('serious crimes').has(T('meta.bracket.unagreed'));
      c.at(']', 1).has(T('punctuation.definition.bracket.end'));
      c.at(' …', 2).lacks(T('meta.bracket'));
      // and no other line of the draft is unagreed text
      const lines = new Set(d.tokensWhere((s) => s.includes(T('meta.bracket.unagreed'))).map((t) => t.line));
      assert.deepEqual([...lines], [151]);
    },
  },
  {
    name: `${REV1}: Article 48 bis and its heading, Article 5 "Respect for human rights"`,
    fn(g) {
      const d = open(g, REV1);
      const a = line(d, 173, '### Article 48 bis');
      a.at('Article').has(T('keyword.other.article'));
      a.at('48 bis').isOneToken().has(T('markup.heading.article'), T('constant.numeric.article'));
      line(d, 175, '#### Special investigative techniques')
        .at('Special investigative techniques')
        .has(T('markup.heading'), T('entity.name.section.article'))
        .lacks(T('constant.numeric'));
      line(d, 33, '### Article 5').at('5').has(T('constant.numeric.article'));
      line(d, 35, '#### Respect for human rights').at('Respect for human rights').has(T('entity.name.section.article'));
      line(d, 79, '#### Offenses related to online child sexual abuse')
        .at('Offenses related to online child sexual abuse')
        .has(T('entity.name.section.article'));
      line(d, 179, '### CHAPTER VI').at('VI').has(T('constant.numeric.division'));
      line(d, 153, '21. *text elided: not quoted in the submissions*').at('21').has(T('constant.numeric.paragraph'));
    },
  },
  {
    name: 'neither draft has a cross-reference or a defined term in its text (the parser finds none either)',
    fn(g) {
      for (const name of [CND, REV1]) {
        const d = open(g, name);
        const refs = d.tokensWhere((s) => hasPrefix(s, T('variable.other.reference')) || s.includes(T('variable.other.constant.defined-term')));
        assert.deepEqual(refs.map((t) => `${t.line}: ${t.text}`), [], name);
      }
    },
  },
];

module.exports = { checks, DRAFTS };
