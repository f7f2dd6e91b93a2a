import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { draftedSummary, guessStakeholder, parseDrafted } from '../src/extract';

test('the stakeholder is guessed from the first word of the file name', () => {
  assert.equal(guessStakeholder('/w/subs/microsoft-ahc4-2023.md'), 'Microsoft');
  assert.equal(guessStakeholder('/w/subs/2023_csis-analysis.md'), 'Csis');
  assert.equal(guessStakeholder('/w/subs/2023.md'), '');
});

test('the server answer is checked, and summarised with plurals', () => {
  const ok = { uri: 'file:///w/p/m.positions.toml', text: 'x', draft: 'A/1', positions: 1, review: 2 };
  assert.deepEqual(parseDrafted(ok), ok);
  assert.match(String(parseDrafted({ uri: 1 })), /something else than/);
  assert.equal(
    draftedSummary(ok as never),
    '1 position drafted against A/1; 2 are marked `# check:` for review. Check each against the submission, then save.',
  );
  assert.equal(
    draftedSummary({ ...ok, positions: 3, review: 0 } as never),
    '3 positions drafted against A/1. Check each against the submission, then save.',
  );
});
