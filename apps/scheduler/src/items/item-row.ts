import { ReadKind } from '@halfhour/contracts';
import { ItemState } from '@halfhour/domain';
import { requestersColumn, StoredRequester } from './stored-requesters';

/** A collection item as stored: one data item of one plan day. */
export interface ItemRow {
  planDay: string;
  itemKey: string;
  mpan: string;
  deviceId: string;
  provider: string;
  srv: string;
  dataDay: string;
  kind: ReadKind;
  state: ItemState;
  slotStart: Date | null;
  earliest: Date;
  deadline: Date;
  attempt: number;
  requesters: StoredRequester[];
  failureReason?: string | null;
  dispatchedAt?: Date | null;
}

export interface ItemRef {
  planDay: string;
  itemKey: string;
}

/** The SELECT / RETURNING list that reads an ItemRow, its columns qualified by `alias` where given. */
export function itemColumns(alias?: string): string {
  const c = (column: string) => (alias ? `${alias}.${column}` : column);
  return `${c('plan_day')}::text AS "planDay", ${c('item_key')} AS "itemKey", ${c('mpan')} AS mpan, ${c('device_id')} AS "deviceId",
    ${c('provider')} AS provider, ${c('srv')} AS srv, ${c('data_day')}::text AS "dataDay", ${c('kind')} AS kind, ${c('state')} AS state,
    ${c('slot_start')} AS "slotStart", ${c('earliest')} AS earliest, ${c('deadline')} AS deadline, ${c('attempt')} AS attempt,
    ${requestersColumn(alias)} AS requesters, ${c('failure_reason')} AS "failureReason", ${c('dispatched_at')} AS "dispatchedAt"`;
}

export interface ItemChanges {
  slotStart?: Date;
  kind?: string;
  failureReason?: string;
  at?: Date;
  /** Only if the item is still at this attempt (a late failure of an earlier attempt changes nothing). */
  attempt?: number;
}
