// Small DOM helpers. Everything shown is built as nodes with text content, never parsed from strings, so data
// from the hub (names, reasons, payload excerpts) can never become markup.
const SVG_NS = 'http://www.w3.org/2000/svg';

export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A status line for a region: info, error (role="alert") or ok. */
export function note(kind, text) {
  return h('p', { class: ['note', `note-${kind}`], role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function loading(what) {
  return h('p', { class: 'note note-info', role: 'status', 'aria-busy': 'true' }, `Loading ${what}…`);
}

/** An error from the API as a visible message; 403 gets its own wording so a refusal is not mistaken for a fault. */
export function failure(error) {
  const text = error && error.message ? error.message : String(error);
  return h('div', { class: ['note', error && error.status === 403 ? 'note-denied' : 'note-error'], role: 'alert' },
    error && error.status === 403 ? h('strong', {}, 'Not allowed. ') : null, text);
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

export function table(columns, rows, empty = 'Nothing to show.') {
  if (!rows || rows.length === 0) return note('info', empty);
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c.title)))),
      h('tbody', {}, rows.map(r => h('tr', {}, columns.map(c => h('td', {}, c.value(r))))))));
}

export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

export function fmtDate(value) {
  if (!value) return '';
  if (typeof value === 'number') value = value < 1e11 ? value * 1000 : value; // epoch seconds or millis
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const d = new Date(typeof value === 'number' ? value : text);
  return isNaN(d) ? text : d.toISOString().slice(0, 16).replace('T', ' ');
}

export function fmtNumber(value, digits = 1) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? (Number.isInteger(n) ? String(n) : n.toFixed(digits)) : String(value);
}

/** A readable name from a demographics-like object ({names:[{family, given:[]}]} or {family, given}). */
export function personName(p) {
  if (!p) return '';
  const n = (p.names && p.names[0]) || p.name || p;
  if (typeof n === 'string') return n;
  const given = Array.isArray(n.given) ? n.given.join(' ') : (n.given || '');
  return [n.family, given].filter(Boolean).join(', ') || '';
}

/** The query part of the hash route (#/patients?name=…), as an object. */
export function hashQuery() {
  const q = location.hash.split('?')[1] || '';
  return Object.fromEntries(new URLSearchParams(q));
}
