// gomend's settings, read in one place.
import * as vscode from 'vscode';

const section = 'gomend';

export function serverPathSetting(): string {
  return vscode.workspace.getConfiguration(section).get<string>('server.path', '');
}

/** `ID` restricts to the listed checks, `-ID` turns one off. Non-strings are dropped. */
export function checksSetting(): string[] {
  const value = vscode.workspace.getConfiguration(section).get<unknown>('checks', []);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Settings whose change needs a new server process (the others are read on demand). */
export function needsRestart(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${section}.server.path`) || e.affectsConfiguration(`${section}.checks`);
}
