import { BadRequestException } from '@nestjs/common';
import { CalendarDatePipe } from './calendar-date.pipe';

describe('a route’s date parameter', () => {
  const pipe = new CalendarDatePipe();

  it('passes a calendar date through', () => {
    expect(pipe.transform('2028-02-29')).toBe('2028-02-29');
  });

  it.each(['2026-02-30', '2026-13-01', '20261201', 'today'])('refuses %s with 400 INVALID_DATE', (value) => {
    try {
      pipe.transform(value);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as BadRequestException).getResponse()).toEqual({ reasonCode: 'INVALID_DATE', message: `"${value}" is not a date YYYY-MM-DD` });
    }
  });
});
