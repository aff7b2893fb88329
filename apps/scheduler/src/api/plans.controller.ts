import { validateMessage } from '@halfhour/contracts';
import { Clock } from '@halfhour/domain';
import { CalendarDatePipe, Operator, OperatorIdentity, OperatorWrite } from '@halfhour/observability';
import { OperatorRequest } from '@halfhour/service-kit';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ItemCounts } from '../items/item-counts';
import { DayReplan } from '../planning/day-replan';
import { PlanRunRepository } from '../planning/plan-run-repository';
import { DayCapacity } from '../reports/day-capacity';
import { CLOCK } from '../scheduler.tokens';

/**
 * Operator API: a day's plan per provider and hour, every hour of the day — reads planned and sent
 * against the MHHS share of the provider's capacity and the share kept for other traffic — with the
 * plan's report and the items by state.
 */
@Controller('plans')
export class PlansController {
  constructor(
    private readonly counts: ItemCounts,
    private readonly plans: PlanRunRepository,
    private readonly dayCapacity: DayCapacity,
    private readonly replanner: DayReplan,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `POST /plans/{date}/replan` `{ reason }` (write scope; who asked is the token's name): re-plans the day's reads still to come (DayReplan), audited. */
  @Post(':date/replan')
  @OperatorWrite()
  @HttpCode(200)
  async replan(@Param('date', CalendarDatePipe) date: string, @Body() body: unknown, @Operator() operator: OperatorIdentity) {
    const validation = validateMessage(OperatorRequest, body);
    if (!validation.ok) throw new BadRequestException({ reasonCode: 'INVALID_REQUEST', message: validation.rejection.message });
    if (!(await this.plans.find(date))) throw new NotFoundException({ reasonCode: 'NOT_PLANNED', message: `no plan for ${date} yet` });
    return this.replanner.replan(date, { requestedBy: operator.name, reason: validation.value.reason }, this.clock.now());
  }

  @Get(':date')
  async plan(@Param('date', CalendarDatePipe) date: string) {
    const run = await this.plans.find(date);
    if (!run) throw new NotFoundException({ reasonCode: 'NOT_PLANNED', message: `no plan for ${date} yet` });
    const [{ hours }, states] = await Promise.all([this.dayCapacity.of(date), this.counts.countsByStateAndProvider([date])]);
    return { planDay: date, ...run, hours, states };
  }
}

