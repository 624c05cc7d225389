// gomend.analyzeTrace: hand a gopls trace or log to the server, which adds it to what it analyses and
// publishes its findings on the file; open the file and the Problems view next to them.
import * as vscode from 'vscode';
import { normalizeTraceAnalysis, ServerCommand } from '../protocol';
import type { CommandFactory, GomendContext } from './index';
import { analysisMessage, traceFileArg, traceFileFilters } from './trace';

export const analyzeTrace: CommandFactory = (_ctx, gomend) => async (...args: unknown[]) => {
  const file = traceFileArg(args) ?? (await pickTraceFile());
  if (!file) return;
  await analyzeTraceFile(gomend, file);
};

async function pickTraceFile(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: { ...traceFileFilters },
    openLabel: 'Analyze',
    title: 'Analyze gopls trace',
  });
  return picked?.[0]?.fsPath;
}

/** Also the last step of gomend.captureTrace. */
export async function analyzeTraceFile(gomend: GomendContext, file: string): Promise<void> {
  const analysis = normalizeTraceAnalysis(
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'gomend: analyzing the gopls trace' },
      () => gomend.server.executeCommand<unknown>(ServerCommand.analyzeTrace, [file]),
    ),
    file,
  );
  try {
    await vscode.window.showTextDocument(vscode.Uri.file(analysis.file), { preview: false });
  } catch (e) {
    // A very large log may not open in an editor; its problems still show in the Problems view.
    gomend.log.warn(`opening ${analysis.file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showInformationMessage(analysisMessage(analysis.problems, analysis.file));
}
