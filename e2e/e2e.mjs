// The gomend extension in a real VS Code (code-server), driven through headless Chromium.
// Scenario: go.work forgets ./tools -> warning on tools/go.mod -> quick fix -> go.work on disk uses it;
// then go.work gains a `use ./missing` from outside -> "Repair Go workspace" removes it; then the
// app module opened through a symlink -> folder-via-symlink -> "Reopen folder at its real path";
// then a .code-workspace listing the workspace twice -> duplicate-folder -> its quick fix; then a
// devcontainer.json whose workspaceFolder is outside its workspaceMount -> its quick fix; then a module
// whose vendor/modules.txt disagrees with go.mod -> vendor-inconsistent (from the go command) -> "Run go mod
// vendor" runs it; then a gopls trace opened in the editor gets its diagnostics; then "Capture a gopls
// trace" drives the real gopls through the Go extension's language client (e2e/gopls-host, a test stand-in
// for vscode-go) and its trace is analyzed.
// Env: CS_URL, WORKSPACE (the folder code-server opened), SHOTS, CHROME_TMP, CHROMIUM, TIMEOUT_MS, GOPLS (the
// gopls binary the stand-in runs in the capture scenario).
// Never sleeps to synchronise: every step waits for a condition, with a deadline.
import { launch } from './browser.mjs';
import fs from 'node:fs';
import path from 'node:path';

const url = process.env.CS_URL ?? 'http://127.0.0.1:8080/';
const workspace = process.env.WORKSPACE;
const shots = process.env.SHOTS ?? path.resolve('shots');
const STEP = Number(process.env.TIMEOUT_MS ?? 60000);
if (!workspace) throw new Error('WORKSPACE is not set');
const goWork = path.join(workspace, 'go.work');
fs.mkdirSync(shots, { recursive: true });

const t0 = Date.now();
const timings = {};
const mark = (step) => {
  timings[step] = Date.now() - t0;
  console.log(`[${String(timings[step]).padStart(6)} ms] ${step}`);
};

/** Polls the file on disk until it satisfies the predicate. */
async function waitForFile(file, predicate, what) {
  const deadline = Date.now() + STEP;
  for (;;) {
    // A file not there yet (a log gopls has still to create), or read mid-write so that the predicate's
    // JSON.parse fails, is waited for like any other.
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
      if (predicate(text)) return text;
    } catch (e) {
      if (e.code !== 'ENOENT' && !(e instanceof SyntaxError)) throw e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: ${file} is ${text === undefined ? 'missing' : JSON.stringify(text)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const { page, close } = await launch(STEP);
page.on('pageerror', (e) => console.log('pageerror:', e.message.slice(0, 300)));
const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`) });

const workbench = page.locator('.monaco-workbench');
const quickInput = page.locator('.quick-input-widget input');
const quickRows = page.locator('.quick-input-list .monaco-list-row');
const editor = page.locator('.editor-instance .monaco-editor').first();
const status = page.locator('.statusbar-item', { hasText: 'Go workspace:' });
const problemRow = (code) => page.locator('.markers-panel .monaco-list-row', { hasText: code });
const toast = (text) => page.locator('.notifications-toasts .notification-list-item-message', { hasText: text });

async function quickOpen(file, dir) {
  await page.keyboard.press('Control+P');
  await quickInput.waitFor();
  await quickInput.fill(dir ? `${dir}/${file}` : file);
  await quickRows.filter({ hasText: file }).filter({ hasText: dir ?? '' }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens the quick-fix menu at the cursor (Ctrl+.) and chooses the action with this title. */
async function chooseQuickFix(title) {
  await page.keyboard.press('Control+Period');
  const action = page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first();
  await action.waitFor();
  // The action widget covers the page with an invisible pointer block until the mouse moves.
  const box = await action.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await action.click();
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  await quickInput.waitFor();
  await page.keyboard.type(title);
  await quickRows.filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

let failed = false;
try {
  await page.goto(url);
  await workbench.waitFor();
  mark('workbench rendered');

  // 1. The extension activated (workspaceContains:**/go.mod), found the bundled server, and started it.
  // The first diagnosis must report the forgotten module: never a premature "OK".
  await status.filter({ hasText: /Go workspace: (OK|\d+ problems?)\s*$/ }).waitFor();
  const first = (await status.textContent())?.trim() || '';
  mark(`status bar: ${first}`);
  if (!/Go workspace: 1 problem$/.test(first)) throw new Error(`first status should be "1 problem", got "${first}"`);

  // 2. tools/go.mod: warning squiggle on its module line, listed in the Problems panel.
  await workbench.click({ position: { x: 700, y: 450 } });
  await quickOpen('go.mod', 'tools');
  await editor.locator('.view-lines', { hasText: 'module example.com/tools' }).waitFor();
  await editor.locator('.squiggly-warning').first().waitFor();
  mark('warning squiggle on tools/go.mod');
  await page.keyboard.press('Control+Shift+M');
  await problemRow('gowork-missing-module').first().waitFor();
  mark('Problems panel lists gowork-missing-module');
  await status.filter({ hasText: /Go workspace: \d+ problems?/ }).waitFor();
  await shot('01-missing-module');

  // 3. Quick fix on line 1 (Ctrl+.), then go.work on disk must use ./tools.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Period');
  const fix = page.locator('.action-widget .monaco-list-row.action', { hasText: 'Use this module in your go.work file' }).first();
  await fix.waitFor();
  await shot('02-quickfix-menu');
  // The action widget covers the page with an invisible pointer block until the mouse moves.
  const box = await fix.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await fix.click();
  mark('quick fix chosen');
  // VS Code leaves the edited go.work unsaved (files.refactoring.autoSave only saves edits that touch
  // more than one file): open it and save explicitly, then check the disk.
  await quickOpen('go.work');
  await editor.locator('.view-lines', { hasText: './tools' }).waitFor();
  await page.keyboard.press('Control+S');
  const fixed = await waitForFile(goWork, (t) => t.includes('./tools'), 'go.work should use ./tools');
  // VS Code writes, then reads back the file's stat, then marks the model (and its tab) clean. A write
  // from outside before that stat is taken for VS Code's own save: the editor never reloads, and the
  // server, which follows the open buffer, never sees it (CI hit this once). So wait for the clean tab.
  await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'go.work' }).waitFor();
  mark('go.work on disk uses ./tools');
  await problemRow('gowork-missing-module').first().waitFor({ state: 'detached' });
  await status.filter({ hasText: 'Go workspace: OK' }).waitFor();
  mark('gowork-missing-module gone, status OK');
  await shot('03-quickfix-applied');

  // 4. An outside change (as from git): go.work gains a use of a directory that does not exist.
  fs.writeFileSync(goWork, fixed.replace(/\n*$/, '\n') + 'use ./missing\n');
  await editor.locator('.view-lines', { hasText: './missing' }).waitFor();
  mark('the go.work editor shows the outside change');
  await problemRow('gowork-use-missing').first().waitFor();
  mark('Problems panel lists gowork-use-missing');

  await runCommand('Repair Go workspace');
  // The plan: one group per problem, the exact fix preselected.
  const removeUse = quickRows.filter({ hasText: /remove/i }).first();
  await removeUse.waitFor();
  // Multi-select rows carry role=checkbox and aria-checked.
  const checked = await removeUse.getAttribute('aria-checked');
  if (checked !== 'true') throw new Error(`the exact fix for gowork-use-missing should be preselected (aria-checked=${checked})`);
  mark('repair quick pick shows the fix, preselected');
  await shot('04-repair-pick');
  await page.keyboard.press('Enter');
  await waitForFile(goWork, (t) => !t.includes('./missing'), 'go.work should no longer use ./missing');
  mark('go.work on disk no longer uses ./missing');
  await problemRow('gowork-use-missing').first().waitFor({ state: 'detached' });
  await toast('Repaired').waitFor();
  await page.locator('.notifications-toasts .notification-toast.notification-fade-in-done').first().waitFor();
  await status.filter({ hasText: 'Go workspace: OK' }).waitFor();
  mark(`repaired: "${(await toast('Repaired').textContent())?.trim()}"`);
  await shot('05-repaired');
  console.log('go.work on disk:', JSON.stringify(fs.readFileSync(goWork, 'utf8')));

  // 6. The toast's "Show report" button opens the server's Markdown report, read-only.
  await page.locator('.notifications-toasts .monaco-button', { hasText: 'Show report' }).first().click();
  await page.locator('.tab', { hasText: 'Go workspace report.md' }).waitFor();
  await editor.locator('.view-lines', { hasText: '#' }).waitFor();
  mark('report open');
  await shot('06-report');

  // 7. The module opened through a symlink (app-link -> ws/app): folder-via-symlink on its go.mod,
  // and the "Reopen folder at its real path" fix reopens the window at ws/app.
  const appReal = path.join(workspace, 'app');
  const appLink = path.join(path.dirname(workspace), 'app-link');
  fs.symlinkSync(appReal, appLink);
  await page.goto(`${url}?folder=${encodeURIComponent(appLink)}`);
  await workbench.waitFor();
  await status.filter({ hasText: /Go workspace: \d+ problems?/ }).waitFor();
  await workbench.click({ position: { x: 700, y: 450 } });
  await quickOpen('go.mod');
  await editor.locator('.view-lines', { hasText: 'module example.com/app' }).waitFor();
  await editor.locator('.squiggly-warning').first().waitFor();
  await page.keyboard.press('Control+Shift+M');
  await problemRow('folder-via-symlink').first().waitFor();
  mark('folder-via-symlink on go.mod opened through app-link');
  await shot('07-folder-via-symlink');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await chooseQuickFix('Reopen folder at its real path');
  await page.waitForURL((u) => new URL(u).searchParams.get('folder') === appReal);
  await workbench.waitFor();
  await status.filter({ hasText: /Go workspace: (OK|\d+ problems?)$/ }).waitFor();
  mark(`reopened at the real path: ${new URL(page.url()).searchParams.get('folder')}`);
  await shot('08-reopened');

  // 8. A .code-workspace that lists the same directory twice, the second time through a link
  // (ws-link -> ws): duplicate-folder on that entry, and its quick fix removes it.
  const wsLink = path.join(path.dirname(workspace), 'ws-link');
  fs.symlinkSync(workspace, wsLink);
  const dupFile = path.join(workspace, 'dup.code-workspace');
  fs.writeFileSync(dupFile, '{\n\t"folders": [\n\t\t{"path": "."},\n\t\t{"path": "../ws-link"}, // the same, again\n\t],\n}\n');
  await page.goto(`${url}?workspace=${encodeURIComponent(dupFile)}`);
  await workbench.waitFor();
  await status.filter({ hasText: /Go workspace: \d+ problems?/ }).waitFor();
  await workbench.click({ position: { x: 700, y: 450 } });
  await page.keyboard.press('Control+Shift+M');
  const dupRow = problemRow('duplicate-folder').first();
  await dupRow.waitFor();
  mark('Problems panel lists duplicate-folder');
  await dupRow.dblclick();
  await editor.locator('.view-lines', { hasText: 'ws-link' }).waitFor();
  await editor.locator('.squiggly-warning').first().waitFor();
  await shot('09-duplicate-folder');
  await chooseQuickFix('Remove this folder entry');
  await editor.locator('.view-lines', { hasText: 'ws-link' }).waitFor({ state: 'detached' });
  await page.keyboard.press('Control+S');
  await waitForFile(dupFile, (t) => !t.includes('ws-link') && t.includes('"."'), 'dup.code-workspace should list "." alone');
  mark('duplicate entry removed on disk');
  await problemRow('duplicate-folder').first().waitFor({ state: 'detached' });
  mark('duplicate-folder gone');
  await shot('10-duplicate-removed');
  console.log('dup.code-workspace on disk:', JSON.stringify(fs.readFileSync(dupFile, 'utf8')));

  // 9. A dev container that mounts the project at /src/app but opens /workspaces/app: the error
  // squiggle is on the workspaceFolder value, and the quick fix rewrites it to the mounted path.
  const dcFile = path.join(workspace, '.devcontainer', 'devcontainer.json');
  fs.mkdirSync(path.dirname(dcFile), { recursive: true });
  fs.writeFileSync(dcFile, '{\n\t"image": "golang:1.22",\n\t"workspaceMount": "source=${localWorkspaceFolder},target=/src/app,type=bind",\n\t"workspaceFolder": "/workspaces/app" // opens an empty folder\n}\n');
  const dcRow = problemRow('devcontainer-workspace-outside-mount').first();
  await dcRow.waitFor();
  mark('Problems panel lists devcontainer-workspace-outside-mount');
  // Opening the problem puts the cursor on the diagnostic, the workspaceFolder value.
  await dcRow.dblclick();
  await editor.locator('.view-lines', { hasText: 'workspaceFolder' }).waitFor();
  await editor.locator('.squiggly-error').first().waitFor();
  await shot('11-devcontainer-outside-mount');
  await chooseQuickFix('Set workspaceFolder inside the workspace mount');
  await editor.locator('.view-lines', { hasText: '"/src/app"' }).waitFor();
  await page.keyboard.press('Control+S');
  await waitForFile(dcFile, (t) => t.includes('"workspaceFolder": "/src/app" // opens an empty folder'), 'devcontainer.json should open /src/app');
  mark('workspaceFolder rewritten on disk');
  await problemRow('devcontainer-workspace-outside-mount').first().waitFor({ state: 'detached' });
  mark('devcontainer-workspace-outside-mount gone');
  await shot('12-devcontainer-fixed');

  // 10. The checks that run the go command (the workspace is trusted): a module whose vendor/modules.txt
  // disagrees with go.mod. The complete diagnosis (published after the static one) reports
  // vendor-inconsistent on go.mod; the quick fix "Run go mod vendor" runs the go command in the module
  // (the server's gomend.runGo), which rewrites vendor/modules.txt, and the recheck clears the problem.
  const vendApp = path.join(path.dirname(workspace), 'vendapp');
  const vendDep = path.join(path.dirname(workspace), 'vendep');
  fs.mkdirSync(path.join(vendApp, 'vendor', 'example.com', 'dep'), { recursive: true });
  fs.mkdirSync(vendDep, { recursive: true });
  fs.writeFileSync(path.join(vendDep, 'go.mod'), 'module example.com/dep\n\ngo 1.22\n');
  fs.writeFileSync(path.join(vendDep, 'dep.go'), 'package dep\n\nfunc Run() {}\n');
  fs.writeFileSync(path.join(vendApp, 'go.mod'), 'module example.com/vendapp\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n\nreplace example.com/dep => ../vendep\n');
  fs.writeFileSync(path.join(vendApp, 'main.go'), 'package main\n\nimport "example.com/dep"\n\nfunc main() { dep.Run() }\n');
  const modulesTxt = path.join(vendApp, 'vendor', 'modules.txt');
  fs.writeFileSync(modulesTxt, '# example.com/dep v1.1.0\n## explicit; go 1.22\nexample.com/dep\n');
  fs.writeFileSync(path.join(vendApp, 'vendor', 'example.com', 'dep', 'dep.go'), 'package dep\n\nfunc Run() {}\n');
  await page.goto(`${url}?folder=${encodeURIComponent(vendApp)}`);
  await workbench.waitFor();
  await workbench.click({ position: { x: 700, y: 450 } });
  await page.keyboard.press('Control+Shift+M');
  const vendRow = problemRow('vendor-inconsistent').first();
  await vendRow.waitFor();
  mark('Problems panel lists vendor-inconsistent (from the go command)');
  await vendRow.dblclick();
  await editor.locator('.view-lines', { hasText: 'module example.com/vendapp' }).waitFor();
  await editor.locator('.squiggly-warning').first().waitFor();
  await status.filter({ hasText: /Go workspace: 1 problem\s*$/ }).waitFor();
  await shot('13-vendor-inconsistent');
  await chooseQuickFix('Run go mod vendor');
  await waitForFile(modulesTxt, (t) => t.includes('example.com/dep v1.0.0 => ../vendep'), 'go mod vendor should rewrite vendor/modules.txt');
  mark('go mod vendor ran: vendor/modules.txt rewritten');
  await toast('go mod vendor finished').waitFor();
  await problemRow('vendor-inconsistent').first().waitFor({ state: 'detached' });
  await status.filter({ hasText: 'Go workspace: OK' }).waitFor();
  mark('vendor-inconsistent gone, status OK');
  await shot('14-vendored');
  // The status bar tooltip shows the trust state and the environment gopls would get, with the go
  // command's own defaults (from go env -json) for what nothing sets.
  await status.hover();
  const hover = page.locator('.monaco-hover', { hasText: 'Workspace trusted: yes' }).first();
  await hover.waitFor();
  await hover.locator('td', { hasText: 'GOMODCACHE' }).waitFor();
  await hover.locator('td', { hasText: 'go default' }).first().waitFor();
  mark('status tooltip: trusted, the environment with its sources');
  await shot('15-status-tooltip');
  await page.keyboard.press('Escape');

  // 11. A gopls trace opened in the editor (cut from a real one: GOCACHE under a regular file) gets
  // diagnostics: the evidence is reported as cache-unwritable, on the trace line that shows it.
  const traceFile = path.join(vendApp, 'gopls.log');
  fs.copyFileSync(new URL('./traces/gopls-gocache.log', import.meta.url), traceFile);
  await workbench.click({ position: { x: 700, y: 450 } });
  await quickOpen('gopls.log');
  await editor.locator('.view-lines', { hasText: 'Trace' }).first().waitFor();
  await page.keyboard.press('Control+Shift+M');
  await problemRow('cache-unwritable').first().waitFor();
  mark('an open gopls trace: cache-unwritable on its line');
  await shot('16-trace');

  // 12. "Capture a gopls trace" with the Go extension's language client (e2e/gopls-host: a test stand-in for
  // vscode-go, which cannot be installed here, running the real gopls through the real vscode-languageclient).
  // A module whose go.toolsEnvVars (which vscode-go passes to gopls) turn modules off, and which already has a
  // gopls flag: the command adds -rpc.trace and -logfile to go.languageServerFlags and restarts gopls, which
  // writes its trace; Analyze puts the setting back and shows what the trace says, on the trace.
  const gopls = process.env.GOPLS;
  if (!gopls) throw new Error('GOPLS is not set');
  const offDir = path.join(path.dirname(workspace), 'gomodoff');
  fs.mkdirSync(path.join(offDir, '.vscode'), { recursive: true });
  fs.mkdirSync(path.join(offDir, 'util'), { recursive: true });
  fs.writeFileSync(path.join(offDir, 'go.mod'), 'module example.com/gomodoff\n\ngo 1.22\n');
  fs.writeFileSync(path.join(offDir, 'main.go'), 'package main\n\nimport "example.com/gomodoff/util"\n\nfunc main() { println(util.Name) }\n');
  fs.writeFileSync(path.join(offDir, 'util', 'util.go'), 'package util\n\nconst Name = "util"\n');
  const offSettings = path.join(offDir, '.vscode', 'settings.json');
  const flagsBefore = ['-v'];
  fs.writeFileSync(offSettings, JSON.stringify({
    'goplsHost.path': gopls,
    'go.toolsEnvVars': { GO111MODULE: 'off' },
    'go.languageServerFlags': flagsBefore,
  }, null, 2) + '\n');
  const flagsOnDisk = () => JSON.parse(fs.readFileSync(offSettings, 'utf8'))['go.languageServerFlags'];
  const captureStart = Date.now();
  await page.goto(`${url}?folder=${encodeURIComponent(offDir)}`);
  await workbench.waitFor();
  await status.filter({ hasText: /Go workspace: (OK|\d+ problems?)\s*$/ }).waitFor();
  await workbench.click({ position: { x: 700, y: 450 } });
  await runCommand('Capture a gopls trace');
  const capturing = toast('gopls is writing a trace to');
  await capturing.waitFor();
  const written = await waitForFile(offSettings, (t) => /-rpc\.trace/.test(t) && /-logfile=/.test(t), 'go.languageServerFlags should trace');
  const flags = JSON.parse(written)['go.languageServerFlags'];
  const logFile = flags.find((f) => f.startsWith('-logfile='))?.slice('-logfile='.length);
  if (JSON.stringify(flags) !== JSON.stringify([...flagsBefore, '-rpc.trace', `-logfile=${logFile}`])) {
    throw new Error(`go.languageServerFlags while capturing: ${JSON.stringify(flags)}`);
  }
  mark(`capturing: go.languageServerFlags ${JSON.stringify(flags)}`);
  // The restarted gopls writes its trace; its view shows the environment the Go extension gave it.
  await waitForFile(logFile, (t) => t.includes('Created View') && t.includes('GO111MODULE'), 'gopls should write its trace');
  mark('the real gopls wrote its trace');
  await page.locator('.notifications-toasts .notification-toast.notification-fade-in-done').first().waitFor();
  await shot('17-capturing');
  await page.locator('.notifications-toasts .monaco-button', { hasText: 'Analyze' }).first().click();
  const analyzed = toast(/gomend found \d+ problems? in gomend-gopls-/);
  await analyzed.waitFor();
  await page.locator('.tab.active', { hasText: path.basename(logFile) }).waitFor();
  // The finding on the trace (gomend also finds go.toolsEnvVars's GO111MODULE=off in settings.json).
  await problemRow('gomodule-off').filter({ hasText: 'gopls loads' }).first().waitFor();
  mark(`analyzed: "${(await analyzed.textContent())?.trim()}"`);
  await waitForFile(offSettings, (t) => JSON.stringify(JSON.parse(t)['go.languageServerFlags']) === JSON.stringify(flagsBefore),
    'go.languageServerFlags should be restored');
  mark(`go.languageServerFlags restored: ${JSON.stringify(flagsOnDisk())} (capture took ${Date.now() - captureStart} ms)`);
  await page.locator('.notifications-toasts .notification-toast.notification-fade-in-done').first().waitFor();
  await shot('18-capture-analyzed');
  console.log('PASS');
} catch (e) {
  failed = true;
  console.log('FAIL:', e.message);
  await shot('zz-failure').catch(() => {});
  console.log('status bar:', await status.textContent({ timeout: 1000 }).catch(() => '?'));
  console.log('go.work on disk:', JSON.stringify(fs.readFileSync(goWork, 'utf8')));
} finally {
  console.log('TIMINGS_JSON ' + JSON.stringify(timings));
  await close();
}
process.exit(failed ? 1 : 0);
