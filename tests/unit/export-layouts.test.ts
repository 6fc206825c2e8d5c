/** The donor layouts (src-shared/export/layouts.ts) and the check of lines with no heading. */
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src-shared/checks';
import { compute } from '../../src-shared/engine';
import {
  headingOf,
  LAYOUT_IDS,
  LAYOUTS,
  type Layout,
  layoutOfProfile,
  UNMAPPED,
  unmappedCategories,
} from '../../src-shared/export';
import { CATEGORIES, type Model } from '../../src-shared/model';
import { lineBuilder, testProgramme } from './model-fixtures';

describe('donor layouts', () => {
  it.each(LAYOUT_IDS)('%s maps every category to one of its own headings', (id) => {
    const layout = LAYOUTS[id];
    expect(unmappedCategories(layout)).toEqual([]);
    const ids = new Set(layout.headings.map((h) => h.id));
    for (const c of CATEGORIES) {
      const heading = headingOf(layout, { level: 'individual', category: c });
      expect(heading === 'individual' || ids.has(heading), `${id} ${c} -> ${heading}`).toBe(true);
    }
  });

  it('have unique heading ids, and labels in English and French', () => {
    for (const id of LAYOUT_IDS) {
      const layout = LAYOUTS[id];
      expect(new Set(layout.headings.map((h) => h.id)).size).toBe(layout.headings.length);
      for (const h of layout.headings) {
        expect(h.label.en.trim()).not.toBe('');
        expect(h.label.fr.trim()).not.toBe('');
      }
    }
  });

  it('follow the donors’ headings: EU 1–6, SF-424A a.–h., FCDO without cost share', () => {
    expect(LAYOUTS.eu.headings.map((h) => h.code)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(LAYOUTS.eu.indirect.en).toMatch(/^7 /);
    expect(LAYOUTS.us.headings.map((h) => h.code)).toEqual(['a.', 'b.', 'c.', 'd.', 'e.', 'f.', 'g.', 'h.']);
    expect(LAYOUTS.us.funding).toBe('federal');
    expect(LAYOUTS.fcdo.funding).toBe('none');
    expect(headingOf(LAYOUTS.eu, { level: 'support', category: 'humanResources' })).toBe('eu1');
    expect(headingOf(LAYOUTS.us, { level: 'community', category: 'works' })).toBe('usG');
    expect(headingOf(LAYOUTS.plain, { level: 'community', category: 'works' })).toBe('community');
  });

  it('are chosen by the donor profile', () => {
    expect(layoutOfProfile('EU')).toBe('eu');
    expect(layoutOfProfile('US')).toBe('us');
    expect(layoutOfProfile('FCDO')).toBe('fcdo');
    expect(layoutOfProfile('none')).toBeNull();
  });
});

describe('the check of lines whose category has no heading in the donor layout', () => {
  const line = lineBuilder('H', { unitCost: 1000 });
  const model = (donorProfile: Model['programme']['donorProfile']): Model => ({
    programme: testProgramme({ donorProfile }),
    profiles: [],
    currencies: [],
    funders: [],
    partners: [],
    synergies: [],
    scenarios: [],
    ranges: [],
    lines: [line({ name: 'Works', category: 'works' }), line({ name: 'Staff', category: 'humanResources' })],
  });
  // A layout that lacks a heading for works (as a layout would if a category were added without one).
  const noWorks: Layout = {
    ...LAYOUTS.eu,
    categoryHeading: Object.fromEntries(Object.entries(LAYOUTS.eu.categoryHeading).filter(([c]) => c !== 'works')),
  };

  it('flags each such line of the programme’s donor layout, and only those', () => {
    const m = model('EU');
    const findings = runChecks(m, compute(m), { ...LAYOUTS, eu: noWorks }).filter((f) => f.code === 'donor.noHeading');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      group: 'donor',
      target: { kind: 'line', lineId: 'H1' },
      params: { name: 'Works', category: 'works' },
      sourceKey: 'donorLayout',
    });
    expect(headingOf(noWorks, { level: 'community', category: 'works' })).toBe(UNMAPPED);
  });

  it('says nothing with the layouts as they are, nor for a programme without donor rules', () => {
    for (const profile of ['EU', 'US', 'FCDO', 'none'] as const) {
      const m = model(profile);
      expect(runChecks(m, compute(m)).filter((f) => f.code === 'donor.noHeading')).toEqual([]);
    }
    const m = model('none');
    expect(runChecks(m, compute(m), { ...LAYOUTS, eu: noWorks }).filter((f) => f.code === 'donor.noHeading')).toEqual(
      [],
    );
  });
});
