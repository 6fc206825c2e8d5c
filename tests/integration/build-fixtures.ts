/**
 * Regenerates tests/fixtures/schema-v6.rcs, schema-v6.expected.json (its model) and
 * schema-v6.totals.json (what the engine computed for it, and for each of its scenarios, when it was
 * written, with its indirect base and MTDC).
 *
 *   npx tsx tests/integration/build-fixtures.ts            # all three files
 *   npx tsx tests/integration/build-fixtures.ts --totals   # only schema-v6.totals.json
 *
 * Each fixture is a REAL file written by the code of its schema version, committed so that every
 * later version of the app is tested against it (tests/integration/migrations.test.ts). Run this
 * only while schema v6 is the current schema: once a v7 migration exists, the v6 fixture must never
 * change again; add a schema-v7 fixture (and a builder for it) instead.
 *
 * The v6 file is written as the v5 file was (below: the same model and edits, its own title), then
 * edited with every donor rule setting of issue 12 (v6Edits). The v5 fixture is frozen: it was
 * written by this file as of commit 3fec88e.
 *
 * The v5 file holds the v4 fixture's model (the whole model of v2, FIXTURE_V2_MODEL below, two
 * partner programmes with a synergy of every type, edited as the v4 fixture was), two scenarios
 * that between them override something of every kind (a profile's caseload, a currency's rates and
 * inflation, the programme's overhead and inflation rates, a line's unit cost and driver, a line
 * turned off, a line of the scenario only, a synergy turned off, a synergy's parameters), and two
 * uncertainty ranges. It is created, then edited through DocumentService (commands, an undo, a
 * redo), as a person would, so its change log is real too.
 *
 * The schema-v1 to v4 fixtures are frozen: they were written by earlier versions of this file
 * (git history: commit c652ebe for v1; the v2 builder is this file before issue 6; the v3 builder is
 * this file before issue 9; the v4 builder is this file as of commit cc0f607), and their models are
 * recorded in their .expected.json files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compute, resolve } from '../../src-shared/engine';
import type { Command } from '../../src-shared/api';
import type { LineFields, Model } from '../../src-shared/model';
import { CURRENT_SCHEMA_VERSION } from '../../src-main/db';
import { DocumentService } from '../../src-main/documents';

const common: Pick<
  LineFields,
  | 'justification'
  | 'eligibleIndirect'
  | 'eligibleContingency'
  | 'funding'
  | 'beneficiariesPerUnit'
  | 'nonMigrantShare'
  | 'outputs'
  | 'mtdcExclusion'
> = {
  justification: '',
  eligibleIndirect: true,
  eligibleContingency: true,
  funding: [],
  beneficiariesPerUnit: '0',
  nonMigrantShare: '0',
  outputs: { businesses: '0', jobs: '0', people: '0' },
  mtdcExclusion: 'none',
};

/**
 * Schema v2 in full: four returnee profiles (every arrival pattern, persons and households), two
 * local currencies (yearly rates, inflation and deflation), funding sources of every type and
 * status (one with a ceiling), and lines with every kind of driver, three currencies, funding
 * splits (one of them not adding up to 100 %, which a file may hold: it is a check finding),
 * community beneficiaries, and a percentage line on a level and on named lines.
 */
export const FIXTURE_V2_MODEL: Model = {
  programme: {
    title: 'Réintégration durable — Fixture v2',
    reportingCurrency: 'EUR',
    startMonth: '2026-03',
    durationMonths: 36,
    indirectRate: '0.07',
    contingencyRate: '0.03',
    author: 'Fixture builder',
    notes: 'Schema v2 fixture: profiles, currencies, funders and every driver kind.',
    donorProfile: 'EU',
    communities: 12,
    inflation: '0.02',
    indirectBase: 'direct',
    euAgreement: 'grant',
    usAwardDate: null,
    usNicra: null,
  },
  profiles: [
    {
      id: 'v2-pr-adult',
      position: 0,
      name: 'Adults travelling alone',
      kind: 'adult',
      unit: 'person',
      personsPerUnit: '1',
      arrivals: 600,
      pattern: 'even',
      monthly: [],
      arrivalStart: 1,
      arrivalEnd: 24,
      durationMonths: 12,
    },
    {
      id: 'v2-pr-family',
      position: 1,
      name: 'Familles',
      kind: 'family',
      unit: 'household',
      personsPerUnit: '4.5',
      arrivals: 80,
      pattern: 'front',
      monthly: [],
      arrivalStart: 2,
      arrivalEnd: 20,
      durationMonths: 12,
    },
    {
      id: 'v2-pr-child',
      position: 2,
      name: 'Unaccompanied children',
      kind: 'child',
      unit: 'person',
      personsPerUnit: '1',
      arrivals: 30,
      pattern: 'explicit',
      monthly: [0, 0, 5, 5, 5, 0, 0, 5, 5, 5],
      arrivalStart: 1,
      arrivalEnd: 10,
      durationMonths: 18,
    },
    {
      id: 'v2-pr-vot',
      position: 3,
      name: 'Victims of trafficking',
      kind: 'trafficking',
      unit: 'person',
      personsPerUnit: '1',
      arrivals: 45,
      pattern: 'back',
      monthly: [],
      arrivalStart: 6,
      arrivalEnd: 30,
      durationMonths: 6,
    },
  ],
  currencies: [
    { code: 'GNF', rates: ['9350.5'], inflation: '0.105' },
    { code: 'XOF', rates: ['655.957', '655.957', '660'], inflation: '-0.005' },
  ],
  funders: [
    {
      id: 'v2-fu-eu',
      position: 0,
      name: 'European Union',
      type: 'donor',
      status: 'confirmed',
      ceiling: 250000000,
      conditionalOnMatch: false,
    },
    {
      id: 'v2-fu-gov',
      position: 1,
      name: 'Ministère du Travail',
      type: 'government',
      status: 'pipeline',
      ceiling: null,
      conditionalOnMatch: false,
    },
    {
      id: 'v2-fu-muni',
      position: 2,
      name: 'Municipality',
      type: 'coFinancier',
      status: 'hypothetical',
      ceiling: null,
      conditionalOnMatch: false,
    },
    {
      id: 'v2-fu-ret',
      position: 3,
      name: 'Returnees',
      type: 'returnee',
      status: 'confirmed',
      ceiling: null,
      conditionalOnMatch: false,
    },
    {
      id: 'v2-fu-tvet',
      position: 4,
      name: 'TVET agency',
      type: 'partner',
      status: 'pipeline',
      ceiling: 0,
      conditionalOnMatch: false,
    },
  ],
  partners: [],
  synergies: [],
  scenarios: [],
  ranges: [],
  lines: [
    {
      ...common,
      id: 'v2-ind-kit',
      level: 'individual',
      position: 0,
      name: 'Arrival kit',
      category: 'grantsToBeneficiaries',
      dimension: 'economic',
      modality: 'inKind',
      unitLabel: 'kit',
      unitCost: 18000,
      currency: 'EUR',
      driver: {
        kind: 'perArrival',
        quantity: '1',
        profileIds: ['v2-pr-adult', 'v2-pr-family'],
        takeUp: '0.6',
        offset: 1,
        start: 1,
        end: 30,
      },
      funding: [
        { funderId: 'v2-fu-eu', share: '0.8' },
        { funderId: 'v2-fu-ret', share: '0.2' },
      ],
    },
    {
      ...common,
      id: 'v2-ind-package',
      level: 'individual',
      position: 1,
      name: 'Reintegration package',
      category: 'grantsToBeneficiaries',
      dimension: 'economic',
      modality: 'matchingGrant',
      unitLabel: 'returnee',
      unitCost: 1000000,
      currency: 'XOF',
      driver: { kind: 'perArrival', quantity: '1', profileIds: [], takeUp: '1', offset: 0, start: 1, end: 36 },
    },
    {
      ...common,
      id: 'v2-ind-psy',
      level: 'individual',
      position: 2,
      name: 'Soutien psychosocial',
      category: 'services',
      dimension: 'psychosocial',
      modality: 'service',
      unitLabel: 'séance',
      unitCost: 95000,
      currency: 'GNF',
      driver: { kind: 'perActiveCase', quantity: '1.5', profileIds: ['v2-pr-child', 'v2-pr-vot'], start: 1, end: 36 },
      justification: 'Counselling per active case-month.\nSecond line of text.',
      eligibleContingency: false,
    },
    {
      ...common,
      id: 'v2-ind-fixed',
      level: 'individual',
      position: 3,
      name: 'Medical referral fund',
      category: 'services',
      dimension: 'social',
      modality: 'voucher',
      unitLabel: 'fund',
      unitCost: 999999999999,
      currency: 'EUR',
      driver: { kind: 'fixed', quantity: '0', schedule: 'once', start: 36, end: 36 },
      justification: 'Edge values: a very large unit cost, a zero quantity, the last month.',
    },
    {
      ...common,
      id: 'v2-com-dialogue',
      level: 'community',
      position: 0,
      name: 'Community dialogue',
      category: 'training',
      dimension: 'social',
      modality: 'service',
      unitLabel: 'session',
      unitCost: 45000,
      currency: 'EUR',
      driver: { kind: 'perCommunity', quantity: '3', schedule: 'spread', start: 4, end: 27 },
      beneficiariesPerUnit: '25',
      nonMigrantShare: '0.8',
      funding: [
        { funderId: 'v2-fu-muni', share: '0.6' },
        { funderId: 'v2-fu-eu', share: '0.3' },
      ],
      justification: 'Funding split deliberately adds up to 90 %: a file may hold it (a check finding).',
    },
    {
      ...common,
      id: 'v2-com-project',
      level: 'community',
      position: 1,
      name: 'Community projects open to non-migrants',
      category: 'works',
      dimension: 'environmental',
      modality: 'works',
      unitLabel: 'project',
      unitCost: 2500000,
      currency: 'EUR',
      driver: {
        kind: 'perProject',
        returneesPerProject: '75',
        profileIds: ['v2-pr-adult', 'v2-pr-family'],
        schedule: 'spread',
        start: 9,
        end: 30,
      },
      beneficiariesPerUnit: '220',
      nonMigrantShare: '0.54',
      justification: 'EU-IOM Joint Initiative: 2,490 returnees and 2,943 community members.',
    },
    {
      ...common,
      id: 'v2-com-monthly',
      level: 'community',
      position: 2,
      name: 'Community radio slots',
      category: 'other',
      dimension: 'social',
      modality: 'cash',
      unitLabel: 'slot',
      unitCost: 150000,
      currency: 'XOF',
      driver: { kind: 'perCommunity', quantity: '0.5', schedule: 'monthly', start: 1, end: 12 },
    },
    {
      ...common,
      id: 'v2-str-training',
      level: 'structural',
      position: 0,
      name: 'Training of municipal staff',
      category: 'training',
      dimension: 'economic',
      modality: 'service',
      unitLabel: 'workshop',
      unitCost: 800000,
      currency: 'EUR',
      driver: { kind: 'fixed', quantity: '0.333', schedule: 'spread', start: 3, end: 15 },
      justification: 'x'.repeat(5000),
      eligibleIndirect: false,
      funding: [{ funderId: 'v2-fu-gov', share: '1' }],
    },
    {
      ...common,
      id: 'v2-str-monthly',
      level: 'structural',
      position: 1,
      name: 'Coordination meetings',
      category: 'localOffice',
      dimension: 'social',
      modality: 'service',
      unitLabel: 'meeting',
      unitCost: 30000,
      currency: 'EUR',
      driver: { kind: 'fixed', quantity: '2', schedule: 'monthly', start: 1, end: 36 },
    },
    {
      ...common,
      id: 'v2-sup-caseworkers',
      level: 'support',
      position: 0,
      name: 'Case workers',
      category: 'humanResources',
      dimension: 'economic',
      modality: 'staff',
      unitLabel: 'staff-month',
      unitCost: 210000,
      currency: 'EUR',
      driver: {
        kind: 'staffing',
        casesPerStaff: '40',
        min: 2,
        max: 8,
        profileIds: [],
        start: 1,
        end: 36,
      },
    },
    {
      ...common,
      id: 'v2-sup-counsellors',
      level: 'support',
      position: 1,
      name: 'Child protection officers',
      category: 'humanResources',
      dimension: 'psychosocial',
      modality: 'staff',
      unitLabel: 'staff-month',
      unitCost: 2400000,
      currency: 'GNF',
      driver: {
        kind: 'staffing',
        casesPerStaff: '12.5',
        min: 0,
        max: null,
        profileIds: ['v2-pr-child'],
        start: 1,
        end: 30,
      },
    },
    {
      ...common,
      id: 'v2-sup-me',
      level: 'support',
      position: 2,
      name: 'Monitoring & evaluation',
      category: 'monitoringEvaluation',
      dimension: 'social',
      modality: 'service',
      unitLabel: '',
      unitCost: 0,
      currency: 'EUR',
      driver: {
        kind: 'percentage',
        rate: '0.05',
        levels: ['individual', 'community'],
        lineIds: ['v2-str-training'],
        start: 1,
        end: 36,
      },
      eligibleContingency: false,
      funding: [
        { funderId: 'v2-fu-eu', share: '0.5' },
        { funderId: 'v2-fu-gov', share: '0.25' },
        { funderId: 'v2-fu-tvet', share: '0.25' },
      ],
    },
  ],
};

/** What a fixture's totals file (schema-v2/v3/v4/v5.totals.json) records of compute()'s result (from v4: and of the synergies). */
export function fixtureTotals(model: Model, withSynergies = false): unknown {
  const r = compute(model);
  const recorded = {
    totals: r.totals,
    byLevel: r.byLevel,
    byYear: r.byYear,
    byFunder: r.byFunder,
    lines: Object.fromEntries(r.lines.map((l) => [l.lineId, l.total])),
    metrics: r.metrics,
  };
  if (!withSynergies) return recorded;
  // From v4: what partners cover, net, expected, worst case, and each partner's drop-out.
  const sy = r.synergies;
  return { ...recorded, synergies: { totals: sy.totals, partners: sy.partners } };
}

/**
 * The v4 fixture's model before its edits: the v2 model, two partners and a synergy of every type
 * (the v5 fixture starts from it too).
 */
const FIXTURE_V4_MODEL: Model = {
  ...FIXTURE_V2_MODEL,
  programme: {
    ...FIXTURE_V2_MODEL.programme,
    title: 'Réintégration durable — Fixture v4',
    notes: 'Schema v4 fixture: the whole model of v2, partners and synergies of every type, a structured change log.',
  },
  partners: [
    {
      id: 'v4-pa-jobs',
      position: 0,
      name: 'Employment programme',
      organisation: 'GIZ',
      type: 'development',
      startMonth: '2026-06',
      endMonth: '2028-12',
      notes: 'Referrals and matching grants.',
    },
    {
      id: 'v4-pa-state',
      position: 1,
      name: 'Ministry of Health',
      organisation: 'Government',
      type: 'government',
      startMonth: '2026-01',
      endMonth: '2030-12',
      notes: '',
    },
  ],
  synergies: [
    {
      id: 'v4-sy-referral',
      position: 0,
      partnerId: 'v4-pa-jobs',
      name: 'Referral to job placement',
      effect: { type: 'referral', share: '0.5', uptake: '0.228', capacity: 120, coordinationCost: 2500 },
      lineIds: ['v2-ind-kit'],
      profileIds: [],
      firstMonth: 1,
      lastMonth: 36,
      commitment: 'mutual',
      status: 'signed',
      confidence: null,
      funderId: null,
      notes: '',
    },
    {
      id: 'v4-sy-matching',
      position: 1,
      partnerId: 'v4-pa-jobs',
      name: 'Matching grants 50/50',
      effect: {
        type: 'matching',
        programmePart: '50',
        partnerPart: '50',
        capPerGrant: 50000,
        collectiveCap: 5000000,
        mode: 'share',
      },
      lineIds: ['v2-ind-package'],
      profileIds: [],
      firstMonth: 1,
      lastMonth: 36,
      commitment: 'general',
      status: 'inPrinciple',
      confidence: '0.5',
      funderId: 'v2-fu-tvet',
      notes: '',
    },
    {
      id: 'v4-sy-cofin',
      position: 2,
      partnerId: 'v4-pa-jobs',
      name: 'Co-financing of the dialogue',
      effect: { type: 'coFinancing', basis: 'amount', share: '0', amount: 300000 },
      lineIds: ['v2-com-dialogue'],
      profileIds: [],
      firstMonth: 1,
      lastMonth: 12,
      commitment: 'general',
      status: 'identified',
      confidence: null,
      funderId: 'v2-fu-muni',
      notes: '',
    },
    {
      id: 'v4-sy-sharing',
      position: 3,
      partnerId: 'v4-pa-jobs',
      name: 'Shared office',
      effect: { type: 'costSharing', share: '0.3' },
      lineIds: ['v2-str-monthly'],
      profileIds: [],
      firstMonth: 1,
      lastMonth: 36,
      commitment: 'mutual',
      status: 'signed',
      confidence: null,
      funderId: 'v2-fu-tvet',
      notes: '',
    },
    {
      id: 'v4-sy-handover',
      position: 4,
      partnerId: 'v4-pa-state',
      name: 'Caseworkers taken over',
      effect: { type: 'handover', shares: ['0', '0.5', '1'] },
      lineIds: ['v2-sup-caseworkers'],
      profileIds: [],
      firstMonth: 1,
      lastMonth: 36,
      commitment: 'mutual',
      status: 'inPrinciple',
      confidence: null,
      funderId: 'v2-fu-gov',
      notes: '',
    },
    {
      id: 'v4-sy-health',
      position: 5,
      partnerId: 'v4-pa-state',
      name: 'Public health cover',
      effect: { type: 'publicService', share: '0.8', delayMonths: 3 },
      lineIds: ['v2-ind-psy'],
      profileIds: ['v2-pr-adult'],
      firstMonth: 1,
      lastMonth: 36,
      commitment: 'general',
      status: 'identified',
      confidence: '0.4',
      funderId: null,
      notes: 'Enrolment takes three months.',
    },
    {
      id: 'v4-sy-open',
      position: 6,
      partnerId: 'v4-pa-state',
      name: 'Community projects open to all',
      effect: { type: 'communityOpen', nonMigrantShare: '0.5417' },
      lineIds: ['v2-com-project'],
      profileIds: [],
      firstMonth: 1,
      lastMonth: 36,
      commitment: 'general',
      status: 'signed',
      confidence: null,
      funderId: null,
      notes: '',
    },
  ],
};

/**
 * What schema-v5.totals.json records: the baseline's totals and synergies (as for v4), and the same
 * for each scenario, by id (the model the scenario computes: baseline + overlay, engine/resolve.ts).
 */
export function fixtureTotalsWithScenarios(model: Model): unknown {
  const scenarios = Object.fromEntries(
    model.scenarios.map((sc) => [sc.id, fixtureTotals(resolve(model, sc.overlay), true)]),
  );
  return { ...(fixtureTotals(model, true) as object), scenarios };
}

/** The v5 fixture's model before its edits: the v4 fixture's, under its own title. */
const FIXTURE_V5_MODEL: Model = {
  ...FIXTURE_V4_MODEL,
  programme: {
    ...FIXTURE_V4_MODEL.programme,
    title: 'Réintégration durable — Fixture v5',
    notes:
      'Schema v5 fixture: the v4 fixture (the whole model of v2, partners and synergies of every type), two scenarios overriding something of every kind, two uncertainty ranges.',
  },
};

/**
 * Writes the v5 fixture and edits it as a person would; returns the model it ends with. The v6
 * builder starts the same way (its own title), then makes its own edits (`more`).
 */
function writeV5(file: string, start: Model = FIXTURE_V5_MODEL, more?: (s: DocumentService) => void): Model {
  let minute = 0;
  const now = () => new Date(Date.UTC(2027, 2, 1, 9, minute++));
  const s = new DocumentService({ author: () => 'Fixture builder', now });
  fs.rmSync(file, { force: true });
  s.create(file, start);

  // The v4 fixture's edits, as they were made to it.
  s.command({ type: 'synergy.update', id: 'v4-sy-cofin', patch: { status: 'inPrinciple', lastMonth: 18 } });
  s.command({
    type: 'partner.add',
    id: 'v4-pa-ngo',
    fields: {
      name: 'Women’s cooperative',
      organisation: 'Local NGO',
      type: 'ngo',
      startMonth: '2027-01',
      endMonth: '2028-06',
      notes: '',
    },
  });
  s.command({ type: 'partner.move', id: 'v4-pa-ngo', index: 0 });
  s.command({ type: 'line.delete', id: 'v2-str-monthly' });
  s.undo();
  s.redo();

  // Scenario 1: the caseload, the currencies and the programme's rates.
  const low = 'v5-sc-low';
  s.command({
    type: 'scenario.add',
    id: low,
    fields: {
      name: 'Fewer arrivals, weaker franc',
      description: 'Fewer adults, assisted for less long; a weaker franc; other overhead rates.',
    },
  });
  const edit = (scenario: string, command: Extract<Command, { type: 'scenario.edit' }>['command']) =>
    s.command({ type: 'scenario.edit', scenario, command });
  edit(low, { type: 'profile.update', id: 'v2-pr-adult', patch: { arrivals: 480, durationMonths: 9 } });
  edit(low, { type: 'profile.update', id: 'v2-pr-child', patch: { monthly: [0, 0, 4, 4, 4, 0, 0, 4, 4, 4] } });
  edit(low, {
    type: 'currency.put',
    currency: { code: 'XOF', rates: ['721.5527', '721.5527', '726'], inflation: '0.06' },
  });
  edit(low, {
    type: 'programme.update',
    patch: { indirectRate: '0.065', contingencyRate: '0.05', inflation: '0.025' },
  });
  // A value set and then set back: no override is left of it.
  edit(low, { type: 'profile.update', id: 'v2-pr-vot', patch: { arrivals: 50 } });
  edit(low, { type: 'profile.update', id: 'v2-pr-vot', patch: { arrivals: 45 } });

  // Scenario 2: the lines and the synergies.
  const lean = 'v5-sc-lean';
  s.command({
    type: 'scenario.add',
    id: lean,
    fields: { name: 'Leaner delivery', description: '' },
  });
  s.command({ type: 'scenario.update', id: lean, patch: { description: 'Cheaper counselling, no radio, a survey.' } });
  edit(lean, { type: 'line.update', id: 'v2-ind-psy', patch: { unitCost: 80000 } });
  edit(lean, {
    type: 'line.update',
    id: 'v2-com-dialogue',
    patch: { driver: { kind: 'perCommunity', quantity: '2', schedule: 'spread', start: 4, end: 24 } },
  });
  s.command({ type: 'scenario.setOff', scenario: lean, kind: 'line', id: 'v2-com-monthly', off: true });
  edit(lean, {
    type: 'line.add',
    id: 'v5-sup-survey',
    level: 'support',
    fields: {
      ...common,
      name: 'Mid-term survey',
      category: 'monitoringEvaluation',
      dimension: 'social',
      modality: 'service',
      unitLabel: 'survey',
      unitCost: 1500000,
      currency: 'EUR',
      driver: { kind: 'fixed', quantity: '1', schedule: 'once', start: 18, end: 18 },
      justification: 'A line of this scenario only.',
    },
  });
  s.command({ type: 'scenario.setOff', scenario: lean, kind: 'synergy', id: 'v4-sy-referral', off: true });
  edit(lean, {
    type: 'synergy.update',
    id: 'v4-sy-health',
    patch: { effect: { type: 'publicService', share: '0.5', delayMonths: 2 } },
  });
  s.command({ type: 'scenario.move', id: lean, index: 0 });

  // Two uncertainty ranges, one set twice (the second replaces the first).
  s.command({ type: 'range.put', range: { id: 'arrivals:v2-pr-adult', low: '0.8', likely: '1', high: '1.1' } });
  s.command({ type: 'range.put', range: { id: 'arrivals:v2-pr-adult', low: '0.75', likely: '1', high: '1.2' } });
  s.command({ type: 'range.put', range: { id: 'exchangeRate:GNF', low: '0.9', likely: '1', high: '1.35' } });
  more?.(s);

  const model = s.snapshot().model;
  s.close();
  return model;
}

/** The v6 fixture's model before its edits: the v5 fixture's, under its own title. */
const FIXTURE_V6_MODEL: Model = {
  ...FIXTURE_V5_MODEL,
  programme: {
    ...FIXTURE_V5_MODEL.programme,
    title: 'Réintégration durable — Fixture v6',
    notes:
      'Schema v6 fixture: the v5 fixture (the whole model of v2, partners and synergies of every type, scenarios, ranges), with every donor rule setting of issue 12 away from its default.',
  },
};

/**
 * The v6 edits, through the commands a person would use: the indirect base (direct + contingency,
 * which moves the indirect costs), a contribution agreement, a US award date and NICRA (kept in
 * the file whatever the profile), MTDC exclusions on two lines (one a subaward), a source
 * conditional on match funding.
 */
function v6Edits(s: DocumentService): void {
  s.command({
    type: 'programme.update',
    patch: {
      indirectBase: 'directPlusContingency',
      euAgreement: 'contribution',
      usAwardDate: '2024-09-15',
      usNicra: { rate: '0.125', base: 'mtdc' },
    },
  });
  s.command({ type: 'line.update', id: 'v2-ind-kit', patch: { mtdcExclusion: 'equipment' } });
  s.command({ type: 'line.update', id: 'v2-com-project', patch: { mtdcExclusion: 'subaward' } });
  s.command({ type: 'funder.update', id: 'v2-fu-muni', patch: { conditionalOnMatch: true } });
}

/** What schema-v6.totals.json records: as for v5, plus the indirect base and the MTDC. */
export function fixtureTotalsV6(model: Model): unknown {
  return { ...(fixtureTotalsWithScenarios(model) as object), indirectBase: compute(model).indirectBase };
}

function main(): void {
  if (CURRENT_SCHEMA_VERSION !== 6) {
    throw new Error(
      `The current schema is v${CURRENT_SCHEMA_VERSION}: the v6 fixture is frozen. Write a schema-v${CURRENT_SCHEMA_VERSION} fixture instead.`,
    );
  }
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
  const file = path.join(dir, 'schema-v6.rcs');
  const expectedFile = path.join(dir, 'schema-v6.expected.json');
  let written: Model;
  if (process.argv.includes('--totals')) {
    written = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Model;
  } else {
    fs.mkdirSync(dir, { recursive: true });
    written = writeV5(file, FIXTURE_V6_MODEL, v6Edits);
    for (const leftover of [`${file}-journal`, path.join(dir, '.~lock.schema-v6.rcs#')])
      fs.rmSync(leftover, { force: true });
    fs.writeFileSync(expectedFile, `${JSON.stringify(written, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
  fs.writeFileSync(path.join(dir, 'schema-v6.totals.json'), `${JSON.stringify(fixtureTotalsV6(written), null, 2)}\n`);
  console.log(`wrote ${path.join(dir, 'schema-v6.totals.json')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
