/**
 * Which findings differ between scenarios (issue 10, item 6): the compare screen lists only them.
 * Findings are matched by their stable id; one differs when it is missing from some scenario, or
 * when its severity or its figures (params) are not the same in all.
 */
import type { Finding } from './types';

export interface FindingDifference {
  id: string;
  /** The finding in each scenario, in the order given (null: not found there). */
  findings: (Finding | null)[];
}

function same(a: Finding, b: Finding): boolean {
  return a.severity === b.severity && JSON.stringify(a.params) === JSON.stringify(b.params);
}

/** The findings that are not the same in every list, in the order they first appear. */
export function differingFindings(lists: readonly (readonly Finding[])[]): FindingDifference[] {
  const order = new Set<string>();
  const byList = lists.map((list) => {
    const m = new Map<string, Finding>();
    for (const f of list) {
      order.add(f.id);
      m.set(f.id, f);
    }
    return m;
  });
  const out: FindingDifference[] = [];
  for (const id of order) {
    const findings = byList.map((m) => m.get(id) ?? null);
    const first = findings[0];
    const differs = findings.some((f) => f === null || first === null || first === undefined || !same(f, first));
    if (differs) out.push({ id, findings });
  }
  return out;
}
