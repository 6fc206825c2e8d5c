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

/** Same as allocate, over plain safe integers. */
export function allocateNumbers(total: number, weights: readonly number[]): number[] {
  return allocate(
    BigInt(total),
    weights.map((w) => BigInt(w)),
  ).map(Number);
}
