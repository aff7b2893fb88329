import { forecastLine } from './forecast-line';

const day = (planDay: string, shortBy: number) => ({ planDay, provider: 'CSP-NORTH', lane: 'SCHEDULED' as const, demand: 100 + shortBy, capacity: 100, shortBy });

describe('the report’s forecast line', () => {
  it('says the coming days fit, or which do not and by how much', () => {
    expect(forecastLine([day('2026-12-02', 0), day('2026-12-03', 0)])).toBe("Forecast 2026-12-02 to 2026-12-03: every day fits every provider's lanes");
    expect(forecastLine([day('2026-12-02', 0), day('2026-12-03', 12)])).toBe('Forecast 2026-12-02 to 2026-12-03: SHORT 2026-12-03 CSP-NORTH (SCHEDULED) by 12');
    expect(forecastLine([])).toBe('Forecast: no schedules for the coming days');
    expect(forecastLine(undefined)).toBe('Forecast: not available');
  });
});
