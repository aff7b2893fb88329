/** Device and user IDs are EUI-64s written as eight hyphen-separated upper-case hex pairs. */
const EUI64_PATTERN = /^[0-9A-F]{2}(-[0-9A-F]{2}){7}$/;

export function isValidEui64(candidate: string): boolean {
  return EUI64_PATTERN.test(candidate);
}

/** Accepts any case and separators (`:`, `-`, none) and returns the canonical form, or undefined. */
export function normaliseEui64(candidate: string): string | undefined {
  const hex = candidate.replace(/[-:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{16}$/.test(hex)) return undefined;
  return hex.match(/../g)!.join('-');
}
