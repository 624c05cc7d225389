// Entry point: wires the server, the status bar and the commands together.
import * as vscode from 'vscode';
import { Command, ownCommandIds, registerCommands } from './commands';
import { needsRestart } from './config';
import { GomendServer } from './server';
import { StatusBar } from './status';

let server: GomendServer | undefined;

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('gomend', { log: true });
  server = new GomendServer(ctx, log, ownCommandIds);
  const s = server;
  ctx.subscriptions.push(
    log,
    s,
    new StatusBar(s, Command.repairWorkspace),
    // Trust decides whether the server may run the go command; it reads trust at initialize.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void s.restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (needsRestart(e)) void s.restart();
    }),
  );
  registerCommands(ctx, { server: s, log });
  await s.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
