/**
 * The reintegration principles of the checks panel (DESIGN §7): what the two source papers ask of a
 * programme, checked on the model and the engine's result. Pure; runChecks() adds these findings to
 * the donor and integrity ones.
 *
 * Each rule cites its source by key (sources.ts, title and line numbers of the documents in
 * shared/domain/sources/). Where a threshold is not a figure of the sources, the constant says so.
 */
import { type BudgetLine, FOLLOW_UP_MONTHS, type Funder, MIN_DURATION, type Model, type Modality } from '../model';
import {
  add,
  ceil,
  cmp,
  currencyExponent,
  type DecimalString,
  dec,
  div,
  floor,
  fromInt,
  mul,
  rat,
  type Rational,
  roundHalfAway,
} from '../money';
import type { ComputeResult } from '../engine';
import { pushInto } from './push';
import type { SourceKey } from './sources';
import type { CheckCode, CheckTarget, Finding } from './types';

/**
 * Share of the grants paid to returnees in cash above which the cash note appears (DESIGN §7 "large
 * cash share"). The 2015 paper prefers "in-kind assistance, complemented by moderate amounts of
 * monetary assistance" (IOM 2015, L327) and gives no figure.
 * Decision: more than half of the grants in cash is no longer "moderate" (a note, not a rule).
 */
export const LARGE_CASH_SHARE = '0.5';

/** "Amounts range from USD 569 to USD 8,845 per person" (IOM 2015, L325). */
export const PACKAGE_RANGE_USD = { min: 569, max: 8845 } as const;

/**
 * Target share of non-migrants among the people community lines reach (do no harm). The Joint
 * Initiative's community-based initiatives benefited "2,490 returnees and 2,943 members of their
 * communities" (Knowledge Paper #2, L2194-2196; digest SY-12, line 528 and §5.4, line 1126:
 * derived 2,943 ÷ 5,433 = 54.2 %).
 * Decision: the target is that example rounded down to a whole percent, 54 %, so that a line set to
 * the Joint Initiative's own mix (e.g. 0.5417, as the sample's open community projects are) meets it;
 * it is a benchmark, not a rule of the paper, hence a note below it.
 */
export const NON_MIGRANT_TARGET = '0.54';
export const JOINT_INITIATIVE = { returnees: 2490, communityMembers: 2943 } as const;

/**
 * Share of direct cost for monitoring and evaluation below which a note appears. The sources ask
 * for M&E "with adequate resources" (Knowledge Paper #2, L3063-3065; IOM 2015, L289) and give no
 * figure.
 * Decision: 3 % of direct cost, the low end of the rule of thumb practitioners use for M&E budgets
 * (roughly 3 to 10 % of a project); a practitioner default, not a figure of the sources, and the
 * finding's text says so. Below it is a note; no M&E cost at all stays a warning.
 */
export const MONITORING_MIN_SHARE = '0.03';

/**
 * USD per unit of a reporting currency, for the package range when the programme has no USD rate of
 * its own (USD neither the reporting currency nor one of its local currencies). Not stored in the
 * file: a reference to read the range against, not a planning figure; the finding names the rate
 * and its date.
 * Decision: annual averages of the European Central Bank's euro foreign exchange reference rates
 * for 2024: USD 1.0824 per EUR; GBP 0.84662 per EUR, so USD 1.0824 ÷ 0.84662 = 1.2785 per GBP
 * (rounded to 4 decimals); the CFA francs follow the euro through their fixed parity (655.957 per
 * EUR). Other reporting currencies get no comparison until the programme has a USD rate.
 */
export const USD_REFERENCE_RATES: Readonly<Record<string, { usdPerUnit: Rational; shown: DecimalString }>> = {
  EUR: { usdPerUnit: dec('1.0824'), shown: '1.0824' },
  GBP: { usdPerUnit: dec('1.2785'), shown: '1.2785' },
  XOF: { usdPerUnit: rat(10824n, 6559570n), shown: '0.00165' },
  XAF: { usdPerUnit: rat(10824n, 6559570n), shown: '0.00165' },
};
export const USD_REFERENCE_YEAR = '2024';

/**
 * Decision: "grants paid to returnees" are the individual-level lines that transfer something to the
 * returnee: modality cash, in kind, voucher or matching grant (whatever their category). Of these,
 * only modality cash counts as cash: a voucher is spent on what it names, a matching grant matches
 * the returnee's own investment in a business plan, which is the in-kind logic the 2015 paper
 * prefers (L327).
 */
const GRANT_MODALITIES: ReadonlySet<Modality> = new Set(['cash', 'inKind', 'voucher', 'matchingGrant']);

/**
 * Decision: the "package lines", what a returnee receives, are the individual-level lines with a
 * grant modality (above) or modality service, in any category but human resources, travel, local
 * office and monitoring and evaluation: the 2015 paper's package is "in-kind or cash assistance for
 * setting up businesses, vocational training, housing, medical treatment … and psychosocial support"
 * (L325); case managers (staff), follow-up visits (travel), offices and M&E are what it costs to
 * deliver it. A line counts gross: what partners deliver of it (referrals, public services) is
 * still received by the returnee.
 */
const PACKAGE_MODALITIES: ReadonlySet<Modality> = new Set([...GRANT_MODALITIES, 'service']);
const NOT_PACKAGE_CATEGORIES: ReadonlySet<BudgetLine['category']> = new Set([
  'humanResources',
  'travel',
  'localOffice',
  'monitoringEvaluation',
]);

/**
 * Decision: the vulnerable profiles are the kinds the 2015 paper names for "special attention"
 * (L385): unaccompanied children, victims of trafficking and migrants with health-related needs
 * (kinds child, trafficking, health). A line "targets" a profile when its quantity driver names it;
 * a driver on all profiles (no profile chosen) does not count: the point is support of its own.
 * A profile with no arrivals yet (being set up) is left alone.
 */
const VULNERABLE_KINDS: ReadonlySet<Model['profiles'][number]['kind']> = new Set(['child', 'trafficking', 'health']);

/** Funding statuses the budget cannot count on yet. */
const UNCERTAIN_STATUSES: ReadonlySet<Funder['status']> = new Set(['pipeline', 'hypothetical']);

/** a ÷ b < limit, exactly (b > 0). */
function below(a: number | bigint, b: number | bigint, limit: DecimalString): boolean {
  const l = dec(limit);
  return BigInt(a) * l.d < l.n * BigInt(b);
}

/** Decimal a > decimal b, exactly. */
function greater(a: DecimalString, b: DecimalString): boolean {
  const x = dec(a);
  const y = dec(b);
  return x.n * y.d > y.n * x.d;
}

/** a ÷ b > limit, exactly (b > 0). */
function above(a: number | bigint, b: number | bigint, limit: DecimalString): boolean {
  const l = dec(limit);
  return BigInt(a) * l.d > l.n * BigInt(b);
}

/**
 * a ÷ b as a percent with one decimal, for display only: rounded, or towards the side the finding
 * is on ('down' below a threshold, 'up' above one), so that a share just under 3 % never reads "3 %".
 */
function percent(a: number, b: number, towards: 'nearest' | 'down' | 'up' = 'nearest'): number {
  if (b <= 0) return 0;
  if (towards === 'nearest') return Math.round((a / b) * 1000) / 10;
  const n = BigInt(a) * 1000n;
  const d = BigInt(b);
  return Number(towards === 'down' ? n / d : (n + d - 1n) / d) / 10;
}

/** The first of `items` with the largest `value` (null when there is none). */
function largest<T>(items: readonly T[], value: (t: T) => number): T | null {
  let best: T | null = null;
  for (const t of items) if (best === null || value(t) > value(best)) best = t;
  return best;
}

export function principleFindings(model: Model, result: ComputeResult): Finding[] {
  const out: Finding[] = [];
  const { programme } = model;
  const add = pushInto(out);
  const push = (
    id: string,
    severity: Finding['severity'],
    code: CheckCode,
    sourceKey: SourceKey,
    target: CheckTarget | null,
    params: Record<string, string | number> = {},
  ): void => add(id, severity, 'principles', code, sourceKey, target, params);
  const lineResults = new Map(result.lines.map((r) => [r.lineId, r]));
  const total = (l: BudgetLine): number => lineResults.get(l.id)?.total ?? 0;
  const gross = (l: BudgetLine): number => {
    const r = lineResults.get(l.id);
    return r ? r.total + r.partnerDelivered : 0;
  };

  // ---- Separate lines for each level ------------------------------------------------------------
  const has = (pred: (l: BudgetLine) => boolean) => model.lines.some(pred);
  if (model.lines.length > 0) {
    if (!has((l) => l.level === 'structural')) {
      push('principles.structural', 'warning', 'principles.noStructural', 'separateLines', null);
    }
    if (!has((l) => l.level === 'community')) {
      push('principles.community', 'warning', 'principles.noCommunity', 'separateLines', null);
    }
  }

  // ---- Monitoring and evaluation: its share of direct cost --------------------------------------
  const direct = result.totals.direct;
  if (model.lines.length > 0 && direct > 0) {
    const meLines = model.lines.filter((l) => l.category === 'monitoringEvaluation');
    const me = meLines.reduce((s, l) => s + total(l), 0);
    const biggest = largest(meLines, total);
    const target: CheckTarget | null = biggest ? { kind: 'line', lineId: biggest.id } : null;
    if (me <= 0) {
      push('principles.monitoring', 'warning', 'principles.noMonitoring', 'monitoring', target, {
        min: MONITORING_MIN_SHARE,
      });
    } else if (below(me, direct, MONITORING_MIN_SHARE)) {
      push('principles.monitoring', 'note', 'principles.monitoringBelow', 'monitoring', target, {
        share: percent(me, direct, 'down'),
        min: MONITORING_MIN_SHARE,
        amount: me,
      });
    }
  }

  // ---- Psychosocial support ---------------------------------------------------------------------
  if (model.lines.length > 0 && !has((l) => l.dimension === 'psychosocial')) {
    push('principles.psychosocial', 'warning', 'principles.noPsychosocial', 'psychosocial', null);
  }

  // ---- Profiles: minimum durations, follow-up inside the programme, lines of their own ----------
  const series = new Map(result.caseload.profiles.map((s) => [s.profileId, s]));
  for (const p of model.profiles) {
    const target: CheckTarget = { kind: 'profile', profileId: p.id };
    const min = MIN_DURATION[p.kind];
    if (p.kind === 'child' && min && p.durationMonths < min.months) {
      push(`principles.child:${p.id}`, 'warning', 'principles.childDuration', 'child', target, {
        name: p.name,
        months: p.durationMonths,
        min: min.months,
      });
    } else if (p.kind === 'trafficking' && min && p.durationMonths < min.months) {
      push(`principles.trafficking:${p.id}`, 'warning', 'principles.traffickingDuration', 'trafficking', target, {
        name: p.name,
        months: p.durationMonths,
        min: min.months,
      });
    } else if (p.durationMonths < FOLLOW_UP_MONTHS.months) {
      push(`principles.followUp:${p.id}`, 'warning', 'principles.followUp', 'followUp', target, {
        name: p.name,
        months: p.durationMonths,
        min: FOLLOW_UP_MONTHS.months,
      });
    }

    // Returnees who arrive too late for their follow-up (12 months, or the profile's longer
    // duration) to end by the programme's last month: a case arriving in month a is assisted in
    // months a..a+months-1, so the last arrival month that fits is duration - months + 1.
    const s = series.get(p.id);
    if (s && s.totalArrivals > 0) {
      const months = Math.max(FOLLOW_UP_MONTHS.months, p.durationMonths);
      const lastMonth = programme.durationMonths - months + 1;
      let late = 0;
      s.arrivals.forEach((n, i) => {
        if (i + 1 > lastMonth) late += n;
      });
      if (late > 0) {
        push(`principles.followUpInside:${p.id}`, 'warning', 'principles.followUpInside', 'followUp', target, {
          name: p.name,
          late,
          arrivals: s.totalArrivals,
          months,
          lastMonth: Math.max(0, lastMonth),
        });
      }
    }

    if (VULNERABLE_KINDS.has(p.kind) && s && s.totalArrivals > 0) {
      const targeted = model.lines.some((l) => 'profileIds' in l.driver && l.driver.profileIds.includes(p.id));
      if (!targeted) {
        push(`principles.vulnerable:${p.id}`, 'warning', 'principles.vulnerableNoLine', 'vulnerable', target, {
          name: p.name,
          kind: `profile.kind.${p.kind}`,
        });
      }
    }
  }

  // ---- The individual package per returnee against the 2015 paper's range -----------------------
  const returnees = exactReturnees(model, result);
  const packageLines = model.lines.filter(
    (l) => l.level === 'individual' && PACKAGE_MODALITIES.has(l.modality) && !NOT_PACKAGE_CATEGORIES.has(l.category),
  );
  if (returnees.n > 0n && packageLines.length > 0) {
    // Decision: the average is compared exactly (what the package lines cost ÷ the returnees, in USD
    // cents through the rate), not after rounding it to a cent in either currency: EUR 525.68 is
    // USD 568.996, below USD 569, and a note (issue 12: one cent past the boundary is never lost to
    // rounding). The USD amount shown is rounded towards the side the note is on (568.99, never 569.00).
    const exact = div(fromInt(packageLines.reduce((s, l) => s + gross(l), 0)), returnees);
    const perReturnee = Number(roundHalfAway(exact));
    const rate = usdRate(model);
    if (rate !== null) {
      // reporting minor units -> reporting units (÷ 10^exp) -> USD (× rate) -> cents (× 100)
      const exp = 10n ** BigInt(currencyExponent(programme.reportingCurrency));
      const usdExact = mul(mul(exact, rate.usdPerUnit), rat(100n, exp));
      const min = PACKAGE_RANGE_USD.min * 100;
      const max = PACKAGE_RANGE_USD.max * 100;
      const isBelow = cmp(usdExact, fromInt(min)) < 0;
      if (isBelow || cmp(usdExact, fromInt(max)) > 0) {
        const usd = Number(isBelow ? floor(usdExact) : ceil(usdExact));
        push(
          'principles.packageRange',
          'note',
          isBelow ? 'principles.packageBelow' : 'principles.packageAbove',
          'packageRange',
          { kind: 'line', lineId: (largest(packageLines, gross) as BudgetLine).id },
          {
            amount: perReturnee,
            usd,
            min,
            max,
            rate: rate.shown,
            currency: programme.reportingCurrency,
            year: USD_REFERENCE_YEAR,
            conversion: `checks.conversion.${rate.from}`,
          },
        );
      }
    }
  }

  // ---- Do no harm: non-migrants among the people community lines reach --------------------------
  // A line's share is its own, or what a community-open synergy opens it to (the engine adds
  // community members up to that share; at 100 % it adds none). A line with no beneficiaries
  // recorded (e.g. to avoid counting the same people twice) is left alone, unless no community
  // line records any: then nothing can be checked, and a note says so.
  const opened = new Map<string, DecimalString>();
  for (const s of model.synergies) {
    if (s.effect.type !== 'communityOpen') continue;
    const share = s.effect.nonMigrantShare;
    if (!greater('1', share)) continue; // at 100 % the engine adds nobody
    for (const id of s.lineIds) {
      const was = opened.get(id);
      if (was === undefined || greater(share, was)) opened.set(id, share);
    }
  }
  const communityLines = model.lines.filter((l) => l.level === 'community' && l.driver.kind !== 'percentage');
  for (const l of communityLines) {
    if (dec(l.beneficiariesPerUnit).n === 0n) continue;
    const open = opened.get(l.id);
    const share = open !== undefined && greater(open, l.nonMigrantShare) ? open : l.nonMigrantShare;
    if (!greater(NON_MIGRANT_TARGET, share)) continue;
    const target: CheckTarget = { kind: 'line', lineId: l.id };
    if (dec(share).n === 0n) {
      push(`principles.doNoHarm:${l.id}`, 'note', 'principles.noNonMigrants', 'doNoHarm', target, {
        name: l.name,
        target: NON_MIGRANT_TARGET,
      });
    } else {
      push(`principles.doNoHarm:${l.id}`, 'note', 'principles.fewNonMigrants', 'doNoHarm', target, {
        name: l.name,
        share,
        target: NON_MIGRANT_TARGET,
        of: JOINT_INITIATIVE.communityMembers,
        outOf: JOINT_INITIATIVE.communityMembers + JOINT_INITIATIVE.returnees,
      });
    }
  }
  if (communityLines.length > 0 && communityLines.every((l) => dec(l.beneficiariesPerUnit).n === 0n)) {
    push(
      'principles.doNoHarm',
      'note',
      'principles.noCommunityBeneficiaries',
      'doNoHarm',
      { kind: 'line', lineId: (largest(communityLines, total) as BudgetLine).id },
      { target: NON_MIGRANT_TARGET },
    );
  }

  // ---- Cash share of the grants paid to returnees -----------------------------------------------
  const grants = model.lines.filter((l) => l.level === 'individual' && GRANT_MODALITIES.has(l.modality));
  const cashLines = grants.filter((l) => l.modality === 'cash');
  const grantTotal = grants.reduce((s, l) => s + total(l), 0);
  const cash = cashLines.reduce((s, l) => s + total(l), 0);
  if (grantTotal > 0 && above(cash, grantTotal, LARGE_CASH_SHARE)) {
    push(
      'principles.cash',
      'note',
      'principles.largeCash',
      'cash',
      { kind: 'line', lineId: (largest(cashLines, total) as BudgetLine).id },
      { share: percent(cash, grantTotal, 'up'), cash, grants: grantTotal, max: LARGE_CASH_SHARE },
    );
  }

  // ---- Funding the budget cannot count on yet ---------------------------------------------------
  const uncertain = model.funders.filter((f) => UNCERTAIN_STATUSES.has(f.status));
  const uncertainAmount = uncertain.reduce((s, f) => s + (result.byFunder[f.id] ?? 0), 0);
  if (uncertainAmount > 0 && result.totals.total > 0) {
    const biggest = largest(uncertain, (f) => result.byFunder[f.id] ?? 0) as Funder;
    push(
      'principles.uncertainFunding',
      'note',
      'principles.uncertainFunding',
      'fundingPredictability',
      { kind: 'funder', funderId: biggest.id },
      {
        share: percent(uncertainAmount, result.totals.total),
        amount: uncertainAmount,
        sources: uncertain.filter((f) => (result.byFunder[f.id] ?? 0) > 0).length,
        name: biggest.name,
      },
    );
  }

  // ---- Reliance on state programmes not yet agreed ----------------------------------------------
  // A government partner's public service or take-over of lines, counted in the plan while the
  // agreement is not signed: IOM (2015) L443 asks to check such programmes will continue before
  // relying on them.
  const outcomes = new Map(result.synergies.synergies.map((o) => [o.synergyId, o]));
  const government = new Set(model.partners.filter((p) => p.type === 'government').map((p) => p.id));
  for (const s of model.synergies) {
    if (s.effect.type !== 'publicService' && s.effect.type !== 'handover') continue;
    if (!government.has(s.partnerId) || s.status === 'signed') continue;
    const covered = outcomes.get(s.id)?.coveredTotal ?? 0;
    if (covered <= 0) continue;
    push(
      `principles.stateReliance:${s.id}`,
      'note',
      'principles.stateReliance',
      'stateProgrammes',
      { kind: 'synergy', synergyId: s.id },
      {
        name: s.name,
        partner: model.partners.find((p) => p.id === s.partnerId)?.name ?? '',
        covered,
      },
    );
  }

  return out;
}

/**
 * The persons assisted, exactly: each profile's arrivals × its persons per unit, as the engine
 * counts them (metrics.returneesAssisted is the same figure as a double).
 */
function exactReturnees(model: Model, result: ComputeResult): Rational {
  const perUnit = new Map(model.profiles.map((p) => [p.id, p.personsPerUnit]));
  let sum: Rational = rat(0n);
  for (const s of result.caseload.profiles) {
    sum = add(sum, mul(fromInt(s.totalArrivals), dec(perUnit.get(s.profileId) ?? '1')));
  }
  return sum;
}

/**
 * USD per unit of the reporting currency: 1 when it is USD; the programme's own year-1 rate when
 * USD is one of its local currencies (stored as USD per reporting unit); else the reference rate
 * above; null when there is none.
 */
function usdRate(model: Model): { usdPerUnit: Rational; shown: string; from: 'usd' | 'model' | 'reference' } | null {
  const code = model.programme.reportingCurrency;
  if (code === 'USD') return { usdPerUnit: rat(1n), shown: '1', from: 'usd' };
  const own = model.currencies.find((c) => c.code === 'USD')?.rates[0];
  if (own) return { usdPerUnit: dec(own), shown: own, from: 'model' };
  const ref = USD_REFERENCE_RATES[code];
  return ref ? { ...ref, from: 'reference' } : null;
}
