// Population measures as charts: the overall rate and the rate per source, with small cells suppressed.
import { h, replace, loading, note } from '../dom.js';
import { get } from '../api.js';
import { bars } from '../charts.js';

export async function render(target, params, user, current) {
  replace(target, h('h1', {}, 'Population measures'), loading('measures'));
  const data = await get('/api/measures');
  if (!current()) return;
  replace(target, h('h1', {}, 'Population measures'),
    h('p', { class: 'muted' }, data.suppression?.rule ? `Small cells: ${data.suppression.rule}.` : ''),
    h('div', { class: 'grid' }, data.measures.map(m => {
      const rows = [{ label: 'All sources', cell: m.overall }, ...(m.bySource || []).map(c => ({ label: c.sourceSystem, cell: c }))];
      return h('section', { class: 'card measure', dataset: { measure: m.id } },
        h('h2', {}, m.id), h('p', {}, m.description),
        bars(rows.map(r => ({ label: r.label, value: r.cell?.rate == null ? null : r.cell.rate * 100,
          title: r.cell?.suppressed ? `${r.label}: suppressed (small numbers)`
            : `${r.label}: ${r.cell?.numerator} of ${r.cell?.denominator} ${m.unit}` })),
        { percent: true, label: `${m.id} rate by source` }),
        rows.some(r => r.cell?.suppressed) ? note('info', 'Bars marked — are suppressed: too few to show safely.') : null);
    })));
}
