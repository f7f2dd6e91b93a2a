// Drafting a positions file from a submission: what `treaty-lsp.extract`
// takes and returns, checked, and the guesses offered to the user. Pure:
// unit-tested without VS Code.

export const EXTRACT = 'treaty-lsp.extract';

/** The groups a positions file's `[source] group` takes. */
export const GROUPS = [
  'state',
  'industry',
  'civil-society',
  'academia',
  'secretariat',
  'intergovernmental',
  'other',
] as const;

export interface Drafted {
  /** Where the server proposes to save it (a `file:` URI that does not exist). */
  uri: string;
  text: string;
  draft: string;
  positions: number;
  review: number;
}

/** The server's answer, or what is wrong with it. */
export function parseDrafted(v: unknown): Drafted | string {
  if (typeof v === 'object' && v !== null) {
    const r = v as Record<string, unknown>;
    if (
      typeof r.uri === 'string' &&
      typeof r.text === 'string' &&
      typeof r.draft === 'string' &&
      typeof r.positions === 'number' &&
      typeof r.review === 'number'
    ) {
      return { uri: r.uri, text: r.text, draft: r.draft, positions: r.positions, review: r.review };
    }
  }
  return `${EXTRACT} answered with something else than {uri, text, draft, positions, review}: ${JSON.stringify(v)}`;
}

/** A first guess at the stakeholder from the submission's file name:
 *  `microsoft-ahc4-2023.md` → `Microsoft`. The user edits it. */
export function guessStakeholder(path: string): string {
  const stem = (path.split('/').pop() ?? '').replace(/\.[^.]*$/, '');
  const first = stem.split(/[-_ .]+/).find((w) => /\p{L}/u.test(w)) ?? '';
  return first ? first[0].toUpperCase() + first.slice(1) : '';
}

/** What the user is told once the file is open. */
export function draftedSummary(d: Drafted): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const review = d.review > 0 ? `; ${n(d.review, 'is', 'are')} marked \`# check:\` for review` : '';
  return `${n(d.positions, 'position', 'positions')} drafted against ${d.draft}${review}. Check each against the submission, then save.`;
}
