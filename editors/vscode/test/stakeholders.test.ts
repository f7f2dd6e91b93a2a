import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  applySummary,
  parseApplyResult,
  parseStakeholders,
  skippedLines,
  stakeholderItems,
} from '../src/stakeholders';

test('listStakeholders answer: parsed, bad entries dropped, bad answer reported', () => {
  const list = parseStakeholders([
    { stakeholder: 'Microsoft', group: 'industry', positions: 33, amendments: 31 },
    { stakeholder: 'CSIS', group: 'academia', positions: 9, amendments: 0 },
    { stakeholder: '', positions: 1 },
    null,
    'x',
    { stakeholder: 'NoCounts' },
  ]);
  assert.deepEqual(list, [
    { stakeholder: 'Microsoft', group: 'industry', positions: 33, amendments: 31 },
    { stakeholder: 'CSIS', group: 'academia', positions: 9, amendments: 0 },
    { stakeholder: 'NoCounts', group: undefined, positions: 0, amendments: 0 },
  ]);
  const bad = parseStakeholders({ error: 'x' });
  assert.equal(typeof bad, 'string');
  assert.match(bad as string, /treaty-lsp\.listStakeholders/);
});

test('quick pick: stakeholders with amendments first, counts in the detail', () => {
  const items = stakeholderItems([
    { stakeholder: 'CSIS', group: 'academia', positions: 9, amendments: 0 },
    { stakeholder: 'Tech Accord', group: 'industry', positions: 12, amendments: 2 },
    { stakeholder: 'Microsoft', group: 'industry', positions: 33, amendments: 31 },
    { stakeholder: 'Access Now', positions: 1, amendments: 1 },
  ]);
  assert.deepEqual(
    items.map((i) => i.label),
    ['Microsoft', 'Tech Accord', 'Access Now', 'CSIS'],
  );
  assert.equal(items[0].description, 'industry');
  assert.equal(items[0].detail, '33 positions, 31 amendments applicable to this draft');
  assert.equal(items[2].detail, '1 position, 1 amendment applicable to this draft');
  assert.equal(items[2].description, undefined);
  assert.equal(items[3].detail, '9 positions, no amendment applicable to this draft');
  assert.equal(items[0].stakeholder, 'Microsoft');
});

test('applyStakeholderAmendments answer and summary', () => {
  const r = parseApplyResult({
    applied: 5,
    skipped: [
      { title: 'Apply Microsoft’s amendment: delete “applicable”', reason: 'conflicts with another change' },
      { title: 'Insert “serious”' },
      { what: 'Article 5(1): Delete the qualifier “applicable”', reason: 'its words are no longer in the draft' },
      {},
      7,
    ],
  });
  assert.deepEqual(r, {
    applied: 5,
    skipped: [
      { title: 'Apply Microsoft’s amendment: delete “applicable”', reason: 'conflicts with another change' },
      { title: 'Insert “serious”', reason: '' },
      { title: 'Article 5(1): Delete the qualifier “applicable”', reason: 'its words are no longer in the draft' },
      { title: '(unnamed change)', reason: '' },
    ],
  });
  if (typeof r === 'string') return;
  assert.equal(applySummary('Microsoft', r), 'Applied 5 amendments from Microsoft; skipped 4 (already in the draft, stale or conflicting).');
  assert.deepEqual(skippedLines(r), [
    'Apply Microsoft’s amendment: delete “applicable”: conflicts with another change',
    'Insert “serious”',
    'Article 5(1): Delete the qualifier “applicable”: its words are no longer in the draft',
    '(unnamed change)',
  ]);
  assert.equal(applySummary('CSIS', { applied: 1, skipped: [] }), 'Applied 1 amendment from CSIS.');
  assert.equal(applySummary('Microsoft', { applied: 0, skipped: [] }), 'No amendment of Microsoft’s was applied.');
  assert.equal(applySummary('Access Now Partners', { applied: 0, skipped: [] }), 'No amendment of Access Now Partners’ was applied.');
  assert.equal(typeof parseApplyResult(null), 'string');
  assert.equal(typeof parseApplyResult({ skipped: [] }), 'string');
});
