// The timeline across sources: a chart (lanes by type, colour by source, zoom by date range — the inputs or a
// drag across the chart) and, under it, the same entries as a list paged with the API's cursor.
import { h, replace, field, loading, failure, note, table, fmtDate } from '../dom.js';
import { get, getBlob } from '../api.js';
import { timelineChart, sourceColours } from '../charts.js';

const CHART_PAGES = 3; // up to 600 entries drawn; the list pages through everything
const LIST_PAGE = 25;
const TYPES = ['observation', 'encounter', 'encounter-end', 'condition', 'medication', 'allergy', 'immunization',
  'procedure'];

export function timelineCard(patientId) {
  const from = h('input', { type: 'date', id: 'timeline-from', name: 'from' });
  const to = h('input', { type: 'date', id: 'timeline-to', name: 'to' });
  const type = h('select', { id: 'timeline-type', name: 'type' }, h('option', { value: '' }, 'All types'),
    TYPES.map(t => h('option', { value: t }, t)));
  const chart = h('div', { class: 'chart', id: 'timeline-chart' });
  const legend = h('div', { class: 'legend', 'aria-label': 'Sources' });
  const list = h('div', { id: 'timeline-list' });
  const state = { cursors: [null], index: 0 };

  const range = () => ({ from: from.value, to: to.value, type: type.value });
  async function draw() {
    replace(chart, loading('timeline'));
    try {
      const entries = [];
      let cursor = null;
      for (let i = 0; i < CHART_PAGES; i++) {
        const page = await get(`/api/patients/${encodeURIComponent(patientId)}/timeline`,
          { ...range(), limit: 200, cursor });
        entries.push(...page.entries);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      const colours = sourceColours(entries.map(e => e.sourceSystem));
      replace(legend, [...colours].map(([src, colour]) => h('span', { class: 'legend-item' },
        h('span', { class: 'swatch', dataset: { colour } }), src)));
      legend.querySelectorAll('.swatch').forEach(el => { el.style.background = el.dataset.colour; });
      replace(chart, entries.length === 0 ? note('info', 'No entries in this range.')
        : timelineChart(entries, { from: from.value, to: to.value, colours, onRange: (a, b) => {
          from.value = a;
          to.value = b;
          reload();
        } }), cursor ? note('info', `Showing the latest ${entries.length} entries; narrow the range to see earlier ones.`) : null);
    } catch (e) {
      replace(chart, failure(e));
    }
  }

  async function showPage() {
    replace(list, loading('entries'));
    try {
      const page = await get(`/api/patients/${encodeURIComponent(patientId)}/timeline`,
        { ...range(), limit: LIST_PAGE, cursor: state.cursors[state.index] });
      state.cursors[state.index + 1] = page.nextCursor;
      replace(list, table([
        { title: 'When', value: e => fmtDate(e.time) },
        { title: 'Type', value: e => e.type },
        { title: 'What', value: e => e.code?.display || e.code?.code || '' },
        { title: 'Value', value: e => e.valueLength ? longValue(patientId, e)
          : [e.value, e.unit].filter(v => v != null).join(' ') },
        { title: 'Status', value: e => e.status || '' },
        { title: 'Source', value: e => e.sourceSystem },
      ], page.entries, 'No entries.'),
      h('div', { class: 'pager' },
        h('button', { type: 'button', class: 'secondary', disabled: state.index === 0, onclick: () => {
          state.index -= 1;
          showPage();
        } }, 'Newer'),
        h('span', { class: 'muted' }, `Page ${state.index + 1}`),
        h('button', { type: 'button', class: 'secondary', id: 'timeline-next', disabled: !page.nextCursor, onclick: () => {
          state.index += 1;
          showPage();
        } }, 'Older')));
    } catch (e) {
      replace(list, failure(e));
    }
  }

  function reload() {
    state.cursors = [null];
    state.index = 0;
    draw();
    showPage();
  }

  const form = h('form', { class: 'form-row', onsubmit: ev => { ev.preventDefault(); reload(); } },
    field('From', from), field('To', to), field('Type', type),
    h('button', { type: 'submit', id: 'timeline-apply' }, 'Apply'),
    h('button', { type: 'button', class: 'secondary', onclick: () => { from.value = ''; to.value = ''; type.value = ''; reload(); } },
      'All time'));
  reload();
  return h('section', { class: 'card wide', id: 'timeline' }, h('h2', {}, 'Timeline'), form,
    h('p', { class: 'help' }, 'Drag across the chart to zoom to a date range.'), legend, chart, h('h3', {}, 'Entries'), list);
}

const PREVIEW = 160;

// A value the views keep shortened (a report, a document sent inside the result): its start, its length, and the
// whole of it read from the hub on request — as text, or as the document it carries.
function longValue(patientId, entry) {
  const base = `/api/patients/${encodeURIComponent(patientId)}/timeline`;
  const query = `factId=${encodeURIComponent(entry.factId)}`;
  const out = h('div', { class: 'long-value' });
  const show = h('button', { type: 'button', class: 'secondary small whole-value', onclick: async () => {
    show.disabled = true;
    try {
      const whole = await get(`${base}/value?${query}`);
      out.append(h('pre', { class: 'whole' }, whole.value ?? whole.valueAsSent ?? ''));
    } catch (e) {
      out.append(failure(e));
    }
  } }, 'Whole text');
  const open = h('button', { type: 'button', class: 'secondary small open-document', onclick: async () => {
    try {
      const blob = await getBlob(`${base}/document?${query}`);
      window.open(URL.createObjectURL(blob), '_blank', 'noopener');
    } catch (e) {
      out.append(failure(e.status === 404 ? new Error('This result carries no document; read its whole text.') : e));
    }
  } }, 'Open document');
  return replace(out, h('span', {}, `${entry.value.slice(0, PREVIEW)}… `),
    h('span', { class: 'muted' }, `(${entry.valueLength.toLocaleString()} characters) `), show, ' ', open);
}
