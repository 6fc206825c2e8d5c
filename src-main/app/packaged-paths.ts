/**
 * Where the desktop app finds the files that live beside its code: the sample programme and the
 * Electron build of better-sqlite3. Plain Node (no electron import), so a unit test can check these
 * paths against the electron-builder configuration ("build" in package.json).
 *
 * - From a checkout (`npm start`): <app root>/resources/sample.rcs and
 *   <app root>/resources/native/electron-v<abi>-<platform>-<arch>/better_sqlite3.node
 *   (made by `npm run setup:electron`).
 * - Packaged: the code is in app.asar, and electron-builder's `extraResources` copies
 *   resources/sample.rcs to <resources>/sample.rcs and resources/native/ to <resources>/native/,
 *   where <resources> is Electron's process.resourcesPath. They must stay outside the asar: a
 *   native addon cannot be loaded from inside one, and the sample is copied with plain fs calls.
 */
import path from 'node:path';
import { electronBindingPath } from '../transport/environment';

export interface DesktopFiles {
  sampleFile: string;
  sqliteBinding: string;
}

export interface DesktopLocation {
  /** Electron's app.isPackaged. */
  isPackaged: boolean;
  /** The folder holding our package.json (inside app.asar when packaged). */
  appRoot: string;
  /** Electron's process.resourcesPath (the folder holding app.asar). */
  resourcesPath: string;
  /** Electron's NODE_MODULE_VERSION (process.versions.modules). */
  abi: string;
  platform?: string;
  arch?: string;
}

/** Names under <resources> in a packaged app; package.json "build.extraResources" uses the same. */
export const PACKAGED_SAMPLE = 'sample.rcs';
export const PACKAGED_NATIVE_DIR = 'native';

export function desktopFiles(loc: DesktopLocation): DesktopFiles {
  const platform = loc.platform ?? process.platform;
  const arch = loc.arch ?? process.arch;
  if (!loc.isPackaged) {
    return {
      sampleFile: path.join(loc.appRoot, 'resources', 'sample.rcs'),
      sqliteBinding: electronBindingPath(loc.appRoot, loc.abi, platform, arch),
    };
  }
  return {
    sampleFile: path.join(loc.resourcesPath, PACKAGED_SAMPLE),
    sqliteBinding: path.join(
      loc.resourcesPath,
      PACKAGED_NATIVE_DIR,
      `electron-v${loc.abi}-${platform}-${arch}`,
      'better_sqlite3.node',
    ),
  };
}
