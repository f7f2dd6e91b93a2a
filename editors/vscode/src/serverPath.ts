// Finding the treaty-lsp binary. Pure Node (fs, path): unit-tested without VS Code.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const SERVER_NAME = 'treaty-lsp';

export const INSTALL_HINT =
  'Install it with `cargo install --path .` in a clone of treaty-lsp (it is not published on crates.io), ' +
  'then restart the server, or set `treaty.server.path` to the binary.';

export interface ResolveEnv {
  /** The `treaty.server.path` setting ('' or undefined: search). */
  setting?: string;
  /** Environment variables (PATH, PATHEXT, CARGO_HOME, HOME). */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** File-system paths of the workspace folders, first one first. */
  workspaceFolders: string[];
  homedir?: string;
}

export type Resolved =
  | { ok: true; path: string; source: 'setting' | 'PATH' | 'cargo' }
  | { ok: false; message: string; tried: string[] };

function isExecutableFile(p: string, platform: NodeJS.Platform): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (platform === 'win32') return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `~`, `${userHome}` and `${workspaceFolder}` expanded; a relative path
 *  taken from the first workspace folder. */
export function expandSetting(setting: string, workspaceFolders: string[], home: string): string {
  let p = setting.trim();
  const ws = workspaceFolders[0];
  p = p.replace(/\$\{userHome\}/g, home);
  if (ws !== undefined) p = p.replace(/\$\{workspaceFolder\}/g, ws);
  if (p === '~') p = home;
  else if (p.startsWith('~/') || p.startsWith('~\\')) p = path.join(home, p.slice(2));
  if (!path.isAbsolute(p) && ws !== undefined) p = path.join(ws, p);
  return path.normalize(p);
}

function candidateNames(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform !== 'win32') return [SERVER_NAME];
  const exts = (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean);
  return exts.map((e) => SERVER_NAME + e.toLowerCase());
}

/** Where the server binary is: the setting if given (and then only there),
 *  else the first `treaty-lsp` on PATH, else `$CARGO_HOME/bin` (default
 *  `~/.cargo/bin`, where `cargo install` puts it, often missing from the
 *  PATH a desktop-launched editor sees). */
export function resolveServerPath(o: ResolveEnv): Resolved {
  const home = o.homedir ?? os.homedir();
  const setting = (o.setting ?? '').trim();
  if (setting) {
    const p = expandSetting(setting, o.workspaceFolders, home);
    if (isExecutableFile(p, o.platform)) return { ok: true, path: p, source: 'setting' };
    return {
      ok: false,
      tried: [p],
      message: `treaty.server.path is set to "${setting}", but ${p} is not an executable file. ${INSTALL_HINT}`,
    };
  }
  const names = candidateNames(o.platform, o.env);
  const tried: string[] = [];
  const sep = o.platform === 'win32' ? ';' : ':';
  const pathVar = o.env.PATH ?? o.env.Path ?? '';
  for (const dir of pathVar.split(sep)) {
    if (!dir) continue;
    for (const name of names) {
      const p = path.join(dir, name);
      tried.push(p);
      if (isExecutableFile(p, o.platform)) return { ok: true, path: p, source: 'PATH' };
    }
  }
  const cargoBin = path.join(o.env.CARGO_HOME || path.join(home, '.cargo'), 'bin');
  for (const name of names) {
    const p = path.join(cargoBin, name);
    tried.push(p);
    if (isExecutableFile(p, o.platform)) return { ok: true, path: p, source: 'cargo' };
  }
  return {
    ok: false,
    tried,
    message: `The treaty-lsp language server was not found on PATH or in ${cargoBin}. ${INSTALL_HINT}`,
  };
}
