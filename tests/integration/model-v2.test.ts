/**
 * Model v2 through DocumentService on real files: returnee profiles, local currencies, funding
 * sources, every quantity driver, funding splits and community beneficiaries. Every command
 * round-trips through undo/redo and a reopen; every refusal leaves the file byte-for-byte as it
 * was; references stay whole (in-use deletes refused, percentage bases cleaned on line.delete).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/commands';
import { type Command, type Snapshot } from '../../src-shared/api';
import { type BudgetLine, type Driver, LEVELS, type Model } from '../../src-shared/model';
import { DocumentService, normaliseModel, writeModelToFile } from '../../src-main/documents';
import {
  editor as service,
  failure,
  fields,
  fullModel,
  line,
  modelText,
  openModel,
  profileFields,
  sha256,
  tempDir,
  commandOf,
  redoOf,
  undoOf,
} from './helpers';

function openFull(model: Model = fullModel()): { s: DocumentService; file: string; dir: string } {
  return openModel(model);
}

function lineOf(snap: Snapshot, id: string): BudgetLine {
  const l = snap.model.lines.find((x) => x.id === id);
  if (!l) throw new Error(`no line ${id}`);
  return l;
}

const window = { start: 2, end: 30 };
const ALL_DRIVERS: Driver[] = [
  { kind: 'fixed', quantity: '3', schedule: 'spread', ...window },
  { kind: 'perArrival', quantity: '1.5', profileIds: ['pr-family'], takeUp: '0.4', offset: 2, ...window },
  { kind: 'perActiveCase', quantity: '2', profileIds: ['pr-adult', 'pr-vot'], ...window },
  { kind: 'staffing', casesPerStaff: '25.5', min: 0, max: null, profileIds: [], ...window },
  { kind: 'perCommunity', quantity: '1', schedule: 'monthly', ...window },
  { kind: 'perProject', returneesPerProject: '40', profileIds: ['pr-adult'], schedule: 'spread', ...window },
  { kind: 'percentage', rate: '0.1', levels: ['community', 'structural'], lineIds: ['ind-arr'], ...window },
];

describe('the whole model v2 is saved and read back', () => {
  it('a written model opens as exactly itself (snapshot = whole model v2)', () => {
    const { s } = openFull();
    const snap = s.snapshot();
    expect(modelText(snap.model)).toBe(modelText(normaliseModel(fullModel())));
    expect(snap.model.profiles.map((p) => p.id)).toEqual(['pr-adult', 'pr-family', 'pr-vot']);
    expect(snap.model.currencies.map((c) => c.code)).toEqual(['USD', 'XOF']);
    expect(snap.model.funders.map((f) => f.id)).toEqual(['main-donor', 'fu-gov', 'fu-muni', 'fu-ret']);
    expect(new Set(snap.model.lines.map((l) => l.driver.kind)).size).toBe(7);
  });

  it('a new blank programme has one funding source, "Main donor", and nothing else new', () => {
    const dir = tempDir();
    const snap = service().create(path.join(dir, 'Blank.rcs'));
    expect(snap.model.programme).toMatchObject({ communities: 0, inflation: '0', reportingCurrency: 'EUR' });
    expect(snap.model.profiles).toEqual([]);
    expect(snap.model.currencies).toEqual([]);
    expect(snap.model.funders).toEqual([
      {
        id: 'main-donor',
        position: 0,
        name: 'Main donor',
        type: 'donor',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
      },
    ]);
  });

  it.each(ALL_DRIVERS.map((d) => [d.kind, d] as const))('a line with a %s driver round-trips', (_kind, driver) => {
    const { s, file } = openFull();
    const snap = commandOf(s, { type: 'line.update', id: 'ind-c', patch: { driver } });
    expect(lineOf(snap, 'ind-c').driver).toEqual(driver);
    s.close();
    expect(lineOf(service().open(file), 'ind-c').driver).toEqual(driver);
  });
});

describe('undo and redo of every new command', () => {
  const cases: { name: string; command: Command; summary: string }[] = [
    {
      name: 'profile.add',
      command: {
        type: 'profile.add',
        id: newId(),
        fields: profileFields({ name: 'Children', kind: 'child', durationMonths: 18 }),
      },
      summary: 'Added the returnee profile "Children"',
    },
    {
      name: 'profile.update',
      command: {
        type: 'profile.update',
        id: 'pr-family',
        patch: { arrivals: 55, pattern: 'explicit', monthly: [5, 5] },
      },
      summary: 'Edited the returnee profile "Families": expected arrivals, arrival pattern, monthly arrivals',
    },
    {
      name: 'profile.delete (unused)',
      command: { type: 'profile.delete', id: 'pr-vot' },
      summary: 'Deleted the returnee profile "Victims of trafficking"',
    },
    {
      name: 'profile.move',
      command: { type: 'profile.move', id: 'pr-vot', index: 0 },
      summary: 'Moved the returnee profile "Victims of trafficking" to position 1',
    },
    {
      name: 'currency.put (new)',
      command: { type: 'currency.put', currency: { code: 'GNF', rates: ['9350.5', '9400'], inflation: '0.1' } },
      summary: 'Added the local currency GNF',
    },
    {
      name: 'currency.put (edit)',
      command: { type: 'currency.put', currency: { code: 'XOF', rates: ['655.957'], inflation: '0.03' } },
      summary: 'Edited the local currency XOF: exchange rates',
    },
    {
      name: 'currency.delete (unused)',
      command: { type: 'currency.delete', code: 'USD' },
      summary: 'Deleted the local currency USD',
    },
    {
      name: 'funder.add',
      command: {
        type: 'funder.add',
        id: newId(),
        fields: { name: 'GIZ', type: 'partner', status: 'pipeline', ceiling: 100000, conditionalOnMatch: false },
      },
      summary: 'Added the funding source "GIZ"',
    },
    {
      name: 'funder.update',
      command: {
        type: 'funder.update',
        id: 'fu-gov',
        patch: { status: 'confirmed', ceiling: 900000, conditionalOnMatch: false },
      },
      summary: 'Edited the funding source "Ministry of Labour": status, ceiling',
    },
    {
      name: 'funder.delete (unused)',
      command: { type: 'funder.delete', id: 'fu-ret' },
      summary: 'Deleted the funding source "Returnees"',
    },
    {
      name: 'funder.move',
      command: { type: 'funder.move', id: 'main-donor', index: 9 },
      summary: 'Moved the funding source "Main donor" to position 4',
    },
    {
      name: 'programme.update (communities, inflation)',
      command: { type: 'programme.update', patch: { communities: 15, inflation: '0.035' } },
      summary: 'Edited programme settings: communities, inflation',
    },
    {
      name: 'programme.update (reporting currency: its lines follow)',
      command: { type: 'programme.update', patch: { reportingCurrency: 'GBP' } },
      summary: 'Edited programme settings: reporting currency',
    },
    {
      name: 'line.update (driver kind, funding split, currency, beneficiaries)',
      command: {
        type: 'line.update',
        id: 'com-b',
        patch: {
          driver: { kind: 'perCommunity', quantity: '4', schedule: 'once', start: 6, end: 6 },
          funding: [
            { funderId: 'fu-muni', share: '0.5' },
            { funderId: 'main-donor', share: '0.5' },
          ],
          currency: 'XOF',
          beneficiariesPerUnit: '30',
          nonMigrantShare: '0.6',
        },
      },
      summary:
        'Edited "Community dialogue sessions": currency, funding split, beneficiaries per unit, non-migrant share, quantity driver',
    },
    {
      name: 'line.update (driver parameters)',
      command: {
        type: 'line.update',
        id: 'ind-arr',
        patch: {
          driver: {
            kind: 'perArrival',
            quantity: '1',
            profileIds: ['pr-adult', 'pr-family'],
            takeUp: '0.8',
            offset: 0,
            start: 1,
            end: 30,
          },
        },
      },
      summary: 'Edited "Arrival kit": take-up, offset, profiles',
    },
    {
      name: 'line.delete (removes it from a percentage base)',
      command: { type: 'line.delete', id: 'com-a' },
      summary: 'Deleted "Community project" from the community level (and from the base of 1 percentage line)',
    },
    {
      name: 'line.add (percentage line)',
      command: {
        type: 'line.add',
        id: newId(),
        level: 'support',
        fields: fields({
          name: 'Audit',
          driver: {
            kind: 'percentage',
            rate: '0.01',
            levels: ['individual', 'community', 'structural'],
            lineIds: [],
            start: 36,
            end: 36,
          },
        }),
      },
      summary: 'Added "Audit" to the programme support level',
    },
  ];

  for (const c of cases) {
    it(`round-trips ${c.name}: undo restores the exact model, redo the exact changed one`, () => {
      const { s, file } = openFull();
      const before = s.snapshot();
      const after = commandOf(s, c.command);
      expect(modelText(after.model)).not.toBe(modelText(before.model));
      expect(after.info.undoSummary).toBe(c.summary);

      const undone = undoOf(s);
      expect(modelText(undone.model)).toBe(modelText(before.model));
      const redone = redoOf(s);
      expect(modelText(redone.model)).toBe(modelText(after.model));

      // The file agrees with memory after redo, and after a final undo.
      s.close();
      const check = service();
      expect(modelText(check.open(file).model)).toBe(modelText(after.model));
      check.close();
      const s2 = service();
      s2.open(file);
      expect(
        s2
          .changeLog()
          .map((e) => e.summary)
          .slice(0, 3),
      ).toEqual([`Redid: ${c.summary}`, `Undid: ${c.summary}`, c.summary]);
    });
  }

  it('keeps positions dense after adds, deletes and moves of profiles and funders', () => {
    const { s } = openFull();
    commandOf(s, { type: 'profile.add', id: newId(), fields: profileFields({ name: 'Health needs', kind: 'health' }) });
    commandOf(s, { type: 'profile.move', id: 'pr-vot', index: 0 });
    commandOf(s, { type: 'profile.delete', id: 'pr-vot' });
    commandOf(s, { type: 'funder.move', id: 'fu-ret', index: 1 });
    const snap = commandOf(s, { type: 'funder.delete', id: 'fu-ret' });
    expect(snap.model.profiles.map((p) => [p.name, p.position])).toEqual([
      ['Adults travelling alone', 0],
      ['Families', 1],
      ['Health needs', 2],
    ]);
    expect(snap.model.funders.map((f) => [f.id, f.position])).toEqual([
      ['main-donor', 0],
      ['fu-gov', 1],
      ['fu-muni', 2],
    ]);
  });

  it('changing the reporting currency moves its lines along; local-currency lines stay', () => {
    const { s } = openFull();
    const snap = commandOf(s, { type: 'programme.update', patch: { reportingCurrency: 'GBP' } });
    expect(lineOf(snap, 'ind-a').currency).toBe('GBP');
    expect(lineOf(snap, 'ind-case').currency).toBe('XOF');
    expect(undoOf(s).model.lines.find((l) => l.id === 'ind-a')?.currency).toBe('EUR');
  });

  it('records nothing for commands that change nothing', () => {
    const { s, file } = openFull();
    const bytes = sha256(file);
    commandOf(s, { type: 'profile.update', id: 'pr-adult', patch: { arrivals: 240 } });
    commandOf(s, { type: 'profile.move', id: 'pr-adult', index: 0 });
    commandOf(s, { type: 'currency.put', currency: { code: 'XOF', rates: ['655.957', '660'], inflation: '0.03' } });
    commandOf(s, { type: 'funder.update', id: 'fu-gov', patch: { name: 'Ministry of Labour' } });
    commandOf(s, { type: 'funder.move', id: 'fu-ret', index: 3 });
    expect(s.snapshot().info.revision).toBe(0);
    expect(sha256(file)).toBe(bytes);
  });
});

describe('percentage bases stay whole when a line is deleted', () => {
  it('removes the line from every base in the same command; one undo restores both', () => {
    const { s, file } = openFull();
    // sup-me (support, position 1) counts com-a and com-proj; make a second percentage line count com-a too,
    // and make sup-me also count sup-case, which sits before it in the same level.
    commandOf(s, {
      type: 'line.add',
      id: newId(),
      level: 'structural',
      fields: fields({
        name: 'Coordination share',
        driver: { kind: 'percentage', rate: '0.02', levels: [], lineIds: ['com-a', 'ind-a'], start: 1, end: 36 },
      }),
    });
    commandOf(s, {
      type: 'line.update',
      id: 'sup-me',
      patch: {
        driver: {
          kind: 'percentage',
          rate: '0.05',
          levels: ['individual'],
          lineIds: ['sup-case', 'com-a', 'com-proj'],
          start: 1,
          end: 36,
        },
      },
    });
    const before = s.snapshot();

    let snap = commandOf(s, { type: 'line.delete', id: 'com-a' });
    expect(snap.info.undoSummary).toBe(
      'Deleted "Community project" from the community level (and from the base of 2 percentage lines)',
    );
    const share = snap.model.lines.find((l) => l.name === 'Coordination share');
    expect(share?.driver).toMatchObject({ lineIds: ['ind-a'] });
    expect(lineOf(snap, 'sup-me').driver).toMatchObject({ lineIds: ['sup-case', 'com-proj'] });

    // A referenced line of the same level: its deletion renumbers AND cleans the base in one row change.
    snap = commandOf(s, { type: 'line.delete', id: 'sup-case' });
    expect(lineOf(snap, 'sup-me')).toMatchObject({ position: 0, driver: { lineIds: ['com-proj'] } });
    const afterDeletes = snap;

    undoOf(s);
    snap = undoOf(s);
    expect(modelText(snap.model)).toBe(modelText(before.model));
    snap = redoOf(s);
    snap = redoOf(s);
    expect(modelText(snap.model)).toBe(modelText(afterDeletes.model));
    s.close();
    expect(modelText(service().open(file).model)).toBe(modelText(afterDeletes.model));
  });
});

describe('refusals save nothing: the file is byte-for-byte unchanged', () => {
  const bad: { name: string; command: Command; field: string; code: string; message?: RegExp }[] = [
    {
      name: 'a funding share above 100 %',
      command: { type: 'line.update', id: 'ind-arr', patch: { funding: [{ funderId: 'main-donor', share: '1.5' }] } },
      field: 'funding.0.share',
      code: 'share.range',
      message: /^The funding share must be between 0 % and 100 %\. Nothing was saved\.$/,
    },
    {
      name: 'a split naming an unknown funding source',
      command: { type: 'line.update', id: 'ind-arr', patch: { funding: [{ funderId: 'nobody', share: '1' }] } },
      field: 'funding.0.funderId',
      code: 'funder.notFound',
      message: /^The funding source is not a funding source of this programme/,
    },
    {
      name: 'a split naming a source twice',
      command: {
        type: 'line.update',
        id: 'ind-arr',
        patch: {
          funding: [
            { funderId: 'fu-gov', share: '0.5' },
            { funderId: 'fu-gov', share: '0.5' },
          ],
        },
      },
      field: 'funding.1.funderId',
      code: 'list.duplicate',
    },
    {
      name: 'a currency that is not defined',
      command: { type: 'line.update', id: 'ind-a', patch: { currency: 'GNF' } },
      field: 'currency',
      code: 'currency.undefined',
      message: /^The currency GNF is neither the reporting currency nor a local currency of this programme/,
    },
    {
      name: 'a driver naming an unknown profile',
      command: {
        type: 'line.update',
        id: 'ind-a',
        patch: {
          driver: { kind: 'perActiveCase', quantity: '1', profileIds: ['pr-adult', 'ghost'], start: 1, end: 12 },
        },
      },
      field: 'driver.profileIds.1',
      code: 'profile.notFound',
    },
    {
      name: 'a take-up above 100 %',
      command: {
        type: 'line.update',
        id: 'ind-arr',
        patch: {
          driver: { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '1.2', offset: 0, start: 1, end: 12 },
        },
      },
      field: 'driver.takeUp',
      code: 'share.range',
      message: /^The take-up share must be between 0 % and 100 %/,
    },
    {
      name: 'a staffing maximum below its minimum',
      command: {
        type: 'line.update',
        id: 'sup-case',
        patch: { driver: { kind: 'staffing', casesPerStaff: '30', min: 4, max: 2, profileIds: [], start: 1, end: 36 } },
      },
      field: 'driver.max',
      code: 'staffing.maxBelowMin',
      message: /^The maximum staff cannot be below the minimum staff\./,
    },
    {
      name: 'zero cases per staff member',
      command: {
        type: 'line.update',
        id: 'sup-case',
        patch: {
          driver: { kind: 'staffing', casesPerStaff: '0', min: 0, max: null, profileIds: [], start: 1, end: 36 },
        },
      },
      field: 'driver.casesPerStaff',
      code: 'number.positive',
    },
    {
      name: 'a percentage line counting itself',
      command: {
        type: 'line.update',
        id: 'sup-me',
        patch: {
          driver: { kind: 'percentage', rate: '0.05', levels: [], lineIds: ['com-a', 'sup-me'], start: 1, end: 36 },
        },
      },
      field: 'driver.lineIds.1',
      code: 'line.self',
      message: /^A base line cannot be the line itself/,
    },
    {
      name: 'a percentage base naming an unknown line',
      command: {
        type: 'line.update',
        id: 'sup-me',
        patch: { driver: { kind: 'percentage', rate: '0.05', levels: [], lineIds: ['gone'], start: 1, end: 36 } },
      },
      field: 'driver.lineIds.0',
      code: 'line.notFound',
    },
    ...ALL_DRIVERS.map((d) => ({
      name: `a ${d.kind} window past the programme`,
      command: { type: 'line.update', id: 'ind-c', patch: { driver: { ...d, start: 3, end: 40 } } } as Command,
      field: 'driver.end',
      code: 'window.outside',
      message: /^The last month falls outside the programme, which runs from month 1 to month 36\./,
    })),
    {
      name: 'a per-community "once" month past the programme',
      command: {
        type: 'line.update',
        id: 'ind-c',
        patch: { driver: { kind: 'perCommunity', quantity: '1', schedule: 'once', start: 37, end: 37 } },
      },
      field: 'driver.start',
      code: 'window.outside',
    },
    {
      name: 'a profile whose arrivals end before they start',
      command: { type: 'profile.add', id: newId(), fields: profileFields({ arrivalStart: 10, arrivalEnd: 4 }) },
      field: 'arrivalEnd',
      code: 'window.endBeforeStart',
      message: /^The last arrival month cannot be before the first month\./,
    },
    {
      name: 'a profile arriving after the programme',
      command: { type: 'profile.update', id: 'pr-adult', patch: { arrivalEnd: 48 } },
      field: 'arrivalEnd',
      code: 'window.outside',
    },
    {
      name: 'a household of zero persons',
      command: { type: 'profile.update', id: 'pr-family', patch: { personsPerUnit: '0' } },
      field: 'personsPerUnit',
      code: 'number.positive',
      message: /^The number of persons per household must be greater than zero\./,
    },
    {
      name: 'a profile without a name',
      command: { type: 'profile.update', id: 'pr-family', patch: { name: '  ' } },
      field: 'name',
      code: 'text.required',
    },
    {
      name: 'a local currency equal to the reporting currency',
      command: { type: 'currency.put', currency: { code: 'EUR', rates: ['1'], inflation: '0' } },
      field: 'code',
      code: 'currency.duplicate',
      message:
        /^The currency code cannot be EUR: a currency cannot be both the reporting currency and a local currency\./,
    },
    {
      name: 'a reporting currency that is a local currency',
      command: { type: 'programme.update', patch: { reportingCurrency: 'XOF' } },
      field: 'reportingCurrency',
      code: 'currency.duplicate',
    },
    {
      name: 'a local currency without a rate',
      command: { type: 'currency.put', currency: { code: 'GNF', rates: [], inflation: '0' } },
      field: 'rates',
      code: 'rates.required',
    },
    {
      name: 'a zero exchange rate',
      command: { type: 'currency.put', currency: { code: 'GNF', rates: ['9000', '0'], inflation: '0' } },
      field: 'rates.1',
      code: 'number.positive',
      message: /^An exchange rate must be greater than zero\./,
    },
    {
      name: 'inflation of -100 % or less',
      command: { type: 'currency.put', currency: { code: 'GNF', rates: ['9000'], inflation: '-1.5' } },
      field: 'inflation',
      code: 'inflation.range',
    },
    {
      name: 'a negative funder ceiling',
      command: {
        type: 'funder.add',
        id: newId(),
        fields: { name: 'X', type: 'donor', status: 'confirmed', ceiling: -1, conditionalOnMatch: false },
      },
      field: 'ceiling',
      code: 'number.negative',
      message: /^The ceiling cannot be negative\./,
    },
    {
      name: 'a funder without a name',
      command: { type: 'funder.update', id: 'fu-gov', patch: { name: '' } },
      field: 'name',
      code: 'text.required',
    },
    {
      name: 'a negative number of communities',
      command: { type: 'programme.update', patch: { communities: -2 } },
      field: 'communities',
      code: 'number.negative',
      message: /^The number of communities cannot be negative\./,
    },
  ];

  for (const b of bad) {
    it(`refuses ${b.name} (${b.field}: ${b.code})`, () => {
      const { s, file } = openFull();
      const bytes = sha256(file);
      const before = s.snapshot();
      const err = failure(() => commandOf(s, b.command));
      expect(err.code).toBe('validation');
      expect(err.fields).toMatchObject({ [b.field]: b.code });
      expect(err.message).toMatch(/Nothing was saved\.$/);
      if (b.message) expect(err.message).toMatch(b.message);
      expect(sha256(file)).toBe(bytes);
      const after = s.snapshot();
      expect(modelText(after.model)).toBe(modelText(before.model));
      expect(after.info).toMatchObject({ revision: 0, canUndo: false });
    });
  }

  it('saves a funding split that does not add up to 100 % (a check finding, not a refusal)', () => {
    const { s, file } = openFull();
    const split = [
      { funderId: 'main-donor', share: '0.5' },
      { funderId: 'fu-gov', share: '0.2' },
    ];
    const snap = commandOf(s, { type: 'line.update', id: 'ind-arr', patch: { funding: split } });
    expect(lineOf(snap, 'ind-arr').funding).toEqual(split);
    s.close();
    expect(lineOf(service().open(file), 'ind-arr').funding).toEqual(split);
  });

  it('refuses to shorten the programme past a profile’s arrivals', () => {
    const model = fullModel();
    model.lines = model.lines.map((l) => ({ ...l, driver: { ...l.driver, start: 1, end: 12 } }) as BudgetLine);
    const { s, file } = openFull(model);
    const bytes = sha256(file);
    const err = failure(() => commandOf(s, { type: 'programme.update', patch: { durationMonths: 20 } }));
    expect(err.fields).toEqual({ durationMonths: 'duration.profilesOutside' });
    expect(err.message).toBe(
      'The programme cannot be shortened to 20 months: 2 returnee profiles have arrivals past month 20. Shorten or move those profiles first. Nothing was saved.',
    );
    expect(sha256(file)).toBe(bytes);
    expect(
      commandOf(s, { type: 'programme.update', patch: { durationMonths: 24 } }).model.programme.durationMonths,
    ).toBe(24);
  });

  it('refuses unknown ids with notFound', () => {
    const { s, file } = openFull();
    const bytes = sha256(file);
    for (const command of [
      { type: 'profile.update', id: 'nope', patch: { arrivals: 1 } },
      { type: 'profile.delete', id: 'nope' },
      { type: 'profile.move', id: 'nope', index: 0 },
      { type: 'currency.delete', code: 'JPY' },
      { type: 'funder.update', id: 'nope', patch: { name: 'x' } },
      { type: 'funder.delete', id: 'nope' },
      { type: 'funder.move', id: 'nope', index: 0 },
    ] satisfies Command[]) {
      expect(failure(() => commandOf(s, command)).code, command.type).toBe('notFound');
    }
    expect(sha256(file)).toBe(bytes);
  });
});

describe('deleting what a line uses is refused, naming how many lines and the first', () => {
  const cases: { command: Command; field: string; code: string; message: string }[] = [
    {
      command: { type: 'profile.delete', id: 'pr-adult' },
      field: 'id',
      code: 'profile.inUse',
      message:
        'The returnee profile "Adults travelling alone" cannot be deleted: 3 budget lines use it, the first being "Arrival kit". Remove it from the quantity driver of those lines first. Nothing was changed.',
    },
    {
      command: { type: 'funder.delete', id: 'fu-muni' },
      field: 'id',
      code: 'funder.inUse',
      message:
        'The funding source "Municipality" cannot be deleted: 1 budget line uses it ("Community dialogue per community"). Remove it from the funding split of that line first. Nothing was changed.',
    },
    {
      command: { type: 'currency.delete', code: 'XOF' },
      field: 'code',
      code: 'currency.inUse',
      message:
        'The local currency XOF cannot be deleted: 1 budget line uses it ("Case management"). Enter that line in another currency first. Nothing was changed.',
    },
  ];
  for (const c of cases) {
    it(`${c.command.type}: ${c.code}`, () => {
      const { s, file } = openFull();
      const bytes = sha256(file);
      const err = failure(() => commandOf(s, c.command));
      expect(err.code).toBe('validation');
      expect(err.fields).toEqual({ [c.field]: c.code });
      expect(err.message).toBe(c.message);
      expect(sha256(file)).toBe(bytes);
      expect(s.snapshot().info.revision).toBe(0);
    });
  }

  it('allows the delete once no line uses it', () => {
    const { s } = openFull();
    commandOf(s, { type: 'line.update', id: 'ind-case', patch: { currency: 'EUR' } });
    const snap = commandOf(s, { type: 'currency.delete', code: 'XOF' });
    expect(snap.model.currencies.map((c) => c.code)).toEqual(['USD']);
  });
});

describe('writeModelToFile refuses a model the commands would refuse', () => {
  const broken: [string, (m: Model) => void, RegExp][] = [
    [
      'an unknown profile',
      (m) =>
        void ((m.lines[0] as BudgetLine).driver = {
          kind: 'perActiveCase',
          quantity: '1',
          profileIds: ['pr-adult', 'ghost'],
          start: 1,
          end: 9,
        }),
      /driver.profileIds.1 profile.notFound/,
    ],
    ['an undefined currency', (m) => void ((m.lines[0] as BudgetLine).currency = 'JPY'), /currency currency.undefined/],
    [
      'a local currency equal to the reporting one',
      (m) => void m.currencies.push({ code: 'EUR', rates: ['1'], inflation: '0' }),
      /reporting currency/,
    ],
    [
      'an id used twice across tables',
      (m) => void ((m.funders[0] as Model['funders'][number]).id = 'pr-adult'),
      /duplicate id pr-adult/,
    ],
    [
      'a profile outside the programme',
      (m) => void ((m.profiles[0] as Model['profiles'][number]).arrivalEnd = 99),
      /arrivalEnd window.outside/,
    ],
  ];
  it.each(broken)('%s', (_label, mutate, message) => {
    const model = fullModel();
    mutate(model);
    const file = path.join(tempDir(), 'x.rcs');
    expect(() => writeModelToFile(file, model)).toThrow(message);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('performance', () => {
  it('opens a 10,000-line file with every kind of driver well under a second', () => {
    const base = fullModel();
    const lines: BudgetLine[] = [];
    for (let i = 0; i < 10_000; i++) {
      const level = LEVELS[i % 4] ?? 'individual';
      const d = ALL_DRIVERS[i % ALL_DRIVERS.length] as Driver;
      const driver = d.kind === 'percentage' ? { ...d, lineIds: i > 0 ? [`L${i - 1}`] : [] } : d;
      lines.push(
        line(`L${i}`, level, Math.floor(i / 4), {
          name: `Line number ${i} — ${'x'.repeat(40)}`,
          unitCost: 1000 + i,
          driver,
          currency: i % 3 === 0 ? 'XOF' : 'EUR',
          funding:
            i % 2 === 0
              ? [
                  { funderId: 'fu-gov', share: '0.5' },
                  { funderId: 'main-donor', share: '0.5' },
                ]
              : [],
          justification: `Justification ${i}: ${'lorem ipsum '.repeat(8)}`,
        }),
      );
    }
    const dir = tempDir();
    const file = path.join(dir, 'Big.rcs');
    writeModelToFile(file, { ...base, lines });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = service();
      const t0 = performance.now();
      const snap = s.open(file, { readOnly: i % 2 === 0 });
      times.push(performance.now() - t0);
      expect(snap.model.lines.length).toBe(10_000);
      s.close();
    }
    const median = [...times].sort((a, b) => a - b)[1] as number;
    expect(median).toBeLessThan(1000);
  });
});
