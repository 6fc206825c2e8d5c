/**
 * "Open elsewhere" detection with a lock file beside the document, in the style LibreOffice uses:
 * `Budget.rcs` is guarded by `.~lock.Budget.rcs#`, holding who opened it (pid, host, user, time).
 *
 * - Taking the lock is an exclusive create (`wx`), so two processes cannot both win.
 * - A lock naming a pid that is dead on THIS host is stale (a crash) and is taken over.
 * - A lock from another host cannot be checked, so it is respected.
 * - Locks are released on close and when the process exits.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockOwner {
  app: string;
  pid: number;
  hostname: string;
  user: string;
  since: string;
}

export type LockResult = { acquired: true; lock: DocumentLock } | { acquired: false; owner: LockOwner | null };

const APP_TAG = 'reintegration-costing-studio';

/** Locks held by this process, by lock-file path. */
const held = new Map<string, DocumentLock>();
let exitHookInstalled = false;

export function lockPathFor(documentPath: string): string {
  return path.join(path.dirname(documentPath), `.~lock.${path.basename(documentPath)}#`);
}

export class DocumentLock {
  private released = false;

  constructor(
    readonly documentPath: string,
    readonly lockPath: string,
  ) {}

  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this.lockPath);
    try {
      const owner = readOwner(this.lockPath);
      if (owner && owner.pid === process.pid && owner.hostname === os.hostname()) fs.unlinkSync(this.lockPath);
    } catch {
      // Already gone, or the folder went away: nothing to release.
    }
  }
}

/** Tries to take the lock of `documentPath` for this process. */
export function acquireLock(documentPath: string): LockResult {
  const lockPath = lockPathFor(path.resolve(documentPath));
  if (held.has(lockPath)) {
    // Already open for writing in this very process (another window or handler set).
    return { acquired: false, owner: ownerOfThisProcess() };
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(ownerOfThisProcess()), { flag: 'wx' });
      const lock = new DocumentLock(documentPath, lockPath);
      held.set(lockPath, lock);
      installExitHook();
      return { acquired: true, lock };
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
    }
    const seen = readText(lockPath);
    const owner = seen === null ? null : parseOwner(seen);
    if (owner && !isStale(owner, lockPath)) return { acquired: false, owner };
    // An unreadable lock may be one being written this very moment: respect it while it is fresh.
    if (!owner && seen !== null && isFresh(lockPath)) return { acquired: false, owner: null };
    // Stale (dead pid on this host) or unreadable: take it over, unless someone else just did.
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
  const lockPath = lockPathFor(path.resolve(documentPath));
  const owner = readOwner(lockPath);
  return owner && !isStale(owner, lockPath) ? owner : null;
}

/** Releases every lock this process holds (also run automatically on process exit). */
export function releaseAllLocks(): void {
  for (const lock of [...held.values()]) lock.release();
}

function ownerOfThisProcess(): LockOwner {
  let user = '';
  try {
    user = os.userInfo().username;
  } catch {
    // No user database entry (containers): leave empty.
  }
  return { app: APP_TAG, pid: process.pid, hostname: os.hostname(), user, since: new Date().toISOString() };
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
  return !pidAlive(owner.pid);
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
