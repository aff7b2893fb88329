import {
  addDays,
  CollectionDemand,
  DataAccessRules,
  entitlementLost,
  EntitlementLoss,
  MarketRole,
  MpanTimeline,
  providerKeyOf,
  resolveMpanOnDay,
  settlementDayStart,
  TrtSettings,
} from '@halfhour/domain';
import { StoredRequester } from '../items/stored-requesters';
import { ScheduleRow } from '../schedules/schedule-repository';

export interface DayDemands {
  demands: CollectionDemand[];
  /** Schedules whose user may no longer have the day's data, and why: they stop. */
  notEntitled: (ScheduleRow & { loss: EntitlementLoss })[];
  /** Schedules whose MPAN has no meter that day: nothing to read. */
  noMeter: ScheduleRow[];
}

/**
 * What the day's plan must read (R-SCH-1): one demand per schedule running for the data day (the
 * day before the plan day), on the meter and provider serving the MPAN that day, due once the day's
 * data is complete (the plan day's start) and by the TRT after that.
 */
export function dayDemands(planDay: string, schedules: readonly ScheduleRow[], timelines: ReadonlyMap<string, MpanTimeline>, rules: DataAccessRules, trt: TrtSettings): DayDemands {
  const dataDay = addDays(planDay, -1);
  const earliestMs = settlementDayStart(planDay).getTime();
  const result: DayDemands = { demands: [], notEntitled: [], noMeter: [] };
  for (const schedule of schedules) {
    const timeline = timelines.get(schedule.mpan);
    const requester = { role: schedule.role as MarketRole, mpid: schedule.mpid };
    const loss = entitlementLost(rules, trt, { mpan: schedule.mpan, timeline, srv: schedule.srv, day: dataDay }, requester);
    if (loss) {
      result.notEntitled.push({ ...schedule, loss });
      continue;
    }
    const device = resolveMpanOnDay(timeline!, dataDay).device;
    if (!device) {
      result.noMeter.push(schedule);
      continue;
    }
    const requesters: StoredRequester[] = [{ userId: schedule.userId, role: requester.role, mpid: schedule.mpid, origin: schedule.dspScheduleId, requestId: schedule.requestId, purpose: schedule.purpose, scheduleRef: schedule.ref }];
    result.demands.push({
      mpan: schedule.mpan,
      deviceId: device.deviceId,
      provider: providerKeyOf(device.provider),
      srv: schedule.srv,
      dataDay,
      requesters,
      earliestMs,
      deadlineMs: earliestMs + trt.mhhsTrtSeconds * 1000,
      purpose: schedule.purpose,
    });
  }
  return result;
}
