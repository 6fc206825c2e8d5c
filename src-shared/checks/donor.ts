/**
 * The donor rule profiles of the checks panel (DESIGN §7, issue 12): EU, US federal, FCDO. Pure;
 * runChecks (index.ts) calls donorChecks with its own `push`.
 *
 * Each rule names its source (sources.ts: the document and the version or date of the rule).
 * Rates are compared exactly (decimal strings as rationals); amounts in minor units.
 *
 * What the profiles check, and what they do not:
 * - EU grant: the indirect cost rate (≤ 7 %) on a base that is at most the total direct eligible
 *   costs, contingency included — every base of the app is (direct ≤ direct + contingency, and the
 *   MTDC ≤ direct), so the rate is the whole check; the contingency rate (≤ 5 %); lines that
 *   returnees' or partners' own contributions pay for and that still carry indirect costs or
 *   contingency (not eligible costs). Decision: a base that leaves the reserve out asks for less
 *   than the rule allows, which is no finding. An EU contribution agreement: a note above 7 % (the agreement decides), no
 *   contingency check. Not checked: the other eligibility rules, the budget headings' own limits.
 * - US federal: without a NICRA, the de minimis rate (15 % for awards from 1 October 2024, 10 %
 *   before; no date stated = the current 15 %), and — when the programme's base is wider than the
 *   MTDC — that the indirect costs do not exceed the cap × the MTDC; with a NICRA, its rate and its
 *   base instead; subawards whose USD 50,000 could not be counted (no USD rate). Not checked:
 *   whether the lines flagged (or not) as MTDC exclusions are flagged right; cost sharing.
 * - FCDO: funding sources flagged as making their contribution conditional on match funding.
 *   Returnee matching grants (a way of paying returnees) and partner matching funds are NOT flagged.
 *   Not checked: any other FCDO rule (eligibility, procurement, due diligence, value for money).
 */
import { dec, mul, rat, roundHalfAway } from '../money';
import type { Model } from '../model';
import type { ComputeResult } from '../engine';
import { type Layout, layoutOfProfile } from '../export/layouts';
import type { Push } from './push';
import type { CheckTarget } from './types';

export const EU_INDIRECT_CAP = '0.07';
export const EU_CONTINGENCY_CAP = '0.05';
export const US_DE_MINIMIS = '0.15';
/** The de minimis rate of awards made before 1 October 2024. */
export const US_DE_MINIMIS_BEFORE = '0.1';
export const US_DE_MINIMIS_FROM = '2024-10-01';

/** a > b, exactly, for decimal strings. */
function above(a: string, b: string): boolean {
  const x = dec(a);
  const y = dec(b);
  return x.n * y.d > y.n * x.d;
}

/**
 * The de minimis rate for an award made on `date` (YYYY-MM-DD or YYYY-MM).
 * Decision: a month alone ("2024-10") counts as its first day, so October 2024 is the new rule and
 *   September 2024 the old one; no date stated means an award made now, under the current rule.
 */
export function usDeMinimis(date: string | null): string {
  if (date === null) return US_DE_MINIMIS;
  const day = date.length === 7 ? `${date}-01` : date;
  return day < US_DE_MINIMIS_FROM ? US_DE_MINIMIS_BEFORE : US_DE_MINIMIS;
}

export function donorChecks(
  model: Model,
  result: ComputeResult,
  layouts: Readonly<Record<string, Layout>>,
  push: Push,
): void {
  const { programme } = model;
  if (programme.donorProfile === 'EU') euChecks(model, result, push);
  else if (programme.donorProfile === 'US') usChecks(model, result, push);
  else if (programme.donorProfile === 'FCDO') fcdoChecks(model, push);

  // A line whose category has no heading in the donor's budget layout (src-shared/export/layouts.ts)
  // would be exported under "Not mapped": the donor's template has nowhere to put it.
  const layoutId = layoutOfProfile(programme.donorProfile);
  const layout = layoutId === null ? undefined : layouts[layoutId];
  if (layout) {
    for (const l of model.lines) {
      if (layout.categoryHeading[l.category] !== undefined) continue;
      push(
        `donor.noHeading:${l.id}`,
        'warning',
        'donor',
        'donor.noHeading',
        'donorLayout',
        { kind: 'line', lineId: l.id },
        { name: l.name, category: l.category, layout: layout.name.en },
      );
    }
  }
}

function euChecks(model: Model, result: ComputeResult, push: Push): void {
  const { programme } = model;
  const indirectTarget: CheckTarget = { kind: 'programme', field: 'indirectRate' };
  if (programme.euAgreement === 'contribution') {
    if (above(programme.indirectRate, EU_INDIRECT_CAP)) {
      push('donor.eu.contribution', 'note', 'donor', 'donor.euContributionRate', 'euContribution', indirectTarget, {
        rate: programme.indirectRate,
        max: EU_INDIRECT_CAP,
      });
    }
  } else {
    if (above(programme.indirectRate, EU_INDIRECT_CAP)) {
      push('donor.eu.indirect', 'error', 'donor', 'donor.indirectAbove', 'euIndirect', indirectTarget, {
        rate: programme.indirectRate,
        max: EU_INDIRECT_CAP,
      });
    }
    if (above(programme.contingencyRate, EU_CONTINGENCY_CAP)) {
      push(
        'donor.eu.contingency',
        'error',
        'donor',
        'donor.contingencyAbove',
        'euContingency',
        { kind: 'programme', field: 'contingencyRate' },
        { rate: programme.contingencyRate, max: EU_CONTINGENCY_CAP },
      );
    }
  }
  // Returnees' and partners' own contributions are not eligible costs.
  const own = new Map(model.funders.filter((f) => f.type === 'returnee' || f.type === 'partner').map((f) => [f.id, f]));
  if (own.size === 0) return;
  for (const l of model.lines) {
    if (!l.eligibleIndirect && !l.eligibleContingency) continue;
    const f = l.funding.map((s) => (dec(s.share).n > 0n ? own.get(s.funderId) : undefined)).find((x) => x);
    if (!f) continue;
    push(
      `donor.eu.ineligible:${l.id}`,
      'warning',
      'donor',
      'donor.ineligibleContribution',
      'euIneligible',
      { kind: 'line', lineId: l.id },
      { name: l.name, funder: f.name },
    );
  }
}

function usChecks(model: Model, result: ComputeResult, push: Push): void {
  const { programme } = model;
  const nicra = programme.usNicra;
  const indirectTarget: CheckTarget = { kind: 'programme', field: 'indirectRate' };
  if (nicra) {
    if (above(programme.indirectRate, nicra.rate)) {
      push('donor.us.nicra', 'error', 'donor', 'donor.indirectAboveNicra', 'usNicra', indirectTarget, {
        rate: programme.indirectRate,
        max: nicra.rate,
      });
    }
    if (nicra.base !== programme.indirectBase) {
      push(
        'donor.us.nicraBase',
        'error',
        'donor',
        'donor.nicraBase',
        'usNicra',
        { kind: 'programme', field: 'indirectBase' },
        {},
      );
    }
  } else {
    const cap = usDeMinimis(programme.usAwardDate);
    if (above(programme.indirectRate, cap)) {
      push('donor.us.indirect', 'error', 'donor', 'donor.indirectAbove', 'usIndirect', indirectTarget, {
        rate: programme.indirectRate,
        max: cap,
      });
    } else if (programme.indirectBase !== 'mtdc') {
      // The rate is within the cap, but on a wider base than the MTDC: compare the amounts.
      // Decision: the allowed amount is cap × MTDC rounded to the minor unit half away from zero, as
      // the engine rounds indirect costs, so that a programme charging exactly the cap on the MTDC
      // (2 CFR 200.414(f) on the MTDC of 2 CFR 200.1: sources.ts `usIndirect`, `usMtdc`) is never
      // over; one minor unit more is.
      const allowed = Number(roundHalfAway(mul(rat(BigInt(result.indirectBase.mtdc)), dec(cap))));
      if (result.totals.indirect > allowed) {
        push(
          'donor.us.mtdc',
          'error',
          'donor',
          'donor.indirectAboveMtdc',
          'usMtdc',
          { kind: 'programme', field: 'indirectBase' },
          { amount: result.totals.indirect, allowed, max: cap, over: result.totals.indirect - allowed },
        );
      }
    }
  }
  for (const id of result.indirectBase.subawardsUnconverted) {
    const l = model.lines.find((x) => x.id === id);
    push(
      `donor.us.subawardUsd:${id}`,
      'warning',
      'donor',
      'donor.subawardNoUsd',
      'usMtdc',
      { kind: 'line', lineId: id },
      { name: l?.name ?? id },
    );
  }
}

function fcdoChecks(model: Model, push: Push): void {
  for (const f of model.funders) {
    if (!f.conditionalOnMatch) continue;
    push(
      `donor.fcdo.match:${f.id}`,
      'error',
      'donor',
      'donor.matchCondition',
      'fcdoMatch',
      { kind: 'funder', funderId: f.id },
      { name: f.name },
    );
  }
}
