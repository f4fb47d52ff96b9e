// Worklists for care teams: the alert feed (newest first, cursor-paged) and open care gaps by patient.
import { h, replace, section, field, loading, failure, table, fmtDate } from '../dom.js';
import { get } from '../api.js';

const patientLink = id => h('a', { href: `#/patients/${encodeURIComponent(id)}` }, id.slice(0, 8) + '…');

export async function render(target, params, user, current) {
  const alertsBox = h('div', { id: 'alerts' });
  const gapsBox = h('div', { id: 'care-gaps' });
  replace(target, h('h1', {}, 'Worklists'), h('div', { class: 'grid' }, alertsBox, gapsBox));
  alerts(alertsBox, current, { cursors: [null], index: 0, type: '' });
  gaps(gapsBox, current, { offset: 0, rule: '' });
}

async function alerts(box, current, state) {
  const type = h('select', { name: 'type', 'aria-label': 'Alert type', onchange: () => alerts(box, current,
    { cursors: [null], index: 0, type: type.value }) },
  ['', 'critical-lab', 'admission', 'drug-allergy'].map(t => h('option', { value: t, selected: t === state.type },
    t || 'All alert types')));
  replace(box, section('Alerts', type, loading('alerts')));
  try {
    const page = await get('/api/alerts', { type: state.type, limit: 25, cursor: state.cursors[state.index] });
    if (!current()) return;
    state.cursors[state.index + 1] = page.nextCursor;
    replace(box, section('Alerts', field('Type', type), table([
      { title: 'When', value: a => fmtDate(a.time) },
      { title: 'Alert', value: a => h('span', { class: `severity-${a.severity || 'info'}` }, a.title || a.type) },
      { title: 'Source', value: a => a.sourceSystem || '' },
      { title: 'Patient', value: a => a.masterPatientId ? patientLink(a.masterPatientId) : a.sourceRecordId },
    ], page.alerts, 'No alerts.'),
    pager(state.index, !!page.nextCursor, step => { state.index += step; alerts(box, current, state); })));
  } catch (e) {
    replace(box, section('Alerts', failure(e)));
  }
}

async function gaps(box, current, state) {
  replace(box, section('Care gaps', loading('care gaps')));
  try {
    const page = await get('/api/care-gaps', { rule: state.rule, limit: 25, offset: state.offset });
    if (!current()) return;
    replace(box, section('Care gaps', h('p', { class: 'muted' }, `${page.total} patients with open gaps`), table([
      { title: 'Patient', value: p => patientLink(p.masterPatientId) },
      { title: 'Open gaps', value: p => h('ul', { class: 'plain' }, p.gaps.map(g => h('li', { title: g.guideline }, g.description))) },
    ], page.patients, 'No open care gaps.'),
    pager(state.offset / 25, state.offset + 25 < page.total, step => { state.offset += 25 * step; gaps(box, current, state); })));
  } catch (e) {
    replace(box, section('Care gaps', failure(e)));
  }
}

function pager(index, more, go) {
  return h('div', { class: 'pager' },
    h('button', { type: 'button', class: 'secondary', disabled: index === 0, onclick: () => go(-1) }, 'Previous'),
    h('span', { class: 'muted' }, `Page ${index + 1}`),
    h('button', { type: 'button', class: 'secondary', disabled: !more, onclick: () => go(1) }, 'Next'));
}
