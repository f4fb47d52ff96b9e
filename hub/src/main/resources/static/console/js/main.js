// The console shell: hash routes (#/patients/ID …) so the hub serves one static page, a navigation showing
// only what the signed-in roles may use, and one place where page failures become visible messages.
import { h, replace, failure } from './dom.js';
import { user, hasAny, signOut } from './session.js';
import * as signin from './pages/signin.js';
import * as search from './pages/search.js';
import * as patient from './pages/patient.js';
import * as review from './pages/review.js';
import * as quality from './pages/quality.js';
import * as worklists from './pages/worklists.js';
import * as measures from './pages/measures.js';
import * as audit from './pages/audit.js';

// Mirrors the hub's AccessPolicy for the calls each page makes; the hub enforces it regardless.
const PAGES = [
  { path: 'patients', title: 'Patients', roles: ['clinician'], page: search },
  { path: 'patients/:id', roles: ['clinician'], page: patient },
  { path: 'worklists', title: 'Worklists', roles: ['clinician'], page: worklists },
  { path: 'measures', title: 'Measures', roles: ['clinician', 'researcher', 'admin'], page: measures },
  { path: 'review', title: 'MPI review', roles: ['steward'], page: review },
  { path: 'quality', title: 'Data quality', roles: ['integrator', 'steward', 'admin'], page: quality },
  { path: 'audit', title: 'Audit', roles: ['auditor', 'privacy-officer', 'admin'], page: audit },
];

const view = () => document.getElementById('view');

function match(hash) {
  const parts = hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  for (const p of PAGES) {
    const pattern = p.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params = {};
    if (pattern.every((seg, i) => seg.startsWith(':') ? (params[seg.slice(1)] = parts[i], true) : seg === parts[i])) {
      return { route: p, params };
    }
  }
  return null;
}

function renderChrome(u) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!u) {
    replace(nav);
    replace(who);
    return;
  }
  const current = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  replace(nav, h('ul', {}, PAGES.filter(p => p.title && hasAny(u, p.roles)).map(p =>
    h('li', {}, h('a', { href: `#/${p.path}`, 'aria-current': current === p.path ? 'page' : null }, p.title)))));
  replace(who,
    h('span', { class: 'who-name', 'data-user': u.name }, u.name),
    u.org ? h('span', { class: 'who-org' }, u.org) : null,
    h('span', { class: 'who-roles' }, u.roles.map(r => h('span', { class: 'role', 'data-role': r }, r))),
    h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: () => {
      signOut();
      location.hash = '#/';
      route();
    } }, 'Sign out'));
}

let generation = 0;

async function route() {
  const mine = ++generation;
  const u = user();
  renderChrome(u);
  const target = view();
  if (!u) {
    signin.render(target, { onSignedIn: () => { location.hash = '#/' + (home(user()) || ''); route(); } });
    return;
  }
  const found = match(location.hash);
  if (!found) {
    const start = home(u);
    if (start) location.replace('#/' + start);
    else replace(target, failure({ status: 403, message: 'Your token carries none of the roles this console '
      + `knows (${PAGES.flatMap(p => p.roles).filter((r, i, all) => all.indexOf(r) === i).join(', ')}).` }));
    return;
  }
  if (!hasAny(u, found.route.roles)) {
    replace(target, failure({ status: 403, message:
      `This page needs one of the roles ${found.route.roles.join(', ')}; you have ${u.roles.join(', ') || 'none'}.` }));
    return;
  }
  replace(target);
  try {
    await found.route.page.render(target, found.params, u, () => mine === generation);
  } catch (e) {
    if (mine === generation) replace(target, failure(e));
  }
}

function home(u) {
  const first = PAGES.find(p => p.title && hasAny(u, p.roles));
  return first ? first.path : null;
}

window.addEventListener('hashchange', route);
window.addEventListener('hub:signed-out', () => route());
route();
