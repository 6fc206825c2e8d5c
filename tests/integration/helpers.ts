/** Shared helpers for the integration tests: temp folders, services, hashes, small models. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { ApiFailure, type Command, type Delta, type Snapshot } from '../../src-shared/api';
import { applyWrites } from '../../src-shared/commands';
import type { BudgetLine, Level, LineFields, Model, ProfileFields } from '../../src-shared/model';
import { DocumentService, type DocumentServiceOptions, writeModelToFile } from '../../src-main/documents';

const made: string[] = [];
const services: DocumentService[] = [];

/** A fresh temp folder, removed after the current test. */
export function tempDir(prefix = 'rcs-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  closeServices();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A DocumentService (author "Tester" unless given), closed after the current test. */
export function service(options: DocumentServiceOptions = {}): DocumentService {
  const s = new DocumentService({ author: () => 'Tester', ...options });
  services.push(s);
  return s;
}

/** Closes every service made by service() so far (all are closed after each test anyway). */
export function closeServices(): void {
  for (const s of services.splice(0)) s.close();
}

/** A service as a person editing: named author, a clock one second further at every change. */
export function editor(author = 'Aïcha Diallo'): DocumentService {
  let tick = 0;
  return service({ author: () => author, now: () => new Date(Date.UTC(2026, 0, 1, 9, 0, tick++)) });
}

/** A file Budget.rcs in a fresh temp folder holding `model`, opened for writing by an editor(). */
export function openModel(model: Model): { s: DocumentService; file: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'Budget.rcs');
  writeModelToFile(file, model);
  const s = editor();
  s.open(file);
  return { s, file, dir };
}

/** The ApiFailure `fn` throws (any other error is rethrown; no error fails the test). */
/**
 * Runs `act` (a command, an undo or a redo) and returns the snapshot after it, having checked that
 * the Delta it replied with, applied to the model before it, gives exactly that snapshot: what the
 * renderer does with every reply.
 */
export function replayed(s: DocumentService, act: (s: DocumentService) => Delta): Snapshot {
  const before = s.snapshot();
  const delta = act(s);
  const after = s.snapshot();
  expect(delta.info).toEqual(after.info);
  expect(applyWrites(before.model, delta.writes)).toEqual(after.model);
  return after;
}

export const commandOf = (s: DocumentService, command: Command): Snapshot => replayed(s, (d) => d.command(command));
export const undoOf = (s: DocumentService): Snapshot => replayed(s, (d) => d.undo());
export const redoOf = (s: DocumentService): Snapshot => replayed(s, (d) => d.redo());

export function failure(fn: () => unknown): ApiFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiFailure) return err;
    throw err;
  }
  throw new Error('expected an ApiFailure');
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file in `dir` (names), sorted: to check that nothing was added beside a file. */
export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

export function fields(overrides: Partial<LineFields> = {}): LineFields {
  return {
    name: 'Reintegration package',
    category: 'grantsToBeneficiaries',
    dimension: 'economic',
    modality: 'inKind',
    unitLabel: 'returnee',
    unitCost: 150000,
    driver: { kind: 'fixed', quantity: '120', schedule: 'spread', start: 1, end: 24 },
    justification: 'IOM 2015: packages between USD 569 and 8,845 per person.',
    eligibleIndirect: true,
    eligibleContingency: true,
    currency: 'EUR',
    funding: [],
    beneficiariesPerUnit: '0',
    nonMigrantShare: '0',
    outputs: { businesses: '0', jobs: '0', people: '0' },
    mtdcExclusion: 'none',
    ...overrides,
  };
}

export function line(id: string, level: Level, position: number, overrides: Partial<LineFields> = {}): BudgetLine {
  return { id, level, position, ...fields({ name: `Line ${id}`, ...overrides }) };
}

/** A small programme with lines at all four levels. */
export function smallModel(): Model {
  return {
    programme: {
      title: 'Test programme',
      reportingCurrency: 'EUR',
      startMonth: '2026-01',
      durationMonths: 36,
      indirectRate: '0.07',
      contingencyRate: '0.03',
      author: 'Tester',
      notes: '',
      donorProfile: 'EU',
      communities: 0,
      inflation: '0',
      indirectBase: 'direct',
      euAgreement: 'grant',
      usAwardDate: null,
      usNicra: null,
    },
    lines: [
      line('ind-a', 'individual', 0, { name: 'Reintegration package' }),
      line('ind-b', 'individual', 1, {
        name: 'Psychosocial counselling',
        dimension: 'psychosocial',
        modality: 'service',
        unitCost: 4500,
        driver: { kind: 'fixed', quantity: '2.5', schedule: 'monthly', start: 3, end: 30 },
      }),
      line('ind-c', 'individual', 2, { name: 'Medical referral', unitCost: 12000 }),
      line('com-a', 'community', 0, {
        name: 'Community project',
        category: 'works',
        modality: 'works',
        unitCost: 2500000,
        driver: { kind: 'fixed', quantity: '6', schedule: 'once', start: 12, end: 12 },
      }),
      line('com-b', 'community', 1, { name: 'Community dialogue sessions', unitCost: 30000 }),
      line('str-a', 'structural', 0, {
        name: 'Training of municipal staff',
        category: 'training',
        modality: 'service',
        unitCost: 80000,
      }),
      line('sup-a', 'support', 0, {
        name: 'Programme manager',
        category: 'humanResources',
        modality: 'staff',
        unitCost: 550000,
        driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 36 },
        eligibleContingency: false,
      }),
    ],
    profiles: [],
    currencies: [],
    funders: [
      {
        id: 'main-donor',
        position: 0,
        name: 'Main donor',
        type: 'donor',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
  };
}

/** A model with `n` lines (enough to span many database pages). */
export function bigModel(n: number): Model {
  const base = smallModel();
  const levels: Level[] = ['individual', 'community', 'structural', 'support'];
  const lines: BudgetLine[] = [];
  for (let i = 0; i < n; i++) {
    const level = levels[i % 4] as Level;
    lines.push(
      line(`L${i}`, level, Math.floor(i / 4), {
        name: `Line number ${i} — ${'x'.repeat(40)}`,
        unitCost: 1000 + i,
        justification: `Justification ${i}: ${'lorem ipsum '.repeat(8)}`,
      }),
    );
  }
  return { ...base, lines };
}

/** Stable text of a model, for byte-for-byte comparisons. */
export function modelText(model: Model): string {
  return JSON.stringify(model);
}

export function profileFields(overrides: Partial<ProfileFields> = {}): ProfileFields {
  return {
    name: 'Adults travelling alone',
    kind: 'adult',
    unit: 'person',
    personsPerUnit: '1',
    arrivals: 240,
    pattern: 'even',
    monthly: [],
    arrivalStart: 1,
    arrivalEnd: 24,
    durationMonths: 12,
    ...overrides,
  };
}

/**
 * smallModel() with the whole of model v2: three returnee profiles, two local currencies, four
 * funding sources (one each of those unused by any line: pr-vot, USD, fu-ret), and lines with
 * every kind of driver, a line in the local currency, funding splits
 * (one of them not adding up to 100 %, which is saved: it is a check finding) and a percentage
 * line whose base names two other lines.
 */
export function fullModel(): Model {
  const base = smallModel();
  return {
    programme: { ...base.programme, communities: 8, inflation: '0.02' },
    profiles: [
      { id: 'pr-adult', position: 0, ...profileFields() },
      {
        id: 'pr-family',
        position: 1,
        ...profileFields({
          name: 'Families',
          kind: 'family',
          unit: 'household',
          personsPerUnit: '4.5',
          arrivals: 40,
          pattern: 'front',
          arrivalStart: 3,
          arrivalEnd: 18,
        }),
      },
      {
        id: 'pr-vot',
        position: 2,
        ...profileFields({ name: 'Victims of trafficking', kind: 'trafficking', arrivals: 12, pattern: 'back' }),
      },
    ],
    currencies: [
      { code: 'USD', rates: ['1.08'], inflation: '0' },
      { code: 'XOF', rates: ['655.957', '660'], inflation: '0.03' },
    ],
    funders: [
      ...base.funders,
      {
        id: 'fu-gov',
        position: 1,
        name: 'Ministry of Labour',
        type: 'government',
        status: 'pipeline',
        ceiling: null,
        conditionalOnMatch: false,
      },
      {
        id: 'fu-muni',
        position: 2,
        name: 'Municipality',
        type: 'coFinancier',
        status: 'hypothetical',
        ceiling: 5000000,
        conditionalOnMatch: false,
      },
      {
        id: 'fu-ret',
        position: 3,
        name: 'Returnees',
        type: 'returnee',
        status: 'confirmed',
        ceiling: null,
        conditionalOnMatch: false,
      },
    ],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
    lines: [
      ...base.lines.filter((l) => l.id !== 'sup-a'),
      line('ind-arr', 'individual', 3, {
        name: 'Arrival kit',
        unitCost: 25000,
        driver: {
          kind: 'perArrival',
          quantity: '1',
          profileIds: ['pr-adult'],
          takeUp: '0.6',
          offset: 1,
          start: 1,
          end: 30,
        },
        funding: [
          { funderId: 'main-donor', share: '0.75' },
          { funderId: 'fu-gov', share: '0.25' },
        ],
      }),
      line('ind-case', 'individual', 4, {
        name: 'Case management',
        currency: 'XOF',
        unitCost: 15000,
        driver: { kind: 'perActiveCase', quantity: '1', profileIds: [], start: 1, end: 36 },
      }),
      line('com-comm', 'community', 2, {
        name: 'Community dialogue per community',
        unitCost: 60000,
        driver: { kind: 'perCommunity', quantity: '2', schedule: 'spread', start: 6, end: 30 },
        beneficiariesPerUnit: '40',
        nonMigrantShare: '0.7',
        funding: [{ funderId: 'fu-muni', share: '0.9' }],
      }),
      line('com-proj', 'community', 3, {
        name: 'Community projects',
        unitCost: 1200000,
        driver: {
          kind: 'perProject',
          returneesPerProject: '50',
          profileIds: ['pr-adult', 'pr-family'],
          schedule: 'once',
          start: 12,
          end: 12,
        },
        beneficiariesPerUnit: '120',
        nonMigrantShare: '0.55',
      }),
      line('sup-case', 'support', 0, {
        name: 'Case workers',
        category: 'humanResources',
        modality: 'staff',
        unitCost: 180000,
        driver: {
          kind: 'staffing',
          casesPerStaff: '35',
          min: 1,
          max: 6,
          profileIds: ['pr-adult', 'pr-family'],
          start: 1,
          end: 36,
        },
      }),
      line('sup-me', 'support', 1, {
        name: 'Monitoring and evaluation',
        category: 'monitoringEvaluation',
        modality: 'service',
        unitCost: 0,
        driver: {
          kind: 'percentage',
          rate: '0.05',
          levels: ['individual'],
          lineIds: ['com-a', 'com-proj'],
          start: 1,
          end: 36,
        },
      }),
    ],
  };
}
