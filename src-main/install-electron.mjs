#!/usr/bin/env node
/**
 * Root `postinstall` and `npm run setup:electron`: fetch what the desktop app needs, where it can
 * be fetched, and never fail the install where it cannot.
 *
 * 1. The Electron runtime. package.json "allowScripts" denies electron's own install script, so a
 *    machine that cannot download the runtime still installs; here we run that same script
 *    (node_modules/electron/install.js) with a time limit instead.
 * 2. The Electron build of better-sqlite3, in resources/native/electron-v<abi>-<platform>-<arch>/,
 *    so node_modules keeps the plain-Node build (tests, CLI, browser mode) and the desktop app
 *    loads this one through better-sqlite3's `nativeBinding` option. Made in a temporary copy of
 *    the package: a prebuilt binary (prebuild-install), else compiled against Electron's headers.
 *
 * Plain JavaScript with no dependencies, because it runs before anything is built. Every failure
 * prints one sentence and exits 0: `npm start` then serves the app in browser mode.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');
const SQLITE_DIR = path.join(ROOT, 'node_modules', 'better-sqlite3');
const RUNTIME_TIMEOUT_MS = Number(process.env.RCS_ELECTRON_INSTALL_TIMEOUT_MS) || 5 * 60 * 1000;
const BINDING_TIMEOUT_MS = Number(process.env.RCS_ELECTRON_BINDING_TIMEOUT_MS) || 10 * 60 * 1000;
const RETRY = 'run "npm run setup:electron" to try again';

/** Same layout as electronBindingPath in src-main/transport/environment.ts (a test checks both agree). */
export function electronBindingPath(root, abi, platform = process.platform, arch = process.arch) {
  return path.join(root, 'resources', 'native', `electron-v${abi}-${platform}-${arch}`, 'better_sqlite3.node');
}

function runtimeInstalled() {
  try {
    const rel = fs.readFileSync(path.join(ELECTRON_DIR, 'path.txt'), 'utf8');
    return rel !== '' && fs.existsSync(path.join(ELECTRON_DIR, 'dist', rel));
  } catch {
    return false;
  }
}

/** Runs a command with a time limit; resolves with the outcome and the tail of its output. */
function run(command, args, { cwd, env = process.env, timeoutMs }) {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, timedOut, output: `${output}\n${err.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0 && !timedOut, timedOut, output });
    });
  });
}

/** A short reason for a sentence, from a failed command's output. */
function reasonOf(result, limitMs) {
  if (result.timedOut) return `no answer within ${Math.round(limitMs / 1000)} s`;
  const lines = result.output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at '));
  const network = result.output.match(
    /(getaddrinfo |connect )?(ENOTFOUND|ECONNREFUSED|ECONNRESET|EAI_AGAIN|ETIMEDOUT)( [\w.:-]+)?/,
  );
  if (network) return network[0];
  if (/network connectivity|proxy/i.test(result.output)) return 'the download site could not be reached';
  const line = lines.find((l) => /ERR!|error/i.test(l)) ?? lines.at(-1);
  return (line ?? 'unknown error').replace(/\s+/g, ' ').slice(0, 160);
}

function envWithout(names) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (names.some((n) => key.toLowerCase() === n)) delete env[key];
  }
  return env;
}

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
    path.join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((c) => c && fs.existsSync(c)) ?? null;
}

/** Builds better-sqlite3 for Electron in a temporary copy and puts the addon at `target`. */
async function buildBinding(electronVersion, target) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcs-better-sqlite3-'));
  try {
    const pkgDir = path.join(tmp, 'better-sqlite3');
    fs.cpSync(SQLITE_DIR, pkgDir, {
      recursive: true,
      filter: (src) => path.relative(SQLITE_DIR, src).split(path.sep)[0] !== 'build',
    });
    const built = path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
    // Settings meant for plain-Node builds (this machine's npm sets nodedir) must not leak in.
    const env = envWithout(['npm_config_nodedir', 'npm_config_runtime', 'npm_config_target', 'npm_config_disturl']);
    const platformArgs = [`--arch=${process.arch}`, `--platform=${process.platform}`];

    let last;
    const prebuild = path.join(ROOT, 'node_modules', 'prebuild-install', 'bin.js');
    if (fs.existsSync(prebuild)) {
      last = await run(
        process.execPath,
        [prebuild, '--runtime=electron', `--target=${electronVersion}`, ...platformArgs],
        {
          cwd: pkgDir,
          env,
          timeoutMs: BINDING_TIMEOUT_MS,
        },
      );
    }
    if (!fs.existsSync(built)) {
      const nodeGyp = findNodeGyp();
      if (!nodeGyp) return { ok: false, reason: last ? reasonOf(last, BINDING_TIMEOUT_MS) : 'node-gyp not found' };
      last = await run(
        process.execPath,
        [
          nodeGyp,
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electronVersion}`,
          `--arch=${process.arch}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        { cwd: pkgDir, env, timeoutMs: BINDING_TIMEOUT_MS },
      );
    }
    if (!fs.existsSync(built)) return { ok: false, reason: reasonOf(last, BINDING_TIMEOUT_MS) };
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(built, target);
    return { ok: true };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  if (!fs.existsSync(path.join(ELECTRON_DIR, 'install.js'))) return; // installed without dev dependencies
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    if (!runtimeInstalled()) {
      console.log(
        'Skipped the Electron runtime (ELECTRON_SKIP_BINARY_DOWNLOAD is set), so "npm start" will run the app in browser mode.',
      );
    }
    return;
  }
  if (!runtimeInstalled()) {
    const result = await run(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], {
      cwd: ELECTRON_DIR,
      timeoutMs: RUNTIME_TIMEOUT_MS,
    });
    if (!result.ok || !runtimeInstalled()) {
      console.log(
        `The Electron runtime could not be downloaded (${reasonOf(result, RUNTIME_TIMEOUT_MS)}), so "npm start" will run the app in browser mode; ${RETRY}.`,
      );
      return;
    }
  }
  const electronVersion = JSON.parse(fs.readFileSync(path.join(ELECTRON_DIR, 'package.json'), 'utf8')).version;
  const abi = fs.readFileSync(path.join(ELECTRON_DIR, 'abi_version'), 'utf8').trim();
  const target = electronBindingPath(ROOT, abi);
  if (fs.existsSync(target)) return;
  const built = await buildBinding(electronVersion, target);
  if (built.ok) {
    console.log(`The Electron runtime ${electronVersion} and its build of better-sqlite3 are installed.`);
  } else {
    console.log(
      `The Electron runtime is installed but its build of better-sqlite3 could not be made (${built.reason}), so "npm start" will run the app in browser mode; ${RETRY}.`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main()
    .catch((err) => {
      console.log(
        `The desktop app's setup could not finish (${err instanceof Error ? err.message : String(err)}), so "npm start" will run the app in browser mode; ${RETRY}.`,
      );
    })
    .finally(() => process.exit(0));
}
