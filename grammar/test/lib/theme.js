'use strict';
// Colours as VS Code computes them: a real VS Code theme (Dark+, Light+
// from the tm-themes package) set on the vscode-textmate registry, and the
// tokenizer's encoded metadata decoded to a colour and a font style.
const fs = require('node:fs');
const vsctm = require('vscode-textmate');
const { loadOnig, GRAMMAR_PATH } = require('./tokenize');

const FONT = { 1: 'italic', 2: 'bold', 4: 'underline', 8: 'strikethrough' };

function readTheme(name) {
  const vscodeTheme = JSON.parse(fs.readFileSync(require.resolve(`tm-themes/themes/${name}.json`), 'utf8'));
  const colors = vscodeTheme.colors || {};
  return {
    name,
    defaultForeground: colors['editor.foreground'].toUpperCase(),
    background: colors['editor.background'],
    raw: {
      name,
      settings: [
        { settings: { foreground: colors['editor.foreground'], background: colors['editor.background'] } },
        ...(vscodeTheme.tokenColors || []),
      ],
    },
  };
}

async function loadThemed(themeName) {
  const theme = readTheme(themeName);
  const registry = new vsctm.Registry({
    onigLib: loadOnig(),
    theme: theme.raw,
    loadGrammar: async (name) =>
      name === 'text.treaty' ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const grammar = await registry.loadGrammar('text.treaty');
  const colorMap = registry.getColorMap().map((c) => (c ? c.toUpperCase() : c));
  return { theme, grammar, colorMap };
}

// Lines of [{ start, end, text, foreground, fontStyle: [] }].
function colourise({ grammar, colorMap }, text) {
  let stack = vsctm.INITIAL;
  return text.split(/\r\n|\r|\n/).map((line) => {
    const r = grammar.tokenizeLine2(line, stack);
    stack = r.ruleStack;
    const out = [];
    const n = r.tokens.length / 2;
    for (let i = 0; i < n; i++) {
      const start = r.tokens[2 * i];
      const end = i + 1 < n ? r.tokens[2 * i + 2] : line.length;
      const meta = r.tokens[2 * i + 1];
      const fs_ = (meta & 0x7800) >>> 11;
      out.push({
        start,
        end,
        text: line.slice(start, end),
        foreground: colorMap[(meta & 0xff8000) >>> 15],
        fontStyle: Object.entries(FONT)
          .filter(([bit]) => fs_ & Number(bit))
          .map(([, n_]) => n_),
      });
    }
    return { text: line, tokens: out };
  });
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// A standalone HTML page of the text as the theme colours it.
function toHtml(title, theme, lines) {
  const body = lines
    .map((l) =>
      l.tokens
        .map((t) => {
          const style = [`color:${t.foreground}`];
          if (t.fontStyle.includes('bold')) style.push('font-weight:bold');
          if (t.fontStyle.includes('italic')) style.push('font-style:italic');
          if (t.fontStyle.includes('underline')) style.push('text-decoration:underline');
          return `<span style="${style.join(';')}">${escape(t.text)}</span>`;
        })
        .join(''),
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>${escape(title)} (${theme.name})</title>
<body style="margin:0;background:${theme.background}"><pre style="font:14px/1.45 monospace;padding:12px;white-space:pre-wrap;color:${theme.defaultForeground}">${body}</pre></body>
`;
}

module.exports = { loadThemed, colourise, toHtml };
