// The positions matrix in a webview: the server's HTML report
// (`treaty-lsp.report`) made safe for a webview (a content security policy
// that lets nothing load from anywhere, and only the page's own scripts
// run) with a bridge so that clicking a row or a cell reveals its element
// in the draft. Pure: unit-tested without VS Code.

export const REPORT = 'treaty-lsp.report';

/** The report's page for a webview, its scripts allowed by `nonce`. */
export function webviewHtml(page: string, nonce: string): string {
  const csp =
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ` +
    `style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${nonce}';">`;
  const bridge =
    `<script nonce="${nonce}">` +
    `const vscode = acquireVsCodeApi();` +
    `document.addEventListener('click', (e) => {` +
    `  if (e.target.closest('button')) return;` +
    `  const at = e.target.closest('[data-line]');` +
    `  if (!at) return;` +
    `  e.preventDefault();` +
    `  vscode.postMessage({ type: 'reveal', line: Number(at.dataset.line) });` +
    `});` +
    `</script>`;
  const withNonces = page.replace(/<script>/g, `<script nonce="${nonce}">`);
  const head = withNonces.replace(/<head>/, `<head>${csp}`);
  return head.includes('</body>') ? head.replace('</body>', `${bridge}</body>`) : head + bridge;
}

/** The 1-based line a message from the webview asks to reveal, if any. */
export function revealedLine(message: unknown): number | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, line } = message as Record<string, unknown>;
  return type === 'reveal' && typeof line === 'number' && Number.isInteger(line) && line >= 1 ? line : undefined;
}

/** A nonce: 32 letters and digits from `random` (Math.random by default). */
export function nonce(random: () => number = Math.random): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(random() * chars.length)];
  return out;
}
