// One scenario of e2e/capture-channels.sh: in a code-server that opened the scenario's folder with the
// gopls host (the vscode-go stand-in) installed, open the scenario's files as a user would (Ctrl+P),
// put the cursor one character into the hover word (Ctrl+G line:column) and ask for the hover
// (Ctrl+K Ctrl+I), then wait until gopls has gone quiet: the two channel logs have stopped growing.
// Env: CS_URL, MANIFEST (the scenario's .json from `gomend-bench capture -fixtures`), LOGS (the profile's
// logs directory), SHOTS, CHROME_TMP, CHROMIUM, TIMEOUT_MS, MIN_MS (the first wait lasts at least this,
// default 5000), QUIET_MS (no growth for this long = quiet, default 3000), MAX_MS (longest wait, 40000).
// Prints the two channel files found, as `CHANNEL <name> <path>`.
import { launch } from './browser.mjs';
import fs from 'node:fs';
import path from 'node:path';

const url = process.env.CS_URL ?? 'http://127.0.0.1:8080/';
const manifest = JSON.parse(fs.readFileSync(process.env.MANIFEST, 'utf8'));
const logs = process.env.LOGS;
const shots = process.env.SHOTS ?? path.resolve('shots');
const STEP = Number(process.env.TIMEOUT_MS ?? 60000);
const MIN = Number(process.env.MIN_MS ?? 5000);
const QUIET = Number(process.env.QUIET_MS ?? 3000);
const MAX = Number(process.env.MAX_MS ?? 40000);
if (!logs) throw new Error('LOGS is not set');
fs.mkdirSync(shots, { recursive: true });

const t0 = Date.now();
const mark = (step) => console.log(`[${String(Date.now() - t0).padStart(6)} ms] ${manifest.name}: ${step}`);

/** Every file under dir (recursively) whose name passes the test. */
function findFiles(dir, test) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && test(e.name)) out.push(path.join(e.parentPath ?? e.path, e.name));
  }
  return out;
}

/**
 * The channel's log file: a LogOutputChannel of golang.go is <exthost>/golang.go/<name>.log, a plain
 * output channel is <exthost>/output_logging_*\/<n>-<name>.log.
 */
function channelFile(name) {
  const files = findFiles(logs, (n) => n === `${name}.log` || n.endsWith(`-${name}.log`)).filter(
    (f) => f.includes(`${path.sep}golang.go${path.sep}`) || /output_logging_/.test(f),
  );
  return files.length === 1 ? files[0] : files.length > 1 ? files : undefined;
}

const size = (f) => (f ? fs.statSync(f).size : -1);

/** Waits for a condition by polling, with a deadline. */
async function until(what, fn, ms = STEP) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Returns once neither file has grown for QUIET ms and at least minAge ms have passed since from (or MAX has). */
async function quiet(files, from, minAge) {
  let sizes = files.map(size);
  let changed = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = Date.now();
    const s = files.map(size);
    if (s.some((v, i) => v !== sizes[i])) {
      sizes = s;
      changed = now;
    }
    if (now - from >= MAX) return `still growing after ${MAX} ms`;
    if (now - changed >= QUIET && now - from >= minAge) return `quiet for ${QUIET} ms`;
  }
}

const { page, close } = await launch(STEP);
const workbench = page.locator('.monaco-workbench');
const quickInput = page.locator('.quick-input-widget input');
const quickRows = page.locator('.quick-input-list .monaco-list-row');
const editor = page.locator('.editor-instance .monaco-editor').first();

async function quickOpen(rel) {
  const file = path.posix.basename(rel);
  const dir = path.posix.dirname(rel);
  await page.keyboard.press('Control+P');
  await quickInput.waitFor();
  await quickInput.fill(dir === '.' ? file : `${dir}/${file}`);
  // Enter opens the focused row: wait until the filtered list has focused this file (before filtering,
  // the focused row is the most recently opened file).
  let row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: file });
  if (dir !== '.') row = row.filter({ hasText: dir });
  await row.first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: file }).waitFor();
}

let failed = false;
try {
  await page.goto(url);
  await workbench.waitFor();
  mark('workbench rendered');
  // The extension activates on workspaceContains:**/go.mod and starts gopls: its channels appear.
  const server = await until('the "gopls (server)" channel log', () => {
    const f = channelFile('gopls (server)');
    return typeof f === 'string' && size(f) > 0 ? f : undefined;
  });
  mark(`gopls (server) channel: ${server}`);
  await workbench.click({ position: { x: 700, y: 450 } });
  const opened = Date.now();
  for (const rel of manifest.open) {
    await quickOpen(rel);
    mark(`opened ${rel}`);
  }
  const trace = await until('the "gopls" channel log', () => {
    const f = channelFile('gopls');
    return typeof f === 'string' ? f : undefined;
  });
  mark(`gopls channel: ${trace}`);
  mark(`after opening: ${await quiet([server, trace], opened, MIN)}`);

  // The hover, one character into the word, in the file that has it.
  const { file, line, character, word } = manifest.hover;
  await quickOpen(file);
  await page.keyboard.press('Control+G');
  await quickInput.waitFor();
  await quickInput.fill(`:${line + 1}:${character + 1}`);
  await page.keyboard.press('Enter');
  await editor.locator('.view-lines').waitFor();
  const hovered = Date.now();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await until(`a textDocument/hover in the gopls channel`, () => fs.readFileSync(trace, 'utf8').includes("'textDocument/hover"));
  mark(`hover on ${word} at ${line}:${character} sent`);
  await page.screenshot({ path: path.join(shots, `${manifest.name}.png`) });
  mark(`after the hover: ${await quiet([server, trace], hovered, 0)}`);
  console.log(`CHANNEL server ${server}`);
  console.log(`CHANNEL trace ${trace}`);
} catch (e) {
  failed = true;
  console.log(`FAIL: ${manifest.name}: ${e.message}`);
  await page.screenshot({ path: path.join(shots, `${manifest.name}-failure.png`) }).catch(() => {});
} finally {
  await close();
}
process.exit(failed ? 1 : 0);
