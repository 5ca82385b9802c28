/**
 * The sign-in screen: paste an access token. Shown when no token is stored or
 * the server answered 401 (unknown or revoked token); the server's message is
 * shown as it is. The token is checked with GET /api/me before it is kept.
 */
import { ApiRequestError, describeError, getMe } from '../api-client';
import { normalizeToken } from '../lib/auth-token';
import type { Me } from '../lib/permissions';
import { h, svg } from './dom';
import { icons } from './icons';

export interface SignInOptions {
  /** Why the screen shows (the server's 401 message, "Signed out."), or null on first visit. */
  message: string | null;
  onSignedIn(token: string, me: Me): void;
}

export const TOKEN_COMMAND = 'npx tsx server/cli/tokens.ts create --role technician --name …';

export function createSignIn(options: SignInOptions): HTMLElement {
  const input = h('input', {
    class: 'input mono',
    type: 'password',
    name: 'token',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    placeholder: 'pdm_…',
    'aria-label': 'Access token',
    'data-testid': 'sign-in-token',
  });
  const show = h('input', { type: 'checkbox', 'data-testid': 'sign-in-show' });
  show.addEventListener('change', () => (input.type = show.checked ? 'text' : 'password'));
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'sign-in-error', hidden: true });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'sign-in-submit' }, 'Sign in');
  const showError = (text: string | null) => {
    error.hidden = text === null;
    error.textContent = text ?? '';
  };

  const form = h(
    'form',
    { class: 'sign-in panel', 'data-testid': 'sign-in-form', novalidate: true },
    h('div', { class: 'sign-in-head' }, svg(icons.key, 'icon sign-in-icon'), h('h1', { text: 'Sign in to PdM Console' })),
    options.message ? h('p', { class: 'sign-in-reason', 'data-testid': 'sign-in-reason' }, svg(icons.alertCircle), options.message) : null,
    h(
      'p',
      { class: 'sign-in-help' },
      'Paste an access token; an admin creates tokens with ',
      h('code', { class: 'mono', text: TOKEN_COMMAND }),
      '. The sign-in link that ',
      h('code', { class: 'mono', text: 'npm start' }),
      ' prints signs you in as well.',
    ),
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'Access token' }), input),
    h('label', { class: 'check' }, show, h('span', { text: 'Show the token' })),
    error,
    h('div', { class: 'form-actions' }, submit),
  );

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const token = normalizeToken(input.value);
    if (!token) {
      showError('That does not look like an access token (they start with pdm_).');
      input.focus();
      return;
    }
    showError(null);
    submit.disabled = true;
    submit.classList.add('is-busy');
    try {
      const me = await getMe({ token });
      options.onSignedIn(token, me);
    } catch (err) {
      showError(err instanceof ApiRequestError && err.status === 401 ? `Not signed in: ${err.message}` : describeError(err));
      input.select();
    } finally {
      submit.disabled = false;
      submit.classList.remove('is-busy');
    }
  });
  queueMicrotask(() => input.focus());
  return h('section', { class: 'page sign-in-page', 'data-testid': 'view-sign-in' }, form);
}
