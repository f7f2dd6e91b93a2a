// The comparison command's data: what `treaty-lsp.previousVersion` returns,
// checked, and the virtual documents VS Code's diff view shows. Pure:
// unit-tested without VS Code.

export const PREVIOUS_VERSION = 'treaty-lsp.previousVersion';
/** The scheme of the read-only documents holding a previous version. */
export const VERSION_SCHEME = 'treaty-version';

export interface Side {
  name: string;
  text: string;
}

export interface Comparison {
  title: string;
  old: Side;
  new: Side;
}

function side(v: unknown): Side | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { name, text } = v as Record<string, unknown>;
  return typeof name === 'string' && typeof text === 'string' ? { name, text } : undefined;
}

/** The server's answer, or what is wrong with it. */
export function parseComparison(v: unknown): Comparison | string {
  if (typeof v === 'object' && v !== null) {
    const r = v as Record<string, unknown>;
    const old = side(r.old);
    const now = side(r.new);
    if (typeof r.title === 'string' && old && now) {
      return { title: r.title, old, new: now };
    }
  }
  return `${PREVIOUS_VERSION} answered with something else than {title, old, new}: ${JSON.stringify(v)}`;
}

/** A path for a virtual document: unique, ending in the element's name
 *  (what the diff editor's tab shows) and `.treaty.md` (so it reads as a
 *  treaty draft). */
export function versionPath(n: number, name: string): string {
  const safe = name.replace(/[\\/?#%]/g, '∕').replace(/\s+/g, ' ').trim() || 'previous';
  return `/${n}/${safe}.treaty.md`;
}
