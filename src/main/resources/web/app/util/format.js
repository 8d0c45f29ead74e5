// Display helpers; every one accepts null/undefined and shows a dash, because the server
// sends null for figures without a denominator (no answered calls yet, and so on).

const DASH = '–';

export function duration(millis) {
  if (millis == null || !Number.isFinite(millis)) return DASH;
  const total = Math.max(0, Math.round(millis / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(h ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  return h ? `${h}:${mmss}` : mmss;
}

export function percent(value, digits = 1) {
  return value == null ? DASH : `${value.toFixed(digits)}%`;
}

export function count(value) {
  return value == null ? DASH : value.toLocaleString('en-US');
}

export function seconds(millis) {
  return millis == null ? null : Math.round(millis / 100) / 10;
}

export function clock(date) {
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

/** SERVICE_LEVEL_VARIANT -> "service level variant" for labels. */
export function words(constant) {
  return constant ? constant.toLowerCase().replaceAll('_', ' ') : '';
}

/** Traffic-light class for a service level against the usual 80% target. */
export function slClass(sl) {
  if (sl == null) return 'none';
  if (sl >= 80) return 'good';
  if (sl >= 60) return 'warn';
  return 'bad';
}

/** Traffic-light class for an abandon rate (percent). */
export function abandonClass(rate) {
  if (rate == null) return 'none';
  if (rate <= 5) return 'good';
  if (rate <= 10) return 'warn';
  return 'bad';
}
