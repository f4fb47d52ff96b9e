// Patient search by name (spelled or sound-alike), birth date and identifier (SYSTEM|VALUE), as the API takes it.
import { h, replace, field, loading, failure, note, table, personName, hashQuery } from '../dom.js';
import { get } from '../api.js';

export async function render(target) {
  const q = hashQuery();
  const name = h('input', { id: 'search-name', name: 'name', type: 'search', value: q.name || '', autocomplete: 'off' });
  const birthDate = h('input', { id: 'search-birth-date', name: 'birthDate', type: 'date', value: q.birthDate || '' });
  const identifier = h('input', { id: 'search-identifier', name: 'identifier', value: q.identifier || '',
    placeholder: 'SYSTEM|VALUE', autocomplete: 'off' });
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'card search', role: 'search', onsubmit: ev => {
    ev.preventDefault();
    const params = new URLSearchParams();
    if (name.value.trim()) params.set('name', name.value.trim());
    if (birthDate.value) params.set('birthDate', birthDate.value);
    if (identifier.value.trim()) params.set('identifier', identifier.value.trim());
    location.hash = '#/patients?' + params.toString();
  } },
  h('h1', {}, 'Find a patient'),
  h('div', { class: 'form-row' }, field('Name', name), field('Birth date', birthDate), field('Identifier', identifier),
    h('button', { type: 'submit', id: 'search-submit' }, 'Search')));
  replace(target, form, results);
  name.focus();
  if (!q.name && !q.birthDate && !q.identifier) {
    replace(results, note('info', 'Search by name (each word starts a name or sounds like one), birth date or identifier.'));
    return;
  }
  replace(results, loading('patients'));
  try {
    const found = await get('/api/patients', { name: q.name, birthDate: q.birthDate, identifier: q.identifier });
    replace(results, h('section', { class: 'card' },
      h('h2', {}, `${found.total} patient${found.total === 1 ? '' : 's'} found`),
      table([
        { title: 'Name', value: p => h('a', { href: `#/patients/${encodeURIComponent(p.masterPatientId)}`,
          class: 'patient-link', 'data-patient': p.masterPatientId }, goldenName(p) || p.masterPatientId) },
        { title: 'Birth date', value: p => p.golden?.birthDate?.value || '' },
        { title: 'Sex', value: p => p.golden?.sex?.value || '' },
        { title: 'Sources', value: p => (p.sourceRecords || []).map(r => r.sourceSystem).join(', ') },
        { title: 'Match', value: p => p.nameMatch === 'phonetic' ? 'sounds like' : (p.nameMatch || '') },
      ], found.patients, 'No patient matches.')));
  } catch (e) {
    replace(results, failure(e));
  }
}

export function goldenName(p) {
  return personName(p.golden?.name?.value);
}
