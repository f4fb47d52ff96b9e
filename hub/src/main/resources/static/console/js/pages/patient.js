// One patient: the golden record (each field with the source it came from), linked source records with their
// link confidence, the clinical picture, care gaps and alerts, then the timeline across sources.
import { h, replace, section, table, loading, failure, note, fmtDate, fmtNumber, personName } from '../dom.js';
import { get, post } from '../api.js';
import { hasAny } from '../session.js';
import { sparkline } from '../charts.js';
import { timelineCard } from './timeline.js';
import { breakTheGlass, isConsentRefusal } from './breakglass.js';

export async function render(target, { id }, user, current) {
  replace(target, loading('patient'));
  let summary;
  try {
    summary = await get(`/api/patients/${encodeURIComponent(id)}`);
  } catch (e) {
    if (!isConsentRefusal(e)) throw e;
    replace(target, failure(e), breakTheGlass(id, () => render(target, { id }, user, current)));
    return;
  }
  const series = await labSeries(id).catch(() => new Map()); // the sparklines are a nicety, not a reason to fail
  if (!current()) return;
  const clinical = summary.clinical || {};
  replace(target,
    h('header', { class: 'page-head' },
      h('h1', { id: 'patient-name' }, personName(summary.golden?.name?.value) || 'Unnamed patient'),
      h('p', { class: 'muted' }, `Master patient ${summary.masterPatientId}`,
        summary.quality?.score != null ? ` · data quality ${fmtNumber(summary.quality.score)}` : '')),
    h('div', { class: 'grid' },
      section('Golden record', golden(summary.golden || {})),
      section('Linked source records', linked(summary, user, target)),
      section('Alerts', alerts(summary.alerts)),
      section('Care gaps', gaps(summary.careGaps)),
      h('section', { class: 'card wide' }, h('h2', {}, 'Latest labs'), labs(clinical.labs || [], series)),
      section('Active medications', meds(clinical.medications || [])),
      section('Allergies', allergies(clinical.allergies || [])),
      section('Problems', problems(clinical.problems || [])),
      section('Encounters', encounters(clinical.encounters || []))),
    timelineCard(summary.masterPatientId));
}

function golden(g) {
  const rows = [
    ['Name', personName(g.name?.value), g.name],
    ['Birth date', g.birthDate?.value, g.birthDate],
    ['Sex', g.sex?.value, g.sex],
    ['Address', g.address?.value && [...(g.address.value.lines || []), g.address.value.city,
      g.address.value.postalCode, g.address.value.country].filter(Boolean).join(', '), g.address],
    ['Telecom', (g.telecoms?.value || []).map(t => `${t.system}: ${t.value}`).join('; '), g.telecoms],
  ].filter(r => r[1]);
  return table([
    { title: 'Field', value: r => r[0] },
    { title: 'Value', value: r => r[1] },
    { title: 'Source', value: r => h('span', { class: 'source-tag', title: r[2]?.source?.sourceRecordId || '' },
      r[2]?.source?.sourceSystem || '') },
  ], rows, 'No demographics.');
}

function linked(summary, user, target) {
  const steward = hasAny(user, ['steward']);
  return table([
    { title: 'Source', value: r => r.sourceSystem },
    { title: 'Local id', value: r => r.localId },
    { title: 'Confidence', value: r => h('span', { class: 'confidence' },
      h('meter', { min: 0, max: 100, low: 80, high: 95, optimum: 100, value: r.linkConfidence ?? 0 }),
      ` ${r.linkConfidence ?? '?'}`) },
    { title: 'Method', value: r => r.linkMethod },
    { title: 'Linked', value: r => fmtDate(r.linkedAt) },
    ...(steward ? [{ title: '', value: r => h('button', { type: 'button', class: 'secondary small', onclick: async ev => {
      ev.target.disabled = true;
      try {
        await post(`/api/source-records/${encodeURIComponent(r.sourceRecordId)}/unlink`, { reason: 'steward unlink from the console' });
        render(target, { id: summary.masterPatientId }, user, () => true);
      } catch (e) {
        ev.target.replaceWith(failure(e));
      }
    } }, 'Unlink') }] : []),
  ], summary.sourceRecords || []);
}

/** Numeric observation values per LOINC code, oldest first, from the timeline (the summary keeps only two). */
async function labSeries(id) {
  const page = await get(`/api/patients/${encodeURIComponent(id)}/timeline`, { type: 'observation', limit: 200 });
  const byCode = new Map();
  for (const e of [...page.entries].reverse()) {
    const value = Number(e.value);
    if (!e.code || !Number.isFinite(value)) continue;
    if (!byCode.has(e.code.code)) byCode.set(e.code.code, []);
    byCode.get(e.code.code).push(value);
  }
  return byCode;
}

function labs(list, series) {
  return table([
    { title: 'Test', value: l => l.code?.display || l.code?.code },
    { title: 'Latest', value: l => l.latest?.valueAsSentLength
      // a report or document as the result: its start here, the whole of it from the timeline below
      ? h('span', {}, `${String(l.latest.valueAsSent).slice(0, 160)}… `,
        h('span', { class: 'muted' }, `(${l.latest.valueAsSentLength.toLocaleString()} characters; whole in the timeline)`))
      : h('span', { class: l.latest?.abnormal ? 'abnormal' : '' },
        `${l.latest?.comparator || ''}${fmtNumber(l.latest?.value ?? l.latest?.valueAsSent)} ${l.latest?.unit || ''}`,
        l.latest?.abnormal ? ` (${l.latest.abnormal})` : '') },
    { title: 'When', value: l => fmtDate(l.latest?.time) },
    { title: 'Trend', value: l => {
      const values = series.get(l.code?.code) || [l.previous?.value, l.latest?.value].filter(v => v != null);
      return h('span', { class: 'trend' }, sparkline(values, { label: l.code?.display || 'trend' }),
        ` ${arrow(l.trend)}`);
    } },
    { title: 'Source', value: l => l.latest?.sourceSystem },
  ], list, 'No lab results.');
}

function arrow(trend) {
  return trend === 'up' ? '↑' : trend === 'down' ? '↓' : trend === 'stable' ? '→' : '';
}

const codeText = c => c?.display || c?.code || '';

function meds(list) {
  return table([
    { title: 'Medication', value: m => codeText(m.code) },
    { title: 'Dosage', value: m => m.dosageText || '' },
    { title: 'Status', value: m => m.status || '' },
    { title: 'Since', value: m => fmtDate(m.time) },
    { title: 'Source', value: m => m.sourceSystem },
  ], list.filter(m => m.active !== false), 'No active medications.');
}

function allergies(list) {
  return table([
    { title: 'Substance', value: a => codeText(a.code) },
    { title: 'Criticality', value: a => a.criticality || '' },
    { title: 'Reactions', value: a => (a.reactions || []).join(', ') },
    { title: 'Source', value: a => a.sourceSystem },
  ], list, 'No known allergies recorded.');
}

function problems(list) {
  return table([
    { title: 'Problem', value: p => codeText(p.code) },
    { title: 'Status', value: p => p.clinicalStatus || (p.active ? 'active' : '') },
    { title: 'Since', value: p => fmtDate(p.time) },
    { title: 'Source', value: p => p.sourceSystem },
  ], list, 'No problems recorded.');
}

function encounters(list) {
  return table([
    { title: 'Class', value: e => e.encounterClass },
    { title: 'Type', value: e => e.type || '' },
    { title: 'Start', value: e => fmtDate(e.start) },
    { title: 'End', value: e => fmtDate(e.end) },
    { title: 'Source', value: e => e.sourceSystem },
  ], list.slice(0, 10), 'No encounters.');
}

function gaps(careGaps) {
  const open = careGaps?.open || [];
  if (open.length === 0) return note('info', 'No open care gaps.');
  return h('ul', { class: 'plain' }, open.map(g => h('li', {}, h('strong', {}, g.description),
    h('br'), h('span', { class: 'muted' }, g.guideline))));
}

function alerts(a) {
  const recent = a?.recent || [];
  if (recent.length === 0) return note('info', 'No alerts.');
  return h('ul', { class: 'plain' }, recent.map(x => h('li', { class: `severity-${x.severity || 'info'}` },
    h('strong', {}, x.title || x.type), ' ', h('span', { class: 'muted' }, fmtDate(x.time), ' · ', x.sourceSystem || ''))));
}
