/**
 * The checks panel (DESIGN §7): donor rule profiles, reintegration principles from the sources,
 * and model integrity. Pure: runChecks(model, result) with the result of compute(model).
 *
 * Each finding names its source by key (sources.ts): the documents by title and line numbers, or
 * the donor's rule; `source` holds the English text (CLI, API), the UI shows it in its language.
 */
import { currencyExponent, dec, fromInt, mul, rat, roundHalfAway } from '../money';
import { MIN_DURATION, FOLLOW_UP_MONTHS, type Model, programmeYear } from '../model';
import type { ComputeResult, Diagnostic } from '../engine';
import { LAYOUTS, type Layout } from '../export/layouts';
import { donorChecks } from './donor';
import { type SourceKey, sourceText } from './sources';
import type { CheckCode, CheckTarget, Finding } from './types';

export { CHECK_CODES, type CheckCode, type CheckTarget, type Finding, type FindingCode } from './types';
export { SOURCES, type SourceKey, sourceText } from './sources';
export { differingFindings, type FindingDifference } from './compare';

/** Share of individual-level cost in cash above which the cash note appears (DESIGN §7 "large cash share"). */
export const LARGE_CASH_SHARE = '0.5';
export const PACKAGE_RANGE_USD = { min: 569, max: 8845 } as const;

const DIAGNOSTIC_SEVERITY: Record<string, Finding['severity']> = { error: 'error', warning: 'warning' };

function fromDiagnostic(d: Diagnostic, i: number): Finding {
  return {
    id: `integrity.${d.code}:${d.lineId ?? i}:${i}`,
    severity: DIAGNOSTIC_SEVERITY[d.severity] ?? 'warning',
    group: 'integrity',
    code: d.code,
    params: d.params ?? {},
    target: d.lineId ? { kind: 'line', lineId: d.lineId } : null,
    sourceKey: 'integrity',
    source: sourceText('integrity', 'en'),
  };
}

/**
 * `layouts`: the donor layouts by id (src-shared/export/layouts.ts); the tests pass others to see
 * the heading check find a category with no heading.
 */
export function runChecks(
  model: Model,
  result: ComputeResult,
  layouts: Readonly<Record<string, Layout>> = LAYOUTS,
): Finding[] {
  const out: Finding[] = [];
  const { programme } = model;
  const push = (
    id: string,
    severity: Finding['severity'],
    group: Finding['group'],
    code: CheckCode,
    sourceKey: SourceKey,
    target: CheckTarget | null,
    params: Record<string, string | number> = {},
  ): void => {
    out.push({ id, severity, group, code, params, target, sourceKey, source: sourceText(sourceKey, 'en') });
  };

  // ---- Donor rule profiles (donor.ts) ----------------------------------------------------------
  donorChecks(model, result, layouts, push);

  // ---- Reintegration principles --------------------------------------------------------------
  const has = (pred: (l: Model['lines'][number]) => boolean) => model.lines.some(pred);
  if (model.lines.length > 0) {
    if (!has((l) => l.level === 'structural')) {
      push('principles.structural', 'warning', 'principles', 'principles.noStructural', 'separateLines', null);
    }
    if (!has((l) => l.level === 'community')) {
      push('principles.community', 'warning', 'principles', 'principles.noCommunity', 'separateLines', null);
    }
    if (!has((l) => l.category === 'monitoringEvaluation')) {
      push('principles.monitoring', 'warning', 'principles', 'principles.noMonitoring', 'monitoring', null);
    }
    if (!has((l) => l.dimension === 'psychosocial')) {
      push('principles.psychosocial', 'warning', 'principles', 'principles.noPsychosocial', 'psychosocial', null);
    }
  }
  for (const p of model.profiles) {
    const target: CheckTarget = { kind: 'profile', profileId: p.id };
    const min = MIN_DURATION[p.kind];
    if (p.kind === 'child' && min && p.durationMonths < min.months) {
      push(`principles.child:${p.id}`, 'warning', 'principles', 'principles.childDuration', 'child', target, {
        name: p.name,
        months: p.durationMonths,
        min: min.months,
      });
    } else if (p.kind === 'trafficking' && min && p.durationMonths < min.months) {
      push(
        `principles.trafficking:${p.id}`,
        'warning',
        'principles',
        'principles.traffickingDuration',
        'trafficking',
        target,
        {
          name: p.name,
          months: p.durationMonths,
          min: min.months,
        },
      );
    } else if (p.durationMonths < FOLLOW_UP_MONTHS.months) {
      push(`principles.followUp:${p.id}`, 'warning', 'principles', 'principles.followUp', 'followUp', target, {
        name: p.name,
        months: p.durationMonths,
        min: FOLLOW_UP_MONTHS.months,
      });
    }
  }

  // Per-returnee individual package against the 2015 paper's range, where it can be put in USD.
  const perReturnee = result.metrics.costPerReturneeIndividual;
  if (perReturnee !== null) {
    const usd = toUsdMinor(perReturnee, model);
    if (usd !== null) {
      const min = PACKAGE_RANGE_USD.min * 100;
      const max = PACKAGE_RANGE_USD.max * 100;
      if (usd < min || usd > max) {
        push(
          'principles.packageRange',
          'note',
          'principles',
          usd < min ? 'principles.packageBelow' : 'principles.packageAbove',
          'packageRange',
          null,
          {
            amount: perReturnee,
            usd,
            min,
            max,
          },
        );
      }
    }
  }

  // Community lines that reach people, none of them non-migrants (do-no-harm). A line with no
  // beneficiaries recorded (e.g. to avoid counting the same people twice) is left alone, and so is
  // a line a partner opens to community members (a community-open synergy with a share above 0).
  const opened = new Set<string>();
  for (const s of model.synergies) {
    if (s.effect.type === 'communityOpen' && dec(s.effect.nonMigrantShare).n > 0n) {
      for (const id of s.lineIds) opened.add(id);
    }
  }
  for (const l of model.lines) {
    if (l.level !== 'community' || l.driver.kind === 'percentage' || opened.has(l.id)) continue;
    if (dec(l.nonMigrantShare).n === 0n && dec(l.beneficiariesPerUnit).n > 0n) {
      push(
        `principles.doNoHarm:${l.id}`,
        'note',
        'principles',
        'principles.noNonMigrants',
        'doNoHarm',
        { kind: 'line', lineId: l.id },
        {
          name: l.name,
        },
      );
    }
  }

  // Large cash share of individual support.
  const totals = new Map(result.lines.map((r) => [r.lineId, r.total]));
  let cash = 0;
  for (const l of model.lines) if (l.level === 'individual' && l.modality === 'cash') cash += totals.get(l.id) ?? 0;
  const individual = result.byLevel.individual;
  const limit = dec(LARGE_CASH_SHARE);
  if (individual > 0 && BigInt(cash) * limit.d > limit.n * BigInt(individual)) {
    push('principles.cash', 'note', 'principles', 'principles.largeCash', 'cash', null, {
      share: Math.round((cash / individual) * 1000) / 10,
      cash,
    });
  }

  // ---- Model integrity -----------------------------------------------------------------------
  result.diagnostics.forEach((d, i) => out.push(fromDiagnostic(d, i)));
  for (const f of model.funders) {
    const used = result.byFunder[f.id] ?? 0;
    if (f.ceiling !== null && used > f.ceiling) {
      push(
        `integrity.ceiling:${f.id}`,
        'error',
        'integrity',
        'funder.ceilingExceeded',
        'ceiling',
        { kind: 'funder', funderId: f.id },
        {
          name: f.name,
          used,
          ceiling: f.ceiling,
          over: used - f.ceiling,
        },
      );
    }
  }
  // ---- Partners and synergies (DESIGN §5 and §7) ---------------------------------------------------
  const outcomes = new Map(result.synergies.synergies.map((o) => [o.synergyId, o]));
  for (const s of model.synergies) {
    const target: CheckTarget = { kind: 'synergy', synergyId: s.id };
    const o = outcomes.get(s.id);
    const e = s.effect;
    if (s.lineIds.length === 0) {
      push(`synergy.noTargets:${s.id}`, 'warning', 'integrity', 'synergy.noTargets', 'integrity', target, {
        name: s.name,
      });
    }
    if (o && o.window === null) {
      push(`synergy.noMonths:${s.id}`, 'warning', 'principles', 'synergy.noMonths', 'synergyCalendar', target, {
        name: s.name,
      });
    }
    if (e.type === 'referral' && e.coordinationCost === 0) {
      push(
        `synergy.noCoordination:${s.id}`,
        'warning',
        'principles',
        'synergy.noCoordination',
        'synergyCoordination',
        target,
        { name: s.name },
      );
    }
    if (e.type === 'referral' && e.capacity !== null && o && o.beyondCapacity > 0) {
      push(`synergy.capacity:${s.id}`, 'warning', 'principles', 'synergy.capacity', 'synergyCapacity', target, {
        name: s.name,
        capacity: e.capacity,
        planned: o.takenUp + o.beyondCapacity,
      });
    }
    if (e.type === 'matching' && o && o.capped > 0) {
      push(`synergy.matchingCapped:${s.id}`, 'note', 'integrity', 'synergy.matchingCapped', 'matchingCaps', target, {
        name: s.name,
        capped: o.capped,
      });
    }
  }
  // Staff seconded to the authorities (structural staff lines) with nobody taking them over by the
  // programme's last year: neither a handover with a share then, nor a government source in the split.
  const lastYear = programmeYear(programme.durationMonths);
  const government = new Set(model.funders.filter((f) => f.type === 'government').map((f) => f.id));
  for (const l of model.lines) {
    if (l.level !== 'structural' || l.modality !== 'staff') continue;
    const handedOver = model.synergies.some(
      (s) =>
        s.effect.type === 'handover' &&
        s.lineIds.includes(l.id) &&
        Number(s.effect.shares[Math.min(lastYear, s.effect.shares.length) - 1] ?? '0') > 0,
    );
    const governmentPays = l.funding.some((f) => government.has(f.funderId) && Number(f.share) > 0);
    if (!handedOver && !governmentPays) {
      push(
        `synergy.noHandover:${l.id}`,
        'note',
        'principles',
        'synergy.noHandover',
        'handover',
        { kind: 'line', lineId: l.id },
        { name: l.name },
      );
    }
  }
  for (const l of result.synergies.lines) {
    if (l.overClaimed > 0) {
      push(
        `synergy.lineOverCovered:${l.lineId}`,
        'warning',
        'integrity',
        'synergy.lineOverCovered',
        'integrity',
        { kind: 'line', lineId: l.lineId },
        { over: l.overClaimed },
      );
    }
  }

  if (model.lines.length > 0 && model.funders.length === 0) {
    push('integrity.noFunder', 'warning', 'integrity', 'funder.none', 'integrity', null);
  }

  const rank = { error: 0, warning: 1, note: 2 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/**
 * An amount in reporting minor units, in US cents: directly if the reporting currency is USD,
 * else through a USD rate defined among the local currencies (year 1). null when not convertible.
 */
function toUsdMinor(amount: number, model: Model): number | null {
  if (model.programme.reportingCurrency === 'USD') return amount;
  const usd = model.currencies.find((c) => c.code === 'USD');
  const rate = usd?.rates[0];
  if (!rate) return null;
  // reporting minor units -> reporting units (÷ 10^exp) -> USD (× rate, USD per reporting unit) -> cents
  const exp = 10n ** BigInt(currencyExponent(model.programme.reportingCurrency));
  return Number(roundHalfAway(mul(mul(fromInt(amount), dec(rate)), rat(100n, exp))));
}
