/**
 * A line's funding split in the UI: rows of (funding source, share). An empty split means "all to
 * the main donor" (the first donor-type source). A split under 100 % is allowed and saved (the rest
 * is unfunded; the checks panel flags it); one over 100 % is refused. Pure: tested in Node. Shares stay exact decimals.
 */
import {
  cmp,
  type Locale,
  ONE,
  parsePercent,
  rationalToDecimal,
  shareToPercentString,
  sub,
  ZERO,
} from '../../../src-shared/money';
import { type Funder, type FundingShare, shareSum } from '../../../src-shared/model';
import { byPosition, mainDonor } from '../../document/order';
import type { FieldResult } from '../../shared/fields';

/** The exact sum of the shares, as a decimal string ("1" = 100 %). */
export function fundingSum(funding: readonly FundingShare[]): string {
  return rationalToDecimal(shareSum(funding)) ?? '0';
}

/** True when the split is empty (main donor) or adds up to exactly 100 %. */
export function fundingComplete(funding: readonly FundingShare[]): boolean {
  return funding.length === 0 || cmp(shareSum(funding), ONE) === 0;
}

/**
 * Adds a row: the first source (main donor first) not yet in the split, with what is left to
 * reach 100 % (0 when nothing is left). Null when every source is already in the split.
 */
export function addShare(funding: readonly FundingShare[], funders: readonly Funder[]): FundingShare[] | null {
  const used = new Set(funding.map((f) => f.funderId));
  const main = mainDonor(funders);
  const ordered = byPosition(funders);
  const candidates = main ? [main, ...ordered.filter((f) => f.id !== main.id)] : ordered;
  const next = candidates.find((f) => !used.has(f.id));
  if (!next) return null;
  const left = sub(ONE, shareSum(funding));
  const share = cmp(left, ZERO) > 0 ? (rationalToDecimal(left) ?? '0') : '0';
  return [...funding, { funderId: next.id, share }];
}

export function removeShare(funding: readonly FundingShare[], index: number): FundingShare[] {
  return funding.filter((_, i) => i !== index);
}

export function setShareFunder(funding: readonly FundingShare[], index: number, funderId: string): FundingShare[] {
  return funding.map((f, i) => (i === index ? { ...f, funderId } : f));
}

/** Parses a share typed in percent ("60", "33,5") and puts it in row `index`. */
export function setSharePercent(
  funding: readonly FundingShare[],
  index: number,
  input: string,
  locale: Locale,
): FieldResult<FundingShare[]> {
  const r = parsePercent(input, locale);
  if (!r.ok) return { ...r, context: 'rate' };
  const value = funding.map((f, i) => (i === index ? { ...f, share: r.value } : f));
  // Over 100 % the sources would pay more than the line costs: refused here, as main would.
  if (cmp(shareSum(value), ONE) > 0) return { ok: false, code: 'funding.over' };
  return { ok: true, value };
}

/** "0.6" -> "60" (fr: "33,5"). */
export function shareText(share: string, locale: Locale): string {
  return shareToPercentString(share, locale);
}

/** Sources named twice in a split (their shares would simply add up, but it is usually a slip). */
export function duplicateFunders(funding: readonly FundingShare[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const f of funding) {
    if (seen.has(f.funderId)) dup.add(f.funderId);
    seen.add(f.funderId);
  }
  return [...dup];
}
