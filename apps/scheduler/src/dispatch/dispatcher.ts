import { ReadCommand, RequesterDto, Topics } from '@halfhour/contracts';
import { addDays, EntitledRequester, entitlementLost, EntitlementLoss, isSmets1Provider, MarketRole, scheduleIdIn, settlementDayStart } from '@halfhour/domain';
import { OutgoingMessage } from '@halfhour/kafka';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { MessageOutbox } from '@halfhour/service-kit';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { UserResponder } from '../responses/user-responder';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { SchedulingPolicy } from '../scheduling-policy';

/**
 * Sends the items whose slot has come (R-SCH-4), as read commands on the SMETS1 or SMETS2 topic,
 * in bulk. Entitlement is checked again now: a requester who may no longer have the data is
 * dropped, told why, and its schedule stops; an item nobody may have stops. The items are locked
 * (SKIP LOCKED), marked dispatched and their commands written to the outbox in one transaction, so
 * replicas never send an item twice and no command is lost; the outbox relay publishes them after
 * the commit (a crash before it publishes them later, with the same command ID).
 */
export class Dispatcher {
  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly items: Pick<ItemRepository, 'inTransaction' | 'lockDue' | 'transition' | 'setRequesters'>,
    private readonly schedules: Pick<ScheduleRepository, 'stop'>,
    private readonly registryView: Pick<RegistryViewRepository, 'timelinesOf'>,
    private readonly outbox: Pick<MessageOutbox, 'add' | 'publishSoon'>,
    private readonly responder: UserResponder,
    private readonly metrics: SchedulerMetrics,
  ) {}

  /** Dispatches one batch; returns how many items it took. */
  async dispatchDue(now: Date, limit: number): Promise<number> {
    const outcome = await this.items.inTransaction(async (manager) => {
      const due = await this.items.lockDue(manager, now, limit);
      if (due.length === 0) return undefined;
      const timelines = await this.registryView.timelinesOf(due.map((i) => i.mpan), manager);
      const go: { item: ItemRow; requesters: RequesterDto[] }[] = [];
      const stopItems: ItemRow[] = [];
      const dropped: { requester: RequesterDto; item: ItemRow; loss: EntitlementLoss }[] = [];
      for (const item of due) {
        const timeline = timelines.get(item.mpan)?.timeline;
        const entitled: RequesterDto[] = [];
        for (const requester of item.requesters) {
          const loss = entitlementLost(this.policy, this.policy.trt, { mpan: item.mpan, timeline, srv: item.srv, day: item.dataDay }, requesterOf(requester));
          if (loss) dropped.push({ requester, item, loss });
          else entitled.push(requester);
        }
        if (entitled.length === 0) stopItems.push(item);
        else go.push({ item, requesters: entitled });
      }
      await this.items.transition(manager, 'stop', stopItems.map((i) => ({ planDay: i.planDay, itemKey: i.itemKey, at: now })));
      const dispatched = await this.items.transition(manager, 'dispatch', go.map(({ item }) => ({ planDay: item.planDay, itemKey: item.itemKey, at: now })));
      // A backstop of this item must not tell the dropped requesters again.
      await this.items.setRequesters(manager, go.filter((g) => g.requesters.length < g.item.requesters.length).map(({ item, requesters }) => ({ planDay: item.planDay, itemKey: item.itemKey, requesters })));
      const byKey = new Map(go.map((g) => [`${g.item.planDay}|${g.item.itemKey}`, g.requesters]));
      const commands = dispatched.map((item) => toCommand(item, byKey.get(`${item.planDay}|${item.itemKey}`)!));
      const stoppedSchedules: { loss: EntitlementLoss; count: number }[] = [];
      for (const loss of ['ENTITLEMENT_ENDED', 'RESERVED_TO_MDR'] as const) {
        const schedulesToStop = dropped.filter((d) => d.loss === loss).flatMap((d) => scheduleIdIn(d.requester.origin) ?? []);
        stoppedSchedules.push({ loss, count: (await this.schedules.stop(manager, schedulesToStop, loss, now)).length });
      }
      await this.outbox.add(
        manager,
        [
          { topic: Topics.smets1Commands, messages: commands.filter((c) => isSmets1Provider(c.provider)).map(asMessage) },
          { topic: Topics.smets2Commands, messages: commands.filter((c) => !isSmets1Provider(c.provider)).map(asMessage) },
        ],
        { prevalidated: true },
      );
      await this.responder.refuse(manager, dropped.map(({ requester, item, loss }) => {
        const schedule = scheduleIdIn(requester.origin);
        return {
          requester,
          reason: loss,
          message: `${requester.mpid} may no longer have ${item.srv} data of ${item.mpan} for ${item.dataDay}${schedule ? `; schedule ${schedule} has stopped` : ''}`,
        };
      }), now);
      return { commands, stoppedSchedules, took: due.length };
    });
    if (!outcome) return 0;
    this.outbox.publishSoon();
    for (const command of outcome.commands) this.metrics.dispatched.inc({ provider: command.provider, kind: command.kind });
    for (const { loss, count } of outcome.stoppedSchedules) this.metrics.stopped.inc({ reason: loss }, count);
    return outcome.took;
  }
}

function toCommand(item: ItemRow, requesters: RequesterDto[]): ReadCommand {
  return {
    commandId: `${item.planDay}|${item.itemKey}#${item.attempt}`,
    itemKey: item.itemKey,
    planDay: item.planDay,
    mpan: item.mpan,
    deviceId: item.deviceId,
    provider: item.provider,
    srv: item.srv,
    dataDay: item.dataDay,
    readPeriod: { start: settlementDayStart(item.dataDay).toISOString(), end: settlementDayStart(addDays(item.dataDay, 1)).toISOString() },
    attempt: item.attempt,
    kind: item.kind,
    deadline: new Date(item.deadline).toISOString(),
    requesters: requesters.map(({ userId, role, mpid, origin, requestId, purpose }) => ({ userId, role, mpid, origin, requestId, ...(purpose ? { purpose } : {}) })),
  };
}

function asMessage(command: ReadCommand): OutgoingMessage<ReadCommand> {
  return { definition: Topics.smets2Commands.messages[0], body: command, envelope: { deadline: new Date(command.deadline) } };
}

function requesterOf(requester: RequesterDto): EntitledRequester {
  return { role: requester.role as MarketRole, mpid: requester.mpid, ...(requester.consentReference ? { consentReference: requester.consentReference } : {}) };
}
