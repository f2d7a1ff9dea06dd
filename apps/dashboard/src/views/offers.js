import { h } from '../dom.js';
export async function render(root) { root.append(h('p', null, 'À venir')); }
