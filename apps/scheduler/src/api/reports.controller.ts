import { addDays } from '@halfhour/domain';
import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import { ServerResponse } from 'node:http';
import { PlanRunRepository } from '../planning/plan-run-repository';
import { byReadGroup, providerFigures, READ_GROUPS, ReadFigures, readFigures, requesterFigures } from '../reports/day-figures';
import { DayCapacity } from '../reports/day-capacity';
import { ReportRepository } from '../reports/report-repository';
import { CalendarDatePipe } from '@halfhour/observability';

const FIGURE_COLUMNS = ['items', 'delivered', 'stopped', 'expired', 'unfinished', 'withinTrt', 'successRate', 'trtCompliance', 'dispatches', 'resent'] as const satisfies readonly (keyof ReadFigures)[];

/**
 * Operator API, the transparency report of a collection day from the scheduler's own records:
 * - `GET /reports/days/{day}` — per provider: reads by group (scheduled, on demand, backstops, BAU)
 *   with success rate and TRT compliance, every hour's capacity by lane against the reads planned
 *   and sent (the capacity in force then: operator changes and outages as they happened), peak use
 *   of the MHHS share and headroom; when providers were out (the scheduler's own declarations in
 *   the capacity audit) and the operator's capacity changes of the day; schedules stopped that day
 *   by reason; the reads saved by collecting once; and the raw counts by provider, kind and state. `?format=csv`: a row per provider and read group.
 * - `GET /reports/days/{day}/users` — per requester, its reads by group (on-demand use first).
 *   `?format=csv`: a row per requester and read group.
 */
@Controller('reports/days')
export class ReportsController {
  constructor(
    private readonly reports: ReportRepository,
    private readonly plans: PlanRunRepository,
    private readonly dayCapacity: DayCapacity,
  ) {}

  @Get(':day')
  @ApiOperation({ summary: 'The collection day’s transparency report: per provider and read group, per hour, providers’ outages, reads saved, raw counts' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async day(@Param('day', CalendarDatePipe) day: string, @Query('format') format: string | undefined, @Res({ passthrough: true }) response: ServerResponse) {
    const csv = csvWanted(format);
    const [run, outcomes, { hours, outages, capacityChanges }, schedulesStopped] = await Promise.all([
      this.plans.find(day), this.reports.outcomes(day), this.dayCapacity.of(day), this.reports.schedulesStopped(day),
    ]);
    if (!run && outcomes.length === 0) throw new NotFoundException({ reasonCode: 'NOT_PLANNED', message: `nothing planned for ${day}` });
    const providers = [...new Set(hours.map((h) => h.provider))].map((provider) => providerFigures(provider, outcomes, hours));
    if (csv) {
      return sendCsv(response, `report-${day}.csv`, ['collectionDay', 'provider', 'reads', ...FIGURE_COLUMNS], providers.flatMap((p) =>
        Object.keys(READ_GROUPS).map((group) => [day, p.provider, group, ...FIGURE_COLUMNS.map((c) => p.reads[group as keyof typeof READ_GROUPS][c])])));
    }
    return {
      collectionDay: day,
      dataDay: addDays(day, -1),
      plan: run ? { plannedAt: run.plannedAt, demands: run.demands, items: run.items, savedByCollectingOnce: run.demands - run.items } : null,
      reads: byReadGroup(outcomes),
      all: readFigures(outcomes),
      providers,
      hours,
      outages,
      capacityChanges,
      schedulesStopped,
      outcomes,
    };
  }

  @Get(':day/users')
  @ApiOperation({ summary: 'Per requester, reads by group: on-demand use and its success, heaviest first' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async users(@Param('day', CalendarDatePipe) day: string, @Query('format') format: string | undefined, @Res({ passthrough: true }) response: ServerResponse) {
    const csv = csvWanted(format);
    const users = requesterFigures(await this.reports.requesterOutcomes(day));
    if (!csv) return { collectionDay: day, users };
    return sendCsv(response, `users-${day}.csv`, ['collectionDay', 'userId', 'role', 'mpid', 'reads', ...FIGURE_COLUMNS], users.flatMap((u) =>
      Object.keys(READ_GROUPS).map((group) => [day, u.userId, u.role, u.mpid, group, ...FIGURE_COLUMNS.map((c) => u.reads[group as keyof typeof READ_GROUPS][c])])));
  }
}

function csvWanted(format: string | undefined): boolean {
  if (format === undefined || format === 'json') return false;
  if (format === 'csv') return true;
  throw new BadRequestException({ reasonCode: 'INVALID_FORMAT', message: `format must be json or csv, not "${format}"` });
}

function sendCsv(response: ServerResponse, filename: string, header: readonly string[], rows: unknown[][]): string {
  response.setHeader('content-type', 'text/csv; charset=utf-8');
  response.setHeader('content-disposition', `attachment; filename="${filename}"`);
  return stringify([header, ...rows]);
}
