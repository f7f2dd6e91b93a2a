'use strict';
// Specific assertions on the fixture drafts, one check per construct. Each
// check takes a loaded grammar and throws on failure; tests/fixtures.test.js
// runs them, and tests/can-fail.test.js runs them against broken grammars.
const path = require('node:path');
const { docFromFile } = require('../lib/doc');

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const open = (grammar, name) => docFromFile(grammar, path.join(FIXTURES, name), `fixtures/${name}`);

const T = (s) => `${s}.treaty`;
const REF = T('variable.other.reference');
const BRACKET = T('meta.bracket.unagreed');
const TERM = T('variable.other.constant.defined-term');

const checks = [
  {
    name: 'front matter: delimiters, keys and values; nothing else is read inside',
    fn(g) {
      const d = open(g, 'headings.treaty.md');
      d.at(1, '---').has(T('meta.embedded.block.frontmatter'), T('punctuation.definition.frontmatter.begin'));
      d.at('id: TEST/GRAMMAR/1', 'id').has(T('entity.name.tag.frontmatter'));
      d.at('id: TEST/GRAMMAR/1', ':').has(T('punctuation.separator.key-value'));
      d.at('id: TEST/GRAMMAR/1', 'TEST/GRAMMAR/1').has(T('string.unquoted.frontmatter'));
      d.at('aliases:', '[Grammar Convention').has(T('string.unquoted.frontmatter')).lacks(T('meta.bracket'));
      d.at(6, '---').has(T('punctuation.definition.frontmatter.end'));
      d.at('# Draft convention on grammar tests').lacks(T('meta.embedded'));
    },
  },
  {
    name: 'front matter only on the first line: a later --- is ordinary text',
    fn(g) {
      const d = open(g, 'plain.treaty');
      for (const l of d.lines) {
        for (const t of l.tokens) {
          if (t.scopes.includes(T('meta.embedded.block.frontmatter'))) throw new Error(`front matter in plain.treaty: ${l.text}`);
        }
      }
    },
  },
  {
    name: 'Markdown title, preamble and generic headings',
    fn(g) {
      const d = open(g, 'headings.treaty.md');
      d.at('# Draft convention on grammar tests', '#').has(T('markup.heading'), T('punctuation.definition.heading'));
      d.at('# Draft convention on grammar tests', 'Draft convention on grammar tests').has(T('entity.name.section'));
      d.at('## Preamble', 'Preamble').has(T('markup.heading.preamble'), T('entity.name.section.preamble'));
    },
  },
  {
    name: 'Markdown division headings: keyword, Roman or Arabic number, title on the same or the next line',
    fn(g) {
      const d = open(g, 'headings.treaty.md');
      d.at('### PART I', 'PART').has(T('markup.heading.division'), T('keyword.other.division'));
      d.at('### PART I', 'I').isOneToken().has(T('constant.numeric.division'));
      d.at('#### GENERAL PROVISIONS', 'GENERAL PROVISIONS').has(T('entity.name.section.division'));
      d.at('### CHAPTER II', 'II').isOneToken().has(T('constant.numeric.division'));
      d.at('### Section 3. Cooperation', '3').isOneToken().has(T('constant.numeric.division'));
      d.at('### Section 3. Cooperation', 'Cooperation').has(T('entity.name.section.division'));
    },
  },
  {
    name: 'Markdown article headings: Article, ARTICLE, Art., bis/ter suffixes, Roman, emphasis, closing #',
    fn(g) {
      const d = open(g, 'headings.treaty.md');
      const article = (line, word, num) => {
        d.at(line, word).isOneToken().has(T('markup.heading.article'), T('keyword.other.article'));
        d.at(line, num).isOneToken().has(T('markup.heading.article'), T('constant.numeric.article'));
      };
      article('### Article 1', 'Article', '1');
      article('### Article 2 - Use', 'Article', '2');
      article('### ARTICLE 3 bis', 'ARTICLE', '3 bis');
      article('### Art. 4', 'Art.', '4');
      article('### Article 93bis', 'Article', '93bis');
      article('### Article 11ter', 'Article', '11ter');
      article('### Article VIII', 'Article', 'VIII');
      article('### **Article 10**', 'Article', '10');
      d.at('### Article 93bis ###', '###', 1).has(T('punctuation.definition.heading'));
      d.at('### **Article 10**', '**').has(T('punctuation.definition.emphasis'));
    },
  },
  {
    name: 'article heading text gets its own scope, distinct from the number',
    fn(g) {
      const d = open(g, 'headings.treaty.md');
      d.at('### Article 2 - Use of terms', '-').has(T('punctuation.separator.heading'));
      d.at('### Article 2 - Use of terms', 'Use of terms').has(T('entity.name.section.article')).lacks(T('constant.numeric'));
      d.at('### Article 2 - Use of terms', '2').lacks(T('entity.name.section'));
      d.at('### Article 11ter: Jurisdiction', 'Jurisdiction').has(T('entity.name.section.article'));
      d.at('#### Purpose', 'Purpose').has(T('markup.heading'), T('entity.name.section.article'));
    },
  },
  {
    name: 'annexes, instruments and numbered paragraph headings',
    fn(g) {
      const d = open(g, 'headings.treaty.md');
      d.at('### ANNEX I', 'ANNEX').has(T('markup.heading.annex'), T('keyword.other.annex'));
      d.at('### ANNEX I', 'I').isOneToken().has(T('constant.numeric.annex'));
      d.at('#### Conciliation', 'Conciliation').has(T('entity.name.section.annex'));
      d.at('### Annex on arbitration', 'Annex').has(T('keyword.other.annex'));
      d.at('### Annex on arbitration', 'on arbitration').has(T('entity.name.section.annex'));
      d.at('#### Optional Protocol', 'Optional Protocol to the Convention on Grammar Tests').has(
        T('markup.heading.instrument'),
        T('entity.name.section.instrument'),
      );
      d.at('### Resolution II', 'Resolution').has(T('keyword.other.instrument'));
      d.at('### Resolution II', 'II').has(T('constant.numeric.instrument'));
      d.at('### 12', '12').has(T('markup.heading.paragraph'), T('constant.numeric.paragraph'));
      d.at('*Requests* the', 'Requests').has(T('markup.italic'));
    },
  },
  {
    name: 'plain-line headings: separators . - — :, bare numbers, suffixes, next-line titles',
    fn(g) {
      const d = open(g, 'plain.treaty');
      d.at('Article 5. Respect', 'Article').has(T('markup.heading.article'), T('keyword.other.article'));
      d.at('Article 5. Respect', '5').isOneToken().has(T('constant.numeric.article'));
      d.at('Article 5. Respect', 'Respect for human rights').has(T('entity.name.section.article'));
      d.at('Article 6 - Illegal access', '-').has(T('punctuation.separator.heading'));
      d.at('Article 6 - Illegal access', 'Illegal access').has(T('entity.name.section.article'));
      d.at('Article 7 — Illegal interception', '—').has(T('punctuation.separator.heading'));
      d.at('Article 7 — Illegal interception', 'Illegal interception').has(T('entity.name.section.article'));
      d.at('Article 8: Data interference', 'Data interference').has(T('entity.name.section.article'));
      d.at('ARTICLE 9', '9').has(T('constant.numeric.article'));
      d.at('Art. 10', 'Art.').has(T('keyword.other.article'));
      d.at('Article 3 bis', '3 bis').isOneToken().has(T('constant.numeric.article'));
      d.at('Article 11ter', '11ter').isOneToken().has(T('constant.numeric.article'));
      d.at('Article 12', '12').has(T('constant.numeric.article'));
      d.at('Scope of application', 'Scope of application').has(T('markup.heading.title.article'), T('entity.name.section.article'));
      d.at('**Article 15 - Final clauses**', '15').has(T('constant.numeric.article'));
      d.at('**Article 15 - Final clauses**', 'Final clauses').has(T('entity.name.section.article'));
    },
  },
  {
    name: 'plain-line divisions, annexes and preamble',
    fn(g) {
      const d = open(g, 'plain.treaty');
      d.at('PART I', 'PART').has(T('markup.heading.division'), T('keyword.other.division'));
      d.at('PART I', 'I').has(T('constant.numeric.division'));
      d.at('GENERAL PROVISIONS', 'GENERAL PROVISIONS').has(T('entity.name.section.division'));
      d.at('CHAPTER III', 'III').has(T('constant.numeric.division'));
      d.at('PROCEDURAL MEASURES', 'PROCEDURAL MEASURES').has(T('entity.name.section.division'));
      d.at('Section 2. Cooperation', 'Cooperation').has(T('entity.name.section.division'));
      d.at('ANNEX II', 'II').has(T('constant.numeric.annex'));
      d.at('ANNEX TO THE CONVENTION', 'ANNEX').has(T('keyword.other.annex'));
      d.at('ANNEX TO THE CONVENTION', 'TO THE CONVENTION').has(T('entity.name.section.annex'));
      d.at('TITLE IV - FINAL PROVISIONS', 'TITLE').has(T('keyword.other.division'));
      d.at('TITLE IV - FINAL PROVISIONS', 'IV').has(T('constant.numeric.division'));
      d.at('TITLE IV - FINAL PROVISIONS', 'FINAL PROVISIONS').has(T('entity.name.section.division'));
      d.at('BOOK ONE', 'ONE').has(T('constant.numeric.division'));
      d.at('Subsection A', 'Subsection').has(T('keyword.other.division'));
      d.at('Subsection A', 'A').has(T('constant.numeric.division'));
      d.at('Preamble The States', 'Preamble').has(T('markup.heading.preamble'), T('entity.name.section.preamble'));
      d.at('Preamble The States', ' The States Parties').lacks(T('entity.name'), T('markup.heading'));
    },
  },
  {
    name: 'prose that starts like a heading is prose (heading guards)',
    fn(g) {
      const d = open(g, 'plain.treaty');
      // guard 3: a same-line "title" with "shall" or starting with "of"
      d.at('Article 13 of this Convention applies', 'Article 13 of this Convention').has(REF).lacks(T('markup.heading'));
      d.at('Article 14 States Parties shall apply', 'Article 14').has(REF).lacks(T('markup.heading'));
      // unnumbered annex whose rest is not in capitals
      d.at('Annex to this Convention applies').lacks(T('markup.heading'), T('keyword'));
      // the testimonium is not a title
      d.at('IN WITNESS WHEREOF').lacks(T('entity.name'), T('markup.heading'));
    },
  },
  {
    name: 'a hard-wrapped line starting "Article 113(3), point (a)" is a reference, not a heading',
    fn(g) {
      const d = open(g, 'wrapped.treaty.md');
      const wrapped = d.lineIndex('Article 113(3), point (a), of Regulation (EU) No 575/2013 to such') + 1;
      d.at(wrapped).lacks(T('markup.heading'), T('keyword.other.article'), T('constant.numeric.article'));
      d.at(wrapped, 'Article 113(3), point (a), of ').has(REF);
      d.at(wrapped, 'Regulation (EU) No 575/2013').has(REF, T('entity.name.type.instrument'));
      // the same text at a block start (guard 2: "(3)" after the number)
      d.at('No 575/2013 applies.').lacks(T('markup.heading'));
      d.at('No 575/2013 applies.', 'Article 113(3)').has(REF);
      // guard 1: after an unfinished line even a title-shaped line is prose
      d.at('Article 5 Scope of the measures').lacks(T('markup.heading'));
      d.at('Article 5 Scope of the measures', 'Article 5').has(REF);
      // after a sentence end, a bare heading counts
      d.at('Article 6', '6').has(T('markup.heading.article'), T('constant.numeric.article'));
    },
  },
  {
    name: 'paragraph numbers at line start: 1. (1) 1 - and emphasised **2.**',
    fn(g) {
      const d = open(g, 'inline.treaty.md');
      d.at('1. States Parties [shall]', '1').isOneToken().has(T('meta.label.paragraph'), T('constant.numeric.paragraph'));
      d.at('1. States Parties [shall]', '.').has(T('punctuation.definition.label.end'));
      d.at('(1) a numbered paragraph', '1').has(T('constant.numeric.paragraph'));
      d.at('(1) a numbered paragraph', '(').has(T('punctuation.definition.label.begin'));
      d.at('1 - a dashed paragraph', '1').has(T('constant.numeric.paragraph'));
      d.at('**2.** an emphasised', '2').has(T('constant.numeric.paragraph'));
      d.at('**2.** an emphasised', 'an emphasised paragraph number').lacks(T('meta.label'));
    },
  },
  {
    name: 'subparagraph labels (a) a) b. and a bulleted - (c); items (i) (ii) iii); subitems (A)',
    fn(g) {
      const d = open(g, 'inline.treaty.md');
      d.at('(a) a subparagraph', 'a').has(T('meta.label.point'), T('constant.numeric.point'));
      d.at('a) another style', 'a').has(T('constant.numeric.point'));
      d.at('b. and a dotted one', 'b').has(T('constant.numeric.point'));
      d.at('- (c) a bulleted point', '- ').has(T('punctuation.definition.list.begin'));
      d.at('- (c) a bulleted point', 'c').has(T('constant.numeric.point'));
      d.at('(i) an item', 'i').has(T('meta.label.item'), T('constant.numeric.item'));
      d.at('(ii) a second item', 'ii').has(T('constant.numeric.item'));
      d.at('iii) a third item', 'iii').has(T('constant.numeric.item'));
      d.at('(A) a subitem', 'A').has(T('meta.label.subitem'), T('constant.numeric.subitem'));
      // a label only at the start of a line
      d.at('(a) "ICT system"', 'any device').lacks(T('meta.label'));
    },
  },
  {
    name: 'cross-references: compact, decimal, ranges, tails, UN and EU styles',
    fn(g) {
      const d = open(g, 'inline.treaty.md');
      const ref = (line, text) => d.at(line, text).has(REF);
      ref('provided in Article 5, Article 6(1)(a)', 'Article 5, Article 6(1)(a)');
      ref('provided in Article 5, Article 6(1)(a)', 'Article 35.2');
      d.at('provided in Article 5, Article 6(1)(a)', ' and ').lacks(REF);
      ref('Articles 6 to 16 are covered', 'Articles 6 to 16');
      d.at('Articles 6 to 16 are covered', ' are covered').lacks(REF);
      ref('Subject to paragraph 4 of Article 28', 'paragraph 4 of Article 28');
      d.at('Subject to paragraph 4 of Article 28', ', each State').lacks(REF);
      ref('As set out in article 23', 'article 23, paragraph 1 (a) (i) or (ii) or (b) (i), of this Convention');
      ref('Except as provided in point (a)', 'point (a) of Article 6(1)');
      d.at('Nothing in this Article prevents', 'this Article').has(T('variable.other.reference.relative'));
      ref('Nothing in this Article prevents', 'paragraph 2 of this article');
      ref('Consistent with Article 19', 'Article 19 of the International Covenant on Civil and Political Rights');
      d.at('Consistent with Article 19', 'the International Covenant on Civil and Political Rights').has(T('entity.name.type.instrument'));
      d.at('the preceding paragraph and chapter III', 'the preceding paragraph').has(T('variable.other.reference.relative'));
      ref('the preceding paragraph and chapter III', 'chapter III');
      ref('Under Article 7.1(c) bis', 'Article 7.1(c) bis');
      ref('Under Article 7.1(c) bis', 'Articles 2 through 5');
      ref('Under Article 7.1(c) bis', 'Article 28 (1) *(b)* (i)');
      // D10, intended: `letter` and `Schedule` start references
      ref('As listed in letter (b)', 'letter (b) of Article 1(1)');
      ref('As listed in letter (b)', 'Schedule 2');
    },
  },
  {
    name: 'references: prose uses of level words are not references',
    fn(g) {
      const d = open(g, 'negative.treaty.md');
      d.at('The parts of the text').lacks(REF);
      d.at('article 5 is prose', 'article 5').has(REF).lacks(T('markup.heading'));
    },
  },
  {
    name: 'defined terms: straight, curly, TeX and single quotes; two terms; a which-clause',
    fn(g) {
      const d = open(g, 'inline.treaty.md');
      d.at('"ICT system" means', 'ICT system').isOneToken().has(TERM);
      d.at('"ICT system" means', '"', 0).has(T('punctuation.definition.term.begin'));
      d.at('"ICT system" means', 'means').has(T('keyword.other.definition'));
      d.at('“Electronic data” means', 'Electronic data').has(TERM);
      d.at('``Traffic data\'\' means', 'Traffic data').has(TERM);
      d.at('``Traffic data\'\' means', '``').has(T('punctuation.definition.term.begin')).lacks(T('markup.inline.raw'));
      d.at('``Traffic data\'\' means', "''").has(T('punctuation.definition.term.end'));
      d.at('‘Content data’ shall mean', 'Content data').has(TERM);
      d.at('‘Content data’ shall mean', 'shall mean').has(T('keyword.other.definition'));
      d.at('"Freezing" or "seizure"', 'Freezing').has(TERM);
      d.at('"Freezing" or "seizure"', 'seizure').has(TERM);
      d.at('"Confiscation", which includes', 'Confiscation').has(TERM);
      d.at('"Confiscation", which includes', 'includes').lacks(T('keyword.other.definition'));
      d.at('``computer system" means', 'computer system').has(TERM);
      d.at('any device processing electronic data', 'electronic data').lacks(TERM);
    },
  },
  {
    name: 'square brackets: alternatives [shall][should], nesting, labels Alt 1 / Option A)',
    fn(g) {
      const d = open(g, 'inline.treaty.md');
      const l = '1. States Parties [shall][should]';
      d.at(l, 'shall').has(BRACKET);
      d.at(l, 'should').has(BRACKET);
      d.at(l, '[', 0).has(T('punctuation.definition.bracket.begin'));
      d.at(l, ']', 0).has(T('punctuation.definition.bracket.end'));
      d.at(l, ' adopt measures under ').lacks(BRACKET);
      const outer = d.at(l, 'the ');
      outer.has(BRACKET);
      if (outer.count(BRACKET) !== 1) throw new Error('"the " should be at depth 0');
      const inner = d.at(l, 'competent');
      if (inner.count(BRACKET) !== 2) throw new Error(`"competent" should be inside two brackets:\n${inner.where()}`);
      d.at(l, ' authorities').has(BRACKET);
      d.at(l, ' of each State.').lacks(BRACKET);
      d.at('[Alt 1: Each', 'Alt 1').has(BRACKET, T('entity.name.tag.alternative'));
      d.at('[Alt 1: Each', 'Alt 2').has(T('entity.name.tag.alternative'));
      d.at('[shall] / [may]', '/').has(T('keyword.operator.alternative')).lacks(BRACKET);
      d.at('[Option A) The Conference', 'Option A').has(T('entity.name.tag.alternative'));
      d.at('[Option A) The Conference', ' or ').lacks(BRACKET);
      d.at('[Option A) The Conference', 'Option B').has(BRACKET, T('entity.name.tag.alternative'));
    },
  },
  {
    name: 'square brackets span lines and paragraphs, keeping the structure inside',
    fn(g) {
      const d = open(g, 'inline.treaty.md');
      d.at('3. [Nothing in this Convention', 'Nothing in this Convention').has(BRACKET);
      d.at('the suppression of human rights.]', 'the suppression of human rights.').has(BRACKET);
      d.at('the suppression of human rights.]', ' The rest is agreed.').lacks(BRACKET);
      d.at('5. [Each State Party', 'Each State Party shall adopt measures.').has(BRACKET);
      d.at('6. Each State Party may also act', '6').has(BRACKET, T('constant.numeric.paragraph'));
      d.at('6. Each State Party may also act', 'Article 7').has(BRACKET, REF);
      d.at('6. Each State Party may also act', ' Agreed text follows.').lacks(BRACKET);
      const p = open(g, 'plain.treaty');
      d.at('### Article 3', 'Article').lacks(BRACKET);
      p.at('[Article 16', '16').has(BRACKET, T('constant.numeric.article'));
      p.at('1. Each State Party shall adopt such measures.]', '1').has(BRACKET, T('constant.numeric.paragraph'));
      // `[Article 18]`: the `]` after the number closes the bracket
      p.at('[Article 18]', '18').has(BRACKET, T('constant.numeric.article'));
      p.at('[Article 18]', ']').has(T('punctuation.definition.bracket.end'));
      p.at('Article 19', '19').has(T('constant.numeric.article')).lacks(BRACKET);
      p.at('[Jurisdiction]', 'Jurisdiction').has(T('entity.name.section.article'), BRACKET);
      // a bracket opened in a same-line title runs on to the next line
      p.at('Article 17 - [Scope', '17').has(T('constant.numeric.article'));
      p.at('Article 17 - [Scope', 'Scope').has(T('entity.name.section.article'), BRACKET);
      p.at('of the article]', 'of the article').has(BRACKET);
      p.at('IN WITNESS WHEREOF').lacks(BRACKET);
    },
  },
  {
    name: 'not brackets: Markdown links, footnotes, numeric footnotes, escapes, code; a stray ] is flagged',
    fn(g) {
      const d = open(g, 'negative.treaty.md');
      const l = 'See the [Universal Declaration';
      d.at(l, 'Universal Declaration of Human Rights').has(T('meta.link.inline'), T('string.other.link.title')).lacks(BRACKET);
      d.at(l, 'https://www.un.org/en/about-us/universal-declaration-of-human-rights').has(T('markup.underline.link')).lacks(BRACKET);
      d.at(l, 'this note').has(T('meta.link.inline')).lacks(BRACKET);
      d.at(l, '.', 3).lacks(BRACKET);
      d.at('the report[^1]', '^1').has(T('meta.footnote.reference'), T('constant.other.footnote')).lacks(BRACKET);
      d.at('the report[^1]', '12').has(T('meta.footnote.reference')).lacks(BRACKET);
      d.at('the report[^1]', ', nothing more.').lacks(BRACKET);
      d.at('[^1]: The report', '^1').has(T('meta.footnote.definition')).lacks(BRACKET);
      d.at('[^1]: The report', 'Article 9').has(REF).lacks(BRACKET);
      d.at('Inline code', 'not a bracket').has(T('markup.inline.raw')).lacks(BRACKET, REF);
      d.at('An escaped', '\\[').has(T('constant.character.escape'));
      d.at('An escaped', 'sic').lacks(BRACKET);
      d.at('An escaped', ' bracket is literal.').lacks(BRACKET);
      d.at('A stray ] closing', ']').has(T('invalid.illegal.unbalanced-bracket'));
    },
  },
  {
    name: 'code fences and HTML comments are verbatim: no treaty scopes inside',
    fn(g) {
      const d = open(g, 'negative.treaty.md');
      d.at('```text', '```').has(T('markup.fenced_code.block'), T('punctuation.definition.fenced-code.begin'));
      d.at('```text', 'text').has(T('fenced_code.block.language'));
      for (const line of ['### Article 99', '1. [not a bracket] "Term" means nothing; see Article 5.', 'Article 98 - Not a heading']) {
        d.at(line)
          .has(T('markup.fenced_code.block'), T('markup.raw.block'))
          .lacks(T('markup.heading'), BRACKET, REF, TERM, T('meta.label'), T('constant'));
      }
      d.at('<!-- An editor', 'not a bracket').has(T('comment.block.html')).lacks(BRACKET);
      d.at('<!-- An editor', 'Article 97').lacks(REF);
      // after the fences close, the text is read again
      d.at('Institutions shall apply', '5').has(T('constant.numeric.paragraph'));
    },
  },
  {
    name: 'Markdown emphasis: *italic*, _italic_, **bold**, with references inside',
    fn(g) {
      const d = open(g, 'inline.treaty.md');
      d.at('*Recalling* the', 'Recalling').has(T('markup.italic'));
      d.at('*Recalling* the', '*', 0).has(T('punctuation.definition.italic'));
      d.at('*Recalling* the', 'Universal Declaration').has(T('markup.bold'));
      d.at('*Recalling* the', '**', 0).has(T('punctuation.definition.bold'));
      d.at('*Recalling* the', 'other').has(T('markup.italic'));
      d.at('*Recalling* the', ' the ').lacks(T('markup.italic'), T('markup.bold'));
      const h = open(g, 'headings.treaty.md');
      h.at('*The States Parties to this Convention*', 'The States Parties to this Convention').has(T('markup.italic'));
    },
  },
];

module.exports = { checks, open, FIXTURES };
