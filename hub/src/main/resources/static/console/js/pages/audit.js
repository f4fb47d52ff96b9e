// Oversight: the access log, break-the-glass accesses awaiting review, and a patient's history replayed from
// the event log with an as-of slider (the summary as it stood at the chosen event).
import { h, replace, section, field, loading, failure, note, table, fmtDate, personName } from '../dom.js';
import { get, post } from '../api.js';
import { hasAny } from '../session.js';

export async function render(target, params, user) {
  const log = h('div', { id: 'audit-log' });
  const glass = h('div', { id: 'break-glass' });
  const history = h('div', { id: 'patient-history' });
  replace(target, h('h1', {}, 'Audit'), log, glass, history);
  if (hasAny(user, ['auditor', 'privacy-officer'])) {
    accessLog(log);
    breakGlass(glass, user);
  } else {
    replace(log, section('Access log', note('info', 'The access log needs the auditor or privacy-officer role.')));
  }
  if (hasAny(user, ['auditor', 'admin'])) patientHistory(history);
}

function accessLog(box) {
  const inputs = {
    from: h('input', { type: 'date', name: 'from', id: 'audit-from' }),
    to: h('input', { type: 'date', name: 'to', id: 'audit-to' }),
    actor: h('input', { name: 'actor', id: 'audit-actor', autocomplete: 'off' }),
    patient: h('input', { name: 'patient', id: 'audit-patient', autocomplete: 'off' }),
    outcome: h('select', { name: 'outcome', id: 'audit-outcome' },
      ['', 'allowed', 'restricted', 'break-the-glass', 'denied', 'failed'].map(o => h('option', { value: o }, o || 'Any outcome'))),
  };
  const results = h('div', { 'aria-live': 'polite', id: 'audit-results' });
  const search = async () => {
    replace(results, loading('access log'));
    try {
      const params = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
      const data = await get('/api/audit', { ...params, limit: 200 });
      replace(results, h('p', { class: 'muted' }, `${data.total} entr${data.total === 1 ? 'y' : 'ies'} (newest 200 at most)`),
        table([
          { title: 'When', value: e => fmtDate(e.at) },
          { title: 'Who', value: e => `${e.actor}${e.organization ? ' @ ' + e.organization : ''}` },
          { title: 'Roles', value: e => [].concat(e.roles ?? []).join(', ') },
          { title: 'Purpose', value: e => e.purpose || '' },
          { title: 'Action', value: e => e.action },
          { title: 'Patients', value: e => [].concat(e.patients ?? []).join(', ') },
          { title: 'Outcome', value: e => h('span', { class: `outcome outcome-${e.outcome}` }, e.outcome) },
          { title: 'HTTP', value: e => e.httpStatus },
        ], data.entries, 'No access matches.'));
    } catch (e) {
      replace(results, unavailable(e, 'The access audit'));
    }
  };
  const form = h('form', { class: 'form-row', onsubmit: ev => { ev.preventDefault(); search(); } },
    field('From', inputs.from), field('To', inputs.to), field('Actor', inputs.actor),
    field('Patient', inputs.patient), field('Outcome', inputs.outcome), h('button', { type: 'submit', id: 'audit-search' }, 'Search'));
  replace(box, section('Access log', form, results));
}

async function breakGlass(box, user) {
  const title = 'Break-the-glass awaiting review';
  replace(box, section(title, loading('break-the-glass accesses')));
  try {
    const data = await get('/api/break-glass', { reviewed: false });
    const reviewer = hasAny(user, ['privacy-officer']);
    replace(box, section(title, table([
      { title: 'Granted', value: a => fmtDate(a.grantedAt) },
      { title: 'Clinician', value: a => `${a.clinician}${a.organization ? ' @ ' + a.organization : ''}` },
      { title: 'Patient', value: a => a.masterPatientId },
      { title: 'Reason', value: a => a.reason },
      { title: 'Note', value: a => a.note || '' },
      { title: 'Expires', value: a => fmtDate(a.expiresAt) },
      ...(reviewer ? [{ title: 'Review', value: a => h('span', { class: 'actions' },
        h('button', { type: 'button', class: 'confirm small', onclick: ev => review(ev.target, a, true) }, 'Justified'),
        h('button', { type: 'button', class: 'danger small', onclick: ev => review(ev.target, a, false) }, 'Not justified')) }] : []),
    ], data.accesses, 'No emergency access awaits review.')));
  } catch (e) {
    replace(box, section(title, unavailable(e, 'Break-the-glass review')));
  }
}

// The list is a read model that catches up a moment later: the reviewed row goes at once, not on the next read.
async function review(button, access, justified) {
  const row = button.closest('tr');
  row.querySelectorAll('button').forEach(b => { b.disabled = true; });
  try {
    await post(`/api/break-glass/${encodeURIComponent(access.accessId)}/review`,
      { masterPatientId: access.masterPatientId, justified, comment: justified ? 'justified' : 'not justified' });
    const table = row.closest('.card');
    row.remove();
    table.querySelector('h2').after(note('ok', `Review recorded for ${access.clinician}'s access.`));
  } catch (e) {
    row.querySelectorAll('button').forEach(b => { b.disabled = false; });
    row.lastElementChild.append(failure(e));
  }
}

function patientHistory(box) {
  const patient = h('input', { name: 'patient', id: 'history-patient', autocomplete: 'off', required: true });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'form-row', onsubmit: async ev => {
    ev.preventDefault();
    replace(out, loading('history'));
    try {
      const data = await get('/api/admin/replay/history', { patient: patient.value.trim() });
      replace(out, data.events.length === 0 ? note('info', 'No events for this patient.') : timeTravel(data));
    } catch (e) {
      replace(out, unavailable(e, 'The replay view'));
    }
  } }, field('Master patient id', patient), h('button', { type: 'submit' }, 'Show history'));
  replace(box, section('Patient history (replay)', form, out));
}

function timeTravel(data) {
  const events = data.events;
  const slider = h('input', { type: 'range', id: 'as-of', min: 0, max: events.length - 1, value: events.length - 1,
    'aria-label': 'As of event' });
  const label = h('output', { for: 'as-of' });
  const state = h('div', { 'aria-live': 'polite' });
  let timer = null;
  const show = () => {
    const e = events[Number(slider.value)];
    label.value = `#${e.position} ${e.type} at ${fmtDate(e.timestamp)}`;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const at = await get('/api/admin/replay/as-of', { patient: data.masterPatientId, at: e.timestamp });
        replace(state, asOfSummary(at));
      } catch (err) {
        replace(state, err.status === 404 ? note('info', 'This master patient did not exist yet at that point.')
          : failure(err));
      }
    }, 250); // the slider fires on every step; replay once it settles
  };
  slider.addEventListener('input', show);
  show();
  return h('div', {}, h('div', { class: 'slider-row' }, field('As of', slider), label), state,
    h('details', {}, h('summary', {}, `All ${events.length} events`), table([
      { title: '#', value: e => e.position },
      { title: 'When', value: e => fmtDate(e.timestamp) },
      { title: 'Event', value: e => e.type },
      { title: 'Aggregate', value: e => `${e.aggregateType} ${e.aggregateId}` },
    ], events)));
}

function asOfSummary(at) {
  const s = at.summary || {};
  return h('div', { class: 'as-of' },
    h('p', { class: 'muted' }, `${at.eventsReplayed} events replayed, up to position ${at.lastPosition}`),
    table([
      { title: 'Field', value: r => r[0] },
      { title: 'Value', value: r => r[1] },
      { title: 'Source', value: r => r[2] },
    ], [
      ['Name', personName(s.golden?.name?.value), s.golden?.name?.source?.sourceSystem],
      ['Birth date', s.golden?.birthDate?.value, s.golden?.birthDate?.source?.sourceSystem],
      ['Sex', s.golden?.sex?.value, s.golden?.sex?.source?.sourceSystem],
      ...(s.sourceRecords || []).map(r => ['Linked record', `${r.sourceSystem} ${r.localId}`, `${r.linkMethod} ${r.linkConfidence}`]),
    ].filter(r => r[1])));
}

/** A 404 from an endpoint this hub does not have is "not available here", not an error. */
function unavailable(e, what) {
  if (e.status === 404 && !(e.problem && e.problem.title)) return note('info', `${what} is not available on this hub.`);
  return failure(e);
}
