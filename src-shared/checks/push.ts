/** How a check adds a finding: one function, for runChecks and the donor and principle checks. */
import { type SourceKey, sourceText } from './sources';
import type { CheckCode, CheckTarget, Finding } from './types';

export type Push = (
  id: string,
  severity: Finding['severity'],
  group: Finding['group'],
  code: CheckCode,
  sourceKey: SourceKey,
  target: CheckTarget | null,
  params?: Record<string, string | number>,
) => void;

/** A Push that adds each finding to `out`, its source in English (the UI words it in the user's language). */
export function pushInto(out: Finding[]): Push {
  return (id, severity, group, code, sourceKey, target, params = {}) => {
    out.push({ id, severity, group, code, params, target, sourceKey, source: sourceText(sourceKey, 'en') });
  };
}
