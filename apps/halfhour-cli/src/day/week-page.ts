import { WeekReport } from './week-report';

const WIDTH = 720;
const HEIGHT = 200;
const MARGIN = { left: 56, right: 12, top: 12, bottom: 28 };

/**
 * `week.html`: per provider, the reads planned on each day of the run against the MHHS reads its
 * capacity allows that day — the migration's ramp climbing towards the line — and a table of the
 * days. Plain SVG, no scripts, so it opens anywhere.
 */
export function weekPage(week: WeekReport): string {
  const rows = week.days.map((d) => `<tr><td>${d.collectionDay}</td><td>${percent(d.rampShare)}</td><td>${percent(d.hhShare)}</td><td>${d.planned}</td><td>${d.delivered}</td>`
    + `<td>${d.stopped}</td><td>${d.expired}</td><td>${percent(d.trtCompliance)}</td><td>${d.deliveriesAsDesigned && d.responsesAsDesigned && d.providersReconcile ? 'as designed' : '<b>not as designed</b>'}</td></tr>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Halfhour — ${week.run.days} days from ${week.run.firstCollectionDay}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}h2{font-size:15px;margin:20px 0 4px}svg text{font-size:11px;fill:#444}.note{color:#666}
table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #ddd}</style>
</head><body>
<h1>${week.run.days} settlement days from ${week.run.firstCollectionDay}, ${week.run.mpans} MPANs</h1>
<p class="note">Migration ramp ${percent(week.run.ramp.from)} → ${percent(week.run.ramp.to)} of MPANs.</p>
<table><tr><th>collection day</th><th>ramp</th><th>HH data</th><th>items</th><th>delivered</th><th>stopped</th><th>expired</th><th>TRT</th><th>checks</th></tr>
${rows.join('\n')}
</table>
<p class="note">Bars: reads planned on each day (every lane). Line: the MHHS reads the provider's capacity allows over the day.</p>
${week.providers.map(chartOf).join('\n')}
</body></html>
`;
}

function chartOf(provider: WeekReport['providers'][number]): string {
  const days = provider.days;
  const top = Math.max(1, ...days.map((d) => Math.max(d.planned, d.mhhsReadsInDay)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotWidth / Math.max(1, days.length);
  const x = (index: number) => MARGIN.left + index * band;
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const bars = days.map((d, i) => `<rect x="${x(i) + 4}" y="${y(d.planned)}" width="${band - 8}" height="${y(0) - y(d.planned)}" fill="#3b7dd8"><title>${d.collectionDay}: ${d.planned} reads planned of ${d.mhhsReadsInDay}</title></rect>`);
  const capacity = days.map((d, i) => `${x(i) + band / 2},${y(d.mhhsReadsInDay)}`).join(' ');
  const labels = days.map((d, i) => `<text x="${x(i) + band / 2}" y="${HEIGHT - 8}" text-anchor="middle">${d.collectionDay.slice(5)}</text>`);
  return `<h2>${provider.provider}</h2>
<svg width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${provider.provider} reads planned per day against capacity">
${bars.join('\n')}
<polyline points="${capacity}" fill="none" stroke="#d83b3b" stroke-width="1.5"/>
<text x="${MARGIN.left - 6}" y="${y(top) + 4}" text-anchor="end">${top}</text>
<line x1="${x(0)}" x2="${x(days.length)}" y1="${y(0)}" y2="${y(0)}" stroke="#888"/>
${labels.join('\n')}
</svg>`;
}

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;
}
