/**
 * Half-hourly data consent (R-REG-5, Ofgem 2019). Where HH data is not permitted, only daily
 * register data may be retrieved.
 * - DOMESTIC_OPTED_IN: a domestic consumer under the new framework who has not opted out.
 * - DOMESTIC_OPTED_OUT: a domestic consumer who opted out: daily data only.
 * - DOMESTIC_LEGACY_OPTED_IN: a legacy contract whose consumer opted in.
 * - DOMESTIC_LEGACY_NOT_OPTED_IN: a legacy contract without opt-in: daily data only.
 * - MICROBUSINESS: no opt-out.
 */
export const HH_CONSENT_STATUSES = [
  'DOMESTIC_OPTED_IN',
  'DOMESTIC_OPTED_OUT',
  'DOMESTIC_LEGACY_OPTED_IN',
  'DOMESTIC_LEGACY_NOT_OPTED_IN',
  'MICROBUSINESS',
] as const;

export type HhConsentStatus = (typeof HH_CONSENT_STATUSES)[number];

export const HH_PERMITTED_STATUSES: readonly HhConsentStatus[] = ['DOMESTIC_OPTED_IN', 'DOMESTIC_LEGACY_OPTED_IN', 'MICROBUSINESS'];

const HH_PERMITTED: ReadonlySet<HhConsentStatus> = new Set(HH_PERMITTED_STATUSES);

/** With no consent record for a day we do not know the customer's framework, so HH is not permitted. */
export function isHhPermitted(status: HhConsentStatus | undefined): boolean {
  return status !== undefined && HH_PERMITTED.has(status);
}
