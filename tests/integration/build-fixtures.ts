/**
 * Regenerates tests/fixtures/schema-v1.rcs, schema-v1.expected.json (its model) and
 * schema-v1.totals.json (what the engine computed for it when it was written).
 *
 *   npx tsx tests/integration/build-fixtures.ts
 *
 * The fixture is a REAL file written by the schema-v1 code, committed so that every later
 * version of the app is tested against it (tests/integration/migrations.test.ts). Run this only
 * while schema v1 is the current schema: once a v2 migration exists, the v1 fixture must never
 * change again — add a schema-v2 fixture (and a builder for it) instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compute } from '../../src-shared/engine';
import type { Model } from '../../src-shared/model';
import { CURRENT_SCHEMA_VERSION } from '../../src-main/db';
import { writeModelToFile } from '../../src-main/documents';

export const FIXTURE_V1_MODEL: Model = {
  programme: {
    title: 'Réintégration durable — Fixture v1',
    reportingCurrency: 'EUR',
    startMonth: '2025-07',
    durationMonths: 30,
    indirectRate: '0.07',
    contingencyRate: '0.025',
    author: 'Fixture builder',
    notes: 'Schema v1 fixture: every level, every schedule, accents and a long text.',
    donorProfile: 'EU',
  },
  lines: [
    {
      id: 'v1-ind-package',
      level: 'individual',
      position: 0,
      name: 'Reintegration package (in kind)',
      category: 'grantsToBeneficiaries',
      dimension: 'economic',
      modality: 'inKind',
      unitLabel: 'returnee',
      unitCost: 150000,
      driver: { kind: 'fixed', quantity: '240', schedule: 'spread', start: 1, end: 24 },
      justification: 'IOM 2015: packages between USD 569 and 8,845 per person.',
      eligibleIndirect: true,
      eligibleContingency: true,
    },
    {
      id: 'v1-ind-psy',
      level: 'individual',
      position: 1,
      name: 'Soutien psychosocial',
      category: 'services',
      dimension: 'psychosocial',
      modality: 'service',
      unitLabel: 'séance',
      unitCost: 3550,
      driver: { kind: 'fixed', quantity: '12.5', schedule: 'monthly', start: 2, end: 30 },
      justification: 'Counselling sessions per month.\nSecond line of text.',
      eligibleIndirect: true,
      eligibleContingency: false,
    },
    {
      id: 'v1-com-project',
      level: 'community',
      position: 0,
      name: 'Community project open to non-migrants',
      category: 'works',
      dimension: 'social',
      modality: 'works',
      unitLabel: 'project',
      unitCost: 2500000,
      driver: { kind: 'fixed', quantity: '4', schedule: 'once', start: 9, end: 9 },
      justification: 'EU-IOM Joint Initiative: 2,490 returnees and 2,943 community members.',
      eligibleIndirect: true,
      eligibleContingency: true,
    },
    {
      id: 'v1-str-training',
      level: 'structural',
      position: 0,
      name: 'Training of municipal staff',
      category: 'training',
      dimension: 'environmental',
      modality: 'service',
      unitLabel: 'workshop',
      unitCost: 0,
      driver: { kind: 'fixed', quantity: '0.333', schedule: 'spread', start: 3, end: 15 },
      justification: 'x'.repeat(5000),
      eligibleIndirect: false,
      eligibleContingency: true,
    },
    {
      id: 'v1-sup-manager',
      level: 'support',
      position: 0,
      name: 'Programme manager',
      category: 'humanResources',
      dimension: 'economic',
      modality: 'staff',
      unitLabel: 'month',
      unitCost: 620000,
      driver: { kind: 'fixed', quantity: '1', schedule: 'monthly', start: 1, end: 30 },
      justification: '',
      eligibleIndirect: true,
      eligibleContingency: true,
    },
    {
      id: 'v1-sup-me',
      level: 'support',
      position: 1,
      name: 'Monitoring & evaluation',
      category: 'other',
      dimension: 'social',
      modality: 'matchingGrant',
      unitLabel: '',
      unitCost: 999999999999,
      driver: { kind: 'fixed', quantity: '0', schedule: 'once', start: 30, end: 30 },
      justification: 'Edge values: a very large unit cost, a zero quantity, the last month.',
      eligibleIndirect: false,
      eligibleContingency: false,
    },
  ],
};

function main(): void {
  if (CURRENT_SCHEMA_VERSION !== 1) {
    throw new Error(
      `The current schema is v${CURRENT_SCHEMA_VERSION}: the v1 fixture is frozen. Write a schema-v${CURRENT_SCHEMA_VERSION} fixture instead.`,
    );
  }
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'schema-v1.rcs');
  const written = writeModelToFile(file, FIXTURE_V1_MODEL, {
    overwrite: true,
    changeLog: [
      { at: '2025-06-30T12:00:00.000Z', author: 'Fixture builder', summary: 'Created the programme' },
      { at: '2025-06-30T12:05:00.000Z', author: 'Fixture builder', summary: 'Edited "Soutien psychosocial": quantity' },
    ],
  });
  fs.writeFileSync(path.join(dir, 'schema-v1.expected.json'), `${JSON.stringify(written, null, 2)}\n`);
  const result = compute(written);
  const totals = { totals: result.totals, byLevel: result.byLevel, byYear: result.byYear };
  fs.writeFileSync(path.join(dir, 'schema-v1.totals.json'), `${JSON.stringify(totals, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
