// The extension manifest (package.json), the language configuration and the
// source agree with each other and with what the task requires.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTING_KEYS } from '../src/config';

const dir = process.env.TREATY_VSCODE_EXT_DIR ?? path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const source = fs.readFileSync(path.join(dir, 'src', 'extension.ts'), 'utf8');
const contributes = pkg.contributes;

test('language treaty: .treaty and .treaty.md, the pattern beats Markdown', () => {
  const [lang] = contributes.languages;
  assert.equal(lang.id, 'treaty');
  assert.deepEqual(lang.extensions, ['.treaty', '.treaty.md']);
  assert.deepEqual(lang.filenamePatterns, ['*.treaty.md']);
  assert.equal(lang.configuration, './language-configuration.json');
  assert.ok(pkg.activationEvents.includes('onLanguage:treaty'));
});

test('grammar text.treaty from syntaxes/, copied at build time', () => {
  assert.deepEqual(contributes.grammars, [
    { language: 'treaty', scopeName: 'text.treaty', path: './syntaxes/treaty.tmLanguage.json' },
  ]);
});

test('positions files and correspondence tables validated against the bundled JSON Schemas (Even Better TOML)', () => {
  assert.deepEqual(contributes.tomlValidation, [
    { fileMatch: '*.positions.toml', url: './schemas/positions.schema.json' },
    { fileMatch: '*.correspondence.toml', url: './schemas/correspondence.schema.json' },
  ]);
});

test('settings: every treaty.* key the code reads is contributed, with the documented defaults', () => {
  const props = contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), SETTING_KEYS.map((k) => `treaty.${k}`).sort());
  assert.equal(props['treaty.server.path'].default, '');
  assert.deepEqual(props['treaty.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(props['treaty.trace.server'].default, 'off');
  assert.equal(props['treaty.codeLens.enabled'].default, true);
  assert.equal(props['treaty.contestedDiagnostics.enabled'].default, true);
  assert.deepEqual(props['treaty.stakeholders'].default, []);
  assert.equal(props['treaty.stakeholders'].items.type, 'string');
  assert.equal(props['treaty.diagnosticsDelayMs'].type, 'number');
  // vscode-languageclient reads `<id>.trace.server`: the client id must be `treaty`.
  assert.match(source, /const CLIENT_ID = 'treaty';/);
});

test('commands: contributed ones are registered; server commands are left to the client', () => {
  const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(registered, [
    'treaty.applyAmendmentsFromStakeholder',
    'treaty.compareDraftWithPrevious',
    'treaty.compareWithPrevious',
    'treaty.draftPositionsFromSubmission',
    'treaty.restartServer',
    'treaty.showOutput',
    'treaty.showPositions',
    'treaty.showPositionsMatrix',
  ]);
  const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(contributed, [
    'treaty.applyAmendmentsFromStakeholder',
    'treaty.compareDraftWithPrevious',
    'treaty.compareWithPrevious',
    'treaty.draftPositionsFromSubmission',
    'treaty.restartServer',
    'treaty.showOutput',
    'treaty.showPositionsMatrix',
  ]);
  for (const c of [...registered, ...contributed]) {
    assert.ok(!c.startsWith('treaty-lsp.'), `${c}: vscode-languageclient registers the server's commands itself`);
  }
});

test('the bundle is the entry point and vscode is not bundled', () => {
  assert.equal(pkg.main, './dist/extension.js');
  assert.match(pkg.scripts.bundle, /--external:vscode/);
  assert.match(pkg.dependencies['vscode-languageclient'], /^9\./);
  for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    assert.match(String(version), /^\d+\.\d+\.\d+$/, `${name} must be pinned, not ${version}`);
  }
  // @types/vscode must not be newer than the engine, or vsce refuses to package.
  const engine = pkg.engines.vscode.replace(/^\^/, '');
  assert.equal(pkg.devDependencies['@types/vscode'], engine);
});

test('language configuration: brackets, auto-closing quotes, region folding', () => {
  const lc = JSON.parse(fs.readFileSync(path.join(dir, 'language-configuration.json'), 'utf8'));
  const brackets = lc.brackets.map((b: string[]) => b.join(''));
  assert.ok(brackets.includes('[]') && brackets.includes('()'));
  const pairs = lc.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
  for (const p of ['[]', '()', '""', "''", '“”', '‘’']) assert.ok(pairs.includes(p), `auto-closing ${p}`);
  assert.ok(new RegExp(lc.folding.markers.start).test('<!-- #region Chapter II -->'));
  assert.ok(new RegExp(lc.folding.markers.end).test('<!-- #endregion -->'));
  assert.ok(!new RegExp(lc.folding.markers.start).test('### Article 5'));
});

test('the package holds only what the extension needs', () => {
  const ignore = fs.readFileSync(path.join(dir, '.vscodeignore'), 'utf8');
  assert.match(ignore, /^\*\*$/m, '.vscodeignore starts by excluding everything');
  for (const keep of ['dist/extension.js', 'syntaxes/treaty.tmLanguage.json', 'schemas/positions.schema.json', 'schemas/correspondence.schema.json', 'language-configuration.json']) {
    assert.ok(ignore.includes(`!${keep}`), `.vscodeignore keeps ${keep}`);
  }
});
