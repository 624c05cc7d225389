// Shows server-produced Markdown (explanations, the report) as a read-only document.
import * as vscode from 'vscode';

export const markdownScheme = 'gomend';

const pages = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();

/** Serves the pages opened by showMarkdown; registered once at activation. */
export const markdownProvider: vscode.TextDocumentContentProvider = {
  onDidChange: changed.event,
  provideTextDocumentContent: (uri) => pages.get(uri.path) ?? '',
};

/**
 * A virtual document rather than an untitled one: it cannot be edited by mistake and closing it does
 * not ask to save. Opening the same page again shows fresh content.
 */
export async function showMarkdown(name: string, markdown: string): Promise<void> {
  const uri = vscode.Uri.from({ scheme: markdownScheme, path: `/${name}.md` });
  pages.set(uri.path, markdown);
  changed.fire(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: false });
}
