import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeChecked, normalizePlan, normalizeResult, normalizeTraceAnalysis, type RepairPlan, type RepairResult } from '../src/protocol';

// What a Go server sends for nil slices.
test('null lists in the plan become empty lists', () => {
  assert.deepEqual(normalizePlan(null), { problems: [] });
  assert.deepEqual(normalizePlan({ problems: null } as unknown as RepairPlan), { problems: [] });
  const plan = normalizePlan({
    problems: [
      {
        check: 'x', severity: 'error', message: 'm', file: '/f',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        fixes: [{ id: 'a', title: 't', applicability: 'exact', files: null, command: { title: 'c', command: 'gomend.openFolder', arguments: null } }],
      },
    ],
  } as unknown as RepairPlan);
  assert.deepEqual(plan.problems[0]?.fixes[0]?.files, []);
  assert.deepEqual(plan.problems[0]?.fixes[0]?.command?.arguments, []);
});

test('null lists in the result become empty lists', () => {
  assert.deepEqual(
    normalizeResult({ applied: ['a'], failed: null, commands: null, remaining: 2 } as unknown as RepairResult),
    { applied: ['a'], failed: [], commands: [], remaining: 2 },
  );
  assert.deepEqual(normalizeResult(undefined), { applied: [], failed: [], commands: [], remaining: 0 });
});

test('gomend/checked from an older server: no phase, trust or environment', () => {
  const c = normalizeChecked({ snapshot: 7, errors: 0, warnings: 1, infos: 0, hints: 0, durationMs: 0.42 });
  assert.deepEqual(c, { snapshot: 7, errors: 0, warnings: 1, infos: 0, hints: 0, durationMs: 0.42 });
  assert.ok(!('phase' in c) && !('trusted' in c) && !('environment' in c));
  assert.deepEqual(normalizeChecked(null), { snapshot: 0, errors: 0, warnings: 0, infos: 0, hints: 0, durationMs: 0 });
});

test('gomend/checked with the new fields; Go nils become empty lists', () => {
  const c = normalizeChecked({
    snapshot: 3, errors: 0, warnings: 0, infos: 0, hints: 0, durationMs: 1,
    phase: 'static', trusted: false,
    environment: [
      { folder: '/a', go: { path: '/go', version: '1.26.8' }, gopls: { path: '/gopls', version: 'v0.24.0', goVersion: 'go1.26.8' },
        vars: [{ name: 'GOFLAGS', value: '-mod=vendor', source: 'the environment' }] },
      { folder: '/b', go: { path: '', version: '' }, gopls: null, vars: null },
    ],
  });
  assert.equal(c.phase, 'static');
  assert.equal(c.trusted, false);
  assert.deepEqual(c.environment, [
    { folder: '/a', go: { path: '/go', version: '1.26.8' }, gopls: { path: '/gopls', version: 'v0.24.0', goVersion: 'go1.26.8' },
      vars: [{ name: 'GOFLAGS', value: '-mod=vendor', source: 'the environment' }] },
    { folder: '/b', go: { path: '', version: '' }, gopls: null, vars: [] },
  ]);
});

test('gomend/checked: a null environment or unknown phase counts as absent', () => {
  const c = normalizeChecked({ snapshot: 1, phase: 'later', trusted: 'yes', environment: null });
  assert.equal(c.phase, undefined);
  assert.equal(c.trusted, undefined);
  assert.equal(c.environment, undefined);
});

test('gomend.analyzeTrace: the server names the file; without one, the requested path stands', () => {
  assert.deepEqual(normalizeTraceAnalysis({ file: '/tmp/t/gopls.log', problems: 3 }, '/tmp/t/../t/gopls.log'), {
    file: '/tmp/t/gopls.log',
    problems: 3,
  });
  assert.deepEqual(normalizeTraceAnalysis(null, '/tmp/gopls.log'), { file: '/tmp/gopls.log', problems: 0 });
  assert.deepEqual(normalizeTraceAnalysis({ file: 7, problems: 'many' }, '/tmp/gopls.log'), { file: '/tmp/gopls.log', problems: 0 });
});
