// Sign-in by pasting a bearer token from the hub's local issuer (or the configured identity provider).
import { h, replace, note } from '../dom.js';
import { signIn } from '../session.js';

export function render(target, { onSignedIn }) {
  const input = h('textarea', { id: 'token', name: 'token', rows: 5, required: true, spellcheck: 'false',
    autocomplete: 'off', 'aria-describedby': 'token-help' });
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card signin', onsubmit: ev => {
    ev.preventDefault();
    try {
      signIn(input.value);
      onSignedIn();
    } catch (e) {
      replace(message, note('error', e.message));
    }
  } },
  h('h1', {}, 'Sign in'),
  h('label', { for: 'token' }, 'Bearer token'),
  input,
  h('p', { id: 'token-help', class: 'help' }, 'Paste a token from the local issuer, e.g. ',
    h('code', {}, 'java -jar hub/target/hub.jar token --user dr-grey --role clinician'),
    ', or one from your identity provider. It is kept for this browser tab only.'),
  message,
  h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'));
  replace(target, form);
  input.focus();
}
