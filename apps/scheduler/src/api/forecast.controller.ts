import { Clock, settlementDayOf } from '@halfhour/domain';
import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { DemandForecast } from '../planning/demand-forecast';
import { CLOCK } from '../scheduler.tokens';

const MOST_DAYS = 31;

/**
 * Operator API: `GET /forecast?days=N` (1–31, default 7) — for each of the next N plan days, per
 * provider and lane, the reads the schedules held now will ask for against the lane's capacity,
 * and how many the day would be short by.
 */
@Controller('forecast')
export class ForecastController {
  constructor(
    private readonly forecast: DemandForecast,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async next(@Query('days') days = '7') {
    const count = Number(days);
    if (!Number.isInteger(count) || count < 1 || count > MOST_DAYS) {
      throw new BadRequestException({ reasonCode: 'INVALID_DAYS', message: `days must be a whole number from 1 to ${MOST_DAYS}` });
    }
    const today = settlementDayOf(this.clock.now());
    return { today, days: await this.forecast.forecast(today, count) };
  }
}
