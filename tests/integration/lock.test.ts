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

/** A lock taken just now (a live pid must have started before its lock was taken). */
function writeLock(lock: string, pid: number, hostname = os.hostname()): void {
  fs.writeFileSync(lock, JSON.stringify({ app: 'x', pid, hostname, user: 'someone', since: new Date().toISOString() }));
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
      /is already open by someone on .* since \d{4}-\d\d-\d\d \d\d:\d\d UTC, so it is read-only here/,
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

/** A live process of no concern to us (a pid that a stale lock may name after reuse). */
function sleeper(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

describe('locks that follow the file (issue 13)', () => {
  it('a symlink to an open file opens read-only: the lock sits beside the real file', () => {
    const { dir, file, lock } = newFile();
    const alias = path.join(dir, 'Alias.rcs');
    fs.symlinkSync(file, alias);
    const a = service();
    expect(a.open(file).info.readOnly).toBe(false);
    const b = service();
    expect(b.open(alias).info).toMatchObject({ readOnly: true, readOnlyReason: 'locked' });
    expect(() => b.command({ type: 'line.delete', id: 'ind-a' })).toThrow(/read-only/);
    a.close();
    b.close();
    // Opened by its alias first: the real file's lock is taken, so the real name opens read-only.
    const c = service();
    expect(c.open(alias).info.readOnly).toBe(false);
    expect(fs.existsSync(lock)).toBe(true);
    expect(fs.existsSync(path.join(dir, '.~lock.Alias.rcs#'))).toBe(false);
    expect(service().open(file).info.readOnlyReason).toBe('locked');
    c.close();
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('a symlink in another folder to a file another process has open opens read-only', async () => {
    const { file } = newFile();
    const other = tempDir();
    const alias = path.join(other, 'Elsewhere.rcs');
    fs.symlinkSync(file, alias);
    const { child, line } = await lockHolder(file);
    expect(line).toBe('ready writable');
    expect(service().open(alias).info.readOnlyReason).toBe('locked');
    child.stdin?.end();
    await exited(child);
  });

  it('a hard link to a file open in this process opens read-only', () => {
    const { dir, file } = newFile();
    const twin = path.join(dir, 'Twin.rcs');
    fs.linkSync(file, twin);
    const a = service();
    expect(a.open(file).info.readOnly).toBe(false);
    expect(service().open(twin).info.readOnlyReason).toBe('locked');
    a.close();
    expect(service().open(twin).info.readOnly).toBe(false);
  });

  it('reopening the same file by another name in the same window stays writable', () => {
    const { dir, file } = newFile();
    const alias = path.join(dir, 'Alias.rcs');
    fs.symlinkSync(file, alias);
    const s = service();
    s.open(file);
    expect(s.open(alias).info.readOnly).toBe(false);
  });

  it('an empty lock file (however fresh) is stale at once', () => {
    const { file, lock } = newFile();
    fs.writeFileSync(lock, '');
    const s = service();
    expect(s.open(file).info.readOnly).toBe(false);
    expect(JSON.parse(fs.readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('our locks are written whole: no temporary file is left, the content is complete', () => {
    const { dir, file, lock } = newFile();
    service().open(file);
    const owner = JSON.parse(fs.readFileSync(lock, 'utf8')) as Record<string, unknown>;
    expect(owner).toMatchObject({ app: 'reintegration-costing-studio', pid: process.pid, hostname: os.hostname() });
    expect(listDir(dir)).toEqual(['.~lock.Shared budget.rcs#', 'Shared budget.rcs']);
  });

  it('a lock whose pid now belongs to a process started after the lock was taken is stale', () => {
    const { file, lock } = newFile();
    const other = sleeper();
    fs.writeFileSync(
      lock,
      JSON.stringify({
        app: 'reintegration-costing-studio',
        pid: other.pid,
        hostname: os.hostname(),
        user: 'x',
        since: '2020-01-01T08:00:00.000Z',
      }),
    );
    expect(service().open(file).info.readOnly).toBe(false);
  });

  it.runIf(process.platform === 'linux')('boot id and start ticks tell a reused pid exactly', () => {
    const { file, lock } = newFile();
    const other = sleeper();
    const since = new Date().toISOString();
    const boot = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const write = (fields: Record<string, unknown>): void =>
      fs.writeFileSync(
        lock,
        JSON.stringify({
          app: 'reintegration-costing-studio',
          pid: other.pid,
          hostname: os.hostname(),
          user: 'x',
          since,
          ...fields,
        }),
      );
    // Written by an earlier boot: stale, even though the pid is alive and started "before" it.
    write({ boot: 'another-boot', startTicks: 1 });
    const a = service();
    expect(a.open(file).info.readOnly).toBe(false);
    a.close();
    // Same boot, another start: the pid was reused.
    write({ boot, startTicks: 1 });
    const b = service();
    expect(b.open(file).info.readOnly).toBe(false);
    b.close();
  });

  it('a live holder stays respected (its lock carries its own boot and start)', async () => {
    const { file, lock } = newFile();
    const { child } = await lockHolder(file);
    if (process.platform === 'linux') {
      expect(JSON.parse(fs.readFileSync(lock, 'utf8'))).toMatchObject({
        pid: child.pid,
        boot: expect.any(String),
        startTicks: expect.any(Number),
      });
    }
    expect(service().open(file).info.readOnlyReason).toBe('locked');
    child.stdin?.end();
    await exited(child);
  });

  it('"open anyway" takes over a lock that looks live, and is refused for a file open in this app', () => {
    const { file, lock } = newFile();
    writeLock(lock, 1, 'some-other-host.example');
    const s = service();
    expect(s.open(file).info.readOnlyReason).toBe('locked');
    const snap = s.openAnyway();
    expect(snap.info).toMatchObject({ readOnly: false, readOnlyReason: null });
    expect(JSON.parse(fs.readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    s.command({ type: 'line.delete', id: 'ind-a' });
    expect(s.snapshot().model.lines).toHaveLength(6);

    const second = service();
    expect(second.open(file).info.readOnlyReason).toBe('locked');
    expect(() => second.openAnyway()).toThrow(/open for editing in another window of this app/);
    s.close();
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('"open anyway" on a programme that is not locked is refused', () => {
    const { file } = newFile();
    const s = service();
    s.open(file, { readOnly: true });
    expect(() => s.openAnyway()).toThrow(/not locked/);
  });
});
