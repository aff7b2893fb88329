// The operator console's page: asks the console's API (with the operator token the user gives,
// kept for the browser tab only) for a collection day, and shows the figures and charts.
(function () {
  'use strict';
  const GROUPS = [['scheduled', 'Scheduled'], ['onDemand', 'On demand'], ['backstop', 'Backstops'], ['bau', 'BAU']];
  const LANES = [['plannedScheduled', 'scheduled', '#3b7dd8'], ['plannedOnDemand', 'on demand and backstops', '#e08a1e'], ['plannedBau', 'BAU', '#6a9f3a']];
  const charts = [];
  const $ = (id) => document.getElementById(id);
  const pct = (v) => (v === null || v === undefined ? '–' : (v * 100).toFixed(1) + ' %');
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const row = (cells, tag = 'td') => '<tr>' + cells.map((c) => `<${tag}>${c}</${tag}>`).join('') + '</tr>';
  const cell = (testid, value) => `<span data-testid="${testid}">${esc(value)}</span>`;
  const unavailable = (answer) => `<span class="bad">unavailable: ${esc(answer.error)}</span>`;

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
    if (!report.ok) return void (table.innerHTML = row([unavailable(report)]));
    const r = report.value;
    table.innerHTML = row(['', 'items', 'delivered', 'stopped', 'expired', 'success', 'within TRT'], 'th') + GROUPS.map(([key, name]) => {
      const g = r.reads[key];
      return row([name, cell(`${key}-items`, g.items), cell(`${key}-delivered`, g.delivered), g.stopped, g.expired, cell(`${key}-success`, pct(g.successRate)), pct(g.trtCompliance)]);
    }).join('') + row(['All', cell('all-items', r.all.items), cell('all-delivered', r.all.delivered), r.all.stopped, cell('all-expired', r.all.expired), pct(r.all.successRate), pct(r.all.trtCompliance)])
      + row([`Reads saved by collecting once: ${cell('saved', r.plan ? r.plan.savedByCollectingOnce : '–')}`, '', '', '', '', '', '']);
  }

  function showDelivery(day) {
    const lines = [];
    if (day.dip.ok) {
      const m = day.dip.value.mpanDays;
      lines.push(row([`MPAN-days of ${esc(day.dataDay)} at the DIP`, cell('dip-delivered', m.delivered)]), row(['pending', cell('dip-pending', m.pending)]), row(['refused by the DIP', cell('dip-refused', m.refused)]));
    } else lines.push(row(['DIP', unavailable(day.dip)]));
    lines.push(row(['DIP backlog (messages)', cell('dip-backlog', day.backlog.dipBacklog.total)]), row(['dead-lettered messages (since the services started)', cell('dead-letters', day.backlog.deadLetters.total)]));
    if (day.decisions.ok) {
      const d = day.decisions.value;
      lines.push(row(['access decisions', cell('decisions', d.decisions)]), row(['authorised', d.authorised]));
      for (const [code, n] of Object.entries(d.refusalsByCode)) lines.push(row([`refused ${esc(code)}`, cell(`refused-${code}`, n)]));
    } else lines.push(row(['access decisions', unavailable(day.decisions)]));
    $('delivery').querySelector('table').innerHTML = lines.join('');
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
      .map((c) => `${hhmm(c.changedAt)} ${c.readsPerSlot.from}→${c.readsPerSlot.to} (${esc(c.changedBy)})`).join(', ') || '–';
  }

  function showProviders(day) {
    const table = $('providers').querySelector('table');
    if (!day.report.ok) return void (table.innerHTML = row([unavailable(day.report)]));
    const out = outagesOf(day);
    table.innerHTML = row(['provider', 'items', 'delivered', 'expired', 'success', 'MHHS reads the day allows', 'busiest hour', 'headroom', 'out during the day (UTC)', 'capacity changed (UTC, reads per slot)', 'now'], 'th')
      + day.report.value.providers.map((p) => `<tr class="${out.has(p.provider) ? 'out' : ''}" data-testid="provider-${esc(p.provider)}">` + [
        esc(p.provider), p.all.items, cell(`provider-${p.provider}-delivered`, p.all.delivered), p.all.expired, pct(p.all.successRate), p.mhhsReadsInDay,
        pct(p.peakHourUtilisation), pct(p.headroom),
        cell(`outages-${p.provider}`, outagesDuring(day, p.provider).map((o) => `${hhmm(o.from)}–${hhmm(o.to)}`).join(', ') || '–'),
        cell(`capacity-changes-${p.provider}`, capacityChangesOf(day, p.provider)),
        out.has(p.provider) ? '<span class="bad">OUT</span>' : 'in service',
      ].map((c) => `<td>${c}</td>`).join('') + '</tr>').join('');
  }

  function showCharts(day) {
    charts.splice(0).forEach((chart) => chart.destroy());
    const grid = $('chart-grid');
    grid.innerHTML = '';
    if (!day.report.ok) return;
    const out = outagesOf(day);
    const hours = day.report.value.hours;
    for (const provider of [...new Set(hours.map((h) => h.provider))]) {
      const rows = hours.filter((h) => h.provider === provider);
      const labels = rows.map((h) => new Date(h.hour).toISOString().slice(11, 13) + ':00');
      const box = document.createElement('div');
      box.innerHTML = `<h2>${esc(provider)}${out.has(provider) ? ' <span class="bad">(out)</span>' : ''}</h2><canvas data-testid="chart-${esc(provider)}" height="180"></canvas>`;
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
    if (!day.users.ok) return void (table.innerHTML = row([unavailable(day.users)]));
    table.innerHTML = row(['user', 'role', 'MPID', 'on demand', 'delivered', 'expired', 'success', 'scheduled'], 'th')
      + day.users.value.users.map((u) => row([esc(u.userId), esc(u.role), esc(u.mpid), cell(`user-${u.userId}-on-demand`, u.reads.onDemand.items), u.reads.onDemand.delivered,
        u.reads.onDemand.expired, pct(u.reads.onDemand.successRate), u.reads.scheduled.items])).join('');
  }

  function showForecast(day) {
    const table = $('forecast').querySelector('table');
    if (!day.forecast.ok) return void (table.innerHTML = row([unavailable(day.forecast)]));
    const days = day.forecast.value.days;
    const short = days.filter((f) => f.shortBy > 0);
    table.innerHTML = row(['plan day', 'provider', 'lane', 'demand', 'capacity', 'short by'], 'th')
      + (short.length === 0 ? row([cell('forecast-verdict', `every day to ${days.length ? days[days.length - 1].planDay : '–'} fits`), '', '', '', '', ''])
        : short.map((f) => row([f.planDay, esc(f.provider), f.lane, f.demand, f.capacity, `<span class="bad">${f.shortBy}</span>`])).join(''));
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
      $('status').innerHTML = `<span class="bad">${esc(error.message)}</span>`;
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
