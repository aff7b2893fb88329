import { RequestAuthorised } from '@halfhour/contracts';
import { addDays, earliestReadMs, itemKeyOf, newItemState, providerKeyOf, resolveMpanOnDay, settlementDayOf } from '@halfhour/domain';
import { TransientFailure } from '@halfhour/kafka';
import { isViewBehind, RegistryViewRepository } from '@halfhour/registry-view';
import { EntityManager } from 'typeorm';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { RequestKindHandler } from './request-kind';

/**
 * An on-demand read becomes one item per settlement day, on the meter serving the MPAN that day,
 * waiting for the slot placer, and merged with any item already there for the same data (collect
 * once), tomorrow's plan included.
 */
export class OnDemandReads implements RequestKindHandler {
  readonly kind = 'on-demand read';

  constructor(
    private readonly items: ItemRepository,
    private readonly registryView: RegistryViewRepository,
  ) {}

  accepts(request: RequestAuthorised): boolean {
    return request.mode === 'ON_DEMAND' && request.days !== undefined;
  }

  async prepare(now: Date): Promise<void> {
    await this.items.ensurePartition(settlementDayOf(now));
  }

  /** The days its items go into (today, or tomorrow where its plan holds the same read), before a schedule row is touched. */
  async lock(manager: EntityManager, _requests: readonly RequestAuthorised[], now: Date): Promise<void> {
    const today = settlementDayOf(now);
    await this.items.shareDays(manager, [today, addDays(today, 1)]);
  }

  async handle(manager: EntityManager, requests: readonly RequestAuthorised[], now: Date): Promise<void> {
    const today = settlementDayOf(now);
    const timelines = await this.registryView.timelinesOf(requests.map((r) => r.mpan), manager);
    const early = requests.filter((r) => isViewBehind(timelines.get(r.mpan), r.registryVersion));
    if (early.length > 0) {
      throw new TransientFailure('REGISTRY_VIEW_BEHIND', `the registry view has not yet read the timelines these requests were decided on: ${early.slice(0, 5).map((r) => `${r.mpan} v${r.registryVersion}`).join(', ')}${early.length > 5 ? '…' : ''}; the batch waits`);
    }
    const items: ItemRow[] = requests.flatMap((r) => daysOf(r.days!).flatMap((dataDay) => {
      const viewed = timelines.get(r.mpan);
      const device = viewed ? resolveMpanOnDay(viewed.timeline, dataDay).device : undefined;
      if (!device) return [];
      return [{
        planDay: today, itemKey: itemKeyOf({ mpan: r.mpan, srv: r.dataSrv, dataDay }), mpan: r.mpan, deviceId: device.deviceId, provider: providerKeyOf(device.provider),
        srv: r.dataSrv, dataDay, kind: 'ON_DEMAND' as const, state: newItemState(false), slotStart: null,
        earliest: new Date(earliestReadMs(r.dataSrv, dataDay, now.getTime())), deadline: new Date(r.dueBy ?? now), attempt: 0,
        requesters: [{ userId: r.userId, role: r.role, mpid: r.mpid, origin: r.requestId, requestId: r.requestId, ...(r.consentReference ? { consentReference: r.consentReference } : {}) }],
      }];
    }));
    // Collect once across midnight too: tomorrow's plan may already hold the same read.
    const planned = await this.items.latestPlanDayOf(manager, items.map((item) => item.itemKey), [today, addDays(today, 1)]);
    await this.items.addMerging(manager, items.map((item) => ({ ...item, planDay: planned.get(item.itemKey) ?? item.planDay })));
  }
}

function daysOf(days: { from: string; to: string }): string[] {
  const list: string[] = [];
  for (let day = days.from; day < days.to; day = addDays(day, 1)) list.push(day);
  return list;
}
