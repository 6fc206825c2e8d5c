import { describe, expect, it } from 'vitest';
import {
  OVERSCAN_PX,
  RANGE_STEP,
  RENDER_ALL_UP_TO,
  rangeFor,
  rowAt,
  rowOffsets,
  windowPlan,
} from '../../src-renderer/state/rowWindow';
import { share, sharedMemo } from '../../src-renderer/state/share';

describe('row window', () => {
  const offsets = rowOffsets(1000, (i) => (i === 5 ? 300 : 30));

  it('places rows one after the other, with measured heights', () => {
    expect(offsets[0]).toBe(0);
    expect(offsets[5]).toBe(150);
    expect(offsets[6]).toBe(450);
    expect(offsets[1000]).toBe(999 * 30 + 300);
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 449)).toBe(5);
    expect(rowAt(offsets, 450)).toBe(6);
    expect(rowAt(offsets, 1e9)).toBe(999);
    expect(
      rowAt(
        rowOffsets(0, () => 30),
        10,
      ),
    ).toBe(-1);
  });

  it('renders the rows meeting the window and its overscan, snapped to steps', () => {
    const top = 15_000;
    const r = rangeFor(offsets, top, top + 700);
    expect(r.first % RANGE_STEP).toBe(0);
    expect((r.last + 1) % RANGE_STEP).toBe(0);
    expect(offsets[r.first] as number).toBeLessThanOrEqual(top - OVERSCAN_PX);
    expect(offsets[r.last + 1] as number).toBeGreaterThanOrEqual(top + 700 + OVERSCAN_PX);
    expect(r.last - r.first).toBeLessThan(100);
    // A grid far below or above the window renders no row of its own range.
    expect(rangeFor(offsets, -5000, -4000).last).toBeLessThan(0);
    expect(rangeFor(offsets, 1e7, 1e7 + 700).last).toBeLessThan(0);
  });

  it('renders every row of a small grid', () => {
    const small = rowOffsets(RENDER_ALL_UP_TO, () => 30);
    expect(rangeFor(small, -1e6, -1e6 + 10)).toEqual({ first: 0, last: RENDER_ALL_UP_TO - 1 });
  });

  it('stands spacers of the right height for the rows left out, and keeps pinned rows', () => {
    const plan = windowPlan(offsets, { first: 100, last: 109 }, [2, 500, 105]);
    const rows = plan.flatMap((p) => (p.kind === 'row' ? [p.index] : []));
    expect(rows).toEqual([2, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 500]);
    // The pieces add up to the whole height, so every row keeps its place on the page.
    let y = 0;
    for (const p of plan) {
      if (p.kind === 'row') {
        expect(y).toBe(offsets[p.index]);
        y += (offsets[p.index + 1] as number) - (offsets[p.index] as number);
      } else {
        expect(p.height).toBeGreaterThan(0);
        y += p.height;
      }
    }
    expect(y).toBe(offsets[1000]);
    expect(new Set(plan.map((p) => (p.kind === 'gap' ? p.key : `row-${p.index}`))).size).toBe(plan.length);
  });
});

describe('structural sharing', () => {
  const prev = {
    lines: [
      { id: 'a', cost: 1, driver: { kind: 'fixed', months: [1, 2] } },
      { id: 'b', cost: 2, driver: { kind: 'fixed', months: [3] } },
    ],
    programme: { title: 'T' },
  };

  it('gives back the previous value when nothing changed', () => {
    expect(share(prev, JSON.parse(JSON.stringify(prev)))).toBe(prev);
  });

  it('keeps what did not change, and takes what did', () => {
    const next = JSON.parse(JSON.stringify(prev));
    next.lines[1].cost = 5;
    const out = share(prev, next);
    expect(out).toEqual(next);
    expect(out).not.toBe(prev);
    expect(out.lines[0]).toBe(prev.lines[0]);
    expect(out.lines[1]).not.toBe(prev.lines[1]);
    expect(out.lines[1]?.driver).toBe(prev.lines[1]?.driver);
    expect(out.programme).toBe(prev.programme);
  });

  it('matches items by id, so an insertion does not change the items after it', () => {
    const next = JSON.parse(JSON.stringify(prev));
    next.lines.unshift({ id: 'z', cost: 9, driver: { kind: 'fixed', months: [] } });
    const out = share(prev, next);
    expect(out).toEqual(next);
    expect(out.lines[1]).toBe(prev.lines[0]);
    expect(out.lines[2]).toBe(prev.lines[1]);
  });

  it('sees removed keys and changed numbers in arrays', () => {
    const next = { lines: prev.lines, programme: {} as { title?: string } };
    expect(share(prev, next).programme).toEqual({});
    const months = { m: [1, 2, 3] };
    expect(share(months, { m: [1, 2, 4] }).m).toEqual([1, 2, 4]);
    expect(share(months, { m: [1, 2] }).m).toEqual([1, 2]);
  });

  it('memoises on its input and shares a new input with the last output', () => {
    const memo = sharedMemo<typeof prev>();
    const first = memo(prev);
    expect(memo(prev)).toBe(first);
    expect(memo(JSON.parse(JSON.stringify(prev)))).toBe(first);
    expect(memo(null)).toBeNull();
  });
});
