import { addDays, settlementDayStart } from '@halfhour/domain';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AccessRepository } from '../view/access-repository';
import { CalendarDatePipe } from '@halfhour/observability';

/**
 * Operator API, access-control's part of a settlement day's transparency report:
 * `GET /reports/days/{date}` — the day's decisions (local midnight to midnight), how many were
 * authorised, and the refusals by response code, reason and role.
 */
@Controller('reports/days')
export class DecisionReportController {
  constructor(private readonly repository: AccessRepository) {}

  @Get(':date')
  @ApiOperation({ summary: 'The day’s access decisions: how many, how many authorised, refusals by code, reason and role' })
  async day(@Param('date', CalendarDatePipe) date: string) {
    const counts = await this.repository.decisionCounts(settlementDayStart(date), settlementDayStart(addDays(date, 1)));
    const refusals = counts.filter((c) => !c.authorised).map(({ responseCode, reason, role, decisions }) => ({ responseCode, reason, role, decisions }));
    return {
      settlementDay: date,
      decisions: counts.reduce((total, c) => total + c.decisions, 0),
      authorised: counts.filter((c) => c.authorised).reduce((total, c) => total + c.decisions, 0),
      refusalsByCode: refusals.reduce<Record<string, number>>((byCode, r) => ({ ...byCode, [r.responseCode]: (byCode[r.responseCode] ?? 0) + r.decisions }), {}),
      refusals,
    };
  }
}
