/**
 * Small file-system helpers for documents: build beside, then move into place without ever
 * overwriting; backups before migration; fsync so a copy survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FILE_EXTENSION } from '../db';

/** A hidden temporary name in the same folder as `target` (same file system, so rename/link work). */
export function tempPathBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

export class TargetExistsError extends Error {
  constructor(readonly target: string) {
    super(`file exists: ${target}`);
    this.name = 'TargetExistsError';
  }
}

/**
 * Moves the finished file `tmp` to `target`, failing with TargetExistsError if `target` exists.
 * A hard link is an atomic "create if absent"; file systems without hard links (FAT, some shares)
 * fall back to check-then-rename.
 */
export function moveIntoPlaceNoClobber(tmp: string, target: string): void {
  try {
    fs.linkSync(tmp, target);
    fs.unlinkSync(tmp);
  } catch (err) {
    if (isErrno(err, 'EEXIST')) throw new TargetExistsError(target);
    if (isErrno(err, 'EPERM') || isErrno(err, 'ENOTSUP') || isErrno(err, 'EXDEV') || isErrno(err, 'ENOSYS')) {
      if (fs.existsSync(target)) throw new TargetExistsError(target);
      fs.renameSync(tmp, target);
    } else {
      throw err;
    }
  }
  fsyncDir(path.dirname(target));
}

/** Moves `tmp` over `target` atomically (replacing it). */
export function moveIntoPlaceReplacing(tmp: string, target: string): void {
  fs.renameSync(tmp, target);
  fsyncDir(path.dirname(target));
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Best effort: make a rename durable. Not possible on Windows (directories cannot be opened). */
export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // unsupported here; the rename is still atomic
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

export function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

/** "Budget.rcs", version 1 -> "Budget.v1-backup.rcs" beside it (or "-2", "-3"... if taken). */
export function backupPathFor(documentPath: string, version: number, attempt = 1): string {
  const dir = path.dirname(documentPath);
  const base = stripExtension(path.basename(documentPath));
  const suffix = attempt === 1 ? '' : `-${attempt}`;
  return path.join(dir, `${base}.v${version}-backup${suffix}${FILE_EXTENSION}`);
}

/** Copies `documentPath` to a new backup file beside it (never overwriting one) and returns its path. */
export function makeBackup(documentPath: string, version: number): string {
  for (let attempt = 1; attempt < 1000; attempt++) {
    const target = backupPathFor(documentPath, version, attempt);
    try {
      fs.copyFileSync(documentPath, target, fs.constants.COPYFILE_EXCL);
    } catch (err) {
      if (isErrno(err, 'EEXIST')) continue;
      throw err;
    }
    fsyncFile(target);
    fsyncDir(path.dirname(target));
    return target;
  }
  throw new Error(`no free backup name beside ${documentPath}`);
}

export function stripExtension(name: string): string {
  return name.toLowerCase().endsWith(FILE_EXTENSION) ? name.slice(0, -FILE_EXTENSION.length) : name;
}

export function withExtension(name: string): string {
  return name.toLowerCase().endsWith(FILE_EXTENSION) ? name : `${name}${FILE_EXTENSION}`;
}

export function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === code;
}
