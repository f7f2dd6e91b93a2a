// The compilation of proposals (`treaty-lsp compile --format html`) of the
// worked example in real headless Chromium: every proposal the command
// says it placed is a marked span in the text, every stakeholder of the
// JSON report is named in them, every article of the draft is a heading,
// the draft's text is there, nothing is fetched. A screenshot and a PDF go
// to the artefacts.
//
//   node compile.js COMPILATION.html PLACED REPORT.json DRAFT.md OUT_DIR
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const [html, placed, json, draft, out] = process.argv.slice(2);

function fail(msg) {
  console.error(`FAILED (compilation in Chromium): ${msg}`);
  process.exit(1);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const remote = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) remote.push(r.url()); });
    await page.goto(`file://${path.resolve(html)}`);
    const proposals = page.locator('main .proposal');
    const n = await proposals.count();
    if (n !== Number(placed)) fail(`${n} proposals marked, the command placed ${placed}`);
    const who = new Set(await proposals.evaluateAll((els) => els.map((e) => e.dataset.who)));
    const report = JSON.parse(fs.readFileSync(json, 'utf8')).reports[0];
    for (const s of report.stakeholders) {
      if (!who.has(s.name)) fail(`no proposal of ${s.name} in the compilation (named: ${[...who].join(', ')})`);
    }
    console.log(`ok: ${n} proposals marked, from ${who.size} stakeholders`);
    const headings = new Set((await page.locator('main h3').allInnerTexts()).map((t) => t.trim()));
    const articles = fs.readFileSync(draft, 'utf8').split('\n').filter((l) => /^### Article /.test(l)).map((l) => l.slice(4).trim());
    for (const a of articles) if (!headings.has(a)) fail(`${a} is not a heading of the compilation`);
    console.log(`ok: all ${articles.length} articles of the draft are headings`);
    // a proposal reads where it applies: right after the words it would change, set off in brackets
    const afterBrackets = await proposals.evaluateAll((els) =>
      els.filter((e) => e.previousSibling && /\]\s*$/.test(e.previousSibling.textContent || '')).length);
    if (afterBrackets === 0) fail('no proposal follows bracketed words');
    console.log(`ok: ${afterBrackets} proposals follow the words they would change, in brackets`);
    await page.screenshot({ path: path.join(out, 'compilation.png') });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: path.join(out, 'compilation.pdf') });
    console.log('ok: printed (compilation.pdf)');
    if (remote.length) fail(`fetched from the network: ${remote.join(', ')}`);
    console.log('ok: nothing fetched from the network');
  } finally {
    await browser.close();
  }
})().catch((e) => fail(e.stack || String(e)));
