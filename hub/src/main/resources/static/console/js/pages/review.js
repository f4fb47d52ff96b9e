// The MPI review queue for data stewards: each proposed pair side by side, every compared field marked as
// agreeing or not, with the score and tier; the steward's decision goes to the command API.
import { h, replace, loading, failure, note, personName } from '../dom.js';
import { get, post } from '../api.js';

const FIELDS = [
  ['family', 'Family name', d => d.names?.[0]?.family],
  ['given', 'Given names', d => (d.names?.[0]?.given || []).join(' ')],
  ['birth_date', 'Birth date', d => d.birthDate],
  ['sex', 'Sex', d => d.administrativeSex],
  ['ssn', 'SSN', d => (d.identifiers || []).filter(i => /ssn/i.test(i.system)).map(i => i.value).join(', ')],
  ['identifier', 'Identifiers', d => (d.identifiers || []).filter(i => !/ssn/i.test(i.system))
    .map(i => `${i.value} (${i.system})`).join(', ')],
  ['address', 'Address', d => (d.addresses || []).map(a => [...(a.lines || []), a.city, a.postalCode].filter(Boolean)
    .join(', ')).join('; ')],
  ['phone', 'Phone', d => (d.telecoms || []).filter(t => t.system === 'phone').map(t => t.value).join(', ')],
  ['email', 'E-mail', d => (d.telecoms || []).filter(t => t.system === 'email').map(t => t.value).join(', ')],
  ['birth_order', 'Birth order', d => d.multipleBirthOrder],
];

export async function render(target, params, user, current, flash) {
  replace(target, h('h1', {}, 'MPI review queue'), flash || null, loading('review queue'));
  const queue = await get('/api/mpi/review', { status: 'OPEN', limit: 50, minPosition: params.minPosition });
  if (!current()) return;
  const again = (message, position) => render(target, { minPosition: position }, user, current, message);
  replace(target, h('h1', {}, 'MPI review queue'), flash || null,
    h('p', { class: 'muted' }, `${queue.total} open item${queue.total === 1 ? '' : 's'}`),
    queue.items.length === 0 ? note('info', 'Nothing to review.') : queue.items.map(item => card(item, user, again)));
}

function card(item, user, again) {
  const reason = h('input', { type: 'text', name: 'reason', placeholder: 'Reason (kept with the decision)',
    'aria-label': 'Reason for the decision' });
  const result = h('div', { 'aria-live': 'polite' });
  const record = item.record || {};
  const candidate = item.candidate || {};
  const act = label => async ev => {
    const buttons = ev.target.closest('.actions').querySelectorAll('button');
    buttons.forEach(b => { b.disabled = true; });
    try {
      const answer = await decide(label, item, record, user.name, reason.value.trim());
      again(note('ok', `${label}: done for ${personName(record.demographics)}.`), answer?.position);
    } catch (e) {
      replace(result, failure(e));
      buttons.forEach(b => { b.disabled = false; });
    }
  };
  const samePatient = record.masterPatientId && record.masterPatientId === item.candidatePatientId;
  return h('article', { class: 'card review-item', dataset: { item: item.id } },
    h('header', { class: 'review-head' },
      h('h2', {}, personName(record.demographics) || item.sourceRecordId),
      h('span', { class: ['tier', `tier-${String(item.tier).toLowerCase()}`] }, item.tier),
      h('span', { class: 'score', title: 'match confidence' }, `score ${item.confidence}`),
      h('span', { class: 'muted' }, item.kind || '')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'side-by-side' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'),
        h('th', { scope: 'col' }, `${record.sourceSystem || ''} ${record.localId || ''}`),
        h('th', { scope: 'col' }, `${candidate.sourceSystem || ''} ${candidate.localId || ''}`),
        h('th', { scope: 'col' }, 'Agreement'))),
      h('tbody', {}, FIELDS.map(([key, label, value]) => {
        const agreement = item.agreement?.[key] || 'not compared';
        return h('tr', { class: `agree-${agreement.replace(' ', '-')}` }, h('th', { scope: 'row' }, label),
          h('td', {}, value(record.demographics || {}) ?? ''), h('td', {}, value(candidate.demographics || {}) ?? ''),
          h('td', {}, h('span', { class: 'agreement' }, symbol(agreement), ' ', agreement)));
      })))),
    h('div', { class: 'actions' }, reason,
      h('button', { type: 'button', class: 'confirm', onclick: act('Confirm') }, 'Confirm link'),
      h('button', { type: 'button', class: 'danger', onclick: act('Reject') }, 'Reject'),
      samePatient ? null : h('button', { type: 'button', class: 'secondary', onclick: act('Merge') }, 'Merge patients'),
      h('button', { type: 'button', class: 'secondary', onclick: act('Unlink') }, 'Unlink record')),
    result);
}

function symbol(agreement) {
  return agreement === 'agree' ? '✓' : agreement === 'disagree' ? '✗' : '–';
}

function decide(action, item, record, steward, reason) {
  const pair = { sourceRecordId: item.sourceRecordId, masterPatientId: item.candidatePatientId, steward,
    reason: reason || undefined };
  switch (action) {
    case 'Confirm': return post('/api/mpi/links/confirm', pair);
    case 'Reject': return post('/api/mpi/links/reject', { ...pair, reason: reason || 'rejected in review' });
    case 'Merge': return post(`/api/mpi/patients/${encodeURIComponent(item.candidatePatientId)}/merge`,
      { retiredPatientId: record.masterPatientId, steward, reason: reason || 'merged in review' });
    default: return post(`/api/source-records/${encodeURIComponent(item.sourceRecordId)}/unlink`,
      { reason: reason || 'unlinked in review' });
  }
}
