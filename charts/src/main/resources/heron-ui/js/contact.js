// Contact timeline: every message sent to one contact, across campaigns, each with its events.

import { ApiError, getJson, query } from './api.js';
import { byId, el, guard, param, ready, setParams, start } from './page.js';
import { messageCard, rows } from './events.js';
import { time } from './format.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The contact id for what was typed: an id as it is, an email address looked up. */
async function contactId(term) {
  if (UUID.test(term)) return term;
  if (!term.includes('@')) {
    throw new ApiError('contact', 400, `'${term}' is neither an email address nor a contact id`, 'contact');
  }
  const found = rows(await getJson(`/api/contacts${query({ email: term })}`));
  if (!found.length) throw new ApiError('/api/contacts', 404, `no contact with the email ${term}`, 'email');
  return found[0].id;
}

function profile(c) {
  const entries = [
    ['Email', c.email],
    ['Name', [c.firstName, c.lastName].filter(Boolean).join(' ')],
    ['Company', c.company],
    ['Time zone', c.timeZone],
    ['Tags', (c.tags || []).join(', ')],
    ['Consent', c.consent],
    ['Opted out', c.optedOut ? 'yes' : 'no'],
    ['Created', time(c.createdAt)],
  ].filter(([, v]) => v);
  byId('profile').replaceChildren(...entries.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

/** The timeline's messages, newest first: messages with events, or bare events grouped by message. */
export function messagesOf(timeline) {
  const messages = rows(timeline, 'messages');
  if (messages.length && messages[0].messageId && !messages[0].type) return messages;
  const byMessage = new Map();
  for (const e of rows(timeline, 'events')) {
    if (!byMessage.has(e.messageId)) {
      byMessage.set(e.messageId, { messageId: e.messageId, campaignId: e.campaignId, events: [] });
    }
    byMessage.get(e.messageId).events.push(e);
  }
  return [...byMessage.values()];
}

async function show(term) {
  const id = await contactId(term);
  setParams({ id });
  const [contact, timeline] = await Promise.all([
    getJson(`/api/contacts/${id}`),
    getJson(`/api/contacts/${id}/timeline`),
  ]);
  byId('who').textContent = contact.email || id;
  profile(contact);
  const messages = messagesOf(timeline);
  byId('timeline').replaceChildren(
    ...messages.map((m) => messageCard(m, { linkContact: false })),
  );
  byId('no-messages').hidden = messages.length > 0;
}

async function render() {
  const term = byId('term');
  byId('find').addEventListener('submit', async (event) => {
    event.preventDefault();
    await guard(() => show(term.value.trim()));
  });
  const initial = param('id') || param('email');
  if (initial) {
    term.value = initial;
    await show(initial);
  }
  ready();
}

start('contact.html', render);
