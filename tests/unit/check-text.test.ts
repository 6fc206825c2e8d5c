/**
 * The checks' sentences (src-shared/checks/text): every finding code has one in English and in
 * French, every placeholder is filled by the parameters the checks actually give, the French
 * follows French typography, and the renderer shows the same copy.
 */
import { describe, expect, it } from 'vitest';
import {
  CHECK_TEXTS,
  checkWordsFr,
  countFindings,
  countsSentence,
  diagnosticsFr,
  FINDING_CODES,
  findingPlace,
  findingSentence,
  findingSource,
  findingsFr,
  profileKindsFr,
} from '../../src-shared/checks/text';
import { compute } from '../../src-shared/engine';
import type { Locale } from '../../src-shared/money';
import { translate } from '../../src-renderer/i18n';
import { sampleModel } from '../../src-main/sample/sample-model';
import { broken, otherDonors, principleBreakers, runChecks } from './check-models';

const LOCALES: readonly Locale[] = ['en', 'fr'];
const models = [sampleModel(), broken(), ...otherDonors(), ...principleBreakers()];
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('the checks speak both languages', () => {
  it('has a sentence for every check and diagnostic code, with the same placeholders in English and French', () => {
    for (const code of FINDING_CODES) {
      const en = CHECK_TEXTS.en.sentences[code];
      const fr = CHECK_TEXTS.fr.sentences[code];
      expect(en, code).toBeTruthy();
      expect(fr, code).toBeTruthy();
      expect([...new Set(placeholders(fr))], code).toEqual([...new Set(placeholders(en))]);
    }
  });

  it('fills every placeholder from what the checks emit, on the sample and on crafted programmes', () => {
    const reached = new Set<string>();
    for (const model of models) {
      for (const f of runChecks(model, compute(model))) {
        reached.add(f.code);
        for (const locale of LOCALES) {
          for (const text of [
            findingSentence(f, model, locale),
            findingPlace(f, model, locale),
            findingSource(f, locale),
          ]) {
            expect(text, `${f.code} (${locale}): ${text}`).not.toMatch(/\{\w+\}/);
            expect(text, `${f.code} (${locale})`).not.toContain(f.code);
            expect(text, `${f.code} (${locale})`).not.toMatch(/\b(profile\.kind|checks\.conversion)\./);
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...FINDING_CODES].sort());
  });

  it('writes French with a no-break space before : ; ? ! % and inside « »', () => {
    const texts = [
      ...Object.values(findingsFr),
      ...Object.values(diagnosticsFr),
      ...Object.values(checkWordsFr),
      ...Object.values(profileKindsFr),
    ];
    for (const model of models) {
      for (const f of runChecks(model, compute(model))) {
        texts.push(findingSentence(f, model, 'fr'), findingPlace(f, model, 'fr'), findingSource(f, 'fr'));
      }
    }
    for (const s of texts) {
      expect(s, s).not.toMatch(/ [:;?!%»]/);
      expect(s, s).not.toMatch(/«[^\u00a0]/);
      expect(s, s).not.toMatch(/[^\u00a0]»/);
    }
  });

  it('names the place: the line and its level, the setting, the profile, the funding source', () => {
    const model = broken();
    const findings = runChecks(model, compute(model));
    const places = (locale: Locale) => findings.map((f) => findingPlace(f, model, locale));
    expect(places('fr').some((p) => /^ligne «\u00a0.+\u00a0» \((individuel|communautaire|structurel)/.test(p))).toBe(
      true,
    );
    expect(places('fr')).toContain('réglage «\u00a0taux de coûts indirects\u00a0»');
    expect(places('en')).toContain('setting “indirect cost rate”');
    expect(places('en').some((p) => p.startsWith('funding source “'))).toBe(true);
    expect(countsSentence(countFindings(findings), 'fr')).toMatch(
      /^\d+ erreurs? · \d+ avertissements? · \d+ remarques?$/,
    );
  });

  it('is the one copy the renderer shows', () => {
    expect(translate('fr', 'checks.funder.ceilingExceeded')).toBe(findingsFr['funder.ceilingExceeded']);
    expect(translate('fr', 'checks.funding.sum')).toBe(diagnosticsFr['funding.sum']);
    expect(translate('fr', 'checks.count.note.other')).toBe(checkWordsFr['count.note.other']);
    expect(translate('fr', 'profile.kind.child')).toBe(profileKindsFr.child);
  });
});
