import { MarketRole } from '../market/market-role';

/**
 * What a request's data is for (REQ-3, answered by a new DUIS version rather than a flag in the
 * old one): MHHS settlement, or the user's business as usual. A request in the old version has no
 * purpose and is MHHS, as before. The purpose decides the lane a schedule's reads take: BAU
 * schedules use their own share of each slot and may run in 00:00–06:00, the existing read window.
 */
export const REQUEST_PURPOSES = ['MHHS', 'BAU'] as const;
export type RequestPurpose = (typeof REQUEST_PURPOSES)[number];

export const DEFAULT_PURPOSE: RequestPurpose = 'MHHS';

/** The MDR role exists to retrieve data for settlement: it has no business-as-usual purpose. */
export function purposeAllowed(role: MarketRole, purpose: RequestPurpose): boolean {
  return !(role === 'MDR' && purpose === 'BAU');
}
