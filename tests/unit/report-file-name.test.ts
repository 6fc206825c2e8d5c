/** The name the desktop app proposes for a saved report (src-shared/report/fileName.ts). */
import { describe, expect, it } from 'vitest';
import { fileNamePart, MAX_NAME_PART, reportFileName } from '../../src-shared/report/fileName';

describe('reportFileName', () => {
  it('is "<programme title> – report.pdf", with the scenario shown, in the user’s language', () => {
    expect(reportFileName('Sahel Reintegration 2027', null, 'en')).toBe('Sahel Reintegration 2027 – report.pdf');
    expect(reportFileName('Sahel Reintegration 2027', 'High caseload', 'en')).toBe(
      'Sahel Reintegration 2027 – High caseload – report.pdf',
    );
    expect(reportFileName('Réintégration Sahel', '20 % d’arrivées en moins', 'fr')).toBe(
      'Réintégration Sahel – 20 % d’arrivées en moins – rapport.pdf',
    );
  });

  it('keeps no folder separator nor any character a system refuses in a file name', () => {
    const name = reportFileName('EU/IOM: "Phase 2" <draft>? *final* | v1\\2', 'a\tb\u0000c', 'en');
    expect(name).toBe('EU IOM Phase 2 draft final v1 2 – a b c – report.pdf');
    // eslint-disable-next-line no-control-regex -- control characters are what must be absent
    expect(name).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/);
  });

  it('never starts with a dot nor ends a part with dots or spaces; an empty title gives a plain name', () => {
    expect(reportFileName('...hidden', null, 'en')).toBe('hidden – report.pdf');
    expect(reportFileName('Draft...', null, 'en')).toBe('Draft – report.pdf');
    expect(reportFileName('  ', null, 'en')).toBe('Programme – report.pdf');
    expect(reportFileName('Title', ' / ', 'en')).toBe('Title – report.pdf');
  });

  it('cuts a long title so that the name stays well under the 255 characters systems allow', () => {
    const long = 'Sustainable reintegration '.repeat(20);
    expect([...fileNamePart(long)].length).toBeLessThanOrEqual(MAX_NAME_PART);
    expect(reportFileName(long, long, 'en').length).toBeLessThan(255);
  });
});
