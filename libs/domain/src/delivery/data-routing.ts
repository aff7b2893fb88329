import { RequestPurpose } from '../access/request-purpose';
import { MarketRole } from '../market/market-role';

/** Who a read was for, as far as where its data may go: its requester's role and the purpose it signed. */
export interface DataRequester {
  role: MarketRole;
  purpose: RequestPurpose;
}

/**
 * Where a read's data goes, by purpose (MP162; the brief's R-DIP-3). Settlement data goes to
 * Elexon's DIP: an MHHS read for a Meter Data Retriever, whose appointment on that day
 * access-control has checked, and that requester is told where it went. Every other read — a
 * supplier's business as usual, a distributor's, an Other User's — is its requester's own: the
 * values go to it alone and never to the DIP. A read collected once for several requesters goes
 * to the DIP once if any of them is settlement, and to each of them as its own purpose says.
 */
export interface DataRouting<R extends DataRequester> {
  toDip: boolean;
  /** Told that their data is at the DIP, under its reference. */
  toldDipReference: R[];
  /** Sent the values themselves. */
  sentValues: R[];
}

export function isSettlementRead(requester: DataRequester): boolean {
  return requester.role === 'MDR' && requester.purpose === 'MHHS';
}

export function routeData<R extends DataRequester>(requesters: readonly R[]): DataRouting<R> {
  const toldDipReference = requesters.filter(isSettlementRead);
  return { toDip: toldDipReference.length > 0, toldDipReference, sentValues: requesters.filter((requester) => !isSettlementRead(requester)) };
}
