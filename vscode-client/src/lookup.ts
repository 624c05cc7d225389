// Where the gomend binary may be, in the order we try it. Pure: the caller injects env, fs and platform.
import * as path from 'node:path';

export type CandidateSource = 'GOMEND_SERVER' | 'gomend.server.path' | 'bundled' | 'PATH';

export interface Candidate {
  path: string;
  source: CandidateSource;
  /** Set explicitly by the user: when it does not work, say so rather than fall back silently. */
  explicit: boolean;
}

export interface LookupInput {
  env: Readonly<Record<string, string | undefined>>;
  /** The gomend.server.path setting; empty means unset. */
  settingPath: string;
  extensionPath: string;
  platform: NodeJS.Platform;
  arch: string;
  isFile(p: string): boolean;
}

/** The bundled binary's folder name: `bin/<platform>-<arch>`, e.g. linux-x64, darwin-arm64, win32-x64. */
export function platformKey(platform: NodeJS.Platform, arch: string): string {
  return `${platform}-${arch}`;
}

export function binaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'gomend.exe' : 'gomend';
}

/**
 * Lists the binaries to try, best first: $GOMEND_SERVER, the gomend.server.path setting, the binary
 * bundled in the extension, then gomend on PATH. Explicit choices are listed even when they do not
 * exist, so the caller can report them; bundled and PATH entries only when they are files.
 */
export function serverCandidates(input: LookupInput): Candidate[] {
  const p = input.platform === 'win32' ? path.win32 : path.posix;
  const home = input.env['HOME'] ?? input.env['USERPROFILE'];
  const out: Candidate[] = [];

  const fromEnv = input.env['GOMEND_SERVER']?.trim();
  if (fromEnv) out.push({ path: expandHome(fromEnv, home, p), source: 'GOMEND_SERVER', explicit: true });

  const fromSetting = input.settingPath.trim();
  if (fromSetting) out.push({ path: expandHome(fromSetting, home, p), source: 'gomend.server.path', explicit: true });

  const exe = binaryName(input.platform);
  const bundled = p.join(input.extensionPath, 'bin', platformKey(input.platform, input.arch), exe);
  if (input.isFile(bundled)) out.push({ path: bundled, source: 'bundled', explicit: false });

  const pathVar = input.env['PATH'] ?? input.env['Path'] ?? '';
  for (const dir of pathVar.split(p.delimiter)) {
    if (!dir) continue;
    const candidate = p.join(dir, exe);
    if (input.isFile(candidate)) {
      out.push({ path: candidate, source: 'PATH', explicit: false });
      break; // Like a shell: the first match on PATH is the one that would run.
    }
  }
  return out;
}

function expandHome(file: string, home: string | undefined, p: path.PlatformPath): string {
  if (home && (file === '~' || file.startsWith('~/') || file.startsWith('~\\'))) {
    return p.join(home, file.slice(1));
  }
  return file;
}

/** The one error message shown when no candidate works. */
export function notFoundMessage(tried: readonly { candidate: Candidate; reason: string }[], key: string): string {
  const bundledHint = `this build of the extension has no server for ${key}`;
  if (tried.length === 0) {
    return `gomend: no server found (${bundledHint} and gomend is not on PATH). ` +
      'Install it with `go install github.com/gomend/gomend/cmd/gomend@latest` or set gomend.server.path.';
  }
  const details = tried.map((t) => `${t.candidate.path} (${t.candidate.source}): ${t.reason}`).join('; ');
  return `gomend: no working server. Tried ${details}. ` +
    'Fix gomend.server.path or $GOMEND_SERVER, or install gomend with `go install github.com/gomend/gomend/cmd/gomend@latest`.';
}
