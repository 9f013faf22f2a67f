/**
 * A share of capacity held as an exact fraction, so that "10 of 100 points"
 * is within a 10% cap and "11 of 100" is over, with no floating-point drift.
 */
export interface Share {
  numerator: number;
  denominator: number;
  /** The share as an exact percentage, for messages: "10%", "12.25%" (0.1225 reads "12.25%"). */
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
  return { ...share, text: `${percent ? trimZeros(digits) : shiftTwoPlaces(digits)}%` };
}

/** "0.125" → "12.5": a decimal fraction as a percentage, exactly. */
function shiftTwoPlaces(digits: string): string {
  const [whole, fraction = ''] = digits.split('.');
  const padded = fraction.padEnd(2, '0');
  return trimZeros(`${whole}${padded.slice(0, 2)}.${padded.slice(2)}`);
}

/** "012.50" → "12.5", "10.0" → "10". */
function trimZeros(number: string): string {
  const [whole, fraction = ''] = number.split('.');
  const trimmedWhole = whole!.replace(/^0+(?=\d)/, '');
  const trimmedFraction = fraction.replace(/0+$/, '');
  return trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole;
}

function decimalToFraction(digits: string): { numerator: number; denominator: number } {
  const [whole, fraction = ''] = digits.split('.');
  const denominator = 10 ** fraction.length;
  return { numerator: Number(whole) * denominator + Number(fraction || '0'), denominator };
}

/** `part / whole` (or a fraction, given alone) as a percentage with at most one decimal: "12.5%"; "0%" when there is no whole. */
export function formatPercent(part: number, whole = 1): string {
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
