/**
 * The event channel and jobs over real files and a real browser-mode server: two windows on one
 * programme hear each other's changes (applied from the events alone, they reach main's state);
 * the stream has the same token, Host and Origin checks as the calls; the `verify` job reports
 * progress, finishes, can be cancelled, and fails with a clear message on a file changed behind
 * the app's back.
 */
import fs from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent, Delta } from '../../src-shared/api';
import { applyWrites, newId } from '../../src-shared/commands';
import type { Model } from '../../src-shared/model';
import { type AppHandlers, createHandlers, writeModelToFile } from '../../src-main/documents';
import { openWritable } from '../../src-main/db';
import { type RunningHttpServer, startHttpServer } from '../../src-main/transport/http';
import { SseParser } from '../../src-renderer/api/events';
import { EngineThread } from '../../src-main/documents/engine-pool';
import { createEngine } from '../../src-shared/engine';
import { fields, fullModel, smallModel, tempDir } from './helpers';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function setup(): { h: AppHandlers; events: AppEvent[]; file: string } {
  const root = tempDir();
  const documentsDir = path.join(root, 'docs');
  fs.mkdirSync(documentsDir, { recursive: true });
  const sampleFile = path.join(root, 'sample.rcs');
  writeModelToFile(sampleFile, smallModel());
  const file = path.join(documentsDir, 'Programme.rcs');
  writeModelToFile(file, smallModel());
  const events: AppEvent[] = [];
  const h = createHandlers({
    documentsDir,
    userDataDir: path.join(root, 'user'),
    sampleFile,
    mode: 'browser',
    version: '0-test',
    emit: (e) => events.push(e),
  });
  cleanup.push(() => h.dispose());
  return { h, events, file };
}

/** Resolves when `events` holds an event matching `pred` (polling; jobs run on the event loop). */
async function waitFor<T extends AppEvent>(events: AppEvent[], pred: (e: AppEvent) => e is T): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const hit = events.find(pred);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('no such event');
}

const finished = (e: AppEvent): e is Extract<AppEvent, { type: 'job.finished' }> => e.type === 'job.finished';

describe('document events', () => {
  it('tell every window what a command, an undo and a redo changed, with the window that asked', () => {
    const { h, events, file } = setup();
    const opened = h['document.open']({ path: file, readOnly: false });
    expect(events.splice(0)).toEqual([{ type: 'document.replaced', path: opened.info.path, origin: null }]);

    // A second window follows from the events alone and ends where main is.
    let other: Model = opened.model;
    const follow = (): void => {
      for (const e of events.splice(0)) if (e.type === 'document.changed') other = applyWrites(other, e.delta.writes);
    };
    const id = newId();
    const delta: Delta = h['document.command']({
      command: { type: 'line.add', id, level: 'support', fields: fields({ name: 'Driver' }) },
      origin: 'window-A',
    });
    expect(events[0]).toEqual({ type: 'document.changed', delta, origin: 'window-A' });
    follow();
    h['document.command']({ command: { type: 'line.update', id, patch: { unitCost: 4200 } }, origin: 'window-A' });
    h['document.undo']({ origin: 'window-B' });
    h['document.redo']({});
    follow();
    expect(other).toEqual(h['document.current']({})?.model);
    expect(other.lines.find((l) => l.id === id)?.unitCost).toBe(4200);

    h['document.close']({});
    expect(events).toEqual([{ type: 'document.replaced', path: null, origin: null }]);
  });

  it('a one-field edit replies with one row, not the whole programme', () => {
    const { h, file } = setup();
    h['document.open']({ path: file, readOnly: false });
    const delta = h['document.command']({ command: { type: 'line.update', id: 'ind-a', patch: { unitCost: 1 } } });
    expect(delta.writes).toHaveLength(1);
    expect(delta.writes[0]).toMatchObject({ table: 'line', id: 'ind-a', row: { unitCost: 1 } });
    expect(JSON.stringify(delta).length).toBeLessThan(4000);
  });
});

describe('jobs', () => {
  it('verify reports each step and finishes with what it checked', async () => {
    const { h, events, file } = setup();
    h['document.open']({ path: file, readOnly: false });
    const { jobId } = h['job.start']({ kind: 'verify' });
    const done = await waitFor(events, finished);
    expect(done).toMatchObject({ jobId, kind: 'verify', outcome: 'done', error: null });
    expect(done.message).toMatch(/^"Programme.rcs" is sound: .* computes to .*EUR/);
    const progress = events.filter((e) => e.type === 'job.progress');
    expect(progress.map((e) => (e.type === 'job.progress' ? [e.done, e.total] : null))).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(() => h['job.cancel']({ jobId })).toThrow(/already finished/);
  });

  it('can be cancelled: it stops before its next step and changes nothing', async () => {
    const { h, events, file } = setup();
    h['document.open']({ path: file, readOnly: false });
    const before = fs.readFileSync(file);
    const { jobId } = h['job.start']({ kind: 'verify' });
    expect(h['job.cancel']({ jobId })).toBeNull();
    const done = await waitFor(events, finished);
    expect(done).toMatchObject({ jobId, outcome: 'cancelled' });
    expect(events.filter((e) => e.type === 'job.progress')).toEqual([]);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('verify fails, saying what to do, when another program changed the file', async () => {
    const { h, events, file } = setup();
    h['document.open']({ path: file, readOnly: false });
    const db = openWritable(file);
    db.prepare(`UPDATE budget_line SET unit_cost = 1 WHERE id = 'ind-a'`).run();
    db.close();
    h['job.start']({ kind: 'verify' });
    const done = await waitFor(events, finished);
    expect(done.outcome).toBe('failed');
    expect(done.error?.code).toBe('damaged');
    expect(done.message).toMatch(/no longer matches what is on screen.*Close it and open it again/);
  });

  it('cannot start without an open programme', () => {
    const { h } = setup();
    expect(() => h['job.start']({ kind: 'verify' })).toThrow(/No programme is open/);
  });
});

describe('the event stream of browser mode', () => {
  async function serve(): Promise<{ server: RunningHttpServer; h: AppHandlers; file: string }> {
    const { file } = setup();
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
    let broadcast: (e: AppEvent) => void = () => undefined;
    const root = tempDir();
    const handlers = createHandlers({
      documentsDir: path.dirname(file),
      userDataDir: path.join(root, 'user'),
      sampleFile: file,
      mode: 'browser',
      version: '0-test',
      emit: (e) => broadcast(e),
    });
    cleanup.push(() => handlers.dispose());
    const server = await startHttpServer({ handlers, rendererDir, port: 0 });
    cleanup.push(() => server.close());
    broadcast = server.broadcast;
    return { server, h: handlers, file };
  }

  /** Opens the stream with `headers`; resolves the status and, for 200, a reader of its events. */
  function stream(
    server: RunningHttpServer,
    headers: Record<string, string>,
  ): Promise<{ status: number; next: () => Promise<AppEvent>; close: () => void }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/events',
          headers: { Host: `127.0.0.1:${server.port}`, ...headers },
        },
        (res) => {
          const parser = new SseParser();
          const queue: AppEvent[] = [];
          const waiting: ((e: AppEvent) => void)[] = [];
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            for (const data of parser.push(chunk)) {
              const event = JSON.parse(data) as AppEvent;
              const w = waiting.shift();
              if (w) w(event);
              else queue.push(event);
            }
          });
          resolve({
            status: res.statusCode ?? 0,
            next: () => {
              const e = queue.shift();
              return e ? Promise.resolve(e) : new Promise((r) => waiting.push(r));
            },
            close: () => req.destroy(),
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('streams every window the changes made by any of them, behind the token', async () => {
    const { server, h, file } = await serve();
    const s = await stream(server, { 'X-RCS-Token': server.token });
    cleanup.push(() => s.close());
    expect(s.status).toBe(200);
    const opened = h['document.open']({ path: file, readOnly: false });
    expect(await s.next()).toEqual({ type: 'document.replaced', path: opened.info.path, origin: null });
    const delta = h['document.command']({
      command: { type: 'line.update', id: 'ind-a', patch: { name: 'Renamed' } },
      origin: 'w1',
    });
    expect(await s.next()).toEqual({ type: 'document.changed', delta, origin: 'w1' });
  });

  it('refuses a stream without the token or from another origin', async () => {
    const { server } = await serve();
    expect((await stream(server, {})).status).toBe(401);
    expect((await stream(server, { 'X-RCS-Token': 'nope' })).status).toBe(401);
    expect((await stream(server, { 'X-RCS-Token': server.token, Origin: 'http://evil.example' })).status).toBe(403);
  });
});

describe('the SSE parser', () => {
  it('joins split chunks, skips comments, and handles CRLF', () => {
    const p = new SseParser();
    expect(p.push(': connected\n\nevent: x\ndata: {"a"')).toEqual([]);
    expect(p.push(':1}\n\ndata: 2\r\n\r\n')).toEqual(['{"a":1}', '2']);
    expect(p.push('data: a\ndata: b\n\n')).toEqual(['a\nb']);
  });
});

describe('the engine thread for main’s jobs', () => {
  const script = path.resolve(import.meta.dirname, '../../out/main/engine-thread.js');
  const built = fs.existsSync(script);

  // Skipped only before `electron-vite build` has made the thread's script (CI builds before it tests).
  it.skipIf(!built)('computes in a worker thread exactly what the engine computes here', async () => {
    const thread = new EngineThread(script);
    cleanup.push(() => thread.close());
    const model = fullModel();
    const result = await thread.compute(model);
    expect(thread.lastRanIn).toBe('thread');
    expect(result).toEqual(createEngine().compute(model));
  });

  it('computes here when there is no script, or the thread cannot start', async () => {
    const model = fullModel();
    const none = new EngineThread(null);
    expect(await none.compute(model)).toEqual(createEngine().compute(model));
    expect(none.lastRanIn).toBe('inline');
    const broken = path.join(tempDir(), 'broken.js');
    fs.writeFileSync(broken, 'throw new Error("no engine here");\n');
    const thread = new EngineThread(broken);
    cleanup.push(() => thread.close());
    expect(await thread.compute(model)).toEqual(createEngine().compute(model));
    expect(thread.lastRanIn).toBe('inline');
  });

  it.skipIf(!built)('the file check computes in the thread', async () => {
    const root = tempDir();
    const documentsDir = path.join(root, 'docs');
    fs.mkdirSync(documentsDir);
    const file = path.join(documentsDir, 'P.rcs');
    writeModelToFile(file, fullModel());
    const events: AppEvent[] = [];
    const h = createHandlers({
      documentsDir,
      userDataDir: path.join(root, 'user'),
      sampleFile: file,
      mode: 'browser',
      version: '0-test',
      emit: (e) => events.push(e),
      engineThread: script,
    });
    cleanup.push(() => h.dispose());
    h['document.open']({ path: file, readOnly: false });
    h['job.start']({ kind: 'verify' });
    const done = await waitFor(events, finished);
    expect(done).toMatchObject({ outcome: 'done' });
  });
});
