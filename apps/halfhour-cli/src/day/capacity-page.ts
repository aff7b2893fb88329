import { localMinuteOfDay } from '@halfhour/domain';
import { DayReport, HourRow } from './day-report';

const WIDTH = 720;
const HEIGHT = 180;
const MARGIN = { left: 48, right: 12, top: 12, bottom: 28 };
const EXCLUDED_UNTIL_HOUR = 6;

/** Each lane's bar colour and how a hour's row counts it. */
const LANES = [
  { name: 'scheduled', colour: '#3b7dd8', planned: (row: HourRow) => row.plannedScheduled },
  { name: 'on demand and backstops', colour: '#e08a1e', planned: (row: HourRow) => row.plannedOnDemand },
  { name: 'BAU schedules', colour: '#6a9f3a', planned: (row: HourRow) => row.plannedBau },
] as const;

/**
 * `capacity.html`: per provider, the reads planned in each hour of the collection day, stacked by
 * lane, against the MHHS share of its capacity and the share kept for other traffic, with
 * 00:00–06:00 shaded (R-SCH-3). Plain SVG, no scripts, so it opens anywhere.
 */
export function capacityPage(report: DayReport, hours: readonly HourRow[]): string {
  const providers = [...new Set(hours.map((h) => h.provider))].sort();
  const charts = providers.map((provider) => chartOf(provider, hours.filter((h) => h.provider === provider), report));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Halfhour — provider capacity, ${report.run.collectionDay}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}h2{font-size:15px;margin:20px 0 4px}svg text{font-size:11px;fill:#444}.note{color:#666}</style>
</head><body>
<h1>Provider capacity on ${report.run.collectionDay} (data day ${report.run.dataDay})</h1>
<p class="note">Bars: reads planned per hour (final slots), stacked by lane: ${LANES.map((l) => `<span style="color:${l.colour}">■</span> ${l.name}`).join(' · ')}. Line: the MHHS share of the provider's capacity; dashed: with the share reserved for other traffic. Shaded: the excluded window 00:00–06:00.</p>
${charts.join('\n')}
</body></html>
`;
}

function chartOf(provider: string, rows: readonly HourRow[], report: DayReport): string {
  const byHour = new Map(rows.map((r) => [Math.floor(localMinuteOfDay(new Date(r.hour)) / 60), r]));
  const capacity = Math.max(0, ...rows.map((r) => r.mhhsCapacity));
  const total = capacity + Math.max(0, ...rows.map((r) => r.reservedCapacity));
  const top = Math.max(total, ...rows.map((r) => r.planned), 1);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (hour: number) => MARGIN.left + (hour / 24) * plotWidth;
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const bars = [...Array(24).keys()].flatMap((hour) => {
    const row = byHour.get(hour);
    if (!row) return [];
    let below = 0;
    return LANES.map((lane) => {
      const reads = lane.planned(row);
      const bar = `<rect x="${x(hour) + 1}" y="${y(below + reads)}" width="${plotWidth / 24 - 2}" height="${y(below) - y(below + reads)}" fill="${lane.colour}"><title>${hour}:00 ${reads} reads, ${lane.name}</title></rect>`;
      below += reads;
      return reads > 0 ? bar : '';
    });
  });
  const ticks = [0, 6, 12, 18, 24].map((hour) => `<text x="${x(hour)}" y="${HEIGHT - 8}" text-anchor="middle">${String(hour).padStart(2, '0')}:00</text>`);
  const stats = report.capacity.find((c) => c.provider === provider);
  return `<h2>${provider}</h2>
<p class="note">peak hour ${percent(stats?.peakHourUtilisation)} of the MHHS share · mean ${percent(stats?.meanHourUtilisation)} · headroom ${percent(stats?.headroom)}</p>
<svg width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${provider} reads per hour against capacity">
<rect x="${x(0)}" y="${MARGIN.top}" width="${x(EXCLUDED_UNTIL_HOUR) - x(0)}" height="${plotHeight}" fill="#eee"/>
${bars.join('\n')}
<line x1="${x(0)}" x2="${x(24)}" y1="${y(capacity)}" y2="${y(capacity)}" stroke="#d83b3b" stroke-width="1.5"/>
<line x1="${x(0)}" x2="${x(24)}" y1="${y(total)}" y2="${y(total)}" stroke="#d83b3b" stroke-dasharray="4 3"/>
<text x="${MARGIN.left - 6}" y="${y(capacity) + 4}" text-anchor="end">${capacity}</text>
<line x1="${x(0)}" x2="${x(24)}" y1="${y(0)}" y2="${y(0)}" stroke="#888"/>
${ticks.join('\n')}
</svg>`;
}

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${Math.round(value * 100)} %`;
}
