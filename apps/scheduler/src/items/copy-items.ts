import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';
import { ItemRow } from './item-row';
import { storedRequesters } from './stored-requesters';

const COLUMNS = 'plan_day, item_key, mpan, device_id, provider, srv, data_day, kind, state, slot_start, earliest, deadline, schedule_refs, requesters';
const CHUNK_ROWS = 2000;

/**
 * Streams new items into collection_items with COPY (text format) inside the caller's transaction:
 * several times faster than INSERT for a day's plan. For rows known to be new (a fresh day); use
 * ItemRepository.insert where a row may already exist.
 */
export async function copyItems(manager: EntityManager, items: readonly ItemRow[]): Promise<void> {
  if (items.length === 0) return;
  const client = (manager.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
  await pipeline(Readable.from(lines(items)), client.query(copyFrom(`COPY collection_items (${COLUMNS}) FROM STDIN`)));
}

function* lines(items: readonly ItemRow[]): Generator<string> {
  let chunk = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const { scheduleRefs, others } = storedRequesters(item.requesters);
    chunk +=
      `${item.planDay}\t${text(item.itemKey)}\t${item.mpan}\t${item.deviceId}\t${text(item.provider)}\t${text(item.srv)}\t${item.dataDay}\t${item.kind}\t${item.state}\t` +
      `${item.slotStart ? item.slotStart.toISOString() : '\\N'}\t${item.earliest.toISOString()}\t${item.deadline.toISOString()}\t${scheduleRefs ?? '\\N'}\t${others === null ? '\\N' : text(others)}\n`;
    if ((i + 1) % CHUNK_ROWS === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** COPY's text format: backslash, tab, newline and carriage return escaped. */
function text(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}
