/** The file side of the benchmark: write a model as a .rcs file, and open + compute one as the app does. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, DocumentService, writeModelToFile } from '../../src-main/documents';
import { startHttpServer } from '../../src-main/transport/http';
import { compute } from '../../src-shared/engine';
import type { AppEvent } from '../../src-shared/api';
import type { Model } from '../../src-shared/model';

export function writeModel(path: string, model: Model): void {
  writeModelToFile(path, model, { overwrite: true });
}

/** Opens the file read-only through the DocumentService and closes it; returns the number of lines. */
export function openOnly(path: string): number {
  const service = new DocumentService();
  try {
    return service.open(path, { readOnly: true }).model.lines.length;
  } finally {
    service.close();
  }
}

/** Opens the file read-only through the DocumentService, computes it, closes it; returns the grand total. */
export function openAndCompute(path: string): number {
  const service = new DocumentService();
  try {
    const snapshot = service.open(path, { readOnly: true });
    return compute(snapshot.model).totals.total;
  } finally {
    service.close();
  }
}

/** The app's handlers over a scratch documents folder holding a copy of `file` (`copy`). */
function scratch(
  file: string,
  emit?: (event: AppEvent) => void,
): { root: string; handlers: ReturnType<typeof createHandlers>; copy: string } {
  const root = mkdtempSync(join(tmpdir(), 'rcs-bench-docs-'));
  const handlers = createHandlers({
    documentsDir: root,
    userDataDir: join(root, 'user'),
    sampleFile: file,
    mode: 'browser',
    version: 'bench',
    ...(emit ? { emit } : {}),
  });
  const copy = join(root, 'edit.rcs');
  copyFileSync(file, copy);
  return { root, handlers, copy };
}

/**
 * Opens `file` for writing in a scratch documents folder and makes ten one-field edits (unit costs)
 * through the contract's dispatch; returns the size in bytes of each reply as JSON (what crosses
 * IPC or HTTP), and of the whole snapshot that replies carried before.
 */
export function replySizes(file: string): { sizes: number[]; snapshotBytes: number } {
  const { root, handlers, copy } = scratch(file);
  try {
    const opened = handlers['document.open']({ path: copy, readOnly: false });
    const snapshotBytes = Buffer.byteLength(JSON.stringify({ ok: true, value: opened }));
    const sizes: number[] = [];
    for (const line of opened.model.lines.slice(0, 10)) {
      const reply = handlers['document.command']({
        command: { type: 'line.update', id: line.id, patch: { unitCost: line.unitCost + 1 } },
      });
      sizes.push(Buffer.byteLength(JSON.stringify({ ok: true, value: reply })));
    }
    return { sizes, snapshotBytes };
  } finally {
    handlers.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Browser mode on a copy of `file`: one client sends unit-cost edits one after the other over
 * HTTP (keep-alive) for `budgetMs`; returns each command's round trip and the commands per second.
 */
export async function commandRate(file: string, budgetMs: number): Promise<{ latencies: number[]; perSecond: number }> {
  const { root, handlers, copy } = scratch(file);
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
  const server = await startHttpServer({ handlers, rendererDir, port: 0 });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = poster(server.port, server.token, agent);
  try {
    const opened = JSON.parse(await post('document.open', { path: copy, readOnly: false })) as {
      value: { model: Model };
    };
    const lines = opened.value.model.lines;
    const latencies: number[] = [];
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < budgetMs || latencies.length < 50) {
      const line = lines[n % lines.length] as Model['lines'][number];
      const t = performance.now();
      const reply = JSON.parse(
        await post('document.command', {
          command: { type: 'line.update', id: line.id, patch: { unitCost: line.unitCost + 1 + (n % 7) } },
        }),
      ) as { ok: boolean };
      latencies.push(performance.now() - t);
      if (!reply.ok) throw new Error(`BENCH FAILED: command ${n} was refused`);
      n++;
    }
    const elapsed = performance.now() - t0;
    return { latencies, perSecond: (latencies.length * 1000) / elapsed };
  } finally {
    agent.destroy();
    await server.close();
    handlers.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

/** One POST of the contract over `agent`, with the session token, as the page sends it. */
function poster(port: number, token: string, agent: Agent): (name: string, body: unknown) => Promise<string> {
  return (name, body) =>
    new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/${name}`,
          agent,
          headers: {
            'Content-Type': 'application/json',
            'X-RCS-Token': token,
            'Content-Length': Buffer.byteLength(data),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(data);
    });
}

/** Opens the page's event stream (GET /api/events with the token); counts the events it hears. */
function eventStream(port: number, token: string): Promise<{ events: () => number; close: () => void }> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    const req = request(
      { host: '127.0.0.1', port, method: 'GET', path: '/api/events', headers: { 'X-RCS-Token': token } },
      (res) => {
        res.on('data', (d: Buffer) => {
          seen += d.toString('utf8').split('event: document.changed').length - 1;
        });
        res.on('error', () => undefined);
        resolve({ events: () => seen, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Browser mode on a copy of `file`, `clients` windows at once: each has its own keep-alive
 * connection and its own event stream (as each page has), and sends unit-cost edits of its own lines
 * one after the other for `budgetMs`, all clients together. Returns each command's round trip, the
 * commands per second of all clients together, and checks that every acknowledged edit is in the
 * file afterwards and that every window heard of every edit.
 */
export async function concurrentCommandRate(
  file: string,
  budgetMs: number,
  clients: number,
): Promise<{ latencies: number[]; perSecond: number }> {
  let broadcast: (event: AppEvent) => void = () => undefined;
  const { root, handlers, copy } = scratch(file, (event) => broadcast(event));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
  const server = await startHttpServer({ handlers, rendererDir, port: 0 });
  broadcast = server.broadcast;
  const agents = Array.from({ length: clients }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const streams = await Promise.all(agents.map(() => eventStream(server.port, server.token)));
  try {
    const first = poster(server.port, server.token, agents[0] as Agent);
    const opened = JSON.parse(await first('document.open', { path: copy, readOnly: false })) as {
      value: { model: Model };
    };
    const lines = opened.value.model.lines;
    const latencies: number[] = [];
    /** The last acknowledged unit cost of each line edited. */
    const acknowledged = new Map<string, number>();
    const t0 = performance.now();
    const client = async (c: number): Promise<void> => {
      const post = poster(server.port, server.token, agents[c] as Agent);
      // Client c edits lines c, c + clients, c + 2 × clients…: windows editing different lines.
      for (let n = 0; performance.now() - t0 < budgetMs || n < 20; n++) {
        const line = lines[(c + n * clients) % lines.length] as Model['lines'][number];
        const unitCost = line.unitCost + 1 + n;
        const t = performance.now();
        const reply = JSON.parse(
          await post('document.command', {
            command: { type: 'line.update', id: line.id, patch: { unitCost } },
            origin: `bench-window-${c}`,
          }),
        ) as { ok: boolean };
        latencies.push(performance.now() - t);
        if (!reply.ok) throw new Error(`BENCH FAILED: client ${c}'s command ${n} was refused`);
        acknowledged.set(line.id, unitCost);
      }
    };
    await Promise.all(agents.map((_, c) => client(c)));
    const elapsed = performance.now() - t0;

    // Every window heard every edit (events are sent before the reply, so none is still on its way
    // but the last few of the stream's buffer: give them a moment).
    const deadline = performance.now() + 2_000;
    while (streams.some((s) => s.events() < latencies.length) && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const heard = Math.min(...streams.map((s) => s.events()));
    if (heard < latencies.length) throw new Error(`BENCH FAILED: a window heard ${heard} of ${latencies.length} edits`);
    // Every acknowledged edit is on disk.
    await first('document.close', {});
    const onDisk = new DocumentService();
    try {
      const model = onDisk.open(copy, { readOnly: true }).model;
      for (const [id, unitCost] of acknowledged) {
        const line = model.lines.find((l) => l.id === id);
        if (line?.unitCost !== unitCost) {
          throw new Error(`BENCH FAILED: line ${id}'s acknowledged unit cost ${unitCost} is not in the file`);
        }
      }
    } finally {
      onDisk.close();
    }
    return { latencies, perSecond: (latencies.length * 1000) / elapsed };
  } finally {
    for (const s of streams) s.close();
    for (const a of agents) a.destroy();
    await server.close();
    handlers.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}
