// The Treaty LSP extension: starts treaty-lsp over stdio for treaty drafts
// and positions files, passes the `treaty.*` settings to it, and adds the
// client-side commands.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';

import {
  SERVER_SETTING_KEYS,
  didChangeConfigurationParams,
  isContestedDiagnostic,
  serverSettings,
  ServerSettings,
} from './config';
import { INSTALL_HINT, resolveServerPath } from './serverPath';
import { showReferencesArgs } from './showPositions';
import {
  APPLY_STAKEHOLDER_AMENDMENTS,
  LIST_STAKEHOLDERS,
  applySummary,
  parseApplyResult,
  parseStakeholders,
  skippedLines,
  stakeholderItems,
  StakeholderItem,
} from './stakeholders';
import { PREVIOUS_VERSION, VERSION_SCHEME, parseComparison, versionPath } from './versions';
import { REPORT, nonce, revealedLine, webviewHtml } from './report';
import { EXTRACT, GROUPS, draftedSummary, guessStakeholder, parseDrafted } from './extract';

const CLIENT_ID = 'treaty'; // the client reads `treaty.trace.server` by this id
const CLIENT_NAME = 'Treaty Language Server';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
/** Diagnostics as the server sent them, before the client-side filter. */
const rawDiagnostics = new Map<string, vscode.Diagnostic[]>();

function settings(): ServerSettings {
  const cfg = vscode.workspace.getConfiguration('treaty');
  // restricted mode: treaty.toml may not reach files outside the workspace
  return { ...serverSettings((key) => cfg.get(key)), workspaceTrusted: vscode.workspace.isTrusted };
}

function log(message: string): void {
  output.appendLine(`[${new Date().toISOString()}] ${message}`);
}

/** The diagnostics to show: contested hints only while they are enabled
 *  (the server drops them too when it honours `contestedDiagnostics`; the
 *  filter also makes the setting take effect at once). */
function visibleDiagnostics(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  if (settings().contestedDiagnostics) return diagnostics;
  return diagnostics.filter((d) => !isContestedDiagnostic(d));
}

function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
}

async function reportMissingServer(message: string): Promise<void> {
  log(message);
  const openSettings = 'Open Settings';
  const showOutput = 'Show Output';
  const choice = await vscode.window.showErrorMessage(message, openSettings, showOutput);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'treaty.server.path');
  } else if (choice === showOutput) {
    output.show(true);
  }
}

async function startClient(): Promise<void> {
  const resolved = resolveServerPath({
    setting: vscode.workspace.getConfiguration('treaty').get<string>('server.path'),
    env: process.env,
    platform: process.platform,
    workspaceFolders: workspaceFolderPaths(),
  });
  if (!resolved.ok) {
    if (resolved.tried.length > 0) log(`looked for the server in: ${resolved.tried.join(', ')}`);
    void reportMissingServer(resolved.message);
    return;
  }
  log(`starting ${resolved.path} (found via ${resolved.source})`);

  // No `transport`: treaty-lsp speaks LSP on stdio when given no arguments
  // (TransportKind.stdio would add `--stdio`).
  const serverOptions: ServerOptions = {
    command: resolved.path,
    args: [],
    options: { env: { ...process.env } },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'treaty' },
      { scheme: 'untitled', language: 'treaty' },
      { scheme: 'file', pattern: '**/*.positions.toml' },
      { scheme: 'file', pattern: '**/*.correspondence.toml' },
    ],
    initializationOptions: () => settings(),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        rawDiagnostics.set(uri.toString(), diagnostics);
        next(uri, visibleDiagnostics(diagnostics));
      },
      provideCodeLenses(document, token, next) {
        if (!settings().codeLens) return [];
        return next(document, token);
      },
    },
  };

  const c = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = c;
  c.onDidChangeState((e) => {
    log(`server ${State[e.oldState]} -> ${State[e.newState]}`);
  });
  try {
    await c.start();
    const info = c.initializeResult?.serverInfo;
    log(`server ready: ${info?.name ?? 'treaty-lsp'} ${info?.version ?? ''}`.trim());
  } catch (e) {
    const message = `treaty-lsp (${resolved.path}) failed to start: ${e instanceof Error ? e.message : String(e)}`;
    log(message);
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice) output.show(true);
    });
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  rawDiagnostics.clear();
  if (!c) return;
  try {
    // dispose() also unregisters the `treaty-lsp.*` commands the client
    // registered for the server, so the next client can register them.
    await c.dispose(2000);
  } catch (e) {
    log(`stopping the server: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function restartClient(): Promise<void> {
  log('restarting the server');
  await stopClient();
  await startClient();
}

/** Sends the changed settings to the server and re-applies them on the
 *  client side (code lenses, contested hints) at once. */
function pushSettings(): void {
  const c = client;
  if (!c) return;
  const s = settings();
  log(`settings changed: ${JSON.stringify(s)}`);
  if (c.state === State.Running) {
    c.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(s)).catch((e) =>
      log(`sending the settings: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  const collection = c.diagnostics;
  if (collection) {
    for (const [uri, diagnostics] of rawDiagnostics) {
      collection.set(vscode.Uri.parse(uri), visibleDiagnostics(diagnostics));
    }
  }
  const lenses = c.getFeature('textDocument/codeLens');
  for (const editor of vscode.window.visibleTextEditors) {
    lenses?.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
  }
}

function runningClient(): LanguageClient | undefined {
  if (client && client.state === State.Running) return client;
  void vscode.window
    .showErrorMessage('The treaty-lsp language server is not running. ' + INSTALL_HINT, 'Restart Server', 'Show Output')
    .then((choice) => {
      if (choice === 'Restart Server') void vscode.commands.executeCommand('treaty.restartServer');
      else if (choice === 'Show Output') output.show(true);
    });
  return undefined;
}

function serverCommands(c: LanguageClient): string[] {
  return c.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
}

/** The running client and the active editor, when the editor holds what a
 *  command needs (`accepts`) and the server offers `command`; else the user
 *  is told why, and `undefined`. */
function readyFor(
  command: string,
  accepts: (d: vscode.TextDocument) => boolean,
  need: string,
): { c: LanguageClient; editor: vscode.TextEditor } | undefined {
  const c = runningClient();
  if (!c) return undefined;
  const editor = vscode.window.activeTextEditor;
  if (!editor || !accepts(editor.document)) {
    void vscode.window.showErrorMessage(need);
    return undefined;
  }
  if (!serverCommands(c).includes(command)) {
    void vscode.window.showErrorMessage(`This treaty-lsp does not offer ${command}; update the server (cargo install --path .).`);
    return undefined;
  }
  return { c, editor };
}

const isDraft = (d: vscode.TextDocument) => d.languageId === 'treaty';

/** What `runServerCommand` returns when the command failed. */
const FAILED = Symbol('failed');

/** Runs a server command; on an error the user is told and `FAILED` comes back. */
async function runServerCommand(c: LanguageClient, command: string, args: unknown[]): Promise<unknown> {
  try {
    return await c.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  } catch (e) {
    void vscode.window.showErrorMessage(`${command} failed: ${e instanceof Error ? e.message : String(e)}`);
    return FAILED;
  }
}

/** Applies every applicable amendment of one stakeholder to a draft: the
 *  stakeholders come from `treaty-lsp.listStakeholders`, the edit from the
 *  server's `workspace/applyEdit` during `treaty-lsp.applyStakeholderAmendments`. */
async function applyAmendmentsFromStakeholder(arg?: unknown): Promise<void> {
  const c = runningClient();
  if (!c) return;
  const document =
    arg instanceof vscode.Uri
      ? await vscode.workspace.openTextDocument(arg)
      : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'treaty') {
    void vscode.window.showErrorMessage('Open a treaty draft (*.treaty, *.treaty.md) to apply a stakeholder’s amendments to it.');
    return;
  }
  const missing = [LIST_STAKEHOLDERS, APPLY_STAKEHOLDER_AMENDMENTS].filter((cmd) => !serverCommands(c).includes(cmd));
  if (missing.length > 0) {
    void vscode.window.showErrorMessage(
      `This treaty-lsp does not offer ${missing.join(' and ')}; update the server (cargo install --path .).`,
    );
    return;
  }
  const uri = c.code2ProtocolConverter.asUri(document.uri);

  const listed = await runServerCommand(c, LIST_STAKEHOLDERS, [uri]);
  if (listed === FAILED) return;
  const stakeholders = parseStakeholders(listed);
  if (typeof stakeholders === 'string') {
    log(stakeholders);
    void vscode.window.showErrorMessage(stakeholders);
    return;
  }
  if (stakeholders.length === 0) {
    void vscode.window.showInformationMessage('No stakeholder has positions on this draft.');
    return;
  }
  const picked = await vscode.window.showQuickPick<StakeholderItem & vscode.QuickPickItem>(stakeholderItems(stakeholders), {
    title: 'Apply amendments from stakeholder',
    placeHolder: 'Whose amendments to apply to this draft?',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;

  let answer: unknown;
  try {
    answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Applying ${picked.stakeholder}’s amendments…` },
      () =>
        c.sendRequest(ExecuteCommandRequest.type, {
          command: APPLY_STAKEHOLDER_AMENDMENTS,
          arguments: [uri, picked.stakeholder],
        }),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(
      `${APPLY_STAKEHOLDER_AMENDMENTS} failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    return;
  }
  const result = parseApplyResult(answer);
  if (typeof result === 'string') {
    log(result);
    void vscode.window.showErrorMessage(result);
    return;
  }
  const summary = applySummary(picked.stakeholder, result);
  log(`${summary} (${document.uri.toString()})`);
  for (const line of skippedLines(result)) log(`  skipped: ${line}`);
  if (result.skipped.length > 0) {
    const show = 'Show Skipped';
    const choice = await (result.applied > 0
      ? vscode.window.showInformationMessage(summary, show)
      : vscode.window.showWarningMessage(summary, show));
    if (choice === show) {
      await vscode.window.showQuickPick(
        result.skipped.map((s) => ({ label: s.title, detail: s.reason })),
        { title: `Skipped amendments from ${picked.stakeholder}`, canPickMany: false },
      );
    }
  } else if (result.applied > 0) {
    void vscode.window.showInformationMessage(summary);
  } else {
    void vscode.window.showWarningMessage(summary);
  }
}

/** The texts of previous versions shown in diff views, by path. */
const versionTexts = new Map<string, string>();
let versionCount = 0;

/** A read-only document holding `text`, for the diff view. */
function versionDocument(name: string, text: string): vscode.Uri {
  versionCount += 1;
  const path = versionPath(versionCount, name);
  versionTexts.set(path, text);
  return vscode.Uri.from({ scheme: VERSION_SCHEME, path });
}

/** Opens VS Code's diff view: the element at the cursor (its article) as
 *  it was in the previous version beside what it is now, or, with `whole`,
 *  the previous draft beside this one. The server says what the element
 *  was (`treaty-lsp.previousVersion`), through renumbering and moves. */
async function compareWithPrevious(whole: boolean): Promise<void> {
  const ready = readyFor(PREVIOUS_VERSION, isDraft, 'Open a treaty draft (*.treaty, *.treaty.md) to compare it with its previous version.');
  if (!ready) return;
  const { c, editor } = ready;
  const uri = c.code2ProtocolConverter.asUri(editor.document.uri);
  const position = c.code2ProtocolConverter.asPosition(editor.selection.active);
  const answer = await runServerCommand(c, PREVIOUS_VERSION, [uri, position, whole]);
  if (answer === FAILED) return;
  const r = parseComparison(answer);
  if (typeof r === 'string') {
    log(r);
    void vscode.window.showErrorMessage(r);
    return;
  }
  const left = versionDocument(r.old.name, r.old.text);
  const right = whole ? editor.document.uri : versionDocument(r.new.name, r.new.text);
  log(`compare: ${r.title}`);
  await vscode.commands.executeCommand('vscode.diff', left, right, r.title);
}

/** The positions matrix of the draft in the active editor, in a webview
 *  beside it (the server's report, from the texts as they are in the
 *  editor); clicking a row or a cell reveals its element in the draft. */
async function showPositionsMatrix(): Promise<void> {
  const ready = readyFor(REPORT, isDraft, 'Open a treaty draft (*.treaty, *.treaty.md) to see its positions matrix.');
  if (!ready) return;
  const { c, editor } = ready;
  const draft = editor.document;
  const page = await runServerCommand(c, REPORT, [c.code2ProtocolConverter.asUri(draft.uri), 'html']);
  if (page === FAILED) return;
  if (typeof page !== 'string') {
    void vscode.window.showErrorMessage(`${REPORT} answered with something else than a page`);
    return;
  }
  const name = draft.uri.path.split('/').pop() ?? 'draft';
  const panel = vscode.window.createWebviewPanel(
    'treatyPositionsMatrix',
    `Positions: ${name}`,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, localResourceRoots: [] },
  );
  panel.webview.html = webviewHtml(page, nonce());
  panel.webview.onDidReceiveMessage(async (message) => {
    const line = revealedLine(message);
    if (line === undefined) return;
    const at = new vscode.Position(Math.min(line - 1, draft.lineCount - 1), 0);
    const shown = await vscode.window.showTextDocument(draft, { viewColumn: editor.viewColumn, selection: new vscode.Range(at, at) });
    shown.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
  });
}

/** Drafts a positions file from the submission in the active editor
 *  (`treaty-lsp.extract`): asks who wrote it and their group, then opens
 *  the drafted file unsaved, at the name the server proposes beside the
 *  workspace's positions files. */
async function draftPositionsFromSubmission(): Promise<void> {
  const isProse = (d: vscode.TextDocument) =>
    d.uri.scheme === 'file' && d.languageId !== 'treaty' && !/\.(positions|correspondence)\.toml$/.test(d.uri.path);
  const ready = readyFor(EXTRACT, isProse, 'Open a stakeholder’s submission (a Markdown or text file) to draft a positions file from it.');
  if (!ready) return;
  const { c, editor } = ready;
  const stakeholder = await vscode.window.showInputBox({
    title: 'Draft Positions from Submission',
    prompt: 'Who wrote this submission (the stakeholder, as positions files name them)?',
    value: guessStakeholder(editor.document.uri.path),
    validateInput: (v) => (v.trim() ? undefined : 'The stakeholder’s name'),
  });
  if (stakeholder === undefined) return;
  const none = '(no group)';
  const group = await vscode.window.showQuickPick([...GROUPS, none], {
    title: `Draft Positions from Submission: ${stakeholder.trim()}`,
    placeHolder: 'Their group (the columns of the positions matrix)',
  });
  if (group === undefined) return;
  const answer = await runServerCommand(c, EXTRACT, [
    c.code2ProtocolConverter.asUri(editor.document.uri),
    { stakeholder: stakeholder.trim(), group: group === none ? '' : group },
  ]);
  if (answer === FAILED) return;
  const drafted = parseDrafted(answer);
  if (typeof drafted === 'string') {
    log(drafted);
    void vscode.window.showErrorMessage(drafted);
    return;
  }
  // unsaved, at the proposed name: nothing on the disk is overwritten
  const target = vscode.Uri.parse(drafted.uri).with({ scheme: 'untitled' });
  // a draft of that name already open, unsaved: shown, never overwritten
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (open && open.getText().length > 0) {
    await vscode.window.showTextDocument(open, { preview: false });
    void vscode.window.showWarningMessage(`${target.path.split('/').pop()} is already drafted and not saved: save or close it, then draft again.`);
    return;
  }
  const document = await vscode.workspace.openTextDocument(target);
  const shown = await vscode.window.showTextDocument(document, { preview: false });
  await shown.edit((e) => e.replace(new vscode.Range(0, 0, document.lineCount, 0), drafted.text));
  log(`extract: ${drafted.uri}`);
  void vscode.window.showInformationMessage(draftedSummary(drafted));
}

/** The code lens command: the lens's positions as a references peek. */
async function showPositions(...args: unknown[]): Promise<void> {
  const converted = showReferencesArgs(args, {
    parseUri: (s) => vscode.Uri.parse(s),
    position: (line, character) => new vscode.Position(line, character),
    range: (start, end) => new vscode.Range(start, end),
    location: (uri, range) => new vscode.Location(uri, range),
  });
  if (typeof converted === 'string') {
    log(converted);
    void vscode.window.showErrorMessage(converted);
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', ...converted);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME);
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand('treaty.restartServer', restartClient),
    vscode.commands.registerCommand('treaty.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('treaty.applyAmendmentsFromStakeholder', applyAmendmentsFromStakeholder),
    vscode.commands.registerCommand('treaty.showPositions', showPositions),
    vscode.commands.registerCommand('treaty.showPositionsMatrix', showPositionsMatrix),
    vscode.commands.registerCommand('treaty.draftPositionsFromSubmission', draftPositionsFromSubmission),
    vscode.commands.registerCommand('treaty.compareWithPrevious', () => compareWithPrevious(false)),
    vscode.commands.registerCommand('treaty.compareDraftWithPrevious', () => compareWithPrevious(true)),
    vscode.workspace.registerTextDocumentContentProvider(VERSION_SCHEME, {
      provideTextDocumentContent: (uri) => versionTexts.get(uri.path) ?? '',
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('treaty.server.path')) {
        void restartClient();
      } else if (SERVER_SETTING_KEYS.some((k) => e.affectsConfiguration(`treaty.${k}`))) {
        pushSettings();
      }
    }),
    // trusted now: index again, with what treaty.toml lists outside
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restartClient()),
  );

  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
