import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstLine, groupPlan, repairedProblemCount, repairMessage, summary } from '../src/commands/plan';
import type { PlanProblem, RepairPlan } from '../src/protocol';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 20 } };
const relative = (f: string) => f.replace('/ws/', '');

function problem(check: string, message: string, file: string, line: number, fixes: PlanProblem['fixes']): PlanProblem {
  return { check, severity: 'warning', message, file, range: { ...range, start: { line, character: 0 } }, fixes };
}

const plan: RepairPlan = {
  problems: [
    problem('gowork-missing-module', 'module tools is not used by go.work\nmore text', '/ws/tools/go.mod', 0, [
      { id: 'a', title: 'Use this module in your go.work file', applicability: 'exact', files: ['/ws/go.work'], command: null },
      { id: 'b', title: 'Use all modules in your workspace', applicability: 'exact', files: ['/ws/go.work'], command: null },
    ]),
    problem('folder-inside-module', 'folder is inside a module', '/ws/sub/go.mod', 2, [
      { id: 'c', title: 'Open the module root instead', applicability: 'likely', files: [],
        command: { title: 'Open /ws', command: 'gomend.openFolder', arguments: ['/ws'] } },
    ]),
    problem('goenv-proxy', 'GOPROXY is stale', '/ws/go.work', 0, [
      { id: 'd', title: 'Run go env -u GOPROXY', applicability: 'manual', files: [], command: null },
    ]),
  ],
};

test('one separator per problem, then its selectable fixes; exact ones preselected', () => {
  const { entries, manualOnly } = groupPlan(plan, relative);
  assert.deepEqual(entries, [
    { kind: 'separator', label: 'gowork-missing-module · tools/go.mod:1' },
    { kind: 'fix', fixId: 'a', label: 'Use this module in your go.work file', description: 'exact',
      detail: 'changes go.work · module tools is not used by go.work', picked: true },
    { kind: 'fix', fixId: 'b', label: 'Use all modules in your workspace', description: 'exact',
      detail: 'changes go.work · module tools is not used by go.work', picked: true },
    { kind: 'separator', label: 'folder-inside-module · sub/go.mod:3' },
    { kind: 'fix', fixId: 'c', label: 'Open the module root instead', description: 'likely',
      detail: 'Open /ws · folder is inside a module', picked: false },
  ]);
  assert.deepEqual(manualOnly.map((p) => p.check), ['goenv-proxy']);
});

test('an empty plan groups to nothing', () => {
  assert.deepEqual(groupPlan({ problems: [] }, relative), { entries: [], manualOnly: [] });
});

test('repaired count is per problem, not per fix', () => {
  assert.equal(repairedProblemCount(plan, { applied: ['a', 'b'] }), 1);
  assert.equal(repairedProblemCount(plan, { applied: ['a', 'c'] }), 2);
  assert.equal(repairedProblemCount(plan, { applied: [] }), 0);
});

test('result message', () => {
  assert.equal(repairMessage(1, 0), 'Repaired 1 problem; 0 need your attention');
  assert.equal(repairMessage(2, 1), 'Repaired 2 problems; 1 needs your attention');
});

test('firstLine', () => {
  assert.equal(firstLine('a\nb'), 'a');
  assert.equal(firstLine(' only '), 'only');
});

test('summary keeps what is wrong, not what it breaks, and stays short', () => {
  assert.equal(summary('go.work uses ./missing, which does not exist: the go command cannot load'), 'go.work uses ./missing, which does not exist');
  assert.equal(summary('no colon here'), 'no colon here');
  const long = summary('x'.repeat(100));
  assert.equal(long.length, 80);
  assert.ok(long.endsWith('…'));
});
