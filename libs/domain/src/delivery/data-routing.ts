import { RequestPurpose } from '../access/request-purpose';
import { MarketRole } from '../market/market-role';

/** Who a read was for, as far as where its data may go: its requester's role and the purpose it signed. */
export interface DataRequester {
  role: MarketRole;
  purpose: RequestPurpose;
}

/**
 * The roles that collect half-hourly data for settlement: the appointed Meter Data Retriever, and
 * the registered supplier retrieving its own data with its IS or ES user (the brief's R-REG-3);
 * access-control has checked the appointment or registration on the data's day.
 */
const SETTLEMENT_COLLECTORS: ReadonlySet<MarketRole> = new Set<MarketRole>(['MDR', 'IS', 'ES']);

/**
 * Where a read's data goes, by purpose (MP162; the brief's R-DIP-3). Settlement data goes to
 * Elexon's DIP: an MHHS read by a settlement collector, who is told the DIP reference it went
 * under. Every other read is its requester's own, and its values go to that requester alone and
 * never to the DIP: a supplier's business as usual, a distributor's, an Other User's. A read
 * collected once for several requesters goes to the DIP once if any of them is settlement, and
 * to each requester as that requester's own purpose says.
 */
export interface DataRouting<R extends DataRequester> {
  toDip: boolean;
  /** Told that their data is at the DIP, under its reference. */
  toldDipReference: R[];
  /** Sent the values themselves. */
  sentValues: R[];
}

export function isSettlementRead(requester: DataRequester): boolean {
  return requester.purpose === 'MHHS' && SETTLEMENT_COLLECTORS.has(requester.role);
}

export function routeData<R extends DataRequester>(requesters: readonly R[]): DataRouting<R> {
  const toldDipReference = requesters.filter(isSettlementRead);
  return { toDip: toldDipReference.length > 0, toldDipReference, sentValues: requesters.filter((requester) => !isSettlementRead(requester)) };
}
