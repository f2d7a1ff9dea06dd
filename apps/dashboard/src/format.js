// French number and date formats (Intl, fr-FR: narrow no-break space for thousands).
const int = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const eur = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const pct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const pct0 = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const signedPct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const signedDec = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const dateLong = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const dateShort = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'Europe/Paris' });
const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const isoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Paris' });

const NA = '—';
const ok = (v) => v !== null && v !== undefined && Number.isFinite(Number(v));

export const fmtInt = (v) => (ok(v) ? int.format(v) : NA);
export const fmtDec = (v) => (ok(v) ? dec1.format(v) : NA);
export const fmtEur = (v) => (ok(v) ? eur.format(v) : NA);
export const fmtPct = (v) => (ok(v) ? pct.format(v) : NA);
export const fmtPct0 = (v) => (ok(v) ? pct0.format(v) : NA);
/** A change already in percent (e.g. -13.04 → "−13 %"). */
export const fmtChangePct = (v) => (ok(v) ? signedPct.format(v / 100) : NA);
/** Percentage points (e.g. 4.3 → "+4,3 pts"). */
export const fmtPoints = (v) => (ok(v) ? `${signedDec.format(v)} pt${Math.abs(v) >= 2 ? 's' : ''}` : NA);
/** "2026-11-28T19:10:05Z" → "28 novembre 2026 à 20:10". */
/** French writes the first of the month "1er": "1 novembre 2026" → "1er novembre 2026". */
const first = (text) => text.replace(/^1 /, '1er ');
export const fmtDateTime = (iso) => (iso ? first(dateTime.format(new Date(iso))) : NA);
export const fmtDate = (iso) => (iso ? first(dateLong.format(new Date(iso))) : NA);
export const fmtDateShort = (iso) => (iso ? dateShort.format(new Date(iso)) : NA);
/** A calendar day "2026-11-23" (no time zone shift). */
export const fmtDay = (day) => (day ? first(dateLong.format(new Date(`${day}T12:00:00Z`))) : NA);
export const fmtDayShort = (day) => (day ? dayMonth.format(new Date(`${day}T00:00:00Z`)) : NA);
export const fmtMonth = (day) => (day ? monthYear.format(new Date(`${day}T00:00:00Z`)) : NA);
/** Today's Paris day as YYYY-MM-DD, shifted by `offset` days. */
export function parisDay(offset = 0, from = new Date()) {
  const d = new Date(from.getTime() + offset * 86400000);
  return isoDay.format(d);
}
/** Compact euros for axes: 45000 → "45 k€". */
export const fmtKEur = (v) => (ok(v) ? `${int.format(Math.round(v / 1000))} k€` : NA);
