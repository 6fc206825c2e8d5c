/**
 * Scenarios and uncertainty ranges (DESIGN §6, issue 10): what a scenario stores and how it is
 * checked, in the file and on the API alike.
 *
 * A scenario is a name, a sentence that describes it, and an overlay: ONLY its differences from
 * the baseline (src-shared/engine/resolve.ts turns baseline + overlay into the model the engine
 * computes). A change to the baseline therefore flows into every scenario that does not override
 * the value changed.
 *
 * A parameter range (low / likely / high) is kept per key parameter (src-shared/engine/sensitivity.ts
 * names them: "arrivals:<profile id>", "exchangeRate:XOF", "indirectRate:"…) as FACTORS of the
 * parameter's value in whichever scenario is run ("0.8" / "1" / "1.3": 20 % lower to 30 % higher),
 * so one set of ranges serves the baseline and every scenario.
 *
 * Decision: ranges belong to the programme, not to a scenario: a Monte-Carlo run asks how unsure
 *   the inputs are, which does not change with the what-if being looked at.
 */
import { z } from 'zod';
import { fieldMessage } from '../api/codes';
import { cmp, dec, isCanonicalDecimal } from '../money';
import { canonicalDriver, canonicalLine } from './canonical';
import { profileSchema } from './caseload';
import { currencySchema } from './finance';
import { budgetLineSchema, driverSchema, programmeSchema } from './model';
import { canonicalEffect, synergyEffectSchema } from './partners';
import { decimalString, nameText, shareString, text } from './schemas-base';

const idString = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, fieldMessage('id.invalid'));
/** Override maps are keyed by ids (and currency codes). */
const byId = <T extends z.ZodTypeAny>(value: T) =>
  z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), value).refine((r) => Object.keys(r).length <= 10_000);

/** A profile's caseload in a scenario. */
export const profileOverrideSchema = profileSchema
  .pick({ arrivals: true, pattern: true, monthly: true, arrivalStart: true, arrivalEnd: true, durationMonths: true })
  .partial()
  .strict();
export type ProfileOverride = z.infer<typeof profileOverrideSchema>;

/** A line in a scenario: its unit cost, its driver (parameters and window), or off. */
export const lineOverrideSchema = z
  .object({ unitCost: budgetLineSchema.shape.unitCost, driver: driverSchema, off: z.literal(true) })
  .partial()
  .strict();
export type LineOverride = z.infer<typeof lineOverrideSchema>;

/** A synergy in a scenario: off, its parameters, or its confidence (null: its status's default). */
export const synergyOverrideSchema = z
  .object({ off: z.literal(true), effect: synergyEffectSchema, confidence: shareString.nullable() })
  .partial()
  .strict();
export type SynergyOverride = z.infer<typeof synergyOverrideSchema>;

/** What of the programme's settings a scenario may override. */
export const OVERRIDABLE_PROGRAMME = ['indirectRate', 'contingencyRate', 'inflation'] as const;
/** What of a profile a scenario may override (its caseload). */
export const OVERRIDABLE_PROFILE = [
  'arrivals',
  'pattern',
  'monthly',
  'arrivalStart',
  'arrivalEnd',
  'durationMonths',
] as const;
export const OVERRIDABLE_CURRENCY = ['rates', 'inflation'] as const;
export const OVERRIDABLE_LINE = ['unitCost', 'driver'] as const;
export const OVERRIDABLE_SYNERGY = ['effect', 'confidence'] as const;

/** A scenario's differences from the baseline (every part optional; ids as in the baseline). */
export const overlaySchema = z
  .object({
    programme: programmeSchema.pick({ indirectRate: true, contingencyRate: true, inflation: true }).partial().strict(),
    profiles: byId(profileOverrideSchema),
    currencies: z
      .record(z.string().regex(/^[A-Z]{3}$/), currencySchema.pick({ rates: true, inflation: true }).partial().strict())
      .refine((r) => Object.keys(r).length <= 200),
    lines: byId(lineOverrideSchema),
    addedLines: z.array(budgetLineSchema).max(10_000),
    synergies: byId(synergyOverrideSchema),
  })
  .partial()
  .strict();
export type Overlay = z.infer<typeof overlaySchema>;

export const EMPTY_OVERLAY: Overlay = Object.freeze({});

/** What the switcher calls the baseline, in English and French: no scenario may take it. */
const RESERVED_NAMES: readonly string[] = ['baseline', 'référence', 'reference'];

export const scenarioFieldsSchema = z.object({
  name: nameText.refine((s) => !RESERVED_NAMES.includes(s.trim().toLowerCase()), fieldMessage('scenario.reservedName')),
  description: text(2000),
});
export type ScenarioFields = z.infer<typeof scenarioFieldsSchema>;

export const scenarioSchema = scenarioFieldsSchema.extend({
  id: idString,
  position: z.number().int().min(0),
  overlay: overlaySchema,
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** The largest factor a range may hold (×10: a parameter ten times its value). */
export const MAX_RANGE_FACTOR = '10';

/** A factor of a parameter's value: an exact decimal between 0 and 10, at most 6 places. */
const factorString = decimalString
  .refine((s) => /^\d{1,2}(\.\d{1,6})?$/.test(s), fieldMessage('range.factor'))
  // (zod runs every refinement, also after one failed: only a decimal is compared.)
  .refine((s) => !isCanonicalDecimal(s) || cmp(dec(s), dec(MAX_RANGE_FACTOR)) <= 0, fieldMessage('range.factor'));

/** A key parameter's id: "<kind>:<target>" (sensitivity.ts `KeyParameter.id`). */
export const parameterIdSchema = z
  .string()
  .regex(
    /^(arrivals|duration|exchangeRate|inflation|indirectRate|contingencyRate|unitCost|confidence):[A-Za-z0-9_-]{0,64}$/,
    fieldMessage('id.invalid'),
  );

export const parameterRangeSchema = z
  .object({ id: parameterIdSchema, low: factorString, likely: factorString, high: factorString })
  .superRefine((r, ctx) => {
    // zod runs this even when a field failed above: compare only decimals.
    if (![r.low, r.likely, r.high].every((s) => typeof s === 'string' && isCanonicalDecimal(s))) return;
    if (cmp(dec(r.low), dec(r.likely)) > 0) {
      ctx.addIssue({ code: 'custom', path: ['low'], ...fieldMessage('range.order') });
    }
    if (cmp(dec(r.likely), dec(r.high)) > 0) {
      ctx.addIssue({ code: 'custom', path: ['high'], ...fieldMessage('range.order') });
    }
  });
export type ParameterRange = z.infer<typeof parameterRangeSchema>;

export function canonicalScenario(s: Scenario): Scenario {
  return {
    id: s.id,
    position: s.position,
    name: s.name,
    description: s.description,
    overlay: canonicalOverlay(s.overlay),
  };
}

export function canonicalRange(r: ParameterRange): ParameterRange {
  return { id: r.id, low: r.low, likely: r.likely, high: r.high };
}

/** Keys of a record, sorted, each value in its canonical form, empty overrides left out. */
function sortedRecord<T extends object>(
  r: Readonly<Record<string, T>> | undefined,
  canonical: (v: T) => T,
): Record<string, T> | undefined {
  if (!r) return undefined;
  const keys = Object.keys(r)
    .filter((k) => Object.keys(r[k] as object).length > 0)
    .sort();
  if (keys.length === 0) return undefined;
  const out: Record<string, T> = {};
  for (const k of keys) out[k] = canonical(r[k] as T);
  return out;
}

/** `pick` of the keys of `o` that are set, in the order of `keys`. */
function ordered<T extends object>(o: T, keys: readonly (keyof T)[]): T {
  const out = {} as T;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** The same overlay with its parts in one order and nothing empty (equal overlays serialise identically). */
export function canonicalOverlay(o: Overlay): Overlay {
  const programme = o.programme ? ordered(o.programme, OVERRIDABLE_PROGRAMME) : undefined;
  const profiles = sortedRecord(o.profiles, (p) => ordered(p, OVERRIDABLE_PROFILE));
  const currencies = sortedRecord(o.currencies, (c) => ordered(c, OVERRIDABLE_CURRENCY));
  const lines = sortedRecord(o.lines, (l) => {
    const v = ordered(l, ['unitCost', 'driver', 'off']);
    return v.driver ? { ...v, driver: canonicalDriver(v.driver) } : v;
  });
  const synergies = sortedRecord(o.synergies, (x) => {
    const v = ordered(x, ['off', 'effect', 'confidence']);
    return v.effect ? { ...v, effect: canonicalEffect(v.effect) } : v;
  });
  return {
    ...(programme && Object.keys(programme).length > 0 ? { programme } : {}),
    ...(profiles ? { profiles } : {}),
    ...(currencies ? { currencies } : {}),
    ...(lines ? { lines } : {}),
    ...(o.addedLines && o.addedLines.length > 0 ? { addedLines: o.addedLines.map(canonicalLine) } : {}),
    ...(synergies ? { synergies } : {}),
  };
}

/** How many values a scenario overrides (each field of each override, each line of its own). */
export function overrideCount(o: Overlay): number {
  let n = Object.keys(o.programme ?? {}).length + (o.addedLines?.length ?? 0);
  for (const part of [o.profiles, o.currencies, o.lines, o.synergies]) {
    for (const v of Object.values(part ?? {})) n += Object.keys(v).length;
  }
  return n;
}

/** A new scenario's name that is not taken: "Scenario 2", "Scenario 3"… (or the `base` given). */
export function freeScenarioName(taken: readonly string[], base: string): string {
  const lower = new Set(taken.map((t) => t.trim().toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!lower.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}
