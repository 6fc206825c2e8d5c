/**
 * The window's side of the analysis worker (analysisCore.ts): one lane per kind of request
 * (compare, tornado, Monte-Carlo), each with a worker of its own, so that a long Monte-Carlo run
 * never holds up a comparison. Pure zustand (vanilla), tested in Node with fake transports.
 *
 * - A lane shows only the outcome of its LATEST request: a reply (progress, outcome or failure) to
 *   an older one is dropped.
 * - While a comparison or a tornado computes, a newer request waits (the newest only: the ones in
 *   between are never computed), and goes when the worker answers; the last outcome stays on
 *   screen meanwhile.
 * - A Monte-Carlo run is cancelled by terminating its worker (it computes draw after draw and
 *   reads no message meanwhile); the next run starts a fresh one. A new run cancels the one going.
 * - The same request again (the same model parts, the same choices) is not sent again.
 *
 * The Worker itself is made in analysisStart.ts (DOM types); where there is none (vitest in Node),
 * the same core runs in this thread, one request per task.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Model } from '../../src-shared/model';
import type {
  AnalysisKind,
  AnalysisReply,
  AnalysisRequest,
  MonteCarloRequest,
  Outcomes,
  Payloads,
} from './analysisCore';

/** Where a lane's requests go and its replies come from, in order. */
export interface AnalysisTransport {
  post(request: AnalysisRequest): void;
  /** Gets ready for a Monte-Carlo run of `payload` (montecarloPool.ts); nothing is replied. */
  warm?(payload: MonteCarloRequest): void;
  /** Stops the work at once (a worker is terminated); nothing more comes from this transport. */
  close(): void;
}

/** Makes a transport that calls `onReply` with each reply, or `onBroken` if it cannot go on. */
export type AnalysisTransportFactory = (
  onReply: (reply: AnalysisReply) => void,
  onBroken: (message: string) => void,
) => AnalysisTransport;

export type LaneStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Lane<K extends AnalysisKind> {
  status: LaneStatus;
  /** Steps done of `total` for the latest request (0 of 0 until its first progress). */
  done: number;
  total: number;
  /** The latest outcome (for `request`, or the one before while a comparison or tornado computes). */
  value: Outcomes[K] | null;
  /** What `value` answers. */
  valueFor: Payloads[K] | null;
  /** The latest request. */
  request: Payloads[K] | null;
  /** Why the latest request failed (the worker's words; the screen says what to do). */
  message: string | null;
}

export interface AnalysisState {
  compare: Lane<'compare'>;
  tornado: Lane<'tornado'>;
  montecarlo: Lane<'montecarlo'>;
  /** Sends `payload` on its lane (unless it is the request the lane already has). */
  run<K extends AnalysisKind>(kind: K, payload: Payloads[K]): void;
  /** Stops the lane's work; the lane shows no outcome. */
  cancel(kind: AnalysisKind): void;
  /**
   * Gets the Monte-Carlo lane's workers ready for a run like `payload` (started and warmed up; see
   * montecarloPool.ts), unless a run is going or the lane already has its workers.
   */
  warmMonteCarlo(payload: MonteCarloRequest): void;
  /** Another programme (or none): every lane stops and forgets. */
  reset(): void;
}

export type AnalysisStore = StoreApi<AnalysisState>;

function idle<K extends AnalysisKind>(): Lane<K> {
  return { status: 'idle', done: 0, total: 0, value: null, valueFor: null, request: null, message: null };
}

/** The parts of a model the engine computes with (scenarios and ranges aside), by identity. */
export function sameComputed(a: Model, b: Model): boolean {
  return (
    a === b ||
    (a.programme === b.programme &&
      a.lines === b.lines &&
      a.profiles === b.profiles &&
      a.currencies === b.currencies &&
      a.funders === b.funders &&
      a.partners === b.partners &&
      a.synergies === b.synergies)
  );
}

const sameList = <T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean = Object.is) =>
  a.length === b.length && a.every((x, i) => eq(x, b[i] as T));

/** Two requests that must give the same outcome (so the second is not sent). */
export function sameRequest<K extends AnalysisKind>(kind: K, a: Payloads[K], b: Payloads[K]): boolean {
  switch (kind) {
    case 'compare': {
      const x = a as Payloads['compare'];
      const y = b as Payloads['compare'];
      return (
        sameComputed(x.baseline, y.baseline) &&
        sameList(x.overlays, y.overlays) &&
        sameList(x.keys ?? [], y.keys ?? []) &&
        sameList(x.bridges, y.bridges, (p, q) => p[0] === q[0] && p[1] === q[1])
      );
    }
    case 'tornado': {
      const x = a as Payloads['tornado'];
      const y = b as Payloads['tornado'];
      return sameComputed(x.model, y.model) && x.percent === y.percent;
    }
    case 'montecarlo': {
      const x = a as Payloads['montecarlo'];
      const y = b as Payloads['montecarlo'];
      return (
        sameComputed(x.model, y.model) &&
        x.draws === y.draws &&
        x.seed === y.seed &&
        x.bins === y.bins &&
        JSON.stringify(x.ranges) === JSON.stringify(y.ranges)
      );
    }
  }
  return false;
}

/** How a lane's work is going, outside React. */
interface LaneRuntime {
  transport: AnalysisTransport | null;
  /** The request the worker is on (null: it is idle). */
  inFlight: number | null;
  /** The newest request, waiting for the worker (compare, tornado). */
  pending: AnalysisRequest | null;
  /** The id of the latest request: only its replies are shown. */
  latest: number;
}

/** Whether a new request waits for the one in flight (true) or replaces it at once (false). */
const QUEUES: Readonly<Record<AnalysisKind, boolean>> = { compare: true, tornado: true, montecarlo: false };

/**
 * The lanes' store; `factory` makes each lane's transport, `monteCarloFactory` (by default the
 * same) the Monte-Carlo lane's.
 */
export function createAnalysisStore(
  factory: AnalysisTransportFactory,
  monteCarloFactory: AnalysisTransportFactory = factory,
): AnalysisStore {
  let seq = 0;
  const lanes: Record<AnalysisKind, LaneRuntime> = {
    compare: { transport: null, inFlight: null, pending: null, latest: 0 },
    tornado: { transport: null, inFlight: null, pending: null, latest: 0 },
    montecarlo: { transport: null, inFlight: null, pending: null, latest: 0 },
  };

  return createStore<AnalysisState>()((set, get) => {
    function patch<K extends AnalysisKind>(kind: K, p: Partial<Lane<K>>): void {
      set({ [kind]: { ...get()[kind], ...p } } as Partial<AnalysisState>);
    }

    function stop(kind: AnalysisKind): void {
      const rt = lanes[kind];
      rt.transport?.close();
      rt.transport = null;
      rt.inFlight = null;
      rt.pending = null;
    }

    /** The lane's transport, made if it has none. */
    function transportOf(kind: AnalysisKind): AnalysisTransport {
      const rt = lanes[kind];
      if (rt.transport) return rt.transport;
      // Replies are taken only from the transport the lane has now (not from one closed since).
      const token: { transport: AnalysisTransport | null } = { transport: null };
      const transport = (kind === 'montecarlo' ? monteCarloFactory : factory)(
        (reply) => {
          if (rt.transport === token.transport) onReply(reply);
        },
        (message) => {
          if (rt.transport === token.transport) onBroken(kind, message);
        },
      );
      token.transport = transport;
      rt.transport = transport;
      return transport;
    }

    function send(request: AnalysisRequest): void {
      const transport = transportOf(request.kind);
      lanes[request.kind].inFlight = request.id;
      transport.post(request);
    }

    function onReply(reply: AnalysisReply): void {
      const kind = reply.kind;
      const rt = lanes[kind];
      if (reply.type === 'progress') {
        if (reply.id === rt.latest) patch(kind, { done: reply.done, total: reply.total });
        return;
      }
      if (reply.id === rt.inFlight) rt.inFlight = null;
      if (reply.id === rt.latest) {
        const lane = get()[kind];
        if (reply.type === 'done') {
          patch(kind, { status: 'done', value: reply.value, valueFor: lane.request, message: null });
        } else {
          patch(kind, { status: 'failed', message: reply.message, value: null, valueFor: null });
        }
      }
      const next = rt.pending;
      if (next && rt.inFlight === null) {
        rt.pending = null;
        send(next);
      }
    }

    function onBroken(kind: AnalysisKind, message: string): void {
      stop(kind);
      if (get()[kind].status === 'running') patch(kind, { status: 'failed', message, value: null, valueFor: null });
    }

    return {
      compare: idle(),
      tornado: idle(),
      montecarlo: idle(),
      run(kind, payload) {
        const lane = get()[kind] as Lane<typeof kind>;
        if (
          lane.request !== null &&
          (lane.status === 'running' || lane.status === 'done') &&
          sameRequest(kind, lane.request, payload)
        ) {
          return;
        }
        const rt = lanes[kind];
        const id = ++seq;
        rt.latest = id;
        const request = { kind, id, payload } as AnalysisRequest;
        patch(kind, {
          status: 'running',
          done: 0,
          total: 0,
          request: payload,
          message: null,
          // A comparison or a tornado keeps its last outcome on screen; a new run starts clean.
          ...(QUEUES[kind] ? {} : { value: null, valueFor: null }),
        } as Partial<Lane<typeof kind>>);
        if (rt.inFlight === null) send(request);
        else if (QUEUES[kind]) rt.pending = request;
        else {
          stop(kind);
          send(request);
        }
      },
      cancel(kind) {
        const rt = lanes[kind];
        if (get()[kind].status !== 'running') return;
        stop(kind);
        rt.latest = ++seq;
        patch(kind, { status: 'cancelled', done: 0, total: 0, value: null, valueFor: null, request: null });
      },
      warmMonteCarlo(payload) {
        const rt = lanes.montecarlo;
        if (rt.transport || rt.inFlight !== null) return;
        transportOf('montecarlo').warm?.(payload);
      },
      reset() {
        for (const kind of Object.keys(lanes) as AnalysisKind[]) {
          stop(kind);
          lanes[kind].latest = ++seq;
        }
        set({ compare: idle(), tornado: idle(), montecarlo: idle() });
      },
    };
  });
}

type AnalysisCoreModule = typeof import('./analysisCore');

/**
 * The analysis core in this thread (where there is no Worker, and in tests): each message handled
 * by `handle` in a task of its own, in order, the core loaded on first use; after `close()` nothing
 * more is handled or replied.
 */
export function inThisThread<M, R>(
  handle: (core: AnalysisCoreModule, message: M, reply: (r: R) => void) => void,
  onReply: (r: R) => void,
): { post(message: M): void; close(): void } {
  let core: Promise<AnalysisCoreModule> | null = null;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();
  return {
    post(message) {
      core ??= import('./analysisCore');
      const loaded = core;
      chain = chain.then(() =>
        loaded.then(
          (m) =>
            new Promise<void>((resolve) => {
              setTimeout(() => {
                if (!closed) {
                  handle(m, message, (r) => {
                    if (!closed) onReply(r);
                  });
                }
                resolve();
              }, 0);
            }),
        ),
      );
    },
    close() {
      closed = true;
    },
  };
}

/** The analysis core in this thread, each request in a task of its own, in order. */
export const inProcessAnalysisTransport: AnalysisTransportFactory = (onReply) =>
  inThisThread<AnalysisRequest, AnalysisReply>((m, request, reply) => m.handleAnalysis(request, reply), onReply);
