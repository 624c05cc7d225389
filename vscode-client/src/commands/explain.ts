// gomend.explain: the documentation of one check, for a check ID given or picked from current problems.
import * as vscode from 'vscode';
import { ServerCommand, type Explanation } from '../protocol';
import type { CommandFactory } from './index';
import { showMarkdown } from './markdown';

export const explain: CommandFactory = (_ctx, gomend) => async (arg?: unknown) => {
  const id = checkIdFrom(arg) ?? (await pickCheckId());
  if (!id) return;
  const explanation = await gomend.server.executeCommand<Explanation>(ServerCommand.explain, [id]);
  await showMarkdown(explanation.id, explanation.markdown);
};

/** Accepts a check ID, or a diagnostic (from a code action or the Problems panel). */
function checkIdFrom(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg !== '') return arg;
  if (arg instanceof vscode.Diagnostic) return diagnosticCode(arg);
  return undefined;
}

function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

async function pickCheckId(): Promise<string | undefined> {
  const seen = new Map<string, string>();
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      const id = d.source?.startsWith('gomend') ? diagnosticCode(d) : undefined;
      if (id && !seen.has(id)) seen.set(id, d.message.split('\n')[0] ?? '');
    }
  }
  if (seen.size === 0) {
    return vscode.window.showInputBox({ prompt: 'Check ID to explain', placeHolder: 'e.g. gowork-missing-module' });
  }
  const picked = await vscode.window.showQuickPick(
    [...seen].map(([label, detail]) => ({ label, detail })),
    { placeHolder: 'Which problem should gomend explain?' },
  );
  return picked?.label;
}
