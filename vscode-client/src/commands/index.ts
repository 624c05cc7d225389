// Registers the extension's commands. Each command module exports a CommandFactory.
import * as vscode from 'vscode';
import type { GomendServer } from '../server';
import { analyzeTrace } from './analyzeTrace';
import { captureTrace, resumeTraceCapture } from './captureTrace';
import { explain } from './explain';
import { Command } from './ids';
import { markdownProvider, markdownScheme } from './markdown';
import { openFolder } from './openFolder';
import { openRealFile } from './openRealFile';
import { repairWorkspace } from './repair';
import { showReport } from './report';

/** What commands need from the running extension. */
export interface GomendContext {
  readonly server: GomendServer;
  readonly log: vscode.LogOutputChannel;
}

export type CommandCallback = (...args: unknown[]) => unknown;
export type CommandFactory = (ctx: vscode.ExtensionContext, gomend: GomendContext) => CommandCallback;

const factories: Record<string, CommandFactory> = {
  [Command.repairWorkspace]: repairWorkspace,
  [Command.explain]: explain,
  [Command.showReport]: showReport,
  [Command.openFolder]: openFolder,
  [Command.openRealFile]: openRealFile,
  [Command.analyzeTrace]: analyzeTrace,
  [Command.captureTrace]: captureTrace,
};

export { Command };

export const ownCommandIds: ReadonlySet<string> = new Set(Object.keys(factories));

export function registerCommands(ctx: vscode.ExtensionContext, gomend: GomendContext): void {
  ctx.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(markdownScheme, markdownProvider));
  for (const [id, factory] of Object.entries(factories)) {
    const callback = factory(ctx, gomend);
    ctx.subscriptions.push(vscode.commands.registerCommand(id, withErrorMessage(id, callback, gomend.log)));
  }
  void resumeTraceCapture(ctx, gomend);
}

/** One place that turns a failed command into a message instead of a silent rejection. */
function withErrorMessage(id: string, callback: CommandCallback, log: vscode.LogOutputChannel): CommandCallback {
  return async (...args) => {
    try {
      return await callback(...args);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      log.error(`${id}: ${reason}`);
      void vscode.window.showErrorMessage(`gomend: ${reason}`);
      return undefined;
    }
  };
}
