import { LaneForecast } from '@halfhour/domain';

/** The report's forecast line: whether the coming days fit each provider's lanes, and where not, by how much. */
export function forecastLine(forecast: readonly LaneForecast[] | undefined): string {
  if (!forecast) return 'Forecast: not available';
  const days = [...new Set(forecast.map((f) => f.planDay))].sort();
  if (days.length === 0) return 'Forecast: no schedules for the coming days';
  const short = forecast.filter((f) => f.shortBy > 0);
  const span = `${days[0]} to ${days.at(-1)}`;
  if (short.length === 0) return `Forecast ${span}: every day fits every provider's lanes`;
  return `Forecast ${span}: SHORT ${short.map((f) => `${f.planDay} ${f.provider} (${f.lane}) by ${f.shortBy}`).join(', ')}`;
}
