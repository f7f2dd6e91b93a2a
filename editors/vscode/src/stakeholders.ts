// The stakeholder commands' data: what `treaty-lsp.listStakeholders` and
// `treaty-lsp.applyStakeholderAmendments` return, checked, and how it is
// shown. Pure: unit-tested without VS Code.

export const LIST_STAKEHOLDERS = 'treaty-lsp.listStakeholders';
export const APPLY_STAKEHOLDER_AMENDMENTS = 'treaty-lsp.applyStakeholderAmendments';

export interface Stakeholder {
  stakeholder: string;
  group?: string;
  positions: number;
  amendments: number;
}

export interface Skipped {
  /** What was skipped: the position's target and summary. */
  title: string;
  reason: string;
}

export interface ApplyResult {
  applied: number;
  skipped: Skipped[];
}

/** A quick-pick entry (the shape of `vscode.QuickPickItem`). */
export interface StakeholderItem {
  label: string;
  description?: string;
  detail: string;
  stakeholder: string;
  amendments: number;
}

function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The server's answer to `treaty-lsp.listStakeholders`, or an error
 *  message saying what is wrong with it. */
export function parseStakeholders(value: unknown): Stakeholder[] | string {
  if (!Array.isArray(value)) {
    return `${LIST_STAKEHOLDERS} answered ${JSON.stringify(value)}, not a list of stakeholders`;
  }
  const out: Stakeholder[] = [];
  for (const v of value) {
    if (v === null || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    if (typeof o.stakeholder !== 'string' || !o.stakeholder) continue;
    out.push({
      stakeholder: o.stakeholder,
      group: typeof o.group === 'string' && o.group ? o.group : undefined,
      positions: count(o.positions),
      amendments: count(o.amendments),
    });
  }
  return out;
}

/** Quick-pick entries: those with amendments to apply first (most first),
 *  then the others, each group by name. */
export function stakeholderItems(list: Stakeholder[]): StakeholderItem[] {
  const sorted = [...list].sort((a, b) => {
    const ha = a.amendments > 0 ? 0 : 1;
    const hb = b.amendments > 0 ? 0 : 1;
    if (ha !== hb) return ha - hb;
    if (a.amendments !== b.amendments) return b.amendments - a.amendments;
    return a.stakeholder.localeCompare(b.stakeholder);
  });
  return sorted.map((s) => ({
    label: s.stakeholder,
    description: s.group,
    detail:
      `${plural(s.positions, 'position', 'positions')}, ` +
      (s.amendments > 0
        ? `${plural(s.amendments, 'amendment', 'amendments')} applicable to this draft`
        : 'no amendment applicable to this draft'),
    stakeholder: s.stakeholder,
    amendments: s.amendments,
  }));
}

/** The server's answer to `treaty-lsp.applyStakeholderAmendments`, or an
 *  error message. */
export function parseApplyResult(value: unknown): ApplyResult | string {
  if (value === null || typeof value !== 'object' || typeof (value as { applied?: unknown }).applied !== 'number') {
    return `${APPLY_STAKEHOLDER_AMENDMENTS} answered ${JSON.stringify(value)}, not {applied, skipped}`;
  }
  const o = value as { applied: number; skipped?: unknown };
  const skipped: Skipped[] = [];
  if (Array.isArray(o.skipped)) {
    for (const s of o.skipped) {
      if (s === null || typeof s !== 'object') continue;
      const r = s as Record<string, unknown>;
      // The server names a skipped position by `what` (its target and
      // summary); `title` is accepted too.
      const title = typeof r.what === 'string' && r.what ? r.what : typeof r.title === 'string' ? r.title : '';
      skipped.push({
        title: title || '(unnamed change)',
        reason: typeof r.reason === 'string' ? r.reason : '',
      });
    }
  }
  return { applied: count(o.applied), skipped };
}

/** The one-line summary shown after applying a stakeholder's amendments. */
export function applySummary(stakeholder: string, r: ApplyResult): string {
  const possessive = stakeholder.endsWith('s') ? `${stakeholder}’` : `${stakeholder}’s`;
  const applied =
    r.applied === 0
      ? `No amendment of ${possessive} was applied`
      : `Applied ${plural(r.applied, 'amendment', 'amendments')} from ${stakeholder}`;
  if (r.skipped.length === 0) return `${applied}.`;
  return `${applied}; skipped ${r.skipped.length} (already in the draft, stale or conflicting).`;
}

/** The skipped changes, one per line, for the output channel. */
export function skippedLines(r: ApplyResult): string[] {
  return r.skipped.map((s) => (s.reason ? `${s.title}: ${s.reason}` : s.title));
}
