'use strict';
// Assertions on a tokenised document, in the words of the tests:
//
//   doc.at('Article 5. Respect', 'Respect for human rights').has('entity.name.section.article.treaty')
//
// picks the one line containing the first string (or a 1-based line
// number), finds the second string on it, and checks every token that
// covers it. Failures print the line's tokens.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { tokenize, dump } = require('./tokenize');

class Span {
  constructor(doc, lineIndex, start, end, needle) {
    this.doc = doc;
    this.lineIndex = lineIndex;
    this.start = start;
    this.end = end;
    this.needle = needle;
    this.tokens = doc.lines[lineIndex].tokens.filter((t) => t.start < end && t.end > start);
  }

  where() {
    return `${this.doc.name}:${this.lineIndex + 1} ${JSON.stringify(this.needle)}\n${dump(this.doc.lines, this.lineIndex, this.lineIndex + 1)}`;
  }

  // Every token of the span carries exactly this scope name.
  has(...scopes) {
    assert.ok(this.tokens.length > 0, `no tokens at ${this.where()}`);
    for (const scope of scopes) {
      for (const t of this.tokens) {
        assert.ok(t.scopes.includes(scope), `expected ${scope} on ${JSON.stringify(t.text)} at ${this.where()}`);
      }
    }
    return this;
  }

  // No token of the span carries a scope under this prefix. A final
  // `.treaty` is ignored, so `markup.heading.treaty` also excludes
  // `markup.heading.article.treaty`.
  lacks(...prefixes) {
    for (const given of prefixes) {
      const prefix = given.replace(/\.treaty$/, '');
      for (const t of this.tokens) {
        const bad = t.scopes.find((s) => s === prefix || s.startsWith(prefix + '.'));
        assert.ok(!bad, `unexpected ${bad} on ${JSON.stringify(t.text)} at ${this.where()}`);
      }
    }
    return this;
  }

  // The span is exactly one token (it starts and ends a token).
  isOneToken() {
    assert.ok(
      this.tokens.length === 1 && this.tokens[0].start === this.start && this.tokens[0].end === this.end,
      `expected ${JSON.stringify(this.needle)} to be exactly one token at ${this.where()}`,
    );
    return this;
  }

  // How many times the scope appears on the span's first token (nesting depth).
  count(scope) {
    return this.tokens[0].scopes.filter((s) => s === scope).length;
  }
}

class Doc {
  constructor(name, lines) {
    this.name = name;
    this.lines = lines;
  }

  // The 0-based index of the line: a 1-based number, the one line equal to
  // the string, or else the one line that contains it.
  lineIndex(sel) {
    if (typeof sel === 'number') {
      assert.ok(sel >= 1 && sel <= this.lines.length, `${this.name} has no line ${sel}`);
      return sel - 1;
    }
    // A line equal to the string wins over lines that contain it.
    let found = [];
    this.lines.forEach((l, i) => {
      if (l.text === sel) found.push(i);
    });
    if (found.length === 0) {
      this.lines.forEach((l, i) => {
        if (l.text.includes(sel)) found.push(i);
      });
    }
    assert.equal(found.length, 1, `${this.name}: ${JSON.stringify(sel)} is on ${found.length} lines (${found.map((i) => i + 1)})`);
    return found[0];
  }

  text(sel) {
    return this.lines[this.lineIndex(sel)].text;
  }

  // The span of `needle` (its n-th occurrence, 0-based) on the selected
  // line; the whole line when needle is omitted.
  at(sel, needle, occurrence = 0) {
    const i = this.lineIndex(sel);
    const text = this.lines[i].text;
    if (needle === undefined) needle = text;
    let at = -1;
    for (let k = 0; k <= occurrence; k++) {
      at = text.indexOf(needle, at + 1);
      assert.ok(at >= 0, `${this.name}:${i + 1}: ${JSON.stringify(needle)} (#${occurrence}) not in ${JSON.stringify(text)}`);
    }
    return new Span(this, i, at, at + needle.length, needle);
  }

  // Every token of the document whose scopes satisfy pred.
  tokensWhere(pred) {
    const out = [];
    this.lines.forEach((l, i) => {
      for (const t of l.tokens) if (pred(t.scopes)) out.push({ line: i + 1, ...t });
    });
    return out;
  }
}

function docFromText(grammar, text, name = '<text>') {
  return new Doc(name, tokenize(grammar, text));
}

function docFromFile(grammar, file, name = file) {
  return docFromText(grammar, fs.readFileSync(file, 'utf8'), name);
}

const hasPrefix = (scopes, prefix) => scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));

module.exports = { Doc, Span, docFromText, docFromFile, hasPrefix };
