/**
 * The two source documents (shared/domain/sources/), cited as users read them: by title and line
 * numbers, in English or French, never by the project's own design notes. Pure.
 */
export type Language = 'en' | 'fr';

export const DOCUMENTS = {
  kp2: {
    en: 'EU-IOM Knowledge Paper #2, “Fostering and strengthening interlinkages between sustainable development and reintegration programmes”',
    fr: 'Document de connaissances n°\u00a02 de l’initiative conjointe UE-OIM, «\u00a0Fostering and strengthening interlinkages between sustainable development and reintegration programmes\u00a0»',
  },
  iom2015: {
    en: 'IOM (2015), “Reintegration: Effective Approaches”',
    fr: 'OIM (2015), «\u00a0Reintegration: Effective Approaches\u00a0»',
  },
} as const;
export type DocumentKey = keyof typeof DOCUMENTS;

/** A place in one of the documents: a line, or a range of lines (numbers of the source file). */
export interface Citation {
  doc: DocumentKey;
  from: number;
  to?: number;
}

/** "IOM (2015), “Reintegration: Effective Approaches”, line 389" / "…, ligne 389". */
export function citationText(c: Citation, lang: Language): string {
  const title = DOCUMENTS[c.doc][lang];
  const range = c.to !== undefined && c.to !== c.from;
  if (lang === 'fr') return `${title}, ${range ? `lignes ${c.from} à ${c.to}` : `ligne ${c.from}`}`;
  return `${title}, ${range ? `lines ${c.from}–${c.to}` : `line ${c.from}`}`;
}
