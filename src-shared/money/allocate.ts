/**
 * Largest-remainder allocation: split an integer total into integer parts in proportion to
 * weights, so that the parts always add up to the total exactly. Used for every split in the
 * product (funding sources, arrivals over months, phasing).
 *
 * Ties between equal remainders go to the earlier part, so the result is deterministic.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const n = weights.length;
  if (n === 0) return [];
  let wsum = 0n;
  for (const w of weights) {
    if (w < 0n) throw new RangeError('allocation weights must not be negative');
    wsum += w;
  }
  if (wsum === 0n) {
    // Nothing to go by: give everything to the first part, so the total is never lost.
    return weights.map((_, i) => (i === 0 ? total : 0n));
  }
  const neg = total < 0n;
  const t = neg ? -total : total;
  const parts: bigint[] = new Array<bigint>(n);
  const rems: bigint[] = new Array<bigint>(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const exact = t * (weights[i] as bigint);
    parts[i] = exact / wsum;
    rems[i] = exact % wsum;
    given += parts[i] as bigint;
  }
  let left = t - given;
  if (left > 0n) {
    const order = [...rems.keys()].sort((a, b) => {
      const ra = rems[a] as bigint;
      const rb = rems[b] as bigint;
      return ra === rb ? a - b : ra > rb ? -1 : 1;
    });
    for (const i of order) {
      if (left === 0n) break;
      parts[i] = (parts[i] as bigint) + 1n;
      left -= 1n;
    }
  }
  return neg ? parts.map((p) => -p) : parts;
}

/**
 * allocate() over whole numbers in doubles, when every product total × weight stays a safe
 * integer (the parts and remainders are then exact); null otherwise (use allocate). The same
 * parts as allocate, ties to the earlier part.
 */
export function allocateSafe(total: number, weights: readonly number[]): number[] | null {
  const n = weights.length;
  if (n === 0) return [];
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (w < 0 || !Number.isSafeInteger(w)) return null;
    wsum += w;
  }
  const t = Math.abs(total);
  if (!Number.isSafeInteger(t) || !Number.isSafeInteger(wsum) || t * wsum > Number.MAX_SAFE_INTEGER) return null;
  if (wsum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const parts = new Array<number>(n);
  const rems = new Array<number>(n);
  let left = t - floorsAndRemainders(t, weights, n, wsum, parts, rems);
  if (left > 0 && n <= SELECT_MAX) {
    // A few parts (a funding split): the `left` largest remainders, ties to the earlier part, picked
    // one at a time (the same parts as the sort below, without its arrays). A taken one is set to -1.
    for (; left > 0; left--) {
      let best = 0;
      for (let i = 1; i < n; i++) if ((rems[i] as number) > (rems[best] as number)) best = i;
      parts[best] = (parts[best] as number) + 1;
      rems[best] = -1;
    }
  } else if (left > 0) {
    const order = [...rems.keys()].sort((a, b) => {
      const ra = rems[a] as number;
      const rb = rems[b] as number;
      return ra === rb ? a - b : rb - ra;
    });
    for (const i of order) {
      if (left === 0) break;
      parts[i] = (parts[i] as number) + 1;
      left--;
    }
  }
  return total < 0 ? parts.map((p) => (p === 0 ? 0 : -p)) : parts;
}

const SELECT_MAX = 8;

/**
 * For each of the first n weights, ⌊t × w ÷ Σw⌋ into parts and its remainder into rems (t ≥ 0,
 * every product t × w a safe integer, so each is exact: the quotient is corrected by its
 * remainder); returns the sum of the parts. allocateSafe's and largestRemainderInto's first step.
 */
function floorsAndRemainders(
  t: number,
  weights: ArrayLike<number>,
  n: number,
  wsum: number,
  parts: number[] | Float64Array,
  rems: number[] | Float64Array,
): number {
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = t * (weights[i] as number);
    let q = Math.floor(exact / wsum);
    let r = exact - q * wsum;
    while (r < 0) {
      q--;
      r += wsum;
    }
    while (r >= wsum) {
      q++;
      r -= wsum;
    }
    parts[i] = q;
    rems[i] = r;
    given += q;
  }
  return given;
}

/** The arrays largestRemainderInto works in (their first n entries are used). */
export interface RemainderScratch {
  weights: Float64Array;
  parts: Float64Array;
  rems: Float64Array;
  sorted: Float64Array;
}

/**
 * money's allocateSafe(total, the first n weights) for a total of at least 0, into `into.parts`
 * (its first n entries), without an array per call: false, nothing decided, where allocateSafe would
 * answer null (a weight below 0 or not a safe integer, the total or the products beyond safe
 * integers) or the total is below 0 (the caller asks money then).
 *
 * The same parts: each part is ⌊total × w ÷ Σw⌋ with its remainder, computed as allocateSafe does
 * (safe integer products, the same corrections); the `left` units still to give go to the largest
 * remainders, ties to the earlier part, as allocateSafe's sort (or its pick, for a few parts) gives
 * them. Here the remainders are sorted as numbers (a typed array's own sort) and the left-th largest,
 * T, read: every part with a remainder above T gets one, and the first ones with a remainder equal
 * to T (in part order) get the rest. Remainders are whole numbers below Σw, compared exactly.
 * tests/unit/synergies.test.ts holds it to allocateSafe on random weights, ties and zeros included.
 */
export function largestRemainderInto(total: number, weights: Float64Array, n: number, into: RemainderScratch): boolean {
  if (!(total >= 0) || !Number.isSafeInteger(total)) return false;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (w < 0 || !Number.isSafeInteger(w)) return false;
    wsum += w;
  }
  if (!Number.isSafeInteger(wsum) || total * wsum > Number.MAX_SAFE_INTEGER) return false;
  const { parts, rems, sorted } = into;
  if (wsum === 0) {
    for (let i = 0; i < n; i++) parts[i] = i === 0 ? total : 0;
    return true;
  }
  const left = total - floorsAndRemainders(total, weights, n, wsum, parts, rems);
  if (left <= 0) return true;
  for (let i = 0; i < n; i++) sorted[i] = rems[i] as number;
  sorted.subarray(0, n).sort();
  const T = sorted[n - left] as number;
  let above = 0;
  for (let i = 0; i < n; i++) if ((rems[i] as number) > T) above++;
  let ties = left - above;
  for (let i = 0; i < n; i++) {
    const r = rems[i] as number;
    if (r > T || (r === T && ties-- > 0)) parts[i] = (parts[i] as number) + 1;
  }
  return true;
}

/** Same as allocate, over plain safe integers. */
export function allocateNumbers(total: number, weights: readonly number[]): number[] {
  return allocate(
    BigInt(total),
    weights.map((w) => BigInt(w)),
  ).map(Number);
}
