// Deliverability: each sending IP's score per mailbox provider over time, warmup progress per IP,
// and the advisor's recommendations for a campaign, with their severity.

import { getJson, query } from './api.js';
import { byId, el, param, ready, setParams, showError, start } from './page.js';
import { color } from './charts.js';
import { count, percent, score, time } from './format.js';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 };

/** A listing's rows, whether the API answers an array or a page of items. */
export function rows(body) {
  if (Array.isArray(body)) return body;
  if (!body) return [];
  for (const name of ['items', 'scores', 'ips', 'history', 'recommendations']) {
    if (Array.isArray(body[name])) return body[name];
  }
  return [];
}

function scoreRow(s) {
  return el(
    'tr',
    { 'data-ip': s.ip, 'data-provider': s.provider },
    el('td', {}, s.ip),
    el('td', {}, s.provider),
    el('td', { class: 'num', 'data-field': 'score', 'data-value': s.score }, score(s.score)),
    el('td', { class: 'num', 'data-field': 'volume', 'data-value': s.volume }, count(s.volume)),
    el('td', { class: 'num' }, percent(s.deliveryRate)),
    el('td', { class: 'num' }, percent(s.bounceRate)),
    el('td', { class: 'num' }, percent(s.complaintRate)),
    el('td', { class: 'num' }, percent(s.deferralRate)),
    el('td', {}, time(s.computedAt)),
  );
}

/** One chart per provider: a line per sending IP, score against time (x in epoch ms). */
function drawScoreCharts(histories) {
  const byProvider = new Map();
  for (const point of histories.flat()) {
    if (!byProvider.has(point.provider)) byProvider.set(point.provider, new Map());
    const byIp = byProvider.get(point.provider);
    if (!byIp.has(point.ip)) byIp.set(point.ip, []);
    byIp.get(point.ip).push({ x: new Date(point.computedAt).getTime(), y: point.score });
  }
  const grid = byId('score-charts');
  for (const old of grid.querySelectorAll('canvas')) window.Chart.getChart(old)?.destroy();
  grid.replaceChildren();
  for (const provider of [...byProvider.keys()].sort()) {
    const canvas = el('canvas', {
      id: `score-chart-${provider}`,
      'data-provider': provider,
      'aria-label': `scores at ${provider}`,
    });
    grid.append(el('div', { class: 'chart-box' }, el('h3', {}, provider), el('div', { class: 'chart short' }, canvas)));
    const datasets = [...byProvider.get(provider).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ip, points], i) => ({
        label: ip,
        data: points.sort((a, b) => a.x - b.x),
        borderColor: color(i),
        backgroundColor: color(i),
        pointRadius: points.length > 48 ? 0 : 2,
        borderWidth: 2,
      }));
    new window.Chart(canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        scales: {
          x: {
            type: 'linear',
            ticks: {
              maxTicksLimit: 6,
              callback: (v) => new Date(v).toISOString().slice(5, 16).replace('T', ' '),
            },
            title: { display: true, text: 'UTC' },
          },
          y: { suggestedMin: 0, suggestedMax: 1, title: { display: true, text: 'score' } },
        },
      },
    });
  }
}

function warmupRow(w) {
  const cap = w.dailyCap;
  const used = w.sentToday ?? w.usedToday ?? w.used ?? 0;
  const unlimited = cap === null || cap === undefined || cap < 0;
  const share = unlimited || !cap ? 0 : Math.min(1, used / cap);
  return el(
    'tr',
    { 'data-ip': w.ip },
    el('td', {}, w.ip),
    el('td', { class: 'num', 'data-field': 'day' }, count(w.scheduleDay ?? w.day)),
    el('td', { class: 'num', 'data-field': 'cap' }, unlimited ? 'unlimited' : count(cap)),
    el('td', { class: 'num', 'data-field': 'used' }, count(used)),
    el(
      'td',
      {},
      el(
        'div',
        { class: 'progress' },
        el('div', { class: `bar${w.paused ? ' paused' : ''}`, style: `width:${(share * 100).toFixed(1)}%` }),
        el('span', {}, unlimited ? '–' : percent(share)),
      ),
    ),
    el(
      'td',
      { 'data-field': 'state' },
      w.paused
        ? el('span', { class: 'badge paused', title: w.pauseReason || '' }, 'paused')
        : el('span', { class: 'badge running' }, 'warming'),
      w.paused && w.pauseReason ? el('div', { class: 'muted' }, w.pauseReason) : null,
    ),
    el('td', {}, w.startedOn || '–'),
  );
}

function adviceItem(r) {
  return el(
    'li',
    { class: `advice-${r.severity}`, 'data-severity': r.severity },
    el('span', { class: `badge ${r.severity}` }, r.severity),
    el('strong', {}, r.title || r.check || ''),
    r.subject ? el('span', { class: 'muted' }, ` ${r.subject}`) : null,
    r.detail ? el('div', {}, r.detail) : null,
  );
}

async function drawAdvice(campaignId) {
  const list = byId('advice');
  if (!campaignId) {
    list.replaceChildren();
    byId('no-advice').hidden = false;
    return;
  }
  setParams({ campaign: campaignId });
  const advice = rows(await getJson(`/api/campaigns/${campaignId}/advisor`)).sort(
    (a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9),
  );
  list.replaceChildren(...advice.map(adviceItem));
  byId('no-advice').hidden = advice.length > 0;
}

async function drawScores() {
  const hours = Number(byId('hours').value);
  const to = new Date();
  const from = new Date(to.getTime() - hours * 3600_000);
  const current = rows(await getJson('/api/ip-scores'));
  current.sort((a, b) => a.ip.localeCompare(b.ip) || a.provider.localeCompare(b.provider));
  byId('scores').tBodies[0].replaceChildren(...current.map(scoreRow));
  byId('no-scores').hidden = current.length > 0;
  const ips = [...new Set(current.map((s) => s.ip))];
  const histories = await Promise.all(
    ips.map((ip) =>
      getJson(
        `/api/ip-scores/${encodeURIComponent(ip)}/history${query({ from: from.toISOString(), to: to.toISOString() })}`,
      ).then(rows),
    ),
  );
  drawScoreCharts(histories);
}

async function render() {
  const [campaigns, warmup] = await Promise.all([
    getJson('/api/campaigns?limit=100'),
    getJson('/api/warmup/status'),
    drawScores(),
  ]);
  const warming = rows(warmup);
  byId('warmup').tBodies[0].replaceChildren(...warming.map(warmupRow));
  byId('no-warmup').hidden = warming.length > 0;

  const select = byId('advisor-campaign');
  select.replaceChildren(...campaigns.items.map((c) => el('option', { value: c.id }, c.name)));
  const chosen = param('campaign');
  if (chosen && campaigns.items.some((c) => c.id === chosen)) select.value = chosen;
  select.addEventListener('change', () => drawAdvice(select.value).catch(showError));
  byId('hours').addEventListener('change', () => drawScores().catch(showError));
  await drawAdvice(select.value);
  ready();
}

start('deliverability.html', render);
