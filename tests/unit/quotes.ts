/**
 * Quotations in justifications, checked against the source documents (../shared/domain/sources,
 * beside the repository): every quoted fragment must be found, word for word, in the lines cited
 * right after it. Used by the sample's and the templates' tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const sources = fileURLToPath(new URL('../../../shared/domain/sources/', import.meta.url));
const KP2_FILE = `${sources}knowledge-paper-2-development-and-reintegration.txt`;
const R2015_FILE = `${sources}reintegration-effective-approaches-2015.md`;

/** The sources are present (they live outside the repository). */
export const SOURCES_PRESENT = existsSync(KP2_FILE) && existsSync(R2015_FILE);

export function sourceLines(): { kp2: string[]; r2015: string[] } {
  return { kp2: readFileSync(KP2_FILE, 'utf8').split('\n'), r2015: readFileSync(R2015_FILE, 'utf8').split('\n') };
}

function norm(s: string): string {
  return s
    .replace(/<sup>.*?<\/sup>/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}

/** Checks every quotation of every text; returns how many fragments it checked. */
export function checkQuotations(texts: readonly { id: string; text: string }[]): number {
  const text = sourceLines();
  let checked = 0;
  for (const { id, text: j } of texts) {
    for (const m of j.matchAll(/"([^"]+)"/g)) {
      const rest = j.slice((m.index ?? 0) + m[0].length);
      const cite =
        /\((Knowledge Paper #2|Reintegration: Effective approaches \(IOM 2015\)),.{0,40}?L(\d+)(?:-(\d+))?/.exec(rest);
      expect(cite, `${id}: "${m[1]}" has no citation after it`).not.toBeNull();
      if (!cite) continue;
      const src = cite[1] === 'Knowledge Paper #2' ? text.kp2 : text.r2015;
      const from = Number(cite[2]);
      const to = cite[3] ? Number(cite[3]) : from;
      const cited = norm(src.slice(from - 1, to).join(' '));
      for (const fragment of (m[1] ?? '').split('…').map(norm).filter(Boolean)) {
        expect(cited.includes(fragment), `${id}: "${fragment}" not in L${from}-${to}`).toBe(true);
        checked++;
      }
    }
  }
  return checked;
}
