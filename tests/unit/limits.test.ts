/**
 * Issue 13, items 1, 2, 3 and 6 (text): no accepted value can break or freeze a programme, and no
 * stored value, whatever its source, makes the engine throw or show an inexact total
 * (src-shared/model/limits.ts).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src-shared/engine';
import {
  type BudgetLine,
  type Driver,
  LEVELS,
  parameterRangeSchema,
  lineFieldsSchema,
  MAX_AMOUNT,
  type Model,
  profileFieldsSchema,
  programmeSchema,
  currencySchema,
  validateLineAgainstProgramme,
} from '../../src-shared/model';
import { dec, READ_SCALE } from '../../src-shared/money';
import { line, smallModel } from '../integration/helpers';
import { expectExactSums } from './exact-sums';

const fixed = (quantity: string, schedule: 'once' | 'monthly' = 'once', end = 1): Driver => ({
  kind: 'fixed',
  quantity,
  schedule,
  start: 1,
  end,
});

function model(lines: BudgetLine[], over: Partial<Model['programme']> = {}): Model {
  const m = smallModel();
  return { ...m, programme: { ...m.programme, durationMonths: 120, ...over }, lines };
}

describe('item 1: a quantity of 10^400 never makes compute throw', () => {
  const huge = `1${'0'.repeat(400)}`;
  const m = model([
    line('a', 'individual', 0, { unitCost: 10 ** 15, driver: fixed(huge) }),
    line('b', 'support', 0, { unitCost: 1000, driver: fixed('3') }),
  ]);

  it.each([true, false])('fast path %s: the line costs nothing and says so; the rest is computed', (fastPath) => {
    const r = createEngine({ fastPath }).compute(m);
    expect(r.lines.find((l) => l.lineId === 'a')?.total).toBe(0);
    expect(r.lines.find((l) => l.lineId === 'b')?.total).toBe(3000);
    expect(r.diagnostics).toContainEqual({
      severity: 'error',
      code: 'amount.tooLarge',
      lineId: 'a',
      params: { max: MAX_AMOUNT },
    });
    expectExactSums(r);
  });

  it('the schema refuses it (commands and files alike), and a fixed line worth more than the largest amount', () => {
    const fields = { ...m.lines[0]! } as Partial<BudgetLine>;
    delete fields.id;
    delete fields.level;
    delete fields.position;
    const parsed = lineFieldsSchema.safeParse(fields);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'driver.quantity',
      'number.tooLarge',
    ]);
    const programme = { durationMonths: 120 };
    // 10^14 × 10^15 once: far beyond; 1,000 × 10^12 exactly the bound: accepted; monthly × 120: beyond.
    expect(validateLineAgainstProgramme({ driver: fixed('100000000000000'), unitCost: 10 ** 15 }, programme)).toEqual({
      unitCost: 'amount.tooLarge',
    });
    expect(validateLineAgainstProgramme({ driver: fixed('1000'), unitCost: 10 ** 12 }, programme)).toEqual({});
    expect(
      validateLineAgainstProgramme({ driver: fixed('1000', 'monthly', 120), unitCost: 10 ** 12 }, programme),
    ).toEqual({ unitCost: 'amount.tooLarge' });
  });
});

describe('item 2: totals beyond the largest amount are a diagnostic, never an inexact total', () => {
  it('10^15 monthly for 120 months at 10^15: that line costs nothing, and level totals add up to the direct total', () => {
    const m = model([
      line('a', 'individual', 0, { unitCost: 10 ** 15, driver: fixed('1000000000000000', 'monthly', 120) }),
      line('c', 'community', 0, { unitCost: 7, driver: fixed('1', 'monthly', 120) }),
    ]);
    for (const fastPath of [true, false]) {
      const r = createEngine({ fastPath }).compute(m);
      expect(r.diagnostics.map((d) => [d.code, d.lineId])).toContainEqual(['amount.tooLarge', 'a']);
      expect(r.totals.direct).toBe(840);
      expectExactSums(r);
    }
  });

  it('many lines each within the bound, together beyond it: every amount is 0 and total.tooLarge says why', () => {
    const lines = Array.from({ length: 12 }, (_, i) =>
      line(`L${i}`, LEVELS[i % 4]!, i, { unitCost: 9 * 10 ** 14, driver: fixed('1') }),
    );
    // A percentage line doubling the individual level, to reach the percentages phase too.
    lines.push(
      line('pct', 'support', 99, {
        driver: { kind: 'percentage', rate: '1', levels: ['individual'], lineIds: [], start: 1, end: 120 },
      }),
    );
    const m = model(lines);
    const engine = createEngine();
    for (const fastPath of [true, false]) {
      const r = createEngine({ fastPath }).compute(m);
      expect(r.totals.total).toBe(0);
      expect(r.diagnostics).toContainEqual({
        severity: 'error',
        code: 'total.tooLarge',
        lineId: null,
        params: { max: MAX_AMOUNT },
      });
      expectExactSums(r);
    }
    // outcome() (sensitivity, Monte-Carlo) is compute()'s total and net, here too.
    const r = engine.compute(m);
    expect(engine.outcome(m)).toEqual({ total: r.totals.total, net: r.synergies.totals.net });
    // Back within the bound, the same engine computes the programme again.
    const fewer = model(lines.slice(0, 1));
    expect(engine.compute(fewer).totals.direct).toBe(9 * 10 ** 14);
  });
});

describe('item 2: an engine that met a programme beyond the largest amount keeps exact sums after', () => {
  it('its running sums are not left off by the inexact ones: the next compute equals a fresh engine’s', () => {
    const small = Array.from({ length: 60 }, (_, i) =>
      line(`S${i}`, LEVELS[i % 4]!, i, { unitCost: 1001 + i, driver: fixed('3', 'monthly', 120) }),
    );
    const huge = Array.from({ length: 12 }, (_, i) =>
      line(`H${i}`, 'individual', 100 + i, { unitCost: 4 * 10 ** 14 + 3, driver: fixed('1') }),
    );
    const pct = line('pct', 'support', 999, {
      driver: { kind: 'percentage', rate: '0.5', levels: ['individual', 'community'], lineIds: [], start: 1, end: 120 },
    });
    const engine = createEngine();
    for (const fastPath of [true, false]) {
      const e = fastPath ? engine : createEngine({ fastPath });
      expect(e.compute(model([...small, ...huge, pct])).totals.total).toBe(0);
      // Back within the bound: one huge line left among the small ones (an edit, not a new model).
      const within = model([...small, huge[0]!, pct]);
      const r = e.compute(within);
      expect(r.diagnostics.map((d) => d.code)).not.toContain('total.tooLarge');
      expect(r).toEqual(createEngine({ fastPath }).compute(within));
      expectExactSums(r);
    }
  });
});

describe('item 3: long decimals are refused, and never freeze the engine', () => {
  const oneLine = (inflation: string) =>
    model([line('a', 'individual', 0, { unitCost: 1000, driver: fixed('1', 'monthly', 120) })], { inflation });

  it('an inflation of "0." and a million digits: refused by the schema, computed at once (rounded, flagged)', () => {
    const inflation = `0.${'1'.repeat(1_000_000)}`;
    const m = oneLine(inflation);
    const parsed = programmeSchema.safeParse(m.programme);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'inflation',
      'number.maxDecimals6',
    ]);
    const t = performance.now();
    const r = createEngine().compute(m);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'value.outOfBounds',
        lineId: null,
        params: expect.objectContaining({ field: 'programme.inflation' }),
      }),
    );
    // Read as 0.111… to READ_SCALE decimals: the same amounts as that value written out.
    expect(r.totals.total).toBe(createEngine().compute(oneLine(`0.${'1'.repeat(READ_SCALE)}`)).totals.total);
    expectExactSums(r);
  });

  it.each(['9.999999', '-0.999999', '0.999999', '0.123457'])(
    'the longest inflations accepted (%s) compute a one-line 120-month programme well within 200 ms',
    (inflation) => {
      const m = oneLine(inflation);
      expect(programmeSchema.safeParse(m.programme).success).toBe(true);
      const exact = createEngine({ fastPath: false }).compute(m);
      const t = performance.now();
      const r = createEngine().compute(m);
      expect(performance.now() - t).toBeLessThan(200);
      expect(r.lines[0]?.months).toEqual(exact.lines[0]?.months);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    },
  );

  it('bounds every decimal per field: digits after the point, digits before it, range', () => {
    const issues = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      r.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];
    const base = smallModel().lines[0]!;
    const lineWith = (patch: Partial<BudgetLine>) => lineFieldsSchema.safeParse({ ...base, ...patch });
    expect(issues(lineWith({ driver: fixed('1.1234567') }))).toEqual(['driver.quantity:number.maxDecimals6']);
    expect(lineWith({ driver: fixed('123456789012345.123456') }).success).toBe(true);
    expect(issues(lineWith({ driver: fixed('1234567890123456') }))).toEqual(['driver.quantity:number.tooLarge']);
    expect(issues(lineWith({ nonMigrantShare: '0.1234567' }))).toEqual(['nonMigrantShare:number.maxDecimals6']);
    expect(issues(lineWith({ funding: [{ funderId: 'main-donor', share: '0.3333333' }] }))).toEqual([
      'funding.0.share:number.maxDecimals6',
    ]);
    expect(lineWith({ funding: [{ funderId: 'main-donor', share: '0.333333' }] }).success).toBe(true);
    const currency = (patch: object) =>
      currencySchema.safeParse({ code: 'XOF', rates: ['655.957'], inflation: '0', ...patch });
    expect(currency({ rates: ['655.95712345'] }).success).toBe(true);
    expect(issues(currency({ rates: ['655.957123456'] }))).toEqual(['rates.0:number.maxDecimals8']);
    expect(issues(currency({ rates: ['1234567890123'] }))).toEqual(['rates.0:number.tooLarge']);
    expect(currency({ inflation: '10' }).success).toBe(true);
    expect(issues(currency({ inflation: '10.000001' }))).toEqual(['inflation:inflation.range']);
    expect(issues(currency({ inflation: '-1' }))).toEqual(['inflation:inflation.range']);
    // Not a decimal: number.invalid alone, and no refinement throws (zod runs them all).
    expect(issues(currency({ inflation: 'Infinity' }))).toEqual(['inflation:number.invalid']);
    expect(issues(parameterRangeSchema.safeParse({ id: 'inflation:EUR', low: 'abc', likely: '1', high: '1' }))).toEqual(
      ['low:number.invalid', 'low:range.factor'],
    );
    const programme = smallModel().programme;
    expect(issues(programmeSchema.safeParse({ ...programme, indirectRate: '0.0700001' }))).toEqual([
      'indirectRate:number.maxDecimals6',
    ]);
  });

  it('dec() reads a decimal beyond its bounds rounded (ties away from zero) or clamped, never slowly', () => {
    expect(dec(`0.${'0'.repeat(READ_SCALE - 1)}15`)).toEqual({ n: 2n, d: 10n ** BigInt(READ_SCALE) });
    expect(dec(`-0.${'0'.repeat(READ_SCALE - 1)}15`)).toEqual({ n: -2n, d: 10n ** BigInt(READ_SCALE) });
    expect(dec(`0.${'0'.repeat(READ_SCALE - 1)}14`)).toEqual({ n: 1n, d: 10n ** BigInt(READ_SCALE) });
    expect(dec('9'.repeat(100_000))).toEqual({ n: 10n ** 30n, d: 1n });
    // Within the bounds, exact as ever.
    expect(dec('0.123456789012345678901234')).toEqual({ n: 123456789012345678901234n, d: 10n ** 24n });
  });
});

describe('item 6 (text): lone surrogates and control characters are refused in every text field', () => {
  const base = smallModel();
  const messages = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];

  it.each([
    ['a lone high surrogate', 'Budget \ud800 2026'],
    ['a lone low surrogate', '\udc00Budget'],
    ['a surrogate pair reversed', 'Budget \udc00\ud800'],
    ['an escape sequence', 'Budget \u001b[2J'],
    ['a NUL', 'Budget\u0000'],
    ['a C1 control', 'Budget\u009b'],
  ])('%s in a title, a note, a line name, a unit label, a profile name', (_, bad) => {
    expect(messages(programmeSchema.safeParse({ ...base.programme, title: bad }))).toEqual([
      'title:text.invalidCharacters',
    ]);
    expect(messages(programmeSchema.safeParse({ ...base.programme, notes: bad }))).toEqual([
      'notes:text.invalidCharacters',
    ]);
    const l = base.lines[0]!;
    expect(messages(lineFieldsSchema.safeParse({ ...l, name: bad, unitLabel: bad, justification: bad }))).toEqual([
      'name:text.invalidCharacters',
      'unitLabel:text.invalidCharacters',
      'justification:text.invalidCharacters',
    ]);
    const profile = {
      name: bad,
      kind: 'adult',
      unit: 'person',
      personsPerUnit: '1',
      arrivals: 10,
      pattern: 'even',
      monthly: [],
      arrivalStart: 1,
      arrivalEnd: 12,
      durationMonths: 12,
    };
    expect(messages(profileFieldsSchema.safeParse(profile))).toEqual(['name:text.invalidCharacters']);
  });

  it('accepts what people write: accents, emoji (a proper pair), and line breaks and tabs in long texts only', () => {
    const title = 'Réintégration 🇸🇳 “Dakar” – 2026';
    expect(programmeSchema.safeParse({ ...base.programme, title, notes: 'Line 1\r\nLine 2\tend' }).success).toBe(true);
    expect(messages(programmeSchema.safeParse({ ...base.programme, title: 'Two\nlines' }))).toEqual([
      'title:text.invalidCharacters',
    ]);
  });
});
