import { ITEM_OUTCOMES } from '@halfhour/domain';
import { HourRow } from './provider-hours';

/** Items of a plan day of one provider, kind and state: how many, how many within their TRT, reads sent for them and of those sent again. */
export interface OutcomeRow { provider: string; kind: string; state: string; items: number; withinTrt: number; dispatches: number; resent: number }
/** Items of a plan day one requester had, by kind and state. */
export interface RequesterOutcomeRow { userId: string; role: string; mpid: string; kind: string; state: string; items: number }

/**
 * How the report counts reads, by the kind of item: a backstop is a read sent again after a
 * failure (its first kind, scheduled or on demand, is not kept), so it is counted on its own.
 */
export const READ_GROUPS = { scheduled: ['SCHEDULED'], onDemand: ['ON_DEMAND'], backstop: ['BACKSTOP'], bau: ['BAU'] } as const;
export type ReadGroup = keyof typeof READ_GROUPS;

export interface ReadFigures {
  items: number;
  delivered: number;
  stopped: number;
  expired: number;
  /** Not final yet: planned, sent, failed and waiting, or waiting for a slot. */
  unfinished: number;
  withinTrt: number;
  /** Delivered of those still wanted when they ran (stopped ones left out); null with none. */
  successRate: number | null;
  /** Delivered within the TRT of those still wanted; null with none. */
  trtCompliance: number | null;
  dispatches: number;
  resent: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** Item rows as any part of the report has them (a requester's have no timing). */
type CountedRow = Pick<OutcomeRow, 'state' | 'items'> & Partial<Pick<OutcomeRow, 'withinTrt' | 'dispatches' | 'resent'>>;

/** The figures of a set of item rows. */
export function readFigures(rows: readonly CountedRow[]): ReadFigures {
  const sum = (pick: (row: CountedRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const inState = (state: string) => sum((row) => (row.state === state ? row.items : 0));
  const items = sum((row) => row.items);
  const [delivered, stopped, expired] = [inState(ITEM_OUTCOMES.delivered), inState(ITEM_OUTCOMES.stopped), inState(ITEM_OUTCOMES.expired)];
  const withinTrt = sum((row) => row.withinTrt ?? 0);
  return {
    items, delivered, stopped, expired, unfinished: items - delivered - stopped - expired, withinTrt,
    successRate: ratio(delivered, items - stopped), trtCompliance: ratio(withinTrt, items - stopped),
    dispatches: sum((row) => row.dispatches ?? 0), resent: sum((row) => row.resent ?? 0),
  };
}

/** Each read group's figures of a set of rows. */
export function byReadGroup<Row extends CountedRow & { kind: string }>(rows: readonly Row[]): Record<ReadGroup, ReadFigures> {
  const entries = Object.entries(READ_GROUPS).map(([group, kinds]) => [group, readFigures(rows.filter((row) => (kinds as readonly string[]).includes(row.kind)))]);
  return Object.fromEntries(entries) as Record<ReadGroup, ReadFigures>;
}

/** A provider's day: its reads by group and over all, and how much of its MHHS capacity its busiest hour used. */
export function providerFigures(provider: string, outcomes: readonly OutcomeRow[], hours: readonly HourRow[]) {
  const rows = outcomes.filter((row) => row.provider === provider);
  const mhhsHours = hours.filter((h) => h.provider === provider && h.mhhsCapacity > 0);
  const peak = Math.max(0, ...mhhsHours.map((h) => (h.plannedScheduled + h.plannedOnDemand) / h.mhhsCapacity));
  return {
    provider,
    reads: byReadGroup(rows),
    all: readFigures(rows),
    mhhsReadsInDay: mhhsHours.reduce((total, h) => total + h.mhhsCapacity, 0),
    peakHourUtilisation: ratio(peak * 10_000, 10_000),
    headroom: ratio((1 - peak) * 10_000, 10_000),
  };
}

/** Each requester's day, on-demand use first (AIMDA, OVO: on-demand use and its success per user). */
export function requesterFigures(rows: readonly RequesterOutcomeRow[]) {
  const users = [...new Map(rows.map((row) => [row.userId, { userId: row.userId, role: row.role, mpid: row.mpid }])).values()];
  return users
    .map((user) => ({ ...user, reads: byReadGroup(rows.filter((row) => row.userId === user.userId)) }))
    .sort((a, b) => b.reads.onDemand.items - a.reads.onDemand.items || a.userId.localeCompare(b.userId));
}
