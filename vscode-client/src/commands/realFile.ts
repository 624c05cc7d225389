// The pure half of gomend.openRealFile: which arguments it takes and which
// editor tabs show the linked path. Kept free of the vscode module so it is
// unit-tested with node --test.

/** The server's arguments: the path as the editor opened it, and the real path. */
export interface RealFileArgs {
  readonly linked: string;
  readonly real: string;
}

export function parseRealFileArgs(args: readonly unknown[]): RealFileArgs {
  const [linked, real] = args;
  if (typeof linked !== 'string' || typeof real !== 'string' || linked === '' || real === '') {
    throw new Error('gomend.openRealFile needs the linked path and the real path');
  }
  if (linked === real) throw new Error(`${linked} is already its real path`);
  return { linked, real };
}

/**
 * samePath compares two file system paths as the editor's tabs spell them.
 * On Windows the drive letter's case and the separators vary (fsPath lower-cases
 * the drive); elsewhere paths are compared exactly: a case-insensitive macOS
 * volume still keys documents by the spelling they were opened with, which is
 * exactly what path-case-mismatch is about.
 */
export function samePath(a: string, b: string, platform: string): boolean {
  if (platform !== 'win32') return a === b;
  const norm = (p: string) => p.replace(/\//g, '\\').replace(/^([a-zA-Z]):/, (_m, d: string) => `${d.toLowerCase()}:`);
  return norm(a) === norm(b);
}

/** Indices of the tabs (by their document's fsPath, undefined for non-text tabs) that show the linked path. */
export function tabsShowing(tabPaths: readonly (string | undefined)[], linked: string, platform: string): number[] {
  const out: number[] = [];
  tabPaths.forEach((p, i) => {
    if (p !== undefined && samePath(p, linked, platform)) out.push(i);
  });
  return out;
}
