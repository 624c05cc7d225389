import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePlan, normalizeResult, type RepairPlan, type RepairResult } from '../src/protocol';

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
