import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binaryName, notFoundMessage, platformKey, serverCandidates, type LookupInput } from '../src/lookup';

function input(over: Partial<LookupInput>, files: string[] = []): LookupInput {
  const present = new Set(files);
  return {
    env: {},
    settingPath: '',
    extensionPath: '/ext',
    platform: 'linux',
    arch: 'x64',
    isFile: (p) => present.has(p),
    ...over,
  };
}

test('order: GOMEND_SERVER, setting, bundled, PATH', () => {
  const got = serverCandidates(
    input(
      { env: { GOMEND_SERVER: '/env/gomend', PATH: '/usr/bin:/opt/bin' }, settingPath: '/set/gomend' },
      ['/ext/bin/linux-x64/gomend', '/opt/bin/gomend'],
    ),
  );
  assert.deepEqual(
    got.map((c) => [c.source, c.path]),
    [
      ['GOMEND_SERVER', '/env/gomend'],
      ['gomend.server.path', '/set/gomend'],
      ['bundled', '/ext/bin/linux-x64/gomend'],
      ['PATH', '/opt/bin/gomend'],
    ],
  );
});

test('explicit choices are listed even when missing, so their failure can be reported', () => {
  const got = serverCandidates(input({ settingPath: '/nowhere/gomend' }));
  assert.deepEqual(got, [{ path: '/nowhere/gomend', source: 'gomend.server.path', explicit: true }]);
});

test('blank setting and env are ignored', () => {
  const got = serverCandidates(input({ env: { GOMEND_SERVER: '  ' }, settingPath: ' ' }, ['/ext/bin/linux-x64/gomend']));
  assert.deepEqual(got.map((c) => c.source), ['bundled']);
});

test('only the first match on PATH counts', () => {
  const got = serverCandidates(input({ env: { PATH: '/a::/b:/c' } }, ['/b/gomend', '/c/gomend']));
  assert.deepEqual(got.map((c) => c.path), ['/b/gomend']);
});

test('~ in the setting is the home directory', () => {
  const got = serverCandidates(input({ env: { HOME: '/home/u' }, settingPath: '~/go/bin/gomend' }));
  assert.equal(got[0]?.path, '/home/u/go/bin/gomend');
});

test('windows: .exe, backslashes, ; in PATH, win32-<arch> folder', () => {
  const got = serverCandidates(
    input({ platform: 'win32', arch: 'arm64', extensionPath: 'C:\\ext', env: { Path: 'C:\\tools;D:\\go\\bin' } }, [
      'C:\\ext\\bin\\win32-arm64\\gomend.exe',
      'D:\\go\\bin\\gomend.exe',
    ]),
  );
  assert.deepEqual(got.map((c) => c.path), ['C:\\ext\\bin\\win32-arm64\\gomend.exe', 'D:\\go\\bin\\gomend.exe']);
});

test('platform keys match the VSIX targets', () => {
  assert.equal(platformKey('linux', 'x64'), 'linux-x64');
  assert.equal(platformKey('darwin', 'arm64'), 'darwin-arm64');
  assert.equal(binaryName('win32'), 'gomend.exe');
  assert.equal(binaryName('darwin'), 'gomend');
});

test('the not-found message says what was tried and what to do', () => {
  const none = notFoundMessage([], 'linux-x64');
  assert.match(none, /no server for linux-x64/);
  assert.match(none, /gomend\.server\.path/);
  const tried = notFoundMessage(
    [{ candidate: { path: '/x/gomend', source: 'gomend.server.path', explicit: true }, reason: 'ENOENT' }],
    'linux-x64',
  );
  assert.match(tried, /\/x\/gomend \(gomend\.server\.path\): ENOENT/);
});
