// gomend.captureTrace: turn on gopls's RPC trace through go.languageServerFlags, let the user reproduce
// the problem, then put the setting back exactly as it was and analyze what gopls wrote.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { analyzeTraceFile } from './analyzeTrace';
import type { CommandFactory, GomendContext } from './index';
import {
  analyzeChoice,
  cancelChoice,
  capturingMessage,
  goExtensionId,
  needsGoExtensionMessage,
  noTraceMessage,
  parsePendingCapture,
  restoreAction,
  settingSite,
  stillTracing,
  traceLogPath,
  tracingFlags,
  valueAt,
  type PendingCapture,
  type SettingScope,
} from './trace';

const goSection = 'go';
const flagsKey = 'languageServerFlags';
/** vscode-go's "Go: Restart Language Server". */
const restartGoplsCommand = 'go.languageserver.restart';
const pendingKey = 'gomend.captureTrace.pending';

/** One capture at a time per window: a second would overwrite the first one's flags. */
let capturing = false;

export const captureTrace: CommandFactory = (ctx, gomend) => async () => {
  if (!vscode.extensions.getExtension(goExtensionId)) {
    void vscode.window.showErrorMessage(needsGoExtensionMessage);
    return;
  }
  if (capturing) {
    void vscode.window.showInformationMessage(`gomend is already capturing a gopls trace: choose ${analyzeChoice} or ${cancelChoice} in its notification.`);
    return;
  }
  const site = settingSite(goConfig().inspect(flagsKey), vscode.workspace.workspaceFolders !== undefined);
  const logFile = traceLogPath(os.tmpdir(), new Date());
  await runCapture(ctx, gomend, { ...site, written: tracingFlags(site.original, logFile), logFile }, true);
};

/**
 * At activation: a capture the window was reloaded during. While the setting still holds the tracing
 * flags, gopls still writes the trace: ask again for Analyze or Cancel. Otherwise forget it.
 */
export async function resumeTraceCapture(ctx: vscode.ExtensionContext, gomend: GomendContext): Promise<void> {
  const capture = parsePendingCapture(ctx.workspaceState.get<unknown>(pendingKey));
  if (!capture || capturing) return;
  try {
    if (!stillTracing(capture.written, valueAt(goConfig().inspect(flagsKey), capture.scope))) {
      await ctx.workspaceState.update(pendingKey, undefined);
      return;
    }
    gomend.log.info(`resuming the gopls trace capture to ${capture.logFile}`);
    await runCapture(ctx, gomend, capture, false);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    gomend.log.error(`gomend.captureTrace: ${reason}`);
    void vscode.window.showErrorMessage(`gomend: ${reason}`);
  }
}

async function runCapture(ctx: vscode.ExtensionContext, gomend: GomendContext, capture: PendingCapture, start: boolean): Promise<void> {
  capturing = true;
  let choice: string | undefined;
  try {
    if (start) {
      await ctx.workspaceState.update(pendingKey, capture); // Before the write: a reload must find it.
      await goConfig().update(flagsKey, capture.written, configurationTarget(capture.scope));
      gomend.log.info(`go.languageServerFlags (${capture.scope}): ${JSON.stringify(capture.written)}`);
      await restartGopls(gomend);
    }
    choice = await vscode.window.showInformationMessage(capturingMessage(capture.logFile), analyzeChoice, cancelChoice);
  } finally {
    capturing = false;
    await finishCapture(ctx, gomend, capture);
  }
  if (choice !== analyzeChoice) return;
  if (!(await hasContent(capture.logFile))) {
    void vscode.window.showWarningMessage(noTraceMessage(capture.logFile));
    return;
  }
  await analyzeTraceFile(gomend, capture.logFile);
}

/** Puts go.languageServerFlags back as it was at the same level (removing it if it was not set) and restarts gopls. */
async function finishCapture(ctx: vscode.ExtensionContext, gomend: GomendContext, capture: PendingCapture): Promise<void> {
  const action = restoreAction(capture.original, valueAt(goConfig().inspect(flagsKey), capture.scope));
  if (action.kind !== 'none') {
    await goConfig().update(flagsKey, action.kind === 'set' ? action.value : undefined, configurationTarget(capture.scope));
    gomend.log.info(`go.languageServerFlags (${capture.scope}) restored`);
  }
  // Only once the setting is back: if restoring failed, the next activation tries again.
  await ctx.workspaceState.update(pendingKey, undefined);
  // gopls closes the log file when it exits, so the trace is complete before it is analyzed.
  if (action.kind !== 'none') await restartGopls(gomend);
}

/** vscode-go restarts gopls on a change of go.languageServerFlags too; asking is harmless and makes it certain. */
async function restartGopls(gomend: GomendContext): Promise<void> {
  const go = vscode.extensions.getExtension(goExtensionId);
  if (!go) return;
  try {
    if (!go.isActive) await go.activate();
    await vscode.commands.executeCommand(restartGoplsCommand);
  } catch (e) {
    gomend.log.warn(`restarting gopls: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function hasContent(file: string): Promise<boolean> {
  try {
    const st = await fs.stat(file);
    return st.isFile() && st.size > 0;
  } catch {
    return false;
  }
}

function goConfig(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(goSection);
}

function configurationTarget(scope: SettingScope): vscode.ConfigurationTarget {
  switch (scope) {
    case 'workspaceFolder':
      return vscode.ConfigurationTarget.WorkspaceFolder;
    case 'workspace':
      return vscode.ConfigurationTarget.Workspace;
    case 'global':
      return vscode.ConfigurationTarget.Global;
  }
}
