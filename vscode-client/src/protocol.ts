// The shapes gomend's server returns from workspace/executeCommand (docs/lsp.md is the contract).

/** Server-side command names, sent with workspace/executeCommand. */
export const ServerCommand = {
  repairWorkspace: 'gomend.repairWorkspace',
  explain: 'gomend.explain',
  report: 'gomend.report',
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

function normalizeCommand(c: ClientCommand | null | undefined): ClientCommand | null {
  return c ? { ...c, arguments: c.arguments ?? [] } : null;
}
