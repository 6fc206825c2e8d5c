/**
 * A first guess of which column fills which field, from the headings, in English and French.
 * The person sees the guess and corrects it before anything is checked.
 *
 * Decision: headings are compared without case, accents, punctuation or what is in brackets
 *   ("Coût unitaire (EUR)" reads "cout unitaire"). A heading equal to a known name wins first;
 *   then a heading that contains a known name as whole words ("Unit cost per kit"), the longest
 *   names first so that "unit cost" is not taken for "unit". Each column fills at most one field,
 *   each field at most one column (the first that matches). Headings about a total or a driver
 *   ("Total (EUR)", "Quantity driver") are never guessed: they are not values a line is made of.
 */
import { type ImportField, type ImportMapping } from './fields';

/** Known headings of each field, written as normalise() gives them. */
const SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  name: [
    'name',
    'line',
    'line name',
    'budget line',
    'item',
    'activity',
    'cost item',
    'intitule',
    'libelle',
    'nom',
    'ligne',
    'ligne budgetaire',
    'designation',
    'poste',
    'activite',
  ],
  category: ['category', 'cost category', 'budget category', 'heading', 'categorie', 'rubrique'],
  dimension: ['dimension', 'primary dimension', 'dimension principale'],
  modality: ['modality', 'modalite', 'delivery modality'],
  unitLabel: ['unit', 'unit label', 'unit of measure', 'uom', 'unite', 'unite de mesure'],
  unitCost: [
    'unit cost',
    'cost per unit',
    'unit price',
    'price per unit',
    'unit rate',
    'cout unitaire',
    'cout par unite',
    'prix unitaire',
  ],
  currency: ['currency', 'ccy', 'devise', 'monnaie'],
  quantity: [
    'quantity',
    'qty',
    'number of units',
    'no of units',
    'units',
    'quantite',
    'qte',
    'nombre d unites',
    'nombre',
  ],
  schedule: ['schedule', 'frequency', 'timing', 'calendrier', 'frequence', 'periodicite'],
  start: ['first month', 'start month', 'start', 'from', 'premier mois', 'mois de debut', 'debut'],
  end: ['last month', 'end month', 'end', 'to', 'dernier mois', 'mois de fin', 'fin'],
  justification: [
    'justification',
    'rationale',
    'description',
    'notes',
    'note',
    'comment',
    'comments',
    'commentaire',
    'commentaires',
  ],
  eligibleIndirect: [
    'eligible for indirect costs',
    'eligible for indirect cost',
    'indirect eligible',
    'eligible aux couts indirects',
    'eligibilite couts indirects',
  ],
  eligibleContingency: [
    'eligible for contingency',
    'contingency eligible',
    'eligible a la provision pour imprevus',
    'eligible a la reserve pour imprevus',
    'eligible aux imprevus',
    'eligibilite imprevus',
  ],
};

/** Words that make a heading a derived figure, never a field (see the Decision above). */
const NEVER = /\b(total|totaux|driver|inducteur|amount|montant)\b/;

/** "Coût unitaire (EUR)" -> "cout unitaire": lower case, no accents, no brackets, no punctuation. */
export function normaliseHeading(heading: string): string {
  return heading
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The guessed column of each field found in the headings. */
export function guessMapping(headers: readonly string[]): ImportMapping {
  const norm = headers.map(normaliseHeading);
  const mapping: ImportMapping = {};
  const taken = new Set<number>();
  const fields = Object.keys(SYNONYMS) as ImportField[];
  const assign = (field: ImportField, col: number): void => {
    mapping[field] = col;
    taken.add(col);
  };
  // Exact headings first.
  for (const field of fields) {
    const col = norm.findIndex((h, i) => !taken.has(i) && h !== '' && SYNONYMS[field].includes(h));
    if (col >= 0 && !NEVER.test(norm[col] ?? '')) assign(field, col);
  }
  // Then headings holding a known name as whole words, longest names first.
  const names = fields
    .flatMap((field) => SYNONYMS[field].map((name) => ({ field, name })))
    .filter(({ name }) => name.length >= 5)
    .sort((a, b) => b.name.length - a.name.length);
  for (const { field, name } of names) {
    if (mapping[field] !== undefined) continue;
    const re = new RegExp(`(^| )${name}( |$)`);
    const col = norm.findIndex((h, i) => !taken.has(i) && !NEVER.test(h) && re.test(h));
    if (col >= 0) assign(field, col);
  }
  return mapping;
}
