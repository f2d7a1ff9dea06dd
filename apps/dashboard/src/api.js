// REST API client. Same origin by default; `?api=http://host:port` on the page
// or <meta name="jobmarket-api" content="..."> overrides the base for development.

function apiBase() {
  const fromQuery = new URLSearchParams(location.search).get('api');
  const fromMeta = document.querySelector('meta[name="jobmarket-api"]')?.content;
  const base = (fromQuery || fromMeta || '').trim().replace(/\/+$/, '');
  // Only http(s) bases are accepted.
  return /^https?:\/\//.test(base) ? base : '';
}
export const API_BASE = apiBase();

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || `Erreur HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    this.parameter = body?.error?.parameter;
  }
}

const cache = new Map();
const listeners = new Set();
/** Called with each answer's `meta` (demo flag, last success). */
export const onMeta = (fn) => listeners.add(fn);

/** Builds the query string; arrays are sent comma-joined, empty values dropped. */
export function query(params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) { if (v.length) q.set(k, v.join(',')); } else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** GET /api/v1/<path> with params; answers are cached for the page's life (30 s). */
export async function get(path, params) {
  const url = `${API_BASE}/api/v1/${path}${query(params)}`;
  const hit = cache.get(url);
  if (hit && Date.now() - hit.at < 30000) return hit.promise;
  const promise = (async () => {
    let res;
    try {
      res = await fetch(url, { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new ApiError(0, { error: { message: "L'API ne répond pas." } });
    }
    let body = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    if (!res.ok) throw new ApiError(res.status, body);
    if (body?.meta) for (const fn of listeners) fn(body.meta);
    return body;
  })();
  cache.set(url, { at: Date.now(), promise });
  promise.catch(() => cache.delete(url));
  return promise;
}
