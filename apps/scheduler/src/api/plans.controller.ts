import { capacityOf, isCalendarDate, localMinuteOfDay, mhhsReadsPerSlot, readsPerSlotAt } from '@halfhour/domain';
import { BadRequestException, Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { CapacityBook } from '../capacity/capacity-book';
import { ItemRepository } from '../items/item-repository';
import { PlanRunRepository } from '../planning/plan-run-repository';
import { SCHEDULING_POLICY, SchedulingPolicy } from '../scheduling-policy';

interface HourRow {
  provider: string;
  hour: string;
  planned: number;
  mhhsCapacity: number;
  reservedCapacity: number;
}

/**
 * Operator API: a day's plan per provider and hour — reads planned against the MHHS share of the
 * provider's capacity and the share kept for other traffic — with the plan's report and the items
 * by state.
 */
@Controller('plans')
export class PlansController {
  constructor(
    private readonly items: ItemRepository,
    private readonly plans: PlanRunRepository,
    private readonly capacity: CapacityBook,
    @Inject(SCHEDULING_POLICY) private readonly policy: SchedulingPolicy,
  ) {}

  @Get(':date')
  async plan(@Param('date') date: string) {
    if (!isCalendarDate(date)) {
      throw new BadRequestException({ reasonCode: 'INVALID_DATE', message: `"${date}" is not a date YYYY-MM-DD` });
    }
    const run = await this.plans.find(date);
    if (!run) throw new NotFoundException({ reasonCode: 'NOT_PLANNED', message: `no plan for ${date} yet` });
    const slotsPerHour = 60 / this.policy.capacity.slotMinutes;
    const inForce = await this.capacity.current();
    const hours: HourRow[] = (await this.items.plannedByProviderAndHour(date)).map((row) => {
      const capacity = capacityOf(inForce, row.provider);
      const reads = readsPerSlotAt(capacity, localMinuteOfDay(new Date(row.hour)));
      const mhhs = mhhsReadsPerSlot(capacity, reads);
      return {
        provider: row.provider,
        hour: new Date(row.hour).toISOString(),
        planned: row.reads,
        mhhsCapacity: mhhs * slotsPerHour,
        reservedCapacity: (reads - mhhs) * slotsPerHour,
      };
    });
    const states = await this.items.countsByStateAndProvider([date]);
    return { planDay: date, ...run, hours, states };
  }
}
