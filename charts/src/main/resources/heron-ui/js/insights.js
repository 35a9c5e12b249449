// Campaign insights: counts and rates over time (by hour or day), totals, and pivots by mailbox
// provider, sender identity and A/B variant, for a date range, refreshed live while it runs.

import { getJson, query } from './api.js';
import { byId, clearError, el, param, ready, setParams, showError, start } from './page.js';
import { draw } from './charts.js';
import { bucketLabel, count, inputToIso, isoToInput, percent } from './format.js';

const LIVE_MS = 5000;
const MAX_SLOTS = 1000;
const STEP_MS = { hour: 3600_000, day: 86400_000 };

export const VOLUME = [
  ['sent', 'sent'],
  ['delivered', 'delivered'],
  ['bounced', 'bounced'],
  ['deferred', 'deferred'],
  ['uniqueOpens', 'opens (unique)'],
  ['uniqueClicks', 'clicks (unique)'],
  ['unsubscribes', 'unsubscribes'],
  ['complaints', 'complaints'],
];

export const RATES = [
  ['deliveryRate', 'delivery'],
  ['openRate', 'open'],
  ['clickRate', 'click'],
  ['bounceRate', 'bounce'],
  ['complaintRate', 'complaint'],
  ['unsubscribeRate', 'unsubscribe'],
];

const PIVOT_SERIES = [
  ['sent', 'sent'],
  ['delivered', 'delivered'],
  ['bounced', 'bounced'],
  ['uniqueOpens', 'opens (unique)'],
  ['uniqueClicks', 'clicks (unique)'],
];

const PIVOT_TITLES = { provider: 'Provider', identity: 'Sender identity', variant: 'Variant' };

let campaign;
let pivot = param('pivot') || 'provider';
let timer = null;

function floorTo(date, grouping) {
  const d = new Date(date);
  d.setUTCMinutes(0, 0, 0);
  if (grouping === 'day') d.setUTCHours(0);
  return d;
}

/**
 * Every time slot of the range, each with the API's bucket for it or none: an hour without events
 * is drawn as zero counts and no rate, not skipped. A range too long to draw slot by slot shows the
 * API's buckets alone.
 */
export function slots(buckets, fromIso, toIso, grouping) {
  const step = STEP_MS[grouping];
  const start = floorTo(fromIso, grouping).getTime();
  const end = new Date(toIso).getTime();
  const byTime = new Map(buckets.map((b) => [new Date(b.bucket).getTime(), b]));
  if ((end - start) / step > MAX_SLOTS) {
    return buckets.map((b) => ({ at: b.bucket, row: b }));
  }
  const all = [];
  for (let t = start; t < end; t += step) {
    all.push({ at: new Date(t).toISOString(), row: byTime.get(t) || null });
  }
  return all;
}

function card(field, title, value, detail) {
  return el(
    'div',
    { class: 'card', 'data-field': field },
    el('div', { class: 'card-title' }, title),
    el('div', { class: 'card-value', 'data-value': value }, count(value)),
    detail ? el('div', { class: 'muted' }, detail) : null,
  );
}

function drawTotals(t) {
  byId('totals').replaceChildren(
    card('sent', 'Sent', t.sent, `${count(t.dropped)} dropped, ${count(t.failed)} failed`),
    card('delivered', 'Delivered', t.delivered, `${percent(t.deliveryRate)} of sent`),
    card(
      'bounced',
      'Bounced',
      t.bounced,
      `${percent(t.bounceRate)}: ${count(t.bouncedHard)} hard, ${count(t.bouncedSoft)} soft, ${count(t.blocked)} blocked`,
    ),
    card('deferred', 'Deferred', t.deferred),
    card(
      'uniqueOpens',
      'Opens',
      t.uniqueOpens,
      `${percent(t.openRate)} unique; ${count(t.opens)} total, ${count(t.machineOpens)} machine`,
    ),
    card(
      'uniqueClicks',
      'Clicks',
      t.uniqueClicks,
      `${percent(t.clickRate)} unique; ${percent(t.clickToOpenRate)} of openers`,
    ),
    card('unsubscribes', 'Unsubscribes', t.unsubscribes, percent(t.unsubscribeRate)),
    card('complaints', 'Complaints', t.complaints, percent(t.complaintRate)),
  );
}

function drawSeries(insights) {
  const grouping = insights.groupBy;
  const all = slots(insights.buckets, insights.from, insights.to, grouping);
  const labels = all.map((s) => bucketLabel(s.at, grouping));
  const volume = byId('volume-chart');
  const rates = byId('rates-chart');
  for (const canvas of [volume, rates]) canvas.dataset.buckets = JSON.stringify(all.map((s) => s.at));
  draw(
    volume,
    'line',
    labels,
    VOLUME.map(([field, label]) => ({ label, data: all.map((s) => (s.row ? s.row[field] : 0)) })),
    { yTitle: `messages per ${grouping} (UTC)` },
  );
  draw(
    rates,
    'line',
    labels,
    RATES.map(([field, label]) => ({
      label,
      data: all.map((s) => (s.row && s.row.sent > 0 ? s.row[field] : null)),
    })),
    { percent: true },
  );
}

function drawPivot(insights) {
  const keys = insights.buckets.map((b) => b.key || '(none)');
  byId('pivot-name').textContent = PIVOT_TITLES[pivot].toLowerCase();
  byId('pivot-key').textContent = PIVOT_TITLES[pivot];
  for (const tab of byId('pivot-tabs').querySelectorAll('button')) {
    tab.classList.toggle('current', tab.dataset.pivot === pivot);
  }
  const canvas = byId('pivot-chart');
  canvas.dataset.keys = JSON.stringify(insights.buckets.map((b) => b.key));
  draw(
    canvas,
    'bar',
    keys,
    PIVOT_SERIES.map(([field, label]) => ({ label, data: insights.buckets.map((b) => b[field]) })),
    { yTitle: 'messages' },
  );
  byId('pivot-table').tBodies[0].replaceChildren(
    ...insights.buckets.map((b) =>
      el(
        'tr',
        { 'data-key': b.key },
        el('td', {}, b.key || '(none)'),
        ...['sent', 'delivered', 'bounced', 'deferred', 'uniqueOpens', 'uniqueClicks'].map((f) =>
          el('td', { class: 'num', 'data-field': f, 'data-value': b[f] }, count(b[f])),
        ),
        ...['deliveryRate', 'openRate', 'clickRate', 'bounceRate', 'complaintRate'].map((f) =>
          el('td', { class: 'num', 'data-field': f, 'data-value': b[f] }, percent(b[f])),
        ),
      ),
    ),
  );
}

/** The campaign's A/B test, when it has one: each variant's figures and the decision. */
function drawAb(ab) {
  const section = byId('ab');
  section.hidden = !ab;
  if (!ab) return;
  const decided = ab.status === 'decided';
  byId('ab-summary').textContent =
    `${ab.testPercent} % of the audience tested on ${ab.metric}; ` +
    (decided
      ? `winner ${ab.winner} (decided ${ab.decidedAt ? ab.decidedAt.slice(0, 16).replace('T', ' ') : ''} UTC)`
      : `running${ab.windowEndsAt ? ` until ${ab.windowEndsAt.slice(0, 16).replace('T', ' ')} UTC` : ''}`);
  byId('ab-variants').tBodies[0].replaceChildren(
    ...(ab.variants || []).map((v) =>
      el(
        'tr',
        { 'data-variant': v.variant, class: decided && v.variant === ab.winner ? 'winner' : undefined },
        el('td', {}, v.variant, decided && v.variant === ab.winner ? ' ★' : ''),
        el('td', { class: 'num' }, `${v.splitPercent} %`),
        ...['sent', 'delivered', 'uniqueOpens', 'uniqueClicks', 'conversions'].map((f) =>
          el('td', { class: 'num', 'data-field': f, 'data-value': v[f] }, count(v[f])),
        ),
        el('td', { class: 'num', 'data-field': 'rate', 'data-value': v.rate }, percent(v.rate)),
        el('td', { class: 'num' }, v.pValue === null || v.pValue === undefined ? '–' : v.pValue.toFixed(4)),
      ),
    ),
  );
}

function range() {
  return { from: inputToIso(byId('from').value), to: inputToIso(byId('to').value) };
}

function nextHour(now = new Date()) {
  const d = new Date(now.getTime() + 3600_000);
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
}

async function load() {
  const id = campaign.id;
  const grouping = byId('group').value;
  const live = byId('live').checked;
  if (live) byId('to').value = isoToInput(nextHour());
  const { from, to } = range();
  // A live page's address keeps no end, so that opening it again is live again.
  setParams({ from, to: live ? null : to, group_by: grouping, pivot });
  const [series, byPivot, fresh] = await Promise.all([
    getJson(`/api/campaigns/${id}/insights${query({ from, to, group_by: grouping })}`),
    getJson(`/api/campaigns/${id}/insights${query({ from, to, group_by: pivot })}`),
    getJson(`/api/campaigns/${id}`),
  ]);
  campaign = fresh;
  drawAb(campaign.abTest ? await getJson(`/api/campaigns/${id}/ab`) : null);
  drawHeader();
  drawTotals(series.totals);
  drawSeries(series);
  drawPivot(byPivot);
  byId('refreshed').textContent = `updated ${new Date().toISOString().slice(11, 19)} UTC`;
  clearError();
  ready();
}

function drawHeader() {
  byId('title').textContent = campaign.name;
  document.title = `Heron · ${campaign.name}`;
  const status = byId('status');
  status.textContent = campaign.status;
  status.className = `badge ${campaign.status}`;
  const recipients = Object.entries(campaign.recipients || {})
    .map(([s, n]) => `${count(n)} ${s}`)
    .join(', ');
  byId('meta').textContent =
    `${campaign.channel || ''} · ${campaign.messageClass || ''} · recipients: ${recipients || 'none yet'}` +
    (campaign.launchedAt ? ` · launched ${campaign.launchedAt.slice(0, 16).replace('T', ' ')} UTC` : '');
}

async function safeLoad() {
  document.body.dataset.state = 'loading';
  try {
    await load();
  } catch (e) {
    showError(e);
  }
}

function setLive(on) {
  if (timer) clearInterval(timer);
  timer = on ? setInterval(safeLoad, LIVE_MS) : null;
}

async function render() {
  const id = param('id');
  if (!id) throw new Error('no campaign: open this page from the campaign list (campaign.html?id=…)');
  campaign = await getJson(`/api/campaigns/${encodeURIComponent(id)}`);
  const start = floorTo(campaign.launchedAt || campaign.createdAt, 'hour').toISOString();
  byId('from').value = isoToInput(param('from') || start);
  byId('to').value = isoToInput(param('to') || nextHour());
  const grouping = param('group_by');
  if (grouping === 'day' || grouping === 'hour') byId('group').value = grouping;
  const running = campaign.status === 'running' || campaign.status === 'scheduled';
  byId('live').checked = running && !param('to');
  byId('live').addEventListener('change', (e) => {
    setLive(e.target.checked);
    if (e.target.checked) safeLoad();
  });
  byId('range').addEventListener('submit', (e) => {
    e.preventDefault();
    safeLoad();
  });
  byId('group').addEventListener('change', safeLoad);
  byId('pivot-tabs').addEventListener('click', (e) => {
    const chosen = e.target.closest('button');
    if (!chosen) return;
    pivot = chosen.dataset.pivot;
    safeLoad();
  });
  await load();
  setLive(byId('live').checked);
}

start('index.html', render);
