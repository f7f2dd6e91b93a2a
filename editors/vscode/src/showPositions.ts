// The code lens command `treaty.showPositions` [uri, position, locations]
// (LSP JSON) turned into the arguments of `editor.action.showReferences`
// (VS Code objects). The VS Code constructors are passed in so that the
// conversion is unit-tested without VS Code.

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface LspLocation {
  uri: string;
  range: LspRange;
}

export interface Factory<U, P, R, L> {
  parseUri(value: string): U;
  position(line: number, character: number): P;
  range(start: P, end: P): R;
  location(uri: U, range: R): L;
}

function isPosition(v: unknown): v is LspPosition {
  if (v === null || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}

function isLocation(v: unknown): v is LspLocation {
  if (v === null || typeof v !== 'object') return false;
  const l = v as Record<string, unknown>;
  if (typeof l.uri !== 'string' || l.range === null || typeof l.range !== 'object') return false;
  const r = l.range as Record<string, unknown>;
  return isPosition(r.start) && isPosition(r.end);
}

/** `[uri, position, locations]` for `editor.action.showReferences`, or an
 *  error message when the arguments are not what the server sends. */
export function showReferencesArgs<U, P, R, L>(
  args: unknown[],
  f: Factory<U, P, R, L>,
): [U, P, L[]] | string {
  const [uri, position, locations] = args;
  if (typeof uri !== 'string') return `treaty.showPositions: the first argument is not a URI (${JSON.stringify(uri)})`;
  if (!isPosition(position)) {
    return `treaty.showPositions: the second argument is not a position (${JSON.stringify(position)})`;
  }
  if (!Array.isArray(locations)) {
    return `treaty.showPositions: the third argument is not a list of locations (${JSON.stringify(locations)})`;
  }
  const out: L[] = [];
  for (const l of locations) {
    if (!isLocation(l)) return `treaty.showPositions: not a location: ${JSON.stringify(l)}`;
    const start = f.position(l.range.start.line, l.range.start.character);
    const end = f.position(l.range.end.line, l.range.end.character);
    out.push(f.location(f.parseUri(l.uri), f.range(start, end)));
  }
  return [f.parseUri(uri), f.position(position.line, position.character), out];
}
