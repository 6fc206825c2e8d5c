/**
 * What the Compare screen shows, put in words and shapes (pure: no React, no DOM, tested in Node):
 * the picking of 2–4 scenarios, the totals rows' names, the differing lines' names and causes,
 * and the bars of the bridge's waterfall. Amounts stay whole minor units throughout.
 */
import type { Bridge, BridgeCause, CompareRow, LineCause } from '../../../src-shared/engine';
import { CATEGORIES, type Model } from '../../../src-shared/model';
import { isMessageKey, type Translate } from '../../i18n';

/** The baseline's key among the picked (a scenario's id is never empty). */
export const BASELINE = '';
export const MAX_PICKED = 4;
export const MIN_PICKED = 2;

/**
 * `picked` with `id` ticked (added last) or unticked; at most four: a fifth is not added. The
 * first picked is the reference.
 */
export function togglePick(picked: readonly string[], id: string): string[] {
  if (picked.includes(id)) return picked.filter((p) => p !== id);
  return picked.length >= MAX_PICKED ? [...picked] : [...picked, id];
}

/** `id` first (the reference), the others in the order they were picked. */
export function makeReference(picked: readonly string[], id: string): string[] {
  return picked.includes(id) ? [id, ...picked.filter((p) => p !== id)] : [...picked];
}

/** The picked that still exist (a scenario deleted meanwhile drops out). */
export function existingPicks(picked: readonly string[], model: Model): string[] {
  const ids = new Set(model.scenarios.map((s) => s.id));
  return picked.filter((p) => p === BASELINE || ids.has(p));
}

/**
 * What to compare when nothing was picked yet: the baseline and the scenario shown (`preferred`,
 * the switcher's), or else the first scenario.
 */
export function defaultPicks(model: Model, preferred: string | null = null): string[] {
  if (preferred !== null && model.scenarios.some((s) => s.id === preferred)) return [BASELINE, preferred];
  const first = [...model.scenarios].sort((a, b) => a.position - b.position)[0];
  return first ? [BASELINE, first.id] : [BASELINE];
}

export function scenarioName(model: Model, id: string, t: Translate): string {
  if (id === BASELINE) return t('compare.baseline');
  return model.scenarios.find((s) => s.id === id)?.name ?? id;
}

export type RowGroup = 'summary' | 'level' | 'year' | 'funder' | 'category' | 'metric';

/** The group of a totals row, from its key ("level:individual" → level). */
export function rowGroup(key: string): RowGroup {
  const kind = key.split(':')[0] ?? '';
  switch (kind) {
    case 'level':
    case 'year':
    case 'funder':
    case 'category':
    case 'metric':
      return kind;
    default:
      return 'summary';
  }
}

/** A totals row's name in words: a level, a year, a funding source by its name, a category, a metric. */
export function rowLabel(key: string, model: Model, t: Translate): string {
  const [kind, rest = ''] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  switch (key) {
    case 'total':
      return t('totals.total');
    case 'direct':
      return t('totals.direct');
    case 'indirect':
      return t('chart.indirect');
    case 'contingency':
      return t('chart.contingency');
    case 'net':
      return t('synergies.figure.net');
  }
  switch (kind) {
    case 'level': {
      const k = `level.${rest}`;
      return isMessageKey(k) ? t(k) : rest;
    }
    case 'year':
      return t('chart.year', { n: rest });
    case 'funder':
      if (rest === '') return t('compare.unfunded');
      return model.funders.find((f) => f.id === rest)?.name ?? t('compare.unknownFunder');
    case 'category': {
      const k = `category.${rest}`;
      return (CATEGORIES as readonly string[]).includes(rest) && isMessageKey(k) ? t(k) : rest;
    }
    case 'metric': {
      const k = `metrics.${rest}`;
      return isMessageKey(k) ? t(k) : rest;
    }
  }
  return key;
}

/** The rows of a group, in the engine's order. */
export function rowsOf(rows: readonly CompareRow[], group: RowGroup): CompareRow[] {
  return rows.filter((r) => rowGroup(r.key) === group);
}

/**
 * A line's name: the baseline's, a scenario's own (added in it), or a referral's coordination
 * ("coordination:" + the synergy's id).
 */
export function lineName(model: Model, lineId: string, t: Translate): string {
  const own = model.lines.find((l) => l.id === lineId);
  if (own) return own.name;
  for (const s of model.scenarios) {
    const added = s.overlay.addedLines?.find((l) => l.id === lineId);
    if (added) return added.name;
  }
  if (lineId.startsWith('coordination:')) {
    const synergy = model.synergies.find((s) => s.id === lineId.slice('coordination:'.length));
    return t('compare.coordination', { name: synergy?.name ?? t('coordination.unnamed') });
  }
  return t('compare.lineUnknown');
}

/** The causes of a line's difference in words: "unit cost, driver (quantity)". */
export function causeWords(causes: readonly LineCause[], t: Translate): string {
  return causes.map((c) => t(`compare.cause.${c}`)).join(', ');
}

export function stepWords(cause: BridgeCause, t: Translate): string {
  return t(`compare.step.${cause}`);
}

/**
 * One bar of the waterfall: `base` (an invisible bar under it) and `size`, both ≥ 0, in minor
 * units; `end` is the running total after it. The first and last bars are the two totals.
 */
export interface WaterfallBar {
  key: string;
  kind: 'total' | 'up' | 'down';
  /** The change this bar shows (a step), or the total. */
  amount: number;
  base: number;
  size: number;
  end: number;
}

/**
 * The bars of a bridge: the first total, each cause's step floating from where the one before
 * ended, the second total. The steps' ends run from `from` to `to` exactly.
 */
export function waterfall(b: Bridge): WaterfallBar[] {
  const bars: WaterfallBar[] = [
    { key: 'from', kind: 'total', amount: b.from, base: Math.min(0, b.from), size: Math.abs(b.from), end: b.from },
  ];
  let running = b.from;
  for (const step of b.steps) {
    const end = running + step.amount;
    bars.push({
      key: step.cause,
      kind: step.amount < 0 ? 'down' : 'up',
      amount: step.amount,
      base: Math.min(running, end),
      size: Math.abs(step.amount),
      end,
    });
    running = end;
  }
  bars.push({ key: 'to', kind: 'total', amount: b.to, base: Math.min(0, b.to), size: Math.abs(b.to), end: b.to });
  return bars;
}
