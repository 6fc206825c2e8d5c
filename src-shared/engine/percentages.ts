/**
 * The percentages and overheads phase. Percentage lines cost rate × their base month by month,
 * the base being the rounded amounts of the chosen levels and lines (drivers.ts says what a base
 * is); they are computed in an order where each comes after the percentage lines in its base, and
 * a line that depends on itself costs nothing and is flagged. Indirect costs and contingency are
 * rate × the eligible direct cost, month by month, rounded by the same running-total rule.
 */
import { type IndirectBaseInfo, indirectBaseMonths } from './indirect-base';
import { dec, type Rational, readsExactly } from '../money';
import { type BudgetLine, type Level, LEVELS, MAX_AMOUNT, type Model, type PercentageDriver } from '../model';
import { planAmounts } from './amounts';
import { checkWindow } from './drivers';
import { integerPlan, type LinePlan } from './plan';
import type { Diagnostic } from './result';

/** Percentage lines in an order where each comes after the percentage lines in its base; cycles apart. */
export function orderPercentageLines(
  pct: BudgetLine[],
  depsOf: (l: BudgetLine) => BudgetLine[],
): { order: BudgetLine[]; cyclic: Set<string> } {
  const state = new Map<string, 'visiting' | 'done'>();
  const cyclic = new Set<string>();
  const order: BudgetLine[] = [];
  // Iterative DFS: no recursion limit, no hang on long chains.
  for (const root of pct) {
    if (state.has(root.id)) continue;
    const stack: { line: BudgetLine; deps: BudgetLine[]; i: number }[] = [];
    const push = (line: BudgetLine): void => {
      state.set(line.id, 'visiting');
      stack.push({ line, deps: depsOf(line), i: 0 });
    };
    push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      if (top.i < top.deps.length) {
        const dep = top.deps[top.i++] as BudgetLine;
        const st = state.get(dep.id);
        if (st === 'visiting') {
          // A cycle: every line on the stack from dep up to the top is in it.
          let k = stack.length - 1;
          for (; k >= 0; k--) {
            cyclic.add((stack[k] as (typeof stack)[number]).line.id);
            if ((stack[k] as (typeof stack)[number]).line.id === dep.id) break;
          }
        } else if (st === undefined) {
          push(dep);
        } else if (cyclic.has(dep.id)) {
          cyclic.add(top.line.id); // depends on a cycle
        }
      } else {
        stack.pop();
        state.set(top.line.id, 'done');
        if (top.deps.some((dep) => cyclic.has(dep.id))) cyclic.add(top.line.id);
        order.push(top.line);
      }
    }
  }
  return { order, cyclic };
}

/** The amounts of `rate` × each month's base, rounded by the running-total rule. */
export function rateOf(base: readonly number[], rate: Rational, fastPath = true): number[] {
  const years = Math.ceil(base.length / 12);
  const plan = integerPlan(base, { code: 'percentage', params: {} });
  return planAmounts(plan, new Array<Rational>(years).fill(rate), 1, fastPath).amounts;
}

/**
 * Computes every percentage line of `ordered` (the model's lines in model order), given the
 * amounts of the other lines in `months` (by index in `ordered`); puts their plans and amounts in
 * `plans` and `months`. Returns the lines caught in a cycle.
 */
export function computePercentages(
  ordered: readonly BudgetLine[],
  D: number,
  plans: (LinePlan | undefined)[],
  months: (number[] | undefined)[],
  diagnostics: Diagnostic[],
  fastPath = true,
  /** The monthly sums of each level's other (non-percentage) lines, when the caller keeps them. */
  otherLevelSums?: ReadonlyMap<Level, ArrayLike<number>>,
): Set<string> {
  const pctIndex = new Map<BudgetLine, number>();
  for (let i = 0; i < ordered.length; i++) {
    const l = ordered[i] as BudgetLine;
    if (l.driver.kind === 'percentage') pctIndex.set(l, i);
  }
  const pctLines = [...pctIndex.keys()];
  if (pctLines.length === 0) return new Set();
  // Lines by id, for the lines a percentage line names (built only when one names any).
  let byId: Map<string, number> | null = null;
  const indexOf = (id: string): number | undefined => {
    if (!byId) {
      byId = new Map();
      for (let i = 0; i < ordered.length; i++) byId.set((ordered[i] as BudgetLine).id, i);
    }
    return byId.get(id);
  };
  // A percentage line's base: whole levels (summed from levelSums below) plus single lines named
  // outside those levels. For the order of computation only the percentage lines in it matter.
  const pctByLevel = new Map<Level, BudgetLine[]>(LEVELS.map((lv) => [lv, []]));
  for (const l of pctLines) pctByLevel.get(l.level)?.push(l);
  const namedOutsideLevels = (l: BudgetLine): number[] => {
    const d = l.driver as PercentageDriver;
    const out: number[] = [];
    for (const id of new Set(d.lineIds)) {
      const i = indexOf(id);
      const other = i === undefined ? undefined : ordered[i];
      if (other && id !== l.id && !d.levels.includes(other.level)) out.push(i as number);
    }
    return out;
  };
  const pctDeps = (l: BudgetLine): BudgetLine[] => {
    const d = l.driver as PercentageDriver;
    const out: BudgetLine[] = [];
    for (const lv of new Set(d.levels)) for (const p of pctByLevel.get(lv) ?? []) if (p.id !== l.id) out.push(p);
    for (const i of namedOutsideLevels(l)) {
      const other = ordered[i] as BudgetLine;
      if (other.driver.kind === 'percentage') out.push(other);
    }
    return out;
  };
  const { order, cyclic } = orderPercentageLines(pctLines, pctDeps);
  const levelSums = new Map<Level, number[]>();
  if (otherLevelSums) {
    for (const lv of LEVELS) {
      const from = otherLevelSums.get(lv);
      const sums = new Array<number>(D);
      for (let m = 0; m < D; m++) sums[m] = from?.[m] ?? 0;
      levelSums.set(lv, sums);
    }
  } else {
    for (const lv of LEVELS) levelSums.set(lv, new Array<number>(D).fill(0));
    ordered.forEach((l, i) => {
      const lm = months[i];
      if (!lm) return;
      const ls = levelSums.get(l.level) as number[];
      for (let m = 0; m < D; m++) ls[m] = (ls[m] as number) + (lm[m] as number);
    });
  }
  for (const line of order) {
    const at = pctIndex.get(line) as number;
    const d = line.driver as PercentageDriver;
    for (const id of d.lineIds) {
      if (id !== line.id && indexOf(id) === undefined) {
        diagnostics.push({
          severity: 'warning',
          code: 'percentage.unknownLine',
          lineId: line.id,
          params: { target: id },
        });
      }
    }
    if (cyclic.has(line.id)) {
      diagnostics.push({ severity: 'error', code: 'percentage.cycle', lineId: line.id });
      plans[at] = { derivation: percentage(d.rate, 0), quantities: new Array<number>(D).fill(0), total: null };
      months[at] = new Array<number>(D).fill(0);
      continue;
    }
    if (!readsExactly(d.rate)) {
      const value = d.rate.length > 24 ? `${d.rate.slice(0, 24)}…` : d.rate;
      diagnostics.push({
        severity: 'error',
        code: 'value.outOfBounds',
        lineId: line.id,
        params: { field: 'driver.rate', value },
      });
    }
    const win = checkWindow(line, D, diagnostics);
    // Base: the running sums of the chosen levels (every line in them is final by now: the
    // percentage lines among them come earlier in `order`), plus the chosen lines outside them.
    const base = new Array<number>(D).fill(0);
    for (const lv of new Set(d.levels)) {
      const ls = levelSums.get(lv) as number[];
      for (let m = 0; m < D; m++) base[m] = (base[m] as number) + (ls[m] as number);
    }
    for (const i of namedOutsideLevels(line)) {
      const bm = months[i];
      if (!bm) continue;
      for (let m = 0; m < D; m++) base[m] = (base[m] as number) + (bm[m] as number);
    }
    // Only the months of the line's window count.
    const inWindow = new Array<number>(D).fill(0);
    let baseTotal = 0;
    for (let m = win?.start ?? 1; win && m <= win.last; m++) {
      const b = base[m - 1] as number;
      inWindow[m - 1] = b;
      baseTotal += b;
    }
    // The quantity of a percentage line is its base (whole minor units, the array is not changed after).
    plans[at] = { derivation: percentage(d.rate, baseTotal), quantities: inWindow, total: null };
    let amounts = rateOf(inWindow, dec(d.rate), fastPath);
    let sum = 0;
    for (let m = 0; m < D; m++) sum += amounts[m] as number;
    if (!(sum <= MAX_AMOUNT)) {
      // Beyond the largest amount (limits.ts): the line costs nothing, and says so.
      diagnostics.push({ severity: 'error', code: 'amount.tooLarge', lineId: line.id, params: { max: MAX_AMOUNT } });
      amounts = new Array<number>(D).fill(0);
    }
    months[at] = amounts;
    const own = levelSums.get(line.level) as number[];
    for (let m = 0; m < D; m++) own[m] = (own[m] as number) + (amounts[m] as number);
  }
  return cyclic;
}

function percentage(rate: string, base: number): LinePlan['derivation'] {
  return { code: 'percentage', params: { rate, base } };
}

/**
 * Contingency and indirect costs per month: the contingency rate × the direct cost eligible for it,
 * first; then the indirect cost rate × the programme's indirect base (indirect-base.ts), which may
 * include that contingency (EU) or leave out what the MTDC exclude (US).
 */
export function overheads(
  model: Model,
  eligibleIndirect: readonly number[],
  eligibleContingency: readonly number[],
  exclusions: { excluded: number[]; unconverted: string[] },
  fastPath = true,
): { indirect: number[]; contingency: number[]; base: IndirectBaseInfo } {
  const { programme } = model;
  const contingency = rateOf(eligibleContingency, dec(programme.contingencyRate), fastPath);
  const { base, info } = indirectBaseMonths(model, eligibleIndirect, contingency, exclusions);
  return { indirect: rateOf(base, dec(programme.indirectRate), fastPath), contingency, base: info };
}
