import { mpanCheckDigit } from '@halfhour/domain';

/** Thirteen digits on their own: an MPAN core, if its check digit says so. */
const THIRTEEN_DIGITS = /(?<!\d)(\d{2})(\d{10})(\d)(?!\d)/g;

/**
 * A log line with every MPAN core masked but its distributor ID (`12***********`): an MPAN is an
 * address's meter, personal data that logs — shipped, kept and read widely — must not hold. Only
 * digits that pass the MPAN check digit are masked, so most other 13-digit numbers (an epoch in
 * milliseconds) stay as they were. Correlation and message IDs identify a line's work instead.
 */
export function redactMpans(line: string): string {
  return line.replace(THIRTEEN_DIGITS, (whole, distributor: string, serial: string, check: string) =>
    mpanCheckDigit(`${distributor}${serial}`) === Number(check) ? `${distributor}***********` : whole);
}

/** A log destination that writes every line with its MPANs masked. */
export function mpanRedactingStream(inner: { write(line: string): unknown }): { write(line: string): unknown } {
  return { write: (line: string) => inner.write(redactMpans(line)) };
}
