// The shapes gomend's server returns from workspace/executeCommand (docs/lsp.md is the contract).

/** Server-side command names, sent with workspace/executeCommand. */
export const ServerCommand = {
  repairWorkspace: 'gomend.repairWorkspace',
  explain: 'gomend.explain',
  report: 'gomend.report',
  analyzeTrace: 'gomend.analyzeTrace',
} as const;

export type Applicability = 'exact' | 'likely' | 'manual';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A command the client runs itself when the user chooses the fix (e.g. gomend.openFolder). */
export interface ClientCommand {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface PlanFix {
  id: string;
  title: string;
  applicability: Applicability;
  /** Absolute paths of the files the fix edits or creates. */
  files: string[];
  command: ClientCommand | null;
}

export interface PlanProblem {
  check: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  file: string;
  range: Range;
  fixes: PlanFix[];
}

/** `gomend.repairWorkspace` without arguments. */
export interface RepairPlan {
  problems: PlanProblem[];
}

/** `gomend.repairWorkspace` with `[{apply: [ids]}]`. */
export interface RepairResult {
  applied: string[];
  failed: { id: string; reason: string }[];
  commands: ClientCommand[];
  remaining: number;
}

export interface Explanation {
  id: string;
  title: string;
  markdown: string;
}

export interface Report {
  markdown: string;
}

/** `gomend.analyzeTrace` `["/abs/trace.log"]`: the file as the server keys it, and its findings. */
export interface TraceAnalysis {
  file: string;
  problems: number;
}

// Go encodes nil slices as null: accept null (or absent) wherever the contract has a list.

export function normalizePlan(raw: RepairPlan | null | undefined): RepairPlan {
  return {
    problems: (raw?.problems ?? []).map((p) => ({
      ...p,
      fixes: (p.fixes ?? []).map((f) => ({ ...f, files: f.files ?? [], command: normalizeCommand(f.command) })),
    })),
  };
}

export function normalizeResult(raw: RepairResult | null | undefined): RepairResult {
  return {
    applied: raw?.applied ?? [],
    failed: raw?.failed ?? [],
    commands: (raw?.commands ?? []).flatMap((c) => {
      const n = normalizeCommand(c);
      return n ? [n] : [];
    }),
    remaining: raw?.remaining ?? 0,
  };
}

/** Falls back to the path the client sent when the server names no file. */
export function normalizeTraceAnalysis(raw: unknown, requested: string): TraceAnalysis {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const file = str(r.file);
  return { file: file === '' ? requested : file, problems: Math.max(0, Math.trunc(num(r.problems))) };
}

function normalizeCommand(c: ClientCommand | null | undefined): ClientCommand | null {
  return c ? { ...c, arguments: c.arguments ?? [] } : null;
}

// The notification gomend/checked, sent after every published diagnosis.

/** "static": published before the checks that run the go command finished (a "complete" publish follows). */
export type CheckPhase = 'static' | 'complete';

export interface GoVariable {
  name: string;
  value: string;
  /** Where the value comes from: "the environment", "go env -w in /home/u/.config/go/env", "go default", … */
  source: string;
}

export interface FolderEnvironment {
  /** Absolute folder path. */
  folder: string;
  /** path is "" when no go command was found; version like "1.26.8" or "". */
  go: { path: string; version: string };
  /** The gopls that would run (version "v0.24.0", goVersion "go1.26.8": the Go it was built with); null if none. */
  gopls: { path: string; version: string; goVersion: string } | null;
  /** Go variables in effect for gopls. */
  vars: GoVariable[];
}

/** Params of gomend/checked. phase, trusted and environment are absent from older servers. */
export interface CheckedParams {
  snapshot: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  durationMs: number;
  phase?: CheckPhase;
  /** VS Code workspace trust as the server saw it; false: the checks that run the go command were skipped. */
  trusted?: boolean;
  environment?: FolderEnvironment[];
}

/**
 * Accepts whatever arrives as gomend/checked params: null lists become empty lists, a null environment
 * counts as absent, and fields of the wrong type are dropped so an unexpected server cannot break the status bar.
 */
export function normalizeChecked(raw: unknown): CheckedParams {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: CheckedParams = {
    snapshot: num(r.snapshot),
    errors: num(r.errors),
    warnings: num(r.warnings),
    infos: num(r.infos),
    hints: num(r.hints),
    durationMs: num(r.durationMs),
  };
  if (r.phase === 'static' || r.phase === 'complete') out.phase = r.phase;
  if (typeof r.trusted === 'boolean') out.trusted = r.trusted;
  if (Array.isArray(r.environment)) out.environment = r.environment.map(normalizeFolderEnvironment);
  return out;
}

function normalizeFolderEnvironment(raw: unknown): FolderEnvironment {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const go = (r.go && typeof r.go === 'object' ? r.go : {}) as Record<string, unknown>;
  const gopls = r.gopls && typeof r.gopls === 'object' ? (r.gopls as Record<string, unknown>) : null;
  return {
    folder: str(r.folder),
    go: { path: str(go.path), version: str(go.version) },
    gopls: gopls ? { path: str(gopls.path), version: str(gopls.version), goVersion: str(gopls.goVersion) } : null,
    vars: (Array.isArray(r.vars) ? r.vars : []).map((v: unknown) => {
      const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
      return { name: str(o.name), value: str(o.value), source: str(o.source) };
    }),
  };
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
