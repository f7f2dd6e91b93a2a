import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandSetting, resolveServerPath } from '../src/serverPath';

let tmp: string;
let bin1: string; // holds a non-executable treaty-lsp
let bin2: string; // holds an executable treaty-lsp
let home: string; // ~/.cargo/bin/treaty-lsp executable
let ws: string;

function touch(p: string, mode: number): void {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, '#!/bin/sh\n');
  fs.chmodSync(p, mode);
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-vscode-unit-'));
  bin1 = path.join(tmp, 'bin1');
  bin2 = path.join(tmp, 'bin2');
  home = path.join(tmp, 'home');
  ws = path.join(tmp, 'ws');
  touch(path.join(bin1, 'treaty-lsp'), 0o644);
  touch(path.join(bin2, 'treaty-lsp'), 0o755);
  touch(path.join(home, '.cargo', 'bin', 'treaty-lsp'), 0o755);
  touch(path.join(ws, 'target', 'debug', 'treaty-lsp'), 0o755);
  fs.mkdirSync(path.join(bin1, 'dir-not-file', 'treaty-lsp'), { recursive: true });
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const base = () => ({ platform: 'linux' as NodeJS.Platform, workspaceFolders: [ws], homedir: home });

test('first executable treaty-lsp on PATH wins; non-executables and directories are skipped', () => {
  const r = resolveServerPath({
    ...base(),
    env: { PATH: [path.join(bin1, 'dir-not-file'), bin1, '', bin2].join(':') },
  });
  assert.deepEqual(r, { ok: true, path: path.join(bin2, 'treaty-lsp'), source: 'PATH' });
});

test('falls back to ~/.cargo/bin, then CARGO_HOME/bin', () => {
  const r = resolveServerPath({ ...base(), env: { PATH: bin1 } });
  assert.deepEqual(r, { ok: true, path: path.join(home, '.cargo', 'bin', 'treaty-lsp'), source: 'cargo' });
  const r2 = resolveServerPath({ ...base(), env: { PATH: bin1, CARGO_HOME: path.join(tmp, 'nocargo') } });
  assert.equal(r2.ok, false);
});

test('not found: the message names the install commands and the setting', () => {
  const r = resolveServerPath({ ...base(), homedir: path.join(tmp, 'nohome'), env: { PATH: bin1 } });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.message, /not found on PATH/);
  assert.match(r.message, /cargo install --path \./);
  assert.doesNotMatch(r.message, /cargo install treaty-lsp/); // not a published crate
  assert.match(r.message, /treaty\.server\.path/);
  assert.ok(r.tried.includes(path.join(bin1, 'treaty-lsp')));
});

test('the setting is used alone: relative to the workspace, ~ expanded; a bad one is an error', () => {
  const env = { PATH: bin2 };
  assert.deepEqual(resolveServerPath({ ...base(), env, setting: 'target/debug/treaty-lsp' }), {
    ok: true,
    path: path.join(ws, 'target', 'debug', 'treaty-lsp'),
    source: 'setting',
  });
  assert.deepEqual(resolveServerPath({ ...base(), env, setting: '~/.cargo/bin/treaty-lsp' }), {
    ok: true,
    path: path.join(home, '.cargo', 'bin', 'treaty-lsp'),
    source: 'setting',
  });
  const bad = resolveServerPath({ ...base(), env, setting: path.join(bin1, 'treaty-lsp') });
  assert.equal(bad.ok, false, 'a non-executable setting must not fall back to PATH');
  if (!bad.ok) {
    assert.match(bad.message, /treaty\.server\.path is set to/);
    assert.match(bad.message, /not an executable file/);
  }
});

test('expandSetting handles ${workspaceFolder} and ${userHome}', () => {
  assert.equal(expandSetting('${workspaceFolder}/x/treaty-lsp', ['/w'], '/h'), path.normalize('/w/x/treaty-lsp'));
  assert.equal(expandSetting('${userHome}/bin/treaty-lsp', [], '/h'), path.normalize('/h/bin/treaty-lsp'));
  assert.equal(expandSetting('  /abs/treaty-lsp ', ['/w'], '/h'), path.normalize('/abs/treaty-lsp'));
});

test('Windows: PATHEXT names are tried', () => {
  touch(path.join(bin1, 'treaty-lsp.exe'), 0o644);
  const r = resolveServerPath({ ...base(), platform: 'win32', env: { PATH: bin1, PATHEXT: '.COM;.EXE' } });
  assert.deepEqual(r, { ok: true, path: path.join(bin1, 'treaty-lsp.exe'), source: 'PATH' });
});
