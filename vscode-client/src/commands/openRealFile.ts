// gomend.openRealFile: the client-side half of "Open the real file" (file-via-symlink,
// path-case-mismatch). Opens the document at its real path, then closes the editors
// that show it through the link, so gopls sees one file under one name.
import * as vscode from 'vscode';
import type { CommandFactory } from './index';
import { parseRealFileArgs, tabsShowing } from './realFile';

export const openRealFile: CommandFactory = () => async (...args: unknown[]) => {
  const { linked, real } = parseRealFileArgs(args);
  await vscode.window.showTextDocument(vscode.Uri.file(real), { preview: false });
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  const paths = tabs.map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.fsPath : undefined));
  const stale = tabsShowing(paths, linked, process.platform).map((i) => tabs[i]);
  if (stale.length > 0) await vscode.window.tabGroups.close(stale);
};
