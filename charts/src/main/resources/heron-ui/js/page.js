// What every page shares: the navigation, the API key box, the error banner and the page's
// state attribute that tells a reader (or a browser test) when the data has been drawn.

import { ApiError, apiKey, forgetKey, saveKey } from './api.js';

const PAGES = [
  ['index.html', 'Campaigns'],
  ['deliverability.html', 'Deliverability'],
  ['messages.html', 'Message search'],
  ['contact.html', 'Contact timeline'],
];

/** Creates an element with attributes and children (strings become text, never HTML). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Shows what went wrong in the page's banner; an ApiError names the call, status and field. */
export function showError(error) {
  const banner = byId('error');
  banner.textContent = error instanceof ApiError ? error.describe() : String(error.message || error);
  banner.hidden = false;
  document.body.dataset.state = 'error';
}

export function clearError() {
  const banner = byId('error');
  banner.hidden = true;
  banner.textContent = '';
}

/** Marks the page drawn: browser tests wait for data-state="ready" (or "error"). */
export function ready() {
  document.body.dataset.state = 'ready';
}

function navigation(current) {
  return el(
    'nav',
    {},
    el('a', { class: 'brand', href: 'index.html' }, 'Heron'),
    PAGES.map(([href, title]) =>
      el('a', { href, class: href === current ? 'current' : undefined }, title),
    ),
    el('span', { id: 'session', class: 'session' }),
  );
}

function sessionBox(onKey) {
  const box = byId('session');
  box.replaceChildren();
  const key = apiKey();
  if (key) {
    box.append(
      el('span', { class: 'muted' }, `API key ${key.slice(0, 10)}…`),
      el(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            forgetKey();
            window.location.reload();
          },
        },
        'change',
      ),
    );
    return;
  }
  const input = el('input', {
    id: 'api-key',
    type: 'password',
    placeholder: 'tenant API key (.heron/demo.key)',
    autocomplete: 'off',
    required: true,
  });
  box.append(
    el(
      'form',
      {
        id: 'login',
        onsubmit: (event) => {
          event.preventDefault();
          saveKey(input.value);
          sessionBox(onKey);
          onKey();
        },
      },
      input,
      el('button', { type: 'submit' }, 'Use key'),
    ),
  );
}

/**
 * Draws the shared frame and runs the page's render function once a key is known; any error it
 * throws lands in the banner.
 */
export function start(current, render) {
  document.body.prepend(el('header', {}, navigation(current)));
  const run = async () => {
    clearError();
    document.body.dataset.state = 'loading';
    try {
      await render();
    } catch (e) {
      showError(e);
    }
  };
  sessionBox(run);
  if (apiKey()) {
    run();
  } else {
    showError(new ApiError('API key', 0, 'enter the tenant API key to see its data', 'key'));
  }
}

/** Runs a user's action (a search, a new range): its failure lands in the banner. */
export async function guard(action) {
  clearError();
  document.body.dataset.state = 'loading';
  try {
    await action();
    ready();
  } catch (e) {
    showError(e);
  }
}

/** The page's own URL parameter. */
export function param(name) {
  return new URL(window.location.href).searchParams.get(name);
}

/** Replaces page parameters in the address bar without reloading. */
export function setParams(params) {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  window.history.replaceState(null, '', url.pathname + url.search);
}
