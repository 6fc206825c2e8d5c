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
  let left = t - given;
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

/** Same as allocate, over plain safe integers. */
export function allocateNumbers(total: number, weights: readonly number[]): number[] {
  return allocate(
    BigInt(total),
    weights.map((w) => BigInt(w)),
  ).map(Number);
}
