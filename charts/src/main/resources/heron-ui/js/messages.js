// Message search: by recipient address, message id or campaign, every event of each message with
// the exact SMTP reply.

import { getJson, query } from './api.js';
import { byId, guard, param, ready, setParams, start } from './page.js';
import { messageCard, rows } from './events.js';

const PLACEHOLDERS = {
  recipient: 'someone@example.com',
  messageId: 'message id (uuid)',
  campaignId: 'campaign id (uuid)',
};

async function search(by, term) {
  const params = Object.fromEntries(Object.keys(PLACEHOLDERS).map((name) => [name, null]));
  setParams({ ...params, [by]: term });
  const messages = rows(await getJson(`/api/messages${query({ [by]: term })}`));
  byId('results').replaceChildren(...messages.map((m) => messageCard(m)));
  byId('no-results').hidden = messages.length > 0;
}

async function render() {
  const by = byId('by');
  const term = byId('term');
  by.addEventListener('change', () => {
    term.placeholder = PLACEHOLDERS[by.value];
  });
  byId('search').addEventListener('submit', async (event) => {
    event.preventDefault();
    await guard(() => search(by.value, term.value.trim()));
  });
  for (const name of Object.keys(PLACEHOLDERS)) {
    const value = param(name);
    if (value) {
      by.value = name;
      term.value = value;
      await search(name, value);
      break;
    }
  }
  term.placeholder = PLACEHOLDERS[by.value];
  ready();
}

start('messages.html', render);
