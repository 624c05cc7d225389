import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plural, statusView } from '../src/statusText';

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
