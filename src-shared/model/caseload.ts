/**
 * Returnee profiles and caseload (DESIGN §3). Defaults and help text cite the sources:
 * - unaccompanied migrant children: "A minimum of 18 months of socioeconomic assistance should be
 *   provided" (Reintegration: Effective approaches, IOM 2015, L389);
 * - victims of trafficking: "sustained monitoring (e.g. minimum of six months)" (same, L387);
 * - everyone: "a follow-up during the first 12 months upon arrival" (same, L281).
 */
import { z } from 'zod';
import { fieldMessage } from '../api/codes';
import { type Citation, citationText } from './citations';
import { nameText, positiveQuantity } from './schemas-base';

export const PROFILE_KINDS = ['adult', 'family', 'child', 'trafficking', 'health', 'custom'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export const ARRIVAL_PATTERNS = ['even', 'front', 'back', 'explicit'] as const;
export type ArrivalPattern = (typeof ARRIVAL_PATTERNS)[number];

export const MAX_ARRIVALS = 10_000_000;

export const profileFieldsSchema = z.object({
  name: nameText,
  kind: z.enum(PROFILE_KINDS),
  /** 'household' counts families: arrivals and cases are households of `personsPerUnit` people. */
  unit: z.enum(['person', 'household']),
  personsPerUnit: positiveQuantity,
  /** Expected arrivals over the arrival window, in units (persons or households). */
  arrivals: z
    .number()
    .int(fieldMessage('number.notInteger'))
    .min(0, fieldMessage('number.negative'))
    .max(MAX_ARRIVALS, fieldMessage('number.tooLarge')),
  pattern: z.enum(ARRIVAL_PATTERNS),
  /** Explicit arrivals per programme month (index 0 = month 1); used when pattern = 'explicit'. */
  monthly: z.array(z.number().int().min(0).max(MAX_ARRIVALS)).max(120),
  arrivalStart: z.number().int().min(1, fieldMessage('month.range')).max(120, fieldMessage('month.range')),
  arrivalEnd: z.number().int().min(1, fieldMessage('month.range')).max(120, fieldMessage('month.range')),
  /** Assistance duration in months: a case is active in its arrival month and the next duration-1. */
  durationMonths: z.number().int().min(1, fieldMessage('duration.range')).max(120, fieldMessage('duration.range')),
});
export type ProfileFields = z.infer<typeof profileFieldsSchema>;

export const profileSchema = profileFieldsSchema.extend({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  position: z.number().int().min(0),
});
export type Profile = z.infer<typeof profileSchema>;

/** A figure from the sources, with where it is written (`source`: the citation in English). */
export interface SourcedMonths {
  months: number;
  cite: Citation;
  source: string;
}

const sourced = (months: number, cite: Citation): SourcedMonths => ({
  months,
  cite,
  source: citationText(cite, 'en'),
});

/** Minimum assistance durations from the sources, by profile kind (months), with their citation. */
export const MIN_DURATION: Partial<Record<ProfileKind, SourcedMonths>> = {
  child: sourced(18, { doc: 'iom2015', from: 389 }),
  trafficking: sourced(6, { doc: 'iom2015', from: 387 }),
};
export const FOLLOW_UP_MONTHS = sourced(12, { doc: 'iom2015', from: 281 });

/** Sensible starting values for a new profile of a kind (durations per the sources above). */
export function defaultProfileFields(kind: ProfileKind, name: string, durationMonths: number): ProfileFields {
  const duration = kind === 'child' ? 18 : 12; // VoT: 12 ≥ the 6-month minimum; everyone: 12-month follow-up
  return {
    name,
    kind,
    unit: kind === 'family' ? 'household' : 'person',
    personsPerUnit: kind === 'family' ? '4' : '1',
    arrivals: 0,
    pattern: 'even',
    monthly: [],
    arrivalStart: 1,
    arrivalEnd: Math.max(1, Math.min(durationMonths, durationMonths - duration + 1)),
    durationMonths: duration,
  };
}
