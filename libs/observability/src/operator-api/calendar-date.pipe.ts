import { CalendarDate, isCalendarDate } from '@halfhour/domain';
import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** A route's date parameter: a real calendar date YYYY-MM-DD, or 400 `INVALID_DATE` (2026-02-30 included). */
@Injectable()
export class CalendarDatePipe implements PipeTransform<string, CalendarDate> {
  transform(value: string): CalendarDate {
    if (!isCalendarDate(value)) throw new BadRequestException({ reasonCode: 'INVALID_DATE', message: `"${value}" is not a date YYYY-MM-DD` });
    return value;
  }
}
