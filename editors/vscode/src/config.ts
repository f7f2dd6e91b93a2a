// The extension's settings (`treaty.*`) and the server's option names.
// Pure: no `vscode` import, so the unit tests run under plain Node.

/** The options treaty-lsp reads from `initializationOptions` and from
 *  `workspace/didChangeConfiguration` `{settings: {treaty: ...}}`. */
export interface ServerSettings {
  codeLens: boolean;
  contestedDiagnostics: boolean;
  stakeholders: string[];
  diagnosticsDelayMs?: number;
  maxFileSize?: number;
  /** How hovers set out positions: `auto` (a table where the client's
   *  Markdown renders tables, as VS Code's does), `list` or `table`. */
  hoverLayout?: 'auto' | 'list' | 'table';
  /** How deep the outline goes: `articles` (the headings), `paragraphs`
   *  (the server's default) or `points` (every subdivision). */
  outline?: { depth: OutlineDepth };
  /** Whether the user trusts the workspace (set by the extension from
   *  `vscode.workspace.isTrusted`, not a setting). */
  workspaceTrusted?: boolean;
}

export type OutlineDepth = 'articles' | 'paragraphs' | 'points';

/** Reads one setting of the `treaty` section (what
 *  `vscode.workspace.getConfiguration('treaty').get` does). */
export type SettingReader = (key: string) => unknown;

/** Every setting this extension contributes, without the `treaty.` prefix. */
export const SETTING_KEYS = [
  'server.path',
  'trace.server',
  'codeLens.enabled',
  'contestedDiagnostics.enabled',
  'stakeholders',
  'diagnosticsDelayMs',
  'maxFileSize',
  'hover.layout',
  'outline.depth',
] as const;

/** The settings that change what the server computes (sent to it). */
export const SERVER_SETTING_KEYS = [
  'codeLens.enabled',
  'contestedDiagnostics.enabled',
  'stakeholders',
  'diagnosticsDelayMs',
  'maxFileSize',
  'hover.layout',
  'outline.depth',
] as const;

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** The extension's settings in the server's key names. Values of the wrong
 *  type (a hand-edited settings.json) fall back to the defaults; blank and
 *  repeated stakeholder names are dropped. */
export function serverSettings(get: SettingReader): ServerSettings {
  const raw = get('stakeholders');
  const stakeholders: string[] = [];
  if (Array.isArray(raw)) {
    for (const s of raw) {
      if (typeof s !== 'string') continue;
      const name = s.trim();
      if (name && !stakeholders.includes(name)) stakeholders.push(name);
    }
  }
  const settings: ServerSettings = {
    codeLens: bool(get('codeLens.enabled'), true),
    contestedDiagnostics: bool(get('contestedDiagnostics.enabled'), true),
    stakeholders,
  };
  const delay = get('diagnosticsDelayMs');
  if (typeof delay === 'number' && Number.isFinite(delay) && delay >= 0) {
    settings.diagnosticsDelayMs = Math.round(delay);
  }
  const maxFileSize = get('maxFileSize');
  if (typeof maxFileSize === 'number' && Number.isFinite(maxFileSize) && maxFileSize >= 1) {
    settings.maxFileSize = Math.round(maxFileSize);
  }
  const layout = get('hover.layout');
  if (layout === 'auto' || layout === 'list' || layout === 'table') {
    settings.hoverLayout = layout;
  }
  const depth = get('outline.depth');
  if (depth === 'articles' || depth === 'paragraphs' || depth === 'points') {
    settings.outline = { depth };
  }
  return settings;
}

/** The body of `workspace/didChangeConfiguration` for these settings. */
export function didChangeConfigurationParams(settings: ServerSettings): {
  settings: { treaty: ServerSettings };
} {
  return { settings: { treaty: settings } };
}

/** The diagnostic code of the server's hints on contested elements. */
export const CONTESTED_CODE = 'contested';

/** Whether a diagnostic is a hint on a contested element (the ones
 *  `contestedDiagnostics: false` turns off). */
export function isContestedDiagnostic(d: { code?: unknown }): boolean {
  const code =
    d.code !== null && typeof d.code === 'object' && 'value' in (d.code as object)
      ? (d.code as { value: unknown }).value
      : d.code;
  return code === CONTESTED_CODE;
}
