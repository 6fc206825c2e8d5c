/**
 * Where a value is shown that the active scenario overrides (issue 10, item 2): a mark beside it
 * whose hover text gives the baseline's value, and which takes the override back in one click.
 */
import { stateOf } from '../../src-shared/commands';
import type { OverrideKind } from '../../src-shared/api';
import { activeScenario } from '../document/documentStore';
import { useDoc, useDocStore, useLocale, useReadOnly, useT } from '../document/react';
import { overrideText } from './overrides';

/** The override of `field` of one row in the active scenario and the baseline's value (null: none). */
export function useOverride(
  kind: OverrideKind,
  id: string,
  field: string,
): { value: unknown; baseline: unknown; scenarioId: string } | null {
  const override = useDoc((s) => {
    const o = activeScenario(s)?.overlay;
    if (!o) return undefined;
    const part =
      kind === 'programme'
        ? o.programme
        : kind === 'profile'
          ? o.profiles?.[id]
          : kind === 'currency'
            ? o.currencies?.[id]
            : kind === 'line'
              ? o.lines?.[id]
              : o.synergies?.[id];
    return (part as Record<string, unknown> | undefined)?.[field];
  });
  const scenarioId = useDoc((s) => s.scenarioId);
  const baseline = useDoc((s) => {
    if (override === undefined || !s.snapshot) return undefined;
    const state = stateOf(s.snapshot.model);
    const row =
      kind === 'programme'
        ? state.programme
        : kind === 'profile'
          ? state.profiles.get(id)
          : kind === 'currency'
            ? state.currencies.get(id)
            : kind === 'line'
              ? state.lines.get(id)
              : state.synergies.get(id);
    return (row as Record<string, unknown> | undefined)?.[field];
  });
  if (override === undefined || scenarioId === null) return null;
  return { value: override, baseline, scenarioId };
}

/** Nothing outside a scenario or where the value is the baseline's; else the mark. */
export function OverrideMark(props: { kind: OverrideKind; id: string; field: string; currency?: string }) {
  const t = useT();
  const locale = useLocale();
  const store = useDocStore();
  const readOnly = useReadOnly();
  const o = useOverride(props.kind, props.id, props.field);
  if (!o) return null;
  const baseline = overrideText(props.field, o.baseline, { currency: props.currency ?? '', locale, t });
  const label = t('scenario.overridden', { baseline });
  return (
    <button
      type="button"
      className="override-mark"
      tabIndex={-1}
      disabled={readOnly}
      title={`${label} ${t('scenario.backToBaseline')}`}
      aria-label={`${label} ${t('scenario.backToBaseline')}`}
      data-testid={`override-${props.kind}-${props.id}-${props.field}`}
      onClick={() =>
        void store.getState().command({
          type: 'scenario.revert',
          scenario: o.scenarioId,
          kind: props.kind,
          id: props.id,
          field: props.field,
        })
      }
    >
      <span aria-hidden="true">◆</span>
    </button>
  );
}
