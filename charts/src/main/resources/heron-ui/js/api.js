// The control API as the pages see it: the tenant's API key (entered once and kept in
// localStorage, or handed over once as ?key= by the demo) and JSON calls that turn every failure
// into an ApiError whose message says what went wrong and, when the API names one, which field.

const KEY_STORAGE = 'heron.apiKey';

/** A call that did not answer 2xx, or could not be made. */
export class ApiError extends Error {
  constructor(path, status, message, field) {
    super(message);
    this.path = path;
    this.status = status;
    this.field = field;
  }

  describe() {
    const where = this.field ? ` (field: ${this.field})` : '';
    if (!this.status) return `${this.message}${where}`;
    return `${this.path}: HTTP ${this.status}: ${this.message}${where}`;
  }
}

/**
 * The API key: a ?key= parameter is stored and removed from the address bar (so it is not left
 * in the history or a shared link); otherwise the stored one, or null.
 */
export function apiKey() {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    localStorage.setItem(KEY_STORAGE, fromUrl.trim());
    url.searchParams.delete('key');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return localStorage.getItem(KEY_STORAGE);
}

export function forgetKey() {
  localStorage.removeItem(KEY_STORAGE);
}

export function saveKey(key) {
  localStorage.setItem(KEY_STORAGE, key.trim());
}

/** GET a path of the control API as JSON, with the bearer key. */
export async function getJson(path) {
  const key = apiKey();
  if (!key) {
    throw new ApiError(path, 0, 'no API key: enter the tenant API key above', 'key');
  }
  let response;
  try {
    response = await fetch(path, {
      headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
    });
  } catch (e) {
    throw new ApiError(path, 0, `${path}: the control API cannot be reached (${e.message})`);
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
  }
  if (!response.ok) {
    const message =
      (body && (body.message || body.error || body._embedded?.errors?.[0]?.message)) ||
      text.slice(0, 200) ||
      response.statusText;
    throw new ApiError(path, response.status, message, body && body.field);
  }
  return body;
}

/** A query string from the given entries, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      q.set(name, value);
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
