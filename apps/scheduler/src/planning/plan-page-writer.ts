import { addDays, DaySlots, itemKeyOf, newItemState, scheduledClassKeyOf, scheduledLaneOf, SlotDispenser } from '@halfhour/domain';
import { EntityManager } from 'typeorm';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { UserResponder } from '../responses/user-responder';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { DayDemandPages, DemandPage } from './day-demand-pages';

/**
 * Writes one page of a day's plan inside the plan's transaction: each merged demand becomes an
 * item in the slot its class gives it next (a new item, or merged into an on-demand item already in
 * the day), and the page's schedules no longer entitled stop, their users told why.
 */
export class PlanPageWriter {
  constructor(
    private readonly pages: Pick<DayDemandPages, 'placementOf'>,
    private readonly items: Pick<ItemRepository, 'existingKeys' | 'addMerging' | 'addNew'>,
    private readonly schedules: Pick<ScheduleRepository, 'stop'>,
    private readonly responder: UserResponder,
  ) {}

  /** Answers the page's items. */
  async write(manager: EntityManager, planDay: string, page: DemandPage, given: SlotDispenser, slots: DaySlots, now: Date): Promise<ItemRow[]> {
    const rows = page.merged.map((demand): ItemRow => {
      const slot = given.take(scheduledClassKeyOf(this.pages.placementOf(demand)));
      return {
        planDay,
        itemKey: itemKeyOf(demand),
        mpan: demand.mpan,
        deviceId: demand.deviceId,
        provider: demand.provider,
        srv: demand.srv,
        dataDay: demand.dataDay,
        kind: scheduledLaneOf(demand.purpose),
        state: newItemState(slot >= 0),
        slotStart: slot >= 0 ? new Date(slots.starts[slot]) : null,
        earliest: new Date(demand.earliestMs),
        deadline: new Date(demand.deadlineMs),
        attempt: 0,
        requesters: demand.requesters as ItemRow['requesters'],
      };
    });
    // The day's scheduled items are new (no plan stood); on-demand items already in the day are merged with.
    const existing = await this.items.existingKeys(manager, planDay, rows.map((r) => r.itemKey));
    await this.items.addMerging(manager, rows.filter((r) => existing.has(r.itemKey)));
    const added = rows.filter((r) => !existing.has(r.itemKey));
    await this.items.addNew(manager, added);
    await this.stopLost(manager, planDay, page.notEntitled, now);
    await this.tellNotPlaced(manager, planDay, added.filter((r) => r.slotStart === null), now);
    return rows;
  }

  /** Each requester of a read the plan found no slot for hears so now, not first at its deadline (E44, pending). */
  private async tellNotPlaced(manager: EntityManager, planDay: string, unplaced: readonly ItemRow[], now: Date): Promise<void> {
    await this.responder.refuse(manager, unplaced.flatMap((item) => item.requesters.map((requester) => ({
      requester,
      reason: 'NOT_PLACED' as const,
      message: `${item.srv} data of ${item.mpan} for ${item.dataDay}: the plan of ${planDay} has no slot for it within ${item.provider}'s capacity; it waits for one until ${new Date(item.deadline).toISOString()}`,
    }))), now);
  }

  private async stopLost(manager: EntityManager, planDay: string, lost: DemandPage['notEntitled'], now: Date): Promise<void> {
    for (const loss of ['ENTITLEMENT_ENDED', 'RESERVED_TO_MDR'] as const) {
      await this.schedules.stop(manager, lost.filter((s) => s.loss === loss).map((s) => s.dspScheduleId), loss, now);
    }
    await this.responder.refuse(manager, lost.map((s) => ({
      requester: { userId: s.userId, requestId: s.requestId, origin: s.dspScheduleId },
      reason: s.loss,
      message: `${s.mpid} may no longer have ${s.srv} data of ${s.mpan} from ${addDays(planDay, -1)}${s.loss === 'RESERVED_TO_MDR' ? ' (TRT policy MDR_ONLY: HH profiles are retrieved through the MDR)' : ''}; schedule ${s.dspScheduleId} has stopped`,
    })), now);
  }
}
