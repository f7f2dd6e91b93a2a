'use strict';
// Tokenises text with the real VS Code TextMate engine (vscode-textmate on
// vscode-oniguruma, the same packages VS Code ships) and answers questions
// about the scopes of a piece of a line.
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const GRAMMAR_PATH = path.join(__dirname, '..', '..', 'treaty.tmLanguage.json');

let onigLib = null;
function loadOnig() {
  if (!onigLib) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }));
  }
  return onigLib;
}

// extraGrammars: { scopeName: grammarObject } for hosts that embed text.treaty.
async function loadGrammar(scopeName = 'text.treaty', extraGrammars = {}, grammarPath = GRAMMAR_PATH) {
  const registry = new vsctm.Registry({
    onigLib: loadOnig(),
    loadGrammar: async (name) => {
      if (name === 'text.treaty') {
        return vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath);
      }
      if (extraGrammars[name]) return extraGrammars[name];
      return null;
    },
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} did not load`);
  return grammar;
}

// Returns one entry per line: { text, tokens: [{ start, end, text, scopes }] }.
function tokenize(grammar, text) {
  const lines = text.split(/\r\n|\r|\n/);
  let stack = vsctm.INITIAL;
  const out = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack, 10000);
    if (r.stoppedEarly) throw new Error(`tokenizing stopped early (time limit) on: ${line.slice(0, 80)}`);
    stack = r.ruleStack;
    out.push({
      text: line,
      tokens: r.tokens.map((t) => ({
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      })),
    });
  }
  return out;
}

// Scopes of every token that overlaps [start, end) of a line.
function tokensIn(lineInfo, start, end) {
  return lineInfo.tokens.filter((t) => t.start < end && t.end > start);
}

// Finds `needle` on a line (the n-th occurrence, 0-based) and returns the
// tokens it covers. Throws when the needle is not on the line.
function tokensOf(lineInfo, needle, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = lineInfo.text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (#${occurrence}) not on line ${JSON.stringify(lineInfo.text)}`);
  }
  return tokensIn(lineInfo, at, at + needle.length);
}

// Human-readable dump: one line per token, for failure messages and debugging.
function dump(lines, from = 0, to = lines.length) {
  const out = [];
  for (let i = from; i < to && i < lines.length; i++) {
    out.push(`${i + 1}: ${lines[i].text}`);
    for (const t of lines[i].tokens) {
      out.push(`    ${JSON.stringify(t.text)} ${t.scopes.filter((s) => s !== 'text.treaty').join(' ')}`);
    }
  }
  return out.join('\n');
}

module.exports = { loadGrammar, loadOnig, tokenize, tokensIn, tokensOf, dump, GRAMMAR_PATH };
