/**
 * Structural sharing: `share(prev, next)` returns a value deep-equal to `next` that reuses every
 * part of `prev` that did not change (the very same objects), and `prev` itself when nothing did.
 *
 * Main answers every command with the whole snapshot, freshly parsed from JSON, and compute()
 * builds a fresh result for every model. Without sharing, every line (and every line's result)
 * would be a new object after each edit, and every memoised row of the budget would render again;
 * with it, only what changed has a new identity. Items of arrays that carry an `id` (lines,
 * profiles, funding sources) or a `lineId` (line results) are matched by it, so an insertion or a
 * deletion does not make the items after it look changed.
 *
 * Plain data only (JSON-like: objects, arrays, primitives); anything else is taken from `next`.
 */

type Obj = Record<string, unknown>;

function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function itemKey(v: unknown): string | null {
  if (!isPlainObject(v)) return null;
  if (typeof v.id === 'string') return v.id;
  if (typeof v.lineId === 'string') return v.lineId;
  return null;
}

function shareArray(prev: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  const n = next.length;
  // Arrays of numbers and strings (monthly amounts...): compared item by item.
  if (n > 0 && (typeof next[0] !== 'object' || next[0] === null)) {
    if (prev.length !== n) return next;
    for (let i = 0; i < n; i++) if (!Object.is(prev[i], next[i])) return next;
    return prev;
  }
  let byKey: Map<string, unknown> | null = null;
  if (n > 0 && itemKey(next[0]) !== null) {
    byKey = new Map();
    for (const p of prev) {
      const k = itemKey(p);
      if (k !== null) byKey.set(k, p);
    }
  }
  const out = new Array<unknown>(n);
  let samePrev = prev.length === n;
  let sameNext = true;
  for (let i = 0; i < n; i++) {
    const v = next[i];
    const k = byKey ? itemKey(v) : null;
    const before = byKey ? (k !== null ? byKey.get(k) : undefined) : prev[i];
    const s = shareValue(before, v);
    out[i] = s;
    if (s !== prev[i]) samePrev = false;
    if (s !== v) sameNext = false;
  }
  if (samePrev) return prev;
  return sameNext ? next : out;
}

function shareObject(prev: Obj, next: Obj): Obj {
  const keys = Object.keys(next);
  let samePrev = keys.length === Object.keys(prev).length;
  let sameNext = true;
  const out: Obj = {};
  for (const k of keys) {
    const had = Object.prototype.hasOwnProperty.call(prev, k);
    const s = shareValue(had ? prev[k] : undefined, next[k]);
    out[k] = s;
    if (!had || s !== prev[k]) samePrev = false;
    if (s !== next[k]) sameNext = false;
  }
  if (samePrev) return prev;
  return sameNext ? next : out;
}

function shareValue(prev: unknown, next: unknown): unknown {
  if (Object.is(prev, next)) return prev;
  if (Array.isArray(next)) return Array.isArray(prev) ? shareArray(prev, next) : next;
  if (isPlainObject(next)) return isPlainObject(prev) ? shareObject(prev, next) : next;
  return next;
}

/** `next`, with every part equal to the corresponding part of `prev` replaced by that part. */
export function share<T>(prev: T | null | undefined, next: T): T {
  return shareValue(prev, next) as T;
}

/**
 * A one-entry memo around `share`: the same input always gives the same output, and a new input
 * is shared with the last output. Used by the selectors, so that a component selecting the model
 * re-renders only when the model really changed.
 */
export function sharedMemo<T extends object>(): (next: T | null) => T | null {
  let lastIn: T | null = null;
  let lastOut: T | null = null;
  return (next) => {
    if (next === lastIn) return lastOut;
    const out = next === null ? null : share(lastOut, next);
    lastIn = next;
    lastOut = out;
    return out;
  };
}
