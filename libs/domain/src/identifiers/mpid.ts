/** A Market Participant ID: four upper-case letters, e.g. ABCD. */
const MPID_PATTERN = /^[A-Z]{4}$/;

export function isValidMpid(candidate: string): boolean {
  return MPID_PATTERN.test(candidate);
}
