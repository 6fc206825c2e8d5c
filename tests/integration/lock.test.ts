/** A file already open in another process opens read-only ('locked'); stale locks are taken over. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../src-shared/api';
import { lockPathFor, releaseAllLocks, writeModelToFile } from '../../src-main/documents';
import { listDir, service, sha256, smallModel, tempDir } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function newFile(): { dir: string; file: string; lock: string } {
  const dir = tempDir();
  const file = path.join(dir, 'Shared budget.rcs');
  writeModelToFile(file, smallModel());
  return { dir, file, lock: path.join(dir, '.~lock.Shared budget.rcs#') };
}

function writeLock(lock: string, pid: number, hostname = os.hostname()): void {
  fs.writeFileSync(
    lock,
    JSON.stringify({ app: 'x', pid, hostname, user: 'someone', since: '2026-01-01T08:00:00.000Z' }),
  );
}

function lockHolder(file: string): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'lock-holder.ts'), file], {
    cwd: path.resolve(here, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, line: out.trim() });
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`lock holder exited (${code}): ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on('exit', () => resolve());
  });
}

describe('lock files', () => {
  it('the lock file sits beside the document, LibreOffice style', () => {
    expect(lockPathFor('/data/Budget.rcs')).toBe(path.join('/data', '.~lock.Budget.rcs#'));
  });

  it('a lock naming a live process on this host opens read-only "locked", touching nothing', () => {
    const { dir, file, lock } = newFile();
    writeLock(lock, process.ppid);
    const hash = sha256(file);
    const lockText = fs.readFileSync(lock, 'utf8');
    const s = service();
    const snap = s.open(file);
    expect(snap.info).toMatchObject({ readOnly: true, readOnlyReason: 'locked' });
    expect(snap.model.lines).toHaveLength(7);
    let refusal: unknown;
    try {
      s.command({ type: 'line.delete', id: 'ind-a' });
    } catch (err) {
      refusal = err;
    }
    expect((refusal as ApiFailure).code).toBe('readOnly');
    expect((refusal as ApiFailure).message).toMatch(
      /is already open by someone on .* since 2026-01-01 08:00 UTC, so it is read-only here/,
    );
    s.close();
    expect(sha256(file)).toBe(hash);
    expect(fs.readFileSync(lock, 'utf8')).toBe(lockText);
    expect(listDir(dir)).toEqual(['.~lock.Shared budget.rcs#', 'Shared budget.rcs']);
  });

  it('a lock from another computer is respected', () => {
    const { file, lock } = newFile();
    writeLock(lock, 1, 'some-other-host.example');
    expect(service().open(file).info.readOnlyReason).toBe('locked');
  });

  it('a stale lock (dead pid on this host) is taken over', () => {
    const { file, lock } = newFile();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeLock(lock, Number(dead.stdout.toString()));
    const s = service();
    expect(s.open(file).info.readOnly).toBe(false);
    expect(JSON.parse(fs.readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    s.close();
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('the same file opened twice in one process: the second is read-only', () => {
    const { file } = newFile();
    expect(service().open(file).info.readOnly).toBe(false);
    expect(service().open(file).info.readOnlyReason).toBe('locked');
  });

  it('a requested read-only open neither takes nor needs the lock', () => {
    const { file, lock } = newFile();
    const s = service();
    expect(s.open(file, { readOnly: true }).info.readOnlyReason).toBe('requested');
    expect(fs.existsSync(lock)).toBe(false);
    expect(service().open(file).info.readOnly).toBe(false);
  });

  it('releaseAllLocks (run on process exit) removes our lock files', () => {
    const { file, lock } = newFile();
    service().open(file);
    expect(fs.existsSync(lock)).toBe(true);
    releaseAllLocks();
    expect(fs.existsSync(lock)).toBe(false);
  });
});

describe('a second process', () => {
  it('while another process has the file open, it opens read-only; after it closes, writable', async () => {
    const { file, lock } = newFile();
    const { child, line } = await lockHolder(file);
    expect(line).toBe('ready writable');
    expect(JSON.parse(fs.readFileSync(lock, 'utf8'))).toMatchObject({ pid: child.pid });

    const hash = sha256(file);
    const s = service();
    expect(s.open(file).info).toMatchObject({ readOnly: true, readOnlyReason: 'locked' });
    s.close();
    expect(sha256(file)).toBe(hash);

    child.stdin?.end();
    await exited(child);
    expect(child.exitCode).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);
    expect(service().open(file).info.readOnly).toBe(false);
  });

  it('after the other process crashes (SIGKILL), its stale lock is taken over', async () => {
    const { file, lock } = newFile();
    const { child } = await lockHolder(file);
    child.kill('SIGKILL');
    await exited(child);
    expect(fs.existsSync(lock)).toBe(true);
    const snap = service().open(file);
    expect(snap.info.readOnly).toBe(false);
  });
});
