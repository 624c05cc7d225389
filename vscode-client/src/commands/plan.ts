// Turns the server's repair plan into quick-pick entries and its result into a message. Pure: the
// vscode-specific parts (QuickPickItemKind, asRelativePath) stay in repair.ts.
import type { PlanFix, PlanProblem, RepairPlan, RepairResult } from '../protocol';
import { plural } from '../statusText';

export type PlanEntry =
  | { kind: 'separator'; label: string }
  | { kind: 'fix'; fixId: string; label: string; description: string; detail: string; picked: boolean };

export interface Grouped {
  entries: PlanEntry[];
  /** Problems that no selectable fix addresses: they need a person (see the report). */
  manualOnly: PlanProblem[];
}

/** A fix can be picked when the server can apply it (edits) or the client can run it (command). */
export function isSelectable(fix: PlanFix): boolean {
  return fix.applicability !== 'manual';
}

/**
 * One separator per problem ("<check> · <file>:<line>") followed by its selectable fixes, each with
 * the files it changes and what the problem is. Exact fixes are preselected; likely ones are
 * offered unticked. The separator shares its row with the first fix's title and VS Code lets it win,
 * so it stays short and the message goes on the detail line.
 */
export function groupPlan(plan: RepairPlan, relative: (file: string) => string): Grouped {
  const entries: PlanEntry[] = [];
  const manualOnly: PlanProblem[] = [];
  for (const problem of plan.problems) {
    const fixes = problem.fixes.filter(isSelectable);
    if (fixes.length === 0) {
      manualOnly.push(problem);
      continue;
    }
    entries.push({ kind: 'separator', label: `${problem.check} · ${relative(problem.file)}:${problem.range.start.line + 1}` });
    const what = summary(problem.message);
    for (const fix of fixes) {
      entries.push({
        kind: 'fix',
        fixId: fix.id,
        label: fix.title,
        description: fix.applicability,
        detail: [fixEffect(fix, relative), what].filter(Boolean).join(' · '),
        picked: fix.applicability === 'exact',
      });
    }
  }
  return { entries, manualOnly };
}

function fixEffect(fix: PlanFix, relative: (file: string) => string): string {
  if (fix.files.length > 0) return `changes ${fix.files.map(relative).join(', ')}`;
  return fix.command?.title ?? '';
}

export function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).trim();
}

const summaryMax = 80;

/** Messages read "what is wrong: what it breaks"; keep the first part, and at most summaryMax characters. */
export function summary(message: string): string {
  const line = firstLine(message);
  const colon = line.indexOf(': ');
  const head = colon > 0 ? line.slice(0, colon) : line;
  return head.length <= summaryMax ? head : `${head.slice(0, summaryMax - 1).trimEnd()}…`;
}

/** Problems with at least one applied fix: the "N" of "Repaired N problems". */
export function repairedProblemCount(plan: RepairPlan, result: Pick<RepairResult, 'applied'>): number {
  const applied = new Set(result.applied);
  return plan.problems.filter((p) => p.fixes.some((f) => applied.has(f.id))).length;
}

export function repairMessage(repaired: number, remaining: number): string {
  const verb = remaining === 1 ? 'needs' : 'need';
  return `Repaired ${plural(repaired, 'problem')}; ${remaining} ${verb} your attention`;
}
