/**
 * The seam scenarios need (DESIGN §6, issue 10): a scenario stores only its differences from the
 * baseline, as an overlay, and one pure function turns baseline + overlay into the model that
 * compute() takes, so the engine, the screens, the CLI and the exports cannot disagree.
 *
 * What an overlay can override (issue 10, item 2): the caseload (a profile's arrivals, pattern,
 * explicit months, arrival window, duration of assistance), exchange and inflation rates, the
 * overhead rates, any line's unit cost, driver (its parameters and its window) and on/off, lines
 * of the scenario only, and a synergy's on/off, parameters and confidence. Each override names what
 * it changes by id; the baseline's value is what the override does not name.
 *
 * resolve is pure: it gives back the baseline itself for an empty overlay, and keeps every part of
 * the baseline an overlay does not touch (the same objects), so that an engine computing a baseline
 * and its scenarios in turn reuses the lines they share (compute.ts's line cache is keyed by
 * object). It never throws on an overlay that no longer fits its baseline: an override of a profile,
 * currency, line or synergy that is not there is left out and reported (`missing`).
 *
 * Decision: a line turned off is not in the scenario's model, as if deleted there: the synergies
 *   and percentage lines that name it no longer do (a deleted line's rule, commands/plan.ts), so
 *   that turning a line off raises no finding about it.
 * Decision: a synergy turned off is not in the scenario's model; its partner stays.
 * Decision: a scenario's own lines come after the baseline's lines of their level, in the order
 *   given; an added line whose id the baseline already uses is left out and reported.
 */
import {
  type BudgetLine,
  type Currency,
  EMPTY_OVERLAY,
  type LineOverride,
  type Model,
  type Overlay,
  type Profile,
  type ProfileOverride,
  type Programme,
  type Synergy,
  type SynergyOverride,
} from '../model';

// The overlay's types and schema live with the model (src-shared/model/scenarios.ts): the file and
// the API check them there.
export { EMPTY_OVERLAY, type LineOverride, type Overlay, type ProfileOverride, type SynergyOverride };

/** An override that names something the baseline no longer has (left out of the scenario). */
export interface MissingTarget {
  kind: 'profile' | 'currency' | 'line' | 'addedLine' | 'synergy';
  id: string;
}

export interface Resolved {
  model: Model;
  missing: MissingTarget[];
}

/** `value` with `patch` applied, or `value` itself when the patch changes nothing. */
function patched<T extends object>(value: T, patch: Partial<T>): T {
  for (const key of Object.keys(patch) as (keyof T)[]) {
    if (patch[key] !== undefined && patch[key] !== value[key]) {
      const out = { ...value };
      for (const k of Object.keys(patch) as (keyof T)[]) if (patch[k] !== undefined) out[k] = patch[k] as T[keyof T];
      return out;
    }
  }
  return value;
}

/** The overrides of `list` by id, each item patched; the same array when none changes anything. */
function patchEach<T extends object, P extends object>(
  list: readonly T[],
  overrides: Readonly<Record<string, P>> | undefined,
  idOf: (item: T) => string,
  apply: (item: T, override: P) => T,
  kind: MissingTarget['kind'],
  missing: MissingTarget[],
): readonly T[] {
  if (!overrides) return list;
  const ids = new Set(list.map(idOf));
  for (const id of Object.keys(overrides)) if (!ids.has(id)) missing.push({ kind, id });
  let changed = false;
  const out = list.map((item) => {
    const o = overrides[idOf(item)];
    const next = o ? apply(item, o) : item;
    if (next !== item) changed = true;
    return next;
  });
  return changed ? out : list;
}

/** The model a scenario computes: `baseline` with `overlay` applied, and what it could not apply. */
export function resolveScenario(baseline: Model, overlay: Overlay): Resolved {
  const missing: MissingTarget[] = [];
  const programme = overlay.programme ? patched<Programme>(baseline.programme, overlay.programme) : baseline.programme;
  const profiles = patchEach(
    baseline.profiles,
    overlay.profiles,
    (p) => p.id,
    (p, o) => patched<Profile>(p, o),
    'profile',
    missing,
  );
  const currencies = patchEach(
    baseline.currencies,
    overlay.currencies,
    (c) => c.code,
    (c, o) => patched<Currency>(c, o),
    'currency',
    missing,
  );

  // Lines: overridden, turned off, added.
  let lines = patchEach(
    baseline.lines,
    overlay.lines,
    (l) => l.id,
    (l, o) => patched<BudgetLine>(l, { unitCost: o.unitCost, driver: o.driver }),
    'line',
    missing,
  );
  const off = new Set(
    Object.entries(overlay.lines ?? {})
      .filter(([id, o]) => o.off === true && baseline.lines.some((l) => l.id === id))
      .map(([id]) => id),
  );
  if (off.size > 0) lines = lines.filter((l) => !off.has(l.id)).map((l) => withoutLines(l, off));
  const added = (overlay.addedLines ?? []).filter((l) => {
    const taken = baseline.lines.some((b) => b.id === l.id);
    if (taken) missing.push({ kind: 'addedLine', id: l.id });
    return !taken;
  });
  if (added.length > 0) {
    // After the baseline's lines of their level, in the order given (positions continue the level's).
    const next = new Map<string, number>();
    for (const l of lines) next.set(l.level, Math.max(next.get(l.level) ?? 0, l.position + 1));
    const placed = added.map((l) => {
      const position = next.get(l.level) ?? 0;
      next.set(l.level, position + 1);
      return l.position === position ? l : { ...l, position };
    });
    lines = [...lines, ...placed];
  }

  // Synergies: overridden, turned off; and none targets a line turned off.
  let synergies = patchEach(
    baseline.synergies,
    overlay.synergies,
    (s) => s.id,
    (s, o) =>
      patched<Synergy>(s, { effect: o.effect, ...(o.confidence !== undefined ? { confidence: o.confidence } : {}) }),
    'synergy',
    missing,
  );
  const synergiesOff = new Set(
    Object.entries(overlay.synergies ?? {})
      .filter(([, o]) => o.off === true)
      .map(([id]) => id),
  );
  if (synergiesOff.size > 0) synergies = synergies.filter((s) => !synergiesOff.has(s.id));
  if (off.size > 0) {
    synergies = synergies.map((s) =>
      s.lineIds.some((id) => off.has(id)) ? { ...s, lineIds: s.lineIds.filter((id) => !off.has(id)) } : s,
    );
  }

  const same =
    programme === baseline.programme &&
    profiles === baseline.profiles &&
    currencies === baseline.currencies &&
    lines === baseline.lines &&
    synergies === baseline.synergies;
  return {
    model: same
      ? baseline
      : {
          ...baseline,
          programme,
          profiles: profiles as Profile[],
          currencies: currencies as Currency[],
          lines: lines as BudgetLine[],
          synergies: synergies as Synergy[],
        },
    missing,
  };
}

/** A percentage line that names lines turned off, without them (others: the line itself). */
function withoutLines(line: BudgetLine, off: ReadonlySet<string>): BudgetLine {
  const d = line.driver;
  if (d.kind !== 'percentage' || !d.lineIds.some((id) => off.has(id))) return line;
  return { ...line, driver: { ...d, lineIds: d.lineIds.filter((id) => !off.has(id)) } };
}

/** The model a scenario computes (what resolveScenario gives, without the report). */
export function resolve(baseline: Model, overlay: Overlay): Model {
  return resolveScenario(baseline, overlay).model;
}
