// What the status bar item says. Pure, so the wording is unit-tested.

export type ServerState = 'starting' | 'checking' | 'running' | 'failed' | 'stopped';

export interface StatusInput {
  state: ServerState;
  errors: number;
  warnings: number;
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** Draw the item with the warning background. */
  alert: boolean;
}

/** Only problems at warning or above count; info and hints do not make the workspace "broken". */
export function statusView(s: StatusInput): StatusView {
  switch (s.state) {
    case 'starting':
      return { text: '$(sync~spin) Go workspace: …', tooltip: 'gomend is checking the Go workspace', alert: false };
    case 'checking':
      return { text: '$(sync~spin) Go workspace: checking…', tooltip: 'gomend is checking the Go workspace', alert: false };
    case 'failed':
      return { text: '$(error) Go workspace: gomend failed', tooltip: 'gomend could not start: see the gomend output', alert: true };
    case 'stopped':
      return { text: '$(circle-slash) Go workspace: stopped', tooltip: 'gomend is not running', alert: false };
    case 'running': {
      const problems = s.errors + s.warnings;
      if (problems === 0) {
        return { text: '$(check) Go workspace: OK', tooltip: 'gomend found nothing wrong', alert: false };
      }
      return {
        text: `$(warning) Go workspace: ${plural(problems, 'problem')}`,
        tooltip: `gomend: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}. Click to repair.`,
        alert: true,
      };
    }
  }
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
