/**
 * "Open elsewhere" detection with a lock file beside the document, in the style LibreOffice uses:
 * `Budget.rcs` is guarded by `.~lock.Budget.rcs#`, holding who opened it (pid, host, user, time,
 * and on Linux the boot and the process's start, which tell a live holder from a reused pid).
 *
 * - The lock follows the file, not the name it was opened by: it sits beside the REAL file (a
 *   symlink is resolved), and this process refuses to open for writing a file it already has open
 *   under another name (a symlink or a hard link: same device and inode).
 * - Taking the lock is atomic: the whole lock is written to a temporary file, then hard-linked to
 *   the lock's name (which fails if it exists), so two processes cannot both win and a lock file is
 *   never seen half-written. (Where hard links are not supported, an exclusive create is used.)
 * - A lock naming a pid that is dead on THIS host is stale (a crash) and is taken over; so is a lock
 *   whose pid now belongs to another process (started after the lock was taken, or in an earlier
 *   boot), and an empty lock file (never a live lock, since locks are written atomically).
 * - A lock from another host cannot be checked, so it is respected; the person may still take it
 *   over, having been warned (`force`).
 * - Locks are released on close and when the process exits.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockOwner {
  app: string;
  pid: number;
  hostname: string;
  user: string;
  since: string;
  /** Linux: /proc/sys/kernel/random/boot_id of the holder's boot. */
  boot?: string;
  /** Linux: the holder's start time, in clock ticks since boot (/proc/<pid>/stat, field 22). */
  startTicks?: number;
}

export type LockResult = { acquired: true; lock: DocumentLock } | { acquired: false; owner: LockOwner | null };

export interface AcquireOptions {
  /**
   * Take the lock even from a holder that looks live (the person said no one else has the file
   * open). Never taken from this very process: a file open in another window here stays locked.
   */
  force?: boolean;
}

const APP_TAG = 'reintegration-costing-studio';
/** A process that started this long after the lock was written cannot be the one that wrote it. */
const START_TOLERANCE_MS = 5_000;

/** Locks held by this process, by lock-file path. */
const held = new Map<string, DocumentLock>();
/** The same locks, by the file's identity (device:inode), to catch hard links. */
const heldFiles = new Map<string, DocumentLock>();
let exitHookInstalled = false;

export function lockPathFor(documentPath: string): string {
  return path.join(path.dirname(documentPath), `.~lock.${path.basename(documentPath)}#`);
}

/** The file's real path: symlinks resolved (the path itself, made absolute, if it cannot be). */
export function realPathOf(documentPath: string): string {
  const abs = path.resolve(documentPath);
  try {
    return fs.realpathSync.native(abs);
  } catch {
    return abs;
  }
}

function fileIdentity(realPath: string): string | null {
  try {
    const st = fs.statSync(realPath, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

export class DocumentLock {
  private released = false;

  constructor(
    readonly documentPath: string,
    readonly lockPath: string,
    private readonly identity: string | null,
  ) {}

  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this.lockPath);
    if (this.identity !== null && heldFiles.get(this.identity) === this) heldFiles.delete(this.identity);
    try {
      const owner = readOwner(this.lockPath);
      if (owner && owner.pid === process.pid && owner.hostname === os.hostname()) fs.unlinkSync(this.lockPath);
    } catch {
      // Already gone, or the folder went away: nothing to release.
    }
  }
}

/** Tries to take the lock of `documentPath` for this process. */
export function acquireLock(documentPath: string, options: AcquireOptions = {}): LockResult {
  const real = realPathOf(documentPath);
  const lockPath = lockPathFor(real);
  const identity = fileIdentity(real);
  if (held.has(lockPath) || (identity !== null && heldFiles.has(identity))) {
    // Already open for writing in this very process (another window), maybe under another name.
    return { acquired: false, owner: ownerOfThisProcess() };
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLockFile(lockPath)) {
      const lock = new DocumentLock(documentPath, lockPath, identity);
      held.set(lockPath, lock);
      if (identity !== null) heldFiles.set(identity, lock);
      installExitHook();
      return { acquired: true, lock };
    }
    const seen = readText(lockPath);
    const owner = seen === null ? null : parseOwner(seen);
    const empty = seen !== null && seen.trim() === '';
    if (owner && !isStale(owner, lockPath) && !options.force) return { acquired: false, owner };
    // An unreadable lock may be a foreign one being written this very moment: respect it while it
    // is fresh. (Ours are written atomically, so an empty lock file is never a live one of ours.)
    if (!owner && !empty && seen !== null && isFresh(lockPath) && !options.force) {
      return { acquired: false, owner: null };
    }
    // Stale, empty, unreadable or forced: take it over, unless someone else just did.
    if (seen !== null && readText(lockPath) !== seen) continue;
    try {
      fs.unlinkSync(lockPath);
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
    }
  }
  return { acquired: false, owner: readOwner(lockPath) };
}

/** Who holds the lock of `documentPath`, if anyone live does. */
export function lockOwner(documentPath: string): LockOwner | null {
  const lockPath = lockPathFor(realPathOf(documentPath));
  const owner = readOwner(lockPath);
  return owner && !isStale(owner, lockPath) ? owner : null;
}

/** True when this process holds the lock of `documentPath` (under any of its names). */
export function heldByThisProcess(documentPath: string): boolean {
  const real = realPathOf(documentPath);
  const identity = fileIdentity(real);
  return held.has(lockPathFor(real)) || (identity !== null && heldFiles.has(identity));
}

/** Releases every lock this process holds (also run automatically on process exit). */
export function releaseAllLocks(): void {
  for (const lock of [...held.values()]) lock.release();
}

/**
 * Creates the lock file with its whole content at once. False when a lock file is already there.
 */
function createLockFile(lockPath: string): boolean {
  const content = JSON.stringify(ownerOfThisProcess());
  const tmp = path.join(
    path.dirname(lockPath),
    `.~lock-tmp.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}`,
  );
  try {
    fs.writeFileSync(tmp, content, { flag: 'wx' });
  } catch {
    // Cannot write a temporary file (odd permissions): fall back to an exclusive create.
    return createExclusive(lockPath, content);
  }
  try {
    fs.linkSync(tmp, lockPath);
    return true;
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    // No hard links on this file system (some network and FAT volumes): exclusive create instead.
    return createExclusive(lockPath, content);
  } finally {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Already gone.
    }
  }
}

function createExclusive(lockPath: string, content: string): boolean {
  try {
    fs.writeFileSync(lockPath, content, { flag: 'wx' });
    return true;
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    throw err;
  }
}

let selfOwner: Omit<LockOwner, 'since'> | null = null;

function ownerOfThisProcess(): LockOwner {
  if (!selfOwner) {
    let user = '';
    try {
      user = os.userInfo().username;
    } catch {
      // No user database entry (containers): leave empty.
    }
    const boot = bootId();
    const startTicks = startTicksOf(process.pid);
    selfOwner = {
      app: APP_TAG,
      pid: process.pid,
      hostname: os.hostname(),
      user,
      ...(boot !== null && startTicks !== null ? { boot, startTicks } : {}),
    };
  }
  return { ...selfOwner, pid: process.pid, since: new Date().toISOString() };
}

function readText(lockPath: string): string | null {
  try {
    return fs.readFileSync(lockPath, 'utf8');
  } catch {
    return null;
  }
}

function readOwner(lockPath: string): LockOwner | null {
  const text = readText(lockPath);
  return text === null ? null : parseOwner(text);
}

function parseOwner(text: string): LockOwner | null {
  try {
    const v: unknown = JSON.parse(text);
    if (
      typeof v === 'object' &&
      v !== null &&
      'pid' in v &&
      typeof v.pid === 'number' &&
      'hostname' in v &&
      typeof v.hostname === 'string'
    ) {
      const rec = v as Partial<LockOwner> & { pid: number; hostname: string };
      return {
        app: typeof rec.app === 'string' ? rec.app : '',
        pid: rec.pid,
        hostname: rec.hostname,
        user: typeof rec.user === 'string' ? rec.user : '',
        since: typeof rec.since === 'string' ? rec.since : '',
        ...(typeof rec.boot === 'string' && typeof rec.startTicks === 'number'
          ? { boot: rec.boot, startTicks: rec.startTicks }
          : {}),
      };
    }
  } catch {
    // fall through: not a lock we understand
  }
  return null;
}

function isStale(owner: LockOwner, lockPath: string): boolean {
  if (owner.hostname !== os.hostname()) return false;
  // Our own pid in a lock we do not hold: a leftover of an earlier process that had our pid.
  if (owner.pid === process.pid) return !held.has(lockPath);
  if (!pidAlive(owner.pid)) return true;
  return pidReused(owner);
}

/**
 * The pid is alive: is it still the process that wrote the lock? On Linux the lock carries the
 * boot and the holder's start (exact); otherwise a process that started after the lock was written
 * cannot have written it. When nothing can be told, the holder is taken as live.
 */
function pidReused(owner: LockOwner): boolean {
  if (owner.boot !== undefined && owner.startTicks !== undefined) {
    const boot = bootId();
    if (boot !== null && boot !== owner.boot) return true;
    const ticks = startTicksOf(owner.pid);
    if (boot !== null && ticks !== null) return ticks !== owner.startTicks;
  }
  const since = Date.parse(owner.since);
  const started = startTimeOf(owner.pid);
  if (!Number.isFinite(since) || started === null) return false;
  return started > since + START_TOLERANCE_MS;
}

function bootId(): string | null {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Linux: field 22 of /proc/<pid>/stat (after the command name, which may hold spaces). */
function startTicksOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

/** When `pid` started (ms since the epoch), or null when this cannot be told. */
function startTimeOf(pid: number): number | null {
  const ticks = startTicksOf(pid);
  if (ticks !== null) {
    try {
      const btime = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
      // USER_HZ is 100 on every Linux the app runs on.
      if (btime?.[1]) return Number(btime[1]) * 1000 + ticks * 10;
    } catch {
      // fall through
    }
  }
  if (process.platform === 'win32' || process.platform === 'linux') return null;
  // macOS and the BSDs: ps gives the start time (only asked when a lock names a live pid).
  const ps = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
    timeout: 2_000,
  });
  const started = ps.status === 0 ? Date.parse(ps.stdout.trim()) : NaN;
  return Number.isFinite(started) ? started : null;
}

function isFresh(lockPath: string): boolean {
  try {
    return Date.now() - fs.statSync(lockPath).mtimeMs < 10_000;
  } catch {
    return false;
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(err, 'EPERM');
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', releaseAllLocks);
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === code;
}
