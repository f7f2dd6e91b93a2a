// End-to-end test of the treaty-lsp extension in code-server, driven through
// headless Chromium with playwright-core. Started by ./run, which installs
// everything, copies the example workspace to a temp dir, installs the vsix
// and starts code-server; see the README beside this file.
//
// Environment (set by ./run): E2E_URL, E2E_WORKSPACE, E2E_OUT, E2E_CHROMIUM.
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const URL = need('E2E_URL');
const WS = need('E2E_WORKSPACE');
const OUT = need('E2E_OUT');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 60000);

const DRAFT_NAME = 'A-AC.291-16.treaty.md';
const DRAFT = path.join(WS, 'drafts', DRAFT_NAME);
const ORIGINAL = fs.readFileSync(DRAFT, 'utf8');
const LINES = ORIGINAL.split('\n');

// What the quick fix must do: Microsoft's amendment to Article 5(1)
// (positions/microsoft-ahc4-2023.positions.toml) deletes "applicable" and
// names the ICCPR.
const ARTICLE5_PARA1 =
  '1. States Parties shall ensure that the implementation of its obligations under this Convention is in accordance with applicable international human rights law.';
const ARTICLE5_PARA1_AMENDED =
  '1. States Parties shall ensure that the implementation of its obligations under this Convention is in accordance with international human rights law, including, but not limited to, the International Covenant on Civil and Political Rights.';
const QUICK_FIX_TITLE =
  'Apply Microsoft’s amendment to Article 5(1): delete “applicable”; insert “, including, but not limited to, the International Covenant on Civil and Political Rights” after “international human rights law”';

function need(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`test.js: ${name} is not set (run tests/e2e/vscode/run, not this file)`);
    process.exit(2);
  }
  return v;
}

/** 1-based line number of the line equal to `text` in the original draft. */
function lineOf(text) {
  const i = LINES.indexOf(text);
  if (i < 0) throw new Error(`the example draft has no line ${JSON.stringify(text)}`);
  return i + 1;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws `what` on timeout. */
async function waitFor(what, fn, timeout = TIMEOUT, interval = 200) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await sleep(interval);
  }
}

function log(msg) {
  console.log(`  ${msg}`);
}

// ---------------------------------------------------------------------------
// Workbench helpers

const ED = '.editor-instance .monaco-editor'; // the text editor of the active group

/** Text of the rendered editor lines, nbsp turned back into spaces. */
async function visibleLines(page) {
  return page.$$eval(`${ED} .view-lines .view-line`, (els) =>
    els
      .map((e) => ({ top: parseFloat(e.style.top) || 0, text: e.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((e) => e.text),
  );
}

async function quickInput(page, keys, text) {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press(keys);
  const opened = await input.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
  if (!opened) {
    // A webview clicked in a step before may keep the keyboard and not pass the
    // keys on; give the focus back to the active text editor (without moving its
    // cursor) and ask again.
    log(`(${keys} opened nothing; focusing the editor and pressing it again)`);
    await page.locator(`${ED} textarea`).first().focus().catch(() => {});
    await page.keyboard.press(keys);
    await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  }
  await input.fill(text);
  return input;
}

/** Cursor to line:column (1-based) through Quick Open's go-to-line (`:line:column`). */
async function goTo(page, line, column) {
  const t0 = Date.now();
  const input = await quickInput(page, 'Control+p', `:${line}:${column}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` })
    .first().waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
  await waitFor(`the cursor at ${line}:${column}`, async () => {
    const status = await page.locator('#status\\.editor\\.selection').textContent().catch(() => '');
    return status && status.includes(`Ln ${line}, Col ${column}`);
  }, 10000);
  if (Date.now() - t0 > 3000) log(`(go to ${line}:${column} took ${Date.now() - t0} ms)`);
}

/** Screen box of `needle` inside the rendered editor line whose text is `lineText`. */
async function boxOf(page, lineText, needle) {
  return page.evaluate(
    ({ sel, lineText, needle }) => {
      const lines = [...document.querySelectorAll(`${sel} .view-lines .view-line`)];
      const line = lines.find((l) => l.textContent.replace(/\u00a0/g, ' ') === lineText);
      if (!line) return null;
      const at = line.textContent.replace(/\u00a0/g, ' ').indexOf(needle);
      if (at < 0) return null;
      // walk the text nodes to the character offsets
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let pos = 0;
      const range = document.createRange();
      let started = false;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent.length;
        if (!started && at < pos + len) {
          range.setStart(n, at - pos);
          started = true;
        }
        if (started && at + needle.length <= pos + len) {
          range.setEnd(n, at + needle.length - pos);
          break;
        }
        pos += len;
      }
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    { sel: ED, lineText, needle },
  );
}

/**
 * Hovers the mouse over the number of `### Article <n>` (5 unless given)
 * until the hover on that article satisfies `accept`; returns the hover's
 * text. Says what it saw.
 */
async function hoverUntil(page, what, accept, timeout = TIMEOUT, n = '5') {
  const hover = page.locator('.monaco-hover:visible').first();
  const t0 = Date.now();
  const seen = [];
  const note = (w) => { if (seen[seen.length - 1] !== w) { seen.push(w); log(`+${Date.now() - t0} ms: ${w}`); } };
  return waitFor(what, async () => {
    // where the `5` is, once the lines stop moving (code lenses come in late)
    const box = await boxOf(page, `### Article ${n}`, n);
    if (!box) return note(`Article ${n} not rendered`), null;
    await sleep(200);
    const again = await boxOf(page, `### Article ${n}`, n);
    if (!again || again.y !== box.y || again.x !== box.x) return note('the editor is still moving'), null;
    await page.mouse.move(box.x - 200, box.y + 200);
    await page.keyboard.press('Escape');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    if (!await hover.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) {
      return note('no hover'), null;
    }
    await sleep(300); // markdown renders in place
    const t = await hover.innerText({ timeout: 2000 });
    if (!new RegExp(`^Article ${n}$`, 'm').test(t)) return note(`a hover on something else: ${t.replace(/\s+/g, ' ').slice(0, 80)}`), null;
    if (accept(t)) return t;
    return note(`hover: ${t.replace(/\s+/g, ' ').slice(0, 80)}`), null;
  }, timeout);
}

/** Dismisses notification toasts that could cover the editor. */
async function clearNotifications(page) {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  if ((await toasts.count()) > 0) {
    for (const t of await toasts.all()) log(`notification: ${(await t.innerText().catch(() => '')).split('\n')[0]}`);
    await page.keyboard.press('Escape').catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// The checks

const results = [];
async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok - ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name} (${Date.now() - t} ms)\n    ${String(e && e.stack || e).split('\n').join('\n    ')}`);
    const shot = path.join(OUT, `failure-${results.length}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    console.log(`    screenshot: ${shot}`);
  }
}

let browser;
let page;

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  context.setDefaultTimeout(10000); // each action; the checks poll with their own timeouts
  page = await context.newPage();
  const consoleLog = fs.createWriteStream(path.join(OUT, 'browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));

  let opened = false;
  await check('the workspace opens in code-server', async () => {
    await page.goto(`${URL}/?folder=${encodeURIComponent(WS)}`, { timeout: TIMEOUT });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: TIMEOUT });
    // the explorer shows the workspace's folders
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'drafts' })
      .first().waitFor({ state: 'visible', timeout: TIMEOUT });
  });

  await check(`${DRAFT_NAME} opens as a treaty draft`, async () => {
    const input = await quickInput(page, 'Control+p', DRAFT_NAME);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: DRAFT_NAME })
      .first().waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.press('Enter');
    await waitFor('the draft in the editor', async () =>
      (await visibleLines(page)).some((l) => l.startsWith('# Consolidated negotiating document')));
    // the language mode the extension registers for *.treaty.md
    const mode = await waitFor('the language mode in the status bar', async () =>
      (await page.locator('#status\\.editor\\.mode').textContent().catch(() => '')).trim());
    log(`language mode: ${mode}`);
    if (!/treaty/i.test(mode)) throw new Error(`language mode is ${JSON.stringify(mode)}, not the treaty language`);
    opened = true;
  });
  if (!opened) return;

  await clearNotifications(page);

  const article5 = lineOf('### Article 5');
  await check('hover on Article 5 shows the stakeholders’ positions first, as a table, and the tally', async () => {
    await goTo(page, article5, 1);
    await page.keyboard.press('Escape');
    const hover = page.locator('.monaco-hover:visible').first();
    // The server answers hovers before it has read the positions files, so
    // hover again until the table is there (this is also the wait for the
    // server to be up).
    const text = await hoverUntil(page, 'a hover with the positions table',
      (t) => t.includes('Positions') && t.includes('Microsoft'));
    log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 300)}…`);
    for (const want of ['Article 5', 'Positions: 1 amend', 'Stakeholder', 'Microsoft (industry)', 'amend',
      'Delete the qualifier “applicable”', '“Delete the qualifier "applicable", as it opens', 'the rest: submission, line 49']) {
      if (!text.includes(want)) throw new Error(`hover lacks ${JSON.stringify(want)}:\n${text}`);
    }
    // positions first: the draft's title is not repeated, and what the
    // article holds comes after them
    if (text.includes('Consolidated negotiating document')) throw new Error(`the hover repeats the draft's title:\n${text}`);
    if (text.indexOf('Positions') > text.indexOf('1 paragraph')) throw new Error(`positions are not first:\n${text}`);
    // VS Code renders tables: a rendered table whose row reads Microsoft (industry) | amend | Article 5(1)
    const row = await hover.locator('table tr', { hasText: 'Microsoft' }).first().locator('td').allInnerTexts();
    const cells = row.map((c) => c.trim());
    if (cells.slice(0, 3).join(' | ') !== 'Microsoft (industry) | amend | Article 5(1)') {
      throw new Error(`positions table row is ${JSON.stringify(cells)}`);
    }
    await page.screenshot({ path: path.join(OUT, 'hover.png') });
  });
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 500);

  await check('code lens above Article 5 names the stance and Microsoft', async () => {
    await goTo(page, article5, 1);
    const lens = await waitFor('the code lens above Article 5', async () => {
      const texts = await page.locator(`${ED} .codelens-decoration`).allInnerTexts();
      return texts.find((t) => /1 amend\s+—\s+Microsoft/.test(t));
    });
    log(`lens: ${lens}`);
  });

  await check('clicking the code lens lists Microsoft’s position in a references view', async () => {
    const link = page.locator(`${ED} .codelens-decoration a`, { hasText: /1 amend\s+—\s+Microsoft/ }).first();
    await link.click();
    const peek = page.locator('.peekview-widget').first();
    await peek.waitFor({ state: 'visible', timeout: 15000 });
    const title = await waitFor('the references view title', async () => {
      const t = (await peek.locator('.peekview-title').innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
      return t && !t.includes('Loading') ? t : null;
    }, 15000);
    const rows = await waitFor('rows in the references view', async () => {
      const r = await peek.locator('.ref-tree .monaco-list-row').allInnerTexts();
      return r.length ? r : null;
    }, 15000);
    log(`references view: ${title.replace(/\s+/g, ' ')} | ${rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
    // one location: the view names its file in the title and lists the line
    if (!title.includes('microsoft-ahc4-2023.positions.toml') || !/Locations? \(1\)/.test(title)) {
      throw new Error(`the references view is not the one location in the positions file: ${title}`);
    }
    if (!rows.some((r) => r.includes('target = "Article 5 (1)"'))) {
      throw new Error(`the references view does not show the position on Article 5 (1): ${JSON.stringify(rows)}`);
    }
    await page.screenshot({ path: path.join(OUT, 'lens-positions.png') });
    await page.keyboard.press('Escape');
    await peek.waitFor({ state: 'hidden', timeout: 10000 });
  });

  await check('the outline shows chapters, articles and paragraphs', async () => {
    // room for the outline: fold the folders pane, unfold the outline pane
    const folders = page.locator('.pane-header', { hasText: /cybercrime-convention/ }).first();
    const header = page.locator('.pane-header', { hasText: /^\s*Outline/ }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const pane = page.locator('.outline-pane').first();
    const want = ['Chapter I - General provisions', 'Article 4 - Protection of sovereignty', 'Article 5', 'Article 6 - Illegal access'];
    const rows = await waitFor('the outline rows', async () => {
      const r = (await pane.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      return want.every((w) => r.some((t) => t.startsWith(w))) ? r : null;
    }, 20000);
    log(`outline: ${rows.slice(0, 12).join(' | ')}`);
    // Article 5 sits under Chapter I, with its paragraph 1 under it
    const levels = await pane.locator('.monaco-list-row').evaluateAll((els) =>
      els.map((e) => [e.innerText.replace(/\s+/g, ' ').trim(), Number(e.getAttribute('aria-level'))]));
    // an untitled article may show its first words right after its name
    const at = levels.findIndex(([t]) => /^Article 5(\D|$)/.test(t));
    const chapter = (levels.find(([t]) => t.startsWith('Chapter I - General provisions')) || [])[1];
    const [article, next] = [levels[at], levels[at + 1] || []];
    if (!(article[1] === chapter + 1 && next[0].startsWith('1.') && next[1] === article[1] + 1)) {
      throw new Error(`outline nesting: Chapter I at level ${chapter}, then ${JSON.stringify(article)}, ${JSON.stringify(next)}`);
    }
    await page.screenshot({ path: path.join(OUT, 'outline.png') });
    await header.click(); // as it was
    await folders.click();
  });

  const para1 = lineOf(ARTICLE5_PARA1);
  const column = ARTICLE5_PARA1.indexOf('applicable') + 1;
  await check(`quick fix “${QUICK_FIX_TITLE.slice(0, 60)}…” changes the draft exactly`, async () => {
    await goTo(page, para1, column);
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    const item = menu.locator('.monaco-list-row', { hasText: QUICK_FIX_TITLE });
    await waitFor('the quick fix menu with Microsoft’s amendment', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      await menu.waitFor({ state: 'visible', timeout: 3000 });
      await sleep(300);
      if (await item.count()) return true;
      log(`quick fixes offered: ${JSON.stringify(await menu.locator('.monaco-list-row').allInnerTexts())}`);
      return false;
    });
    log(`quick fixes offered: ${JSON.stringify(await menu.locator('.monaco-list-row').allInnerTexts())}`);
    await item.first().hover();
    await page.screenshot({ path: path.join(OUT, 'quick-fix.png') });
    await item.first().click();
    await menu.waitFor({ state: 'hidden', timeout: TIMEOUT });
    await waitFor('the amended paragraph in the editor', async () =>
      (await visibleLines(page)).includes(ARTICLE5_PARA1_AMENDED), 15000);
    // wrap lines for the picture, so the whole amended paragraph shows
    await page.keyboard.press('Alt+z');
    await page.screenshot({ path: path.join(OUT, 'quick-fix-applied.png') });
    await page.keyboard.press('Alt+z');
    // Save (the workspace is a temp copy) and compare the whole file.
    await goTo(page, para1, 1); // also gives the editor the focus
    await page.keyboard.press('Control+s');
    const expected = ORIGINAL.replace(ARTICLE5_PARA1, ARTICLE5_PARA1_AMENDED);
    if (expected === ORIGINAL) throw new Error('test bug: the expected text equals the original');
    await waitFor('the saved draft to equal the expected text', async () => fs.readFileSync(DRAFT, 'utf8') === expected, 15000)
      .catch((e) => {
        const now = fs.readFileSync(DRAFT, 'utf8').split('\n');
        const want = expected.split('\n');
        const diff = [];
        for (let i = 0; i < Math.max(now.length, want.length); i++) {
          if (now[i] !== want[i]) diff.push(`line ${i + 1}:\n  - ${want[i]}\n  + ${now[i]}`);
        }
        throw new Error(`${e.message}\n${diff.slice(0, 10).join('\n')}`);
      });
  });

  await check('“Treaty: Apply Amendments from Stakeholder…” applies the rest of Microsoft’s amendments and reports the applied one', async () => {
    // After the quick fix above, Microsoft's change to Article 5(1) is stale:
    // everything else applies, that one is skipped with the reason.
    await goTo(page, para1, 1); // the draft's editor has the focus
    const before = fs.readFileSync(DRAFT, 'utf8');
    if (!before.includes(ARTICLE5_PARA1_AMENDED)) throw new Error('the quick fix check did not leave its change in the draft');
    const palette = await quickInput(page, 'Control+Shift+p', '>Treaty: Apply Amendments from Stakeholder');
    const command = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Apply Amendments from Stakeholder' }).first();
    await command.waitFor({ state: 'visible' });
    await palette.press('Enter');
    // the stakeholders, from treaty-lsp.listStakeholders
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Microsoft' }).first();
    await row.waitFor({ state: 'visible', timeout: 20000 });
    const detail = (await row.innerText()).replace(/\s+/g, ' ');
    log(`stakeholder: ${detail}`);
    const m = /(\d+) positions?, (\d+) amendments? applicable to this draft/.exec(detail);
    if (!m || !detail.includes('industry')) throw new Error(`the stakeholder pick reads ${JSON.stringify(detail)}`);
    const amendments = Number(m[2]);
    await page.screenshot({ path: path.join(OUT, 'stakeholders.png') });
    await page.locator('.quick-input-widget input').fill('Microsoft');
    await page.locator('.quick-input-widget input').press('Enter');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'from Microsoft' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30000 });
    const summary = (await toast.locator('.notification-list-item-message').innerText()).trim();
    log(`summary: ${summary}`);
    // the listed count is what applies now (the stale one is not counted)
    const want = `Applied ${amendments} amendments from Microsoft; skipped 1 (already in the draft, stale or conflicting).`;
    if (summary !== want) throw new Error(`summary ${JSON.stringify(summary)}, expected ${JSON.stringify(want)}`);
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'Applying' })
      .waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    await sleep(500); // the toast's fade-in
    await page.screenshot({ path: path.join(OUT, 'stakeholder-applied.png') });
    // the skipped one, with its reason
    await toast.locator('.monaco-button', { hasText: 'Show Skipped' }).click();
    const skipped = page.locator('.quick-input-list .monaco-list-row').first();
    await skipped.waitFor({ state: 'visible' });
    const skippedText = (await skipped.innerText()).replace(/\s+/g, ' ');
    log(`skipped: ${skippedText}`);
    // the Article 5(1) amendment, applied above as a quick fix: applied
    if (!/Article 5 ?\(1\)/.test(skippedText) || !skippedText.includes('applied')) {
      throw new Error(`the skipped amendment is ${JSON.stringify(skippedText)}, not the applied Article 5(1)`);
    }
    await page.keyboard.press('Escape');
    // the edits, in the saved file
    await goTo(page, para1, 1);
    await page.keyboard.press('Control+s');
    const after = await waitFor('the saved draft to change', async () => {
      const t = fs.readFileSync(DRAFT, 'utf8');
      return t !== before ? t : null;
    }, 15000);
    const lines = after.split('\n');
    const expectLines = [
      '(a) … promote and strengthen measures to prevent and combat cybercrime, while protecting users of information and communications technologies from such serious crime …',
      '(c) … provide practical support to enhance technical assistance among States parties …',
      '1. … …',
      '2. Nothing in this convention shall be interpreted as criminalizing the conduct of persons engaged in lawful cybersecurity work.',
      ARTICLE5_PARA1_AMENDED,
    ];
    for (const l of expectLines) if (!lines.includes(l)) throw new Error(`the draft has no line ${JSON.stringify(l)}`);
    for (const gone of ['### Article 23', '1. … detection …', ARTICLE5_PARA1]) {
      if (lines.includes(gone)) throw new Error(`the draft still has the line ${JSON.stringify(gone)}`);
    }
  });

  await check('go to definition from a position’s target into the draft', async () => {
    const positions = 'microsoft-ahc4-2023.positions.toml';
    const toml = fs.readFileSync(path.join(WS, 'positions', positions), 'utf8').split('\n');
    const targetLine = toml.indexOf('target = "Article 5 (1)"') + 1;
    if (!targetLine) throw new Error('the positions file has no target = "Article 5 (1)"');
    const input = await quickInput(page, 'Control+p', positions);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: positions }).first().waitFor({ state: 'visible' });
    await input.press('Enter');
    await waitFor('the positions file in the editor', async () =>
      (await visibleLines(page)).some((l) => l.startsWith('stakeholder = "Microsoft"')));
    // the `1` of `(1)` names paragraph 1 of Article 5
    await goTo(page, targetLine, 'target = "Article 5 ('.length + 1);
    await page.keyboard.press('F12');
    // where paragraph 1 of Article 5 is now (earlier checks changed the draft)
    const now = fs.readFileSync(DRAFT, 'utf8').split('\n');
    const para1Now = now.findIndex((l) => l.startsWith('1. States Parties shall ensure')) + 1;
    if (!para1Now || now[para1Now - 3] !== '### Article 5') throw new Error('paragraph 1 of Article 5 not found in the draft');
    await waitFor(`the draft at Article 5, paragraph 1 (line ${para1Now})`, async () => {
      const status = await page.locator('#status\\.editor\\.selection').textContent().catch(() => '');
      return (await page.title()).includes(DRAFT_NAME) && status.includes(`Ln ${para1Now},`);
    }, 20000);
    await page.screenshot({ path: path.join(OUT, 'definition.png') });
  });

  await check('the treaty.stakeholders setting filters hover and lenses while the server runs', async () => {
    // The draft has Microsoft's positions only: with only CSIS shown, Article 5
    // has no positions and no lens; back to all stakeholders, they return.
    // The setting is changed as a person would: in the user settings JSON.
    const article5Now = fs.readFileSync(DRAFT, 'utf8').split('\n').indexOf('### Article 5') + 1;
    const microsoftLenses = async () =>
      (await page.locator(`${ED} .codelens-decoration`).allInnerTexts()).filter((t) => t.includes('Microsoft')).length;
    const openDraft = async () => {
      await page.locator('.tabs-container .tab', { hasText: DRAFT_NAME }).first().click();
      await waitFor('the draft in the editor', async () => (await page.title()).includes(DRAFT_NAME), 10000);
      await goTo(page, article5Now, 1);
    };
    const userSettings = async () => {
      const palette = await quickInput(page, 'Control+Shift+p', '>Preferences: Open User Settings (JSON)');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open User Settings (JSON)' }).first()
        .waitFor({ state: 'visible' });
      await palette.press('Enter');
      // (it may open in a modal editor over the workbench)
      await page.locator('.monaco-editor .view-line', { hasText: 'treaty.server.path' }).first()
        .waitFor({ state: 'visible', timeout: 20000 });
    };
    const settingsLines = async () =>
      (await page.locator('.monaco-editor .view-line').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' '));
    const closeSettings = async () => {
      await page.keyboard.press('Control+s');
      await waitFor('the settings saved', async () =>
        !(await page.locator('.tab.active.dirty').count()), 10000);
    };
    await openDraft();
    if (!(await microsoftLenses())) throw new Error('no Microsoft lens before the setting changed');

    await userSettings();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.insertText('\n"treaty.stakeholders": ["CSIS"],'); // the editor indents it
    await waitFor('the line in the settings editor', async () =>
      (await settingsLines()).some((l) => l.trim() === '"treaty.stakeholders": ["CSIS"],'), 10000);
    await closeSettings();
    await openDraft();
    await hoverUntil(page, 'a hover on Article 5 without Microsoft’s positions',
      (t) => !t.includes('Microsoft') && !t.includes('Positions'), 30000);
    await waitFor('the Microsoft lenses to go', async () => (await microsoftLenses()) === 0, 30000);
    await page.screenshot({ path: path.join(OUT, 'stakeholders-filtered.png') });

    await userSettings();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+Shift+k'); // delete the line again
    await waitFor('the line gone from the settings editor', async () =>
      !(await settingsLines()).some((l) => l.includes('treaty.stakeholders')), 10000);
    await closeSettings();
    await openDraft();
    await hoverUntil(page, 'Microsoft’s positions back in the hover',
      (t) => t.includes('Microsoft') && t.includes('Positions'), 30000);
    await waitFor('the Microsoft lenses to come back', async () => (await microsoftLenses()) > 0, 30000);
  });

  await check('Rev.1 follows A/AC.291/16: hover on its Article 6 shows Microsoft’s position carried from there', async () => {
    const name = 'A-AC.291-22-Rev.1.treaty.md';
    const rev1 = fs.readFileSync(path.join(WS, 'drafts', name), 'utf8').split('\n');
    const input = await quickInput(page, 'Control+p', name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name })
      .first().waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.press('Enter');
    await waitFor('Rev.1 in the editor', async () => (await page.title()).includes(name), 10000);
    await goTo(page, rev1.indexOf('### Article 6') + 1, 1);
    const text = await hoverUntil(page, 'a hover with Microsoft’s carried position',
      (t) => t.includes('Microsoft') && t.includes('on A/AC.291/16, Article 6'), TIMEOUT, '6');
    log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 300)}…`);
    for (const want of ['Was Article 6 in A/AC.291/16', '1 insert', 'Microsoft']) {
      if (!text.includes(want)) throw new Error(`hover lacks ${JSON.stringify(want)}:\n${text}`);
    }
    await page.screenshot({ path: path.join(OUT, 'hover-carried.png') });
  });

  await check('“Treaty: Show Positions Matrix” opens the matrix beside Rev.1 in under 2 s; clicking Article 6’s row moves the cursor there', async () => {
    const name = 'A-AC.291-22-Rev.1.treaty.md';
    const rev1 = fs.readFileSync(path.join(WS, 'drafts', name), 'utf8').split('\n');
    const palette = await quickInput(page, 'Control+Shift+p', '>Treaty: Show Positions Matrix');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Positions Matrix' }).first().waitFor({ state: 'visible' });
    const t0 = Date.now();
    await palette.press('Enter');
    // a webview is an iframe holding the page's iframe
    const view = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    const matrix = view.locator('table.matrix');
    await matrix.waitFor({ state: 'visible', timeout: TIMEOUT });
    const ms = Date.now() - t0;
    log(`the matrix is shown ${ms} ms after the command`);
    fs.writeFileSync(path.join(OUT, 'webview-open-ms.txt'), `${ms}\n`);
    if (ms >= 2000) throw new Error(`the matrix took ${ms} ms to show (at most 2000)`);
    await page.screenshot({ path: path.join(OUT, 'webview-matrix.png') });
    const row = matrix.locator('tr.article', { hasText: 'Article 6' }).first();
    const line = Number(await row.getAttribute('data-line'));
    if (rev1[line - 1] !== '### Article 6') throw new Error(`Article 6's row points at line ${line}: ${JSON.stringify(rev1[line - 1])}`);
    await row.locator('td.tally').click();
    await waitFor(`the cursor on line ${line} of the draft`, async () => {
      const status = await page.locator('#status\\.editor\\.selection').textContent().catch(() => '');
      return status && status.includes(`Ln ${line}, Col 1`) && (await page.title()).includes(name);
    }, 10000);
    // the click left the keyboard in the webview: give it back to the draft
    await page.locator(`${ED} textarea`).first().focus();
  });

  await check('“Treaty: Draft Positions from Submission…” drafts CSIS’s positions file and opens it unsaved beside the positions files', async () => {
    const submission = path.resolve(WS, '../../../shared/corpus/submissions/csis-analysis-2023.md');
    const input = await quickInput(page, 'Control+p', submission);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'csis-analysis-2023.md' })
      .first().waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.press('Enter');
    await waitFor('the submission in the editor', async () => (await page.title()).includes('csis-analysis-2023.md'), 10000);
    const palette = await quickInput(page, 'Control+Shift+p', '>Treaty: Draft Positions from Submission');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Draft Positions from Submission' }).first().waitFor({ state: 'visible' });
    await palette.press('Enter');
    // who: a guess from the file name, which the user corrects
    const who = page.locator('.quick-input-widget input');
    await waitFor('the stakeholder guess', async () => (await who.inputValue()) === 'Csis', 10000);
    await who.fill('CSIS');
    await who.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'academia' }).first().waitFor({ state: 'visible' });
    await who.fill('academia');
    await who.press('Enter');
    await waitFor('the drafted file in the editor', async () => (await page.title()).includes('csis-analysis-2023-2.positions.toml'), 20000);
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'drafted against' }).first();
    await toast.waitFor({ state: 'visible', timeout: 10000 });
    const summary = (await toast.innerText()).replace(/\s+/g, ' ');
    log(`extract: ${summary}`);
    if (!/\d+ positions? drafted against A\/AC\.291\/22\/Rev\.1/.test(summary)) throw new Error(`the summary reads ${JSON.stringify(summary)}`);
    const text = (await visibleLines(page)).join('\n');
    for (const want of ['stakeholder = "CSIS"', 'group = "academia"', 'draft = "A/AC.291/22/Rev.1"']) {
      if (!text.includes(want)) throw new Error(`the drafted file lacks ${JSON.stringify(want)}:\n${text}`);
    }
    if (fs.existsSync(path.join(WS, 'positions', 'csis-analysis-2023-2.positions.toml'))) throw new Error('the drafted file was written without the user saving it');
    await page.screenshot({ path: path.join(OUT, 'extract.png') });
  });
}

main()
  .catch((e) => {
    console.log(`not ok - test harness: ${e && e.stack || e}`);
    results.push({ name: 'harness', ok: false });
  })
  .finally(async () => {
    if (browser) await browser.close().catch(() => {});
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    console.log(`\n${passed} passed, ${failed} failed`);
    process.exit(failed || !results.length ? 1 : 0);
  });
