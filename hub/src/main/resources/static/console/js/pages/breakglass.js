// Break-the-glass: when a patient's consent withholds their record, a clinician may open it for a limited time
// by stating why. The hub records it, audits every read made under it, and puts it on the privacy officer's list.
import { h, replace, field, failure } from '../dom.js';
import { get, post } from '../api.js';

const REASONS = [
  ['EMERGENCY_TREATMENT', 'Emergency treatment'],
  ['PATIENT_UNABLE_TO_CONSENT', 'Patient unable to consent'],
  ['IMMINENT_RISK_OF_HARM', 'Imminent risk of harm'],
  ['OTHER', 'Other (explain in the note)'],
];

export function isConsentRefusal(e) {
  return e && e.status === 403 && /consent/i.test(`${e.problem?.title || ''} ${e.problem?.detail || ''}`);
}

export function breakTheGlass(masterPatientId, onOpened) {
  const reason = h('select', { name: 'reason', id: 'btg-reason' }, REASONS.map(([v, l]) => h('option', { value: v }, l)));
  const note = h('textarea', { name: 'note', id: 'btg-note', rows: 2, required: true });
  const result = h('div', { 'aria-live': 'polite' });
  return h('form', { class: 'card break-glass', onsubmit: async ev => {
    ev.preventDefault();
    const button = ev.target.querySelector('button');
    button.disabled = true;
    try {
      await post('/api/break-glass', { masterPatientId, reason: reason.value, note: note.value.trim() });
      await opened(masterPatientId);
      onOpened();
    } catch (e) {
      replace(result, failure(e));
      button.disabled = false;
    }
  } },
  h('h2', {}, 'Break the glass'),
  h('p', {}, 'In an emergency you may open this record for 24 hours. Your reason is recorded, every read is ',
    'audited, and a privacy officer reviews the access.'),
  h('div', { class: 'form-row' }, field('Reason', reason), field('Note', note),
    h('button', { type: 'submit', class: 'danger', id: 'btg-open' }, 'Break the glass')),
  result);
}

// The consent view learns of the access a moment after the command is stored; wait (briefly) until reads see it.
async function opened(masterPatientId) {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await get(`/api/patients/${encodeURIComponent(masterPatientId)}`);
      return;
    } catch (e) {
      if (!isConsentRefusal(e)) return;
      await new Promise(resolve => setTimeout(resolve, 300));
    }
  }
}
