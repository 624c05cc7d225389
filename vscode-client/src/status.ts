// The status bar item: server state plus the count of gomend problems at warning or above;
// its tooltip adds workspace trust and each folder's Go environment from gomend/checked.
import * as vscode from 'vscode';
import type { GomendServer } from './server';
import { statusView } from './statusText';

export const statusItemId = 'gomend.status';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly server: GomendServer, clickCommand: string) {
    this.item = vscode.window.createStatusBarItem(statusItemId, vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Go workspace (gomend)';
    this.item.command = clickCommand;
    this.subscriptions.push(
      this.item,
      server.onDidChangeState(() => this.update()),
      server.onDidCheck(() => this.update()),
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
    );
    this.update();
    this.item.show();
  }

  private update(): void {
    const { errors, warnings } = countGomendProblems();
    const view = statusView({ state: this.server.state, errors, warnings, checked: this.server.lastChecked });
    this.item.text = view.text;
    // Server-sent values (paths, Go variables) are in it: escaped, rendered untrusted, no HTML, no icons.
    const tooltip = new vscode.MarkdownString(view.tooltipMarkdown, false);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.alert ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

/** Counts diagnostics from gomend (source "gomend" or "gomend (…)") across every file. */
export function countGomendProblems(): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (!d.source?.startsWith('gomend')) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  return { errors, warnings };
}
