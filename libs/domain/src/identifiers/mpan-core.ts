/**
 * MPAN core rules (R-ID-1, R-ID-2): 13 digits, a distributor ID in the first two, and a check
 * digit over the first twelve.
 */
const CHECK_DIGIT_WEIGHTS = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43] as const;
const MPAN_CORE_PATTERN = /^\d{13}$/;

/** Public distribution network operators' IDs; IDNOs use IDs above this range. */
const GSP_GROUP_BY_DISTRIBUTOR: Readonly<Record<string, string>> = {
  '10': '_A', '11': '_B', '12': '_C', '13': '_D', '14': '_E', '15': '_F', '16': '_G',
  '17': '_P', '18': '_N', '19': '_J', '20': '_H', '21': '_K', '22': '_L', '23': '_M',
};
const FIRST_DISTRIBUTOR_ID = 10;

export type MpanCoreProblem = 'NOT_13_DIGITS' | 'UNKNOWN_DISTRIBUTOR' | 'BAD_CHECK_DIGIT';

export function mpanCheckDigit(firstTwelveDigits: string): number {
  let sum = 0;
  for (let i = 0; i < CHECK_DIGIT_WEIGHTS.length; i++) {
    sum += Number(firstTwelveDigits[i]) * CHECK_DIGIT_WEIGHTS[i];
  }
  return (sum % 11) % 10;
}

export function distributorIdOf(mpanCore: string): string {
  return mpanCore.slice(0, 2);
}

/** The GSP group of a public distributor's MPAN, or undefined for an IDNO (not in the table). */
export function gspGroupOf(mpanCore: string): string | undefined {
  return GSP_GROUP_BY_DISTRIBUTOR[distributorIdOf(mpanCore)];
}

export function findMpanCoreProblem(candidate: string): MpanCoreProblem | undefined {
  if (!MPAN_CORE_PATTERN.test(candidate)) return 'NOT_13_DIGITS';
  if (Number(distributorIdOf(candidate)) < FIRST_DISTRIBUTOR_ID) return 'UNKNOWN_DISTRIBUTOR';
  if (mpanCheckDigit(candidate.slice(0, 12)) !== Number(candidate[12])) return 'BAD_CHECK_DIGIT';
  return undefined;
}

export function isValidMpanCore(candidate: string): boolean {
  return findMpanCoreProblem(candidate) === undefined;
}

/** Builds a valid MPAN core from a distributor ID (2 digits) and a 10-digit serial. */
export function mpanCoreFrom(distributorId: string, serial: string): string {
  const firstTwelve = `${distributorId}${serial}`;
  if (!/^\d{12}$/.test(firstTwelve)) throw new RangeError(`need 2 + 10 digits, got "${firstTwelve}"`);
  return `${firstTwelve}${mpanCheckDigit(firstTwelve)}`;
}
