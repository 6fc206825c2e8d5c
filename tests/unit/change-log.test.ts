/** The change log's structured rows (src-shared/commands/log.ts), from the planner's row changes. */
import { describe, expect, it } from 'vitest';
import { fieldChanges, MAX_FIELD_CHANGES, planCommand, stateOf } from '../../src-shared/commands';
import { type BudgetLine, defaultLineFields, type Model } from '../../src-shared/model';
import { testProgramme } from './model-fixtures';

function model(lines = 3): Model {
  const f = defaultLineFields('individual', 24, 'x', 'EUR');
  return {
    programme: testProgramme({ contingencyRate: '0' }),
    lines: Array.from({ length: lines }, (_, i): BudgetLine => ({
      ...f,
      id: `L${i}`,
      level: 'individual',
      position: i,
      name: `Line ${i}`,
    })),
    profiles: [],
    currencies: [],
    funders: [],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}

describe('field changes for the change log', () => {
  it('names each changed field with its old and new value, and the row by its name', () => {
    const plan = planCommand(stateOf(model()), {
      type: 'line.update',
      id: 'L1',
      patch: { unitCost: 250, name: 'Kit' },
    });
    expect(fieldChanges(plan.changes, 'L1')).toEqual({
      fields: [
        { table: 'line', id: 'L1', row: 'Kit', field: 'name', before: 'Line 1', after: 'Kit' },
        { table: 'line', id: 'L1', row: 'Kit', field: 'unitCost', before: 0, after: 250 },
      ],
      omitted: 0,
    });
  });

  it('leaves out neighbours that were only renumbered, but keeps the moved row', () => {
    const m = model();
    const del = planCommand(stateOf(m), { type: 'line.delete', id: 'L0' });
    expect(del.changes).toHaveLength(3); // the delete and two renumbered neighbours
    expect(fieldChanges(del.changes, 'L0').fields).toEqual([
      { table: 'line', id: 'L0', row: 'Line 0', field: null, before: 'Line 0', after: null },
    ]);
    const move = planCommand(stateOf(m), { type: 'line.move', id: 'L2', level: 'individual', index: 0 });
    expect(fieldChanges(move.changes, 'L2').fields).toEqual([
      { table: 'line', id: 'L2', row: 'Line 2', field: 'position', before: 2, after: 0 },
    ]);
  });

  it('programme fields, and a command on very many rows keeps the first ones and counts the rest', () => {
    const n = MAX_FIELD_CHANGES + 50;
    const plan = planCommand(stateOf(model(n)), { type: 'programme.update', patch: { reportingCurrency: 'USD' } });
    const { fields, omitted } = fieldChanges(plan.changes);
    expect(fields[0]).toEqual({
      table: 'programme',
      id: null,
      row: null,
      field: 'reportingCurrency',
      before: 'EUR',
      after: 'USD',
    });
    expect(fields).toHaveLength(MAX_FIELD_CHANGES);
    expect(omitted).toBe(n + 1 - MAX_FIELD_CHANGES);
  });
});
