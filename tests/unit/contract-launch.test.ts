/**
 * How the app decides where it runs and where its files are: `npm start`'s choice between the
 * desktop app and browser mode (and its one sentence), ports, folders.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  browserModeSentence,
  desktopUnavailableReason,
  electronBindingPath,
  findAppRoot,
  hasDisplay,
  parsePort,
  resolveAppPaths,
} from '../../src-main/transport/environment';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rcs-launch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start', () => {
  it('says in one plain sentence that it serves browser mode when Electron is not installed', () => {
    const reason = desktopUnavailableReason(ROOT, null, { DISPLAY: ':0' }, 'linux');
    expect(browserModeSentence(reason!, 'http://127.0.0.1:5178/')).toBe(
      'The Electron runtime is not installed on this machine, so the app runs in browser mode: open http://127.0.0.1:5178/ in your browser.',
    );
  });

  it('serves browser mode when there is no display, or no Electron build of better-sqlite3', () => {
    const root = path.join(tmp, 'app');
    mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), '140');
    const exe = path.join(root, 'electron');
    expect(desktopUnavailableReason(root, exe, {}, 'linux')).toMatch(/no display/);
    expect(desktopUnavailableReason(root, exe, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toMatch(
      /npm run setup:electron/,
    );
    const binding = electronBindingPath(root, '140');
    mkdirSync(path.dirname(binding), { recursive: true });
    writeFileSync(binding, '');
    expect(desktopUnavailableReason(root, exe, { DISPLAY: ':0' }, 'linux')).toBeNull();
    expect(desktopUnavailableReason(root, exe, {}, 'win32')).toBeNull();
  });
});

describe('ports', () => {
  it.each([
    [[], {}, { port: 5178, explicit: false }],
    [['--port', '0'], {}, { port: 0, explicit: true }],
    [['--port=8080'], {}, { port: 8080, explicit: true }],
    [[], { RCS_PORT: '6000' }, { port: 6000, explicit: true }],
    [['--port', '7000'], { RCS_PORT: '6000' }, { port: 7000, explicit: true }],
  ])('%j with %j', (argv, env, expected) => {
    expect(parsePort(argv, env)).toEqual(expected);
  });

  it.each([['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['--port'], ['--port=1.5']])(
    'refuses %j',
    (...argv) => {
      expect(() => parsePort(argv, {})).toThrow(/not a port number/);
    },
  );
});

describe('folders', () => {
  it('defaults to ~/Documents/Reintegration Costing Studio and ~/.config/reintegration-costing-studio', () => {
    const p = resolveAppPaths('/app', {}, '/home/ana', 'linux');
    expect(p).toEqual({
      appRoot: '/app',
      rendererDir: path.join('/app', 'out', 'renderer'),
      documentsDir: path.resolve('/home/ana/Documents/Reintegration Costing Studio'),
      userDataDir: path.resolve('/home/ana/.config/reintegration-costing-studio'),
      sampleFile: path.join('/app', 'resources', 'sample.rcs'),
    });
    expect(resolveAppPaths('/app', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana', 'linux').userDataDir).toBe(
      path.resolve('/cfg/reintegration-costing-studio'),
    );
    expect(resolveAppPaths('/app', {}, '/Users/ana', 'darwin').userDataDir).toBe(
      path.resolve('/Users/ana/Library/Application Support/reintegration-costing-studio'),
    );
  });

  it('takes RCS_DOCUMENTS_DIR and RCS_USER_DATA_DIR', () => {
    const p = resolveAppPaths('/app', { RCS_DOCUMENTS_DIR: '/d', RCS_USER_DATA_DIR: '/u' }, '/home/ana', 'linux');
    expect([p.documentsDir, p.userDataDir]).toEqual([path.resolve('/d'), path.resolve('/u')]);
  });

  it('finds the app folder from any folder inside it', () => {
    expect(findAppRoot(path.join(ROOT, 'src-main', 'transport'))).toBe(ROOT);
    expect(findAppRoot(path.join(ROOT, 'out', 'main'))).toBe(ROOT);
    expect(() => findAppRoot(tmp)).toThrow(/Could not find/);
  });

  it('needs a display for a window on Linux only', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':1' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});
