import { RequestAuthorised } from '@halfhour/contracts';
import { addDays, CalendarDate, DEFAULT_PURPOSE, earliestReadMs, itemKeyOf, MpanTimeline, newItemState, providerKeyOf, resolveMpanOnDay } from '@halfhour/domain';
import { EntityManager } from 'typeorm';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';

/** How many data days of one request become items in one transaction. */
export const ON_DEMAND_CHUNK_DAYS = 31;

/**
 * The data days a request may still read, from `from`, a chunk at most: never past today, whatever
 * the period says (no meter holds tomorrow's data, and access-control refuses such periods).
 */
export function chunkOfDays(request: RequestAuthorised, from: CalendarDate, today: CalendarDate): { days: CalendarDate[]; next?: CalendarDate } {
  const end = request.days!.to < addDays(today, 1) ? request.days!.to : addDays(today, 1);
  const days: CalendarDate[] = [];
  let day = from;
  for (; day < end && days.length < ON_DEMAND_CHUNK_DAYS; day = addDays(day, 1)) days.push(day);
  return day < end ? { days, next: day } : { days };
}

/** One item per day, on the meter serving the MPAN that day; none for a day without one. */
export function onDemandItemsOf(request: RequestAuthorised, days: readonly CalendarDate[], timeline: MpanTimeline | undefined, today: CalendarDate, now: Date): ItemRow[] {
  return days.flatMap((dataDay) => {
    const device = timeline ? resolveMpanOnDay(timeline, dataDay).device : undefined;
    if (!device) return [];
    return [{
      planDay: today, itemKey: itemKeyOf({ mpan: request.mpan, srv: request.dataSrv, dataDay }), mpan: request.mpan, deviceId: device.deviceId, provider: providerKeyOf(device.provider),
      srv: request.dataSrv, dataDay, kind: 'ON_DEMAND' as const, state: newItemState(false), slotStart: null,
      earliest: new Date(earliestReadMs(request.dataSrv, dataDay, now.getTime())), deadline: new Date(request.dueBy ?? now), attempt: 0,
      requesters: [{
        userId: request.userId, role: request.role, mpid: request.mpid, origin: request.requestId, requestId: request.requestId, purpose: request.purpose ?? DEFAULT_PURPOSE,
        ...(request.consentReference ? { consentReference: request.consentReference } : {}),
      }],
    }];
  });
}

/** Adds items merged with any already there for the same data (collect once), tomorrow's plan included. */
export async function addOnDemandItems(items: ItemRepository, manager: EntityManager, rows: readonly ItemRow[], today: CalendarDate): Promise<void> {
  const planned = await items.latestPlanDayOf(manager, rows.map((item) => item.itemKey), [today, addDays(today, 1)]);
  await items.addMerging(manager, rows.map((item) => ({ ...item, planDay: planned.get(item.itemKey) ?? item.planDay })));
}
