/** Shared helpers for the integration tests: temp folders, hashes, small models. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { BudgetLine, Level, LineFields, Model } from '../../src-shared/model';

const made: string[] = [];

/** A fresh temp folder, removed after the current test. */
export function tempDir(prefix = 'rcs-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

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
  return { programme: base.programme, lines };
}

/** Stable text of a model, for byte-for-byte comparisons. */
export function modelText(model: Model): string {
  return JSON.stringify(model);
}
