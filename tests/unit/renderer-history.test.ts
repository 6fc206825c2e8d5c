/**
 * The change log in the user's language (features/history/history.ts): the structured rows main
 * writes (planned here with the real planner, as main does) put into English and French words.
 */
import { describe, expect, it } from 'vitest';
import { fieldChanges, planCommand, stateOf } from '../../src-shared/commands';
import type { ChangeLogEntry, Model } from '../../src-shared/model';
import type { Command } from '../../src-shared/api';
import { translator } from '../../src-renderer/i18n';
import { describeEntry } from '../../src-renderer/features/history/history';
import { fullModel } from '../integration/helpers';
import { sampleModel } from '../../src-main/sample/sample-model';

/** The change log row main writes for `command` on `model` (as DocumentService does). */
function entryFor(model: Model, command: Command, kind: 'command' | 'undo' = 'command'): ChangeLogEntry {
  const plan = planCommand(stateOf(model), command);
  const { fields, omitted } = fieldChanges(plan.changes, 'id' in command ? command.id : null);
  return {
    id: 1,
    at: '2026-12-01T09:00:00.000Z',
    author: 'Aïcha',
    summary: plan.summary,
    kind,
    command: command.type,
    target: plan.label.name,
    fields: kind === 'undo' ? fields.map((f) => ({ ...f, before: f.after, after: f.before })) : fields,
    omitted,
  };
}

const en = translator('en');
const fr = translator('fr');

describe('the change log in words', () => {
  const model = fullModel();

  it('an edit: the command, and each field from its old value to its new one, money in its currency', () => {
    const e = entryFor(model, {
      type: 'line.update',
      id: 'ind-a',
      patch: { unitCost: 185050, eligibleIndirect: false },
    });
    expect(describeEntry(e, en, 'en', model)).toEqual({
      title: 'Editing “Reintegration package”',
      details: ['Unit cost: 1,500.00 EUR → 1,850.50 EUR', 'Eligible for indirect costs: yes → no'],
    });
    expect(describeEntry(e, fr, 'fr', model)).toEqual({
      title: 'Modification de «\u00a0Reintegration package\u00a0»',
      details: [
        'Coût unitaire\u00a0: 1\u202f500,00 EUR → 1\u202f850,50 EUR',
        'Éligible aux coûts indirects\u00a0: oui → non',
      ],
    });
  });

  it('an undo says so, with the values going back; rates in percent', () => {
    const e = entryFor(model, { type: 'programme.update', patch: { indirectRate: '0.065' } }, 'undo');
    expect(describeEntry(e, en, 'en', model)).toEqual({
      title: 'Undone: editing the programme settings',
      details: ['Indirect cost rate: 6.5\u00a0% → 7\u00a0%'],
    });
  });

  it('the donor rule settings by their names, the NICRA as a change (issue 12)', () => {
    const e = entryFor(model, {
      type: 'programme.update',
      patch: { donorProfile: 'US', indirectBase: 'mtdc', usNicra: { rate: '0.2', base: 'mtdc' } },
    });
    expect(describeEntry(e, en, 'en', model).details).toEqual([
      'Donor rule profile: “EU” → “US”',
      'Indirect cost base: Direct eligible costs → Modified total direct costs (MTDC)',
      'Negotiated indirect cost rate: changed',
    ]);
    const line = entryFor(model, { type: 'line.update', id: 'ind-a', patch: { mtdcExclusion: 'equipment' } });
    expect(describeEntry(line, fr, 'fr', model).details).toEqual(['Exclusion des MTDC\u00a0: Non exclu → Équipement']);
  });

  it('a delete names the row; a command on several rows names each', () => {
    const del = entryFor(model, { type: 'line.delete', id: 'com-a' });
    // The percentage line that counted it in its base changed too.
    expect(describeEntry(del, en, 'en', model)).toEqual({
      title: 'Deleting “Community project”',
      details: ['“Community project” deleted', '“Monitoring and evaluation”, quantity driver: changed'],
    });
  });

  it('rows written before schema v3 keep main’s English sentence; the creation is translated', () => {
    const legacy: ChangeLogEntry = {
      id: 1,
      at: '2026-01-01T00:00:00.000Z',
      author: '',
      summary: 'Added the local currency XOF',
      kind: null,
      command: null,
      target: null,
      fields: [],
      omitted: 0,
    };
    expect(describeEntry(legacy, fr, 'fr', model)).toEqual({ title: 'Added the local currency XOF', details: [] });
    expect(describeEntry({ ...legacy, kind: 'create' }, fr, 'fr', model).title).toBe('Programme créé');
  });

  it('counts the field changes left out', () => {
    const e = { ...entryFor(model, { type: 'line.update', id: 'ind-a', patch: { name: 'X' } }), omitted: 3 };
    expect(describeEntry(e, en, 'en', model).details.at(-1)).toBe('and 3 other changes');
    expect(describeEntry({ ...e, omitted: 1 }, fr, 'fr', model).details.at(-1)).toBe('et 1 autre modification');
  });

  it('partner programmes, synergies, scenarios and ranges: every field named in French, rows by their names', () => {
    const sample = sampleModel();
    const [partner, other] = sample.partners;
    const synergy = sample.synergies.find((x) => x.partnerId === partner?.id);
    const scenario = sample.scenarios[0];
    const range = sample.ranges[0];
    const funder = sample.funders[0];
    if (!partner || !other || !synergy || !scenario || !range || !funder) throw new Error('the sample has them');
    const commands: Command[] = [
      {
        type: 'partner.update',
        id: partner.id,
        patch: { organisation: 'Ministère', type: 'ngo', endMonth: '2029-06' },
      },
      {
        type: 'synergy.update',
        id: synergy.id,
        patch: { partnerId: other.id, status: 'signed', confidence: '0.75', funderId: funder.id, lastMonth: 20 },
      },
      { type: 'scenario.update', id: scenario.id, patch: { description: 'Autre' } },
      { type: 'range.put', range: { ...range, high: '1.3' } },
    ];
    const details = commands.flatMap((c) => describeEntry(entryFor(sample, c), fr, 'fr', sample).details);
    expect(details.length).toBeGreaterThanOrEqual(10);
    // No field left as its identifier (camelCase or a bare English word the model uses).
    for (const d of details)
      expect(d, d).not.toMatch(/\b(partnerId|funderId|lastMonth|endMonth|organisation:|high|description:|status)\b/);
    expect(details).toContain(
      `Programme partenaire\u00a0: «\u00a0${partner.name}\u00a0» → «\u00a0${other.name}\u00a0»`,
    );
    expect(details.some((d) => d.startsWith('Source de financement\u00a0:') && d.includes(funder.name))).toBe(true);
    expect(details.some((d) => d.startsWith('Statut\u00a0:') && d.includes('Accord signé'))).toBe(true);
    expect(details.some((d) => d.startsWith('Probabilité\u00a0:') && d.includes('75'))).toBe(true);
    expect(details.some((d) => d.startsWith('Haut\u00a0:'))).toBe(true);
  });
});
