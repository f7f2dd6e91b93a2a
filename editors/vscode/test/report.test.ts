import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { nonce, revealedLine, webviewHtml } from '../src/report';

const PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>p{}</style></head>' +
  '<body><table><tr class="article" data-line="53"><td class="cell">A</td></tr></table>' +
  '<script>for (const b of []) {}</script></body></html>';

test('the report in a webview: a policy that loads nothing, the scripts allowed by the nonce, a bridge to reveal rows', () => {
  const html = webviewHtml(PAGE, 'N0NCE');
  assert.match(html, /<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-N0NCE';">/);
  assert.equal(html.match(/<script>/g), null, 'no script without the nonce');
  assert.equal(html.match(/<script nonce="N0NCE">/g)?.length, 2, "the page's script and the bridge");
  assert.match(html, /vscode\.postMessage\(\{ type: 'reveal', line: Number\(at\.dataset\.line\) \}\)/);
  assert.ok(html.indexOf('acquireVsCodeApi') < html.indexOf('</body>'));
});

test('only a reveal of a positive whole line is taken from the webview', () => {
  assert.equal(revealedLine({ type: 'reveal', line: 53 }), 53);
  for (const bad of [null, 'x', { type: 'reveal', line: 0 }, { type: 'reveal', line: 2.5 }, { type: 'open', line: 3 }, { line: '3' }]) {
    assert.equal(revealedLine(bad), undefined, JSON.stringify(bad));
  }
});

test('a nonce is 32 letters and digits', () => {
  assert.match(nonce(), /^[A-Za-z0-9]{32}$/);
  assert.equal(nonce(() => 0), 'A'.repeat(32));
});
