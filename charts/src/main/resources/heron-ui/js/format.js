// Numbers, rates and times as the pages print them. Times are UTC throughout, like the hourly
// and daily buckets of the insights API.

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function count(n) {
  return n === undefined || n === null ? '–' : INTEGER.format(n);
}

/** A rate in [0, 1] as a percentage with one decimal (two below 1 %). */
export function percent(rate) {
  if (rate === undefined || rate === null || Number.isNaN(rate)) return '–';
  const p = rate * 100;
  return `${p.toFixed(p !== 0 && Math.abs(p) < 1 ? 2 : 1)} %`;
}

export function score(value) {
  return value === undefined || value === null ? '–' : Number(value).toFixed(3);
}

/** 2026-11-23 19:05:12 UTC */
export function time(iso) {
  if (!iso) return '–';
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The label of a time bucket: "11-23 19:00" by hour, "2026-11-23" by day. */
export function bucketLabel(iso, grouping) {
  const s = new Date(iso).toISOString();
  return grouping === 'day' ? s.slice(0, 10) : `${s.slice(5, 10)} ${s.slice(11, 16)}`;
}

/** A datetime-local input's value (read as UTC) as an ISO instant, or null. */
export function inputToIso(value) {
  return value ? new Date(`${value}:00Z`).toISOString() : null;
}

/** An instant as a datetime-local input's value, in UTC. */
export function isoToInput(iso) {
  return new Date(iso).toISOString().slice(0, 16);
}

export function rate(part, whole) {
  return whole ? part / whole : 0;
}
