// Compiles the unit tests (test/*.test.ts) with esbuild and runs them with
// Node's test runner. No VS Code needed: they cover the pure modules and the
// extension manifest. Output: <repo>/target/e2e/vscode-extension/unit/.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ext = resolve(here, '..');
const out = resolve(ext, '../../target/e2e/vscode-extension/unit');
const tests = readdirSync(here).filter((f) => f.endsWith('.test.ts')).sort();
if (tests.length === 0) {
  console.error('no test/*.test.ts found');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: tests.map((f) => join(here, f)),
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  outExtension: { '.js': '.cjs' },
  logLevel: 'warning',
});
const files = tests.map((f) => join(out, f.replace(/\.ts$/, '.cjs')));
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, TREATY_VSCODE_EXT_DIR: ext },
});
process.exit(r.status ?? 1);
