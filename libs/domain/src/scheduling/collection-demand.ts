import { RequestPurpose } from '../access/request-purpose';
import { CalendarDate } from '../calendar/calendar-date';
import { MarketRole } from '../market/market-role';
import { joinRequesters } from './item-merge';
import { ProviderKey } from './provider-key';

/** Who wants a read, and why: a schedule (`DSPScheduleID`) or an on-demand request (request ID). */
export interface Requester {
  userId: string;
  role: MarketRole;
  /** The organisation the user acts for: what entitlement is checked against. */
  mpid: string;
  origin: string;
  /** The request that asked for the read (for a schedule, its 5.1). */
  requestId: string;
}

/** One data item someone is entitled to and wants read from a meter (R-SCH-1). */
export interface CollectionDemand {
  mpan: string;
  deviceId: string;
  provider: ProviderKey;
  srv: string;
  /** The settlement day of data read. */
  dataDay: CalendarDate;
  requesters: Requester[];
  /** Not before (UTC ms): the data must exist, e.g. after the end of `dataDay`. */
  earliestMs: number;
  /** Answered by (UTC ms): the TRT from when it became due. */
  deadlineMs: number;
  /** What the data is for (a schedule's purpose); MHHS when not said. */
  purpose?: RequestPurpose;
}

/** What placing a demand in a slot needs of it: its provider, its window and (for the lane) its purpose. */
export type PlacementDemand = Pick<CollectionDemand, 'provider' | 'earliestMs' | 'deadlineMs' | 'purpose'>;

/** The identity of a data item: the same MPAN, SRV and day is read once (R-SCH-6). */
export function itemKeyOf(demand: Pick<CollectionDemand, 'mpan' | 'srv' | 'dataDay'>): string {
  return `${demand.mpan}|${demand.srv}|${demand.dataDay}`;
}

/**
 * Collect once (R-SCH-6, NFR-2): demands for the same data item become one read for all their
 * requesters, due when the latest of them may start and by the earliest of their deadlines; it is
 * a BAU read only if every demand is (a read wanted for MHHS keeps to the MHHS rules).
 */
export function collectOnce(demands: readonly CollectionDemand[]): CollectionDemand[] {
  const merged = new Map<string, CollectionDemand>();
  for (const demand of demands) {
    const key = itemKeyOf(demand);
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...demand, requesters: [...demand.requesters] });
      continue;
    }
    seen.requesters = joinRequesters(seen.requesters, demand.requesters);
    seen.earliestMs = Math.max(seen.earliestMs, demand.earliestMs);
    seen.deadlineMs = Math.min(seen.deadlineMs, demand.deadlineMs);
    if (seen.purpose === 'BAU' && demand.purpose !== 'BAU') seen.purpose = demand.purpose;
  }
  return [...merged.values()];
}
