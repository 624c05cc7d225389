// The pure half of gomend.analyzeTrace and gomend.captureTrace: which file a command was given,
// what the user is told, and how go.languageServerFlags changes while gopls writes a trace.
// Kept free of the vscode module so it is unit-tested with node --test.
import * as path from 'node:path';
import { plural } from '../statusText';

/** The open dialog's filters when gomend.analyzeTrace is run without a file. */
export const traceFileFilters: Readonly<Record<string, string[]>> = { Logs: ['log', 'txt'], 'All files': ['*'] };

/**
 * The file gomend.analyzeTrace was invoked with: a file Uri (the explorer's context menu passes the
 * clicked file first) or an absolute path. undefined: nothing usable was given, so ask the user.
 */
export function traceFileArg(args: readonly unknown[]): string | undefined {
  const [arg] = args;
  if (typeof arg === 'string') {
    if (arg === '') return undefined;
    if (!path.isAbsolute(arg)) throw new Error(`gomend.analyzeTrace needs an absolute path, not ${arg}`);
    return arg;
  }
  if (arg && typeof arg === 'object' && 'scheme' in arg && 'fsPath' in arg) {
    const { scheme, fsPath } = arg as { scheme: unknown; fsPath: unknown };
    if (scheme !== 'file') throw new Error(`gomend can only analyze a trace on disk, not a ${String(scheme)} resource`);
    if (typeof fsPath === 'string' && fsPath !== '') return fsPath;
  }
  return undefined;
}

export function analysisMessage(problems: number, file: string): string {
  const name = path.basename(file);
  if (problems <= 0) return `gomend found nothing wrong in ${name}: gopls's trace shows no workspace problem it can name.`;
  return `gomend found ${plural(problems, 'problem')} in ${name}`;
}

// Capturing: gopls writes its trace where -logfile says when -rpc.trace is on.

export const goExtensionId = 'golang.go';
export const needsGoExtensionMessage = 'Capturing a gopls trace needs the Go extension (golang.go).';
export const analyzeChoice = 'Analyze';
export const cancelChoice = 'Cancel';

export function capturingMessage(logFile: string): string {
  return `gopls is writing a trace to ${logFile}. Reproduce the problem, then choose ${analyzeChoice}.`;
}

export function noTraceMessage(logFile: string): string {
  return `gopls wrote no trace to ${logFile}: was the Go extension's language server running?`;
}

/** Where gopls writes the trace: outside any workspace, one new file per capture (no ':' so Windows accepts it). */
export function traceLogPath(tmpdir: string, now: Date): string {
  return path.join(tmpdir, `gomend-gopls-${now.toISOString().replace(/[:.]/g, '-')}.log`);
}

/** Go's flag package accepts -name and --name. */
function flagName(arg: string): string | undefined {
  const m = /^--?([^=-][^=]*)(=.*)?$/.exec(arg);
  return m ? m[1] : undefined;
}

/** Drops -rpc.trace (in any spelling, with or without =value) and -logfile with its value (-logfile=F or -logfile F). */
export function withoutTraceFlags(flags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const arg = flags[i] as string;
    const name = flagName(arg);
    if (name === 'rpc.trace') continue;
    if (name === 'logfile') {
      if (!arg.includes('=')) i++; // The next item is the file.
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** The flags to set while capturing: the old ones (non-strings dropped), minus any trace or log file, plus ours. */
export function tracingFlags(old: unknown, logFile: string): string[] {
  const strings = Array.isArray(old) ? old.filter((f): f is string => typeof f === 'string') : [];
  return [...withoutTraceFlags(strings), '-rpc.trace', `-logfile=${logFile}`];
}

/** Settings levels, most specific first (the names of WorkspaceConfiguration.inspect's fields, without "Value"). */
export type SettingScope = 'workspaceFolder' | 'workspace' | 'global';

/** The part of WorkspaceConfiguration.inspect's answer that matters here. */
export interface SettingInspection {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface SettingSite {
  scope: SettingScope;
  /** The value at scope before the capture; undefined: not set there. */
  original: unknown;
}

export function valueAt(inspection: SettingInspection | undefined, scope: SettingScope): unknown {
  return inspection?.[`${scope}Value`];
}

/**
 * Where to write the tracing flags: the most specific level that sets them (that value is the one in
 * effect), else the workspace when one is open (this window's gopls only), else the user settings.
 */
export function settingSite(inspection: SettingInspection | undefined, workspaceOpen: boolean): SettingSite {
  for (const scope of ['workspaceFolder', 'workspace', 'global'] as const) {
    const value = valueAt(inspection, scope);
    if (value !== undefined) return { scope, original: value };
  }
  return { scope: workspaceOpen ? 'workspace' : 'global', original: undefined };
}

export type RestoreAction = { kind: 'none' } | { kind: 'remove' } | { kind: 'set'; value: unknown };

/** How to put the setting back: nothing if it already holds the original value, remove it if it was not set. */
export function restoreAction(original: unknown, current: unknown): RestoreAction {
  if (sameValue(original, current)) return { kind: 'none' };
  if (original === undefined) return { kind: 'remove' };
  return { kind: 'set', value: original };
}

/** Whether the setting still holds what the capture wrote (else the user changed it since). */
export function stillTracing(written: readonly string[], current: unknown): boolean {
  return sameValue(written, current);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A capture in progress, kept in the workspace state so a window reload (to reproduce a problem) does not lose it. */
export interface PendingCapture {
  scope: SettingScope;
  original: unknown;
  written: string[];
  logFile: string;
}

/** Reads a stored PendingCapture back; undefined for anything that is not one. */
export function parsePendingCapture(raw: unknown): PendingCapture | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const scopes: readonly unknown[] = ['workspaceFolder', 'workspace', 'global'];
  if (!scopes.includes(r.scope) || typeof r.logFile !== 'string' || r.logFile === '') return undefined;
  if (!Array.isArray(r.written) || !r.written.every((f) => typeof f === 'string')) return undefined;
  return { scope: r.scope as SettingScope, original: r.original, written: r.written as string[], logFile: r.logFile };
}
