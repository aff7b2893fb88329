import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CalendarDatePipe } from '@halfhour/observability';

/** The reasons of the DIP's refusals listed at most: the rest are summed. */
const MOST_REASONS = 20;

/**
 * Operator API, the DIP side of a settlement day's transparency report: `GET /deliveries/days/{date}`
 * — the day's MPAN-days the forwarder holds (kept for DIP_RETENTION_DAYS after they finished) by
 * state (pending, delivered, refused), the DIP calls they took, and the refusals by the DIP's reason.
 */
@Controller('deliveries/days')
export class DeliveryReportController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':date')
  @ApiOperation({ summary: 'A settlement day’s MPAN-days by state (pending, delivered, refused), DIP calls, refusals by reason' })
  async day(@Param('date', CalendarDatePipe) date: string) {
    const [states, refusals]: [{ state: string; mpanDays: number; attempts: number }[], { reason: string; mpanDays: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT state, count(*)::int AS "mpanDays", coalesce(sum(attempts), 0)::int AS attempts FROM dip_outbox WHERE settlement_date = $1 GROUP BY state`,
        [date],
      ),
      this.dataSource.query(
        `SELECT coalesce(last_error, 'unknown') AS reason, count(*)::int AS "mpanDays" FROM dip_outbox
         WHERE settlement_date = $1 AND state = 'REFUSED' GROUP BY 1 ORDER BY 2 DESC, 1`,
        [date],
      ),
    ]);
    const count = (state: string) => states.find((s) => s.state === state)?.mpanDays ?? 0;
    return {
      settlementDate: date,
      mpanDays: { pending: count('PENDING'), delivered: count('DELIVERED'), refused: count('REFUSED') },
      dipCalls: states.reduce((total, s) => total + s.attempts, 0),
      refusals: [
        ...refusals.slice(0, MOST_REASONS),
        ...(refusals.length > MOST_REASONS ? [{ reason: 'other', mpanDays: refusals.slice(MOST_REASONS).reduce((n, r) => n + r.mpanDays, 0) }] : []),
      ],
    };
  }
}
