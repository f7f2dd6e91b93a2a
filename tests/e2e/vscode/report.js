// The positions report (`treaty-lsp report`) of the worked example in real
// headless Chromium: every position of the JSON report is in its
// stakeholder's cell of its article's row (the stance's letter, the
// stakeholder named in the cell's title), an article opens to its
// paragraphs, everything shows when printed, nothing is fetched from the
// network. A screenshot goes to the artefacts.
//
//   node report.js REPORT.html REPORT.json OUT_DIR   (E2E_CHROMIUM: the browser)
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');

const [html, json, out] = process.argv.slice(2);
const LETTER = { support: 'S', oppose: 'O', amend: 'A', delete: 'D', insert: 'I', reservation: 'R', comment: 'C' };

function fail(msg) {
  console.error(`FAILED (report in Chromium): ${msg}`);
  process.exit(1);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1500 } });
    const remote = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) remote.push(r.url()); });
    await page.goto(`file://${path.resolve(html)}`);
    const report = JSON.parse(fs.readFileSync(json, 'utf8')).reports[0];
    const rows = page.locator('#report-0 table.matrix tbody tr.article');
    if ((await rows.count()) !== report.rows.length) fail(`${await rows.count()} article rows, the JSON has ${report.rows.length}`);
    const names = report.stakeholders.map((s) => s.name);
    let checked = 0;
    for (const [i, row] of report.rows.entries()) {
      const cells = rows.nth(i).locator('td');
      for (const p of row.positions) {
        const cell = cells.nth(names.indexOf(p.stakeholder));
        const text = await cell.innerText();
        const title = (await cell.getAttribute('title')) || '';
        if (!text.includes(LETTER[p.stance])) fail(`${row.element}: ${p.stakeholder}'s ${p.stance} is not in its cell (“${text}”)`);
        if (!title.startsWith(`${p.stakeholder} on ${row.element}`)) fail(`${row.element}: the cell's title is “${title}”`);
        checked++;
      }
    }
    console.log(`ok: ${checked} positions each in its cell of ${report.rows.length} rows`);
    // an article opens to its paragraphs
    const withParts = report.rows.findIndex((r) => r.parts.length > 0);
    if (withParts < 0) fail('no article with positions on its paragraphs');
    const parts = page.locator(`#report-0 tr.part[data-of="r0-${withParts}"]`);
    if (await parts.first().isVisible()) fail('paragraph rows show before the article is opened');
    await rows.nth(withParts).locator('button.toggle').click();
    if (!(await parts.first().isVisible())) fail('opening the article does not show its paragraphs');
    console.log(`ok: ${report.rows[withParts].element} opens to ${await parts.count()} paragraph rows`);
    await page.screenshot({ path: path.join(out, 'report-matrix.png') });
    // printed: every paragraph row shows, the buttons do not
    await rows.nth(withParts).locator('button.toggle').click();
    await page.emulateMedia({ media: 'print' });
    if (!(await parts.first().isVisible())) fail('paragraph rows hidden when printed');
    await page.pdf({ path: path.join(out, 'report.pdf') });
    console.log('ok: printed (report.pdf), paragraph rows shown');
    if (remote.length) fail(`fetched from the network: ${remote.join(', ')}`);
    console.log('ok: nothing fetched from the network');
  } finally {
    await browser.close();
  }
})().catch((e) => fail(e.stack || String(e)));
