// The operator console's page: asks the console's API (with the operator token the user gives,
// kept for the browser tab only) for a collection day, and shows the figures and charts.
(function () {
  'use strict';
  const GROUPS = [['scheduled', 'Scheduled'], ['onDemand', 'On demand'], ['backstop', 'Backstops'], ['bau', 'BAU']];
  const LANES = [['plannedScheduled', 'scheduled', '#3b7dd8'], ['plannedOnDemand', 'on demand and backstops', '#e08a1e'], ['plannedBau', 'BAU', '#6a9f3a']];
  const charts = [];
  const $ = (id) => document.getElementById(id);
  const pct = (v) => (v === null || v === undefined ? '–' : (v * 100).toFixed(1) + ' %');
  // Built as DOM nodes, every value as text: nothing a report holds is ever parsed as HTML.
  const el = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children.map((child) => (child instanceof Node ? child : String(child ?? ''))));
    return node;
  };
  const row = (cells, tag = 'td', attributes = {}) => el('tr', attributes, ...cells.map((c) => el(tag, {}, c)));
  const cell = (testid, value) => el('span', { 'data-testid': testid }, value);
  const bad = (text) => el('span', { class: 'bad' }, text);
  const unavailable = (answer) => bad(`unavailable: ${answer.error}`);
  const fill = (table, rows) => table.replaceChildren(...rows);

  function token() {
    return sessionStorage.getItem('halfhour-token') || '';
  }

  async function api(path) {
    const response = await fetch(path, { headers: token() ? { authorization: 'Bearer ' + token() } : {} });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  }

  function showReads(report) {
    const table = $('reads').querySelector('table');
    if (!report.ok) return fill(table, [row([unavailable(report)])]);
    const r = report.value;
    fill(table, [
      row(['', 'items', 'delivered', 'stopped', 'expired', 'success', 'within TRT'], 'th'),
      ...GROUPS.map(([key, name]) => {
        const g = r.reads[key];
        return row([name, cell(`${key}-items`, g.items), cell(`${key}-delivered`, g.delivered), g.stopped, g.expired, cell(`${key}-success`, pct(g.successRate)), pct(g.trtCompliance)]);
      }),
      row(['All', cell('all-items', r.all.items), cell('all-delivered', r.all.delivered), r.all.stopped, cell('all-expired', r.all.expired), pct(r.all.successRate), pct(r.all.trtCompliance)]),
      row([el('span', {}, 'Reads saved by collecting once: ', cell('saved', r.plan ? r.plan.savedByCollectingOnce : '–')), '', '', '', '', '', '']),
    ]);
  }

  function showDelivery(day) {
    const lines = [];
    if (day.dip.ok) {
      const m = day.dip.value.mpanDays;
      lines.push(row([`MPAN-days of ${day.dataDay} at the DIP`, cell('dip-delivered', m.delivered)]), row(['pending', cell('dip-pending', m.pending)]), row(['refused by the DIP', cell('dip-refused', m.refused)]));
    } else lines.push(row(['DIP', unavailable(day.dip)]));
    lines.push(row(['DIP backlog (messages)', cell('dip-backlog', day.backlog.dipBacklog.total)]), row(['dead-lettered messages (since the services started)', cell('dead-letters', day.backlog.deadLetters.total)]));
    if (day.decisions.ok) {
      const d = day.decisions.value;
      lines.push(row(['access decisions', cell('decisions', d.decisions)]), row(['authorised', d.authorised]));
      for (const [code, n] of Object.entries(d.refusalsByCode)) lines.push(row([`refused ${code}`, cell(`refused-${code}`, n)]));
    } else lines.push(row(['access decisions', unavailable(day.decisions)]));
    fill($('delivery').querySelector('table'), lines);
  }

  function outagesOf(day) {
    return new Set(day.capacity.ok ? day.capacity.value.outages.map((o) => o.provider) : []);
  }

  const hhmm = (iso) => (iso ? new Date(iso).toISOString().slice(11, 16) : 'now');
  function outagesDuring(day, provider) {
    return day.report.value.outages.filter((o) => o.provider === provider);
  }

  function capacityChangesOf(day, provider) {
    return (day.report.value.capacityChanges ?? []).filter((c) => c.provider === provider)
      .map((c) => `${hhmm(c.changedAt)} ${c.readsPerSlot.from}→${c.readsPerSlot.to} (${c.changedBy})`).join(', ') || '–';
  }

  function showProviders(day) {
    const table = $('providers').querySelector('table');
    if (!day.report.ok) return fill(table, [row([unavailable(day.report)])]);
    const out = outagesOf(day);
    fill(table, [
      row(['provider', 'items', 'delivered', 'expired', 'success', 'MHHS reads the day allows', 'busiest hour', 'headroom', 'out during the day (UTC)', 'capacity changed (UTC, reads per slot)', 'now'], 'th'),
      ...day.report.value.providers.map((p) => row([
        p.provider, p.all.items, cell(`provider-${p.provider}-delivered`, p.all.delivered), p.all.expired, pct(p.all.successRate), p.mhhsReadsInDay,
        pct(p.peakHourUtilisation), pct(p.headroom),
        cell(`outages-${p.provider}`, outagesDuring(day, p.provider).map((o) => `${hhmm(o.from)}–${hhmm(o.to)}`).join(', ') || '–'),
        cell(`capacity-changes-${p.provider}`, capacityChangesOf(day, p.provider)),
        out.has(p.provider) ? bad('OUT') : 'in service',
      ], 'td', { class: out.has(p.provider) ? 'out' : '', 'data-testid': `provider-${p.provider}` })),
    ]);
  }

  function showCharts(day) {
    charts.splice(0).forEach((chart) => chart.destroy());
    const grid = $('chart-grid');
    grid.replaceChildren();
    if (!day.report.ok) return;
    const out = outagesOf(day);
    const hours = day.report.value.hours;
    for (const provider of [...new Set(hours.map((h) => h.provider))]) {
      const rows = hours.filter((h) => h.provider === provider);
      const labels = rows.map((h) => new Date(h.hour).toISOString().slice(11, 13) + ':00');
      const box = el('div', {}, el('h2', {}, provider, ...(out.has(provider) ? [' ', bad('(out)')] : [])), el('canvas', { 'data-testid': `chart-${provider}`, height: '180' }));
      grid.appendChild(box);
      const top = Math.max(1, ...rows.map((h) => Math.max(h.planned, h.mhhsCapacity)));
      const outages = outagesDuring(day, provider).map((o) => [Date.parse(o.from), o.to ? Date.parse(o.to) : Infinity]);
      const outIn = (h) => outages.some(([from, to]) => from < Date.parse(h.hour) + 3600000 && to > Date.parse(h.hour));
      charts.push(new Chart(box.querySelector('canvas'), {
        data: {
          labels,
          datasets: [
            { type: 'bar', label: 'excluded window', data: rows.map((h, i) => (i < 6 ? top : null)), backgroundColor: 'rgba(0,0,0,0.07)', stack: 'window', grouped: false, order: 9 },
            { type: 'bar', label: 'provider out', data: rows.map((h) => (outIn(h) ? top : null)), backgroundColor: 'rgba(216,59,59,0.15)', stack: 'out', grouped: false, order: 10 },
            ...LANES.map(([key, label, colour]) => ({ type: 'bar', label: `planned: ${label}`, data: rows.map((h) => h[key]), backgroundColor: colour, stack: 'planned' })),
            { type: 'line', label: 'sent', data: rows.map((h) => h.dispatchedScheduled + h.dispatchedOnDemand + h.dispatchedBau), borderColor: '#222', pointRadius: 2 },
            { type: 'line', label: 'MHHS capacity', data: rows.map((h) => h.mhhsCapacity), borderColor: '#d83b3b', pointRadius: 0, stepped: 'middle' },
          ],
        },
        options: { animation: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: false, beginAtZero: true } }, plugins: { legend: { labels: { boxWidth: 12 } } } },
      }));
    }
  }

  function showUsers(day) {
    const table = $('users').querySelector('table');
    if (!day.users.ok) return fill(table, [row([unavailable(day.users)])]);
    fill(table, [
      row(['user', 'role', 'MPID', 'on demand', 'delivered', 'expired', 'success', 'scheduled'], 'th'),
      ...day.users.value.users.map((u) => row([u.userId, u.role, u.mpid, cell(`user-${u.userId}-on-demand`, u.reads.onDemand.items), u.reads.onDemand.delivered,
        u.reads.onDemand.expired, pct(u.reads.onDemand.successRate), u.reads.scheduled.items])),
    ]);
  }

  function showForecast(day) {
    const table = $('forecast').querySelector('table');
    if (!day.forecast.ok) return fill(table, [row([unavailable(day.forecast)])]);
    const days = day.forecast.value.days;
    const short = days.filter((f) => f.shortBy > 0);
    fill(table, [
      row(['plan day', 'provider', 'lane', 'demand', 'capacity', 'short by'], 'th'),
      ...(short.length === 0 ? [row([cell('forecast-verdict', `every day to ${days.length ? days[days.length - 1].planDay : '–'} fits`), '', '', '', '', ''])]
        : short.map((f) => row([f.planDay, f.provider, f.lane, f.demand, f.capacity, bad(f.shortBy)]))),
    ]);
  }

  async function show(dayText) {
    $('status').textContent = `Loading ${dayText}…`;
    try {
      const day = await api(`api/days/${dayText}`);
      showReads(day.report);
      showDelivery(day);
      showProviders(day);
      showUsers(day);
      showCharts(day);
      showForecast(day);
      $('status').textContent = `Collection day ${day.collectionDay} (data day ${day.dataDay}), as of ${new Date().toISOString().slice(0, 19)}Z.`;
      $('status').dataset.shown = day.collectionDay;
    } catch (error) {
      $('status').replaceChildren(bad(error.message));
    }
  }

  $('token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    sessionStorage.setItem('halfhour-token', $('token').value.trim());
    $('token').value = '';
    if (!$('day').value) $('day').value = (await api('api/today').catch(() => ({ collectionDay: '' }))).collectionDay;
    if ($('day').value) await show($('day').value);
  });
  $('day-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if ($('day').value) void show($('day').value);
  });
})();
