import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseName, escapeMarkdown, plural, statusView, truncate } from '../src/statusText';

test('starting', () => {
  assert.match(statusView({ state: 'starting', errors: 0, warnings: 0 }).text, /Go workspace: …$/);
});

test('running but not yet checked never claims OK', () => {
  const v = statusView({ state: 'checking', errors: 0, warnings: 0 });
  assert.match(v.text, /Go workspace: checking…$/);
  assert.doesNotMatch(v.text, /OK/);
});

test('no problems at warning or above is OK', () => {
  const v = statusView({ state: 'running', errors: 0, warnings: 0 });
  assert.match(v.text, /Go workspace: OK$/);
  assert.equal(v.alert, false);
});

test('errors and warnings both count; singular and plural', () => {
  assert.match(statusView({ state: 'running', errors: 0, warnings: 1 }).text, /Go workspace: 1 problem$/);
  const v = statusView({ state: 'running', errors: 2, warnings: 1 });
  assert.match(v.text, /Go workspace: 3 problems$/);
  assert.equal(v.tooltip, 'gomend: 2 errors, 1 warning. Click to repair.');
  assert.equal(v.alert, true);
});

test('a failed server says so, whatever the counts', () => {
  assert.match(statusView({ state: 'failed', errors: 3, warnings: 0 }).text, /gomend failed/);
});

test('plural', () => {
  assert.equal(plural(0, 'warning'), '0 warnings');
  assert.equal(plural(1, 'problem'), '1 problem');
});

// What a new server sends in gomend/checked; fields absent from older servers.
const env = (folder: string, vars: { name: string; value: string; source: string }[] = []) => ({
  folder,
  go: { path: '/usr/local/go/bin/go', version: '1.26.8' },
  gopls: { path: '/home/u/go/bin/gopls', version: 'v0.24.0', goVersion: 'go1.26.8' },
  vars,
});

test('every state has a Markdown tooltip', () => {
  for (const state of ['starting', 'checking', 'running', 'failed', 'stopped'] as const) {
    const v = statusView({ state, errors: 0, warnings: 0 });
    assert.ok(v.tooltipMarkdown.length > 0, state);
  }
});

test('static phase: problems so far, still loading', () => {
  const none = statusView({ state: 'running', errors: 0, warnings: 0, checked: { phase: 'static' } });
  assert.equal(none.text, '$(sync~spin) Go workspace: loading…');
  assert.doesNotMatch(none.text, /OK/);
  assert.equal(none.alert, false);
  const some = statusView({ state: 'running', errors: 1, warnings: 1, checked: { phase: 'static', trusted: true } });
  assert.equal(some.text, '$(sync~spin) Go workspace: 2 problems, loading…');
  assert.match(some.tooltip, /^gomend: 1 error, 1 warning so far; the checks that run the go command are still running\. Click to repair\.$/);
  assert.equal(some.alert, true);
});

test('complete phase reads as before', () => {
  assert.equal(statusView({ state: 'running', errors: 0, warnings: 0, checked: { phase: 'complete', trusted: true } }).text, '$(check) Go workspace: OK');
  assert.equal(statusView({ state: 'running', errors: 1, warnings: 0, checked: { phase: 'complete' } }).text, '$(warning) Go workspace: 1 problem');
});

test('untrusted: OK is restricted and the tooltip says what was skipped', () => {
  const v = statusView({ state: 'running', errors: 0, warnings: 0, checked: { phase: 'complete', trusted: false } });
  assert.equal(v.text, '$(shield) Go workspace: OK (restricted)');
  assert.equal(v.alert, false);
  assert.equal(v.tooltip, 'gomend found nothing wrong. Checks that run the go command were skipped because the workspace is not trusted.');
  assert.match(v.tooltipMarkdown, /^Workspace trusted: no\. Checks that run the go command were skipped because the workspace is not trusted\.$/m);

  const p = statusView({ state: 'running', errors: 0, warnings: 2, checked: { trusted: false } });
  assert.equal(p.text, '$(warning) Go workspace: 2 problems');
  assert.equal(p.tooltip, 'gomend: 0 errors, 2 warnings. Checks that run the go command were skipped because the workspace is not trusted. Click to repair.');
});

test('trusted: the Markdown says so, the text does not change', () => {
  const v = statusView({ state: 'running', errors: 0, warnings: 0, checked: { trusted: true } });
  assert.equal(v.text, '$(check) Go workspace: OK');
  assert.equal(v.tooltipMarkdown, 'gomend found nothing wrong.\n\nWorkspace trusted: yes');
});

test('one folder: go, gopls and the variables table, no heading', () => {
  const v = statusView({
    state: 'running', errors: 0, warnings: 0,
    checked: {
      phase: 'complete', trusted: true,
      environment: [env('/home/u/proj', [
        { name: 'GOFLAGS', value: '-mod=vendor', source: 'go.toolsEnvVars in .vscode/settings.json' },
        { name: 'GOPROXY', value: 'https://goproxy.example.test,direct', source: 'go default' },
      ])],
    },
  });
  assert.equal(
    v.tooltipMarkdown,
    [
      'gomend found nothing wrong.',
      'Workspace trusted: yes',
      '- `go` 1.26.8 at /usr/local/go/bin/go\n- `gopls` v0.24.0 (built with go1.26.8) at /home/u/go/bin/gopls',
      [
        '| Variable | Value | Source |',
        '| --- | --- | --- |',
        '| GOFLAGS | -mod=vendor | go.toolsEnvVars in .vscode/settings.json |',
        '| GOPROXY | https://goproxy.example.test,direct | go default |',
      ].join('\n'),
    ].join('\n\n'),
  );
  assert.doesNotMatch(v.tooltipMarkdown, /^#/m);
});

test('several folders: a heading per folder basename; go and gopls not found', () => {
  const v = statusView({
    state: 'running', errors: 1, warnings: 0,
    checked: {
      trusted: true,
      environment: [
        env('/home/u/a', [{ name: 'GOOS', value: 'linux', source: 'go default' }]),
        { folder: 'C:\\src\\b_c\\', go: { path: '', version: '' }, gopls: null, vars: [] },
      ],
    },
  });
  const md = v.tooltipMarkdown;
  assert.match(md, /^#### a$/m);
  assert.match(md, /^#### b\\_c$/m);
  assert.match(md, /^- `go`: not found\n- `gopls`: not found$/m);
  // No vars, no table: one header row for folder a only.
  assert.equal(md.match(/\| Variable \| Value \| Source \|/g)?.length, 1);
  assert.ok(md.indexOf('#### a') < md.indexOf('| GOOS | linux | go default |'));
  assert.ok(md.indexOf('| GOOS |') < md.indexOf('#### b'));
});

test('unknown versions and a gopls built with an unknown Go', () => {
  const v = statusView({
    state: 'running', errors: 0, warnings: 0,
    checked: { environment: [{ folder: '/p', go: { path: '/go', version: '' }, gopls: { path: '/gopls', version: '', goVersion: '' }, vars: [] }] },
  });
  assert.match(v.tooltipMarkdown, /^- `go` \(version unknown\) at \/go\n- `gopls` \(version unknown\) at \/gopls$/m);
});

test('values are escaped in the table', () => {
  const v = statusView({
    state: 'running', errors: 0, warnings: 0,
    checked: { environment: [env('/p', [{ name: 'GOFLAGS', value: '-tags=a|b `x` *y* _z_ [l](u)', source: 'the environment' }])] },
  });
  assert.match(v.tooltipMarkdown, /^\| GOFLAGS \| -tags=a\\\|b \\`x\\` \\\*y\\\* \\_z\\_ \\\[l\\\]\(u\) \| the environment \|$/m);
});

test('long values are truncated to 80 characters', () => {
  const path = '/usr/local/bin:'.repeat(10);
  const v = statusView({
    state: 'running', errors: 0, warnings: 0,
    checked: { environment: [env('/p', [{ name: 'PATH', value: path, source: 'the environment' }])] },
  });
  const row = v.tooltipMarkdown.split('\n').find((l) => l.startsWith('| PATH |'));
  assert.equal(row, `| PATH | ${path.slice(0, 79)}… | the environment |`);
});

test('an old server: no phase, no trust, no environment', () => {
  const v = statusView({ state: 'running', errors: 0, warnings: 0, checked: {} });
  assert.equal(v.text, '$(check) Go workspace: OK');
  assert.equal(v.tooltipMarkdown, 'gomend found nothing wrong.');
  const p = statusView({ state: 'running', errors: 2, warnings: 1, checked: {} });
  assert.equal(p.tooltip, 'gomend: 2 errors, 1 warning. Click to repair.');
  assert.equal(p.tooltipMarkdown, 'gomend: 2 errors, 1 warning. Click to repair.');
});

test('escapeMarkdown', () => {
  assert.equal(escapeMarkdown('plain text, -mod=mod 1.2'), 'plain text, -mod=mod 1.2');
  assert.equal(escapeMarkdown('a|b'), 'a\\|b');
  assert.equal(escapeMarkdown('`code`'), '\\`code\\`');
  assert.equal(escapeMarkdown('*b* _i_'), '\\*b\\* \\_i\\_');
  assert.equal(escapeMarkdown('[x](y)'), '\\[x\\](y)');
  assert.equal(escapeMarkdown('C:\\go\\bin'), 'C:\\\\go\\\\bin');
  assert.equal(escapeMarkdown('<b>&amp; # ~x~'), '\\<b\\>\\&amp; \\# \\~x\\~');
  assert.equal(escapeMarkdown('$(shield)'), '\\$(shield)');
  assert.equal(escapeMarkdown('a\nb\r\nc'), 'a b c');
});

test('truncate', () => {
  assert.equal(truncate('x'.repeat(80)), 'x'.repeat(80));
  assert.equal(truncate('x'.repeat(81)), `${'x'.repeat(79)}…`);
  assert.equal(Array.from(truncate('é'.repeat(100))).length, 80);
  assert.equal(truncate('😀'.repeat(81)), `${'😀'.repeat(79)}…`);
  assert.equal(truncate('abcdef', 4), 'abc…');
});

test('baseName', () => {
  assert.equal(baseName('/home/u/proj'), 'proj');
  assert.equal(baseName('/home/u/proj/'), 'proj');
  assert.equal(baseName('C:\\src\\proj'), 'proj');
  assert.equal(baseName('/'), '/');
});
