// gomend.openFolder: the client-side half of fixes such as "Open the module root instead".
import * as vscode from 'vscode';
import type { CommandFactory } from './index';

export const openFolder: CommandFactory = () => async (folder?: unknown) => {
  if (typeof folder !== 'string' || folder === '') throw new Error('gomend.openFolder needs a folder path');
  await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(folder));
};
