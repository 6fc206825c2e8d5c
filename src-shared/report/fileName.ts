/**
 * The name the desktop app proposes for a saved report: "<programme title> – report.pdf", with
 * the scenario's name when one is shown ("<title> – <scenario> – report.pdf"), in the user's
 * language. Made safe as a file name on every system (no folder separators, no characters Windows
 * refuses, no leading dot, not too long); the person can still change it in the save dialog.
 */
import type { Locale } from '../money';

const WORD: Readonly<Record<Locale, { report: string; programme: string }>> = {
  en: { report: 'report', programme: 'Programme' },
  fr: { report: 'rapport', programme: 'Programme' },
};

/** Longest part (title or scenario) kept, in characters, so the whole name stays well under 255. */
export const MAX_NAME_PART = 100;

/** A title or a scenario's name as part of a file name ('' when nothing usable is left). */
export function fileNamePart(text: string): string {
  const clean = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we drop
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  const cut = [...clean].slice(0, MAX_NAME_PART).join('').trim();
  // Windows drops trailing dots and spaces: keep the name as it will be saved.
  return cut.replace(/[. ]+$/, '');
}

export function reportFileName(title: string, scenario: string | null, locale: Locale): string {
  const words = WORD[locale];
  const parts = [fileNamePart(title) || words.programme];
  const s = scenario === null ? '' : fileNamePart(scenario);
  if (s) parts.push(s);
  parts.push(words.report);
  return `${parts.join(' – ')}.pdf`;
}
