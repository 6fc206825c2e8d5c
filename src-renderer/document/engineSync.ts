/**
 * How the window keeps the engine worker's copy of the model in step without posting the whole
 * model on every edit. Pure (no DOM, no Worker): tested in Node, and used as is by the worker and
 * by the in-process fallback.
 *
 * Window → engine: the client remembers the last model it sent and diffs the next one by identity
 * (the document store replaces only the rows an edit touches, see src-shared/commands/apply.ts):
 * the programme when it is another object, and per entity (line, profile, currency, funder) the
 * rows that are other objects, the keys that are gone and, only when the order is not the one the
 * replica gets by replacing in place and appending, the new order of keys. `{ version, base,
 * changes }`; or `{ version, base: null, model }` when there is no base (first open, another
 * document, after a resync). The replica applies changes in order onto its own copy, REUSING its
 * own objects for everything not sent (the engine's per-line caches are keyed by object identity);
 * a message whose base is not the version it holds is a gap: it drops its copy and asks for a
 * whole model.
 *
 * Engine → window: `{ version, result, findings }`, where the result's `lines` are sent as the
 * ordered line ids plus the line results that differ (by value) from the last ones posted; the
 * receiver keeps the previous objects for the others, so the grid's rows (memoised on their
 * line's result) render again only where a number moved, and a one-line edit of a big programme
 * crosses the thread boundary as a few kilobytes instead of every line's months.
 */
import type { Finding } from '../../src-shared/checks/types';
import type { ComputeResult, LineResult } from '../../src-shared/engine';
import {
  ENTITIES,
  ENTITY_NAMES,
  type EntityName,
  type EntityRows,
  MODEL_KEYS,
  type Model,
  type Programme,
} from '../../src-shared/model';

/** What changed in one entity's list. */
export interface RowChanges<R> {
  /** Rows that are new or other objects than in the base, in the new list's order. */
  set: R[];
  /** Keys of rows that are gone. */
  remove: string[];
  /** The full order of keys, only when replacing in place and appending new rows does not give it. */
  order?: string[];
}

export type ModelChanges = {
  programme?: Programme;
} & { [K in EntityName as (typeof MODEL_KEYS)[K]]?: RowChanges<EntityRows[K]> };

export type ModelMessage =
  | { kind: 'model'; version: number; base: null; model: Model }
  | { kind: 'model'; version: number; base: number; changes: ModelChanges };

/** A result as it crosses to the window: `result.lines` is empty, see `lineIds` and `lines`. */
export interface ResultMessage {
  kind: 'result';
  version: number;
  result: ComputeResult;
  /** Every line result's id, in the result's order. */
  lineIds: string[];
  /** The line results that differ from the ones last posted (all of them when `fresh`). */
  lines: LineResult[];
  /** The sender forgot what it posted before (first result, after a whole model): so must the receiver. */
  fresh: boolean;
  findings: Finding[];
}

export type EngineReply =
  | ResultMessage
  /** The engine could not compute (or check) this version; the window says so. */
  | { kind: 'failed'; version: number; message: string }
  /** The replica missed a change (a version gap): the window must send a whole model. */
  | { kind: 'resync'; version: number };

/** Keys of `Model` the protocol knows; another one that changed makes the client send the whole model. */
const KNOWN_KEYS = new Set<string>(['programme', ...Object.values(MODEL_KEYS)]);

function keyOf<K extends EntityName>(name: K, row: EntityRows[K]): string {
  return (ENTITIES[name] as { key(r: EntityRows[K]): string }).key(row);
}

function rowsOf<K extends EntityName>(model: Model, name: K): readonly EntityRows[K][] {
  return model[MODEL_KEYS[name]] as unknown as readonly EntityRows[K][];
}

/** The rows of `next` that are not the same objects as in `prev`, by key. */
function diffRows<K extends EntityName>(
  name: K,
  prev: readonly EntityRows[K][],
  next: readonly EntityRows[K][],
): RowChanges<EntityRows[K]> | null {
  if (prev === next) return null;
  // The usual edit: same rows in the same places, a few replaced. One pass by identity, no maps.
  if (prev.length === next.length) {
    const set: EntityRows[K][] = [];
    let samePlaces = true;
    for (let i = 0; i < next.length && samePlaces; i++) {
      const a = prev[i] as EntityRows[K];
      const b = next[i] as EntityRows[K];
      if (a === b) continue;
      if (keyOf(name, a) === keyOf(name, b)) set.push(b);
      else samePlaces = false;
    }
    if (samePlaces) return set.length === 0 ? null : { set, remove: [] };
  }
  const before = new Map<string, EntityRows[K]>();
  for (const row of prev) before.set(keyOf(name, row), row);
  const set: EntityRows[K][] = [];
  const present = new Set<string>();
  for (const row of next) {
    const key = keyOf(name, row);
    present.add(key);
    if (before.get(key) !== row) set.push(row);
  }
  const remove: string[] = [];
  for (const key of before.keys()) if (!present.has(key)) remove.push(key);
  if (set.length === 0 && remove.length === 0 && sameOrder(name, prev, next)) return null;
  const changes: RowChanges<EntityRows[K]> = { set, remove };
  // What the replica will get without an order: kept rows where they were, new rows at the end.
  const removed = new Set(remove);
  const naive: string[] = [];
  for (const row of prev) {
    const key = keyOf(name, row);
    if (!removed.has(key)) naive.push(key);
  }
  for (const row of set) {
    const key = keyOf(name, row);
    if (!before.has(key)) naive.push(key);
  }
  const order = next.map((row) => keyOf(name, row));
  if (order.length !== naive.length || order.some((k, i) => k !== naive[i])) changes.order = order;
  return changes;
}

function sameOrder<K extends EntityName>(name: K, a: readonly EntityRows[K][], b: readonly EntityRows[K][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (keyOf(name, a[i] as EntityRows[K]) !== keyOf(name, b[i] as EntityRows[K])) return false;
  return true;
}

/**
 * What changed from `prev` to `next`, by identity; null when `next` has a part the protocol does
 * not know (the caller then sends the whole model).
 */
export function diffModels(prev: Model, next: Model): ModelChanges | null {
  for (const key of Object.keys(next)) {
    if (
      !KNOWN_KEYS.has(key) &&
      (prev as unknown as Record<string, unknown>)[key] !== (next as unknown as Record<string, unknown>)[key]
    ) {
      return null;
    }
  }
  const changes: ModelChanges = {};
  if (prev.programme !== next.programme) changes.programme = next.programme;
  for (const name of ENTITY_NAMES) {
    const rows = diffRows(name, rowsOf(prev, name), rowsOf(next, name));
    if (rows) (changes as Record<string, unknown>)[MODEL_KEYS[name]] = rows;
  }
  return changes;
}

function applyRows<K extends EntityName>(
  name: K,
  list: readonly EntityRows[K][],
  changes: RowChanges<EntityRows[K]>,
): EntityRows[K][] {
  const incoming = new Map<string, EntityRows[K]>();
  for (const row of changes.set) incoming.set(keyOf(name, row), row);
  const removed = new Set(changes.remove);
  const out: EntityRows[K][] = [];
  const placed = new Set<string>();
  for (const row of list) {
    const key = keyOf(name, row);
    if (removed.has(key)) continue;
    out.push(incoming.get(key) ?? row);
    placed.add(key);
  }
  for (const [key, row] of incoming) if (!placed.has(key)) out.push(row);
  if (!changes.order) return out;
  const byKey = new Map(out.map((row) => [keyOf(name, row), row]));
  return changes.order.map((key) => {
    const row = byKey.get(key);
    if (row === undefined) throw new Error(`engine sync: ${name} ${key} is in the order but not in the list`);
    return row;
  });
}

/** `model` with `changes` applied; every part not sent is the same object as in `model`. */
export function applyChanges(model: Model, changes: ModelChanges): Model {
  const next: Model = { ...model };
  if (changes.programme) next.programme = changes.programme;
  for (const name of ENTITY_NAMES) {
    const rows = (changes as Record<string, RowChanges<EntityRows[typeof name]> | undefined>)[MODEL_KEYS[name]];
    if (rows)
      (next as unknown as Record<string, unknown>)[MODEL_KEYS[name]] = applyRows(name, rowsOf(model, name), rows);
  }
  return next;
}

/** The window's side: numbers the models it sends and diffs each against the last one sent. */
export interface SyncClient {
  /** The message that brings the engine to `model` (whole when there is no base). */
  next(model: Model): ModelMessage;
  /** The model last sent (null after a reset). */
  readonly sent: Model | null;
  /** The version of the last message made. */
  readonly version: number;
  /** Forget the base: the next message carries the whole model (another document, a resync). */
  reset(): void;
}

export function createSyncClient(): SyncClient {
  let version = 0;
  let sent: { version: number; model: Model } | null = null;
  return {
    next(model) {
      version += 1;
      const changes = sent ? diffModels(sent.model, model) : null;
      const message: ModelMessage =
        sent && changes
          ? { kind: 'model', version, base: sent.version, changes }
          : { kind: 'model', version, base: null, model };
      sent = { version, model };
      return message;
    },
    get sent() {
      return sent?.model ?? null;
    },
    get version() {
      return version;
    },
    reset() {
      sent = null;
    },
  };
}

/** The engine's side: its own copy of the model, brought forward one message at a time. */
export interface SyncReplica {
  /** The replica's model after `message`, or null on a gap (the copy is dropped until a whole model comes). */
  receive(message: ModelMessage): Model | null;
  readonly version: number | null;
  readonly model: Model | null;
}

export function createSyncReplica(): SyncReplica {
  let version: number | null = null;
  let model: Model | null = null;
  return {
    receive(message) {
      if (message.base === null) {
        version = message.version;
        model = message.model;
        return model;
      }
      if (model === null || message.base !== version) {
        version = null;
        model = null;
        return null;
      }
      try {
        model = applyChanges(model, message.changes);
      } catch (err) {
        version = null;
        model = null;
        throw err;
      }
      version = message.version;
      return model;
    },
    get version() {
      return version;
    },
    get model() {
      return model;
    },
  };
}

/** The engine's side of results: posts only the line results that moved since the last post. */
export function createResultSender(): {
  pack(version: number, result: ComputeResult, findings: Finding[]): ResultMessage;
  reset(): void;
} {
  let posted = new Map<string, LineResult>();
  return {
    pack(version, result, findings) {
      const next = new Map<string, LineResult>();
      const lineIds: string[] = [];
      const lines: LineResult[] = [];
      for (const line of result.lines) {
        const old = posted.get(line.lineId);
        if (old && sameLineResult(old, line)) {
          next.set(line.lineId, old);
        } else {
          next.set(line.lineId, line);
          lines.push(line);
        }
        lineIds.push(line.lineId);
      }
      const fresh = posted.size === 0;
      posted = next;
      return { kind: 'result', version, result: { ...result, lines: [] }, lineIds, lines, findings, fresh };
    },
    reset() {
      posted = new Map();
    },
  };
}

/** The window's side of results: the whole result again, keeping the line results it already has. */
export function createResultReceiver(): {
  unpack(message: ResultMessage): { result: ComputeResult; findings: Finding[] };
  reset(): void;
} {
  let known = new Map<string, LineResult>();
  return {
    unpack(message) {
      if (message.fresh) known = new Map();
      const changed = new Map(message.lines.map((l) => [l.lineId, l]));
      const next = new Map<string, LineResult>();
      const lines = message.lineIds.map((id) => {
        const line = changed.get(id) ?? known.get(id);
        if (!line) throw new Error(`engine sync: the result of line ${id} was never received`);
        next.set(id, line);
        return line;
      });
      known = next;
      return { result: { ...message.result, lines }, findings: message.findings };
    },
    reset() {
      known = new Map();
    },
  };
}

/** Two line results with the same numbers (the grid then keeps the row as it is). */
export function sameLineResult(a: LineResult, b: LineResult): boolean {
  if (a === b) return true;
  return (
    a.lineId === b.lineId &&
    a.level === b.level &&
    a.total === b.total &&
    a.beneficiaries === b.beneficiaries &&
    a.nonMigrantBeneficiaries === b.nonMigrantBeneficiaries &&
    a.partnerDelivered === b.partnerDelivered &&
    a.coordinationOf === b.coordinationOf &&
    sameNumbers(a.months, b.months) &&
    sameNumbers(a.quantities, b.quantities) &&
    sameRecord(a.byFunder, b.byFunder) &&
    a.derivation.code === b.derivation.code &&
    sameRecord(a.derivation.params, b.derivation.params)
  );
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function sameRecord(
  a: Readonly<Record<string, string | number>>,
  b: Readonly<Record<string, string | number>>,
): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    if (k !== kb[i] || !Object.is(a[k], b[k])) return false;
  }
  return true;
}
