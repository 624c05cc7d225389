import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRealFileArgs, samePath, tabsShowing } from '../src/commands/realFile';

test('arguments: the linked path, then the real one', () => {
  assert.deepEqual(parseRealFileArgs(['/ws/app/pkg/u.go', '/ws/shared/pkg/u.go']), {
    linked: '/ws/app/pkg/u.go',
    real: '/ws/shared/pkg/u.go',
  });
});

test('arguments: anything else is a clear error', () => {
  for (const bad of [[], ['/a'], [1, 2], ['', '/b'], ['/a', null]]) {
    assert.throws(() => parseRealFileArgs(bad), /needs the linked path and the real path/);
  }
  assert.throws(() => parseRealFileArgs(['/a', '/a']), /already its real path/);
});

test('paths: exact off Windows, even where only the case differs', () => {
  assert.equal(samePath('/Users/me/Repo/a.go', '/Users/me/Repo/a.go', 'darwin'), true);
  assert.equal(samePath('/Users/me/repo/a.go', '/Users/me/Repo/a.go', 'darwin'), false);
  assert.equal(samePath('/ws/a.go', '/ws/a.go/', 'linux'), false);
});

test('paths: on Windows the drive letter case and separators do not matter', () => {
  assert.equal(samePath('c:\\src\\app\\a.go', 'C:\\src\\app\\a.go', 'win32'), true);
  assert.equal(samePath('C:/src/app/a.go', 'c:\\src\\app\\a.go', 'win32'), true);
  assert.equal(samePath('c:\\src\\App\\a.go', 'c:\\src\\app\\a.go', 'win32'), false);
});

test('tabs: every tab showing the linked path, none of the others', () => {
  const tabs = ['/ws/app/pkg/u.go', undefined, '/ws/shared/pkg/u.go', '/ws/app/pkg/u.go', '/ws/app/main.go'];
  assert.deepEqual(tabsShowing(tabs, '/ws/app/pkg/u.go', 'linux'), [0, 3]);
  assert.deepEqual(tabsShowing(tabs, '/nowhere.go', 'linux'), []);
});
