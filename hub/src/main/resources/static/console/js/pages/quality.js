// Data quality per source and day (volume, acceptance, score per dimension), HL7 v2 batch files sent from here to
// be ingested in the background with their progress, and the dead-letter list, where an integrator can re-process
// a refused message once its cause is fixed.
import { h, replace, section, field, loading, failure, note, table, fmtDate, fmtNumber, hashQuery } from '../dom.js';
import { get, post, postFile } from '../api.js';
import { hasAny } from '../session.js';
import { bars, columns } from '../charts.js';

const DIMENSIONS = ['completeness', 'accuracy', 'consistency', 'timeliness', 'uniqueness'];

export async function render(target, params, user, current) {
  const q = hashQuery();
  const source = h('input', { id: 'quality-source', name: 'source', value: q.source || '' });
  const from = h('input', { id: 'quality-from', name: 'from', type: 'date', value: q.from || '' });
  const to = h('input', { id: 'quality-to', name: 'to', type: 'date', value: q.to || '' });
  const form = h('form', { class: 'form-row', onsubmit: ev => {
    ev.preventDefault();
    const p = new URLSearchParams(Object.entries({ source: source.value.trim(), from: from.value, to: to.value })
      .filter(([, v]) => v));
    location.hash = '#/quality?' + p;
  } }, field('Source', source), field('From', from), field('To', to), h('button', { type: 'submit' }, 'Show'));
  const report = h('div', { id: 'quality-report' }, loading('quality report'));
  const letters = h('div', { id: 'dead-letters' });
  const batchList = h('div', { id: 'batches' });
  replace(target, h('h1', {}, 'Data quality'), h('section', { class: 'card' }, form), report, batchList, letters);
  if (hasAny(user, ['integrator', 'admin'])) {
    batches(batchList, current, hasAny(user, ['integrator']));
    deadLetters(letters, current);
  } else {
    replace(letters, section('Dead letters', note('info', 'The dead-letter list needs the integrator or admin role.')));
  }
  try {
    const data = await get('/api/quality', { source: q.source, from: q.from, to: q.to });
    if (!current()) return;
    replace(report, data.days.length === 0 ? note('info', 'No messages in this range.')
      : [section('Per source and day', overview(data.days)), bySource(data.days)]);
  } catch (e) {
    replace(report, failure(e));
  }
}

function overview(days) {
  return table([
    { title: 'Source', value: d => d.sourceSystem },
    { title: 'Day', value: d => d.day },
    { title: 'Received', value: d => d.received },
    { title: 'Accepted', value: d => d.received ? `${Math.round((100 * d.accepted) / d.received)}%` : '' },
    { title: 'Warned', value: d => d.warned },
    { title: 'Flagged', value: d => d.flagged },
    { title: 'Rejected', value: d => d.rejected },
    { title: 'Mean score', value: d => fmtNumber(d.meanScore) },
  ], days);
}

function bySource(days) {
  const sources = new Map();
  for (const d of days) {
    if (!sources.has(d.sourceSystem)) sources.set(d.sourceSystem, []);
    sources.get(d.sourceSystem).push(d);
  }
  return h('div', { class: 'grid' }, [...sources].map(([src, rows]) => {
    rows.sort((a, b) => a.day.localeCompare(b.day));
    const received = rows.reduce((n, r) => n + r.received, 0);
    const accepted = rows.reduce((n, r) => n + r.accepted, 0);
    return h('section', { class: 'card quality-source', dataset: { source: src } },
      h('h2', {}, src),
      h('p', { class: 'muted' }, `${received} message${received === 1 ? '' : 's'}, ${accepted} accepted`,
        rows.some(r => r.meanScore != null) ? `, mean score ${fmtNumber(weighted(rows, r => r.meanScore))}` : ''),
      h('h3', {}, 'Volume per day'),
      columns(rows.map(r => ({ label: r.day.slice(5), value: r.received })), { label: `Messages per day from ${src}` }),
      h('h3', {}, 'Acceptance per day'),
      bars(rows.map(r => ({ label: r.day, value: r.received ? (100 * r.accepted) / r.received : null,
        title: `${r.day}: ${r.accepted} of ${r.received} accepted, ${r.warned} warned, ${r.flagged} flagged, ${r.rejected} rejected` })),
      { percent: true, warn: 90, poor: 75, label: `Acceptance per day for ${src}` }),
      h('h3', {}, 'Score per dimension'),
      bars(DIMENSIONS.map(d => ({ label: d, value: weighted(rows, r => r.meanDimensions?.[d]) })),
        { percent: true, warn: 90, poor: 75, label: `Score per dimension for ${src}` }),
      findings(rows));
  }));
}

/** Mean of a per-day value weighted by the day's accepted messages (days without a value are skipped). */
function weighted(rows, value) {
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    const v = value(r);
    const w = Math.max(1, r.accepted + r.warned);
    if (v != null && Number.isFinite(Number(v))) {
      sum += Number(v) * w;
      n += w;
    }
  }
  return n ? sum / n : null;
}

function findings(rows) {
  const counts = new Map();
  rows.forEach(r => (r.topFindings || []).forEach(f => counts.set(f.finding, (counts.get(f.finding) || 0) + f.count)));
  if (counts.size === 0) return null;
  return h('details', {}, h('summary', {}, 'Top findings'),
    h('ul', { class: 'plain' }, [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([f, n]) => h('li', {}, `${n} × ${f}`))));
}

async function deadLetters(target, current, flash) {
  replace(target, section('Dead letters', loading('dead letters')));
  try {
    const page = await get('/api/dead-letters', { status: 'OPEN', limit: 100 });
    if (!current()) return;
    replace(target, section('Dead letters', flash || null,
      h('p', { class: 'muted' }, `${page.total} open`),
      table([
        { title: 'Received', value: d => fmtDate(d.receivedAt) },
        { title: 'Format', value: d => d.format },
        { title: 'Source', value: d => d.sourceSystem || d.peer || '' },
        { title: 'Reason', value: d => h('span', { class: 'reason' }, d.reason) },
        { title: 'Where', value: d => d.location || '' },
        { title: '', value: d => h('button', { type: 'button', class: 'secondary small reprocess',
          dataset: { deadLetter: d.id }, onclick: ev => reprocess(ev.target, d, target, current) }, 'Re-process') },
      ], page.items, 'No dead letters.')));
  } catch (e) {
    replace(target, section('Dead letters', failure(e)));
  }
}

async function reprocess(button, letter, target, current) {
  button.disabled = true;
  try {
    await post(`/api/dead-letters/${encodeURIComponent(letter.id)}/reprocess`);
    deadLetters(target, current, note('ok', 'Re-processed and stored.'));
  } catch (e) {
    if (e.status === 422) {
      // the attempt is parked as a new open letter and this one superseded: show the list as it now stands
      deadLetters(target, current, note('error', `Still refused: ${e.problem?.reason || e.problem?.detail || 'the same fault'}`));
      return;
    }
    button.disabled = false;
    button.closest('td').append(failure(e));
  }
}

// Background batches (HL7 v2 batch files sent from here or over HTTP, NDJSON bodies sent with Prefer: respond-async):
// every batch shows how far it has got, and the list reads again every two seconds while one is still running.
async function batches(target, current, canSend) {
  const file = h('input', { id: 'batch-file', name: 'file', type: 'file', accept: '.hl7,.txt,.er7,text/plain' });
  const status = h('div', { id: 'batch-sent' });
  const send = h('form', { class: 'form-row', onsubmit: async ev => {
    ev.preventDefault();
    if (!file.files.length) return;
    replace(status, loading('upload'));
    try {
      const queued = await postFile('/ingest/hl7v2', file.files[0], 'text/plain', { Prefer: 'respond-async' });
      // a file of one message is answered at once with its ACK (not JSON); a batch is queued
      replace(status, note('ok', queued?.messages === undefined ? 'One message: stored and acknowledged.'
        : `Stored: ${queued.messages} message${queued.messages === 1 ? '' : 's'}, ingesting in the background.`));
      file.value = '';
      list();
    } catch (e) {
      replace(status, failure(e));
    }
  } }, field('HL7 v2 batch file', file), h('button', { type: 'submit' }, 'Send'));
  const rows = h('div', { id: 'batch-list' }, loading('batches'));
  replace(target, section('Background batches', canSend ? [send, status] : null, rows));
  let timer = null;
  async function list() {
    clearTimeout(timer);
    try {
      const found = await get('/ingest/batches', { limit: 20 });
      if (!current()) return;
      replace(rows, table([
        { title: 'Received', value: b => fmtDate(b.receivedAt) },
        { title: 'By', value: b => b.submittedBy || '' },
        { title: 'Format', value: b => b.format === 'FHIR_NDJSON' ? 'NDJSON' : 'HL7 v2' },
        { title: 'Messages', value: b => b.messages },
        { title: 'Progress', value: b => h('span', { class: 'batch-progress', dataset: { batch: b.id, status: b.status } },
          h('progress', { max: 100, value: b.percent }), ` ${b.percent}%`) },
        { title: 'Accepted', value: b => b.accepted },
        { title: 'Duplicates', value: b => b.duplicates },
        { title: 'Refused', value: b => b.rejected },
        { title: 'Status', value: b => b.status },
      ], found, 'No batches yet.'));
      if (found.some(b => b.status !== 'DONE')) timer = setTimeout(list, 2000);
    } catch (e) {
      replace(rows, failure(e));
    }
  }
  list();
}
