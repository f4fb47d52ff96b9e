// Charts as inline SVG: nothing is fetched, nothing is drawn on a canvas, every mark is an element a test (or
// a screen reader, through <title>) can find.
import { s } from './dom.js';

/** A trend line of numeric values (oldest first), with the last point marked. */
export function sparkline(values, { width = 120, height = 28, label = 'trend' } = {}) {
  const nums = values.map(Number).filter(Number.isFinite);
  const svg = s('svg', { class: 'sparkline', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${label}: ${nums.join(', ')}` });
  if (nums.length === 0) return svg;
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const x = i => nums.length === 1 ? width / 2 : 2 + (i * (width - 4)) / (nums.length - 1);
  const y = v => max === min ? height / 2 : height - 3 - ((v - min) * (height - 6)) / (max - min);
  const points = nums.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  svg.append(s('polyline', { points, fill: 'none', class: 'spark-line' }),
    s('circle', { cx: x(nums.length - 1), cy: y(nums[nums.length - 1]), r: 2.5, class: 'spark-dot' }));
  return svg;
}

/**
 * Horizontal bars: rows of {label, value, max?, title?}; values are drawn against max (default: the largest, or
 * 100 when percent). Bars under the warn/poor thresholds get their own class.
 */
export function bars(rows, { percent = false, width = 360, bar = 16, gap = 6, labelWidth = 130, warn, poor,
                             label = 'bar chart' } = {}) {
  const max = percent ? 100 : Math.max(1, ...rows.map(r => Number(r.max ?? r.value) || 0));
  const height = rows.length * (bar + gap) + gap;
  const plot = width - labelWidth - 50;
  const svg = s('svg', { class: 'bars', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
    'aria-label': label, preserveAspectRatio: 'xMinYMin meet' });
  rows.forEach((r, i) => {
    const known = r.value !== null && r.value !== undefined && Number.isFinite(Number(r.value));
    const v = known ? Number(r.value) : NaN;
    const y = gap + i * (bar + gap);
    const w = known ? Math.max(1, (Math.min(v, max) / max) * plot) : 0;
    const band = !known ? 'bar-none' : poor !== undefined && v < poor ? 'bar-poor'
      : warn !== undefined && v < warn ? 'bar-warn' : 'bar-ok';
    svg.append(
      s('text', { x: labelWidth - 6, y: y + bar - 4, 'text-anchor': 'end', class: 'bar-label' }, r.label),
      s('rect', { x: labelWidth, y, width: plot, height: bar, class: 'bar-track' }),
      s('rect', { x: labelWidth, y, width: w, height: bar, class: ['bar', band].join(' '), 'data-bar': r.label },
        s('title', {}, r.title || `${r.label}: ${known ? v : 'n/a'}`)),
      s('text', { x: labelWidth + plot + 6, y: y + bar - 4, class: 'bar-value' },
        known ? (percent ? `${round(v)}%` : round(v)) : '—'));
  });
  return svg;
}

/** Vertical bars over days or categories: {label, value}. */
export function columns(rows, { width = 480, height = 90, label = 'column chart' } = {}) {
  const max = Math.max(1, ...rows.map(r => Number(r.value) || 0));
  const svg = s('svg', { class: 'columns', viewBox: `0 0 ${width} ${height + 30}`, width: '100%', role: 'img',
    'aria-label': label });
  const slot = Math.min(60, width / Math.max(1, rows.length)); // a lone day is a column, not a wall
  rows.forEach((r, i) => {
    const v = Number(r.value) || 0;
    const h = (v / max) * height;
    const x = i * slot + slot * 0.15;
    svg.append(
      s('rect', { x, y: height - h, width: slot * 0.7, height: Math.max(h, v > 0 ? 1 : 0), class: 'column',
        'data-bar': r.label }, s('title', {}, `${r.label}: ${v}`)),
      s('text', { x: x + slot * 0.35, y: Math.max(10, height - h - 3), 'text-anchor': 'middle', class: 'bar-value' }, round(v)),
      s('text', { x: x + slot * 0.35, y: height + 14, 'text-anchor': 'middle', class: 'bar-label' },
        shorten(r.label, Math.max(4, Math.floor(slot / 6)))));
  });
  return svg;
}

function round(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function shorten(text, n) {
  const t = String(text ?? '');
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

const PALETTE = ['#1f6fb2', '#c2571a', '#2e8b57', '#8e44ad', '#b8860b', '#c0392b', '#16a085', '#555f6d'];

/** A stable colour per source system, in the order sources are first seen. */
export function sourceColours(sources) {
  const map = new Map();
  [...new Set(sources)].sort().forEach((src, i) => map.set(src, PALETTE[i % PALETTE.length]));
  return map;
}

/**
 * The timeline chart: one lane per entry type, one mark per entry at its time, coloured by source. Dragging
 * across the plot (or the keyboard-reachable date inputs beside it) picks a date range: onRange(from, to).
 */
export function timelineChart(entries, { from, to, colours, onRange, width = 900 } = {}) {
  const dated = entries.filter(e => !isNaN(Date.parse(e.time)));
  const lanes = [...new Set(dated.map(e => e.type))].sort();
  const lane = 26;
  const left = 120;
  const top = 8;
  const plot = width - left - 16;
  const height = top + Math.max(1, lanes.length) * lane + 26;
  const times = dated.map(e => Date.parse(e.time));
  let t0 = from ? Date.parse(from) : Math.min(...times);
  let t1 = to ? Date.parse(to) + (String(to).length === 10 ? 86_400_000 : 0) : Math.max(...times);
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) { t0 = Date.now() - 86_400_000 * 365; t1 = Date.now(); }
  if (t1 <= t0) { t0 -= 43_200_000; t1 += 43_200_000; }
  const x = t => left + ((t - t0) / (t1 - t0)) * plot;
  const svg = s('svg', { class: 'timeline-chart', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
    'aria-label': `Timeline: ${dated.length} entries in ${lanes.length} lanes` });
  lanes.forEach((type, i) => {
    const y = top + i * lane;
    svg.append(s('rect', { x: left, y, width: plot, height: lane - 4, class: i % 2 ? 'lane lane-odd' : 'lane' }),
      s('text', { x: left - 8, y: y + lane / 2 + 2, 'text-anchor': 'end', class: 'lane-label' }, type));
  });
  for (const tick of ticks(t0, t1, 6)) {
    const tx = x(tick);
    svg.append(s('line', { x1: tx, x2: tx, y1: top, y2: height - 22, class: 'tick' }),
      s('text', { x: tx, y: height - 8, 'text-anchor': 'middle', class: 'tick-label' },
        new Date(tick).toISOString().slice(0, 10)));
  }
  for (const e of dated) {
    const t = Date.parse(e.time);
    if (t < t0 || t > t1) continue;
    const y = top + lanes.indexOf(e.type) * lane + (lane - 4) / 2;
    svg.append(s('circle', { cx: x(t).toFixed(1), cy: y, r: 5, fill: colours.get(e.sourceSystem) || '#777',
      class: 'entry', 'data-entry': e.factId || '' }, s('title', {}, `${e.time.slice(0, 10)} ${e.type} — ` +
      `${e.code?.display || e.code?.code || e.value || ''} (${e.sourceSystem || 'unknown source'})`)));
  }
  if (onRange) dragToZoom(svg, { left, plot, height, t0, t1, width, onRange });
  return svg;
}

function ticks(t0, t1, n) {
  const step = (t1 - t0) / n;
  return Array.from({ length: n + 1 }, (_, i) => t0 + i * step);
}

function dragToZoom(svg, { left, plot, height, t0, t1, width, onRange }) {
  const band = s('rect', { class: 'zoom-band', x: 0, y: 0, width: 0, height: height - 22, visibility: 'hidden' });
  svg.append(band);
  let start = null;
  const toX = ev => {
    const box = svg.getBoundingClientRect();
    return Math.min(left + plot, Math.max(left, ((ev.clientX - box.left) / box.width) * width));
  };
  svg.addEventListener('pointerdown', ev => {
    start = toX(ev);
    band.setAttribute('visibility', 'visible');
    band.setAttribute('x', start);
    band.setAttribute('width', 0);
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener('pointermove', ev => {
    if (start === null) return;
    const now = toX(ev);
    band.setAttribute('x', Math.min(start, now));
    band.setAttribute('width', Math.abs(now - start));
  });
  svg.addEventListener('pointerup', ev => {
    if (start === null) return;
    const end = toX(ev);
    band.setAttribute('visibility', 'hidden');
    const a = Math.min(start, end);
    const b = Math.max(start, end);
    start = null;
    if (b - a < 6) return; // a click, not a drag
    const time = px => new Date(t0 + ((px - left) / plot) * (t1 - t0)).toISOString().slice(0, 10);
    onRange(time(a), time(b));
  });
}
