/**
 * The electron-builder configuration ("build" in package.json) is not exercised in CI (the
 * installers cannot be built here), so this test pins what matters in it: the three targets, the
 * files that go into app.asar, where the sample and the Electron build of better-sqlite3 land
 * (and that the desktop app looks for them there), asar on with its integrity check, and every
 * Electron fuse. A careless edit of any of these fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopFiles, PACKAGED_NATIVE_DIR, PACKAGED_SAMPLE } from '../../src-main/app/packaged-paths';
import { electronBindingPath, PRODUCT_NAME } from '../../src-main/transport/environment';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface FileSet {
  from: string;
  to: string;
  filter?: string[];
}
interface Target {
  target: string[];
  [key: string]: unknown;
}
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  extraResources?: FileSet[];
  asar?: boolean;
  npmRebuild?: boolean;
  disableAsarIntegrity?: boolean;
  linux?: Target;
  win?: Target;
  mac?: Target;
  electronFuses?: Record<string, boolean>;
  [key: string]: unknown;
}
interface PackageJson {
  build?: BuilderConfig;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const build: BuilderConfig = pkg.build ?? {};

describe('electron-builder configuration', () => {
  it('is in package.json, with electron-builder as a dev dependency only', () => {
    expect(pkg.build).toBeDefined();
    expect(pkg.devDependencies?.['electron-builder']).toBeDefined();
    expect(pkg.dependencies?.['electron-builder']).toBeUndefined();
  });

  it('names the app', () => {
    expect(build.productName).toBe(PRODUCT_NAME);
    expect(build.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/);
  });

  it('builds an AppImage on Linux, an NSIS installer on Windows and a dmg on macOS', () => {
    expect(build.linux?.target).toEqual(['AppImage']);
    expect(build.win?.target).toEqual(['nsis']);
    expect(build.mac?.target).toEqual(['dmg']);
  });

  it('packs only the build output and package.json, in an asar with its integrity check', () => {
    const included = (build.files ?? []).filter((f) => !f.startsWith('!'));
    expect(included).toEqual(['out/**', 'package.json']);
    expect(build.asar).toBe(true);
    expect(build.disableAsarIntegrity).not.toBe(true);
    // node_modules keeps the plain-Node build of better-sqlite3: electron-builder must not
    // rebuild it in place for Electron (the app loads its own Electron build, see below).
    expect(build.npmRebuild).toBe(false);
  });

  it('sets every Electron fuse', () => {
    expect(build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('uses only options electron-builder knows (no misspelt key is silently ignored)', () => {
    const req = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('electron-builder'));
    const scheme = JSON.parse(readFileSync(req.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      properties: Record<string, unknown>;
      definitions: Record<string, { properties: Record<string, unknown> }>;
    };
    for (const key of Object.keys(build)) expect(Object.keys(scheme.properties)).toContain(key);
    const fuseOptions = Object.keys(scheme.definitions['FuseOptionsV1']?.properties ?? {});
    for (const key of Object.keys(build.electronFuses ?? {})) expect(fuseOptions).toContain(key);
  });
});

describe('packaged paths agree with the code', () => {
  const resources = build.extraResources ?? [];
  const sample = resources.find((r) => r.from === 'resources/sample.rcs');
  const native = resources.find((r) => r.from === 'resources/native');
  const abi = '999';

  it('ships the sample and the Electron build of better-sqlite3 as extra resources', () => {
    expect(sample).toEqual({ from: 'resources/sample.rcs', to: PACKAGED_SAMPLE });
    expect(native).toEqual({ from: 'resources/native', to: PACKAGED_NATIVE_DIR, filter: ['**/better_sqlite3.node'] });
    const sampleStat = statSync(path.join(ROOT, 'resources', 'sample.rcs'));
    expect(sampleStat.isFile()).toBe(true);
  });

  it('finds them under process.resourcesPath when packaged', () => {
    const resourcesPath = path.join(path.sep, 'opt', 'Studio', 'resources');
    const files = desktopFiles({
      isPackaged: true,
      appRoot: path.join(resourcesPath, 'app.asar'),
      resourcesPath,
      abi,
      platform: 'linux',
      arch: 'x64',
    });
    expect(files.sampleFile).toBe(path.join(resourcesPath, sample?.to ?? '?'));
    // What `npm run setup:electron` writes under resources/native/ lands under <resources>/native/.
    const checkoutBinding = electronBindingPath(ROOT, abi, 'linux', 'x64');
    const underNative = path.relative(path.join(ROOT, native?.from ?? '?'), checkoutBinding);
    expect(underNative.startsWith('..')).toBe(false);
    expect(files.sqliteBinding).toBe(path.join(resourcesPath, native?.to ?? '?', underNative));
    expect(path.basename(files.sqliteBinding)).toBe('better_sqlite3.node');
  });

  it('finds them in the checkout when not packaged', () => {
    const files = desktopFiles({ isPackaged: false, appRoot: ROOT, resourcesPath: '/unused', abi });
    expect(files.sampleFile).toBe(path.join(ROOT, 'resources', 'sample.rcs'));
    expect(files.sqliteBinding).toBe(electronBindingPath(ROOT, abi));
  });
});

describe('DevTools in a packaged build', () => {
  const appDir = path.join(ROOT, 'src-main', 'app');
  const sources = readdirSync(appDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(appDir, f), 'utf8'));

  it('are switched off in the window and left out of the menu', () => {
    const main = readFileSync(path.join(appDir, 'main.ts'), 'utf8');
    expect(main).toMatch(/devTools:\s*!app\.isPackaged\b/);
    expect(main).toMatch(/app\.isPackaged\s*\?\s*\[\]\s*:\s*\[[^\]]*toggleDevTools/);
  });

  it('are never opened by code', () => {
    for (const source of sources) expect(source).not.toMatch(/openDevTools\s*\(/);
  });
});
