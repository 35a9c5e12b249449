// Campaigns: each with its status, how far sending has got and its headline rates.

import { getJson, query } from './api.js';
import { byId, el, ready, start } from './page.js';
import { count, percent, time } from './format.js';

const PAGE_SIZE = 100;

/** The whole life of a campaign, as an insights window: from its creation hour to the next hour. */
export function lifetime(campaign, now = new Date()) {
  const from = new Date(campaign.createdAt);
  from.setUTCMinutes(0, 0, 0);
  const to = new Date(now.getTime() + 3600_000);
  to.setUTCMinutes(0, 0, 0);
  return { from: from.toISOString(), to: to.toISOString() };
}

export function recipientsTotal(campaign) {
  return Object.values(campaign.recipients || {}).reduce((a, b) => a + b, 0);
}

function progressBar(sent, planned) {
  const share = planned ? Math.min(1, sent / planned) : 0;
  return el(
    'div',
    { class: 'progress', title: `${count(sent)} of ${count(planned)} sent` },
    el('div', { class: 'bar', style: `width:${(share * 100).toFixed(1)}%` }),
    el('span', {}, planned ? percent(share) : '–'),
  );
}

function row(campaign, totals) {
  const planned = recipientsTotal(campaign);
  return el(
    'tr',
    { 'data-campaign': campaign.id },
    el('td', {}, el('a', { href: `campaign.html?id=${campaign.id}` }, campaign.name)),
    el('td', {}, el('span', { class: `badge ${campaign.status}` }, campaign.status)),
    el('td', {}, progressBar(totals.sent, planned)),
    el('td', { class: 'num', 'data-field': 'recipients', 'data-value': planned }, count(planned)),
    el('td', { class: 'num', 'data-field': 'sent', 'data-value': totals.sent }, count(totals.sent)),
    el('td', { class: 'num', 'data-field': 'delivered', 'data-value': totals.delivered }, count(totals.delivered)),
    el('td', { class: 'num', 'data-field': 'deliveryRate', 'data-value': totals.deliveryRate }, percent(totals.deliveryRate)),
    el('td', { class: 'num', 'data-field': 'openRate', 'data-value': totals.openRate }, percent(totals.openRate)),
    el('td', { class: 'num', 'data-field': 'clickRate', 'data-value': totals.clickRate }, percent(totals.clickRate)),
    el('td', { class: 'num', 'data-field': 'bounceRate', 'data-value': totals.bounceRate }, percent(totals.bounceRate)),
    el('td', { class: 'num', 'data-field': 'complaintRate', 'data-value': totals.complaintRate }, percent(totals.complaintRate)),
    el('td', {}, time(campaign.createdAt)),
  );
}

async function render() {
  const page = await getJson(`/api/campaigns${query({ limit: PAGE_SIZE })}`);
  const campaigns = page.items;
  const totals = await Promise.all(
    campaigns.map((c) =>
      getJson(`/api/campaigns/${c.id}/insights${query({ ...lifetime(c), group_by: 'day' })}`).then(
        (insights) => insights.totals,
      ),
    ),
  );
  byId('campaigns').tBodies[0].replaceChildren(...campaigns.map((c, i) => row(c, totals[i])));
  byId('empty').hidden = campaigns.length > 0;
  ready();
}

start('index.html', render);
