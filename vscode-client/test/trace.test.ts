import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  analysisMessage,
  capturingMessage,
  noTraceMessage,
  parsePendingCapture,
  restoreAction,
  settingSite,
  stillTracing,
  traceFileArg,
  traceLogPath,
  tracingFlags,
  withoutTraceFlags,
} from '../src/commands/trace';

test('argument: a file Uri from the explorer (with the selection after it) or an absolute path', () => {
  const uri = { scheme: 'file', fsPath: '/tmp/gopls.log', path: '/tmp/gopls.log' };
  assert.equal(traceFileArg([uri, [uri]]), '/tmp/gopls.log');
  assert.equal(traceFileArg(['/tmp/gopls.log']), '/tmp/gopls.log');
});

test('argument: none, or nothing usable, asks the user', () => {
  for (const args of [[], [undefined], [null], [''], [42], [{}], [{ scheme: 'file', fsPath: '' }]]) {
    assert.equal(traceFileArg(args), undefined);
  }
});

test('argument: a relative path or a resource not on disk is a clear error', () => {
  assert.throws(() => traceFileArg(['gopls.log']), /needs an absolute path, not gopls.log/);
  assert.throws(() => traceFileArg([{ scheme: 'untitled', fsPath: 'Untitled-1' }]), /only analyze a trace on disk, not a untitled resource/);
});

test('message: problems counted, file named by its base name', () => {
  assert.equal(analysisMessage(3, '/tmp/x/gopls.log'), 'gomend found 3 problems in gopls.log');
  assert.equal(analysisMessage(1, '/tmp/x/gopls.log'), 'gomend found 1 problem in gopls.log');
  assert.equal(
    analysisMessage(0, '/tmp/x/trace.txt'),
    "gomend found nothing wrong in trace.txt: gopls's trace shows no workspace problem it can name.",
  );
});

test('capture messages name the log file', () => {
  assert.equal(
    capturingMessage('/tmp/gomend-gopls-1.log'),
    'gopls is writing a trace to /tmp/gomend-gopls-1.log. Reproduce the problem, then choose Analyze.',
  );
  assert.equal(
    noTraceMessage('/tmp/gomend-gopls-1.log'),
    "gopls wrote no trace to /tmp/gomend-gopls-1.log: was the Go extension's language server running?",
  );
});

test('log path: in the temporary folder, timestamped, no colons', () => {
  assert.equal(traceLogPath('/tmp', new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6))), '/tmp/gomend-gopls-2025-01-02T03-04-05-006Z.log');
});

const log = '/tmp/gomend-gopls-1.log';
const ours = ['-rpc.trace', `-logfile=${log}`];

test('flags: none set, only ours', () => {
  assert.deepEqual(tracingFlags(undefined, log), ours);
  assert.deepEqual(tracingFlags([], log), ours);
  assert.deepEqual(tracingFlags('not a list', log), ours);
});

test('flags: an existing -logfile=F is replaced, other flags kept in order', () => {
  assert.deepEqual(tracingFlags(['-remote=auto', '-logfile=/x', '-vv'], log), ['-remote=auto', '-vv', ...ours]);
  assert.deepEqual(tracingFlags(['--logfile=/x'], log), ours);
});

test('flags: an existing -logfile F pair goes as a pair', () => {
  assert.deepEqual(tracingFlags(['-logfile', '/x', '-remote=auto'], log), ['-remote=auto', ...ours]);
  assert.deepEqual(tracingFlags(['--logfile', '/x'], log), ours);
  assert.deepEqual(tracingFlags(['-vv', '-logfile'], log), ['-vv', ...ours]);
});

test('flags: -rpc.trace already present is not doubled', () => {
  assert.deepEqual(tracingFlags(['-rpc.trace', '-remote=auto'], log), ['-remote=auto', ...ours]);
  assert.deepEqual(tracingFlags(['--rpc.trace=true', '-rpc.trace', '-logfile=auto'], log), ours);
});

test('flags: look-alikes and non-strings', () => {
  assert.deepEqual(withoutTraceFlags(['serve', '-logfiles=1', '-rpc.tracer', '-']), ['serve', '-logfiles=1', '-rpc.tracer', '-']);
  assert.deepEqual(tracingFlags(['-vv', 7, null], log), ['-vv', ...ours]);
});

test('setting site: the most specific level that sets it, with its value', () => {
  assert.deepEqual(settingSite({ globalValue: ['-vv'], workspaceValue: ['-remote=auto'] }, true), {
    scope: 'workspace',
    original: ['-remote=auto'],
  });
  assert.deepEqual(settingSite({ globalValue: ['-vv'] }, true), { scope: 'global', original: ['-vv'] });
  assert.deepEqual(settingSite({ globalValue: [], workspaceFolderValue: ['-vv'] }, true), {
    scope: 'workspaceFolder',
    original: ['-vv'],
  });
});

test('setting site: set nowhere, the workspace when one is open, else the user settings', () => {
  assert.deepEqual(settingSite({}, true), { scope: 'workspace', original: undefined });
  assert.deepEqual(settingSite(undefined, false), { scope: 'global', original: undefined });
});

test('restore: remove what was not set, put back what was, leave what already is', () => {
  assert.deepEqual(restoreAction(undefined, ours), { kind: 'remove' });
  assert.deepEqual(restoreAction(['-vv'], ['-vv', ...ours]), { kind: 'set', value: ['-vv'] });
  assert.deepEqual(restoreAction([], ours), { kind: 'set', value: [] });
  assert.deepEqual(restoreAction(['-vv'], ['-vv']), { kind: 'none' });
  assert.deepEqual(restoreAction(undefined, undefined), { kind: 'none' });
  assert.deepEqual(restoreAction(undefined, []), { kind: 'remove' });
});

test('still tracing: only while the setting holds exactly what the capture wrote', () => {
  assert.equal(stillTracing(ours, [...ours]), true);
  assert.equal(stillTracing(ours, undefined), false);
  assert.equal(stillTracing(ours, ['-vv']), false);
});

test('pending capture: read back from storage, anything malformed ignored', () => {
  const stored = { scope: 'workspace', original: ['-vv'], written: ['-vv', ...ours], logFile: log };
  assert.deepEqual(parsePendingCapture(JSON.parse(JSON.stringify(stored))), stored);
  const unset = parsePendingCapture({ scope: 'global', written: ours, logFile: log });
  assert.deepEqual(unset, { scope: 'global', original: undefined, written: ours, logFile: log });
  for (const bad of [undefined, null, 'x', { ...stored, scope: 'machine' }, { ...stored, logFile: '' }, { ...stored, written: [1] }]) {
    assert.equal(parsePendingCapture(bad), undefined);
  }
});
