/**
 * Partner programmes and synergies (DESIGN §5): what partners cover of the programme's lines, and
 * how sure that is. A synergy belongs to a partner, targets budget lines (or returnee profiles, for
 * a public service take-over), operates in a window of programme months (the engine intersects it
 * with the partner's own dates) and has one effect, whose parameters depend on its type.
 *
 * What each effect does to the numbers is written once, beside the engine code, in
 * src-shared/engine/synergies.ts (as drivers.ts does for quantity drivers).
 */
import { z } from 'zod';
import { type FieldCode, fieldMessage } from '../api/codes';
import { lineText, minorAmount, monthString, nameText, shareString, text } from './schemas-base';

const idString = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, fieldMessage('id.invalid'));

export const PARTNER_TYPES = ['development', 'government', 'privateSector', 'ngo', 'unAgency'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const partnerFieldsSchema = z.object({
  name: nameText,
  organisation: lineText(200),
  type: z.enum(PARTNER_TYPES),
  /** The partner programme's own first and last calendar months (YYYY-MM). */
  startMonth: monthString,
  endMonth: monthString,
  notes: text(4000),
});
export type PartnerFields = z.infer<typeof partnerFieldsSchema>;

export const partnerSchema = partnerFieldsSchema.extend({
  id: idString,
  position: z.number().int().min(0),
});
export type Partner = z.infer<typeof partnerSchema>;

export const SYNERGY_TYPES = [
  'referral',
  'coFinancing',
  'costSharing',
  'matching',
  'handover',
  'publicService',
  'communityOpen',
] as const;
export type SynergyType = (typeof SYNERGY_TYPES)[number];

/** A count of people: whole, 0 or more, bounded like a caseload. */
const people = z
  .number()
  .int(fieldMessage('number.notInteger'))
  .min(0, fieldMessage('number.negative'))
  .max(10_000_000);
/** A part of a ratio ("1" of 1+1, "25" of 25/75): positive, exact. */
const ratioPart = z
  .string()
  .regex(/^(0|[1-9]\d{0,5})(\.\d{1,6})?$/, fieldMessage('number.invalid'))
  .refine((s) => Number(s) > 0, fieldMessage('number.positive'));

export const synergyEffectSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('referral'),
    /** Share of the target lines' returnees referred to the partner. */
    share: shareString,
    /** Share of those referred who take the partner's service up (the paper: 46 of 202 = 22.8 %). */
    uptake: shareString,
    /** How many people the partner can take over the whole synergy; null: no limit stated. */
    capacity: people.nullable(),
    /** What each referral costs the programme (coordination, follow-up), reporting-currency minor units. */
    coordinationCost: minorAmount,
  }),
  z.object({
    type: z.literal('coFinancing'),
    /** Either a share of the target lines, or a fixed amount (reporting-currency minor units). */
    basis: z.enum(['share', 'amount']),
    share: shareString,
    amount: minorAmount,
  }),
  z.object({
    type: z.literal('costSharing'),
    /** The partner's share of the shared staff or facility lines. */
    share: shareString,
  }),
  z.object({
    type: z.literal('matching'),
    /** The ratio programme : partner (1+1 is 1 : 1, 25/75 is 25 : 75, 1×3 is 1 : 3). */
    programmePart: ratioPart,
    partnerPart: ratioPart,
    /** The most the partner puts into one grant, and into all of them; null: no cap. */
    capPerGrant: minorAmount.nullable(),
    collectiveCap: minorAmount.nullable(),
    /**
     * 'leverage': the programme's grant stays as budgeted and the partner adds its part (the
     * investment grows, the cost does not change); 'share': the investment is the budgeted one and
     * the programme pays only its part of it (the cost falls).
     */
    mode: z.enum(['leverage', 'share']),
  }),
  z.object({
    type: z.literal('handover'),
    /** Share taken over in each programme year (index 0 = year 1); years past the list use its last. */
    shares: z.array(shareString).min(1).max(10),
  }),
  z.object({
    type: z.literal('publicService'),
    /** Share of the target profiles' cases the public service covers, after `delayMonths` from arrival. */
    share: shareString,
    delayMonths: z.number().int().min(0, fieldMessage('offset.range')).max(120, fieldMessage('offset.range')),
  }),
  z.object({
    type: z.literal('communityOpen'),
    /** Share of the project's beneficiaries who are community members, not returnees. */
    nonMigrantShare: shareString,
  }),
]);
export type SynergyEffect = z.infer<typeof synergyEffectSchema>;

export const SYNERGY_STATUSES = ['identified', 'inPrinciple', 'signed'] as const;
export type SynergyStatus = (typeof SYNERGY_STATUSES)[number];
export const COMMITMENTS = ['general', 'mutual'] as const;
export type Commitment = (typeof COMMITMENTS)[number];

/** The confidence a status gives when the user has not set one (DESIGN §5). */
export const STATUS_CONFIDENCE: Readonly<Record<SynergyStatus, string>> = {
  identified: '0.3',
  inPrinciple: '0.6',
  signed: '0.9',
};

export const synergyFieldsSchema = z.object({
  partnerId: idString,
  name: nameText,
  effect: synergyEffectSchema,
  /** The budget lines it acts on. */
  lineIds: z.array(idString).max(500),
  /** The returnee profiles it concerns (public service take-over; empty: every profile). */
  profileIds: z.array(idString).max(100),
  /** First and last programme month it operates in (1 = the programme's first month). */
  firstMonth: z.number().int().min(1, fieldMessage('month.range')).max(120, fieldMessage('month.range')),
  lastMonth: z.number().int().min(1, fieldMessage('month.range')).max(120, fieldMessage('month.range')),
  commitment: z.enum(COMMITMENTS),
  status: z.enum(SYNERGY_STATUSES),
  /** Probability that it materialises; null: the status's default (STATUS_CONFIDENCE). */
  confidence: shareString.nullable(),
  /**
   * Inside the budget, the funding source its part shows under (a co-financier, the government…);
   * null for what the partner delivers itself, reported beside the budget.
   */
  funderId: idString.nullable(),
  notes: text(4000),
});
export type SynergyFields = z.infer<typeof synergyFieldsSchema>;

export const synergySchema = synergyFieldsSchema.extend({
  id: idString,
  position: z.number().int().min(0),
});
export type Synergy = z.infer<typeof synergySchema>;

/** The confidence in force: the one set, or the status's default. */
export function synergyConfidence(s: Pick<Synergy, 'confidence' | 'status'>): string {
  return s.confidence ?? STATUS_CONFIDENCE[s.status];
}

/**
 * Where a synergy's covered value sits: 'inside' the budget (the partner pays part of a line we
 * budget: it shows under a funding source) or 'outside' it (the partner delivers the service
 * itself: the budget keeps only our coordination cost, the covered value is reported beside it).
 */
export function synergyPlacement(type: SynergyType): 'inside' | 'outside' | 'reach' {
  switch (type) {
    case 'referral':
    case 'publicService':
      return 'outside';
    case 'communityOpen':
      return 'reach';
    default:
      return 'inside';
  }
}

export function canonicalPartner(p: Partner): Partner {
  return {
    id: p.id,
    position: p.position,
    name: p.name,
    organisation: p.organisation,
    type: p.type,
    startMonth: p.startMonth,
    endMonth: p.endMonth,
    notes: p.notes,
  };
}

export function canonicalEffect(e: SynergyEffect): SynergyEffect {
  switch (e.type) {
    case 'referral':
      return {
        type: e.type,
        share: e.share,
        uptake: e.uptake,
        capacity: e.capacity,
        coordinationCost: e.coordinationCost,
      };
    case 'coFinancing':
      return { type: e.type, basis: e.basis, share: e.share, amount: e.amount };
    case 'costSharing':
      return { type: e.type, share: e.share };
    case 'matching':
      return {
        type: e.type,
        programmePart: e.programmePart,
        partnerPart: e.partnerPart,
        capPerGrant: e.capPerGrant,
        collectiveCap: e.collectiveCap,
        mode: e.mode,
      };
    case 'handover':
      return { type: e.type, shares: [...e.shares] };
    case 'publicService':
      return { type: e.type, share: e.share, delayMonths: e.delayMonths };
    case 'communityOpen':
      return { type: e.type, nonMigrantShare: e.nonMigrantShare };
  }
}

/** Targets without repeats, in the order given. */
function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function canonicalSynergy(s: Synergy): Synergy {
  return {
    id: s.id,
    position: s.position,
    partnerId: s.partnerId,
    name: s.name,
    effect: canonicalEffect(s.effect),
    lineIds: unique(s.lineIds),
    profileIds: unique(s.profileIds),
    firstMonth: s.firstMonth,
    lastMonth: s.lastMonth,
    commitment: s.commitment,
    status: s.status,
    confidence: s.confidence,
    funderId: s.funderId,
    notes: s.notes,
  };
}

/** A partner's own dates run forwards. Returns field -> message code. */
export function validatePartnerFields(p: Pick<Partner, 'startMonth' | 'endMonth'>): Record<string, FieldCode> {
  return p.endMonth < p.startMonth ? { endMonth: 'window.endBeforeStart' } : {};
}

/** Anything with `has(key)`: a Set, or a Map keyed by id. */
interface Keys {
  has(key: string): boolean;
}

/**
 * Cross-references of a synergy that zod cannot check: its partner, lines, profiles and funding
 * source exist (each line and profile once), and its months run forwards. Months past the
 * programme's end are kept (the engine intersects them with the programme; the checks say so).
 */
export function validateSynergyReferences(
  s: Pick<Synergy, 'partnerId' | 'lineIds' | 'profileIds' | 'funderId' | 'firstMonth' | 'lastMonth'>,
  refs: { partners: Keys; lines: Keys; profiles: Keys; funders: Keys },
): Record<string, FieldCode> {
  const errors: Record<string, FieldCode> = {};
  if (!refs.partners.has(s.partnerId)) errors.partnerId = 'partner.notFound';
  const eachOnce = (ids: readonly string[], path: string, known: Keys, missing: FieldCode): void => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) errors[`${path}.${i}`] = 'list.duplicate';
      else if (!known.has(id)) errors[`${path}.${i}`] = missing;
      seen.add(id);
    });
  };
  eachOnce(s.lineIds, 'lineIds', refs.lines, 'line.notFound');
  eachOnce(s.profileIds, 'profileIds', refs.profiles, 'profile.notFound');
  if (s.funderId !== null && !refs.funders.has(s.funderId)) errors.funderId = 'funder.notFound';
  if (s.lastMonth < s.firstMonth) errors.lastMonth = 'window.endBeforeStart';
  return errors;
}

/** A new partner programme: running over the programme's own dates until the user says otherwise. */
export function defaultPartnerFields(name: string, startMonth: string, endMonth: string): PartnerFields {
  return { name, organisation: '', type: 'development', startMonth, endMonth, notes: '' };
}

/** A new synergy's effect of each type, with the sources' figures where they give one. */
export function defaultEffect(type: SynergyType): SynergyEffect {
  switch (type) {
    case 'referral':
      // INTEGRA: 46 of 202 referred returnees took the partner's service up (22.8 %).
      return { type, share: '1', uptake: '0.228', capacity: null, coordinationCost: 0 };
    case 'coFinancing':
      return { type, basis: 'share', share: '0.5', amount: 0 };
    case 'costSharing':
      return { type, share: '0.5' };
    case 'matching':
      return { type, programmePart: '1', partnerPart: '1', capPerGrant: null, collectiveCap: null, mode: 'share' };
    case 'handover':
      return { type, shares: ['0', '0.5', '1'] };
    case 'publicService':
      return { type, share: '1', delayMonths: 0 };
    case 'communityOpen':
      return { type, nonMigrantShare: '0.5' };
  }
}

/** A new synergy of `type` for `partnerId`, over the whole programme, identified, no target yet. */
export function defaultSynergyFields(
  type: SynergyType,
  partnerId: string,
  name: string,
  durationMonths: number,
): SynergyFields {
  return {
    partnerId,
    name,
    effect: defaultEffect(type),
    lineIds: [],
    profileIds: [],
    firstMonth: 1,
    lastMonth: Math.max(1, durationMonths),
    commitment: 'general',
    status: 'identified',
    confidence: null,
    funderId: null,
    notes: '',
  };
}
