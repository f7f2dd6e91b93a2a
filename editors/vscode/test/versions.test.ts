import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseComparison, versionPath } from '../src/versions';

test('previousVersion answer: parsed, or what is wrong with it', () => {
  const ok = parseComparison({
    title: 'Article 3 (V/1) ↔ Article 4 (V/2)',
    old: { name: 'Article 3 — V/1', text: '### Article 3\n' },
    new: { name: 'Article 4 — V/2', text: '### Article 4\n' },
  });
  assert.deepEqual(ok, {
    title: 'Article 3 (V/1) ↔ Article 4 (V/2)',
    old: { name: 'Article 3 — V/1', text: '### Article 3\n' },
    new: { name: 'Article 4 — V/2', text: '### Article 4\n' },
  });
  for (const bad of [null, 'x', { title: 't', old: { name: 'a' }, new: { name: 'b', text: '' } }]) {
    const r = parseComparison(bad);
    assert.equal(typeof r, 'string');
    assert.match(r as string, /treaty-lsp\.previousVersion/);
  }
});

test('virtual documents: unique paths that keep the name and read as drafts', () => {
  assert.equal(versionPath(1, 'Article 3 — A/AC.291/16'), '/1/Article 3 — A∕AC.291∕16.treaty.md');
  assert.notEqual(versionPath(1, 'x'), versionPath(2, 'x'));
  assert.equal(versionPath(3, '  '), '/3/previous.treaty.md');
});
