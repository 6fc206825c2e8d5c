/**
 * Where things are, for every way of running the app (desktop, browser mode, CLI, launcher).
 * Plain Node: no electron import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PORT } from './http';

export const PACKAGE_NAME = 'reintegration-costing-studio';
export const PRODUCT_NAME = 'Reintegration Costing Studio';

/**
 * The folder holding our package.json, found by walking up from `fromDir` (a module's folder:
 * src-main/... under tsx, out/main under node or Electron). Bounded to 8 levels.
 */
export function findAppRoot(fromDir: string): string {
  let dir = path.resolve(fromDir);
  for (let i = 0; i < 8; i++) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown };
        if (parsed.name === PACKAGE_NAME) return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`Could not find the ${PRODUCT_NAME} folder (its package.json) above ${fromDir}.`);
}

export function appVersion(appRoot: string): string {
  const parsed = JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}

export interface AppPaths {
  appRoot: string;
  /** The built renderer, served by app:// and by browser mode. */
  rendererDir: string;
  /** Programme files live here by default. */
  documentsDir: string;
  /** Settings, recent files. */
  userDataDir: string;
  /** The sample programme shipped with the app. */
  sampleFile: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Documents: $RCS_DOCUMENTS_DIR, else ~/Documents/Reintegration Costing Studio.
 * User data: $RCS_USER_DATA_DIR, else the platform's config folder + reintegration-costing-studio
 * (~/.config/... on Linux, the same folder Electron's `userData` uses).
 */
export function resolveAppPaths(
  appRoot: string,
  env: Env = process.env,
  home: string = os.homedir(),
  platform: NodeJS.Platform = process.platform,
): AppPaths {
  const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v : undefined);
  let configBase: string;
  if (platform === 'win32') configBase = nonEmpty(env['APPDATA']) ?? path.join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') configBase = path.join(home, 'Library', 'Application Support');
  else configBase = nonEmpty(env['XDG_CONFIG_HOME']) ?? path.join(home, '.config');
  const documentsDir = nonEmpty(env['RCS_DOCUMENTS_DIR']) ?? path.join(home, 'Documents', PRODUCT_NAME);
  const userDataDir = nonEmpty(env['RCS_USER_DATA_DIR']) ?? path.join(configBase, PACKAGE_NAME);
  return {
    appRoot,
    rendererDir: path.join(appRoot, 'out', 'renderer'),
    documentsDir: path.resolve(documentsDir),
    userDataDir: path.resolve(userDataDir),
    sampleFile: path.join(appRoot, 'resources', 'sample.rcs'),
  };
}

export interface PortChoice {
  port: number;
  /** False when neither --port nor RCS_PORT was given (the default port may then be swapped). */
  explicit: boolean;
}

/** `--port N` / `--port=N`, else $RCS_PORT, else 5178. 0 means a random free port. */
export function parsePort(argv: readonly string[], env: Env = process.env): PortChoice {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') raw = argv[i + 1] ?? '';
    else if (a?.startsWith('--port=')) raw = a.slice('--port='.length);
  }
  if (raw === undefined && env['RCS_PORT'] !== undefined && env['RCS_PORT'] !== '') raw = env['RCS_PORT'];
  if (raw === undefined) return { port: DEFAULT_PORT, explicit: false };
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`"${raw}" is not a port number (use 0 to 65535; 0 picks a free port).`);
  }
  return { port, explicit: true };
}

/**
 * The Electron executable when the runtime is installed: `require('electron')` from plain Node
 * returns its path, and the file must exist. Null otherwise (never throws).
 */
export function findElectronRuntime(appRoot: string): string | null {
  // Not `require('electron')`: since Electron 4x that starts a download of the runtime when it is
  // missing (printing to stdout, and failing here). The same lookup, without the download:
  // node_modules/electron/path.txt names the executable inside dist/ (or ELECTRON_OVERRIDE_DIST_PATH).
  try {
    const req = createRequire(path.join(appRoot, 'package.json'));
    const dir = path.dirname(req.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const executable = readFileSync(pathFile, 'utf8').trim();
    if (executable === '') return null;
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const exe = override ? path.join(override, executable) : path.join(dir, 'dist', executable);
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/** The Electron version the project depends on (node_modules/electron/package.json). */
export function electronVersion(appRoot: string): string | null {
  try {
    const req = createRequire(path.join(appRoot, 'package.json'));
    const pkg = req('electron/package.json') as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}

/** Electron's NODE_MODULE_VERSION, from node_modules/electron/abi_version. */
export function electronAbi(appRoot: string): string | null {
  try {
    return readFileSync(path.join(appRoot, 'node_modules', 'electron', 'abi_version'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * Where the Electron build of better-sqlite3 lives, so node_modules keeps the Node build:
 * resources/native/electron-v<abi>-<platform>-<arch>/better_sqlite3.node (made by
 * `npm run setup:electron`, see src-main/install-electron.mjs, which uses the same layout).
 */
export function electronBindingPath(
  appRoot: string,
  abi: string,
  platform: string = process.platform,
  arch: string = process.arch,
): string {
  return path.join(appRoot, 'resources', 'native', `electron-v${abi}-${platform}-${arch}`, 'better_sqlite3.node');
}

/** Linux needs an X11 or Wayland display for a window; other systems always have one. */
export function hasDisplay(env: Env = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/**
 * Why the desktop app cannot start here, as the start of a plain sentence; null when it can.
 * `npm start` serves browser mode and says this sentence when it is not null.
 */
export function desktopUnavailableReason(
  appRoot: string,
  electronExe: string | null,
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  if (!electronExe) return 'The Electron runtime is not installed on this machine';
  if (!hasDisplay(env, platform))
    return 'The Electron runtime is installed but there is no display to open a window on';
  const abi = electronAbi(appRoot);
  if (!abi || !existsSync(electronBindingPath(appRoot, abi))) {
    return 'The desktop build of the database module is missing (run "npm run setup:electron" to make it)';
  }
  return null;
}

/** The one sentence `npm start` prints when it serves browser mode instead of the desktop app. */
export function browserModeSentence(reason: string, url: string): string {
  return `${reason}, so the app runs in browser mode: open ${url} in your browser.`;
}
