// A message and its events as the message search and the contact timeline show them: every event
// in time order with the exact SMTP reply, as the receiving server wrote it.

import { el } from './page.js';
import { time } from './format.js';

/** A listing's rows, whether the API answers an array or a page of items. */
export function rows(body, ...names) {
  if (Array.isArray(body)) return body;
  if (!body) return [];
  for (const name of [...names, 'items', 'messages', 'events']) {
    if (Array.isArray(body[name])) return body[name];
  }
  return [];
}

function smtp(e) {
  if (!e.smtpResponse && !e.smtpCode) return '';
  return el(
    'code',
    { class: 'smtp', 'data-field': 'smtpResponse' },
    e.smtpResponse || [e.smtpCode, e.enhancedStatus].filter(Boolean).join(' '),
  );
}

function detail(e) {
  const parts = [];
  if (e.bounceClass) parts.push(`${e.bounceClass} bounce`);
  if (e.machineOpen) parts.push('machine open');
  if (e.url) parts.push(e.url);
  if (e.reason) parts.push(e.reason);
  if (e.value !== undefined && e.value !== null) parts.push(`value ${e.value}`);
  return parts.join(' · ');
}

/** The events in the API's order: oldest first. */
export function eventsTable(events) {
  const sorted = events;
  return el(
    'table',
    { class: 'grid events' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['Time', 'Event', 'Provider', 'Sending IP', 'Code', 'SMTP reply', 'Detail'].map((h) => el('th', {}, h)),
      ),
    ),
    el(
      'tbody',
      {},
      sorted.map((e) =>
        el(
          'tr',
          { 'data-event': e.eventId, 'data-type': e.type },
          el('td', { class: 'nowrap' }, time(e.occurredAt)),
          el('td', {}, el('span', { class: `badge ${String(e.type).toLowerCase()}` }, e.type)),
          el('td', {}, e.provider || ''),
          el('td', {}, e.sendingIp || ''),
          el('td', { class: 'nowrap' }, [e.smtpCode, e.enhancedStatus].filter(Boolean).join(' ')),
          el('td', {}, smtp(e)),
          el('td', {}, detail(e)),
        ),
      ),
    ),
  );
}

/**
 * A message: who it went to, from which campaign, its current status, then its events. The
 * contact timeline leaves out the link to itself.
 */
export function messageCard(m, { linkContact = true } = {}) {
  const events = rows(m.events);
  return el(
    'article',
    { class: 'message', 'data-message': m.messageId },
    el(
      'header',
      {},
      el('strong', {}, m.address || m.recipient || ''),
      el('span', { class: 'muted' }, ` message ${m.messageId}`),
      m.status ? el('span', { class: `badge ${m.status}` }, m.status) : null,
      m.campaignId
        ? el('a', { href: `campaign.html?id=${m.campaignId}` }, m.campaignName || 'campaign')
        : null,
      m.contactId && linkContact
        ? el('a', { href: `contact.html?id=${m.contactId}` }, 'contact timeline')
        : null,
    ),
    m.lastSmtpResponse || m.sendingIp
      ? el(
          'p',
          { class: 'muted' },
          m.sendingIp ? `sent from ${m.sendingIp}${m.provider ? ` to ${m.provider}` : ''}` : '',
          m.lastSmtpResponse ? ' · last reply ' : '',
          m.lastSmtpResponse ? el('code', { class: 'smtp' }, m.lastSmtpResponse) : '',
        )
      : null,
    events.length ? eventsTable(events) : el('p', { class: 'muted' }, 'No events yet.'),
  );
}
