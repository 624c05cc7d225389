// "Repair Go workspace": ask the server for its plan, let the user choose fixes, apply them as one edit.
import * as vscode from 'vscode';
import { normalizePlan, normalizeResult, ServerCommand, type ClientCommand, type RepairPlan, type RepairResult } from '../protocol';
import { plural } from '../statusText';
import { Command } from './ids';
import type { CommandFactory, GomendContext } from './index';
import { groupPlan, repairedProblemCount, repairMessage, type PlanEntry } from './plan';

interface FixItem extends vscode.QuickPickItem {
  fixId?: string;
}

export const repairWorkspace: CommandFactory = (_ctx, gomend) => async () => {
  const plan = normalizePlan(
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'gomend: checking the Go workspace' },
      () => gomend.server.executeCommand<RepairPlan | null>(ServerCommand.repairWorkspace),
    ),
  );
  if (plan.problems.length === 0) {
    void vscode.window.showInformationMessage('Go workspace: nothing to repair');
    return;
  }
  const grouped = groupPlan(plan, (file) => vscode.workspace.asRelativePath(file));
  const items = grouped.entries.map(toQuickPickItem);
  if (!items.some((i) => i.fixId)) {
    const n = grouped.manualOnly.length;
    await offerReport(`Go workspace: ${plural(n, 'problem')} ${n === 1 ? 'needs' : 'need'} your attention`);
    return;
  }
  const manualNote = grouped.manualOnly.length > 0 ? ` (${grouped.manualOnly.length} more need manual steps: see the report)` : '';
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Repair Go workspace',
    placeHolder: `Choose the fixes to apply${manualNote}`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  const ids = (picked ?? []).flatMap((i) => (i.fixId ? [i.fixId] : []));
  if (ids.length === 0) return;

  const touched = filesOf(plan, ids);
  const dirtyBefore = dirtyDocuments(touched);
  const result = normalizeResult(
    await gomend.server.executeCommand<RepairResult | null>(ServerCommand.repairWorkspace, [{ apply: ids }]),
  );
  await saveEdited(touched, dirtyBefore);
  for (const f of result.failed) gomend.log.warn(`fix ${f.id} failed: ${f.reason}`);
  if (result.failed.length > 0) {
    const reasons = result.failed.map((f) => f.reason).join('; ');
    void vscode.window.showWarningMessage(`gomend: ${result.failed.length} of the chosen fixes could not be applied: ${reasons}`);
  }
  const done = offerReport(repairMessage(repairedProblemCount(plan, result), result.remaining));
  // Last: a command such as opening another folder may reload the window.
  await runClientCommands(result.commands, gomend);
  await done;
};

function toQuickPickItem(entry: PlanEntry): FixItem {
  if (entry.kind === 'separator') return { label: entry.label, kind: vscode.QuickPickItemKind.Separator };
  return { label: entry.label, description: entry.description, detail: entry.detail, picked: entry.picked, fixId: entry.fixId };
}

function filesOf(plan: RepairPlan, ids: readonly string[]): vscode.Uri[] {
  const chosen = new Set(ids);
  const files = new Set<string>();
  for (const p of plan.problems) for (const f of p.fixes) if (chosen.has(f.id)) f.files.forEach((file) => files.add(file));
  return [...files].map((f) => vscode.Uri.file(f));
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

function dirtyDocuments(files: readonly vscode.Uri[]): Set<string> {
  return new Set(files.filter((u) => openDocument(u)?.isDirty).map((u) => u.toString()));
}

/**
 * The server's edit lands in editor buffers, and VS Code's files.refactoring.autoSave only saves edits
 * that touch more than one file. Save the files the repair touched so the go command and other tools
 * see it, except files that already had unsaved changes: those stay the user's call.
 */
async function saveEdited(files: readonly vscode.Uri[], dirtyBefore: ReadonlySet<string>): Promise<void> {
  for (const uri of files) {
    if (dirtyBefore.has(uri.toString())) continue;
    const doc = openDocument(uri);
    if (doc?.isDirty) await doc.save();
  }
}

/** Runs the command fixes the user chose. Only our own commands: the server names them, not the workspace. */
async function runClientCommands(commands: readonly ClientCommand[], gomend: GomendContext): Promise<void> {
  for (const c of commands) {
    if (!c.command.startsWith('gomend.')) {
      gomend.log.warn(`not running ${c.command}: fixes may only run gomend commands`);
      continue;
    }
    await vscode.commands.executeCommand(c.command, ...(c.arguments ?? []));
  }
}

async function offerReport(message: string): Promise<void> {
  const choice = await vscode.window.showInformationMessage(message, 'Show report');
  if (choice === 'Show report') await vscode.commands.executeCommand(Command.showReport);
}
