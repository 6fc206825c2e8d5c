/**
 * The checks panel (DESIGN §7): donor rule profiles, reintegration principles from the sources,
 * and model integrity. Pure: runChecks(model, result) with the result of compute(model).
 *
 * Each finding names its source by key (sources.ts): the documents by title and line numbers, or
 * the donor's rule; `source` holds the English text (CLI, API), the UI shows it in its language.
 */
import { type Model, programmeYear } from '../model';
import { dec } from '../money';
import type { ComputeResult, Diagnostic } from '../engine';
import { LAYOUTS, type Layout } from '../export/layouts';
import { donorChecks } from './donor';
import { principleFindings } from './principles';
import { pushInto } from './push';
import { sourceText } from './sources';
import type { CheckTarget, Finding } from './types';

export { CHECK_CODES, type CheckCode, type CheckTarget, type Finding, type FindingCode } from './types';
export { SOURCES, type SourceKey, sourceText } from './sources';
export { differingFindings, type FindingDifference } from './compare';

export {
  LARGE_CASH_SHARE,
  MONITORING_MIN_SHARE,
  NON_MIGRANT_TARGET,
  PACKAGE_RANGE_USD,
  USD_REFERENCE_RATES,
  USD_REFERENCE_YEAR,
} from './principles';

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
  const push = pushInto(out);

  // ---- Donor rule profiles (donor.ts) ----------------------------------------------------------
  donorChecks(model, result, layouts, push);

  // ---- Reintegration principles (principles.ts) ----------------------------------------------
  out.push(...principleFindings(model, result));

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
    // Decision: counted in whole people, as the engine rounds those beyond the capacity: 50.4 taking
    // a referral up is 50 people for 50 places (no finding); 50.5 is 51 (Knowledge Paper #2,
    // L1793-1794, sources.ts `synergyCapacity`).
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
        dec(s.effect.shares[Math.min(lastYear, s.effect.shares.length) - 1] ?? '0').n > 0n,
    );
    // Shares compared as decimals, not doubles: a share of 10^-400 reads as 0 in a double.
    const governmentPays = l.funding.some((f) => government.has(f.funderId) && dec(f.share).n > 0n);
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
