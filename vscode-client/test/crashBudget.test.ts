import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CrashBudget } from '../src/crashBudget';

test('restarts up to the limit within the window, then stops', () => {
  let now = 0;
  const budget = new CrashBudget(2, 1000, () => now);
  assert.equal(budget.recordCrash(), true);
  now = 100;
  assert.equal(budget.recordCrash(), true);
  now = 200;
  assert.equal(budget.recordCrash(), false);
});

test('old crashes leave the window', () => {
  let now = 0;
  const budget = new CrashBudget(1, 1000, () => now);
  assert.equal(budget.recordCrash(), true);
  now = 5000;
  assert.equal(budget.recordCrash(), true);
});
