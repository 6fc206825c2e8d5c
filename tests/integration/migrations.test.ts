/**
 * Migrations: the committed fixture of every released schema opens with the right content and
 * computes the totals recorded when it was written, an older file is backed up before it is
 * migrated, and a failed migration leaves the file as it was.
 *
 * schema-v1.rcs (issue 2) migrates to v2: its v1 content plus the v2 defaults (communities 0,
 * inflation 0, lines in the reporting currency funded by the main donor, no beneficiaries; no
 * profiles, no local currencies, one "Main donor" funding source).
 * schema-v2.rcs (issue 3) holds the whole of model v2 for the versions after it.
 * schema-v3.rcs (issue 6) holds the same model, edited, with its structured change log.
 * schema-v4.rcs (issue 9) adds partner programmes and a synergy of every type.
 * schema-v5.rcs (issue 10) adds two scenarios that override something of every kind, and two
 * uncertainty ranges; the totals of each scenario are recorded with the baseline's.
 * schema-v6.rcs (issue 12) is the v5 fixture with every donor rule setting away from its default:
 * its indirect costs are computed on direct + contingency, so they are higher than v5's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../src-shared/api';
import { compute, resolveScenario } from '../../src-shared/engine';
import { DRIVER_KINDS, type Model, NO_OUTPUTS, SYNERGY_TYPES } from '../../src-shared/model';
import { APPLICATION_ID, CURRENT_SCHEMA_VERSION, type Migration, MIGRATIONS, runMigrations } from '../../src-main/db';
import { DocumentService, writeModelToFile } from '../../src-main/documents';
import { fixtureTotals, fixtureTotalsV6, fixtureTotalsWithScenarios } from './build-fixtures';
import {
  closeServices,
  failure,
  listDir,
  modelText,
  service as newService,
  sha256,
  smallModel,
  tempDir,
} from './helpers';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

function service(migrations?: readonly Migration[]): DocumentService {
  return newService(migrations ? { migrations } : {});
}

function copyFixture(name: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'Old budget.rcs');
  fs.copyFileSync(path.join(fixtures, name), file);
  return { dir, file };
}

const [v1, v2] = MIGRATIONS;
if (!v1 || !v2) throw new Error('no v1 or v2 migration');

/** A test-only version after the current one: adds a table. */
const NEXT = MIGRATIONS.length + 1;
const fakeNext: Migration = {
  version: NEXT,
  description: 'test: comments table',
  tables: ['comment'],
  up: (db) => db.exec(`CREATE TABLE comment (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT`),
};
const failingV2: Migration = {
  version: 2,
  description: 'test: fails half-way',
  tables: [],
  up: (db) => {
    db.exec(`CREATE TABLE half_done (a TEXT) STRICT`);
    throw new Error('boom');
  },
};
const failingV3: Migration = { ...failingV2, version: 3 };

const MAIN_DONOR = {
  id: 'main-donor',
  position: 0,
  name: 'Main donor',
  type: 'donor',
  status: 'confirmed',
  ceiling: null,
};

/** The model a v1 file holds after migration to v2: its v1 content plus the v2 defaults. */
function migratedV1(v1Model: Model): Model {
  return withV6Defaults({
    programme: { ...v1Model.programme, communities: 0, inflation: '0' },
    lines: v1Model.lines.map((l) => ({
      ...l,
      currency: v1Model.programme.reportingCurrency,
      funding: [],
      beneficiariesPerUnit: '0',
      nonMigrantShare: '0',
      outputs: { ...NO_OUTPUTS },
    })),
    profiles: [],
    currencies: [],
    funders: [MAIN_DONOR as Model['funders'][number]],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  });
}

/**
 * What the v6 migration adds to a model written before it: the base 'direct' (an EU file keeps the
 * totals it was written with; a US file computes on MTDC, which equal its direct eligible cost
 * while no line is excluded), an EU grant, no award date, no NICRA; no MTDC exclusion on any line
 * (a scenario's own lines included); no source conditional on match.
 */
function withV6Defaults(m: Model): Model {
  const line = <L extends Model['lines'][number]>(l: L): L => ({ ...l, mtdcExclusion: 'none' });
  return {
    ...m,
    programme: {
      ...m.programme,
      indirectBase: m.programme.donorProfile === 'US' ? 'mtdc' : 'direct',
      euAgreement: 'grant',
      usAwardDate: null,
      usNicra: null,
    },
    lines: m.lines.map(line),
    funders: m.funders.map((f) => ({ ...f, conditionalOnMatch: false })),
    scenarios: m.scenarios.map((sc) =>
      sc.overlay.addedLines ? { ...sc, overlay: { ...sc.overlay, addedLines: sc.overlay.addedLines.map(line) } } : sc,
    ),
  };
}

function readJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8')) as T;
}

describe('schema v1 fixture (tests/fixtures/schema-v1.rcs)', () => {
  /** The v1 model as the v1 app read it (frozen with the fixture). */
  const v1Expected = readJson<Model>('schema-v1.expected.json');
  const expected = migratedV1(v1Expected);

  it('is a real v1 file of ours', () => {
    const db = new Database(path.join(fixtures, 'schema-v1.rcs'), { readonly: true, fileMustExist: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThan(1);
  });

  it('is backed up, then migrated: its v1 content plus the new defaults, change log kept', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    const s = service();
    const snap = s.open(file);
    expect(snap.info.readOnly).toBe(false);
    expect(snap.info.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    // The backup holds the original bytes: it was made before anything was written.
    const backup = path.join(dir, 'Old budget.v1-backup.rcs');
    expect(snap.info.migratedFrom).toEqual({ version: 1, backupPath: backup });
    expect(sha256(backup)).toBe(original);
    expect(sha256(file)).not.toBe(original);

    expect(snap.model).toEqual(expected);
    expect(modelText(snap.model)).toBe(modelText(expected)); // same key order too
    expect(s.changeLog().map((e) => e.summary)).toEqual([
      'Edited "Soutien psychosocial": quantity',
      'Created the programme',
    ]);

    // Edits of the new kind work after opening, and survive a reopen.
    s.command({
      type: 'line.update',
      id: 'v1-ind-psy',
      patch: { unitCost: 4000, funding: [{ funderId: 'main-donor', share: '1' }] },
    });
    s.close();
    const again = service().open(file);
    expect(again.info.migratedFrom).toBeNull();
    expect(again.model.lines.find((l) => l.id === 'v1-ind-psy')).toMatchObject({
      unitCost: 4000,
      funding: [{ funderId: 'main-donor', share: '1' }],
    });
    expect(listDir(dir)).toEqual(['.~lock.Old budget.rcs#', 'Old budget.rcs', 'Old budget.v1-backup.rcs']);
  });

  it('stores the migrated drivers as JSON text in the rebuilt budget_line table', () => {
    const { file } = copyFixture('schema-v1.rcs');
    service().open(file);
    closeServices();
    const raw = new Database(file, { readonly: true });
    const row = raw.prepare(`SELECT driver, currency, funding FROM budget_line WHERE id = 'v1-ind-psy'`).get();
    expect(row).toEqual({
      driver: '{"kind":"fixed","quantity":"12.5","schedule":"monthly","start":2,"end":30}',
      currency: 'EUR',
      funding: '[]',
    });
    const columns = (raw.prepare(`SELECT name FROM pragma_table_info('budget_line')`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).not.toContain('quantity');
    expect(columns).toContain('driver');
    raw.close();
  });

  it('computes the same totals as when it was written (by the v1 engine)', () => {
    const { file } = copyFixture('schema-v1.rcs');
    const stored = readJson<unknown>('schema-v1.totals.json');
    const result = compute(service().open(file).model);
    expect({ totals: result.totals, byLevel: result.byLevel, byYear: result.byYear }).toEqual(stored);
    // By hand: 150000 x 240 + 3550 x 12.5 x 29 + 2500000 x 4 + 620000 x 30 (minor units).
    expect(result.totals.direct).toBe(65_886_875);
    expect(result.totals.contingency).toBe(1_615_000); // 2.5 % of the lines eligible for contingency
  });

  it('takes the reporting currency of the file for its lines', () => {
    const { file } = copyFixture('schema-v1.rcs');
    const raw = new Database(file);
    raw.prepare(`UPDATE programme SET reporting_currency = 'USD'`).run();
    raw.close();
    const snap = service().open(file);
    expect(new Set(snap.model.lines.map((l) => l.currency))).toEqual(new Set(['USD']));
  });

  it('opens read-only without writing anything (an older file is migrated in memory only)', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    const snap = service().open(file, { readOnly: true });
    expect(snap.info).toMatchObject({
      readOnly: true,
      readOnlyReason: 'requested',
      schemaVersion: 1,
      migratedFrom: null,
    });
    expect(snap.model).toEqual(expected);
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Old budget.rcs']);
  });
});

describe('schema v2 fixture (tests/fixtures/schema-v2.rcs)', () => {
  const expected = readJson<Model>('schema-v2.expected.json');
  const totalsFile = path.join(fixtures, 'schema-v2.totals.json');

  it('is a real v2 file of ours, with profiles, currencies, funders and every driver kind', () => {
    const db = new Database(path.join(fixtures, 'schema-v2.rcs'), { readonly: true, fileMustExist: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
    expect(new Set(expected.lines.map((l) => l.driver.kind))).toEqual(new Set(DRIVER_KINDS));
    expect(expected.profiles.length).toBeGreaterThan(0);
    expect(expected.currencies.length).toBeGreaterThan(0);
    expect(expected.funders.length).toBeGreaterThan(0);
  });

  it('opens with the expected content (migrated first only if it is older than the app)', () => {
    const { dir, file } = copyFixture('schema-v2.rcs');
    const original = sha256(file);
    const s = service();
    const snap = s.open(file);
    expect(snap.model).toMatchObject(expected);
    expect(snap.model.lines.map((l) => l.id)).toEqual(expected.lines.map((l) => l.id));
    expect(s.changeLog().map((e) => e.summary)).toEqual(['Added the local currency XOF', 'Created the programme']);
    // Rows written before v3 keep their English sentence, with no structure.
    expect(s.changeLog().map((e) => [e.kind, e.command, e.target, e.fields, e.omitted])).toEqual([
      [null, null, null, [], 0],
      [null, null, null, [], 0],
    ]);
    if (CURRENT_SCHEMA_VERSION > 2) {
      expect(snap.info.migratedFrom).toEqual({ version: 2, backupPath: path.join(dir, 'Old budget.v2-backup.rcs') });
    } else {
      expect(snap.model).toEqual(expected);
      expect(snap.info.migratedFrom).toBeNull();
      s.close();
      expect(sha256(file)).toBe(original);
      expect(listDir(dir)).toEqual(['Old budget.rcs']);
    }
  });

  // The totals are recorded by `npx tsx tests/integration/build-fixtures.ts --totals` once the
  // engine computes every driver; from then on they must never move.
  it.skipIf(!fs.existsSync(totalsFile))('computes the same totals as when it was written', () => {
    const { file } = copyFixture('schema-v2.rcs');
    const stored = readJson<unknown>('schema-v2.totals.json');
    expect(fixtureTotals(service().open(file).model)).toEqual(stored);
  });
});

describe('schema v3 fixture (tests/fixtures/schema-v3.rcs)', () => {
  const expected = readJson<Model>('schema-v3.expected.json');

  it('is a real v3 file of ours whose change log is structured', () => {
    const db = new Database(path.join(fixtures, 'schema-v3.rcs'), { readonly: true, fileMustExist: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
    const { dir, file } = copyFixture('schema-v3.rcs');
    const s = service();
    const snap = s.open(file);
    // Migrated (backup first): the same model, with no partner, no synergy, no output recorded.
    expect(snap.model).toEqual(
      withV6Defaults({
        ...expected,
        lines: expected.lines.map((l) => ({ ...l, outputs: { ...NO_OUTPUTS } })),
        partners: [],
        synergies: [],
        scenarios: [],
        ranges: [],
      }),
    );
    expect(snap.info.migratedFrom).toEqual({ version: 3, backupPath: path.join(dir, 'Old budget.v3-backup.rcs') });
    const log = s.changeLog();
    expect(log.map((e) => [e.kind, e.command, e.target])).toEqual([
      ['redo', 'line.delete', 'Medical referral fund'],
      ['undo', 'line.delete', 'Medical referral fund'],
      ['command', 'line.delete', 'Medical referral fund'],
      ['command', 'line.move', 'Community radio slots'],
      ['command', 'currency.put', 'XOF'],
      ['command', 'line.update', 'Reintegration package'],
      ['create', null, null],
    ]);
    expect(log[5]?.fields).toEqual([
      {
        table: 'line',
        id: 'v2-ind-package',
        row: 'Reintegration package (revised)',
        field: 'name',
        before: 'Reintegration package',
        after: 'Reintegration package (revised)',
      },
      {
        table: 'line',
        id: 'v2-ind-package',
        row: 'Reintegration package (revised)',
        field: 'unitCost',
        before: 1000000,
        after: 185000,
      },
    ]);
    // Undo records the values going back.
    expect(log[1]?.fields).toEqual([
      {
        table: 'line',
        id: 'v2-ind-fixed',
        row: 'Medical referral fund',
        field: null,
        before: null,
        after: 'Medical referral fund',
      },
    ]);
  });

  it('computes the same totals as when it was written', () => {
    const { file } = copyFixture('schema-v3.rcs');
    expect(fixtureTotals(service().open(file).model)).toEqual(readJson<unknown>('schema-v3.totals.json'));
  });
});

describe('schema v4 fixture (tests/fixtures/schema-v4.rcs)', () => {
  const expected = readJson<Model>('schema-v4.expected.json');

  it('is a real v4 file of ours, with partners and a synergy of every type', () => {
    const db = new Database(path.join(fixtures, 'schema-v4.rcs'), { readonly: true, fileMustExist: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    db.close();
    expect(new Set(expected.synergies.map((x) => x.effect.type))).toEqual(new Set(SYNERGY_TYPES));
    expect(expected.partners.map((p) => p.id)).toEqual(['v4-pa-ngo', 'v4-pa-jobs', 'v4-pa-state']);
  });

  it('opens with the expected content; deleting a targeted line took it out of the synergy, undoably', () => {
    const { dir, file } = copyFixture('schema-v4.rcs');
    const original = sha256(file);
    const s = service();
    const snap = s.open(file);
    if (CURRENT_SCHEMA_VERSION === 4) {
      expect(snap.model).toEqual(expected);
      expect(snap.info.migratedFrom).toBeNull();
    } else if (CURRENT_SCHEMA_VERSION === 5) {
      // Migrated to v5 (backup first): the same model, with no scenario and no uncertainty range.
      expect(snap.model).toEqual({ ...expected, scenarios: [], ranges: [] });
    } else if (CURRENT_SCHEMA_VERSION === 6) {
      expect(snap.model).toEqual(withV6Defaults({ ...expected, scenarios: [], ranges: [] }));
      expect(snap.info.migratedFrom).toEqual({ version: 4, backupPath: path.join(dir, 'Old budget.v4-backup.rcs') });
      expect(snap.info.migratedFrom).toEqual({ version: 4, backupPath: path.join(dir, 'Old budget.v4-backup.rcs') });
    } else {
      expect(snap.model).toMatchObject(expected);
    }
    expect(snap.model.synergies.find((x) => x.id === 'v4-sy-sharing')?.lineIds).toEqual([]);
    expect(s.changeLog().map((e) => [e.kind, e.command, e.target])).toEqual([
      ['redo', 'line.delete', 'Coordination meetings'],
      ['undo', 'line.delete', 'Coordination meetings'],
      ['command', 'line.delete', 'Coordination meetings'],
      ['command', 'partner.move', 'Women’s cooperative'],
      ['command', 'partner.add', 'Women’s cooperative'],
      ['command', 'synergy.update', 'Co-financing of the dialogue'],
      ['create', null, null],
    ]);
    if (CURRENT_SCHEMA_VERSION === 4) {
      s.close();
      expect(sha256(file)).toBe(original);
      expect(listDir(dir)).toEqual(['Old budget.rcs']);
    }
  });

  it('computes the same totals and synergies as when it was written', () => {
    const { file } = copyFixture('schema-v4.rcs');
    expect(fixtureTotals(service().open(file).model, true)).toEqual(readJson<unknown>('schema-v4.totals.json'));
  });
});

describe('schema v5 fixture (tests/fixtures/schema-v5.rcs)', () => {
  const expected = readJson<Model>('schema-v5.expected.json');

  it('is a real v5 file of ours, with two scenarios that override something of every kind, and two ranges', () => {
    const db = new Database(path.join(fixtures, 'schema-v5.rcs'), { readonly: true, fileMustExist: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    db.close();
    // The v4 fixture's model, under its own title, with scenarios and ranges.
    const v4 = readJson<Model>('schema-v4.expected.json');
    const { programme, scenarios, ranges, ...rest } = expected;
    const { programme: v4Programme, scenarios: _s, ranges: _r, ...v4Rest } = v4;
    expect(rest).toEqual(v4Rest);
    expect({ ...programme, title: '', notes: '' }).toEqual({ ...v4Programme, title: '', notes: '' });
    expect(scenarios.map((x) => [x.id, x.position, x.name])).toEqual([
      ['v5-sc-lean', 0, 'Leaner delivery'],
      ['v5-sc-low', 1, 'Fewer arrivals, weaker franc'],
    ]);
    const [lean, low] = scenarios.map((x) => x.overlay);
    expect(Object.keys(low?.profiles ?? {})).toEqual(['v2-pr-adult', 'v2-pr-child']);
    expect(low?.profiles?.['v2-pr-child']?.monthly).toHaveLength(10);
    expect(Object.keys(low?.currencies?.['XOF'] ?? {})).toEqual(['rates', 'inflation']);
    expect(Object.keys(low?.programme ?? {})).toEqual(['indirectRate', 'contingencyRate', 'inflation']);
    expect(lean?.lines).toMatchObject({
      'v2-ind-psy': { unitCost: 80000 },
      'v2-com-dialogue': { driver: { kind: 'perCommunity' } },
      'v2-com-monthly': { off: true },
    });
    expect(lean?.addedLines?.map((l) => l.id)).toEqual(['v5-sup-survey']);
    expect(lean?.synergies).toEqual({
      'v4-sy-health': { effect: { type: 'publicService', share: '0.5', delayMonths: 2 } },
      'v4-sy-referral': { off: true },
    });
    expect(ranges).toEqual([
      { id: 'arrivals:v2-pr-adult', low: '0.75', likely: '1', high: '1.2' },
      { id: 'exchangeRate:GNF', low: '0.9', likely: '1', high: '1.35' },
    ]);
  });

  it('opens with the expected content; every scenario resolves with nothing missing', () => {
    const { dir, file } = copyFixture('schema-v5.rcs');
    const original = sha256(file);
    const s = service();
    const snap = s.open(file);
    if (CURRENT_SCHEMA_VERSION === 5) {
      expect(snap.model).toEqual(expected);
      expect(modelText(snap.model)).toBe(modelText(expected)); // same key order too
      expect(snap.info.migratedFrom).toBeNull();
    } else {
      // Migrated to v6 (backup first): the same model with the v6 defaults, key order included.
      expect(snap.model).toEqual(withV6Defaults(expected));
      expect(modelText(snap.model)).toBe(modelText(withV6Defaults(expected)));
      expect(snap.info.migratedFrom).toEqual({ version: 5, backupPath: path.join(dir, 'Old budget.v5-backup.rcs') });
    }
    for (const sc of snap.model.scenarios) expect(resolveScenario(snap.model, sc.overlay).missing, sc.id).toEqual([]);
    const log = s.changeLog().map((e) => [e.kind, e.command, e.target]);
    expect(log.slice(0, 4)).toEqual([
      ['command', 'range.put', 'exchangeRate:GNF'],
      ['command', 'range.put', 'arrivals:v2-pr-adult'],
      ['command', 'range.put', 'arrivals:v2-pr-adult'],
      ['command', 'scenario.move', 'Leaner delivery'],
    ]);
    expect(log.filter(([, command]) => command === 'scenario.edit' || command === 'scenario.setOff')).toHaveLength(12);
    expect(log.at(-1)).toEqual(['create', null, null]);
    if (CURRENT_SCHEMA_VERSION === 5) {
      s.close();
      expect(sha256(file)).toBe(original);
      expect(listDir(dir)).toEqual(['Old budget.rcs']);
    }
  });

  it('computes the same totals and synergies as when it was written, for the baseline and each scenario', () => {
    const { file } = copyFixture('schema-v5.rcs');
    const model = service().open(file).model;
    const stored = readJson<{ scenarios: Record<string, unknown> }>('schema-v5.totals.json');
    expect(fixtureTotalsWithScenarios(model)).toEqual(stored);
    expect(Object.keys(stored.scenarios)).toEqual(['v5-sc-lean', 'v5-sc-low']);
    // The baseline's part is what the v4 fixture records for the same model.
    const { scenarios: _scenarios, ...baseline } = stored;
    expect(baseline).toEqual(readJson<unknown>('schema-v4.totals.json'));
    // Each scenario computes something else than the baseline.
    for (const sc of model.scenarios) {
      expect(compute(resolveScenario(model, sc.overlay).model).totals.total, sc.id).not.toBe(
        compute(model).totals.total,
      );
    }
  });
});

describe('schema v6 fixture (tests/fixtures/schema-v6.rcs)', () => {
  const expected = readJson<Model>('schema-v6.expected.json');

  it('is a real v6 file of ours: the v5 model with every donor rule setting away from its default', () => {
    const db = new Database(path.join(fixtures, 'schema-v6.rcs'), { readonly: true, fileMustExist: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    db.close();
    expect(expected.programme).toMatchObject({
      indirectBase: 'directPlusContingency',
      euAgreement: 'contribution',
      usAwardDate: '2024-09-15',
      usNicra: { rate: '0.125', base: 'mtdc' },
    });
    const excluded = expected.lines.filter((l) => l.mtdcExclusion !== 'none').map((l) => [l.id, l.mtdcExclusion]);
    expect(excluded).toEqual([
      ['v2-ind-kit', 'equipment'],
      ['v2-com-project', 'subaward'],
    ]);
    expect(expected.funders.filter((f) => f.conditionalOnMatch).map((f) => f.id)).toEqual(['v2-fu-muni']);
    // Apart from them, the v5 fixture's model under another title.
    const v5 = withV6Defaults(readJson<Model>('schema-v5.expected.json'));
    const strip = (m: Model) => ({
      ...m,
      programme: {
        ...m.programme,
        title: '',
        notes: '',
        indirectBase: 'direct',
        euAgreement: 'grant',
        usAwardDate: null,
        usNicra: null,
      },
      lines: m.lines.map((l) => ({ ...l, mtdcExclusion: 'none' })),
      funders: m.funders.map((f) => ({ ...f, conditionalOnMatch: false })),
    });
    expect(strip(expected)).toEqual(strip(v5));
  });

  it('opens with the expected content, unmigrated, and the v6 edits are in its change log', () => {
    const { dir, file } = copyFixture('schema-v6.rcs');
    const original = sha256(file);
    const s = service();
    const snap = s.open(file);
    if (CURRENT_SCHEMA_VERSION === 6) {
      expect(snap.model).toEqual(expected);
      expect(modelText(snap.model)).toBe(modelText(expected)); // same key order too
      expect(snap.info.migratedFrom).toBeNull();
    } else {
      expect(snap.model).toMatchObject(expected);
    }
    expect(
      s
        .changeLog()
        .slice(0, 4)
        .map((e) => [e.command, e.target]),
    ).toEqual([
      ['funder.update', 'Municipality'],
      ['line.update', expected.lines.find((l) => l.id === 'v2-com-project')?.name],
      ['line.update', expected.lines.find((l) => l.id === 'v2-ind-kit')?.name],
      ['programme.update', null],
    ]);
    if (CURRENT_SCHEMA_VERSION === 6) {
      s.close();
      expect(sha256(file)).toBe(original);
      expect(listDir(dir)).toEqual(['Old budget.rcs']);
    }
  });

  it('computes the totals recorded when it was written: indirect costs on direct + contingency', () => {
    const { file } = copyFixture('schema-v6.rcs');
    const model = service().open(file).model;
    const stored = readJson<{ totals: { indirect: number; contingency: number } }>('schema-v6.totals.json');
    expect(fixtureTotalsV6(model)).toEqual(stored);
    // Against v5 (same lines, base 'direct'): the indirect costs grow by 7 % of the contingency.
    const v5 = readJson<{ totals: { indirect: number; contingency: number } }>('schema-v5.totals.json');
    expect(stored.totals.contingency).toBe(v5.totals.contingency);
    expect(stored.totals.indirect - v5.totals.indirect).toBe(Math.round(0.07 * v5.totals.contingency));
  });
});

describe('migrating an older file (with a test-only next version)', () => {
  it('copies the file to a backup beside it, then migrates, and reports migratedFrom once', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    const before = service().open(file, { readOnly: true }).model;
    closeServices();

    const s = service([...MIGRATIONS, fakeNext]);
    const snap = s.open(file);
    const backup = path.join(dir, 'Old budget.v1-backup.rcs');
    expect(snap.info).toMatchObject({
      schemaVersion: NEXT,
      migratedFrom: { version: 1, backupPath: backup },
      readOnly: false,
    });
    expect(sha256(backup)).toBe(original);
    expect(modelText(snap.model)).toBe(modelText(before));
    s.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(NEXT);
    expect(raw.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'comment'`).get()).toEqual({ n: 1 });
    raw.close();

    // A file of the next version opened by this app: newer, read-only, untouched.
    const newer = sha256(file);
    const old = service();
    expect(old.open(file).info).toMatchObject({ readOnly: true, readOnlyReason: 'newerVersion', schemaVersion: NEXT });
    old.close();
    expect(sha256(file)).toBe(newer);

    // Reopened by an app of the next version: no migration, no new backup.
    expect(service([...MIGRATIONS, fakeNext]).open(file).info.migratedFrom).toBeNull();
    expect(listDir(dir)).toEqual(['.~lock.Old budget.rcs#', 'Old budget.rcs', 'Old budget.v1-backup.rcs']);
  });

  it('never overwrites an earlier backup', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    fs.writeFileSync(path.join(dir, 'Old budget.v1-backup.rcs'), 'an earlier backup');
    const snap = service().open(file);
    expect(snap.info.migratedFrom?.backupPath).toBe(path.join(dir, 'Old budget.v1-backup-2.rcs'));
    expect(fs.readFileSync(path.join(dir, 'Old budget.v1-backup.rcs'), 'utf8')).toBe('an earlier backup');
  });

  it('a failing migration leaves the file exactly as it was, with no backup or lock left over', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    const refusal = failure(() => service([v1, failingV2]).open(file));
    expect(refusal.code).toBe('damaged');
    expect(refusal.message).toMatch(/could not be upgraded .* left exactly as it was/);
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Old budget.rcs']);
  });

  it('a later step failing after earlier ones committed: the original is restored from the backup', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    expect(() => service([v1, v2, failingV3]).open(file)).toThrow(ApiFailure);
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Old budget.rcs']);
  });

  it('an older file whose rows the model refuses: restored after migration, refused as damaged', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const raw = new Database(file);
    raw.prepare(`UPDATE budget_line SET quantity = '1,5' WHERE id = 'v1-ind-psy'`).run();
    raw.close();
    const original = sha256(file);
    expect(failure(() => service().open(file)).code).toBe('damaged');
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Old budget.rcs']);
  });

  it('read-only open of an older file migrates in memory: nothing written, no backup', () => {
    const { dir, file } = copyFixture('schema-v1.rcs');
    const original = sha256(file);
    const s = service([...MIGRATIONS, fakeNext]);
    const snap = s.open(file, { readOnly: true });
    expect(snap.info).toMatchObject({ readOnly: true, schemaVersion: 1, migratedFrom: null });
    // Save as writes a migrated editable copy.
    const copy = path.join(dir, 'Copy.rcs');
    const saved = s.saveAs(copy);
    expect(saved.info).toMatchObject({ readOnly: false, schemaVersion: NEXT });
    s.close();
    expect(sha256(file)).toBe(original);
    expect(listDir(dir)).toEqual(['Copy.rcs', 'Old budget.rcs']);
  });
});

describe('stored values the model refuses (hand-edited or damaged v2 files)', () => {
  it.each([
    ['a driver that is not JSON', `UPDATE budget_line SET driver = 'not json' WHERE id = 'ind-a'`, true],
    ['a driver of an unknown kind', `UPDATE budget_line SET driver = '{"kind":"magic"}' WHERE id = 'ind-a'`, false],
    [
      'a driver with a float quantity',
      `UPDATE budget_line SET driver = json_set(driver, '$.quantity', 0.1) WHERE id = 'ind-a'`,
      false,
    ],
    ['a funding share above 1', `UPDATE budget_line SET funding = '[{"funderId":"main-donor","share":"2"}]'`, false],
    ['a bad funder type', `UPDATE funder SET type = 'bank'`, false],
  ])('%s: refused as damaged, file untouched', (_label, sql, checkFails) => {
    const dir = tempDir();
    const file = path.join(dir, 'x.rcs');
    writeModelToFile(file, smallModel());
    const raw = new Database(file);
    if (checkFails) {
      // The CHECK (json_valid(...)) constraint refuses non-JSON text outright.
      expect(() => raw.prepare(sql).run()).toThrow(/CHECK constraint failed/);
      raw.close();
      return;
    }
    raw.prepare(sql).run();
    raw.close();
    const original = sha256(file);
    expect(failure(() => service().open(file)).code).toBe('damaged');
    expect(sha256(file)).toBe(original);
  });
});

describe('runMigrations', () => {
  it('runs each step in its own transaction and refuses a list out of order', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.rcs');
    writeModelToFile(file, smallModel());
    const db = new Database(file);
    expect(() => runMigrations(db, [fakeNext])).toThrow(/out of order/);
    expect(runMigrations(db, [...MIGRATIONS, fakeNext])).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(NEXT);
    expect(() => runMigrations(db, [v1, v2])).toThrow(/newer/);
    db.close();
  });

  it('a new file gets exactly the model written, and no migration default rows', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.rcs');
    const model = { ...smallModel(), funders: [] };
    writeModelToFile(file, model);
    const snap = service().open(file);
    expect(snap.model.funders).toEqual([]);
    expect(snap.info.migratedFrom).toBeNull();
  });
});
