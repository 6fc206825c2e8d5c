/**
 * Main's access to the engine for long jobs: computes in a worker thread (engine-thread.ts) when
 * its script is there, so the event loop keeps answering calls; in this thread otherwise (the
 * thread could not start, or no script was given), with the same engine code and the same result.
 * The thread starts at the first compute and does not keep the process alive.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type ComputeResult, createEngine, type Engine } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';

type Reply = { id: number; ok: true; result: ComputeResult } | { id: number; ok: false; message: string };

export class EngineThread {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { model: Model; resolve: (r: ComputeResult) => void; reject: (e: Error) => void }
  >();
  private inline: Engine | null = null;
  /** Where the last compute ran (tests, and the file check's message). */
  lastRanIn: 'thread' | 'inline' | null = null;

  /** `script`: out/main/engine-thread.js, as `electron-vite build` makes it. */
  constructor(private readonly script: string | null) {}

  compute(model: Model): Promise<ComputeResult> {
    const worker = this.start();
    if (!worker) return this.computeHere(model);
    const id = this.nextId++;
    return new Promise<ComputeResult>((resolve, reject) => {
      this.waiting.set(id, { model, resolve, reject });
      worker.ref();
      worker.postMessage({ id, model });
    });
  }

  private computeHere(model: Model): Promise<ComputeResult> {
    this.lastRanIn = 'inline';
    this.inline ??= createEngine();
    try {
      return Promise.resolve(this.inline.compute(model));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  close(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    if (this.failed || !this.script || !existsSync(this.script)) return null;
    try {
      const worker = new Worker(this.script);
      worker.on('message', (reply: Reply) => {
        const w = this.waiting.get(reply.id);
        if (!w) return;
        this.waiting.delete(reply.id);
        if (this.waiting.size === 0) worker.unref();
        this.lastRanIn = 'thread';
        if (reply.ok) w.resolve(reply.result);
        else w.reject(new Error(reply.message));
      });
      const fail = (): void => {
        // The thread could not start or is gone: what it was computing, and every later compute,
        // runs in this thread instead.
        this.failed = true;
        this.worker = null;
        const waiting = [...this.waiting.values()];
        this.waiting.clear();
        for (const w of waiting) this.computeHere(w.model).then(w.resolve, w.reject);
      };
      worker.on('error', fail);
      worker.on('exit', () => {
        if (this.worker === worker) fail();
      });
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }
}
