// Pieces shared by the views.
import { h } from '../dom.js';

/** A headline figure card: value has data-testid `${testid}-value` and data-value (raw number). */
export function kpi(testid, labelText, value, raw, note) {
  return h('div', { class: 'card kpi', dataset: { testid } },
    h('span', { class: 'k-label' }, labelText),
    h('span', { class: 'k-value', dataset: { testid: `${testid}-value`, value: raw ?? '' } }, value),
    note ? h('span', { class: 'k-note' }, note) : null);
}

export function viewHead(title, text, ...extra) {
  return h('div', { class: 'view-head' },
    h('div', null, h('h2', null, title), text ? h('p', null, text) : null), ...extra);
}

/** A labelled <select> for view options. */
export function control(id, text, opts, value, onchange) {
  const sel = h('select', { id, onchange: (e) => onchange(e.target.value) },
    opts.map((o) => h('option', { value: o.key, selected: o.key === value }, o.label)));
  return h('label', { class: 'control', for: id }, text, sel);
}

/** Segmented buttons (aria-pressed). */
export function segmented(labelText, opts, value, onchange, testid) {
  return h('div', { class: 'seg', role: 'group', 'aria-label': labelText, dataset: { testid } },
    opts.map((o) => h('button', { type: 'button', 'aria-pressed': String(o.key === value), onclick: () => onchange(o.key) }, o.label)));
}
