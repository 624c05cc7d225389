// What the status bar item says. Pure, so the wording is unit-tested.
import type { CheckedParams, FolderEnvironment, GoVariable } from './protocol';

export type ServerState = 'starting' | 'checking' | 'running' | 'failed' | 'stopped';

/** What the latest gomend/checked said; an older server sends none of these fields. */
export type CheckedInfo = Pick<CheckedParams, 'phase' | 'trusted' | 'environment'>;

export interface StatusInput {
  state: ServerState;
  errors: number;
  warnings: number;
  checked?: CheckedInfo;
}

export interface StatusView {
  text: string;
  /** Plain text. */
  tooltip: string;
  /** The tooltip as Markdown (render untrusted, without theme icons): adds trust and each folder's Go environment. */
  tooltipMarkdown: string;
  /** Draw the item with the warning background. */
  alert: boolean;
}

const skippedNote = 'Checks that run the go command were skipped because the workspace is not trusted.';
const stillLoading = 'the checks that run the go command are still running.';

/** Only problems at warning or above count; info and hints do not make the workspace "broken". */
export function statusView(s: StatusInput): StatusView {
  switch (s.state) {
    case 'starting':
      return plainView('$(sync~spin) Go workspace: …', 'gomend is checking the Go workspace', false);
    case 'checking':
      return plainView('$(sync~spin) Go workspace: checking…', 'gomend is checking the Go workspace', false);
    case 'failed':
      return plainView('$(error) Go workspace: gomend failed', 'gomend could not start: see the gomend output', true);
    case 'stopped':
      return plainView('$(circle-slash) Go workspace: stopped', 'gomend is not running', false);
    case 'running':
      return runningView(s);
  }
}

function plainView(text: string, tooltip: string, alert: boolean): StatusView {
  return { text, tooltip, tooltipMarkdown: escapeMarkdown(tooltip), alert };
}

function runningView(s: StatusInput): StatusView {
  const c: CheckedInfo = s.checked ?? {};
  const problems = s.errors + s.warnings;
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
  const untrusted = c.trusted === false;
  let text: string;
  let summary: string;
  if (c.phase === 'static') {
    text = `$(sync~spin) Go workspace: ${problems === 0 ? '' : `${plural(problems, 'problem')}, `}loading…`;
    summary = problems === 0 ? `gomend found nothing wrong so far; ${stillLoading}` : `gomend: ${counts} so far; ${stillLoading}`;
  } else if (problems === 0) {
    text = untrusted ? '$(shield) Go workspace: OK (restricted)' : '$(check) Go workspace: OK';
    summary = 'gomend found nothing wrong.';
  } else {
    text = `$(warning) Go workspace: ${plural(problems, 'problem')}`;
    summary = `gomend: ${counts}.`;
  }
  const action = problems > 0 ? 'Click to repair.' : '';
  const tooltip = sentences(summary, untrusted ? skippedNote : '', action);

  const md = [escapeMarkdown(sentences(summary, action))];
  if (c.trusted !== undefined) md.push(c.trusted ? 'Workspace trusted: yes' : `Workspace trusted: no. ${skippedNote}`);
  const envs = c.environment ?? [];
  for (const e of envs) md.push(...folderMarkdown(e, envs.length > 1));
  return { text, tooltip, tooltipMarkdown: md.join('\n\n'), alert: problems > 0 };
}

function sentences(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

/** One folder's Go environment: a heading (only when there are several folders), go and gopls, the variables. */
function folderMarkdown(e: FolderEnvironment, heading: boolean): string[] {
  const out: string[] = [];
  if (heading) out.push(`#### ${escapeMarkdown(baseName(e.folder))}`);
  const go = e.go.path === '' ? '`go`: not found' : `\`go\` ${version(e.go.version)} at ${escapeMarkdown(e.go.path)}`;
  let gopls = '`gopls`: not found';
  if (e.gopls) {
    const built = e.gopls.goVersion === '' ? '' : ` (built with ${escapeMarkdown(e.gopls.goVersion)})`;
    gopls = `\`gopls\` ${version(e.gopls.version)}${built}`;
    if (e.gopls.path !== '') gopls += ` at ${escapeMarkdown(e.gopls.path)}`;
  }
  out.push(`- ${go}\n- ${gopls}`);
  if (e.vars.length > 0) out.push(varsTable(e.vars));
  return out;
}

function version(v: string): string {
  return v === '' ? '(version unknown)' : escapeMarkdown(v);
}

function varsTable(vars: GoVariable[]): string {
  const rows = vars.map(
    (v) => `| ${escapeMarkdown(v.name)} | ${escapeMarkdown(truncate(v.value))} | ${escapeMarkdown(v.source)} |`,
  );
  return ['| Variable | Value | Source |', '| --- | --- | --- |', ...rows].join('\n');
}

/**
 * Makes text from the server literal in Markdown, table cells included: backslash-escapes the characters
 * that format, link, open HTML or split a cell, `$` so that no `$(icon)` renders, and folds line breaks.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]|<>#~$&]/g, '\\$&');
}

/** Shortens text longer than max characters (code points) to max, the last one "…". */
export function truncate(s: string, max = 80): string {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/** The last element of a path, with / or \ separators (the server may run on Windows). */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]+/).filter((x) => x !== '');
  return parts.length > 0 ? parts[parts.length - 1]! : p;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
