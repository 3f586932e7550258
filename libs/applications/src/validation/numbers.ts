/**
 * Decimal numbers as text, compared exactly: amounts (总投资 in 万元, areas in
 * m²) are stored and sent as written, never through a binary float.
 */

/** Optional sign, digits (optionally grouped by commas in threes: 1,234,567), optional fraction. */
const DECIMAL = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

export interface ParsedDecimal {
  readonly negative: boolean;
  /** Digits before the point, no leading zeros ('0' for none). */
  readonly whole: string;
  /** Digits after the point, no trailing zeros ('' for none). */
  readonly fraction: string;
}

/** Reads a decimal numeral, or null if it is not one (no exponents, no bare points). */
export function parseDecimal(text: string): ParsedDecimal | null {
  const m = DECIMAL.exec(text);
  if (m === null) return null;
  const whole = m[2].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const zero = whole === '0' && fraction === '';
  return { negative: m[1] === '-' && !zero, whole, fraction };
}

/** The canonical text: `-12.5`, `0`, `1234` — no plus sign, grouping, or insignificant zeros. */
export function formatDecimal(n: ParsedDecimal): string {
  return `${n.negative ? '-' : ''}${n.whole}${n.fraction === '' ? '' : `.${n.fraction}`}`;
}

/** a < b: -1, a = b: 0, a > b: 1, exactly. */
export function compareDecimal(a: ParsedDecimal, b: ParsedDecimal): number {
  const scale = Math.max(a.fraction.length, b.fraction.length);
  const scaled = (n: ParsedDecimal) =>
    BigInt(n.whole + n.fraction.padEnd(scale, '0')) * (n.negative ? -1n : 1n);
  const x = scaled(a);
  const y = scaled(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A catalogue bound (a JSON number) as a decimal. The catalogue check makes
 * sure bounds print without an exponent, so `String` gives the exact digits.
 */
export function decimalOfNumber(n: number): ParsedDecimal {
  const parsed = parseDecimal(String(n));
  if (parsed === null) throw new RangeError(`${n} is not a plain decimal number`);
  return parsed;
}
