import { addDays, Clock, settlementDayOf } from '@halfhour/domain';
import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CONSOLE_CLOCK, METRICS_SOURCE } from './console.tokens';
import { MetricsSource } from './metrics-source';
import { OperatorConsoleConfig } from './operator-console.config';
import { StackClient } from './stack-client';
import { CalendarDatePipe } from '@halfhour/observability';

/**
 * The console's API, behind the operator token like every operator API: each figure comes from
 * the service that holds it, asked with the operator's own token — the scheduler's day report,
 * its requesters' reads, capacity and forecast, access-control's decisions, the forwarder's MPAN-days, and the dead
 * letters and DIP backlog from the services' metrics (MetricsSource: Prometheus in a cluster). A service that does not answer leaves its
 * part marked unavailable; the rest still shows.
 */
@Controller('api')
export class ConsoleApiController {
  constructor(
    private readonly config: OperatorConsoleConfig,
    private readonly stack: StackClient,
    @Inject(CONSOLE_CLOCK) private readonly clock: Clock,
    @Inject(METRICS_SOURCE) private readonly metrics: MetricsSource,
  ) {}

  /** Today's collection day on the stack's clock (a simulated run's day, in a run). */
  @Get('today')
  @ApiOperation({ summary: 'Today’s collection day on the stack’s clock' })
  today() {
    return { collectionDay: settlementDayOf(this.clock.now()) };
  }

  @Get('days/:day')
  @ApiOperation({ summary: 'Everything the console shows of a collection day, each part from the service holding it (or why it is unavailable)' })
  async day(@Param('day', CalendarDatePipe) day: string, @Headers('authorization') authorization?: string) {
    const dataDay = addDays(day, -1);
    const { SCHEDULER_URL: scheduler, ACCESS_CONTROL_URL: access, DIP_FORWARDER_URL: forwarder } = this.config;
    const [report, users, decisions, dip, forecast, capacity, deadLetters, dipBacklog] = await Promise.all([
      this.stack.json(`${scheduler}/reports/days/${day}`, authorization),
      this.stack.json(`${scheduler}/reports/days/${day}/users`, authorization),
      this.stack.json(`${access}/reports/days/${day}`, authorization),
      this.stack.json(`${forwarder}/deliveries/days/${dataDay}`, authorization),
      this.stack.json(`${scheduler}/forecast?days=7`, authorization),
      this.stack.json(`${scheduler}/capacity`, authorization),
      this.metrics.sum('halfhour_consumer_dead_letters_total'),
      this.metrics.sum('halfhour_dip_backlog_messages'),
    ]);
    return { collectionDay: day, dataDay, report, users, decisions, dip, forecast, capacity, backlog: { deadLetters, dipBacklog } };
  }
}
