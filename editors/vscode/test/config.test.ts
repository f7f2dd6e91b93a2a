import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  didChangeConfigurationParams,
  isContestedDiagnostic,
  serverSettings,
} from '../src/config';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

test('defaults: everything on, all stakeholders, no delay override', () => {
  assert.deepEqual(serverSettings(reader({})), {
    codeLens: true,
    contestedDiagnostics: true,
    stakeholders: [],
  });
});

test('settings map to the server option names', () => {
  const s = serverSettings(
    reader({
      'codeLens.enabled': false,
      'contestedDiagnostics.enabled': false,
      stakeholders: ['Microsoft', 'CSIS'],
      diagnosticsDelayMs: 40,
      maxFileSize: 64,
      'hover.layout': 'list',
      'outline.depth': 'articles',
    }),
  );
  assert.deepEqual(s, {
    codeLens: false,
    contestedDiagnostics: false,
    stakeholders: ['Microsoft', 'CSIS'],
    diagnosticsDelayMs: 40,
    maxFileSize: 64,
    hoverLayout: 'list',
    outline: { depth: 'articles' },
  });
  assert.deepEqual(didChangeConfigurationParams(s), { settings: { treaty: s } });
});

test('values of the wrong type fall back to the defaults', () => {
  const s = serverSettings(
    reader({
      'codeLens.enabled': 'no',
      'contestedDiagnostics.enabled': 0,
      stakeholders: 'Microsoft',
      diagnosticsDelayMs: -5,
    }),
  );
  assert.deepEqual(s, { codeLens: true, contestedDiagnostics: true, stakeholders: [] });
  assert.equal(serverSettings(reader({ diagnosticsDelayMs: Number.NaN })).diagnosticsDelayMs, undefined);
  assert.equal(serverSettings(reader({ diagnosticsDelayMs: 12.6 })).diagnosticsDelayMs, 13);
  assert.equal(serverSettings(reader({ maxFileSize: 0 })).maxFileSize, undefined);
  assert.equal(serverSettings(reader({ maxFileSize: '9' })).maxFileSize, undefined);
  assert.equal(serverSettings(reader({ 'hover.layout': 'grid' })).hoverLayout, undefined);
  assert.equal(serverSettings(reader({ 'outline.depth': 'clauses' })).outline, undefined);
});

test('stakeholder names are trimmed, blanks, non-strings and repeats dropped', () => {
  const s = serverSettings(reader({ stakeholders: [' Microsoft ', '', 'CSIS', 3, 'Microsoft', null] }));
  assert.deepEqual(s.stakeholders, ['Microsoft', 'CSIS']);
});

test('contested hints are recognised by their code, plain or {value, target}', () => {
  assert.equal(isContestedDiagnostic({ code: 'contested' }), true);
  assert.equal(isContestedDiagnostic({ code: { value: 'contested', target: {} } }), true);
  assert.equal(isContestedDiagnostic({ code: 'dangling-reference' }), false);
  assert.equal(isContestedDiagnostic({ code: { value: 'stale-change' } }), false);
  assert.equal(isContestedDiagnostic({}), false);
  assert.equal(isContestedDiagnostic({ code: null }), false);
});
