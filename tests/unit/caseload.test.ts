import { describe, expect, it } from 'vitest';
import { arrivalsPerMonth, profileCaseload } from '../../src-shared/engine/caseload';
import { defaultProfileFields, type Profile } from '../../src-shared/model/caseload';

function profile(over: Partial<Profile>): Profile {
  return { ...defaultProfileFields('adult', 'Adults', 24), id: 'p1', position: 0, ...over };
}

describe('arrivals per month', () => {
  it('even: 100 arrivals over months 1..3 → 34, 33, 33 (largest remainder)', () => {
    expect(arrivalsPerMonth(profile({ arrivals: 100, arrivalStart: 1, arrivalEnd: 3 }), 6)).toEqual([
      34, 33, 33, 0, 0, 0,
    ]);
  });
  it('front-loaded: 60 over 3 months, weights 3:2:1 → 30, 20, 10', () => {
    expect(arrivalsPerMonth(profile({ arrivals: 60, pattern: 'front', arrivalStart: 1, arrivalEnd: 3 }), 3)).toEqual([
      30, 20, 10,
    ]);
  });
  it('back-loaded: 60 over months 2..4, weights 1:2:3 → 10, 20, 30', () => {
    expect(arrivalsPerMonth(profile({ arrivals: 60, pattern: 'back', arrivalStart: 2, arrivalEnd: 4 }), 5)).toEqual([
      0, 10, 20, 30, 0,
    ]);
  });
  it('explicit: takes the typed numbers, clipped to the programme', () => {
    expect(arrivalsPerMonth(profile({ pattern: 'explicit', monthly: [5, 0, 7, 9] }), 3)).toEqual([5, 0, 7]);
  });
  it('window beyond the programme: arrivals fall inside it only, still adding up', () => {
    const a = arrivalsPerMonth(profile({ arrivals: 10, arrivalStart: 3, arrivalEnd: 10 }), 4);
    expect(a).toEqual([0, 0, 5, 5]);
  });
});

describe('active cases and cumulative', () => {
  it('a case is active in its arrival month and the next duration-1 months', () => {
    // 10 arrive in month 1, 20 in month 2; duration 2 → active 10, 30, 20, 0
    const c = profileCaseload(profile({ pattern: 'explicit', monthly: [10, 20], durationMonths: 2 }), 4);
    expect(c.active).toEqual([10, 30, 20, 0]);
    expect(c.cumulative).toEqual([10, 30, 30, 30]);
    expect(c.totalArrivals).toBe(30);
  });
});
