import { RequestAuthorised } from '@halfhour/contracts';
import { addDays, Clock, providerKeyOf, resolveMpanOnDay, settlementDayOf, settlementDayStart } from '@halfhour/domain';
import { BatchHandler, ConsumedMessage, TransientFailure } from '@halfhour/kafka';
import { claimNewMessages } from '@halfhour/persistence';
import { isViewBehind, RegistryViewRepository } from '@halfhour/registry-view';
import { createHash } from 'node:crypto';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { Acknowledgement, UserResponder } from '../responses/user-responder';
import { ScheduleRepository, ScheduleRow } from '../schedules/schedule-repository';

/**
 * What access-control authorised: 5.1 creates a schedule (its DSPScheduleID derived from the
 * request message, so a redelivery creates nothing new), 5.2 reads and 5.3 deletes the user's own
 * schedules, and an on-demand read becomes one item per settlement day, waiting for the slot placer,
 * merged with any item already there for the same data (collect once).
 */
export class AuthorisedRequestsHandler implements BatchHandler<RequestAuthorised> {
  constructor(
    private readonly items: ItemRepository,
    private readonly schedules: ScheduleRepository,
    private readonly registryView: RegistryViewRepository,
    private readonly responder: UserResponder,
    private readonly clock: Clock,
    private readonly consumerGroup: string,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<RequestAuthorised>[]): Promise<void> {
    const now = this.clock.now();
    const today = settlementDayOf(now);
    await this.items.ensurePartition(today);
    const acks: Acknowledgement[] = [];
    const notFound: RequestAuthorised[] = [];
    await this.items.dataSource.transaction(async (manager) => {
      const fresh = await claimNewMessages(manager, this.consumerGroup, messages.map((m) => m.envelope.messageId));
      const requests = messages.filter((m) => fresh.has(m.envelope.messageId)).map((m) => m.body);

      const created: ScheduleRow[] = requests.filter((r) => r.srv === '5.1' && r.schedule).map((r) => ({
        dspScheduleId: scheduleIdOf(r.requestMessageId), userId: r.userId, mpid: r.mpid, role: r.role, mpan: r.mpan, deviceId: r.deviceId,
        srv: r.dataSrv, frequency: r.schedule!.frequency, startDate: r.schedule!.startDate, endDate: r.schedule!.endDate ?? null,
        requestId: r.requestId, createdAt: new Date(r.decidedAt),
      }));
      await this.schedules.create(manager, created);
      created.forEach((s) => acks.push({ requestId: s.requestId, userId: s.userId, dspScheduleId: s.dspScheduleId, message: `schedule ${s.dspScheduleId} created: ${s.srv} daily for ${s.mpan} from ${s.startDate}` }));

      // Only this batch's new requests are answered: a redelivered 5.2 was answered the first time.
      for (const r of requests.filter((r) => r.srv === '5.2')) {
        const found = await this.schedules.ofUser(manager, r.userId, r.dspScheduleId);
        if (found.length === 0 && r.dspScheduleId) notFound.push(r);
        else acks.push({
          requestId: r.requestId, userId: r.userId, ...(r.dspScheduleId ? { dspScheduleId: r.dspScheduleId } : {}),
          message: found.map((s) => `${s.dspScheduleId}: ${s.srv} ${s.frequency} ${s.mpan} from ${s.startDate}${s.endDate ? ` to ${s.endDate}` : ''}${s.stoppedReason ? ` (stopped: ${s.stoppedReason})` : ''}`).join('; ') || 'no schedules',
        });
      }

      for (const r of requests.filter((r) => r.srv === '5.3')) {
        const [stopped] = await this.schedules.stop(manager, [r.dspScheduleId ?? ''], 'DELETED', now, r.userId);
        if (stopped) acks.push({ requestId: r.requestId, userId: r.userId, dspScheduleId: stopped.dspScheduleId, message: `schedule ${stopped.dspScheduleId} deleted` });
        else notFound.push(r);
      }

      const onDemand = requests.filter((r) => r.mode === 'ON_DEMAND' && r.days);
      const timelines = await this.registryView.timelinesOf(onDemand.map((r) => r.mpan), manager);
      const early = onDemand.filter((r) => isViewBehind(timelines.get(r.mpan), r.registryVersion));
      if (early.length > 0) {
        throw new TransientFailure('REGISTRY_VIEW_BEHIND', `the registry view has not yet read the timelines these requests were decided on: ${early.slice(0, 5).map((r) => `${r.mpan} v${r.registryVersion}`).join(', ')}${early.length > 5 ? '…' : ''}; the batch waits`);
      }
      const items: ItemRow[] = onDemand.flatMap((r) => daysOf(r.days!).flatMap((dataDay) => {
        const device = timelines.get(r.mpan) ? resolveMpanOnDay(timelines.get(r.mpan)!.timeline, dataDay).device : undefined;
        if (!device) return [];
        return [{
          planDay: today, itemKey: `${r.mpan}|${r.dataSrv}|${dataDay}`, mpan: r.mpan, deviceId: device.deviceId, provider: providerKeyOf(device.provider),
          srv: r.dataSrv, dataDay, kind: 'ON_DEMAND' as const, state: 'UNPLACED' as const, slotStart: null,
          // Registers are read now; a day's log once the day is over.
          earliest: new Date(Math.max(now.getTime(), r.dataSrv.startsWith('4.1') || r.dataSrv === '4.2' ? 0 : settlementDayStart(addDays(dataDay, 1)).getTime())),
          deadline: new Date(r.dueBy ?? now), attempt: 0,
          requesters: [{ userId: r.userId, role: r.role, mpid: r.mpid, origin: r.requestId, requestId: r.requestId }],
        }];
      }));
      // Collect once across midnight too: tomorrow's plan may already hold the same read.
      const planned = await this.items.latestPlanDayOf(manager, items.map((item) => item.itemKey), [today, addDays(today, 1)]);
      await this.items.insert(manager, items.map((item) => ({ ...item, planDay: planned.get(item.itemKey) ?? item.planDay })), 'merge');
    });

    await this.responder.acknowledge(acks, now);
    await this.responder.refuse(
      notFound.map((r) => ({ requester: { userId: r.userId, requestId: r.requestId, origin: r.requestId }, reason: 'SCHEDULE_NOT_FOUND' as const, message: `no schedule ${r.dspScheduleId ?? ''} of ${r.userId}` })),
      now,
    );
  }
}

export function scheduleIdOf(requestMessageId: string): string {
  return `DSP-${createHash('sha256').update(requestMessageId).digest('hex').slice(0, 16)}`;
}

function daysOf(days: { from: string; to: string }): string[] {
  const list: string[] = [];
  for (let day = days.from; day < days.to; day = addDays(day, 1)) list.push(day);
  return list;
}
