import { validateMessage } from '@halfhour/contracts';
import { capacityOf, Clock, DaySlots, daySlots, isCalendarDate, laneLimits, laneOf, ProviderCapacity, readsPerSlotAt } from '@halfhour/domain';
import { OperatorRequest } from '@halfhour/service-kit';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { CapacityBook } from '../capacity/capacity-book';
import { ItemRepository } from '../items/item-repository';
import { DayReplan } from '../planning/day-replan';
import { PlanRunRepository } from '../planning/plan-run-repository';
import { CLOCK } from '../scheduler.tokens';
import { SCHEDULING_POLICY, SchedulingPolicy } from '../scheduling-policy';

const HOUR_MS = 3_600_000;

interface HourRow {
  provider: string;
  hour: string;
  /** Reads planned in the hour's slots, of every lane, and by lane. */
  planned: number;
  plannedScheduled: number;
  plannedOnDemand: number;
  plannedBau: number;
  /** What the hour's slots give MHHS (scheduled and on-demand lanes; at night, the on-demand lane's share). */
  mhhsCapacity: number;
  /** What of that the daily plan's scheduled reads may use. */
  scheduledCapacity: number;
  /** What the hour's slots keep from MHHS: business as usual and other work. */
  reservedCapacity: number;
  /** What of that BAU schedules may use. */
  bauCapacity: number;
}

/**
 * Operator API: a day's plan per provider and hour, every hour of the day — reads planned against
 * the MHHS share of the provider's capacity and the share kept for other traffic — with the plan's
 * report and the items by state.
 */
@Controller('plans')
export class PlansController {
  constructor(
    private readonly items: ItemRepository,
    private readonly plans: PlanRunRepository,
    private readonly capacity: CapacityBook,
    @Inject(SCHEDULING_POLICY) private readonly policy: SchedulingPolicy,
    private readonly replanner: DayReplan,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `POST /plans/{date}/replan` `{ requestedBy, reason }`: re-plans the day's reads still to come (DayReplan), audited. */
  @Post(':date/replan')
  @HttpCode(200)
  async replan(@Param('date') date: string, @Body() body: unknown) {
    if (!isCalendarDate(date)) throw new BadRequestException({ reasonCode: 'INVALID_DATE', message: `"${date}" is not a date YYYY-MM-DD` });
    const validation = validateMessage(OperatorRequest, body);
    if (!validation.ok) throw new BadRequestException({ reasonCode: 'INVALID_REQUEST', message: validation.rejection.message });
    if (!(await this.plans.find(date))) throw new NotFoundException({ reasonCode: 'NOT_PLANNED', message: `no plan for ${date} yet` });
    return this.replanner.replan(date, validation.value, this.clock.now());
  }

  @Get(':date')
  async plan(@Param('date') date: string) {
    if (!isCalendarDate(date)) {
      throw new BadRequestException({ reasonCode: 'INVALID_DATE', message: `"${date}" is not a date YYYY-MM-DD` });
    }
    const run = await this.plans.find(date);
    if (!run) throw new NotFoundException({ reasonCode: 'NOT_PLANNED', message: `no plan for ${date} yet` });
    const inForce = await this.capacity.current();
    const slots = daySlots(date, this.policy.capacity.slotMinutes, this.policy.capacity.excludedWindow);
    const planned = await this.items.plannedByProviderAndHour(date);
    // Every hour of the day for every provider with a capacity set or reads planned: an empty hour shows its headroom.
    const providers = [...new Set([...Object.keys(inForce.providers), ...planned.map((row) => row.provider)])].sort();
    const hourStarts = [...new Set(slots.starts.map((start) => Math.floor(start / HOUR_MS) * HOUR_MS))];
    const hours = new Map<string, HourRow>();
    for (const provider of providers) {
      for (const start of hourStarts) hours.set(`${provider}|${new Date(start).toISOString()}`, hourOf(provider, new Date(start), capacityOf(inForce, provider), slots));
    }
    for (const row of planned) {
      const key = `${row.provider}|${new Date(row.hour).toISOString()}`;
      const hour = hours.get(key) ?? hourOf(row.provider, new Date(row.hour), capacityOf(inForce, row.provider), slots);
      hour.planned += row.reads;
      const lane = laneOf(row.kind);
      if (lane === 'SCHEDULED') hour.plannedScheduled += row.reads;
      else if (lane === 'BAU') hour.plannedBau += row.reads;
      else hour.plannedOnDemand += row.reads;
      hours.set(key, hour);
    }
    const states = await this.items.countsByStateAndProvider([date]);
    return { planDay: date, ...run, hours: [...hours.values()], states };
  }
}

/** An hour of a provider's day: what its slots give each lane, nothing planned yet. */
function hourOf(provider: string, hour: Date, capacity: ProviderCapacity, slots: DaySlots): HourRow {
  const limits = laneLimits(capacity, slots);
  const row: HourRow = {
    provider, hour: hour.toISOString(), planned: 0, plannedScheduled: 0, plannedOnDemand: 0, plannedBau: 0, mhhsCapacity: 0, scheduledCapacity: 0, reservedCapacity: 0, bauCapacity: 0,
  };
  for (let s = 0; s < slots.starts.length; s++) {
    if (slots.starts[s] < hour.getTime() || slots.starts[s] >= hour.getTime() + 3600_000) continue;
    row.mhhsCapacity += limits.total[s];
    row.scheduledCapacity += limits.scheduled[s];
    row.reservedCapacity += readsPerSlotAt(capacity, slots.minuteOfDay[s]) - limits.total[s];
    row.bauCapacity += limits.bau[s];
  }
  return row;
}
