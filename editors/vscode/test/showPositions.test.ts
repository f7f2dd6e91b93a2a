import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { showReferencesArgs } from '../src/showPositions';

// Stand-ins for vscode.Uri / Position / Range / Location that record what
// they were built from.
const f = {
  parseUri: (s: string) => ({ uri: s }),
  position: (line: number, character: number) => ({ line, character }),
  range: (start: object, end: object) => ({ start, end }),
  location: (uri: object, range: object) => ({ loc: uri, range }),
};

test('lens arguments become showReferences arguments', () => {
  const draft = 'file:///w/drafts/A-AC.291-16.treaty.md';
  const pos = 'file:///w/positions/microsoft-ahc4-2023.positions.toml';
  const r = showReferencesArgs(
    [
      draft,
      { line: 40, character: 0 },
      [
        { uri: pos, range: { start: { line: 20, character: 0 }, end: { line: 20, character: 25 } } },
        { uri: pos, range: { start: { line: 31, character: 2 }, end: { line: 32, character: 0 } } },
      ],
    ],
    f,
  );
  assert.deepEqual(r, [
    { uri: draft },
    { line: 40, character: 0 },
    [
      { loc: { uri: pos }, range: { start: { line: 20, character: 0 }, end: { line: 20, character: 25 } } },
      { loc: { uri: pos }, range: { start: { line: 31, character: 2 }, end: { line: 32, character: 0 } } },
    ],
  ]);
});

test('no locations is an empty list, not an error', () => {
  assert.deepEqual(showReferencesArgs(['file:///a', { line: 0, character: 0 }, []], f), [
    { uri: 'file:///a' },
    { line: 0, character: 0 },
    [],
  ]);
});

test('malformed arguments are reported, not passed on', () => {
  const p = { line: 1, character: 2 };
  for (const args of [
    [],
    [42, p, []],
    ['file:///a', { line: -1, character: 0 }, []],
    ['file:///a', { line: 1.5, character: 0 }, []],
    ['file:///a', p, 'nope'],
    ['file:///a', p, [{ uri: 'file:///b', range: { start: p } }]],
    ['file:///a', p, [{ range: { start: p, end: p } }]],
  ]) {
    const r = showReferencesArgs(args, f);
    assert.equal(typeof r, 'string', `expected an error for ${JSON.stringify(args)}`);
    assert.match(r as string, /^treaty\.showPositions: /);
  }
});
