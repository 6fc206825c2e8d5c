/**
 * Where exports go, as main keeps track of it: the paths chosen in the desktop save dialog (a
 * window holds only a token for each), the bytes of browser-mode exports waiting for their window
 * to take them as a download, and the paths of saved exports (for "Show in folder").
 *
 * Decision: a token or a download is kept for KEEP_MS (ten minutes) and each is taken once;
 *   at most MAX_KEPT_BYTES of downloads are kept at once, the oldest dropped first, so a window
 *   that never takes its files cannot fill the memory.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export const KEEP_MS = 10 * 60 * 1000;
export const MAX_KEPT_BYTES = 256 * 1024 * 1024;
/** Saved exports remembered for "Show in folder". */
export const MAX_SAVED = 100;

export interface KeptFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export class ExportFiles {
  private readonly tokens = new Map<string, { path: string; at: number }>();
  private readonly downloads = new Map<string, KeptFile & { at: number }>();
  private readonly saved = new Map<string, { path: string; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A token for a path the person chose (the save dialog). */
  tokenFor(path: string): string {
    this.expire();
    const token = randomBytes(18).toString('base64url');
    this.tokens.set(token, { path, at: this.now() });
    return token;
  }

  /** The path a token stands for (null: unknown or expired). Taken once. */
  takePath(token: string): string | null {
    this.expire();
    const kept = this.tokens.get(token);
    this.tokens.delete(token);
    return kept?.path ?? null;
  }

  /** Keeps a browser-mode export's bytes for its window. */
  keep(jobId: string, file: KeptFile): void {
    this.expire();
    this.downloads.set(jobId, { ...file, at: this.now() });
    let total = 0;
    for (const d of this.downloads.values()) total += d.bytes.length;
    // The oldest first (a Map iterates in insertion order).
    for (const [id, d] of this.downloads) {
      if (total <= MAX_KEPT_BYTES || id === jobId) break;
      total -= d.bytes.length;
      this.downloads.delete(id);
    }
  }

  /** A kept export's bytes, once (null: never kept, already taken, or expired). */
  take(jobId: string): KeptFile | null {
    this.expire();
    const kept = this.downloads.get(jobId);
    this.downloads.delete(jobId);
    return kept ? { fileName: kept.fileName, mimeType: kept.mimeType, bytes: kept.bytes } : null;
  }

  /** Records where a job saved its export. */
  savedAt(jobId: string, path: string): void {
    this.saved.set(jobId, { path, at: this.now() });
    // The last MAX_SAVED only (they hold a path each, no bytes; kept without a time limit).
    for (const id of this.saved.keys()) {
      if (this.saved.size <= MAX_SAVED) break;
      this.saved.delete(id);
    }
  }

  /** Where a job saved its export (null: unknown or expired). */
  pathOfJob(jobId: string): string | null {
    return this.saved.get(jobId)?.path ?? null;
  }

  private expire(): void {
    const limit = this.now() - KEEP_MS;
    for (const map of [this.tokens, this.downloads] as Map<string, { at: number }>[]) {
      for (const [k, v] of map) if (v.at < limit) map.delete(k);
    }
  }
}

/**
 * Writes `bytes` to `out` whole or not at all: to a temporary file beside it, flushed to disk, then
 * renamed over it (one atomic step on the same file system). On failure the temporary file is
 * removed, `out` is left as it was, and the error is thrown for the caller to word.
 */
export function writeFileAtomically(out: string, bytes: Uint8Array): void {
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.${Date.now()}.part`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx');
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, out);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}
