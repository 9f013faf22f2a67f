/**
 * A share of capacity held as an exact fraction, so that "10 of 100 points"
 * is within a 10% cap and "11 of 100" is over, with no floating-point drift.
 */
export interface Share {
  numerator: number;
  denominator: number;
  /** How the policy wrote it, for messages: "10%". */
  text: string;
}

const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
const DECIMAL = /^(\d+(?:\.\d+)?)$/;

/** Parses `10%`, `12.5%`, `0.1` or `1`; returns undefined for anything else or for more than 100%. */
export function parseShare(value: unknown): Share | undefined {
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (raw === undefined || raw.includes('e')) return undefined;
  const percent = PERCENT.exec(raw);
  const decimal = percent ? undefined : DECIMAL.exec(raw);
  const digits = percent?.[1] ?? decimal?.[1];
  if (digits === undefined) return undefined;
  const { numerator, denominator } = decimalToFraction(digits);
  const share = percent
    ? { numerator, denominator: denominator * 100 }
    : { numerator, denominator };
  if (share.numerator > share.denominator) return undefined;
  return { ...share, text: formatPercent(share.numerator, share.denominator) };
}

function decimalToFraction(digits: string): { numerator: number; denominator: number } {
  const [whole, fraction = ''] = digits.split('.');
  const denominator = 10 ** fraction.length;
  return { numerator: Number(whole) * denominator + Number(fraction || '0'), denominator };
}

/** `part / whole` as a percentage with at most one decimal: "12.5%". */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const tenths = Math.round((part * 1000) / whole);
  return `${tenths / 10}%`;
}

/** True when `part / whole` is strictly greater than the share. Exact for integer inputs. */
export function exceedsShare(part: number, whole: number, share: Share): boolean {
  return part * share.denominator > share.numerator * whole;
}

/** True when `part / whole` is strictly less than the share. Exact for integer inputs. */
export function belowShare(part: number, whole: number, share: Share): boolean {
  return part * share.denominator < share.numerator * whole;
}
